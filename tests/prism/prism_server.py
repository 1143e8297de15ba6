"""Stoplight Prism serving LeafLink's own OpenAPI file as a mock: starting, asking, stopping it.

`make test` installs the pinned Prism (tests/prism/package-lock.json) into `.prism/`. LeafLink's
file is read from `../shared/leaflink/` and never copied into the project: without it every test
here is skipped. Prism serves the file's paths at its root (`/orders-received/`, ...), so the
client's base URL is the bare `http://127.0.0.1:<port>` (LeafLink's own has `/api/v2`).

Static mode answers with the file's examples (or placeholders built from the schemas); dynamic
mode (`--dynamic`) with data generated from the schemas, repeatably thanks to `--seed`. Prism
validates each request against the file and answers a request that violates it with its own
`application/problem+json` error (422 for a bad request, 401 without `Authorization`, 404 or 405
for an unknown path or method): `PrismMock.rejection()` tells those apart from real answers.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = ROOT.parent / "shared" / "leaflink" / "official-openapi-2026-07.json"
PRISM = ROOT / ".prism" / "node_modules" / ".bin" / "prism"
SEED = "leaflink-connector"
STARTUP_SECONDS = 60.0
PRISM_ERROR = "https://stoplight.io/prism/errors#"

needs_official = pytest.mark.skipif(
    not OFFICIAL.exists(), reason=f"LeafLink's file is not available ({OFFICIAL})"
)

Mode = Literal["static", "dynamic"]


@dataclass
class PrismMock:
    mode: Mode
    base_url: str
    log_path: Path
    process: subprocess.Popen[bytes]
    exchanges: list[httpx.Response] = field(default_factory=list)

    def http_client(self) -> httpx.Client:
        """An httpx client for `LeafLink(http_client=...)` that records every answer in `exchanges`."""
        self.exchanges.clear()

        def record(response: httpx.Response) -> None:
            response.read()
            self.exchanges.append(response)

        return httpx.Client(
            timeout=30.0, follow_redirects=False, event_hooks={"response": [record]}
        )

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    @staticmethod
    def rejection(response: httpx.Response) -> str | None:
        """Prism's own error answer, as one readable paragraph; None for an answer from the file."""
        if not response.headers.get("content-type", "").startswith("application/problem+json"):
            return None
        try:
            problem: Any = response.json()
        except ValueError:
            return None
        if not isinstance(problem, dict) or not str(problem.get("type", "")).startswith(
            PRISM_ERROR
        ):
            return None
        kind = problem["type"].removeprefix(PRISM_ERROR)
        lines = [
            f"Prism rejected {response.request.method} {response.request.url}: "
            f"{response.status_code} {kind}: {problem.get('title', '')}",
        ]
        if problem.get("detail"):
            lines.append(f"  detail: {problem['detail']}")
        for violation in problem.get("validation", []) or []:
            location = ".".join(str(part) for part in violation.get("location", []))
            lines.append(
                f"  {violation.get('severity', '')} at {location}: {violation.get('message', '')}"
            )
        return "\n".join(lines)

    @staticmethod
    def violations(response: httpx.Response, side: Literal["request", "response"]) -> list[str]:
        """The violations of LeafLink's file Prism let pass but listed in its `sl-violations` header:
        of our request, or of its own answer (LeafLink's examples do not all match its schemas)."""
        header = response.headers.get("sl-violations")
        if not header:
            return []
        try:
            found = json.loads(header)
        except ValueError:
            return [header]
        return [
            f"{v.get('severity', '')} at {'.'.join(str(p) for p in v.get('location', []))}: {v.get('message', '')}"
            for v in found
            if ((v.get("location") or [""])[0] == "response") == (side == "response")
        ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_prism(process: subprocess.Popen[bytes]) -> None:
    """Stop Prism and anything it forked: its own process group (started with a new session)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def start_prism(mode: Mode, log_dir: Path) -> PrismMock:
    if not PRISM.exists():
        pytest.fail(
            f"Prism is not installed at {PRISM}: run `make prism` (or `make test`)", pytrace=False
        )
    port = _free_port()
    arguments = [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port)]
    if mode == "dynamic":
        arguments += ["--dynamic", "--seed", SEED]
    arguments.append(str(OFFICIAL))
    log_path = log_dir / f"prism-{mode}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            arguments,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    mock = PrismMock(mode, f"http://127.0.0.1:{port}", log_path, process)
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(
                f"Prism ({mode}) exited with {process.returncode}:\n{mock.log_tail()}",
                pytrace=False,
            )
        try:
            # any HTTP answer (even Prism's 401 for the missing key) means it is listening
            httpx.get(mock.base_url + "/brands/", timeout=1.0)
            return mock
        except httpx.TransportError:
            if time.monotonic() > deadline:
                stop_prism(process)
                pytest.fail(
                    f"Prism ({mode}) did not answer within {STARTUP_SECONDS:.0f}s:\n{mock.log_tail()}",
                    pytrace=False,
                )
            time.sleep(0.2)
