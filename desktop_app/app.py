"""Start-up of the Qt application."""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path


def crash_log_path() -> Path:
    from training_core.runs import default_runs_root

    return default_runs_root().parent / "errors.log"


def install_error_dialog() -> None:
    """An exception that escapes a slot becomes a message box, not a dead window.

    Qt would otherwise print the traceback to a terminal the user may not have, and the
    action would silently do nothing. The details go to a log file for bug reports.
    """

    def show(exc_type, exc, tb):
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(details)
        log = crash_log_path()
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{details}")
        except OSError:
            pass
        from PySide6.QtWidgets import QApplication, QMessageBox

        from desktop_app.common.workers import one_line

        if QApplication.instance() is None:
            return
        first_line = one_line(exc)
        QMessageBox.warning(
            None,
            "Digit Lab",
            f"Something went wrong: {first_line}\n\nYour work is kept. Details: {log}",
        )

    sys.excepthook = show


def main(argv: list[str] | None = None) -> int:
    """Open the Digit Lab window and run the event loop until it closes."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:  # pragma: no cover - depends on the machine
        print(f"digit-lab: cannot start the window: {exc}", file=sys.stderr)
        return 1

    from desktop_app.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Digit Lab")
    app.setOrganizationName("DigitLab")
    install_error_dialog()
    window = MainWindow()
    window.show()
    return app.exec()
