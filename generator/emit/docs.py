"""What OPERATIONS.md says of an operation beyond the model: its body's fields, and a Python
and a CLI example of a call.

Read from the intermediate model only (an operation and the catalogue's `$defs`). Example
values are the schema's own `example` where it has one, else a plain value of its type; an
example lists the required inputs only.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from typing import Any

from ..model.intermediate import Operation

_FORMATS = {"date": "2026-01-31", "date-time": "2026-01-31T12:00:00Z", "decimal": "1.00"}
_BY_TYPE = {"string": "text", "integer": 1, "number": 1.5, "boolean": True}


@dataclass(frozen=True)
class Field:
    """A field of a request body, as OPERATIONS.md's table lists it."""

    name: str
    type: str
    required: bool
    description: str


def body_fields(op: Operation, definitions: dict[str, Any]) -> list[Field]:
    """The fields a request body may send (read-only ones left out), required first as the
    schema lists them, then the others in the schema's order."""
    if op.body is None or op.body.model is None:
        return []
    schema = _resolve(op.body.schema, definitions)
    required = list(schema.get("required", []))
    properties = schema.get("properties", {})
    names = [n for n in required if n in properties]
    names += [n for n in properties if n not in required]
    return [
        Field(
            name,
            type_of(properties[name]),
            name in required,
            properties[name].get("description", ""),
        )
        for name in names
        if not properties[name].get("readOnly")
    ]


def type_of(schema: dict[str, Any]) -> str:
    """A JSON Schema as a short type name: `integer`, `string (date)`, `array of Brand`."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "enum" in schema:
        values = [json.dumps(v, ensure_ascii=False) for v in schema["enum"]]
        return "one of " + ", ".join(values[:8]) + (", ..." if len(values) > 8 else "")
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return " or ".join(dict.fromkeys(type_of(s) for s in schema[key]))
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        return " or ".join(
            type_of({**schema, "type": k} if k != "null" else {"type": k}) for k in kind
        )
    if kind == "array":
        return f"array of {type_of(schema.get('items', {}))}"
    return f"{kind} ({schema['format']})" if "format" in schema else str(kind)


def example_input(op: Operation, definitions: dict[str, Any]) -> dict[str, Any]:
    """The required inputs of `op` with example values, by Python name (as `run` takes them)."""
    values = {
        p.python_name: _sample(p.schema, definitions, 0)
        for p in op.parameters
        if p.required and p.location != "file"
    }
    if op.body is not None and op.body.model is not None and op.body.required:
        values["body"] = _sample(op.body.schema, definitions, 0)
    return values


def python_example(op: Operation, definitions: dict[str, Any]) -> str:
    """One line calling the operation's method of `client = LeafLink()`."""
    if op.kind == "raw":
        return 'client.raw_request("GET", "/brands/", query={"limit": 10})'
    arguments = [
        f"{name}={_python(value)}" for name, value in example_input(op, definitions).items()
    ]
    arguments += [
        f'{p.python_name}=open("{p.python_name}.jpg", "rb")'
        for p in op.form
        if p.required and p.location == "file"
    ]
    arguments += [
        f"{p.python_name}={_python(_sample(p.schema, definitions, 0))}"
        for p in op.form
        if p.required and p.location == "form"
    ]
    return _fenced(f"client.{op.key}({', '.join(arguments)})")


def cli_example(op: Operation, definitions: dict[str, Any]) -> str:
    """One `leaflink` command running the operation (empty when it needs a file upload)."""
    if any(p.location == "file" for p in op.form):
        return ""
    if op.kind == "ddl":
        return _fenced(f"leaflink ddl {op.key}")
    if op.kind == "raw":
        document: dict[str, Any] = {"method": "GET", "endpoint": "/brands/"}
    else:
        document = example_input(op, definitions)
        document |= {
            p.python_name: _sample(p.schema, definitions, 0)
            for p in op.form
            if p.required and p.location == "form"
        }
    command = f"leaflink run {op.key}"
    if document:
        command += " --input " + shlex.quote(json.dumps(document, ensure_ascii=False))
    return _fenced(command)


def _fenced(line: str) -> str:
    """A line safe in a fenced code block: one line, no fence."""
    return " ".join(line.split("\n")).replace("```", "`\u200b``")


def _python(value: Any) -> str:
    """A JSON value as a Python literal."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_python(k)}: {_python(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_python(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid Python literal, in double quotes
    return repr(value)


def _resolve(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    seen = set()
    while "$ref" in schema and schema["$ref"] not in seen:
        seen.add(schema["$ref"])
        schema = definitions.get(str(schema["$ref"]).rsplit("/", 1)[-1], {})
    return schema


def _sample(schema: dict[str, Any], definitions: dict[str, Any], depth: int) -> Any:
    """An example value of `schema`: its own example, else a plain value of its type."""
    schema = _resolve(schema, definitions)
    if "example" in schema:
        return schema["example"]
    if schema.get("examples"):
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return next((v for v in schema["enum"] if v is not None), schema["enum"][0])
    for key in ("anyOf", "oneOf", "allOf"):
        if schema.get(key):
            options = [s for s in schema[key] if _resolve(s, definitions).get("type") != "null"]
            return _sample((options or schema[key])[0], definitions, depth)
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "array":
        return [] if depth > 3 else [_sample(schema.get("items", {}), definitions, depth + 1)]
    if kind == "object" or "properties" in schema:
        if depth > 3:
            return {}
        properties = schema.get("properties", {})
        return {
            name: _sample(properties.get(name, {}), definitions, depth + 1)
            for name in schema.get("required", [])
            if not properties.get(name, {}).get("readOnly")
        }
    if kind == "string" and schema.get("format") in _FORMATS:
        return _FORMATS[schema["format"]]
    return _BY_TYPE.get(str(kind))
