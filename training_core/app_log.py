"""The log: one rotating file in the per-user log folder, shared by the app and the CLI.

Users see one-line messages; the details (tracebacks, ignored settings, damaged files)
go here, so a bug report can include them. ``--debug`` or ``DIGIT_LAB_DEBUG=1`` also
prints the log to the terminal, and makes the CLI show tracebacks.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from training_core import preferences

DEBUG_ENV_VAR = "DIGIT_LAB_DEBUG"
LOG_FILE = "digit-lab.log"
MAX_LOG_BYTES = 1_000_000
KEPT_LOGS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"


def log_path() -> Path:
    return preferences.log_dir() / LOG_FILE


def debug_requested(argv: list[str] | None = None) -> bool:
    """``--debug`` among ``argv``, or DIGIT_LAB_DEBUG set to anything but 0/empty."""
    if argv is not None and "--debug" in argv:
        return True
    return os.environ.get(DEBUG_ENV_VAR, "").strip() not in ("", "0")


class _OursFileHandler(logging.handlers.RotatingFileHandler):
    """Marks the handler this module installed, so configuring again replaces it."""


class _OursStreamHandler(logging.StreamHandler):
    pass


class _OursNullHandler(logging.NullHandler):
    pass


_OURS = (_OursFileHandler, _OursStreamHandler, _OursNullHandler)


def configure(debug: bool = False) -> Path | None:
    """Send log records to the rotating file (and to stderr with ``debug``); returns the
    file's path, or None when the log folder cannot be written (then nothing is logged to
    a file and the app still runs). Safe to call again: it replaces its own handlers."""
    unconfigure()
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    path: Path | None = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _OursFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=KEPT_LOGS, encoding="utf-8", delay=True
        )
        handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(handler)
    except OSError as exc:
        print(f"digit-lab: no log file ({exc})", file=sys.stderr)
        path = None
        # Without any handler Python's last resort prints records, tracebacks included,
        # on the terminal: one line above is all the user should see.
        root.addHandler(_OursNullHandler())
    if debug:
        stream = _OursStreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(stream)
    return path


def unconfigure() -> None:
    """Remove the handlers :func:`configure` installed (tests, and embedding the app)."""
    root = logging.getLogger()
    ours = [h for h in root.handlers if isinstance(h, _OURS)]
    for handler in ours:
        root.removeHandler(handler)
        handler.close()


def one_line(exc: BaseException) -> str:
    """The message a user sees for an exception: its first line, or its type's name."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
