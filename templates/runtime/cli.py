"""The `leaflink` command line: list, describe and run any operation from a shell.

    leaflink operations [--kind call|ddl|raw|local] [--search TEXT]
    leaflink describe OPERATION [--json]
    leaflink run OPERATION [--input JSON | --input @file.json] [--all-pages]
    leaflink ddl OPERATION [--json]
    leaflink webhooks serve [--port 8000] ...
    leaflink mcp [--allow-writes] [--operations KEY,...]

Every command is driven by the catalogue (`leaflink.OPERATIONS`), so every operation is
covered with no per-operation code; OPERATION is a key (`list_payments`) or a name
(`"List payments"`). `run` and `ddl` connect as `LeafLink()` does (`_settings`): the API key
from LEAFLINK_API_KEY, the environment from --environment, else LEAFLINK_ENVIRONMENT (default
production), and a base URL overriding it from --base-url, else LEAFLINK_BASE_URL (unless
--environment is given). Results are printed as JSON on stdout; errors as one line on stderr.
`webhooks` hands its arguments to `leaflink.webhooks` (a local webhook receiver). `mcp` serves
the operations as tools of a Model Context Protocol server over stdio (`leaflink.mcp_server`,
the `leaflink[mcp]` extra; imported only when this command runs).

Exit codes: 0 success; 2 usage or input error (unknown operation, bad JSON, input refused
by the operation's schema, missing API key); 3 LeafLink answered with an error status or
an unexpected body; 4 no answer from LeafLink (connection failure or timeout); 141 the
reader of stdout went away (`leaflink operations | head`).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO, TypeVar

from ._catalogue import OPERATIONS, Operation, to_json
from ._client import AsyncLeafLink, LeafLink
from ._exceptions import (
    APIConnectionError,
    APIError,
    InputValidationError,
    mask_secret,
)
from ._pagination import SyncPage
from ._settings import (
    BASE_URL_VARIABLE,
    ENVIRONMENT_VARIABLE,
    api_key_from_environment,
)
from .webhooks import main as webhooks_main

_Client = TypeVar("_Client", LeafLink, AsyncLeafLink)

__all__ = [
    "EXIT_API",
    "EXIT_BROKEN_PIPE",
    "EXIT_CONNECTION",
    "EXIT_OK",
    "EXIT_USAGE",
    "main",
]

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_API = 3
EXIT_CONNECTION = 4
EXIT_BROKEN_PIPE = 141  # as a shell reports a command killed by SIGPIPE

_EPILOG = (
    "exit codes: 0 success; 2 usage or input error; 3 LeafLink answered with an "
    "error; 4 no answer from LeafLink (connection failure or timeout)"
)


class UsageError(Exception):
    """A command that cannot run as given: reported on one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: `sys.argv[1:]`); return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["webhooks"]:
        # leaflink.webhooks parses its own arguments: `leaflink webhooks serve --help`
        return webhooks_main(arguments[1:])
    args = _parser().parse_args(arguments)
    secret = api_key_from_environment()
    warnings = _WarningLines()
    logging.getLogger("leaflink").addHandler(warnings)
    try:
        command: Callable[[argparse.Namespace], int] = args.command
        status = command(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away, as in `leaflink operations | head`: no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except (UsageError, InputValidationError) as error:
        return _fail(str(error), EXIT_USAGE, secret)
    except APIConnectionError as error:
        return _fail(str(error), EXIT_CONNECTION, secret)
    except APIError as error:
        return _fail(str(error), EXIT_API, secret)
    finally:
        logging.getLogger("leaflink").removeHandler(warnings)
    return status


class _WarningLines(logging.Handler):
    """The client's warnings (such as a field of an answer kept as sent, not of its declared
    type) as ``leaflink: warning: ...`` lines on stderr."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        print(f"leaflink: warning: {record.getMessage()}", file=sys.stderr)


def _fail(message: str, code: int, secret: str | None) -> int:
    line = mask_secret(" ".join(message.split()), secret)
    print(f"leaflink: error: {line}", file=sys.stderr)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leaflink",
        description="Explore and call the LeafLink Marketplace V2 API.",
        epilog=_EPILOG,
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    connection = argparse.ArgumentParser(add_help=False)
    connection.add_argument(
        "--base-url",
        help=f"API base URL, overriding the environment (env: {BASE_URL_VARIABLE})",
    )
    connection.add_argument(
        "--environment",
        help="production, sandbox or integrations "
        f"(env: {ENVIRONMENT_VARIABLE}; default: production)",
    )
    connection.add_argument(
        "--max-retries", type=int, default=2, help="retries of a failed request"
    )
    connection.add_argument(
        "--strict",
        action="store_true",
        help="fail on an answer that does not match the spec (default: keep it as sent, "
        "warn on stderr)",
    )

    listing = commands.add_parser("operations", help="list the operations")
    listing.add_argument("--kind", choices=["call", "ddl", "raw", "local"])
    listing.add_argument("--search", metavar="TEXT", help="keep those mentioning TEXT")
    listing.set_defaults(command=_operations)

    describe = commands.add_parser("describe", help="show one operation's inputs")
    describe.add_argument("operation", metavar="OPERATION")
    describe.add_argument("--json", action="store_true", help="the catalogue entry")
    describe.set_defaults(command=_describe)

    run = commands.add_parser("run", parents=[connection], help="run an operation", epilog=_EPILOG)
    run.add_argument("operation", metavar="OPERATION")
    run.add_argument(
        "--input",
        default="{}",
        metavar="JSON",
        help="the input as a JSON object, or @file.json, or @- for stdin",
    )
    run.add_argument("--all-pages", action="store_true", help="fetch every page of a list")
    run.set_defaults(command=_run)

    ddl = commands.add_parser(
        "ddl", parents=[connection], help="show drop-down options", epilog=_EPILOG
    )
    ddl.add_argument("operation", metavar="OPERATION")
    ddl.add_argument("--json", action="store_true", help="print JSON, not a table")
    ddl.set_defaults(command=_ddl)

    mcp = commands.add_parser(
        "mcp",
        parents=[connection],
        help="serve the operations as MCP tools over stdio (read-only by default)",
        epilog=_EPILOG,
    )
    mcp.add_argument(
        "--allow-writes",
        action="store_true",
        help="also serve the operations that change data (create, update, delete, ...)",
    )
    mcp.add_argument(
        "--operations",
        metavar="KEY,...",
        help="serve only these operations (keys or names, comma-separated)",
    )
    mcp.set_defaults(command=_mcp)

    commands.add_parser(
        "webhooks",
        add_help=False,
        help="receive webhooks locally: `leaflink webhooks serve --port 8000`",
    )
    return parser


# -- commands --------------------------------------------------------------------------


def _operations(args: argparse.Namespace) -> int:
    needle = (args.search or "").casefold()
    rows = [
        (record.name, record.key, *_binding(record))
        for record in OPERATIONS.values()
        if args.kind in (None, record.kind) and needle in _searchable(record).casefold()
    ]
    rows.sort()
    _print_table(("NAME", "KEY", "METHOD", "PATH"), rows)
    return EXIT_OK


def _describe(args: argparse.Namespace) -> int:
    record = _find(args.operation)
    if args.json:
        _print_json(
            {
                "key": record.key,
                "name": record.name,
                "description": record.description,
                "kind": record.kind,
                "method": record.method,
                "path": record.path,
                "input_schema": record.input_schema,
                "output_schema": record.output_schema,
                "pagination": record.pagination,
                "ddl": record.ddl,
            }
        )
        return EXIT_OK
    print(f"{record.name} ({record.key}, {record.kind})")
    print(record.description)
    print(f"\nRequest:  {_request_line(record)}")
    print(f"Output:   {_output(record)}\n")
    rows = _input_rows(record.input_schema, record.definitions)
    if rows:
        print("Inputs:")
        _print_table(("  NAME", "TYPE", "REQUIRED", "DESCRIPTION"), rows)
    else:
        print("Inputs:   none")
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    record = _find(args.operation)
    arguments = _read_input(args.input)
    if args.all_pages and record.pagination is None:
        raise UsageError(f"--all-pages: {record.key!r} is not a paginated list")
    with _client(args, LeafLink) as client:
        if args.all_pages:
            result: object = _all_pages(client, record, arguments, sys.stderr)
        else:
            result = _call(lambda: client.run(record.key, arguments))
    _print_json(result)
    return EXIT_OK


def _ddl(args: argparse.Namespace) -> int:
    record = _find(args.operation)
    if record.kind != "ddl":
        raise UsageError(
            f"{record.key!r} is not a drop-down (kind {record.kind}); use `leaflink run`"
        )
    with _client(args, LeafLink) as client:
        options = _call(lambda: client.run(record.key))
    if args.json:
        _print_json(options)
    else:
        rows = [(_cell(option["value"]), _cell(option["text"])) for option in options]
        _print_table(("VALUE", "TEXT"), rows)
    return EXIT_OK


def _mcp(args: argparse.Namespace) -> int:
    try:
        from . import mcp_server
    except ImportError as error:
        raise UsageError(
            f"`leaflink mcp` needs the MCP SDK ({error}): pip install 'leaflink[mcp]'"
        ) from None
    names = args.operations.split(",") if args.operations is not None else None
    try:
        operations = mcp_server.select_operations(args.allow_writes, names)
    except KeyError as error:
        raise UsageError(f"--operations: {error.args[0]} (see `leaflink operations`)") from None
    except ValueError as error:
        raise UsageError(f"--operations: {error}") from None
    client = _client(args, AsyncLeafLink)
    mcp_server.serve(client, operations, api_key_from_environment())
    return EXIT_OK


# -- running ----------------------------------------------------------------------------


def _find(operation: str) -> Operation:
    try:
        return OPERATIONS.find(operation)
    except KeyError as error:
        raise UsageError(f"{error.args[0]} (see `leaflink operations`)") from None


def _read_input(text: str) -> dict[str, Any]:
    source = "--input"
    if text.startswith("@"):
        source = text[1:]
        try:
            if source == "-":
                text = sys.stdin.read()
            else:
                with open(source, encoding="utf-8") as file:
                    text = file.read()
        except OSError as error:
            raise UsageError(f"cannot read {source}: {error.strerror}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise UsageError(f"{source} is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{source} must be a JSON object, not {type(data).__name__}")
    return data


def _client(args: argparse.Namespace, kind: type[_Client]) -> _Client:
    """The client of `run`, `ddl` and `mcp`: what is not given on the command line is read
    from the environment by the client itself, as a script's `LeafLink()` reads it."""
    try:
        return kind(
            environment=args.environment,
            base_url=args.base_url,
            max_retries=args.max_retries,
            strict_responses=args.strict,
        )
    except ValueError as error:
        raise UsageError(str(error)) from None


def _call(operation: Callable[[], Any]) -> Any:
    """Run `operation`; a ValueError (say, an empty path parameter) is an input error."""
    try:
        return operation()
    except ValueError as error:
        raise UsageError(str(error)) from None


def _all_pages(
    client: LeafLink, record: Operation, arguments: Mapping[str, Any], stderr: TextIO
) -> dict[str, Any]:
    """Every item of a list, page by page, with progress on stderr when it is a terminal."""
    checked = record.check_input(arguments)
    first: SyncPage[Any] = _call(lambda: getattr(client, record.key)(**checked))
    show = stderr.isatty()
    items: list[object] = []
    for page in first.iter_pages():
        items.extend(to_json(item) for item in page.results)
        if show:
            stderr.write(f"\rleaflink: fetched {len(items)} of {first.count} items")
            stderr.flush()
    if show:
        stderr.write("\n")
    return {"count": len(items), "results": items}


# -- describing ------------------------------------------------------------------------


def _binding(record: Operation) -> tuple[str, str]:
    """(method, path) of the HTTP request an operation sends; "-" when it sends none."""
    if record.method and record.path:
        return record.method, record.path
    ddl = record.ddl or {}
    if ddl.get("source") == "endpoint":
        return str(ddl["method"]), str(ddl["path"])
    return "-", "-"


def _request_line(record: Operation) -> str:
    if record.kind == "raw":
        return "any method and endpoint, given in the input"
    method, path = _binding(record)
    return "none (served without an HTTP call)" if path == "-" else f"{method} {path}"


def _searchable(record: Operation) -> str:
    return " ".join([record.name, record.key, record.description, *_binding(record)])


def _output(record: Operation) -> str:
    if record.pagination is not None:
        return f"a page of {record.pagination['item']} (run --all-pages for every item)"
    ddl = record.ddl or {}
    if ddl.get("source") == "endpoint":
        text = " ".join(ddl["text"])
        return f"drop-down options {{text, value}}: text {text}, value {ddl['value']}"
    if ddl:
        return "drop-down options {text, value}, from the spec (no HTTP call)"
    if not record.output_schema:
        return "any JSON"
    details = _details(record.output_schema)
    return _type_name(record.output_schema) + (f" ({details})" if details else "")


def _input_rows(
    schema: Mapping[str, Any], definitions: Mapping[str, Any], prefix: str = "  "
) -> list[tuple[str, ...]]:
    """One row per input; a model's own fields follow it, named `body.field`."""
    required = set(schema.get("required", []))
    rows: list[tuple[str, ...]] = []
    for name, field in schema.get("properties", {}).items():
        if field.get("readOnly"):
            continue
        needed = "required" if name in required else "optional"
        rows.append((prefix + name, _type_name(field), needed, _details(field)))
        model = definitions.get(_ref_name(field) or "", {})
        if prefix == "  " and "properties" in model:
            rows += _input_rows(model, definitions, f"  {name}.")
    return rows


def _type_name(schema: Mapping[str, Any]) -> str:
    """A schema as a short type: `OrderResponse`, `string (date) | null`, `array of X`."""
    ref = _ref_name(schema)
    if ref:
        return ref
    for combiner in ("anyOf", "oneOf", "allOf"):
        if combiner in schema:
            return " | ".join(_type_name(part) for part in schema[combiner])
    kinds = schema.get("type") or ("enum" if "enum" in schema else "any")
    names = []
    for kind in [kinds] if isinstance(kinds, str) else kinds:
        if kind == "array":
            names.append(f"array of {_type_name(schema.get('items', {}))}")
        elif kind != "null" and "format" in schema:
            names.append(f"{kind} ({schema['format']})")
        else:
            names.append(str(kind))
    return " | ".join(names)


def _ref_name(schema: Mapping[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return str(ref).rsplit("/", 1)[-1] if ref else None


def _details(schema: Mapping[str, Any]) -> str:
    """The description, then the allowed values and the default, if any."""
    parts = [str(schema.get("description", ""))]
    branches = [schema, *schema.get("anyOf", [])]  # a list filter: a list, or one item
    values = next(
        (
            branch.get("enum") or branch.get("items", {}).get("enum")
            for branch in branches
            if branch.get("enum") or branch.get("items", {}).get("enum")
        ),
        None,
    )
    if values:
        parts.append("One of: " + ", ".join(json.dumps(v) for v in values) + ".")
    if "default" in schema:
        parts.append(f"Default: {json.dumps(schema['default'])}.")
    return " ".join(part for part in parts if part)


# -- printing ---------------------------------------------------------------------------


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Left-aligned columns, two spaces apart; the last column is not padded."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths)]
        print("  ".join([*cells, row[-1]]).rstrip())


def _cell(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


if __name__ == "__main__":
    sys.exit(main())
