"""Webhook test support: payloads synthesised from the spec, signing, a real ASGI server.

Signatures are computed here with hmac/base64, independently of `leaflink.webhooks`.
The server is uvicorn on 127.0.0.1 (a port the OS picks) in a background thread.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import uvicorn
import yaml

from tests.connector.validating_server import SPEC_PATH, example

KEY = "whk-TEST-SECRET-9f2c"


@cache
def spec() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is 7x faster
    loaded: dict[str, Any] = yaml.load(SPEC_PATH.read_text(encoding="utf-8"), Loader=loader)
    return loaded


def schema(name: str) -> dict[str, Any]:
    found: dict[str, Any] = spec()["components"]["schemas"][name]
    return found


def order() -> dict[str, Any]:
    """An order as `/orders-received/` returns it, every property filled in."""
    payload: dict[str, Any] = example(spec(), schema("OrderResponse"))
    return payload


def product() -> dict[str, Any]:
    """A product as `/products/` returns it, every property filled in."""
    payload: dict[str, Any] = example(spec(), schema("ProductResponse"))
    return payload


def body_of(payload: object) -> bytes:
    return json.dumps(payload).encode()


def sign(body: bytes, key: str = KEY) -> str:
    return base64.b64encode(hmac.new(key.encode(), body, hashlib.sha256).digest()).decode()


def signed(body: bytes, key: str = KEY) -> dict[str, str]:
    """Headers of a delivery of `body` signed with `key`."""
    return {"LL-Signature": sign(body, key), "Content-Type": "application/json"}


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve the ASGI `app` with uvicorn on 127.0.0.1; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, lifespan="off", log_config=None, access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
