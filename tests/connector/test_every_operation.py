"""Every manifest operation, called through the generated client over real HTTP.

The server validates each request against the pinned spec (openapi-core) and answers with a
response synthesised from the spec; any request the spec would reject fails the test. Beyond
that, the request received must be exactly what the arguments mean by the spec and the answer
key (tests/connector/inputs.py `expected_request`: method, path, every query parameter, the body),
never what the generated `OPERATIONS` says; bodies go both as dicts and as the generated request
models; `run()` gives back exactly the payload served.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import yaml

import leaflink
from leaflink import LeafLink, AsyncLeafLink, OPERATIONS

from .answer_key import DROP_DOWNS, ENDPOINTS
from .inputs import Sent, arguments_for, binding, expected_request, spec_operation
from .validating_server import SPEC_PATH, Received, ValidatingServer

CALLS = sorted(key for key, op in OPERATIONS.items() if op.kind == "call")
ENDPOINT_DDLS = sorted(
    key
    for key, op in OPERATIONS.items()
    if op.kind == "ddl" and op.ddl and op.ddl["source"] == "endpoint"
)


def _model_body(key: str) -> str | None:
    """The name of the request model of an operation's JSON body, by the spec (None: no $ref)."""
    spec_op, _ = spec_operation(*binding(key))
    schema = (
        spec_op.get("requestBody", {})
        .get("content", {})
        .get("application/json", {})
        .get("schema", {})
    )
    return schema["$ref"].rsplit("/", 1)[1] if "$ref" in schema else None


# The wire-level test found that a generated request model dumped a `type: number` decimal (a
# Decimal: InventoryItem.quantity, an order's discount) as the JSON string "1.5", which the spec
# refuses; such fields are floats now, sent as numbers.
MODEL_BODIES = sorted(key for key in CALLS if _model_body(key))


def called(server: ValidatingServer) -> set[str]:
    assert server.rejected == [], "the spec rejected requests:\n" + "\n".join(server.rejected)
    assert server.invalid_responses == [], server.invalid_responses
    return server.operations_called()


def bound(key: str) -> str:
    """`METHOD /path/` of an operation by the answer key, not by `OPERATIONS`."""
    return " ".join(binding(key))


def on_the_wire(received: Received) -> Sent:
    """A received request in the terms of `expected_request`."""
    path = received.path.removeprefix("/api/v2")
    query = parse_qs(received.query, keep_blank_values=True)
    content_type = received.headers.get("Content-Type", "")
    if content_type.startswith("multipart/form-data"):
        names = frozenset(re.findall(rb'form-data; name="([^"]+)"', received.body))
        return Sent(received.method, path, query, form=frozenset(n.decode() for n in names))
    return Sent(
        received.method, path, query, json=json.loads(received.body) if received.body else None
    )


def assert_sent(server: ValidatingServer, key: str, arguments: dict[str, Any]) -> None:
    """The first request received is exactly what `arguments` mean, and every input was used."""
    expected = expected_request(key, arguments)
    assert on_the_wire(server.received[0]) == expected
    spec_op, item = spec_operation(*binding(key))
    declared = {
        p.get("name")
        for p in [*item.get("parameters", []), *spec_op.get("parameters", [])]
        if "$ref" not in p
    }
    given = {n for name in arguments for n in (name, name.rstrip("_"))}
    assert declared <= given, f"the method takes no argument for {sorted(declared - given)}"


@pytest.mark.parametrize("key", CALLS)
def test_each_call_as_a_method(server: ValidatingServer, key: str) -> None:
    operation = OPERATIONS[key]
    arguments = arguments_for(key)
    with LeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as client:
        result = getattr(client, key)(**arguments)
        if operation.pagination:
            items = list(result)
            assert items and isinstance(
                items[0], getattr(leaflink.models, operation.pagination["item"])
            )
    assert called(server) == {bound(key)}
    assert server.received[0].headers["Authorization"] == "App test-key"
    assert_sent(server, key, arguments)


@pytest.mark.parametrize("key", MODEL_BODIES)
def test_each_body_as_a_generated_model(server: ValidatingServer, key: str) -> None:
    arguments = arguments_for(key)
    model = getattr(leaflink.models, _model_body(key) or "")
    with LeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as client:
        getattr(client, key)(**{**arguments, "body": model.model_validate(arguments["body"])})
    assert called(server) == {bound(key)}
    assert_sent(server, key, arguments)


@pytest.mark.parametrize("key", CALLS)
def test_each_call_through_run(server: ValidatingServer, key: str) -> None:
    operation = OPERATIONS[key]
    with LeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as client:
        output = client.run(operation.name, arguments_for(key))
    assert called(server) == {bound(key)}
    assert output == server.served[0]
    if operation.pagination:
        assert output["count"] == 1 and len(output["results"]) == 1
    elif operation.output_schema.get("type") == "null":
        assert output is None


@pytest.mark.parametrize("key", sorted(k for k in CALLS if OPERATIONS[k].pagination))
def test_each_list_through_run_with_every_page(server: ValidatingServer, key: str) -> None:
    server.style, server.pages = "sparse", 3
    with LeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as client:
        arguments = {k: v for k, v in arguments_for(key).items() if k not in ("limit", "offset")}
        output = client.run(key, arguments, all_pages=True)
    assert called(server) == {bound(key)}
    assert [parse_qs(r.query).get("offset") for r in server.received] == [None, ["1"], ["2"]]
    assert output == {
        "count": 3,
        "results": [item for page in server.served for item in page["results"]],
    }


@pytest.mark.parametrize("key", ENDPOINT_DDLS)
def test_each_endpoint_ddl(server: ValidatingServer, key: str) -> None:
    operation = OPERATIONS[key]
    with LeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as client:
        options = getattr(client, key)()
    answer = DROP_DOWNS[operation.name]
    assert called(server) == {answer.endpoint}  # type: ignore[union-attr]
    assert options and set(options[0]) == {"text", "value"}


def test_enum_and_local_operations_make_no_request(server: ValidatingServer) -> None:
    with LeafLink(api_key="test-key", base_url=server.base_url, strict_responses=True) as client:
        classifications = client.list_strain_classifications_ddl()
        statuses = client.list_order_statuses()
        listing = client.run("List listing states DDL")
    assert {"text": "1:1 CBD", "value": "11-cbd"} in classifications
    assert statuses[:2] == ["Draft", "Submitted"]
    assert {"text": "Available", "value": "Available"} in listing
    assert server.received == []


def test_raw_request(server: ValidatingServer) -> None:
    with LeafLink(api_key="test-key", base_url=server.base_url, strict_responses=True) as client:
        response = client.raw_request("GET", "/product-categories/", query={"limit": 10})
        output = client.run(
            "Raw HTTP request (advanced)", {"method": "GET", "endpoint": "/brands/"}
        )
    assert response.status_code == 200 and response.json()["count"] == 1
    assert output["count"] == 1
    assert [r.path for r in server.received] == ["/api/v2/product-categories/", "/api/v2/brands/"]
    assert server.received[0].query == "limit=10"


def test_every_bound_endpoint_is_exercised() -> None:
    """The manifest binds what the answer key says, and nothing else."""
    manifest = yaml.safe_load(
        (Path(SPEC_PATH).parent / "operations.yaml").read_text(encoding="utf-8")
    )
    binds = {e["name"]: e["binds"] for e in manifest["operations"] if "binds" in e}
    binds |= {
        e["name"]: e["ddl"]["binds"]
        for e in manifest["operations"]
        if e.get("ddl", {}).get("source") == "endpoint"
    }
    answers = dict(ENDPOINTS) | {
        name: a.endpoint for name, a in DROP_DOWNS.items() if hasattr(a, "endpoint")
    }
    assert binds == answers
    assert len(OPERATIONS) == len(manifest["operations"]) == 138  # the 84 reference names, 54 more


def test_every_endpoint_of_leaflinks_file_is_bound() -> None:
    """Issue 17: each (method, path) of LeafLink's 2026-07 file is bound by an entry (111 of 111)."""
    official = (
        Path(SPEC_PATH).parents[1].parent / "shared" / "leaflink" / "official-openapi-2026-07.json"
    )
    if not official.is_file():
        pytest.skip(f"LeafLink's file is not here: {official}")
    document = json.loads(official.read_text(encoding="utf-8"))
    theirs = {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    bound = {
        f"{operation.method} {operation.path}"
        for operation in OPERATIONS.values()
        if operation.kind == "call"
    }
    assert len(theirs) == 111
    assert sorted(theirs - bound) == []


@pytest.mark.anyio
@pytest.mark.parametrize("key", CALLS)
async def test_each_call_async(server: ValidatingServer, key: str) -> None:
    operation = OPERATIONS[key]
    async with AsyncLeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as client:
        result = await getattr(client, key)(**arguments_for(key))
        if operation.pagination:
            assert [item async for item in result]
        output = await client.run(key, arguments_for(key))
    assert called(server) == {bound(key)}
    assert output == server.served[-1]
    assert (output is None) == (operation.output_schema.get("type") == "null")


def test_run_refuses_bad_input_naming_the_field(server: ValidatingServer) -> None:
    with LeafLink(api_key="test-key", base_url=server.base_url, strict_responses=True) as client:
        with pytest.raises(leaflink.InputValidationError) as error:
            client.run("Get payment", {"id": "three"})
        with pytest.raises(leaflink.InputValidationError) as missing:
            client.run("get_payment", {})
        with pytest.raises(KeyError, match="did you mean 'List payments'"):
            client.run("List paymets", {})
    assert error.value.field == "id" and "'id'" in str(error.value)
    assert missing.value.field == "id"
    assert server.received == []
