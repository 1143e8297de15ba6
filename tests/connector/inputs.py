"""Valid arguments for any operation, built from the pinned spec (not the generated code)."""

from __future__ import annotations

from typing import Any

import yaml

from leaflink import OPERATIONS

from .validating_server import SPEC_PATH, example

SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def spec_operation(method: str, path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    item = SPEC["paths"][path]
    return item[method.lower()], item


def arguments_for(key: str) -> dict[str, Any]:
    """Valid keyword arguments for every input of an operation, built from the pinned spec."""
    operation = OPERATIONS[key]
    spec_op, item = spec_operation(operation.method, operation.path)
    by_api_name = {}
    for parameter in [*item.get("parameters", []), *spec_op.get("parameters", [])]:
        while "$ref" in parameter:
            parameter = SPEC["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        by_api_name[parameter["name"]] = example(SPEC, parameter["schema"], request=True)
    content = spec_op.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        for name, schema in content["multipart/form-data"]["schema"]["properties"].items():
            by_api_name[name] = PNG if schema.get("format") == "binary" else example(SPEC, schema, request=True)
    arguments: dict[str, Any] = {}
    for python_name in operation.input_schema["properties"]:
        if python_name == "body":
            arguments["body"] = example(SPEC, content["application/json"]["schema"], request=True)
        else:
            api_name = next(n for n in by_api_name if n in (python_name, python_name.rstrip("_")))
            arguments[python_name] = by_api_name[api_name]
    return arguments
