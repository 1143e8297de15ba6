"""How the generator prepares the spec's schemas for the models and the catalogue (`generator/model/schemas.py`).

- A decimal LeafLink writes either as a string or as a JSON number: the spec says
  `anyOf: [{type: string, format: decimal}, {type: number, format: decimal}]`; the models type it
  `Decimal` and the catalogue `{"type": ["string", "number"], "format": "decimal"}`.
- A required, nullable property: the model's field is required and may be None.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.model.schemas import (
    decimals_for_models,
    is_string_or_number_decimal,
    required_nulls_for_models,
    to_json_schema,
)

ROOT = Path(__file__).resolve().parents[2]
STRING = {"type": "string", "format": "decimal"}
NUMBER = {"type": "number", "format": "decimal"}
DECIMAL = {"anyOf": [STRING, NUMBER], "description": "An amount."}


@pytest.mark.parametrize(
    "schema",
    [
        DECIMAL,
        {"anyOf": [NUMBER, STRING]},
        {"anyOf": [STRING, {"type": "number"}], "nullable": True, "readOnly": True},
    ],
    ids=["string-first", "number-first", "number-without-format"],
)
def test_the_decimal_shape_is_recognised(schema: dict[str, Any]) -> None:
    assert is_string_or_number_decimal(schema)


@pytest.mark.parametrize(
    "schema",
    [
        {"anyOf": [{"type": "string"}, NUMBER]},  # a string that is not a decimal
        {"anyOf": [STRING, {"type": "integer"}]},
        {"anyOf": [STRING, NUMBER, {"type": "null"}]},
        {"anyOf": [STRING, {**NUMBER, "minimum": 0}]},  # a constraint we would drop
        {"anyOf": [STRING, NUMBER], "type": "string"},
        {"oneOf": [STRING, NUMBER]},
        STRING,
    ],
)
def test_other_shapes_are_left_alone(schema: dict[str, Any]) -> None:
    assert not is_string_or_number_decimal(schema)
    assert decimals_for_models({"X": schema}) == {"X": schema}


def test_the_catalogue_gets_one_type_list() -> None:
    assert to_json_schema(DECIMAL) == {
        "type": ["string", "number"],
        "format": "decimal",
        "description": "An amount.",
    }
    nullable = to_json_schema({**DECIMAL, "nullable": True, "readOnly": True})
    assert nullable["type"] == ["string", "number", "null"] and nullable["readOnly"] is True
    validator = jsonschema.Draft202012Validator(nullable)
    assert [validator.is_valid(v) for v in (594, 210.4, "12.50", None, True, {})] == [
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_the_models_get_a_decimal_string_and_keep_the_fields_own_keys() -> None:
    components = {
        "Price": {
            "type": "object",
            "properties": {
                "amount": DECIMAL,
                "list": {"type": "array", "items": {"anyOf": [NUMBER, STRING]}},
            },
        }
    }
    rewritten = decimals_for_models(components)
    assert rewritten["Price"]["properties"]["amount"] == {
        **STRING,
        "description": "An amount.",
    }
    assert rewritten["Price"]["properties"]["list"]["items"] == STRING
    assert components["Price"]["properties"]["amount"] is DECIMAL  # the input is untouched


def test_a_required_nullable_property_becomes_a_union_with_null_for_the_models() -> None:
    components = {
        "Product": {
            "type": "object",
            "required": ["maximum_order", "parent"],
            "properties": {
                "maximum_order": {
                    "type": "string",
                    "nullable": True,
                    "description": "Most units.",
                },
                "parent": {"$ref": "#/components/schemas/Parent", "nullable": True},
                "tagline": {
                    "type": "string",
                    "nullable": True,
                },  # not required: left alone
                "name": {"type": "string"},
            },
        }
    }
    properties = required_nulls_for_models(components)["Product"]["properties"]
    assert properties["maximum_order"] == {
        "anyOf": [{"type": "string"}, {"type": "null"}],
        "description": "Most units.",
    }
    assert properties["parent"] == {
        "anyOf": [{"$ref": "#/components/schemas/Parent"}, {"type": "null"}]
    }
    assert properties["tagline"] == {"type": "string", "nullable": True}
    assert properties["name"] == {"type": "string"}


def test_a_generated_package_parses_numbers_and_strings_as_decimal(
    tmp_path: Path,
) -> None:
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Small", "version": "1"},
        "paths": {
            "/prices/{id}/": {
                "get": {
                    "operationId": "getPrice",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Price"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Price": {
                    "type": "object",
                    "required": ["amount", "note"],
                    "properties": {
                        "amount": DECIMAL,
                        "note": {"type": "string", "nullable": True},
                        "balance": {
                            "anyOf": [STRING, {"type": "number"}],
                            "nullable": True,
                            "readOnly": True,
                        },
                    },
                }
            }
        },
    }
    operations = [
        {
            "name": "Get price",
            "key": "get_price",
            "description": "One price.",
            "kind": "call",
            "binds": "GET /prices/{id}/",
        }
    ]
    (tmp_path / "spec.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    (tmp_path / "ops.yaml").write_text(
        yaml.safe_dump({"operations": operations}, sort_keys=False), encoding="utf-8"
    )
    command = [
        sys.executable,
        "-m",
        "generator",
        "generate",
        "--out",
        str(tmp_path / "out"),
    ]
    command += [
        "--spec",
        str(tmp_path / "spec.yaml"),
        "--manifest",
        str(tmp_path / "ops.yaml"),
    ]
    generated = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert generated.returncode == 0, generated.stderr

    models = (tmp_path / "out" / "leaflink" / "models.py").read_text(encoding="utf-8")
    assert (
        "    amount: Decimal\n" in models
        and "    balance: Decimal | None = None\n" in models
        and "    note: str | None\n" in models  # required, and may be null
    )
    catalogue = json.loads(
        (tmp_path / "out" / "leaflink" / "catalogue.json").read_text(encoding="utf-8")
    )
    price = catalogue["$defs"]["Price"]["properties"]
    assert price["amount"]["type"] == ["string", "number"]
    assert price["balance"]["type"] == ["string", "number", "null"]

    script = (
        "import json, leaflink.models as m\n"
        "values = [594, 210.4, '0.1234567890123456789', '800.0000']\n"
        "print(json.dumps([[type(p.amount).__name__, str(p.amount)] for p in"
        " (m.Price.model_validate({'amount': v, 'note': None}) for v in values)]))\n"
    )
    parsed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path / "out",
        capture_output=True,
        text=True,
    )
    assert parsed.returncode == 0, parsed.stderr
    assert json.loads(parsed.stdout) == [
        ["Decimal", "594"],
        ["Decimal", "210.4"],
        ["Decimal", "0.1234567890123456789"],  # every digit of a decimal string is kept
        ["Decimal", "800.0000"],
    ]
