"""`make mutants`: plant each class of bug issue 20 names, one at a time, and check the tests kill it.

Each mutant is planted in its own temporary copy of the project (never in this checkout: other
people work in it), taken from the committed tree (`git archive HEAD`, or the working tree with
`--worktree`), with LeafLink's files beside it as `../shared` (a symlink to this checkout's). The
copy is regenerated when the mutant touches an input of generation, then the tests that guard that
class run there (`--full`: the whole suite) with the copy first on PYTHONPATH, so `import leaflink`
and `import generator` are the copy's. A mutant is KILLED when the tests fail, SURVIVED when they
pass; the unmutated copy must pass first (the baseline), or nothing can be told.

    .venv/bin/python tests/mutants.py [--worktree] [--full] [--keep] [NAME ...]

Exit status: 0 when every mutant was killed, 1 otherwise. Not part of `make test` (about two
minutes: a generation and a test run per mutant).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CONNECTOR = "tests/connector"


@dataclass(frozen=True)
class Mutant:
    name: str
    bug: str  # the class of bug of issue 20 it stands for
    file: str  # the file it edits, relative to the project (a glob: the one file holding `old`)
    old: str
    new: str
    tests: tuple[str, ...]
    regenerate: bool = True
    times: int = 1  # how many times `old` is in the file (each is replaced)


MUTANTS = (
    Mutant(
        "binding",
        "an operation bound to the wrong endpoint in the manifest ('Get brand' bound to GET /companies/{id}/)",
        "specs/operations.yaml",
        "    binds: GET /brands/{id}/\n",
        "    binds: GET /companies/{id}/\n",
        (f"{CONNECTOR}/test_answer_key.py", f"{CONNECTOR}/test_every_operation.py"),
    ),
    Mutant(
        "drop-down-field",
        "a drop-down valued by the wrong field (product lines valued by `brand` instead of `id`)",
        "specs/operations.yaml",
        "ddl: {source: endpoint, binds: GET /product-lines/, text: name, value: id}",
        "ddl: {source: endpoint, binds: GET /product-lines/, text: name, value: brand}",
        (f"{CONNECTOR}/test_answer_key.py", f"{CONNECTOR}/test_every_operation.py"),
    ),
    Mutant(
        "query-not-sent",
        "a query argument never sent (the template drops the orders' `status` filter from the request; "
        "it stays in the signature)",
        "templates/package/*.jinja",
        "{% for p in query_params %}\n                    {{ p.api_name|pystr }}: {{ p.python_name|ident }},",
        '{% for p in query_params if not (op.key == "list_orders" and p.api_name == "status") %}\n'
        "                    {{ p.api_name|pystr }}: {{ p.python_name|ident }},",
        (f"{CONNECTOR}/test_every_operation.py",),
    ),
    Mutant(
        "spec-enum-drift",
        "spec enum drift (a report type misspelt in our spec: `orders-sent` -> `order-sent`)",
        "specs/leaflink-v2.openapi.yaml",
        "            - orders-sent\n",
        "            - order-sent\n",
        ("tests/test_conformance.py",),
    ),
    Mutant(
        "spec-enum-drift-labelled",
        "spec enum drift under a drop-down (a strain classification misspelt: `hybrid` -> `hybird`)",
        "specs/leaflink-v2.openapi.yaml",
        "          description: Classification of the strain.\n          enum:\n            - sativa\n"
        "            - indica\n            - hybrid\n",
        "          description: Classification of the strain.\n          enum:\n            - sativa\n"
        "            - indica\n            - hybird\n",
        ("tests/test_conformance.py",),
        times=2,  # StrainResponse and StrainCreate
    ),
    Mutant(
        "spec-property-drift",
        "spec property drift (BrandResponse.company typed string in our spec instead of integer)",
        "specs/leaflink-v2.openapi.yaml",
        "        company:\n          type: integer\n          description: Id of the company owning the brand.",
        "        company:\n          type: string\n          description: Id of the company owning the brand.",
        ("tests/test_conformance.py",),
    ),
    Mutant(
        "server-accepts-any-request",
        "the validating server accepting any request",
        f"{CONNECTOR}/validating_server.py",
        "if route is None or result.errors:",
        "if route is None and result.errors:",
        (f"{CONNECTOR}/test_validating_server.py",),
        regenerate=False,
    ),
    Mutant(
        "server-ignores-bad-responses",
        "the validating server ignoring bad responses",
        f"{CONNECTOR}/validating_server.py",
        "        if checked.errors:\n",
        "        if checked.errors and False:\n",
        (f"{CONNECTOR}/test_validating_server.py",),
        regenerate=False,
    ),
)


def copy_project(into: Path, worktree: bool) -> Path:
    """The project at `into/main`, LeafLink's files at `into/shared`."""
    main = into / "main"
    if worktree:
        ignore = shutil.ignore_patterns(
            ".venv", ".git", ".prism", "__pycache__", ".pytest_cache", "*.egg-info", ".mypy_cache"
        )
        shutil.copytree(ROOT, main, ignore=ignore, symlinks=True)
    else:
        archive = subprocess.run(
            ["git", "archive", "HEAD"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(main, filter="data")
    if SHARED.is_dir():
        (into / "shared").symlink_to(SHARED)
    return main


def environment(main: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(main / "generated"), str(main)])
    env.pop("PYTEST_ADDOPTS", None)
    return env


def run(command: list[str], main: Path, log: Path) -> int:
    with log.open("ab") as out:
        out.write(("\n$ " + " ".join(command) + "\n").encode())
        out.flush()
        return subprocess.run(
            command, cwd=main, env=environment(main), stdout=out, stderr=subprocess.STDOUT
        ).returncode


def generate(main: Path, log: Path) -> bool:
    return run([sys.executable, "-m", "generator", "generate"], main, log) == 0


def test(main: Path, tests: tuple[str, ...], full: bool, log: Path) -> bool:
    """True when the tests pass."""
    selection = [] if full else list(tests)
    return (
        run(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *selection],
            main,
            log,
        )
        == 0
    )


def plant(main: Path, mutant: Mutant) -> None:
    holding = [
        p for p in sorted(main.glob(mutant.file)) if mutant.old in p.read_text(encoding="utf-8")
    ]
    text = holding[0].read_text(encoding="utf-8") if len(holding) == 1 else ""
    if text.count(mutant.old) != mutant.times:
        raise LookupError(
            f"{mutant.name}: {mutant.file} does not hold the text to mutate {mutant.times} time(s) in one file "
            f"({[str(p.relative_to(main)) for p in holding]})"
        )
    holding[0].write_text(text.replace(mutant.old, mutant.new), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutants to plant (default: all)")
    parser.add_argument("--worktree", action="store_true", help="copy the working tree, not HEAD")
    parser.add_argument("--full", action="store_true", help="run the whole suite for each mutant")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies (and logs)")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not args.names or m.name in args.names]
    scratch = Path(tempfile.mkdtemp(prefix="leaflink-mutants-"))
    print(f"copies and logs in {scratch}")
    results: list[tuple[str, str]] = []
    say: Callable[[str], None] = lambda line: print(line, flush=True)
    try:
        base = copy_project(scratch / "base", args.worktree)
        baseline_tests = tuple(sorted({t for m in chosen for t in m.tests}))
        log = scratch / "baseline.log"
        started = time.monotonic()
        if not (generate(base, log) and test(base, baseline_tests, args.full, log)):
            say(
                f"BASELINE FAILS: the unmutated copy does not pass ({log}); no mutant can be judged"
            )
            return 2
        say(f"baseline passes ({time.monotonic() - started:.0f} s)")
        for mutant in chosen:
            started = time.monotonic()
            where = scratch / mutant.name
            shutil.copytree(base.parent, where, symlinks=True)
            main_copy, log = where / "main", scratch / f"{mutant.name}.log"
            try:
                plant(main_copy, mutant)
            except LookupError as error:
                results.append((mutant.name, "NOT PLANTED"))
                say(f"NOT PLANTED  {mutant.name}: {error}")
                continue
            if mutant.regenerate and not generate(main_copy, log):
                verdict = "KILLED (generation refused it)"
            else:
                verdict = "SURVIVED" if test(main_copy, mutant.tests, args.full, log) else "KILLED"
            results.append((mutant.name, verdict))
            say(
                f"{verdict:<10} {mutant.name}: {mutant.bug} ({time.monotonic() - started:.0f} s; {log.name})"
            )
            if not args.keep:
                shutil.rmtree(where, ignore_errors=True)
    finally:
        if not args.keep:
            for leftover in scratch.iterdir():
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
    killed = sum(verdict.startswith("KILLED") for _, verdict in results)
    say(f"{killed} of {len(results)} mutants killed")
    return 0 if killed == len(results) == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
