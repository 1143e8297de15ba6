"""Work in the background (`generator.workers`) and generation overlapping the spec's validation.

openapi-spec-validator runs in a worker process while the model is built and rendered; what it
finds must still stop generation with exit 2 and nothing written, whatever building from the
rejected spec did meanwhile.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import generator.pipeline
from generator.__main__ import main
from generator.pipeline import generate_files
from generator.problems import InputError
from tests.processes import alive, kill_after_reports, wait_until_gone

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "specs" / "leaflink-v2.openapi.yaml"
MANIFEST = ROOT / "specs" / "operations.yaml"


WORKER_CHECKS = """
import os, signal, time
from generator.workers import can_fork, in_background

def fail(message):
    raise ValueError(message)

def die():
    os.kill(os.getpid(), signal.SIGKILL)

assert can_fork()
with in_background(os.getpid) as result:
    assert result() != os.getpid(), "not in another process"
    assert result() == result(), "computed twice"
with in_background(fail, "no such thing") as result:
    try:
        result()
    except ValueError as error:
        assert str(error) == "no such thing"
    else:
        raise AssertionError("the worker's exception was lost")
with in_background(die) as result:
    try:
        result()
    except RuntimeError as error:
        assert "died" in str(error), error
    else:
        raise AssertionError("a dead worker gave a result")
started = time.monotonic()
with in_background(time.sleep, 60) as result:
    pass
assert time.monotonic() - started < 10, "a worker not waited for was waited for"
print("ok")
"""


def test_in_background_runs_in_a_worker_and_hands_back_its_outcome() -> None:
    """In a fresh interpreter: forking needs a single-threaded process, which pytest's may
    not be after other tests (then `in_background` computes inline, as designed)."""
    checked = subprocess.run(
        [sys.executable, "-c", WORKER_CHECKS], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert checked.stdout.strip() == "ok", checked.stderr


@pytest.fixture
def rejected_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The pinned spec with one schema type openapi-spec-validator rejects."""
    monkeypatch.setenv("LEAFLINK_GENERATOR_CACHE", "off")
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    name = sorted(spec["components"]["schemas"])[0]
    spec["components"]["schemas"][name]["type"] = "bogus"
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


def test_the_validators_problems_stop_generation(rejected_spec: Path) -> None:
    with pytest.raises(InputError) as raised:
        generate_files(rejected_spec, MANIFEST)
    assert any("bogus" in problem.message for problem in raised.value.problems)


def test_the_validators_problems_win_over_a_build_that_crashed(
    rejected_spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(inputs: object) -> None:
        raise KeyError("what a rejected spec may do to the builder")

    monkeypatch.setattr(generator.pipeline, "build", crash)
    with pytest.raises(InputError) as raised:
        generate_files(rejected_spec, MANIFEST)
    assert any("bogus" in problem.message for problem in raised.value.problems)


def test_a_rejected_spec_writes_nothing(rejected_spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = main(
        ["generate", "--spec", str(rejected_spec), "--manifest", str(MANIFEST), "--out", str(out)]
    )
    assert code == 2
    assert not out.exists()


def test_a_background_worker_dies_with_a_killed_generator(tmp_path: Path) -> None:
    """SIGKILL runs no clean-up: the worker must end by itself (PR_SET_PDEATHSIG, or its
    watcher thread)."""
    script = tmp_path / "background.py"
    script.write_text(
        "import os, time\n"
        "from generator.workers import in_background\n"
        "def report_and_wait():\n"
        "    os.write(1, b'%d\\n' % os.getpid())\n"
        "    time.sleep(60)\n"
        "with in_background(report_and_wait) as result:\n"
        "    result()\n",
        encoding="utf-8",
    )
    (worker,) = kill_after_reports(script, 1)
    wait_until_gone([worker])
    assert not alive(worker)
