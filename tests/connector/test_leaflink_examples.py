"""LeafLink's own examples, served to the generated client over real HTTP (issue 12).

LeafLink's published file is not the live API, but its examples are the best evidence of what
the API sends, and they contradict its schemas (numbers where a schema says string, null where
it does not say nullable). Our spec repairs that (`# repair:` comments). Here, for every operation
the manifest binds (a call, or the endpoint behind a drop-down) and every 2xx example LeafLink's
file gives for it:

- a loopback server on 127.0.0.1 answers the client's request with the example, and the client
  (`strict_responses=True`: a field that does not match raises) must parse it;
- the catalogue's output schema (what `run()` promises, JSON Schema 2020-12) must accept it;
- a request-body example of the operation must pass the catalogue's input check and
  validate as the operation's body model.

The operations, their paths and the examples come from LeafLink's file and the manifest, never
from the generated code, so a repair our spec lacks, or a new example that contradicts it, fails
here under the operation's key. Skipped when LeafLink's file is not beside the project.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from leaflink import OPERATIONS, LeafLink, models

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "specs" / "operations.yaml"
OFFICIAL = ROOT.parent / "shared" / "leaflink" / "official-openapi-2026-07.json"
API_PREFIX = "/api/v2"
JSON = "application/json"
PATH_VALUES = {
    "id": 2093,
    "number": "aec108ac-a1f4-40fa-966e-a12ga9bf6e2f",
    "action": "accept",
}
"""A value for each path parameter of the bound operations that have examples, by name."""

if not OFFICIAL.is_file():
    pytest.skip(f"LeafLink's official file is not here: {OFFICIAL}", allow_module_level=True)


# --- LeafLink's examples ----------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """One 2xx example of LeafLink's file, for one manifest entry that binds its operation."""

    key: str
    kind: str  # "call", or "ddl" for a drop-down drawn from the operation
    method: str
    path: str  # as LeafLink's file writes it, with {parameters}
    status: int
    where: str  # where the example sits in LeafLink's file
    body: Any
    # LeafLink's request-body examples of the operation; the call sends the first
    request_examples: tuple[Any, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.key}-{self.status}-{self.where}"

    def arguments(self) -> dict[str, Any]:
        """The method's keyword arguments: the path parameters, and the request example as body."""
        arguments: dict[str, Any] = {
            name: PATH_VALUES[name] for name in re.findall(r"{(\w+)}", self.path)
        }
        if self.request_examples:
            arguments["body"] = self.request_examples[0]
        return arguments

    def request_path(self) -> str:
        return API_PREFIX + re.sub(r"{(\w+)}", lambda m: str(PATH_VALUES[m.group(1)]), self.path)


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        target: Any = document
        for part in str(node["$ref"]).lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _content_examples(
    document: Mapping[str, Any], content: Mapping[str, Any]
) -> Iterator[tuple[str, Any]]:
    """(where, value) of each example of a JSON media type: its own, and its schema's."""
    media = content.get(JSON) or {}
    if "example" in media:
        yield "example", media["example"]
    for name, example in (media.get("examples") or {}).items():
        yield f"examples.{name}", _resolve(document, example).get("value")
    schema = _resolve(document, media.get("schema") or {})
    if isinstance(schema, Mapping) and "example" in schema:
        yield "schema.example", schema["example"]


def leaflink_examples() -> list[Example]:
    theirs = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    found = []
    for entry in manifest["operations"]:
        binding = entry.get("binds") or (entry.get("ddl") or {}).get("binds")
        if not binding:
            continue
        method, _, path = binding.partition(" ")
        operation = theirs["paths"][path][method.lower()]
        body = _resolve(theirs, operation.get("requestBody") or {})
        request_examples = tuple(
            value for _, value in _content_examples(theirs, body.get("content") or {})
        )
        for status, response in sorted(operation["responses"].items()):
            if not str(status).startswith("2"):
                continue
            content = _resolve(theirs, response).get("content") or {}
            for where, value in _content_examples(theirs, content):
                found.append(
                    Example(
                        entry["key"],
                        entry["kind"],
                        method,
                        path,
                        int(status),
                        where,
                        value,
                        request_examples,
                    )
                )
    return found


EXAMPLES = leaflink_examples()
CALL_EXAMPLES = [example for example in EXAMPLES if example.kind == "call"]
_CALLS = {e.key: e for e in CALL_EXAMPLES}  # one per operation: its request examples
REQUEST_EXAMPLES = [
    pytest.param(e, body, id=f"{key}-{index}")
    for key, e in _CALLS.items()
    for index, body in enumerate(e.request_examples)
]


def test_leaflinks_file_gives_examples_for_the_bound_operations() -> None:
    bindings = {f"{e.method} {e.path}" for e in CALL_EXAMPLES}
    assert len(bindings) >= 10, bindings  # LeafLink's July 2026 file has 10
    assert {e.kind for e in EXAMPLES} == {"call", "ddl"}
    assert REQUEST_EXAMPLES


# --- a loopback LeafLink that answers with the example -----------------------------------------


@dataclass
class ExampleServer:
    """Answers a request for `expected` (method, path) with `answer`; anything else with 404."""

    base_url: str = ""
    expected: tuple[str, str] = ("", "")
    answer: tuple[int, bytes] = (404, b"{}")
    received: list[tuple[str, str, bytes]] = field(default_factory=list)

    def serve(self, example: Example) -> None:
        self.expected = (example.method, example.request_path())
        self.answer = (example.status, json.dumps(example.body).encode())
        self.received.clear()

    def respond(self, method: str, target: str, body: bytes) -> tuple[int, bytes]:
        self.received.append((method, target, body))
        if (method, target.partition("?")[0]) == self.expected:
            return self.answer
        return 404, b'{"detail": "not the operation under test"}'


@pytest.fixture(scope="module")
def example_server() -> Iterator[ExampleServer]:
    server = ExampleServer()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            status, body = server.respond(self.command, self.path, self.rfile.read(length))
            self.send_response(status)
            self.send_header("Content-Type", JSON)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.base_url = f"http://127.0.0.1:{httpd.server_port}{API_PREFIX}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# --- the tests -----------------------------------------------------------------------------------


def _problems(schema: Mapping[str, Any], instance: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(
        validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path]
    )
    return [
        f"$.{'.'.join(str(p) for p in error.absolute_path)}: {error.message}" for error in errors
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_the_client_parses_leaflinks_example_strictly(
    example_server: ExampleServer, example: Example
) -> None:
    example_server.serve(example)
    with LeafLink(
        api_key="test-key",
        base_url=example_server.base_url,
        strict_responses=True,
        max_retries=0,
    ) as client:
        method = getattr(client, example.key)
        if example.kind == "ddl":
            options = method()
            assert options
            ddl_schema = {
                **OPERATIONS[example.key].output_schema,
                "$defs": dict(OPERATIONS[example.key].definitions),
            }
            assert _problems(ddl_schema, [dict(option) for option in options]) == []
        else:
            result = method(**example.arguments())
            if OPERATIONS[example.key].pagination:
                assert len(list(result)) == len(example.body["results"])
    assert [(m, t.partition("?")[0]) for m, t, _ in example_server.received] == [
        example_server.expected
    ]


@pytest.mark.parametrize("example", CALL_EXAMPLES, ids=lambda e: e.id)
def test_the_catalogue_output_schema_accepts_leaflinks_example(
    example: Example,
) -> None:
    operation = OPERATIONS[example.key]
    schema = {**operation.output_schema, "$defs": dict(operation.definitions)}
    assert _problems(schema, example.body) == []


@pytest.mark.parametrize(("example", "body"), REQUEST_EXAMPLES)
def test_the_catalogue_input_check_and_the_body_model_accept_leaflinks_request_example(
    example: Example, body: Any
) -> None:
    operation = OPERATIONS[example.key]
    operation.check_input({**example.arguments(), "body": body})  # raises InputValidationError
    body_model = operation.input_schema["properties"]["body"]["$ref"].rsplit("/", 1)[-1]
    getattr(models, body_model).model_validate(body)
