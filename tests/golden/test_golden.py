"""The golden record: the golden spec and manifest generate exactly `tests/golden/expected/`.

Like openapi-python-client's golden-record tests: a small hand-written input covering every
kind of operation (README.md here) and its whole committed output, compared byte for byte, so
any change of the generated code shows up as a reviewable diff. After a deliberate change of
the generator or the templates, `make golden` regenerates the record; review its diff.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from tests.processes import run_generator

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
SPEC = GOLDEN / "spec.yaml"
MANIFEST = GOLDEN / "operations.yaml"
EXPECTED = GOLDEN / "expected"

REGENERATE = (
    "tests/golden/expected/ is not what the golden inputs generate. If the generator or the "
    "templates changed on purpose, run `make golden` and review the diff "
    "(`git diff tests/golden/expected`) before committing it; otherwise the change broke "
    "the generated code."
)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` by its relative POSIX path, as bytes (bytecode caches aside)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def _generate(out: Path) -> None:
    """What `make golden` runs, into `out`."""
    done = run_generator(
        "generate",
        "--spec",
        str(SPEC.relative_to(ROOT)),
        "--manifest",
        str(MANIFEST.relative_to(ROOT)),
        "--out",
        str(out),
    )
    assert done.returncode == 0, f"generating the golden input failed:\n{done.stderr}"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden input generated into a temporary directory."""
    out = tmp_path_factory.mktemp("golden") / "out"
    _generate(out)
    return out


def _report(fresh: dict[str, bytes], committed: dict[str, bytes]) -> str:
    missing = sorted(set(fresh) - set(committed))
    extra = sorted(set(committed) - set(fresh))
    changed = sorted(k for k in set(fresh) & set(committed) if fresh[k] != committed[k])
    lines = [REGENERATE, ""]
    if missing:
        lines.append(f"generated but not in expected/ ({len(missing)}): {', '.join(missing)}")
    if extra:
        lines.append(f"in expected/ but no longer generated ({len(extra)}): {', '.join(extra)}")
    if changed:
        lines.append(f"different ({len(changed)}): {', '.join(changed)}")
    for name in changed[:5]:
        diff = difflib.unified_diff(
            committed[name].decode("utf-8", "replace").splitlines(keepends=True),
            fresh[name].decode("utf-8", "replace").splitlines(keepends=True),
            f"expected/{name}",
            f"generated/{name}",
        )
        lines.append("".join(list(diff)[:60]))
    return "\n".join(lines)


def test_the_golden_input_generates_exactly_the_committed_record(fresh: Path) -> None:
    generated, committed = _tree(fresh), _tree(EXPECTED)
    if generated != committed:
        pytest.fail(_report(generated, committed), pytrace=False)


def test_the_record_names_no_machine_path_or_time(fresh: Path) -> None:
    """Nothing of where or when it was generated: a regeneration elsewhere is byte-identical."""
    now = datetime.now(timezone.utc)
    today = {
        now.date().isoformat(),
        now.astimezone().date().isoformat(),
        now.strftime("%d %b %Y"),
        now.strftime("%b %d, %Y"),
    }
    for name, content in _tree(fresh).items():
        text = content.decode("utf-8")
        for leak in (str(fresh), str(ROOT), str(Path.home()), "/tmp/"):
            if len(leak) > 1:
                assert leak not in text, f"{name} contains {leak!r}"
        for day in today:  # a generation date or timestamp would carry today's date
            assert day not in text, f"{name} contains today's date {day!r}"


def test_generation_does_not_depend_on_the_output_directory(fresh: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "tree"
    _generate(other)
    assert _tree(other) == _tree(fresh)


def _manifest_keys() -> list[str]:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return [entry["key"] for entry in manifest["operations"]]


def test_the_golden_package_imports_and_offers_every_operation(fresh: Path) -> None:
    """`import leaflink` from the fresh tree (not the project's own `generated/`), build a
    client, and find every manifest key as a method of `LeafLink` and `AsyncLeafLink`."""
    script = textwrap.dedent(f"""
        import inspect, json, sys
        sys.path.insert(0, {str(fresh)!r})
        import leaflink
        client = leaflink.LeafLink(api_key="k", base_url="http://127.0.0.1:9")
        keys = {_manifest_keys()!r}
        result = {{
            "file": leaflink.__file__,
            "sync": [k for k in keys if callable(getattr(client, k, None))],
            "async": [
                k for k in keys
                if inspect.iscoroutinefunction(getattr(leaflink.AsyncLeafLink, k, None))
            ],
            # operations served without HTTP: no server listens on 127.0.0.1:9
            "local": client.list_weight_units(),
            "enum_ddl": client.list_harvest_statuses_ddl(),
            "static_ddl": client.list_rooms_ddl(),
        }}
        client.close()
        print(json.dumps(result))
        """)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=fresh.parent,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert Path(result["file"]).resolve().is_relative_to(fresh.resolve())
    keys = _manifest_keys()
    assert result["sync"] == keys
    assert result["async"] == keys
    # From the golden spec and manifest (hand-written there).
    assert result["local"] == ["g", "lb"]
    assert result["enum_ddl"] == [
        {"text": "Drying", "value": "drying"},
        {"text": "curing", "value": "curing"},
        {"text": "Packaged and sealed", "value": "packaged"},
        {"text": "archived", "value": "archived"},
    ]
    assert result["static_ddl"] == [
        {"text": "Flower room A", "value": 1},
        {"text": "Flower room B", "value": 2},
        {"text": "Drying room", "value": "dry"},
    ]
