"""Drift a documented LeafLink answer the ways live answers drift from the spec.

Field by field, cycling through the kinds of drift: a null, a number for a string, a string
for a number, an object for a list, an empty or unexpected object, an enum value the spec does
not know; plus a field the spec does not know and a required field missing. Used by
`test_drift.py` and by `make bench` (the cost of parsing a drifted page).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .validating_server import _resolve

UNKNOWN_ENUM_VALUE = "Brand-New-Value"
NEW_FIELD = {"added": ["by", "LeafLink"], "ratio": 1.5, "flag": True}


def drifted(
    spec: Mapping[str, Any], item: dict[str, Any], schema: Mapping[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """`item` with every field drifted (cycling through the kinds of drift), a field the spec
    does not know, and its first required field dropped; and the name of that field."""
    schema = _resolve(spec, schema)
    parts = [schema, *(_resolve(spec, part) for part in schema.get("allOf", []))]
    properties = {k: v for part in parts for k, v in part.get("properties", {}).items()}
    required = [name for part in parts for name in part.get("required", [])]
    out: dict[str, Any] = {}
    for index, (name, value) in enumerate(item.items()):
        out[name] = _drift(value, _resolve(spec, properties.get(name, {})), index)
    out["zz_new_field"] = NEW_FIELD
    dropped = next((name for name in required if name in out), None)
    if dropped is not None:
        del out[dropped]
    return out, dropped


def _drift(value: Any, schema: Any, index: int) -> Any:
    if "enum" in schema and isinstance(value, str):
        return UNKNOWN_ENUM_VALUE
    if index % 5 == 0:
        return None
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, (int, float)):
        return f"{value} units"
    if isinstance(value, str):
        return 4231
    if isinstance(value, dict):
        return {} if index % 2 else {"unexpected": [1, "two"]}
    if isinstance(value, list):
        return {"not": "a list"}
    return [value]
