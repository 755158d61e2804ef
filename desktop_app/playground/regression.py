"""The playground's regression view: fit y = x^3 + noise (the lesson's second example) with
the same models; the fitted curve is redrawn over the points while training runs."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
)

from desktop_app.common import palette
from desktop_app.playground.base import LiveTrainingView
from desktop_app.playground.controls import TEST_COLOUR, TRAIN_COLOUR, CurvePlot, History
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


class RegressionView(LiveTrainingView):
    """Controls on the left; the fitted curve over the points, then the loss, on the right."""

    def _build(self) -> None:
        data = QGroupBox(self.tr("Data: y = x\u00b3 + noise \u00b7 U[0, 1)"))
        form = QFormLayout(data)
        self.points = QSpinBox(minimum=10, maximum=5000, value=100)
        self.noise = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=2.0, value=0.3)
        self.noise.setSingleStep(0.05)
        self.seed = QSpinBox(minimum=0, maximum=999_999, value=1)
        self.test_fraction = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=0.9, value=0.2)
        self.test_fraction.setSingleStep(0.05)
        form.addRow(self.tr("Points"), self.points)
        form.addRow(self.tr("Noise"), self.noise)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Test fraction"), self.test_fraction)
        scroll = self.side_panel(data)

        self.fit_plot = pg.PlotWidget(title=self.tr("Fitted curve (filled: train, ringed: test)"))
        self.fit_plot.setAccessibleName(self.fit_plot.getPlotItem().titleLabel.text)
        self.fit_plot.addLegend(offset=(10, 10), brush=palette.LEGEND_BACKGROUND)
        self.fit_plot.showGrid(x=True, y=True, alpha=0.2)
        self.train_points = pg.ScatterPlotItem(size=6, pen=None, brush=pg.mkBrush(TRAIN_COLOUR))
        self.test_points = pg.ScatterPlotItem(
            size=7, pen=pg.mkPen(TEST_COLOUR, width=1.5), brush=pg.mkBrush(255, 255, 255)
        )
        self.fit_plot.addItem(self.train_points)
        self.fit_plot.addItem(self.test_points)
        self.truth = self.fit_plot.plot(
            CURVE_X,
            CURVE_X**3,
            pen=pg.mkPen((120, 120, 120), width=1, style=Qt.PenStyle.DashLine),
            name="x\u00b3",
        )
        model_pen = pg.mkPen((20, 20, 20), width=3)
        self.fit = self.fit_plot.plot([], [], pen=model_pen, name=self.tr("model"))
        self.loss_plot = CurvePlot(self.tr("Loss (mean squared error)"), "MSE")
        self.loss_plot.setLogMode(y=True)
        self.loss_plot.getAxis("left").enableAutoSIPrefix(False)
        self.loss_plot.setMinimumHeight(150)  # readable under the fit in a 1024x576 window
        right = QVBoxLayout()
        right.addWidget(self.fit_plot, 3)
        right.addWidget(self.loss_plot, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(right, 1)

        for w in (self.points, self.noise, self.seed, self.test_fraction):
            w.valueChanged.connect(self.reset)

    def reset(self) -> None:
        seed = self.seed.value()
        x, y = make_cubic(self.points.value(), self.noise.value(), seed)
        split = train_test_split(x, y, self.test_fraction.value(), seed)
        model = build_classifier(**self.model_controls.model_args(), inputs=1, outputs=1, seed=seed)
        trainer = PlaygroundTrainer(model, split, "regression", self.model_controls.settings(seed))
        self.train_points.setData(split.x_train[:, 0].numpy(), split.y_train[:, 0].numpy())
        self.test_points.setData(split.x_test[:, 0].numpy(), split.y_test[:, 0].numpy())
        self.fit.setData([], [])
        self._train(trainer, curve_renderer())

    def _draw_picture(self, curve: np.ndarray) -> None:
        self.fit.setData(CURVE_X, curve)

    def _draw_curves(self, h: History) -> None:
        self.loss_plot.set_curves(h.array("epoch"), h.array("train_loss"), h.array("test_loss"))
