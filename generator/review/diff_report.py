"""Render a `diff.SpecDiff` for people (text, Markdown) or for programs (JSON).

The JSON shape is stable: keys may be added in later versions, none renamed or removed.

    {
      "old":      {"file": str, "title": str, "version": str},
      "new":      {"file": str, "title": str, "version": str},
      "summary":  {"added": int, "removed": int, "changed": int, "breaking": int,
                   "examples": int},
      "added":    [Operation, ...],
      "removed":  [Operation, ...],
      "changed":  [Operation, ...],
      "manifest": null, or {
        "file":    str,
        "touched": [{"key": str, "name": str, "by": [binding or JSON pointer, ...]}, ...],
        "broken":  [{"where": str, "message": str, "hint": str}, ...],
        "unused":  [{"method": str, "path": str}, ...]
      },
      "examples": [{"where": str, "message": str, "hint": str}, ...]
    }

    Operation: {"method": "GET", "path": "/orders-received/", "operation_id": str,
                "breaking": bool, "manifest": [manifest entry key, ...], "changes": [Change, ...]}
    Change:    {"kind": str, "location": str, "message": str, "breaking": bool,
                "old": any, "new": any}

`summary.breaking` counts the removed and changed operations that break a caller. Operations
are sorted by path then method; `changes` is empty for added and removed operations, and lists
parameters, then the request, then the response. `kind` is one of those `generator/review/diff.py`
lists. `manifest` is null without a manifest; `touched` lists the entries whose bound operation
changed or went, or whose enum (read by JSON pointer) changed; `broken` the manifest problems
against the new spec (bindings that no longer resolve); `unused` the added operations no entry
binds yet. `examples` lists every example of the new spec that contradicts its schema
(`generator/inputs/examples.py`), in document order, and `summary.examples` counts them: `where` is the
JSON pointer of the example plus the path inside it, `message` reads `expected string, found
integer 4231`, `hint` names the place using a `#/components/examples/...` example (else "").
They are warnings: `diff` and `pin` go on, but `validate` refuses a pinned spec that has any. The
text and Markdown reports list the first EXAMPLES_SHOWN of them and count the rest.
"""

from __future__ import annotations

import json
from typing import Any

from .diff import ManifestImpact, OperationChange, SpecDiff, SpecInfo
from .diff_operation import Change

FORMATS = ("text", "markdown", "json")
EXAMPLES_SHOWN = 20
EXAMPLES_ADVICE = (
    "repair the schema or the example (for LeafLink's file, with an overlay in specs/overlays/): "
    "`validate` refuses a pinned spec whose examples contradict their schemas"
)


def render(diff: SpecDiff, form: str) -> str:
    """The report in `form` (one of FORMATS), ending with a newline."""
    if form == "json":
        return json.dumps(as_json(diff), indent=2, ensure_ascii=False) + "\n"
    return (_markdown if form == "markdown" else _text)(diff)


def as_json(diff: SpecDiff) -> dict[str, Any]:
    """The documented JSON shape of a diff."""
    manifest = diff.manifest
    return {
        "old": _info(diff.old),
        "new": _info(diff.new),
        "summary": {
            "added": len(diff.added),
            "removed": len(diff.removed),
            "changed": len(diff.changed),
            "breaking": len(diff.breaking),
            "examples": len(diff.examples),
        },
        "added": [_operation(op) for op in diff.added],
        "removed": [_operation(op) for op in diff.removed],
        "changed": [_operation(op) for op in diff.changed],
        "manifest": None if manifest is None else _manifest(manifest),
        "examples": [
            {"where": p.where, "message": p.message, "hint": p.hint} for p in diff.examples
        ],
    }


def _info(info: SpecInfo) -> dict[str, str]:
    return {"file": info.file, "title": info.title, "version": info.version}


def _operation(op: OperationChange) -> dict[str, Any]:
    return {
        "method": op.method,
        "path": op.path,
        "operation_id": op.operation_id,
        "breaking": op.breaking,
        "manifest": list(op.manifest),
        "changes": [_change(change) for change in op.changes],
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "location": change.location,
        "message": change.message,
        "breaking": change.breaking,
        "old": change.old,
        "new": change.new,
    }


def _manifest(impact: ManifestImpact) -> dict[str, Any]:
    return {
        "file": impact.file,
        "touched": [{"key": t.key, "name": t.name, "by": list(t.by)} for t in impact.touched],
        "broken": [{"where": p.where, "message": p.message, "hint": p.hint} for p in impact.broken],
        "unused": [
            dict(zip(("method", "path"), binding.split(" ", 1), strict=True))
            for binding in impact.unused
        ],
    }


def _headline(diff: SpecDiff) -> str:
    if not (diff.added or diff.removed or diff.changed):
        return "no operation changed"
    counts = f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    return f"{counts}; {len(diff.breaking)} breaking for a client of the connector"


def _version(info: SpecInfo) -> str:
    return info.version or "no version"


def _text(diff: SpecDiff) -> str:
    title = diff.new.title or diff.old.title or "API"
    lines = [
        f"{title}: {diff.old.file} ({_version(diff.old)}) -> {diff.new.file} ({_version(diff.new)})",
        _headline(diff),
    ]
    for heading, operations in (
        ("Removed", diff.removed),
        ("Added", diff.added),
        ("Changed", diff.changed),
    ):
        if operations:
            lines += ["", f"{heading} ({len(operations)})"]
        for op in operations:
            lines.append(f"  {_flag(op.breaking)}{op.binding}{_uses(op)}")
            lines += [f"      {_flag(c.breaking)}{c.location}: {c.message}" for c in op.changes]
    if diff.manifest is not None:
        lines += ["", f"Manifest {diff.manifest.file}"]
        lines += [f"  {line}" for line in _manifest_lines(diff.manifest, code=str)]
    if diff.examples:
        lines += ["", _examples_heading(diff, code=str), f"  {EXAMPLES_ADVICE}"]
        lines += [f"  {line}" for line in _example_lines(diff, code=str)]
    return "\n".join(lines) + "\n"


def _examples_heading(diff: SpecDiff, code: Any) -> str:
    count = len(diff.examples)
    return f"Examples contradicting their schemas in {code(diff.new.file)} ({count})"


def _code(text: str) -> str:
    return f"`{text}`"


def _example_lines(diff: SpecDiff, code: Any) -> list[str]:
    """The first EXAMPLES_SHOWN contradictions, one line each, then how many are not shown."""
    lines = []
    for problem in diff.examples[:EXAMPLES_SHOWN]:
        hint = f" ({problem.hint})" if problem.hint else ""
        lines.append(f"{code(problem.where)}: {problem.message}{hint}")
    more = len(diff.examples) - EXAMPLES_SHOWN
    if more > 0:
        lines.append(f"... and {more} more (`--format json` lists every one)")
    return lines


def _flag(breaking: bool) -> str:
    return "BREAKING  " if breaking else " " * 10


def _uses(op: OperationChange) -> str:
    if op.manifest:
        return f"  (manifest: {', '.join(op.manifest)})"
    return ""


def _manifest_lines(impact: ManifestImpact, code: Any) -> list[str]:
    """The manifest section: one heading line per list, then one indented line per item."""
    sections = (
        (
            "entries touched",
            [f"{code(t.key)} ({', '.join(map(code, t.by))})" for t in impact.touched],
        ),
        (
            "bindings that no longer resolve",
            [str(problem) for problem in impact.broken],
        ),
        (
            "new endpoints no entry uses yet",
            [code(binding) for binding in impact.unused],
        ),
    )
    lines = []
    for heading, items in sections:
        lines.append(f"{heading} ({len(items)}){':' if items else ''}")
        lines += [f"  {item}" for item in items]
    return lines


def _markdown(diff: SpecDiff) -> str:
    title = diff.new.title or diff.old.title or "API"
    lines = [
        f"# API change: {title}",
        "",
        f"`{diff.old.file}` ({_version(diff.old)}) → `{diff.new.file}` ({_version(diff.new)}): "
        f"**{_headline(diff)}**",
    ]
    for heading, operations in (
        ("Removed", diff.removed),
        ("Added", diff.added),
        ("Changed", diff.changed),
    ):
        if not operations:
            continue
        lines += ["", f"## {heading} ({len(operations)})", ""]
        for op in operations:
            uses = (
                f" (manifest: {', '.join(f'`{key}`' for key in op.manifest)})"
                if op.manifest
                else ""
            )
            lines.append(f"- {'**breaking** ' if op.breaking else ''}`{op.binding}`{uses}")
            lines += [
                f"  - {'**breaking** ' if c.breaking else ''}`{c.location}`: {c.message}"
                for c in op.changes
            ]
    if diff.manifest is not None:
        lines += ["", f"## Manifest `{diff.manifest.file}`", ""]
        for line in _manifest_lines(diff.manifest, code=lambda text: f"`{text}`"):
            lines.append(f"  - {line.strip()}" if line.startswith("  ") else f"- {line}")
    if diff.examples:
        advice = EXAMPLES_ADVICE[0].upper() + EXAMPLES_ADVICE[1:] + "."
        lines += ["", f"## {_examples_heading(diff, _code)}", "", advice, ""]
        lines += [f"- {line}" for line in _example_lines(diff, _code)]
    return "\n".join(lines) + "\n"
