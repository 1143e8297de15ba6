"""`python -m generator validate`: our pinned inputs pass; each kind of mistake is reported.

Every broken input is written by the test into tmp_path, from small hand-written YAML or from a copy
of our real spec and manifest, and checked through the command line: exit code 2, and a stderr
line `error: FILE: WHERE: MESSAGE (HINT)` naming the file, the entry, the problem and, where one
helps, a did-you-mean hint.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.inputs.validate import load_inputs
from tests.processes import run_generator

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "specs" / "leaflink-v2.openapi.yaml"
MANIFEST = ROOT / "specs" / "operations.yaml"
REFERENCE = ROOT / "specs" / "reference-operations.txt"

# A small spec and manifest, valid together: most cases break one thing in a copy of them.
SMALL_SPEC = """\
openapi: 3.0.3
info: {title: Things, version: "1"}
paths:
  /things/:
    get:
      responses:
        "200":
          description: A page of things.
          content:
            application/json:
              schema:
                type: object
                properties:
                  count: {type: integer}
                  next: {type: string, nullable: true}
                  previous: {type: string, nullable: true}
                  results:
                    type: array
                    items: {$ref: "#/components/schemas/Thing"}
  /things/{id}/:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    get:
      responses:
        "200":
          description: One thing.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
    delete:
      responses:
        "204": {description: Deleted.}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: integer}
        name: {type: string}
        colour: {type: string, enum: [red, green]}
"""

SMALL_MANIFEST = """\
operations:
  - name: List things
    key: list_things
    kind: call
    binds: GET /things/
    description: Page through things.
  - name: Get thing
    key: get_thing
    kind: call
    binds: GET /things/{id}/
    description: Fetch one thing.
  - name: List things DDL
    key: list_things_ddl
    kind: ddl
    description: Things by name.
    ddl: {source: endpoint, binds: GET /things/, text: name, value: id}
  - name: List colours DDL
    key: list_colours_ddl
    kind: ddl
    description: The colours a thing can have.
    ddl: {source: enum, pointer: "#/components/schemas/Thing/properties/colour", labels: {red: Red}}
  - name: List colours
    key: list_colours
    kind: local
    description: The colours, without an HTTP call.
    local: {enum: "#/components/schemas/Thing/properties/colour"}
  - {name: Raw HTTP request (advanced), key: raw_request, kind: raw, description: Any call.}
"""

COLOUR = "#/components/schemas/Thing/properties/colour"


def validate(spec: Path, manifest: Path) -> subprocess.CompletedProcess[str]:
    return run_generator("validate", "--spec", str(spec), "--manifest", str(manifest), timeout=60)


def write(path: Path, content: Any) -> Path:
    """Write text, bytes, or data (as YAML, or JSON for a .json name) to `path`."""
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(content, indent=1), encoding="utf-8")
    else:
        path.write_text(
            yaml.safe_dump(content, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
    return path


def small(text: str, mutate: Callable[[Any], Any] | None = None) -> Any:
    data = yaml.safe_load(text)
    if mutate is not None:
        mutate(data)
    return data


def entry(manifest: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in manifest["operations"] if e["name"] == name)


def assert_refused(
    result: subprocess.CompletedProcess[str],
    *fragments: str,
    problems: int | None = None,
) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("problem(s); nothing was written."), result.stderr
    assert all(line.startswith("error: ") for line in lines[:-1]), result.stderr
    for fragment in fragments:
        assert fragment in result.stderr
    if problems is not None:
        assert lines[-1] == f"{problems} problem(s); nothing was written."
        assert len(lines) == problems + 1


# --- what passes ---------------------------------------------------------------------------


def test_load_inputs_accepts_our_pinned_inputs() -> None:
    inputs = load_inputs(SPEC, MANIFEST)
    names = [entry.name for entry in inputs.manifest.entries]
    reference = [
        line.strip()
        for line in REFERENCE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert set(reference) <= set(names)  # every reference name; beyond them, additions
    assert len(names) == len(set(names))
    assert inputs.spec["openapi"].startswith("3.0.")


def test_the_command_line_accepts_our_pinned_inputs() -> None:
    result = run_generator("validate", timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("ok: ")


@pytest.mark.parametrize("spec_name", ["spec.yaml", "spec.json"])
def test_the_small_inputs_are_valid(tmp_path: Path, spec_name: str) -> None:
    """The baseline the mutated cases start from: so each case's mistake is its only one."""
    spec = write(tmp_path / spec_name, small(SMALL_SPEC))
    result = validate(spec, write(tmp_path / "ops.yaml", SMALL_MANIFEST))
    assert (result.returncode, result.stderr) == (0, ""), result.stderr


# --- mistakes in the manifest (small inputs) -----------------------------------------------


def _set(name: str, /, **fields: Any) -> Callable[[Any], None]:
    return lambda m: entry(m, name).update(fields)


def _set_ddl(name: str, /, **fields: Any) -> Callable[[Any], None]:
    return lambda m: entry(m, name)["ddl"].update(fields)


def _copy_entry(name: str, /, **fields: Any) -> Callable[[Any], None]:
    return lambda m: m["operations"].append({**copy.deepcopy(entry(m, name)), **fields})


MANIFEST_MISTAKES = [
    pytest.param(
        _set("Get thing", binds="GET /thing/{id}/"),
        "operations[1] (Get thing).binds: {spec} has no operation 'GET /thing/{id}/' (did you mean 'GET /things/{id}/'?)",
        id="misspelt-binding-path",
    ),
    pytest.param(
        _set("Get thing", binds="PUT /things/{id}/"),
        "operations[1] (Get thing).binds: {spec} has no PUT on /things/{id}/ (it has DELETE, GET)",
        id="wrong-method",
    ),
    pytest.param(
        _copy_entry("Get thing", name="Fetch thing"),
        "{manifest}: key 'get_thing': used by 2 entries; keys must be unique",
        id="duplicate-key",
    ),
    pytest.param(
        _copy_entry("Get thing", key="fetch_thing"),
        "{manifest}: name 'Get thing': used by 2 entries; names must be unique",
        id="duplicate-name",
    ),
    pytest.param(
        lambda m: entry(m, "Get thing").pop("description"),
        "{manifest}: operations[1] (Get thing): 'description' is a required property",
        id="missing-required-field",
    ),
    pytest.param(
        _set("Get thing", summary="Fetch one thing."),
        "{manifest}: operations[1] (Get thing): Unevaluated properties are not allowed ('summary' was unexpected)",
        id="unknown-field",
    ),
    pytest.param(
        _set("Get thing", kind="get"),
        "{manifest}: operations[1] (Get thing).kind: 'get' is not one of ['call', 'ddl', 'local', 'raw']",
        id="bad-kind",
    ),
    pytest.param(
        _set_ddl("List things DDL", text="nmae"),
        "operations[2] (List things DDL).ddl.text: the items of GET /things/ have no field 'nmae' (did you mean 'name'?)",
        id="ddl-text-not-an-item-field",
    ),
    pytest.param(
        _set_ddl("List things DDL", binds="GET /things/{id}/"),
        "operations[2] (List things DDL).ddl.binds: GET /things/{id}/ does not answer a page of results in {spec}",
        id="ddl-binds-a-non-list-endpoint",
    ),
    pytest.param(
        _set_ddl("List colours DDL", pointer="#/components/schemas/Thing/properties/color"),
        "operations[3] (List colours DDL).ddl: '#/components/schemas/Thing/properties/color' does not resolve: no 'color' in {spec}",
        id="enum-pointer-does-not-resolve",
    ),
    pytest.param(
        lambda m: entry(m, "List colours")["local"].update(
            enum="#/components/schemas/Thing/properties/name"
        ),
        "operations[4] (List colours).local: #/components/schemas/Thing/properties/name in {spec} has no enum",
        id="enum-pointer-to-a-non-enum",
    ),
    pytest.param(
        _set_ddl("List colours DDL", labels={"red": "Red", "gren": "Green"}),
        f"operations[3] (List colours DDL).ddl.labels.gren: 'gren' is not a value of {COLOUR} (did you mean 'green'?)",
        id="label-for-a-value-not-in-the-enum",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), MANIFEST_MISTAKES)
def test_a_manifest_mistake_is_reported(
    tmp_path: Path, mutate: Callable[[Any], None], expected: str
) -> None:
    spec = write(tmp_path / "spec.yaml", SMALL_SPEC)
    manifest = write(tmp_path / "ops.yaml", small(SMALL_MANIFEST, mutate))
    result = validate(spec, manifest)
    assert_refused(
        result,
        f"error: {manifest}: ",
        expected.replace("{spec}", str(spec)).replace("{manifest}", str(manifest)),
        problems=1,
    )


# --- the reference list of operation names (our real inputs) --------------------------------


def _real_manifest_beside_reference(tmp_path: Path, mutate: Callable[[Any], None]) -> Path:
    shutil.copy(REFERENCE, tmp_path / REFERENCE.name)
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    mutate(manifest)
    return write(tmp_path / "operations.yaml", manifest)


def test_an_operation_of_the_reference_list_missing_is_reported(tmp_path: Path) -> None:
    manifest = _real_manifest_beside_reference(
        tmp_path, lambda m: m["operations"].remove(entry(m, "Get brand"))
    )
    result = validate(SPEC, manifest)
    assert_refused(
        result,
        f"error: {manifest}: operation 'Get brand': missing: the reference list reference-operations.txt has it",
        problems=1,
    )


def test_a_name_beyond_the_reference_list_is_an_addition(tmp_path: Path) -> None:
    def add(manifest: Any) -> None:
        manifest["operations"].append(
            {
                "name": "Fetch brand again",
                "key": "fetch_brand_again",
                "kind": "call",
                "binds": "GET /brands/{id}/",
                "description": "The same brand, under another name.",
            }
        )

    result = validate(SPEC, _real_manifest_beside_reference(tmp_path, add))
    assert result.returncode == 0, result.stderr


def test_a_name_not_in_the_reference_list_is_reported(tmp_path: Path) -> None:
    manifest = _real_manifest_beside_reference(tmp_path, _set("Get brand", name="Get brnad"))
    result = validate(SPEC, manifest)
    assert_refused(
        result,
        f"error: {manifest}: operation 'Get brnad': not in the reference list reference-operations.txt (did you mean 'Get brand'?)",
        f"error: {manifest}: operation 'Get brand': missing",
        problems=2,
    )


# --- the spec is not valid OpenAPI ---------------------------------------------------------


def _undeclare_path_parameter(spec: Any) -> None:
    del spec["paths"]["/things/{id}/"]["parameters"]


def _bool_type(spec: Any) -> None:
    spec["components"]["schemas"]["Thing"]["properties"]["archived"] = {"type": "bool"}


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(
            _undeclare_path_parameter,
            ["Path parameter 'id' for 'get' operation in '/things/{id}/' was not resolved"],
            id="path-parameter-not-declared",
        ),
        pytest.param(
            _bool_type,
            [
                "components/schemas/Thing: ",
                "'bool' is not valid under any of the given schemas",
            ],
            id="type-bool",
        ),
    ],
)
def test_a_spec_that_is_not_valid_openapi_is_reported(
    tmp_path: Path, mutate: Callable[[Any], None], expected: list[str]
) -> None:
    spec = write(tmp_path / "spec.yaml", small(SMALL_SPEC, mutate))
    result = validate(spec, write(tmp_path / "ops.yaml", SMALL_MANIFEST))
    assert_refused(result, f"error: {spec}: ", *expected)
    assert "ops.yaml" not in result.stderr


# --- files that cannot be read -------------------------------------------------------------

BILLION_LAUGHS = (
    "\n".join(
        ["lol0: &lol0 lol"]
        + [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 10)]
    )
    + "\n"
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        pytest.param(
            "ops.yaml",
            "operations:\n  - name: List things\n    key: list_things\n    key: list_all_things\n",
            "line 4: invalid YAML: duplicate key 'key' (first at line 3)",
            id="yaml-duplicate-key",
        ),
        pytest.param(
            "ops.yaml",
            "operations:\n  - name: [List things\n",
            "line 3: invalid YAML: ",
            id="yaml-syntax-error",
        ),
        pytest.param("ops.yaml", "", "file is empty", id="empty-file"),
        pytest.param("ops.yaml", "  \n\n", "file is empty", id="blank-file"),
        pytest.param(
            "ops.yaml",
            b"operations:\n  - name: Caf\xe9\n",
            "byte 25: not UTF-8 text",
            id="not-utf8",
        ),
        pytest.param(
            "ops.yaml",
            None,
            "cannot read: No such file or directory",
            id="missing-file",
        ),
        pytest.param(
            "spec.json",
            '{"openapi": "3.0.3",\n "info": }\n',
            "line 2: invalid JSON: ",
            id="invalid-json-spec",
        ),
        pytest.param(
            "ops.yaml",
            BILLION_LAUGHS,
            "(refusing a possible alias bomb)",
            id="alias-bomb",
        ),
        pytest.param(
            "ops.yaml",
            "operations: &ops\n  - *ops\n",
            "an alias inside its own anchor",
            id="recursive-alias",
        ),
    ],
)
def test_an_unreadable_file_is_reported(
    tmp_path: Path, name: str, content: Any, expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        write(path, content)
    spec = path if name.startswith("spec") else write(tmp_path / "spec.yaml", SMALL_SPEC)
    manifest = path if name.startswith("ops") else write(tmp_path / "ops.yaml", SMALL_MANIFEST)
    started = time.monotonic()
    result = validate(spec, manifest)
    assert time.monotonic() - started < 10
    assert_refused(result, f"error: {path}: ", expected, problems=1)


# --- all problems at once ------------------------------------------------------------------


def test_independent_mistakes_in_the_manifest_are_reported_together(
    tmp_path: Path,
) -> None:
    def two_mistakes(manifest: Any) -> None:
        entry(manifest, "Get thing")["binds"] = "GET /thing/{id}/"
        entry(manifest, "List things DDL")["ddl"]["text"] = "nmae"

    spec = write(tmp_path / "spec.yaml", SMALL_SPEC)
    manifest = write(tmp_path / "ops.yaml", small(SMALL_MANIFEST, two_mistakes))
    result = validate(spec, manifest)
    assert_refused(
        result,
        "has no operation 'GET /thing/{id}/'",
        "have no field 'nmae'",
        "2 problem(s)",
        problems=2,
    )


def test_mistakes_in_both_files_are_reported_together(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", "")
    manifest = write(tmp_path / "ops.yaml", small(SMALL_MANIFEST, _set("Get thing", kind="get")))
    result = validate(spec, manifest)
    assert_refused(
        result,
        f"error: {spec}: file is empty",
        f"error: {manifest}: ",
        "'get' is not one of",
        problems=2,
    )
