"""Load LeafLink into a database with dlt: ``leaflink_source``, one resource per list.

``pip install "leaflink[dlt]"`` brings dlt with duckdb; any other dlt destination works too::

    import dlt
    from leaflink.dlt import leaflink_source

    pipeline = dlt.pipeline("leaflink", destination="duckdb", dataset_name="leaflink")
    pipeline.run(leaflink_source(environment="sandbox").with_resources("products", "orders"))

The resources are the catalogue's list operations (``leaflink.OPERATIONS``), each named by
its key without ``list_`` (``list_products`` is ``products``); :func:`resource_specs` says
how each one loads:

* every resource walks every page of its list through the connector (its auth, retries,
  pagination and tolerant parsing) and loads each item as the JSON LeafLink sent, with
  ``modified`` read as a timestamp;
* its primary key is ``id``, or ``number`` where the items have no ``id`` (orders, reports);
* where the endpoint filters by ``modified__gte`` and its items carry ``modified``, the
  resource is incremental and merged: dlt's state keeps the greatest ``modified`` loaded, the
  next run asks only for items modified since then and merges them by primary key (the items
  at the cursor itself, asked for again, are not loaded twice);
* everywhere else each run loads the whole list and replaces the table.

A page LeafLink answers with an error (after the client's retries) raises, so the pipeline
run fails: nothing of that run is loaded and the cursor stays where it was.

This is the only module of the package that imports dlt: ``import leaflink`` never does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Literal

import dlt
from dlt.sources import DltResource

from ._catalogue import OPERATIONS, Operation, to_json
from ._client import LeafLink
from ._base_client import DEFAULT_MAX_RETRIES
from ._settings import Settings, resolve_settings

__all__ = [
    "CURSOR",
    "CURSOR_FILTER",
    "ResourceSpec",
    "leaflink_source",
    "resource_specs",
]

CURSOR = "modified"
"""The field an incremental resource's cursor follows."""
CURSOR_FILTER = "modified__gte"
"""The filter an incremental resource asks for newer items with."""


@dataclass(frozen=True)
class ResourceSpec:
    """How one list operation loads: resource name, primary key and incremental or not."""

    name: str
    operation: str
    primary_key: str | None
    incremental: bool

    @property
    def write_disposition(self) -> Literal["merge", "replace"]:
        """``merge`` for an incremental resource, else ``replace`` (the whole list each run)."""
        return "merge" if self.incremental else "replace"


def resource_specs(
    operations: Mapping[str, Operation] = OPERATIONS,
) -> tuple[ResourceSpec, ...]:
    """One spec per list operation of the catalogue (a paged ``call``), in catalogue order."""
    specs = []
    for operation in operations.values():
        if operation.kind != "call" or not operation.pagination:
            continue
        item = operation.definitions.get(operation.pagination.get("item") or "", {})
        fields = item.get("properties") or {}
        filters = operation.input_schema.get("properties") or {}
        primary_key = next((name for name in ("id", "number") if name in fields), None)
        specs.append(
            ResourceSpec(
                name=operation.key.removeprefix("list_"),
                operation=operation.key,
                primary_key=primary_key,
                incremental=CURSOR_FILTER in filters and CURSOR in fields,
            )
        )
    return tuple(specs)


@dlt.source(name="leaflink")
def leaflink_source(
    api_key: str | None = None,
    environment: str | None = None,
    base_url: str | None = None,
    page_size: int = 100,
    modified_since: datetime | str | None = None,
    max_retries: int = DEFAULT_MAX_RETRIES,
    client: LeafLink | None = None,
) -> Iterator[DltResource]:
    """A dlt source with one resource per list operation of the catalogue.

    ``api_key``, ``environment`` and ``base_url`` are resolved as ``LeafLink(...)`` resolves
    them (else ``LEAFLINK_API_KEY``, ``LEAFLINK_ENVIRONMENT``, ``LEAFLINK_BASE_URL``); a
    missing key raises ``ValueError`` here, before anything runs. ``page_size`` is the
    ``limit`` of each page; ``modified_since`` is where incremental resources start on their
    first run (None: every item); ``max_retries`` is the client's. ``client`` is a
    ``LeafLink`` to use instead (its own settings; it is not closed).
    """
    if page_size < 1:
        raise ValueError("page_size must be >= 1")
    settings = None if client is not None else resolve_settings(api_key, environment, base_url)
    start = _timestamp(modified_since) if modified_since is not None else None
    for spec in resource_specs():
        hints: dict[str, Any] = {
            "name": spec.name,
            "primary_key": spec.primary_key,
            "write_disposition": spec.write_disposition,
            "columns": ({CURSOR: {"data_type": "timestamp"}} if spec.incremental else None),
        }
        if spec.incremental:
            resource = dlt.resource(_walk_since, **hints)(
                spec.operation,
                client,
                settings,
                max_retries,
                page_size,
                dlt.sources.incremental(CURSOR, initial_value=start),
            )
        else:
            resource = dlt.resource(_walk, **hints)(
                spec.operation, client, settings, max_retries, page_size
            )
        yield resource


def _walk(
    operation: str,
    client: LeafLink | None,
    settings: Settings | None,
    max_retries: int,
    page_size: int,
) -> Iterator[list[dict[str, Any]]]:
    """Every item of every page of the list, one page at a time."""
    yield from _pages(operation, client, settings, max_retries, {"limit": page_size}, cursor=False)


def _walk_since(
    operation: str,
    client: LeafLink | None,
    settings: Settings | None,
    max_retries: int,
    page_size: int,
    modified: Any = dlt.sources.incremental(CURSOR),
) -> Iterator[list[dict[str, Any]]]:
    """The items modified since the cursor dlt's state keeps (every item on a first run)."""
    arguments: dict[str, Any] = {"limit": page_size}
    if modified.start_value is not None:
        arguments[CURSOR_FILTER] = _timestamp(modified.start_value)
    yield from _pages(operation, client, settings, max_retries, arguments, cursor=True)


def _pages(
    operation: str,
    client: LeafLink | None,
    settings: Settings | None,
    max_retries: int,
    arguments: dict[str, Any],
    cursor: bool,
) -> Iterator[list[dict[str, Any]]]:
    if client is not None:
        yield from _rows(client, operation, arguments, cursor)
        return
    assert settings is not None
    with LeafLink(
        settings.api_key,
        environment=settings.environment,
        base_url=settings.base_url,
        max_retries=max_retries,
    ) as own:
        yield from _rows(own, operation, arguments, cursor)


def _rows(
    client: LeafLink, operation: str, arguments: dict[str, Any], cursor: bool
) -> Iterator[list[dict[str, Any]]]:
    """Each page's items as LeafLink sent them (``modified`` parsed when ``cursor``)."""
    first = getattr(client, operation)(**arguments)
    for page in first.iter_pages():
        received = to_json(page)
        items = received.get("results") if isinstance(received, Mapping) else None
        rows = [
            _row(item, operation) if cursor else dict(item)
            for item in items or ()
            if isinstance(item, Mapping)
        ]
        if rows:
            yield rows


def _row(item: Mapping[str, Any], operation: str) -> dict[str, Any]:
    """An item as LeafLink sent it, ``modified`` (when there) as an aware datetime."""
    row = dict(item)
    if row.get(CURSOR) is not None:
        try:
            row[CURSOR] = _timestamp(row[CURSOR])
        except ValueError as error:
            raise ValueError(
                f"{operation}: item {row.get('id', row.get('number'))!r} has "
                f"{CURSOR}={row[CURSOR]!r}, not a date and time: cannot load it incrementally"
            ) from error
    return row


def _timestamp(value: object) -> datetime:
    """A datetime with its UTC offset (a naive one, or a string without offset, is UTC)."""
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, date):
        found = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        found = datetime.fromisoformat(value)
    else:
        raise ValueError(f"not a date and time: {value!r}")
    return found if found.tzinfo is not None else found.replace(tzinfo=timezone.utc)
