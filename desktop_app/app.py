"""Start-up of the Qt application."""

from __future__ import annotations

import sys


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
    window = MainWindow()
    window.show()
    return app.exec()
