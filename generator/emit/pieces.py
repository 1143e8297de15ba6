"""Cutting a Python module into pieces black formats alone, and joining the results.

Black's output for a module is the concatenation of its output for the module's pieces when
each piece starts at a `def`/`class` (or its decorators) that follows a blank line, and the
text before that blank line does not end in a comment: black then puts exactly two blank
lines before such a statement at the top level, one inside a class, whatever preceded it.
A method is formatted inside a stand-in `class _:` line, so it keeps its indentation and
line-length budget. The leading comment header of a generated file is replaced by
placeholders of the same shape, since black never changes a plain `# ...` comment line (so
a header is never part of a cache key).

So each piece can be cached by its own text and formatted in parallel, and a change to one
operation re-formats one method instead of a 250 kB module. `tests/generator` checks the
equivalence on tricky modules and the snapshot test on the real tree.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

PLACEHOLDER = "# header"
CLASS_STAND_IN = "class _:\n"
SPLIT_CLASSES_ABOVE = 4000  # characters: smaller classes are one piece
_DIRECTIVES = ("fmt:", "yapf:", "type:")  # comments black reads: never placeholders
_REGIONS = ("fmt: off", "fmt:off", "fmt: skip", "fmt:skip", "yapf: disable")


@dataclass(frozen=True)
class Piece:
    """Text black formats on its own; `method` pieces are indented class members."""

    text: str
    method: bool = False

    def source(self) -> str:
        """What black is given."""
        return CLASS_STAND_IN + self.text if self.method else self.text

    def result(self, formatted: str) -> str:
        """The piece's share of the module, from black's output for `source()`."""
        if self.method:
            head, _, body = formatted.partition("\n")
            if head != CLASS_STAND_IN.rstrip("\n"):
                raise ValueError(f"black changed the stand-in class line: {head!r}")
            return body
        return formatted


@dataclass(frozen=True)
class Plan:
    """A module as pieces, and how to reassemble black's output for them."""

    header: list[str]  # the real header lines, restored over the placeholders
    pieces: list[Piece]
    separators: list[str]  # separators[i] joins piece i and piece i + 1

    def join(self, formatted: list[str]) -> str:
        parts = [piece.result(text) for piece, text in zip(self.pieces, formatted)]
        joined = [part.rstrip("\n") + separator for part, separator in zip(parts, self.separators)]
        return with_header("".join(joined) + parts[-1], self.header)


def without_header(text: str) -> tuple[list[str], str]:
    """`text`'s header lines, and `text` with placeholders in their place."""
    header = _header(text)
    return header, "\n".join([PLACEHOLDER] * len(header) + text.split("\n")[len(header) :])


def with_header(text: str, header: list[str]) -> str:
    """Black's output for a `without_header` text, with the real header lines restored."""
    lines = text.split("\n")
    if lines[: len(header)] != [PLACEHOLDER] * len(header):
        raise ValueError("black changed the header placeholders")
    return "\n".join(header + lines[len(header) :])


def plan(text: str) -> Plan:
    """How to format `text` piecewise (a single piece when it cannot be cut safely)."""
    header, body = without_header(text)
    if any(region in text for region in _REGIONS) or "\r" in text:
        return Plan(header, [Piece(body)], [])
    try:
        tree = ast.parse(body)
    except SyntaxError:
        return Plan(header, [Piece(body)], [])  # black reports it, with the file's name
    lines = [line + "\n" for line in body.split("\n")]  # as the tokenizer counts lines
    lines[-1] = lines[-1][:-1]
    pieces: list[Piece] = []
    separators: list[str] = []
    starts = [n for n in tree.body if _cuttable(n, lines)]
    bounds = [0, *(_first_line(n) - 1 for n in starts), len(lines)]
    for index, (start, end) in enumerate(zip(bounds, bounds[1:])):
        node = starts[index - 1] if index else None
        segment = lines[start:end]
        if index:
            separators.append("\n\n\n")
        if (
            isinstance(node, ast.ClassDef)
            and sum(map(len, segment)) > SPLIT_CLASSES_ABOVE
            and not "".join(lines[node.end_lineno or 0 : end]).strip()  # the class ends it
        ):
            members, joins = _class_pieces(node, lines, start, end)
            pieces += members
            separators += joins
        else:
            pieces.append(Piece("".join(segment)))
    return Plan(header, pieces, separators)


def _class_pieces(
    node: ast.ClassDef, lines: list[str], start: int, end: int
) -> tuple[list[Piece], list[str]]:
    """A class as its head (up to its first cuttable method) and one piece per method."""
    methods = [m for m in node.body if _cuttable(m, lines)]
    if not methods or methods[0] is node.body[0]:
        return [Piece("".join(lines[start:end]))], []
    bounds = [start, *(_first_line(m) - 1 for m in methods), end]
    pieces = [Piece("".join(lines[bounds[0] : bounds[1]]))]
    pieces += [Piece("".join(lines[a:b]), method=True) for a, b in zip(bounds[1:], bounds[2:])]
    return pieces, ["\n\n"] * len(methods)


def _cuttable(node: ast.stmt, lines: list[str]) -> bool:
    """Whether a piece may start at `node`: a def/class after a blank line, not after a comment."""
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return False
    first = _first_line(node) - 1  # 0-based index of its first line
    if first < 2 or lines[first - 1].strip():
        return False
    before = next((lines[i] for i in range(first - 1, -1, -1) if lines[i].strip()), "")
    return bool(before) and not before.lstrip().startswith("#")


def _first_line(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(int(d.lineno) for d in decorators)])


def _header(text: str) -> list[str]:
    """The leading `# ...` lines black leaves as they are (at most the file's comment block)."""
    header = []
    for line in text.split("\n"):
        plain = line == "#" or (line.startswith("# ") and line == line.rstrip())
        if not plain or line.startswith("#!") or any(d in line for d in _DIRECTIVES):
            break
        header.append(line)
    return header if len(header) < len(text.split("\n")) else []
