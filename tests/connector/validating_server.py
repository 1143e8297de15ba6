"""A loopback LeafLink stand-in that validates every request against the pinned spec.

Served by werkzeug on 127.0.0.1 (port 0). Each request is checked with openapi-core against
`specs/leaflink-v2.openapi.yaml`; a request the spec would reject is answered 400 and recorded
in `server.rejected`, so tests fail on it. An accepted request gets a response synthesised from
the operation's success schema (every property filled in), itself checked against the spec.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "specs" / "leaflink-v2.openapi.yaml"
API_PREFIX = "/api/v2"
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Received:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    operation: str | None


@dataclass
class ValidatingServer:
    spec: dict[str, Any]
    base_url: str = ""
    received: list[Received] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    invalid_responses: list[str] = field(default_factory=list)
    openapi: OpenAPI | None = None

    def __post_init__(self) -> None:
        self._routes = [
            (re.compile("^" + re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$"), path, method)
            for path, item in self.spec["paths"].items()
            for method in METHODS
            if method in item
        ]

    def operations_called(self) -> set[str]:
        return {r.operation for r in self.received if r.operation}

    def __call__(self, environ: Mapping[str, Any], start_response: Any) -> Iterator[bytes]:
        request = Request(environ)
        body = request.get_data(cache=True)
        route = self._route(request.method.lower(), request.path)
        self.received.append(
            Received(request.method, request.path, request.query_string.decode(), dict(request.headers), body, route and f"{request.method} {route[0]}")
        )
        response = self._answer(request, route)
        return response(environ, start_response)

    def _route(self, method: str, path: str) -> tuple[str, str] | None:
        if not path.startswith(API_PREFIX):
            return None
        local = path[len(API_PREFIX) :]
        for pattern, template, candidate in self._routes:
            if candidate == method and pattern.match(local):
                return template, method
        return None

    def _answer(self, request: Request, route: tuple[str, str] | None) -> Response:
        assert self.openapi is not None, "start() sets the validator"
        result = self.openapi.unmarshal_request(WerkzeugOpenAPIRequest(request))
        if route is None or result.errors:
            problems = "; ".join(_describe(error) for error in result.errors) or "no such operation"
            self.rejected.append(f"{request.method} {request.full_path}: {problems}")
            return Response(f'{{"detail": "rejected by the spec: {problems}"}}', status=400, content_type="application/json")
        template, method = route
        status, payload = synthesise_response(self.spec, self.spec["paths"][template][method])
        if payload is None:
            response = Response(status=int(status))
        else:
            response = Response(json.dumps(payload), status=int(status), content_type="application/json")
        checked = self.openapi.unmarshal_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
        if checked.errors:
            self.invalid_responses.append(f"{method.upper()} {template}: " + "; ".join(_describe(e) for e in checked.errors))
        return response


def _describe(error: BaseException) -> str:
    causes = [str(error)]
    for attr in ("schema_errors", "__cause__"):
        nested = getattr(error, attr, None)
        if isinstance(nested, (list, tuple)):
            causes += [getattr(e, "message", str(e)) for e in nested]
        elif nested is not None:
            causes.append(_describe(nested))
    return " / ".join(causes)


def synthesise_response(spec: Mapping[str, Any], operation: Mapping[str, Any]) -> tuple[str, Any]:
    """(status, JSON payload or None) for the operation's lowest 2xx response."""
    status = sorted(code for code in operation["responses"] if str(code).startswith("2"))[0]
    content = operation["responses"][status].get("content") or {}
    if "application/json" not in content:
        return str(status), None
    payload = example(spec, content["application/json"]["schema"])
    if isinstance(payload, dict) and {"count", "next", "results"} <= set(payload):
        payload.update(count=len(payload["results"]), next=None, previous=None)  # a single, last page
    return str(status), payload


_FORMATS = {
    "date-time": "2026-07-01T12:00:00Z",
    "date": "2026-07-01",
    "uuid": "0b7c2b4e-8d8e-4f6a-9c55-3f1f6f1d2a10",
    "decimal": "12.50",
    "uri": "https://example.com/resource/1",
    "email": "buyer@example.com",
}


def example(spec: Mapping[str, Any], schema: Mapping[str, Any], depth: int = 0, request: bool = False) -> Any:
    """A value valid for `schema`, with every property present (depth-limited).

    For a request (`request=True`) read-only properties are left out, as a client would.
    """
    schema = _resolve(spec, schema)
    if "enum" in schema:
        return next(value for value in schema["enum"] if value is not None)
    if "type" not in schema and ("anyOf" in schema or "oneOf" in schema):
        return example(spec, (schema.get("anyOf") or schema["oneOf"])[0], depth, request)  # the first branch
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = example(spec, part, depth, request)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 6:
            return {}
        properties = (schema.get("properties") or {}).items()
        return {
            name: example(spec, prop, depth + 1, request)
            for name, prop in properties
            if not (request and _resolve(spec, prop).get("readOnly"))
        }
    if kind == "array":
        return [] if depth > 6 else [example(spec, schema.get("items") or {}, depth + 1, request)]
    if kind == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if kind == "number":
        return float(schema.get("minimum", 1.5)) if "minimum" in schema else 1.5
    if kind == "boolean":
        return True
    if kind == "string":
        text = _FORMATS.get(schema.get("format", ""), "text")
        min_length = int(schema.get("minLength", 0))
        max_length = int(schema.get("maxLength", 10**6))
        return (text + "x" * max(0, min_length - len(text)))[:max_length]
    return None


def _resolve(spec: Mapping[str, Any], schema: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in schema:
        schema = _pointer(spec, schema["$ref"])
    return schema


def _pointer(spec: Mapping[str, Any], ref: str) -> Mapping[str, Any]:
    node: Any = spec
    for part in ref.lstrip("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _form_part(value: bytes) -> Any:
    """A multipart form part as the value it spells: `b"1"` -> 1, `b"text"` -> "text".

    openapi-core reads each part of a multipart body as text/plain and never casts it to the
    property's type, so an integer field sent as the form part "1" would be rejected (the same
    limitation as python-openapi/openapi-core#700 for urlencoded bodies). Our spec's form fields
    are integers and a binary file; strings in the tests never look like numbers.
    """
    text = value.decode("utf-8", errors="replace")
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    return parsed if isinstance(parsed, (int, float, bool)) else text


@dataclass
class Running:
    server: ValidatingServer
    thread: threading.Thread
    httpd: Any

    def stop(self) -> None:
        self.httpd.shutdown()
        self.thread.join(timeout=5)


def start(spec_path: Path = SPEC_PATH) -> Running:
    """Serve a validating stand-in on 127.0.0.1; its `base_url` is what clients use."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    app = ValidatingServer(spec)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    app.base_url = f"http://127.0.0.1:{httpd.server_port}{API_PREFIX}"
    validating_spec = copy.deepcopy(spec)
    validating_spec["servers"] = [{"url": app.base_url}]
    config = Config(extra_media_type_deserializers={"text/plain": _form_part})
    app.openapi = OpenAPI.from_dict(validating_spec, config=config)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return Running(app, thread, httpd)
