"""Where things are, what machine this is, and the runtime-only venv the runtime figures use.

Generation runs in the project's venv (`.venv`), where `openapi-python-client` is a dev
dependency. Import, per-call and pagination figures run in a second venv holding only what the
two generated packages need at run time: the dependencies `generated/pyproject.toml` declares
(the standalone `leaflink` distribution's), and the peer's attrs and python-dateutil, at the
versions of `.venv`. The dev venv also holds rich and click, which `import httpx` loads for its
command line when they are present, a cost no user of either package pays.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
VENV_BIN = Path(sys.executable).parent
PYTHON = Path(sys.executable)
SPEC = ROOT / "specs" / "leaflink-v2.openapi.yaml"
MANIFEST = ROOT / "specs" / "operations.yaml"
OVERLAYS = ROOT / "specs" / "overlays"
GENERATED = ROOT / "generated"
RUNTIME_VENV = (
    ROOT / ".venv" / "bench-runtime"
)  # inside .venv: ignored, and `make clean` removes it
PEER_PACKAGES = ("attrs", "python-dateutil")


def runtime_packages() -> list[str]:
    """What the runtime-only venv holds: the connector's declared dependencies and the peer's."""
    import tomllib

    project = tomllib.loads((GENERATED / "pyproject.toml").read_text(encoding="utf-8"))
    names = [re.split(r"[<>=!~\[ ]", d, maxsplit=1)[0] for d in project["project"]["dependencies"]]
    return sorted({*names, *PEER_PACKAGES})


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "versions": {
            name: _version(name)
            for name in (
                "openapi-python-client",
                "black",
                "datamodel-code-generator",
                "pydantic",
                "httpx",
            )
        },
    }


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


PEER_CONFIG = BENCH / "peer-config.yaml"


def peer_command() -> list[str | Path]:
    """`openapi-python-client generate` of this venv (a dev dependency), with its config."""
    found = VENV_BIN / "openapi-python-client"
    if not found.exists():
        raise SystemExit(
            "openapi-python-client is not installed: run `make .venv/.installed` (it is a dev dependency)"
        )
    return [found, "generate", "--config", PEER_CONFIG]


def tool_env(**extra: str) -> dict[str, str]:
    """The environment for the generators: this venv's bin first (the peer runs `ruff` from PATH)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "LEAFLINK_GENERATOR_CACHE"))
    }
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def runtime_python() -> Path:
    """The runtime-only venv's interpreter, created or refreshed when its pins changed."""
    pins = [f"{name}=={_version(name)}" if _version(name) else name for name in runtime_packages()]
    stamp = RUNTIME_VENV / "bench-pins.json"
    python = RUNTIME_VENV / "bin" / "python"
    if python.exists() and stamp.exists() and json.loads(stamp.read_text()) == pins:
        return python
    shutil.rmtree(RUNTIME_VENV, ignore_errors=True)
    print(
        f"bench: creating the runtime-only venv {RUNTIME_VENV.relative_to(ROOT)} ({', '.join(pins)})",
        flush=True,
    )
    subprocess.run([sys.executable, "-m", "venv", str(RUNTIME_VENV)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *pins,
        ],
        check=True,
    )
    stamp.write_text(json.dumps(pins))
    return python
