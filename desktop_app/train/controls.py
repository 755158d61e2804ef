"""Start / Pause-Resume / Stop and the progress bar with epoch, batch, speed and ETA."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from training_core.events import BatchReport, TrainStarted


def format_duration(seconds: float) -> str:
    seconds = max(int(round(seconds)), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def progress_text(info: TrainStarted, report: BatchReport) -> tuple[int, int, str]:
    """(value, maximum, text) for the progress bar from the start info and a batch report."""
    bpe = max(report.batches_per_epoch, 1)
    epochs = info.epochs
    done = (report.epoch - 1) * bpe + report.batch
    total = epochs * bpe
    speed = report.samples_per_second
    remaining_samples = max(epochs * info.train_size - report.samples_seen, 0)
    eta = format_duration(remaining_samples / speed) if speed > 0 else "?"
    text = QCoreApplication.translate(
        "TrainControls",
        "Epoch {epoch}/{epochs} · batch {batch}/{batches} · {speed} samples/s · ETA {eta}",
    ).format(
        epoch=report.epoch,
        epochs=epochs,
        batch=report.batch,
        batches=bpe,
        speed=f"{speed:,.0f}",
        eta=eta,
    )
    return done, total, text


class TrainControls(QWidget):
    start_requested = Signal()
    pause_requested = Signal()
    resume_requested = Signal()
    stop_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.start_button = QPushButton(self.tr("Start"), self)
        self.start_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.start_button.setToolTip(self.tr("Start a new run with these settings (Ctrl+Enter)"))
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.setShortcut(QKeySequence("Ctrl+P"))
        # As wide as its longer text, so Pause <-> Resume never moves the buttons.
        widths = (
            self.fontMetrics().horizontalAdvance(t) for t in (self.tr("Pause"), self.tr("Resume"))
        )
        self.pause_button.setMinimumWidth(max(widths) + 32)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setShortcut(QKeySequence("Ctrl+."))
        self.stop_button.setToolTip(
            self.tr("Stop after this batch; the last finished epoch is kept (Ctrl+.)")
        )
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.status = QLabel(self.tr("Ready."), self)
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.start_button.clicked.connect(self.start_requested)
        self.pause_button.clicked.connect(self._pause_clicked)
        self.stop_button.clicked.connect(self.stop_requested)
        self.set_state("idle")

    def _pause_clicked(self) -> None:
        if self.state == "paused":
            self.resume_requested.emit()
        else:
            self.pause_requested.emit()

    def _pause_tip(self, state: str) -> str:
        if state == "paused":
            return self.tr("Continue training from the next batch (Ctrl+P)")
        return self.tr("Pause after this batch; nothing is lost (Ctrl+P)")

    def set_state(self, state: str) -> None:
        """idle, loading, running, paused or stopping."""
        self.state = state
        busy = state != "idle"
        self.start_button.setEnabled(not busy)
        self.pause_button.setEnabled(state in ("running", "paused"))
        self.pause_button.setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))
        self.pause_button.setToolTip(self._pause_tip(state))
        self.stop_button.setEnabled(state in ("loading", "running", "paused"))
        if state == "loading":
            self.progress.setRange(0, 0)  # busy indicator while data loads

    def show_progress(self, info: dict, report: dict) -> None:
        value, maximum, text = progress_text(info, report)
        self.progress.setRange(0, maximum)
        self.progress.setValue(value)
        self.progress.setFormat(text)

    def show_epochs(self, done: int, total: int) -> None:
        """A reloaded run: how far it got."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat(self.tr("{done} of {total} epochs").format(done=done, total=total))

    def reset_progress(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("%p%")

    def show_status(self, text: str) -> None:
        self.status.setText(text)
