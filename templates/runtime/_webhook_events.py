"""LeafLink webhook deliveries: signature check, then a typed order or product event.

The rules (signature, how the kind is told apart) are documented in :mod:`.webhooks`,
the public module that re-exports this one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pydantic

from ._exceptions import LeafLinkError
from .models import OrderResponse, ProductResponse

__all__ = [
    "ORDER_FIELDS",
    "PRODUCT_FIELDS",
    "SIGNATURE_HEADER",
    "EventKind",
    "InvalidPayload",
    "InvalidSignature",
    "OrderEvent",
    "ProductEvent",
    "WebhookError",
    "WebhookEvent",
    "parse_event",
    "verify_signature",
]

SIGNATURE_HEADER = "LL-Signature"
EventKind = Literal["order", "product"]

# Properties of one resource's schema that the other's lacks: the order's identifiers and
# life cycle; the product's catalogue fields. A test checks them against both schemas.
ORDER_FIELDS = frozenset({"number", "order_number", "short_id", "available_transitions"})
PRODUCT_FIELDS = frozenset({"sku", "listing_state", "unit_of_measure"})

_SHAPES: dict[EventKind, frozenset[str]] = {
    "order": ORDER_FIELDS,
    "product": PRODUCT_FIELDS,
}
_DIGEST_SIZE = hashlib.sha256().digest_size


class WebhookError(LeafLinkError):
    """A webhook delivery was refused; ``message`` says why (never the key)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidSignature(WebhookError):
    """The ``LL-Signature`` header is missing, malformed or does not match the body."""


class InvalidPayload(WebhookError):
    """A verified body that is not an order or product: not JSON, not an object, of an
    undecidable kind, or failing the resource's model."""


@dataclass(frozen=True)
class OrderEvent:
    """A verified order delivery (created or updated).

    ``payload`` is the order as :class:`~leaflink.models.OrderResponse`; ``raw`` the JSON
    object as received, fields the model does not know included.
    """

    payload: OrderResponse
    raw: dict[str, Any]
    kind: Literal["order"] = field(default="order", init=False)


@dataclass(frozen=True)
class ProductEvent:
    """A verified product delivery (created or updated).

    ``payload`` is the product as :class:`~leaflink.models.ProductResponse`; ``raw`` the
    JSON object as received, fields the model does not know included.
    """

    payload: ProductResponse
    raw: dict[str, Any]
    kind: Literal["product"] = field(default="product", init=False)


WebhookEvent = OrderEvent | ProductEvent


def verify_signature(body: bytes, signature: str | None, key: str) -> bool:
    """Whether ``signature`` is the base64 HMAC-SHA256 of the raw ``body`` under ``key``.

    False, never an exception, for a missing (None or empty), malformed (not strict
    base64, wrong length) or wrong signature, and for an empty key. The comparison is
    constant-time. ``body`` must be the bytes as received: a ``str`` is a TypeError,
    since decoding and re-encoding may change what was signed.
    """
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError(f"verify the raw request body (bytes), not {type(body).__name__}")
    if not isinstance(signature, str) or not isinstance(key, str) or not key:
        return False
    try:
        given = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError):
        return False
    if len(given) != _DIGEST_SIZE:
        return False
    expected = hmac.new(key.encode("utf-8"), body, hashlib.sha256).digest()
    return hmac.compare_digest(given, expected)


def parse_event(
    body: bytes,
    headers: Mapping[str, str],
    key: str,
    *,
    kind: EventKind | None = None,
) -> WebhookEvent:
    """Verify one delivery, then return it as an :class:`OrderEvent` or :class:`ProductEvent`.

    ``headers`` are the request's (names in any case); ``kind`` is what the receiving
    route says the delivery is, if it says. Raises :class:`InvalidSignature` before
    reading the body, then :class:`InvalidPayload` for a body that is not a valid
    order or product.
    """
    if kind is not None and kind not in _SHAPES:
        raise ValueError(f"kind must be 'order' or 'product', not {kind!r}")
    signature = _header(headers, SIGNATURE_HEADER)
    if signature is None:
        raise InvalidSignature(f"no {SIGNATURE_HEADER} header")
    if not verify_signature(body, signature, key):
        raise InvalidSignature(f"{SIGNATURE_HEADER} does not match the body")
    raw = _json_object(body)
    event_kind = _kind_of(raw, kind)
    try:
        if event_kind == "order":
            return OrderEvent(OrderResponse.model_validate(raw), raw)
        return ProductEvent(ProductResponse.model_validate(raw), raw)
    except pydantic.ValidationError as error:
        raise InvalidPayload(f"not a valid {event_kind}: {_first_problem(error)}") from None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    wanted = name.lower()
    for header, value in headers.items():
        if header.lower() == wanted:
            return value
    return None


def _json_object(body: bytes) -> dict[str, Any]:
    if not body.strip():
        raise InvalidPayload("empty body")
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise InvalidPayload(f"body is not JSON: {error}") from None
    if not isinstance(document, dict):
        raise InvalidPayload(f"body is a JSON {type(document).__name__}, not an object")
    return document


def _kind_of(raw: Mapping[str, Any], declared: EventKind | None) -> EventKind:
    """The route's kind unless the shape contradicts it, else the shape's kind."""
    matches = [kind for kind, fields in _SHAPES.items() if fields & raw.keys()]
    if declared is not None:
        if matches and declared not in matches:
            found = ", ".join(sorted(_SHAPES[matches[0]] & raw.keys()))
            raise InvalidPayload(
                f"the route says {declared}, but the object has {matches[0]} fields ({found})"
            )
        return declared
    if len(matches) == 1:
        return matches[0]
    what = "both order and product" if matches else "neither order nor product"
    raise InvalidPayload(
        f"cannot tell the event kind: the object has {what} fields "
        f"(orders: {', '.join(sorted(ORDER_FIELDS))}; "
        f"products: {', '.join(sorted(PRODUCT_FIELDS))})"
    )


def _first_problem(error: pydantic.ValidationError) -> str:
    problems = error.errors(include_url=False, include_input=False)
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"]) or "(root)"
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{where}: {first['msg']}{more}"
