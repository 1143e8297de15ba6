"""Every failure is one line on stderr and a documented exit code; the API key never shows.

Exit codes: 2 usage or input error, 3 LeafLink answered with an error, 4 no answer.
"""

from __future__ import annotations

import socket
import subprocess

from tests.connector.validating_server import ValidatingServer

from .conftest import CLI, KEY, Call, Cli, Scripted, accepted, environment, run_cli

WRONG_KEY = "sk-wrong-SECRET-91c2"


def closed_port_url() -> str:
    """A base URL on which nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v2"


def test_usage_and_input_errors_exit_2_before_any_request(
    cli: Cli, validating: ValidatingServer
) -> None:
    env = {"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": validating.base_url}
    cases = {
        (
            "run",
            "lsit_payments",
        ): "no operation 'lsit_payments'; did you mean 'list_payments'? (see `leaflink operations`)",
        (
            "describe",
            "List paymnts",
        ): "no operation 'List paymnts'; did you mean 'List payments'? (see `leaflink operations`)",
        (
            "run",
            "list_payments",
            "--input",
            '{"limit": 5',
        ): "--input is not valid JSON: Expecting ',' delimiter: line 1 column 12 (char 11)",
        (
            "run",
            "list_payments",
            "--input",
            "[5]",
        ): "--input must be a JSON object, not list",
        (
            "run",
            "list_payments",
            "--input",
            '{"limit": "ten"}',
        ): "invalid input for 'list_payments' at 'limit': Input should be a valid integer",
        (
            "run",
            "create_contact",
            "--input",
            '{"body": {"owner": 1}}',
        ): "invalid input for 'create_contact' at 'body.first_name': a required field is missing",
        (
            "run",
            "list_payments",
            "--input",
            "@/no/such/file.json",
        ): "cannot read /no/such/file.json: No such file or directory",
        (
            "run",
            "list_payments",
            "--environment",
            "mars",
        ): "unknown environment 'mars'; expected one of: production, sandbox, integrations",
        (
            "run",
            "transition_order",
            "--input",
            '{"number": "", "action": "accept"}',
        ): "transition_order: path parameter 'number' is empty",
        (
            "run",
            "get_payment",
            "--all-pages",
            "--input",
            '{"id": 1}',
        ): "--all-pages: 'get_payment' is not a paginated list",
        (
            "ddl",
            "list_payments",
        ): "'list_payments' is not a drop-down (kind call); use `leaflink run`",
    }
    for args, message in cases.items():
        result = cli(*args, env=env)
        assert (result.code, result.error_line()) == (
            2,
            f"leaflink: error: {message}",
        ), args
    missing_key = cli("ddl", "list_brands_ddl", env={"LEAFLINK_BASE_URL": validating.base_url})
    assert (missing_key.code, missing_key.error_line()) == (
        2,
        "leaflink: error: LEAFLINK_API_KEY is not set: create an API key in the LeafLink dashboard "
        "(Settings > Developer Options) and export it",
    )
    assert accepted(validating) == []


def test_argparse_usage_errors_exit_2(cli: Cli) -> None:
    no_command, bad_kind = cli(), cli("operations", "--kind", "webhook")
    assert no_command.code == bad_kind.code == 2
    assert "the following arguments are required: COMMAND" in no_command.stderr
    assert "argument --kind: invalid choice: 'webhook'" in bad_kind.stderr


def test_http_errors_exit_3_with_status_and_message_but_never_the_key(
    cli: Cli, validating: ValidatingServer, scripted: Scripted
) -> None:
    env = {"LEAFLINK_API_KEY": KEY, "LEAFLINK_BASE_URL": scripted.base_url}
    not_found = cli("run", "get_payment", "--input", '{"id": 404}', env=env)
    assert (not_found.code, not_found.error_line()) == (
        3,
        f"leaflink: error: get_payment: GET {scripted.base_url}/order-payments/404/ returned 404 NOT FOUND: Not found.",
    )
    raw = '{"method": "GET", "endpoint": "/no-such-path/"}'
    rejected = cli(
        "run",
        "raw_request",
        "--input",
        raw,
        env={**env, "LEAFLINK_BASE_URL": validating.base_url},
    )
    assert rejected.code == 3
    assert rejected.error_line().startswith(
        f"leaflink: error: raw_request: GET {validating.base_url}/no-such-path/ returned 400 BAD REQUEST: rejected by the spec"
    )


def test_as_a_process_errors_exit_with_their_code_and_never_show_the_key(
    scripted: Scripted,
) -> None:
    base_url = closed_port_url()
    unauthorized, no_answer, unknown = run_cli(
        Call(
            ["ddl", "list_brands_ddl"],
            {"LEAFLINK_API_KEY": WRONG_KEY, "LEAFLINK_BASE_URL": scripted.base_url},
        ),
        Call(
            ["run", "list_payments", "--base-url", base_url, "--max-retries", "0"],
            {"LEAFLINK_API_KEY": KEY},
        ),
        Call(["run", "no_such_operation"], {"LEAFLINK_API_KEY": KEY}),
    )
    # the scripted server's 401 echoes the key it was sent; the command line masks it
    assert (unauthorized.code, unauthorized.error_line()) == (
        3,
        f"leaflink: error: list_brands_ddl: GET {scripted.base_url}/brands/?limit=100 returned 401 UNAUTHORIZED: "
        "Invalid token in 'App ***'.",
    )
    assert no_answer.code == 4
    assert no_answer.error_line().startswith(
        f"leaflink: error: list_payments: GET {base_url}/order-payments/ failed to get an answer (ConnectError:"
    )
    assert unknown.code == 2 and "no operation 'no_such_operation'" in unknown.error_line()
    for result in (unauthorized, no_answer, unknown):
        assert (
            KEY not in result.stdout + result.stderr
            and WRONG_KEY not in result.stdout + result.stderr
        )


def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    process = subprocess.Popen(
        [*CLI, "operations"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment({}),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `leaflink operations | head -1` does, before any output
    stderr = process.stderr.read()
    assert (process.wait(timeout=60), stderr) == (141, b"")
