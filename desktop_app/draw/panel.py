"""The Draw tab: draw a digit or a number (or open, paste or drop a picture, a photo of
paper too) and watch the model read it, digit by digit.

Every change of the drawing schedules a prediction after a short delay (at most ~25 a
second while the pen moves); the prediction runs in a background thread through
``LatestOnlyRunner``, so a slow model never stutters the pen, and only the newest drawing
waits while one is being classified. Predictions go through
``training_core.inference.Predictor``, the same code path as ``digit-lab predict``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import file_dialogs, palette
from desktop_app.common.panel import Panel, WindowLinks
from desktop_app.common.probability_bars import ProbabilityBars
from desktop_app.common.settings import runs_root
from desktop_app.common.throttle import throttled
from desktop_app.common.view_state import store, stored_number
from desktop_app.common.workers import SHUTDOWN_WAIT_S, LatestOnlyRunner
from desktop_app.draw.canvas import (
    DEFAULT_PEN_WIDTH,
    MAX_PEN_WIDTH,
    MIN_PEN_WIDTH,
    DrawingCanvas,
)
from desktop_app.draw.jobs import Outcome, classify_array, classify_file
from desktop_app.draw.my_digits import MyDigitsBox
from desktop_app.draw.result_view import GuessView
from training_core.inference import BUNDLED_MODEL, Predictor

PREDICTIONS_PER_SECOND = 25  # pen moves between two predictions are read as one
PEN_WIDTH_KEY = "draw/pen_width"
IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "DrawPanel", "Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.gif *.webp);;All files (*)"
)
MODEL_FILTER = QT_TRANSLATE_NOOP("DrawPanel", "Digit Lab checkpoints (*.pt);;All files (*)")


def qimage_to_array(image: QImage) -> np.ndarray:
    """A clipboard QImage -> (H, W, 4) uint8 RGBA (the same layout ``read_image`` gives)."""
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    h, w = image.height(), image.width()
    raw = np.frombuffer(image.constBits(), np.uint8, count=image.bytesPerLine() * h)
    return raw.reshape(h, image.bytesPerLine())[:, : 4 * w].reshape(h, w, 4).copy()


def _model_summary(predictor: Predictor, bundled: bool) -> str:
    ckpt = predictor.checkpoint
    name = predictor.name
    if bundled:
        name = QCoreApplication.translate("DrawPanel", "{name} (bundled)").format(name=name)
    parts = [name, ckpt.model_name, ckpt.config.get("dataset", "?")]
    accs = [h.get("test_acc") for h in ckpt.history if h.get("test_acc") is not None]
    if accs:
        parts.append(
            QCoreApplication.translate("DrawPanel", "test accuracy {acc:.2f}%").format(
                acc=100 * accs[-1]
            )
        )
    return " · ".join(parts)


class DrawPanel(Panel):
    """Canvas on the left; guess, what the model saw and all probabilities on the right."""

    prediction_shown = Signal(object)  # the Prediction now on screen, or None when empty
    model_changed = Signal(str)  # path of the checkpoint now in use

    title = QT_TRANSLATE_NOOP("Panel", "Draw")  # the key; the tab shows its translation

    def __init__(self, links: WindowLinks | None = None, parent: QWidget | None = None):
        super().__init__(links, parent)
        self.predictor: Predictor | None = None
        self.model_path: Path | None = None
        self.last_prediction = None
        self._generation = 0  # number of the newest request
        self._valid_from = 0  # results of older requests are stale (new model)
        self._canvas_valid_from = 0  # ... and of older drawings (cleared, picture shown)
        self._last_canvas_request = 0
        self._picture: tuple[np.ndarray, str] | None = None  # the picture on the canvas
        self._runner = LatestOnlyRunner(self)
        self._runner.result_ready.connect(self._on_outcome)
        self._runner.failed.connect(self._on_failed)
        self._prediction_pending = False
        self._failure_on_screen = False  # "Prediction failed" is cleared by the next answer
        self._build()
        self._shortcuts()
        self.links.use_checkpoint.connect(self.load_checkpoint)
        self.use_bundled_model()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.canvas = DrawingCanvas(self)
        self.canvas.changed.connect(self._schedule)
        self.canvas.file_dropped.connect(self.open_image)
        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setAccessibleName(self.tr("Pen width"))
        self.pen_slider.setRange(int(MIN_PEN_WIDTH), int(MAX_PEN_WIDTH))
        width = stored_number(PEN_WIDTH_KEY, DEFAULT_PEN_WIDTH, MIN_PEN_WIDTH, MAX_PEN_WIDTH)
        self.pen_slider.setValue(int(width))
        self.pen_slider.valueChanged.connect(self._set_pen_width)
        self.canvas.set_pen_width(width)
        self.pen_label = QLabel()
        self.pen_label.setMinimumWidth(44)
        self._set_pen_width(self.pen_slider.value())
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Remove the last stroke (Ctrl+Z)"))
        self.undo_button.clicked.connect(self.canvas.undo)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Start again (Esc or Delete)"))
        self.clear_button.clicked.connect(self.canvas.clear)
        open_button = QPushButton(self.tr("Open image…"))
        open_button.setToolTip(
            self.tr(
                "Read a picture of a digit or a number, a photo of paper too; you can also "
                "drop one here"
            )
        )
        open_button.clicked.connect(self._choose_image)
        paste_button = QPushButton(self.tr("Paste"))
        paste_button.setToolTip(self.tr("Read the picture on the clipboard (Ctrl+V)"))
        paste_button.clicked.connect(self.paste)
        self.inside_button = QPushButton(self.tr("Look inside"))
        self.inside_button.setToolTip(self.tr("See every layer, and what the decision looked at"))
        self.inside_button.clicked.connect(lambda: self.links.show_tab.emit("Inside"))
        pen_row = QHBoxLayout()
        pen_row.addWidget(QLabel(self.tr("Pen")))
        pen_row.addWidget(self.pen_slider, 1)
        pen_row.addWidget(self.pen_label)
        buttons = QHBoxLayout()
        buttons_shown = (self.undo_button, self.clear_button, open_button, paste_button)
        for b in (*buttons_shown, self.inside_button):
            buttons.addWidget(b)
        hint = QLabel(
            self.tr(
                "Draw a digit or a whole number with the mouse or a pen. Drop or paste a "
                "picture (a photo of paper too) to read it."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        left = QVBoxLayout()
        left.addWidget(hint)
        left.addWidget(self.canvas, 1)
        left.addLayout(pen_row)
        left.addLayout(buttons)

        self.guess_view = GuessView(self)
        self.guess_view.digit_selected.connect(self._show_digit)
        self.bars = ProbabilityBars(self)
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        open_model = QPushButton(self.tr("Open model…"))
        open_model.setToolTip(self.tr("Use a checkpoint (.pt) written by digit-lab train"))
        open_model.clicked.connect(self._choose_model)
        bundled = QPushButton(self.tr("Use bundled model"))
        bundled.clicked.connect(self.use_bundled_model)
        model_box = QGroupBox(self.tr("Model"))
        model_layout = QVBoxLayout(model_box)
        model_layout.addWidget(self.model_label)
        model_buttons = QHBoxLayout()
        model_buttons.addWidget(open_model)
        model_buttons.addWidget(bundled)
        model_buttons.addStretch(1)
        model_layout.addLayout(model_buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {palette.ERROR};")
        right = QVBoxLayout()
        right.addWidget(self.guess_view)
        right.addWidget(self.bars, 1)
        right.addWidget(self.status)
        self.my_digits = MyDigitsBox(self)  # add, gallery, fine-tune (issue 16)
        # Under the canvas, both: the guess and its bars need the right column's height
        # to fit a 1024x576 window with the lab guide shown.
        left.addWidget(self.my_digits)
        left.addWidget(model_box)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def _shortcuts(self) -> None:
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        bindings = (
            (QKeySequence.StandardKey.Undo, self.canvas.undo),
            (QKeySequence(Qt.Key.Key_Escape), self.canvas.clear),
            (QKeySequence(Qt.Key.Key_Delete), self.canvas.clear),
            (QKeySequence.StandardKey.Paste, self.paste),
        )  # not Ctrl+O: the window's "Open checkpoint" owns it
        self._shortcut_objects = []
        for keys, slot in bindings:
            shortcut = QShortcut(keys, self, context=scope)
            shortcut.activated.connect(slot)
            self._shortcut_objects.append(shortcut)

    def _set_pen_width(self, value: int) -> None:
        self.canvas.set_pen_width(value)
        self.pen_label.setText(self.tr("{value} px").format(value=value))
        store(PEN_WIDTH_KEY, value)

    # -- model ----------------------------------------------------------------------------
    def use_bundled_model(self) -> bool:
        return self.load_checkpoint(str(BUNDLED_MODEL))

    def load_checkpoint(self, path: str) -> bool:
        """Switch to the checkpoint at ``path``; on failure say why and keep the current one."""
        try:
            predictor = Predictor.from_path(path)
        except Exception as exc:  # any unusable file: the message is the whole story
            self._say(self.tr("Cannot use this model: {reason}").format(reason=exc))
            if self.predictor is None:
                self.model_label.setText(self.tr("No model loaded: open a checkpoint to classify."))
            return False
        self.predictor = predictor
        self.model_path = Path(path)
        self.model_label.setText(_model_summary(predictor, self.model_path == BUNDLED_MODEL))
        self.bars.set_classes(predictor.class_names)
        self._say("")
        self._valid_from = self._generation + 1
        self.model_changed.emit(str(path))
        if self.canvas.has_picture() and self._picture is not None:
            self.classify_picture(*self._picture)  # the picture, seen by the new model
        else:
            self._schedule()
        return True

    def _choose_model(self) -> None:
        path = file_dialogs.open_file_name(
            self, "checkpoint", self.tr("Open model"), self.tr(MODEL_FILTER), runs_root()
        )
        if path:
            self.load_checkpoint(path)

    # -- inputs ---------------------------------------------------------------------------
    def _choose_image(self) -> None:
        path = file_dialogs.open_file_name(
            self, "image", self.tr("Open image"), self.tr(IMAGE_FILTER)
        )
        if path:
            self.open_image(path)

    def open_image(self, path: str) -> None:
        """Classify an image file: read and predicted in the background, shown on the canvas."""
        if self.predictor is None:
            self._say(self.tr("No model loaded: open a checkpoint first."))
            return
        self._runner.submit(classify_file, self.predictor, path, self._next_generation())

    def classify_picture(self, image: np.ndarray, name: str = "clipboard") -> None:
        """Classify an image array (pasted, or shown again for a new model) in the background."""
        if self.predictor is None:
            self._say(self.tr("No model loaded: open a checkpoint first."))
            return
        gen = self._next_generation()
        self._runner.submit(classify_array, self.predictor, image, gen, "clipboard", True, name)

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                self.classify_picture(qimage_to_array(image))
                return
        if mime is not None and mime.hasUrls():
            files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            if files:
                self.open_image(files[0])
                return
        self._say(self.tr("The clipboard holds no picture to classify."))

    # -- predicting -----------------------------------------------------------------------
    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def _schedule(self) -> None:
        self._prediction_pending = True
        self._throttled_prediction()

    @throttled(per_second=PREDICTIONS_PER_SECOND)
    def _throttled_prediction(self) -> None:
        self._prediction_pending = False
        self._predict_canvas()

    def _predict_canvas(self) -> None:
        if self.canvas.has_picture():
            return  # the picture's own prediction is on screen
        if self.canvas.is_empty() or self.canvas.only_dots() or self.predictor is None:
            self._canvas_valid_from = self._generation + 1  # pending drawings are gone
            self._show(None)
            self._share(None)
            return
        gen = self._last_canvas_request = self._next_generation()
        image = self.canvas.to_array()
        self._runner.submit(classify_array, self.predictor, image, gen)
        self._share(image)

    def _share(self, image: np.ndarray | None) -> None:
        """Hand what is being classified to the Inside tab (it follows the Draw tab)."""
        if self.model_path is not None:
            self.links.look_inside.emit(image, str(self.model_path))

    def is_idle(self) -> bool:
        """No prediction scheduled or running: what is on screen is final."""
        return not self._prediction_pending and not self._runner.is_busy

    def _on_outcome(self, outcome: Outcome) -> None:
        if outcome.generation < self._valid_from:
            return
        if outcome.error is not None:
            self._say(outcome.error)  # the drawing and its guess stay as they were
            return
        if outcome.source == "canvas":
            if outcome.generation < self._canvas_valid_from or self.canvas.has_picture():
                return
        else:
            if outcome.generation < self._last_canvas_request:
                return  # the user drew since: the drawing wins over the older picture
            self._canvas_valid_from = outcome.generation  # older drawings are stale now
            self._picture = (outcome.image, outcome.name)
            self._share(outcome.image)
            self._show_picture(outcome.picture)
            found = outcome.prediction is not None
            self._say(
                "" if found else self.tr("{name}: no digit found in it").format(name=outcome.name)
            )
        self._show(outcome.prediction)

    def _on_failed(self, message: str) -> None:
        self._say(self.tr("Prediction failed: {reason}").format(reason=message))
        self._failure_on_screen = True

    def _show_picture(self, gray: np.ndarray) -> None:
        h, w = gray.shape
        image = QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        self.canvas.blockSignals(True)  # showing it is not a change to predict again
        self.canvas.show_picture(image)
        self.canvas.blockSignals(False)
        self.canvas.update()

    def _show(self, prediction) -> None:
        self.last_prediction = prediction
        if prediction is None:
            self.guess_view.show_empty()
            self.bars.set_probabilities(None)
            self.canvas.set_boxes([])
        else:
            self.guess_view.show_prediction(prediction)
            self._show_digit(0)
            if self._failure_on_screen:
                self._failure_on_screen = False
                self._say("")
        self.prediction_shown.emit(prediction)

    def _show_digit(self, index: int) -> None:
        """Digit ``index`` of the number on screen: its bars, its box drawn thicker."""
        prediction = self.last_prediction
        if prediction is None:
            return
        digits = prediction.read_digits
        index = min(max(index, 0), len(digits) - 1)
        self.bars.set_probabilities(digits[index].probabilities)
        boxes = [d.box for d in digits if d.box is not None]
        self.canvas.set_boxes(boxes, index if len(boxes) == len(digits) else -1)

    def _say(self, message: str) -> None:
        self.status.setText(message)

    # -- window hooks ---------------------------------------------------------------------
    def shutdown(self) -> None:
        self._throttled_prediction.cancel()
        self._prediction_pending = False
        self._runner.wait(SHUTDOWN_WAIT_S)
        self.my_digits.shutdown()
