"""The Python of the README and of the package's docstring runs, and type-checks.

Each ```python block of README.md and the example in `leaflink`'s docstring is type-checked
by mypy --strict (with `examples/`), then run in a fresh process against the stand-in that
validates every request against the pinned spec: its environments point there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.connector import validating_server
from tests.connector.validating_server import ValidatingServer
from tests.processes import mypy_strict

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
DOCSTRING = textwrap.dedent(
    re.search(r"\n\n((?:    .*\n|\n)+)", (ROOT / "generated" / "leaflink" / "__init__.py").read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
)
SNIPPETS = {f"readme_{n}": block for n, block in enumerate(BLOCKS, 1)} | {
    "package_docstring": DOCSTRING
}
BOOT = """\
import runpy, sys
import leaflink._base_client as base
for name in list(base.ENVIRONMENTS):
    base.ENVIRONMENTS[name] = sys.argv[2]  # every environment is the stand-in
runpy.run_path(sys.argv[1], run_name="__main__")
"""


@pytest.fixture(scope="module")
def server() -> Iterator[ValidatingServer]:
    running = validating_server.start()
    yield running.server
    running.stop()


@pytest.fixture(scope="module")
def snippets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("snippets")
    for name, source in SNIPPETS.items():
        (folder / f"{name}.py").write_text(source, encoding="utf-8")
    return folder


def test_there_is_python_to_check() -> None:
    assert len(BLOCKS) >= 2 and "LeafLink(" in DOCSTRING


def test_the_snippets_and_examples_pass_mypy_strict(snippets: Path) -> None:
    files = [*sorted(snippets.glob("*.py")), *sorted((ROOT / "examples").glob("*.py"))]
    result = mypy_strict(*map(str, files), cwd=snippets, mypypath=ROOT / "generated")
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_each_snippet_runs_against_the_stand_in(
    name: str, snippets: Path, server: ValidatingServer
) -> None:
    server.received.clear()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEAFLINK_")}
    result = subprocess.run(
        [sys.executable, "-c", BOOT, str(snippets / f"{name}.py"), server.base_url],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert server.rejected == [] and server.invalid_responses == []
