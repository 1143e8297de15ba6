"""`python -m generator manifest add-unbound`: draft a manifest entry for every unbound endpoint.

For each endpoint of the pinned spec that no entry binds (directly or as a drop-down's source),
a draft entry is written in the existing connector's naming style ("List batches", "Get batch",
"Create batch", "Update batch", "Delete batch"), with a snake_case key, the spec's summary as
its description and the binding. It goes into the manifest's text, not a YAML round-trip, so
every comment and the layout stay: after the last entry bound to the same resource (the path's
first segment), in that entry's `resource`, or in a new section before the escape hatch (its
`resource` the path's first segment, as `names.resource_of` would take it). The result must validate
(`load_inputs`), or nothing is written. A draft is a start: review the name and description.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..inputs.manifest import Manifest, read_manifest
from ..inputs.validate import load_inputs
from ..model.names import resource_of_binding

METHODS = ("get", "post", "put", "patch", "delete")
ENTRY_START = re.compile(r"^  - ")
ESCAPE_HATCH = "  # --- Escape hatch"


@dataclass(frozen=True)
class Draft:
    binding: str
    name: str
    key: str
    description: str

    def text(self, resource: str | None = None) -> str:
        """The entry as manifest text, in `resource` (else the one its binding implies)."""
        return (
            f"  - name: {_scalar(self.name)}\n"
            f"    key: {self.key}\n"
            f"    resource: {resource or resource_of_binding(self.binding)}\n"
            "    kind: call\n"
            f"    binds: {self.binding}\n"
            f"    description: {_scalar(self.description)}\n"
        )


def unbound(spec: Mapping[str, Any], manifest: Manifest) -> list[str]:
    """Every "METHOD /path/" of the spec that no entry binds, in the spec's order."""
    bound = {binding for entry in manifest.entries for binding in entry.bindings}
    return [
        f"{method.upper()} {path}"
        for path, item in (spec.get("paths") or {}).items()
        for method in METHODS
        if isinstance(item, Mapping) and method in item and f"{method.upper()} {path}" not in bound
    ]


def draft(spec: Mapping[str, Any], binding: str, taken: set[str]) -> Draft:
    """A draft entry for one endpoint, named as the existing connector names its operations."""
    method, _, path = binding.partition(" ")
    segments = [s for s in path.strip("/").split("/") if s]
    literal = [s for s in segments if not s.startswith("{")]
    noun = (literal[-1] if literal else "resource").replace("-", " ").replace("_", " ")
    on_one = bool(segments) and segments[-1].startswith("{")
    if method == "GET" and not on_one:
        name = f"List {noun}"
    else:
        verb = {
            "GET": "Get",
            "POST": "Create",
            "PUT": "Replace",
            "PATCH": "Update",
            "DELETE": "Delete",
        }[method]
        name = f"{verb} {_singular(noun)}"
    key = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    base_name, base_key, n = name, key, 2
    while key in taken or name.lower() in taken:
        name, key, n = f"{base_name} ({n})", f"{base_key}_{n}", n + 1
    taken.update({key, name.lower()})
    operation = spec["paths"][path][method.lower()]
    summary = str(operation.get("summary") or operation.get("description") or "").strip()
    description = " ".join(summary.split()) or f"{method} {path} (drafted: describe it)."
    if not description.endswith("."):
        description += "."
    return Draft(binding, name, key, description)


def add_unbound(spec_path: Path, manifest_path: Path, dry_run: bool = False) -> list[Draft]:
    """Append a draft entry for each unbound endpoint; return the drafts. With `dry_run`, or
    when there is nothing to add, the manifest is not touched."""
    spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    manifest = read_manifest(manifest_path)
    text = manifest_path.read_text(encoding="utf-8")
    taken = {e.key for e in manifest.entries} | {e.name.lower() for e in manifest.entries}
    drafts = [draft(spec, binding, taken) for binding in unbound(spec, manifest)]
    if not drafts:
        return []
    for one in drafts:
        text = insert(text, one)
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / manifest_path.name
        for sibling in manifest_path.parent.glob("*"):
            if sibling.is_file() and sibling.name != manifest_path.name:
                (Path(scratch) / sibling.name).write_bytes(sibling.read_bytes())
        trial.write_text(text, encoding="utf-8")
        load_inputs(spec_path, trial)  # raises InputError listing every problem: nothing written
    if not dry_run:
        manifest_path.write_text(text, encoding="utf-8")
    return drafts


def insert(text: str, entry: Draft) -> str:
    """The manifest text with `entry` after the last entry of its resource, or in a new section
    before the escape hatch (or at the end)."""
    lines = text.splitlines(keepends=True)
    resource = _resource(entry.binding)
    end, neighbour = None, None
    for start, stop in _entries(lines):
        block = "".join(lines[start:stop])
        if any(
            _resource(b) == resource
            for b in re.findall(r"binds: ((?:GET|POST|PUT|PATCH|DELETE) \S+)", block)
        ):
            end = stop
            named = re.search(r"^    resource: ([a-z0-9_]+)\s*$", block, re.MULTILINE)
            neighbour = named.group(1) if named else None
    if end is not None:  # the module of the entry it follows
        return "".join(lines[:end]) + entry.text(neighbour) + "".join(lines[end:])
    title = resource.replace("-", " ").capitalize()
    section = f"  # --- {title} (drafted by `manifest add-unbound`) "
    section = section + "-" * max(3, 94 - len(section)) + "\n" + entry.text() + "\n"
    at = next((i for i, line in enumerate(lines) if line.startswith(ESCAPE_HATCH)), None)
    if at is None:
        tail = "" if text.endswith("\n") else "\n"
        return text + tail + "\n" + section.rstrip("\n") + "\n"
    return "".join(lines[:at]) + section + "".join(lines[at:])


def _entries(lines: list[str]) -> list[tuple[int, int]]:
    """(first line, line after the last) of each entry of the operations list."""
    spans, start = [], None
    for index, line in enumerate(lines):
        if ENTRY_START.match(line):
            if start is not None:
                spans.append((start, index))
            start = index
        elif start is not None and not line.startswith("    "):
            spans.append((start, index))
            start = None
    if start is not None:
        spans.append((start, len(lines)))
    return spans


def _resource(binding: str) -> str:
    path = binding.partition(" ")[2]
    return next((s for s in path.strip("/").split("/") if s and not s.startswith("{")), "")


def _singular(noun: str) -> str:
    words = noun.split(" ")
    last = words[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("ses", "xes", "ches", "shes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _scalar(value: str) -> str:
    """A YAML plain scalar when that reads back as the same string, else a quoted one."""
    if value and yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
