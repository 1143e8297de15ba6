"""`leaflink.dlt`: a loopback LeafLink loaded into duckdb through a real dlt pipeline.

Every item of every page is loaded; a second run asks only for items modified since the
cursor dlt's state keeps and merges them without duplicates; an error answer fails the
load, leaving the tables and the cursor as they were. dlt's pipelines, state and the duckdb
file live in a temporary directory; telemetry is off.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import dlt  # the `dlt` extra, which `make` installs: a missing install fails, never skips
import pytest
from dlt.pipeline.exceptions import PipelineStepFailed

from leaflink import LeafLink
from leaflink.dlt import leaflink_source, resource_specs

from .fake_leaflink import FakeLeafLink

ROOT = Path(__file__).resolve().parents[2]


def _product(id: int, modified: str, name: str | None = None) -> dict[str, Any]:
    return {
        "id": id,
        "name": name or f"Product {id}",
        "modified": modified,
        "unit_price": {"amount": "1.50", "currency": "USD"},
    }


def _order(n: int, modified: str) -> dict[str, Any]:
    return {
        "number": f"0000000{n}-8d8e-4f6a-9c55-3f1f6f1d2a10",
        "status": "Accepted",
        "modified": modified,
    }


@pytest.fixture()
def leaflink() -> Iterator[FakeLeafLink]:
    server = FakeLeafLink()
    server.lists["/products/"] = [_product(i, f"2026-01-0{i}T10:00:00+00:00") for i in range(1, 6)]
    server.lists["/orders-received/"] = [
        _order(i, f"2026-02-0{i}T08:30:00.250000Z") for i in range(1, 4)
    ]
    server.lists["/brands/"] = [
        {"id": 7, "name": "Acme"},
        {"id": 8, "name": "Bolt"},
        {"id": 9, "name": "Cove"},
    ]
    try:
        yield server
    finally:
        server.close()


@pytest.fixture()
def pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("DLT_DATA_DIR", str(tmp_path / "dlt-data"))
    monkeypatch.setenv("RUNTIME__DLTHUB_TELEMETRY", "false")
    monkeypatch.delenv("LEAFLINK_API_KEY", raising=False)
    return dlt.pipeline(
        pipeline_name="leaflink_test",
        pipelines_dir=str(tmp_path / "pipelines"),
        destination=dlt.destinations.duckdb(str(tmp_path / "warehouse.duckdb")),
        dataset_name="leaflink",
    )


def _source(server: FakeLeafLink, *resources: str) -> Any:
    client = LeafLink(api_key="test-key", base_url=server.base_url, max_retries=0)
    return leaflink_source(client=client, page_size=2).with_resources(*resources)


def _rows(pipeline: Any, table: str, columns: str) -> list[tuple[Any, ...]]:
    with pipeline.sql_client() as client:
        name = client.make_qualified_table_name(table)
        return [
            tuple(row) for row in client.execute_sql(f"SELECT {columns} FROM {name} ORDER BY 1")
        ]


def _cursor(pipeline: Any, resource: str) -> Any:
    return pipeline.state["sources"]["leaflink"]["resources"][resource]["incremental"]["modified"][
        "last_value"
    ]


def test_every_item_of_every_page_is_loaded(leaflink: FakeLeafLink, pipeline: Any) -> None:
    pipeline.run(_source(leaflink, "products", "orders"))

    assert _rows(pipeline, "products", "id, name") == [(i, f"Product {i}") for i in range(1, 6)]
    assert [n for (n,) in _rows(pipeline, "orders", "number")] == [
        o["number"] for o in leaflink.lists["/orders-received/"]
    ]
    assert [q.get("offset", "0") for q in leaflink.queries("/products/")] == ["0", "2", "4"]
    assert all(
        q["limit"] == "2" and "modified__gte" not in q for q in leaflink.queries("/products/")
    )
    assert _rows(pipeline, "products", "unit_price__amount, unit_price__currency")[0] == (
        "1.50",
        "USD",
    )
    schema = pipeline.default_schema.get_table("products")
    assert schema["write_disposition"] == "merge" and schema["columns"]["id"].get("primary_key")
    assert schema["columns"]["modified"]["data_type"] == "timestamp"
    assert pipeline.default_schema.get_table("orders")["columns"]["number"].get("primary_key")


def test_a_second_run_asks_for_newer_rows_and_merges_them(
    leaflink: FakeLeafLink, pipeline: Any
) -> None:
    pipeline.run(_source(leaflink, "products", "orders"))
    assert str(_cursor(pipeline, "products")).startswith("2026-01-05")
    leaflink.requests.clear()
    leaflink.lists["/products/"][1] = _product(
        2, "2026-03-01T09:00:00+00:00", name="Product 2, renamed"
    )
    leaflink.lists["/products/"].append(_product(6, "2026-03-02T09:00:00-05:00"))

    pipeline.run(_source(leaflink, "products", "orders"))

    queries = leaflink.queries("/products/")  # products 5 (at the cursor), 2 and 6: two pages
    assert [(q["modified__gte"], q.get("offset", "0")) for q in queries] == [
        ("2026-01-05T10:00:00+00:00", "0"),
        ("2026-01-05T10:00:00+00:00", "2"),
    ]
    (orders,) = leaflink.queries("/orders-received/")
    assert orders["modified__gte"] == "2026-02-03T08:30:00.250000+00:00"
    rows = _rows(pipeline, "products", "id, name")
    assert [id for id, _ in rows] == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]  # merged: no duplicates of 5 (at the cursor) or 2
    assert dict(rows)[2] == "Product 2, renamed"
    assert len(_rows(pipeline, "orders", "number")) == 3
    assert _cursor(pipeline, "products") == datetime(
        2026, 3, 2, 14, tzinfo=timezone.utc
    )  # -05:00 read as such


def test_an_api_error_fails_the_load_and_loads_nothing_of_it(
    leaflink: FakeLeafLink, pipeline: Any
) -> None:
    pipeline.run(_source(leaflink, "products", "brands"))
    cursor = _cursor(pipeline, "products")
    leaflink.lists["/products/"] = [
        _product(i, f"2026-04-0{i}T10:00:00+00:00", name="new") for i in range(1, 6)
    ]
    leaflink.lists["/brands/"] = [{"id": 10, "name": "Dune"}]
    leaflink.fail[("/products/", 2)] = 500  # the second page of products

    with pytest.raises(PipelineStepFailed) as failed:
        pipeline.run(_source(leaflink, "products", "brands"))

    assert "500" in str(failed.value) or "ServerError" in repr(failed.value.__cause__)
    assert _rows(pipeline, "products", "id, name") == [(i, f"Product {i}") for i in range(1, 6)]
    assert _rows(pipeline, "brands", "id") == [(7,), (8,), (9,)]
    assert (
        _cursor(dlt.attach("leaflink_test", pipelines_dir=pipeline.pipelines_dir), "products")
        == cursor
    )

    del leaflink.fail[("/products/", 2)]
    pipeline.run(_source(leaflink, "products", "brands"))
    assert _rows(pipeline, "products", "id, name") == [(i, "new") for i in range(1, 6)]
    assert _rows(pipeline, "brands", "id, name") == [(10, "Dune")]  # replaced whole


def test_one_resource_per_list_operation() -> None:
    from leaflink import OPERATIONS

    lists = [op.key for op in OPERATIONS.values() if op.kind == "call" and op.pagination]
    specs = {spec.name: spec for spec in resource_specs()}
    assert sorted(specs) == sorted(key.removeprefix("list_") for key in lists)
    assert {"products", "orders", "customers", "payments"} <= set(specs)
    assert specs["orders"].primary_key == "number" and specs["products"].primary_key == "id"
    assert all(spec.primary_key for spec in specs.values())
    incremental = {name for name, spec in specs.items() if spec.incremental}
    assert {"products", "orders", "customers", "contacts"} <= incremental
    for name in incremental:
        filters = OPERATIONS[specs[name].operation].input_schema["properties"]
        assert "modified__gte" in filters and specs[name].write_disposition == "merge"
    assert specs["brands"].write_disposition == "replace"


def test_a_missing_key_is_refused_before_anything_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEAFLINK_API_KEY", raising=False)
    monkeypatch.setenv("RUNTIME__DLTHUB_TELEMETRY", "false")
    with pytest.raises(Exception, match="LEAFLINK_API_KEY"):
        leaflink_source()


def test_the_package_imports_without_dlt() -> None:
    code = "import sys; sys.modules['dlt'] = None; import leaflink; leaflink.LeafLink; leaflink.OPERATIONS\n"
    code += "assert not any(m == 'dlt' or m.startswith('dlt.') for m in sys.modules if sys.modules[m] is not None)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_the_example_loads_then_merges(leaflink: FakeLeafLink, tmp_path: Path) -> None:
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("LEAFLINK_")}
    env |= {
        "LEAFLINK_API_KEY": "test-key",
        "LEAFLINK_BASE_URL": leaflink.base_url,
        "LEAFLINK_DUCKDB": str(tmp_path / "example.duckdb"),
        "DLT_DATA_DIR": str(tmp_path / "dlt-data"),
        "HOME": str(tmp_path),
        "RUNTIME__DLTHUB_TELEMETRY": "false",
    }

    def run() -> str:
        result = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "load_to_duckdb.py")],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    assert run() == "products: 5 rows\norders: 3 rows\n"
    leaflink.requests.clear()
    leaflink.lists["/products/"].append(_product(6, "2026-05-01T00:00:00+00:00"))
    assert run() == "products: 6 rows\norders: 3 rows\n"
    assert all("modified__gte" in query for _, query in leaflink.requests)
    assert (tmp_path / "dlt-data" / "pipelines" / "leaflink_to_duckdb").is_dir()


def test_the_package_readme_lists_exactly_the_resources() -> None:
    import re

    readme = (ROOT / "generated" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)` \| `?(\w+)`? \| (.+) \|$", readme, re.MULTILINE)
    expected = [
        (
            s.name,
            s.operation,
            s.primary_key,
            "incremental on `modified`, merge" if s.incremental else "whole list, replace",
        )
        for s in resource_specs()
    ]
    assert rows == expected
