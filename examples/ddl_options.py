"""Drop-down (DDL) options, and a chosen option's value used as another operation's input.

A DDL operation returns what a user interface's drop-down offers: `{"text", "value"}` pairs.
Brands come from LeafLink (every page of `GET /brands/`); listing states come from the
pinned spec, without an HTTP call. The values picked then filter a product listing, run by
name with JSON input as the catalogue describes it:

    LEAFLINK_API_KEY=... python examples/ddl_options.py

It runs against the sandbox unless LEAFLINK_BASE_URL names another base URL.
"""

from __future__ import annotations

import os

from leaflink import DdlOption, LeafLink


def show(title: str, options: list[DdlOption]) -> None:
    """Print the options as a drop-down would offer them: the label, then the value stored."""
    print(f"{title} ({len(options)} options)")
    for option in options:
        print(f"  {option['text']:<30} -> {option['value']!r}")


def main() -> None:
    with LeafLink(
        api_key=os.environ["LEAFLINK_API_KEY"],
        environment="sandbox",
        base_url=os.environ.get("LEAFLINK_BASE_URL"),
    ) as client:
        brands = client.list_brands_ddl()
        states = client.run("List listing states DDL")
        show("Brands", brands)
        show("Listing states", states)
        if not brands:
            return
        brand, state = brands[0], states[0]
        products = client.run(
            "List products",
            {"brand": brand["value"], "listing_state": state["value"], "limit": 10},
        )
        print(f"{brand['text']}, {state['text']}: {products['count']} products")
        for product in products["results"]:
            print(f"  {product['id']}: {product['name']}")


if __name__ == "__main__":
    main()
