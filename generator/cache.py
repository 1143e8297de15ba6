"""A content-addressed cache for the slow, pure steps of generation.

Validating the spec, running datamodel-code-generator and black take seconds, and their
output depends only on their input text and the tool's version. Each result is stored under
the sha256 of (step, tool version, input), so a hit returns exactly what the step would
compute: the cache can make generation faster, never different. It lives in
`$LEAFLINK_GENERATOR_CACHE`, else `$XDG_CACHE_HOME/leaflink-connector-generator`, else
`~/.cache/leaflink-connector-generator`; `LEAFLINK_GENERATOR_CACHE=off` disables it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from .atomic import write_atomically


def directory() -> Path | None:
    """Where results are kept, or None when caching is off."""
    configured = os.environ.get("LEAFLINK_GENERATOR_CACHE")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "leaflink-connector-generator"


def cached_text(step: str, version: str, source: str, compute: Callable[[], str]) -> str:
    """`compute()`, or its earlier result for the same step, tool version and source text."""
    found = lookup(step, version, source)
    if found is not None:
        return found
    result = compute()
    store(step, version, source, result)
    return result


def _path(step: str, version: str, source: str) -> Path | None:
    root = directory()
    if root is None:
        return None
    key = hashlib.sha256("\0".join((step, version, source)).encode("utf-8")).hexdigest()
    return root / step / key[:2] / key


def lookup(step: str, version: str, source: str) -> str | None:
    """The stored result for this step, tool version and source text, if any."""
    path = _path(step, version, source)
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def store(step: str, version: str, source: str, result: str) -> None:
    """Keep `result` for `lookup` (atomically; a read-only or full disk only costs speed)."""
    path = _path(step, version, source)
    if path is None:
        return
    try:
        write_atomically(path, result.encode("utf-8"), durable=False)
    except OSError:
        pass
