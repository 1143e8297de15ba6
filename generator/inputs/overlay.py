"""Apply OpenAPI Overlay 1.0 documents to an incoming spec, before it is validated.

LeafLink's published file is not valid OpenAPI; `specs/overlays/` holds the repairs, as Overlay
1.0 documents (https://spec.openapis.org/overlay/v1.0.0): `overlay: 1.0.x`, an `info` with
`title` and `version`, and a list of `actions`. Each action has a `target` and either
`remove: true` or an `update`. A target is a JSONPath query in the standard syntax, RFC 9535
(https://www.rfc-editor.org/rfc/rfc9535), as the Overlay specification requires, read strictly
by `jsonpath_rfc9535`: filters are `[?@.type == 'bool']`, an existence test is `[?@.enum]`,
regular expressions are the `match()` and `search()` functions, sizes are `length()`. So an
overlay written for another Overlay tool applies here the same way, and a target in some other
dialect (jsonpath-ng's `=~` or `` `len` ``, say) is an input problem, not a silent mismatch.
Actions run in order, on a copy of the spec:

- `remove: true` deletes every node the target selects from the object or array holding it;
- `update` on an object merges the update (an object) into it: nested objects merge
  recursively, any other value replaces what was there;
- `update` on an array appends the update to it.

A repair targets the defect itself (a filter such as `[?@.type == 'bool']`), so it selects
nothing in a document that is already right. An action that selects nothing is reported as a
warning: LeafLink may have fixed that defect, and the action can go. When no action of an
overlay selects anything (a document already repaired, such as our pinned spec), one note says
so instead of a warning per action.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonpath_rfc9535 import JSONPathError, JSONPathNode, JSONPathQuery
from jsonpath_rfc9535 import compile as compile_jsonpath

from .load import read_document
from ..problems import InputError, Problem

OVERLAY_VERSION = re.compile(r"^1\.0\.\d+$")
SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Action:
    """One action of an overlay: where it is (`actions[3]`), its target and what it does."""

    where: str
    target: str
    path: JSONPathQuery
    update: Any
    remove: bool


@dataclass(frozen=True)
class Overlay:
    """An overlay document's actions, in order, and the file it was read from."""

    file: str
    actions: tuple[Action, ...]


def load_overlays(directory: Path | None) -> list[Overlay]:
    """Every overlay document in `directory`, by file name (none when it does not exist)."""
    if directory is None or not directory.is_dir():
        return []
    files = sorted(
        path for path in directory.iterdir() if path.suffix in SUFFIXES and path.is_file()
    )
    problems: list[Problem] = []
    overlays = []
    for path in files:
        try:
            overlays.append(parse_overlay(read_document(path), str(path)))
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    return overlays


def parse_overlay(document: Any, file: str) -> Overlay:
    """Check an overlay document's shape and compile its targets; raise `InputError` with every problem."""
    if not isinstance(document, Mapping):
        raise InputError([Problem(file, "", "an overlay must be a mapping at the top level")])
    problems = []
    if not OVERLAY_VERSION.match(str(document.get("overlay", ""))):
        problems.append(
            Problem(
                file,
                "overlay",
                f"expected an Overlay 1.0.x version, found {document.get('overlay')!r}",
            )
        )
    info = document.get("info")
    if not (
        isinstance(info, Mapping)
        and isinstance(info.get("title"), str)
        and isinstance(info.get("version"), str)
    ):
        problems.append(
            Problem(file, "info", "an overlay needs an info with a title and a version")
        )
    raw_actions = document.get("actions")
    if not isinstance(raw_actions, list) or not raw_actions:
        problems.append(Problem(file, "actions", "an overlay needs a non-empty list of actions"))
        raw_actions = []
    actions = []
    for index, raw in enumerate(raw_actions):
        action = _action(raw, f"actions[{index}]", file, problems)
        if action is not None:
            actions.append(action)
    if problems:
        raise InputError(problems)
    return Overlay(file, tuple(actions))


def _action(raw: Any, where: str, file: str, problems: list[Problem]) -> Action | None:
    if (
        not isinstance(raw, Mapping)
        or not isinstance(raw.get("target"), str)
        or not raw["target"].startswith("$")
    ):
        problems.append(
            Problem(file, where, "an action needs a `target`: a JSONPath starting with '$'")
        )
        return None
    target, remove = raw["target"], raw.get("remove", False)
    if remove is not True and "update" not in raw:
        problems.append(Problem(file, where, "an action needs `remove: true` or an `update`"))
        return None
    try:
        path = compile_jsonpath(target)
    except JSONPathError as error:
        problems.append(
            Problem(
                file,
                where,
                f"target {target!r} is not an RFC 9535 JSONPath query: {error}",
            )
        )
        return None
    return Action(where, target, path, raw.get("update"), remove is True)


def apply_overlays(spec: Any, overlays: list[Overlay], label: str) -> tuple[Any, list[str]]:
    """The spec with every overlay applied (a copy), and the warnings: actions that selected nothing."""
    document = copy.deepcopy(spec)
    warnings = []
    for overlay in overlays:
        unmatched = [
            action for action in overlay.actions if not _apply(document, action, overlay.file)
        ]
        if len(unmatched) == len(overlay.actions):
            warnings.append(
                f"note: {overlay.file}: no action applies to {label} (nothing to repair)"
            )
            continue
        warnings += [
            f"warning: {overlay.file}: {action.where} selects nothing in {label}; remove the action if "
            f"LeafLink fixed that defect (target {action.target})"
            for action in unmatched
        ]
    return document, warnings


def _apply(document: Any, action: Action, file: str) -> bool:
    """Apply one action in place; False when its target selects nothing."""
    matches = action.path.find(document)
    if action.remove:
        for parent, key in sorted(_places(matches, action, file), key=_removal_order):
            del parent[key]
        return bool(matches)
    for match in matches:
        node = match.value
        if isinstance(node, dict) and isinstance(action.update, Mapping):
            _merge(node, action.update)
        elif isinstance(node, list):
            node.append(copy.deepcopy(action.update))
        else:
            message = f"`update` needs an object target and an object update, or an array target ({match.path()})"
            raise InputError([Problem(file, action.where, message)])
    return bool(matches)


def _places(matches: list[JSONPathNode], action: Action, file: str) -> list[tuple[Any, Any]]:
    """(container, key or index) of each selected node, once each, for deleting it."""
    places: dict[tuple[int, Any], tuple[Any, Any]] = {}
    for match in matches:
        parent = match.parent.value if match.parent is not None else None
        key = match.location[-1] if match.location else None
        if not (
            (isinstance(parent, dict) and isinstance(key, str))
            or (isinstance(parent, list) and isinstance(key, int))
        ):
            raise InputError(
                [
                    Problem(
                        file,
                        action.where,
                        f"cannot remove {match.path()}: it has no container",
                    )
                ]
            )
        places[(id(parent), key)] = (parent, key)
    return list(places.values())


def _removal_order(place: tuple[Any, Any]) -> tuple[int, int]:
    """Array items from the last index down, so removing one does not shift the next."""
    _, key = place
    return (0, -key) if isinstance(key, int) else (1, 0)


def _merge(node: dict[str, Any], update: Mapping[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(node.get(key), dict) and isinstance(value, Mapping):
            _merge(node[key], value)
        else:
            node[key] = copy.deepcopy(value)


def read_spec(path: Path, overlays: list[Overlay]) -> tuple[dict[str, Any], list[str]]:
    """An incoming OpenAPI file (YAML or JSON) with the overlays applied, and their warnings."""
    document = read_document(path)
    if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
        raise InputError(
            [Problem(str(path), "", "not an OpenAPI document: it has no `paths` mapping")]
        )
    return apply_overlays(document, overlays, str(path))
