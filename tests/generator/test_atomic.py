"""`atomic.write_atomically`: the one file writer of the cache, the pin and the output tree."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import generator.atomic
from generator.atomic import write_atomically


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pinned.yaml"
    target.write_text("old\n", encoding="utf-8")

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(generator.atomic.os, "fsync", full_disk)
        with pytest.raises(OSError):
            write_atomically(target, b"new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["pinned.yaml"]
    write_atomically(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [path.name for path in tmp_path.iterdir()] == ["pinned.yaml"]


def test_a_file_keeps_its_permissions_and_a_new_one_gets_the_directory_it_needs(
    tmp_path: Path,
) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_atomically(kept, b"new", durable=False)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_bytes() == b"new"
    fresh = tmp_path / "a" / "b" / "fresh.txt"
    write_atomically(fresh, b"text")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    assert fresh.read_bytes() == b"text"
