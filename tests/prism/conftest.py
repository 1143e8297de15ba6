"""One Prism process per mode for the module, started on first use: see `prism_server.py`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .prism_server import Mode, PrismMock, start_prism, stop_prism


@pytest.fixture(scope="module")
def prism_static(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismMock]:
    mock = start_prism("static", tmp_path_factory.mktemp("prism"))
    try:
        yield mock
    finally:
        stop_prism(mock.process)


@pytest.fixture(scope="module")
def prism_dynamic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismMock]:
    mock = start_prism("dynamic", tmp_path_factory.mktemp("prism"))
    try:
        yield mock
    finally:
        stop_prism(mock.process)


@pytest.fixture()
def prism(request: pytest.FixtureRequest) -> PrismMock:
    """The running mock of the mode the test is parametrised with (`mode`)."""
    mode: Mode = request.node.callspec.params["mode"]
    return request.getfixturevalue(f"prism_{mode}")
