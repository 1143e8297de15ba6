"""Cross-check the manifest against the spec: everything an entry says of the spec holds in it.

Names and keys are unique, a key is no Python keyword nor a name of the client, every binding
names an operation of the spec, a drop-down's fields are fields of the items its endpoint
answers, and every enum pointer leads to an enum holding the labelled values.
"""

from __future__ import annotations

import ast
import difflib
import functools
import keyword
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..model import openapi
from ..problems import Problem
from .manifest import DdlSettings, Manifest

CLIENT_RUNTIME = Path(__file__).resolve().parents[2] / "templates" / "runtime" / "_base_client.py"


def cross_check(
    spec: Mapping[str, Any], manifest: Manifest, spec_file: str, file: str
) -> list[Problem]:
    """Everything the manifest says about the spec must hold in the spec."""
    problems = []
    for field in ("name", "key"):
        counts = Counter(getattr(entry, field) for entry in manifest.entries)
        for value, count in counts.items():
            if count > 1:
                problems.append(
                    Problem(
                        file,
                        f"{field} {value!r}",
                        f"used by {count} entries; {field}s must be unique",
                    )
                )
    bindings = sorted(openapi.binding(m, p) for m, p, _, _ in openapi.iter_operations(spec))
    for entry in manifest.entries:
        where = entry.where
        if entry.kind != "raw" and entry.key in reserved_keys():
            message = f"key {entry.key!r} is a Python keyword or a name of the client itself"
            problems.append(Problem(file, f"{where}.key", message))
        if entry.binds is not None:
            problems += _check_binding(
                spec, bindings, entry.binds, file, f"{where}.binds", spec_file
            )
        ddl = entry.ddl
        if ddl is not None and ddl.source == "endpoint":
            assert ddl.binds is not None
            found = _check_binding(spec, bindings, ddl.binds, file, f"{where}.ddl.binds", spec_file)
            problems += found or _check_ddl_fields(spec, ddl, file, f"{where}.ddl", spec_file)
        if ddl is not None and ddl.source == "enum":
            assert ddl.pointer is not None
            labels = [value for value, _ in ddl.labels]
            problems += _check_enum(spec, ddl.pointer, labels, file, f"{where}.ddl", spec_file)
        if entry.local_enum is not None:
            problems += _check_enum(spec, entry.local_enum, (), file, f"{where}.local", spec_file)
    return problems


@functools.cache
def reserved_keys() -> frozenset[str]:
    """Names an operation key cannot take: keywords, and what the client classes define.

    A key is the name of a method of `LeafLink`: `close` or `api_key` would replace the
    client's own. The runtime's client classes are read from their source (methods, class
    attributes, `self.` attributes); `run` comes from the template.
    """
    tree = ast.parse(CLIENT_RUNTIME.read_text(encoding="utf-8"))
    names = {"run", *keyword.kwlist}
    for cls in tree.body:
        if not (isinstance(cls, ast.ClassDef) and cls.name.endswith("Client")):
            continue
        for statement in cls.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(statement.name)
            targets = statement.targets if isinstance(statement, ast.Assign) else []
            if isinstance(statement, ast.AnnAssign):
                targets = [statement.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        names.update(
            node.attr
            for node in ast.walk(cls)
            if isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        )
    return frozenset(names)


def _check_binding(
    spec: Mapping[str, Any],
    bindings: list[str],
    bound: str,
    file: str,
    where: str,
    spec_file: str,
) -> list[Problem]:
    if openapi.find_operation(spec, bound) is not None:
        return []
    method, _, path = bound.partition(" ")
    if path in (spec.get("paths") or {}):
        methods = sorted(m for m, p, _, _ in openapi.iter_operations(spec) if p == path)
        return [
            Problem(
                file,
                where,
                f"{spec_file} has no {method} on {path}",
                f"it has {', '.join(methods)}",
            )
        ]
    return [
        Problem(
            file,
            where,
            f"{spec_file} has no operation {bound!r}",
            _did_you_mean(bound, bindings),
        )
    ]


def _did_you_mean(word: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def _check_ddl_fields(
    spec: Mapping[str, Any],
    ddl: DdlSettings,
    file: str,
    where: str,
    spec_file: str,
) -> list[Problem]:
    assert ddl.binds is not None and ddl.value is not None
    found = openapi.find_operation(spec, ddl.binds)
    assert found is not None
    item = openapi.page_item_schema(spec, found[0])
    if item is None:
        return [
            Problem(
                file,
                f"{where}.binds",
                f"{ddl.binds} does not answer a page of results in {spec_file}",
            )
        ]
    fields = sorted(openapi.schema_properties(spec, item))
    problems = []
    for role, name in [*(("text", t) for t in ddl.text), ("value", ddl.value)]:
        if name not in fields:
            message = f"the items of {ddl.binds} have no field {name!r}"
            problems.append(Problem(file, f"{where}.{role}", message, _did_you_mean(name, fields)))
    return problems


def _check_enum(
    spec: Mapping[str, Any],
    pointer: str,
    labels: Iterable[str],
    file: str,
    where: str,
    spec_file: str,
) -> list[Problem]:
    try:
        node = openapi.resolve(spec, openapi.pointer_get(spec, pointer))
    except openapi.PointerError as error:
        return [Problem(file, where, f"{error} in {spec_file}")]
    values = node.get("enum") if isinstance(node, Mapping) else None
    if not values:
        return [Problem(file, where, f"{pointer} in {spec_file} has no enum")]
    texts = [str(v) for v in values]
    return [
        Problem(
            file,
            f"{where}.labels.{label}",
            f"{label!r} is not a value of {pointer}",
            _did_you_mean(str(label), texts),
        )
        for label in labels
        if str(label) not in texts
    ]
