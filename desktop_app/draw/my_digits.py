"""The Draw tab's "my digits": add the current drawing with its true label, look through
them (delete, zip in and out), and fine-tune the model on them.

The dataset is ``training_core.my_digits`` (a folder of labelled PNGs, by default in the
per-user data folder); fine-tuning is ``training_core.finetune``, run in a ``Worker`` with
progress and Cancel, mixed with MNIST so the model keeps what it knew. The result is a
normal checkpoint under the per-user data folder, which the Draw tab then uses.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import file_dialogs
from desktop_app.common.error_report import error_box
from desktop_app.common.i18n import error_text
from desktop_app.common.workers import SHUTDOWN_WAIT_S, Worker
from desktop_app.draw.result_view import digit_pixmap
from training_core.checkpoints import Checkpoint
from training_core.data import load_split
from training_core.finetune import FinetuneOptions, FinetuneProgress, finetune, split_user_digits
from training_core.my_digits import MyDigit, MyDigits
from training_core.preferences import data_dir
from training_core.run_record import CHECKPOINT


def finetune_job(checkpoint: Checkpoint, folder: Path, out: Path, options: FinetuneOptions):
    """The fine-tuning as a ``Worker`` job: reads the digits and MNIST, trains, saves."""

    def run(control, report):
        images, labels = MyDigits(folder).load()
        user, held = split_user_digits(images, labels, options.held_share, options.seed)
        dataset = checkpoint.config.get("dataset", "mnist")
        train, test = load_split(dataset, True), load_split(dataset, False)
        result = finetune(checkpoint, user, held, train, test, options, report, control)
        if result.stopped:
            return None
        path = result.save(out / CHECKPOINT, checkpoint)
        return path, result.summary()

    return run


class FinetuneDialog(QDialog):
    """Progress and Cancel while fine-tuning; then the accuracies before and after."""

    use_model = Signal(str)  # the fine-tuned checkpoint's path
    options = FinetuneOptions()  # a test sets fewer steps

    def __init__(self, checkpoint: Checkpoint, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fine-tune on my digits"))
        self.setMinimumWidth(460)
        self.status = QLabel(self.tr("Reading your digits and MNIST…"))
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = self.buttons.addButton(
            self.tr("Use the fine-tuned model"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_button.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.cancel_button.clicked.connect(self._cancel)
        self.use_button.clicked.connect(self._use)
        self.path: str | None = None
        out = data_dir() / "finetuned" / time.strftime("%Y%m%d-%H%M%S")
        self.worker = Worker(
            finetune_job(checkpoint, folder, out, self.options), "digit-lab-finetune", self
        )
        self.worker.event.connect(self._on_progress)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self.worker.start()

    def _on_progress(self, progress: FinetuneProgress) -> None:
        self.progress.setRange(0, progress.steps)
        self.progress.setValue(progress.step)
        if progress.stage == "training":
            self.status.setText(
                self.tr("Training step {step} of {steps}, loss {loss:.3f}").format(
                    step=progress.step, steps=progress.steps, loss=progress.loss or 0.0
                )
            )
        elif progress.stage == "calibrating":
            self.status.setText(self.tr("Calibrating when to say “not sure”…"))
        else:
            self.status.setText(self.tr("Measuring accuracy…"))

    def _on_done(self, outcome) -> None:
        self.cancel_button.setText(self.tr("Close"))
        if outcome is None:
            self.status.setText(self.tr("Stopped; the model is unchanged."))
            return
        path, summary = outcome
        self.path = str(path)
        self.progress.setValue(self.progress.maximum())
        self.status.setText(self.tr("Done. Saved as {path}").format(path=path))
        mine = self.tr("Your held-back digits ({held}): {before:.1%} → {after:.1%}").format(
            held=summary["my_digits_held_back"],
            before=summary["my_digits_accuracy_before"],
            after=summary["my_digits_accuracy_after"],
        )
        mnist = self.tr("MNIST test: {before:.2%} → {after:.2%}").format(
            before=summary["mnist_test_accuracy_before"],
            after=summary["mnist_test_accuracy_after"],
        )
        self.result_label.setText(f"{mine}\n{mnist}")  # two lines, each its own sentence
        self.use_button.setVisible(True)

    def _on_failed(self, message: str) -> None:
        self.cancel_button.setText(self.tr("Close"))
        self.status.setText(self.tr("Fine-tuning failed: {message}").format(message=message))

    def _cancel(self) -> None:
        if self.worker.is_running:
            self.worker.stop()
            self.status.setText(self.tr("Stopping…"))
            return
        self.reject()

    def _use(self) -> None:
        if self.path:
            self.use_model.emit(self.path)
        self.accept()

    def done(self, result: int) -> None:  # Escape or the close box: never leave it running
        self.worker.stop()
        self.worker.wait(SHUTDOWN_WAIT_S)
        super().done(result)


class GalleryDialog(QDialog):
    """Every stored digit with its label; delete, import and export as a zip."""

    changed = Signal()

    def __init__(self, digits: MyDigits, parent: QWidget | None = None):
        super().__init__(parent)
        self.digits = digits
        self.setWindowTitle(self.tr("My digits"))
        self.resize(640, 440)  # fits a 1024x576 window
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("My digits"))
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(56, 56))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        delete = QPushButton(self.tr("Delete selected"))
        import_button = QPushButton(self.tr("Import zip…"))
        export_button = QPushButton(self.tr("Export zip…"))
        close = QPushButton(self.tr("Close"))
        delete.clicked.connect(self.delete_selected)
        import_button.clicked.connect(self._import)
        export_button.clicked.connect(self._export)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        for button in (delete, import_button, export_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        items = self.digits.items()
        for item in items:
            entry = QListWidgetItem(str(item.label))
            try:
                image = self.digits.load_one(item)
                entry.setIcon(QIcon(digit_pixmap(image.astype(np.float32) / 255.0, 2)))
            except ValueError:
                entry.setText(self.tr("{label} (unreadable)").format(label=item.label))
            entry.setData(Qt.ItemDataRole.UserRole, item)
            self.list.addItem(entry)
        counts = ", ".join(f"{label}: {n}" for label, n in enumerate(self.digits.counts()))
        self.summary.setText(
            self.tr("{count} digits in {folder} ({counts})").format(
                count=len(items), folder=self.digits.folder, counts=counts
            )
        )

    def delete_selected(self) -> None:
        items: list[MyDigit] = [e.data(Qt.ItemDataRole.UserRole) for e in self.list.selectedItems()]

        def delete() -> None:  # a read-only folder: one error box, not a crash report
            for item in items:
                self.digits.delete(item)

        self._guarded(delete)

    def _import(self) -> None:
        path = file_dialogs.open_file_name(
            self, "my-digits", self.tr("Import digits"), self.tr("Zip archives (*.zip)")
        )
        if path:
            self._guarded(lambda: self.digits.import_zip(path))

    def _export(self) -> None:
        path = file_dialogs.save_file_name(
            self,
            "my-digits",
            self.tr("Export digits"),
            "my_digits.zip",
            self.tr("Zip archives (*.zip)"),
        )
        if path:  # the save dialog has asked before replacing a file
            self._guarded(lambda: self.digits.export_zip(path, overwrite=True))

    def _guarded(self, action) -> None:
        try:
            action()
        except (ValueError, OSError) as exc:
            error_box(self.tr("My digits"), error_text(exc), error_text(exc), self).open()
        self.refresh()
        self.changed.emit()


class MyDigitsBox(QGroupBox):
    """The three buttons in the Draw tab; ``panel`` is the DrawPanel (its prediction,
    checkpoint and ``load_checkpoint``)."""

    def __init__(self, panel, folder: Path | None = None):
        super().__init__(panel)
        self.setTitle(self.tr("My digits"))
        self.panel = panel
        self.digits = MyDigits(folder)
        self.dialog: FinetuneDialog | None = None
        self.add_button = QPushButton(self.tr("Add to my digits"))
        self.add_button.setToolTip(self.tr("Save this drawing with its true label"))
        self.gallery_button = QPushButton()
        self.finetune_button = QPushButton(self.tr("Fine-tune on my digits"))
        self.finetune_button.setToolTip(
            self.tr("Teach the model your hand (mixed with MNIST so it does not forget)")
        )
        self.add_button.clicked.connect(self.add_current)
        self.gallery_button.clicked.connect(self.open_gallery)
        self.finetune_button.clicked.connect(self.start_finetune)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        for button in (self.add_button, self.gallery_button, self.finetune_button):
            row.addWidget(button)
        self.update_counts()

    def update_counts(self) -> None:
        self.gallery_button.setText(
            self.tr("Gallery ({count})").format(count=len(self.digits.items()))
        )

    def current_digit(self) -> np.ndarray | None:
        """What the model saw of the drawing on screen, when it is one digit."""
        prediction = self.panel.last_prediction
        if prediction is None or len(getattr(prediction, "read_digits", (prediction,))) != 1:
            return None
        return prediction.digit

    def add_current(self, label: int | None = None) -> bool:
        digit = self.current_digit()
        if digit is None:
            self.panel._say(self.tr("Draw one digit first, then add it."))
            return False
        if label is None:
            guess = int(self.panel.last_prediction.label)
            label, ok = QInputDialog.getInt(
                self, self.tr("Add to my digits"), self.tr("Which digit is it really?"), guess, 0, 9
            )
            if not ok:
                return False
        try:
            self.digits.add(digit, int(label))
        except (ValueError, OSError) as exc:
            self.panel._say(error_text(exc))
            return False
        self.update_counts()
        self.panel._say(self.tr("Added as a {label}.").format(label=label))
        return True

    def open_gallery(self) -> None:
        gallery = GalleryDialog(self.digits, self)
        gallery.changed.connect(self.update_counts)
        gallery.open()

    def start_finetune(self) -> FinetuneDialog | None:
        predictor = self.panel.predictor
        if predictor is None:
            return None
        self.dialog = FinetuneDialog(predictor.checkpoint, self.digits.folder, self)
        self.dialog.use_model.connect(self.panel.load_checkpoint)
        self.dialog.open()
        return self.dialog

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.worker.stop()
            self.dialog.worker.wait(SHUTDOWN_WAIT_S)
