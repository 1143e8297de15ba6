"""Runtime tests: load templates/runtime as the package ``_leaflink_runtime``; shared fixtures.

The runtime modules only use relative imports among themselves, so registering the directory
as a package is enough to test the very files the generator copies into ``leaflink``.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

RUNTIME_DIR = Path(__file__).resolve().parents[2] / "templates" / "runtime"
PACKAGE = "_leaflink_runtime"


def _load_runtime_package() -> None:
    if PACKAGE in sys.modules:
        return
    spec = importlib.machinery.ModuleSpec(PACKAGE, None, is_package=True)
    spec.submodule_search_locations = [str(RUNTIME_DIR)]
    sys.modules[PACKAGE] = importlib.util.module_from_spec(spec)


_load_runtime_package()

from runtime_support import Harness, LoopbackServer  # noqa: E402


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def _servers() -> Iterator[tuple[LoopbackServer, LoopbackServer]]:
    servers = LoopbackServer(), LoopbackServer()
    yield servers
    for server in servers:
        server.close()


@pytest.fixture
def server(_servers: tuple[LoopbackServer, LoopbackServer]) -> LoopbackServer:
    """The API server, reset for this test."""
    _servers[0].reset()
    return _servers[0]


@pytest.fixture
def other_server(_servers: tuple[LoopbackServer, LoopbackServer]) -> LoopbackServer:
    """Another origin (a different port), e.g. a redirect target."""
    _servers[1].reset()
    return _servers[1]


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def h(kind: str, server: LoopbackServer, anyio_backend: str) -> AsyncIterator[Harness]:
    """The behavioural harness, once for the sync and once for the async client."""
    harness = Harness(kind, server)
    yield harness
    await harness.aclose()
