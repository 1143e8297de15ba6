"""The client side of the runtime figures, run in the runtime-only venv (see `environment`).

``python bench/probes.py calls ours|httpx BASE_URL N``: N sequential calls of one list
operation (``list_brands(limit=5)``) through our client, or the same GET through a bare
``httpx.Client``; prints ``{"seconds": ...}`` for the N calls after a warm-up.

``python bench/probes.py pages BASE_URL``: iterates every brand across all pages through our
client; prints ``{"items", "seconds", "maxrss_kb"}`` (peak RSS of this process).
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from collections.abc import Callable

WARM_UP = 100
BLOCK = 100
LIMIT = 5


def _ours(base_url: str) -> Callable[[], object]:
    import leaflink

    client = leaflink.LeafLink(api_key="bench", base_url=base_url)
    return lambda: client.list_brands(limit=LIMIT)


def _httpx(base_url: str) -> Callable[[], object]:
    import httpx

    http = httpx.Client(
        timeout=httpx.Timeout(60.0, connect=5.0), follow_redirects=False
    )
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


def main(argv: list[str]) -> None:
    if argv[0] == "calls":
        result = calls(argv[1], int(argv[2]))
    elif argv[0] == "pages":
        result = pages(argv[1])
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
