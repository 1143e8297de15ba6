"""A user's script calling the list filters type-checks under `mypy --strict`, and a wrong one does not.

The filters are typed by LeafLink's conventions (tests/filter_repairs.py): a list filter takes a
list or one item, a datetime filter a `datetime` or an ISO string, a date filter a `date` or a
string, a yes/no filter a bool, the order statuses in either case.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.processes import mypy_strict

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """\
from datetime import date, datetime, timezone

from leaflink import AsyncLeafLink, LeafLink


def good(client: LeafLink) -> None:
    client.list_orders(
        brand__in=[1, 2],
        modified__gte=datetime(2026, 1, 1, tzinfo=timezone.utc),
        status=["Accepted", "Shipped"],
    )
    client.list_orders(brand__in=3, status="accepted", status__not=["cancelled", "Rejected"])
    client.list_orders(created_on__lt="2026-01-01T00:00:00Z", paid=False, fields_include=["id", "number"])
    client.list_customers(next_contact_date__gte=date(2026, 1, 1), tier=[4], ext_acct_id__isnull=True)
    client.list_customers(next_contact_date__lt="2026-02-01", name__in=["Acme", "Leaf"])
    client.list_products(brand=[1, 2], sku="A-1", archived=True, modified__gt=datetime(2026, 1, 1))
    client.list_line_items(order__ship_date__gte=datetime.now(timezone.utc), is_sample=False, product_id=9)


async def also_async(client: AsyncLeafLink) -> None:
    await client.list_orders(brand__in=[1, 2], modified__gte=datetime(2026, 1, 1, tzinfo=timezone.utc))


def bad(client: LeafLink) -> None:
    client.list_orders(brand__in="1,2")  # BAD
    client.list_orders(brand__in=[1.5])  # BAD
    client.list_orders(status=["Lost"])  # BAD
    client.list_orders(paid="true")  # BAD
    client.list_orders(modified__gte=date(2026, 1, 1))  # BAD
    client.list_customers(next_contact_date__gte=1)  # BAD
"""


def test_a_script_using_the_filters_type_checks(tmp_path: Path) -> None:
    script = tmp_path / "use_filters.py"
    script.write_text(SCRIPT, encoding="utf-8")
    result = mypy_strict(str(script), cwd=ROOT / "generated")
    bad_lines = {
        number for number, line in enumerate(SCRIPT.splitlines(), 1) if line.endswith("# BAD")
    }
    flagged = {int(m.group(1)) for m in re.finditer(r"use_filters\.py:(\d+): error", result.stdout)}
    assert flagged == bad_lines, result.stdout
