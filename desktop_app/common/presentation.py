"""Presentation mode and whole-UI zoom: the one home of the UI scale.

One :class:`Presentation` per application (:func:`controller`) holds whether presentation
mode is on and the zoom; the UI scale is ``zoom x 1.5`` in presentation mode, ``zoom``
otherwise. A change applies everywhere at once:

- the application font (``QApplication.setFont``): captured when the scale leaves 1 and
  put back exactly when it returns, so a font chosen meanwhile by the language setting
  (a CJK font) is never undone by a window that opens at 100 %;
- every pyqtgraph plot (``plot_scaling``): larger tick, label and title text (axis text at
  least 18 px in presentation mode, legible from the back of a classroom on a 1080p
  projector), lines twice as thick in presentation mode, black axes and a darker grid;
- any widget with a ``set_display_scale(scale)`` method (the drawing canvas): told the
  scale, without ``common`` importing the tab that owns it.

Both settings are remembered between sessions through ``view_state``.
"""

from __future__ import annotations

import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QGraphicsItem, QWidget

from desktop_app.common.plot_scaling import PlotStyle, font_px, style_all_plots
from desktop_app.common.view_state import store, stored_number
from training_core.fileio import replacing

PRESENTATION_KEY = "view/presentation"
ZOOM_KEY = "view/zoom"
ZOOM_STEPS = (50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)  # percent
PRESENTATION_FACTOR = 1.5  # text in presentation mode, on top of the zoom
PRESENTATION_LINE_FACTOR = 2.0  # plot lines in presentation mode: 2 px -> 4 px
MIN_PRESENTATION_AXIS_PX = 18  # axis text, in logical pixels (a 1080p projector)
EXPORT_WIDTH = 1600  # pixels: exported plots fill a 16:9 slide without upscaling


class Presentation(QObject):
    """Presentation mode and zoom for the whole application; ``changed`` after each change
    has been applied."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setObjectName("digitLabPresentation")
        self._presentation = False
        self._zoom = 100
        self._base_font: QFont | None = None  # the app font while the scale is not 1
        self._styled = False  # whether some widget carries a scale other than 1
        self._windows: list[QWidget] = []  # windows to style even before they are shown
        app = QGuiApplication.instance()
        if app is not None:  # dialogs opened later get the current scale when focused
            app.focusWindowChanged.connect(self._on_focus_window)

    # -- state ---------------------------------------------------------------------
    @property
    def presentation(self) -> bool:
        return self._presentation

    @property
    def zoom_percent(self) -> int:
        return self._zoom

    @property
    def scale(self) -> float:
        """The UI scale: 1.0 at 100 % without presentation mode."""
        return self._zoom / 100 * (PRESENTATION_FACTOR if self._presentation else 1.0)

    def plot_style(self) -> PlotStyle:
        base_px = font_px(self._base_font) if self._base_font is not None else 0
        return PlotStyle(
            text=self.scale,
            line=self._zoom / 100 * (PRESENTATION_LINE_FACTOR if self._presentation else 1.0),
            high_contrast=self._presentation,
            min_text_px=MIN_PRESENTATION_AXIS_PX if self._presentation else 0,
            base_px=base_px,
        )

    def set_presentation(self, on: bool) -> None:
        if bool(on) != self._presentation:
            self._presentation = bool(on)
            store(PRESENTATION_KEY, int(self._presentation))
            self.apply()

    def set_zoom(self, percent: int) -> None:
        """Zoom to ``percent`` (clamped to 50..300)."""
        percent = int(min(ZOOM_STEPS[-1], max(ZOOM_STEPS[0], round(percent))))
        if percent != self._zoom:
            self._zoom = percent
            store(ZOOM_KEY, percent)
            self.apply()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom), ZOOM_STEPS[0]))

    def reset_zoom(self) -> None:
        self.set_zoom(100)

    def attach(self, window: QWidget) -> None:
        """Style ``window`` (and everything in it) from now on, shown or not yet."""
        self._windows.append(window)
        window.destroyed.connect(lambda *_: self._forget_deleted_windows())

    def _forget_deleted_windows(self) -> None:
        self._windows = [w for w in self._windows if shiboken6.isValid(w)]

    def restore(self) -> None:
        """The settings of the last session (anything unusable: off, 100 %)."""
        self._presentation = bool(stored_number(PRESENTATION_KEY, 0, 0, 1))
        zoom = stored_number(ZOOM_KEY, 100, ZOOM_STEPS[0], ZOOM_STEPS[-1])
        self._zoom = int(round(zoom))
        self.apply()

    # -- applying --------------------------------------------------------------------
    def apply(self) -> None:
        """Put the current scale on the font, every plot and every scalable widget."""
        app = QApplication.instance()
        if app is None:
            return
        scale = self.scale
        if scale == 1.0:
            if self._base_font is not None:
                QApplication.setFont(self._base_font)
                self._base_font = None
        else:
            if self._base_font is None:
                self._base_font = QFont(QApplication.font())
            QApplication.setFont(_scaled(self._base_font, scale))
        if scale != 1.0 or self._styled:  # at 1 with nothing styled there is nothing to undo
            self._apply_to_widgets(self._live_widgets())
            self._styled = scale != 1.0
        self.changed.emit()

    def _live_widgets(self) -> list[QWidget]:
        """The attached windows and every shown top-level window, with their children.
        Not ``QApplication.allWidgets()``: that also holds widgets whose deletion is under
        way (a closed window's plots), and touching those crashes."""
        self._forget_deleted_windows()
        tops = list(self._windows)
        for top in QApplication.topLevelWidgets():
            if shiboken6.isValid(top) and top.isVisible() and top not in tops:
                tops.append(top)
        widgets: list[QWidget] = []
        for top in tops:
            widgets.append(top)
            widgets.extend(top.findChildren(QWidget))
        return widgets

    def _apply_to_widgets(self, widgets) -> None:
        style_all_plots(self.plot_style(), widgets)
        for widget in widgets:
            setter = getattr(widget, "set_display_scale", None)
            if callable(setter):
                setter(self.scale)

    def _on_focus_window(self, window) -> None:
        """A window opened after the last change (a dialog) gets the current scale."""
        if window is None or self.scale == 1.0:
            return
        for top in QApplication.topLevelWidgets():
            if top.windowHandle() is window:
                self._apply_to_widgets([top, *top.findChildren(QWidget)])


def _scaled(base: QFont, scale: float) -> QFont:
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * scale)
    else:
        font.setPixelSize(max(1, round(base.pixelSize() * scale)))
    return font


def controller() -> Presentation:
    """The application's one :class:`Presentation` (made on first use, owned by the app)."""
    app = QCoreApplication.instance()
    found = app.findChild(Presentation, "digitLabPresentation")
    return found if found is not None else Presentation(app)


def export_plot(plot, path: str | os.PathLike, width: int = EXPORT_WIDTH) -> None:
    """One plot as a PNG ``width`` pixels wide (slide size) or, for a ``.svg`` path, as
    SVG; written atomically. Fonts and lines are scaled with the picture."""
    from pyqtgraph.exporters import ImageExporter

    path = Path(path)
    # pyqtgraph's legend ignores transformations (constant size on screen), so it alone
    # stayed small in a 1600-pixel picture: while exporting it scales with the rest.
    legend = getattr(plot, "legend", None)
    fixed = QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    scaled_legend = legend is not None and bool(legend.flags() & fixed)
    if scaled_legend:
        legend.setFlag(fixed, False)
    try:
        with replacing(path) as tmp:
            if path.suffix.lower() == ".svg":
                _export_svg(plot, tmp)
                return
            exporter = ImageExporter(plot)
            exporter.parameters()["width"] = int(width)
            image = exporter.export(toBytes=True)
            if not image.save(str(tmp), "PNG"):  # Qt reports failure by returning False
                raise OSError(f"could not write {path.name}")
    finally:
        if scaled_legend:
            legend.setFlag(fixed, True)


def _export_svg(plot, path: Path) -> None:
    """The plot's part of its scene through QSvgGenerator. (pyqtgraph's SVGExporter fails
    on the path data Qt 6.11 writes: "not enough values to unpack".)"""
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    source = plot.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    painter = QPainter(generator)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    if not path.is_file() or path.stat().st_size == 0:
        raise OSError(f"could not write {path.name}")
