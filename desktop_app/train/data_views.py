"""The Data page's two views: a grid of dataset thumbnails and the images-per-class bars.

The grid paints its images itself instead of holding 96 labels: one widget that scales
its cells to the room it gets (down to 14 px a cell, so the page fits a 1024x576 window)
and keeps MNIST's pixels blocky. The bars are horizontal, so Fashion-MNIST's class names
("Ankle boot") fit on the axis at any width, each labelled with its count.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.common.palette import SERIES, TEST, TRAIN
from desktop_app.train.plots import plot_font, style_plot

MIN_CELL = 14  # px: the smallest thumbnail (the grid shrinks this far at 1024x576)
GAP = 2  # px between thumbnails
LABEL_COLOR = QColor(*SERIES[4])  # Okabe-Ito orange: readable on MNIST's black background


class ThumbnailGrid(QWidget):
    """``rows`` x ``columns`` images, scaled to fit; with ``show_labels`` each cell's class
    in its corner (when the cells are big enough to read it). Hover names the image."""

    def __init__(self, rows: int = 8, columns: int = 12, parent=None):
        super().__init__(parent)
        self.rows, self.columns = rows, columns
        self.positions = np.zeros(0, dtype=np.int64)  # each cell's position in the split
        self.labels: list[str] = []
        self.show_labels = False
        self._images: list[QImage] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(self._extent(MIN_CELL))
        self.setAccessibleName(self.tr("Dataset images"))

    def _extent(self, cell: int) -> QSize:
        return QSize(self.columns * (cell + GAP) - GAP, self.rows * (cell + GAP) - GAP)

    def sizeHint(self) -> QSize:
        return self._extent(32)

    def set_images(
        self, images: np.ndarray, positions: np.ndarray, labels: list[str], show_labels: bool
    ) -> None:
        """uint8 [k, 28, 28] images (k at most rows x columns) with their positions in the
        split and their class names."""
        self._images = [
            QImage(
                np.ascontiguousarray(image).data,
                image.shape[1],
                image.shape[0],
                image.shape[1],
                QImage.Format.Format_Grayscale8,
            ).copy()
            for image in images
        ]
        self.positions = np.asarray(positions, dtype=np.int64)
        self.labels = list(labels)
        self.show_labels = show_labels
        self.update()

    @property
    def cell_size(self) -> int:
        """The side of one thumbnail in pixels at the widget's current size."""
        width = (self.width() + GAP) // self.columns - GAP
        height = (self.height() + GAP) // self.rows - GAP
        return max(min(width, height), 1)

    def _cell_rect(self, i: int) -> QRect:
        cell = self.cell_size
        row, column = divmod(i, self.columns)
        return QRect(column * (cell + GAP), row * (cell + GAP), cell, cell)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        font = painter.font()
        font.setPixelSize(max(self.cell_size // 4, 8))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(LABEL_COLOR)
        labelled = self.show_labels and self.cell_size >= 28
        for i, image in enumerate(self._images):
            rect = self._cell_rect(i)
            painter.drawImage(rect, image)
            if labelled:
                painter.drawText(
                    rect.adjusted(2, 1, -2, -1), Qt.AlignmentFlag.AlignLeft, self.labels[i]
                )
        painter.end()

    def cell_at(self, x: int, y: int) -> int | None:
        """The cell under a point (None between or beyond the images)."""
        for i in range(len(self._images)):
            if self._cell_rect(i).contains(x, y):
                return i
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            i = self.cell_at(event.pos().x(), event.pos().y())
            if i is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(
                    event.globalPos(),
                    self.tr("Image {position}: {name}").format(
                        position=f"{int(self.positions[i]):,}", name=self.labels[i]
                    ),
                    self,
                )
            return True
        return super().event(event)


class ClassCountsPlot(pg.PlotWidget):
    """Images per class as horizontal bars, each labelled with its count; the chosen class
    stands out, and clicking a bar chooses its class."""

    class_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = self.getPlotItem()
        style_plot(self.plot, "", self.tr("images"), "")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.showGrid(x=True, y=False, alpha=0.25)
        view = self.plot.getViewBox()
        view.setMouseEnabled(x=False, y=False)
        view.invertY(True)  # class 0 on top, as in the class list
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.7, pen=pg.mkPen(None))
        self.plot.addItem(self.bars)
        self._texts: list[pg.TextItem] = []
        self.counts = np.zeros(0, dtype=np.int64)
        self.setMinimumSize(200, 200)
        self.setAccessibleName(self.tr("Images per class"))
        self.scene().sigMouseClicked.connect(self._clicked)

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def set_counts(
        self,
        counts: np.ndarray,
        class_names: list[str],
        selected: int | None,
        train: bool,
        title: str,
    ) -> None:
        self.counts = np.asarray(counts, dtype=np.int64)
        n = len(self.counts)
        base = TRAIN if train else TEST
        faded = tuple(int(c + (255 - c) * 0.55) for c in base)
        brushes = [
            pg.mkBrush(base if selected is None or i == selected else faded) for i in range(n)
        ]
        self.bars.setOpts(
            x0=np.zeros(n), y=np.arange(n), width=self.counts, height=0.7, brushes=brushes
        )
        for text in self._texts:
            self.plot.removeItem(text)
        self._texts = []
        font = plot_font(0.85)
        top = float(self.counts.max()) if n else 1.0
        for i, count in enumerate(self.counts):
            # Inside the bar's end where the bar is long enough (every MNIST class):
            # outside it the label would need room the plot's width may not have. White
            # on a full-colour bar, black on a faded one.
            inside = count > 0.45 * top
            text = pg.TextItem(
                f"{int(count):,}",
                color="w" if inside and (selected is None or i == selected) else "k",
                anchor=(1.0 if inside else 0.0, 0.5),
            )
            text.setFont(font)
            text.setPos(float(count), i)
            self.plot.addItem(text)
            self._texts.append(text)
        self.plot.getAxis("left").setTicks([[(i, name) for i, name in enumerate(class_names)]])
        self.plot.setTitle(title, size=f"{plot_font().pointSizeF():.0f}pt")
        self.plot.setRange(xRange=(0, max(top, 1.0) * 1.08), yRange=(-0.6, n - 0.4), padding=0)

    def _clicked(self, event) -> None:
        point = self.plot.getViewBox().mapSceneToView(event.scenePos())
        row = int(round(point.y()))
        if 0 <= row < len(self.counts) and point.x() >= 0:
            self.class_clicked.emit(row)
