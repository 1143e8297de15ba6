from __future__ import annotations

from collections.abc import Iterator

import pytest

from . import validating_server


@pytest.fixture(scope="module")
def leaflink_server() -> Iterator[validating_server.ValidatingServer]:
    running = validating_server.start()
    try:
        yield running.server
    finally:
        running.stop()


@pytest.fixture()
def server(
    leaflink_server: validating_server.ValidatingServer,
) -> validating_server.ValidatingServer:
    leaflink_server.reset()
    return leaflink_server
