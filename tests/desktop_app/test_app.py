import sys

from PySide6.QtWidgets import QMessageBox

from desktop_app import app


def test_an_escaped_exception_becomes_a_message_and_a_log_entry(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.install_error_dialog()
    try:
        raise ValueError("the slot broke\nsecond line")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert shown and shown[0].startswith("Something went wrong: the slot broke\n")
    assert "ValueError: the slot broke" in app.crash_log_path().read_text()
