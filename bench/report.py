"""The results as rows with their targets: a printed table, JSON, and BENCHMARKS.md's table."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .timing import Sample, Series

TABLE_START, TABLE_END = "<!-- bench:table -->", "<!-- /bench:table -->"


@dataclass(frozen=True)
class Row:
    """One comparison: ours against a reference, their ratio and the target it must meet."""

    measure: str
    ours: str
    reference: str
    ratio: float | None
    target: float | None  # the ratio must be at most this; None: reported only
    cpu_ratio: float | None = None  # the same ratio in CPU seconds, steadier on a busy machine

    @property
    def verdict(self) -> str:
        if self.ratio is None or self.target is None:
            return ""
        return "met" if self.ratio <= self.target else "MISSED"


def _s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _row(
    measure: str,
    ours: Series,
    reference: Series,
    described: str,
    target: float | None,
) -> Row:
    """Ours against a reference series: the wall-clock ratio, and the CPU one beside it."""
    return Row(
        measure,
        _s(ours.wall),
        f"{_s(reference.wall)} {described}",
        ours.wall / reference.wall,
        target,
        ours.cpu / reference.cpu,
    )


GENERATION_TARGETS = {"ours_warm": 0.3, "ours_cold": 1.0, "ours_edit": None}
"""Issue 16: against the peer on the same input, warm at most 0.3x, cold at most 1.0x, on the
pinned spec (a) and its 10-fold copy (b); one edit, and LeafLink's own file (c), are reported
only."""


def generation_rows(label: str, series: dict[str, Series]) -> list[Row]:
    return [
        _row(
            f"generate ({label}), {what}",
            series[key],
            series["peer"],
            "openapi-python-client",
            GENERATION_TARGETS[key] if label in ("a", "b") else None,
        )
        for key, what in (
            ("ours_warm", "warm cache"),
            ("ours_cold", "cold cache"),
            ("ours_edit", "one edit, warm cache"),
        )
    ]


def scaling_rows(a: dict[str, Series], b: dict[str, Series]) -> list[Row]:
    """How each grows from (a) to the 10-fold (b): ours no faster than the peer's growth."""
    peer_growth = b["peer"].wall / a["peer"].wall
    return [
        _row(f"generate (b) / (a), {what}", b[key], a[key], "(a)", target)
        for key, what, target in (
            ("ours_warm", "warm cache", peer_growth),
            ("ours_cold", "cold cache", peer_growth),
            ("peer", "openapi-python-client", None),
        )
    ]


def check_rows(series: dict[str, Series]) -> list[Row]:
    return [
        _row(
            f"make check, {what} cache",
            series[f"check_{what}"],
            series[f"generate_{what}"],
            "generate",
            1.2,
        )
        for what in ("warm", "cold")
    ]


def import_rows(series: dict[str, Series]) -> list[Row]:
    """Import figures net of the bare interpreter's start-up (wall and CPU alike)."""
    bare = series["bare"]

    def net(key: str) -> Series:
        return Series(
            [
                Sample(max(s.wall - bare.wall, 1e-6), max(s.cpu - bare.cpu, 1e-6))
                for s in series[key].samples
            ]
        )

    peer_client = "peer client + api + models"
    return [
        _row(
            "import (net of start-up)",
            net("ours_import"),
            net("peer_import"),
            "peer package",
            None,
        ),
        _row(
            "import + client, all operations",
            net("ours_client"),
            net("peer_client"),
            peer_client,
            0.5,
        ),
        Row(
            "peak RSS, import + client",
            f"{series['ours_client_peak_kb'].wall / 1024:.1f} MiB",
            f"{series['peer_client_peak_kb'].wall / 1024:.1f} MiB {peer_client}",
            series["ours_client_peak_kb"].wall / series["peer_client_peak_kb"].wall,
            None,
        ),
        _row(
            "import + client + every model",
            net("ours_models"),
            net("peer_client"),
            peer_client,
            None,
        ),
    ]


def call_rows(series: dict[str, Series], calls: int) -> list[Row]:
    """The median call of ours against bare httpx's (CPU: per call, over all calls)."""
    ours, bare = series["ours"], series["httpx"]
    return [
        Row(
            f"list call, median of {calls:,}",
            f"{ours.wall * 1e6:.0f} us",
            f"{bare.wall * 1e6:.0f} us bare httpx",
            ours.wall / bare.wall,
            1.10,
            ours.cpu / bare.cpu,
        )
    ]


def connection_rows(opened: dict[str, list[float]], calls: int, concurrency: int) -> list[Row]:
    """Connections opened per `calls` async calls, `concurrency` at a time (median of runs):
    ours against the calls (a connection per call is no reuse), bare httpx's beside it.
    """

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    ours, bare = median(opened["ours"]), median(opened["httpx"])
    return [
        Row(
            f"connections opened per {calls:,} calls ({concurrency} concurrent, async)",
            f"{ours:,.0f}",
            f"{calls:,} calls (bare httpx opened {bare:,.0f})",
            ours / calls,
            0.15,
        )
    ]


def parse_rows(series: dict[str, Series]) -> list[Row]:
    """Parsing a 100-item order page, against parsing as it was before tolerance."""
    before = series["before"].wall
    return [
        Row(
            f"parse 100-item page, {name.replace('_', ': ')}",
            f"{series[name].wall * 1e3:.2f} ms",
            f"{before * 1e3:.2f} ms before tolerance",
            series[name].wall / before,
            target,
        )
        for name, target in (
            ("tolerant", 1.2),
            ("strict", None),
            ("drifted_some", None),
            ("drifted_all", None),
        )
    ]


def page_rows(pages: dict[str, dict[str, float]]) -> list[Row]:
    small, large = pages["small"], pages["large"]
    return [
        Row(
            f"peak RSS, {large['items']:,} vs {small['items']:,} items",
            f"{large['median_maxrss_kb'] / 1024:.1f} MiB",
            f"{small['median_maxrss_kb'] / 1024:.1f} MiB",
            large["median_maxrss_kb"] / small["median_maxrss_kb"],
            1.10,
        )
    ]


def table(rows: list[Row]) -> str:
    """A Markdown table (it also reads well in a terminal)."""
    header = ["measure", "ours", "reference", "ratio", "cpu ratio", "target", ""]
    lines = [header] + [
        [
            r.measure,
            r.ours,
            r.reference,
            f"{r.ratio:.2f}x" if r.ratio is not None else "",
            f"{r.cpu_ratio:.2f}x" if r.cpu_ratio is not None else "",
            f"<= {r.target:.2f}x" if r.target else "",
            r.verdict,
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = [
        "| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths)) + " |" for line in lines
    ]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def machine_line(machine: dict[str, Any]) -> str:
    load = ", ".join(str(x) for x in machine["load_average_at_start"])
    return f"Machine: {machine['nproc']} CPUs ({machine['cpu']}), Python {machine['python']}, load average at start {load}."


def write_json(path: Path, document: dict[str, Any], rows: list[Row]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**document, "rows": [asdict(r) | {"verdict": r.verdict} for r in rows]}
    path.write_text(json.dumps(document, indent=2, default=str) + "\n", encoding="utf-8")


def record(benchmarks: Path, text: str) -> None:
    """Replace the table section of BENCHMARKS.md (between its markers) by `text`."""
    current = benchmarks.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.S)
    if not pattern.search(current):
        raise SystemExit(f"{benchmarks} has no {TABLE_START} ... {TABLE_END} section")
    benchmarks.write_text(
        pattern.sub(lambda _: f"{TABLE_START}\n{text}\n{TABLE_END}", current),
        encoding="utf-8",
    )
