"""`leaflink mcp`: the catalogue's operations as tools of a Model Context Protocol server.

Built on the official `mcp` SDK (the `leaflink[mcp]` extra), served over stdio, one tool per
operation of `OPERATIONS`:

- the tool's name is the operation's key (`get_brand`), its title the operation's name, its
  description the name, the description, and the request it sends (`GET /brands/{id}/`);
- its input schema is the operation's input JSON Schema made self-contained (the
  `#/$defs/...` it refers to, transitively, copied in), always ``type: object``; a list
  operation also takes ``all_pages`` and ``max_items`` (below);
- a result is LeafLink's JSON exactly, as text, and as structured content (an answer that is
  not an object, such as a drop-down's options, as ``{"result": ...}``).

Read-only by default: GET operations, drop-downs and local lists. ``allow_writes`` adds the
operations that change data (create, update, delete, archive, transition, upload) and the
raw request, whose method is chosen by its input. ``operations`` restricts the set; a tool
not served cannot be called either.

Every failure of a call is a tool error (``isError``) carrying the message a script would
get: an input refused before any request (the field named), LeafLink's error status and
body, no answer (connection, timeout). The server never stops on a bad call.

A list tool returns one page (`count`, `next`, `previous`, `results`) unless called with
``all_pages: true``, which walks the pages until ``max_items`` items (default
`DEFAULT_MAX_ITEMS`, at most `MAX_ITEMS_LIMIT`) and returns ``{"count": LeafLink's total,
"returned", "truncated", "results"}``: an agent cannot pull 100,000 rows by accident.

The client is an `AsyncLeafLink` configured as everywhere else (`_settings`): the key from
``LEAFLINK_API_KEY``, never in a description, a result or a log line (messages and log
records are masked with `mask_secret`). Log lines go to stderr, never to stdout, which is the
protocol's.

This module is the only one that imports `mcp`; nothing imports it unless `leaflink mcp`
runs, so `import leaflink` works, and costs the same, without the extra.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import anyio
from mcp import types
from mcp.server import Server, ServerRequestContext
from mcp.server.stdio import stdio_server

from ._catalogue import OPERATIONS, Operation, to_json
from ._client import AsyncLeafLink
from ._exceptions import (
    APIConnectionError,
    APIError,
    InputValidationError,
    mask_secret,
)
from ._pagination import AsyncPage

__all__ = [
    "DEFAULT_MAX_ITEMS",
    "MAX_ITEMS_LIMIT",
    "SERVER_NAME",
    "build_server",
    "call_tool",
    "input_schema",
    "is_read_only",
    "select_operations",
    "serve",
    "tool_for",
]

SERVER_NAME = "leaflink"
DEFAULT_MAX_ITEMS = 500
"""Items an ``all_pages`` call returns when it gives no ``max_items``."""
MAX_ITEMS_LIMIT = 5000
"""The most items one ``all_pages`` call may ask for."""
_PAGING_INPUTS = ("all_pages", "max_items")
_READ_METHODS = frozenset({"GET"})

logger = logging.getLogger("leaflink.mcp")


# -- which operations ----------------------------------------------------------------


def is_read_only(record: Operation) -> bool:
    """True for an operation that changes nothing: a GET, a drop-down or a local list.

    The raw request is not: its input chooses the method.
    """
    if record.kind in ("ddl", "local"):
        return True
    return record.kind == "call" and (record.method or "").upper() in _READ_METHODS


def select_operations(
    allow_writes: bool = False, operations: Iterable[str] | None = None
) -> list[Operation]:
    """The operations served as tools, in catalogue order.

    ``operations`` (keys or names) restricts the set; naming an unknown operation raises
    KeyError, naming one that writes without ``allow_writes`` raises ValueError.
    """
    if operations is None:
        chosen = list(OPERATIONS.values())
    else:
        wanted = {OPERATIONS.find(name.strip()).key for name in operations if name.strip()}
        if not wanted:
            raise ValueError("--operations names no operation")
        refused = sorted(
            key for key in wanted if not allow_writes and not is_read_only(OPERATIONS[key])
        )
        if refused:
            raise ValueError(
                f"{', '.join(refused)} change{'s' if len(refused) == 1 else ''} data: "
                "add --allow-writes to serve them"
            )
        chosen = [record for record in OPERATIONS.values() if record.key in wanted]
    return [record for record in chosen if allow_writes or is_read_only(record)]


# -- tools -------------------------------------------------------------------------------


def tool_for(record: Operation) -> types.Tool:
    """The MCP tool of an operation (see the module's docstring)."""
    read_only = is_read_only(record)
    return types.Tool(
        name=record.key,
        title=record.name,
        description=_description(record),
        input_schema=input_schema(record),
        annotations=types.ToolAnnotations(
            title=record.name,
            read_only_hint=read_only,
            destructive_hint=None if read_only else record.method == "DELETE",
            open_world_hint=record.kind != "local",
        ),
    )


def input_schema(record: Operation) -> dict[str, Any]:
    """The operation's input schema with the definitions it uses; ``type: object``."""
    schema: dict[str, Any] = json.loads(json.dumps(record.input_schema))
    schema["type"] = "object"
    schema.setdefault("properties", {})
    if record.pagination is not None:
        schema["properties"]["all_pages"] = {
            "type": "boolean",
            "default": False,
            "description": "Fetch the following pages too, up to max_items items "
            "(default: this page only).",
        }
        schema["properties"]["max_items"] = {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_ITEMS_LIMIT,
            "default": DEFAULT_MAX_ITEMS,
            "description": "With all_pages: the most items returned.",
        }
    used = _definitions_used(schema, record.definitions)
    if used:
        schema["$defs"] = {name: record.definitions[name] for name in sorted(used)}
    return schema


def _definitions_used(schema: object, definitions: Mapping[str, Any]) -> set[str]:
    """Every definition `schema` refers to as ``#/$defs/Name``, and those they refer to."""
    found: set[str] = set()
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, Mapping):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                name = ref.removeprefix("#/$defs/")
                if name not in found and name in definitions:
                    found.add(name)
                    pending.append(definitions[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


def _description(record: Operation) -> str:
    parts = [record.name + "."]
    if record.description and record.description != record.name:
        parts.append(record.description)
    if record.kind == "raw":
        parts.append("Sends any request to the LeafLink API: method and endpoint given.")
    elif record.method and record.path:
        parts.append(f"Request: {record.method} {record.path}.")
    if record.pagination is not None:
        parts.append(
            "Returns one page (count, next, previous, results); with all_pages, "
            f"up to max_items items of every page (default {DEFAULT_MAX_ITEMS}, "
            f"at most {MAX_ITEMS_LIMIT})."
        )
    elif record.kind == "ddl":
        parts.append("Returns drop-down options [{text, value}], as {result: [...]}.")
    return " ".join(parts)


# -- calls -------------------------------------------------------------------------------


async def call_tool(
    client: AsyncLeafLink,
    record: Operation,
    arguments: Mapping[str, Any] | None,
    secret: str | None = None,
) -> types.CallToolResult:
    """Run `record` with `arguments`: LeafLink's JSON, or a tool error saying what failed."""
    try:
        result = await _run(client, record, dict(arguments or {}))
    except InputValidationError as error:
        return _error(f"input refused: {error}", secret)
    except APIConnectionError as error:
        return _error(f"no answer from LeafLink: {error}", secret)
    except APIError as error:
        return _error(f"LeafLink answered with an error: {error}", secret)
    except (ValueError, TypeError) as error:  # an empty path parameter, say
        return _error(f"input refused: {error}", secret)
    except Exception as error:  # never let one call end the server
        logger.exception("%s failed", record.key)
        return _error(f"{type(error).__name__}: {error}", secret)
    text = json.dumps(result, ensure_ascii=False)
    return types.CallToolResult(
        content=[types.TextContent(text=mask_secret(text, secret))],
        structured_content=result if isinstance(result, dict) else {"result": result},
    )


async def _run(client: AsyncLeafLink, record: Operation, arguments: dict[str, Any]) -> Any:
    if record.pagination is None:
        return await client.run(record.key, arguments)
    all_pages, max_items = _paging(record, arguments)
    if not all_pages:
        return await client.run(record.key, arguments)
    checked = record.check_input(arguments)
    first: AsyncPage[Any] = await getattr(client, record.key)(**checked)
    items = [to_json(item) async for item in first.items(max_items=max_items)]
    # at the cap with more to come (or a total LeafLink does not give): cut short
    truncated = len(items) >= max_items and (first.count is None or first.count > len(items))
    return {
        "count": first.count,
        "returned": len(items),
        "truncated": truncated,
        "results": items,
    }


def _paging(record: Operation, arguments: dict[str, Any]) -> tuple[bool, int]:
    """Take ``all_pages`` and ``max_items`` out of `arguments`, checked."""
    all_pages = arguments.pop("all_pages", False)
    max_items = arguments.pop("max_items", DEFAULT_MAX_ITEMS)
    if not isinstance(all_pages, bool):
        raise InputValidationError(
            "all_pages must be a boolean", operation=record.key, field="all_pages"
        )
    if (
        not isinstance(max_items, int)
        or isinstance(max_items, bool)
        or not 1 <= max_items <= MAX_ITEMS_LIMIT
    ):
        raise InputValidationError(
            f"max_items must be an integer from 1 to {MAX_ITEMS_LIMIT}",
            operation=record.key,
            field="max_items",
        )
    return all_pages, max_items


def _error(message: str, secret: str | None) -> types.CallToolResult:
    line = mask_secret(" ".join(message.split()), secret)
    return types.CallToolResult(content=[types.TextContent(text=line)], is_error=True)


# -- serving -----------------------------------------------------------------------------


def build_server(
    client: AsyncLeafLink, operations: Sequence[Operation], secret: str | None = None
) -> Server[Any]:
    """An MCP server offering `operations` as tools, each call run by `client`."""
    served = {record.key: record for record in operations}
    tools = [tool_for(record) for record in operations]

    async def list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(tools=tools)

    async def handle_call(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        record = served.get(params.name)
        if record is None:
            known = OPERATIONS.get(params.name)
            hint = (
                "; it changes data: start the server with --allow-writes"
                if known is not None and not is_read_only(known)
                else ""
            )
            return _error(f"unknown tool {params.name!r}{hint}", secret)
        return await call_tool(client, record, params.arguments, secret)

    return Server(
        SERVER_NAME,
        version=_version(),
        instructions="Tools for the LeafLink Marketplace V2 API: one per operation. "
        "Results are LeafLink's JSON; list tools return one page unless all_pages is set.",
        on_list_tools=list_tools,
        on_call_tool=handle_call,
    )


async def _serve(client: AsyncLeafLink, server: Server[Any]) -> None:
    try:
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())
    finally:
        await client.aclose()


def serve(
    client: AsyncLeafLink, operations: Sequence[Operation], secret: str | None = None
) -> None:
    """Serve `operations` over stdin and stdout until the client hangs up."""
    handler = _MaskedStderr(secret)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    try:
        anyio.run(_serve, client, build_server(client, operations, secret))
    except KeyboardInterrupt:  # Ctrl-C in a terminal: stop quietly
        pass
    finally:
        root.removeHandler(handler)


class _MaskedStderr(logging.Handler):
    """Log lines on stderr (stdout carries the protocol), the API key masked."""

    def __init__(self, secret: str | None) -> None:
        super().__init__(logging.WARNING)
        self.secret = secret
        self.setFormatter(logging.Formatter("leaflink mcp: %(levelname)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = mask_secret(self.format(record), self.secret)
            print(line, file=sys.stderr, flush=True)
        except Exception:
            self.handleError(record)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("leaflink")
    except PackageNotFoundError:
        return ""
