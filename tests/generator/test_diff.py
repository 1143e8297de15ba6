"""`python -m generator diff`: each kind of change, its classification, the manifest, the formats.

Every case starts from the small spec BEFORE, changes one thing in a copy (or in both copies),
and states the whole expected report: (operation, kind, location, breaking, old, new) for every
change. The JSON shape is pinned by the committed snapshot `diff_snapshot.json`; regenerate it
with `UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/generator/test_diff.py` and review it.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.inputs.manifest import parse_manifest
from generator.pipeline import catalogue_changes
from generator.review.diff import SpecDiff, compare_specs

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(__file__).with_name("diff_snapshot.json")
SHARED = ROOT.parent / "shared" / "leaflink"

BEFORE = yaml.safe_load("""
openapi: 3.0.3
info: {title: Things, version: "1"}
paths:
  /things/:
    get:
      operationId: listThings
      parameters:
        - {name: colour, in: query, schema: {type: string, enum: [red, green]}}
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200":
          description: A page of things.
          content:
            application/json:
              schema:
                type: object
                properties:
                  count: {type: integer}
                  results: {type: array, items: {$ref: "#/components/schemas/Thing"}}
    post:
      operationId: createThing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ThingCreate"}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema: {type: object, properties: {id: {type: integer}}}
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
    delete:
      operationId: deleteThing
      responses:
        "204": {description: Deleted.}
components:
  schemas:
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        name: {type: string}
        colour: {type: string, enum: [red, green]}
        made: {type: string, format: date-time, nullable: true}
    ThingCreate:
      type: object
      required: [name]
      properties:
        name: {type: string}
        colour: {type: string, enum: [red, green]}
        tags: {type: array, items: {type: string}}
""")

MANIFEST = yaml.safe_load("""
operations:
  - {name: List things, key: list_things, kind: call, binds: GET /things/, description: Every thing.}
  - {name: Get thing, key: get_thing, kind: call, binds: "GET /things/{id}/", description: One thing.}
  - {name: Delete thing, key: delete_thing, kind: call, binds: "DELETE /things/{id}/", description: Gone.}
  - name: List colours DDL
    key: list_colours_ddl
    kind: ddl
    description: Colours for a picker.
    ddl: {source: enum, pointer: "#/components/schemas/Thing/properties/colour"}
""")

GET_LIST, POST, GET_ONE = "GET /things/", "POST /things/", "GET /things/{id}/"
LIST_ITEM, ONE = (
    "response 200 application/json $.results[]",
    "response 200 application/json $",
)
CREATE = "request application/json $"


def _query(name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda s: next(
        p for p in s["paths"]["/things/"]["get"]["parameters"] if p["name"] == name
    )


colour, limit = _query("colour"), _query("limit")


def thing(s: dict[str, Any]) -> dict[str, Any]:
    return s["components"]["schemas"]["Thing"]


def create(s: dict[str, Any]) -> dict[str, Any]:
    return s["components"]["schemas"]["ThingCreate"]


def post(s: dict[str, Any]) -> dict[str, Any]:
    return s["paths"]["/things/"]["post"]


def _both(location: str, kind: str, breaking: bool, old: Any, new: Any) -> list[tuple[Any, ...]]:
    """A change to Thing shows in both operations that answer it."""
    return [
        (GET_LIST, kind, f"{LIST_ITEM}{location}", breaking, old, new),
        (GET_ONE, kind, f"{ONE}{location}", breaking, old, new),
    ]


# (id, change to the old copy, change to the new copy, expected changes)
CASES: list[
    tuple[str, Callable[[Any], Any] | None, Callable[[Any], Any], list[tuple[Any, ...]]]
] = [
    (
        "parameter-added-optional",
        None,
        lambda s: s["paths"]["/things/"]["get"]["parameters"].append(
            {"name": "shape", "in": "query", "schema": {"type": "string"}}
        ),
        [(GET_LIST, "parameter-added", "query parameter shape", False, None, "string")],
    ),
    (
        "parameter-added-required",
        None,
        lambda s: s["paths"]["/things/"]["get"]["parameters"].append(
            {
                "name": "shape",
                "in": "query",
                "required": True,
                "schema": {"type": "string"},
            }
        ),
        [
            (
                GET_LIST,
                "parameter-added",
                "query parameter shape",
                True,
                None,
                "string, required",
            )
        ],
    ),
    (
        "parameter-removed",
        None,
        lambda s: s["paths"]["/things/"]["get"]["parameters"].remove(limit(s)),
        [
            (
                GET_LIST,
                "parameter-removed",
                "query parameter limit",
                True,
                "integer",
                None,
            )
        ],
    ),
    (
        "parameter-retyped",
        None,
        lambda s: limit(s)["schema"].update(type="string"),
        [
            (
                GET_LIST,
                "parameter-type-changed",
                "query parameter limit",
                True,
                "integer",
                "string",
            )
        ],
    ),
    (
        "parameter-made-required",
        None,
        lambda s: limit(s).update(required=True),
        [(GET_LIST, "parameter-required", "query parameter limit", True, False, True)],
    ),
    (
        "parameter-made-optional",
        lambda s: limit(s).update(required=True),
        lambda s: None,  # BEFORE as it is
        [(GET_LIST, "parameter-optional", "query parameter limit", False, True, False)],
    ),
    (
        "parameter-enum-value-added",
        None,
        lambda s: colour(s)["schema"]["enum"].append("blue"),
        [
            (
                GET_LIST,
                "parameter-enum-value-added",
                "query parameter colour",
                False,
                None,
                "blue",
            )
        ],
    ),
    (
        "parameter-enum-value-removed",
        None,
        lambda s: colour(s)["schema"]["enum"].remove("green"),
        [
            (
                GET_LIST,
                "parameter-enum-value-removed",
                "query parameter colour",
                True,
                "green",
                None,
            )
        ],
    ),
    (
        "parameter-enum-added",
        None,
        lambda s: limit(s)["schema"].update(enum=[10, 20]),
        [
            (
                GET_LIST,
                "parameter-enum-added",
                "query parameter limit",
                True,
                None,
                [10, 20],
            )
        ],
    ),
    (
        "path-parameter-retyped",
        None,
        lambda s: s["paths"]["/things/{id}/"]["parameters"][0]["schema"].update(type="string"),
        [
            (
                GET_ONE,
                "parameter-type-changed",
                "path parameter id",
                True,
                "integer",
                "string",
            ),
            (
                "DELETE /things/{id}/",
                "parameter-type-changed",
                "path parameter id",
                True,
                "integer",
                "string",
            ),
        ],
    ),
    (
        "request-property-added-optional",
        None,
        lambda s: create(s)["properties"].update(size={"type": "integer"}),
        [(POST, "request-property-added", f"{CREATE}.size", False, None, "integer")],
    ),
    (
        "request-property-added-required",
        None,
        lambda s: (
            create(s)["properties"].update(size={"type": "integer"}),
            create(s)["required"].append("size"),
        ),
        [
            (
                POST,
                "request-property-added",
                f"{CREATE}.size",
                True,
                None,
                "integer, required",
            )
        ],
    ),
    (
        "request-property-removed",
        None,
        lambda s: create(s)["properties"].pop("colour"),
        [(POST, "request-property-removed", f"{CREATE}.colour", True, "string", None)],
    ),
    (
        "request-item-retyped",
        None,
        lambda s: create(s)["properties"]["tags"]["items"].update(type="integer"),
        [(POST, "request-type-changed", f"{CREATE}.tags[]", True, "string", "integer")],
    ),
    (
        "request-property-became-nullable",
        None,
        lambda s: create(s)["properties"]["name"].update(nullable=True),
        [
            (
                POST,
                "request-type-changed",
                f"{CREATE}.name",
                False,
                "string",
                "string, nullable",
            )
        ],
    ),
    (
        "request-property-made-required",
        None,
        lambda s: create(s)["required"].append("colour"),
        [(POST, "request-property-required", f"{CREATE}.colour", True, False, True)],
    ),
    (
        "request-property-made-optional",
        None,
        lambda s: create(s)["required"].clear(),
        [(POST, "request-property-optional", f"{CREATE}.name", False, True, False)],
    ),
    (
        "request-enum-value-added",
        None,
        lambda s: create(s)["properties"]["colour"]["enum"].append("blue"),
        [(POST, "request-enum-value-added", f"{CREATE}.colour", False, None, "blue")],
    ),
    (
        "request-enum-value-removed",
        None,
        lambda s: create(s)["properties"]["colour"]["enum"].remove("red"),
        [(POST, "request-enum-value-removed", f"{CREATE}.colour", True, "red", None)],
    ),
    (
        "request-body-made-optional",
        None,
        lambda s: post(s)["requestBody"].update(required=False),
        [(POST, "request-body-optional", "request", False, True, False)],
    ),
    (
        "request-body-added",
        None,
        lambda s: s["paths"]["/things/{id}/"]["delete"].update(
            requestBody={
                "required": True,
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        ),
        [
            (
                "DELETE /things/{id}/",
                "request-body-added",
                "request",
                True,
                None,
                "application/json, required",
            )
        ],
    ),
    (
        "request-body-removed",
        None,
        lambda s: post(s).pop("requestBody"),
        [
            (
                POST,
                "request-body-removed",
                "request",
                True,
                "application/json, required",
                None,
            )
        ],
    ),
    (
        "request-content-types-changed",
        None,
        lambda s: post(s)["requestBody"].update(
            content={"multipart/form-data": post(s)["requestBody"]["content"]["application/json"]}
        ),
        [
            (
                POST,
                "request-content-type-removed",
                "request",
                True,
                "application/json",
                None,
            ),
            (
                POST,
                "request-content-type-added",
                "request",
                False,
                None,
                "multipart/form-data",
            ),
        ],
    ),
    (
        "response-property-added",
        None,
        lambda s: thing(s)["properties"].update(size={"type": "integer"}),
        _both(".size", "response-property-added", False, None, "integer"),
    ),
    (
        "response-property-removed",
        None,
        lambda s: thing(s)["properties"].pop("name"),
        _both(".name", "response-property-removed", True, "string", None),
    ),
    (
        "response-property-retyped",
        None,
        lambda s: thing(s)["properties"]["id"].update(type="string"),
        _both(".id", "response-type-changed", True, "integer", "string"),
    ),
    (
        "response-property-no-longer-nullable",
        None,
        lambda s: thing(s)["properties"]["made"].pop("nullable"),
        _both(
            ".made",
            "response-type-changed",
            False,
            "string (date-time), nullable",
            "string (date-time)",
        ),
    ),
    (
        "response-property-made-optional",
        None,
        lambda s: thing(s)["required"].clear(),
        _both(".id", "response-property-optional", True, True, False),
    ),
    (
        "response-enum-value-added",
        None,
        lambda s: thing(s)["properties"]["colour"]["enum"].append("blue"),
        _both(".colour", "response-enum-value-added", True, None, "blue"),
    ),
    (
        "response-enum-value-removed",
        None,
        lambda s: thing(s)["properties"]["colour"]["enum"].remove("red"),
        _both(".colour", "response-enum-value-removed", False, "red", None),
    ),
    (
        "response-enum-dropped",
        None,
        lambda s: thing(s)["properties"]["colour"].pop("enum"),
        _both(".colour", "response-enum-removed", True, ["red", "green"], None),
    ),
    (
        "response-status-changed",
        None,
        lambda s: post(s).update(responses={"200": post(s)["responses"]["201"]}),
        [(POST, "response-status-changed", "response", False, "201", "200")],
    ),
    (
        "response-content-type-changed",
        None,
        lambda s: s["paths"]["/things/{id}/"]["get"]["responses"]["200"].update(
            content={"application/xml": {"schema": {"type": "string"}}}
        ),
        [
            (
                GET_ONE,
                "response-content-type-removed",
                "response 200",
                True,
                "application/json",
                None,
            ),
            (
                GET_ONE,
                "response-content-type-added",
                "response 200",
                False,
                None,
                "application/xml",
            ),
        ],
    ),
]


def _changes(diff: SpecDiff) -> list[tuple[Any, ...]]:
    return [
        (op.binding, c.kind, c.location, c.breaking, c.old, c.new)
        for op in diff.changed
        for c in op.changes
    ]


@pytest.mark.parametrize(
    ("mutate_old", "mutate_new", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_each_kind_of_change_is_reported_and_classified(
    mutate_old: Callable[[Any], Any] | None,
    mutate_new: Callable[[Any], Any],
    expected: list[tuple[Any, ...]],
) -> None:
    old, new = copy.deepcopy(BEFORE), copy.deepcopy(BEFORE)
    if mutate_old is not None:
        mutate_old(old)
    mutate_new(new)
    diff = compare_specs(old, new)
    assert _changes(diff) == expected
    assert (diff.added, diff.removed) == ((), ())
    assert [op.binding for op in diff.changed] == list(dict.fromkeys(c[0] for c in expected))
    assert all(op.breaking == any(c.breaking for c in op.changes) for op in diff.changed)


def test_identical_specs_have_no_change() -> None:
    diff = compare_specs(BEFORE, copy.deepcopy(BEFORE))
    assert (diff.added, diff.removed, diff.changed, diff.breaking) == ((), (), (), ())


def _after() -> dict[str, Any]:
    """BEFORE with an operation removed, one added, two changed, and an enum a drop-down reads."""
    new = copy.deepcopy(BEFORE)
    new["paths"]["/things/"]["get"]["parameters"].remove(limit(new))
    create(new)["properties"]["size"] = {"type": "integer"}
    item = new["paths"]["/things/{id}/"]
    item.pop("delete")
    item["put"] = {
        "operationId": "replaceThing",
        "responses": {"200": {"description": "Replaced."}},
    }
    thing(new)["properties"]["colour"]["enum"].append("blue")
    return new


def test_operations_are_matched_by_method_and_path_and_the_manifest_is_reached() -> None:
    diff = compare_specs(
        BEFORE,
        _after(),
        ("before.yaml", "after.yaml"),
        parse_manifest(MANIFEST),
        "operations.yaml",
    )
    assert [(op.binding, op.operation_id, op.breaking, op.manifest) for op in diff.added] == [
        ("PUT /things/{id}/", "replaceThing", False, ())
    ]
    assert [(op.binding, op.breaking, op.manifest) for op in diff.removed] == [
        ("DELETE /things/{id}/", True, ("delete_thing",))
    ]
    assert [(op.binding, op.manifest) for op in diff.changed] == [
        ("GET /things/", ("list_things",)),
        ("POST /things/", ()),
        ("GET /things/{id}/", ("get_thing",)),
    ]
    impact = diff.manifest
    assert impact is not None
    assert [(t.key, t.by) for t in impact.touched] == [
        ("list_things", ("GET /things/",)),
        ("get_thing", ("GET /things/{id}/",)),
        ("delete_thing", ("DELETE /things/{id}/",)),
        ("list_colours_ddl", ("#/components/schemas/Thing/properties/colour",)),
    ]
    assert [(p.file, p.where, p.message, p.hint) for p in impact.broken] == [
        (
            "operations.yaml",
            "operations[2] (Delete thing).binds",
            "after.yaml has no DELETE on /things/{id}/",
            "it has GET, PUT",
        )
    ]
    assert impact.unused == ("PUT /things/{id}/",)
    assert [op.binding for op in diff.breaking] == [
        "DELETE /things/{id}/",
        "GET /things/",
        "GET /things/{id}/",
    ]


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "diff", *args]
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    (tmp_path / "before.yaml").write_text(yaml.safe_dump(BEFORE), encoding="utf-8")
    (tmp_path / "after.json").write_text(json.dumps(_after()), encoding="utf-8")
    (tmp_path / "operations.yaml").write_text(yaml.safe_dump(MANIFEST), encoding="utf-8")
    return tmp_path


def test_json_output_matches_the_committed_snapshot(inputs: Path) -> None:
    result = _cli(
        inputs,
        "before.yaml",
        "after.json",
        "--manifest",
        "operations.yaml",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == SNAPSHOT.read_text(encoding="utf-8")
    document = json.loads(result.stdout)
    assert list(document) == [
        "old",
        "new",
        "summary",
        "added",
        "removed",
        "changed",
        "manifest",
        "examples",
    ]
    assert all(
        {"method", "path"} <= set(op)
        for key in ("added", "removed", "changed")
        for op in document[key]
    )


def test_text_output_is_the_expected_report(inputs: Path) -> None:
    result = _cli(inputs, "before.yaml", "after.json", "--manifest", "operations.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Things: before.yaml (1) -> after.json (1)\n"
        "1 added, 1 removed, 3 changed; 3 breaking for a client of the connector\n"
        "\n"
        "Removed (1)\n"
        "  BREAKING  DELETE /things/{id}/  (manifest: delete_thing)\n"
        "\n"
        "Added (1)\n"
        "            PUT /things/{id}/\n"
        "\n"
        "Changed (3)\n"
        "  BREAKING  GET /things/  (manifest: list_things)\n"
        "      BREAKING  query parameter limit: parameter removed (was integer)\n"
        '      BREAKING  response 200 application/json $.results[].colour: enum value "blue" added\n'
        "            POST /things/\n"
        "                request application/json $.size: property added (integer)\n"
        "  BREAKING  GET /things/{id}/  (manifest: get_thing)\n"
        '      BREAKING  response 200 application/json $.colour: enum value "blue" added\n'
        "\n"
        "Manifest operations.yaml\n"
        "  entries touched (4):\n"
        "    list_things (GET /things/)\n"
        "    get_thing (GET /things/{id}/)\n"
        "    delete_thing (DELETE /things/{id}/)\n"
        "    list_colours_ddl (#/components/schemas/Thing/properties/colour)\n"
        "  bindings that no longer resolve (1):\n"
        "    operations.yaml: operations[2] (Delete thing).binds: after.json has no DELETE on /things/{id}/ "
        "(it has GET, PUT)\n"
        "  new endpoints no entry uses yet (1):\n"
        "    PUT /things/{id}/\n"
    )


def test_markdown_output_marks_breaking_changes(inputs: Path) -> None:
    result = _cli(inputs, "before.yaml", "after.json", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# API change: Things"
    assert "- **breaking** `DELETE /things/{id}/`" in lines
    colour = "`response 200 application/json $.results[].colour`"
    assert f'  - **breaking** {colour}: enum value "blue" added' in lines
    assert "- `POST /things/`" in lines
    assert "  - `request application/json $.size`: property added (integer)" in lines
    # no manifest given, and none in the working directory
    assert "Manifest" not in result.stdout


def test_unreadable_input_is_a_problem(inputs: Path) -> None:
    (inputs / "broken.yaml").write_text("openapi: 3.0.3\ninfo: {title: x}\n", encoding="utf-8")
    (inputs / "dangling.yaml").write_text(
        yaml.safe_dump(
            {
                **BEFORE,
                "components": {"schemas": {"Thing": {"$ref": "#/components/schemas/Nope"}}},
            }
        ),
        encoding="utf-8",
    )
    no_paths = _cli(inputs, "before.yaml", "broken.yaml")
    assert no_paths.returncode == 2
    assert (
        "error: broken.yaml: not an OpenAPI document: it has no `paths` mapping" in no_paths.stderr
    )
    dangling = _cli(inputs, "before.yaml", "dangling.yaml")
    assert dangling.returncode == 2
    assert "error: dangling.yaml: '#/components/schemas/Nope' does not resolve" in dangling.stderr


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"LeafLink's files are not here: {SHARED}")
def test_leaflinks_own_files_diff_and_show_the_real_change(tmp_path: Path) -> None:
    old, new = (
        SHARED / "official-openapi-2025-11.json",
        SHARED / "official-openapi-2026-07.json",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "diff",
            str(old),
            str(new),
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "warning:" not in result.stderr  # every repair of the overlay applies to both files
    report = json.loads(result.stdout)
    bindings = {
        key: [f"{op['method']} {op['path']}" for op in report[key]]
        for key in ("added", "removed", "changed")
    }
    assert "GET /credits/" in bindings["added"] and "POST /customer-statuses/" in bindings["added"]
    assert bindings["removed"] == ["GET /customer-status/", "POST /customer-status/"]
    activity = next(
        op
        for op in report["changed"]
        if op["path"] == "/activity-entries/" and op["method"] == "GET"
    )
    assert activity["manifest"] == ["list_activity_entries"]
    delete = next(c for c in activity["changes"] if c["location"] == "query parameter delete")
    assert (delete["kind"], delete["old"], delete["new"], delete["breaking"]) == (
        "parameter-type-changed",
        "string",
        "boolean",
        True,
    )
    # `author` went from one number ("Filter by author ID.") to one string ("supports multiple
    # values, comma-separated"); the overlay types both as a list of integer ids, so a caller
    # sending one id sees no change.
    assert not any(c["location"] == "query parameter author" for c in activity["changes"])
    assert report["manifest"]["broken"] == []


# --- `generate` ends with the catalogue's changes ------------------------------------------------


def _catalogue(*operations: dict[str, Any], defs: dict[str, Any] | None = None) -> str:
    return json.dumps({"operations": list(operations), "$defs": defs or {}})


def test_catalogue_changes_compare_operations_and_the_models_they_use() -> None:
    uses = {"key": "get_thing", "output_schema": {"$ref": "#/$defs/Thing"}}
    old = _catalogue({"key": "a"}, {"key": "gone"}, uses, defs={"Thing": {"type": "object"}})
    new = _catalogue({"key": "a"}, {"key": "new"}, uses, defs={"Thing": {"type": "string"}})
    changes = catalogue_changes(old, new)
    assert (changes.added, changes.removed, changes.changed) == (
        ["new"],
        ["gone"],
        ["get_thing"],
    )
    assert not catalogue_changes(new, new)
    assert catalogue_changes(None, new).added == ["a", "get_thing", "new"]


def test_generate_ends_with_the_catalogue_changes(tmp_path: Path) -> None:
    out = tmp_path / "generated"

    def generate() -> list[str]:
        command = [sys.executable, "-m", "generator", "generate", "--out", str(out)]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    assert generate()[-1] == "catalogue: new"
    assert generate()[-1] == "catalogue: no operation changed"
    catalogue_file = out / "leaflink" / "catalogue.json"
    catalogue = json.loads(catalogue_file.read_text(encoding="utf-8"))
    operations = catalogue["operations"]
    first, second = operations[0]["key"], operations[1]["key"]
    operations[1]["description"] = "an older description"
    operations[0]["key"] = "retired_operation"
    catalogue_file.write_text(json.dumps(catalogue), encoding="utf-8")
    assert generate()[-3:] == [
        f"catalogue added (1): {first}",
        "catalogue removed (1): retired_operation",
        f"catalogue changed (1): {second}",
    ]
