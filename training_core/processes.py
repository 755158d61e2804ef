"""Which process owns a piece of work: recorded in a running run's status.json and in the
names of temporary files, so that work left behind by a killed process can be recognised.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def _start_ticks(pid: int) -> int | None:
    """When process ``pid`` started (Linux /proc), to tell it from a later one reusing the pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def process_identity() -> dict:
    """This process, as written into a running run's status.json."""
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": _start_ticks(os.getpid())}


def pid_is_alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return _windows_pid_is_alive(pid)
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):  # gone, or no pid at all
        return False
    except (PermissionError, OSError):
        return True  # exists, owned by someone else
    return True


def _windows_pid_is_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    code = ctypes.c_ulong()
    try:
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    finally:
        kernel32.CloseHandle(handle)
    return code.value == 259  # STILL_ACTIVE


def owner_is_alive(owner: object) -> bool:
    """Whether the process recorded in ``owner`` still runs. A "running" status with no
    owner was written before owners were recorded, by a process long gone. A run owned on
    another machine sharing the folder counts as alive: it cannot be checked from here."""
    if not isinstance(owner, dict):
        return False
    pid, host = owner.get("pid"), owner.get("host")
    if host != socket.gethostname():
        return True
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    if not pid_is_alive(pid):
        return False
    started = owner.get("started")
    return started is None or _start_ticks(pid) in (None, started)
