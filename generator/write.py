"""Format the rendered files with black, and write a tree atomically (or compare it with one).

A tree is written into a temporary sibling directory and swapped in whole with renames, so a
failure at any step leaves the existing output exactly as it was. Runs into one output take
turns (a lock file in the temporary folder): a second run waits, saying so, and never sweeps away the first
one's temporary tree. Black's worker processes die with the generator, whatever kills it.
"""

from __future__ import annotations

import difflib
import fcntl
import functools
import hashlib
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import lookup, store
from .emit.pieces import Plan, plan, with_header, without_header
from .problems import OutputError

if TYPE_CHECKING:
    import black

BLACK_LINE_LENGTH = 88
BLACK_TARGET = "PY311"  # every other option of black's mode is its default
BLACK_VERSION = (  # the cache's key for black's output
    f"black {metadata.version('black')} line_length={BLACK_LINE_LENGTH} {BLACK_TARGET}"
)
PARALLEL_ABOVE = 40_000  # characters to format before worker processes pay off
MAX_WORKERS = 8


class FormatError(Exception):
    """Black could not parse a rendered file: a generator bug, named with the file."""




def format_files(files: Mapping[str, str]) -> dict[str, str]:
    """Every `.py` file formatted by black; other files unchanged.

    A file's leading comment header is set aside (black never changes it), so the cache
    holds each module's output by its code alone. A module not in the
    cache is cut into pieces black formats alone (see `pieces`), each cached by its own
    text, so a regenerate re-formats only the pieces that changed; pieces not in the cache
    are formatted in parallel processes when there is enough work.
    """
    formatted: dict[str, str] = {}
    plans = {}
    for path, text in files.items():
        if not path.endswith(".py"):
            formatted[path] = text
            continue
        header, body = without_header(text)
        found = lookup("black-module", BLACK_VERSION, body)
        if found is not None:
            formatted[path] = with_header(found, header)
        else:
            plans[path] = plan(text)
    done = _formatted_pieces(plans)
    for path, module in plans.items():
        formatted[path] = module.join([done[p.source()] for p in module.pieces])
        store(
            "black-module",
            BLACK_VERSION,
            without_header(files[path])[1],
            without_header(formatted[path])[1],
        )
    return {path: formatted[path] for path in files}


def _formatted_pieces(plans: Mapping[str, Plan]) -> dict[str, str]:
    """Black's output for every piece of `plans`, by source: from the cache, else computed."""
    wanted = {
        piece.source(): path for path, p in plans.items() for piece in p.pieces
    }  # each distinct source once, with a file to name in errors
    done: dict[str, str] = {}
    missing: list[tuple[str, str]] = []
    for source, path in wanted.items():
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
    if workers < 2 or total < PARALLEL_ABOVE or not _can_fork():
        return _format_batch(items)
    batches = _batches(items, max(total // (workers * 4), 1))
    black_mode()  # imports black once, here, for every forked worker
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_die_with,
        initargs=(os.getpid(),),
    ) as pool:
        order = sorted(batches, key=lambda b: -sum(len(s) for _, s in b))
        futures = {id(batch): pool.submit(_format_batch, batch) for batch in order}
        return [text for batch in batches for text in futures[id(batch)].result()]


def _die_with(parent: int) -> None:
    """Make this worker end when `parent` does, even by SIGKILL (which runs no clean-up).

    On Linux the kernel sends the signal (PR_SET_PDEATHSIG); everywhere, a thread notices
    that the worker has been handed to another parent.
    """
    if sys.platform == "linux":
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


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


def _can_fork() -> bool:
    """Forking is safe only while this process runs a single thread (no lock held elsewhere)."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


@functools.cache
def black_mode() -> black.Mode:
    """Black's mode: `BLACK_LINE_LENGTH` and `BLACK_TARGET` (what `BLACK_VERSION` names)."""
    import black

    return black.Mode(
        target_versions={black.TargetVersion[BLACK_TARGET]},
        line_length=BLACK_LINE_LENGTH,
    )


def _black(path: str, text: str) -> str:
    import black  # imported only when something is formatted: a warm run needs none

    try:
        return black.format_str(text, mode=black_mode())
    except black.InvalidInput as error:
        raise FormatError(
            f"{path}: black cannot parse the rendered code: {error}"
        ) from error


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
                    target = staging / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(text.encode("utf-8"))
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
    retired = sorted(
        out.parent.glob(f".{out.name}.old-*"), key=lambda path: path.stat().st_mtime
    )
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
        path.relative_to(root)
        .as_posix(): path.read_bytes()
        .decode("utf-8", errors="replace")
        for path in sorted(root.rglob("*"))
        if path.is_file() and not _is_cache(path.relative_to(root))
    }


def _is_cache(relative: Path) -> bool:
    return any(
        part == "__pycache__" or part.startswith(".") or part.endswith(".egg-info")
        for part in relative.parts[:-1]
    )


def tree_diff(
    expected: Mapping[str, str], actual: Mapping[str, str], label: str
) -> str:
    """A unified diff from `actual` (on disk, under `label`) to `expected` (freshly generated)."""
    chunks = []
    for path in sorted(set(expected) | set(actual)):
        old, new = actual.get(path), expected.get(path)
        if old == new:
            continue
        chunks.extend(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                (new or "").splitlines(keepends=True),
                fromfile=f"{label}/{path}" if old is not None else "/dev/null",
                tofile=(
                    f"generated by the inputs: {path}"
                    if new is not None
                    else "/dev/null"
                ),
            )
        )
    return "".join(chunks)


def temporary_directory() -> tempfile.TemporaryDirectory[str]:
    """A scratch directory for `check`, outside the project."""
    return tempfile.TemporaryDirectory(prefix="leaflink-check-")
