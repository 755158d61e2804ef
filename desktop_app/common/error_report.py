"""What the user sees when something goes wrong that no view handled: a short message
with a "Copy details" button, the traceback in the log file, and the app still running.

One hook (:func:`install_exception_hook`) catches every exception that escapes a slot or
an event handler on the UI thread (PySide6 hands those to ``sys.excepthook``) and every
exception that ends a plain thread (``threading.excepthook``). Without it Qt prints the
traceback to a terminal the user may not have, and the clicked button silently does
nothing. :func:`report_startup_failure` is the same message for a window that never
opened, after which the process exits.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.common.i18n import error_text
from training_core.app_log import one_line

log = logging.getLogger("digit_lab.errors")

HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")  # no one to click a message box


def has_display() -> bool:
    """Whether a message box can be seen and answered on this Qt platform."""
    app = QGuiApplication.instance()
    return app is not None and QGuiApplication.platformName() not in HEADLESS_PLATFORMS


def error_box(title: str, summary: str, details: str, parent=None) -> QMessageBox:
    """A warning with the one-line ``summary`` and a button that copies ``details`` (the
    traceback and versions) for a bug report. Not modal for the event loop: ``open()``."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, summary, QMessageBox.StandardButton.Ok)
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    box.setDetailedText(details)
    copy = box.addButton(
        QCoreApplication.translate("ErrorReport", "Copy details"), QMessageBox.ButtonRole.ActionRole
    )
    copy.clicked.disconnect()  # an action button would close the box; copying should not
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    return box


def describe(exc_type, exc, tb) -> str:
    """The details a bug report needs: the traceback plus the program's versions."""
    from training_core import __version__

    text = "".join(traceback.format_exception(exc_type, exc, tb))
    return f"Digit Lab {__version__}, Python {sys.version.split()[0]}\n{text}"


class ExceptionHook:
    """Logs every uncaught exception and shows one message box at a time for them: an
    error repeated in every paint event must not bury the screen in boxes."""

    def __init__(self, log_file: Path | None) -> None:
        self.log_file = log_file
        self.box: QMessageBox | None = None
        self.count = 0

    def install(self) -> ExceptionHook:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(
            args.exc_type, args.exc_value, args.exc_traceback, args.thread
        )
        return self

    def handle(self, exc_type, exc, tb, thread: threading.Thread | None = None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            return  # Ctrl+C is the shutdown path's (see desktop_app.app), not an error
        self.count += 1
        where = f" in thread {thread.name}" if thread is not None else ""
        log.error("uncaught exception%s", where, exc_info=(exc_type, exc, tb))
        app = QApplication.instance()
        if app is None or not has_display():
            print(f"digit-lab: error: {one_line(exc)}", file=sys.stderr)
            return
        # A thread's exception is shown from the UI thread; a box is open at most once.
        QTimer.singleShot(0, app, lambda: self._show(exc_type, exc, tb))

    def _show(self, exc_type, exc, tb) -> None:
        if self.box is not None and self.box.isVisible():
            return
        summary = QCoreApplication.translate("ErrorReport", "Something went wrong: {error}").format(
            error=error_text(exc)
        )
        summary += "\n\n" + QCoreApplication.translate("ErrorReport", "Your work is kept.")
        if self.log_file:
            summary += " " + QCoreApplication.translate(
                "ErrorReport", "Details are in the log: {file}."
            ).format(file=self.log_file)
        self.box = error_box(
            QCoreApplication.translate("ErrorReport", "Digit Lab"),
            summary,
            describe(exc_type, exc, tb),
        )
        self.box.open()


def install_exception_hook(log_file: Path | None) -> ExceptionHook:
    return ExceptionHook(log_file).install()


def report_startup_failure(exc: BaseException, log_file: Path | None) -> None:
    """The window could not be built: say why (a box with details, or one line on stderr
    when there is no display), log the traceback. The caller then exits non-zero."""
    log.error("Digit Lab could not start", exc_info=exc)
    where = f" (details in {log_file})" if log_file else ""
    print(f"digit-lab: cannot start: {one_line(exc)}{where}", file=sys.stderr)
    if has_display():
        box = error_box(
            QCoreApplication.translate("ErrorReport", "Digit Lab cannot start"),
            QCoreApplication.translate("ErrorReport", "Digit Lab could not start: {error}").format(
                error=error_text(exc)
            ),
            describe(type(exc), exc, exc.__traceback__),
        )
        box.exec()
