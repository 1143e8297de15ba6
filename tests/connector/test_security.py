"""The generated client with hostile arguments, over real HTTP: the key stays with LeafLink.

`tests/runtime` proves the runtime's rules on a demo client; these prove them through the
generated `leaflink` package, as a user calls it: an ID from user data stays one path
segment (Python does not stop a `str` where the method says `int`), the raw request cannot
leave the base URL, redirects to another origin never carry the `Authorization` header, a
next-page link naming another origin is asked of the base URL instead, and the key appears
in no log record, repr or error.

Two loopback servers (raw request targets recorded): `api` plays LeafLink, `elsewhere`
another host that must never hear from the client.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import yaml

from leaflink import (
    ENVIRONMENTS,
    OPERATIONS,
    APIError,
    APIStatusError,
    AsyncLeafLink,
    InputValidationError,
    LeafLink,
    LeafLinkError,
)

from .recorder import Recorder, Reply
from .validating_server import SPEC_PATH, synthesise_response

SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
KEY = "ll-test-SECRET-5f3a9c"


@pytest.fixture(scope="module")
def _recorders() -> Iterator[tuple[Recorder, Recorder]]:
    recorders = Recorder(), Recorder()
    yield recorders
    for recorder in recorders:
        recorder.close()


@pytest.fixture
def api(_recorders: tuple[Recorder, Recorder]) -> Recorder:
    _recorders[0].reset()
    return _recorders[0]


@pytest.fixture
def elsewhere(_recorders: tuple[Recorder, Recorder]) -> Recorder:
    _recorders[1].reset()
    return _recorders[1]


def success(key: str) -> Reply:
    """The operation's documented success answer, synthesised from the pinned spec."""
    operation = OPERATIONS[key]
    status, payload = synthesise_response(
        SPEC, SPEC["paths"][operation.path][operation.method.lower()]
    )
    return Reply(int(status), payload)


# -- path parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "arguments", "target"),
    [
        ("get_order", {"number": "1/?x="}, "/api/v2/orders-received/1%2F%3Fx%3D/"),
        ("get_order", {"number": "%2e%2e"}, "/api/v2/orders-received/%252e%252e/"),
        ("get_order", {"number": "x#frag"}, "/api/v2/orders-received/x%23frag/"),
        (
            "get_order",
            {"number": "a b\r\nX-Injected: 1"},
            "/api/v2/orders-received/a%20b%0D%0AX-Injected%3A%201/",
        ),
        (
            "get_order",
            {"number": "https://evil.example/"},
            "/api/v2/orders-received/https%3A%2F%2Fevil.example%2F/",
        ),
        (
            "transition_order",
            {"number": "../../admin", "action": "accept"},
            "/api/v2/orders-received/..%2F..%2Fadmin/transition/accept/",
        ),
    ],
)
@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_an_id_from_user_data_stays_one_path_segment(
    api: Recorder, key: str, arguments: dict[str, Any], target: str, is_async: bool
) -> None:
    api.script(success(key))
    if is_async:

        async def call() -> Any:
            async with AsyncLeafLink(api_key=KEY, base_url=api.base_url, max_retries=0) as client:
                return await getattr(client, key)(**arguments)

        asyncio.run(call())
    else:
        with LeafLink(api_key=KEY, base_url=api.base_url, max_retries=0) as client:
            getattr(client, key)(**arguments)
    assert [(r.method, r.target) for r in api.requests] == [(OPERATIONS[key].method, target)]
    assert "x-injected" not in api.requests[0].headers


@pytest.mark.parametrize(
    ("key", "arguments", "field"),
    [
        ("get_payment", {"id": "../admin"}, "id"),
        ("get_payment", {"id": "5/../../../admin"}, "id"),
        ("transition_order", {"number": "1", "action": "accept/../../delete"}, "action"),
    ],
)
@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_a_method_refuses_a_path_value_of_the_wrong_type_before_sending(
    api: Recorder, key: str, arguments: dict[str, Any], field: str, is_async: bool
) -> None:
    with pytest.raises(InputValidationError) as info:
        if is_async:

            async def call() -> Any:
                async with AsyncLeafLink(api_key=KEY, base_url=api.base_url) as client:
                    return await getattr(client, key)(**arguments)

            asyncio.run(call())
        else:
            with LeafLink(api_key=KEY, base_url=api.base_url) as client:
                getattr(client, key)(**arguments)
    assert (info.value.operation, info.value.field) == (key, field)
    assert api.requests == []


def test_run_refuses_an_id_of_the_wrong_type_before_sending(api: Recorder) -> None:
    with LeafLink(api_key=KEY, base_url=api.base_url) as client:
        with pytest.raises(InputValidationError):
            client.run("Get payment", {"id": "../admin"})
    assert api.requests == []


# -- the raw request ---------------------------------------------------------------------------

ESCAPES = [
    "https://evil.example/api/v2/products/",
    "HTTP://evil.example/",
    "//evil.example/products/",
    "/../admin/",
    "products/../../admin",
    "/products/%2e%2e/%2E%2E/admin/",
    "/products/%252e%252e/admin/",
    "\\\\evil.example\\share",
    "/products/\r\nX-Injected: 1",
    "/products/#/../../admin",
]


@pytest.mark.parametrize("endpoint", ESCAPES)
def test_the_raw_request_cannot_leave_the_base_url(
    api: Recorder, elsewhere: Recorder, endpoint: str
) -> None:
    with LeafLink(api_key=KEY, base_url=api.base_url) as client:
        with pytest.raises(ValueError):
            client.run("Raw HTTP request (advanced)", {"method": "GET", "endpoint": endpoint})
        with pytest.raises(ValueError):
            client.raw_request("GET", endpoint.replace("evil.example", elsewhere.origin[7:]))
    assert api.requests == [] and elsewhere.requests == []


def test_the_raw_request_goes_under_the_base_url_with_the_key(api: Recorder) -> None:
    api.script(Reply(200, {"count": 0}))
    with LeafLink(api_key=KEY, base_url=api.base_url) as client:
        result = client.run(
            "Raw HTTP request (advanced)",
            {"method": "GET", "endpoint": "product-categories", "query": {"q": "../x"}},
        )
    assert result == {"count": 0}
    assert [r.target for r in api.requests] == ["/api/v2/product-categories/?q=..%2Fx"]
    assert api.requests[0].headers["authorization"] == f"App {KEY}"


# -- other origins -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_not_followed(api: Recorder, elsewhere: Recorder, status: int) -> None:
    api.script(Reply(status, headers={"Location": f"{elsewhere.base_url}/order-payments/5/"}))
    with LeafLink(api_key=KEY, base_url=api.base_url) as client:
        with pytest.raises(APIStatusError) as raised:
            client.get_payment(id=5)
    assert raised.value.status_code == status
    assert elsewhere.requests == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_redirect_followed_by_the_users_pool_loses_the_key_at_another_origin(
    api: Recorder, elsewhere: Recorder, host: str
) -> None:
    location = elsewhere.base_url.replace("127.0.0.1", host) + "/order-payments/5/"
    api.script(Reply(307, headers={"Location": location}))
    elsewhere.script(success("get_payment"))
    with httpx.Client(follow_redirects=True) as pool:
        with LeafLink(api_key=KEY, base_url=api.base_url, http_client=pool) as client:
            client.get_payment(id=5)
    assert api.requests[0].headers["authorization"] == f"App {KEY}"
    assert [r.target for r in elsewhere.requests] == ["/api/v2/order-payments/5/"]
    assert "authorization" not in elsewhere.requests[0].headers


@pytest.mark.parametrize("link", ["elsewhere", "http://app.leaflink.com", "https://evil.example"])
def test_a_next_page_on_another_origin_is_asked_of_ours(
    api: Recorder, elsewhere: Recorder, link: str
) -> None:
    """A next link names another host (a mock's example, `http://` behind a proxy, or a
    hostile answer): the next page is requested on the base URL, at the link's offset."""
    origin = elsewhere.origin if link == "elsewhere" else link
    first, second = success("list_payments"), success("list_payments")
    first.body["next"] = f"{origin}/api/v2/admin/?offset=100&limit=100"
    first.body["count"], second.body["count"] = 200, 200
    second.body["next"] = None
    second.body["results"] = [
        {**item, "id": 1000 + index} for index, item in enumerate(second.body["results"])
    ]
    api.script(first, second)
    with LeafLink(api_key=KEY, base_url=api.base_url) as client:
        items = list(client.list_payments(limit=100))
    assert len(items) == len(first.body["results"]) + len(second.body["results"])
    assert [r.target for r in api.requests] == [
        "/api/v2/order-payments/?limit=100",
        "/api/v2/order-payments/?limit=100&offset=100",
    ]
    assert all(r.headers["authorization"] == f"App {KEY}" for r in api.requests)
    assert elsewhere.requests == []


def test_a_next_page_leading_back_ends_the_walk_with_a_clear_error(
    api: Recorder, elsewhere: Recorder
) -> None:
    page = success("list_payments")
    page.body["next"] = f"{elsewhere.base_url}/order-payments/?offset=0"
    page.body["count"] = 200
    api.script(page)
    with LeafLink(api_key=KEY, base_url=api.base_url) as client:
        with pytest.raises(APIError, match="already fetched") as raised:
            list(client.list_payments())
    assert type(raised.value).__name__ == "PaginationLoopError"
    assert len(api.requests) == 1 and elsewhere.requests == []


def test_the_environments_are_leaflink_over_https() -> None:
    for url in ENVIRONMENTS.values():
        parsed = httpx.URL(url)
        assert parsed.scheme == "https" and parsed.host.endswith(".leaflink.com"), url


# -- logs, reprs and errors ----------------------------------------------------------------------


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v2"


def test_the_key_is_in_no_log_record_repr_or_error(
    api: Recorder, elsewhere: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    errors: list[BaseException] = []
    client = LeafLink(
        api_key=KEY,
        base_url=api.base_url,
        max_retries=1,
        sleep=lambda seconds: None,
        webhook_key=KEY + "-webhook",
        strict_responses=True,
    )
    page = success("list_payments")
    page.body["next"] = f"{elsewhere.base_url}/x/?offset=0"  # back to itself: a loop
    page.body["count"] = 200
    api.script(
        Reply(503),
        success("get_payment"),
        Reply(401, {"detail": "Invalid token."}),
        Reply(500, {"detail": "boom"}),
        Reply(500, {"detail": "boom"}),
        Reply(200, "not the model"),
        Reply(302, headers={"Location": elsewhere.origin}),
        page,
    )
    calls = [
        lambda: client.get_payment(id=5),
        lambda: client.get_payment(id=5),
        lambda: client.get_payment(id=5),
        lambda: client.get_payment(id=5),
        lambda: client.get_payment(id=5),
        lambda: list(client.list_payments()),
        lambda: client.run("Get payment", {"id": "x"}),
        lambda: client.raw_request("GET", "https://evil.example/"),
        lambda: LeafLink(api_key=KEY, base_url=closed_port_url(), max_retries=0).get_payment(id=5),
    ]
    for call in calls:
        try:
            call()
        except (LeafLinkError, ValueError) as error:
            errors.append(error)
    assert len(errors) == len(calls) - 1, errors  # everything but the retried success failed
    texts = [record.getMessage() for record in caplog.records]
    texts += [
        repr(x)
        for x in (client, client.copy(), client.with_raw_response, OPERATIONS["get_payment"])
    ]
    for error in errors:
        texts += [str(error), repr(error), "".join(traceback.format_exception(error))]
        request = getattr(error, "request", None)
        if request is not None:
            texts += [repr(request), repr(request.headers), str(request.url)]
    leaks = [text for text in texts if KEY in text]
    assert leaks == []
    assert any(
        "'authorization': 'App ***'" in text for text in texts
    )  # the header was logged, masked
    client.close()


def test_a_key_echoed_by_the_server_is_masked_in_the_error_message(api: Recorder) -> None:
    api.script(Reply(401, {"detail": f"Invalid token {KEY}."}))
    with LeafLink(api_key=KEY, base_url=api.base_url, max_retries=0) as client:
        with pytest.raises(LeafLinkError) as raised:
            client.get_payment(id=5)
    assert KEY not in str(raised.value)
    assert "Invalid token ***." in str(raised.value)
