"""`leaflink operations` and `leaflink describe`: the catalogue, read from the command line."""

from __future__ import annotations

import json
import re
import sys
from importlib import resources
from pathlib import Path

import pytest

from leaflink import OPERATIONS

from .conftest import Call, Cli, run_cli

CATALOGUE = json.loads(resources.files("leaflink").joinpath("catalogue.json").read_text("utf-8"))
SCRIPT = Path(sys.executable).with_name("leaflink")


def table(output: str) -> list[list[str]]:
    """The rows of a printed table, split on runs of two or more spaces, header first."""
    return [re.split(r"\s{2,}", line.strip()) for line in output.splitlines()]


def ok(cli: Cli, *args: str) -> str:
    result = cli(*args)
    assert (result.code, result.stderr) == (0, "")
    return str(result.stdout)


def test_operations_lists_every_operation_with_its_binding(cli: Cli) -> None:
    header, *rows = table(ok(cli, "operations"))
    assert header == ["NAME", "KEY", "METHOD", "PATH"]
    assert sorted(row[1] for row in rows) == sorted(OPERATIONS)
    by_key = {row[1]: row for row in rows}
    assert by_key["list_payments"] == [
        "List payments",
        "list_payments",
        "GET",
        "/order-payments/",
    ]
    assert by_key["list_brands_ddl"][2:] == [
        "GET",
        "/brands/",
    ]  # a drop-down's list endpoint
    assert by_key["list_order_statuses_ddl"][2:] == ["-", "-"]  # from the spec, no HTTP
    assert by_key["raw_request"][2:] == ["-", "-"]


@pytest.mark.parametrize("kind", ["call", "ddl", "raw", "local"])
def test_operations_filters_by_kind(cli: Cli, kind: str) -> None:
    _, *rows = table(ok(cli, "operations", "--kind", kind))
    assert {row[1] for row in rows} == {key for key, op in OPERATIONS.items() if op.kind == kind}


def test_operations_search_matches_name_key_description_and_path(cli: Cli) -> None:
    _, *rows = table(ok(cli, "operations", "--search", "PAYMENT"))
    assert [row[1] for row in rows] == [
        "create_payment",
        "get_payment",
        "list_order_payments",
        "list_payments",
    ]
    _, *rows = table(ok(cli, "operations", "--kind", "ddl", "--search", "/brands/"))
    assert [row[1] for row in rows] == ["list_brands_ddl"]
    assert table(ok(cli, "operations", "--search", "no-such-thing")) == [
        ["NAME", "KEY", "METHOD", "PATH"]
    ]


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_describe_shows_every_operation_and_its_inputs(cli: Cli, key: str) -> None:
    record = OPERATIONS[key]
    output = ok(cli, "describe", record.name.upper())  # names are case-insensitive
    lines = output.splitlines()
    assert lines[0] == f"{record.name} ({key}, {record.kind})"
    assert lines[1] == record.description
    rows = [row for row in table(output.partition("Inputs:\n")[2])[1:] if "." not in row[0]]
    assert [row[0] for row in rows] == list(record.input_schema["properties"])
    required = set(record.input_schema.get("required", []))
    assert [row[2] for row in rows] == [
        "required" if row[0] in required else "optional" for row in rows
    ]


def test_describe_resolves_models_and_shows_types_enums_and_output(cli: Cli) -> None:
    output = ok(cli, "describe", "create_contact")
    assert "Request:  POST /contacts/\nOutput:   Contact\n" in output
    rows = {row[0]: row[1:] for row in table(output.partition("Inputs:\n")[2])}
    assert rows["body"] == ["Contact", "required"]  # "$ref": "#/$defs/Contact", by name
    assert rows["body.first_name"] == ["string", "required", "Given name."]
    assert rows["body.email"] == [
        "string (email) | null",
        "optional",
        "Main email address.",
    ]
    assert "body.id" not in rows  # read-only: LeafLink sets it

    output = ok(cli, "describe", "list_orders")
    assert "Output:   a page of OrderResponse (run --all-pages for every item)" in output
    status = next(row for row in table(output) if row[0] == "status")
    assert status[1:3] == ["array of string | string", "optional"]  # a list, or one status
    assert status[3].endswith(
        'One of: "draft", "submitted", "accepted", "backorder", "fulfilled", "shipped", '
        '"complete", "rejected", "combined", "cancelled", "Draft", "Submitted", "Accepted", '
        '"Backorder", "Fulfilled", "Shipped", "Complete", "Rejected", "Combined", "Cancelled".'
    )

    output = ok(cli, "describe", "list_contacts_ddl")
    assert "Request:  GET /contacts/\n" in output
    assert "text first_name last_name, value id" in output
    assert output.endswith(
        "  page_size  integer  optional  Items asked for a page while walking the list (default 100).\n"
    )
    output = ok(cli, "describe", "list_order_statuses")
    assert "Request:  none (served without an HTTP call)" in output
    assert 'Output:   array of enum (One of: "Draft", "Submitted",' in output


def test_describe_json_is_the_catalogue_entry(cli: Cli) -> None:
    for entry in CATALOGUE["operations"]:
        described = json.loads(ok(cli, "describe", entry["key"], "--json"))
        assert {k: v for k, v in described.items() if v is not None} == entry


def test_the_installed_script_and_the_module_run_as_processes() -> None:
    script, module = run_cli(
        Call(["operations", "--kind", "local"], command=[str(SCRIPT)]),
        Call(["describe", "get_payment"]),
    )
    assert (script.code, script.stderr) == (0, "")
    assert table(script.stdout)[1:] == [["List order statuses", "list_order_statuses", "-", "-"]]
    assert (module.code, module.stderr) == (0, "")
    assert "Request:  GET /order-payments/{id}/\nOutput:   OrderPaymentResponse\n" in module.stdout
    assert table(module.stdout)[-1] == [
        "id",
        "integer",
        "required",
        "Id of the payment.",
    ]
