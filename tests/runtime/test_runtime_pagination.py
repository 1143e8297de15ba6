"""Pagination over real HTTP (lazy, page after page on our own origin) and drop-downs."""

from __future__ import annotations

import enum

import pytest
from pydantic import BaseModel, Field
from runtime_support import KEY, Reply, Thing, paged

from _leaflink_runtime._base_client import Request
from _leaflink_runtime._exceptions import (
    APIResponseValidationError,
    InputValidationError,
    PaginationLoopError,
)
from _leaflink_runtime._pagination import (
    PagePosition,
    async_ddl_options,
    ddl_options,
    next_position,
)
from _leaflink_runtime._tolerant import received_json

pytestmark = pytest.mark.anyio


def offsets(server):
    return [int(r.query.get("offset", 0)) for r in server.requests]


async def test_iterates_every_item_across_pages(h, server):
    server.fallback = paged(server, 2500)
    page = await h.run(h.client().list_things(limit=100))
    assert len(server.requests) == 1  # lazily: only the first page so far
    assert page.count == 2500 and len(page.results) == 100 and page.previous is None
    items = await h.collect(page)
    assert [item.id for item in items] == list(range(2500))
    assert all(isinstance(item, Thing) for item in items)
    assert len(server.requests) == 25
    assert offsets(server) == list(range(0, 2500, 100))
    assert {r.query["limit"] for r in server.requests} == {"100"}
    assert all(r.headers["authorization"] == f"App {KEY}" for r in server.requests)


@pytest.mark.parametrize(("cap", "requests"), [(150, 2), (100, 1), (1, 1), (0, 1)])
async def test_items_cap_stops_requesting(h, server, cap, requests):
    server.fallback = paged(server, 2500)
    page = await h.run(h.client().list_things(limit=100))
    items = await h.collect(page.items(max_items=cap))
    assert [item.id for item in items] == list(range(cap))
    assert len(server.requests) == requests


async def test_items_without_cap_and_short_lists(h, server):
    server.fallback = paged(server, 30)
    page = await h.run(h.client().list_things(limit=100))
    assert len(await h.collect(page.items())) == 30
    assert len(await h.collect(page.items(max_items=1000))) == 30
    assert not page.has_next_page()
    with pytest.raises(RuntimeError):
        await h.run(page.get_next_page())
    assert len(server.requests) == 1


async def test_pages_one_by_one(h, server):
    server.fallback = paged(server, 250)
    first = await h.run(h.client().list_things(limit=100))
    assert first.has_next_page()
    second = await h.run(first.get_next_page())
    assert [t.id for t in second.results] == list(range(100, 200))
    assert second.previous and second.next
    pages = await h.collect(first.iter_pages())
    assert [len(p.results) for p in pages] == [100, 100, 50]
    assert not pages[-1].has_next_page()


async def test_per_call_options_follow_the_pages(h, server):
    server.fallback = paged(server, 300)
    options = {"extra_headers": {"X-Trace": "t1"}, "extra_query": {"fields": "id"}}
    page = await h.run(h.client().list_things(limit=100, options=options))
    await h.collect(page)
    assert len(server.requests) == 3
    assert all(r.headers["x-trace"] == "t1" for r in server.requests)
    assert all(r.query["fields"] == "id" for r in server.requests)
    assert [r.target.count("fields=") for r in server.requests] == [1, 1, 1]
    assert offsets(server) == [0, 100, 200]


async def test_pages_are_retried_like_any_request(h, server):
    handler = paged(server, 200)
    server.script(handler, Reply(status=503), handler)
    items = await h.collect(await h.run(h.client().list_things(limit=100)))
    assert len(items) == 200 and len(server.requests) == 3 and len(h.delays) == 1


def page_of(ids, *, count=None, next=None, **extra):
    """A list answer holding things ``ids``."""
    body = {
        "count": len(ids) if count is None else count,
        "next": next,
        "previous": None,
        "results": [{"id": i, "name": f"thing {i}"} for i in ids],
        **extra,
    }
    if count == "absent":
        del body["count"]
    return Reply.json(body)


@pytest.mark.parametrize(
    "origin",
    ["other", "https://127.0.0.1:{port}", "http://leaflink.invalid", ""],
    ids=["another-host", "https-of-ours", "unresolvable-host", "relative"],
)
async def test_next_links_are_followed_on_our_origin(h, server, other_server, origin):
    """A link on another host (a mock's example), our host over the other scheme (behind
    a TLS-terminating proxy), or a relative link: the page is asked of us, at its offset.
    """
    link_origin = other_server.url if origin == "other" else origin.format(port=server.port)
    server.fallback = paged(server, 250, origin=link_origin)
    items = await h.collect(await h.run(h.client().list_things(limit=100)))
    assert [item.id for item in items] == list(range(250))
    assert [r.path for r in server.requests] == ["/api/v2/things/"] * 3
    assert offsets(server) == [0, 100, 200]
    assert all(r.headers["authorization"] == f"App {KEY}" for r in server.requests)
    assert other_server.requests == []


async def test_the_link_gives_the_offset_and_limit_not_the_path(h, server, other_server):
    server.script(
        page_of(range(3), count=10, next=f"{other_server.url}/admin/?offset=5&limit=2"),
        page_of(range(5, 7), count=10, next="http://x.invalid/?limit=2&offset=9"),
        page_of([9], count=10, next=None),
    )
    items = await h.collect(await h.run(h.client().list_things(limit=3)))
    assert [item.id for item in items] == [0, 1, 2, 5, 6, 9]
    assert [r.target for r in server.requests] == [
        "/api/v2/things/?limit=3",
        "/api/v2/things/?limit=2&offset=5",
        "/api/v2/things/?limit=2&offset=9",
    ]
    assert other_server.requests == []


async def test_a_link_without_offset_moves_on_by_the_page_length(h, server):
    server.script(
        page_of(range(4), count=10, next="https://elsewhere.invalid/things/"),
        page_of(range(4, 8), count=10, next="https://elsewhere.invalid/things/?page=2"),
        page_of(range(8, 10), count=10, next="https://elsewhere.invalid/"),
    )
    items = await h.collect(await h.run(h.client().list_things(limit=4)))
    assert [item.id for item in items] == list(range(10))
    assert offsets(server) == [
        0,
        4,
        8,
    ]  # the third page reached count: no fourth request
    assert {r.query["limit"] for r in server.requests} == {"4"}


async def test_the_first_query_is_kept_with_filters_and_extra_query(h, server):
    server.fallback = paged(server, 5, origin="http://mock.invalid")
    request = Request(
        "list_things",
        "GET",
        "/things/",
        query={"limit": 2, "brand": "Acme", "tag": None},
    )
    options = {"extra_query": {"fields": "id"}}
    page = await h.run(h.client()._request_page(request, item_type=dict, options=options))
    assert len(await h.collect(page)) == 5
    assert [r.query for r in server.requests] == [
        {"limit": "2", "brand": "Acme", "fields": "id"},
        {"limit": "2", "brand": "Acme", "fields": "id", "offset": "2"},
        {"limit": "2", "brand": "Acme", "fields": "id", "offset": "4"},
    ]


def self_link(server):
    """Each page's ``next`` is the URL it was fetched from: a page linking to itself."""

    def handler(request):
        offset = int(request.query.get("offset", 0))
        link = f"{server.url}{request.target}"
        return page_of(range(offset, offset + 3), count=100, next=link)

    return handler


async def test_a_page_linking_to_itself_ends_with_a_clear_error(h, server):
    server.fallback = self_link(server)
    page = await h.run(h.client().list_things(limit=3))
    with pytest.raises(PaginationLoopError) as info:
        await h.collect(page)
    # the first page names no offset, so its "self" link moves on by its length: one more
    assert offsets(server) == [0, 3]
    error = info.value
    assert error.operation == "list_things"
    assert (error.offset, error.next_offset) == (3, 3)
    assert error.next == f"{server.url}/api/v2/things/?limit=3&offset=3"
    assert error.url == f"{server.url}/api/v2/things/?limit=3&offset=3"
    assert str(error).startswith("list_things: the page at offset 3 gives as its next")
    assert "already fetched" in str(error) and error.retryable is False


async def test_every_way_of_walking_stops_at_a_loop(h, server):
    server.fallback = self_link(server)
    client = h.client()
    page = await h.run(client.list_things(limit=3))
    second = await h.run(page.get_next_page())
    with pytest.raises(PaginationLoopError):
        await h.run(second.get_next_page())
    with pytest.raises(PaginationLoopError):
        await h.collect(page.items(max_items=1000))
    with pytest.raises(PaginationLoopError):
        await h.collect(page.iter_pages())
    with pytest.raises(PaginationLoopError):
        await h.run(client.list_things_ddl(page_size=3))
    assert len(server.requests) <= 8


async def test_a_link_back_to_an_earlier_page_ends_with_the_error(h, server):
    server.script(
        page_of(range(2), count=9, next=f"{server.url}/api/v2/things/?offset=2"),
        page_of(range(2, 4), count=9, next=f"{server.url}/api/v2/things/?offset=0"),
    )
    page = await h.run(h.client().list_things(limit=2))
    with pytest.raises(PaginationLoopError, match="a page before it") as info:
        await h.collect(page)
    assert (info.value.offset, info.value.next_offset) == (2, 0)
    assert len(server.requests) == 2


async def test_a_server_ignoring_offset_ends_the_walk_with_the_error(h, server):
    """A mock answering every offset with the same example page and a count in millions."""
    server.fallback = lambda request: page_of(range(3), count=11_149_771, next="https://h.invalid/")
    page = await h.run(h.client().list_things(limit=100))
    with pytest.raises(PaginationLoopError, match="holds the same 3 items") as info:
        await h.collect(page)
    assert offsets(server) == [0, 3]
    assert (info.value.offset, info.value.next_offset) == (0, 3)
    with pytest.raises(PaginationLoopError):
        await h.run(h.client().list_things_ddl())
    assert len(server.requests) == 4


async def test_an_empty_page_ends_the_walk(h, server):
    server.script(
        page_of(range(2), count=50, next=f"{server.url}/api/v2/things/?offset=2"),
        page_of([], count=50, next=f"{server.url}/api/v2/things/?offset=4"),
    )
    items = await h.collect(await h.run(h.client().list_things(limit=2)))
    assert [item.id for item in items] == [0, 1]
    assert len(server.requests) == 2


async def test_the_walk_ends_when_the_offset_reaches_count(h, server):
    server.script(page_of(range(3), count=3, next=f"{server.url}/api/v2/things/?offset=3"))
    page = await h.run(h.client().list_things(limit=3))
    assert not page.has_next_page()
    assert len(await h.collect(page)) == 3
    assert len(server.requests) == 1


async def test_without_count_the_walk_follows_next_until_null(h, server):
    server.script(
        page_of(range(2), count="absent", next="/api/v2/things/?offset=2"),
        page_of(range(2, 4), count="absent", next="/api/v2/things/?offset=4"),
        page_of([4], count="absent", next=None),
    )
    items = await h.collect(await h.run(h.client().list_things(limit=2)))
    assert [item.id for item in items] == list(range(5))
    assert offsets(server) == [0, 2, 4]


async def test_every_page_remembers_its_json(h, server):
    server.fallback = paged(server, 4, origin="http://mock.invalid")
    first = await h.run(h.client().list_things(limit=2))
    second = await h.run(first.get_next_page())
    assert received_json(second) == {
        "count": 4,
        "next": None,
        "previous": "http://mock.invalid/api/v2/things/?limit=2&offset=0",
        "results": [{"id": 2, "name": "thing 2"}, {"id": 3, "name": "thing 3"}],
    }
    assert received_json(second.results[0]) == {"id": 2, "name": "thing 2"}


@pytest.mark.parametrize(
    ("args", "position"),
    [
        ((None, 0, 100, 500), None),
        (("", 0, 100, 500), None),
        (("https://x/?offset=100", 0, 0, 500), None),  # an empty page
        (("https://x/?offset=500", 400, 100, 500), None),  # count reached
        (("https://x/", 400, 100, 500), None),
        (("https://x/?offset=100&limit=50", 0, 100, 500), PagePosition(100, 50)),
        (("https://x/?limit=50", 0, 100, 500), PagePosition(100, 50)),
        (("https://x/?offset=abc&limit=-1", 10, 5, None), PagePosition(15, None)),
        (("https://x/?offset=7", 10, 5, None), PagePosition(7, None)),  # refused later
        (
            ("http://[::1/?offset=3", 0, 5, None),
            PagePosition(5, None),
        ),  # malformed link
        (("/api/v2/things/?offset=1000", 0, 5, None), PagePosition(1000, None)),
    ],
)
def test_next_position(args, position):
    assert next_position(*args) == position


async def test_dict_items(h, server):
    server.fallback = paged(server, 120)
    request = Request("list_raw", "GET", "/things/", query={"limit": 100})
    page = await h.run(h.client()._request_page(request, item_type=dict))
    items = await h.collect(page)
    assert items[0] == {"id": 0, "name": "thing 0"} and len(items) == 120


async def test_bad_item_names_its_index(h, server):
    results = [{"id": i, "name": "x"} for i in range(5)]
    results[3]["id"] = "three"
    server.script(Reply.json({"count": 5, "next": None, "previous": None, "results": results}))
    with pytest.raises(APIResponseValidationError) as info:
        await h.run(h.client(strict_responses=True).list_things())
    assert info.value.field == "results.3.id" and info.value.operation == "list_things"


async def test_not_a_list_envelope(h, server):
    server.script(Reply.json([1, 2, 3]))
    with pytest.raises(APIResponseValidationError):
        await h.run(h.client(strict_responses=True).list_things())


async def test_drop_down_walks_with_the_page_size_asked(h, server, other_server):
    server.fallback = paged(server, 250, origin=other_server.url)
    client = h.client()
    options = await h.run(client.list_things_ddl())
    assert len(options) == 250 and options[0] == {"text": "thing 0", "value": 0}
    assert [r.query["limit"] for r in server.requests] == ["100"] * 3  # DDL_PAGE_SIZE
    server.requests.clear()
    assert len(await h.run(client.list_things_ddl(page_size=40))) == 250
    assert [r.query["limit"] for r in server.requests] == ["40"] * 7
    assert offsets(server) == list(range(0, 250, 40))
    assert other_server.requests == []


@pytest.mark.parametrize("size", [0, -5, 2.5, True, "100"])
async def test_drop_down_page_size_is_checked(h, server, size):
    with pytest.raises(InputValidationError) as info:
        await h.run(h.client().list_things_ddl(page_size=size))
    assert (info.value.operation, info.value.field) == ("list_things_ddl", "page_size")
    assert server.requests == []


async def test_ddl_options_from_a_whole_list(h, server):
    server.fallback = paged(server, 250)
    page = await h.run(h.client().list_things(limit=100))
    if h.is_async:
        options = await async_ddl_options(page, text="name", value="id")
    else:
        options = ddl_options(page, text="name", value="id")
    assert len(options) == 250 and len(server.requests) == 3
    assert options[0] == {"text": "thing 0", "value": 0}


class Kind(enum.Enum):
    INDICA = "Indica"


class Brand(BaseModel):
    id: int | None
    brand_name: str | None = Field(alias="name")
    kind: Kind = Kind.INDICA


def test_ddl_options_reads_dicts_and_models():
    items = [
        {"id": 1, "name": "Alpha", "company": {"id": 9}},
        {"id": None, "name": "skipped"},
        Brand(id=2, name="Beta"),
        Brand(id=3, name=None),
    ]
    assert ddl_options(items, text="name", value="id") == [
        {"text": "Alpha", "value": 1},
        {"text": "Beta", "value": 2},
        {"text": "3", "value": 3},
    ]
    assert ddl_options(items[:1], text="name", value="company.id") == [
        {"text": "Alpha", "value": 9}
    ]
    assert ddl_options([Brand(id=2, name="B")], text="kind", value="kind") == [
        {"text": "Indica", "value": "Indica"}
    ]


def test_ddl_options_joins_label_fields_and_keeps_distinct_values():
    contacts = [
        {"id": 1, "first_name": "Ada", "last_name": "Lovelace"},
        {"id": 2, "first_name": "Grace", "last_name": None},
    ]
    assert ddl_options(contacts, text=["first_name", "last_name"], value="id") == [
        {"text": "Ada Lovelace", "value": 1},
        {"text": "Grace", "value": 2},
    ]
    licence_types = [
        {"id": 1, "classification": "Adult-Use"},
        {"id": 2, "classification": "Medical"},
        {"id": 3, "classification": "Adult-Use"},
    ]
    options = ddl_options(
        licence_types, text=["classification"], value="classification", distinct=True
    )
    assert options == [
        {"text": "Adult-Use", "value": "Adult-Use"},
        {"text": "Medical", "value": "Medical"},
    ]
    assert len(ddl_options(licence_types, text="classification", value="classification")) == 3


async def test_async_ddl_options_distinct(anyio_backend):
    async def items():
        for value in ["a", "b", "a", None, {"x": 1}, {"x": 1}]:
            yield {"v": value}

    options = await async_ddl_options(items(), text=["v"], value="v", distinct=True)
    assert [o["value"] for o in options] == ["a", "b", {"x": 1}]
