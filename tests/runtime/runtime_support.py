"""Test support: a scriptable loopback HTTP server, demo generated-style clients, a harness.

The server is real HTTP on 127.0.0.1 (port 0) in a background thread. It records every
request and answers from a per-test script (replies or handlers, in order), then from
``fallback``. A reply can be delayed, trickled byte by byte, or can drop the connection
without answering. It counts the connections it accepted and those still open.
"""

from __future__ import annotations

import inspect
import json
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import httpx
from pydantic import BaseModel, ConfigDict, Field

from _leaflink_runtime._base_client import (
    AsyncAPIClient,
    Request,
    RequestOptions,
    SyncAPIClient,
)
from _leaflink_runtime._pagination import DDL_PAGE_SIZE, AsyncPage, DdlOption, SyncPage

KEY = "sk-test-SECRET-123"
_PLAIN_HTTP_ONLY = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
THING = {"id": 7, "name": "Blue Dream"}


@dataclass
class Recorded:
    """One request as the server received it (header names lower-cased)."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @property
    def query(self) -> dict[str, str]:
        return dict(parse_qsl(self.target.partition("?")[2], keep_blank_values=True))

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Reply:
    """What the server answers; ``drop`` closes the socket without answering."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    trickle: float = 0.0
    """Seconds between the body's bytes (sent one at a time after the headers)."""

    @classmethod
    def json(cls, data: object, status: int = 200, **kwargs: Any) -> Reply:
        headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
        return cls(status, json.dumps(data).encode(), headers, **kwargs)


Handler = Callable[[Recorded], Reply]


class LoopbackServer:
    """A scriptable HTTP/1.1 server on 127.0.0.1."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.connections = 0
        """Connections accepted since the last reset."""
        self.open_connections = 0
        """Connections accepted and not yet closed (by either side)."""
        self._script: deque[Reply | Handler] = deque()
        self._lock = threading.Lock()
        self.fallback: Handler = lambda request: Reply.json(THING)
        self._httpd = _HTTPServer(("127.0.0.1", 0), _RequestHandler)
        self._httpd.owner = self
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def script(self, *replies: Reply | Handler) -> None:
        """Answer the next requests with these, in order."""
        self._script.extend(replies)

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self._script.clear()
            self.fallback = lambda request: Reply.json(THING)
            self.connections = 0

    def connection_opened(self) -> None:
        with self._lock:
            self.connections += 1
            self.open_connections += 1

    def connection_closed(self) -> None:
        with self._lock:
            self.open_connections -= 1

    def wait_for_open_connections(self, count: int, timeout: float = 2.0) -> int:
        """Wait until at most ``count`` connections are open; return how many are."""
        deadline = time.monotonic() + timeout
        while self.open_connections > count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.open_connections

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _answer(self, request: Recorded) -> Reply:
        with self._lock:
            self.requests.append(request)
            step = self._script.popleft() if self._script else self.fallback
        return step(request) if callable(step) else step


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 512  # bursts of hundreds of concurrent connects
    owner: LoopbackServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out leave broken pipes behind; that is expected


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        self.server.owner.connection_opened()
        super().setup()

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.owner.connection_closed()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        reply = self.server.owner._answer(Recorded(self.command, self.path, headers, body))
        if reply.delay:
            time.sleep(reply.delay)
        if reply.drop:
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if not reply.trickle:
            self.wfile.write(reply.body)
            return
        self.wfile.flush()
        for index in range(len(reply.body)):
            time.sleep(reply.trickle)
            self.wfile.write(reply.body[index : index + 1])
            self.wfile.flush()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle


def paged(
    server: LoopbackServer,
    total: int,
    path: str = "/api/v2/things/",
    *,
    origin: str | None = None,
) -> Handler:
    """A LeafLink-style list endpoint over ``total`` things, with absolute next/previous.

    ``origin`` is the scheme and host its links name (default: the server's own; "" makes
    them relative), as a mock or a proxy may name another.
    """
    link_origin = server.url if origin is None else origin

    def handler(request: Recorded) -> Reply:
        limit = int(request.query.get("limit", 100))
        offset = int(request.query.get("offset", 0))
        results = [
            {"id": i, "name": f"thing {i}"} for i in range(offset, min(offset + limit, total))
        ]
        next_url = f"{link_origin}{path}?limit={limit}&offset={offset + limit}"
        previous_url = f"{link_origin}{path}?limit={limit}&offset={max(offset - limit, 0)}"
        return Reply.json(
            {
                "count": total,
                "next": next_url if offset + limit < total else None,
                "previous": previous_url if offset else None,
                "results": results,
            }
        )

    return handler


def closed_port_url() -> str:
    """A base URL on which nothing listens (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v2"


class Thing(BaseModel):
    id: int
    name: str


class NewThing(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    name: str
    unit_price: str | None = Field(default=None, alias="unitPrice")
    notes: str | None = None


def _get(number: object) -> Request:
    return Request("get_thing", "GET", "/things/{number}/", path_params={"number": number})


def _create(body: object) -> Request:
    return Request("create_thing", "POST", "/things/", json=body)


def _list(limit: int) -> Request:
    return Request("list_things", "GET", "/things/", query={"limit": limit})


_DDL = Request("list_things_ddl", "GET", "/things/")


class DemoSync(SyncAPIClient):
    """Shaped like a generated client."""

    def get_thing(self, number: object, *, options: RequestOptions | None = None) -> Thing:
        return self._request(_get(number), cast_to=Thing, options=options)

    def create_thing(self, body: object, *, options: RequestOptions | None = None) -> Thing:
        return self._request(_create(body), cast_to=Thing, options=options)

    def list_things(
        self, *, limit: int = 100, options: RequestOptions | None = None
    ) -> SyncPage[Thing]:
        return self._request_page(_list(limit), item_type=Thing, options=options)

    def list_things_ddl(
        self, *, page_size: int = DDL_PAGE_SIZE, options: RequestOptions | None = None
    ) -> list[DdlOption]:
        """As the generated drop-down methods call the runtime."""
        return self._request_ddl(
            _DDL, text="name", value="id", page_size=page_size, options=options
        )


class DemoAsync(AsyncAPIClient):
    """The async twin of :class:`DemoSync`."""

    async def get_thing(self, number: object, *, options: RequestOptions | None = None) -> Thing:
        return await self._request(_get(number), cast_to=Thing, options=options)

    async def create_thing(self, body: object, *, options: RequestOptions | None = None) -> Thing:
        return await self._request(_create(body), cast_to=Thing, options=options)

    async def list_things(
        self, *, limit: int = 100, options: RequestOptions | None = None
    ) -> AsyncPage[Thing]:
        return await self._request_page(_list(limit), item_type=Thing, options=options)

    async def list_things_ddl(
        self, *, page_size: int = DDL_PAGE_SIZE, options: RequestOptions | None = None
    ) -> list[DdlOption]:
        return await self._request_ddl(
            _DDL, text="name", value="id", page_size=page_size, options=options
        )


class Harness:
    """Runs one behavioural test against the sync or the async client.

    ``await h.run(x)`` awaits ``x`` if it is awaitable; ``h.delays`` records every sleep.
    """

    def __init__(self, kind: str, server: LoopbackServer) -> None:
        self.kind = kind
        self.server = server
        self.delays: list[float] = []
        self.clients: list[Any] = []
        self.pools: list[Any] = []

    @property
    def is_async(self) -> bool:
        return self.kind == "async"

    async def _sleep(self, delay: float) -> None:
        self.delays.append(delay)

    def client(self, *, own_pool: bool = False, **kwargs: Any) -> Any:
        """A demo client on the loopback server, with recorded (instant) sleeps.

        Unless ``own_pool``, it is handed a plain httpx client (what the runtime would build,
        minus loading CA certificates, which costs ~40 ms a client and loopback is plain HTTP).
        """
        kwargs.setdefault("base_url", self.server.url + "/api/v2")
        if not own_pool and "http_client" not in kwargs:
            kwargs["http_client"] = self.http_client_class(verify=_PLAIN_HTTP_ONLY)
            self.pools.append(kwargs["http_client"])
        kwargs.setdefault("sleep", self._sleep if self.is_async else self.delays.append)
        cls = DemoAsync if self.is_async else DemoSync
        client = cls(kwargs.pop("api_key", KEY), **kwargs)
        self.clients.append(client)
        return client

    @property
    def http_client_class(self) -> Any:
        return httpx.AsyncClient if self.is_async else httpx.Client

    async def run(self, value: Any) -> Any:
        return await value if inspect.isawaitable(value) else value

    async def collect(self, iterable: Any) -> list[Any]:
        """Every item of a (sync or async) iterable."""
        if hasattr(iterable, "__aiter__"):
            return [item async for item in iterable]
        return list(iterable)

    async def aclose(self) -> None:
        for client in self.clients + self.pools:
            await self.run(client.aclose() if self.is_async else client.close())
