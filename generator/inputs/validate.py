"""Validate the inputs: the spec, the manifest, and every cross-reference between them.

The spec is checked by openapi-spec-validator, then every example in it against its schema
(`generator/inputs/examples.py`: a contradiction is an error here).

Every problem is collected; `load_inputs` raises one `InputError` carrying all of them, so a
user fixing a manifest sees everything at once.
"""

from __future__ import annotations

import ast
import difflib
import functools
import hashlib
import json
import keyword
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import jsonschema

from ..model import openapi
from ..cache import cached_text
from .examples import check_examples
from .load import read_document
from ..problems import InputError, Problem

MANIFEST_SCHEMA = (
    Path(__file__).resolve().parents[2] / "specs" / "operations.schema.json"
)
CLIENT_RUNTIME = (
    Path(__file__).resolve().parents[2] / "templates" / "runtime" / "_base_client.py"
)
REFERENCE_LIST = "reference-operations.txt"
# How alike a name beyond the reference list and a missing reference name must be to be taken
# for a misspelling of it ("Get brnad" for "Get brand", not "Get batch").
MISSPELT = 0.85
EXAMPLE_CHECKER = Path(__file__).resolve().parent / "examples.py"


@dataclass(frozen=True)
class Inputs:
    """The two validated input documents and the names the user gave their files."""

    spec: Mapping[str, Any]
    manifest: Mapping[str, Any]
    spec_file: str
    manifest_file: str
    warnings: tuple[Problem, ...] = ()
    """Examples of the spec that contradict their schemas (see `examples`): reported only."""


def load_inputs(spec_path: Path, manifest_path: Path) -> Inputs:
    """Read and validate both inputs; raise `InputError` with every problem found."""
    problems: list[Problem] = []
    spec = _read(spec_path, problems)
    manifest = _read(manifest_path, problems)
    if spec is not None:
        problems += check_spec(spec, str(spec_path))
    if manifest is not None:
        problems += check_manifest(manifest, str(manifest_path))
    if problems:
        raise InputError(problems)
    assert spec is not None and manifest is not None
    problems += cross_check(spec, manifest, str(spec_path), str(manifest_path))
    problems += check_reference_names(manifest, manifest_path)
    if problems:
        raise InputError(problems)
    warnings = tuple(check_spec_examples(spec, str(spec_path)))
    return Inputs(spec, manifest, str(spec_path), str(manifest_path), warnings)


def _read(path: Path, problems: list[Problem]) -> Any:
    try:
        return read_document(path)
    except InputError as error:
        problems += error.problems
        return None


def check_spec(spec: Any, file: str) -> list[Problem]:
    """Problems openapi-spec-validator finds, each located by its path in the document."""
    if not isinstance(spec, Mapping):
        return [
            Problem(file, "", "an OpenAPI document must be a mapping at the top level")
        ]
    version = str(spec.get("openapi", ""))
    if not version.startswith(("3.0.", "3.1.")):
        return [
            Problem(
                file,
                "openapi",
                f"expected OpenAPI 3.0.x or 3.1.x, found {version or 'no version'!r}",
            )
        ]
    reference_problems = check_references(spec, file)
    if (
        reference_problems
    ):  # the validator would read external files, or recurse forever
        return reference_problems
    document = json.dumps(spec, sort_keys=True, default=str)
    tool = f"openapi-spec-validator {metadata.version('openapi-spec-validator')}"
    found = json.loads(
        cached_text(
            "openapi-spec-validator", tool, document, lambda: _spec_errors(spec)
        )
    )
    return [Problem(file, where, message) for where, message in found]


def _spec_errors(spec: Mapping[str, Any]) -> str:
    """openapi-spec-validator's findings as JSON [[location, message], ...] (cacheable by content)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(spec.get("openapi", ""))
    validator = (
        OpenAPIV31SpecValidator
        if version.startswith("3.1.")
        else OpenAPIV30SpecValidator
    )(spec)
    found = []
    try:
        for error in validator.iter_errors():
            location = "/".join(
                str(part) for part in getattr(error, "absolute_path", []) or []
            )
            found.append(
                [
                    location or "(document)",
                    _short(getattr(error, "message", str(error))),
                ]
            )
    except RecursionError:
        message = (
            "the OpenAPI validator ran out of stack (a schema that contains itself?)"
        )
        found.append(["(document)", message])
    except Exception as error:  # the validator can crash on a badly broken document
        found.append(
            [
                "(document)",
                f"the OpenAPI validator could not read the document: {_short(str(error))}",
            ]
        )
    return json.dumps(found)


def check_spec_examples(spec: Mapping[str, Any], file: str) -> list[Problem]:
    """`examples.check_examples`, cached by the document's content like `check_spec`.

    A hit skips importing openapi-schema-validator (~150 ms, through pydantic-settings) when
    openapi-spec-validator's result came from the cache too. The key holds the checker's own
    source, so a change to it is never answered by an old result.
    """
    document = json.dumps(spec, sort_keys=True, default=str)
    checker = hashlib.sha256(EXAMPLE_CHECKER.read_bytes()).hexdigest()[:16]
    tool = (
        f"examples {checker} openapi-schema-validator "
        f"{metadata.version('openapi-schema-validator')} jsonschema {metadata.version('jsonschema')}"
    )

    def compute() -> str:
        found = check_examples(spec, "")
        return json.dumps([[p.where, p.message, p.hint] for p in found])

    found = json.loads(cached_text("examples", tool, document, compute))
    return [Problem(file, where, message, hint) for where, message, hint in found]


def check_references(spec: Mapping[str, Any], file: str) -> list[Problem]:
    """Every `$ref` is local (`#/...`), resolves, and does not lead back to itself.

    Checked before openapi-spec-validator reads the document: that validator would follow a
    `file:` or `http:` reference (reading local files, reaching the network), and recurses
    until the stack runs out on a chain of references that never reaches a schema.
    """
    problems, cycles = [], set()
    for where, ref in _references(spec):
        if not isinstance(ref, str):
            problems.append(Problem(file, where, "$ref must be a string"))
        elif not ref.startswith("#"):
            message = f"$ref {ref!r} is not a local reference ('#/...'); external documents are never read"
            problems.append(Problem(file, where, _short(message)))
        else:
            chain = _reference_chain(spec, ref)
            if isinstance(chain, str):
                problems.append(Problem(file, where, _short(chain)))
            elif chain and frozenset(chain) not in cycles:
                cycles.add(frozenset(chain))
                message = "$ref cycle: " + " -> ".join([*chain, chain[0]])
                problems.append(Problem(file, where, _short(message)))
    return problems


def _references(spec: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """(location, value) of every `$ref` in the document, in document order."""
    found, stack = [], [(spec, "")]
    while stack:
        node, where = stack.pop()
        if isinstance(node, Mapping):
            if "$ref" in node:
                found.append((where or "(document)", node["$ref"]))
            children = [(v, f"{where}/{k}".lstrip("/")) for k, v in node.items()]
        elif isinstance(node, list):
            children = [(v, f"{where}/{i}".lstrip("/")) for i, v in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))
    return found


def _reference_chain(spec: Mapping[str, Any], ref: str) -> str | list[str] | None:
    """None when `ref` leads to a node; the looping refs for a cycle; else what is wrong."""
    chain: list[str] = []
    while ref not in chain:
        chain.append(ref)
        try:
            node = openapi.pointer_get(spec, ref)
        except openapi.PointerError as error:
            return f"$ref {error}"
        if not (isinstance(node, Mapping) and isinstance(node.get("$ref"), str)):
            return None
        ref = node["$ref"]
        if not ref.startswith("#"):
            return None  # reported where it is written
    return chain[chain.index(ref) :]


def _short(message: str, limit: int = 300) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 3] + "..."


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
        if (
            error.validator is None and error.schema is False
        ):  # a field the entry's kind forbids
            entry = _entry(manifest, path)
            field = next(
                (k for k, v in entry.items() if v is error.instance), "this field"
            )
            message = f"{field!r} is not allowed in an entry of kind {entry.get('kind', '?')!r}"
        problems.append(
            Problem(file, _manifest_location(manifest, path), _short(message))
        )
    return problems


def _branch_error(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """For a `oneOf` failure, the error of the branch the instance meant (the one whose `source` fits)."""
    branches: dict[Any, list[jsonschema.ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    meant = next(
        (
            subs
            for subs in branches.values()
            if not any(e.validator == "const" for e in subs)
        ),
        None,
    )
    if (
        meant is None
    ):  # no branch's `source` fits: report what is wrong besides the source
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


def cross_check(
    spec: Mapping[str, Any], manifest: Mapping[str, Any], spec_file: str, file: str
) -> list[Problem]:
    """Everything the manifest says about the spec must hold in the spec."""
    entries = manifest["operations"]
    problems = []
    for field in ("name", "key"):
        for value, count in Counter(entry[field] for entry in entries).items():
            if count > 1:
                problems.append(
                    Problem(
                        file,
                        f"{field} {value!r}",
                        f"used by {count} entries; {field}s must be unique",
                    )
                )
    bindings = sorted(
        openapi.binding(m, p) for m, p, _, _ in openapi.iter_operations(spec)
    )
    for index, entry in enumerate(entries):
        where = f"operations[{index}] ({entry['name']})"
        if entry["kind"] != "raw" and entry["key"] in reserved_keys():
            message = f"key {entry['key']!r} is a Python keyword or a name of the client itself"
            problems.append(Problem(file, f"{where}.key", message))
        if "binds" in entry:
            problems += _check_binding(
                spec, bindings, entry["binds"], file, f"{where}.binds", spec_file
            )
        ddl = entry.get("ddl") or {}
        if ddl.get("source") == "endpoint":
            found = _check_binding(
                spec, bindings, ddl["binds"], file, f"{where}.ddl.binds", spec_file
            )
            problems += found or _check_ddl_fields(
                spec, ddl, file, f"{where}.ddl", spec_file
            )
        if ddl.get("source") == "enum":
            problems += _check_enum(
                spec,
                ddl["pointer"],
                ddl.get("labels") or {},
                file,
                f"{where}.ddl",
                spec_file,
            )
        if "local" in entry:
            problems += _check_enum(
                spec, entry["local"]["enum"], {}, file, f"{where}.local", spec_file
            )
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
    ddl: Mapping[str, Any],
    file: str,
    where: str,
    spec_file: str,
) -> list[Problem]:
    found = openapi.find_operation(spec, ddl["binds"])
    assert found is not None
    item = openapi.page_item_schema(spec, found[0])
    if item is None:
        return [
            Problem(
                file,
                f"{where}.binds",
                f"{ddl['binds']} does not answer a page of results in {spec_file}",
            )
        ]
    fields = sorted(openapi.schema_properties(spec, item))
    texts = [ddl["text"]] if isinstance(ddl["text"], str) else ddl["text"]
    problems = []
    for role, name in [*(("text", t) for t in texts), ("value", ddl["value"])]:
        if name not in fields:
            message = f"the items of {ddl['binds']} have no field {name!r}"
            problems.append(
                Problem(file, f"{where}.{role}", message, _did_you_mean(name, fields))
            )
    return problems


def _check_enum(
    spec: Mapping[str, Any],
    pointer: str,
    labels: Mapping[str, str],
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


def check_reference_names(
    manifest: Mapping[str, Any], manifest_path: Path
) -> list[Problem]:
    """When `reference-operations.txt` lies beside the manifest, the manifest offers every name of it.

    Names beyond the list are additions (operations the existing connector lacks) and welcome;
    one that looks like a misspelling of a missing reference name is reported as not in the list."""
    reference_path = manifest_path.parent / REFERENCE_LIST
    if not reference_path.is_file():
        return []
    lines = reference_path.read_text(encoding="utf-8").splitlines()
    reference = [
        line.strip() for line in lines if line.strip() and not line.startswith("#")
    ]
    names = [entry["name"] for entry in manifest["operations"]]
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
