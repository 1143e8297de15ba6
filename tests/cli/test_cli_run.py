"""`leaflink run` and `leaflink ddl`: JSON in, JSON (or a table) out, over real HTTP."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path

import pytest

import leaflink._tolerant

from tests.connector.validating_server import ValidatingServer

from .conftest import (
    CLI,
    DRIFTED_PAYMENT,
    KEY,
    PAYMENTS,
    Call,
    Cli,
    Scripted,
    accepted,
    environment,
    run_cli,
)

CONTACT = {"owner": 12, "first_name": "Ada", "last_name": "Lovelace"}
ALL_PAYMENTS = {
    "count": PAYMENTS,
    "results": [{"id": i, "reason": f"payment {i}"} for i in range(PAYMENTS)],
}


def test_run_sends_the_json_input_and_prints_the_json_result(
    cli: Cli, validating: ValidatingServer
) -> None:
    env = {"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": validating.base_url}
    page = cli("run", "List payments", "--input", '{"limit": 5, "offset": 10}', env=env)
    created = cli("run", "create_contact", "--input", json.dumps({"body": CONTACT}), env=env)
    raw = cli(
        "run",
        "raw_request",
        "--input",
        '{"method": "GET", "endpoint": "/brands/3/"}',
        env=env,
    )
    statuses = cli("run", "list_order_statuses", env=env)
    assert all((r.code, r.stderr) == (0, "") for r in (page, created, raw, statuses))
    assert set(page.json()) == {"count", "next", "previous", "results"}
    assert page.json()["results"][0]["total"] == {"amount": "12.50", "currency": "text"}
    assert created.json()["first_name"] == "text"  # the stand-in's synthesised answer
    assert raw.json()["id"] == 1
    assert statuses.json()[:2] == ["Draft", "Submitted"]
    assert accepted(validating) == [
        "GET /order-payments/",
        "POST /contacts/",
        "GET /brands/{id}/",
    ]
    page_request, contact_request, _ = validating.received
    assert page_request.query == "limit=5&offset=10"
    assert json.loads(contact_request.body) == CONTACT
    assert all(r.headers["Authorization"] == f"App {KEY}" for r in validating.received)


def test_the_base_url_option_overrides_the_environment_variable(
    cli: Cli, validating: ValidatingServer
) -> None:
    env = {"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": "http://127.0.0.1:9/api/v2"}
    result = cli(
        "run",
        "get_payment",
        "--input",
        '{"id": 7}',
        "--base-url",
        validating.base_url,
        env=env,
    )
    assert (result.code, result.json()["id"]) == (0, 1)
    assert accepted(validating) == ["GET /order-payments/{id}/"]


def test_all_pages_collects_every_page(cli: Cli, scripted: Scripted) -> None:
    scripted.received.clear()
    result = cli(
        "run",
        "list_payments",
        "--all-pages",
        env={"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": scripted.base_url},
    )
    assert (result.code, result.stderr) == (
        0,
        "",
    )  # no progress: stderr is not a terminal
    assert result.json() == ALL_PAYMENTS
    assert scripted.received == [
        "GET /api/v2/order-payments/",
        "GET /api/v2/order-payments/?limit=2&offset=2",
        "GET /api/v2/order-payments/?limit=2&offset=4",
    ]


def test_all_pages_stops_at_a_page_linking_to_itself(cli: Cli, scripted: Scripted) -> None:
    scripted.received.clear()
    result = cli(
        "run",
        "list_payments",
        "--all-pages",
        "--input",
        '{"limit": 3}',
        env={"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": scripted.base_url},
    )
    assert result.code == 3
    assert result.error_line().startswith(
        "leaflink: error: list_payments: the page at offset 3 gives as its next page offset 3"
    )
    assert scripted.received == [
        "GET /api/v2/order-payments/?limit=3",
        "GET /api/v2/order-payments/?limit=3&offset=3",
    ]


def test_ddl_prints_options_as_a_table_or_json(cli: Cli, validating: ValidatingServer) -> None:
    env = {"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": validating.base_url}
    brands_table = cli("ddl", "List brands DDL", env=env)
    brands_json = cli("ddl", "list_brands_ddl", "--json", env=env)
    strains = cli("ddl", "list_strain_classifications_ddl", env=env)
    assert (brands_table.code, brands_table.stderr) == (0, "")
    assert brands_table.stdout == "VALUE  TEXT\n1      text\n"
    assert brands_json.json() == [{"text": "text", "value": 1}]
    assert strains.stdout.splitlines()[:3] == [
        "VALUE          TEXT",
        "sativa         Sativa",
        "indica         Indica",
    ]
    assert "11-cbd         1:1 CBD" in strains.stdout
    assert accepted(validating) == [
        "GET /brands/",
        "GET /brands/",
    ]  # strains: from the spec


def test_run_as_a_process_reads_input_from_a_file_or_stdin(
    validating: ValidatingServer, tmp_path: Path
) -> None:
    contact_file = tmp_path / "contact.json"
    contact_file.write_text(json.dumps({"body": CONTACT}), encoding="utf-8")
    env = {"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": validating.base_url}
    from_file, from_stdin = run_cli(
        Call(["run", "create_contact", "--input", f"@{contact_file}"], env),
        Call(["run", "get_payment", "--input", "@-"], env, stdin='{"id": 42}'),
    )
    assert (from_file.code, from_file.stderr, from_file.json()["owner"]) == (0, "", 1)
    assert (from_stdin.code, from_stdin.stderr, from_stdin.json()["id"]) == (0, "", 1)
    assert sorted(accepted(validating)) == [
        "GET /order-payments/{id}/",
        "POST /contacts/",
    ]
    by_path = {r.path: r for r in validating.received}
    assert json.loads(by_path["/api/v2/contacts/"].body) == CONTACT
    assert "/api/v2/order-payments/42/" in by_path


def test_all_pages_shows_progress_when_stderr_is_a_terminal(scripted: Scripted) -> None:
    env = environment({"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": scripted.base_url})
    terminal, stderr = pty.openpty()
    process = subprocess.Popen(
        [*CLI, "run", "list_payments", "--all-pages"],
        stdout=subprocess.PIPE,
        stderr=stderr,
        env=env,
    )
    os.close(stderr)
    stdout, _ = process.communicate(timeout=60)
    progress = _read_all(terminal)
    assert process.returncode == 0
    assert json.loads(stdout) == ALL_PAYMENTS
    assert progress == (
        "\rleaflink: fetched 2 of 5 items"
        "\rleaflink: fetched 4 of 5 items"
        "\rleaflink: fetched 5 of 5 items\r\n"  # the terminal turns "\n" into "\r\n"
    )


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: every writer has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode()


def test_run_prints_a_drifted_answer_as_sent_and_strict_refuses_it(
    cli: Cli, scripted: Scripted, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(leaflink._tolerant, "_LOGGED", set())  # warned once per process
    env = {"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": scripted.base_url}
    kept = cli("run", "get_payment", "--input", '{"id": 99}', env=env)
    strict = cli("run", "get_payment", "--input", '{"id": 99}', "--strict", env=env)
    assert kept.code == 0
    assert kept.stderr == (
        "leaflink: warning: get_payment: field 'reason': expected str | None, "
        "received integer; kept as sent (see leaflink.response_mismatches)\n"
    )
    assert json.dumps(kept.json(), sort_keys=True) == json.dumps(
        json.loads(DRIFTED_PAYMENT), sort_keys=True
    )
    assert '"amount": 594,' in kept.stdout and '"payment_date": "2026-01-02"' in kept.stdout
    assert strict.code == 3
    assert "get_payment" in strict.error_line() and "'reason'" in strict.error_line()
