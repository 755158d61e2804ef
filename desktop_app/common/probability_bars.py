"""A horizontal bar per class: how sure the model is of each answer.

Horizontal bars leave room for long class names (Fashion-MNIST's "Ankle boot"). One
BarGraphItem and one text label per class are created once and updated with ``setOpts``
/ ``setText``, so live updates while drawing cost almost nothing.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from desktop_app.common import palette

BAR_COLOUR = (120, 150, 190)
TOP_COLOUR = palette.SERIES[0]


class ProbabilityBars(pg.PlotWidget):
    """Probabilities of all classes; the most likely one highlighted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.class_names: tuple[str, ...] = ()
        self.probabilities = np.zeros(0)
        self._labels: list[pg.TextItem] = []
        self.setAccessibleName(self.tr("Probability of each class"))
        self.setBackground("w")  # the same look whether or not the window set pyqtgraph's
        plot = self.getPlotItem()
        for side in ("left", "bottom"):
            plot.getAxis(side).setPen(pg.mkPen(90, 90, 90))
            plot.getAxis(side).setTextPen(pg.mkPen(20, 20, 20))
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.setLabel("bottom", self.tr("probability"))
        plot.showGrid(x=True, y=False, alpha=0.25)
        plot.getViewBox().invertY(True)  # first class on top
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brushes=[])
        plot.addItem(self.bars)
        self.setMinimumHeight(140)  # ten readable bars; the window fits 1024x576

    def set_classes(self, class_names) -> None:
        """Prepare one bar and one label per class (called when the model changes)."""
        self.class_names = tuple(class_names)
        n = len(self.class_names)
        plot = self.getPlotItem()
        for label in self._labels:
            plot.removeItem(label)
        self._labels = []
        for i in range(n):
            label = pg.TextItem("", color=(60, 60, 60), anchor=(0, 0.5))
            label.setPos(0, i)
            plot.addItem(label)
            self._labels.append(label)
        plot.getAxis("left").setTicks([[(i, name) for i, name in enumerate(self.class_names)]])
        plot.setXRange(0, 1.18, padding=0)  # room for the percentage right of a full bar
        plot.setYRange(-0.6, n - 0.4, padding=0)
        self.set_probabilities(None)

    def set_probabilities(self, probabilities) -> None:
        """Show ``probabilities`` ([C], summing to 1), or empty bars for ``None``."""
        n = len(self.class_names)
        probs = np.zeros(n) if probabilities is None else np.asarray(probabilities, float)
        if probs.shape != (n,):
            raise ValueError(f"expected {n} probabilities, got shape {probs.shape}")
        self.probabilities = probs
        top = int(np.argmax(probs)) if probabilities is not None and n else -1
        brushes = [pg.mkBrush(TOP_COLOUR if i == top else BAR_COLOUR) for i in range(n)]
        self.bars.setOpts(
            x0=np.zeros(n),
            y=np.arange(n),
            width=probs,
            height=0.7,
            brushes=brushes,
            pen=pg.mkPen(None),
        )
        for i, label in enumerate(self._labels):
            label.setText("" if probabilities is None else f"{100 * probs[i]:.1f}%")
            label.setPos(probs[i] + 0.01, i)
            label.setColor((0, 0, 0) if i == top else (90, 90, 90))

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(max(hint.height(), 260))
        return hint
