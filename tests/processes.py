"""Test support for child processes: the generator's command line and mypy run as their own
processes, and a process killed outright whose workers must end by themselves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_generator(*arguments: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """`python -m generator *arguments` from the project's root, its output captured as text;
    `options` go to `subprocess.run` (a timeout, a preexec_fn)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        **options,
    )


def mypy_strict(
    *targets: str, cwd: Path, mypypath: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`mypy --strict` on `targets` from `cwd`, with no cache kept, its output captured as text;
    with `mypypath`, MYPYPATH names it (otherwise the environment is this process's)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            os.devnull,
            *targets,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=None if mypypath is None else {**os.environ, "MYPYPATH": str(mypypath)},
    )


def kill_after_reports(script: Path, reports: int) -> set[int]:
    """Run `script` from the project's root, read the pids its workers report (one line each,
    written with a single os.write: print() under PYTHONUNBUFFERED interleaves two workers'
    lines), then SIGKILL it, which leaves no clean-up to run. The reported pids."""
    process = subprocess.Popen(
        [sys.executable, str(script)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    pids = {int(process.stdout.readline()) for _ in range(reports)}
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)
    return pids


def wait_until_gone(pids: Collection[int], seconds: float = 10) -> None:
    """Wait up to `seconds` for every one of `pids` to end (the caller checks that they did)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(pid) for pid in pids):
        time.sleep(0.1)


def alive(pid: int) -> bool:
    """Whether `pid` runs: a zombie, ended but not yet reaped, does not."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
