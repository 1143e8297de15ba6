"""Load and validate the inputs: the spec, the manifest, and every cross-reference between them.

The checks live by what they check: `spec.py` (openapi-spec-validator, in a worker process
while generation goes on, then every example against its schema), `manifest.py` (the manifest's JSON Schema, its typed entries, the
reference list) and `crosscheck.py` (what the manifest says of the spec holds in it).

Every problem is collected; `load_inputs` raises one `InputError` carrying all of them, so a
user fixing a manifest sees everything at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import InputError, Problem
from ..workers import in_background, when_asked
from .crosscheck import cross_check
from .load import read_document
from .manifest import Manifest, check_manifest, check_reference_names, parse_manifest
from .spec import check_spec_examples, check_spec_shape, validator_problems


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
    with validated_inputs(spec_path, manifest_path, overlap=False) as inputs:
        return inputs


@contextmanager
def validated_inputs(
    spec_path: Path, manifest_path: Path, overlap: bool = True
) -> Iterator[Inputs]:
    """The inputs for a block to use while openapi-spec-validator, the slowest check, still
    runs in a worker process (`workers.in_background`): generation overlaps with it. Without
    `overlap` (nothing to overlap with), it runs here, before the block.

    Problems are what `load_inputs` always reported: the spec's and the manifest's own, or
    else those between them. The validator's problems raise `InputError` when the block ends,
    instead of whatever the block raised: building from a spec it rejects may fail in any way,
    and nothing made from it may be used.
    """
    problems: list[Problem] = []
    spec = _read(spec_path, problems)
    raw_manifest = _read(manifest_path, problems)
    spec_file, manifest_file = str(spec_path), str(manifest_path)
    shape = check_spec_shape(spec, spec_file) if spec is not None else []
    validating = spec is not None and not shape
    run = in_background if overlap else when_asked
    with run(validator_problems, spec, spec_file) if validating else when_asked(list) as verdict:
        own = check_manifest(raw_manifest, manifest_file) if raw_manifest is not None else []
        if problems or shape or own:
            raise InputError([*problems, *shape, *verdict(), *own])
        assert spec is not None and raw_manifest is not None
        try:
            manifest = parse_manifest(raw_manifest)
            problems += cross_check(spec, manifest, spec_file, manifest_file)
            problems += check_reference_names(manifest, manifest_path)
            if problems:
                raise InputError(problems)
            warnings = tuple(check_spec_examples(spec, spec_file))
            yield Inputs(spec, manifest, spec_file, manifest_file, warnings)
        except Exception:
            found = verdict()
            if found:
                raise InputError(found) from None
            raise
        found = verdict()
        if found:
            raise InputError(found)


def _read(path: Path, problems: list[Problem]) -> Any:
    try:
        return read_document(path)
    except InputError as error:
        problems += error.problems
        return None
