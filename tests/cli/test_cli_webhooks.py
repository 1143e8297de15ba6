"""`leaflink webhooks ...` hands its arguments, unchanged, to `leaflink.webhooks`."""

from __future__ import annotations

from .conftest import Cli


def test_webhooks_delegates_to_the_webhooks_module(cli: Cli) -> None:
    help_text = cli("webhooks", "serve", "--help")
    assert help_text.code == 0
    assert help_text.stdout.startswith("usage: python -m leaflink.webhooks serve")
    assert "--max-body-bytes" in help_text.stdout
    no_key = cli("webhooks", "serve", "--port", "0")
    assert no_key.code == 2
    assert "LEAFLINK_WEBHOOK_KEY" in no_key.stderr


def test_the_command_list_offers_webhooks(cli: Cli) -> None:
    listing = cli("--help")
    assert listing.code == 0
    assert (
        "webhooks  receive webhooks locally: `leaflink webhooks serve --port 8000`"
        in listing.stdout
    )
