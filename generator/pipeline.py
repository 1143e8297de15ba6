"""The whole generation: inputs -> model -> rendered files -> formatted files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .emit.formatting import format_files
from .emit.render import PACKAGE, rendered_parts
from .inputs.validate import validated_inputs
from .model.build import build
from .model.intermediate import Connector
from .problems import Problem


@dataclass(frozen=True)
class Generation:
    connector: Connector
    files: dict[str, str]
    warnings: tuple[Problem, ...]
    """What is doubtful in the inputs but generates (examples contradicting schemas)."""


def generate_files(spec: Path, manifest: Path) -> Generation:
    """Validate, build and render; raise `InputError` (bad inputs) before producing anything.

    The model is built, rendered and formatted while openapi-spec-validator still checks the
    spec in a worker process (`validated_inputs`), whose problems, if any, replace the result;
    the rendered files are formatted while datamodel-code-generator writes `models.py`.
    """
    with validated_inputs(spec, manifest) as inputs:
        connector = build(inputs)
        files: dict[str, str] = {}
        for part in rendered_parts(connector):  # formatting overlaps with what comes next
            files |= format_files(part)
    return Generation(connector, files, inputs.warnings)


@dataclass(frozen=True)
class CatalogueChanges:
    """How the operations of a new catalogue differ from the one it replaces, by key."""

    added: list[str]
    removed: list[str]
    changed: list[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def catalogue_changes(old_text: str | None, new_text: str) -> CatalogueChanges:
    """Compare two `catalogue.json` texts operation by operation (schemas of operations included)."""

    def operations(text: str | None) -> dict[str, str]:
        if not text:
            return {}
        try:
            document = json.loads(text)
        except ValueError:
            return {}
        definitions = document.get("$defs", {})
        return {
            op["key"]: json.dumps([op, _referenced(op, definitions)], sort_keys=True)
            for op in document["operations"]
        }

    old, new = operations(old_text), operations(new_text)
    return CatalogueChanges(
        added=sorted(set(new) - set(old)),
        removed=sorted(set(old) - set(new)),
        changed=sorted(key for key in set(old) & set(new) if old[key] != new[key]),
    )


def _referenced(
    node: object, definitions: dict[str, object], seen: dict[str, object] | None = None
) -> dict[str, object]:
    """The definitions an operation's schemas use, transitively (so a changed model marks its operations)."""
    seen = {} if seen is None else seen
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/") :]
            if name not in seen and name in definitions:
                seen[name] = definitions[name]
                _referenced(definitions[name], definitions, seen)
        for value in node.values():
            _referenced(value, definitions, seen)
    elif isinstance(node, list):
        for value in node:
            _referenced(value, definitions, seen)
    return seen


CATALOGUE = f"{PACKAGE}/catalogue.json"
MODELS = f"{PACKAGE}/models.py"
