"""A generation that fails at any step leaves the output tree exactly as it was.

`out` holds a real earlier generation (from a first version of a small spec); each test runs
`generate` for a second version with a failure injected at one step (rendering, model
generation, formatting, writing, just before the swap, during the swap), as an exception
or as a KeyboardInterrupt. The tree must stay byte-identical, no temporary directory may
be left beside it, and the command line must end with one line and the right exit code.
A run killed outright (SIGKILL, in a child process) cannot clean up: the next run does.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator.pipeline
import generator.emit.render
import generator.emit.formatting
import generator.write
from generator.__main__ import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OUTPUT, main
from generator.write import remove_leftovers
from tests.processes import alive, kill_after_reports, wait_until_gone

ROOT = Path(__file__).resolve().parents[2]


def small_spec(version: str) -> dict[str, Any]:
    thing = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string", "description": version},
        },
    }
    ok = {
        "200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
        }
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": version},
        "paths": {
            "/things/{id}/": {
                "get": {
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        }
                    ],
                    "responses": ok,
                }
            }
        },
        "components": {"schemas": {"Thing": thing}},
    }


MANIFEST = {
    "operations": [
        {
            "name": "Get thing",
            "key": "get_thing",
            "kind": "call",
            "binds": "GET /things/{id}/",
            "description": "One thing.",
        }
    ]
}


def run(*arguments: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(list(arguments))
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two versions of a spec, a manifest, and the tree the first version generates."""
    root = tmp_path_factory.mktemp("inputs")
    paths = {"v1": root / "v1.yaml", "v2": root / "v2.yaml", "manifest": root / "ops.yaml"}
    for name, data in (("v1", small_spec("1")), ("v2", small_spec("2")), ("manifest", MANIFEST)):
        paths[name].write_text(yaml.safe_dump(data), encoding="utf-8")
    paths["tree"] = root / "generated"
    code, _, stderr = run(
        "generate",
        "--spec",
        str(paths["v1"]),
        "--manifest",
        str(paths["manifest"]),
        "--out",
        str(paths["tree"]),
    )
    assert code == 0, stderr
    return paths


@pytest.fixture
def out(tmp_path: Path, inputs: dict[str, Path]) -> Path:
    tree = tmp_path / "work" / "generated"
    shutil.copytree(inputs["tree"], tree)
    return tree


def snapshot(tree: Path) -> dict[str, bytes]:
    """Every file under the tree's parent, as bytes: temporary siblings would show too."""
    return {
        str(p.relative_to(tree.parent)): p.read_bytes()
        for p in sorted(tree.parent.rglob("*"))
        if p.is_file()
    }


def v2_arguments(inputs: dict[str, Path], out: Path) -> list[str]:
    """The command line generating the second version into `out`."""
    return [
        "generate",
        "--spec",
        str(inputs["v2"]),
        "--manifest",
        str(inputs["manifest"]),
        "--out",
        str(out),
    ]


def generate_v2(inputs: dict[str, Path], out: Path) -> tuple[int, str, str]:
    return run(*v2_arguments(inputs, out))


def raising(error: BaseException) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise error

    return fail


def fail_on_call(number: int, real: Callable[..., Any], error: BaseException) -> Callable[..., Any]:
    """`real`, except that its `number`-th call raises `error`."""
    calls = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        if len(calls) == number:
            raise error
        return real(*args, **kwargs)

    return wrapper


def inject(monkeypatch: pytest.MonkeyPatch, step: str, error: BaseException) -> None:
    """Make one step of the generation fail with `error`."""
    if step == "render":
        monkeypatch.setattr(generator.pipeline, "rendered_parts", raising(error))
    elif step == "models":
        monkeypatch.setattr(generator.emit.render, "render_models", raising(error))
    elif step == "format":
        monkeypatch.setenv("LEAFLINK_GENERATOR_CACHE", "off")  # so black really runs
        monkeypatch.setattr(generator.emit.formatting, "_black", raising(error))
    elif step == "write":  # the third file of the staging tree cannot be written
        monkeypatch.setattr(
            generator.write,
            "write_atomically",
            fail_on_call(3, generator.write.write_atomically, error),
        )
    elif step == "before-swap":
        before_swap = functools.partial(generator.write.write_tree, before_swap=raising(error))
        monkeypatch.setattr(generator.write, "write_tree", before_swap)
    elif step == "swap":  # the old tree is retired, then the new one cannot take its place
        monkeypatch.setattr(generator.write.os, "rename", fail_on_call(2, os.rename, error))
    else:
        raise AssertionError(step)


STEPS = ["render", "models", "format", "write", "before-swap", "swap"]


@pytest.mark.parametrize("step", STEPS)
def test_a_failing_step_leaves_the_tree_as_it_was(
    monkeypatch: pytest.MonkeyPatch, inputs: dict[str, Path], out: Path, step: str
) -> None:
    before = snapshot(out)
    error = (
        OSError(errno.ENOSPC, "No space left on device")
        if step in ("write", "swap")
        else RuntimeError("injected\nfailure")
    )
    inject(monkeypatch, step, error)
    code, stdout, stderr = generate_v2(inputs, out)
    environment = step in ("write", "swap")  # the disk, not the generator, failed
    assert code == (EXIT_OUTPUT if environment else EXIT_BUG), stdout + stderr
    assert stdout == ""
    first = "error: cannot write " if environment else "internal error (a generator bug): "
    assert stderr.count("\n") == 1 and stderr.startswith(first), stderr
    assert (
        "No space left on device" if environment else "RuntimeError: injected failure"
    ) in stderr
    assert snapshot(out) == before


def test_an_output_that_cannot_be_written_is_an_environment_error(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("in the way\n", encoding="utf-8")
    out = tmp_path / "a-file" / "generated"
    code, stdout, stderr = generate_v2(inputs, out)
    assert (code, stdout) == (EXIT_OUTPUT, "")
    assert stderr.startswith(f"error: cannot write {out}: ") and stderr.endswith(
        "; nothing was written.\n"
    ), stderr
    assert stderr.count("\n") == 1
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "in the way\n"


@pytest.mark.parametrize("step", STEPS)
def test_an_interrupt_at_any_step_leaves_the_tree_as_it_was(
    monkeypatch: pytest.MonkeyPatch, inputs: dict[str, Path], out: Path, step: str
) -> None:
    before = snapshot(out)
    inject(monkeypatch, step, KeyboardInterrupt())
    code, stdout, stderr = generate_v2(inputs, out)
    assert (code, stderr) == (EXIT_INTERRUPTED, "interrupted; the output tree is as it was.\n")
    assert snapshot(out) == before


def test_without_a_failure_the_second_version_replaces_the_first(
    inputs: dict[str, Path], out: Path
) -> None:
    """The control: the same run, nothing injected, does change the tree (and nothing else)."""
    before = snapshot(out)
    code, stdout, stderr = generate_v2(inputs, out)
    assert code == 0, stderr
    after = snapshot(out)
    assert after != before and sorted(after) == sorted(before)
    assert "catalogue changed (1): get_thing" in stdout


# -- a run killed outright -------------------------------------------------------------------

KILLED_RUN = """
import os, signal, sys
from pathlib import Path
import generator.write as write
from generator.__main__ import main

def die(*args):
    os.kill(os.getpid(), signal.SIGKILL)

if sys.argv[1] == "before-swap":
    real = write.write_tree
    write.write_tree = lambda files, out: real(files, out, before_swap=die)
else:  # between the two renames of the swap
    real_rename, calls = os.rename, []
    def rename(source, target):
        calls.append(source)
        if len(calls) == 2:
            die()
        real_rename(source, target)
    write.os.rename = rename
main(sys.argv[2:])
"""


@pytest.mark.parametrize("moment", ["before-swap", "between-renames"])
def test_a_killed_run_leaves_what_the_next_run_cleans_up(
    inputs: dict[str, Path], out: Path, moment: str
) -> None:
    before = snapshot(out)
    arguments = v2_arguments(inputs, out)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_RUN), moment, *arguments],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    strays = sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".generated."))
    if moment == "before-swap":
        assert [s.split("-")[0] for s in strays] == [".generated.new"]
        assert {k: v for k, v in snapshot(out).items() if not k.startswith(".")} == before
    else:  # the old tree is retired under a temporary name, the new one never arrived
        assert [s.split("-")[0] for s in strays] == [".generated.new", ".generated.old"]
        assert not out.exists()
    remove_leftovers(out.absolute())
    assert snapshot(out) == before  # the next run first puts everything back as it was
    code, _, stderr = generate_v2(inputs, out)
    assert code == 0, stderr
    assert [p.name for p in out.parent.iterdir()] == ["generated"]


def test_two_runs_into_one_output_take_turns(inputs: dict[str, Path], out: Path) -> None:
    """A forced interleaving: run A holds the output (paused just before its swap) while run B
    starts. B must wait for A, then replace A's complete tree by its own complete tree."""
    import threading

    paused, release = threading.Event(), threading.Event()
    events: list[str] = []

    def hold(staging: Path) -> None:
        events.append("A ready to swap")
        paused.set()
        assert release.wait(30)

    files_a = {"x/one.txt": "a\n", "two.txt": "a\n"}
    files_b = {"x/one.txt": "b\n", "three.txt": "b\n"}
    first = threading.Thread(
        target=generator.write.write_tree, args=(files_a, out), kwargs={"before_swap": hold}
    )
    first.start()
    assert paused.wait(30)
    second = threading.Thread(
        target=lambda: (generator.write.write_tree(files_b, out), events.append("B written"))
    )
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        second.start()
        second.join(1.0)
        assert second.is_alive() and events == ["A ready to swap"]  # B waits for A's turn
        events.append("A released")
        release.set()
        first.join(30)
        second.join(30)
    assert events == ["A ready to swap", "A released", "B written"]
    assert f"waiting for another generation into {out.absolute()}" in stderr.getvalue()
    assert generator.write.read_tree(out) == files_b
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # no temporary tree left


def test_black_workers_die_with_a_killed_generator(tmp_path: Path) -> None:
    """SIGKILL leaves no clean-up to run: the workers must end by themselves."""
    script = tmp_path / "format.py"
    script.write_text(
        textwrap.dedent("""
            import os, sys, time
            import generator.emit.formatting as formatting
            formatting._black = lambda path, text: (os.write(1, b"%d\\n" % os.getpid()), time.sleep(60))[1] or text
            formatting._format_all([(f"m{i}.py", "x = 1\\n" * 20000) for i in range(8)])
            """),
        encoding="utf-8",
    )
    workers = kill_after_reports(script, 2)  # two workers are formatting
    wait_until_gone(workers)
    assert not any(alive(pid) for pid in workers), workers
