"""Read-only helpers over a parsed OpenAPI document: operations, local `$ref`s, JSON pointers.

Shared by the validator, the model builder and the diff, so each of them reads the raw spec the
same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, cast

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class PointerError(LookupError):
    """A JSON pointer or `$ref` that does not lead anywhere in the document."""


def pointer_get(document: Any, pointer: str) -> Any:
    """Return the node at a `#/a/b` JSON pointer (RFC 6901 escapes understood)."""
    if not pointer.startswith("#"):
        raise PointerError(f"{pointer!r} is not a local reference (it must start with '#/')")
    node = document
    for raw in pointer[1:].split("/")[1:]:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise PointerError(f"{pointer!r} does not resolve: no {part!r}")
    return node


def resolve(document: Any, node: Any, limit: int = 50) -> Any:
    """Follow `$ref` chains from `node` until a node without `$ref` (cycles end in PointerError)."""
    seen = 0
    while isinstance(node, Mapping) and "$ref" in node:
        seen += 1
        if seen > limit:
            raise PointerError(f"{node['$ref']!r} is part of a $ref cycle")
        node = pointer_get(document, node["$ref"])
    return node


def binding(method: str, path: str) -> str:
    """The manifest's spelling of an endpoint: `GET /orders-received/`."""
    return f"{method.upper()} {path}"


def iter_operations(
    spec: Mapping[str, Any],
) -> Iterator[tuple[str, str, Mapping[str, Any], Mapping[str, Any]]]:
    """Yield (METHOD, path, operation, path item) for every operation, in document order."""
    for path, item in (spec.get("paths") or {}).items():
        if not isinstance(item, Mapping):
            continue
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, Mapping):
                yield method.upper(), path, operation, item


def find_operation(
    spec: Mapping[str, Any], bound: str
) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    """The (operation, path item) a `METHOD /path/` binding names, or None."""
    method, _, path = bound.partition(" ")
    item = (spec.get("paths") or {}).get(path)
    if not isinstance(item, Mapping):
        return None
    operation = item.get(method.lower())
    return (operation, item) if isinstance(operation, Mapping) else None


def merged_parameters(
    operation: Mapping[str, Any],
    path_item: Mapping[str, Any],
    resolve_node: Callable[[Any], Any],
) -> dict[tuple[str, str], Mapping[str, Any]]:
    """The parameters of an operation by (in, name): the path item's and the operation's merged.

    An operation's parameter replaces the path item's of the same location and name, in the
    place where that (in, name) is first declared. `resolve_node` follows a `$ref`; what it
    does not resolve to a mapping is left out.
    """
    merged: dict[tuple[str, str], Mapping[str, Any]] = {}
    for raw in [
        *(path_item.get("parameters") or []),
        *(operation.get("parameters") or []),
    ]:
        parameter = resolve_node(raw)
        if isinstance(parameter, Mapping):
            merged[(str(parameter.get("in")), str(parameter.get("name")))] = parameter
    return merged


def success_response(
    operation: Mapping[str, Any],
) -> tuple[str, Mapping[str, Any]] | None:
    """The lowest 2xx response of an operation as (status, response)."""
    codes = sorted(
        str(code) for code in (operation.get("responses") or {}) if str(code).startswith("2")
    )
    return (
        (
            codes[0],
            operation["responses"][_original_key(operation["responses"], codes[0])],
        )
        if codes
        else None
    )


def _original_key(mapping: Mapping[Any, Any], text: str) -> Any:
    return next(key for key in mapping if str(key) == text)


def json_schema_of(document: Any, holder: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The resolved schema of the JSON content of a response or request body, or None."""
    content = resolve(document, holder).get("content") or {}
    media = content.get("application/json")
    if not isinstance(media, Mapping) or "schema" not in media:
        return None
    return cast(Mapping[str, Any] | None, resolve(document, media["schema"]))


def page_item_schema(document: Any, operation: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The resolved item schema of a LeafLink page ({count, next, previous, results}), or None."""
    response = success_response(operation)
    if response is None:
        return None
    schema = json_schema_of(document, response[1])
    properties = (schema or {}).get("properties") or {}
    if not {"count", "next", "results"} <= set(properties):
        return None
    results = resolve(document, properties["results"])
    if results.get("type") != "array" or "items" not in results:
        return None
    return cast(Mapping[str, Any] | None, resolve(document, results["items"]))


def schema_properties(document: Any, schema: Mapping[str, Any]) -> dict[str, Any]:
    """The properties of an object schema, merging `allOf` parts."""
    properties: dict[str, Any] = {}
    for part in schema.get("allOf") or []:
        properties.update(schema_properties(document, resolve(document, part)))
    properties.update(schema.get("properties") or {})
    return properties
