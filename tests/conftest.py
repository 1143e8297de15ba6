from collections.abc import Iterator

import pytest

from tests.connector import validating_server
from tests.connector.validating_server import ValidatingServer


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def _validating() -> Iterator[ValidatingServer]:
    running = validating_server.start()
    yield running.server
    running.stop()


@pytest.fixture()
def validating(_validating: ValidatingServer) -> ValidatingServer:
    """The spec-validating stand-in, with its records cleared for this test."""
    for records in (_validating.received, _validating.rejected, _validating.invalid_responses):
        records.clear()
    return _validating
