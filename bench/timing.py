"""Running commands repeatedly and summarising them by their median."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run: wall-clock seconds and the CPU seconds (user + system) of its processes."""

    wall: float
    cpu: float


@dataclass
class Series:
    """The samples of one measured thing, in the order they were taken."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    def as_json(self) -> dict[str, object]:
        return {
            "median_wall_s": _significant(self.wall),
            "median_cpu_s": _significant(self.cpu),
            "runs_wall_s": [_significant(s.wall) for s in self.samples],
            "runs_cpu_s": [_significant(s.cpu) for s in self.samples],
        }


def _significant(value: float) -> float:
    return float(f"{value:.5g}")


class CommandFailed(RuntimeError):
    """A measured command exited non-zero where success was required."""


def run(
    command: Sequence[str | Path],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    allowed_codes: tuple[int, ...] = (0,),
) -> tuple[Sample, str]:
    """Run `command` once; return its sample and its standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(
        [str(part) for part in command],
        env=dict(env) if env is not None else None,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in allowed_codes:
        raise CommandFailed(
            f"{' '.join(str(p) for p in command)} exited {completed.returncode}:\n"
            f"{completed.stdout[-2000:]}{completed.stderr[-4000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Sample(wall, cpu), completed.stdout


def interleaved(contenders: Mapping[str, Callable[[int], Sample]], runs: int) -> dict[str, Series]:
    """Run every contender `runs` times, taking turns, so load on the machine hits each alike."""
    results = {name: Series() for name in contenders}
    for index in range(runs):
        for name, measure in contenders.items():
            results[name].samples.append(measure(index))
    return results


def clean_env(**extra: str) -> dict[str, str]:
    """A minimal environment for measured processes (no user site, no inherited PYTHON*)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONNOUSERSITE"] = "1"
    env.update(extra)
    return env
