"""Per-call overhead and pagination memory, against the loopback server of `server.py`."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import environment as env
from .timing import Sample, Series, clean_env, run

CALLS = 2_000
SMALL, LARGE = 1_000, 100_000
POOLED_CALLS, CONCURRENCY = 1_000, 200


@contextmanager
def loopback_server() -> Iterator[str]:
    """Start `server.py` in its own process; yield its origin; stop it."""
    process = subprocess.Popen(
        [sys.executable, str(env.BENCH / "server.py"), "--lifetime", "1800"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _probe(python: Path, *args: str) -> tuple[Sample, dict[str, float]]:
    sample, out = run(
        [python, env.BENCH / "probes.py", *args],
        env=clean_env(PYTHONPATH=str(env.GENERATED)),
    )
    return sample, json.loads(out)


def measure_calls(python: Path, origin: str, runs: int) -> dict[str, Series]:
    """`CALLS` sequential list calls through ours and bare httpx, in `runs` fresh processes.

    Each sample is one process's median call (wall) and its CPU seconds per call; the
    series' median is then the median over processes.
    """
    series = {"ours": Series(), "httpx": Series()}
    for _ in range(runs):
        _, result = _probe(python, "calls", f"{origin}/n5", str(CALLS))
        for name, measured in series.items():
            per_call_cpu = result[f"{name}_cpu"] / CALLS
            measured.samples.append(Sample(result[f"{name}_median"], per_call_cpu))
    return series


def measure_connections(python: Path, origin: str, runs: int) -> dict[str, list[float]]:
    """Connections the server accepted for `POOLED_CALLS` async list calls, `CONCURRENCY` at
    a time, through ours and a bare ``httpx.AsyncClient``; one fresh process per run."""
    opened: dict[str, list[float]] = {"ours": [], "httpx": []}
    for _ in range(runs):
        _, result = _probe(
            python, "connections", f"{origin}/n5", str(POOLED_CALLS), str(CONCURRENCY)
        )
        for name, runs_of in opened.items():
            runs_of.append(result[name])
    return opened


def measure_pages(python: Path, origin: str, runs: int) -> dict[str, dict[str, float]]:
    """Peak RSS (median over `runs`) while iterating SMALL and LARGE items, 100 a page.

    On Linux a process's ``ru_maxrss`` starts at its parent's resident size (exec keeps the
    high-water mark), so this process must still be smaller than a probe: the runtime
    figures run before generation, which makes it large.
    """
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss: dict[str, list[float]] = {"small": [], "large": []}
    seconds: dict[str, list[float]] = {"small": [], "large": []}
    for _ in range(runs):
        for label, total in (("small", SMALL), ("large", LARGE)):
            _, result = _probe(python, "pages", f"{origin}/n{total}")
            if result["items"] != total:
                raise RuntimeError(f"pagination yielded {result['items']} items, not {total}")
            rss[label].append(result["maxrss_kb"])
            seconds[label].append(result["seconds"])
    if own >= min(rss["small"]):
        raise RuntimeError(
            f"the bench process peaked at {own} kB, more than a probe: "
            "the probes' ru_maxrss would be its own"
        )
    return {
        label: {
            "items": total,
            "median_maxrss_kb": sorted(rss[label])[len(rss[label]) // 2],
            "median_seconds": round(sorted(seconds[label])[len(seconds[label]) // 2], 3),
            "runs_maxrss_kb": rss[label],
        }
        for label, total in (("small", SMALL), ("large", LARGE))
    }


def measure_parse(python: Path, scratch: Path, runs: int) -> dict[str, Series]:
    """CPU seconds per parse of a 100-item order page: ours tolerant and strict, parsing as it
    was before tolerance, and drifted pages; median over `runs` processes.

    The page is the pinned spec's documented ``GET /orders-received/`` answer (every field
    filled) with its item repeated; the drifted pages drift items as the drift tests do.
    """
    files = []
    for name, page in zip(("page", "some", "all"), _order_pages()):
        files.append(scratch / f"{name}.json")
        files[-1].write_text(json.dumps(page), encoding="utf-8")
    names = ("tolerant", "strict", "before", "drifted_some", "drifted_all")
    series = {name: Series() for name in names}
    for _ in range(runs):  # the processes take turns
        _, ours = _probe(python, "parse", "OrderResponse", *map(str, files), "200")
        _, before = _probe(python, "parse-before", "OrderResponse", str(files[0]), "200")
        for name, seconds in {**ours, **before}.items():
            series[name].samples.append(Sample(seconds, seconds))
    return series


def _order_pages(items: int = 100) -> tuple[dict[str, Any], ...]:
    """The page; the page with 3 fields of each item drifted and one field added (as
    LeafLink's own examples drift); the page with every field of every item drifted."""
    sys.path.insert(0, str(env.ROOT))
    import yaml

    from tests.connector.drift import drifted
    from tests.connector.validating_server import SPEC_PATH, synthesise_response

    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    operation = spec["paths"]["/orders-received/"]["get"]
    _, answer = synthesise_response(spec, operation)
    item = answer["results"][0]
    page = {"count": items, "next": None, "previous": None, "results": [item] * items}
    bad, _ = drifted(spec, item, spec["components"]["schemas"]["OrderResponse"])
    some = {**item, "zz_new_field": bad["zz_new_field"]}
    for key in [key for key in item if key in bad and bad[key] is not None][:3]:
        some[key] = bad[key]
    return (
        page,
        {**page, "results": [some] * items},
        {**page, "results": [bad] * items},
    )
