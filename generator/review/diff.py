"""Compare two OpenAPI specs operation by operation, for a client of the connector.

Operations are matched by method and path. An operation only in the new spec is *added*, only
in the old one *removed* (always breaking), in both with differences *changed*. The differences
of a changed operation, each a `Change` with a stable `kind`:

==============================  =============================================================
kind                            breaking for a client when
==============================  =============================================================
parameter-added                 the new parameter is required
parameter-removed               always (callers pass it)
parameter-required              always (made required); parameter-optional: never
request-body-added              the new body is required; request-body-removed: always
request-body-required           always; request-body-optional: never
request-content-type-added      never; request-content-type-removed: always
response-content-type-added     never; response-content-type-removed: always
response-status-changed         never (every 2xx is a success)
P-type-changed                  always, except a parameter or request value becoming nullable,
                                or a response value no longer nullable
P-enum-value-added              for responses (the typed client does not know the value)
P-enum-value-removed            for parameters and requests (callers may send it)
P-enum-added                    for parameters and requests (values are now restricted)
P-enum-removed                  for responses (any value may come back)
P-property-added                it is required, in a parameter or request
P-property-removed              always
P-property-required             in parameters and requests; P-property-optional: in responses
==============================  =============================================================

P is `parameter`, `request` or `response`. A change's `location` reads like
`query parameter status`, `request application/json $.line_items[].quantity` or
`response 200 application/json $.results[].id`. Schemas are compared through `$ref`s and
`allOf`, by type, format, nullable, enum, required and properties, into `items`.

Given the manifest, each operation lists the manifest entries binding it (directly or as a
drop-down's source), and `ManifestImpact` says which entries are touched (a bound operation
changed or removed, or an enum they read by JSON pointer changed), which bindings no longer
resolve in the new spec (`inputs/crosscheck.py`), and which added operations no entry binds yet.

`SpecDiff.examples` lists the examples of the new spec that contradict their schemas
(`generator/inputs/examples.py`), as warnings: the diff is reported all the same.

`generator/review/diff_report.py` renders a `SpecDiff` as text, Markdown or JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..inputs.crosscheck import cross_check
from ..inputs.examples import check_examples
from ..inputs.manifest import Manifest
from ..model import openapi
from ..problems import InputError, Problem
from .diff_operation import Change, OperationComparer

Key = tuple[str, str]  # (METHOD, path)
Side = Mapping[Key, tuple[Mapping[str, Any], Mapping[str, Any]]]
Changes = tuple[Change, ...]


@dataclass(frozen=True)
class OperationChange:
    """An added, removed or changed operation, with the keys of the manifest entries binding it."""

    method: str
    path: str
    operation_id: str
    breaking: bool
    changes: tuple[Change, ...] = ()
    manifest: tuple[str, ...] = ()

    @property
    def binding(self) -> str:
        return openapi.binding(self.method, self.path)


@dataclass(frozen=True)
class Touched:
    """A manifest entry and what in the diff reaches it (bindings, enum pointers)."""

    key: str
    name: str
    by: tuple[str, ...]


@dataclass(frozen=True)
class ManifestImpact:
    """What a diff does to the manifest in `file` (see the module docstring)."""

    file: str
    touched: tuple[Touched, ...]
    broken: tuple[Problem, ...]
    unused: tuple[str, ...]


@dataclass(frozen=True)
class SpecInfo:
    """One side of a diff: the file as the user named it, and its `info` title and version."""

    file: str
    title: str
    version: str


@dataclass(frozen=True)
class SpecDiff:
    """Everything `diff` reports; operations sorted by path, then method."""

    old: SpecInfo
    new: SpecInfo
    added: tuple[OperationChange, ...]
    removed: tuple[OperationChange, ...]
    changed: tuple[OperationChange, ...]
    manifest: ManifestImpact | None
    # the new spec's examples that contradict their schemas (warnings)
    examples: tuple[Problem, ...] = ()

    @property
    def breaking(self) -> tuple[OperationChange, ...]:
        """The removed and changed operations that break a caller."""
        return tuple(op for op in (*self.removed, *self.changed) if op.breaking)


def compare_specs(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    labels: tuple[str, str] = ("old", "new"),
    manifest: Manifest | None = None,
    manifest_file: str = "",
) -> SpecDiff:
    """The diff from `old` to `new`; raise `InputError` on a `$ref` that leads nowhere."""
    olds = {(m, p): (op, item) for m, p, op, item in openapi.iter_operations(old)}
    news = {(m, p): (op, item) for m, p, op, item in openapi.iter_operations(new)}
    bound = _bound_by(manifest)
    comparer = OperationComparer(old, new, labels)

    def record(key: Key, side: Side, breaking: bool, changes: Changes = ()) -> OperationChange:
        operation_id = str(side[key][0].get("operationId", ""))
        keys = tuple(bound.get(openapi.binding(*key), ()))
        return OperationChange(*key, operation_id, breaking, changes, keys)

    added = [record(key, news, False) for key in _ordered(set(news) - set(olds))]
    removed = [record(key, olds, True) for key in _ordered(set(olds) - set(news))]
    changed = []
    for key in _ordered(set(olds) & set(news)):
        changes = comparer.compare(olds[key], news[key])
        if changes:
            changed.append(record(key, news, any(c.breaking for c in changes), changes))
    if comparer.problems:
        raise InputError(comparer.problems)
    impact = None
    if manifest is not None:
        reached = {op.binding for op in (*removed, *changed)}
        impact = _impact(old, new, manifest, (manifest_file, labels[1]), added, reached)
    infos = _info(old, labels[0]), _info(new, labels[1])
    examples = tuple(check_examples(new, labels[1]))
    return SpecDiff(*infos, tuple(added), tuple(removed), tuple(changed), impact, examples)


def _info(spec: Mapping[str, Any], file: str) -> SpecInfo:
    info = spec.get("info")
    info = info if isinstance(info, Mapping) else {}
    return SpecInfo(file, str(info.get("title") or ""), str(info.get("version") or ""))


def _ordered(keys: set[tuple[str, str]]) -> list[tuple[str, str]]:
    methods = [m.upper() for m in openapi.HTTP_METHODS]
    return sorted(keys, key=lambda key: (key[1], methods.index(key[0])))


def _bound_by(manifest: Manifest | None) -> dict[str, list[str]]:
    """Binding -> keys of the manifest entries that bind it (directly or as a drop-down's source)."""
    bound: dict[str, list[str]] = {}
    for entry in manifest.entries if manifest is not None else ():
        for binding in entry.bindings:
            bound.setdefault(binding, []).append(entry.key)
    return bound


def _enum_at(spec: Mapping[str, Any], pointer: str) -> Any:
    try:
        node = openapi.resolve(spec, openapi.pointer_get(spec, pointer))
    except openapi.PointerError:
        return None
    return node.get("enum") if isinstance(node, Mapping) else None


def _impact(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    manifest: Manifest,
    files: tuple[str, str],
    added: list[OperationChange],
    reached: set[str],
) -> ManifestImpact:
    """What the diff does to the manifest; `files` names the manifest and the new spec."""
    touched = []
    for entry in manifest.entries:
        by = [b for b in entry.bindings if b in reached]
        by += [p for p in entry.pointers if _enum_at(old, p) != _enum_at(new, p)]
        if by:
            touched.append(Touched(entry.key, entry.name, tuple(by)))
    bound = _bound_by(manifest)
    unused = tuple(op.binding for op in added if op.binding not in bound)
    broken = tuple(cross_check(new, manifest, files[1], files[0]))
    return ManifestImpact(files[0], tuple(touched), broken, unused)
