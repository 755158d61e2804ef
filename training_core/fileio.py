"""Atomic file writes, the one way Digit Lab writes a file: a crash, a killed process or a
full disk never leaves a half-written file under the real name.

The data goes to a temporary file beside the target (same folder, so the final rename is
atomic), is flushed to disk, gets the mode any other program's new file would get (0666
less the user's umask; ``mkstemp`` alone would leave 0600), and is renamed over the
target. On any error the temporary file is removed and the old file stays as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from training_core.messages import Message, msg


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

# Temporary files are named ".<stem>.<writer's pid>~<random>.tmp<suffix>": a file whose
# writer is gone (killed mid-write) can be recognised and removed on the next start.
TEMP_MARK = "~"
_TEMP_NAME = re.compile(r"^\..*\.(\d+)~[^/]*\.tmp(\.[^.]*)?$")
STALE_AFTER_S = 3600  # a temporary file this old is stale even if its pid was reused


def describe_os_error(exc: BaseException, folder: str | os.PathLike | None = None) -> str:
    """A failed write in the user's words; a full disk is named as such. Writers that wrap
    the error (torch.save raises RuntimeError) lose the errno, so with ``folder`` the free
    space there is checked too. The common causes come back as translatable messages; any
    other is the system's own (English) text."""
    code = getattr(exc, "errno", None)
    full = code in (errno.ENOSPC, errno.EDQUOT) or "no space left" in str(exc).lower()
    if full or (folder is not None and _free_bytes(folder) < 1 << 20):
        return msg("os.disk_full", "the disk is full (no space left on the device)")
    if code == errno.EFBIG or "file too large" in str(exc).lower():
        return msg("os.file_too_large", "the file is larger than this system allows")
    if code in (errno.EACCES, errno.EPERM):
        return msg("os.permission_denied", "permission denied")
    if code == errno.EROFS:
        return msg("os.read_only", "the folder is on a read-only disk")
    text = system_text(getattr(exc, "strerror", None)) or str(exc)
    if isinstance(text, Message):
        return text
    return text.splitlines()[0] if text else type(exc).__name__


def system_text(strerror: str | None) -> str | None:
    """An ``OSError``'s ``strerror``, as a translatable message when it is one of the common
    ones; the English text stays the system's own. Anything else comes back unchanged."""
    if strerror == "No such file or directory":
        return msg("os.no_such_file", "No such file or directory")
    if strerror == "Permission denied":
        return msg("os.access_denied", "Permission denied")
    if strerror == "Is a directory":
        return msg("os.is_a_directory", "Is a directory")
    if strerror == "Not a directory":
        return msg("os.not_a_directory", "Not a directory")
    if strerror == "No space left on device":
        return msg("os.no_space", "No space left on device")
    if strerror == "Read-only file system":
        return msg("os.read_only_system", "Read-only file system")
    return strerror


def _free_bytes(folder: str | os.PathLike) -> int:
    import shutil

    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 1 << 62


def remove_stale_temp_files(folder: str | os.PathLike, everything: bool = False) -> int:
    """Delete temporary files in ``folder`` left by writers that no longer run (or, with
    ``everything``, all of them: for a folder being removed). Returns how many went."""
    from training_core.processes import pid_is_alive  # lazy: fileio imports nothing of ours

    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match.group(1))
        try:
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S
            mine = pid == os.getpid()
            if everything or old or (not mine and not pid_is_alive(pid)):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


@contextlib.contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without an error, the
    file written there replaces ``path``. For writers that want a file name (pyqtgraph's
    exporters, Pillow); the temporary name keeps ``path``'s suffix, which they read. The
    folder must exist: a file the user saves into a folder that has gone is an error."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.stem}.{os.getpid()}{TEMP_MARK}",
        suffix=f".tmp{path.suffix}",
        dir=path.parent,
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
