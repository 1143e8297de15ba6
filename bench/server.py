"""A small, fast loopback server answering LeafLink-shaped pages of brands, for the runtime figures.

``python bench/server.py`` listens on 127.0.0.1 (a free port, printed on the first line of
stdout) and answers ``GET /n{TOTAL}/brands/?limit=L&offset=O`` with one page of a list of TOTAL
generated brands: ``{"count", "next", "previous", "results"}``, ``next`` an absolute URL; and
``GET /stats/`` with ``{"connections": N}``, the connections it has accepted so far. It is an
asyncio protocol rather than `http.server`, whose per-request cost would drown the clients'
difference. It runs in its own process, so both clients measured against it pay the same server cost, and it
exits by itself after ``--lifetime`` seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import socket
from urllib.parse import parse_qs, urlsplit

CONNECTIONS = 0
"""Connections accepted since the server started (the stats request's own included)."""


@functools.lru_cache(maxsize=64)
def page(origin: str, total: int, limit: int, offset: int) -> bytes:
    """One page, as the JSON body LeafLink would send."""
    end = min(offset + limit, total)
    results = [
        {
            "id": index,
            "name": f"Brand {index}",
            "company": 1 + index % 7,
            "description": "A brand of the benchmark.",
            "image": None,
            "banner": None,
        }
        for index in range(offset, end)
    ]
    following = f"{origin}/n{total}/brands/?limit={limit}&offset={end}" if end < total else None
    return json.dumps(
        {"count": total, "next": following, "previous": None, "results": results}
    ).encode()


class Protocol(asyncio.Protocol):
    """Minimal keep-alive HTTP/1.1: GET requests without bodies, one write per answer."""

    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        global CONNECTIONS
        assert isinstance(transport, asyncio.Transport)
        CONNECTIONS += 1
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
            self.answer(head.decode("latin-1"))

    def answer(self, head: str) -> None:
        assert self.transport is not None
        request_line, *header_lines = head.split("\r\n")
        target = request_line.split(" ")[1] if request_line.count(" ") == 2 else "/"
        host = next(
            (
                line.split(":", 1)[1].strip()
                for line in header_lines
                if line.lower().startswith("host:")
            ),
            "127.0.0.1",
        )
        url = urlsplit(target)
        parts = url.path.strip("/").split("/")
        query = parse_qs(url.query)
        if url.path == "/stats/":
            status, body = "200 OK", json.dumps({"connections": CONNECTIONS}).encode()
        elif (
            len(parts) != 2
            or parts[1] != "brands"
            or not parts[0].startswith("n")
            or not parts[0][1:].isdigit()
        ):
            status, body = "404 Not Found", b'{"detail": "Not found."}'
        else:
            limit = int(query.get("limit", ["100"])[0])
            offset = int(query.get("offset", ["0"])[0])
            status, body = "200 OK", page(f"http://{host}", int(parts[0][1:]), limit, offset)
        self.transport.write(
            f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body
        )


async def serve(lifetime: float) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Protocol, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await asyncio.sleep(lifetime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lifetime",
        type=float,
        default=1800.0,
        help="seconds before exiting by itself",
    )
    args = parser.parse_args()
    asyncio.run(serve(args.lifetime))


if __name__ == "__main__":
    main()
