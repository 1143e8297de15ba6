"""`python -m generator generate` on small specs written here: naming, collisions, bodies, parameters.

Each case generates a package into tmp_path and inspects it in a fresh interpreter (the installed
`leaflink` is the project's own, so the small package is imported from its own directory).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.processes import run_generator

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = ROOT.parent / "shared" / "leaflink" / "official-openapi-2026-07.json"


def small_spec(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Small", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }


def json_response(schema: dict[str, Any], status: str = "200") -> dict[str, Any]:
    return {
        status: {
            "description": "ok",
            "content": {"application/json": {"schema": schema}},
        }
    }


def generate(
    tmp_path: Path, spec: dict[str, Any], operations: list[dict[str, Any]]
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "spec.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    (tmp_path / "ops.yaml").write_text(yaml.safe_dump({"operations": operations}, sort_keys=False))
    return run_generator(
        "generate",
        "--spec",
        str(tmp_path / "spec.yaml"),
        "--manifest",
        str(tmp_path / "ops.yaml"),
        "--out",
        str(tmp_path / "out"),
    )


def inspect_package(tmp_path: Path, script: str) -> Any:
    """Run `script` (which sets `result`) against the generated package; return `result` as JSON."""
    code = (
        "import json, inspect, leaflink\n" + textwrap.dedent(script) + "\nprint(json.dumps(result))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path / "out",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


THING = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "integer"},
        "from": {"type": "string"},
        "class": {"type": "string", "nullable": True},
        "first-name": {"type": "string"},
        "first_name": {"type": "string"},
        "grade": {"type": "string", "enum": ["11-cbd", "%", "Draft", "$", "a b"]},
    },
}


def test_keywords_and_colliding_names_become_distinct_valid_names(
    tmp_path: Path,
) -> None:
    spec = small_spec(
        {
            "/things/{id}/": {
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "get": {
                    "parameters": [
                        {"name": "from", "in": "query", "schema": {"type": "string"}},
                        {"name": "class", "in": "query", "schema": {"type": "string"}},
                        {
                            "name": "first-name",
                            "in": "query",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "first_name",
                            "in": "query",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "options",
                            "in": "query",
                            "schema": {"type": "integer"},
                        },
                    ],
                    "responses": json_response({"$ref": "#/components/schemas/Thing"}),
                },
            }
        },
        {"Thing": THING},
    )
    done = generate(
        tmp_path,
        spec,
        [
            {
                "name": "Get thing",
                "key": "get_thing",
                "kind": "call",
                "description": "One.",
                "binds": "GET /things/{id}/",
            }
        ],
    )
    assert done.returncode == 0, done.stderr
    assert (
        "parameter 'first_name' is `first_name_2` in Python" in done.stdout
    )  # the collision is reported
    result = inspect_package(
        tmp_path,
        """
        signature = inspect.signature(leaflink.LeafLink.get_thing)
        fields = {name: f.alias for name, f in leaflink.models.Thing.model_fields.items()}
        grade = {member.name: member.value for member in leaflink.models.Grade}
        result = [list(signature.parameters), fields, grade]
    """,
    )
    parameters, fields, grade = result
    assert parameters == [
        "self",
        "id",
        "from_",
        "class_",
        "first_name",
        "first_name_2",
        "options_",
        "options",
    ]
    assert fields["from_"] == "from" and fields["class_"] == "class"
    assert grade == {
        "ELEVEN_CBD": "11-cbd",
        "PERCENT": "%",
        "DRAFT": "Draft",
        "DOLLAR": "$",
        "A_B": "a b",
    }


def test_path_level_parameters_missing_operation_ids_and_multipart_bodies(
    tmp_path: Path,
) -> None:
    spec = small_spec(
        {
            "/things/{thing_id}/photos/": {
                "parameters": [
                    {
                        "name": "thing_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "post": {  # no operationId: the manifest binding is enough
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["photo"],
                                    "properties": {
                                        "photo": {"type": "string", "format": "binary"},
                                        "position": {"type": "integer"},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {"204": {"description": "stored"}},
                },
            }
        }
    )
    done = generate(
        tmp_path,
        spec,
        [
            {
                "name": "Upload photo",
                "key": "upload_photo",
                "kind": "call",
                "description": "Up.",
                "binds": "POST /things/{thing_id}/photos/",
            }
        ],
    )
    assert done.returncode == 0, done.stderr
    result = inspect_package(
        tmp_path,
        """
        signature = inspect.signature(leaflink.LeafLink.upload_photo)
        result = {n: str(p.annotation) for n, p in signature.parameters.items()}
        result["return"] = str(signature.return_annotation)
        result["schema"] = leaflink.OPERATIONS["upload_photo"].input_schema
    """,
    )
    assert (
        result["thing_id"] == "str"
        and result["photo"] == "FileContent"
        and result["position"] == "int | None"
    )
    assert result["return"] == "None"
    assert result["schema"]["required"] == ["thing_id", "photo"]
    source = (tmp_path / "out" / "leaflink" / "resources" / "things.py").read_text()
    assert 'files={"photo": photo}' in source and 'data={"position": position}' in source
    assert 'path_params={"thing_id": thing_id}' in source


def test_no_generated_file_names_its_inputs_by_absolute_path(tmp_path: Path) -> None:
    spec = small_spec(
        {
            "/things/": {
                "get": {
                    "responses": json_response(
                        {"type": "object", "properties": {"n": {"type": "integer"}}}
                    )
                }
            }
        }
    )
    done = generate(
        tmp_path,
        spec,
        [
            {
                "name": "Count",
                "key": "count_things",
                "kind": "call",
                "description": "N.",
                "binds": "GET /things/",
            }
        ],
    )
    assert done.returncode == 0, done.stderr
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert str(tmp_path) not in path.read_text(), path
    header = (tmp_path / "out" / "leaflink" / "_client.py").read_text().splitlines()[:2]
    assert "sha256" not in "".join(header)  # static: provenance is in catalogue.json
    catalogue = json.loads((tmp_path / "out" / "leaflink" / "catalogue.json").read_text())
    inputs = catalogue["provenance"]["inputs"]
    assert list(inputs) == ["spec.yaml", "ops.yaml"]
    assert all(len(entry["sha256"]) == 64 for entry in inputs.values())


@pytest.mark.skipif(not OFFICIAL.exists(), reason="../shared/leaflink is not available")
def test_leaflinks_own_file_is_refused_with_every_defect_located(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("untouched")
    done = run_generator("generate", "--spec", str(OFFICIAL), "--out", str(out))
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 13, done.stderr
    joined = "\n".join(errors)
    for located in (
        "paths//batch-documents//get: 'operationID'",
        "components/schemas/OrderResponse",
        "components/schemas/BuyerOrderResponse",
        "components/parameters/PaymentTerm",
        "components/parameters/SelectedPaymentOption",
        "Path parameter 'id' for 'get' operation in '/strains/{id}/'",
    ):
        assert located in joined
    assert all(line.startswith(f"error: {OFFICIAL}: ") for line in errors)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]  # nothing written
