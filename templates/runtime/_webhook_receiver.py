"""The webhook receiver: a plain ASGI application; its statuses are documented in
:mod:`.webhooks`.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any, TypedDict

from ._webhook_events import (
    EventKind,
    InvalidPayload,
    InvalidSignature,
    OrderEvent,
    ProductEvent,
    WebhookEvent,
    parse_event,
)

__all__ = [
    "DEFAULT_BODY_TIMEOUT",
    "DEFAULT_MAX_BODY_BYTES",
    "OrderHandler",
    "ProductHandler",
    "ReceiverOptions",
    "WebhookReceiver",
    "kind_for_path",
]

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
DEFAULT_BODY_TIMEOUT = 10.0
"""Seconds a delivery's whole body may take to arrive (LeafLink's are a few kB)."""

OrderHandler = Callable[[OrderEvent], object]
"""Called with each order event; an awaitable it returns is awaited."""
ProductHandler = Callable[[ProductEvent], object]
"""Called with each product event; an awaitable it returns is awaited."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
_Headers = Sequence[tuple[bytes, bytes]]

logger = logging.getLogger("leaflink.webhooks")

_ROUTE_KINDS: dict[str, EventKind] = {
    "order": "order",
    "orders": "order",
    "product": "product",
    "products": "product",
}
_CLOSE: _Headers = ((b"connection", b"close"),)
_ALLOW_POST: _Headers = ((b"allow", b"POST"), *_CLOSE)


class ReceiverOptions(TypedDict, total=False):
    """The options of :class:`WebhookReceiver` besides the key."""

    on_order: OrderHandler | None
    on_product: ProductHandler | None
    max_body_bytes: int
    body_timeout: float


class _ClientGone(Exception):
    """The client disconnected before sending the whole body."""


class _TooLarge(Exception):
    """The body is larger than ``max_body_bytes``."""


def kind_for_path(path: str) -> EventKind | None:
    """The kind a route names by its last segment (``/orders``, ``/products/``), or None."""
    return _ROUTE_KINDS.get(path.rstrip("/").rsplit("/", 1)[-1].lower())


class WebhookReceiver:
    """An ASGI application receiving LeafLink webhook deliveries.

    Each POST is read (at most ``max_body_bytes``, within ``body_timeout`` seconds), verified
    with ``key``, parsed, and handed to ``on_order`` or ``on_product``; it is answered 200
    only once the handler has returned. Handlers may be plain functions (run in a worker
    thread) or coroutine functions (awaited on the server's asyncio loop). A body that has
    not fully arrived ``body_timeout`` seconds after the request began is answered 408 and
    the connection closed: a client trickling bytes cannot hold a connection for ever.
    """

    def __init__(
        self,
        key: str,
        *,
        on_order: OrderHandler | None = None,
        on_product: ProductHandler | None = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        body_timeout: float = DEFAULT_BODY_TIMEOUT,
    ) -> None:
        if not isinstance(key, str) or not key:
            raise ValueError("key must be the company's webhook key (a non-empty str)")
        if on_order is None and on_product is None:
            raise ValueError("give on_order, on_product or both")
        if max_body_bytes < 1:
            raise ValueError("max_body_bytes must be >= 1")
        if not body_timeout > 0:
            raise ValueError("body_timeout must be > 0 seconds")
        self._key = key
        self.on_order = on_order
        self.on_product = on_product
        self.max_body_bytes = max_body_bytes
        self.body_timeout = body_timeout

    def __repr__(self) -> str:
        return (
            f"WebhookReceiver(on_order={self.on_order!r}, "
            f"on_product={self.on_product!r}, max_body_bytes={self.max_body_bytes}, "
            f"body_timeout={self.body_timeout:g})"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            raise RuntimeError(f"WebhookReceiver serves HTTP, not {scope['type']!r}")
        if scope["method"] != "POST":
            await _respond(send, 405, {"error": "only POST is accepted"}, _ALLOW_POST)
            return
        headers = _decode_headers(scope["headers"])
        declared = headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _respond(send, 413, self._too_large(), _CLOSE)
            return
        try:
            async with asyncio.timeout(self.body_timeout):
                body = await self._read_body(receive)
        except _ClientGone:
            return
        except _TooLarge:
            await _respond(send, 413, self._too_large(), _CLOSE)
            return
        except TimeoutError:
            logger.warning(
                "refused a delivery to %r: its body did not arrive within %gs",
                scope["path"],
                self.body_timeout,
            )
            error = f"body not received within {self.body_timeout:g} s"
            await _respond(send, 408, {"error": error}, _CLOSE)
            return
        await self._deliver(scope["path"], body, headers, send)

    async def _read_body(self, receive: Receive) -> bytes:
        """The whole body; :class:`_TooLarge` once it exceeds the limit (the rest unread)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _ClientGone
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise _TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _deliver(self, path: str, body: bytes, headers: dict[str, str], send: Send) -> None:
        try:
            event = parse_event(body, headers, self._key, kind=kind_for_path(path))
        except InvalidSignature as error:
            logger.warning("refused a delivery to %r: %s", path, error)
            await _respond(send, 401, {"error": error.message})
            return
        except InvalidPayload as error:
            logger.warning("refused a delivery to %r: %s", path, error)
            await _respond(send, 400, {"error": error.message})
            return
        handler = self.on_order if event.kind == "order" else self.on_product
        if handler is None:
            logger.warning("no handler for %s events; %s dropped", event.kind, _name(event))
            await _respond(send, 200, {"status": "ignored", "kind": event.kind})
            return
        try:
            await _run(handler, event)
        except Exception:
            logger.exception("the %s handler failed on %s", event.kind, _name(event))
            await _respond(send, 500, {"error": f"the {event.kind} handler failed"})
            return
        await _respond(send, 200, {"status": "ok", "kind": event.kind})

    def _too_large(self) -> dict[str, str]:
        return {"error": f"body larger than {self.max_body_bytes} bytes"}


async def _run(handler: Callable[[Any], object], event: WebhookEvent) -> None:
    if inspect.iscoroutinefunction(handler) or inspect.iscoroutinefunction(
        getattr(handler, "__call__", None)
    ):
        result = handler(event)
    else:
        result = await asyncio.to_thread(handler, event)
    if inspect.isawaitable(result):
        await result


def _name(event: WebhookEvent) -> str:
    if isinstance(event, OrderEvent):
        return f"order {event.payload.number or '(no number)'}"
    return f"product {event.payload.id if event.payload.id is not None else '(no id)'}"


def _decode_headers(raw: _Headers) -> dict[str, str]:
    """Lower-cased names; a repeated header's values joined by ``, `` as HTTP reads them."""
    headers: dict[str, str] = {}
    for name, value in raw:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return headers


async def _respond(
    send: Send, status: int, document: dict[str, str], headers: _Headers = ()
) -> None:
    body = json.dumps(document).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
