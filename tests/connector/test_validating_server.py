"""The validating stand-in itself (tests/connector/validating_server.py) is tested: the every-
operation tests are only as strong as its refusals, and its answers are only useful if they vary.

Requests go with bare httpx, not the generated client, so that what is sent is exactly what the
test wrote.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from leaflink import LeafLink

from .validating_server import ValidatingServer

AUTH = {"Authorization": "App test-key"}
STRAIN = {"name": "Blue Dream", "strain_classification": "hybrid"}


def send(
    server: ValidatingServer,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> httpx.Response:
    return httpx.request(
        method,
        server.base_url + path,
        headers=AUTH if headers is None else headers,
        timeout=10,
        **kwargs,
    )


def test_a_good_request_is_accepted(server: ValidatingServer) -> None:
    assert send(server, "POST", "/strains/", json=STRAIN).status_code == 201
    assert send(server, "GET", "/brands/7/").status_code == 200
    assert server.rejected == [] and server.invalid_responses == []


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "headers"),
    [
        ("GET", "/brands/seven/", {}, None),  # wrong type: the path id is an integer
        ("GET", "/brands/", {"params": {"company": "acme"}}, None),  # wrong type: an integer filter
        (
            "POST",
            "/strains/",
            {"json": {"name": "Blue Dream"}},
            None,
        ),  # a required body field missing
        (
            "POST",
            "/strains/",
            {"json": {**STRAIN, "strain_classification": "hybird"}},
            None,
        ),  # misspelt enum
        ("POST", "/strains/", {"json": {**STRAIN, "parents": ["one"]}}, None),  # wrong item type
        (
            "POST",
            "/orders-received/{number}/transition/shipp/".replace(
                "{number}", "0b7c2b4e-8d8e-4f6a-9c55-3f1f6f1d2a10"
            ),
            {},
            None,
        ),
        ("GET", "/brands/", {}, {}),  # no Authorization header
        ("GET", "/brandz/", {}, None),  # no such path
        ("PUT", "/brands/7/", {"json": {}}, None),  # no such method on the path
    ],
    ids=[
        "path-type",
        "query-type",
        "missing-required",
        "misspelt-enum",
        "item-type",
        "misspelt-path-enum",
        "missing-auth",
        "unknown-path",
        "unknown-method",
    ],
)
def test_a_known_bad_request_is_rejected(
    server: ValidatingServer,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    headers: dict[str, str] | None,
) -> None:
    response = send(server, method, path, headers, **kwargs)
    assert response.status_code == 400
    assert len(server.rejected) == 1 and "rejected by the spec" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "tamper"),
    [
        ("/brands/7/", lambda payload: {**payload, "id": "seven"}),
        ("/strains/7/", lambda payload: {**payload, "strain_classification": "hybird"}),
        ("/brands/", lambda payload: {**payload, "results": "none"}),
    ],
    ids=["wrong-type", "misspelt-enum", "page-not-a-list"],
)
def test_a_bad_response_is_flagged(server: ValidatingServer, path: str, tamper: Any) -> None:
    server.tamper = tamper
    assert send(server, "GET", path).status_code == 200
    assert len(server.invalid_responses) == 1 and server.rejected == []


def _walk(node: Any) -> list[tuple[str, Any]]:
    """(dotted path, value) of every member of every object in a JSON tree."""
    found: list[tuple[str, Any]] = []
    stack: list[tuple[str, Any]] = [("", node)]
    while stack:
        at, value = stack.pop()
        if isinstance(value, dict):
            for name, member in value.items():
                found.append((f"{at}.{name}", member))
                stack.append((f"{at}.{name}", member))
        elif isinstance(value, list):
            stack.extend((f"{at}[]", item) for item in value)
    return found


def test_sparse_answers_leave_fields_out_send_nulls_and_later_enum_values(
    server: ValidatingServer,
) -> None:
    send(server, "GET", "/products/7/")
    plain = server.served.pop()
    server.style = "sparse"
    for _ in range(3):
        assert send(server, "GET", "/products/7/").status_code == 200
    assert server.invalid_responses == []
    sparse = server.served
    assert all(set(answer) < set(plain) for answer in sparse), "optional fields are left out"
    assert any(
        value is None for answer in sparse for _, value in _walk(answer)
    ), "nullable fields are null"
    first = plain["listing_state"]
    assert {a.get("listing_state") for a in sparse} - {
        first,
        None,
    }, "enum values other than the first"
    with LeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as client:
        product = client.get_product(id=7)
    assert product.id == server.served[-1]["id"]


def test_distinct_answers_give_each_field_its_own_value(server: ValidatingServer) -> None:
    server.style = "distinct"
    send(server, "GET", "/product-lines/7/")
    line = server.served[0]
    assert line["id"] != line["brand"] and line["name"] != line.get("description")
    assert server.invalid_responses == []


def test_lists_answer_with_several_pages(server: ValidatingServer) -> None:
    server.pages = 3
    first = send(server, "GET", "/brands/").json()
    assert first["count"] == 3 and first["previous"] is None and "offset=1" in first["next"]
    second = httpx.get(first["next"], headers=AUTH, timeout=10).json()
    assert "offset=2" in second["next"] and second["previous"]
    assert second["results"] != first["results"]
    last = httpx.get(second["next"], headers=AUTH, timeout=10).json()
    assert last["next"] is None
    assert server.rejected == [] and server.invalid_responses == []
    with LeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as client:
        assert len(list(client.list_brands())) == 3


def test_the_fixture_puts_the_defaults_back(server: ValidatingServer) -> None:
    assert (server.style, server.pages, server.tamper, server.served) == ("plain", 1, None, [])
