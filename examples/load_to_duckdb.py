"""Load LeafLink's products and orders into a local duckdb file with dlt.

    pip install "./generated[dlt]"
    LEAFLINK_API_KEY=... python examples/load_to_duckdb.py [RESOURCE ...]

Without arguments it loads `products` and `orders`; name any resources of `leaflink.dlt`
instead (`customers payments ...`, see the package README). The first run loads every item;
each later run asks only for items modified since the last one and merges them (resources
without a `modified__gte` filter are loaded whole again). The database is `leaflink.duckdb`
in the current directory (`LEAFLINK_DUCKDB` to choose another file), the tables are in its
schema `leaflink_data`; dlt keeps the cursor in its pipeline state (under ~/.dlt, or
`DLT_DATA_DIR`). It runs against the sandbox unless LEAFLINK_BASE_URL names another base URL.
"""

from __future__ import annotations

import os
import sys

import dlt

from leaflink.dlt import leaflink_source


def main(resources: list[str]) -> None:
    pipeline = dlt.pipeline(
        pipeline_name="leaflink_to_duckdb",
        destination=dlt.destinations.duckdb(os.environ.get("LEAFLINK_DUCKDB", "leaflink.duckdb")),
        dataset_name="leaflink_data",  # not the file's name: duckdb would find it ambiguous
    )
    source = leaflink_source(
        environment="sandbox", base_url=os.environ.get("LEAFLINK_BASE_URL")
    ).with_resources(*resources)
    pipeline.run(source)  # raises when any page fails: then nothing of this run is loaded
    with pipeline.sql_client() as client:
        for name in resources:
            if name not in pipeline.default_schema.tables:  # nothing loaded yet
                print(f"{name}: 0 rows")
                continue
            table = client.make_qualified_table_name(name)
            rows = client.execute_sql(f"SELECT count(*) FROM {table}") or [(0,)]
            print(f"{name}: {rows[0][0]} rows")


if __name__ == "__main__":
    main(sys.argv[1:] or ["products", "orders"])
