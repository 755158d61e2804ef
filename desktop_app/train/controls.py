"""Start / Pause-Resume / Stop, the pace and Step, and the progress bar with epoch, batch,
speed and ETA.

The pace is for a teacher narrating the curves: from full speed down to one batch per
second, changeable during a run; Step (while paused) runs exactly one batch.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from training_core.events import BatchReport, TrainStarted

# (seconds to wait after each batch, what the pace menu says); the last is the slowest
# pace training_core.control.Control keeps (MAX_PACE_S).
PACES = (
    (0.0, QT_TRANSLATE_NOOP("TrainControls", "Full speed")),
    (0.05, QT_TRANSLATE_NOOP("TrainControls", "Fast: 20 batches/s")),
    (0.2, QT_TRANSLATE_NOOP("TrainControls", "Medium: 5 batches/s")),
    (0.5, QT_TRANSLATE_NOOP("TrainControls", "Slow: 2 batches/s")),
    (1.0, QT_TRANSLATE_NOOP("TrainControls", "1 batch per second")),
)
STEP_SHORTCUT = "Ctrl+Shift+P"  # Pause is Ctrl+P: step is its shifted neighbour
ETA_WINDOW_S = 10.0  # the ETA follows the pace of the last seconds (a pace changed)
STATUS_LINES = 2  # the status line always has room for this many lines


def format_duration(seconds: float) -> str:
    seconds = max(int(round(seconds)), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def recent_eta(points, remaining_batches: int) -> float | None:
    """Seconds left at the pace of the last few seconds: ``points`` are (time, batches
    done). The run's average speed since its start does not see a pace chosen since (at
    one batch a second it promised minutes where hours were left); None while unknown."""
    if len(points) < 2 or points[-1][1] <= points[0][1]:
        return None
    (t0, done0), (t1, done1) = points[0], points[-1]
    return remaining_batches * (t1 - t0) / (done1 - done0)


def batches_done(info: TrainStarted, report: BatchReport) -> tuple[int, int]:
    """(batches done, batches in the whole run) at a batch report."""
    bpe = max(report.batches_per_epoch, 1)
    return (report.epoch - 1) * bpe + report.batch, info.epochs * bpe


def progress_text(
    info: TrainStarted, report: BatchReport, eta_s: float | None = None
) -> tuple[int, int, str]:
    """(value, maximum, text) for the progress bar from the start info and a batch report
    (``eta_s``: the time left when known better than from the average speed)."""
    bpe = max(report.batches_per_epoch, 1)
    epochs = info.epochs
    done, total = batches_done(info, report)
    speed = report.samples_per_second
    eta = _eta_text(info, report, eta_s)
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


def _eta_text(info: TrainStarted, report: BatchReport, eta_s: float | None) -> str:
    if eta_s is not None:
        return format_duration(eta_s)
    speed = report.samples_per_second
    remaining_samples = max(info.epochs * info.train_size - report.samples_seen, 0)
    return format_duration(remaining_samples / speed) if speed > 0 else "?"


def short_progress_text(info: TrainStarted, report: BatchReport, eta_s: float | None = None) -> str:
    """The progress bar's text without the speed, for a bar too narrow for all of it."""
    bpe = max(report.batches_per_epoch, 1)
    eta = _eta_text(info, report, eta_s)
    return QCoreApplication.translate(
        "TrainControls", "Epoch {epoch}/{epochs} · batch {batch}/{batches} · ETA {eta}"
    ).format(epoch=report.epoch, epochs=info.epochs, batch=report.batch, batches=bpe, eta=eta)


class TrainControls(QWidget):
    start_requested = Signal()
    pause_requested = Signal()
    resume_requested = Signal()
    stop_requested = Signal()
    step_requested = Signal()
    pace_changed = Signal(float)  # seconds to wait after each batch

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
        self.pace = QComboBox(self)
        for seconds, name in PACES:
            self.pace.addItem(QCoreApplication.translate("TrainControls", name), seconds)
        self.pace.setAccessibleName(self.tr("Training pace"))
        self.pace.setToolTip(
            self.tr("How fast training runs; slow it down to talk over the curves")
        )
        self.step_button = QPushButton(self.tr("Step one batch"), self)
        self.step_button.setShortcut(QKeySequence(STEP_SHORTCUT))
        self.step_button.setToolTip(
            self.tr("While paused: train one batch, then pause again ({key})").format(
                key=QKeySequence(STEP_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.progress = QProgressBar(self)
        self._recent: deque[tuple[float, int]] = deque()  # (time, batches done): the ETA
        self.progress.setTextVisible(True)
        self.status = QLabel(self.tr("Ready."), self)
        self.status.setWordWrap(True)
        # Room for two lines from the start: a status that grows from one line to two
        # (every run's start, every step) would push the buttons above it up under the
        # pointer of someone clicking Step one batch again and again.
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._reserve_status_lines()
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        pace_row = QHBoxLayout()
        pace_label = QLabel(self.tr("&Pace:"), self)
        pace_label.setBuddy(self.pace)
        pace_row.addWidget(pace_label)
        pace_row.addWidget(self.pace, 1)
        pace_row.addWidget(self.step_button)
        layout.addLayout(buttons)
        layout.addLayout(pace_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.start_button.clicked.connect(self.start_requested)
        self.pause_button.clicked.connect(self._pause_clicked)
        self.stop_button.clicked.connect(self.stop_requested)
        self.step_button.clicked.connect(self.step_requested)
        self.pace.currentIndexChanged.connect(lambda _: self.pace_changed.emit(self.pace_seconds))
        self.set_state("idle")

    @property
    def pace_seconds(self) -> float:
        """The chosen pace: seconds to wait after each batch (0 = full speed)."""
        return float(self.pace.currentData())

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
        self.step_button.setEnabled(state == "paused")
        if state == "loading":
            self.progress.setRange(0, 0)  # busy indicator while data loads
        elif state == "idle" and self.progress.maximum() == 0:
            self.reset_progress()  # a run that ended while loading: no busy bar left over

    def _reserve_status_lines(self) -> None:
        self.status.setMinimumHeight(STATUS_LINES * self.status.fontMetrics().lineSpacing())

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.FontChange:  # zoom, presentation mode
            self._reserve_status_lines()
        super().changeEvent(event)

    def show_progress(self, info: dict, report: dict) -> None:
        done, total = batches_done(info, report)
        now = time.monotonic()
        if self._recent and done < self._recent[-1][1]:
            self._recent.clear()  # another run
        self._recent.append((now, done))
        while len(self._recent) > 2 and now - self._recent[0][0] > ETA_WINDOW_S:
            self._recent.popleft()
        eta_s = recent_eta(self._recent, total - done)
        value, maximum, text = progress_text(info, report, eta_s)
        self.progress.setRange(0, maximum)
        self.progress.setValue(value)
        # The bar draws its text on one line and cuts what does not fit (at 1024x576 the
        # whole text is wider than the side panel): the speed goes first, then the tooltip
        # keeps the whole line.
        room = self.progress.contentsRect().width() - 8
        if self.progress.fontMetrics().horizontalAdvance(text) > room:
            self.progress.setToolTip(text)
            text = short_progress_text(info, report, eta_s)
        else:
            self.progress.setToolTip("")
        self.progress.setFormat(text)

    def show_epochs(self, done: int, total: int) -> None:
        """A reloaded run: how far it got."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat(self.tr("{done} of {total} epochs").format(done=done, total=total))

    def reset_progress(self, text: str = "") -> None:
        """An empty bar (no run, or one that ended before its first batch), with ``text``
        instead of a percentage when given."""
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(text or "%p%")
        self._recent.clear()

    def show_ended(self, text: str) -> None:
        """A run that ended early (failed, diverged): the bar stays where it got, says
        ``text``, and is never left busy."""
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
        self.progress.setFormat(text)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
