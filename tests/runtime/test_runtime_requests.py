"""Requests over real HTTP: URLs, bodies, headers, per-call options, raw requests and
responses, client copies, environments and redirects."""

from __future__ import annotations

import datetime
import enum

import httpx
import pytest
from runtime_support import (
    KEY,
    THING,
    DemoAsync,
    DemoSync,
    NewThing,
    Reply,
    Thing,
    paged,
)

from _leaflink_runtime._base_client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ENVIRONMENTS,
    Request,
)
from _leaflink_runtime._exceptions import (
    APIStatusError,
    InputValidationError,
    NotFoundError,
)
from _leaflink_runtime._pagination import AsyncPage, SyncPage
from _leaflink_runtime._response import APIResponse

pytestmark = pytest.mark.anyio


class Status(enum.Enum):
    ACCEPTED = "accepted"


# -- URLs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "segment"),
    [
        (42, "42"),
        ("../admin", "..%2Fadmin"),
        ("1/?x=", "1%2F%3Fx%3D"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("a b#c&d", "a%20b%23c%26d"),
        ("5f1c-uuid", "5f1c-uuid"),
    ],
)
async def test_path_params_are_one_encoded_segment(h, server, value, segment):
    server.script(Reply.json(THING))
    await h.run(h.client().get_thing(value))
    assert server.requests[0].target == f"/api/v2/things/{segment}/"


async def test_several_path_params(h, server):
    request = Request(
        "transition_order",
        "POST",
        "/orders-received/{number}/transition/{action}/",
        path_params={"number": "ab/../c", "action": "accept"},
    )
    await h.run(h.client()._request(request, cast_to=object))
    assert server.requests[0].target == "/api/v2/orders-received/ab%2F..%2Fc/transition/accept/"


@pytest.mark.parametrize("params", [{}, {"number": None}, {"number": ""}])
async def test_missing_or_empty_path_param_is_refused(h, server, params):
    request = Request("get_thing", "GET", "/things/{number}/", path_params=params)
    with pytest.raises(ValueError, match="get_thing: .*'number'"):
        await h.run(h.client()._request(request, cast_to=object))
    assert server.requests == []


async def test_query_encoding(h, server):
    query = {
        "status": ["accepted", "shipped"],
        "archived": False,
        "is_live": True,
        "seller": None,
        "limit": 5,
        "state": Status.ACCEPTED,
        "modified__gte": datetime.date(2026, 7, 1),
    }
    await h.run(h.client()._request(Request("q", "GET", "/q/", query=query), cast_to=object))
    assert server.requests[0].query == {
        "status": "accepted,shipped",
        "archived": "false",
        "is_live": "true",
        "limit": "5",
        "state": "accepted",
        "modified__gte": "2026-07-01",
    }


# -- bodies -----------------------------------------------------------------------------


async def test_json_body_dumps_models_by_alias_and_only_set_fields(h, server):
    server.script(Reply.json(THING))
    await h.run(h.client().create_thing(NewThing(name="Kush", unit_price="1.50")))
    sent = server.requests[0]
    assert sent.method == "POST" and sent.path == "/api/v2/things/"
    assert sent.headers["content-type"] == "application/json"
    assert sent.json() == {"name": "Kush", "unitPrice": "1.50"}


async def test_json_body_nested_models_and_dates(h, server):
    body = {"items": [NewThing(name="a")], "on": datetime.date(2026, 7, 1)}
    await h.run(h.client()._request(Request("n", "POST", "/n/", json=body), cast_to=object))
    assert server.requests[0].json() == {"items": [{"name": "a"}], "on": "2026-07-01"}


async def test_form_body(h, server):
    request = Request("f", "POST", "/f/", data={"name": "x y", "active": True, "skip": None})
    await h.run(h.client()._request(request, cast_to=object))
    sent = server.requests[0]
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    assert sent.body == b"name=x+y&active=true"


async def test_multipart_upload(h, server):
    request = Request(
        "create_product_image",
        "POST",
        "/product-images/",
        data={"product": 5},
        files={"image": ("a.png", b"\x89PNG-bytes", "image/png")},
    )
    await h.run(h.client()._request(request, cast_to=object))
    sent = server.requests[0]
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="product"\r\n\r\n5\r\n' in sent.body
    assert b'filename="a.png"' in sent.body and b"\x89PNG-bytes" in sent.body


async def test_raw_content_body(h, server):
    request = Request("r", "PUT", "/r/", content=b"<x/>", content_type="application/xml")
    await h.run(h.client()._request(request, cast_to=object))
    sent = server.requests[0]
    assert sent.body == b"<x/>" and sent.headers["content-type"] == "application/xml"


# -- headers and per-call options -------------------------------------------------------


async def test_default_headers(h, server):
    await h.run(h.client().get_thing(7))
    headers = server.requests[0].headers
    assert headers["authorization"] == f"App {KEY}"
    assert headers["accept"] == "application/json"
    assert "leaflink" in headers["user-agent"]


async def test_token_auth_scheme(h, server):
    await h.run(h.client(auth_scheme="Token").get_thing(7))
    assert server.requests[0].headers["authorization"] == f"Token {KEY}"


async def test_per_call_extra_headers_and_query(h, server):
    client = h.client()
    options = {
        "extra_headers": {"X-Trace": "abc"},
        "extra_query": {"fields": ["id", "name"]},
    }
    await h.run(client.get_thing(7, options=options))
    await h.run(client.get_thing(8))
    first, second = server.requests
    assert first.headers["x-trace"] == "abc" and first.query == {"fields": "id,name"}
    assert "x-trace" not in second.headers and second.query == {}


# -- raw_request ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://evil.example/api/v2/products/",
        "http://127.0.0.1/x/",
        "//evil.example/products/",
        "javascript:alert(1)",
        "/../admin/",
        "/products/../../admin/",
        "/products/%2e%2e/admin/",
        "/products/%252E%252E/admin/",
        "\\\\evil.example\\share",
        "/products/#frag",
        "/products /",
        "/products/\r\nX-Injected: 1",
        "",
    ],
)
async def test_raw_request_refuses_escapes(h, server, endpoint):
    with pytest.raises(ValueError):
        await h.run(h.client().raw_request("GET", endpoint))
    assert server.requests == []


async def test_raw_request_refuses_bad_method_and_body(h, server):
    client = h.client()
    with pytest.raises(ValueError):
        await h.run(client.raw_request("GE T", "/products/"))
    with pytest.raises(ValueError):
        await h.run(client.raw_request("GET", "/products/", body={"a": 1}))
    with pytest.raises(ValueError):
        await h.run(client.raw_request("POST", "/products/", body_type="form", body=[1]))
    with pytest.raises(InputValidationError) as info:  # no such body_type: the input check
        await h.run(client.raw_request("POST", "/products/", body_type="xml", body="<a/>"))
    assert info.value.field == "body_type"
    assert server.requests == []


@pytest.mark.parametrize(
    ("endpoint", "target"),
    [
        ("/product-categories", "/api/v2/product-categories/"),
        ("product-categories", "/api/v2/product-categories/"),
        ("/product-categories/", "/api/v2/product-categories/"),
        ("/products?limit=5", "/api/v2/products/?limit=5"),
        ("/orders-received/abc/line-items", "/api/v2/orders-received/abc/line-items/"),
    ],
)
async def test_raw_request_adds_the_trailing_slash(h, server, endpoint, target):
    server.script(Reply.json({"count": 0}))
    response = await h.run(h.client().raw_request("get", endpoint))
    assert server.requests[0].target == target and server.requests[0].method == "GET"
    assert isinstance(response, APIResponse)
    assert response.status_code == 200 and response.json() == {"count": 0}
    assert response.parse() == {"count": 0}


async def test_raw_request_query_and_bodies(h, server):
    client = h.client()
    await h.run(client.raw_request("GET", "/products?limit=5", query={"offset": 10}))
    await h.run(client.raw_request("POST", "/a", body_type="json", body={"x": NewThing(name="n")}))
    await h.run(client.raw_request("POST", "/b", body_type="form", body={"x": 1}))
    await h.run(
        client.raw_request(
            "PATCH",
            "/c",
            body_type="raw",
            body="plain",
            headers={"Content-Type": "text/plain"},
        )
    )
    get, json_post, form_post, raw_patch = server.requests
    assert get.query == {"limit": "5", "offset": "10"}
    assert json_post.json() == {"x": {"name": "n"}}
    assert form_post.body == b"x=1"
    assert raw_patch.body == b"plain" and raw_patch.headers["content-type"] == "text/plain"
    assert all(r.headers["authorization"] == f"App {KEY}" for r in server.requests)


async def test_raw_request_http_errors_still_raise(h, server):
    server.script(Reply.json({"detail": "Not found."}, 404))
    with pytest.raises(NotFoundError) as info:
        await h.run(h.client().raw_request("GET", "/nope"))
    assert str(info.value).startswith("raw_request: GET ")


# -- with_raw_response ---------------------------------------------------------------------


async def test_with_raw_response_returns_api_response(h, server):
    server.script(Reply.json(THING, headers={"X-Request-Id": "r1"}), Reply.json(THING))
    client = h.client()
    response = await h.run(client.with_raw_response.get_thing(7))
    assert isinstance(response, APIResponse)
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "r1"
    assert response.json() == THING and response.text and response.content
    assert isinstance(response.http_response, httpx.Response)
    assert response.parse() == Thing(**THING)
    assert await h.run(client.get_thing(7)) == Thing(**THING)  # the mode does not stick


async def test_with_raw_response_on_a_list(h, server):
    server.fallback = paged(server, 250)
    response = await h.run(h.client().with_raw_response.list_things())
    assert isinstance(response, APIResponse) and response.json()["count"] == 250
    page = response.parse()
    assert isinstance(page, AsyncPage if h.is_async else SyncPage)
    assert len(await h.collect(page)) == 250


async def test_with_raw_response_still_raises_and_hides_private(h, server):
    server.script(Reply.json({"detail": "Not found."}, 404))
    client = h.client()
    with pytest.raises(NotFoundError):
        await h.run(client.with_raw_response.get_thing(7))
    with pytest.raises(AttributeError):
        client.with_raw_response._request


# -- copies, environments, lifecycle ------------------------------------------------------


async def test_copy_changes_options_without_touching_the_original(h, server):
    client = h.client()
    copy = client.copy(max_retries=0, api_key="sk-test-OTHER", timeout=5.0)
    assert type(copy) is type(client)
    assert (copy.max_retries, client.max_retries) == (0, DEFAULT_MAX_RETRIES)
    assert (copy.timeout, client.timeout) == (5.0, DEFAULT_TIMEOUT)
    assert copy.base_url == client.base_url and copy.api_key == "sk-test-OTHER"
    await h.run(copy.get_thing(1))
    await h.run(client.get_thing(2))
    assert [r.headers["authorization"] for r in server.requests] == [
        "App sk-test-OTHER",
        f"App {KEY}",
    ]
    assert client.with_options(max_retries=5).max_retries == 5


async def test_copy_shares_the_pool_and_closing_it_leaves_the_original_usable(h, server):
    client = h.client(own_pool=True)
    copy = client.copy(max_retries=1)
    await h.run(copy.aclose() if h.is_async else copy.close())
    assert await h.run(client.get_thing(7)) is not None
    await h.run(client.aclose() if h.is_async else client.close())
    assert client._http.is_closed


async def test_copy_environment_and_unknown_options(h):
    client = h.client()
    assert client.copy(environment="sandbox").base_url == ENVIRONMENTS["sandbox"]
    assert client.copy(webhook_key="whk").base_url == client.base_url
    with pytest.raises(TypeError):
        client.copy(colour="blue")


async def test_environments(h):
    cls = DemoAsync if h.is_async else DemoSync
    assert ENVIRONMENTS == {
        "production": "https://app.leaflink.com/api/v2",
        "sandbox": "https://www.sandbox.leaflink.com/api/v2",
        "integrations": "https://www.leaflink-integrations.leaflink.com/api/v2",
    }
    for name, url in ENVIRONMENTS.items():
        assert h.client(base_url=None, environment=name).base_url == url
    assert h.client(base_url=None).base_url == ENVIRONMENTS["production"]
    assert h.client(base_url="http://127.0.0.1:1/api/v2/").base_url == "http://127.0.0.1:1/api/v2"
    with pytest.raises(ValueError, match="production, sandbox, integrations"):
        cls(KEY, environment="staging")
    with pytest.raises(ValueError):
        cls(KEY, auth_scheme="Bearer")
    with pytest.raises(ValueError):
        cls("")
    with pytest.raises(ValueError):
        cls(KEY, base_url="ftp://example.com")


async def test_attributes_and_repr(h):
    client = h.client(webhook_key="whk-SECRET")
    assert client.api_key == KEY and client.webhook_key == "whk-SECRET"
    text = repr(client)
    assert "environment='production'" in text and client.base_url in text
    assert KEY not in text and "whk-SECRET" not in text


async def test_context_manager_closes_its_own_pool(h, server):
    client = h.client(own_pool=True)
    if h.is_async:
        async with client as entered:
            assert entered is client
            await entered.get_thing(7)
    else:
        with client as entered:
            assert entered is client
            entered.get_thing(7)
    assert client._http.is_closed


async def test_a_passed_http_client_is_not_closed(h):
    pool = h.http_client_class()
    client = h.client(http_client=pool)
    await h.run(client.aclose() if h.is_async else client.close())
    assert not pool.is_closed
    await h.run(pool.aclose() if h.is_async else pool.close())


# -- redirects --------------------------------------------------------------------------


async def test_redirects_are_not_followed_by_default(h, server, other_server):
    server.script(Reply(302, headers={"Location": f"http://localhost:{other_server.port}/x/"}))
    with pytest.raises(APIStatusError) as info:
        await h.run(h.client(own_pool=True).get_thing(7))
    assert info.value.status_code == 302
    assert other_server.requests == []


async def test_followed_redirect_to_another_host_drops_authorization(h, server, other_server):
    server.script(Reply(302, headers={"Location": f"http://localhost:{other_server.port}/x/"}))
    other_server.script(Reply.json(THING))
    pool = h.http_client_class(follow_redirects=True)
    client = h.client(http_client=pool)
    assert await h.run(client.get_thing(7)) == Thing(**THING)
    await h.run(pool.aclose() if h.is_async else pool.close())
    assert server.requests[0].headers["authorization"] == f"App {KEY}"
    assert [r.path for r in other_server.requests] == ["/x/"]
    assert "authorization" not in other_server.requests[0].headers
