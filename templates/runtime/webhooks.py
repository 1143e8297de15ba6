"""Receive LeafLink webhooks: verify each delivery, then hand a typed event to your code.

LeafLink POSTs a JSON order (as in ``/orders-received/``) or product (as in ``/products/``)
when one is created or updated, to a URL registered in its dashboard. Header
``LL-Signature`` is the base64 HMAC-SHA256 of the raw body, keyed by the company's webhook
key; nothing is parsed before it is verified (constant-time) over the bytes received.

* :func:`verify_signature` -> bool; :func:`parse_event` -> :class:`OrderEvent` or
  :class:`ProductEvent` (``payload``: the pydantic model, ``raw``: the JSON object), or
  :class:`InvalidSignature` / :class:`InvalidPayload`::

      LeafLinkError
      └── WebhookError
          ├── InvalidSignature   missing, malformed or wrong LL-Signature
          └── InvalidPayload     empty, not JSON, not an object, undecidable kind, invalid

* :class:`WebhookReceiver`: an ASGI application for any ASGI server (asyncio)::

      app = WebhookReceiver(key, on_order=save_order, on_product=save_product)

  or ``client.webhook_receiver(...)`` with the client's ``webhook_key``.
* ``python -m leaflink.webhooks serve --port 8000 [--host 127.0.0.1]`` serves one that
  prints each verified event as a JSON line on stdout, logs on stderr (key from
  ``LEAFLINK_WEBHOOK_KEY`` or ``--key``; needs uvicorn).

Order or product? LeafLink's deliveries carry no event-type field, so:

1. The route, when it names one: a receiver called on a path whose last segment is
   ``orders``/``order`` or ``products``/``product`` (``/leaflink/orders/``) takes that kind;
   ``parse_event(..., kind=...)`` is the same. Register one URL per subscription to rely on
   it. The payload must not contradict it: a product-shaped body on an orders route is
   refused (400), so a swapped URL is seen at once rather than parsed into an empty model.
2. Else the payload's shape. An order has one of ``number``, ``order_number``, ``short_id``,
   ``available_transitions`` (its identifiers and life cycle); a product one of ``sku``,
   ``listing_state``, ``unit_of_measure``. Each set is absent from the other resource's
   schema (``seller``, ``brand``, ``created_on``, ``external_ids`` are in both, so they
   decide nothing). A body with fields of both sets, or of neither, is refused (400).

The receiver answers, to LeafLink's delivery logic (which deactivates a webhook that fails
every delivery for five days):

=====  ==============================================================================
 200   verified, parsed, and the handler returned (or no handler for that kind: dropped
       with a warning, ``{"status": "ignored"}``)
 400   verified but not a valid order or product
 401   ``LL-Signature`` missing, malformed or wrong (no handler runs)
 405   not a POST
 408   the body did not arrive within ``body_timeout`` seconds (default 10) of the request
 413   body over ``max_body_bytes`` (default 1 MiB): refused on a larger Content-Length
       before reading, else as soon as the bytes read pass the limit
 500   the handler raised; logged with its traceback on ``leaflink.webhooks``
=====  ==============================================================================

Logs (logger ``leaflink.webhooks``) never contain the webhook key.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from ._webhook_events import (
    ORDER_FIELDS,
    PRODUCT_FIELDS,
    SIGNATURE_HEADER,
    EventKind,
    InvalidPayload,
    InvalidSignature,
    OrderEvent,
    ProductEvent,
    WebhookError,
    WebhookEvent,
    parse_event,
    verify_signature,
)
from ._webhook_receiver import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_MAX_BODY_BYTES,
    OrderHandler,
    ProductHandler,
    ReceiverOptions,
    WebhookReceiver,
    kind_for_path,
)

__all__ = [
    "DEFAULT_BODY_TIMEOUT",
    "DEFAULT_MAX_BODY_BYTES",
    "KEY_ENVIRONMENT_VARIABLE",
    "ORDER_FIELDS",
    "PRODUCT_FIELDS",
    "SIGNATURE_HEADER",
    "EventKind",
    "InvalidPayload",
    "InvalidSignature",
    "OrderEvent",
    "OrderHandler",
    "ProductEvent",
    "ProductHandler",
    "ReceiverOptions",
    "WebhookError",
    "WebhookEvent",
    "WebhookReceiver",
    "kind_for_path",
    "main",
    "parse_event",
    "verify_signature",
]

KEY_ENVIRONMENT_VARIABLE = "LEAFLINK_WEBHOOK_KEY"


def main(argv: Sequence[str] | None = None) -> int:
    """``serve``: a local receiver printing each verified event; returns the exit status."""
    args = _parser().parse_args(argv)
    key = args.key or os.environ.get(KEY_ENVIRONMENT_VARIABLE, "")
    if not key:
        print(
            f"error: no webhook key: set {KEY_ENVIRONMENT_VARIABLE} (or pass --key)",
            file=sys.stderr,
        )
        return 2
    try:
        import uvicorn
    except ImportError:
        print(
            "error: serving needs uvicorn, which is not installed: pip install uvicorn",
            file=sys.stderr,
        )
        return 1
    receiver = WebhookReceiver(
        key,
        on_order=_print_event,
        on_product=_print_event,
        max_body_bytes=args.max_body_bytes,
        body_timeout=args.body_timeout,
    )
    uvicorn.run(
        receiver,
        host=args.host,
        port=args.port,
        lifespan="off",
        log_config=_logging_config(uvicorn.config.LOGGING_CONFIG),
    )
    return 0


def _logging_config(uvicorn_config: Mapping[str, Any]) -> dict[str, Any]:
    """uvicorn's logging, all on stderr (stdout carries only events), plus ours."""
    config = copy.deepcopy(dict(uvicorn_config))
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config["loggers"]["leaflink"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    return config


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m leaflink.webhooks",
        description="Receive LeafLink webhooks locally, for development.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve", help="serve a receiver that prints each verified event as a JSON line"
    )
    serve.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    serve.add_argument("--port", type=int, default=8000, help="default: 8000")
    serve.add_argument(
        "--key",
        help=f"the webhook key (default: ${KEY_ENVIRONMENT_VARIABLE}, which keeps it "
        "out of the process list)",
    )
    serve.add_argument(
        "--max-body-bytes",
        type=int,
        default=DEFAULT_MAX_BODY_BYTES,
        help=f"largest body accepted (default: {DEFAULT_MAX_BODY_BYTES})",
    )
    serve.add_argument(
        "--body-timeout",
        type=float,
        default=DEFAULT_BODY_TIMEOUT,
        help=f"seconds a body may take to arrive, else 408 (default: {DEFAULT_BODY_TIMEOUT:g})",
    )
    return parser


def _print_event(event: WebhookEvent) -> None:
    print(json.dumps({"kind": event.kind, "payload": event.raw}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
