"""Schema transformations: OpenAPI schemas -> JSON Schema, Python annotations, named enums,
and the rewrites that make datamodel-code-generator type a schema as the catalogue does.

Pure functions over plain dicts; `build.py` calls them.
"""

from __future__ import annotations

import copy
import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from . import names
from .literals import literal

COMPONENT_PREFIX = "#/components/schemas/"
DEFS_PREFIX = "#/$defs/"
_DROPPED = {
    "nullable",
    "example",
    "examples",
    "xml",
    "externalDocs",
    "discriminator",
    "deprecated",
}


def ref_name(node: Any) -> str | None:
    """The component name a `{"$ref": "#/components/schemas/X"}` node points to."""
    if isinstance(node, Mapping) and str(node.get("$ref", "")).startswith(COMPONENT_PREFIX):
        return str(node["$ref"])[len(COMPONENT_PREFIX) :]
    return None


def with_class_names(spec: Mapping[str, Any]) -> tuple[Any, list[tuple[str, str]]]:
    """The spec with each component schema under its model class name, and the renames.

    Names come from `names.class_names`; every `$ref` to a renamed component is rewritten. A
    spec whose names all are class names already comes back as it is.
    """
    components = (spec.get("components") or {}).get("schemas") or {}
    final, renames = names.class_names(list(components))
    if not renames:
        return spec, []
    mapping = dict(zip(components, final))
    renamed = copy.deepcopy(dict(spec))
    for node in _mappings(renamed):
        name = ref_name(node)
        if name is not None:
            schema, slash, rest = name.partition("/")
            schema = schema.replace("~1", "/").replace("~0", "~")
            if schema in mapping:
                node["$ref"] = COMPONENT_PREFIX + mapping[schema] + slash + rest
    schemas = renamed["components"]["schemas"]
    renamed["components"]["schemas"] = {mapping[k]: v for k, v in schemas.items()}
    return renamed, renames


def python_aliases(model_spec: Mapping[str, Any]) -> dict[str, str]:
    """Python names for the property names Python would silently change.

    Python reads identifiers in NFKC form, so a field written `º` is the field `o`: such a
    property gets an ASCII name of its own, and keeps its API name as the field's alias.
    """
    aliases: dict[str, str] = {}
    for node in _mappings(model_spec):
        properties = node.get("properties")
        for name in properties if isinstance(properties, Mapping) else ():
            if unicodedata.normalize("NFKC", name) != name:
                aliases[name] = names.safe_identifier(names.snake(name))
    return aliases


def to_json_schema(node: Any) -> Any:
    """An OpenAPI 3.0 schema as JSON Schema (2020-12): refs to `#/$defs/`, `nullable` as a null type.

    A decimal written either way (`is_string_or_number_decimal`) becomes
    `{"type": ["string", "number"], "format": "decimal"}`.
    """
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, Mapping):
        return node
    name = ref_name(node)
    if name is not None:
        return {"$ref": DEFS_PREFIX + name}
    decimal = is_string_or_number_decimal(node)
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED or str(key).startswith("x-"):
            continue
        if decimal and key == "anyOf":
            result["type"], result["format"] = ["string", "number"], "decimal"
            continue
        if key == "format" and value == "binary":
            result["description"] = node.get("description") or "File content."
            continue
        if key in ("properties", "patternProperties", "$defs", "definitions"):
            result[key] = {k: to_json_schema(v) for k, v in value.items()}
        elif key in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"):
            result[key] = to_json_schema(value)
        else:
            result[key] = copy.deepcopy(value)
    if node.get("format") == "binary":
        result.pop("type", None)
    if node.get("nullable") is True:
        if isinstance(result.get("type"), str):
            result["type"] = [result["type"], "null"]
            if "enum" in result and None not in result["enum"]:
                result["enum"] = [*result["enum"], None]
        elif isinstance(result.get("type"), list):
            if "null" not in result["type"]:
                result["type"] = [*result["type"], "null"]
        elif "type" not in result:
            return {"anyOf": [result, {"type": "null"}]}
    return result


# --- decimals LeafLink writes either way ----------------------------------------------------------
#
# LeafLink's file types money amounts (and a few quantities) as decimal strings, while its own
# examples send them as JSON numbers (`"amount": 594`). Our spec says "either", the one way
# OpenAPI 3.0 can:
#
#     anyOf: [{type: string, format: decimal}, {type: number, format: decimal}]
#
# with the field's own keys (description, readOnly, nullable) beside `anyOf`. The generator
# makes that shape one type, a decimal, wherever it goes:
#
# - models.py: `Decimal`. `decimals_for_models` rewrites the shape to `{type: string, format:
#   decimal}` (which datamodel-code-generator types `Decimal`) before the model spec is made.
#   Left as a union, the model could come out as `Decimal | float` (it does when the number
#   branch has no format), and pydantic would then read a JSON number as a float. pydantic's
#   `Decimal` takes an int, a float or a decimal string, and keeps every digit of a string.
# - catalogue.json: `{"type": ["string", "number"], "format": "decimal"}` (`to_json_schema`).

_DECIMAL_BRANCH_KEYS = {"type", "format"}


def is_string_or_number_decimal(node: Any) -> bool:
    """Whether a schema is the decimal above: `anyOf` a decimal string and a (decimal) number.

    The branches may come in either order and the number's `format` may be left out; nothing
    else may sit in a branch, and the schema itself has no `type` or `$ref`.
    """
    if not isinstance(node, Mapping) or "type" in node or "$ref" in node:
        return False
    branches = node.get("anyOf")
    if not (
        isinstance(branches, list)
        and len(branches) == 2
        and all(isinstance(b, Mapping) and set(b) <= _DECIMAL_BRANCH_KEYS for b in branches)
    ):
        return False
    by_type = {branch.get("type"): branch for branch in branches}
    return (
        set(by_type) == {"string", "number"}
        and by_type["string"].get("format") == "decimal"
        and by_type["number"].get("format") in (None, "decimal")
    )


def decimals_for_models(components: Mapping[str, Any]) -> dict[str, Any]:
    """The component schemas with every string-or-number decimal as `{type: string, format: decimal}`.

    For datamodel-code-generator only (it types that `Decimal`); the catalogue keeps both
    branches. The field's own keys stay.
    """
    result = copy.deepcopy(dict(components))
    for node in _mappings(result):
        if is_string_or_number_decimal(node):
            del node["anyOf"]
            node.update(type="string", format="decimal")
    return result


# --- required, and may be null -------------------------------------------------------------------


def required_nulls_for_models(components: Mapping[str, Any]) -> dict[str, Any]:
    """The component schemas with each required, nullable property as `anyOf: [its schema, null]`.

    Such a field must be sent but may be null (LeafLink's POST /products/ example sends
    `maximum_order: null`). With the flags datamodel-code-generator runs with, it would type the
    field `str`, refusing the null; `anyOf` with `{type: "null"}` makes it `str | None`, still
    required. Run after `name_inline_schemas`, so that an inline enum or object is a `$ref` by
    then; the field's own keys (description, readOnly, default) stay beside `anyOf`.
    """
    result = copy.deepcopy(dict(components))
    for node in _mappings(result):
        properties = node.get("properties")
        required = node.get("required")
        if isinstance(properties, dict) and isinstance(required, list):
            for name in required:
                field = properties.get(name)
                if isinstance(field, dict) and field.get("nullable") is True:
                    inner = {
                        k: v for k, v in field.items() if k not in _FIELD_ONLY and k != "nullable"
                    }
                    outer = {k: v for k, v in field.items() if k in _FIELD_ONLY and k != "nullable"}
                    properties[name] = {"anyOf": [inner, {"type": "null"}], **outer}
    return result


def request_side(components: Mapping[str, Any], roots: list[str]) -> dict[str, Any]:
    """The component schemas a request body of `roots` uses, as a client sends them.

    Only the components reachable from `roots` (through `$ref`), each without its `readOnly`
    properties (LeafLink sets those; a body that names one is refused). For the TypedDicts of
    request bodies (`params.py`).
    """
    reachable: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in reachable or name not in components:
            continue
        reachable.add(name)
        stack.extend(filter(None, map(ref_name, _mappings(components[name]))))
    free_form = {name for name in reachable if _is_free_form(components[name])}
    result = {}
    for component in sorted(reachable - free_form, key=list(components).index):
        schema = copy.deepcopy(components[component])
        for node in _mappings(schema):
            referenced = ref_name(node)
            if referenced in free_form:  # a map, not a TypedDict of no keys
                del node["$ref"]
                node.update(copy.deepcopy(components[referenced]))
            properties = node.get("properties")
            if isinstance(properties, dict):
                written = {
                    key: value
                    for key, value in properties.items()
                    if not (isinstance(value, dict) and value.get("readOnly"))
                }
                node["properties"] = written
                if isinstance(node.get("required"), list):
                    node["required"] = [n for n in node["required"] if n in written]
        result[component] = schema
    return result


def _is_free_form(schema: Any) -> bool:
    keys = ("properties", "allOf", "anyOf", "oneOf", "items", "enum")
    return schema.get("type") == "object" and not any(key in schema for key in keys)


def _mappings(tree: Any) -> Iterator[Any]:
    """Every mapping of `tree`, at any depth (inside lists too). Each is yielded before its
    values are visited, so a caller may change them in place as it goes."""
    stack: list[Any] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def python_type(schema: Mapping[str, Any]) -> str:
    """The Python annotation for a parameter or form field schema (resolved, no `$ref`)."""
    values = [value for value in schema.get("enum") or [] if value is not None]
    if values and all(isinstance(value, (str, int)) for value in values):
        return "Literal[" + ", ".join(map(literal, values)) + "]"
    kind = schema.get("type")
    if schema.get("format") == "binary":
        return "FileContent"
    if kind == "array":
        return f"list[{python_type(schema.get('items') or {})}]"
    return {
        "integer": "int",
        "number": "float",
        "boolean": "bool",
        "string": "str",
        "object": "dict[str, Any]",
    }.get(kind or "", "Any")


# --- query parameters: what a caller may pass ----------------------------------------------------
#
# LeafLink's list filters follow Django-filter's conventions, and our spec types them so: a
# comma-separated list is an array (`style: form, explode: false`, sent as `1,2`), a date or
# datetime filter has `format: date` or `date-time`, a yes/no filter is a boolean. A caller may
# give an array's one item instead of a list, a `date` or `datetime` or an ISO 8601 string for a
# date filter; `_encoding.encode_query` writes each as LeafLink reads it.

QUERY_DATE_TYPES = {"date-time": "datetime", "date": "date"}
"""The Python type of a query parameter of each string format, beside `str` (datetime module)."""


def query_type(schema: Mapping[str, Any]) -> str:
    """The Python annotation of a query parameter (resolved schema, no `$ref`).

    An array takes a list or one item (`list[int] | int`); a date-time string takes a
    `datetime` or a string (`datetime | str`), a date a `date` or a string; the rest is
    `python_type`.
    """
    if schema.get("type") == "array":
        item = _query_item_type(schema.get("items") or {})
        return f"list[{item}] | {item}"
    return _query_item_type(schema)


def _query_item_type(schema: Mapping[str, Any]) -> str:
    date_type = QUERY_DATE_TYPES.get(str(schema.get("format")))
    if schema.get("type") == "string" and date_type and not schema.get("enum"):
        return f"{date_type} | str"
    return python_type(schema)


def query_json_schema(schema: Mapping[str, Any], description: str) -> dict[str, Any]:
    """The catalogue's JSON Schema of a query parameter: as `query_type`, an array or one item.

    `{"anyOf": [{"type": "array", "items": X}, X], "description": ...}` for an array; the
    description stays outside `anyOf`, where `leaflink describe` reads it.
    """
    converted: dict[str, Any] = to_json_schema(
        {**schema, **({"description": description} if description else {})}
    )
    if schema.get("type") != "array":
        return converted
    described = {"description": converted.pop("description")} if description else {}
    return {"anyOf": [converted, converted["items"]], **described}


def name_inline_schemas(components: Mapping[str, Any]) -> dict[str, Any]:
    """Hoist every inline enum and object of the component schemas into a named component.

    datamodel-code-generator would otherwise name them itself (`Status1`, `SalePrice3`). A schema
    is named after its field (`listing_state` -> `ListingState`; array items in the singular,
    `documents` -> `Document`) when every field of that name has the same schema; otherwise the
    name is qualified by the schema it sits in (`OrderCreateStatus`, `OrderResponseStatus`).
    Identical schemas under one field name share one component. Each enum gets
    `x-enum-varnames`, the readable member names datamodel-code-generator then uses.
    """
    result = copy.deepcopy(dict(components))
    shapes: dict[str, set[str]] = defaultdict(set)
    for schema in result.values():
        for field, node in _inline_children(schema):
            shapes[field].add(_shape(node))
    named: dict[tuple[str, str], str] = {}
    queue = list(result.items())
    while queue:
        parent, schema = queue.pop(0)
        for field, node in _inline_children(schema):
            key = (field, _shape(node))
            if key not in named:
                plain = len(shapes[field]) == 1 and field != "item"
                name = names.pascal(field) if plain else names.pascal(parent) + names.pascal(field)
                while name in result or not names.free_class_name(name):
                    name += "Model" if "enum" not in node else "Enum"
                named[key] = name
                hoisted = {k: copy.deepcopy(v) for k, v in node.items() if k not in _FIELD_ONLY}
                if "enum" in hoisted:
                    hoisted["x-enum-varnames"] = _member_names(node)
                result[name] = hoisted
                queue.append((name, hoisted))
            for extra in [k for k in node if k not in _FIELD_ONLY]:
                del node[extra]
            node["$ref"] = COMPONENT_PREFIX + named[key]
    for schema in result.values():
        if "enum" in schema and "x-enum-varnames" not in schema:
            schema["x-enum-varnames"] = _member_names(schema)
    return result


_FIELD_ONLY = (
    "description",
    "nullable",
    "readOnly",
    "default",
)  # stay on the field, not the type


def _inline_children(schema: Any) -> list[tuple[str, dict[str, Any]]]:
    """(field name, node) for each inline enum or object directly below a schema, in order."""
    children: list[tuple[str, dict[str, Any]]] = []
    if not isinstance(schema, dict):
        return children
    for field, prop in (schema.get("properties") or {}).items():
        if not isinstance(prop, dict) or "$ref" in prop:
            continue
        if _hoistable(prop):
            children.append((field, prop))
        elif prop.get("type") == "array" and _hoistable(prop.get("items")):
            children.append((_singular(field), prop["items"]))
    items = schema.get("items")
    if schema.get("type") == "array" and isinstance(items, dict) and _hoistable(items):
        children.append(("item", items))
    return children


def _hoistable(node: Any) -> bool:
    return (
        isinstance(node, dict)
        and "$ref" not in node
        and ("enum" in node or bool(node.get("properties")))
    )


def _singular(field: str) -> str:
    for plural, single in (("ies", "y"), ("xes", "x"), ("ses", "s"), ("s", "")):
        if field.endswith(plural) and len(field) > len(plural) + 2 and not field.endswith("ss"):
            return field[: -len(plural)] + single
    return field + "_item"


_WORDING = (
    "description",
    "title",
    "readOnly",
    "writeOnly",
    "nullable",
    "example",
    "examples",
    "default",
)


def _shape(node: Any) -> str:
    """What makes two inline schemas the same type: everything but wording and per-field flags."""
    return json.dumps(_structure(node), sort_keys=True, default=str)


def _structure(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _structure(v) for k, v in node.items() if k not in _WORDING}
    if isinstance(node, list):
        return [_structure(v) for v in node]
    return node


def _member_names(schema: Mapping[str, Any]) -> list[str]:
    values = [value for value in schema["enum"] if value is not None]
    labels = names.enum_labels_from_description(schema.get("description", ""), values)
    return names.enum_member_names(values, labels)
