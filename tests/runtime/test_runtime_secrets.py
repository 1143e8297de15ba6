"""The API key never reaches a log record, a repr or an exception; what is logged."""

from __future__ import annotations

import logging

import pytest
from runtime_support import KEY, THING, Reply, closed_port_url, paged

from _leaflink_runtime._exceptions import APIError

pytestmark = pytest.mark.anyio


async def capture(h, call, errors):
    """Run ``call()`` (sync or async), keeping the APIError it raises."""
    try:
        return await h.run(call())
    except APIError as error:
        errors.append(error)
        return None


async def test_key_is_never_logged_shown_or_raised(h, server, other_server, caplog):
    caplog.set_level(logging.DEBUG)
    client = h.client(webhook_key="whk-SECRET-456", strict_responses=True)
    unreachable = h.client(base_url=closed_port_url(), max_retries=0)
    off_origin = {"count": 2, "next": f"{other_server.url}/x/", "results": [THING]}
    looping = {
        "count": 9,
        "next": f"{other_server.url}/x/?offset=0",
        "results": [THING],
    }
    errors: list[APIError] = []

    async def iterate_list():
        return await h.collect(await h.run(client.list_things()))

    server.script(Reply(status=503), Reply.json(THING))
    await h.run(client.get_thing(7))
    server.script(Reply.json({"detail": "Invalid token."}, 401))
    await capture(h, lambda: client.get_thing(7), errors)
    server.script(Reply(200, b"not json"))
    await capture(h, lambda: client.get_thing(7), errors)
    server.script(Reply(drop=True))
    await capture(h, lambda: client.create_thing({"name": "x"}), errors)
    server.script(Reply.json(THING, delay=0.15))
    await capture(h, lambda: client.create_thing({}, options={"timeout": 0.05}), errors)
    await capture(h, lambda: unreachable.get_thing(1), errors)
    server.script(Reply.json(off_origin), Reply.json(looping))
    await capture(h, iterate_list, errors)
    raw = await h.run(client.with_raw_response.get_thing(7))
    raw_request = await h.run(client.raw_request("GET", "/things/7"))
    server.fallback = paged(server, 150)
    page = await h.run(client.list_things())
    await h.collect(page)
    assert [type(e).__name__ for e in errors] == [
        "AuthenticationError",
        "APIResponseValidationError",
        "APIConnectionError",
        "APITimeoutError",
        "APIConnectionError",
        "PaginationLoopError",
    ]
    assert other_server.requests == []  # the next pages were asked of the API's origin

    texts = [record.getMessage() for record in caplog.records]
    texts += [repr(x) for x in (client, client.copy(), page, raw, raw_request)]
    texts += [str(client), repr(client.with_raw_response)]
    for error in errors:
        texts += [str(error), repr(error), *map(str, error.args), repr(error.request)]
    leaks = [text for text in texts if KEY in text or "whk-SECRET-456" in text]
    assert leaks == []
    assert any("'authorization': 'App ***'" in text for text in texts)


async def test_one_debug_record_per_request_and_response(h, server, caplog):
    caplog.set_level(logging.DEBUG, logger="leaflink")
    server.script(Reply(status=503), Reply.json(THING))
    await h.run(h.client().get_thing(7))
    records = [r for r in caplog.records if r.name == "leaflink"]
    url = f"{server.url}/api/v2/things/7/"
    assert [(r.levelno, r.getMessage().split(" headers=")[0]) for r in records[:1]] == [
        (logging.DEBUG, f"get_thing: request GET {url} (attempt 1)")
    ]
    messages = [r.getMessage() for r in records]
    assert messages[1].startswith(f"get_thing: response 503 Service Unavailable for GET {url} in ")
    assert records[2].levelno == logging.INFO
    assert messages[2].startswith(f"get_thing: retrying GET {url} in ")
    assert messages[2].endswith("(retry 1 of 2): status 503")
    assert messages[3].startswith(f"get_thing: request GET {url} (attempt 2)")
    assert messages[4].startswith(f"get_thing: response 200 OK for GET {url} in ")
    assert len(records) == 5


@pytest.mark.parametrize("secret", ["e", "col", KEY])
async def test_a_key_echoed_in_an_error_is_masked_and_the_rest_kept(h, server, secret):
    body = {"detail": f"Expecting value: line 1 column 1 (char 0); token: {secret}"}
    server.script(Reply.json(body, 400))
    with pytest.raises(APIError) as info:
        await h.run(h.client(api_key=secret).get_thing(7))
    assert str(info.value).endswith(": Expecting value: line 1 column 1 (char 0); token: ***")
    assert info.value.body == body  # the parsed body keeps what the server sent
