"""The one hook for exceptions nobody handled: logged with the traceback, shown as a short
message with "Copy details", and the app keeps running."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop_app.common import error_report
from training_core import app_log


@pytest.fixture
def hook(monkeypatch, qapp):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # both restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log_file = app_log.configure()
    hook = error_report.install_exception_hook(log_file)
    yield hook
    if hook.box is not None:
        hook.box.close()


def broken_slot():
    raise ValueError("the slot broke\nsecond line")


def test_a_slot_that_raises_is_logged_and_the_loop_goes_on(hook, qtbot, capsys):
    QTimer.singleShot(0, broken_slot)
    ticks = []
    QTimer.singleShot(50, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])  # the event loop survived the exception
    assert hook.count == 1
    assert "digit-lab: error: the slot broke" in capsys.readouterr().err  # no display: stderr
    text = app_log.log_path().read_text()
    assert "ValueError: the slot broke" in text and "Traceback" in text


def test_with_a_display_one_box_shows_the_line_and_copies_the_details(hook, qtbot, monkeypatch):
    monkeypatch.setattr(error_report, "has_display", lambda: True)
    for _ in range(3):  # an error in every paint event must not open three boxes
        QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: hook.count == 3 and hook.box is not None and hook.box.isVisible())
    boxes = [w for w in QGuiApplication.topLevelWindows() if w.isVisible()]
    assert len([b for b in boxes if b.title() == "Digit Lab"]) == 1
    box = hook.box
    assert box.text().startswith("Something went wrong: the slot broke\n")
    assert "digit-lab.log" in box.text()
    copy = next(b for b in box.findChildren(QPushButton) if b.text() == "Copy details")
    copy.click()
    assert "ValueError: the slot broke" in QGuiApplication.clipboard().text()
    assert box.isVisible()  # copying does not close the message
    box.done(QMessageBox.StandardButton.Ok)


def test_a_thread_that_dies_is_reported_too(hook, qtbot, capsys):
    thread = threading.Thread(target=broken_slot, name="some-helper")
    thread.start()
    thread.join()
    assert hook.count == 1
    assert "in thread some-helper" in app_log.log_path().read_text()


def test_ctrl_c_is_not_an_error(hook, caplog):
    with caplog.at_level(logging.ERROR):
        hook.handle(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert hook.count == 0 and not caplog.records


def test_a_start_up_failure_is_one_line_and_logged(qapp, capsys):
    log_file = app_log.configure()
    try:
        raise RuntimeError("no tabs today")
    except RuntimeError as exc:
        error_report.report_startup_failure(exc, log_file)
    err = capsys.readouterr().err
    assert err.strip() == f"digit-lab: cannot start: no tabs today (details in {log_file})"
    assert "RuntimeError: no tabs today" in log_file.read_text()
