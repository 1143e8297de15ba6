"""The list filters our spec types by LeafLink's (Django-filter) conventions, written out by hand.

LeafLink's file mistypes its query filters: comma-separated lists as one `number` or `string`,
a comma-separated status as one enum value, dates and datetimes as plain strings, booleans as
strings, ids as `number`. Our spec (`# repair:` comments) and `specs/overlays/leaflink-repairs.yaml`
type them properly. This table is the tests' own account of those repairs, operation by operation
and class by class, written independently of the spec and of the generated code:

- `tests/test_conformance.py` turns it into KNOWN_REPAIRS entries, one per operation, parameter
  and fact the class changes (a date filter may differ in `format` only, an id list in `type`,
  items and `explode`), so each repair explains nothing else;
- `tests/connector/test_filters.py` sends every filter of the table to the spec-validating server
  through the typed methods, `run()` and the command line, and checks the raw query string
  against the wire forms below.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple


class FilterClass(NamedTuple):
    """A class of repair: what LeafLink's file says, what ours says, and the facts that differ."""

    name: str
    reason: str
    facts: tuple[str, ...]  # what the comparison finds different, after "parameter query NAME"


IDS = FilterClass(
    "comma-separated ids",
    "LeafLink describes a comma-separated list of ids (e.g. GET /orders-received/ brand__in: "
    '"Filter by multiple brand ids, separated by commas"; GET /customers/ tier: "supports multiple '
    "values, comma-separated\"; `__in` is Django-filter's comma-separated lookup) but types one number "
    "or string; ours is an array of integer ids sent as 1,2 (style form, explode false)",
    (" $ type", " $[] type", " explode"),
)
TEXTS = FilterClass(
    "comma-separated strings",
    'LeafLink describes a comma-separated list (e.g. GET /products/ sku: "Filter by one or more sku, '
    'separated by commas"; fields_include: "separated by commas"; `__in` is Django-filter\'s '
    "comma-separated lookup) but types one string; ours is an array of strings sent as a,b (style form, "
    "explode false)",
    (" $ type", " $[] type", " explode"),
)
ORDER_STATUSES = FilterClass(
    "comma-separated order statuses, any case",
    'LeafLink describes "Multiple statuses can be submitted as comma-separated list. Case Insensitive." '
    "but types one value of a lowercase enum; ours is an array of the statuses, lowercase or Title-case "
    "as OrderResponse.status spells them (style form, explode false)",
    (" $ type", " $ enum", " $[] type", " $[] enum", " explode"),
)
DATE_TIME = FilterClass(
    "datetime",
    'LeafLink types a datetime filter as a plain string (e.g. "Filter by the datetime the object was '
    "last modified, less than.\"; the field it filters is `format: date-time` in LeafLink's schemas); "
    "ours is `format: date-time`",
    (" $ format",),
)
DATE = FilterClass(
    "date",
    "LeafLink types a date filter as a plain string; the field it filters is `format: date` in "
    'LeafLink\'s schemas (CustomerResponse.next_contact_date: "Date for the next contact, YYYY-MM-DD"; '
    "BatchResponse.batch_date); ours is `format: date`",
    (" $ format",),
)
BOOLEAN = FilterClass(
    "boolean",
    'LeafLink types a yes/no filter as a string (e.g. GET /company-staff/ is_admin: "Filter by admin '
    "status, `true` or `false`\"; `__isnull` is Django's boolean lookup; the field it filters is a "
    "boolean in LeafLink's schemas); ours is a boolean sent as true/false",
    (" $ type",),
)
INTEGER = FilterClass(
    "integer id",
    "LeafLink types a filter by one id as `number` (or string), while the ids are integers in its "
    'schemas (e.g. GET /orders-received/ brand: "Filter by brand id"; OrderResponse.brand is an '
    "integer); ours is an integer",
    (" $ type",),
)

CLASSES = (IDS, TEXTS, ORDER_STATUSES, DATE_TIME, DATE, BOOLEAN, INTEGER)


def _range(field: str) -> tuple[str, ...]:
    return tuple(f"{field}__{lookup}" for lookup in ("lt", "lte", "gt", "gte"))


_FIELDS = ("fields_include", "fields_exclude")

# The date-time filters of the seller's and the buyer's order lists (not in `_range`'s order).
_ORDER_DATES = (
    "modified__gte",
    "modified__lte",
    "modified__gt",
    "modified__lt",
    "created_on__gte",
    "created_on__lte",
    "created_on__gt",
    "created_on__lt",
)

FILTERS: dict[str, dict[FilterClass, tuple[str, ...]]] = {
    "GET /activity-entries/": {
        DATE_TIME: (*_range("date"), *_range("modified"), *_range("created_on")),
        TEXTS: ("entry__in", "type", *_FIELDS),
        INTEGER: ("id",),
        IDS: (
            "owner",
            "owner_id",
            "author",
            "author_id",
            "company",
            "company_id",
            "customer",
            "customer_id",
            "staff",
            "staff_id",
            "brand",
            "brand_id",
            "contact",
            "contact_id",
        ),
    },
    "GET /batches/": {
        DATE: _range("batch_date"),
        IDS: ("id", "owner", "products"),
        TEXTS: ("production_batch_number",),
    },
    "GET /brands/": {
        IDS: ("company__in",),
        INTEGER: ("company",),
    },
    "GET /customers/": {
        TEXTS: (
            *_FIELDS,
            "nickname__in",
            "phone__in",
            "dba__in",
            "external_id__in",
            "ein__in",
            "old_license_number__in",
            "brand__in",
            "address__in",
            "business_license_name__in",
            "name__in",
            "business_identifier__in",
            "license_number__in",
            "ext_acct_id__in",
            "email__in",
            "website__in",
            "state",
            "external_id_values",
        ),
        IDS: ("id__in", "owner", "partner", "tier", "price_schedule", "service_zone", "status"),
        INTEGER: ("id", "license_type"),
        DATE: _range("next_contact_date"),
        DATE_TIME: (*_range("modified"), *_range("created_on")),
        BOOLEAN: ("ext_acct_id__isnull",),
    },
    "GET /customers/{id}/": {
        TEXTS: _FIELDS,
    },
    "GET /company-staff/": {
        INTEGER: ("company",),
        BOOLEAN: ("is_admin", "is_active"),
    },
    "GET /contacts/": {
        DATE_TIME: (*_range("modified"), *_range("created_on")),
        INTEGER: ("id",),
        TEXTS: ("last_name__in", "first_name__in"),
        IDS: ("owner",),
        BOOLEAN: ("delete",),
    },
    "GET /licenses/": {
        TEXTS: ("number__in",),
        INTEGER: ("id",),
    },
    "GET /line-items/": {
        INTEGER: ("id", "product_id", "order__service_zone"),
        TEXTS: (
            "order",
            "order__customer__cities",
            "order__customer__managers",
            "order__customers",
        ),
        BOOLEAN: ("is_sample",),
        DATE_TIME: (
            "order__created_on__gte",
            "order__created_on__lte",
            "order__ship_date__gte",
            "order__ship_date__lte",
            "order__modified__gte",
            "order__modified__lte",
        ),
    },
    "GET /orders-received/": {
        TEXTS: (*_FIELDS, "external_id_values"),
        DATE_TIME: _ORDER_DATES,
        ORDER_STATUSES: ("status", "status__not"),
        INTEGER: ("brand", "buyer", "sales_rep", "service_zone"),
        IDS: ("brand__in",),
        BOOLEAN: ("paid", "connected_to_metrc", "manual"),
    },
    "GET /orders-received/{number}/": {
        TEXTS: _FIELDS,
    },
    "GET /buyer/orders/": {
        INTEGER: ("seller", "brand", "sales_rep", "service_zone"),
        TEXTS: (*_FIELDS, "external_id_values"),
        DATE_TIME: _ORDER_DATES,
        IDS: ("brand__in",),
        BOOLEAN: ("paid", "connected_to_metrc", "manual"),
    },
    "GET /products/": {
        TEXTS: ("sku", *_FIELDS, "listing_state", "external_id_values"),
        DATE_TIME: (*_range("modified"), *_range("last_edit"), *_range("created_on")),
        INTEGER: ("id", "buyer"),
        IDS: (
            "brand",
            "company",
            "parent",
            "product_line",
            "strains",
            "category",
            "sub_category",
            "license",
            "license__type",
        ),
        BOOLEAN: (
            "has_children",
            "parent__isnull",
            "sub_category__isnull",
            "license__isnull",
            "archived",
        ),
    },
    "GET /products/{id}/": {
        TEXTS: _FIELDS,
    },
    "GET /product-lines/": {
        INTEGER: ("id", "company"),
    },
    "GET /product-images/": {
        INTEGER: ("product", "id"),
    },
    "GET /credits/": {
        TEXTS: ("status",),
        IDS: ("brand", "customer"),
    },
    "GET /customer-statuses/": {
        TEXTS: _FIELDS,
    },
    "GET /inventory/items/": {
        INTEGER: ("product",),
    },
    "GET /order-event-logs/": {
        INTEGER: ("id",),
    },
    "GET /promocodes/": {
        INTEGER: ("brand",),
    },
    "GET /retailer-inventory/": {
        INTEGER: ("company",),
    },
    "GET /strains/": {
        INTEGER: ("id",),
        IDS: ("company", "parents"),
        BOOLEAN: ("company__isnull",),
        TEXTS: ("strain_classification",),
    },
}

# Left as LeafLink types them, for want of evidence in its file: `include_children`, `fields_add`
# and `expand` ("Available values include ..."), `ordering`, `search`, the THC/CBD ranges of
# GET /batches/, `s2s_connected` of GET /products/ ("Filter by s2s_connected"), the single `status`
# of GET /buyer/orders/ ("Filter by status.": neither comma-separated nor case-insensitive), and
# filters by one value that LeafLink types as a string without calling it an id (`customer`,
# `classification`, `brand` of GET /customers/ and GET /product-lines/, ...).

# Date filters LeafLink's file already types right (`format: date`): nothing to repair, so not in
# FILTERS (tests/connector/test_filters.py knows them from here).
TYPED_RIGHT: dict[str, tuple[str, ...]] = {
    "GET /credits/": ("credit_date_after", "credit_date_before"),
}

ORDER_STATUS_VALUES = (
    "draft",
    "submitted",
    "accepted",
    "backorder",
    "fulfilled",
    "shipped",
    "complete",
    "rejected",
    "combined",
    "cancelled",
)


def classes_of(binding: str) -> dict[str, FilterClass]:
    """The repaired filters of one operation ("METHOD /path/"), by parameter name."""
    return {name: cls for cls, names in FILTERS.get(binding, {}).items() for name in names}


# --- what goes over the wire -------------------------------------------------------------------
# For each class: a Python value for the typed method, the JSON value `run()` and the command line
# take, and the query value LeafLink receives (decoded). Written by hand, from LeafLink's
# conventions: Django-filter splits `1,2` on commas; dates are ISO 8601; booleans true/false.

EAST = dt.timezone(dt.timedelta(hours=2))


class Wire(NamedTuple):
    python: Any
    json: Any
    sent: str


WIRE: dict[FilterClass, Wire] = {
    IDS: Wire([12, 34], [12, 34], "12,34"),
    TEXTS: Wire(["alpha", "beta"], ["alpha", "beta"], "alpha,beta"),
    ORDER_STATUSES: Wire(["Accepted", "shipped"], ["Accepted", "shipped"], "Accepted,shipped"),
    DATE_TIME: Wire(
        dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=EAST),
        "2026-01-02T03:04:05+02:00",
        "2026-01-02T03:04:05+02:00",
    ),
    DATE: Wire(dt.date(2026, 1, 2), "2026-01-02", "2026-01-02"),
    BOOLEAN: Wire(False, False, "false"),
    INTEGER: Wire(56, 56, "56"),
}

# One item where a list is taken, a naive datetime (taken as UTC), and true.
WIRE_ALTERNATIVES: dict[FilterClass, Wire] = {
    IDS: Wire(7, 7, "7"),
    TEXTS: Wire("gamma", "gamma", "gamma"),
    ORDER_STATUSES: Wire("Draft", "Draft", "Draft"),
    DATE_TIME: Wire(
        dt.datetime(2026, 7, 1, 23, 59, 59),
        "2026-07-01T23:59:59+00:00",
        "2026-07-01T23:59:59+00:00",  # a naive datetime is taken as UTC
    ),
    DATE: Wire(dt.date(2025, 12, 31), "2025-12-31", "2025-12-31"),
    BOOLEAN: Wire(True, True, "true"),
    INTEGER: Wire(1, 1, "1"),
}
