"""Test support shared by the command-line and MCP tests: the spec-validating stand-in's
checks, a loopback WSGI server, and an environment without LEAFLINK_* variables."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from werkzeug.serving import make_server

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
