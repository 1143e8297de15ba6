"""WebhookReceiver served by uvicorn on 127.0.0.1, driven by httpx (and a raw socket)."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from webhook_support import KEY, body_of, order, product, serving, sign, signed

import leaflink
from leaflink import models
from leaflink.webhooks import OrderEvent, ProductEvent, WebhookEvent, WebhookReceiver

LIMIT = 16 * 1024


@dataclass
class Recorder:
    """Handlers recording what they were given; ``fail`` makes them raise."""

    events: list[WebhookEvent] = field(default_factory=list)
    threads: list[str] = field(default_factory=list)
    fail: bool = False

    def on_order(self, event: OrderEvent) -> None:  # a plain function: run in a thread
        self._record(event)

    async def on_product(self, event: ProductEvent) -> None:  # awaited on the loop
        await asyncio.sleep(0)
        self._record(event)

    def _record(self, event: WebhookEvent) -> None:
        self.events.append(event)
        self.threads.append(threading.current_thread().name)
        if self.fail:
            raise RuntimeError(f"handler exploded on {event.kind}")


@dataclass
class Hooks:
    url: str
    recorder: Recorder

    def post(
        self, body: Any, headers: dict[str, str] | None = None, path: str = "/"
    ) -> httpx.Response:
        return httpx.post(self.url + path, content=body, headers=headers, timeout=10)


@pytest.fixture(scope="module")
def _served() -> Iterator[Hooks]:
    recorder = Recorder()
    app = WebhookReceiver(
        KEY,
        on_order=recorder.on_order,
        on_product=recorder.on_product,
        max_body_bytes=LIMIT,
    )
    with serving(app) as url:
        yield Hooks(url, recorder)


@pytest.fixture
def hooks(_served: Hooks) -> Hooks:
    _served.recorder.events.clear()
    _served.recorder.threads.clear()
    _served.recorder.fail = False
    return _served


# -- deliveries that reach a handler ---------------------------------------------------------


def test_an_order_reaches_on_order_typed_and_is_answered_after_it(hooks: Hooks) -> None:
    payload = order()
    body = body_of(payload)
    response = hooks.post(body, signed(body))
    assert response.status_code == 200 and response.json() == {
        "status": "ok",
        "kind": "order",
    }
    [event] = hooks.recorder.events
    assert isinstance(event, OrderEvent)
    assert isinstance(event.payload, models.OrderResponse)
    assert event.payload == models.OrderResponse.model_validate(payload) and event.raw == payload


def test_a_product_reaches_on_product_typed(hooks: Hooks) -> None:
    payload = product()
    body = body_of(payload)
    response = hooks.post(body, signed(body))
    assert response.status_code == 200 and response.json() == {
        "status": "ok",
        "kind": "product",
    }
    [event] = hooks.recorder.events
    assert isinstance(event, ProductEvent)
    assert event.payload == models.ProductResponse.model_validate(payload) and event.raw == payload


def test_sync_handlers_run_off_the_event_loop_thread_and_async_ones_on_it(
    hooks: Hooks,
) -> None:
    for payload in (order(), product()):
        body = body_of(payload)
        assert hooks.post(body, signed(body)).status_code == 200
    sync_thread, loop_thread = hooks.recorder.threads
    assert sync_thread != loop_thread


def test_the_route_names_the_kind_of_an_ambiguous_payload(hooks: Hooks) -> None:
    body = body_of({"seller": 7, "brand": 3})
    assert hooks.post(body, signed(body)).status_code == 400
    for path, kind in [
        ("/leaflink/products/", "product"),
        ("/leaflink/orders", "order"),
    ]:
        response = hooks.post(body, signed(body), path)
        assert response.status_code == 200 and response.json()["kind"] == kind
    assert [type(e) for e in hooks.recorder.events] == [ProductEvent, OrderEvent]


def test_a_payload_contradicting_its_route_is_400_and_runs_no_handler(
    hooks: Hooks,
) -> None:
    body = body_of(product())
    response = hooks.post(body, signed(body), "/leaflink/orders/")
    assert response.status_code == 400 and "product fields" in response.json()["error"]
    assert hooks.recorder.events == []


# -- refused deliveries: no handler runs ---------------------------------------------------------


def _unsigned_cases() -> list[Any]:
    body = body_of(order())
    tampered = body.replace(b'"text"', b'"TEXT"', 1)
    assert tampered != body
    return [
        pytest.param(tampered, signed(body), id="tampered-body"),
        pytest.param(body, signed(body, "another-key"), id="wrong-key"),
        pytest.param(body, {"Content-Type": "application/json"}, id="missing-header"),
        pytest.param(body, {"LL-Signature": "%%not-base64%%"}, id="non-base64-header"),
        pytest.param(body, {"LL-Signature": sign(body)[:-4]}, id="truncated-header"),
        pytest.param(b"", signed(body), id="empty-body"),
    ]


@pytest.mark.parametrize("body, headers", _unsigned_cases())
def test_an_unverified_delivery_is_401(
    hooks: Hooks, body: bytes, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="leaflink.webhooks")
    response = hooks.post(body, headers)
    assert response.status_code == 401 and "LL-Signature" in response.json()["error"]
    assert hooks.recorder.events == []
    assert "LL-Signature" in caplog.text and KEY not in caplog.text


def test_two_signature_headers_are_refused(hooks: Hooks) -> None:
    body = body_of(order())
    headers = [("LL-Signature", sign(body)), ("LL-Signature", sign(body))]
    response = httpx.post(hooks.url, content=body, headers=headers)
    assert response.status_code == 401 and hooks.recorder.events == []


@pytest.mark.parametrize(
    "body, error",
    [
        pytest.param(b"", "empty body", id="empty-body"),
        pytest.param(b'{"number": "0b7c",', "not JSON", id="invalid-json"),
        pytest.param(b"[1, 2, 3]", "not an object", id="not-an-object"),
        pytest.param(body_of({"seller": 7}), "cannot tell the event kind", id="neither-kind"),
        pytest.param(
            body_of({**order(), "seller": "not an id"}),
            "not a valid order: seller",
            id="invalid-order",
        ),
    ],
)
def test_a_verified_but_unparsable_delivery_is_400(hooks: Hooks, body: bytes, error: str) -> None:
    response = hooks.post(body, signed(body))
    assert response.status_code == 400 and error in response.json()["error"]
    assert hooks.recorder.events == []


def test_a_body_over_the_limit_is_413(hooks: Hooks) -> None:
    body = body_of({**order(), "padding": "x" * LIMIT})
    response = hooks.post(body, signed(body))
    assert response.status_code == 413 and response.headers["connection"] == "close"
    assert hooks.recorder.events == []
    exactly = body_of({**order(), "padding": ""})
    exactly = body_of({**order(), "padding": "x" * (LIMIT - len(exactly))})
    assert len(exactly) == LIMIT and hooks.post(exactly, signed(exactly)).status_code == 200


def test_a_streamed_body_without_length_is_cut_at_the_limit(hooks: Hooks) -> None:
    body = body_of({**order(), "padding": "x" * 2 * LIMIT})

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 1000):
            yield body[start : start + 1000]

    response = hooks.post(chunks(), signed(body))
    assert response.status_code == 413 and hooks.recorder.events == []


def test_a_too_large_content_length_is_413_before_any_body_is_sent(
    hooks: Hooks,
) -> None:
    host, port = httpx.URL(hooks.url).host, httpx.URL(hooks.url).port
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(
            b"POST / HTTP/1.1\r\nHost: hooks\r\nContent-Type: application/json\r\n"
            b"LL-Signature: " + sign(b"").encode() + b"\r\nContent-Length: 1000000000\r\n\r\n"
        )
        answer = sock.recv(4096)  # times out (fails) if the receiver waits for the body
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert hooks.recorder.events == []


def test_a_body_trickled_past_the_body_timeout_is_408_and_closed() -> None:
    recorder = Recorder()
    app = WebhookReceiver(KEY, on_order=recorder.on_order, body_timeout=0.5)
    body = body_of(order())
    with serving(app) as url:
        host, port = httpx.URL(url).host, httpx.URL(url).port
        with socket.create_connection((host, port), timeout=5) as sock:
            sock.sendall(
                b"POST / HTTP/1.1\r\nHost: hooks\r\nContent-Type: application/json\r\n"
                b"LL-Signature: "
                + sign(body).encode()
                + b"\r\nContent-Length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
            )
            started = time.monotonic()
            answer = b""
            sock.settimeout(0.2)
            for index in range(len(body)):  # one byte every 0.2 s, as a slowloris does
                try:
                    sock.sendall(body[index : index + 1])
                    answer += sock.recv(4096)
                except TimeoutError:
                    continue
                except OSError:  # the receiver closed the connection
                    break
                if answer:
                    break
            waited = time.monotonic() - started
            sock.settimeout(2)
            while b"\r\n\r\n" not in answer or not answer.endswith(b"}"):
                more = sock.recv(4096)
                if not more:
                    break
                answer += more
            closed = sock.recv(4096) == b""
    assert answer.startswith(b"HTTP/1.1 408 "), answer
    assert b'{"error": "body not received within 0.5 s"}' in answer
    assert b"connection: close" in answer.lower() and closed
    assert 0.4 <= waited < 1.5
    assert recorder.events == []


def test_a_body_that_arrives_in_time_is_delivered_in_pieces() -> None:
    recorder = Recorder()
    app = WebhookReceiver(KEY, on_order=recorder.on_order, body_timeout=2.0)
    body = body_of(order())

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), len(body) // 3 + 1):
            time.sleep(0.1)
            yield body[start : start + len(body) // 3 + 1]

    with serving(app) as url:
        response = httpx.post(url, content=chunks(), headers=signed(body), timeout=5)
    assert response.status_code == 200 and len(recorder.events) == 1


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "HEAD"])
def test_anything_but_post_is_405(hooks: Hooks, method: str) -> None:
    body = body_of(order())
    response = httpx.request(
        method,
        hooks.url + "/",
        content=body if method == "PUT" else None,
        headers=signed(body),
    )
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert hooks.recorder.events == []


# -- handler failures --------------------------------------------------------------------------


@pytest.mark.parametrize("payload", [order, product], ids=["sync-handler", "async-handler"])
def test_a_handler_that_raises_is_500_and_logged_without_the_key(
    hooks: Hooks, payload: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="leaflink.webhooks")
    hooks.recorder.fail = True
    body = body_of(payload())
    response = hooks.post(body, signed(body))
    assert response.status_code == 500 and "handler failed" in response.json()["error"]
    assert "exploded" not in response.text
    [record] = [r for r in caplog.records if r.name == "leaflink.webhooks"]
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert "handler exploded" in caplog.text and "handler failed on" in record.getMessage()
    assert KEY not in caplog.text and len(hooks.recorder.events) == 1


def test_a_kind_without_handler_is_acknowledged_and_dropped_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="leaflink.webhooks")
    orders: list[OrderEvent] = []
    with serving(WebhookReceiver(KEY, on_order=orders.append)) as url:
        body = body_of(product())
        response = httpx.post(url, content=body, headers=signed(body))
    assert response.status_code == 200 and response.json() == {
        "status": "ignored",
        "kind": "product",
    }
    assert orders == [] and "no handler for product events" in caplog.text


def test_a_clients_receiver_verifies_with_its_webhook_key() -> None:
    orders: list[OrderEvent] = []
    client = leaflink.LeafLink(api_key="sk-1", webhook_key=KEY)
    with serving(client.webhook_receiver(on_order=orders.append)) as url:
        body = body_of(order())
        assert httpx.post(url, content=body, headers=signed(body, "other")).status_code == 401
        assert httpx.post(url, content=body, headers=signed(body)).status_code == 200
    assert [e.raw for e in orders] == [order()]


# -- the ASGI protocol itself --------------------------------------------------------------------


def test_reading_stops_as_soon_as_the_body_passes_the_limit() -> None:
    """An endless body: the receiver must answer 413 after reading just past the limit."""
    orders: list[OrderEvent] = []
    receiver = WebhookReceiver(KEY, on_order=orders.append, max_body_bytes=1000)
    reads = 0
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal reads
        reads += 1
        assert reads < 100, "the receiver kept reading past the limit"
        return {"type": "http.request", "body": b"x" * 300, "more_body": True}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "headers": [(b"ll-signature", sign(b"").encode())],
    }
    asyncio.run(receiver(scope, receive, send))
    assert reads == 4 and sent[0]["status"] == 413 and orders == []


def test_non_http_scopes_are_refused() -> None:
    receiver = WebhookReceiver(KEY, on_order=print)

    async def never() -> dict[str, Any]:
        raise AssertionError

    with pytest.raises(RuntimeError, match="serves HTTP"):
        asyncio.run(receiver({"type": "websocket"}, never, never))  # type: ignore[arg-type]


def test_the_receiver_validates_its_options_and_hides_the_key() -> None:
    with pytest.raises(ValueError, match="webhook key"):
        WebhookReceiver("", on_order=print)
    with pytest.raises(ValueError, match="on_order, on_product or both"):
        WebhookReceiver(KEY)
    with pytest.raises(ValueError, match="max_body_bytes"):
        WebhookReceiver(KEY, on_order=print, max_body_bytes=0)
    for seconds in (0, -1, float("nan")):
        with pytest.raises(ValueError, match="body_timeout"):
            WebhookReceiver(KEY, on_order=print, body_timeout=seconds)
    assert KEY not in repr(WebhookReceiver(KEY, on_order=print))
