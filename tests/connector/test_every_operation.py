"""Every manifest operation, called through the generated client over real HTTP.

The server validates each request against the pinned spec (openapi-core) and answers with a
response synthesised from the spec; any request the spec would reject fails the test.
"""

from __future__ import annotations

import json

from pathlib import Path

import pytest
import yaml

import leaflink
from leaflink import LeafLink, AsyncLeafLink, OPERATIONS

from .inputs import arguments_for
from .validating_server import SPEC_PATH, ValidatingServer

CALLS = sorted(key for key, op in OPERATIONS.items() if op.kind == "call")
ENDPOINT_DDLS = sorted(key for key, op in OPERATIONS.items() if op.kind == "ddl" and op.ddl and op.ddl["source"] == "endpoint")


def called(server: ValidatingServer) -> set[str]:
    assert server.rejected == [], "the spec rejected requests:\n" + "\n".join(server.rejected)
    assert server.invalid_responses == [], server.invalid_responses
    return server.operations_called()


@pytest.mark.parametrize("key", CALLS)
def test_each_call_as_a_method(server: ValidatingServer, key: str) -> None:
    operation = OPERATIONS[key]
    with LeafLink(api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0) as client:
        result = getattr(client, key)(**arguments_for(key))
        if operation.pagination:
            items = list(result)
            assert items and isinstance(items[0], getattr(leaflink.models, operation.pagination["item"]))
    assert called(server) == {f"{operation.method} {operation.path}"}
    assert server.received[0].headers["Authorization"] == "App test-key"


@pytest.mark.parametrize("key", CALLS)
def test_each_call_through_run(server: ValidatingServer, key: str) -> None:
    operation = OPERATIONS[key]
    with LeafLink(api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0) as client:
        output = client.run(operation.name, arguments_for(key))
    assert called(server) == {f"{operation.method} {operation.path}"}
    if operation.pagination:
        assert output["count"] == 1 and len(output["results"]) == 1
    elif operation.output_schema.get("type") == "null":
        assert output is None


@pytest.mark.parametrize("key", ENDPOINT_DDLS)
def test_each_endpoint_ddl(server: ValidatingServer, key: str) -> None:
    operation = OPERATIONS[key]
    with LeafLink(api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0) as client:
        options = getattr(client, key)()
    assert called(server) == {f"{operation.ddl['method']} {operation.ddl['path']}"}
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
        output = client.run("Raw HTTP request (advanced)", {"method": "GET", "endpoint": "/brands/"})
    assert response.status_code == 200 and response.json()["count"] == 1
    assert output["count"] == 1
    assert [r.path for r in server.received] == ["/api/v2/product-categories/", "/api/v2/brands/"]
    assert server.received[0].query == "limit=10"


def test_every_bound_endpoint_is_exercised() -> None:
    manifest = yaml.safe_load((Path(SPEC_PATH).parent / "operations.yaml").read_text(encoding="utf-8"))
    bound = {e["binds"] for e in manifest["operations"] if "binds" in e}
    bound |= {e["ddl"]["binds"] for e in manifest["operations"] if e.get("ddl", {}).get("source") == "endpoint"}
    exercised = {f"{OPERATIONS[k].method} {OPERATIONS[k].path}" for k in CALLS}
    exercised |= {f"{OPERATIONS[k].ddl['method']} {OPERATIONS[k].ddl['path']}" for k in ENDPOINT_DDLS}
    assert bound == exercised
    assert len(OPERATIONS) == len(manifest["operations"]) == 138  # the 84 reference names, 54 more


def test_every_endpoint_of_leaflinks_file_is_bound() -> None:
    """Issue 17: each (method, path) of LeafLink's 2026-07 file is bound by an entry (111 of 111)."""
    official = Path(SPEC_PATH).parents[1].parent / "shared" / "leaflink" / "official-openapi-2026-07.json"
    if not official.is_file():
        pytest.skip(f"LeafLink's file is not here: {official}")
    document = json.loads(official.read_text(encoding="utf-8"))
    theirs = {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    bound = {f"{operation.method} {operation.path}" for operation in OPERATIONS.values() if operation.kind == "call"}
    assert len(theirs) == 111
    assert sorted(theirs - bound) == []


@pytest.mark.anyio
@pytest.mark.parametrize("key", CALLS)
async def test_each_call_async(server: ValidatingServer, key: str) -> None:
    operation = OPERATIONS[key]
    async with AsyncLeafLink(api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0) as client:
        result = await getattr(client, key)(**arguments_for(key))
        if operation.pagination:
            assert [item async for item in result]
        output = await client.run(key, arguments_for(key))
    assert called(server) == {f"{operation.method} {operation.path}"}
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
