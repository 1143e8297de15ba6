"""The synthetic 10x input: the pinned spec's paths repeated under ten prefixes.

Copy ``k`` (0-9) of every path lives under ``/v{k}``; every component (schemas, parameters)
is renamed with the suffix ``V{k}`` and every ``$ref``, ``operationId`` and manifest JSON
pointer follows, so the copies share nothing and both generators see ten times the work.
The manifest repeats every entry per copy with the key suffixed ``_v{k}`` and the name
suffixed `` v{k}``; the one ``raw`` entry (a client method of its own) stays single.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

COPIES = 10
_COMPONENT_SECTIONS = ("schemas", "parameters", "responses", "requestBodies", "headers")


def _suffix(index: int) -> str:
    return f"V{index}"


def _renamed_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                renames.get(value, value)
                if key == "$ref" and isinstance(value, str)
                else _renamed_refs(value, renames)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_renamed_refs(value, renames) for value in node]
    return node


def _renames(spec: dict[str, Any], index: int) -> dict[str, str]:
    renames = {}
    for section in _COMPONENT_SECTIONS:
        for name in spec.get("components", {}).get(section, {}):
            renames[f"#/components/{section}/{name}"] = (
                f"#/components/{section}/{name}{_suffix(index)}"
            )
    return renames


def _pointer(pointer: str, renames: dict[str, str]) -> str:
    for old, new in renames.items():
        if pointer == old or pointer.startswith(old + "/"):
            return new + pointer[len(old) :]
    return pointer


def scale_spec(spec: dict[str, Any], copies: int = COPIES) -> dict[str, Any]:
    """`spec` with its paths and components repeated `copies` times, renamed per copy."""
    scaled = copy.deepcopy(
        {key: value for key, value in spec.items() if key not in ("paths", "components")}
    )
    components = spec.get("components", {})
    scaled["components"] = {
        section: dict(value)
        for section, value in components.items()
        if section not in _COMPONENT_SECTIONS
    }
    scaled["paths"] = {}
    for index in range(copies):
        renames = _renames(spec, index)
        for path, item in spec["paths"].items():
            item = _renamed_refs(copy.deepcopy(item), renames)
            for operation in item.values():
                if isinstance(operation, dict) and "operationId" in operation:
                    operation["operationId"] += _suffix(index)
            scaled["paths"][f"/v{index}{path}"] = item
        for section in _COMPONENT_SECTIONS:
            for name, value in components.get(section, {}).items():
                target = scaled["components"].setdefault(section, {})
                target[f"{name}{_suffix(index)}"] = _renamed_refs(copy.deepcopy(value), renames)
    return scaled


def _scaled_entry(entry: dict[str, Any], index: int, renames: dict[str, str]) -> dict[str, Any]:
    entry = copy.deepcopy(entry)
    entry["key"] = f"{entry['key']}_v{index}"
    entry["name"] = f"{entry['name']} v{index}"
    for holder in (entry, entry.get("ddl") or {}):
        if isinstance(holder.get("binds"), str):
            method, _, path = holder["binds"].partition(" ")
            holder["binds"] = f"{method} /v{index}{path}"
    for holder, field in (
        (entry.get("ddl") or {}, "pointer"),
        (entry.get("local") or {}, "enum"),
    ):
        if field in holder:
            holder[field] = _pointer(holder[field], renames)
    return entry


def scale_manifest(
    manifest: dict[str, Any], spec: dict[str, Any], copies: int = COPIES
) -> dict[str, Any]:
    """`manifest` with every entry repeated per copy of `scale_spec` (the raw entry once)."""
    operations = [entry for entry in manifest["operations"] if entry["kind"] == "raw"]
    for index in range(copies):
        renames = _renames(spec, index)
        operations += [
            _scaled_entry(e, index, renames) for e in manifest["operations"] if e["kind"] != "raw"
        ]
    return {**manifest, "operations": operations}


def write_scaled(
    spec_file: Path, manifest_file: Path, out: Path, copies: int = COPIES
) -> tuple[Path, Path]:
    """Write the scaled spec and manifest into `out`; return their paths.

    Both are YAML, like the pinned inputs (libyaml's emitter when present).
    """
    spec = yaml.load(
        spec_file.read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )
    manifest = yaml.load(
        manifest_file.read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )
    out.mkdir(parents=True, exist_ok=True)
    spec_out, manifest_out = out / spec_file.name, out / manifest_file.name
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for path, document in (
        (spec_out, scale_spec(spec, copies)),
        (manifest_out, scale_manifest(manifest, spec, copies)),
    ):
        path.write_text(
            yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )
    return spec_out, manifest_out
