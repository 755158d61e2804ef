"""The playground's regression view: fit y = x^3 + noise (the lesson's second example) with
the same models; the fitted curve is redrawn over the points while training runs."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.playground_controls import (
    TEST_COLOUR,
    TRAIN_COLOUR,
    CurvePlot,
    History,
    ModelControls,
    TransportBar,
    describe,
    error_label,
)
from desktop_app.playground_worker import Snapshot, TrainingThread, connect_command
from training_core.playground import (
    PlaygroundTrainer,
    build_classifier,
    make_cubic,
    predict_curve,
    train_test_split,
)

CURVE_X = np.linspace(-1.1, 1.1, 200)


def curve_renderer(xs: np.ndarray = CURVE_X):
    def render(trainer: PlaygroundTrainer) -> np.ndarray:
        return predict_curve(trainer.model, xs)

    return render


class RegressionView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._generation = 0
        self._history = History()
        self._curve: np.ndarray | None = None
        self._last = None
        self._dirty = False
        self.training = TrainingThread(self)
        self.worker = self.training.worker
        self._build()
        self.worker.snapshot_ready.connect(self._on_snapshot)
        self.worker.failed.connect(self.error.setText)
        self.worker.playing_changed.connect(self.transport.set_playing)
        self._timer = QTimer(self, interval=33)
        self._timer.timeout.connect(self._redraw)
        self._timer.start()
        self.reset()

    def _build(self) -> None:
        data = QGroupBox("Data: y = x\u00b3 + noise \u00b7 U[0, 1)")
        form = QFormLayout(data)
        self.points = QSpinBox(minimum=10, maximum=5000, value=100)
        self.noise = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=2.0, value=0.3)
        self.noise.setSingleStep(0.05)
        self.seed = QSpinBox(minimum=0, maximum=999_999, value=1)
        self.test_fraction = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=0.9, value=0.2)
        self.test_fraction.setSingleStep(0.05)
        form.addRow("Points", self.points)
        form.addRow("Noise", self.noise)
        form.addRow("Seed", self.seed)
        form.addRow("Test fraction", self.test_fraction)
        self.model_controls = ModelControls()
        self.transport = TransportBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = error_label()
        side = QWidget()
        col = QVBoxLayout(side)
        for w in (data, self.model_controls, self.transport, self.status, self.error):
            col.addWidget(w)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFixedWidth(side.sizeHint().width() + 24)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.fit_plot = pg.PlotWidget(title="Fitted curve (filled: train, ringed: test)")
        self.fit_plot.addLegend(offset=(10, 10))
        self.fit_plot.showGrid(x=True, y=True, alpha=0.2)
        self.train_points = pg.ScatterPlotItem(size=6, pen=None, brush=pg.mkBrush(TRAIN_COLOUR))
        self.test_points = pg.ScatterPlotItem(
            size=7, pen=pg.mkPen(TEST_COLOUR, width=1.5), brush=pg.mkBrush(255, 255, 255)
        )
        self.fit_plot.addItem(self.train_points)
        self.fit_plot.addItem(self.test_points)
        self.truth = self.fit_plot.plot(
            CURVE_X, CURVE_X**3, pen=pg.mkPen((120, 120, 120), width=1, style=Qt.PenStyle.DashLine),
            name="x\u00b3",
        )  # fmt: skip
        self.fit = self.fit_plot.plot([], [], pen=pg.mkPen((20, 20, 20), width=3), name="model")
        self.loss_plot = CurvePlot("Loss (mean squared error)", "MSE")
        self.loss_plot.setLogMode(y=True)
        self.loss_plot.getAxis("left").enableAutoSIPrefix(False)
        right = QVBoxLayout()
        right.addWidget(self.fit_plot, 3)
        right.addWidget(self.loss_plot, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(right, 1)

        for w in (self.points, self.noise, self.seed, self.test_fraction):
            w.valueChanged.connect(self.reset)
        self.model_controls.structure_changed.connect(self.reset)
        connect_command(
            self.model_controls.hyperparameters_changed, self.worker.set_hyperparameters
        )
        self.transport.play_toggled.connect(
            lambda playing: (self.worker.play if playing else self.worker.pause)()
        )
        connect_command(self.transport.step_clicked, self.worker.step)
        self.transport.reset_clicked.connect(self.reset)
        connect_command(self.transport.speed_changed, self.worker.set_epochs_per_update)

    def reset(self) -> None:
        seed = self.seed.value()
        x, y = make_cubic(self.points.value(), self.noise.value(), seed)
        split = train_test_split(x, y, self.test_fraction.value(), seed)
        model = build_classifier(**self.model_controls.model_args(), inputs=1, outputs=1, seed=seed)
        trainer = PlaygroundTrainer(model, split, "regression", self.model_controls.settings(seed))
        self._generation += 1
        self._history.clear()
        self._curve, self._last = None, None
        self.train_points.setData(split.x_train[:, 0].numpy(), split.y_train[:, 0].numpy())
        self.test_points.setData(split.x_test[:, 0].numpy(), split.y_test[:, 0].numpy())
        self.fit.setData([], [])
        self.worker.set_trainer(trainer, curve_renderer(), self._generation)
        self.status.setText(describe(None))
        self._dirty = True

    def _on_snapshot(self, snap: Snapshot) -> None:
        if snap.generation != self._generation:
            return
        self._history.extend(snap.metrics)
        if snap.metrics:
            self._last = snap.metrics[-1]
        if snap.picture is not None:
            self._curve = snap.picture
        self._dirty = True

    def _redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        if self._curve is not None:
            self.fit.setData(CURVE_X, self._curve)
        h = self._history
        self.loss_plot.set_curves(h.array("epoch"), h.array("train_loss"), h.array("test_loss"))
        if self._last is not None:
            self.status.setText(describe(self._last))

    @property
    def history(self) -> History:
        return self._history

    def shutdown(self) -> None:
        self._timer.stop()
        self.training.shutdown()
