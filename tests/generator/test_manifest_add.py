"""`python -m generator manifest add-unbound`: a removed entry comes back, valid, comments kept."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from tests.processes import run_generator

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    for name in (
        "leaflink-v2.openapi.yaml",
        "operations.yaml",
        "operations.schema.json",
        "reference-operations.txt",
    ):
        shutil.copy(SPECS / name, tmp_path / name)
    return tmp_path / "leaflink-v2.openapi.yaml", tmp_path / "operations.yaml"


def _remove_entry(manifest: Path, binding: str) -> str:
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == f"binds: {binding}")
    start = max(i for i in range(at + 1) if lines[i].startswith("  - name:"))
    end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith("    "))
    removed = "".join(lines[start:end])
    manifest.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    return removed


def _run(spec: Path, manifest: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_generator(
        "manifest",
        "add-unbound",
        "--spec",
        str(spec),
        "--manifest",
        str(manifest),
        *extra,
        timeout=300,
    )


def _validate(spec: Path, manifest: Path) -> subprocess.CompletedProcess[str]:
    return run_generator("validate", "--spec", str(spec), "--manifest", str(manifest), timeout=300)


def test_nothing_is_unbound_in_our_inputs(tmp_path: Path) -> None:
    spec, manifest = _copy(tmp_path)
    before = manifest.read_text(encoding="utf-8")
    result = _run(spec, manifest)
    assert result.returncode == 0, result.stderr
    assert "added 0 draft entries" in result.stdout
    assert manifest.read_text(encoding="utf-8") == before


def test_a_removed_entry_comes_back_valid_in_its_section(tmp_path: Path) -> None:
    spec, manifest = _copy(tmp_path)
    _remove_entry(manifest, "GET /batch-documents/{id}/")
    comments = [
        line
        for line in manifest.read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith("#")
    ]
    dry = _run(spec, manifest, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (
        "would add: GET /batch-documents/{id}/  name: 'Get batch document'  key: get_batch_document"
        in dry.stdout
    )
    assert "binds: GET /batch-documents/{id}/" not in manifest.read_text(encoding="utf-8")

    result = _run(spec, manifest)
    assert result.returncode == 0, result.stderr
    assert "added: GET /batch-documents/{id}/" in result.stdout
    text = manifest.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == comments
    entries = yaml.safe_load(text)["operations"]
    [entry] = [e for e in entries if e.get("binds") == "GET /batch-documents/{id}/"]
    assert entry == {
        "name": "Get batch document",
        "key": "get_batch_document",
        "kind": "call",
        "binds": "GET /batch-documents/{id}/",
        "description": "Get a batch document.",
        "resource": "batches",  # its neighbours' resource, not its path's (batch_documents)
    }
    keys = [e["key"] for e in entries]  # in the batches section, beside its resource's entries
    assert keys.index("get_batch_document") == keys.index("delete_batch_document") + 1
    assert _validate(spec, manifest).returncode == 0


def test_a_resource_without_entries_gets_its_own_section(tmp_path: Path) -> None:
    spec, manifest = _copy(tmp_path)
    for binding in ("GET /reports/", "GET /reports/{number}/", "POST /reports/"):
        _remove_entry(manifest, binding)
    result = _run(spec, manifest)
    assert result.returncode == 0, result.stderr
    text = manifest.read_text(encoding="utf-8")
    assert "  # --- Reports (drafted by `manifest add-unbound`) " in text
    assert text.index("drafted by") < text.index("  # --- Escape hatch")
    drafted = [
        e
        for e in yaml.safe_load(text)["operations"]
        if e["name"] in {"List reports", "Get report", "Create report"}
    ]
    assert len(drafted) == 3 and {e["resource"] for e in drafted} == {"reports"}
    assert _validate(spec, manifest).returncode == 0
