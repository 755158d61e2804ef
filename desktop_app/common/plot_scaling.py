"""Scaling every pyqtgraph plot for presentation mode and zoom: fonts, lines, contrast.

The plots are found, not registered: :func:`style_all_plots` walks
the live windows (``presentation``) for ``pg.GraphicsView`` (PlotWidget, GraphicsLayoutWidget) and
styles each ``PlotItem`` in their scenes. Why a walk: plots are built by every tab (and
by tabs that later issues add), so a registration call would have to be remembered in
each of them, and a forgotten one fails silently; the walk costs a few milliseconds, and
only when the scale changes. Items added to a plot later (a run's overlay curves, new bar
labels) are caught by a listener on the plot's view box, and windows opened later (a
dialog) by a re-walk when the focused window changes (see ``presentation``).

What the owner set is kept as the base: each styled value remembers (base, applied), and a
value that no longer equals what was applied was changed by its owner and becomes the new
base. At scale 1 without presentation mode everything goes back to its base exactly.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontInfo, QPen
from PySide6.QtWidgets import QApplication

TITLE_ROW = 30  # pyqtgraph's fixed title row height, restored at scale 1
CONTRAST_GRID_ALPHA = 110  # of 255: darker grid lines in presentation mode (0.25 -> 0.43)
_SIZE_RESOLVED = 0x0002  # QFont::SizeResolved (PySide6 does not expose the enum)
AXES = ("left", "bottom", "right", "top")


@dataclass(frozen=True)
class PlotStyle:
    """How much larger plots are drawn: ``text`` scales fonts and symbols, ``line`` the
    pen widths; ``high_contrast`` (presentation mode) makes axes and text black and the
    grid darker; axis text is never smaller than ``min_text_px`` pixels."""

    text: float = 1.0
    line: float = 1.0
    high_contrast: bool = False
    min_text_px: int = 0
    base_px: int = 0  # the application font's unscaled size; 0: the font as it is

    @property
    def identity(self) -> bool:
        return self.text == 1 and self.line == 1 and not self.high_contrast


def _state(obj) -> dict:
    """Per-object memory of (base, applied) values, stored on the Python wrapper."""
    state = obj.__dict__.get("_digit_lab_scaled")
    if state is None:
        state = obj.__dict__["_digit_lab_scaled"] = {}
    return state


def _base(obj, key: str, current):
    """The owner's value: the stored base, unless the owner changed it since we applied."""
    base, applied = _state(obj).get(key, (current, None))
    return current if applied is None or current != applied else base


def _remember(obj, key: str, base, applied) -> None:
    _state(obj)[key] = (base, applied)


def font_px(font: QFont) -> int:
    """A font's size in pixels (points converted with the screen's logical DPI)."""
    return font.pixelSize() if font.pixelSize() > 0 else QFontInfo(font).pixelSize()


def _scaled_font(base: QFont, style: PlotStyle, minimum: int = 0) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(round(font_px(base) * style.text), minimum, 1))
    return font


def _css_px(size, default_px: int) -> float:
    """'9pt' / '12px' / None -> pixels (points at 96/72, CSS's own ratio)."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*(pt|px)\s*", str(size or ""))
    if not match:
        return float(default_px)
    value = float(match.group(1))
    return value * 96 / 72 if match.group(2) == "pt" else value


def _scaled_pen(pen: QPen, base_width: float, factor: float) -> QPen:
    scaled = QPen(pen)
    scaled.setWidthF(base_width if factor == 1 else max(base_width, 1.0) * factor)
    return scaled


def style_plot(plot: pg.PlotItem, style: PlotStyle) -> None:
    """Apply ``style`` to one plot: axes, title, legend, curves, lines and text items."""
    if style.identity and not _state(plot):
        return  # never styled: leave the owner's plot untouched
    app_px = style.base_px or font_px(QApplication.font())
    let_title_shrink(plot)  # a title scaled up must not widen the plot past its view
    for name in AXES:
        axis = plot.axes.get(name, {}).get("item") if hasattr(plot, "axes") else None
        if axis is not None:
            _style_axis(axis, style, app_px)
    _style_title(plot, style, app_px)
    if plot.legend is not None:
        size = _base(plot.legend, "size", plot.legend.opts["labelTextSize"])
        applied = size if style.identity else f"{round(_css_px(size, app_px) * style.text)}px"
        if applied != plot.legend.opts["labelTextSize"]:
            plot.legend.setLabelTextSize(applied)
            for _sample, label in plot.legend.items:  # pyqtgraph only records the size:
                label.setText(label.text)  # the labels shown are drawn again with it
        _remember(plot.legend, "size", size, applied)
    for item in list(plot.items):
        _style_item(item, style)
    _listen(plot)
    _remember(plot, "style", style, style)


def _style_axis(axis: pg.AxisItem, style: PlotStyle, app_px: int) -> None:
    state = _state(axis)
    if "owner" not in state:  # what the owner set, read once
        state["owner"] = (
            axis.style["tickFont"],
            QPen(axis.pen()),
            QPen(axis.textPen()),
            axis.grid,
            dict(axis.labelStyle),
        )
    tick_font, pen, text_pen, grid, label_style = state["owner"]
    if style.high_contrast:
        axis.setPen(pg.mkPen("k", width=max(pen.widthF(), 1.0) * style.line / 2))
        axis.setTextPen(pg.mkPen("k"))
        if grid is not False:
            axis.setGrid(max(int(grid), CONTRAST_GRID_ALPHA))
    else:
        axis.setPen(pen)
        axis.setTextPen(text_pen)
        axis.setGrid(grid)
    if style.identity:
        axis.setTickFont(tick_font)
        label_style = dict(label_style)
    else:
        base = tick_font
        if base is None:  # ticks drawn in the view's font: the app font before scaling
            base = QFont(QApplication.font())
            base.setPixelSize(app_px)
        axis.setTickFont(_scaled_font(base, style, style.min_text_px))
        label_px = _css_px(label_style.get("font-size"), app_px) * style.text
        label_px = max(label_px, style.min_text_px)
        label_style = dict(label_style, **{"font-size": f"{label_px:.0f}px"})
    if style.high_contrast:
        label_style["color"] = "#000000"
    axis.labelStyle = label_style
    axis._updateLabel()  # re-renders the label with labelStyle (setLabel would merge)


def _style_title(plot: pg.PlotItem, style: PlotStyle, app_px: int) -> None:
    title = plot.titleLabel
    state = _state(title)
    if "owner" not in state:
        state["owner"] = (title.opts.get("size"), title.opts.get("color"))
    size, color = state["owner"]
    if not title.isVisible() or not title.text:
        return
    if style.identity:
        title.opts["color"] = color
        if size is None:
            title.opts.pop("size", None)
        else:
            title.opts["size"] = size
        title.setText(title.text)
        height = TITLE_ROW
    else:
        px = max(_css_px(size, app_px) * style.text, style.min_text_px)
        title.setText(title.text, size=f"{px:.0f}px", color="k" if style.high_contrast else color)
        height = max(TITLE_ROW, round(px * 1.7))
    title.setMaximumHeight(height)
    plot.layout.setRowFixedHeight(0, height)


def let_title_shrink(plot: pg.PlotItem) -> None:
    """Let ``plot``'s title be narrower than its text. pyqtgraph makes a title's minimum
    width its text's width and lays the whole plot out at least that wide, so in a narrow
    column (1024x576, a Chinese title) the plot grew wider than its view and its right part
    (a bar, an axis) was cut off. With this the title is cut at its ends instead and every
    bar and axis stays in view. Lasts through later ``setTitle`` calls."""
    title = plot.titleLabel
    if "_digit_lab_may_shrink" in title.__dict__:
        return
    update_min = title.updateMin  # pyqtgraph's: minimum = preferred = the text's size

    def shrinkable_update_min() -> None:
        update_min()
        height = title._sizeHint[Qt.SizeHint.MinimumSize][1]
        title._sizeHint[Qt.SizeHint.MinimumSize] = (0, height)
        title.setMinimumWidth(0)
        title.updateGeometry()

    title.__dict__["_digit_lab_may_shrink"] = True
    title.updateMin = shrinkable_update_min
    shrinkable_update_min()


def _style_item(item, style: PlotStyle) -> None:
    if isinstance(item, pg.PlotDataItem):
        pen = pg.mkPen(item.opts["pen"]) if item.opts["pen"] is not None else None
        if pen is not None:
            width = _base(item, "pen", pen.widthF())
            scaled = _scaled_pen(pen, width, style.line)
            if scaled.widthF() != pen.widthF():
                item.setPen(scaled)
            _remember(item, "pen", width, scaled.widthF())
        if item.opts.get("symbol") is not None:
            size = _base(item, "symbol", item.opts["symbolSize"])
            applied = max(1, round(size * style.text))
            if applied != item.opts["symbolSize"]:
                item.setSymbolSize(applied)
            _remember(item, "symbol", size, applied)
    elif isinstance(item, pg.PlotCurveItem | pg.InfiniteLine):
        pen = QPen(item.opts["pen"] if isinstance(item, pg.PlotCurveItem) else item.pen)
        width = _base(item, "pen", pen.widthF())
        scaled = _scaled_pen(pen, width, style.line)
        if scaled.widthF() != pen.widthF():
            item.setPen(scaled)
        _remember(item, "pen", width, scaled.widthF())
        label = getattr(item, "label", None)
        if isinstance(label, pg.TextItem):  # an epoch line's "epoch 3"
            _style_item(label, style)
    elif isinstance(item, pg.TextItem):
        font = item.textItem.font()
        px = _base(item, "font", font_px(font))
        inherited = not font.resolveMask() & _SIZE_RESOLVED
        if "font" not in _state(item) and inherited and style.base_px:
            px = style.base_px  # made while scaled, from the scaled app font
        applied = px if style.identity else max(1, round(px * style.text))
        if applied != font_px(font):
            font = QFont(font)
            font.setPixelSize(applied)
            item.textItem.setFont(font)
            item.updateTextPos()
        _remember(item, "font", px, applied)


class _ItemsListener:
    """Told by the view box when items are added; restyles the plot once, after the
    owner has finished setting them up (a zero-delay timer coalesces many additions)."""

    def __init__(self, plot: pg.PlotItem):
        self._plot = weakref.ref(plot)
        self._pending = False

    def itemsChanged(self) -> None:  # pyqtgraph's callback name
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._restyle)

    def _restyle(self) -> None:
        self._pending = False
        plot = self._plot()
        if plot is None or not shiboken6.isValid(plot):
            return
        applied = _state(plot).get("style")
        if applied is not None and not applied[1].identity:  # at scale 1 all is at base
            style_plot(plot, applied[1])


def _listen(plot: pg.PlotItem) -> None:
    if "_digit_lab_listener" in plot.__dict__:
        return
    listener = plot.__dict__["_digit_lab_listener"] = _ItemsListener(plot)
    plot.getViewBox().childGroup.itemsChangedListeners.append(listener)  # a WeakList


def plots_in(widgets) -> list[pg.PlotItem]:
    """Every PlotItem shown by pyqtgraph views among ``widgets``."""
    plots = []
    for widget in widgets:
        if not shiboken6.isValid(widget):
            continue
        if isinstance(widget, pg.PlotWidget):
            plots.append(widget.getPlotItem())  # no need to look through its scene
        elif isinstance(widget, pg.GraphicsView) and widget.scene() is not None:
            plots.extend(i for i in widget.scene().items() if isinstance(i, pg.PlotItem))
    return plots


def style_all_plots(style: PlotStyle, widgets=None) -> int:
    """Style every plot among ``widgets`` (default: all the application's widgets);
    returns how many plots were looked at."""
    plots = plots_in(QApplication.allWidgets() if widgets is None else widgets)
    for plot in plots:
        if _state(plot).get("style", (None, None))[1] != style:
            style_plot(plot, style)
    return len(plots)
