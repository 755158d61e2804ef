"""Confusion matrix heatmap (click a cell to see its images) and per-class accuracy bars."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGraphicsRectItem

from desktop_app.common import palette
from desktop_app.train.plots import plot_font, style_plot


def _blues_lut() -> np.ndarray:
    """White to deep blue, 256 entries: zero looks like paper, the diagonal stands out."""
    return palette.SEQUENTIAL.getLookupTable(nPts=256)


class _ClickableImage(pg.ImageItem):
    def __init__(self, on_click):
        super().__init__()
        self._on_click = on_click

    def mouseClickEvent(self, event):
        pos = event.pos()
        self._on_click(int(np.floor(pos.x())), int(np.floor(pos.y())))
        event.accept()


class ConfusionMatrixView(pg.PlotWidget):
    """Rows are true classes, columns predictions; colour is the share of the row.

    The colour uses the square root of the share so that a handful of mistakes is still
    visible next to a diagonal of a thousand.
    """

    cell_clicked = Signal(int, int)  # true class, predicted class

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = self.getPlotItem()
        style_plot(
            self.plot,
            self.tr("Confusion matrix (click a cell)"),
            self.tr("predicted"),
            self.tr("true"),
        )
        self.plot.showGrid(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        self.plot.getViewBox().invertY(True)
        self.plot.getViewBox().setAspectLocked(True)
        self.image = _ClickableImage(self._clicked)
        self.image.setLookupTable(_blues_lut())
        self.plot.addItem(self.image)
        self._texts: list[pg.TextItem] = []
        self._ensure_texts(10)  # made now, not when results arrive at the end of a run
        self.matrix = np.zeros((0, 0), dtype=int)
        self.labels_shown = False  # whether the counts fit their cells (_fit_labels)
        # The clicked cell, outlined: the sample grid beside shows its images.
        self.selected: tuple[int, int] | None = None  # (true class, predicted class)
        self.outline = QGraphicsRectItem(0, 0, 1, 1)
        pen = pg.mkPen(palette.SERIES[1], width=3)  # vermillion on the blue cells
        pen.setCosmetic(True)
        self.outline.setPen(pen)
        self.outline.setZValue(10)
        self.outline.hide()
        self.plot.addItem(self.outline)
        self.plot.getViewBox().sigResized.connect(self._fit_labels)

    def set_matrix(self, matrix: np.ndarray, class_names: list[str]) -> None:
        self.select_cell(None)  # another run: its cells are not the one clicked before
        self.matrix = np.asarray(matrix)
        count = len(class_names)
        totals = self.matrix.sum(axis=1, keepdims=True).clip(min=1)
        share = np.sqrt(self.matrix / totals)
        self.image.setImage(share.T, levels=(0.0, 1.0))  # ImageItem's first axis is x
        self._ensure_texts(count)
        for row in range(count):
            for col in range(count):
                text = self._texts[row * count + col]
                value = int(self.matrix[row, col])
                text.setVisible(value > 0)
                if value > 0:
                    color = "w" if share[row, col] > 0.6 else "k"
                    if getattr(text, "shown", None) != (value, color):
                        text.setText(str(value), color=color)
                        text.shown = (value, color)
        ticks = [[(i + 0.5, name) for i, name in enumerate(class_names)]]
        self.plot.getAxis("bottom").setTicks(ticks)
        self.plot.getAxis("left").setTicks(ticks)
        self.plot.setRange(xRange=(0, count), yRange=(0, count), padding=0.02)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """The counts are written in the cells only while the widest fits its cell (at 200 %
        scaling four-digit counts ran into each other); the colours always show."""
        count = self.matrix.shape[0] if self.matrix.ndim == 2 else 0
        if count == 0:
            return
        box = self.plot.getViewBox()
        cell = min(box.width(), box.height()) / count  # pixels: the aspect ratio is locked
        shown = [t for t, v in zip(self._texts, self.matrix.flat, strict=False) if v > 0]
        widest = max((t.textItem.boundingRect().width() for t in shown), default=0.0)
        fits = widest <= 0.95 * cell
        for text in shown:
            text.setVisible(fits)
        self.labels_shown = fits

    def _ensure_texts(self, count: int) -> None:
        """One text item per cell, made once and reused: creating a hundred of them
        each time takes tens of milliseconds of the UI thread."""
        if len(self._texts) == count * count:
            return
        for text in self._texts:
            self.plot.removeItem(text)
        self._texts = []
        font = plot_font(0.9)
        for row in range(count):
            for col in range(count):
                text = pg.TextItem("", color="k", anchor=(0.5, 0.5))
                text.setFont(font)
                text.setPos(col + 0.5, row + 0.5)
                self.plot.addItem(text)
                self._texts.append(text)

    def _clicked(self, col: int, row: int) -> None:
        count = self.matrix.shape[0]
        if 0 <= row < count and 0 <= col < count:
            self.select_cell((row, col))
            self.cell_clicked.emit(row, col)

    def select_cell(self, cell: tuple[int, int] | None) -> None:
        """Outline ``cell`` (true class, predicted class), or nothing for None."""
        self.selected = cell
        if cell is not None:
            self.outline.setRect(cell[1], cell[0], 1, 1)  # x is the predicted column
        self.outline.setVisible(cell is not None)


class PerClassAccuracyView(pg.PlotWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = self.getPlotItem()
        style_plot(
            self.plot, self.tr("Accuracy per class (test)"), self.tr("class"), self.tr("accuracy %")
        )
        self.plot.setMenuEnabled(False)
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=(31, 119, 180))
        self.plot.addItem(self.bars)
        self._texts: list[pg.TextItem] = []
        self.values = np.zeros(0)

    def set_accuracy(self, per_class: np.ndarray, class_names: list[str]) -> None:
        self.values = np.nan_to_num(np.asarray(per_class, dtype=float) * 100.0)
        x = np.arange(len(self.values))
        self.bars.setOpts(x=x, height=self.values, width=0.7)
        for text in self._texts:
            self.plot.removeItem(text)
        self._texts = []
        font = plot_font(0.8)
        for i, value in enumerate(self.values):
            text = pg.TextItem(f"{value:.0f}", color="k", anchor=(0.5, 1.0))
            text.setFont(font)
            text.setPos(i, value)
            self.plot.addItem(text)
            self._texts.append(text)
        self.plot.getAxis("bottom").setTicks([[(i, n) for i, n in enumerate(class_names)]])
        low = float(self.values.min()) if len(self.values) else 0.0
        self.plot.setRange(
            xRange=(-0.6, len(self.values) - 0.4), yRange=(max(0.0, low - 15), 104), padding=0
        )
