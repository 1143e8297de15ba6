"""Generation gives black's output while giving black only what does not fit.

`emit.formatting.format_files` takes a piece whose every line fits as rendered (the templates,
the runtime modules and datamodel-code-generator's builtin formatter already write black's
style) and gives black the rest. These tests are the proof that this is safe: for whole trees
rendered from several inputs, the result equals black's own output for every module (black
given everything), and the verbatim runtime modules are black-clean as committed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import black
import pytest

from generator.emit.formatting import black_mode, format_files
from generator.emit.render import RUNTIME, rendered_parts
from generator.inputs.overlay import load_overlays, read_spec
from generator.inputs.validate import load_inputs
from generator.model.build import build

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
GOLDEN = ROOT / "tests" / "golden"
OFFICIAL = ROOT.parent / "shared" / "leaflink" / "official-openapi-2026-07.json"


def _rendered(spec: Path, manifest: Path) -> dict[str, str]:
    parts = rendered_parts(build(load_inputs(spec, manifest)))
    return {path: text for part in parts for path, text in part.items()}


def _assert_black_output(files: dict[str, str]) -> None:
    fast = format_files(files)
    full = format_files(files, trust_fitting=False)
    differing = sorted(path for path in files if fast[path] != full[path])
    assert not differing, f"not black's output: {differing}"
    assert any(path.endswith(".py") for path in files)


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Black really runs: no cached output stands in for it."""
    monkeypatch.setenv("LEAFLINK_GENERATOR_CACHE", "off")


@pytest.mark.parametrize("module", sorted(RUNTIME.glob("*.py")), ids=lambda p: p.name)
def test_runtime_modules_are_black_clean(module: Path) -> None:
    text = module.read_text(encoding="utf-8")
    assert (
        black.format_str(text, mode=black_mode()) == text
    ), f"run `.venv/bin/python -m black {module.relative_to(ROOT)}`"


def test_the_pinned_spec_is_formatted_as_black_formats_it() -> None:
    _assert_black_output(_rendered(SPECS / "leaflink-v2.openapi.yaml", SPECS / "operations.yaml"))


def test_the_golden_record_is_formatted_as_black_formats_it() -> None:
    _assert_black_output(_rendered(GOLDEN / "spec.yaml", GOLDEN / "operations.yaml"))


@pytest.mark.skipif(not OFFICIAL.is_file(), reason="needs ../shared/leaflink")
def test_leaflinks_own_file_is_formatted_as_black_formats_it(tmp_path: Path) -> None:
    """LeafLink's prose (long descriptions, quotes, markdown) through every template."""
    spec, _ = read_spec(OFFICIAL, load_overlays(SPECS / "overlays"))
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    _assert_black_output(_rendered(tmp_path / "spec.json", SPECS / "operations.yaml"))


def test_hostile_names_and_texts_are_formatted_as_black_formats_them(tmp_path: Path) -> None:
    """Quotes, backslashes, non-ASCII text and long names in every place a value lands."""
    from tests.generator.test_hostile_specs import (
        NAMES,
        PAYLOADS,
        SCHEMA_NAMES,
        hostile_inputs,
    )

    spec, manifest = hostile_inputs(PAYLOADS, NAMES, SCHEMA_NAMES, PAYLOADS)
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    (tmp_path / "ops.json").write_text(json.dumps(manifest), encoding="utf-8")
    _assert_black_output(_rendered(tmp_path / "spec.json", tmp_path / "ops.json"))


def test_a_line_too_long_goes_to_black() -> None:
    """The trust ends where black has work: an overlong line, a tab, a trailing space."""
    long_call = "x = f(" + ", ".join(f"argument_{i}" for i in range(12)) + ")\n"
    for text in (long_call, "def f():\n\treturn 1\n", "x = 1 \n", "x = 1\n\n\n"):
        assert format_files({"m.py": text})["m.py"] == black.format_str(text, mode=black_mode())


def test_the_projects_own_code_is_black_clean() -> None:
    """Generator, tests, benchmarks and examples at the line length of pyproject.toml (100)."""
    folders = ["generator", "tests", "bench", "examples", "templates/runtime"]
    checked = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--quiet", *folders],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert (
        checked.returncode == 0
    ), f"run `.venv/bin/python -m black {' '.join(folders)}`:\n{checked.stderr}"
