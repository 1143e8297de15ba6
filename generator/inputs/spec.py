"""Check the spec: OpenAPI 3.0/3.1 with local `$ref`s only, valid for openapi-spec-validator,
and every example against its schema (`examples.py`: a contradiction is a warning).

openapi-spec-validator's result and the example checks are cached by the document's content
(`cache.cached_text`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from ..cache import cached_text
from ..model import openapi
from ..problems import Problem, shorten
from .examples import check_examples

EXAMPLE_CHECKER = Path(__file__).resolve().parent / "examples.py"


def check_spec(spec: Any, file: str) -> list[Problem]:
    """Problems openapi-spec-validator finds, each located by its path in the document."""
    return check_spec_shape(spec, file) or validator_problems(spec, file)


def check_spec_shape(spec: Any, file: str) -> list[Problem]:
    """What must hold before openapi-spec-validator may read the document: a mapping, OpenAPI
    3.0 or 3.1, local `$ref`s only that resolve and do not lead back to themselves (else the
    validator would read external files, or recurse forever)."""
    if not isinstance(spec, Mapping):
        return [Problem(file, "", "an OpenAPI document must be a mapping at the top level")]
    version = str(spec.get("openapi", ""))
    if not version.startswith(("3.0.", "3.1.")):
        return [
            Problem(
                file,
                "openapi",
                f"expected OpenAPI 3.0.x or 3.1.x, found {version or 'no version'!r}",
            )
        ]
    return check_references(spec, file)


def validator_problems(spec: Mapping[str, Any], file: str) -> list[Problem]:
    """openapi-spec-validator's findings on a document `check_spec_shape` accepts (cached)."""
    document = json.dumps(spec, sort_keys=True, default=str)
    tool = f"openapi-spec-validator {metadata.version('openapi-spec-validator')}"
    found = json.loads(
        cached_text("openapi-spec-validator", tool, document, lambda: _spec_errors(spec))
    )
    return [Problem(file, where, message) for where, message in found]


def _spec_errors(spec: Mapping[str, Any]) -> str:
    """openapi-spec-validator's findings as JSON [[location, message], ...] (cacheable by content)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(spec.get("openapi", ""))
    validator = (
        OpenAPIV31SpecValidator if version.startswith("3.1.") else OpenAPIV30SpecValidator
    )(spec)
    found = []
    try:
        for error in validator.iter_errors():
            location = "/".join(str(part) for part in getattr(error, "absolute_path", []) or [])
            found.append(
                [
                    location or "(document)",
                    shorten(getattr(error, "message", str(error))),
                ]
            )
    except RecursionError:
        message = "the OpenAPI validator ran out of stack (a schema that contains itself?)"
        found.append(["(document)", message])
    except Exception as error:  # the validator can crash on a badly broken document
        found.append(
            [
                "(document)",
                f"the OpenAPI validator could not read the document: {shorten(str(error))}",
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
            problems.append(Problem(file, where, shorten(message)))
        else:
            chain = _reference_chain(spec, ref)
            if isinstance(chain, str):
                problems.append(Problem(file, where, shorten(chain)))
            elif chain and frozenset(chain) not in cycles:
                cycles.add(frozenset(chain))
                message = "$ref cycle: " + " -> ".join([*chain, chain[0]])
                problems.append(Problem(file, where, shorten(message)))
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
