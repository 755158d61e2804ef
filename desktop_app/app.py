"""Start-up and the end of the Qt application: one path in, one path out.

In: the log is set up first, then Qt, the error hook and the window. Anything that fails
before the event loop runs is reported (a box with details, or one line on stderr without
a display) and the process exits non-zero: a failed start never leaves a process behind.

Out: the close button, Ctrl+Q and File > Quit reach ``MainWindow.closeEvent``; Ctrl+C and
SIGTERM reach ``quit_without_asking`` through :class:`SignalBridge`; a bare
``QApplication.quit()`` (a logout) reaches ``MainWindow.shutdown`` through ``aboutToQuit``.
All three end in the same ``shutdown``.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from training_core import app_log

log = logging.getLogger(__name__)

QUIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class SignalBridge:
    """Delivers SIGINT/SIGTERM/SIGHUP to the UI thread while Qt's event loop runs.

    Python runs signal handlers only between bytecodes, and the event loop sits in C++ for
    as long as nothing happens, so a plain handler would wait for the next mouse move. The
    signal's number is written to a socket (``signal.set_wakeup_fd``) that a
    QSocketNotifier watches, which wakes the loop at once. A second signal while quitting
    ends the process at once: someone pressing Ctrl+C twice means it.
    """

    def __init__(self, on_signal: Callable[[int], None]) -> None:
        from PySide6.QtCore import QSocketNotifier

        self.on_signal = on_signal
        self.received = 0
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {sig: signal.signal(sig, self._noted) for sig in QUIT_SIGNALS}
        self.notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self._wake)

    @staticmethod
    def _noted(signum, frame) -> None:
        """The Python-level handler: nothing to do, the wake-up byte carries the signal."""

    def _wake(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            self.received += 1
            if self.received > 1:
                log.warning("second signal %d while quitting: exiting at once", signum)
                os._exit(128 + signum)
            log.info("signal %d: quitting", signum)
            self.on_signal(signum)

    def close(self) -> None:
        """Give the signals back (tests and embedding run more than one app per process)."""
        self.notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._reader.close()
        self._writer.close()


def display_problem(env: dict[str, str], platform: str) -> str | None:
    """Why no window can open on this Linux machine, found before Qt tries: without a
    display Qt's xcb plugin ends the process with a fatal error and five lines about
    plugins. Only the sure cases are caught; anything else is left to Qt."""
    if not platform.startswith("linux"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "")
    if qpa and not qpa.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs...: no display server needed
    display, wayland = env.get("DISPLAY", ""), env.get("WAYLAND_DISPLAY", "")
    if not display and not wayland:
        return (
            "no display (DISPLAY and WAYLAND_DISPLAY are not set): start it from a desktop "
            "session, or use the command line (digit-lab --help)"
        )
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    sockets = Path("/tmp/.X11-unix")
    if not wayland and local and sockets.is_dir() and not (sockets / f"X{local[1]}").exists():
        return f"no X server is running on display {display}"
    return None


def main(argv: list[str] | None = None) -> int:
    """Open the Digit Lab window and run the event loop until it closes."""
    argv = list(sys.argv if argv is None else argv)
    debug = app_log.debug_requested(argv)
    argv = [a for a in argv if a != "--debug"]
    log_file = app_log.configure(debug)
    problem = display_problem(dict(os.environ), sys.platform)
    if problem:  # Qt would abort the process (a fatal error cannot be caught): say why
        print(f"digit-lab: cannot open the window: {problem}", file=sys.stderr)
        return 1
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:  # pragma: no cover - depends on the machine
        print(f"digit-lab: cannot start the window: {exc}", file=sys.stderr)
        return 1

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("Digit Lab")
    app.setOrganizationName("DigitLab")
    try:
        window = _build_window(app, log_file)
    except Exception as exc:
        from desktop_app.common.error_report import report_startup_failure

        report_startup_failure(exc, log_file)
        return 1
    bridge = SignalBridge(lambda signum: window.quit_without_asking())
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    try:
        return app.exec()
    finally:
        bridge.close()


def _build_window(app, log_file):
    """Everything that can fail before the event loop, in one place."""
    from PySide6.QtGui import QIcon

    from desktop_app.common import i18n
    from desktop_app.common.desktop_entry import DESKTOP_ID
    from desktop_app.common.error_report import install_exception_hook
    from desktop_app.main_window import MainWindow
    from training_core.resources import icon_path

    i18n.install(app)  # before any widget exists: every tr() below reads the catalog
    app.setDesktopFileName(DESKTOP_ID)  # ties the windows to digit-lab.desktop (Wayland app id)
    app.setWindowIcon(QIcon(str(icon_path())))  # every window's title bar and taskbar icon
    install_exception_hook(log_file)
    return MainWindow()
