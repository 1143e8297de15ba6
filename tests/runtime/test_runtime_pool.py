"""The connection pool over real HTTP: connections reused under load; one event loop per pool."""

from __future__ import annotations

import asyncio
import gc
import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest
from runtime_support import KEY, DemoAsync, DemoSync, Thing

from _leaflink_runtime._base_client import DEFAULT_LIMITS
from _leaflink_runtime._exceptions import EventLoopError, LeafLinkError


def test_the_pool_keeps_alive_every_connection_it_may_open():
    assert DEFAULT_LIMITS.max_keepalive_connections == DEFAULT_LIMITS.max_connections


@pytest.mark.anyio
async def test_200_concurrent_async_calls_reuse_connections(server, anyio_backend):
    async with DemoAsync(KEY, base_url=server.url + "/api/v2") as client:
        for _ in range(2):  # a burst, then another on the connections the first left
            things = await asyncio.gather(*(client.get_thing(i) for i in range(200)))
            assert things == [Thing(id=7, name="Blue Dream")] * 200
    assert len(server.requests) == 400
    # httpx's default pool (100 connections, 20 kept alive) closes 80 of the connections
    # each burst opened as soon as they are idle: 180 to 200 here, and one a call under
    # steady load; this pool keeps its 100
    assert server.connections <= 120, server.connections


def test_concurrent_sync_calls_from_threads_reuse_connections(server):
    with DemoSync(KEY, base_url=server.url + "/api/v2") as client:
        with ThreadPoolExecutor(max_workers=50) as threads:
            things = list(threads.map(lambda i: client.get_thing(i), range(400)))
    assert things == [Thing(id=7, name="Blue Dream")] * 400
    assert server.connections <= 75, server.connections


def test_a_second_event_loop_is_a_clear_error_and_leaks_no_socket(server):
    client = DemoAsync(KEY, base_url=server.url + "/api/v2")
    copy = client.copy(max_retries=0)
    assert asyncio.run(client.get_thing(1)) == Thing(id=7, name="Blue Dream")
    # the pool was closed as its loop shut down: no connection outlives the loop
    assert server.wait_for_open_connections(0) == 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for user in (client, copy):
            with pytest.raises(EventLoopError) as info:
                asyncio.run(user.get_thing(2))
            assert isinstance(info.value, LeafLinkError)
            assert "event loop it was first used on" in str(info.value)
            assert "`async with AsyncLeafLink() as client:`" in str(info.value)
        asyncio.run(client.aclose())  # from another loop: harmless
        del client, copy, user
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    assert len(server.requests) == 1


def test_a_client_per_loop_and_one_loop_per_client_work(server):
    async def main() -> Thing:
        async with DemoAsync(KEY, base_url=server.url + "/api/v2") as client:
            await client.get_thing(1)
            return await client.get_thing(2)

    assert asyncio.run(main()) == asyncio.run(main()) == Thing(id=7, name="Blue Dream")
    assert server.wait_for_open_connections(0) == 0


def test_a_passed_pool_is_checked_but_never_closed_with_the_loop(server):
    import httpx

    pool = httpx.AsyncClient()
    client = DemoAsync(KEY, base_url=server.url + "/api/v2", http_client=pool)
    asyncio.run(client.get_thing(1))
    assert not pool.is_closed
    with pytest.raises(EventLoopError):
        asyncio.run(client.get_thing(2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # the user's pool, left open
        del pool, client
        gc.collect()
