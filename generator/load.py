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


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present: 10x faster


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that refuses duplicate mapping keys (aliases are checked by `_check_aliases`)."""

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


def _load_yaml(text: str) -> Any:
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_aliases(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_aliases(root: yaml.Node) -> None:
    """Refuse recursive aliases and alias bombs before anything expands them.

    The composed graph shares a node wherever an alias repeats it. An alias bomb needs few
    aliases (nine levels of ten make a billion), so the check counts the nodes the document
    would have with every alias expanded, and refuses past `MAX_ALIAS_NODES` beyond the
    nodes actually written, or more than `MAX_ALIASES` shared nodes.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    uses: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        key = id(node)
        uses[key] = uses.get(key, 0) + 1
        if key in open_nodes:
            raise _refusal("an alias inside its own anchor (a recursive structure)", node)
        if key not in sizes:
            open_nodes.add(key)
            children: list[yaml.Node] = []
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [child for pair in node.value for child in pair]
            sizes[key] = 1 + sum(size(child) for child in children)
            open_nodes.discard(key)
        return sizes[key]

    expanded = size(root)
    if expanded - len(sizes) > MAX_ALIAS_NODES:
        raise _refusal(f"aliases repeat more than {MAX_ALIAS_NODES} nodes (refusing a possible alias bomb)", root)
    if sum(1 for count in uses.values() if count > 1) > MAX_ALIASES:
        raise _refusal(f"more than {MAX_ALIASES} aliases (refusing a possible alias bomb)", root)


def _refusal(message: str, node: yaml.Node) -> yaml.YAMLError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


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
        return _load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise InputError([Problem(name, where, f"invalid YAML: {problem}")]) from None
