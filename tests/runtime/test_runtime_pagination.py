"""Pagination over real HTTP (lazy, across absolute ``next`` links) and drop-down options."""

from __future__ import annotations

import enum

import pytest
from pydantic import BaseModel, Field
from runtime_support import KEY, Reply, Thing, paged

from _leaflink_runtime._base_client import Request
from _leaflink_runtime._exceptions import APIError, APIResponseValidationError
from _leaflink_runtime._pagination import async_ddl_options, ddl_options

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


async def test_next_url_off_origin_is_refused(h, server, other_server):
    server.script(
        Reply.json(
            {
                "count": 2,
                "next": f"{other_server.url}/api/v2/things/?offset=1",
                "previous": None,
                "results": [{"id": 1, "name": "a"}],
            }
        )
    )
    page = await h.run(h.client().list_things())
    with pytest.raises(APIError, match="refusing to follow"):
        await h.collect(page)
    assert other_server.requests == []
    assert len(server.requests) == 1


async def test_dict_items(h, server):
    server.fallback = paged(server, 120)
    request = Request("list_raw", "GET", "/things/", query={"limit": 100})
    page = await h.run(h.client()._request_page(request, item_type=dict))
    items = await h.collect(page)
    assert items[0] == {"id": 0, "name": "thing 0"} and len(items) == 120


async def test_bad_item_names_its_index(h, server):
    results = [{"id": i, "name": "x"} for i in range(5)]
    results[3]["id"] = "three"
    server.script(
        Reply.json({"count": 5, "next": None, "previous": None, "results": results})
    )
    with pytest.raises(APIResponseValidationError) as info:
        await h.run(h.client(strict_responses=True).list_things())
    assert info.value.field == "results.3.id" and info.value.operation == "list_things"


async def test_not_a_list_envelope(h, server):
    server.script(Reply.json([1, 2, 3]))
    with pytest.raises(APIResponseValidationError):
        await h.run(h.client(strict_responses=True).list_things())


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
    assert (
        len(ddl_options(licence_types, text="classification", value="classification"))
        == 3
    )


async def test_async_ddl_options_distinct(anyio_backend):
    async def items():
        for value in ["a", "b", "a", None, {"x": 1}, {"x": 1}]:
            yield {"v": value}

    options = await async_ddl_options(items(), text=["v"], value="v", distinct=True)
    assert [o["value"] for o in options] == ["a", "b", {"x": 1}]
