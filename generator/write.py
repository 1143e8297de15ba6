"""Write a tree atomically (or compare it with one).

A tree is written into a temporary sibling directory (each file by `atomic.write_atomically`)
and swapped in whole with renames, so a failure at any step leaves the existing output exactly
as it was. Runs into one output take turns (a lock file in the temporary folder): a second run
waits, saying so, and never sweeps away the first one's temporary tree.
"""

from __future__ import annotations

import difflib
import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .atomic import write_atomically
from .problems import OutputError


def _temporary_name(out: Path, role: str) -> Path:
    return out.with_name(f".{out.name}.{role}-{uuid.uuid4().hex[:8]}")


def write_tree(
    files: Mapping[str, str],
    out: Path,
    before_swap: Callable[[Path], None] | None = None,
) -> None:
    """Replace the directory `out` by exactly `files`, atomically.

    `before_swap` (for tests) runs on the complete temporary tree just before the swap.
    """
    out = out.absolute()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _turn(out):
            remove_leftovers(out)
            staging = _temporary_name(out, "new")
            try:
                for relative, text in sorted(files.items()):
                    write_atomically(staging / relative, text.encode("utf-8"), durable=False)
                if before_swap is not None:
                    before_swap(staging)
                _swap(staging, out)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        reason = error.strerror or str(error)
        where = error.filename or out
        raise OutputError(f"cannot write {out}: {reason} ({where})") from error


@contextmanager
def _turn(out: Path) -> Iterator[None]:
    """Hold the lock of `out` while the block runs; wait for it, saying so, when another run
    holds it. The kernel releases it when a run dies. The lock file lies in the system's
    temporary folder, named by the output's real path, so nothing is left beside `out`."""
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"leaflink-generate-{name}.lock", "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"waiting for another generation into {out} to finish ...",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _swap(staging: Path, out: Path) -> None:
    retired = _temporary_name(out, "old") if out.exists() else None
    if retired is not None:
        os.rename(out, retired)
    try:
        os.rename(staging, out)
    except BaseException:
        if retired is not None:
            os.rename(retired, out)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def remove_leftovers(out: Path) -> None:
    """Delete temporary trees an interrupted run of an earlier generation left beside `out`.

    A run killed between the two renames of the swap leaves no `out`, only the tree it
    retired: that tree is put back first.
    """
    for stray in out.parent.glob(f".{out.name}.new-*"):
        shutil.rmtree(stray, ignore_errors=True)
    retired = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda path: path.stat().st_mtime)
    if retired and not out.exists():
        os.rename(retired.pop(), out)
    for stray in retired:
        shutil.rmtree(stray, ignore_errors=True)


def read_tree(root: Path) -> dict[str, str]:
    """Every file under `root` by relative POSIX path (empty when `root` does not exist).

    Caches that tools leave in a tree (`__pycache__`, `.mypy_cache`, any dot-directory, the
    `*.egg-info` an editable install of `generated/` writes) are not part of it.
    """
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes().decode("utf-8", errors="replace")
        for path in sorted(root.rglob("*"))
        if path.is_file() and not _is_cache(path.relative_to(root))
    }


def _is_cache(relative: Path) -> bool:
    return any(
        part == "__pycache__" or part.startswith(".") or part.endswith(".egg-info")
        for part in relative.parts[:-1]
    )


def tree_diff(expected: Mapping[str, str], actual: Mapping[str, str], label: str) -> str:
    """A unified diff from `actual` (on disk, under `label`) to `expected` (freshly generated)."""
    chunks: list[str] = []
    for path in sorted(set(expected) | set(actual)):
        old, new = actual.get(path), expected.get(path)
        if old == new:
            continue
        chunks.extend(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                (new or "").splitlines(keepends=True),
                fromfile=f"{label}/{path}" if old is not None else "/dev/null",
                tofile=(f"generated by the inputs: {path}" if new is not None else "/dev/null"),
            )
        )
    return "".join(chunks)


def temporary_directory() -> tempfile.TemporaryDirectory[str]:
    """A scratch directory for `check`, outside the project."""
    return tempfile.TemporaryDirectory(prefix="leaflink-check-")
