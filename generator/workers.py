"""Worker processes for the slow, pure steps (black, datamodel-code-generator): forked, so
they start with the generator's modules loaded, and never outliving the generator, whatever
kills it."""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

T = TypeVar("T")


def can_fork() -> bool:
    """Forking is safe only while this process runs a single thread (no lock held elsewhere)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


@contextmanager
def forked_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` forked processes that die with this one; shut down on exit."""
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_die_with,
        initargs=(os.getpid(),),
    ) as pool:
        yield pool


@contextmanager
def when_asked(function: Callable[..., T], *args: Any) -> Iterator[Callable[[], T]]:
    """`in_background`'s shape with no worker: `function(*args)` runs, once, when asked for."""
    yield functools.cache(functools.partial(function, *args))


@contextmanager
def in_background(function: Callable[..., T], *args: Any) -> Iterator[Callable[[], T]]:
    """Run `function(*args)` in a forked process while the block runs; the block gets a
    function that waits for the result (or raises what `function` raised).

    A plain process and a pipe, no pool: this process keeps a single thread, so the block may
    fork workers of its own. Where forking is unsafe, the result is computed when asked for.
    The worker is killed if the block leaves without asking.
    """
    if not can_fork():
        with when_asked(function, *args) as computed:
            yield computed
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run, args=(os.getpid(), sender, function, args), daemon=True)
    process.start()
    sender.close()
    outcome: list[tuple[bool, Any]] = []

    def result() -> T:
        if not outcome:
            try:
                outcome.append(receiver.recv())
            except EOFError:
                process.join()
                name = getattr(function, "__name__", "a step")
                message = f"the worker running {name} died (exit code {process.exitcode})"
                outcome.append((False, RuntimeError(message)))
        done, value = outcome[0]
        if not done:
            raise value
        return cast(T, value)

    try:
        yield result
    finally:
        if not outcome:
            process.kill()
        process.join()
        receiver.close()


def _run(
    parent: int, sender: Connection, function: Callable[..., Any], args: tuple[Any, ...]
) -> None:
    """In the worker: (True, result) or (False, the exception) down the pipe."""
    _die_with(parent)
    try:
        outcome: tuple[bool, Any] = (True, function(*args))
    except BaseException as error:  # handed to the parent, which raises it
        outcome = (False, error)
    try:
        sender.send(outcome)
    except Exception as error:  # an exception that does not pickle
        sender.send((False, RuntimeError(f"{outcome[1]!r} ({error})")))


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
