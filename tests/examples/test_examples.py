"""The examples run as their users run them: a process, configured by environment variables,
here against the loopback stand-in that validates every request against the pinned spec.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from tests.connector import validating_server
from tests.connector.validating_server import SPEC_PATH, ValidatingServer, example

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KEY = "sk-example-SECRET"
WEBHOOK_KEY = "whk-example-SECRET"
SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
ORDER_NUMBER = "0b7c2b4e-8d8e-4f6a-9c55-3f1f6f1d2a10"


@pytest.fixture(scope="module")
def server() -> Iterator[ValidatingServer]:
    running = validating_server.start()
    yield running.server
    running.stop()


def environment(server: ValidatingServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEAFLINK_")}
    return {
        **env,
        "LEAFLINK_API_KEY": KEY,
        "LEAFLINK_BASE_URL": server.base_url,
        "LEAFLINK_WEBHOOK_KEY": WEBHOOK_KEY,
    }


def accepted(server: ValidatingServer) -> list[str]:
    """The operations received, after checking the stand-in accepted every request."""
    assert server.rejected == [], server.rejected
    assert server.invalid_responses == [], server.invalid_responses
    operations = [r.operation or r.path for r in server.received]
    server.received.clear()
    return operations


def run_example(name: str, server: ValidatingServer) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        env=environment(server),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return result.stdout


def test_list_payments_lists_then_fetches_each_payment(
    server: ValidatingServer,
) -> None:
    assert (
        run_example("list_payments.py", server)
        == "1 payments\npayment 1: order text, 12.50 text, text\n"
    )
    assert accepted(server) == ["GET /order-payments/", "GET /order-payments/{id}/"]
    assert server.received == []


def test_ddl_options_shows_options_then_uses_the_chosen_values(
    server: ValidatingServer,
) -> None:
    server.received.clear()
    output = run_example("ddl_options.py", server)
    assert output.startswith(
        "Brands (1 options)\n  text                           -> 1\nListing states (6 options)\n"
    )
    assert "  Available                      -> 'Available'\n" in output
    assert output.endswith("text, Available: 1 products\n  1: text\n")
    products = server.received[-1]
    assert accepted(server) == [
        "GET /brands/",
        "GET /products/",
    ]  # listing states: no HTTP
    assert products.query == "brand=1&listing_state=Available&limit=10"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _signed(payload: object, key: str = WEBHOOK_KEY) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(payload).encode()
    signature = base64.b64encode(hmac.new(key.encode(), body, hashlib.sha256).digest()).decode()
    return body, {"LL-Signature": signature, "Content-Type": "application/json"}


def _wait_until_listening(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the webhook receiver never listened")


def test_webhook_receiver_accepts_submitted_orders_and_logs_products(
    server: ValidatingServer,
) -> None:
    server.received.clear()
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, str(EXAMPLES / "webhook_receiver.py"), "--port", str(port)],
        env=environment(server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_listening(port, process)
        order = {
            **example(SPEC, {"$ref": "#/components/schemas/OrderResponse"}),
            "number": ORDER_NUMBER,
            "status": "Submitted",
        }
        product = example(SPEC, {"$ref": "#/components/schemas/ProductResponse"})
        url = f"http://127.0.0.1:{port}/leaflink"
        with httpx.Client(timeout=10) as http:
            answers = [
                http.post(f"{url}/orders/", content=body, headers=headers).status_code
                for body, headers in (
                    _signed(order),
                    _signed(product),
                    _signed(order, key="not-the-key"),
                )
            ]
            answers.append(
                http.post(
                    f"{url}/products/",
                    content=_signed(product)[0],
                    headers=_signed(product)[1],
                ).status_code
            )
    finally:
        process.terminate()
        stdout, stderr = process.communicate(timeout=30)
    assert answers == [
        200,
        400,
        401,
        200,
    ], stderr  # a product on the orders route is refused
    printed = [
        line for line in stdout.splitlines() if not line.startswith("INFO:")
    ]  # uvicorn logs there too
    assert printed == [
        f"order {ORDER_NUMBER}: Submitted",
        f"order {ORDER_NUMBER} accepted: now Draft",  # the stand-in's synthesised order
        "product 1 text: text",
    ]
    assert accepted(server) == ["POST /orders-received/{number}/transition/{action}/"]
    assert KEY not in stderr and WEBHOOK_KEY not in stderr
