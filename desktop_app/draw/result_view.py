"""The answer side of the Draw tab: the top guess, its confidence, and the 28x28 input.

Showing the exact 28x28 image the model received (after cropping, fitting into 20x20 and
centring by mass) explains most surprising answers: a digit drawn too thin, cut off or
merged with a stray dot looks different there than on the canvas.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

PREVIEW_SCALE = 6  # 28 x 6 = 168 screen pixels, each model pixel a visible square
EMPTY_TEXT = "draw a digit"


def digit_pixmap(digit: np.ndarray | None, scale: int = PREVIEW_SCALE) -> QPixmap:
    """[28, 28] floats in [0, 1] -> a nearest-neighbour enlarged pixmap, white ink on black
    (the way MNIST stores digits and the model sees them); ``None`` -> all black."""
    if digit is None:
        digit = np.zeros((28, 28), np.float32)
    gray = np.ascontiguousarray((np.clip(digit, 0, 1) * 255 + 0.5).astype(np.uint8))
    h, w = gray.shape
    image = QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(image).scaled(
        w * scale,
        h * scale,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )


class GuessView(QWidget):
    """Top guess in large type, its confidence, and what the model saw."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.guess = QLabel(EMPTY_TEXT)
        self.guess.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guess.setMinimumHeight(96)
        self.confidence = QLabel("")
        self.confidence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.confidence.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.confidence.setFont(font)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(28 * PREVIEW_SCALE + 4, 28 * PREVIEW_SCALE + 4)
        self.preview.setStyleSheet("border: 1px solid #888; background: black;")
        self.preview.setToolTip(
            "The image exactly as the model receives it: cropped to the ink, fitted into "
            "20x20, centred by mass in 28x28, white on black like MNIST."
        )
        caption = QLabel("what the model sees (28×28)")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.guess)
        layout.addWidget(self.confidence)
        layout.addSpacing(6)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(caption)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.show_empty()

    def _set_guess_text(self, text: str, point_size: float, colour: str) -> None:
        font = QFont(self.guess.font())
        font.setPointSizeF(point_size)
        font.setBold(colour != "#888")
        self.guess.setFont(font)
        self.guess.setStyleSheet(f"color: {colour};")
        self.guess.setText(text)

    def show_empty(self) -> None:
        self._set_guess_text(EMPTY_TEXT, 22, "#888")
        self.confidence.setText("")
        self.preview.setPixmap(digit_pixmap(None))

    def show_prediction(self, prediction) -> None:
        name = prediction.class_name
        self._set_guess_text(name, 60 if len(name) <= 2 else 28, "#1e6ec8")
        self.confidence.setText(f"{100 * prediction.confidence:.1f}% sure")
        self.preview.setPixmap(digit_pixmap(prediction.digit))
