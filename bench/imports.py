"""Import cost: our package against openapi-python-client's package for the same spec.

Every probe is a fresh interpreter of the runtime-only venv (``python -c CODE``), its byte
code compiled by an untimed first run; figures are net of ``python -c pass``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from . import environment as env
from .timing import Sample, Series, clean_env, interleaved, run

OURS_IMPORT = "import leaflink"
OURS_CLIENT = (
    "import leaflink\n"
    "client = leaflink.LeafLink(api_key='bench', base_url='http://127.0.0.1:9')\n"
    "methods = [getattr(client, key) for key in leaflink.OPERATIONS]\n"
    "assert all(map(callable, methods)) and len(methods) == len(leaflink.OPERATIONS)\n"
)
OURS_MODELS = OURS_CLIENT + (
    "import inspect, pydantic\n"
    "models = [m for _, m in inspect.getmembers(leaflink.models, inspect.isclass)]\n"
    "assert sum(issubclass(m, pydantic.BaseModel) for m in models) > 10\n"
)
PEAK = (  # the process's peak resident memory in kB (VmHWM: ru_maxrss counts the parent's)
    "\nimport re\n"
    "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
)
PEER_IMPORT = "import {package}"
PEER_CLIENT = (
    "import importlib, pkgutil\n"
    "import {package}, {package}.api, {package}.models\n"
    "from {package} import AuthenticatedClient\n"
    "client = AuthenticatedClient(base_url='http://127.0.0.1:9', token='bench')\n"
    "modules = [importlib.import_module(m.name) for m in "
    "pkgutil.walk_packages({package}.api.__path__, '{package}.api.')]\n"
    "assert len(modules) > 10\n"
)


def peer_package(scratch: Path) -> tuple[Path, str]:
    """Generate openapi-python-client's package from the pinned spec; return (its dir, its name)."""
    out = Path(tempfile.mkdtemp(dir=scratch, prefix="peer-import-")) / "client"
    run(
        [*env.peer_command(), "--path", env.SPEC, "--output-path", out],
        cwd=out.parent,
        env=env.tool_env(),
    )
    packages = [p for p in out.iterdir() if (p / "__init__.py").exists()]
    if len(packages) != 1:
        raise RuntimeError(f"expected one package in {out}, found {packages}")
    return out, packages[0].name


def measure(python: Path, scratch: Path, runs: int) -> dict[str, Series]:
    """Every probe, taking turns, `runs` times; 'bare' is the interpreter start-up alone."""
    peer_dir, package = peer_package(scratch)
    probes = {
        "bare": "pass",
        "ours_import": OURS_IMPORT,
        "ours_client": OURS_CLIENT,
        "ours_models": OURS_MODELS,
        "peer_import": PEER_IMPORT.format(package=package),
        "peer_client": PEER_CLIENT.format(package=package),
    }
    path = f"{env.GENERATED}:{peer_dir}"
    process_env = clean_env(PYTHONPATH=path)

    def contender(code: str):  # type: ignore[no-untyped-def]
        return lambda index: run([python, "-c", code], env=process_env)[0]

    for code in probes.values():  # compile byte code, untimed
        run([python, "-c", code], env=process_env)
    try:
        series = interleaved({name: contender(code) for name, code in probes.items()}, runs)
        for name in ("ours_client", "peer_client"):  # peak memory, once each
            _, out = run([python, "-c", probes[name] + PEAK], env=process_env)
            kilobytes = float(out.split()[-1])
            series[f"{name}_peak_kb"] = Series([Sample(kilobytes, kilobytes)])
        return series
    finally:
        shutil.rmtree(peer_dir.parent, ignore_errors=True)
