"""List payments, then fetch each payment's details: the LeafLink connector walk-through.

The existing LeafLink connector's walk-through lists payments, loops through them and gets
each payment's details. In Python, the loop walks every page lazily:

    LEAFLINK_API_KEY=... python examples/list_payments.py

It runs against the sandbox unless LEAFLINK_BASE_URL names another base URL.
"""

from __future__ import annotations

import os

from leaflink import LeafLink


def main() -> None:
    with LeafLink(
        api_key=os.environ["LEAFLINK_API_KEY"],
        environment="sandbox",
        base_url=os.environ.get("LEAFLINK_BASE_URL"),
    ) as client:
        payments = client.list_payments(limit=50)  # step 1: list payments
        print(f"{payments.count} payments")
        for payment in payments:  # step 2: loop through them, page after page
            if payment.id is None:
                continue
            detail = client.get_payment(id=payment.id)  # step 3: each one's details
            total = detail.total
            amount = f"{total.amount} {total.currency}" if total else "no amount"
            print(f"payment {detail.id}: order {detail.order}, {amount}, {detail.reason}")


if __name__ == "__main__":
    main()
