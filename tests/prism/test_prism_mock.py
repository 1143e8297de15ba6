"""Every call operation of the catalogue against Prism mocking LeafLink's own OpenAPI file.

Each operation is run with its minimal valid input (`minimal_input.py`) through `client.run()`,
against Prism in static mode (the file's examples) and in dynamic mode (generated data): the
request must satisfy LeafLink's file and the client must accept the answer. Then, in static mode,
each operation whose success response has an example in LeafLink's file is run with strict
response parsing: LeafLink's own example must parse as the operation's output model.

A failure says which of three things went wrong: Prism rejected the request (the request
violates LeafLink's file, or the harness has the wrong base URL: the message starts "Prism
rejected"), the client raised (its exception as is; an `APIResponseValidationError` carries a
note listing where Prism found its own answer violating LeafLink's file, as LeafLink's examples
sometimes do), or the exchange was not one 2xx answer to the right method and path.
Drop-down (`ddl`), `local` and `raw` operations and pagination (Prism's `next` links point at
another host) are not covered here.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

import leaflink
from leaflink import OPERATIONS, LeafLink

from .prism_server import OFFICIAL, Mode, PrismMock, needs_official
from .minimal_input import minimal_input

pytestmark = needs_official

CALLS = sorted(key for key, operation in OPERATIONS.items() if operation.kind == "call")
MODES: list[Mode] = ["static", "dynamic"]


def _official_operation(document: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    """LeafLink's operation for our `METHOD /path/`; path parameter names may differ."""
    shape = re.sub(r"\{[^}]+\}", "{}", path)
    for official_path, item in document["paths"].items():
        if re.sub(r"\{[^}]+\}", "{}", official_path) == shape and method.lower() in item:
            return item[method.lower()]
    raise KeyError(f"{method} {path} is not in LeafLink's file")


def _has_success_example(document: dict[str, Any], operation: dict[str, Any]) -> bool:
    """An example of the whole 2xx body: on the media type, or on its schema (through `$ref`s)."""
    for status, response in operation.get("responses", {}).items():
        if not str(status).startswith("2"):
            continue
        for media in (response.get("content") or {}).values():
            if "example" in media or media.get("examples"):
                return True
            schema = media.get("schema", {})
            while "$ref" in schema:
                schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
            if "example" in schema:
                return True
    return False


def _exampled_calls() -> list[str]:
    if not OFFICIAL.exists():
        return []
    document = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    return [
        key
        for key in CALLS
        if _has_success_example(
            document, _official_operation(document, OPERATIONS[key].method, OPERATIONS[key].path)
        )
    ]


EXAMPLED = _exampled_calls()


def run_against(
    prism: PrismMock, key: str, *, base_url: str | None = None, **client_options: Any
) -> Any:
    """`client.run(key, minimal input)` against `prism`; Prism's own rejections fail the test as such."""
    operation = OPERATIONS[key]
    arguments = minimal_input(key)
    with (
        prism.http_client() as http,
        LeafLink(
            api_key="test-key",
            base_url=base_url or prism.base_url,
            max_retries=0,
            http_client=http,
            **client_options,
        ) as client,
    ):
        try:
            output = client.run(key, arguments)
        except leaflink.APIStatusError:
            rejection = prism.rejection(prism.exchanges[-1]) if prism.exchanges else None
            if rejection:
                pytest.fail(
                    f"[{prism.mode}] {key}: {rejection}\n  input: {arguments!r}", pytrace=False
                )
            raise
        except leaflink.APIResponseValidationError as error:
            tolerated = prism.violations(prism.exchanges[-1], "response") if prism.exchanges else []
            if tolerated:
                error.add_note(
                    f"[{prism.mode}] Prism's answer violates LeafLink's own file too:\n  "
                    + "\n  ".join(tolerated)
                )
            raise
    statuses = [response.status_code for response in prism.exchanges]
    assert (
        len(statuses) == 1 and 200 <= statuses[0] < 300
    ), f"{key}: expected one 2xx answer, got {statuses}"
    request = prism.exchanges[0].request
    assert (request.method, request.url.path) == (
        operation.method,
        re.sub(r"\{[^}]+\}", lambda m: str(arguments[m.group(0)[1:-1]]), operation.path),
    )
    assert (
        prism.violations(prism.exchanges[0], "request") == []
    ), f"{key}: our request violates LeafLink's file"
    return output


@pytest.mark.parametrize("key", CALLS)
@pytest.mark.parametrize("mode", MODES)
def test_run_with_minimal_input(prism: PrismMock, mode: Mode, key: str) -> None:
    output = run_against(prism, key)
    if OPERATIONS[key].output_schema.get("type") == "null":
        assert output is None
    else:
        assert output is not None


@pytest.mark.parametrize("key", EXAMPLED)
@pytest.mark.parametrize("mode", ["static"])
def test_leaflink_example_parses_strictly(prism: PrismMock, mode: Mode, key: str) -> None:
    output = run_against(prism, key, strict_responses=True)
    assert output is not None


def test_every_example_is_found() -> None:
    """Guards the example detection: LeafLink's file has whole-body 2xx examples for these."""
    assert {"list_orders", "list_products", "list_buyer_orders", "get_product", "get_order"} <= set(
        EXAMPLED
    )


def test_a_wrong_base_url_is_told_apart_from_a_client_failure(prism_static: PrismMock) -> None:
    with pytest.raises(
        pytest.fail.Exception,
        match=r"Prism rejected GET \S+/api/v2/brands/: 404 NO_PATH_MATCHED_ERROR",
    ):
        run_against(prism_static, "list_brands", base_url=prism_static.base_url + "/api/v2")


def test_a_request_violating_leaflinks_file_is_told_apart(prism_static: PrismMock) -> None:
    with (
        prism_static.http_client() as http,
        LeafLink(
            api_key="test-key", base_url=prism_static.base_url, max_retries=0, http_client=http
        ) as client,
    ):
        with pytest.raises(leaflink.UnprocessableEntityError):
            client.raw_request("POST", "/customers/", body_type="json", body={})
    rejection = prism_static.rejection(prism_static.exchanges[-1])
    assert rejection is not None and rejection.startswith("Prism rejected POST ")
    assert "422 UNPROCESSABLE_ENTITY" in rejection and "required property 'owner'" in rejection


DROP_DOWNS = sorted(
    key
    for key, operation in OPERATIONS.items()
    if operation.kind == "ddl" and (operation.ddl or {}).get("source") == "endpoint"
)


@pytest.mark.parametrize("key", DROP_DOWNS)
def test_every_drop_down_walks_leaflinks_example_pages_on_our_origin(
    prism_static: PrismMock, key: str
) -> None:
    """LeafLink's example pages carry `next` links on another host: the walk asks Prism (our
    base URL) for the following pages, and never the host of the link."""
    with (
        prism_static.http_client() as http,
        LeafLink(
            api_key="test-key", base_url=prism_static.base_url, max_retries=0, http_client=http
        ) as client,
    ):
        options = client.run(key)
    assert isinstance(options, list) and all(set(option) == {"text", "value"} for option in options)
    origins = {
        (r.request.url.scheme, r.request.url.host, r.request.url.port)
        for r in prism_static.exchanges
    }
    base = httpx.URL(prism_static.base_url)
    assert origins == {(base.scheme, base.host, base.port)}
    assert all(200 <= r.status_code < 300 for r in prism_static.exchanges)
