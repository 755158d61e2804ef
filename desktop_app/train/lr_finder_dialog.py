"""The Train tab's "Find learning rate" dialog: Leslie Smith's range test on the form's
settings, its loss-against-rate curve, and "Use this rate" to put the suggestion in the form.

The test is ``training_core.lr_finder.find_lr`` (the same code as ``digit-lab lr-find``) run
as a ``Worker`` job with progress and Cancel; it trains a throw-away copy of the model, so
no run and no checkpoint is touched.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.common import palette
from desktop_app.common.i18n import core_text
from desktop_app.common.workers import Report, Worker
from training_core.config import TrainConfig
from training_core.control import Control
from training_core.data import TensorSplit, load_split
from training_core.lr_finder import LRFinderResult, find_lr
from training_core.threads import background_training

SUGGESTION_COLOR = palette.SERIES[1]  # Okabe-Ito vermillion: the marked rate
CURVE_COLOR = palette.SERIES[0]


def lr_finder_job(config: TrainConfig, train_split: TensorSplit | None, data_root: str | None):
    """The range test as a job: ``(step, steps)`` progress events, Cancel via ``stop()``."""

    def run(control: Control, report: Report) -> LRFinderResult:
        split = train_split
        if split is None:
            split = load_split(config.dataset, True, data_root)
        with background_training():
            return find_lr(
                config,
                split,
                control=control,
                progress=lambda step, steps: report((step, steps)),
            )

    return run


class LRFinderDialog(QDialog):
    """Runs the range test at once; ``rate_chosen(lr)`` when the user takes the suggestion."""

    rate_chosen = Signal(float)
    finished_test = Signal()  # the test ended (result, failure or cancel): tests wait on it

    def __init__(
        self,
        config: TrainConfig,
        parent=None,
        train_split: TensorSplit | None = None,
        data_root: str | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find a learning rate"))
        self.result: LRFinderResult | None = None
        self.error = ""
        self.explain = QLabel(
            self.tr(
                "Trains a throw-away copy of {model} for one pass while the learning rate "
                "grows from 0.00001 to 10, and records the loss: too small a rate barely "
                "moves it, too large a rate makes it explode."
            ).format(model=config.model),
            self,
        )
        self.explain.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # loading the data: no steps known yet
        self.message = QLabel(self.tr("Loading the training images…"), self)
        self.message.setWordWrap(True)
        self.plot_widget = pg.PlotWidget(self)
        self.plot_widget.setAccessibleName(self.tr("Loss against learning rate"))
        self.plot_widget.setMinimumSize(360, 220)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLogMode(x=True, y=False)
        self.plot.setLabel("bottom", self.tr("learning rate (log scale)"))
        self.plot.setLabel("left", self.tr("loss (smoothed)"))
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.raw_curve = self.plot.plot(pen=pg.mkPen((170, 170, 200), width=1))
        self.curve = self.plot.plot(pen=pg.mkPen(CURVE_COLOR, width=2))
        self.marker = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(SUGGESTION_COLOR, width=2, style=Qt.PenStyle.DashLine)
        )
        self.marker.setVisible(False)
        self.plot.addItem(self.marker)

        self.buttons = QDialogButtonBox(self)
        self.use_button = QPushButton(self.tr("Use this rate"), self)
        self.use_button.setEnabled(False)
        self.buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.use_button.clicked.connect(self.use_rate)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

        self.worker = Worker(
            lr_finder_job(config, train_split, data_root), "digit-lab-lr-finder", self
        )
        self.worker.event.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self.finished_test)
        self.worker.start()

    @property
    def suggestion(self) -> float | None:
        return self.result.suggestion if self.result is not None else None

    def _progress(self, event: object) -> None:
        step, steps = event
        if self.progress.maximum() != steps:
            self.progress.setRange(0, steps)
            self.message.setText(self.tr("Trying learning rates…"))
        self.progress.setValue(step)

    def _done(self, result: LRFinderResult) -> None:
        self.result = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.raw_curve.setData(result.lrs, result.raw_losses)
        self.curve.setData(result.lrs, result.losses)
        finite = [loss for loss in result.losses if math.isfinite(loss)]
        if finite:  # above the starting loss is only the explosion: it would squash the rest
            low, start = min(finite), max(finite[: max(1, len(finite) // 20)])
            self.plot.setYRange(low, max(start, low) + 0.1 * (max(start, low) - low) + 0.01)
        if result.suggestion is None:
            self.message.setText(
                self.tr("Stopped before a suggestion could be made.")
                if self.worker.control.should_stop
                else self.tr("The curve is too short to suggest a rate; try more images.")
            )
            return
        self.marker.setValue(math.log10(result.suggestion))
        self.marker.setVisible(True)
        self.use_button.setEnabled(True)
        self.message.setText(
            self.tr("Suggested learning rate: {lr:.2g} (dashed line: {rule}).").format(
                lr=result.suggestion, rule=core_text(result.rule)
            )
        )

    def _failed(self, message: str) -> None:
        self.error = message
        self.progress.setRange(0, 1)
        self.message.setText(self.tr("The test failed: {reason}").format(reason=message))

    def use_rate(self) -> None:
        if self.suggestion is not None:
            self.rate_chosen.emit(self.suggestion)
            self.accept()

    def done(self, code: int) -> None:
        """Closing (Use, Cancel, Escape, the window's X) stops a test still running."""
        self.worker.stop()
        super().done(code)

    def stop_and_wait(self, timeout: float = 5.0) -> bool:
        self.worker.stop()
        return self.worker.wait(timeout)


def open_lr_finder(panel) -> LRFinderDialog | None:
    """The Train tab's button: the range test for the form's settings (the tab's test data
    when tests inject some); the suggestion goes into the form's learning-rate field."""
    from desktop_app.common import settings
    from desktop_app.common.i18n import error_text
    from desktop_app.train.data_dialog import ensure_dataset
    from training_core.config import ConfigError

    try:
        config = panel.form.config().validate()
    except ConfigError as exc:
        title = QCoreApplication.translate("LRFinderDialog", "Cannot find a learning rate")
        panel.tell(title, error_text(exc))
        return None
    override = panel.data_override
    if override is None and not ensure_dataset(panel, config.dataset):
        return None
    dialog = LRFinderDialog(
        config,
        panel,
        train_split=override[0] if override else None,
        data_root=settings.data_root(),
    )
    dialog.rate_chosen.connect(panel.form.lr.setValue)
    previous = getattr(panel, "lr_finder", None)
    if previous is not None and not previous.worker.is_running:
        previous.deleteLater()  # one kept at a time; a running one dies with the panel
    panel.lr_finder = dialog
    dialog.open()
    return dialog


def lr_finder_button(panel) -> QPushButton:
    """The Train tab's "Find learning rate…" button (object name ``lr_finder_button``)."""
    button = QPushButton(QCoreApplication.translate("LRFinderDialog", "Find learning rate…"), panel)
    button.setObjectName("lr_finder_button")
    button.setToolTip(
        QCoreApplication.translate(
            "LRFinderDialog",
            "Try rates from tiny to huge in one pass and suggest one for these settings",
        )
    )
    button.clicked.connect(lambda: open_lr_finder(panel))
    return button
