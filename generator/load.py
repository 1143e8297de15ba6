"""Read the input files into plain data, safely.

YAML is read with a safe loader that refuses duplicate keys, recursive aliases and alias bombs;
JSON is read as JSON. Files must be UTF-8 and no bigger than `MAX_BYTES`. Problems come back as `InputError`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .problems import InputError, Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_ALIASES = 100
MAX_ALIAS_NODES = 100_000


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate mapping keys, recursive aliases and alias bombs.

    An alias bomb needs few aliases (nine levels of ten make a billion), so besides counting aliases
    the loader counts the nodes they repeat, and refuses past `MAX_ALIAS_NODES`.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases_seen = 0
        self.alias_nodes = 0
        self._sizes: dict[int, int] = {}
        self._open_anchors: set[str] = set()

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > MAX_ALIASES:
                self._refuse(f"more than {MAX_ALIASES} aliases (refusing a possible alias bomb)", event)
            if event.anchor in self._open_anchors:
                self._refuse(f"alias *{event.anchor} inside its own anchor (a recursive structure)", event)
            if event.anchor in self.anchors:
                self.alias_nodes += self._size(self.anchors[event.anchor])
                if self.alias_nodes > MAX_ALIAS_NODES:
                    message = f"aliases repeat more than {MAX_ALIAS_NODES} nodes (refusing a possible alias bomb)"
                    self._refuse(message, event)
        anchor = None if isinstance(event, yaml.AliasEvent) else event.anchor
        if anchor is None:
            return super().compose_node(parent, index)
        self._open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self._open_anchors.discard(anchor)

    def _size(self, node: yaml.Node) -> int:
        """Nodes in `node`, counting what its aliases repeat (no cycles: recursive aliases are refused)."""
        if id(node) not in self._sizes:
            children: list[yaml.Node] = []
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [child for pair in node.value for child in pair]
            self._sizes[id(node)] = 1 + sum(self._size(child) for child in children)
        return self._sizes[id(node)]

    @staticmethod
    def _refuse(message: str, event: yaml.Event) -> None:
        raise yaml.constructor.ConstructorError(None, None, message, event.start_mark)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping)


def read_document(path: Path, label: str | None = None) -> Any:
    """Return the parsed content of a YAML or JSON file, or raise `InputError` naming `label`."""
    name = label or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError([Problem(name, "", f"file is {size} bytes, more than the limit of {MAX_BYTES}")])
        raw = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(name, "", f"cannot read: {error.strerror or error}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError([Problem(name, f"byte {error.start}", "not UTF-8 text")]) from None
    if not text.strip():
        raise InputError([Problem(name, "", "file is empty")])
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError([Problem(name, f"line {error.lineno}", f"invalid JSON: {error.msg}")]) from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise InputError([Problem(name, where, f"invalid YAML: {problem}")]) from None
