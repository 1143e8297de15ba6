"""The intermediate model: everything the templates need, and nothing of the raw spec.

Plain frozen dataclasses built once by `build.py`; templates and the catalogue read only these.
JSON Schemas are kept as plain dicts (they go to `catalogue.json` as they are).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["call", "ddl", "local", "raw"]


@dataclass(frozen=True)
class Parameter:
    """A keyword argument of a generated method: a path or query parameter, or a form field."""

    api_name: str
    python_name: str
    location: Literal["path", "query", "form", "file"]
    required: bool
    annotation: str  # the Python type, without `| None`
    description: str
    schema: dict[str, Any]  # JSON Schema of the value


@dataclass(frozen=True)
class Body:
    """The request body of a call."""

    content_type: str
    required: bool
    model: str | None  # model class for a JSON body; None for a form
    description: str
    schema: dict[str, Any]


@dataclass(frozen=True)
class Response:
    """What a successful call returns."""

    status: str
    model: str | None  # the model class (the item's, for a page); None when there is no body
    paginated: bool
    schema: dict[str, Any]


@dataclass(frozen=True)
class DdlOption:
    text: str
    value: Any


@dataclass(frozen=True)
class DdlSource:
    """Where a drop-down's options come from."""

    source: Literal["endpoint", "enum", "static"]
    method: str | None = None  # endpoint source: the paged list it walks
    path: str | None = None
    text: tuple[str, ...] = ()
    value: str | None = None
    distinct: bool = False
    options: tuple[DdlOption, ...] = ()  # enum and static sources, resolved at generation time


@dataclass(frozen=True)
class Operation:
    """One manifest entry, resolved against the spec."""

    key: str
    name: str
    description: str
    kind: Kind
    method: str | None = None
    path: str | None = None
    summary: str = ""
    details: str = ""  # the spec's description of the endpoint
    parameters: tuple[Parameter, ...] = ()
    body: Body | None = None
    form: tuple[Parameter, ...] = ()  # multipart fields, when the body is a form
    response: Response | None = None
    ddl: DdlSource | None = None
    resource: str | None = None  # the `resources/` module it lives in; None for `raw`
    values: tuple[Any, ...] = ()  # kind "local": the values it serves
    input_schema: dict[str, Any] = field(default_factory=dict)
    output_schema: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Resource:
    """A group of operations: one module `resources/<module>.py` of a sync and an async mixin."""

    name: str  # snake_case, from the manifest entries' `resource` (or their binding)
    module: str  # `name`, with a `_` added when it is a Python keyword
    class_name: str  # `<Name>Mixin`, and `Async<Name>Mixin`
    operations: tuple[Operation, ...]  # in manifest order


@dataclass(frozen=True)
class SourceFile:
    """An input file as the generated headers name it: file name and sha256."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Connector:
    """The whole intermediate model."""

    title: str
    api_version: str
    version: str  # the `leaflink` distribution's version (`build.package_version`)
    operations: tuple[Operation, ...]  # sorted by key
    resources: tuple[Resource, ...]  # in manifest order of their first operation
    definitions: dict[str, Any]  # JSON Schemas of the components, for the catalogue's $defs
    model_spec: dict[str, Any]  # the spec as given to datamodel-code-generator (enums named)
    params_spec: dict[
        str, Any
    ]  # the request bodies' schemas, as sent: for the TypedDicts of `params.py`
    sources: tuple[SourceFile, ...]
    renames: tuple[str, ...] = ()  # name collisions resolved, reported to the user
