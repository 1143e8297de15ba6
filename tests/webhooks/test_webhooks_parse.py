"""verify_signature and parse_event as functions; the clients' webhook methods."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from webhook_support import KEY, body_of, order, product, schema, sign, signed

import leaflink
from leaflink import models
from leaflink.webhooks import (
    ORDER_FIELDS,
    PRODUCT_FIELDS,
    InvalidPayload,
    InvalidSignature,
    OrderEvent,
    ProductEvent,
    WebhookError,
    WebhookReceiver,
    parse_event,
    verify_signature,
)

BODY = b'{"number": "0b7c", "status": "Accepted"}'


# -- verify_signature --------------------------------------------------------------------


def test_a_signature_computed_independently_verifies() -> None:
    assert verify_signature(BODY, sign(BODY), KEY) is True
    assert verify_signature(bytearray(BODY), sign(BODY), KEY) is True
    assert verify_signature(b"", sign(b""), KEY) is True


def test_surrounding_whitespace_in_the_header_value_is_ignored() -> None:
    assert verify_signature(BODY, f"  {sign(BODY)}\t", KEY) is True


@pytest.mark.parametrize(
    "body, signature, key",
    [
        pytest.param(BODY + b" ", sign(BODY), KEY, id="body-with-a-byte-added"),
        pytest.param(BODY.replace(b"0b7c", b"0b7d"), sign(BODY), KEY, id="tampered"),
        pytest.param(BODY, sign(BODY, "another-key"), KEY, id="wrong-key"),
        pytest.param(BODY, sign(BODY, KEY.upper()), KEY, id="key-case"),
        pytest.param(BODY, None, KEY, id="missing"),
        pytest.param(BODY, "", KEY, id="empty"),
        pytest.param(BODY, "   ", KEY, id="blank"),
        pytest.param(BODY, "not base64 at all!", KEY, id="not-base64"),
        pytest.param(BODY, sign(BODY).rstrip("="), KEY, id="padding-dropped"),
        pytest.param(BODY, "é" * 44, KEY, id="non-ascii"),
        pytest.param(BODY, sign(BODY)[:20] + " " + sign(BODY)[20:], KEY, id="inner-space"),
        pytest.param(
            BODY,
            hmac.new(KEY.encode(), BODY, hashlib.sha256).hexdigest(),
            KEY,
            id="hex-not-base64",
        ),
        pytest.param(
            BODY,
            base64.b64encode(hmac.new(KEY.encode(), BODY, hashlib.sha256).digest()[:31]).decode(),
            KEY,
            id="truncated-digest",
        ),
        pytest.param(
            BODY,
            base64.b64encode(hmac.new(KEY.encode(), BODY, hashlib.sha1).digest()).decode(),
            KEY,
            id="sha1",
        ),
        pytest.param(BODY, sign(BODY, ""), "", id="empty-key"),
        pytest.param(BODY, sign(BODY).encode(), KEY, id="bytes-signature"),
        pytest.param(BODY, 12345, KEY, id="int-signature"),
    ],
)
def test_a_missing_malformed_or_wrong_signature_is_false(
    body: bytes, signature: Any, key: str
) -> None:
    assert verify_signature(body, signature, key) is False


@given(st.binary(max_size=256), st.text(max_size=80))
def test_any_header_value_gives_a_bool_and_only_the_right_one_verifies(
    body: bytes, signature: str
) -> None:
    assert verify_signature(body, signature, KEY) is (signature.strip() == sign(body))


def test_text_instead_of_raw_bytes_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="raw request body"):
        verify_signature(BODY.decode(), sign(BODY), KEY)  # type: ignore[arg-type]


def test_the_comparison_is_hmac_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert verify_signature(BODY, sign(BODY, "wrong"), KEY) is False
    assert compared == [(base64.b64decode(sign(BODY, "wrong")), base64.b64decode(sign(BODY)))]


# -- parse_event ---------------------------------------------------------------------------


def test_an_order_becomes_an_order_event_with_the_model_and_the_raw_object() -> None:
    payload = order()
    body = body_of(payload)
    event = parse_event(body, signed(body), KEY)
    assert isinstance(event, OrderEvent) and event.kind == "order"
    assert isinstance(event.payload, models.OrderResponse)
    assert event.payload == models.OrderResponse.model_validate(payload)
    assert event.payload.number == payload["number"] and event.raw == payload


def test_a_product_becomes_a_product_event() -> None:
    payload = product()
    body = body_of(payload)
    event = parse_event(body, {"ll-signature": sign(body)}, KEY)
    assert isinstance(event, ProductEvent) and event.kind == "product"
    assert event.payload == models.ProductResponse.model_validate(payload)
    assert event.raw == payload


def test_unknown_fields_stay_in_raw() -> None:
    body = body_of({"number": "0b7c", "brand_new_field": [1, 2]})
    event = parse_event(body, signed(body), KEY)
    assert event.raw["brand_new_field"] == [1, 2]


@pytest.mark.parametrize(
    "fields, resource",
    [(ORDER_FIELDS, "OrderResponse"), (PRODUCT_FIELDS, "ProductResponse")],
)
def test_the_shape_fields_belong_to_one_resource_only(
    fields: frozenset[str], resource: str
) -> None:
    other = "ProductResponse" if resource == "OrderResponse" else "OrderResponse"
    own, others = schema(resource)["properties"], schema(other)["properties"]
    assert fields and fields <= own.keys()
    assert not fields & others.keys()
    assert fields <= getattr(models, resource).model_fields.keys()


@pytest.mark.parametrize("field", sorted(ORDER_FIELDS))
def test_each_order_field_alone_tells_an_order(field: str) -> None:
    body = body_of({field: order()[field]})
    assert parse_event(body, signed(body), KEY).kind == "order"


@pytest.mark.parametrize("field", sorted(PRODUCT_FIELDS))
def test_each_product_field_alone_tells_a_product(field: str) -> None:
    body = body_of({field: product()[field]})
    assert parse_event(body, signed(body), KEY).kind == "product"


def test_the_routes_kind_decides_a_payload_of_neither_or_both_shapes() -> None:
    neither = body_of({"seller": 7, "brand": 3})
    both = body_of({"number": "0b7c", "sku": "SKU-1"})
    for body in (neither, both):
        with pytest.raises(InvalidPayload, match="cannot tell the event kind"):
            parse_event(body, signed(body), KEY)
    as_product = parse_event(neither, signed(neither), KEY, kind="product")
    assert isinstance(as_product, ProductEvent) and as_product.payload.seller == 7
    as_order = parse_event(both, signed(both), KEY, kind="order")
    assert isinstance(as_order, OrderEvent) and as_order.payload.number == "0b7c"


def test_a_route_kind_the_payload_contradicts_is_refused() -> None:
    body = body_of(product())
    with pytest.raises(
        InvalidPayload,
        match=r"the route says order, but the object has product fields \(listing_state, sku, unit_of_measure\)",
    ):
        parse_event(body, signed(body), KEY, kind="order")


@pytest.mark.parametrize(
    "body, message",
    [
        (b"", "empty body"),
        (b"  \n", "empty body"),
        (b'{"number": ', "not JSON"),
        (b"\xff\xfe{}", "not JSON"),
        (b"[1, 2]", "JSON list, not an object"),
        (b'"text"', "JSON str, not an object"),
        (b"[" * 100_000 + b"]" * 100_000, "not JSON"),
        (
            body_of({"number": "0b7c", "seller": "not an id"}),
            "not a valid order: seller: ",
        ),
        (
            body_of({"sku": "S", "listing_state": "Gone"}),
            "not a valid product: listing_state: ",
        ),
    ],
)
def test_a_verified_body_that_is_no_order_or_product_is_invalid_payload(
    body: bytes, message: str
) -> None:
    with pytest.raises(InvalidPayload, match=message):
        parse_event(body, signed(body), KEY)


@pytest.mark.parametrize(
    "headers, message",
    [
        ({}, "no LL-Signature header"),
        ({"X-Signature": sign(BODY)}, "no LL-Signature header"),
        ({"LL-Signature": "!!"}, "does not match"),
        ({"LL-Signature": sign(BODY, "wrong")}, "does not match"),
    ],
)
def test_an_unverified_body_is_invalid_signature_before_it_is_read(
    headers: dict[str, str], message: str
) -> None:
    for body in (BODY, b"not json"):
        with pytest.raises(InvalidSignature, match=message) as caught:
            parse_event(body, headers, KEY)
        assert KEY not in str(caught.value)


def test_errors_are_leaflink_errors() -> None:
    assert issubclass(InvalidSignature, WebhookError) and issubclass(InvalidPayload, WebhookError)
    assert issubclass(WebhookError, leaflink.LeafLinkError)


def test_an_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="kind must be"):
        parse_event(BODY, signed(BODY), KEY, kind="invoice")  # type: ignore[arg-type]


# -- the clients ---------------------------------------------------------------------------


@pytest.mark.parametrize("client_class", [leaflink.LeafLink, leaflink.AsyncLeafLink])
def test_clients_parse_and_receive_with_their_webhook_key(client_class: Any) -> None:
    body = body_of(order())
    client = client_class(api_key="sk-1", webhook_key=KEY)
    assert isinstance(client.parse_webhook(body, signed(body)), OrderEvent)
    with pytest.raises(InvalidSignature):
        client.copy(webhook_key="another").parse_webhook(body, signed(body))
    receiver = client.webhook_receiver(on_order=print, max_body_bytes=10)
    assert isinstance(receiver, WebhookReceiver) and receiver.max_body_bytes == 10
    assert KEY not in repr(receiver)


@pytest.mark.parametrize("client_class", [leaflink.LeafLink, leaflink.AsyncLeafLink])
def test_a_client_without_webhook_key_says_so(client_class: Any) -> None:
    client = client_class(api_key="sk-1")
    with pytest.raises(ValueError, match="no webhook_key"):
        client.parse_webhook(BODY, signed(BODY))
    with pytest.raises(ValueError, match="no webhook_key"):
        client.webhook_receiver(on_order=print)


def test_the_package_exports_the_webhooks_module() -> None:
    assert "webhooks" in leaflink.__all__
    assert leaflink.webhooks.parse_event is parse_event
    with pytest.raises(AttributeError, match="no attribute 'webhookz'"):
        leaflink.webhookz  # type: ignore[attr-defined]  # noqa: B018
