"""A paper-like canvas for drawing digits with the mouse or a pen tablet.

The drawing is kept twice: as strokes (lists of points with pressure, so undo can drop the
last stroke and re-render the rest) and as a fixed-size grayscale QImage (black ink on white
paper) that the model reads through :meth:`DrawingCanvas.to_array`. The widget only shows a
scaled view of that image, so what the model sees never depends on the window size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

CANVAS_SIZE = 280  # image pixels high; 10x MNIST's 28, plenty for a mouse-drawn digit
CANVAS_WIDTH = 560  # image pixels wide: room for a number of a few digits side by side
BOX_COLOUR = QColor(30, 110, 200)  # the digits' boxes, in the result view's colour
DEFAULT_PEN_WIDTH = 18.0  # image pixels, about MNIST's stroke relative to the digit size
MIN_PEN_WIDTH, MAX_PEN_WIDTH = 4.0, 48.0
MIN_PRESSURE_SHARE = 0.35  # a feather-light pen still leaves a visible line
PAPER, INK = 255, 0
DOT_EXTENT = 3.0  # image pixels: a stroke that moved less than this is a dot


@dataclass
class Stroke:
    """One pen-down ... pen-up gesture in image coordinates."""

    width: float
    points: list[tuple[float, float, float]] = field(default_factory=list)  # x, y, pressure


def _mid(a, b) -> QPointF:
    return QPointF((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _piece_width(stroke: Stroke, a, b) -> float:
    pressure = (a[2] + b[2]) / 2
    return stroke.width * (MIN_PRESSURE_SHARE + (1 - MIN_PRESSURE_SHARE) * pressure)


def _draw_piece(painter: QPainter, stroke: Stroke, index: int, final: bool) -> None:
    """Draw the part of ``stroke`` that became known when point ``index`` arrived.

    Points are joined by quadratic curves through the midpoints of successive segments
    (each point is a control point), which turns the jagged polyline of mouse samples
    into a smooth line. Drawing piece by piece while the pen moves and re-rendering all
    pieces after an undo give the same pixels.
    """
    pts = stroke.points
    path = QPainterPath()
    if index == 0:
        if not final:
            return
        path.moveTo(pts[0][0], pts[0][1])
        path.lineTo(pts[0][0] + 0.01, pts[0][1])  # a dot: round caps make it a disc
        width = _piece_width(stroke, pts[0], pts[0])
    elif final:  # the tail: from the last midpoint straight to the last point
        a, b = pts[index - 1], pts[index]
        path.moveTo(_mid(a, b))
        path.lineTo(b[0], b[1])
        width = _piece_width(stroke, a, b)
    elif index == 1:  # the head: first point to the first midpoint
        a, b = pts[0], pts[1]
        path.moveTo(a[0], a[1])
        path.lineTo(_mid(a, b))
        width = _piece_width(stroke, a, b)
    else:  # a curve around the previous point
        a, b, c = pts[index - 2], pts[index - 1], pts[index]
        path.moveTo(_mid(a, b))
        path.quadTo(QPointF(b[0], b[1]), _mid(b, c))
        width = _piece_width(stroke, a, c)
    pen = QPen(QColor(INK, INK, INK), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def render_strokes(strokes: list[Stroke], size: int = CANVAS_SIZE, width: int = 0) -> QImage:
    """All finished strokes on fresh paper ``width`` x ``size`` (square when width is 0)."""
    image = QImage(width or size, size, QImage.Format.Format_Grayscale8)
    image.fill(QColor(PAPER, PAPER, PAPER))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for stroke in strokes:
        for i in range(1, len(stroke.points)):
            _draw_piece(painter, stroke, i, final=False)
        _draw_piece(painter, stroke, len(stroke.points) - 1, final=True)
    painter.end()
    return image


def image_to_array(image: QImage) -> np.ndarray:
    """A Grayscale8 QImage -> a (H, W) uint8 copy (row padding removed)."""
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    h, w = image.height(), image.width()
    raw = np.frombuffer(image.constBits(), np.uint8, count=image.bytesPerLine() * h)
    return raw.reshape(h, image.bytesPerLine())[:, :w].copy()


class DrawingCanvas(QWidget):
    """Draw with the mouse or a tablet pen; undo stroke by stroke; clear.

    ``changed`` fires whenever the drawing changes (every pen move, undo, clear);
    ``file_dropped(path)`` when a file is dropped onto the canvas. The page is wider than
    tall so that a whole number fits; :meth:`set_boxes` outlines the digits read in it.
    """

    changed = Signal()
    stroke_finished = Signal()
    file_dropped = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, size: int = CANVAS_SIZE, width: int = CANVAS_WIDTH
    ):
        super().__init__(parent)
        self.canvas_size = size
        self.canvas_width = width
        self._boxes: list[tuple[int, int, int, int]] = []  # in the shown image's pixels
        self._selected = -1
        self.pen_width = DEFAULT_PEN_WIDTH
        self.display_scale = 1.0  # presentation mode / zoom: outlines only, never the ink
        self.strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self._image = render_strokes([], size, width)
        self._picture: QImage | None = None  # an opened/pasted picture shown instead
        self.setMinimumSize(240, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Drawing canvas"))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(
            self.tr(
                "Draw a digit or a number. Ctrl+Z undoes a stroke, Esc or Delete clears. "
                "Drop a picture here to read it."
            )
        )

    # -- public API -----------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self.strokes and self._current is None and self._picture is None

    def only_dots(self) -> bool:
        """True when every stroke is a click without movement: nothing to read yet (the
        preprocessing would blow a dot up into a convincing 0)."""
        if self._picture is not None or not self.strokes or self._current is not None:
            return False
        for stroke in self.strokes:
            xs = [p[0] for p in stroke.points]
            ys = [p[1] for p in stroke.points]
            if max(xs) - min(xs) >= DOT_EXTENT or max(ys) - min(ys) >= DOT_EXTENT:
                return False
        return True

    def has_picture(self) -> bool:
        return self._picture is not None

    def set_pen_width(self, width: float) -> None:
        """Width of the next strokes (image pixels); finished strokes keep theirs."""
        self.pen_width = float(min(MAX_PEN_WIDTH, max(MIN_PEN_WIDTH, width)))

    def set_display_scale(self, scale: float) -> None:
        """Called on every presentation-mode or zoom change (``common.presentation``).

        The ink is not made thicker here on purpose: ``pen_width`` is in image pixels,
        and the model reads the image after fitting the digit's box into 20x20 of 28x28,
        so a wider pen would change what the model sees (thicker strokes relative to the
        digit) and with it the prediction. On screen the ink already grows with the
        canvas, which presentation mode's larger window makes larger; the page border and
        the digits' boxes, drawn in screen pixels, are scaled here."""
        self.display_scale = max(0.5, float(scale))
        self.update()

    def clear(self) -> None:
        self.strokes.clear()
        self._current = None
        self._picture = None
        self._image = render_strokes([], self.canvas_size, self.canvas_width)
        self.update()
        self.changed.emit()

    def undo(self) -> bool:
        """Remove the last stroke (or the shown picture); False when there was nothing."""
        if self._current is not None:
            return False
        if self.strokes:
            self.strokes.pop()
        elif self._picture is not None:
            self._picture = None
        else:
            return False
        self._image = render_strokes(self.strokes, self.canvas_size, self.canvas_width)
        self.update()
        self.changed.emit()
        return True

    def show_picture(self, image: QImage) -> None:
        """Show an opened or pasted picture (display only; drawing starts afresh)."""
        self.strokes.clear()
        self._current = None
        self._image = render_strokes([], self.canvas_size, self.canvas_width)
        self._picture = image
        self.update()
        self.changed.emit()

    def set_boxes(self, boxes, selected: int = -1) -> None:
        """Outline the digits read (x0, y0, x1, y1 in the shown image's pixels); the
        ``selected`` one is drawn thicker. An empty list removes them."""
        self._boxes = [tuple(int(v) for v in box) for box in boxes]
        self._selected = selected
        self.update()

    def boxes(self) -> list[tuple[int, int, int, int]]:
        return list(self._boxes)

    def to_array(self) -> np.ndarray:
        """The drawing as (H, W) uint8 gray, black ink (0) on white paper (255)."""
        return image_to_array(self._image)

    def image(self) -> QImage:
        return self._image.copy()

    def draw_strokes(self, strokes: list[list[tuple[float, float]]], width: float | None = None):
        """Add strokes given in image coordinates, as if drawn (tests, README figures)."""
        for points in strokes:
            self._begin(points[0][0], points[0][1], 1.0, width)
            for x, y in points[1:]:
                self._extend(x, y, 1.0)
            self._finish()

    def widget_point(self, x: float, y: float) -> QPointF:
        """Where image pixel (x, y) is on the widget (for tests and tools)."""
        rect = self._target_rect()
        scale = rect.height() / self.canvas_size
        return QPointF(rect.x() + x * scale, rect.y() + y * scale)

    # -- drawing ------------------------------------------------------------------------
    def _target_rect(self) -> QRectF:
        """The page on the widget: as large as fits, keeping the page's aspect ratio."""
        scale = min(self.width() / self.canvas_width, self.height() / self.canvas_size)
        w, h = self.canvas_width * scale, self.canvas_size * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _to_image(self, pos: QPointF) -> tuple[float, float]:
        rect = self._target_rect()
        scale = self.canvas_size / max(rect.height(), 1.0)
        return (pos.x() - rect.x()) * scale, (pos.y() - rect.y()) * scale

    def _begin(self, x: float, y: float, pressure: float, width: float | None = None) -> None:
        if self._picture is not None:  # drawing replaces an opened picture
            self._picture = None
        self._current = Stroke(width or self.pen_width, [(x, y, pressure)])
        self.update()
        self.changed.emit()

    def _extend(self, x: float, y: float, pressure: float) -> None:
        stroke = self._current
        last = stroke.points[-1]
        if abs(x - last[0]) < 0.5 and abs(y - last[1]) < 0.5:
            return  # sub-pixel jitter adds nothing but work
        stroke.points.append((x, y, pressure))
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _draw_piece(painter, stroke, len(stroke.points) - 1, final=False)
        painter.end()
        self.update()
        self.changed.emit()

    def _finish(self) -> None:
        stroke, self._current = self._current, None
        if stroke is None:
            return
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _draw_piece(painter, stroke, len(stroke.points) - 1, final=True)
        painter.end()
        self.strokes.append(stroke)
        self.update()
        self.changed.emit()
        self.stroke_finished.emit()

    # -- events ---------------------------------------------------------------------------
    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton and self._current is None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(*self._to_image(event.position()), 1.0)
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        if self._current is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(*self._to_image(event.position()), 1.0)
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            self._extend(*self._to_image(event.position()), 1.0)
            self._finish()
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event):
        """A pen tablet reports pressure: light pressure draws a thinner line."""
        x, y = self._to_image(event.position())
        pressure = float(min(1.0, max(0.0, event.pressure())))
        kind = event.type()
        if kind == event.Type.TabletPress and self._current is None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(x, y, pressure)
        elif kind == event.Type.TabletMove and self._current is not None:
            self._extend(x, y, pressure)
        elif kind == event.Type.TabletRelease and self._current is not None:
            self._finish()
        event.accept()  # no synthesised mouse events on top of the pen's own

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event):
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            event.acceptProposedAction()
            self.file_dropped.emit(urls[0].toLocalFile())

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        rect = self._target_rect()
        if self._picture is not None:
            painter.fillRect(rect, QColor(PAPER, PAPER, PAPER))
            keep = Qt.AspectRatioMode.KeepAspectRatio
            pic = self._picture.size().scaled(rect.size().toSize(), keep)
            target = QRectF(
                rect.x() + (rect.width() - pic.width()) / 2,
                rect.y() + (rect.height() - pic.height()) / 2,
                pic.width(),
                pic.height(),
            )
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._picture)
            self._paint_boxes(painter, target, self._picture.width())
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(rect, self._image)
            self._paint_boxes(painter, rect, self.canvas_width)
        border = QPen(QColor(150, 150, 150), self.display_scale)
        painter.setPen(border)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()

    def _paint_boxes(self, painter: QPainter, target: QRectF, image_width: int) -> None:
        """The digits' boxes over the page or picture shown in ``target``."""
        if not self._boxes:
            return
        scale = target.width() / max(image_width, 1)
        for i, (x0, y0, x1, y1) in enumerate(self._boxes):
            width = 3 if i == self._selected else 1.5
            pen = QPen(BOX_COLOUR, width * self.display_scale)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(
                QRectF(
                    target.x() + x0 * scale - 2,
                    target.y() + y0 * scale - 2,
                    (x1 - x0) * scale + 4,
                    (y1 - y0) * scale + 4,
                )
            )
