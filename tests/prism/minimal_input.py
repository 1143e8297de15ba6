"""The smallest valid `client.run()` input of an operation, derived from its input schema.

Only what is required: path parameters, required query parameters, and of a required body only
its required fields (recursively). Each value comes from the schema: its `const`, first `enum`
value, `example`, `default`, or a placeholder fitting its type, format and bounds, so that both
the client's own input check and Prism's validation against LeafLink's file accept it.
`HAND_PICKED` overrides the few values no schema can tell.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from leaflink import OPERATIONS

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16

# Values the schemas cannot produce, by operation key and input field.
HAND_PICKED: dict[str, dict[str, Any]] = {
    # a multipart file part: the input schema leaves it untyped (any file content); run() takes bytes
    "upload_product_image": {"image": ("image.png", PNG, "image/png")},
    "upload_batch_document": {"document": ("coa.png", PNG, "image/png")},
}

_STRINGS_BY_FORMAT = {
    "date-time": "2026-07-01T12:00:00Z",
    "date": "2026-07-01",
    "time": "12:00:00",
    "uuid": "0b7c6f0e-3f7a-4c59-9d4e-6a1c2b3d4e5f",
    "email": "buyer@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "decimal": "1.00",
}


def minimal_input(key: str) -> dict[str, Any]:
    operation = OPERATIONS[key]
    schema = operation.input_schema
    definitions = operation.definitions
    hand_picked = HAND_PICKED.get(key, {})
    arguments = {
        name: (
            hand_picked[name]
            if name in hand_picked
            else minimal_value(schema["properties"][name], definitions)
        )
        for name in schema.get("required", [])
    }
    return arguments


def minimal_value(schema: Mapping[str, Any], definitions: Mapping[str, Any]) -> Any:
    schema = _resolve(schema, definitions)
    if "allOf" in schema:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            part = _resolve(part, definitions)
            merged.setdefault("properties", {}).update(part.get("properties", {}))
            merged["required"] = [*merged.get("required", []), *part.get("required", [])]
            for keyword, value in part.items():
                merged.setdefault(keyword, value)
        return minimal_value(merged, definitions)
    for union in ("oneOf", "anyOf"):
        if union in schema:
            branches = [_resolve(b, definitions) for b in schema[union]]
            return minimal_value(next(b for b in branches if b.get("type") != "null"), definitions)
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return next((value for value in schema["enum"] if value is not None), None)
    for keyword in ("example", "default"):
        if schema.get(keyword) is not None:
            return schema[keyword]
    if schema.get("examples"):
        return schema["examples"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or (kind is None and "properties" in schema):
        properties = schema.get("properties", {})
        return {
            name: minimal_value(properties.get(name, {}), definitions)
            for name in schema.get("required", [])
        }
    if kind == "array":
        return [
            minimal_value(schema.get("items", {}), definitions)
            for _ in range(schema.get("minItems", 0))
        ]
    if kind == "integer":
        return _number(schema, 1)
    if kind == "number":
        return float(_number(schema, 1))
    if kind == "boolean":
        return True
    if kind == "string":
        value = _STRINGS_BY_FORMAT.get(schema.get("format", ""), "test")
        return value.ljust(schema.get("minLength", 0), "x")[
            : schema.get("maxLength", len(value)) or None
        ]
    if kind == "null":
        return None
    return "test"


def _number(schema: Mapping[str, Any], preferred: int) -> int:
    value = preferred
    if "minimum" in schema:
        value = max(value, int(schema["minimum"]))
    if "exclusiveMinimum" in schema:
        value = max(value, int(schema["exclusiveMinimum"]) + 1)
    if "maximum" in schema:
        value = min(value, int(schema["maximum"]))
    return value


def _resolve(schema: Mapping[str, Any], definitions: Mapping[str, Any]) -> Mapping[str, Any]:
    seen = set()
    while "$ref" in schema:
        reference = schema["$ref"]
        if reference in seen:
            raise ValueError(f"cyclic $ref {reference}")
        seen.add(reference)
        name = reference.rsplit("/", 1)[1]
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**definitions[name], **rest}
    return schema
