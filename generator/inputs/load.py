"""Read the input files into plain data, safely.

YAML is read with a safe loader that refuses duplicate keys, recursive aliases and alias bombs;
JSON is read as JSON, refusing duplicate keys too. Either way the result is JSON data: mapping
keys are strings (an unquoted YAML key such as `200:` keeps its text), YAML dates stay the text
they were written as, and what JSON cannot hold (NaN, infinities, binary, sets, lone
surrogates) is refused. Files must be UTF-8, no bigger than `MAX_BYTES` and nested no deeper
than `MAX_DEPTH`. Problems come back as `InputError`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import yaml

from ..problems import InputError, Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_ALIAS_NODES = 100_000


_BaseLoader = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)  # libyaml's parser when present: 10x faster


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that builds JSON data and refuses duplicate mapping keys.

    Aliases are checked by `_check_aliases` before anything is constructed.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
        seen: dict[str, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self._key(node, key_node)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node
        self.flatten_mapping(node)
        return {
            self._key(node, key_node): self.construct_object(value_node, deep=deep)
            for key_node, value_node in node.value
        }

    def _key(self, node: yaml.MappingNode, key_node: yaml.Node) -> str:
        """A mapping key as a string: `200:` and `true:` keep the text they were written as."""
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                "a mapping key must be a plain value, not a list or a mapping",
                key_node.start_mark,
            )
        key = self.construct_object(key_node, deep=True)
        return key if isinstance(key, str) else str(key_node.value)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        """A float, unless it is `.nan` or `.inf`, which JSON cannot hold."""
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise _refusal(f"{node.value!r} is not a JSON number", node)
        return float(value)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> str:
        """An unquoted date stays the text it was written as, as in JSON."""
        return str(self.construct_scalar(node))

    def refuse_non_json(self, node: yaml.Node) -> Any:
        """Binary, sets and ordered pairs have no JSON form."""
        raise _refusal(f"{node.tag} values are not JSON data", node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _StrictLoader.construct_mapping
)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)
for _tag in ("binary", "set", "omap", "pairs"):
    _StrictLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _StrictLoader.refuse_non_json)


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
    """Refuse recursive aliases, alias bombs and deep nesting before anything expands them.

    The composed graph shares a node wherever an alias repeats it. An alias bomb needs few
    aliases (nine levels of ten make a billion), so the check counts the nodes the document
    would have with every alias expanded, and refuses past `MAX_ALIAS_NODES` beyond the
    nodes actually written, or more than `MAX_ALIASES` shared nodes.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    uses: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        uses[key] = uses.get(key, 0) + 1
        if key in open_nodes:
            raise _refusal("an alias inside its own anchor (a recursive structure)", node)
        if depth > MAX_DEPTH:
            raise _refusal(f"nested deeper than {MAX_DEPTH} levels", node)
        if key not in sizes:
            open_nodes.add(key)
            children: list[yaml.Node] = []
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [child for pair in node.value for child in pair]
            sizes[key] = 1 + sum(size(child, depth + 1) for child in children)
            open_nodes.discard(key)
        return sizes[key]

    expanded = size(root, 0)
    if expanded - len(sizes) > MAX_ALIAS_NODES:
        raise _refusal(
            f"aliases repeat more than {MAX_ALIAS_NODES} nodes (refusing a possible alias bomb)",
            root,
        )
    if sum(1 for count in uses.values() if count > 1) > MAX_ALIASES:
        raise _refusal(f"more than {MAX_ALIASES} aliases (refusing a possible alias bomb)", root)


def _refusal(message: str, node: yaml.Node) -> yaml.YAMLError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


class _NotJson(ValueError):
    """JSON text that parses but is not data we accept (duplicate keys, NaN)."""


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _NotJson(f"duplicate key {key!r}")
        result[key] = value
    return result


def _json_number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotJson(f"{text} is not a finite number")
    return value


def _json_constant(text: str) -> float:
    raise _NotJson(f"{text} is not JSON")


def _load_json(text: str) -> Any:
    data = json.loads(
        text,
        object_pairs_hook=_json_object,
        parse_float=_json_number,
        parse_constant=_json_constant,
    )
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _NotJson(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, dict):
            stack += [(key, depth + 1) for key in node]
            stack += [(value, depth + 1) for value in node.values()]
        elif isinstance(node, list):
            stack += [(value, depth + 1) for value in node]
        elif isinstance(node, str) and not _is_text(node):
            shown = node.encode("utf-8", "backslashreplace").decode()[:40]
            raise _NotJson(f"a string holds a lone surrogate, not text: {shown!r}")
    return data


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_document(path: Path, label: str | None = None) -> Any:
    """Return the parsed content of a YAML or JSON file, or raise `InputError` naming `label`."""
    name = label or str(path)
    too_big = f"more than the limit of {MAX_BYTES} bytes"
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError([Problem(name, "", f"file is {size} bytes, {too_big}")])
        with path.open("rb") as handle:  # bounded even when stat cannot tell the size
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise InputError([Problem(name, "", f"cannot read: {error.strerror or error}")]) from None
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(name, "", f"file is {too_big}")])
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError([Problem(name, f"byte {error.start}", "not UTF-8 text")]) from None
    if not text.strip():
        raise InputError([Problem(name, "", "file is empty")])
    try:
        if path.suffix == ".json":
            return _load_json(text)
        return _load_yaml(text)
    except json.JSONDecodeError as error:
        where, message = f"line {error.lineno}", f"invalid JSON: {error.msg}"
    except _NotJson as error:
        where, message = "", f"invalid JSON: {error}"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        message = f"invalid YAML: {getattr(error, 'problem', None) or error}"
    except RecursionError:
        where, message = "", f"nested deeper than {MAX_DEPTH} levels"
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        kind = "JSON" if path.suffix == ".json" else "YAML"
        where, message = "", f"invalid {kind}: {error}"
    raise InputError([Problem(name, where, message)])
