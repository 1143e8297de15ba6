"""List filters typed by LeafLink's conventions, over real HTTP against the spec-validating server.

Every filter of tests/filter_repairs.py (each comma-separated list, date, datetime, yes/no and id
filter our spec repairs) is sent through the typed methods and through `run()`, twice: lists,
aware datetimes, dates and false; then one item, naive datetimes, other dates and true. The
server checks each request against our spec (openapi-core reads `brand__in` as `style: form,
explode: false`), and the raw query string must carry what the hand-written table says LeafLink
receives. The command line is in tests/cli/test_cli_filters.py.

On the wire, a list is one parameter whose items are joined by commas, and httpx percent-encodes
every reserved character of a value (the comma, `:` and `+` included): `brand__in=12%2C34`.
LeafLink (Django) decodes the query string before Django-filter splits a value on commas, as
openapi-core does, so both read the ids 12 and 34.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import parse_qsl, quote

import pytest
import yaml

import leaflink
from leaflink import OPERATIONS, AsyncLeafLink, LeafLink
from tests.filter_repairs import (
    BOOLEAN,
    DATE,
    DATE_TIME,
    FILTERS,
    IDS,
    INTEGER,
    ORDER_STATUSES,
    TEXTS,
    TYPED_RIGHT,
    WIRE,
    WIRE_ALTERNATIVES,
    FilterClass,
    Wire,
    classes_of,
)

from .inputs import SPEC, expected_query, filter_arguments, required_arguments
from .validating_server import SPEC_PATH, ValidatingServer

WIRES = {"lists-aware-false": WIRE, "items-naive-true": WIRE_ALTERNATIVES}
BINDING = {key: f"{op.method} {op.path}" for key, op in OPERATIONS.items() if op.kind == "call"}
FILTERED_CALLS = sorted(key for key, binding in BINDING.items() if binding in FILTERS)
UNCALLED = sorted(set(FILTERS) - set(BINDING.values()))  # bound only as a drop-down's source


def client(server: ValidatingServer) -> LeafLink:
    return LeafLink(
        api_key="test-key", base_url=server.base_url, strict_responses=True, max_retries=0
    )


def assert_received(server: ValidatingServer, expected: Mapping[str, str]) -> None:
    """The one request the server got was valid, and its raw query carries `expected`."""
    assert server.rejected == [], "the spec rejected requests:\n" + "\n".join(server.rejected)
    assert server.invalid_responses == [], server.invalid_responses
    [request] = server.received
    raw = request.query.split("&")
    names = [pair.partition("=")[0] for pair in raw]
    assert len(names) == len(set(names)), f"a parameter was repeated: {request.query}"
    assert {name: value for name, value in parse_qsl(request.query) if name in expected} == expected
    missing = [f"{name}={quote(value, safe='')}" for name, value in expected.items()]
    assert [pair for pair in missing if pair not in raw] == [], request.query


# --- the table against the spec -----------------------------------------------------------------


def _bound() -> set[str]:
    manifest = yaml.safe_load((SPEC_PATH.parent / "operations.yaml").read_text(encoding="utf-8"))
    return {
        b
        for e in manifest["operations"]
        for b in (e.get("binds"), (e.get("ddl") or {}).get("binds"))
        if b
    }


def _spec_class(parameter: Mapping[str, object]) -> FilterClass | None:
    """The class a query parameter's schema in our spec belongs to, by its type alone."""
    schema = parameter["schema"]
    assert isinstance(schema, Mapping)
    items = schema.get("items") or {}
    if schema.get("type") == "array":
        assert (parameter.get("style"), parameter.get("explode")) == ("form", False), parameter[
            "name"
        ]
        if "enum" in items:
            return ORDER_STATUSES
        return {"integer": IDS, "string": TEXTS}[items["type"]]
    return {"date-time": DATE_TIME, "date": DATE}.get(str(schema.get("format")))


def test_the_table_lists_every_list_and_date_filter_of_the_spec() -> None:
    """Every array and date(-time) query parameter of every bound operation is in the table, in
    the class its schema says; every boolean and integer of the table is one in the spec."""
    found: dict[str, dict[str, FilterClass]] = {}
    for binding in sorted(_bound()):
        method, _, path = binding.partition(" ")
        for parameter in SPEC["paths"][path][method.lower()].get("parameters", []):
            if parameter.get("name") in TYPED_RIGHT.get(binding, ()):
                continue
            if parameter.get("in") == "query" and (cls := _spec_class(parameter)) is not None:
                found.setdefault(binding, {})[parameter["name"]] = cls
            if parameter.get("in") == "query" and parameter["name"] in classes_of(binding):
                expected = classes_of(binding)[parameter["name"]]
                if expected in (BOOLEAN, INTEGER):
                    assert parameter["schema"] == {
                        "type": "boolean" if expected is BOOLEAN else "integer"
                    }
    listed = {
        binding: {
            name: cls for name, cls in classes_of(binding).items() if cls not in (BOOLEAN, INTEGER)
        }
        for binding in FILTERS
    }
    assert found == {binding: names for binding, names in listed.items() if names}


def test_every_filtered_operation_is_exercised() -> None:
    assert set(FILTERS) == {BINDING[key] for key in FILTERED_CALLS} | set(UNCALLED)
    assert sum(len(classes_of(binding)) for binding in FILTERS) == 211


# --- typed methods, run() and raw requests --------------------------------------------------------


@pytest.mark.parametrize("wire", WIRES.values(), ids=WIRES.keys())
@pytest.mark.parametrize("key", FILTERED_CALLS)
def test_every_filter_through_the_typed_method(
    server: ValidatingServer, key: str, wire: dict[FilterClass, Wire]
) -> None:
    binding = BINDING[key]
    with client(server) as leaf:
        getattr(leaf, key)(**required_arguments(key), **filter_arguments(binding, wire, "python"))
    assert_received(server, expected_query(binding, wire))


@pytest.mark.parametrize("wire", WIRES.values(), ids=WIRES.keys())
@pytest.mark.parametrize("key", FILTERED_CALLS)
def test_every_filter_through_run(
    server: ValidatingServer, key: str, wire: dict[FilterClass, Wire]
) -> None:
    binding = BINDING[key]
    with client(server) as leaf:
        leaf.run(
            OPERATIONS[key].name,
            {**required_arguments(key), **filter_arguments(binding, wire, "json")},
        )
    assert_received(server, expected_query(binding, wire))


@pytest.mark.parametrize("wire", WIRES.values(), ids=WIRES.keys())
@pytest.mark.parametrize("binding", UNCALLED)
def test_filters_of_a_drop_down_source_through_raw_request(
    server: ValidatingServer, binding: str, wire: dict[FilterClass, Wire]
) -> None:
    """GET /batches/ is bound only as a drop-down's source (no inputs): its filters go through
    `raw_request`, which encodes a query as the typed methods do."""
    method, _, path = binding.partition(" ")
    with client(server) as leaf:
        leaf.raw_request(method, path, query=filter_arguments(binding, wire, "python"))
    assert_received(server, expected_query(binding, wire))


# --- the issue's own example, and what is refused -------------------------------------------------


def test_the_issue_example(server: ValidatingServer) -> None:
    with client(server) as leaf:
        leaf.list_orders(
            brand__in=[1, 2],
            modified__gte=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
            status=["Accepted", "Shipped"],
            paid=True,
        )
    assert server.received[0].query == (
        "modified__gte=2026-01-01T00%3A00%3A00%2B00%3A00&status=Accepted%2CShipped"
        "&brand__in=1%2C2&paid=true"
    )
    assert_received(
        server,
        {
            "brand__in": "1,2",
            "modified__gte": "2026-01-01T00:00:00+00:00",
            "status": "Accepted,Shipped",
            "paid": "true",
        },
    )


def test_datetimes_keep_their_offset_and_naive_ones_are_utc(server: ValidatingServer) -> None:
    """Through run() too, a Python date or datetime is the text the typed method sends."""
    new_york = dt.timezone(dt.timedelta(hours=-5))
    arguments = {
        "modified__gte": dt.datetime(2026, 3, 4, 5, 6, 7, 890000, tzinfo=new_york),
        "modified__lt": dt.datetime(2026, 3, 4, 5, 6, 7),
        "created_on__gte": "2026-03-04T05:06:07Z",  # a string goes as it is
        "next_contact_date__lte": dt.date(2026, 12, 31),
    }
    expected = {
        "modified__gte": "2026-03-04T05:06:07.890000-05:00",
        "modified__lt": "2026-03-04T05:06:07+00:00",
        "created_on__gte": "2026-03-04T05:06:07Z",
        "next_contact_date__lte": "2026-12-31",
    }
    for call in ("method", "run"):
        server.received.clear()
        with client(server) as leaf:
            if call == "method":
                leaf.list_customers(**arguments)
            else:
                leaf.run("list_customers", arguments)
        assert_received(server, expected)


@pytest.mark.anyio
async def test_the_async_client_sends_the_same(server: ValidatingServer) -> None:
    binding = BINDING["list_orders"]
    async with AsyncLeafLink(
        api_key="k", base_url=server.base_url, strict_responses=True, max_retries=0
    ) as leaf:
        await leaf.list_orders(**filter_arguments(binding, WIRE, "python"))
    assert_received(server, expected_query(binding, WIRE))


def test_a_comma_string_for_a_list_of_ids_and_an_empty_list_are_refused(
    server: ValidatingServer,
) -> None:
    """A list filter takes a list or one item: `"1,2"` is neither for ids (a JSON array is
    `[1, 2]`). An empty list would send `brand__in=`, which LeafLink reads as no filter at all."""
    with client(server) as leaf:
        with pytest.raises(leaflink.InputValidationError) as joined:
            leaf.run("list_orders", {"brand__in": "1,2"})
        with pytest.raises(leaflink.InputValidationError) as status:
            leaf.run("list_orders", {"status": ["Accepted", "Lost"]})
        with pytest.raises(leaflink.InputValidationError, match="'brand__in': an empty list"):
            leaf.list_orders(brand__in=[])
        with pytest.raises(leaflink.InputValidationError, match="'status': an empty list"):
            leaf.run("list_orders", {"status": []})
    assert joined.value.field == "brand__in"
    assert status.value.field is not None and status.value.field.startswith("status")
    assert server.received == []
    with pytest.raises(leaflink.InputValidationError):
        OPERATIONS["list_orders"].check_input({"brand__in": []})  # the catalogue says minItems 1


def test_a_comma_string_for_a_list_of_strings_is_one_item_sent_as_it_is(
    server: ValidatingServer,
) -> None:
    with client(server) as leaf:
        leaf.run("list_products", {"sku": "A-1,B-2"})
    assert_received(server, {"sku": "A-1,B-2"})
