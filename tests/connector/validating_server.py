"""A loopback LeafLink stand-in that validates every request against the pinned spec.

Served by werkzeug on 127.0.0.1 (port 0). Each request is checked with openapi-core against
`specs/leaflink-v2.openapi.yaml`; a request the spec would reject is answered 400 and recorded
in `server.rejected`, so tests fail on it. An accepted request gets a response synthesised from
the operation's success schema, itself checked against the spec (a response the spec would not
allow is recorded in `server.invalid_responses`); what was sent is kept in `server.served`.

How the responses look is set per test (the `server` fixture puts the defaults back):
- `style`: "plain" (every property, first enum value, "text" and 1: stable values other tests
  read), "distinct" (every property, each integer and string different from the others in the
  payload, so that a drop-down valued by the wrong field shows) or "sparse" (distinct values,
  with optional properties left out in turn, nullable ones null, later enum values and anyOf
  branches, some nested arrays empty);
- `pages`: how many pages (of one item each, never the same) a list that takes `offset` answers with;
- `tamper`: a function applied to a payload before it is sent (to check that a bad response is
  flagged).
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

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
    served: list[Any] = field(default_factory=list)
    style: str = "plain"
    pages: int = 1
    tamper: Callable[[Any], Any] | None = None
    openapi: OpenAPI | None = None

    def reset(self) -> None:
        """Forget what was received and served; back to plain, single-page, untampered answers."""
        self.received.clear()
        self.rejected.clear()
        self.invalid_responses.clear()
        self.served.clear()
        self.style, self.pages, self.tamper = "plain", 1, None

    def __post_init__(self) -> None:
        self._routes = [
            (
                re.compile("^" + re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$"),
                path,
                method,
            )
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
            Received(
                request.method,
                request.path,
                request.query_string.decode(),
                dict(request.headers),
                body,
                route and f"{request.method} {route[0]}",
            )
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
            detail = json.dumps({"detail": f"rejected by the spec: {problems}"})
            return Response(detail, status=400, content_type="application/json")
        template, method = route
        operation = self.spec["paths"][template][method]
        query = {
            name: values[-1] for name, values in parse_qs(request.query_string.decode()).items()
        }
        page = (
            int(query.get("offset", 0))
            if self.pages > 1 and _takes_offset(self.spec, operation)
            else 0
        )
        # pages of a walk differ (as LeafLink's do): "plain" answers of several pages are distinct
        style = "distinct" if self.style == "plain" and self.pages > 1 else self.style
        status, payload = synthesise_response(self.spec, operation, style=style, seed=page)
        if page or (self.pages > 1 and _takes_offset(self.spec, operation) and _is_page(payload)):
            base = self.base_url + request.path[len(API_PREFIX) :]
            limit = query.get("limit", "1")
            payload.update(
                count=self.pages,
                next=f"{base}?limit={limit}&offset={page + 1}" if page + 1 < self.pages else None,
                previous=f"{base}?limit={limit}&offset={page - 1}" if page else None,
            )
        if self.tamper is not None:
            payload = self.tamper(payload)
        self.served.append(payload)
        if payload is None:
            response = Response(status=int(status))
        else:
            response = Response(
                json.dumps(payload), status=int(status), content_type="application/json"
            )
        checked = self.openapi.unmarshal_response(
            WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response)
        )
        if checked.errors:
            self.invalid_responses.append(
                f"{method.upper()} {template}: " + "; ".join(_describe(e) for e in checked.errors)
            )
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


def _is_page(payload: Any) -> bool:
    return isinstance(payload, dict) and {"count", "next", "results"} <= set(payload)


def _takes_offset(spec: Mapping[str, Any], operation: Mapping[str, Any]) -> bool:
    return any(_resolve(spec, p).get("name") == "offset" for p in operation.get("parameters", []))


def synthesise_response(
    spec: Mapping[str, Any], operation: Mapping[str, Any], style: str = "plain", seed: int = 0
) -> tuple[str, Any]:
    """(status, JSON payload or None) for the operation's lowest 2xx response (see `style`)."""
    status = sorted(code for code in operation["responses"] if str(code).startswith("2"))[0]
    content = operation["responses"][status].get("content") or {}
    if "application/json" not in content:
        return str(status), None
    payload = example(
        spec, content["application/json"]["schema"], style=style, counter=[seed * 1000]
    )
    if _is_page(payload):
        payload.update(
            count=len(payload["results"]), next=None, previous=None
        )  # a single, last page
    return str(status), payload


_FORMATS = {
    "date-time": "2026-07-01T12:00:00Z",
    "date": "2026-07-01",
    "uuid": "0b7c2b4e-8d8e-4f6a-9c55-3f1f6f1d2a10",
    "decimal": "12.50",
    "uri": "https://example.com/resource/1",
    "email": "buyer@example.com",
}


def example(
    spec: Mapping[str, Any],
    schema: Mapping[str, Any],
    depth: int = 0,
    request: bool = False,
    style: str = "plain",
    counter: list[int] | None = None,
    name: str = "",
) -> Any:
    """A value valid for `schema`: every property present in the "plain" and "distinct" styles
    (depth-limited), optional ones left out in turn and nullable ones null in the "sparse" one.

    For a request (`request=True`) read-only properties are left out, as a client would.
    """
    counter = [0] if counter is None else counter
    counter[0] += 1
    n = counter[0]
    schema = _resolve(spec, schema)

    def again(sub: Mapping[str, Any], deeper: int = 0, called: str = name) -> Any:
        return example(spec, sub, depth + deeper, request, style, counter, called)

    if style == "sparse" and depth > 0 and _nullable(schema) and n % 2:
        return None
    if "enum" in schema:
        values = [value for value in schema["enum"] if value is not None]
        return values[n % len(values)] if style == "sparse" else values[0]
    if "type" not in schema and ("anyOf" in schema or "oneOf" in schema):
        branches = schema.get("anyOf") or schema["oneOf"]
        return again(branches[n % len(branches)] if style == "sparse" else branches[0])
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = again(part)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind == "object" or "properties" in schema:
        if depth > 6:
            return {}
        required = set(schema.get("required") or [])
        result = {}
        for index, (prop_name, prop) in enumerate((schema.get("properties") or {}).items()):
            if request and _resolve(spec, prop).get("readOnly"):
                continue
            # a page's members are always there (our spec does not list them as required)
            if style == "sparse" and prop_name not in required | _PAGE and (index + n) % 3 == 0:
                continue
            result[prop_name] = again(prop, 1, prop_name)
        return result
    if kind == "array":
        if depth > 6:
            return []
        return (
            [again(schema.get("items") or {}, 1)] if style != "sparse" or depth < 2 or n % 4 else []
        )
    if kind == "integer":
        low = max(1, int(schema.get("minimum", 1)))
        if style == "plain":
            return low
        return low + n % (int(schema["maximum"]) - low + 1) if "maximum" in schema else low + n
    if kind == "number":
        if style != "plain":
            return float(schema.get("minimum", 0)) + n + 0.5
        return float(schema.get("minimum", 1.5)) if "minimum" in schema else 1.5
    if kind == "boolean":
        return bool(n % 2) if style == "sparse" else True
    if kind == "string":
        text = _FORMATS.get(schema.get("format", ""))
        if text is None:
            text = f"{name or 'text'}-{n}" if style != "plain" else "text"
        elif style != "plain" and schema.get("format") == "decimal":
            text = f"{n}.50"
        min_length = int(schema.get("minLength", 0))
        max_length = int(schema.get("maxLength", 10**6))
        return (text + "x" * max(0, min_length - len(text)))[:max_length]
    return None


_PAGE = {"count", "next", "previous", "results"}


def _nullable(schema: Mapping[str, Any]) -> bool:
    kind = schema.get("type")
    return bool(schema.get("nullable")) or (isinstance(kind, list) and "null" in kind)


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
