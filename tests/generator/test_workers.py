"""Work in the background (`generator.workers`) and generation overlapping the spec's validation.

openapi-spec-validator runs in a worker process while the model is built and rendered; what it
finds must still stop generation with exit 2 and nothing written, whatever building from the
rejected spec did meanwhile.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
import yaml

import generator.pipeline
from generator.__main__ import main
from generator.pipeline import generate_files
from generator.problems import InputError
from generator.workers import in_background

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "specs" / "leaflink-v2.openapi.yaml"
MANIFEST = ROOT / "specs" / "operations.yaml"


def _fail(message: str) -> None:
    raise ValueError(message)


def _pid() -> int:
    return os.getpid()


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_the_result_comes_from_another_process() -> None:
    with in_background(_pid) as result:
        assert result() != os.getpid()
        assert result() == result()  # asked twice, computed once


def test_an_exception_in_the_worker_is_raised_in_the_caller() -> None:
    with in_background(_fail, "no such thing") as result:
        with pytest.raises(ValueError, match="no such thing"):
            result()


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with in_background(_die) as result:
        with pytest.raises(RuntimeError, match="died"):
            result()


def test_a_worker_not_waited_for_is_killed() -> None:
    with in_background(time.sleep, 60) as result:
        pass
    del result  # leaving the block ended the worker; nothing is left running


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
    code = main(["generate", "--spec", str(rejected_spec), "--manifest", str(MANIFEST), "--out", str(out)])
    assert code == 2
    assert not out.exists()
