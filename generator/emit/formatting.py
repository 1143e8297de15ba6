"""Format the rendered files with black, doing only the work black would do.

The templates and datamodel-code-generator's builtin formatter (at black's line length) write
black's style: double quotes, black's blank lines, magic trailing commas where a construct is
exploded, one-line forms where it fits. What is left for black is splitting lines longer than
its limit. So a module is cut into pieces black formats alone (see `pieces`); a piece whose
every line fits (ASCII, no tab, no trailing space, at most `BLACK_LINE_LENGTH` characters) is
taken as rendered, and only the other pieces go to black, cached by their own text, in worker
processes when there is enough work. `tests/generator/test_formatting.py` proves the result is
black's output for whole trees (the pinned spec, the golden record, LeafLink's own files, a
10-fold spec) and the snapshot test that the committed tree is black-stable. Black's workers
die with the generator, whatever kills it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from importlib import metadata
from typing import TYPE_CHECKING

from ..cache import lookup, store
from ..workers import can_fork, forked_pool
from .pieces import Plan, plan, with_header, without_header

if TYPE_CHECKING:
    import black

BLACK_LINE_LENGTH = 100
BLACK_TARGET = "PY311"  # every other option of black's mode is its default
BLACK_VERSION = (  # the cache's key for black's output
    f"black {metadata.version('black')} line_length={BLACK_LINE_LENGTH} {BLACK_TARGET}"
)
PARALLEL_ABOVE = 40_000  # characters to format before worker processes pay off
MAX_WORKERS = 8


class FormatError(Exception):
    """Black could not parse a rendered file: a generator bug, named with the file."""


def format_files(files: Mapping[str, str], trust_fitting: bool = True) -> dict[str, str]:
    """Every `.py` file as black formats it; other files unchanged.

    With `trust_fitting` (always, but in the tests that prove it right), what already fits
    black's limit is not given to black (see the module's docstring). A file's leading comment
    header is set aside (black never changes it), so the cache holds each module's output by
    its code alone.
    """
    formatted: dict[str, str] = {}
    plans, bodies = {}, {}
    for path, text in files.items():
        if not path.endswith(".py") or trust_fitting and _fits(text):
            formatted[path] = text
            continue
        header, body = without_header(text)
        found = lookup("black-module", BLACK_VERSION, body)
        if found is not None:
            formatted[path] = with_header(found, header)
        else:
            plans[path], bodies[path] = plan(text), body
    done = _formatted_pieces(plans, trust_fitting)
    for path, module in plans.items():
        formatted[path] = module.join([done[p.source()] for p in module.pieces])
        store("black-module", BLACK_VERSION, bodies[path], without_header(formatted[path])[1])
    return {path: formatted[path] for path in files}


def _fits(text: str) -> bool:
    """Whether `text` is black-stable as rendered: every line fits, and it ends in one newline."""
    return (
        text.endswith("\n")
        and not text.endswith("\n\n")
        and text.isascii()
        and "\t" not in text
        and " \n" not in text
        and all(len(line) <= BLACK_LINE_LENGTH for line in text.split("\n"))
    )


def _formatted_pieces(plans: Mapping[str, Plan], trust_fitting: bool) -> dict[str, str]:
    """Black's output for every piece of `plans`, by source: as rendered where it fits, from
    the cache, else computed."""
    wanted = {
        piece.source(): path for path, p in plans.items() for piece in p.pieces
    }  # each distinct source once, with a file to name in errors
    done: dict[str, str] = {}
    missing: list[tuple[str, str]] = []
    for source, path in wanted.items():
        ended = source.rstrip("\n") + "\n"  # black ends a piece with one newline
        if trust_fitting and _fits(ended):
            done[source] = ended
            continue
        found = lookup("black", BLACK_VERSION, source)
        if found is None:
            missing.append((path, source))
        else:
            done[source] = found
    for (_, source), formatted in zip(missing, _format_all(missing)):
        store("black", BLACK_VERSION, source, formatted)
        done[source] = formatted
    return done


def _format_all(items: list[tuple[str, str]]) -> list[str]:
    """Black's output for each (path, source), in order; in worker processes when worth it."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    total = sum(len(source) for _, source in items)
    if workers < 2 or total < PARALLEL_ABOVE or not can_fork():
        return _format_batch(items)
    batches = _batches(items, max(total // (workers * 4), 1))
    black_mode()  # imports black once, here, for every forked worker
    with forked_pool(workers) as pool:
        order = sorted(batches, key=lambda b: -sum(len(s) for _, s in b))
        futures = {id(batch): pool.submit(_format_batch, batch) for batch in order}
        return [text for batch in batches for text in futures[id(batch)].result()]


def _format_batch(items: list[tuple[str, str]]) -> list[str]:
    return [_black(path, source) for path, source in items]


def _batches(items: list[tuple[str, str]], size: int) -> list[list[tuple[str, str]]]:
    """Consecutive items grouped into batches of about `size` characters."""
    batches: list[list[tuple[str, str]]] = [[]]
    filled = 0
    for item in items:
        if filled >= size:
            batches.append([])
            filled = 0
        batches[-1].append(item)
        filled += len(item[1])
    return batches


@functools.cache
def black_mode() -> black.Mode:
    """Black's mode: `BLACK_LINE_LENGTH` and `BLACK_TARGET` (what `BLACK_VERSION` names)."""
    import black
    from black.mode import TargetVersion

    return black.Mode(
        target_versions={TargetVersion[BLACK_TARGET]},
        line_length=BLACK_LINE_LENGTH,
    )


def _black(path: str, text: str) -> str:
    import black  # imported only when something is formatted: a warm run needs none
    from black.parsing import InvalidInput

    try:
        return black.format_str(text, mode=black_mode())
    except InvalidInput as error:
        raise FormatError(f"{path}: black cannot parse the rendered code: {error}") from error
