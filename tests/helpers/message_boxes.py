"""Answering modal message boxes in a test, as a user would, by their buttons' text."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog


def answer_boxes(answers: list, seen: list) -> None:
    """Answer each modal message box in turn by a button text; note what each said
    (``(text, informative text, button texts)``). Progress dialogs are waited out."""

    def poll():
        box = QApplication.activeModalWidget()
        if isinstance(box, QProgressDialog) or not isinstance(box, QMessageBox):
            QTimer.singleShot(20, poll)
            return
        seen.append((box.text(), box.informativeText(), [b.text() for b in box.buttons()]))
        wanted = answers.pop(0)
        next(b for b in box.buttons() if b.text() == wanted).click()
        if answers:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
