"""`leaflink run` with LeafLink's list filters: JSON lists, ISO dates and booleans, as LeafLink reads them.

The values and what LeafLink receives come from the hand-written table of tests/filter_repairs.py;
the spec-validating stand-in checks each request against our spec. tests/connector/test_filters.py
covers every filter through the typed methods and `run()`.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import pytest

from tests.connector.validating_server import ValidatingServer
from tests.filter_repairs import WIRE, WIRE_ALTERNATIVES, classes_of

from .conftest import KEY, Cli, accepted

ORDERS = "GET /orders-received/"
CUSTOMERS = "GET /customers/"


def _input(binding: str, wire: dict, names: tuple[str, ...]) -> dict[str, object]:
    classes = classes_of(binding)
    return {name: wire[classes[name]].json for name in names}


def _sent(binding: str, wire: dict, names: tuple[str, ...]) -> dict[str, str]:
    classes = classes_of(binding)
    return {name: wire[classes[name]].sent for name in names}


@pytest.mark.parametrize("wire", [WIRE, WIRE_ALTERNATIVES], ids=["lists", "items"])
def test_run_sends_lists_dates_and_booleans_as_leaflink_reads_them(
    cli: Cli, validating: ValidatingServer, wire: dict
) -> None:
    env = {"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": validating.base_url}
    orders = ("brand__in", "status", "fields_include", "modified__gte", "paid", "sales_rep")
    customers = ("tier", "next_contact_date__gte", "created_on__lt", "ext_acct_id__isnull")
    first = cli("run", "list_orders", "--input", json.dumps(_input(ORDERS, wire, orders)), env=env)
    second = cli(
        "run", "List customers", "--input", json.dumps(_input(CUSTOMERS, wire, customers)), env=env
    )
    assert (first.code, first.stderr, second.code, second.stderr) == (0, "", 0, "")
    assert accepted(validating) == [ORDERS, CUSTOMERS]
    assert dict(parse_qsl(validating.received[0].query)) == _sent(ORDERS, wire, orders)
    assert dict(parse_qsl(validating.received[1].query)) == _sent(CUSTOMERS, wire, customers)


def test_the_issue_command_line(cli: Cli, validating: ValidatingServer) -> None:
    env = {"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": validating.base_url}
    ok = cli(
        "run",
        "list_orders",
        "--input",
        '{"brand__in": [1, 2], "modified__gte": "2026-01-01T00:00:00Z"}',
        env=env,
    )
    joined = cli("run", "list_orders", "--input", '{"brand__in": "1,2"}', env=env)
    assert (ok.code, ok.stderr) == (0, "")
    assert validating.received[0].query == "modified__gte=2026-01-01T00%3A00%3A00Z&brand__in=1%2C2"
    assert joined.code == 2
    assert "brand__in" in joined.error_line()
    assert len(validating.received) == 1  # the refused input sent nothing


def test_describe_shows_a_list_filter_and_its_values(cli: Cli) -> None:
    described = cli("describe", "list_orders")
    rows = {
        line.split()[0]: line for line in described.stdout.splitlines() if line.startswith("  ")
    }
    assert "array of integer | integer" in rows["brand__in"]
    assert "string (date-time)" in rows["modified__gte"]
    assert "boolean" in rows["paid"]
    assert '"Accepted"' in rows["status"] and '"accepted"' in rows["status"]
