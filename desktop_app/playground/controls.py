"""Widgets shared by the playground's classification and regression views: model and
optimizer settings, the play/pause/step/reset bar, and the train/test curves."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import palette
from training_core.playground import TrainSettings

# Colours for up to 10 classes, as RGB: the colour-blind-safe series, then grey and brown.
PALETTE = np.array([*palette.SERIES, (127, 127, 127), (140, 86, 75)], dtype=np.uint8)
TRAIN_COLOUR = palette.TRAIN
TEST_COLOUR = palette.TEST


class ModelControls(QGroupBox):
    """Model shape and optimizer. ``structure_changed``: a new model is needed (reset);
    ``hyperparameters_changed``: lr or L2 moved, applied live to the running optimizer."""

    structure_changed = Signal()
    hyperparameters_changed = Signal(float, float)

    def __init__(self, parent=None, title: str | None = None):
        super().__init__(parent)
        self.setTitle(title or self.tr("Model and training"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("MLP (with activation)"), "mlp")
        self.kind.addItem(self.tr("Linear (no activation)"), "linear")
        self.hidden_layers = QSpinBox(minimum=0, maximum=6, value=1)
        self.units = QSpinBox(minimum=1, maximum=512, value=100)
        self.activation = QComboBox()
        for name in ("relu", "tanh", "sigmoid"):
            self.activation.addItem(name.capitalize() if name != "relu" else "ReLU", name)
        self.optimizer = QComboBox()
        self.optimizer.addItem("Adam", "adam")
        self.optimizer.addItem("SGD", "sgd")
        self.lr = QDoubleSpinBox(decimals=5, minimum=1e-5, maximum=10.0, value=0.01)
        self.lr.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.l2 = QDoubleSpinBox(decimals=5, minimum=0.0, maximum=1.0, value=1e-5)
        self.l2.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.batch = QComboBox()
        self.batch.addItem(self.tr("Full batch"), 0)
        for size in (16, 32, 64, 128, 256):
            self.batch.addItem(str(size), size)
        form.addRow(self.tr("Model"), self.kind)
        form.addRow(self.tr("Hidden layers"), self.hidden_layers)
        form.addRow(self.tr("Units per layer"), self.units)
        form.addRow(self.tr("Activation"), self.activation)
        form.addRow(self.tr("Optimizer"), self.optimizer)
        form.addRow(self.tr("Learning rate"), self.lr)
        form.addRow(self.tr("L2 (weight decay)"), self.l2)
        form.addRow(self.tr("Batch size"), self.batch)
        for combo in (self.kind, self.activation, self.optimizer, self.batch):
            combo.currentIndexChanged.connect(self.structure_changed)
        for spin in (self.hidden_layers, self.units):
            spin.valueChanged.connect(self.structure_changed)
        self.kind.currentIndexChanged.connect(self._update_enabled)
        self.lr.valueChanged.connect(self._emit_hyper)
        self.l2.valueChanged.connect(self._emit_hyper)

    def model_args(self) -> dict:
        return {
            "kind": self.kind.currentData(),
            "hidden_layers": self.hidden_layers.value(),
            "units": self.units.value(),
            "activation": self.activation.currentData(),
        }

    def settings(self, seed: int = 0) -> TrainSettings:
        return TrainSettings(
            self.optimizer.currentData(),
            self.lr.value(),
            self.l2.value(),
            self.batch.currentData(),
            seed,
        )

    def _update_enabled(self) -> None:
        self.activation.setEnabled(self.kind.currentData() == "mlp")

    def _emit_hyper(self) -> None:
        self.hyperparameters_changed.emit(self.lr.value(), self.l2.value())


class TransportBar(QWidget):
    """Play/Pause (one toggle), Step one epoch, Reset, and how many epochs per picture."""

    play_toggled = Signal(bool)
    step_clicked = Signal()
    reset_clicked = Signal()
    speed_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self._on_toggled)
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Train one epoch"))
        self.step_button.clicked.connect(self.step_clicked)
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("New random weights, history cleared"))
        self.reset_button.clicked.connect(self.reset_clicked)
        self.speed = QSpinBox(minimum=1, maximum=200, value=5)
        self.speed.setAccessibleName(self.tr("Epochs per picture"))
        self.speed.setSuffix(self.tr(" epochs"))
        self.speed.setToolTip(self.tr("Epochs trained between two pictures while playing"))
        self.speed.valueChanged.connect(self.speed_changed)
        for w in (self.play_button, self.step_button, self.reset_button):
            row.addWidget(w)
        speed_row = QHBoxLayout()
        speed_row.addWidget(QLabel(self.tr("While playing, draw every")))
        speed_row.addWidget(self.speed, 1)
        outer.addLayout(row)
        outer.addLayout(speed_row)

    def set_playing(self, playing: bool) -> None:
        """Mirror the worker's state without re-emitting."""
        self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.blockSignals(False)
        self._label(playing)

    def _on_toggled(self, checked: bool) -> None:
        self._label(checked)
        self.play_toggled.emit(checked)

    def _label(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.step_button.setEnabled(not playing)


class CurvePlot(pg.PlotWidget):
    """Train and test curves against epochs, redrawn from growing arrays with ``setData``."""

    def __init__(self, title: str, y_label: str, parent=None, legend_offset=(-10, 10)):
        super().__init__(parent)
        self.setTitle(title)
        self.setAccessibleName(title)
        self.setLabel("bottom", self.tr("epoch"))
        self.setLabel("left", y_label)
        self.addLegend(offset=legend_offset, brush=palette.LEGEND_BACKGROUND)
        self.showGrid(x=True, y=True, alpha=0.2)
        plot = self.getPlotItem()
        plot.setClipToView(True)
        plot.setDownsampling(auto=True, mode="peak")
        train_pen, test_pen = pg.mkPen(TRAIN_COLOUR, width=2), pg.mkPen(TEST_COLOUR, width=2)
        self.train_curve = self.plot([], [], pen=train_pen, name=self.tr("train"))
        self.test_curve = self.plot([], [], pen=test_pen, name=self.tr("test"))

    def set_curves(self, epochs: np.ndarray, train: np.ndarray, test: np.ndarray) -> None:
        self.train_curve.setData(epochs, train)
        if np.isnan(test).all():
            self.test_curve.setData([], [])
        else:
            self.test_curve.setData(epochs, test, connect="finite")


class History:
    """Per-epoch numbers kept as growing lists; arrays are built only when drawing."""

    FIELDS = ("epoch", "train_loss", "test_loss", "train_acc", "test_acc")

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self.values: dict[str, list[float]] = {f: [] for f in self.FIELDS}

    def extend(self, metrics) -> None:
        for m in metrics:
            for f in self.FIELDS:
                self.values[f].append(getattr(m, f))

    def array(self, name: str) -> np.ndarray:
        return np.asarray(self.values[name], dtype=np.float64)

    def __len__(self) -> int:
        return len(self.values["epoch"])


def describe(m) -> str:
    """One line for the status label, e.g. 'epoch 12 - train loss 0.31, acc 90.1% ...',
    in the window's language (context ``LiveTrainingView``: it is that view's status)."""
    if m is None:
        return QCoreApplication.translate("LiveTrainingView", "epoch 0 - not trained yet")

    def part(loss, acc):
        if math.isnan(loss):
            return "-"
        if math.isnan(acc):  # regression: no accuracy
            return QCoreApplication.translate("LiveTrainingView", "loss {loss:.4f}").format(
                loss=loss
            )
        return QCoreApplication.translate(
            "LiveTrainingView", "loss {loss:.4f}, acc {acc:.1%}"
        ).format(loss=loss, acc=acc)

    return QCoreApplication.translate(
        "LiveTrainingView", "epoch {epoch} - train {train} | test {test}"
    ).format(
        epoch=m.epoch,
        train=part(m.train_loss, m.train_acc),
        test=part(m.test_loss, m.test_acc),
    )


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {palette.ERROR};")
    return label
