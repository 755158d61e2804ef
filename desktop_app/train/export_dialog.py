"""Export a run or checkpoint: an ONNX model, a Python script or a notebook, previewed first.

The code is shown with Python's colours before it is saved. The colours come from Pygments
(its Python lexer and an HTML formatter with inline styles, which QTextEdit renders): it
gets every corner of Python right (f-strings, decorators, docstrings over many lines),
where a hand-written QSyntaxHighlighter would need its own multi-line state machine for
strings. Saving runs in a :class:`~desktop_app.common.workers.Worker`: an ONNX export
takes seconds (torch.export, onnx.checker, one onnxruntime run).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QVBoxLayout,
)

from desktop_app.common import file_dialogs
from desktop_app.common.error_report import error_box
from desktop_app.common.i18n import core_label, core_text, error_text
from desktop_app.common.workers import Worker, job
from training_core import export as core_export
from training_core.cli import USER_ERRORS

TITLES = {
    "onnx": QT_TRANSLATE_NOOP("ExportDialog", "ONNX model (.onnx)"),
    "script": QT_TRANSLATE_NOOP("ExportDialog", "Python script (.py)"),
    "notebook": QT_TRANSLATE_NOOP("ExportDialog", "Jupyter notebook (.ipynb)"),
}
FILTERS = {
    "onnx": QT_TRANSLATE_NOOP("ExportDialog", "ONNX models (*.onnx)"),
    "script": QT_TRANSLATE_NOOP("ExportDialog", "Python scripts (*.py)"),
    "notebook": QT_TRANSLATE_NOOP("ExportDialog", "Jupyter notebooks (*.ipynb)"),
}


def highlighted_html(code: str) -> str:
    """``code`` as HTML with Pygments' Python colours, inline (no style sheet needed)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    return highlight(code, PythonLexer(), HtmlFormatter(noclasses=True, nobackground=True))


class ExportDialog(QDialog):
    """The three exports of one run or checkpoint, each previewed, then saved to a file."""

    exported = Signal(str)  # the summary line of a finished export
    export_failed = Signal(str)  # its one-line reason

    def __init__(self, source: str | Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(900, 520)  # fits a 1024x576 window
        self.source: core_export.ExportSource | None = None
        self.worker: Worker | None = None
        self.error_message: str | None = None
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.buttons = QButtonGroup(self)
        choices = QHBoxLayout()
        for fmt, title in TITLES.items():
            button = QRadioButton(self.tr(title), self)
            button.setToolTip(core_label(core_export.DESCRIPTIONS[fmt]))
            button.setProperty("format", fmt)
            self.buttons.addButton(button)
            choices.addWidget(button)
        choices.addStretch(1)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.preview = QTextEdit(self)
        self.preview.setAccessibleName(self.tr("Preview of the file"))
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save…"), self)
        self.save_button.setDefault(True)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.choose_file_and_export)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(choices)
        layout.addWidget(self.description)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        self.buttons.buttonToggled.connect(lambda _b, checked: checked and self._show_preview())
        self._read(source)

    # -- what is exported ---------------------------------------------------------------
    def _read(self, source: str | Path) -> None:
        """Read the run or checkpoint now (its reader checks it); a bad one is one line."""
        try:
            self.source = core_export.read_source(source)
        except USER_ERRORS as exc:  # every reader's one-line error, shown in place
            self.heading.setText(
                self.tr("Cannot export {source}: {error}").format(
                    source=source, error=error_text(exc)
                )
            )
            self.error_message = str(exc)
            for button in self.buttons.buttons():
                button.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        self.heading.setText(
            self.tr("Export {origin} ({model})").format(
                origin=core_text(self.source.origin), model=self.source.config.model
            )
        )
        has_weights = self.source.checkpoint is not None
        onnx = self._button("onnx")
        onnx.setEnabled(has_weights)
        if not has_weights:
            onnx.setToolTip(
                self.tr("This run has no checkpoint yet: an ONNX model needs its weights")
            )
        (onnx if has_weights else self._button("script")).setChecked(True)

    def _button(self, fmt: str) -> QRadioButton:
        return next(b for b in self.buttons.buttons() if b.property("format") == fmt)

    @property
    def format(self) -> str:
        checked = self.buttons.checkedButton()
        return checked.property("format") if checked is not None else "script"

    def select(self, fmt: str) -> None:
        self._button(fmt).setChecked(True)

    def _show_preview(self) -> None:
        fmt = self.format
        self.description.setText(core_label(core_export.DESCRIPTIONS[fmt]) + self.tr("."))
        try:
            text = core_export.preview(self.source, fmt)
        except USER_ERRORS as exc:  # e.g. a model that cannot be written as code
            self.preview.setPlainText("")
            self.status.setText(
                self.tr("Cannot export this as a {format}: {error}").format(
                    format=self.tr(TITLES[fmt]), error=error_text(exc)
                )
            )
            self.save_button.setEnabled(False)
            return
        self.status.setText("")
        self.save_button.setEnabled(fmt != "onnx" or self.source.checkpoint is not None)
        wrap = QTextEdit.LineWrapMode
        self.preview.setLineWrapMode(wrap.WidgetWidth if fmt == "onnx" else wrap.NoWrap)
        if fmt == "onnx":  # a description, not code: wrapped, no colours
            self.preview.setPlainText(text)
        else:
            self.preview.setHtml(highlighted_html(text))

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    # -- saving ---------------------------------------------------------------------------
    def default_name(self) -> str:
        config = self.source.config
        stem = config.model.replace("-", "_")
        suffix = core_export.FORMATS[self.format]
        return f"{stem}{suffix}" if self.format == "onnx" else f"train_{stem}{suffix}"

    def choose_file_and_export(self) -> None:
        """Ask where (the save dialog asks before replacing a file), then export there."""
        path = file_dialogs.save_file_name(
            self,
            "export",
            self.tr("Save {format}").format(format=self.tr(TITLES[self.format])),
            self.default_name(),
            self.tr(FILTERS[self.format]),
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        """Write the chosen export to ``path`` in a worker; ``exported`` or
        ``export_failed`` says how it went."""
        if self.source is None or (self.worker is not None and self.worker.is_running):
            return
        fmt = self.format
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Writing {name}…").format(name=Path(path).name))
        self.worker = Worker(
            job(core_export.write_export, self.source, fmt, str(path)), "digit-lab-export", self
        )
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(lambda: self.save_button.setEnabled(True))
        self.worker.start()

    def _done(self, summary: str) -> None:
        text = core_text(summary)
        self.status.setText(text[:1].upper() + text[1:])
        self.exported.emit(summary)

    def _failed(self, message: str) -> None:
        self.status.setText(self.tr("Export failed: {error}").format(error=message))
        self.error_message = message
        box = error_box(
            self.tr("Export failed"),
            self.tr("The export failed: {error}").format(error=message),
            self.tr("{error}\n\nThe log file holds the details.").format(error=message),
            self,
        )
        box.open()
        self.export_failed.emit(message)

    def done(self, result: int) -> None:
        """Closing while an export runs keeps the dialog (hidden) until the export ends, so
        its result still arrives; otherwise the dialog goes at once."""
        if self.worker is not None and self.worker.is_running:
            self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            self.worker.finished.connect(self.deleteLater)
        super().done(result)
