"""Replace one file whole: readers see the old content or the new, never a part.

The one file writer of the generator: the cache (`cache.store`), the pinned spec
(`review/pin.py`) and the files of an output tree (`write.write_tree`) all go through it.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` by `data` with a rename over it; create its directory if need be.

    The bytes go to a temporary file beside `path`, renamed over it at the end: a failure at
    any step leaves `path` as it was, and no temporary file. An existing file keeps its
    permissions; a new one gets the usual ones (0o666 less the umask). `durable` flushes the
    data to the disk before the rename, so a crash cannot leave an empty file in its place.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = None
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
