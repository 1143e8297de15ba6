"""`generated/` is a distribution of its own: installed into a fresh venv, it brings the
connector and its runtime dependencies, nothing of the generator, and works.

The folder is copied first, so that building it leaves no `build/` or `*.egg-info` in the
committed tree. Two fresh venvs: one installs the folder, the other a wheel built from it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATOR_TOOLS = {
    "black",
    "datamodel-code-generator",
    "jinja2",
    "openapi-spec-validator",
    "isort",
    "jsonpath-rfc9535",
}
BRANDS = {"count": 1, "next": None, "previous": None, "results": [{"id": 7, "name": "Acme"}]}
CALL = """
import json, sys
from leaflink import LeafLink
with LeafLink(api_key="k", base_url=sys.argv[1]) as client:
    page = client.list_brands(limit=5)
    print(json.dumps({"names": [brand.name for brand in page], "version": __import__("importlib.metadata").metadata.version("leaflink")}))
"""


class _Brands(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = json.dumps(
            BRANDS if self.path.startswith("/api/v2/brands/?") else {"detail": "Not found."}
        ).encode()
        self.send_response(200 if self.path.startswith("/api/v2/brands/?") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Brands)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v2"
    server.shutdown()


def _run(*command: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{command}: {result.stdout[-2000:]}{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("distribution") / "generated"
    shutil.copytree(
        ROOT / "generated",
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"),
    )
    return copy


def _venv(where: Path) -> Path:
    _run(sys.executable, "-m", "venv", where)
    return where / "bin"


@pytest.mark.parametrize("form", ["folder", "wheel"])
def test_the_connector_installs_alone_and_works(
    form: str, source: Path, base_url: str, tmp_path: Path
) -> None:
    bin_dir = _venv(tmp_path / "venv")
    if form == "wheel":
        _run(
            bin_dir / "python",
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            tmp_path / "dist",
            source,
        )
        (target,) = (tmp_path / "dist").glob("leaflink-*.whl")
    else:
        target = source
    _run(bin_dir / "python", "-m", "pip", "install", "--quiet", target)
    installed = {
        entry["name"].lower()
        for entry in json.loads(_run(bin_dir / "python", "-m", "pip", "list", "--format", "json"))
    }
    assert "leaflink" in installed
    assert installed & GENERATOR_TOOLS == set()
    assert {"httpx", "pydantic", "typing_extensions", "typing-extensions"} & installed
    _run(bin_dir / "python", "-m", "pip", "check")
    called = json.loads(_run(bin_dir / "python", "-c", CALL, base_url, cwd=tmp_path))
    project = (source / "pyproject.toml").read_text(encoding="utf-8")
    assert called["names"] == ["Acme"] and f'version = "{called["version"]}"' in project
    listing = _run(bin_dir / "leaflink", "operations", cwd=tmp_path)
    assert (
        listing.splitlines()[0].split() == ["NAME", "KEY", "METHOD", "PATH"]
        and "list_brands" in listing
    )


def test_the_package_imports_only_what_its_distribution_declares() -> None:
    import ast
    import tomllib

    project = tomllib.loads((ROOT / "generated" / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"
    ]
    names = [
        *project["dependencies"],
        *(d for extra in project["optional-dependencies"].values() for d in extra),
    ]
    declared = {
        name.split(">")[0].split("=")[0].split("[")[0].strip().lower().replace("_", "-")
        for name in names
    }
    provided_by = {"pydantic_core": "pydantic"}  # pydantic's own compiled core, pinned by it
    imported = set()
    for module in (ROOT / "generated" / "leaflink").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {
        name for name in imported if name not in sys.stdlib_module_names and name != "leaflink"
    }
    assert {provided_by.get(name, name).replace("_", "-") for name in third_party} == declared
