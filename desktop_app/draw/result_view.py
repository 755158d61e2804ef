"""The answer side of the Draw tab: the number read, each digit's confidence, and the 28x28s.

Showing the exact 28x28 image the model received (after cleaning a photo, cutting the
number into digits, cropping, fitting into 20x20 and centring by mass) explains most
surprising answers: a digit drawn too thin, cut off, merged with its neighbour or with a
stray dot looks different there than on the canvas. A number shows one small 28x28 per
digit; clicking one selects that digit (its probabilities, its box on the canvas).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

PREVIEW_SCALE = 4  # 28 x 4 = 112 screen pixels, each model pixel a visible square
STRIP_SCALE = 1  # the per-digit thumbnails of a number (28 px: the strip stays short)
EMPTY_TEXT = QT_TRANSLATE_NOOP("GuessView", "draw a digit or a number")
NOT_SURE_TEXT = QT_TRANSLATE_NOOP("GuessView", "not sure — is this a digit?")
GUESS_COLOUR = "#1e6ec8"
DOUBT_COLOUR = "#b36b00"
EMPTY_COLOUR = "#888"


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
    """The number read in large type, the selected digit's confidence and its 28x28, and a
    strip of every digit's 28x28 to pick one. ``digit_selected(index)`` on a pick."""

    digit_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.prediction = None
        self.selected = 0
        self.guess = QLabel()
        self.guess.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guess.setMinimumHeight(56)
        self.confidence = QLabel("")
        self.confidence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.confidence.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.confidence.setFont(font)
        # The doubt verdict for a number (issue 16 item 3): which digits the model is not
        # sure are digits at all. A single doubtful digit says so in place of the guess.
        self.verdict = QLabel("")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setWordWrap(True)
        self.verdict.hide()
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(28 * PREVIEW_SCALE + 4, 28 * PREVIEW_SCALE + 4)
        self.preview.setStyleSheet("border: 1px solid #888; background: black;")
        self.preview.setToolTip(
            self.tr(
                "The image exactly as the model receives it: cleaned if it is a photo, cut "
                "out of the number, cropped to the ink, fitted into 20x20, centred by mass in "
                "28x28, white on black like MNIST."
            )
        )
        self.caption = QLabel(self.tr("what the model sees (28×28)"))
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setStyleSheet("color: #555;")
        self.strip = QHBoxLayout()
        self.strip.setSpacing(2)
        self.strip_buttons: list[QToolButton] = []
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idClicked.connect(self.select)
        strip_row = QHBoxLayout()
        strip_row.addStretch(1)
        strip_row.addLayout(self.strip)
        strip_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.guess)
        layout.addWidget(self.confidence)
        layout.addWidget(self.verdict)
        layout.addSpacing(4)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption)
        layout.addLayout(strip_row)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.show_empty()

    def _set_guess_text(self, text: str, point_size: float, colour: str) -> None:
        font = QFont(self.guess.font())
        font.setPointSizeF(point_size)
        font.setBold(colour == GUESS_COLOUR)
        self.guess.setFont(font)
        self.guess.setStyleSheet(f"color: {colour};")
        self.guess.setText(text)

    def show_empty(self) -> None:
        self.prediction = None
        self._set_guess_text(self.tr(EMPTY_TEXT), 18, EMPTY_COLOUR)
        self.confidence.setText("")
        self.preview.setPixmap(digit_pixmap(None))
        self.caption.setText(self.tr("what the model sees (28×28)"))
        self._fill_strip(())

    def show_prediction(self, prediction) -> None:
        """Show a prediction of one digit or of a whole number (its ``read_digits``)."""
        self.prediction = prediction
        digits = prediction.read_digits
        text = prediction.text if len(digits) > 1 else prediction.class_name
        size = 52 if len(text) <= 2 else max(22, 52 - 6 * len(text))
        digit_model = all(name.isdigit() for name in prediction.class_names)
        if not prediction.confident and len(digits) == 1 and digit_model:
            self._set_guess_text(self.tr(NOT_SURE_TEXT), 18, DOUBT_COLOUR)
        else:
            self._set_guess_text(text, size, GUESS_COLOUR)
        unsure = [str(i + 1) for i, d in enumerate(digits) if not d.confident]
        self.verdict.setVisible(bool(unsure) and len(digits) > 1)
        self.verdict.setText(
            self.tr("not sure about digit(s) {which}: are they digits?").format(
                which=", ".join(unsure)
            )
        )
        self._fill_strip(digits if len(digits) > 1 else ())
        self.select(0, emit=False)

    def select(self, index: int, emit: bool = True) -> None:
        """Show digit ``index`` of the number: its confidence and its 28x28."""
        if self.prediction is None:
            return
        digits = self.prediction.read_digits
        index = min(max(index, 0), len(digits) - 1)
        self.selected = index
        digit = digits[index] if len(digits) > 1 else self.prediction
        sure = 100 * digit.confidence
        if len(digits) > 1:
            self.confidence.setText(
                self.tr("digit {i} of {n}: {label}, {sure:.1f}% sure").format(
                    i=index + 1, n=len(digits), label=digit.class_name, sure=sure
                )
            )
        else:
            self.confidence.setText(
                self.tr("{sure:.1f}% sure").format(sure=sure)
                if digit.confident
                else self.tr("looks most like {label} ({sure:.1f}%)").format(
                    label=digit.class_name, sure=sure
                )
            )
        self.preview.setPixmap(digit_pixmap(digit.digit))
        self.caption.setText(
            self.tr("what the model sees (28×28), from the cleaned-up photo")
            if self.prediction.photo
            else self.tr("what the model sees (28×28)")
        )
        if index < len(self.strip_buttons):
            self.strip_buttons[index].setChecked(True)
        if emit:
            self.digit_selected.emit(index)

    def _fill_strip(self, digits) -> None:
        """One small 28x28 button per digit of a number (none for a single digit)."""
        for button in self.strip_buttons:
            self._group.removeButton(button)
            self.strip.removeWidget(button)
            button.deleteLater()
        self.strip_buttons = []
        scale = STRIP_SCALE
        for i, digit in enumerate(digits):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setIcon(QIcon(digit_pixmap(digit.digit, scale)))
            button.setIconSize(QSize(28 * scale, 28 * scale))
            button.setText(digit.class_name)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setToolTip(self.tr("Show this digit's probabilities"))
            self._group.addButton(button, i)
            self.strip.addWidget(button)
            self.strip_buttons.append(button)
