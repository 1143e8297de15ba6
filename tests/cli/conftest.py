"""The command line, run in this process (`cli`) or as real processes (`run_cli`), against
real loopback servers. A process costs ~0.5 s to start, so most cases run in-process and a
few check the process itself: the installed script, exit codes, stdin, a terminal.

`validating`: the LeafLink stand-in checking every request against the pinned spec.
`scripted`: a small werkzeug app for what the stand-in never answers: several pages of
payments, a 404, and a 401 whose message echoes the key it was sent (as a careless server
might), which the command line must not print.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from werkzeug.wrappers import Request, Response

from leaflink.cli import main
from tests.loopback import (
    ScriptedApp,
    accepted,
    environment,
    json_response,
    serving,
)  # noqa: F401 (the tests import them from here)

KEY = "sk-cli-SECRET-7f3a"
PAYMENTS = 5
PAGE_SIZE = 2
CLI = (sys.executable, "-m", "leaflink.cli")


@dataclass(frozen=True)
class Call:
    """One command line: its arguments, extra environment variables, stdin and program."""

    args: Sequence[str]
    env: Mapping[str, str] = field(default_factory=dict)
    stdin: str | None = None
    command: Sequence[str] = CLI


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def error_line(self) -> str:
        """The one line an error prints on stderr (nothing on stdout)."""
        assert self.stdout == "", self.stdout
        lines = self.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("leaflink: error: "), self.stderr
        return lines[0]


def run_cli(*calls: Call) -> list[Result]:
    """Run every call as its own process, all at once (start-up costs ~0.5 s each)."""
    processes = [
        subprocess.Popen(
            [*call.command, *call.args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(call.env),
        )
        for call in calls
    ]
    results = []
    for call, process in zip(calls, processes):
        stdout, stderr = process.communicate(call.stdin, timeout=60)
        results.append(Result(process.returncode, stdout, stderr))
    return results


Cli = Callable[..., Result]


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """`cli(*args, env={...}, stdin=...)`: `leaflink.cli.main` in this process, as a Result."""

    def run(*args: str, env: Mapping[str, str] | None = None, stdin: str = "") -> Result:
        for name in [n for n in os.environ if n.startswith("LEAFLINK_")]:
            monkeypatch.delenv(name)
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse's own usage errors
            code = int(exit.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


DRIFTED_PAYMENT = (
    '{"id": 99, "total": {"amount": 594, "currency": "USD"}, "payment_date": "2026-01-02",'
    ' "reason": 17, "brand_new": {"nested": [1, 2.50, null]}}'
)
"""A payment as LeafLink might send it: an integer amount, a date for a date-time, a number
for a string, a field no spec mentions (the text is compared byte for byte, so it is kept as
the wire carries it, not built from Python values)."""


LOOPING_LIMIT = 3
"""Pages asked for with this limit link to themselves as their next page."""


class Scripted(ScriptedApp):
    """A werkzeug app: `/order-payments/` in pages of PAGE_SIZE (pages of LOOPING_LIMIT link
    to themselves), payment 99 drifted from the spec, 404 elsewhere, 401 on a wrong key.
    """

    def _answer(self, request: Request) -> Response:
        authorization = request.headers.get("Authorization", "")
        if authorization != f"App {KEY}":
            return json_response({"detail": f"Invalid token in {authorization!r}."}, 401)
        if request.path == "/api/v2/order-payments/99/":
            return Response(DRIFTED_PAYMENT, content_type="application/json")
        if request.path != "/api/v2/order-payments/":
            return json_response({"detail": "Not found."}, 404)
        if int(request.args.get("limit", PAGE_SIZE)) == LOOPING_LIMIT:
            itself = self.base_url.removesuffix("/api/v2") + request.full_path
            return self.payments_page(request, PAYMENTS, PAGE_SIZE, next_url=itself)
        return self.payments_page(request, PAYMENTS, PAGE_SIZE)


@pytest.fixture(scope="session")
def scripted() -> Iterator[Scripted]:
    with serving(Scripted()) as app:
        yield app
