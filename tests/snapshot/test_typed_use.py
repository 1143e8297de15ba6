"""A user's script, type-checked by mypy --strict against the generated package, no plugins.

Request bodies are TypedDicts (`leaflink.params`), so a dict literal's fields are checked: a
correct script passes, and each planted mistake is reported on its own line.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from tests.processes import mypy_strict

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
from decimal import Decimal

from leaflink import LeafLink, models, params

client = LeafLink(api_key="k")
contact: params.Contact = {"owner": 12, "first_name": "Ada", "last_name": "Lovelace"}
created: models.Contact = client.create_contact(body=contact)
client.create_contact(body={"owner": 12, "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"})
client.create_contact(body=models.Contact(owner=12, first_name="Ada", last_name="Lovelace"))
client.create_payment(body={"order": "0b7c", "recorded_by": 3, "total": {"amount": "12.50", "currency": "USD"}, "payment_date": "2026-01-02T00:00:00Z"})
page = client.list_payments(limit=5)
for payment in page:
    print(payment.id, payment.total)
amount: Decimal | None = created.model_dump().get("amount")
"""

# Each line marked `# error` must be reported by mypy, and nothing else.
BAD = """
from leaflink import LeafLink

client = LeafLink(api_key="k")
client.create_contact(body={"owner": 12, "first_name": "Ada", "last_name": "L", "emial": "x"})  # error
client.create_contact(body={"owner": "twelve", "first_name": "Ada", "last_name": "L"})  # error
client.create_contact(body={"owner": 12, "last_name": "Lovelace"})  # error
client.list_payments(limit="ten")  # error
client.transition_order(number="1", action="explode")  # error
client.get_payment(id=5).amount  # error
"""


def test_a_correct_script_passes_and_each_mistake_is_reported(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(textwrap.dedent(GOOD), encoding="utf-8")
    (tmp_path / "bad.py").write_text(textwrap.dedent(BAD), encoding="utf-8")
    result = mypy_strict("good.py", "bad.py", cwd=tmp_path, mypypath=ROOT / "generated")
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    reported = {
        (m.group(1), int(m.group(2)))
        for m in (re.match(r"(\w+)\.py:(\d+):", line) for line in errors)
        if m
    }
    expected = {
        ("bad", n)
        for n, line in enumerate(textwrap.dedent(BAD).splitlines(), 1)
        if line.endswith("# error")
    }
    assert reported == expected, result.stdout
