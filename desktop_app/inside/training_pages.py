"""The Inside tab's pages about training: first-layer weights per epoch, and per-layer
weight histograms and gradient norms per epoch, read from the run folder."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from desktop_app.common import palette
from desktop_app.common.i18n import core_text
from desktop_app.inside.views import ImageView, mosaic

NO_RUN = QT_TRANSLATE_NOOP(
    "TrainingPages",
    "This model has no per-epoch record: it was not trained by this version of Digit Lab "
    "(the bundled model was made before). Train a run, then use it in the Draw tab.",
)


def _notes(problems, record: bool = True) -> str:
    """The note under a page: the first two problems reading the run (core messages, in
    the window's language), after "no record" when there is none."""
    lines = [core_text(p) for p in problems[:2]]
    if not record:
        lines.insert(0, QCoreApplication.translate("TrainingPages", NO_RUN))
    return "; ".join(lines)


class WeightsPage(QWidget):
    """First-layer filters / weight images, with a slider over the saved epochs."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.epochs: list[tuple[int, np.ndarray]] = []
        self.current: np.ndarray | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName(self.tr("Epoch"))
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._show_epoch)
        self.epoch_label = QLabel()
        self.view = ImageView()
        self.view.setAccessibleName(self.tr("First-layer weights at the chosen epoch"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("epoch")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.epoch_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)

    def set_weights(self, kind: str, current: np.ndarray, epochs, problems) -> None:
        """``current``: the model's [K, H, W]; ``epochs``: (epoch, weights) saved by the run;
        ``kind``: what the weights are ("first-layer filters"), in the window's language."""
        self.current, self.epochs = current, list(epochs)
        self.title.setText(
            self.tr(
                "{kind}: red pushes a unit up, blue down (white: no effect). {count} shown."
            ).format(kind=kind, count=len(current))
        )
        if self.epochs:
            self.slider.setEnabled(True)
            self.slider.setRange(0, len(self.epochs) - 1)
            self.slider.setValue(len(self.epochs) - 1)
            self._show_epoch(self.slider.value())
            self.note.setText(_notes(problems))
        else:
            self.slider.setEnabled(False)
            self.epoch_label.setText("")
            self.view.show_array(mosaic(current), diverging=True)
            self.note.setText(_notes(problems, record=False))

    def _show_epoch(self, index: int) -> None:
        if not 0 <= index < len(self.epochs):
            return
        epoch, weights = self.epochs[index]
        self.epoch_label.setText(
            self.tr("{epoch} of {last}").format(epoch=epoch, last=self.epochs[-1][0])
        )
        self.view.show_array(mosaic(weights), diverging=True)


class HistoryPage(QWidget):
    """Per layer: the weights' histogram per epoch (a heat strip) and the gradient norm
    over every batch of each epoch (mean, with min-max band)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self.layer_box = QComboBox()
        self.layer_box.setAccessibleName(self.tr("Layer"))
        self.layer_box.currentIndexChanged.connect(self._show_layer)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.heat = pg.PlotWidget(background="w")
        plot = self.heat.getPlotItem()
        plot.setTitle(self.tr("weight histogram per epoch (darker: more weights)"), size="9pt")
        self.heat.setAccessibleName(plot.titleLabel.text)
        plot.setLabel("bottom", self.tr("epoch"))
        plot.setLabel("left", self.tr("weight value"))
        plot.setMenuEnabled(False)
        self.heat_image = pg.ImageItem(axisOrder="row-major")
        self.heat_image.setLookupTable(palette.SEQUENTIAL.getLookupTable(nPts=256))
        plot.addItem(self.heat_image)
        self.grad = pg.PlotWidget(background="w")
        gplot = self.grad.getPlotItem()
        gplot.setTitle(self.tr("gradient norm over each epoch's batches"), size="9pt")
        self.grad.setAccessibleName(gplot.titleLabel.text)
        gplot.setLabel("bottom", self.tr("epoch"))
        gplot.setMenuEnabled(False)
        gplot.showGrid(x=True, y=True, alpha=0.25)
        self.grad_mean = gplot.plot(pen=pg.mkPen((200, 60, 40), width=2), symbol="o", symbolSize=5)
        self.grad_low = gplot.plot(pen=pg.mkPen((200, 60, 40, 90)))
        self.grad_high = gplot.plot(pen=pg.mkPen((200, 60, 40, 90)))
        self.band = pg.FillBetweenItem(self.grad_low, self.grad_high, brush=(200, 60, 40, 40))
        gplot.addItem(self.band)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("layer")))
        top.addWidget(self.layer_box, 1)
        plots = QHBoxLayout()
        plots.addWidget(self.heat, 1)
        plots.addWidget(self.grad, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(plots, 1)
        layout.addWidget(self.note)

    def set_rows(self, rows: list[dict], problems: list[str]) -> None:
        self.rows = rows
        names = [layer["name"] for layer in rows[-1]["layers"]] if rows else []
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.addItems(names)
        self.layer_box.blockSignals(False)
        self.note.setText(_notes(problems, record=bool(rows)))
        self._show_layer(0)

    def _show_layer(self, index: int) -> None:
        per_epoch = [
            (row["epoch"], row["layers"][index])
            for row in self.rows
            if 0 <= index < len(row["layers"])
        ]
        if not per_epoch:
            self.heat_image.clear()
            for curve in (self.grad_mean, self.grad_low, self.grad_high):
                curve.setData([], [])
            return
        edge = max(max(abs(l["weight"]["lo"]), abs(l["weight"]["hi"])) for _, l in per_epoch)
        edge = edge or 1.0
        bins = 48
        heat = np.zeros((bins, len(per_epoch)), np.float32)
        shared = np.linspace(-edge, edge, bins + 1)
        for j, (_, layer) in enumerate(per_epoch):  # each epoch's bins, onto one shared axis
            w = layer["weight"]
            counts = np.asarray(w["counts"], float)
            edges = np.linspace(w["lo"], w["hi"], len(counts) + 1)
            cumulative = np.concatenate([[0.0], np.cumsum(counts)]) / max(counts.sum(), 1)
            heat[:, j] = np.diff(np.interp(shared, edges, cumulative))  # re-binned, no gaps
        self.heat_image.setImage(heat, levels=(0, float(heat.max()) or 1.0))
        first = per_epoch[0][0]
        self.heat_image.setRect(first - 0.5, -edge, len(per_epoch), 2 * edge)
        epochs = np.array([e for e, _ in per_epoch], float)
        grads = [layer["grad_norm"] for _, layer in per_epoch]
        self.grad_mean.setData(epochs, [g["mean"] for g in grads])
        self.grad_low.setData(epochs, [g["lo"] for g in grads])
        self.grad_high.setData(epochs, [g["hi"] for g in grads])
