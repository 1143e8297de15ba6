"""Python literals of JSON values, written the way black writes them, so generated code is
black-stable as rendered (a string in double quotes unless that takes more escapes)."""

from __future__ import annotations

import re
from typing import Any


def literal(value: Any) -> str:
    """Any JSON value as a Python literal: str/int/float/bool/None, lists and dicts of them."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(literal, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return quoted(value)
    if value is None or isinstance(value, (int, float, bool)):
        return repr(value)
    raise TypeError(f"cannot write {type(value).__name__} as a literal")


def quoted(text: str) -> str:
    """`repr(text)` in the quotes black prefers: double, unless that takes more escapes.

    Black's rule (`normalize_string_quotes`), so the literal is already black-stable.
    """
    single = repr(text)
    if single[0] == '"':
        return single
    double = _QUOTE_OR_ESCAPE.sub(_requoted, single[1:-1])
    if double.count("\\") > single.count("\\"):
        return single
    return f'"{double}"'


_QUOTE_OR_ESCAPE = re.compile(r'\\(.)|"')


def _requoted(match: re.Match[str]) -> str:
    """One escape or quote of a single-quoted body, as it reads between double quotes."""
    if match.group(1) is None:
        return '\\"'
    return "'" if match.group(1) == "'" else match.group(0)
