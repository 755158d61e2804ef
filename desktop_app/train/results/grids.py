"""Image grids: test images with true / predicted labels, and learned first-layer weights."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import palette
from desktop_app.common.i18n import core_label
from desktop_app.train.results.data import sample_order

RIGHT_COLOR = "#1a7f37"
WRONG_COLOR = "#c62828"


def gray_pixmap(image: np.ndarray, size: int) -> QPixmap:
    """uint8 [H, W] -> a pixmap ``size`` pixels wide, blocky (no smoothing of pixels)."""
    data = np.ascontiguousarray(image, dtype=np.uint8)
    h, w = data.shape
    qimage = QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(qimage).scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )


def diverging_rgb(weights: np.ndarray) -> np.ndarray:
    """float [H, W] -> uint8 [H, W, 3]: negative blue, zero white, positive red.

    Scaled by the largest magnitude in the image, so each image uses the full range.
    """
    scale = float(np.abs(weights).max()) or 1.0
    t = np.clip(weights / scale, -1.0, 1.0)[..., None]
    white = np.array([255.0, 255.0, 255.0])
    red, blue = np.array(palette.POSITIVE, float), np.array(palette.NEGATIVE, float)
    rgb = np.where(t >= 0, white * (1 - t) + red * t, white * (1 + t) + blue * (-t))
    return rgb.astype(np.uint8)


def rgb_pixmap(rgb: np.ndarray, size: int) -> QPixmap:
    data = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w, _ = data.shape
    qimage = QImage(data.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(qimage).scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )


class ImageTile(QWidget):
    """A picture with a one-line caption under it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(1)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.picture)
        layout.addWidget(self.caption)

    def show_item(self, pixmap: QPixmap | None, caption: str, color: str = "") -> None:
        self.picture.setPixmap(pixmap if pixmap is not None else QPixmap())
        self.caption.setText(caption)
        self.caption.setStyleSheet(f"color: {color}; font-weight: bold;" if color else "")
        self.setVisible(pixmap is not None)


class SampleGrid(QWidget):
    """Test images with "true → predicted (confidence)", filtered and sorted by confidence."""

    COLUMNS, ROWS = 4, 5

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: dict | None = None
        self.cell: tuple[int, int] | None = None
        self.page = 0
        self.filter = QComboBox(self)
        self.filter.addItem(self.tr("All test images"), "all")
        self.filter.addItem(self.tr("Mistakes only"), "mistakes")
        self.filter.addItem(self.tr("Confusion-matrix cell"), "cell")
        self.sort = QComboBox(self)
        self.sort.addItem(self.tr("Most confident first"), True)
        self.sort.addItem(self.tr("Least confident first"), False)
        self.prev_button = QPushButton("◀", self)
        self.next_button = QPushButton("▶", self)
        self.count = QLabel(self)
        # Two short rows, not one long one: the Results page fits a 1024x576 window.
        bar = QGridLayout()
        bar.addWidget(self.filter, 0, 0, 1, 3)
        bar.addWidget(self.sort, 1, 0)
        bar.addWidget(self.prev_button, 1, 1)
        bar.addWidget(self.next_button, 1, 2)
        bar.setColumnStretch(0, 1)
        for button in (self.prev_button, self.next_button):
            button.setMaximumWidth(40)
        grid = QGridLayout()
        self.tiles = []
        for i in range(self.COLUMNS * self.ROWS):
            tile = ImageTile(self)
            grid.addWidget(tile, i // self.COLUMNS, i % self.COLUMNS)
            self.tiles.append(tile)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.count)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.sort.currentIndexChanged.connect(self._filter_changed)
        self.prev_button.clicked.connect(lambda: self._turn(-1))
        self.next_button.clicked.connect(lambda: self._turn(1))
        self.refresh()

    def set_results(self, results: dict | None) -> None:
        self.results = results
        self.page = 0
        self.refresh()

    def show_cell(self, true_class: int, predicted_class: int) -> None:
        self.cell = (true_class, predicted_class)
        self.page = 0
        self.filter.setCurrentIndex(self.filter.findData("cell"))
        self.refresh()

    def show_mistakes(self) -> None:
        self.filter.setCurrentIndex(self.filter.findData("mistakes"))

    def _filter_changed(self) -> None:
        self.page = 0
        self.refresh()

    def _turn(self, step: int) -> None:
        self.page = max(self.page + step, 0)
        self.refresh()

    def shown_indices(self) -> np.ndarray:
        if self.results is None:
            return np.zeros(0, dtype=int)
        order = sample_order(self.results, self.filter.currentData(), self.cell)
        return order if self.sort.currentData() else order[::-1]

    def refresh(self) -> None:
        order = self.shown_indices()
        per_page = len(self.tiles)
        pages = max((len(order) + per_page - 1) // per_page, 1)
        self.page = min(self.page, pages - 1)
        page = order[self.page * per_page : (self.page + 1) * per_page]
        names = self.results["class_names"] if self.results else []
        for i, tile in enumerate(self.tiles):
            if i >= len(page):
                tile.show_item(None, "")
                continue
            index = int(page[i])
            true = int(self.results["labels"][index])
            pred = int(self.results["predictions"][index])
            confidence = float(self.results["confidences"][index])
            right = true == pred
            caption = f"{names[true]} → {names[pred]} {confidence:.0%}"
            pixmap = gray_pixmap(self.results["images"][index], 64)
            tile.show_item(pixmap, caption, RIGHT_COLOR if right else WRONG_COLOR)
        mode = self.filter.currentData()
        count, page_no = f"{len(order):,}", self.page + 1
        if mode == "cell" and self.cell is not None and names:
            text = self.tr("{count} images of {true} predicted as {pred} · page {page}/{pages}")
            text = text.format(
                count=count,
                true=names[self.cell[0]],
                pred=names[self.cell[1]],
                page=page_no,
                pages=pages,
            )
        elif mode == "mistakes":
            text = self.tr("{count} mistakes · page {page}/{pages}")
            text = text.format(count=count, page=page_no, pages=pages)
        else:
            text = self.tr("{count} test images · page {page}/{pages}")
            text = text.format(count=count, page=page_no, pages=pages)
        self.count.setText(text)
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < pages - 1)


class WeightsGrid(QWidget):
    """First-layer weights as images: red pushes a class / unit up, blue pushes it down."""

    COLUMNS = 8

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.grid = QGridLayout()
        self.tiles: list[ImageTile] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        layout.addStretch(1)

    def set_weights(self, weights: np.ndarray, kind: str, class_names: list[str]) -> None:
        weights = np.asarray(weights, dtype=np.float32)
        templates = kind.startswith("class templates")
        while len(self.tiles) < len(weights):
            tile = ImageTile(self)
            self.tiles.append(tile)
        columns = 5 if len(weights) <= 10 else self.COLUMNS
        size = 72 if len(weights) <= 10 else 48
        for i, tile in enumerate(self.tiles):
            self.grid.removeWidget(tile)
            if i >= len(weights):
                tile.show_item(None, "")
                continue
            self.grid.addWidget(tile, i // columns, i % columns)
            caption = class_names[i] if templates and i < len(class_names) else f"#{i + 1}"
            tile.show_item(rgb_pixmap(diverging_rgb(weights[i]), size), caption)
        self.title.setText(
            self.tr(
                "<b>Learned weights</b>: {kind}. Red = positive, blue = negative, white = 0."
            ).format(kind=core_label(kind))
        )

    @property
    def shown(self) -> int:
        return sum(1 for tile in self.tiles if not tile.isHidden())
