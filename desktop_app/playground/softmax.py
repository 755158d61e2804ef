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

from desktop_app.common import palette
from desktop_app.common.layout import vertical_scroll
from desktop_app.common.plot_scaling import let_title_shrink
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


def _gradient(g: np.ndarray) -> str:
    """A gradient and its length: formulas, the same in every language."""
    return f"<tt>{_vector(g)}</tt>, |g| = {float(np.linalg.norm(g)):.4f}"


def _table(rows: list[tuple[str, str] | str]) -> str:
    """Rows of (label, value) cells; a plain string is a bold heading across both."""
    cells = [
        f"<tr><td colspan=2><b>{row}</b></td></tr>"
        if isinstance(row, str)
        else f"<tr><td>{row[0]}</td><td>{row[1]}</td></tr>"
        for row in rows
    ]
    return "<table cellspacing=4>" + "".join(cells) + "</table>"


class SoftmaxExplorer(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.runner = LatestOnlyRunner(self)
        self.runner.result_ready.connect(self._show_comparison)
        self.runner.failed.connect(self._comparison_failed)
        self._build()
        self.set_class_count(3)

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        controls = QGroupBox(self.tr("Logits (raw scores from the last layer)"))
        grid = QGridLayout(controls)
        self.class_count = QSpinBox(minimum=2, maximum=MAX_CLASSES, value=3)
        self.target = QComboBox()
        top = QFormLayout()
        top.addRow(self.tr("Classes"), self.class_count)
        top.addRow(self.tr("True class"), self.target)
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

        self.bars_plot = pg.PlotWidget(title=self.tr("softmax(z): probabilities"))
        self.bars_plot.setLabel("bottom", self.tr("the true class is outlined"))
        let_title_shrink(self.bars_plot.getPlotItem())  # every bar in view, however narrow
        self.bars_plot.setYRange(0, 1)
        self.bars_plot.setAccessibleName(self.bars_plot.getPlotItem().titleLabel.text)
        self.bars_plot.setMouseEnabled(x=False, y=False)
        self.bars_plot.hideButtons()
        self.bars = pg.BarGraphItem(x=[0], height=[0], width=0.7)
        self.bars_plot.addItem(self.bars)

        self.numbers = QLabel()
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        compare = QGroupBox(
            self.tr("Training with the mistake (3-class spiral, ReLU MLP, plain SGD)")
        )
        box = QVBoxLayout(compare)
        self.compare_button = QPushButton(self.tr("Train both ways for 300 steps"))
        self.compare_button.clicked.connect(self.run_comparison)
        self.compare_status = QLabel(
            self.tr(
                "Same model, same start: one trained on CrossEntropyLoss(logits), one on "
                "CrossEntropyLoss(softmax(logits)). Both curves show the true cross-entropy."
            )
        )
        self.compare_status.setWordWrap(True)
        self.compare_plot = pg.PlotWidget(title=self.tr("Cross-entropy during training"))
        self.compare_plot.setLabel("bottom", self.tr("step"))
        self.compare_plot.addLegend(offset=(-10, 10), brush=palette.LEGEND_BACKGROUND)
        self.correct_curve = self.compare_plot.plot(
            [], [], pen=pg.mkPen(TRAIN_COLOUR, width=2), name="CrossEntropyLoss(logits)"
        )
        self.mistake_curve = self.compare_plot.plot(
            [], [], pen=pg.mkPen(TEST_COLOUR, width=2), name="CrossEntropyLoss(softmax(logits))"
        )
        box.addWidget(self.compare_button)
        box.addWidget(self.compare_status)
        box.addWidget(self.compare_plot, 1)

        # Three columns: the logits scroll on the left; the probability chart and the
        # training comparison each get the page's full height (stacked, the chart was
        # squeezed to ~40 px in a 1024x576 window).
        side = QWidget()
        left = QVBoxLayout(side)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(controls)
        left.addWidget(self.numbers)
        left.addStretch(1)
        self.bars_plot.setMinimumSize(160, 160)
        self.compare_plot.setMinimumSize(160, 160)
        layout = QHBoxLayout(self)
        layout.addWidget(vertical_scroll(side, self), 4)
        layout.addWidget(self.bars_plot, 3)
        layout.addWidget(compare, 3)

    # -- behaviour -------------------------------------------------------------------
    def set_class_count(self, count: int) -> None:
        for i in range(MAX_CLASSES):
            for w in (self.sliders[i], self.slider_labels[i], self.value_labels[i]):
                w.setVisible(i < count)
        current = max(self.target.currentIndex(), 0)
        self.target.blockSignals(True)
        self.target.clear()
        names = [self.tr("class {index}").format(index=i) for i in range(count)]
        self.target.addItems(names)
        self.target.setCurrentIndex(min(current, count - 1))
        self.target.blockSignals(False)
        self.bars_plot.setXRange(-0.6, count - 0.4)
        self.bars_plot.getAxis("bottom").setTicks([list(enumerate(names))])
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
        difference = abs(b.loss_cross_entropy - b.loss_logsoftmax_nll)
        floor = np.log(np.e + n - 1) - 1  # the loss when the true class gets all the weight
        self.numbers.setText(
            _table(
                [
                    ("softmax(z)", f"<tt>{_vector(b.probabilities)}</tt>"),
                    (f"\u2212log p[{t}]", f"<tt>{b.loss_manual:.6f}</tt>"),
                    (f"CrossEntropyLoss(z, {t})", f"<tt>{b.loss_cross_entropy:.6f}</tt>"),
                    (
                        f"NLLLoss(LogSoftmax(z), {t})",
                        self.tr("{loss} (difference {difference:.1e})").format(
                            loss=f"<tt>{b.loss_logsoftmax_nll:.6f}</tt>", difference=difference
                        ),
                    ),
                    (self.tr("gradient dL/dz = p \u2212 onehot"), _gradient(b.grad_cross_entropy)),
                    self.tr("Mistake: softmax before CrossEntropyLoss"),
                    (
                        f"CrossEntropyLoss(softmax(z), {t})",
                        self.tr("{loss} (can never go below {floor:.4f})").format(
                            loss=f"<tt>{b.loss_softmax_first:.6f}</tt>", floor=floor
                        ),
                    ),
                    (self.tr("its gradient dL/dz"), _gradient(b.grad_softmax_first)),
                    (
                        self.tr("gradient ratio"),
                        self.tr("{ratio} the correct one: smaller steps, slower training").format(
                            ratio=f"<b>{b.grad_ratio:.2f}\u00d7</b>"
                        ),
                    ),
                ]
            )
        )

    def run_comparison(self) -> None:
        self.compare_button.setEnabled(False)
        self.compare_status.setText(self.tr("training both models..."))
        self.runner.submit(_compare_on_one_thread)

    def _show_comparison(self, result: MistakeComparison) -> None:
        steps = np.arange(1, result.steps + 1)
        self.correct_curve.setData(steps, result.correct_loss)
        self.mistake_curve.setData(steps, result.mistake_loss)
        self.compare_button.setEnabled(True)
        self.compare_status.setText(
            self.tr(
                "After {steps} steps: correct loss {loss:.3f}, accuracy {acc:.1%}; "
                "with softmax first {mistake_loss:.3f}, accuracy {mistake_acc:.1%}."
            ).format(
                steps=result.steps,
                loss=result.correct_loss[-1],
                acc=result.correct_acc[-1],
                mistake_loss=result.mistake_loss[-1],
                mistake_acc=result.mistake_acc[-1],
            )
        )

    def _comparison_failed(self, message: str) -> None:
        self.compare_button.setEnabled(True)
        self.compare_status.setText(self.tr("failed: {reason}").format(reason=message))

    def shutdown(self) -> None:
        self.runner.wait(SHUTDOWN_WAIT_S)
