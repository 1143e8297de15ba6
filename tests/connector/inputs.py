"""Valid arguments for any operation, built from the pinned spec (not the generated code)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from leaflink import OPERATIONS
from tests.filter_repairs import FilterClass, Wire, classes_of

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


# --- the list filters, from the hand-written table of tests/filter_repairs.py ---------------------


def required_arguments(key: str) -> dict[str, Any]:
    """`arguments_for` narrowed to the required inputs (path parameters, a required body)."""
    required = set(OPERATIONS[key].input_schema.get("required", []))
    return {name: value for name, value in arguments_for(key).items() if name in required}


def filter_arguments(binding: str, wire: Mapping[FilterClass, Wire], form: str) -> dict[str, Any]:
    """Every repaired filter of one operation ("GET /path/"), each given its class's value from
    `wire` as a Python caller (`form="python"`) or a JSON input (`form="json"`) writes it."""
    return {name: getattr(wire[cls], form) for name, cls in classes_of(binding).items()}


def expected_query(binding: str, wire: Mapping[FilterClass, Wire]) -> dict[str, str]:
    """What LeafLink must receive for `filter_arguments`: each filter's decoded query value."""
    return {name: wire[cls].sent for name, cls in classes_of(binding).items()}
