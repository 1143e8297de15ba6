"""Examples checked against their schemas (generator/inputs/examples.py), in validate, diff and pin.

Each planted contradiction is reported at its exact JSON pointer (the example's, then the path
inside it) with `expected ..., found ...`. The LeafLink case states contradictions found by
reading LeafLink's 2026-07 file by hand, not taken from the checker's output.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.review.diff import compare_specs
from generator.review.diff_report import EXAMPLES_SHOWN, render
from generator.inputs.examples import check_examples, describe, pointer
from generator.inputs.load import read_document

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "leaflink"
PINNED = ROOT / "specs" / "leaflink-v2.openapi.yaml"
OK = "200/content/application~1json"

# Every example here agrees with its schema; each test plants one contradiction in a copy.
SPEC: dict[str, Any] = yaml.safe_load("""
openapi: 3.0.3
info: {title: Things, version: "1"}
paths:
  /things/:
    get:
      parameters:
        - {name: limit, in: query, schema: {type: integer}, example: 10}
        - name: colour
          in: query
          schema: {$ref: "#/components/schemas/Colour"}
          examples: {red: {value: red}}
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
                  results: {type: array, items: {$ref: "#/components/schemas/Thing"}}
              example:
                count: 1
                next: null
                results:
                  - {id: "t-1", size: 3, colour: red, created: "2024-01-02T03:04:05Z"}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Thing"}
            examples:
              small: {value: {size: 1, colour: green}}
              shared: {$ref: "#/components/examples/BigThing"}
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
  /things/{id}/:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}, example: "t-1"}
    get:
      responses:
        "200":
          description: One thing.
          headers:
            X-Rate-Limit: {schema: {type: integer}, example: 100}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Colour: {type: string, enum: [red, green], example: green}
    Thing:
      type: object
      required: [id, size]
      properties:
        id: {type: string, readOnly: true, example: "t-9"}
        size: {type: integer, minimum: 0}
        colour: {$ref: "#/components/schemas/Colour"}
        shade: {type: string, nullable: true, enum: [light, dark]}
        created: {type: string, format: date-time, readOnly: true}
        tags: {type: array, items: {type: string, example: blue}}
      example: {id: "t-2", size: 4, colour: green, shade: null}
  examples:
    BigThing: {value: {size: 100, colour: red}}
""")

LIST = "/paths/~1things~1/get"
RESPONSE_EXAMPLE = f"{LIST}/responses/{OK}/example"


def _problems(spec: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(p.where, p.message, p.hint) for p in check_examples(spec, "spec.yaml")]


def _planted(change: Any) -> list[tuple[str, str, str]]:
    spec = copy.deepcopy(SPEC)
    change(spec)
    return _problems(spec)


def _response_item(spec: dict[str, Any]) -> dict[str, Any]:
    media = spec["paths"]["/things/"]["get"]["responses"]["200"]["content"]
    return media["application/json"]["example"]["results"][0]


# --- what passes ---------------------------------------------------------------------------


def test_a_consistent_spec_yields_nothing() -> None:
    assert _problems(SPEC) == []


def test_our_pinned_spec_has_no_contradiction() -> None:
    assert check_examples(read_document(PINNED), str(PINNED)) == []


def test_nullable_accepts_null_also_in_an_enum_and_a_format() -> None:
    def nulls(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["Thing"]["properties"]["created"]["nullable"] = True
        _response_item(spec).update(shade=None, created=None)

    assert _planted(nulls) == []


def test_a_missing_read_only_property_is_fine_in_a_request_and_a_write_only_in_a_response() -> None:
    def write_only(spec: dict[str, Any]) -> None:
        thing = spec["components"]["schemas"]["Thing"]
        thing["properties"]["secret"] = {"type": "string", "writeOnly": True}
        thing["required"].append("secret")
        thing["example"]["secret"] = "s"  # the component's own example: either side
        _response_item(spec)["colour"] = "green"  # no `secret` in a response: fine

    # the request examples have no `id` (read-only, required) and no `secret`: only `secret` is missing
    assert _planted(write_only) == [
        (
            f"{LIST.replace('get', 'post')}/requestBody/content/application~1json/examples/small/value",
            "expected required property 'secret', found none",
            "",
        ),
        (
            "/components/examples/BigThing/value",
            "expected required property 'secret', found none",
            "the example used at /paths/~1things~1/post/requestBody/content/application~1json/examples/shared",
        ),
    ]


# --- each planted contradiction, at its exact place ----------------------------------------


def test_an_integer_where_a_string_belongs_in_a_response_example() -> None:
    assert _planted(lambda s: _response_item(s).update(id=4231)) == [
        (f"{RESPONSE_EXAMPLE}/results/0/id", "expected string, found integer 4231", "")
    ]


def test_a_null_for_a_field_that_is_not_nullable() -> None:
    assert _planted(lambda s: _response_item(s).update(size=None)) == [
        (f"{RESPONSE_EXAMPLE}/results/0/size", "expected integer, found null", "")
    ]


def test_an_enum_value_not_in_the_enum_through_a_ref() -> None:
    assert _planted(lambda s: _response_item(s).update(colour="blue")) == [
        (
            f"{RESPONSE_EXAMPLE}/results/0/colour",
            'expected one of "red", "green", found string "blue"',
            "",
        )
    ]


def test_a_parameter_example_of_the_wrong_type() -> None:
    def planted(spec: dict[str, Any]) -> None:
        spec["paths"]["/things/"]["get"]["parameters"][0]["example"] = "ten"
        spec["paths"]["/things/{id}/"]["parameters"][0]["example"] = 7

    assert _planted(planted) == [
        (f"{LIST}/parameters/0/example", 'expected integer, found string "ten"', ""),
        (
            "/paths/~1things~1{id}~1/parameters/0/example",
            "expected string, found integer 7",
            "",
        ),
    ]


def test_a_parameter_examples_value_against_a_referenced_enum() -> None:
    def planted(spec: dict[str, Any]) -> None:
        spec["paths"]["/things/"]["get"]["parameters"][1]["examples"]["red"]["value"] = "Red"

    assert _planted(planted) == [
        (
            f"{LIST}/parameters/1/examples/red/value",
            'expected one of "red", "green", found string "Red"',
            "",
        )
    ]


def test_a_component_schemas_own_example_and_a_property_schemas_example() -> None:
    def planted(spec: dict[str, Any]) -> None:
        thing = spec["components"]["schemas"]["Thing"]
        thing["example"]["size"] = "4"
        thing["properties"]["id"]["example"] = 9
        thing["properties"]["tags"]["items"]["example"] = False
        spec["components"]["schemas"]["Colour"]["example"] = "Green"

    assert _planted(planted) == [
        (
            "/components/schemas/Colour/example",
            'expected one of "red", "green", found string "Green"',
            "",
        ),
        (
            "/components/schemas/Thing/example/size",
            'expected integer, found string "4"',
            "",
        ),
        (
            "/components/schemas/Thing/properties/id/example",
            "expected string, found integer 9",
            "",
        ),
        (
            "/components/schemas/Thing/properties/tags/items/example",
            "expected string, found boolean false",
            "",
        ),
    ]


def test_a_shared_example_is_reported_where_it_is_written_naming_its_use() -> None:
    def planted(spec: dict[str, Any]) -> None:
        spec["components"]["examples"]["BigThing"]["value"]["size"] = -1

    assert _planted(planted) == [
        (
            "/components/examples/BigThing/value/size",
            "expected minimum 0, found integer -1",
            "the example used at /paths/~1things~1/post/requestBody/content/application~1json/examples/shared",
        )
    ]


def test_format_required_read_only_and_headers() -> None:
    def planted(spec: dict[str, Any]) -> None:
        _response_item(spec)["created"] = "yesterday"
        del _response_item(spec)["size"]
        request = spec["paths"]["/things/"]["post"]["requestBody"]["content"]
        request["application/json"]["examples"]["small"]["value"]["id"] = "t-3"
        response = spec["paths"]["/things/{id}/"]["get"]["responses"]["200"]
        response["headers"]["X-Rate-Limit"]["example"] = "many"

    post = "/paths/~1things~1/post/requestBody/content/application~1json"
    assert _planted(planted) == [
        (
            f"{RESPONSE_EXAMPLE}/results/0",
            "expected required property 'size', found none",
            "",
        ),
        (
            f"{RESPONSE_EXAMPLE}/results/0/created",
            'expected format date-time, found string "yesterday"',
            "",
        ),
        (
            f"{post}/examples/small/value/id",
            'expected no read-only property in a request, found string "t-3"',
            "",
        ),
        (
            "/paths/~1things~1{id}~1/get/responses/200/headers/X-Rate-Limit/example",
            'expected integer, found string "many"',
            "",
        ),
    ]


def test_any_of_lists_the_types_of_its_branches_and_nullable_admits_null() -> None:
    def decimals(spec: dict[str, Any]) -> None:
        size = {"anyOf": [{"type": "string"}, {"type": "number"}], "nullable": True}
        weight = {"anyOf": [{"type": "string"}, {"type": "number"}]}
        spec["components"]["schemas"]["Thing"]["properties"].update(size=size, weight=weight)
        _response_item(spec).update(size=None, weight=True)

    assert _planted(decimals) == [
        (
            f"{RESPONSE_EXAMPLE}/results/0/weight",
            "expected string or number, found boolean true",
            "",
        )
    ]


def test_an_example_whose_schema_cannot_be_read_is_reported_not_checked() -> None:
    def broken(spec: dict[str, Any]) -> None:
        spec["components"]["schemas"]["Thing"]["properties"]["size"]["type"] = "objet"

    post = "/paths/~1things~1/post/requestBody/content/application~1json"
    message = "could not be checked against its schema (UnknownType: unknown type 'objet')"
    assert [(where, text) for where, text, _ in _planted(broken)] == [
        (RESPONSE_EXAMPLE, message),
        (f"{post}/examples/small/value", message),
        ("/components/examples/BigThing/value", message),
        ("/components/schemas/Thing/example", message),
    ]


def test_messages_are_short() -> None:
    assert describe("x" * 100) == 'string "' + "x" * 36 + "..."
    assert describe({"a": [1, 2]}) == 'object {"a": [1, 2]}'
    assert describe(None) == "null"
    assert pointer(["paths", "/a~b/", 0]) == "/paths/~1a~0b~1/0"


# --- validate: warnings, exit 0 -------------------------------------------------------------

MANIFEST = """\
operations:
  - {name: List things, key: list_things, kind: call, binds: GET /things/, description: Things.}
"""


def test_validate_warns_of_a_contradiction_naming_the_file_and_the_pointer(
    tmp_path: Path,
) -> None:
    spec = copy.deepcopy(SPEC)
    _response_item(spec)["id"] = 4231
    (tmp_path / "spec.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    (tmp_path / "ops.yaml").write_text(MANIFEST, encoding="utf-8")
    command = [sys.executable, "-m", "generator", "validate"]
    command += ["--spec", "spec.yaml", "--manifest", "ops.yaml"]
    env = {
        "PYTHONPATH": str(ROOT),
        "PATH": "/usr/bin:/bin",
        "LEAFLINK_GENERATOR_CACHE": "off",
    }
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"warning: spec.yaml: {RESPONSE_EXAMPLE}/results/0/id: expected string, found integer 4231",
    ]
    (tmp_path / "spec.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert (result.returncode, result.stderr) == (0, "")


# --- diff and pin: warnings, in every format --------------------------------------------------


def _diff_with_contradictions(count: int) -> Any:
    new = copy.deepcopy(SPEC)
    media = new["paths"]["/things/"]["get"]["responses"]["200"]["content"]
    media["application/json"]["example"]["results"] = [
        {"id": index, "size": 1} for index in range(count)
    ]
    return compare_specs(SPEC, new, ("old.yaml", "new.json"))


def test_diff_reports_the_new_specs_contradictions_in_every_format() -> None:
    diff = _diff_with_contradictions(EXAMPLES_SHOWN + 5)
    assert len(diff.examples) == EXAMPLES_SHOWN + 5
    report = json.loads(render(diff, "json"))
    assert report["summary"]["examples"] == EXAMPLES_SHOWN + 5
    assert report["examples"][1] == {
        "where": f"{RESPONSE_EXAMPLE}/results/1/id",
        "message": "expected string, found integer 1",
        "hint": "",
    }
    text = render(diff, "text").splitlines()
    start = text.index(f"Examples contradicting their schemas in new.json ({EXAMPLES_SHOWN + 5})")
    shown = text[start + 2 :]
    assert shown[0] == f"  {RESPONSE_EXAMPLE}/results/0/id: expected string, found integer 0"
    assert len(shown) == EXAMPLES_SHOWN + 1
    assert shown[-1] == "  ... and 5 more (`--format json` lists every one)"
    markdown = render(diff, "markdown").splitlines()
    assert (
        f"## Examples contradicting their schemas in `new.json` ({EXAMPLES_SHOWN + 5})" in markdown
    )
    assert f"- `{RESPONSE_EXAMPLE}/results/2/id`: expected string, found integer 2" in markdown


def test_a_diff_without_contradictions_has_no_section() -> None:
    diff = compare_specs(SPEC, SPEC, ("old.yaml", "new.yaml"))
    assert diff.examples == ()
    assert "Examples" not in render(diff, "text") + render(diff, "markdown")
    assert json.loads(render(diff, "json"))["examples"] == []


def test_pin_warns_about_contradictions_and_still_writes(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "leaflink-v2.openapi.yaml").write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    (specs / "operations.yaml").write_text(MANIFEST, encoding="utf-8")
    new = copy.deepcopy(SPEC)
    _response_item(new)["id"] = 4231
    (tmp_path / "new.json").write_text(json.dumps(new), encoding="utf-8")
    command = [sys.executable, "-m", "generator", "pin", str(tmp_path / "new.json")]
    result = subprocess.run(
        [*command, "--specs-dir", str(specs)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert (
        f"  {RESPONSE_EXAMPLE}/results/0/id: expected string, found integer 4231"
        in result.stdout.splitlines()
    )
    assert "warning: 1 example(s) of" in result.stderr
    assert read_document(specs / "leaflink-v2.openapi.yaml") == new


# --- LeafLink's own file ------------------------------------------------------------------------


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"LeafLink's files are not here: {SHARED}")
def test_leaflinks_file_has_the_contradictions_read_in_it_by_hand() -> None:
    """Each expected line was checked by reading the file: the example's value, then its schema.

    LeafLink's file is read as published (not through specs/overlays/, whose repairs of these
    very schemas change as the evidence is acted on), with only its `type: objet` typo fixed
    here, so that the examples under BuyerOrderResponse can be checked at all.
    """
    path = SHARED / "official-openapi-2026-07.json"
    spec = read_document(path)
    line_items = spec["components"]["schemas"]["BuyerOrderResponse"]["properties"]["line_items"]
    brand = line_items["items"]["properties"]["product"]["properties"]["brand"]
    assert brand["type"] == "objet"
    brand["type"] = "object"
    found = {(p.where, p.message) for p in check_examples(spec, str(path))}
    buyer_orders = (
        "/paths/~1buyer~1orders~1/get/responses/200/content/application~1json/schema/example"
    )
    products = "/paths/~1products~1/get/responses/200/content/application~1json/schema/example"
    line_item = "/paths/~1line-items~1/post/requestBody/content/application~1json/example"
    expected = {
        # results[0].buyer.id is 4231; BuyerOrderResponse.buyer.properties.id is {type: string}
        (f"{buyer_orders}/results/0/buyer/id", "expected string, found integer 4231"),
        # buyer.phone is null; {type: string}, not nullable
        (f"{buyer_orders}/results/0/buyer/phone", "expected string, found null"),
        # delivered_date is null; {type: string}, not nullable
        (f"{buyer_orders}/results/0/delivered_date", "expected string, found null"),
        # line_items[0].product.brand.id is 312; brand.properties.id is {type: string}
        (
            f"{buyer_orders}/results/0/line_items/0/product/brand/id",
            "expected string, found integer 312",
        ),
        # results[0].available_inventory is 680; ProductResponse's is {type: string}
        (
            f"{products}/results/0/available_inventory",
            "expected string, found integer 680",
        ),
        # LineItemCreate.quantity is {type: string, format: decimal}; the request example has 10
        (f"{line_item}/quantity", "expected string, found integer 10"),
        # ProductUpdate.quantity is {type: string}; its own example is {quantity: 2000}
        (
            "/components/schemas/ProductUpdate/example/quantity",
            "expected string, found integer 2000",
        ),
        # ProductCreate requires sub_category; its example has none
        (
            "/components/schemas/ProductCreate/example",
            "expected required property 'sub_category', found none",
        ),
    }
    assert expected <= found, sorted(expected - found)
    # PATCH /orders-received/{number}/ sends {discount: 15, discount_type: "$"}: OrderUpdate has
    # discount {type: number} and discount_type {type: string, minLength: 1}
    patch = "/paths/~1orders-received~1{number}~1/patch/"
    assert not [where for where, _ in found if where.startswith(patch)]


def test_our_pinned_spec_has_no_example_contradicting_its_schema() -> None:
    spec_path = ROOT / "specs" / "leaflink-v2.openapi.yaml"
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    assert check_examples(spec, "leaflink-v2.openapi.yaml") == []
