"""`python -m generator pin`: validate, show the diff, then write the normalised pin atomically.

Every pin goes into a specs directory in tmp_path (`--specs-dir`), never into the real specs/.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.inputs.load import read_document
from tests.processes import mypy_strict

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = ROOT.parent / "shared" / "leaflink" / "official-openapi-2026-07.json"

SPEC: dict[str, Any] = yaml.safe_load("""
openapi: 3.0.3
info: {title: Things, version: "1"}
paths:
  /things/{id}/:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    get:
      operationId: getThing
      responses:
        "200":
          description: One thing.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: integer}
        note: {type: string, description: "Two lines:\\nthe second."}
""")

MANIFEST = """\
operations:
  - name: Get thing
    key: get_thing
    kind: call
    binds: "GET /things/{id}/"
    description: Fetch one thing.
"""


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    directory = tmp_path / "specs"
    directory.mkdir()
    (directory / "leaflink-v2.openapi.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    (directory / "operations.yaml").write_text(MANIFEST, encoding="utf-8")
    return directory


def _write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _pin(new: Path, specs: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "generator",
        "pin",
        str(new),
        "--specs-dir",
        str(specs),
    ]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def _with_list_operation() -> dict[str, Any]:
    new = copy.deepcopy(SPEC)
    new["paths"]["/things/"] = {
        "get": {
            "operationId": "listThings",
            "responses": {"200": {"description": "Every thing."}},
        }
    }
    return new


def test_pin_prints_the_diff_then_writes_the_normalised_form(specs: Path, tmp_path: Path) -> None:
    new = _write(tmp_path / "new.json", _with_list_operation())
    result = _pin(new, specs)
    assert result.returncode == 0, result.stderr
    assert "1 added, 0 removed, 0 changed; 0 breaking" in result.stdout
    assert "    GET /things/\n" in result.stdout  # a new endpoint no manifest entry uses yet
    assert result.stdout.rstrip().endswith(
        f"pinned {new} as {specs / 'leaflink-v2.openapi.yaml'}; run `make generate` next"
    )
    pinned = specs / "leaflink-v2.openapi.yaml"
    text = pinned.read_text(encoding="utf-8")
    digest = hashlib.sha256(new.read_bytes()).hexdigest()
    assert text.startswith(
        f"# The pinned description of the LeafLink Marketplace V2 API, written by\n# `python -m generator pin` from new.json (sha256 {digest})\n"
    )
    body = [line for line in text.splitlines() if not line.startswith("#")]
    assert [line for line in body if not line.startswith(" ")] == [
        "openapi: 3.0.3",
        "info:",
        "paths:",
        "components:",
    ]
    assert body[body.index("paths:") + 1 :][:2] == [
        "  /things/:",
        "    get:",
    ]  # keys sorted below the top
    assert (
        "        note:\n          description: |-\n            Two lines:\n            the second.\n"
        in text
    )
    assert read_document(pinned) == _with_list_operation()
    assert sorted(path.name for path in specs.iterdir()) == [
        "leaflink-v2.openapi.yaml",
        "operations.yaml",
    ]
    again = _pin(new, specs)
    assert again.returncode == 0, again.stderr
    assert "no operation changed" in again.stdout
    assert pinned.read_text(encoding="utf-8") == text  # the same input pins to the same bytes


def test_pin_applies_the_overlays_and_warns_about_an_action_that_selects_nothing(
    specs: Path, tmp_path: Path
) -> None:
    (specs / "overlays").mkdir()
    overlay = {
        "overlay": "1.0.0",
        "info": {"title": "repairs", "version": "1"},
        "actions": [
            {"target": "$..[?(@.type == 'bool')]", "update": {"type": "boolean"}},
            {"target": "$..[?(@.type == 'objet')]", "update": {"type": "object"}},
        ],
    }
    (specs / "overlays" / "repairs.yaml").write_text(yaml.safe_dump(overlay), encoding="utf-8")
    broken = copy.deepcopy(SPEC)
    broken["components"]["schemas"]["Thing"]["properties"]["done"] = {"type": "bool"}
    result = _pin(_write(tmp_path / "new.json", broken), specs)
    assert result.returncode == 0, result.stderr
    assert (
        f"warning: {specs / 'overlays' / 'repairs.yaml'}: actions[1] selects nothing in"
        in result.stderr
    )
    assert "response 200 application/json $.done: property added (boolean)" in result.stdout
    pinned = read_document(specs / "leaflink-v2.openapi.yaml")
    assert pinned["components"]["schemas"]["Thing"]["properties"]["done"] == {"type": "boolean"}
    assert "(repairs.yaml)" in (specs / "leaflink-v2.openapi.yaml").read_text(encoding="utf-8")


def test_pin_refuses_an_invalid_spec_and_writes_nothing(specs: Path, tmp_path: Path) -> None:
    before = (specs / "leaflink-v2.openapi.yaml").read_bytes()
    broken = copy.deepcopy(SPEC)
    operation = broken["paths"]["/things/{id}/"]["get"]
    operation["operationID"] = operation.pop("operationId")
    result = _pin(_write(tmp_path / "new.json", broken), specs)
    assert result.returncode == 2
    assert (
        f"error: {tmp_path / 'new.json'}: paths//things/{{id}}//get: 'operationID' does not match"
        in result.stderr
    )
    assert "nothing was written" in result.stderr
    assert result.stdout == ""
    assert (specs / "leaflink-v2.openapi.yaml").read_bytes() == before


def test_pin_refuses_a_spec_that_breaks_the_manifest_and_writes_nothing(
    specs: Path, tmp_path: Path
) -> None:
    before = (specs / "leaflink-v2.openapi.yaml").read_bytes()
    moved = copy.deepcopy(SPEC)
    moved["paths"]["/things/{number}/"] = moved["paths"].pop("/things/{id}/")
    moved["paths"]["/things/{number}/"]["parameters"][0]["name"] = "number"
    new = _write(tmp_path / "new.json", moved)
    result = _pin(new, specs)
    assert result.returncode == 2
    assert (
        "  BREAKING  GET /things/{id}/  (manifest: get_thing)" in result.stdout
    )  # the diff came first
    manifest = specs / "operations.yaml"
    assert (
        f"{new} would break these entries of {manifest}: fix them, then pin again." in result.stderr
    )
    assert (
        f"error: {manifest}: operations[0] (Get thing).binds: {new} has no operation 'GET /things/{{id}}/' "
        "(did you mean 'GET /things/{number}/'?)"
    ) in result.stderr
    assert (specs / "leaflink-v2.openapi.yaml").read_bytes() == before
    assert sorted(path.name for path in specs.iterdir()) == [
        "leaflink-v2.openapi.yaml",
        "operations.yaml",
    ]


@pytest.mark.skipif(not OFFICIAL.is_file(), reason=f"LeafLink's file is not here: {OFFICIAL}")
def test_pinning_leaflinks_file_yields_a_connector_that_binds_every_operation(
    tmp_path: Path,
) -> None:
    real = {path.name: path.read_bytes() for path in (ROOT / "specs").iterdir() if path.is_file()}
    specs = tmp_path / "specs"
    shutil.copytree(ROOT / "specs", specs)
    pinned = _pin(OFFICIAL, specs)
    assert pinned.returncode == 0, pinned.stderr
    assert "selects nothing" not in pinned.stderr  # every overlay action still applies
    out = tmp_path / "generated"
    generate = [sys.executable, "-m", "generator", "generate", "--out", str(out)]
    generate += [
        "--spec",
        str(specs / "leaflink-v2.openapi.yaml"),
        "--manifest",
        str(specs / "operations.yaml"),
    ]
    generated = subprocess.run(generate, cwd=ROOT, capture_output=True, text=True)
    assert generated.returncode == 0, generated.stderr
    listing = (
        "import json, leaflink; operations = leaflink.OPERATIONS.values(); "
        "print(json.dumps([leaflink.__file__, [[o.key, o.method, o.path] for o in operations]]))"
    )
    env = {**os.environ, "PYTHONPATH": str(out)}
    imported = subprocess.run(
        [sys.executable, "-c", listing],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert imported.returncode == 0, imported.stderr
    where, operations = json.loads(imported.stdout)
    assert where.startswith(str(out))
    manifest = yaml.safe_load((specs / "operations.yaml").read_text(encoding="utf-8"))["operations"]
    assert sorted(key for key, _, _ in operations) == sorted(entry["key"] for entry in manifest)
    bound = {key: f"{method} {path}" for key, method, path in operations}
    calls = {entry["key"]: entry["binds"] for entry in manifest if entry["kind"] == "call"}
    assert {key: bound[key] for key in calls} == calls
    checked = mypy_strict("-p", "leaflink", cwd=out)
    assert checked.returncode == 0, checked.stdout[-5000:]
    assert {
        path.name: path.read_bytes() for path in (ROOT / "specs").iterdir() if path.is_file()
    } == real
