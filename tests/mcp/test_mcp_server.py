"""`leaflink mcp` over stdio, driven by an MCP client of the `mcp` SDK (see conftest)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import leaflink
from leaflink import OPERATIONS
from leaflink.cli import main

from .conftest import (
    KEY,
    PAYMENTS,
    Scripted,
    accepted,
    environment,
    json_of,
    mcp_session,
    refs,
    text_of,
)
from tests.connector.validating_server import ValidatingServer

pytestmark = pytest.mark.anyio

READS = {
    key
    for key, record in OPERATIONS.items()
    if record.kind in ("ddl", "local") or (record.kind == "call" and record.method == "GET")
}
WRITES = set(OPERATIONS) - READS


async def test_read_only_by_default_and_writes_when_allowed(
    validating: ValidatingServer, tmp_path: Path
) -> None:
    errlog = tmp_path / "stderr.log"
    async with mcp_session(validating.base_url, errlog=errlog) as session:
        tools = (await session.list_tools()).tools
    names = {tool.name for tool in tools}
    assert names == READS and {"get_brand", "list_brands", "list_brands_ddl"} <= names
    assert not names & {"create_contact", "delete_order", "update_product", "raw_request"}
    assert all(tool.annotations and tool.annotations.read_only_hint for tool in tools)

    async with mcp_session(validating.base_url, "--allow-writes", errlog=errlog) as session:
        tools = (await session.list_tools()).tools
    assert {tool.name for tool in tools} == set(OPERATIONS) and len(tools) == 138
    by_name = {tool.name: tool for tool in tools}
    for tool in tools:
        schema = tool.input_schema
        assert schema["type"] == "object", tool.name
        defined = {f"#/$defs/{name}" for name in schema.get("$defs", {})}
        assert set(refs(schema)) <= defined, tool.name  # self-contained
        assert KEY not in json.dumps(schema) + (tool.description or "")
    contact = by_name["create_contact"]
    assert "Contact" in contact.input_schema["$defs"] and contact.input_schema["required"] == [
        "body"
    ]
    assert contact.annotations and contact.annotations.read_only_hint is False
    assert by_name["delete_order"].annotations.destructive_hint is True  # type: ignore[union-attr]
    brand = by_name["get_brand"]
    assert brand.title == OPERATIONS["get_brand"].name
    assert "GET /brands/{id}/" in (brand.description or "")
    listing = by_name["list_brands"].input_schema["properties"]
    assert listing["all_pages"]["type"] == "boolean" and listing["max_items"]["maximum"] == 5000
    assert "all_pages" not in brand.input_schema["properties"]
    assert KEY not in errlog.read_text(encoding="utf-8")


async def test_operations_restricts_the_set(validating: ValidatingServer, tmp_path: Path) -> None:
    async with mcp_session(
        validating.base_url, "--operations", "get_brand,List brands", errlog=tmp_path / "log"
    ) as session:
        names = {tool.name for tool in (await session.list_tools()).tools}
        refused = await session.call_tool("get_payment", {"id": 1})
    assert names == {"get_brand", "list_brands"}
    assert refused.is_error and "unknown tool 'get_payment'" in text_of(refused)
    assert validating.received == []


async def test_get_and_list_tools_answer_leaflink_json(
    validating: ValidatingServer, tmp_path: Path
) -> None:
    async with mcp_session(validating.base_url, errlog=tmp_path / "log") as session:
        brand = await session.call_tool("get_brand", {"id": 7})
        page = await session.call_tool("list_brands", {"limit": 5})
        options = await session.call_tool("list_brands_ddl", {})
        statuses = await session.call_tool("list_order_statuses", {})
    got = json_of(brand)
    assert isinstance(got, dict) and "id" in got and "name" in got
    assert brand.structured_content == got
    assert set(json_of(page)) >= {"count", "next", "previous", "results"}
    assert page.structured_content == json_of(page)
    assert isinstance(json_of(options), list) and options.structured_content == {
        "result": json_of(options)
    }
    assert json_of(statuses) and not statuses.is_error
    assert accepted(validating)[:2] == ["GET /brands/{id}/", "GET /brands/"]
    assert "id" not in validating.received[0].query and validating.received[0].path.endswith(
        "/brands/7/"
    )
    assert "limit=5" in validating.received[1].query


async def test_bad_inputs_are_tool_errors_before_any_request(
    validating: ValidatingServer, tmp_path: Path
) -> None:
    async with mcp_session(validating.base_url, errlog=tmp_path / "log") as session:
        wrong_type = await session.call_tool("get_brand", {"id": "seven"})
        missing = await session.call_tool("get_brand", {})
        unknown = await session.call_tool("get_brand", {"id": 7, "colour": "red"})
        paging = await session.call_tool("list_brands", {"all_pages": True, "max_items": 10**6})
        no_paging = await session.call_tool("get_brand", {"id": 7, "all_pages": True})
        write = await session.call_tool("create_contact", {"body": {"owner": 1}})
        alive = await session.call_tool("get_brand", {"id": 7})  # the server goes on
    for result in (wrong_type, missing, unknown, paging, no_paging, write):
        assert result.is_error, text_of(result)
    assert "input refused" in text_of(wrong_type) and "id" in text_of(wrong_type)
    assert "id" in text_of(missing)
    assert "colour" in text_of(unknown)
    assert "max_items" in text_of(paging)
    assert "all_pages" in text_of(no_paging)
    assert "--allow-writes" in text_of(write)
    assert not alive.is_error
    assert accepted(validating) == ["GET /brands/{id}/"]


async def test_all_pages_is_bounded(scripted: Scripted, tmp_path: Path) -> None:
    async with mcp_session(scripted.base_url, errlog=tmp_path / "log") as session:
        one_page = await session.call_tool("list_payments", {})
        scripted.received.clear()
        capped = await session.call_tool("list_payments", {"all_pages": True, "max_items": 3})
        capped_requests = list(scripted.received)
        every = await session.call_tool("list_payments", {"all_pages": True})
    assert [p["id"] for p in json_of(one_page)["results"]] == [0, 1]
    assert json_of(one_page)["next"]
    assert json_of(capped) == {
        "count": PAYMENTS,
        "returned": 3,
        "truncated": True,
        "results": [{"id": i, "reason": f"payment {i}"} for i in range(3)],
    }
    assert len(capped_requests) == 2  # no page fetched past the cap
    everything = json_of(every)
    assert everything["returned"] == PAYMENTS and everything["truncated"] is False
    assert [p["id"] for p in everything["results"]] == list(range(PAYMENTS))


async def test_api_errors_are_tool_errors_without_the_key(
    scripted: Scripted, tmp_path: Path
) -> None:
    errlog = tmp_path / "log"
    async with mcp_session(scripted.base_url, errlog=errlog) as session:
        missing = await session.call_tool("get_payment", {"id": 404})
        echoed = await session.call_tool("get_payment", {"id": 401})
        alive = await session.call_tool("list_payments", {"limit": 1})
    assert missing.is_error and "404" in text_of(missing) and "Not found." in text_of(missing)
    assert echoed.is_error and "401" in text_of(echoed) and "Invalid token" in text_of(echoed)
    assert KEY not in text_of(echoed) and "***" in text_of(echoed)
    assert not alive.is_error
    assert KEY not in errlog.read_text(encoding="utf-8")


async def test_no_answer_is_a_tool_error(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    async with mcp_session(
        f"http://127.0.0.1:{port}/api/v2", "--max-retries", "0", errlog=tmp_path / "log"
    ) as session:
        failed = await session.call_tool("get_brand", {"id": 7})
        tools = await session.list_tools()
    assert failed.is_error and "no answer from LeafLink" in text_of(failed)
    assert tools.tools


# -- the command line, in this process: nothing is served --------------------------------


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["mcp"], {}, "LEAFLINK_API_KEY is not set"),
        (["mcp", "--operations", "get_brnd"], {"LEAFLINK_API_KEY": KEY}, "no operation 'get_brnd'"),
        (
            ["mcp", "--operations", "get_brand,create_contact"],
            {"LEAFLINK_API_KEY": KEY},
            "--allow-writes",
        ),
    ],
)
def test_usage_errors_before_serving(
    args: list[str],
    env: dict[str, str],
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in [n for n in environment({}) if n.startswith("LEAFLINK_")]:
        monkeypatch.delenv(name)
    monkeypatch.delenv("LEAFLINK_API_KEY", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and message in captured.err


def test_without_the_extra_mcp_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "mcp", None)  # `import mcp` raises ImportError
    monkeypatch.delitem(sys.modules, "leaflink.mcp_server", raising=False)
    monkeypatch.delattr(leaflink, "mcp_server", raising=False)  # imported by another test
    monkeypatch.setenv("LEAFLINK_API_KEY", KEY)
    assert main(["mcp"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("leaflink: error: `leaflink mcp` needs the MCP SDK")
    assert "pip install 'leaflink[mcp]'" in err


def test_nothing_imports_mcp_unless_the_command_runs() -> None:
    code = "import sys, leaflink, leaflink.cli; print(sorted(m for m in sys.modules if m == 'mcp' or m.startswith(('mcp.', 'leaflink.mcp'))))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
