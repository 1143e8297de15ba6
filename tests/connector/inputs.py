"""Valid arguments for any operation, and the request they mean, built from the pinned spec and
the hand-written answer key (tests/connector/answer_key.py), not from the generated code."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import yaml

from leaflink import OPERATIONS
from tests.filter_repairs import FilterClass, Wire, classes_of

from .answer_key import ENDPOINTS
from .validating_server import SPEC_PATH, example

SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def spec_operation(method: str, path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    item = SPEC["paths"][path]
    return item[method.lower()], item


def binding(key: str) -> tuple[str, str]:
    """(METHOD, /path/) of an operation, as the answer key has it."""
    method, path = ENDPOINTS[OPERATIONS[key].name].split(" ")
    return method, path


def _parameters(key: str) -> list[dict[str, Any]]:
    spec_op, item = spec_operation(*binding(key))
    found = []
    for parameter in [*item.get("parameters", []), *spec_op.get("parameters", [])]:
        while "$ref" in parameter:
            parameter = SPEC["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        found.append(parameter)
    return found


def arguments_for(key: str) -> dict[str, Any]:
    """Valid keyword arguments for every input of an operation, built from the pinned spec."""
    operation = OPERATIONS[key]
    spec_op, item = spec_operation(*binding(key))
    by_api_name = {}
    for parameter in [*item.get("parameters", []), *spec_op.get("parameters", [])]:
        while "$ref" in parameter:
            parameter = SPEC["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        by_api_name[parameter["name"]] = example(SPEC, parameter["schema"], request=True)
    content = spec_op.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        for name, schema in content["multipart/form-data"]["schema"]["properties"].items():
            by_api_name[name] = (
                PNG if schema.get("format") == "binary" else example(SPEC, schema, request=True)
            )
    arguments: dict[str, Any] = {}
    for python_name in operation.input_schema["properties"]:
        if python_name == "body":
            arguments["body"] = example(SPEC, content["application/json"]["schema"], request=True)
        else:
            api_name = next(n for n in by_api_name if n in (python_name, python_name.rstrip("_")))
            arguments[python_name] = by_api_name[api_name]
    return arguments


@dataclass
class Sent:
    """A request as LeafLink receives it: the decoded query holds each parameter's values."""

    method: str
    path: str
    query: dict[str, list[str]]
    json: Any = None
    form: frozenset[str] = frozenset()


def _scalar(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def expected_request(key: str, arguments: Mapping[str, Any]) -> Sent:
    """What LeafLink must receive when the operation is called with `arguments`, by the spec:
    path parameters in the path, each query parameter given (style form: a list comma-joined
    unless `explode`), the JSON body as given, or the names of the multipart fields."""
    method, template = binding(key)
    spec_op, _ = spec_operation(method, template)
    by_api_name = {
        api: value
        for python, value in arguments.items()
        for api in {python, python.rstrip("_")}
        if value is not None
    }
    path, query = template, {}
    for parameter in _parameters(key):
        name = parameter["name"]
        if name not in by_api_name:
            continue
        value = by_api_name[name]
        if parameter["in"] == "path":
            path = path.replace("{" + name + "}", quote(_scalar(value), safe=""))
        elif parameter["in"] == "query":
            if isinstance(value, (list, tuple)):
                explode = parameter.get("explode", parameter.get("style", "form") == "form")
                query[name] = (
                    [_scalar(v) for v in value]
                    if explode
                    else [",".join(_scalar(v) for v in value)]
                )
            else:
                query[name] = [_scalar(value)]
    content = spec_op.get("requestBody", {}).get("content", {})
    body = arguments.get("body")
    if "application/json" in content and body is not None:
        return Sent(method, path, query, json=json.loads(json.dumps(body)))
    if "multipart/form-data" in content:
        fields = content["multipart/form-data"]["schema"]["properties"]
        return Sent(
            method, path, query, form=frozenset(n for n in fields if by_api_name.get(n) is not None)
        )
    return Sent(method, path, query)


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
