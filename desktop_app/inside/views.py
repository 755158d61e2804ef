"""Small pyqtgraph views the Inside pages share: an image mosaic and a bar chart.

Each is created once and updated with new arrays (``setImage`` / ``setOpts``), so a live
update while drawing costs a few array copies, never new widgets.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from desktop_app.common import palette

# Blue (negative) - white (zero) - red (positive): weights, attributions and logits.
DIVERGING = palette.DIVERGING
GREY = pg.ColorMap([0.0, 1.0], [(0, 0, 0), (255, 255, 255)])


def mosaic(maps: np.ndarray, gap: int = 1, columns: int | None = None) -> np.ndarray:
    """(K, H, W) -> one (rows*(H+gap), cols*(W+gap)) image, NaN in the gaps (drawn white)."""
    maps = np.asarray(maps, dtype=np.float32)
    k, h, w = maps.shape
    cols = columns or max(1, math.ceil(math.sqrt(k * h / max(w, 1))))
    rows = math.ceil(k / cols)
    out = np.full((rows * (h + gap) - gap, cols * (w + gap) - gap), np.nan, np.float32)
    for i in range(k):
        r, c = divmod(i, cols)
        out[r * (h + gap) : r * (h + gap) + h, c * (w + gap) : c * (w + gap) + w] = maps[i]
    return out


def _plain(plot: pg.PlotItem) -> None:
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)


class ImageView(pg.PlotWidget):
    """One image (a mosaic, a digit, an overlay) shown top-down, square pixels, no axes."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.setBackground("w")
        plot = self.getPlotItem()
        _plain(plot)
        plot.hideAxis("left")
        plot.hideAxis("bottom")
        if title:
            plot.setTitle(title, size="9pt")
            self.setAccessibleName(title)
        plot.getViewBox().invertY(True)
        plot.getViewBox().setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        plot.addItem(self.image)
        self.setMinimumSize(120, 120)

    def show_array(self, array: np.ndarray | None, diverging: bool = False) -> None:
        """Gray for activations (0 .. max), blue-white-red around 0 for signed values."""
        if array is None:
            self.image.clear()
            return
        array = np.asarray(array)
        if array.ndim == 3:  # RGB, shown as it is
            self.image.setLookupTable(None)
            self.image.setImage(array, levels=(0, 255))
        else:
            finite = array[np.isfinite(array)]
            peak = float(np.abs(finite).max()) if finite.size else 0.0
            peak = peak or 1.0
            if diverging:
                self.image.setLookupTable(DIVERGING.getLookupTable(nPts=256))
                levels = (-peak, peak)
            else:
                self.image.setLookupTable(GREY.getLookupTable(nPts=256))
                low = float(finite.min()) if finite.size else 0.0
                levels = (min(low, 0.0), max(float(finite.max()) if finite.size else 1.0, 1e-6))
            gap = 0.0 if diverging else levels[1]  # the mosaic's gaps: white either way
            self.image.setImage(np.nan_to_num(array, nan=gap), levels=levels)
        self.getPlotItem().getViewBox().autoRange(padding=0.02)


class BarChart(pg.PlotWidget):
    """Vertical bars, one per value (logits, a dense layer's units), signed colours."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent)
        self.setBackground("w")
        plot = self.getPlotItem()
        _plain(plot)
        if title:
            plot.setTitle(title, size="9pt")
            self.setAccessibleName(title)
        plot.showGrid(y=True, alpha=0.25)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        plot.addItem(self.bars)
        self.setMinimumHeight(110)

    def set_values(self, values: np.ndarray | None, labels: list[str] | None = None) -> None:
        plot = self.getPlotItem()
        if values is None or len(values) == 0:
            self.bars.setOpts(x=[], height=[])
            return
        values = np.asarray(values, dtype=float)
        n = len(values)
        brushes = [pg.mkBrush((220, 60, 60) if v >= 0 else (60, 100, 220)) for v in values]
        self.bars.setOpts(
            x=np.arange(n), height=values, width=0.8, brushes=brushes, pen=pg.mkPen(None)
        )
        axis = plot.getAxis("bottom")
        if labels is not None and n <= 20:
            axis.setTicks([[(i, label) for i, label in enumerate(labels)]])
        else:
            axis.setTicks(None)
        low, high = min(0.0, float(values.min())), max(0.0, float(values.max()))
        pad = 0.05 * (high - low or 1.0)
        plot.setYRange(low - pad, high + pad, padding=0)
        plot.setXRange(-0.6, n - 0.4, padding=0)
