"""What the batch-loss curve marks besides the loss: where each epoch begins, and the
batch where the loss stopped being a number.

Epoch lines let a teacher say "here the model has seen every image once"; the divergence
mark keeps a run that exploded from looking as if it simply ended (a NaN is not drawn by
any curve, so without it the plot stops silently at the last finite point).
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont

EPOCH_LINE_COLOR = (128, 128, 128)
DIVERGED_COLOR = (213, 94, 0)  # vermilion: stands out for colour-blind eyes too
MAX_LABELLED_EPOCHS = 12  # beyond that the labels would overlap: lines only


class BatchMarks:
    """Epoch lines and the divergence mark on one plot; ``update`` is cheap when nothing
    changed, so the redraw calls it every time."""

    def __init__(self, plot: pg.PlotItem, font: QFont):
        self.plot = plot
        self.font = font
        self.epoch_lines: list[pg.InfiniteLine] = []
        self._labelled = True
        self.diverged_at: tuple[float, float] | None = None  # (x, the loss), from the data
        self._diverged_items: list[pg.GraphicsObject] = []

    def clear(self) -> None:
        for item in self.epoch_lines + self._diverged_items:
            self.plot.removeItem(item)
        self.epoch_lines, self._diverged_items = [], []
        self.diverged_at = None

    def update(self, last_x: float | None) -> None:
        """A line where each epoch after the first begins, up to ``last_x`` (in epochs)."""
        begun = 0 if last_x is None else max(math.ceil(last_x - 1e-9) - 1, 0)
        labelled = begun <= MAX_LABELLED_EPOCHS
        if labelled != self._labelled:  # too many now: redo them all without labels
            for line in self.epoch_lines:
                self.plot.removeItem(line)
            self.epoch_lines, self._labelled = [], labelled
        while len(self.epoch_lines) < begun:
            self.epoch_lines.append(self._epoch_line(len(self.epoch_lines) + 1, labelled))

    def _epoch_line(self, x: int, labelled: bool) -> pg.InfiniteLine:
        pen = pg.mkPen(color=EPOCH_LINE_COLOR, width=1, style=Qt.PenStyle.DotLine)
        label = None
        if labelled:
            label = QCoreApplication.translate("TrainPlots", "epoch {epoch}").format(epoch=x + 1)
        line = pg.InfiniteLine(
            pos=x,
            angle=90,
            pen=pen,
            movable=False,
            label=label,
            labelOpts={"position": 0.92, "color": EPOCH_LINE_COLOR, "anchors": [(0, 0), (0, 0)]},
        )
        if label is not None:  # pyqtgraph makes ``line.label`` only for a text
            line.label.setFont(self.font)
        line.setZValue(-10)  # under the curves
        self.plot.addItem(line, ignoreBounds=True)
        return line

    def mark_diverged(self, x: float, loss: float, last_finite: float | None) -> None:
        """The batch at ``x`` had a non-finite ``loss``: a line there and, at the last
        finite loss, a cross, so the curve visibly ends in the explosion."""
        for item in self._diverged_items:
            self.plot.removeItem(item)
        self.diverged_at = (x, loss)
        text = QCoreApplication.translate("TrainPlots", "loss became {loss}").format(
            loss=_loss_word(loss)
        )
        pen = pg.mkPen(color=DIVERGED_COLOR, width=2, style=Qt.PenStyle.DashLine)
        line = pg.InfiniteLine(
            pos=x,
            angle=90,
            pen=pen,
            movable=False,
            label=text,
            labelOpts={"position": 0.5, "color": DIVERGED_COLOR, "anchors": [(1, 0), (1, 0)]},
        )
        line.label.setFont(self.font)
        self.plot.addItem(line, ignoreBounds=True)
        self._diverged_items = [line]
        if last_finite is not None:
            cross = pg.ScatterPlotItem(
                [x],
                [last_finite],
                symbol="x",
                size=16,
                pen=pg.mkPen(DIVERGED_COLOR, width=2),
                brush=pg.mkBrush(DIVERGED_COLOR),
            )
            self.plot.addItem(cross)
            self._diverged_items.append(cross)

    def epoch_labels(self) -> list[str]:
        return [line.label.toPlainText() for line in self.epoch_lines if hasattr(line, "label")]

    @property
    def epoch_starts(self) -> list[float]:
        return [line.value() for line in self.epoch_lines]


def _loss_word(loss: float) -> str:
    if math.isnan(loss):
        return "NaN"
    return "∞" if loss > 0 else "−∞"
