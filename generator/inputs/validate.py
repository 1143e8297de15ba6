"""Load and validate the inputs: the spec, the manifest, and every cross-reference between them.

The checks live by what they check: `spec.py` (openapi-spec-validator, then every example
against its schema), `manifest.py` (the manifest's JSON Schema, its typed entries, the
reference list) and `crosscheck.py` (what the manifest says of the spec holds in it).

Every problem is collected; `load_inputs` raises one `InputError` carrying all of them, so a
user fixing a manifest sees everything at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import InputError, Problem
from .crosscheck import cross_check
from .load import read_document
from .manifest import Manifest, check_manifest, check_reference_names, parse_manifest
from .spec import check_spec, check_spec_examples


@dataclass(frozen=True)
class Inputs:
    """The validated spec, the manifest's typed entries and the names the user gave their files."""

    spec: Mapping[str, Any]
    manifest: Manifest
    spec_file: str
    manifest_file: str
    warnings: tuple[Problem, ...] = ()
    """Examples of the spec that contradict their schemas (see `examples`): reported only."""


def load_inputs(spec_path: Path, manifest_path: Path) -> Inputs:
    """Read and validate both inputs; raise `InputError` with every problem found."""
    problems: list[Problem] = []
    spec = _read(spec_path, problems)
    raw_manifest = _read(manifest_path, problems)
    if spec is not None:
        problems += check_spec(spec, str(spec_path))
    if raw_manifest is not None:
        problems += check_manifest(raw_manifest, str(manifest_path))
    if problems:
        raise InputError(problems)
    assert spec is not None and raw_manifest is not None
    manifest = parse_manifest(raw_manifest)
    problems += cross_check(spec, manifest, str(spec_path), str(manifest_path))
    problems += check_reference_names(manifest, manifest_path)
    if problems:
        raise InputError(problems)
    warnings = tuple(check_spec_examples(spec, str(spec_path)))
    return Inputs(spec, manifest, str(spec_path), str(manifest_path), warnings)


def _read(path: Path, problems: list[Problem]) -> Any:
    try:
        return read_document(path)
    except InputError as error:
        problems += error.problems
        return None
