"""The operation catalogue: every operation of the connector as data, read from `catalogue.json`.

`OPERATIONS` maps each operation's key to an immutable `Operation` record (key, name,
description, method, path, kind, input and output JSON Schemas, pagination and drop-down
details). `run()` on the clients and the command line are driven by it, so they need no
per-operation code.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

import pydantic

from ._inputs import check_arguments
from ._pagination import AsyncPage, SyncPage
from ._response import APIResponse
from ._tolerant import ResponseMismatch, received_json, recorded_mismatches

OperationKind = Literal["call", "ddl", "local", "raw"]


@dataclass(frozen=True)
class Operation:
    """One operation of the connector, as the catalogue describes it."""

    key: str
    name: str
    description: str
    kind: OperationKind
    method: str | None
    path: str | None
    input_schema: Mapping[str, Any]
    output_schema: Mapping[str, Any]
    pagination: Mapping[str, Any] | None
    ddl: Mapping[str, Any] | None
    definitions: Mapping[str, Any]
    """The schemas `input_schema` and `output_schema` refer to as `#/$defs/Name`."""

    def check_input(self, arguments: Mapping[str, Any] | None) -> dict[str, Any]:
        """Return `arguments` as keyword arguments of the operation's method, or raise
        `InputValidationError` naming the field: the method's own check (`_inputs`)."""
        from ._client import LeafLink  # the catalogue is loaded by the client module

        data = dict(arguments or {})
        check_arguments(getattr(LeafLink, self.key), data)
        return data


class Catalogue(Mapping[str, Operation]):
    """A read-only mapping from operation key to `Operation`, also searchable by name."""

    def __init__(
        self,
        operations: Mapping[str, Operation] | Callable[[], Mapping[str, Operation]],
    ) -> None:
        """`operations`, or a function that reads them on first use (as `OPERATIONS` does:
        parsing `catalogue.json` is a tenth of `import leaflink`, which a client does not need).
        """
        self._source = operations

    @cached_property
    def _operations(self) -> Mapping[str, Operation]:
        source = self._source
        return MappingProxyType(dict(source() if callable(source) else source))

    @cached_property
    def _by_name(self) -> dict[str, Operation]:
        return {op.name.casefold(): op for op in self._operations.values()}

    def __getitem__(self, key: str) -> Operation:
        return self._operations[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._operations)

    def __len__(self) -> int:
        return len(self._operations)

    def find(self, operation: str) -> Operation:
        """The operation with this key or name (case-insensitive), or KeyError with a suggestion."""
        found = self._operations.get(operation) or self._by_name.get(operation.casefold())
        if found is not None:
            return found
        candidates = [*self._operations, *(o.name for o in self._operations.values())]
        close = difflib.get_close_matches(operation, candidates, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise KeyError(f"no operation {operation!r}{hint}")


def load_catalogue() -> Catalogue:
    """Read `catalogue.json` from this package."""
    return Catalogue(_read_operations())


def _read_operations() -> dict[str, Operation]:
    text = resources.files(__package__).joinpath("catalogue.json").read_text(encoding="utf-8")
    data = json.loads(text)
    definitions = MappingProxyType(data["$defs"])
    return {
        entry["key"]: Operation(
            key=entry["key"],
            name=entry["name"],
            description=entry["description"],
            kind=entry["kind"],
            method=entry.get("method"),
            path=entry.get("path"),
            input_schema=entry["input_schema"],
            output_schema=entry["output_schema"],
            pagination=entry.get("pagination"),
            ddl=entry.get("ddl"),
            definitions=definitions,
        )
        for entry in data["operations"]
    }


def to_json(result: object) -> object:
    """A result of any operation as plain JSON: exactly what LeafLink sent.

    A result parsed from an answer (a model, a page or an item of one) gives back the JSON
    it was parsed from, unknown fields, numbers and dates as sent; anything else (a model
    built in code, a drop-down's options) is dumped as the output schema describes.
    """
    received = received_json(result, None)
    if received is not None:
        return received
    if isinstance(result, pydantic.BaseModel):
        return result.model_dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)
    if isinstance(result, (SyncPage, AsyncPage)):
        return {
            "count": result.count,
            "next": result.next,
            "previous": result.previous,
            "results": [to_json(item) for item in result.results],
        }
    if isinstance(result, APIResponse):
        try:
            return result.json()
        except ValueError:
            return result.text
    if isinstance(result, list):
        return [to_json(item) for item in result]
    if isinstance(result, Mapping):
        return {str(k): to_json(v) for k, v in result.items()}
    return result


def response_mismatches(result: object) -> tuple[ResponseMismatch, ...]:
    """The fields of the answer behind ``result`` that did not match their declared types.

    ``result`` is an operation's result, an item of a page, or a page (its own mismatches
    and its items'). Each names the operation, the field's path, the declared type and the
    JSON type received. Empty when the answer matched, and always in strict mode, which
    raises instead.
    """
    own = recorded_mismatches(result)
    if isinstance(result, (SyncPage, AsyncPage)):
        return own + tuple(m for item in result.results for m in recorded_mismatches(item))
    return own


OPERATIONS: Catalogue = Catalogue(_read_operations)
"""Every operation of the connector by key: name, description, method, path, schemas."""
