"""A loopback LeafLink of lists for the dlt tests: items by path, paged by limit/offset.

Each list serves its items in order, ``limit``/``offset`` paged with absolute ``next`` links,
and honours ``modified__gte`` (items whose ``modified`` is at or after it) the way LeafLink's
Django filter does. ``fail`` answers a path's page at an offset with an error instead.
Requests are recorded as (path, query) with the query parsed.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

PREFIX = "/api/v2"


class FakeLeafLink:
    def __init__(self) -> None:
        self.lists: dict[str, list[dict[str, Any]]] = {}
        self.fail: dict[tuple[str, int], int] = {}  # (path, offset) -> status
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self  # type: ignore[attr-defined]
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.base_url = self.origin + PREFIX
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()

    def queries(self, path: str) -> list[dict[str, str]]:
        return [query for seen, query in self.requests if seen == path]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, Any]:
        if not path.startswith(PREFIX) or path[len(PREFIX) :] not in self.lists:
            return 404, {"detail": "Not found."}
        local = path[len(PREFIX) :]
        limit, offset = int(query.get("limit", "50")), int(query.get("offset", "0"))
        if (local, offset) in self.fail:
            return self.fail[local, offset], {"detail": "Something went wrong."}
        items = self.lists[local]
        if "modified__gte" in query:
            since = datetime.fromisoformat(query["modified__gte"])
            items = [item for item in items if datetime.fromisoformat(item["modified"]) >= since]
        page = items[offset : offset + limit]
        following = offset + limit
        next_link = None
        if following < len(items):
            next_link = f"{self.origin}{path}?{urlencode({**query, 'offset': following})}"
        return 200, {"count": len(items), "next": next_link, "previous": None, "results": page}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        owner: FakeLeafLink = self.server.owner  # type: ignore[attr-defined]
        target = urlsplit(self.path)
        query = {name: values[-1] for name, values in parse_qs(target.query).items()}
        owner.requests.append((target.path[len(PREFIX) :], query))
        status, payload = owner.answer(target.path, query)
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
