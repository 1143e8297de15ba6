"""The client side of the runtime figures, run in the runtime-only venv (see `environment`).

``python bench/probes.py calls ours|httpx BASE_URL N``: N sequential calls of one list
operation (``list_brands(limit=5)``) through our client, or the same GET through a bare
``httpx.Client``; prints ``{"seconds": ...}`` for the N calls after a warm-up.

``python bench/probes.py pages BASE_URL``: iterates every brand across all pages through our
client; prints ``{"items", "seconds", "maxrss_kb"}`` (peak RSS of this process).

``python bench/probes.py connections BASE_URL N CONCURRENCY``: N ``list_brands(limit=5)`` calls,
CONCURRENCY at a time, through our ``AsyncLeafLink`` and the same GETs through a bare
``httpx.AsyncClient`` (httpx's default pool); prints the connections the server accepted for
each, ``{"ours", "httpx"}`` (from its ``/stats/``).

``python bench/probes.py parse MODEL PAGE.json SOME.json ALL.json N``: parses each page body N
times (in alternating blocks) as pages of ``leaflink.models.MODEL``: the page tolerant (the
default) and strict, the drifted pages tolerant; prints each one's median CPU seconds.
``python bench/probes.py parse-before MODEL PAGE.json N``: the same for the page parsed as
before tolerance (``json.loads``, then models that drop unknown fields).
"""

from __future__ import annotations

import json
import logging
import resource
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

WARM_UP = 100
BLOCK = 100
LIMIT = 5


def _ours(base_url: str) -> Callable[[], object]:
    import leaflink

    client = leaflink.LeafLink(api_key="bench", base_url=base_url)
    return lambda: client.list_brands(limit=LIMIT)


def _httpx(base_url: str) -> Callable[[], object]:
    import httpx

    http = httpx.Client(timeout=httpx.Timeout(60.0, connect=5.0), follow_redirects=False)
    url = base_url + "/brands/"
    headers = {"Authorization": "App bench", "Accept": "application/json"}

    def call() -> object:
        response = http.get(url, params={"limit": LIMIT}, headers=headers)
        response.raise_for_status()
        return response.json()

    return call


def calls(base_url: str, count: int) -> dict[str, float]:
    """`count` calls through each client, taking turns by blocks, so drift hits both alike.

    Every call is timed: the result holds each client's median call and its totals.
    """
    clients = {"ours": _ours(base_url), "httpx": _httpx(base_url)}
    for call in clients.values():
        for _ in range(WARM_UP):
            call()
    durations: dict[str, list[float]] = {name: [] for name in clients}
    cpu = dict.fromkeys(clients, 0.0)
    clock = time.perf_counter
    for _ in range(count // BLOCK):
        for name, call in clients.items():
            block, started = durations[name], time.process_time()
            for _ in range(BLOCK):
                start = clock()
                call()
                block.append(clock() - start)
            cpu[name] += time.process_time() - started
    result: dict[str, float] = {}
    for name, times in durations.items():
        result[f"{name}_median"] = statistics.median(times)
        result[name] = sum(times)
        result[f"{name}_cpu"] = cpu[name]
    return result


def pages(base_url: str) -> dict[str, float]:
    import leaflink

    start = time.perf_counter()
    with leaflink.LeafLink(api_key="bench", base_url=base_url) as client:
        items = sum(1 for _ in client.list_brands(limit=100))
    seconds = time.perf_counter() - start
    return {
        "items": items,
        "seconds": seconds,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def connections(base_url: str, count: int, concurrency: int) -> dict[str, float]:
    """Connections opened for `count` async calls, `concurrency` at a time, ours and bare."""
    import asyncio
    import urllib.request

    import httpx

    import leaflink

    origin = base_url.rsplit("/", 1)[0]

    def opened() -> int:
        with urllib.request.urlopen(f"{origin}/stats/") as answer:  # one connection
            return int(json.load(answer)["connections"])

    async def in_turn(call: Callable[[], Any]) -> None:
        limit = asyncio.Semaphore(concurrency)

        async def one() -> None:
            async with limit:
                await call()

        await asyncio.gather(*(one() for _ in range(count)))

    async def ours() -> None:
        async with leaflink.AsyncLeafLink(api_key="bench", base_url=base_url) as client:
            await in_turn(lambda: client.list_brands(limit=LIMIT))

    async def bare() -> None:
        headers = {"Authorization": "App bench", "Accept": "application/json"}
        async with httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=5.0)) as http:

            async def call() -> object:
                response = await http.get(
                    base_url + "/brands/", params={"limit": LIMIT}, headers=headers
                )
                response.raise_for_status()
                return response.json()

            await in_turn(call)

    result: dict[str, float] = {}
    for name, way in (("ours", ours), ("httpx", bare)):
        before = opened()
        asyncio.run(way())
        result[name] = opened() - before - 1  # less the stats request's own
    return result


def parse(model: str, *files_and_count: str) -> dict[str, float]:
    """Median seconds per parse of each page body, ours tolerant and strict, taking turns."""
    from leaflink._pagination import parse_page

    *files, count = files_and_count
    item_type, page, some, every = _pages(model, *files)
    logging.getLogger("leaflink").disabled = True  # the drifted pages' warnings
    return _medians(
        {
            "tolerant": lambda: parse_page(page, item_type, "bench"),
            "strict": lambda: parse_page(page, item_type, "bench", strict=True),
            "drifted_some": lambda: parse_page(some, item_type, "bench"),
            "drifted_all": lambda: parse_page(every, item_type, "bench"),
        },
        int(count),
    )


def parse_before(model: str, page_file: str, count: int) -> dict[str, float]:
    """Median seconds per parse of the page as it was parsed before tolerance: the body
    decoded by ``json.loads``, then validated by models that drop unknown fields."""
    import pydantic

    import leaflink
    from leaflink._pagination import _envelope

    models = [
        cls
        for cls in vars(leaflink.models).values()
        if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel)
    ]
    for _ in range(2):  # twice: a model's validator embeds those of the models it holds
        for cls in models:
            cls.model_config["extra"] = "ignore"
            cls.model_rebuild(force=True)
    item_type, page, _ = _pages(model, page_file, page_file)
    envelope = pydantic.TypeAdapter(_envelope(item_type))
    return _medians({"before": lambda: envelope.validate_python(json.loads(page.content))}, count)


def _pages(model: str, *files: str) -> tuple[Any, ...]:
    import httpx

    import leaflink

    request = httpx.Request("GET", "http://bench.invalid/api/v2/orders-received/")
    responses = []
    for path in files:
        with open(path, "rb") as file:
            responses.append(httpx.Response(200, content=file.read(), request=request))
    return getattr(leaflink.models, model), *responses


def _medians(ways: dict[str, Callable[[], object]], count: int) -> dict[str, float]:
    """Each way's median CPU seconds per call, in blocks of 10 taken in turns."""
    for way in ways.values():
        way()
    durations: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(max(1, count // 10)):
        for name, way in ways.items():
            start = time.process_time()
            for _ in range(10):
                way()
            durations[name].append((time.process_time() - start) / 10)
    return {name: statistics.median(times) for name, times in durations.items()}


def main(argv: list[str]) -> None:
    if argv[0] == "calls":
        result = calls(argv[1], int(argv[2]))
    elif argv[0] == "pages":
        result = pages(argv[1])
    elif argv[0] == "connections":
        result = connections(argv[1], int(argv[2]), int(argv[3]))
    elif argv[0] == "parse":
        result = parse(argv[1], *argv[2:])
    elif argv[0] == "parse-before":
        result = parse_before(argv[1], argv[2], int(argv[3]))
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
