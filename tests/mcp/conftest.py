"""`leaflink mcp` as an MCP client sees it: the server runs as its own process
(`python -m leaflink.cli mcp ...`), and a client built with the `mcp` SDK talks to it over
stdio. Behind it, a loopback LeafLink: the spec-validating stand-in (`validating`), or a
small werkzeug app (`scripted`) for what the stand-in never answers: several pages of
payments, a 404, and a 401 whose message echoes the key it was sent.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp", reason="the leaflink[mcp] extra is not installed")

from mcp import ClientSession, StdioServerParameters, stdio_client  # noqa: E402
from mcp import types  # noqa: E402
from werkzeug.wrappers import Request, Response  # noqa: E402

from tests.loopback import (
    accepted,
    environment,
    serve_wsgi,
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


class Scripted:
    """`/order-payments/` in pages (PAGE_SIZE by default), payment 404 a 404, payment 401
    a 401 echoing the Authorization header it got, 401 on a wrong key."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.base_url = ""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        self.received.append(f"{request.method} {request.full_path.rstrip('?')}")
        return self._answer(request)(environ, start_response)

    def _answer(self, request: Request) -> Response:
        authorization = request.headers.get("Authorization", "")
        if authorization != f"App {KEY}" or request.path == "/api/v2/order-payments/401/":
            return _json({"detail": f"Invalid token in {authorization!r}."}, 401)
        if request.path != "/api/v2/order-payments/":
            return _json({"detail": "Not found."}, 404)
        limit = int(request.args.get("limit", PAGE_SIZE))
        offset = int(request.args.get("offset", 0))
        end = min(offset + limit, PAYMENTS)
        following = f"{self.base_url}/order-payments/?limit={limit}&offset={end}"
        return _json(
            {
                "count": PAYMENTS,
                "next": following if end < PAYMENTS else None,
                "previous": None,
                "results": [{"id": i, "reason": f"payment {i}"} for i in range(offset, end)],
            }
        )


def _json(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, content_type="application/json")


@pytest.fixture(scope="session")
def _scripted() -> Iterator[Scripted]:
    app = Scripted()
    with serve_wsgi(app) as base_url:
        app.base_url = base_url
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
