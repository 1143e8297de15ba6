"""Check the manifest against its JSON Schema, then read it into typed entries, once.

`check_manifest` reports one problem per offending entry and field; `parse_manifest` turns a
manifest that passed it into a `Manifest` of frozen `ManifestEntry`s, which everything after
the check reads (the cross-checks, the model builder, the diff, `manifest add-unbound`).
`check_reference_names` compares the entries' names with `reference-operations.txt` when one
lies beside the manifest.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from ..problems import InputError, Problem, shorten
from .load import read_document

MANIFEST_SCHEMA = Path(__file__).resolve().parents[2] / "specs" / "operations.schema.json"
REFERENCE_LIST = "reference-operations.txt"
# How alike a name beyond the reference list and a missing reference name must be to be taken
# for a misspelling of it ("Get brnad" for "Get brand", not "Get batch").
MISSPELT = 0.85


@dataclass(frozen=True)
class DdlSettings:
    """Where a drop-down's {text, value} options come from: an entry's `ddl`."""

    source: str
    """`endpoint` (a list endpoint, every page), `enum` (an enum of the spec) or `static`."""
    binds: str | None = None
    """endpoint: the list endpoint, `GET /path/`."""
    text: tuple[str, ...] = ()
    """endpoint: the item fields shown as the label, joined by spaces."""
    value: str | None = None
    """endpoint: the item field stored as the value."""
    distinct: bool = False
    """endpoint: offer each value once."""
    pointer: str | None = None
    """enum: the JSON pointer to the schema holding the enum."""
    labels: tuple[tuple[str, str], ...] = ()
    """enum: (value, label) for the values that have a label."""
    options: tuple[tuple[str, Any], ...] = ()
    """static: (text, value) of each option."""


@dataclass(frozen=True)
class ManifestEntry:
    """One entry of the manifest's `operations`, as written (see `operations.schema.json`)."""

    index: int
    """Its position in `operations`."""
    name: str
    key: str
    kind: str
    """`call`, `ddl`, `local` or `raw`."""
    description: str
    resource: str | None = None
    """The resource as written; `names.resource_of` supplies the default."""
    binds: str | None = None
    """call: the endpoint, `METHOD /path/`."""
    ddl: DdlSettings | None = None
    local_enum: str | None = None
    """local: the JSON pointer to the enum served."""

    @property
    def where(self) -> str:
        """How a problem locates the entry: `operations[3] (Get batch)`."""
        return f"operations[{self.index}] ({self.name})"

    @property
    def bindings(self) -> tuple[str, ...]:
        """The endpoints the entry uses: its `binds`, then its drop-down's."""
        found = (self.binds, self.ddl.binds if self.ddl else None)
        return tuple(binding for binding in found if binding is not None)

    @property
    def pointers(self) -> tuple[str, ...]:
        """The enums of the spec the entry reads, by JSON pointer."""
        found = (self.ddl.pointer if self.ddl else None, self.local_enum)
        return tuple(pointer for pointer in found if pointer is not None)


@dataclass(frozen=True)
class Manifest:
    """The manifest's entries in order, and the connector's release for the pinned API."""

    entries: tuple[ManifestEntry, ...]
    release: int = 0


def read_manifest(path: Path) -> Manifest:
    """The manifest at `path`, checked against its JSON Schema; raise `InputError` otherwise."""
    raw = read_document(path)
    problems = check_manifest(raw, str(path))
    if problems:
        raise InputError(problems)
    return parse_manifest(raw)


def parse_manifest(raw: Mapping[str, Any]) -> Manifest:
    """The typed form of a manifest that `check_manifest` found nothing wrong with."""
    entries = tuple(_parse_entry(index, entry) for index, entry in enumerate(raw["operations"]))
    return Manifest(entries, int(raw.get("release", 0)))


def _parse_entry(index: int, entry: Mapping[str, Any]) -> ManifestEntry:
    ddl = entry.get("ddl")
    return ManifestEntry(
        index=index,
        name=entry["name"],
        key=entry["key"],
        kind=entry["kind"],
        description=entry["description"],
        resource=entry.get("resource"),
        binds=entry.get("binds"),
        ddl=_parse_ddl(ddl) if ddl is not None else None,
        local_enum=entry["local"]["enum"] if "local" in entry else None,
    )


def _parse_ddl(ddl: Mapping[str, Any]) -> DdlSettings:
    text = ddl.get("text", ())
    return DdlSettings(
        source=ddl["source"],
        binds=ddl.get("binds"),
        text=(text,) if isinstance(text, str) else tuple(text),
        value=ddl.get("value"),
        distinct=bool(ddl.get("distinct")),
        pointer=ddl.get("pointer"),
        labels=tuple((str(k), v) for k, v in (ddl.get("labels") or {}).items()),
        options=tuple((o["text"], o["value"]) for o in ddl.get("options") or ()),
    )


def check_manifest(manifest: Any, file: str) -> list[Problem]:
    """Problems against the manifest's JSON Schema, one per offending entry and field."""
    schema = json.loads(MANIFEST_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in validator.iter_errors(manifest):
        if error.validator == "oneOf" and error.context:
            error = _branch_error(error)
        path = list(error.absolute_path)
        message = error.message
        if error.validator is None and error.schema is False:  # a field the entry's kind forbids
            entry = _entry(manifest, path)
            field = next((k for k, v in entry.items() if v is error.instance), "this field")
            message = f"{field!r} is not allowed in an entry of kind {entry.get('kind', '?')!r}"
        problems.append(Problem(file, _manifest_location(manifest, path), shorten(message)))
    return problems


def _branch_error(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For a `oneOf` failure, the error of the branch the instance meant (the one whose `source` fits)."""
    branches: dict[Any, list[jsonschema.ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    meant = next(
        (subs for subs in branches.values() if not any(e.validator == "const" for e in subs)),
        None,
    )
    if meant is None:  # no branch's `source` fits: report what is wrong besides the source
        meant = [e for e in error.context or [] if e.validator != "const"]
    return jsonschema.exceptions.best_match(meant) or error


def _entry(manifest: Any, path: list[Any]) -> Mapping[str, Any]:
    entries = manifest.get("operations") if isinstance(manifest, Mapping) else None
    if (
        len(path) >= 2
        and isinstance(entries, list)
        and isinstance(path[1], int)
        and path[1] < len(entries)
    ):
        entry = entries[path[1]]
        return entry if isinstance(entry, Mapping) else {}
    return {}


def _manifest_location(manifest: Any, path: list[Any]) -> str:
    if len(path) >= 2 and path[0] == "operations" and isinstance(path[1], int):
        entries = manifest.get("operations") or []
        entry = entries[path[1]] if path[1] < len(entries) else {}
        label = entry.get("name") if isinstance(entry, Mapping) else None
        head = f"operations[{path[1]}]" + (f" ({label})" if label else "")
        return ".".join([head, *(str(p) for p in path[2:])])
    return ".".join(str(p) for p in path) or "(document)"


def check_reference_names(manifest: Manifest, manifest_path: Path) -> list[Problem]:
    """When `reference-operations.txt` lies beside the manifest, the manifest offers every name of it.

    Names beyond the list are additions (operations the existing connector lacks) and welcome;
    one that looks like a misspelling of a missing reference name is reported as not in the list."""
    reference_path = manifest_path.parent / REFERENCE_LIST
    if not reference_path.is_file():
        return []
    lines = reference_path.read_text(encoding="utf-8").splitlines()
    reference = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    names = [entry.name for entry in manifest.entries]
    file = str(manifest_path)
    problems = [
        Problem(
            file,
            f"operation {name!r}",
            f"missing: the reference list {REFERENCE_LIST} has it",
        )
        for name in reference
        if name not in names
    ]
    missing = [name for name in reference if name not in names]
    problems += [
        Problem(
            file,
            f"operation {name!r}",
            f"not in the reference list {REFERENCE_LIST}",
            f"did you mean {close[0]!r}?",
        )
        for name in names
        if name not in reference
        and (close := difflib.get_close_matches(name, missing, n=1, cutoff=MISSPELT))
    ]
    return problems
