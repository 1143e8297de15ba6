"""`python -m leaflink.webhooks serve`: a real process, real deliveries, events on stdout."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest
from webhook_support import KEY, body_of, order, product, signed

from leaflink import webhooks


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _post_when_up(
    url: str, body: bytes, headers: dict[str, str], process: subprocess.Popen[str]
) -> httpx.Response:
    deadline = time.monotonic() + 15
    while True:
        try:
            return httpx.post(url, content=body, headers=headers, timeout=5)
        except httpx.ConnectError:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the receiver did not start"
            time.sleep(0.05)


def test_serve_prints_each_verified_event_as_a_json_line() -> None:
    port = _free_port()
    env = {**os.environ, "LEAFLINK_WEBHOOK_KEY": "not-the-key"}  # --key wins over it
    command = [
        sys.executable,
        "-m",
        "leaflink.webhooks",
        "serve",
        "--port",
        str(port),
        "--key",
        KEY,
    ]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        first, second = body_of(order()), body_of(product())
        assert _post_when_up(url, first, signed(first), process).status_code == 200
        assert (
            httpx.post(url, content=second, headers=signed(second, "not-the-key")).status_code
            == 401
        )
        assert httpx.post(url, content=second, headers=signed(second)).status_code == 200
    finally:
        process.terminate()
        stdout, stderr = process.communicate(timeout=10)
    lines = [json.loads(line) for line in stdout.splitlines()]
    assert lines == [
        {"kind": "order", "payload": order()},
        {"kind": "product", "payload": product()},
    ]
    assert "RuntimeWarning" not in stderr and KEY not in stderr


def test_serve_reads_the_key_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LEAFLINK_WEBHOOK_KEY", raising=False)
    assert webhooks.main(["serve", "--port", "0"]) == 2
    assert "LEAFLINK_WEBHOOK_KEY" in capsys.readouterr().err


def test_serve_without_uvicorn_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LEAFLINK_WEBHOOK_KEY", KEY)
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # makes `import uvicorn` fail
    assert webhooks.main(["serve"]) == 1
    assert "pip install uvicorn" in capsys.readouterr().err
