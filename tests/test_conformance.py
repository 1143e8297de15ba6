"""Our pinned spec against LeafLink's published file, for every operation the manifest binds.

Facts are compared, wording is not (description, summary, title, examples, operationId, tags are
never read): paths and methods; parameters (path-level and operation-level merged, by location and
name): required, how the value is written (`style` and `explode`, OpenAPI's defaults filled in), and
their schema; request body: content types, required, and the property tree;
success response: status, content types, and the property tree. A property tree compares type,
format, enum, nullable and `required` at every level, through `properties`, `items` and the
branches of `anyOf` (how many, then each in order).
Every disagreement is one string "METHOD /path/: location: ours X, theirs Y".

Our spec repairs LeafLink's defects on purpose, each with a `# repair:` comment in
specs/leaflink-v2.openapi.yaml. The repairs the comparison can see are listed exactly (issue 20):
KNOWN_REPAIRS maps each disagreement we mean, written "METHOD /path/: location fact: theirs OLD ->
ours NEW", to its reason. The lines are tests/conformance_repairs.py (each under the label of its
reason in REASONS below) and, for the list filters, one line per operation, parameter and fact of
tests/filter_repairs.py with the exact change of its class (FILTER_CHANGES). The tests fail on a
disagreement that is not one of those lines (a mistake in our spec, or a change in LeafLink's file,
even under a repaired field) and on a line that no disagreement matches (stale).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import filter_repairs
from tests.conformance_repairs import EXACT_REPAIRS

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "leaflink-v2.openapi.yaml"
MANIFEST = ROOT / "specs" / "operations.yaml"
OFFICIAL = ROOT.parent / "shared" / "leaflink" / "official-openapi-2026-07.json"

if not OFFICIAL.is_file():
    pytest.skip(f"LeafLink's official file is not here: {OFFICIAL}", allow_module_level=True)

# The reason of each repair, by label: the label says where the repair lies (an operation's
# location, or "$.a.b" for a shared component under several operations); the exact disagreements
# each explains are listed under the same label in tests/conformance_repairs.py.
REASONS: dict[str, str] = {
    "GET /strains/{id}/: parameter path id": (
        "LeafLink's file uses {id} in the path but never declares the parameter; we declare it, "
        "required, an integer like StrainResponse.id"
    ),
    "GET /buyer/orders/: response 200 application/json $.next nullable": (
        "LeafLink's file omits `nullable: true` on this page's `next`, unlike every other list; "
        "it is null on the last page"
    ),
    "GET /buyer/orders/: response 200 application/json $.previous nullable": (
        "LeafLink's file omits `nullable: true` on this page's `previous`, unlike every other list; "
        "it is null on the first page"
    ),
    "GET /buyer/orders/: response 200 application/json $.results[].line_items[].product.brand type": (
        "LeafLink's file has `type: objet`; it is an object"
    ),
    "POST /product-images/: request body multipart/form-data $.position nullable": (
        "LeafLink's file writes Swagger 2's `x-nullable: true`; OpenAPI 3 spells it `nullable: true`"
    ),
    "$.available_payment_options[].is_default type": (
        "AvailablePaymentOptionsCustomer (a component parameter used as a schema in LeafLink's file) "
        "has `type: bool`, which is not an OpenAPI type; it is boolean"
    ),
    "$.available_payment_options": (
        "CustomerResponse.available_payment_options: LeafLink's file puts `properties` and `required` "
        "on the array itself, with `items: {}`; they describe each element, so ours has them in `items`"
    ),
    "POST /orders-received/{number}/transition/{action}/: parameter path action $ enum": (
        "LeafLink's file names the seven transition actions only in prose; ours makes them an enum, "
        "so a misspelt action fails before the request is sent"
    ),
    "$.selected_payment_option": (
        "OrderResponse.selected_payment_option: LeafLink's file has an example object where a schema "
        "belongs; ours is an object schema of that example's fields"
    ),
}


# --- repairs proven by LeafLink's own examples (issue 12) ------------------------------------------
# LeafLink's file gives examples of what its API sends, and they contradict its schemas. Where they
# do, ours follows the example. Each entry below is one field under one operation ("where the
# operation's body starts" + the field's path), so that a repair explains only the field it is for.
_DECIMAL = "ours takes a decimal string or a JSON number (typed Decimal in the models)"
PRODUCT_RESPONSES = (
    "GET /products/: response 200 application/json $.results[]",
    "GET /products/{id}/: response 200 application/json $",
    "POST /products/: response 201 application/json $",
    "PATCH /products/{id}/: response 200 application/json $",
    "DELETE /products/{id}/: response 200 application/json $",
)
ORDER_RESPONSES = (
    "GET /orders-received/: response 200 application/json $.results[]",
    "GET /orders-received/{number}/: response 200 application/json $",
    "PATCH /orders-received/{number}/: response 200 application/json $",
    "POST /orders-received/{number}/transition/{action}/: response 200 application/json $",
    "POST /orders-received/: response 201 application/json $",
)
LINE_ITEM_RESPONSES = (
    "GET /line-items/: response 200 application/json $.results[]",
    "GET /line-items/{id}/: response 200 application/json $",
    "PATCH /line-items/{id}/: response 200 application/json $",
    "POST /line-items/: response 201 application/json $",
    "GET /orders-received/{number}/line-items/: response 200 application/json $[]",
)
PAYMENT_RESPONSES = (
    "GET /order-payments/: response 200 application/json $.results[]",
    "GET /order-payments/{id}/: response 200 application/json $",
    "POST /order-payments/: response 201 application/json $",
    "GET /orders-received/{number}/payments/: response 200 application/json $[]",
)
BUYER_ORDERS = "GET /buyer/orders/: response 200 application/json $.results[]"
PRODUCT_CREATE = "POST /products/: request body application/json $"
PRODUCT_UPDATE = "PATCH /products/{id}/: request body application/json $"


def _per_operation(bodies: tuple[str, ...], fields: dict[str, str]) -> dict[str, str]:
    """One REASONS label per operation body and field (the exact differences under each are in
    tests/conformance_repairs.py)."""
    return {body + field: reason for body in bodies for field, reason in fields.items()}


def _null(field: str, example: str) -> str:
    return f"LeafLink's {example} example sends {field} as null; its file does not mark it nullable"


_PRODUCT_EXAMPLES = "product examples (GET /products/{id}/, PATCH and DELETE /products/{id}/ 200)"
REASONS |= _per_operation(
    PRODUCT_RESPONSES,
    {
        **{
            f".{money}.amount": (
                f"LeafLink's {_PRODUCT_EXAMPLES} send {money}.amount as a JSON number (18, 108, 0) where "
                f"its file says a decimal string; {_DECIMAL}"
            )
            for money in ("retail_price", "wholesale_price", "sale_price")
        },
        ".available_inventory": (
            f"LeafLink's {_PRODUCT_EXAMPLES} send available_inventory as a JSON number (680, 1880) "
            f"where its file says string; {_DECIMAL}"
        ),
        ".price_schedule_price": (
            f"LeafLink's {_PRODUCT_EXAMPLES} send price_schedule_price as a money object "
            "({amount: 108, currency: USD}) where its file says string; ours is a money object"
        ),
        **{
            f".{field} type": (
                f"LeafLink's {_PRODUCT_EXAMPLES} send {field} as {value} where its file says string"
            )
            for field, value in (
                ("children_count", "the integer 0"),
                ("image_count", "the integer 1"),
                ("inventory_management", "the integer 1"),
                ("has_deals_eligible_children", "the boolean false"),
            )
        },
        **{
            f".{field} nullable": _null(field, _PRODUCT_EXAMPLES)
            for field in (
                "drop_date",
                "dropped",
                "maximum_order",
                "extern_acct_id",
                "tagline",
                "grow_type",
                "extern_sts_ids",
                "base_units_per_unit",
            )
        },
        ".parent nullable": (
            f"LeafLink's {_PRODUCT_EXAMPLES} send parent as null; its file $refs ParentProduct, not "
            "nullable, so ours has a nullable copy of it here (product requests keep ParentProduct)"
        ),
    },
)
_ORDER_EXAMPLE = "GET /orders-received/ 200"
REASONS |= _per_operation(
    ORDER_RESPONSES,
    {
        ".shipping_charge.amount": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends shipping_charge.amount as the JSON number 0 where "
            f"its file says a decimal string; {_DECIMAL}"
        ),
        ".total.amount": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends total.amount as the JSON numbers 594 and 210.4 "
            f"where its file says a decimal string; {_DECIMAL}"
        ),
        ".payment_balance": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends payment_balance as the JSON numbers 594 and 210.4 "
            f"where its file says string; {_DECIMAL}"
        ),
        ".available_transitions": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends available_transitions as a list "
            "([fulfilled, rejected]) where its file says string; ours is an array of strings"
        ),
        ".is_combination type": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends is_combination as false where its file says string"
        ),
        ".delivery_info nullable": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends delivery_info as null; its file $refs "
            "DeliveryProviderOrderInformation, not nullable, so ours has a nullable copy of it here "
            "(order requests keep the component)"
        ),
    },
)
_MONEY_CLASS = (
    "LeafLink's examples send every money amount they show as a JSON number (e.g. GET /orders-received/ "
    "200: total.amount 594)"
)
REASONS |= _per_operation(
    LINE_ITEM_RESPONSES,
    {
        f".{money}.amount": (
            f"{_MONEY_CLASS}, and LeafLink's POST /line-items/ example gives a line item's {money}.amount "
            f"as a JSON number ({value}); its file says a decimal string; {_DECIMAL}"
        )
        for money, value in (("ordered_unit_price", 108), ("sale_price", 99))
    },
)
REASONS |= _per_operation(
    PAYMENT_RESPONSES,
    {
        ".total.amount": (
            f"{_MONEY_CLASS}; payments have no example of their own; its file says a decimal string; "
            f"{_DECIMAL}"
        )
    },
)
_BUYER_EXAMPLE = "GET /buyer/orders/ 200"
REASONS |= _per_operation(
    (BUYER_ORDERS,),
    {
        **{
            f".{field} type": (
                f"LeafLink's {_BUYER_EXAMPLE} example sends {field} as the integer {value} where its file "
                "says string"
            )
            for field, value in (
                ("buyer.id", 4231),
                ("buyer.licenses[].id", 4344),
                ("seller.id", 2499),
                ("seller.licenses[].id", 2400),
                ("created_by.id", 4265),
                ("line_items[].product.id", 237808),
                ("line_items[].product.brand.id", 312),
            )
        },
        **{
            f".{field} nullable": _null(field, _BUYER_EXAMPLE)
            for field in (
                "buyer.unit_number",
                "buyer.phone",
                "seller.unit_number",
                "line_items[].product.base_units_per_unit",
                "payment_due_date",
                "ship_date",
                "shipping_details",
                "delivered_date",
            )
        },
        ".payment_term nullable": (
            f"LeafLink's {_BUYER_EXAMPLE} example sends payment_term as null; its file $refs the "
            "PaymentTerm component parameter (a string, not nullable), so ours is a nullable string here"
        ),
    },
)
_CREATE_EXAMPLE = "POST /products/ request"
REASONS |= _per_operation(
    (PRODUCT_CREATE,),
    {
        **{
            f".{money}.amount": (
                f"LeafLink's {_CREATE_EXAMPLE} example sends {money}.amount as a JSON number where its file "
                f"says a decimal string; {_DECIMAL}"
            )
            for money in ("retail_price", "wholesale_price", "sale_price")
        },
        ".inventory_management type": (
            f"LeafLink's {_CREATE_EXAMPLE} example sends inventory_management as the integer 1 where its "
            "file says string"
        ),
        ".maximum_order nullable": _null("maximum_order", _CREATE_EXAMPLE),
        " required": (
            f"LeafLink's {_CREATE_EXAMPLE} example creates a product without sub_category, which its file "
            "lists as required; ours does not require it"
        ),
        ".display_name": (
            f"LeafLink's {_CREATE_EXAMPLE} example sends display_name, which its ProductCreate does not "
            "list; ours does, so that a body holding it passes the client's input check"
        ),
    },
)
REASONS |= _per_operation(
    (PRODUCT_UPDATE,),
    {
        ".quantity": (
            "LeafLink's PATCH /products/{id}/ request example sends quantity as the JSON number 2000 (its "
            f"POST /products/ example sends a decimal string) where its file says string; {_DECIMAL}"
        )
    },
)

# --- the operations bound in issue 17 ----------------------------------------------------------
# A path id LeafLink types as a string while the object's own `id` is an integer, and lists that
# answer with a page but declare no `limit` / `offset`.
REASONS |= {
    f"{method} {path}: parameter path id $ type": (
        f"LeafLink's file types this path's id as a string, while {schema}.id is an integer in its "
        "schemas; ours is an integer, so a typed method takes the id as LeafLink hands it out"
    )
    for path, methods, schema in (
        ("/batches/{id}/", ("GET", "PATCH", "DELETE"), "BatchResponse"),
        ("/product-batches/{id}/", ("GET", "DELETE"), "ProductBatchResponse"),
        ("/promocodes/{id}/", ("GET", "PATCH", "DELETE"), "PromoCode"),
    )
    for method in methods
}
REASONS |= {
    f"GET {path}: parameter query {name}": (
        "LeafLink's file declares no limit or offset here, yet this list answers with a page "
        "{count, next, previous, results} like every other, and LeafLink's list endpoints page "
        "with limit and offset; ours declares both, so the connector can walk the pages"
    )
    for path in ("/batch-documents/", "/inventory/facilities/", "/inventory/items/")
    for name in ("limit", "offset")
}

_ORDER_EXAMPLE = "POST /orders-received/ request"
REASONS |= _per_operation(
    (
        "POST /line-items/: request body application/json $",
        "POST /orders-received/: request body application/json $.line_items[]",
    ),
    {
        **{
            f".{money}.amount": (
                f"LeafLink's {_ORDER_EXAMPLE} example sends its line item's {money}.amount as a JSON number "
                f"where its file says a decimal string; {_DECIMAL}"
            )
            for money in ("ordered_unit_price", "sale_price")
        },
        ".quantity": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends its line item's quantity as the JSON number 10 where "
            f"its file says a decimal string; {_DECIMAL}"
        ),
        ".product type": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends its line item's product as the integer 2093 where its "
            "file says string; ours is an integer id, as ids are elsewhere"
        ),
    },
)
REASONS |= _per_operation(
    ("POST /orders-received/: request body application/json $",),
    {
        ".ext_acct_id nullable": _null("ext_acct_id", _ORDER_EXAMPLE),
        ".selected_payment_option": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends selected_payment_option, which its OrderCreate does "
            "not list; ours does, so that a body holding it passes the client's input check"
        ),
        ".shipping_charge.amount": (
            f"LeafLink's {_ORDER_EXAMPLE} example sends shipping_charge.amount as the JSON number 0 where its "
            f"file says a decimal string; {_DECIMAL}"
        ),
    },
)

# --- list filters typed by LeafLink's conventions (issue 13) ----------------------------------------
# tests/filter_repairs.py lists them by operation and class; each class changes given facts only,
# each from what LeafLink's file says to what ours says (FILTER_CHANGES: fact -> (LeafLink's value,
# or the values it has for that class, and ours)). One exact line per operation, parameter, fact.
_STATUSES = list(filter_repairs.ORDER_STATUS_VALUES)
_LIST_OF = {" explode": (("True",), "False")}
FILTER_CHANGES: dict[str, dict[str, tuple[tuple[str, ...], str]]] = {
    filter_repairs.IDS.name: {
        " $ type": (("'string'", "'number'"), "'array'"),
        " $[] type": (("absent",), "'integer'"),
        **_LIST_OF,
    },
    filter_repairs.TEXTS.name: {
        " $ type": (("'string'",), "'array'"),
        " $[] type": (("absent",), "'string'"),
        **_LIST_OF,
    },
    filter_repairs.ORDER_STATUSES.name: {
        " $ type": (("'string'",), "'array'"),
        " $ enum": ((repr(_STATUSES),), "absent"),
        " $[] type": (("absent",), "'string'"),
        " $[] enum": (("absent",), repr(_STATUSES + [s.title() for s in _STATUSES])),
        **_LIST_OF,
    },
    filter_repairs.DATE_TIME.name: {" $ format": (("absent",), "'date-time'")},
    filter_repairs.DATE.name: {" $ format": (("absent",), "'date'")},
    filter_repairs.BOOLEAN.name: {" $ type": (("'string'",), "'boolean'")},
    filter_repairs.INTEGER.name: {" $ type": (("'number'", "'string'"), "'integer'")},
}


def exact(where: str, theirs: str, ours: str) -> str:
    """A KNOWN_REPAIRS key: one location, one difference from LeafLink's value to ours."""
    return f"{where}: theirs {theirs} -> ours {ours}"


KNOWN_REPAIRS: dict[str, str] = {
    line: REASONS[label] for label, lines in EXACT_REPAIRS.items() for line in lines
}
# A filter class that LeafLink's file types two ways (a number or a string) lists both; one of
# them must show up (test_every_known_repair_still_shows_up), the other explains nothing else.
ALTERNATIVES: dict[str, tuple[str, ...]] = {}
for _binding, _classes in filter_repairs.FILTERS.items():
    for _cls, _names in _classes.items():
        assert set(FILTER_CHANGES[_cls.name]) == set(_cls.facts), _cls.name
        for _name in _names:
            for _fact, (_olds, _new) in FILTER_CHANGES[_cls.name].items():
                _where = f"{_binding}: parameter query {_name}{_fact}"
                ALTERNATIVES[_where] = tuple(exact(_where, old, _new) for old in _olds)
                KNOWN_REPAIRS |= {
                    key: f"{_cls.name}: {_cls.reason}" for key in ALTERNATIVES[_where]
                }

MAX_DEPTH = 20
FACTS = (("type", None), ("format", None), ("nullable", False), ("enum", None), ("required", []))


class _Presence:
    def __init__(self, word: str) -> None:
        self.word = word

    def __repr__(self) -> str:
        return self.word


PRESENT, ABSENT = _Presence("present"), _Presence("absent")
Path_ = tuple[str, ...]


# --- reading the documents -----------------------------------------------------------------


@cache
def ours_spec() -> Mapping[str, Any]:
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


@cache
def theirs_spec() -> Mapping[str, Any]:
    return json.loads(OFFICIAL.read_text(encoding="utf-8"))


@cache
def bound_operations() -> tuple[str, ...]:
    """Every "METHOD /path/" the manifest binds, directly or as a drop-down's source, once."""
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    bound: list[str] = []
    for entry in manifest["operations"]:
        for binding in (entry.get("binds"), (entry.get("ddl") or {}).get("binds")):
            if binding and binding not in bound:
                bound.append(binding)
    return tuple(bound)


def resolve(document: Any, node: Any, at: Path_ = ()) -> tuple[Any, Path_]:
    """Follow `$ref`s; return the node and where it is. A `$ref` to a component parameter that has
    no `in` (LeafLink's file uses those as schemas) stands for its `schema` member, or itself."""
    for _ in range(50):
        if not (isinstance(node, Mapping) and "$ref" in node):
            return node, at
        ref = node["$ref"]
        at = tuple(
            part.replace("~1", "/").replace("~0", "~") for part in ref.lstrip("#").split("/")[1:]
        )
        node = document
        for part in at:
            node = node[part]
        if (
            at[:2] == ("components", "parameters")
            and isinstance(node, Mapping)
            and "in" not in node
            and "schema" in node
        ):
            node, at = node["schema"], (*at, "schema")
    raise AssertionError(f"$ref cycle through {at}")


# --- comparing -----------------------------------------------------------------------------


class Comparison:
    """Compares operations; `found` maps each disagreement to where it lies in our spec."""

    def __init__(self, ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> None:
        self.ours, self.theirs = ours, theirs
        self.found: dict[str, Path_] = {}
        self.exact: dict[str, str] = {}  # each disagreement as a KNOWN_REPAIRS key
        self.cut_short: list[str] = []

    def differ(self, where: str, ours: Any, theirs: Any, at: Path_) -> None:
        self.found[f"{where}: ours {ours!r}, theirs {theirs!r}"] = at
        self.exact[f"{where}: ours {ours!r}, theirs {theirs!r}"] = exact(
            where, repr(theirs), repr(ours)
        )

    def operation(self, bound: str) -> None:
        method, _, path = bound.partition(" ")
        at: Path_ = ("paths", path, method.lower())
        ours, theirs = _operation(self.ours, at), _operation(self.theirs, at)
        if ours is None or theirs is None:
            self.differ(
                f"{bound}: operation", ours and PRESENT or ABSENT, theirs and PRESENT or ABSENT, at
            )
            return
        self.parameters(bound, _parameters(self.ours, at), _parameters(self.theirs, at))
        self.request_body(
            bound, ours.get("requestBody"), theirs.get("requestBody"), (*at, "requestBody")
        )
        self.response(bound, ours, theirs, at)

    def parameters(self, bound: str, ours: dict, theirs: dict) -> None:
        for key in sorted(set(ours) | set(theirs), key=str):
            where = f"{bound}: parameter {key[0]} {key[1]}"
            if key not in ours or key not in theirs:
                at = (
                    ours[key][1]
                    if key in ours
                    else ("paths", bound.partition(" ")[2], "parameters")
                )
                self.differ(
                    where,
                    PRESENT if key in ours else ABSENT,
                    PRESENT if key in theirs else ABSENT,
                    at,
                )
                continue
            (mine, at), (their, _) = ours[key], theirs[key]
            if bool(mine.get("required")) != bool(their.get("required")):
                self.differ(
                    f"{where} required",
                    bool(mine.get("required")),
                    bool(their.get("required")),
                    (*at, "required"),
                )
            for fact, (mine_value, their_value) in zip(
                ("style", "explode"), zip(_serialisation(mine), _serialisation(their))
            ):
                if mine_value != their_value:
                    self.differ(f"{where} {fact}", mine_value, their_value, (*at, fact))
            self.schema(f"{where} $", mine.get("schema"), their.get("schema"), (*at, "schema"))

    def request_body(self, bound: str, ours: Any, theirs: Any, at: Path_) -> None:
        where = f"{bound}: request body"
        if ours is None or theirs is None:
            if ours is not None or theirs is not None:
                self.differ(
                    where,
                    ours is None and ABSENT or PRESENT,
                    theirs is None and ABSENT or PRESENT,
                    at,
                )
            return
        ours, at = resolve(self.ours, ours, at)
        theirs, _ = resolve(self.theirs, theirs)
        if bool(ours.get("required")) != bool(theirs.get("required")):
            self.differ(
                f"{where} required",
                bool(ours.get("required")),
                bool(theirs.get("required")),
                (*at, "required"),
            )
        self.content(
            where, ours.get("content") or {}, theirs.get("content") or {}, (*at, "content")
        )

    def response(
        self, bound: str, ours_op: Mapping[str, Any], theirs_op: Mapping[str, Any], at: Path_
    ) -> None:
        ours, theirs = _success(ours_op), _success(theirs_op)
        if ours is None or theirs is None or ours[0] != theirs[0]:
            self.differ(
                f"{bound}: success status",
                ours and ours[0],
                theirs and theirs[0],
                (*at, "responses"),
            )
            return
        mine, at = resolve(self.ours, ours[1], (*at, "responses", ours[0]))
        their, _ = resolve(self.theirs, theirs[1])
        self.content(
            f"{bound}: response {ours[0]}",
            mine.get("content") or {},
            their.get("content") or {},
            (*at, "content"),
        )

    def content(
        self, where: str, ours: Mapping[str, Any], theirs: Mapping[str, Any], at: Path_
    ) -> None:
        if sorted(ours) != sorted(theirs):
            self.differ(f"{where} content types", sorted(ours), sorted(theirs), at)
        for media in sorted(set(ours) & set(theirs)):
            mine, their = (ours[media] or {}).get("schema"), (theirs[media] or {}).get("schema")
            self.schema(f"{where} {media} $", mine, their, (*at, media, "schema"))

    def schema(self, where: str, ours: Any, theirs: Any, at: Path_, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            self.cut_short.append(where)
            return
        ours, at = resolve(self.ours, ours, at)
        theirs, _ = resolve(self.theirs, theirs)
        ours, theirs = ours or {}, theirs or {}
        for fact, default in FACTS:
            mine, their = ours.get(fact, default), theirs.get(fact, default)
            if fact == "required" and isinstance(mine, list) and isinstance(their, list):
                mine, their = sorted(mine), sorted(their)
            if mine != their:
                self.differ(
                    f"{where} {fact}",
                    ABSENT if mine is None else mine,
                    ABSENT if their is None else their,
                    (*at, fact),
                )
        ours_properties, theirs_properties = (
            ours.get("properties") or {},
            theirs.get("properties") or {},
        )
        for name in sorted(set(ours_properties) | set(theirs_properties)):
            child, child_at = f"{where}.{name}", (*at, "properties", name)
            if name in ours_properties and name in theirs_properties:
                self.schema(
                    child, ours_properties[name], theirs_properties[name], child_at, depth + 1
                )
            else:
                self.differ(
                    child,
                    PRESENT if name in ours_properties else ABSENT,
                    PRESENT if name in theirs_properties else ABSENT,
                    child_at,
                )
        if "items" in ours or "items" in theirs:
            self.schema(
                f"{where}[]", ours.get("items"), theirs.get("items"), (*at, "items"), depth + 1
            )
        ours_any, theirs_any = ours.get("anyOf") or [], theirs.get("anyOf") or []
        if len(ours_any) != len(theirs_any):
            self.differ(
                f"{where} anyOf", len(ours_any) or ABSENT, len(theirs_any) or ABSENT, (*at, "anyOf")
            )
        for index, (mine, their) in enumerate(zip(ours_any, theirs_any)):
            self.schema(
                f"{where} anyOf[{index}]", mine, their, (*at, "anyOf", str(index)), depth + 1
            )


def _operation(document: Mapping[str, Any], at: Path_) -> Mapping[str, Any] | None:
    item = (document.get("paths") or {}).get(at[1])
    operation = item.get(at[2]) if isinstance(item, Mapping) else None
    return operation if isinstance(operation, Mapping) else None


def _parameters(
    document: Mapping[str, Any], at: Path_
) -> dict[tuple[str, str], tuple[Mapping[str, Any], Path_]]:
    """Path-level parameters overridden by operation-level ones, by (in, name)."""
    merged = {}
    for holder in (at[:2], at):
        node = document
        for part in holder:
            node = node[part]
        for index, raw in enumerate(node.get("parameters") or []):
            parameter, where = resolve(document, raw, (*holder, "parameters", str(index)))
            merged[(parameter.get("in"), parameter.get("name"))] = (parameter, where)
    return merged


def _serialisation(parameter: Mapping[str, Any]) -> tuple[str, bool]:
    """(style, explode) of a parameter, OpenAPI's defaults filled in: how its value is written."""
    style = parameter.get("style") or (
        "form" if parameter.get("in") in ("query", "cookie") else "simple"
    )
    return style, bool(parameter.get("explode", style == "form"))


def _success(operation: Mapping[str, Any]) -> tuple[str, Any] | None:
    responses = operation.get("responses") or {}
    codes = sorted(str(code) for code in responses if str(code).startswith("2"))
    return (
        (codes[0], next(v for k, v in responses.items() if str(k) == codes[0])) if codes else None
    )


def compare(
    ours: Mapping[str, Any], theirs: Mapping[str, Any], bound: tuple[str, ...]
) -> Comparison:
    comparison = Comparison(ours, theirs)
    for binding in bound:
        comparison.operation(binding)
    return comparison


@cache
def comparison() -> Comparison:
    return compare(ours_spec(), theirs_spec(), bound_operations())


# --- explaining disagreements by the known repairs -----------------------------------------


def explaining_key(disagreement: str, found: Comparison | None = None) -> str | None:
    """The KNOWN_REPAIRS key that is exactly this disagreement, or None."""
    key = (found or comparison()).exact[disagreement]
    return key if key in KNOWN_REPAIRS else None


def test_the_manifest_binds_operations_of_both_documents() -> None:
    bound = bound_operations()
    assert len(bound) > 50
    missing = [d for d in comparison().found if d.split(": ")[1] == "operation"]
    assert missing == []


def test_every_disagreement_is_a_known_repair() -> None:
    unexplained = [d for d in comparison().found if explaining_key(d) is None]
    assert (
        unexplained == []
    ), "fix our spec, or list a deliberate repair in KNOWN_REPAIRS:\n" + "\n".join(unexplained)


def test_every_known_repair_still_shows_up() -> None:
    used = {explaining_key(d) for d in comparison().found}
    either = {key for keys in ALTERNATIVES.values() if used & set(keys) for key in keys}
    stale = [key for key in KNOWN_REPAIRS if key not in used | either]
    assert (
        stale == []
    ), "these KNOWN_REPAIRS entries explain no disagreement any more; remove them:\n" + "\n".join(
        stale
    )


def test_every_known_repair_gives_a_reason() -> None:
    assert all(len(reason) > 20 for reason in KNOWN_REPAIRS.values())
    assert (
        sorted(set(EXACT_REPAIRS) - set(REASONS)) == []
    ), "a label of tests/conformance_repairs.py has no reason"
    assert sorted(set(REASONS) - set(EXACT_REPAIRS)) == [], "a reason no exact line refers to"
    misplaced = [
        line for label, lines in EXACT_REPAIRS.items() for line in lines if not _under(label, line)
    ]
    assert misplaced == [], "each exact line lies where its label says"


def _under(label: str, line: str) -> bool:
    """Whether an exact line lies at its label's location (a "$." label: under that property)."""
    where = line.split(": theirs ")[0]
    if not label.startswith("$"):
        return where == label or where.startswith(
            (label + " ", label + ".", label + "[", label + ":")
        )
    tree = re.sub(r"^\$\.results\[\]\.", "$.", where[where.index(" $") + 1 :])
    return tree == label or tree.startswith((label + " ", label + ".", label + "["))


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (  # a request-side type change under a repaired shared component (issue 20)
            lambda s: s["components"]["schemas"]["AvailablePaymentOptionsCustomer"]["items"][
                "properties"
            ]["is_default"].update(type="string"),
            "POST /customers/: request body application/json $.available_payment_options[].is_default type: "
            "theirs 'bool' -> ours 'string'",
        ),
        (  # another fact of a repaired parameter
            lambda s: s["paths"]["/orders-received/{number}/transition/{action}/"]["parameters"][1][
                "schema"
            ].update(type="integer"),
            "POST /orders-received/{number}/transition/{action}/: parameter path action $ type: theirs 'string' -> ours 'integer'",
        ),
        (  # a repaired fact, changed to another value
            lambda s: s["paths"]["/buyer/orders/"]["get"]["responses"]["200"]["content"][
                "application/json"
            ]["schema"]["properties"]["next"].update(nullable=False, type="integer"),
            "GET /buyer/orders/: response 200 application/json $.next type: theirs 'string' -> ours 'integer'",
        ),
    ],
    ids=[
        "shared-component-request-type",
        "repaired-parameter-other-fact",
        "repaired-field-other-fact",
    ],
)
def test_a_repaired_place_explains_nothing_else(mutate: Any, expected: str) -> None:
    ours = copy.deepcopy(ours_spec())
    mutate(ours)
    planted = compare(ours, theirs_spec(), bound_operations())
    unexplained = {planted.exact[d] for d in planted.found if explaining_key(d, planted) is None}
    assert expected in unexplained


def test_the_whole_tree_was_compared() -> None:
    assert comparison().cut_short == [], f"raise MAX_DEPTH ({MAX_DEPTH}): these were not compared"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda s: s["components"]["schemas"]["StrainResponse"]["properties"]["id"].update(
                type="string"
            ),
            "GET /strains/{id}/: response 200 application/json $.id type: ours 'string', theirs 'integer'",
        ),
        (
            lambda s: s["paths"]["/activity-entries/"]["get"]["parameters"][0]["schema"].update(
                format="date"
            ),
            "GET /activity-entries/: parameter query date__lt $ format: ours 'date', theirs absent",
        ),
        (
            lambda s: s["paths"]["/activity-entries/"]["get"]["parameters"][4].update(
                style="spaceDelimited"
            ),
            "GET /activity-entries/: parameter query entry style: ours 'spaceDelimited', theirs 'form'",
        ),
        (
            lambda s: s["paths"]["/activity-entries/"]["get"]["parameters"].pop(0),
            "GET /activity-entries/: parameter query date__lt: ours absent, theirs present",
        ),
        (
            lambda s: s["paths"]["/product-images/"]["post"]["requestBody"].update(required=False),
            "POST /product-images/: request body required: ours False, theirs True",
        ),
        (
            lambda s: s["components"]["schemas"]["ProductResponse"]["properties"][
                "available_inventory"
            ]["anyOf"].append({"type": "integer"}),
            "GET /products/{id}/: response 200 application/json $.available_inventory anyOf: ours 3, theirs absent",
        ),
    ],
    ids=[
        "property-type",
        "parameter-format",
        "parameter-style",
        "parameter-missing",
        "body-required",
        "anyof-branches",
    ],
)
def test_the_comparison_sees_a_planted_mistake(mutate: Any, expected: str) -> None:
    ours = copy.deepcopy(ours_spec())
    mutate(ours)
    assert expected in compare(ours, theirs_spec(), bound_operations()).found


# --- every `# repair:` comment is accounted for (nice to have) --------------------------------


def _repair_comments() -> list[tuple[int, str, Path_]]:
    """(line, comment, path of the node it stands before) for every `# repair:` comment."""
    text = SPEC.read_text(encoding="utf-8")
    starts: list[tuple[int, Path_]] = []

    def walk(node: yaml.Node, at: Path_) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                starts.append((key.start_mark.line, (*at, key.value)))
                walk(value, (*at, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                starts.append((value.start_mark.line, (*at, str(index))))
                walk(value, (*at, str(index)))

    walk(yaml.compose(text), ())
    comments = []
    for number, line in enumerate(text.splitlines()):
        if line.strip().startswith("# repair:"):
            following = min((s for s in starts if s[0] > number), key=lambda s: s[0])
            at = following[1][:-1] if following[1][-1] == "$ref" else following[1]
            comments.append((number + 1, line.strip(), at))
    return comments


def _parameter_used_as_schema(comment: str, at: Path_) -> bool:
    """A repair of a LeafLink component parameter used as a schema, which the comparison resolves
    away by design (`resolve`); the defect must still be in LeafLink's file."""
    names = re.findall(r"#/components/parameters/(\w+)", comment)
    if at[:2] == ("components", "schemas"):
        names.append(at[2])
    parameters = theirs_spec()["components"]["parameters"]
    return any(name in parameters and "in" not in parameters[name] for name in names)


def test_every_repair_comment_is_accounted_for() -> None:
    places = list(comparison().found.values())
    unaccounted = [
        f"line {number}: {comment}"
        for number, comment, at in _repair_comments()
        if not any(place[: len(at)] == at for place in places)
        and not _parameter_used_as_schema(comment, at)
    ]
    assert unaccounted == []
