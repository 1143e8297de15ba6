"""Test support shared by the command-line and MCP tests: the spec-validating stand-in's
checks, a loopback WSGI server, a scripted werkzeug app to serve on it, and an environment
without LEAFLINK_* variables."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from tests.connector.validating_server import ValidatingServer


def environment(variables: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without any LEAFLINK_* variable, plus `variables`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEAFLINK_")}
    return {**env, **variables}


def accepted(server: ValidatingServer) -> list[str]:
    """The operations the stand-in received, after checking that it accepted every request."""
    assert server.rejected == [], server.rejected
    assert server.invalid_responses == [], server.invalid_responses
    return [r.operation or r.path for r in server.received]


@contextmanager
def serve_wsgi(app: Any) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 in a thread; yield its base URL (`.../api/v2`)."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/api/v2"
    finally:
        httpd.shutdown()
        thread.join(timeout=5)


class ScriptedApp:
    """A werkzeug app that records every request as "METHOD /path?query" and answers it with
    `_answer`; `base_url` is its address once `serving` serves it."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.base_url = ""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        self.received.append(f"{request.method} {request.full_path.rstrip('?')}")
        return self._answer(request)(environ, start_response)

    def _answer(self, request: Request) -> Response:
        raise NotImplementedError

    def payments_page(
        self, request: Request, count: int, page_size: int, next_url: str | None = None
    ) -> Response:
        """The page of `/order-payments/` (`count` payments in all) that the request's limit
        (`page_size` without one) and offset ask for; its next page is `next_url` if given,
        else the following page while there is one."""
        limit = int(request.args.get("limit", page_size))
        offset = int(request.args.get("offset", 0))
        end = min(offset + limit, count)
        following = f"{self.base_url}/order-payments/?limit={limit}&offset={end}"
        return json_response(
            {
                "count": count,
                "next": next_url or (following if end < count else None),
                "previous": None,
                "results": [{"id": i, "reason": f"payment {i}"} for i in range(offset, end)],
            }
        )


def json_response(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, content_type="application/json")


App = TypeVar("App", bound=ScriptedApp)


@contextmanager
def serving(app: App) -> Iterator[App]:
    """`app` served by `serve_wsgi`, its `base_url` set."""
    with serve_wsgi(app) as base_url:
        app.base_url = base_url
        yield app
