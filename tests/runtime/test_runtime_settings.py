"""LEAFLINK_API_KEY, LEAFLINK_ENVIRONMENT and LEAFLINK_BASE_URL: read when arguments are absent."""

from __future__ import annotations

import pytest
from runtime_support import KEY, THING, DemoAsync, DemoSync, Reply

from _leaflink_runtime._base_client import ENVIRONMENTS
from _leaflink_runtime._settings import resolve_settings

pytestmark = pytest.mark.anyio

VARIABLES = ("LEAFLINK_API_KEY", "LEAFLINK_ENVIRONMENT", "LEAFLINK_BASE_URL")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def make(h, **kwargs):
    """A demo client built as a user builds one: only what ``kwargs`` gives."""
    client = (DemoAsync if h.is_async else DemoSync)(**kwargs)
    h.clients.append(client)
    return client


async def test_a_client_with_no_arguments_reads_the_environment(h, server, monkeypatch):
    monkeypatch.setenv("LEAFLINK_API_KEY", f"  {KEY}\n")
    monkeypatch.setenv("LEAFLINK_BASE_URL", server.url + "/api/v2/")
    server.script(Reply.json(THING))
    client = make(h)
    await h.run(client.get_thing(7))
    assert server.requests[0].headers["authorization"] == f"App {KEY}"
    assert server.requests[0].path == "/api/v2/things/7/"
    assert (client.api_key, client.base_url) == (KEY, server.url + "/api/v2")
    assert client.environment == "production"
    copy = client.copy(max_retries=0)  # a copy keeps what was read
    assert (copy.api_key, copy.base_url) == (KEY, client.base_url)


async def test_arguments_win_over_the_environment(h, server, monkeypatch):
    monkeypatch.setenv("LEAFLINK_API_KEY", "from-the-environment")
    monkeypatch.setenv("LEAFLINK_BASE_URL", "http://127.0.0.1:9/api/v2")
    monkeypatch.setenv("LEAFLINK_ENVIRONMENT", "integrations")
    server.script(Reply.json(THING))
    client = make(h, api_key=KEY, base_url=server.url + "/api/v2")
    await h.run(client.get_thing(7))
    assert server.requests[0].headers["authorization"] == f"App {KEY}"
    assert client.environment == "integrations"
    sandbox = make(h, environment="sandbox")  # an explicit environment beats the URL too
    assert sandbox.base_url == ENVIRONMENTS["sandbox"]
    assert sandbox.api_key == "from-the-environment"


async def test_the_environment_variable_picks_the_environment(h, monkeypatch):
    monkeypatch.setenv("LEAFLINK_API_KEY", KEY)
    monkeypatch.setenv("LEAFLINK_ENVIRONMENT", " sandbox ")
    client = make(h)
    assert (client.environment, client.base_url) == (
        "sandbox",
        ENVIRONMENTS["sandbox"],
    )
    monkeypatch.setenv("LEAFLINK_ENVIRONMENT", "")  # blank is unset
    assert make(h).base_url == ENVIRONMENTS["production"]


@pytest.mark.parametrize("value", [None, "", "   "])
async def test_a_missing_key_names_the_variable(h, monkeypatch, value):
    if value is not None:
        monkeypatch.setenv("LEAFLINK_API_KEY", value)
    with pytest.raises(ValueError) as info:
        make(h)
    assert str(info.value) == (
        "LEAFLINK_API_KEY is not set: create an API key in the LeafLink dashboard "
        "(Settings > Developer Options) and export it"
    )


async def test_bad_values_name_their_source(h, monkeypatch):
    monkeypatch.setenv("LEAFLINK_API_KEY", KEY)
    monkeypatch.setenv("LEAFLINK_ENVIRONMENT", "staging")
    with pytest.raises(ValueError, match=r"'staging' \(from LEAFLINK_ENVIRONMENT\)"):
        make(h)
    with pytest.raises(ValueError, match=r"^unknown environment 'mars'; expected"):
        make(h, environment="mars")
    with pytest.raises(ValueError, match="api_key must be a non-empty string"):
        make(h, api_key="  ")
    monkeypatch.delenv("LEAFLINK_ENVIRONMENT")
    monkeypatch.setenv("LEAFLINK_BASE_URL", "ftp://example.com")
    with pytest.raises(ValueError, match="base_url must be an absolute http"):
        make(h)


def test_resolve_settings_reads_a_given_mapping():
    environ = {"LEAFLINK_API_KEY": "k", "LEAFLINK_BASE_URL": "http://h/api/v2"}
    settings = resolve_settings(None, None, None, environ)
    assert (settings.api_key, settings.environment, settings.base_url) == (
        "k",
        "production",
        "http://h/api/v2",
    )
    assert resolve_settings(None, "sandbox", None, environ).base_url is None
    assert resolve_settings("mine", None, "http://x", environ).api_key == "mine"
