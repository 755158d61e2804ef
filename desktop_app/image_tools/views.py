"""Views of the Image tools tab: before/after images with synced zoom, and histograms."""

from __future__ import annotations

import os

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop_app.common.plot_scaling import let_title_shrink
from desktop_app.common.presentation import EXPORT_WIDTH, export_plot
from training_core.fileio import replacing
from training_core.imaging import Histogram


class ImagePair(QWidget):
    """Before and after side by side; zooming or panning one moves the other.

    Images are shown row-major (row 0 at the top), as numpy and scikit-image store them.
    ``hovered(row, col)`` reports the pixel under the cursor, or (-1, -1) off the image.
    """

    hovered = Signal(int, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        # Titles are Qt labels outside the graphics layout: a long title inside it would
        # widen one column, and linked views of unequal widths do not show the same region.
        self.before_title, self.after_title = QLabel(self.tr("Before")), QLabel(self.tr("After"))
        self.view = pg.GraphicsLayoutWidget()
        self.view.setAccessibleName(self.tr("Before and after images"))
        self.view.ci.setContentsMargins(2, 2, 2, 2)
        self.before_box = self.view.addViewBox(row=0, col=0, lockAspect=True, invertY=True)
        self.after_box = self.view.addViewBox(row=0, col=1, lockAspect=True, invertY=True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(2)
        for col, title in enumerate((self.before_title, self.after_title)):
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(title, 0, col)
            grid.setColumnStretch(col, 1)
        grid.addWidget(self.view, 1, 0, 1, 2)
        self.after_box.setXLink(self.before_box)
        self.after_box.setYLink(self.before_box)
        self.before_item = pg.ImageItem(axisOrder="row-major")
        self.after_item = pg.ImageItem(axisOrder="row-major")
        for box, item in ((self.before_box, self.before_item), (self.after_box, self.after_item)):
            box.setMenuEnabled(False)
            box.addItem(item)
            box.disableAutoRange()  # only a new picture re-fits; the user's zoom is kept
        self._shape: tuple[int, int] | None = None
        self._user_zoomed = False
        for box in (self.before_box, self.after_box):
            box.sigRangeChangedManually.connect(self._on_user_zoom)
            box.sigResized.connect(self._on_box_resized)
        self.view.scene().sigMouseMoved.connect(self._on_mouse_moved)

    def _on_user_zoom(self, *_args) -> None:
        self._user_zoomed = True

    def fit(self) -> None:
        """Show the whole picture (until the user zooms, resizing re-fits it too)."""
        self._user_zoomed = False
        self.before_box.autoRange(padding=0.02)

    def _on_box_resized(self, *_args) -> None:
        if self._shape is not None and not self._user_zoomed:
            self.before_box.autoRange(padding=0.02)

    def set_before(self, display: np.ndarray, title: str = "Before") -> None:
        """Show a new source (uint8 display array) and fit it to the view."""
        self.before_item.setImage(display, autoLevels=False, levels=(0, 255))
        self.before_title.setText(title)
        new_shape = display.shape[:2]
        if new_shape != self._shape:
            self._shape = new_shape
            self.fit()

    def set_after(self, display: np.ndarray, title: str = "After") -> None:
        self.after_item.setImage(display, autoLevels=False, levels=(0, 255))
        self.after_title.setText(title)

    def _on_mouse_moved(self, pos: QPointF) -> None:
        if self._shape is None:
            return
        for box in (self.before_box, self.after_box):
            if box.sceneBoundingRect().contains(pos):
                point = box.mapSceneToView(pos)
                row, col = int(np.floor(point.y())), int(np.floor(point.x()))
                if 0 <= row < self._shape[0] and 0 <= col < self._shape[1]:
                    self.hovered.emit(row, col)
                    return
        self.hovered.emit(-1, -1)


class HistogramPlot(pg.PlotWidget):
    """Pixel-count histogram (gray, left axis) and cumulative distribution (red, right axis),
    as in the lesson's image-and-histogram figure."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.histogram: Histogram | None = None
        item = self.getPlotItem()
        item.setTitle(title, size="9pt")
        let_title_shrink(item)  # both axes in view in a narrow (Chinese) column
        self.setAccessibleName(title)
        item.setLabel("bottom", self.tr("intensity (fraction of range)"))
        item.setLabel("left", self.tr("pixels"))
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setXRange(0, 1, padding=0.01)
        self.counts_curve = item.plot(
            [0, 1], [0], stepMode="center", fillLevel=0, pen=pg.mkPen("k"), brush=(90, 90, 90, 90)
        )
        self.cdf_box = pg.ViewBox(enableMenu=False)
        self.cdf_box.setMouseEnabled(x=False, y=False)
        item.showAxis("right")
        item.scene().addItem(self.cdf_box)
        item.getAxis("right").linkToView(self.cdf_box)
        item.getAxis("right").setLabel(self.tr("cumulative (CDF)"), color="#c00")
        self.cdf_box.setXLink(item)
        self.cdf_box.setYRange(0, 1, padding=0.02)
        self.cdf_curve = pg.PlotCurveItem(pen=pg.mkPen("#c00", width=2))
        self.cdf_box.addItem(self.cdf_curve)
        item.vb.sigResized.connect(self._sync_geometry)

    def _sync_geometry(self) -> None:
        self.cdf_box.setGeometry(self.getPlotItem().vb.sceneBoundingRect())

    def set_histogram(self, histogram: Histogram) -> None:
        self.histogram = histogram
        n = len(histogram.centers)
        edges = np.linspace(0.0, 1.0, n + 1)
        self.counts_curve.setData(edges, histogram.counts.astype(float))
        self.cdf_curve.setData(histogram.centers, histogram.cdf)
        self.getPlotItem().setYRange(0, max(float(histogram.counts.max()), 1.0), padding=0.05)

    def export_png(self, path: str | os.PathLike, width: int = EXPORT_WIDTH) -> None:
        """Render the plot (both curves and axes) to a slide-sized PNG, written atomically."""
        export_plot(self.getPlotItem(), path, width)

    def export_csv(self, path: str | os.PathLike) -> None:
        """Columns intensity, count, cdf (one row per bin), written atomically."""
        from pyqtgraph.exporters import CSVExporter

        if self.histogram is None:
            raise ValueError("there is no histogram to export yet")
        h = self.histogram
        table = pg.PlotItem()  # an off-screen plot holding exactly the columns to export
        table.addItem(pg.PlotDataItem(h.centers, h.counts.astype(float), name="count"))
        table.addItem(pg.PlotDataItem(h.centers, h.cdf, name="cdf"))
        exporter = CSVExporter(table)
        exporter.parameters()["columnMode"] = "(x,y,y,y) for all plots"
        exporter.parameters()["precision"] = 6

        with replacing(path) as tmp:
            exporter.export(fileName=str(tmp))
            lines = tmp.read_text().splitlines()
            lines[0] = "intensity,count,cdf"  # pyqtgraph names them count_x,count_y,cdf_y
            tmp.write_text("\n".join(lines) + "\n")
