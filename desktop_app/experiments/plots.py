"""The sweep's two plots: every trial's test accuracy per epoch, overlaid, and the final
test accuracy against one varied option (a scatter; a log axis for rates).

Both are redrawn from the :class:`SweepState` through the app's one throttle, however many
events arrive. Colours are the Okabe-Ito palette (told apart with every common colour
vision deficiency); past eight trials the line style changes too, and the legend names
each trial by its varied settings.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import palette
from desktop_app.common.throttle import throttled
from desktop_app.experiments.sweep_state import SweepState, format_value

# Okabe & Ito (2008), the app's one series palette, without yellow (too faint on white).
PALETTE = tuple(c for c in palette.SERIES if c != (240, 228, 66))
STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
LOG_OPTIONS = ("lr", "weight_decay")  # rates: compared by factors, so a log axis


def trial_pen(index: int) -> pg.QtGui.QPen:
    color = PALETTE[index % len(PALETTE)]
    style = STYLES[(index // len(PALETTE)) % len(STYLES)]
    return pg.mkPen(color=color, width=2, style=style)


def _font() -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(max(font.pointSizeF() if font.pointSizeF() > 0 else 10.0, 9.0))
    return font


def _style(plot: pg.PlotItem, title: str, bottom: str, left: str) -> None:
    font = _font()
    size = f"{font.pointSizeF():.0f}pt"
    plot.setTitle(title, size=size)
    plot.getViewWidget().setAccessibleName(title)  # what a screen reader says
    plot.setLabel("bottom", bottom, **{"font-size": size})
    plot.setLabel("left", left, **{"font-size": size})
    for name in ("bottom", "left"):
        plot.getAxis(name).setTickFont(font)
        plot.getAxis(name).enableAutoSIPrefix(False)
    plot.showGrid(x=True, y=True, alpha=0.25)


def use_log_axis(option: str, values: list[float]) -> bool:
    """Rates always; any other positive option whose values span two decades or more."""
    if not values or min(values) <= 0:
        return False
    return option in LOG_OPTIONS or max(values) / min(values) >= 100


class SweepPlots(QWidget):
    """The overlaid curves (``curves``: one item per trial) and the option scatter."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.state = SweepState()
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.curve_widget = pg.PlotWidget(self)
        self.scatter_widget = pg.PlotWidget(self)
        self.curve_plot = self.curve_widget.getPlotItem()
        self.scatter_plot = self.scatter_widget.getPlotItem()
        _style(self.curve_plot, self.tr("Test accuracy per epoch"), self.tr("epoch"), "%")
        _style(self.scatter_plot, self.tr("Final test accuracy"), "", "%")
        size = f"{_font().pointSizeF() * 0.85:.0f}pt"
        self.legend = self.curve_plot.addLegend(
            offset=(-5, -5), labelTextSize=size, brush=palette.LEGEND_BACKGROUND
        )
        self.legend.setColumnCount(1)
        self.points = pg.ScatterPlotItem(size=10, pen=pg.mkPen("k", width=0.5))
        self.scatter_plot.addItem(self.points)
        self.option = QComboBox(self)
        self.option.setAccessibleName(self.tr("Option on the x axis"))
        self.option.setToolTip(self.tr("The varied option on the scatter plot's x axis"))
        self.option.currentTextChanged.connect(lambda _text: self.redraw_now())

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Accuracy against:"), self))
        row.addWidget(self.option, 1)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(row)
        right.addWidget(self.scatter_widget, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.curve_widget, 3)
        layout.addLayout(right, 2)
        for widget in (self.curve_widget, self.scatter_widget):
            widget.setMinimumSize(160, 120)

    def set_state(self, state: SweepState) -> None:
        self.state = state
        self.request_redraw()

    @throttled
    def request_redraw(self) -> None:
        self.redraw_now()

    def redraw_now(self) -> None:
        self._sync_options()
        self._draw_curves()
        self._draw_scatter()

    # -- curves ---------------------------------------------------------------------
    def _draw_curves(self) -> None:
        trials = list(self.state.trials.values())
        names = [t.name for t in trials]
        if list(self.curves) != names:  # a trial came or went: one item per trial, in order
            for item in self.curves.values():
                self.curve_plot.removeItem(item)
            self.legend.clear()
            self.curves = {}
            for index, trial in enumerate(trials):
                pen = trial_pen(index)
                self.curves[trial.name] = self.curve_plot.plot(
                    pen=pen,
                    symbol="o",
                    symbolSize=5,
                    symbolBrush=pen.color(),
                    symbolPen=None,
                    name=self.state.label(trial),
                )
        last = max((max(t.epochs) for t in trials if t.epochs), default=0)
        axis = self.curve_plot.getAxis("bottom")
        if 0 < last <= 20:  # whole epochs only: no "epoch 1.5"
            axis.setTickSpacing(major=max(1, last // 10), minor=1)
        else:
            axis.setTickSpacing()
        for trial in trials:
            curve = self.curves[trial.name]
            curve.setData(trial.epochs, [100 * a for a in trial.accuracies])
            self._rename(curve, self.state.label(trial))

    def _rename(self, curve: pg.PlotDataItem, label: str) -> None:
        if curve.name() == label:
            return
        curve.opts["name"] = label
        for sample, text in self.legend.items:
            if sample.item is curve:
                text.setText(label)

    # -- scatter --------------------------------------------------------------------
    def _sync_options(self) -> None:
        varied = self.state.varied()
        current = [self.option.itemText(i) for i in range(self.option.count())]
        if varied != current:
            chosen = self.option.currentText()
            self.option.blockSignals(True)
            self.option.clear()
            self.option.addItems(varied)
            if chosen in varied:
                self.option.setCurrentText(chosen)
            self.option.blockSignals(False)

    def scatter_points(self) -> tuple[list[float], list[float], list[str] | None, bool]:
        """x, y (percent), the category names of a non-numeric option (else None), and
        whether x is on a log axis: what the scatter shows, for the current option."""
        option = self.option.currentText()
        scored = [t for t in self.state.trials.values() if t.test_acc is not None]
        values = [t.config.get(option) for t in scored]
        ys = [100 * t.test_acc for t in scored]
        numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        if numeric:
            xs = [float(v) for v in values]
            log_x = use_log_axis(option, xs)
            return ([math.log10(x) for x in xs] if log_x else xs), ys, None, log_x
        # Every trial's value is a category, scored or not, so the axis does not shift.
        every = [t.config.get(option) for t in self.state.trials.values()]
        names = sorted({format_value(v) for v in every})
        return [float(names.index(format_value(v))) for v in values], ys, names, False

    def _draw_scatter(self) -> None:
        option = self.option.currentText()
        xs, ys, names, log_x = self.scatter_points()
        scored = [t for t in self.state.trials.values() if t.test_acc is not None]
        order = {name: i for i, name in enumerate(self.state.trials)}
        brushes = [pg.mkBrush(PALETTE[order[t.name] % len(PALETTE)]) for t in scored]
        self.points.setData(x=xs, y=ys, brush=brushes, data=[t.name for t in scored])
        axis = self.scatter_plot.getAxis("bottom")
        self.scatter_plot.setLogMode(x=False, y=False)
        if names is not None:
            axis.setTicks([list(enumerate(names))])
            self.scatter_plot.setXRange(-0.5, len(names) - 0.5, padding=0)
        elif log_x:
            axis.setTicks([[(x, f"{10**x:g}") for x in sorted(set(xs))]])
        else:
            axis.setTicks(None)
            self.scatter_plot.enableAutoRange(axis="x")
        label = self.tr("{option} (log scale)").format(option=option) if log_x else option
        self.scatter_plot.setLabel("bottom", label)
