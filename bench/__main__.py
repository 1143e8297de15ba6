"""`python -m bench` (`make bench`): measure, print the table, write bench/results/latest.json.

Options: ``--runs N`` (runs per figure, default 3; `make check` takes 2N runs, import and
calls 3N), ``--only`` (a comma-separated subset of generate,check,import,calls,connections,
pages,parse), ``--inputs`` (those of generate: a,b,c), ``--record`` (also write the table
into BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from . import environment as env
from . import generation, imports, report, runtime

PARTS = ("generate", "check", "import", "calls", "connections", "pages", "parse")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per figure (default: %(default)s)"
    )
    parser.add_argument(
        "--only", default=",".join(PARTS), help="comma-separated parts (default: all)"
    )
    parser.add_argument(
        "--inputs",
        default="a,b,c",
        help="generation inputs to measure (default: %(default)s)",
    )
    parser.add_argument("--record", action="store_true", help="write the table into BENCHMARKS.md")
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    parts = [p for p in args.only.split(",") if p]
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise SystemExit(
            f"unknown parts: {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}"
        )
    document: dict[str, Any] = {
        "started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": env.machine(),
        "runs": args.runs,
        "notes": [],
        "results": {},
    }
    rows: list[report.Row] = []
    runtime_rows: list[report.Row] = []
    began = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="leaflink-bench-"))
    try:
        runtime_parts = {"import", "calls", "connections", "pages", "parse"}
        if runtime_parts & set(parts):  # first: see measure_pages
            runtime_rows = _runtime(scratch, args.runs, parts, document)
        if "generate" in parts:
            rows += _generation(scratch, args.runs, args.inputs.split(","), document)
        if "check" in parts:
            _say("make check")
            series = generation.measure_check(scratch, args.runs * 2)
            document["results"]["check"] = {k: v.as_json() for k, v in series.items()}
            rows += report.check_rows(series)
        rows += runtime_rows
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    document["seconds"] = round(time.perf_counter() - began, 1)
    text = report.table(rows)
    print()
    print(report.machine_line(document["machine"]))
    print(text)
    for note in document["notes"]:
        print(f"note: {note}")
    report.write_json(env.RESULTS / "latest.json", document, rows)
    print(
        f"\nwrote {(env.RESULTS / 'latest.json').relative_to(env.ROOT)} ({document['seconds']} s)"
    )
    if args.record:
        report.record(
            env.ROOT / "BENCHMARKS.md",
            f"{report.machine_line(document['machine'])}\n\n{text}",
        )
        print("recorded the table in BENCHMARKS.md")


def _say(what: str) -> None:
    print(f"bench: {what} ...", flush=True)


def _generation(
    scratch: Path, runs: int, labels: list[str], document: dict[str, Any]
) -> list[report.Row]:
    items, notes = generation.inputs(scratch, labels)
    document["notes"] += notes
    results = {}
    rows: list[report.Row] = []
    for item in items:
        _say(f"generate ({item.label}) from {item.spec.name}")
        results[item.label] = generation.measure(item, scratch, runs)
        document["results"][f"generate_{item.label}"] = {
            k: v.as_json() for k, v in results[item.label].items()
        }
        rows += report.generation_rows(item.label, results[item.label])
    if "a" in results and "b" in results:
        rows += report.scaling_rows(results["a"], results["b"])
    return rows


def _runtime(
    scratch: Path, runs: int, parts: list[str], document: dict[str, Any]
) -> list[report.Row]:
    python = env.runtime_python()
    rows: list[report.Row] = []
    if "import" in parts:
        _say("import")
        series = imports.measure(python, scratch, runs * 3)
        document["results"]["import"] = {k: v.as_json() for k, v in series.items()}
        rows += report.import_rows(series)
    with runtime.loopback_server() as origin:
        if "calls" in parts:
            _say(f"{runtime.CALLS} calls")
            series = runtime.measure_calls(python, origin, runs * 3)
            document["results"]["calls"] = {k: v.as_json() for k, v in series.items()}
            rows += report.call_rows(series, runtime.CALLS)
        if "connections" in parts:
            _say(f"connections for {runtime.POOLED_CALLS} concurrent calls")
            opened = runtime.measure_connections(python, origin, runs)
            document["results"]["connections"] = opened
            rows += report.connection_rows(opened, runtime.POOLED_CALLS, runtime.CONCURRENCY)
        if "pages" in parts:
            _say("pagination memory")
            pages = runtime.measure_pages(python, origin, runs)
            document["results"]["pages"] = pages
            rows += report.page_rows(pages)
    if "parse" in parts:  # last: building its pages grows this process, see measure_pages
        _say("parsing a page")
        series = runtime.measure_parse(python, scratch, runs * 3)
        document["results"]["parse"] = {k: v.as_json() for k, v in series.items()}
        rows += report.parse_rows(series)
    return rows


if __name__ == "__main__":
    main()
