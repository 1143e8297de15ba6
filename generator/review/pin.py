"""`python -m generator pin NEW_SPEC`: make a new LeafLink file the pinned spec.

1. Read NEW_SPEC (YAML or JSON) and apply the overlays of `SPECS_DIR/overlays/` (a warning for
   each action that selects nothing).
2. Validate the result with openapi-spec-validator.
3. Print the diff against the current pin, `SPECS_DIR/leaflink-v2.openapi.yaml`, with the
   manifest (`SPECS_DIR/operations.yaml`), ending with the examples of the new file that
   contradict their schemas (`generator/inputs/examples.py`). These are warnings: the pin goes on, and
   `validate` and `generate` repeat them until an overlay repairs each one.
4. When a manifest entry would no longer resolve, list the entries to fix and stop.
5. Write the normalised form in place of the pin, atomically (a temporary file renamed over it).

Any problem stops the pin with `InputError` (exit 2) before anything is written. The normalised
form is YAML: a header comment naming the source file and its sha256, the top-level keys in the
usual OpenAPI order, every other mapping's keys sorted, lists kept in order, multi-line text as
literal blocks, no line wrapping and no aliases. The same input always pins to the same bytes,
so the next pin's git diff shows only what LeafLink changed.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any, TextIO

import yaml

from ..atomic import write_atomically
from ..inputs.load import read_document
from ..inputs.manifest import read_manifest
from ..inputs.overlay import load_overlays, read_spec
from ..inputs.spec import check_spec
from ..problems import InputError
from .diff import compare_specs
from .diff_report import render

PINNED = "leaflink-v2.openapi.yaml"
MANIFEST = "operations.yaml"
OVERLAYS = "overlays"
TOP_LEVEL = ("openapi", "info", "servers", "security", "tags", "paths", "components")


def pin(
    new: Path,
    specs_dir: Path,
    manifest_path: Path | None = None,
    out: TextIO = sys.stdout,
) -> Path:
    """Pin `new` into `specs_dir` (see the module docstring); return the pinned file's path."""
    overlays = load_overlays(specs_dir / OVERLAYS)
    spec, warnings = read_spec(new, overlays)
    for warning in warnings:
        print(warning, file=sys.stderr)
    problems = check_spec(spec, str(new))
    if problems:
        raise InputError(problems)
    target = specs_dir / PINNED
    current = read_document(target) if target.exists() else {"paths": {}}
    manifest_path = manifest_path or specs_dir / MANIFEST
    manifest = read_manifest(manifest_path)
    diff = compare_specs(current, spec, (str(target), str(new)), manifest, str(manifest_path))
    out.write(render(diff, "text"))
    assert diff.manifest is not None
    if diff.manifest.broken:
        print(
            f"{new} would break these entries of {manifest_path}: fix them, then pin again.",
            file=sys.stderr,
        )
        raise InputError(list(diff.manifest.broken))
    pinned = normalised(spec, new, [overlay.file for overlay in overlays])
    write_atomically(target, pinned.encode("utf-8"))
    if diff.examples:
        print(
            f"warning: {len(diff.examples)} example(s) of {new} contradict their schemas (listed "
            f"above): `validate` and `generate` warn of them until an overlay in "
            f"{specs_dir / OVERLAYS} repairs each one (the schema or the example)",
            file=sys.stderr,
        )
    return target


def normalised(spec: dict[str, Any], source: Path, overlays: list[str]) -> str:
    """The pinned form of a repaired spec: a provenance header, then stable YAML."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    applied = ", ".join(Path(file).name for file in overlays) or "none"
    header = (
        "# The pinned description of the LeafLink Marketplace V2 API, written by\n"
        f"# `python -m generator pin` from {source.name} (sha256 {digest})\n"
        f"# with the repairs of specs/overlays/ ({applied}). Do not edit it by hand: change an\n"
        "# overlay and pin LeafLink's file again.\n"
    )
    first = [key for key in TOP_LEVEL if key in spec]
    ordered = {key: _sorted(spec[key]) for key in [*first, *sorted(set(spec) - set(first))]}
    body = yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1 << 30)
    return header + body


def _sorted(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _sorted(node[key]) for key in sorted(node, key=str)}
    if isinstance(node, list):
        return [_sorted(item) for item in node]
    return node


class _Dumper(yaml.SafeDumper):
    """Safe YAML without aliases, multi-line strings as literal blocks."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
