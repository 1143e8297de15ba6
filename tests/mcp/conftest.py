"""`leaflink mcp` as an MCP client sees it: the server runs as its own process
(`python -m leaflink.cli mcp ...`), and a client built with the `mcp` SDK talks to it over
stdio. Behind it, a loopback LeafLink: the spec-validating stand-in (`validating`), or a
small werkzeug app (`scripted`) for what the stand-in never answers: several pages of
payments, a 404, and a 401 whose message echoes the key it was sent.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp", reason="the leaflink[mcp] extra is not installed")

from mcp import ClientSession, StdioServerParameters, stdio_client  # noqa: E402
from mcp import types  # noqa: E402
from werkzeug.wrappers import Request, Response  # noqa: E402

from tests.loopback import (
    ScriptedApp,
    accepted,
    environment,
    json_response,
    serving,
)  # noqa: E402, F401 (the tests import them from here)

KEY = "sk-mcp-SECRET-9b1c4e"
PAYMENTS = 7
PAGE_SIZE = 2


@asynccontextmanager
async def mcp_session(
    base_url: str, *args: str, errlog: Path, key: str = KEY
) -> AsyncIterator[ClientSession]:
    """An initialized MCP client session with `leaflink mcp *args`, its stderr in `errlog`."""
    server = StdioServerParameters(
        command=sys.executable,
        args=["-m", "leaflink.cli", "mcp", *args],
        env=environment({"LEAFLINK_API_KEY": key, "LEAFLINK_BASE_URL": base_url}),
    )
    with errlog.open("a", encoding="utf-8") as log:
        async with stdio_client(server, errlog=log) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                yield session


def text_of(result: types.CallToolResult) -> str:
    (block,) = result.content
    assert isinstance(block, types.TextContent), block
    return block.text


def json_of(result: types.CallToolResult) -> Any:
    assert not result.is_error, text_of(result)
    return json.loads(text_of(result))


class Scripted(ScriptedApp):
    """`/order-payments/` in pages (PAGE_SIZE by default), payment 404 a 404, payment 401
    a 401 echoing the Authorization header it got, 401 on a wrong key."""

    def _answer(self, request: Request) -> Response:
        authorization = request.headers.get("Authorization", "")
        if authorization != f"App {KEY}" or request.path == "/api/v2/order-payments/401/":
            return json_response({"detail": f"Invalid token in {authorization!r}."}, 401)
        if request.path != "/api/v2/order-payments/":
            return json_response({"detail": "Not found."}, 404)
        return self.payments_page(request, PAYMENTS, PAGE_SIZE)


@pytest.fixture(scope="session")
def _scripted() -> Iterator[Scripted]:
    with serving(Scripted()) as app:
        yield app


@pytest.fixture()
def scripted(_scripted: Scripted) -> Scripted:
    _scripted.received.clear()
    return _scripted


def refs(schema: object) -> Sequence[str]:
    """Every `$ref` in a schema."""
    found: list[str] = []
    if isinstance(schema, dict):
        if isinstance(schema.get("$ref"), str):
            found.append(schema["$ref"])
        for value in schema.values():
            found += refs(value)
    elif isinstance(schema, list):
        for value in schema:
            found += refs(value)
    return found
