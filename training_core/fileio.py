"""Atomic file writes, the one way Digit Lab writes a file: a crash, a killed process or a
full disk never leaves a half-written file under the real name.

The data goes to a temporary file beside the target (same folder, so the final rename is
atomic), is flushed to disk, gets the mode any other program's new file would get (0666
less the user's umask; ``mkstemp`` alone would leave 0600), and is renamed over the
target. On any error the temporary file is removed and the old file stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


def _read_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        status = Path("/proc/self/status").read_text()
        match = re.search(r"^Umask:\s*([0-7]+)", status, re.MULTILINE)
        if match:
            return int(match.group(1), 8)
    except OSError:
        pass
    mask = os.umask(0o022)  # elsewhere: read it by setting it, once, at import
    os.umask(mask)
    return mask


NEW_FILE_MODE = 0o666 & ~_read_umask()


@contextlib.contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without an error, the
    file written there replaces ``path``. For writers that want a file name (pyqtgraph's
    exporters, Pillow); the temporary name keeps ``path``'s suffix, which they read. The
    folder must exist: a file the user saves into a folder that has gone is an error."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent
    )
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp_path, NEW_FILE_MODE)
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(file)`` on a temporary binary file, then move it over ``path``.

    Creates missing parent folders: the app's own files (runs, preferences) live in
    folders it makes itself."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as tmp, open(tmp, "wb") as handle:
        write(handle)
    return Path(path)


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    return atomic_write(path, lambda handle: handle.write(text.encode("utf-8")))
