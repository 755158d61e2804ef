"""The softmax and cross-entropy explorer: logits on sliders, probabilities as bars, the
loss for a chosen true class, and the numbers that show CrossEntropyLoss == LogSoftmax +
NLLLoss and what a softmax in front of CrossEntropyLoss does to the gradient."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common.workers import SHUTDOWN_WAIT_S, LatestOnlyRunner
from desktop_app.playground.controls import PALETTE, TEST_COLOUR, TRAIN_COLOUR
from training_core.softmax_explorer import MistakeComparison, compare_softmax_mistake, explain
from training_core.threads import torch_threads

MAX_CLASSES = 6
SLIDER_SCALE = 10  # slider ticks per logit unit: range -10..10 in steps of 0.1
START_LOGITS = (2.0, 1.0, 0.1, -1.0, -2.0, 0.5)


def _compare_on_one_thread() -> MistakeComparison:
    with torch_threads(1):
        return compare_softmax_mistake()


def _vector(v) -> str:
    return "[" + ", ".join(f"{x:+.3f}" for x in v) + "]"


class SoftmaxExplorer(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.runner = LatestOnlyRunner(self)
        self.runner.result_ready.connect(self._show_comparison)
        self.runner.failed.connect(lambda msg: self.compare_status.setText(f"failed: {msg}"))
        self._build()
        self.set_class_count(3)

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        controls = QGroupBox("Logits (raw scores from the last layer)")
        grid = QGridLayout(controls)
        self.class_count = QSpinBox(minimum=2, maximum=MAX_CLASSES, value=3)
        self.target = QComboBox()
        top = QFormLayout()
        top.addRow("Classes", self.class_count)
        top.addRow("True class", self.target)
        grid.addLayout(top, 0, 0, 1, 3)
        self.sliders: list[QSlider] = []
        self.slider_labels: list[QLabel] = []
        self.value_labels: list[QLabel] = []
        for i in range(MAX_CLASSES):
            name = QLabel(f"z{i}")
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(-10 * SLIDER_SCALE, 10 * SLIDER_SCALE)
            slider.setValue(round(START_LOGITS[i] * SLIDER_SCALE))
            slider.valueChanged.connect(self.update_numbers)
            value = QLabel()
            value.setMinimumWidth(44)
            grid.addWidget(name, i + 1, 0)
            grid.addWidget(slider, i + 1, 1)
            grid.addWidget(value, i + 1, 2)
            self.sliders.append(slider)
            self.slider_labels.append(name)
            self.value_labels.append(value)
        self.class_count.valueChanged.connect(self.set_class_count)
        self.target.currentIndexChanged.connect(self.update_numbers)

        self.bars_plot = pg.PlotWidget(title="softmax(z): probabilities (true class outlined)")
        self.bars_plot.setYRange(0, 1)
        self.bars_plot.setMouseEnabled(x=False, y=False)
        self.bars_plot.hideButtons()
        self.bars = pg.BarGraphItem(x=[0], height=[0], width=0.7)
        self.bars_plot.addItem(self.bars)

        self.numbers = QLabel()
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        compare = QGroupBox("Training with the mistake (3-class spiral, ReLU MLP, plain SGD)")
        box = QVBoxLayout(compare)
        self.compare_button = QPushButton("Train both ways for 300 steps")
        self.compare_button.clicked.connect(self.run_comparison)
        self.compare_status = QLabel(
            "Same model, same start: one trained on CrossEntropyLoss(logits), one on "
            "CrossEntropyLoss(softmax(logits)). Both curves show the true cross-entropy."
        )
        self.compare_status.setWordWrap(True)
        self.compare_plot = pg.PlotWidget(title="Cross-entropy during training")
        self.compare_plot.setLabel("bottom", "step")
        self.compare_plot.addLegend(offset=(-10, 10))
        self.correct_curve = self.compare_plot.plot(
            [], [], pen=pg.mkPen(TRAIN_COLOUR, width=2), name="CrossEntropyLoss(logits)"
        )
        self.mistake_curve = self.compare_plot.plot(
            [], [], pen=pg.mkPen(TEST_COLOUR, width=2), name="CrossEntropyLoss(softmax(logits))"
        )
        box.addWidget(self.compare_button)
        box.addWidget(self.compare_status)
        box.addWidget(self.compare_plot, 1)

        left = QVBoxLayout()
        left.addWidget(controls)
        left.addWidget(self.numbers)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.bars_plot, 1)
        right.addWidget(compare, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    # -- behaviour -------------------------------------------------------------------
    def set_class_count(self, count: int) -> None:
        for i in range(MAX_CLASSES):
            for w in (self.sliders[i], self.slider_labels[i], self.value_labels[i]):
                w.setVisible(i < count)
        current = max(self.target.currentIndex(), 0)
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItems([f"class {i}" for i in range(count)])
        self.target.setCurrentIndex(min(current, count - 1))
        self.target.blockSignals(False)
        self.bars_plot.setXRange(-0.6, count - 0.4)
        self.bars_plot.getAxis("bottom").setTicks([[(i, f"class {i}") for i in range(count)]])
        self.update_numbers()

    def logits(self) -> np.ndarray:
        n = self.class_count.value()
        return np.array([s.value() / SLIDER_SCALE for s in self.sliders[:n]])

    def set_logits(self, values) -> None:
        for slider, v in zip(self.sliders, values, strict=False):
            slider.setValue(round(v * SLIDER_SCALE))

    def update_numbers(self) -> None:
        z = self.logits()
        t = max(self.target.currentIndex(), 0)
        for label, v in zip(self.value_labels, z, strict=False):
            label.setText(f"{v:+.1f}")
        b = explain(z, t)
        self.breakdown = b
        n = len(z)
        colours = [pg.mkBrush(*PALETTE[i]) for i in range(n)]
        pens = [pg.mkPen("k", width=3) if i == t else pg.mkPen(None) for i in range(n)]
        self.bars.setOpts(x=np.arange(n), height=b.probabilities, brushes=colours, pens=pens)
        g1 = float(np.linalg.norm(b.grad_cross_entropy))
        g2 = float(np.linalg.norm(b.grad_softmax_first))
        self.numbers.setText(
            "<table cellspacing=4>"
            f"<tr><td>softmax(z)</td><td><tt>{_vector(b.probabilities)}</tt></td></tr>"
            f"<tr><td>\u2212log p[{t}]</td><td><tt>{b.loss_manual:.6f}</tt></td></tr>"
            f"<tr><td>CrossEntropyLoss(z, {t})</td>"
            f"<td><tt>{b.loss_cross_entropy:.6f}</tt></td></tr>"
            f"<tr><td>NLLLoss(LogSoftmax(z), {t})</td>"
            f"<td><tt>{b.loss_logsoftmax_nll:.6f}</tt> (difference "
            f"{abs(b.loss_cross_entropy - b.loss_logsoftmax_nll):.1e})</td></tr>"
            f"<tr><td>gradient dL/dz = p \u2212 onehot</td>"
            f"<td><tt>{_vector(b.grad_cross_entropy)}</tt>, |g| = {g1:.4f}</td></tr>"
            "<tr><td colspan=2><b>Mistake: softmax before CrossEntropyLoss</b></td></tr>"
            f"<tr><td>CrossEntropyLoss(softmax(z), {t})</td>"
            f"<td><tt>{b.loss_softmax_first:.6f}</tt> (can never go below "
            f"{np.log(np.e + n - 1) - 1:.4f})</td></tr>"
            f"<tr><td>its gradient dL/dz</td><td><tt>{_vector(b.grad_softmax_first)}</tt>, "
            f"|g| = {g2:.4f}</td></tr>"
            f"<tr><td>gradient ratio</td><td><b>{b.grad_ratio:.2f}\u00d7</b> the correct "
            "one: smaller steps, slower training</td></tr>"
            "</table>"
        )

    def run_comparison(self) -> None:
        self.compare_button.setEnabled(False)
        self.compare_status.setText("training both models...")
        self.runner.submit(_compare_on_one_thread)

    def _show_comparison(self, result: MistakeComparison) -> None:
        steps = np.arange(1, result.steps + 1)
        self.correct_curve.setData(steps, result.correct_loss)
        self.mistake_curve.setData(steps, result.mistake_loss)
        self.compare_button.setEnabled(True)
        self.compare_status.setText(
            f"After {result.steps} steps: correct loss {result.correct_loss[-1]:.3f}, "
            f"accuracy {result.correct_acc[-1]:.1%}; with softmax first "
            f"{result.mistake_loss[-1]:.3f}, accuracy {result.mistake_acc[-1]:.1%}."
        )

    def shutdown(self) -> None:
        self.runner.wait(SHUTDOWN_WAIT_S)
