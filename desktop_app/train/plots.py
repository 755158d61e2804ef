"""Live training curves: batch loss, loss per epoch, accuracy per epoch.

Reports are only buffered when they arrive; the app's one redraw throttle repaints at most
``REDRAW_HZ`` times a second while reports come in, by ``setData`` on curves made once.
"""

from __future__ import annotations

import html
import math
import os
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QSizePolicy, QWidget

from desktop_app.common import palette
from desktop_app.common.presentation import export_plot
from desktop_app.common.throttle import throttled
from desktop_app.train.batch_marks import BatchMarks
from desktop_app.train.worker import batch_position
from training_core.events import BatchReport, EpochReport
from training_core.fileio import replacing

SMOOTHING_EPOCHS = 0.05  # time constant of the smoothed batch loss, in epochs

TRAIN_COLOR = palette.TRAIN
TEST_COLOR = palette.TEST
RAW_COLOR = palette.MUTED


def plot_font(scale: float = 1.0) -> QFont:
    """The application font (which follows the system), scaled: readable on a projector."""
    font = QFont(QApplication.font())
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(max(size * scale, 9.0))
    return font


def style_plot(plot: pg.PlotItem, title: str, bottom: str, left: str) -> None:
    font = plot_font()
    size = f"{font.pointSizeF():.0f}pt"
    plot.setTitle(title, size=f"{font.pointSizeF() * 1.15:.0f}pt")
    plot.getViewWidget().setAccessibleName(title)  # what a screen reader says
    plot.setLabel("bottom", bottom, **{"font-size": size})
    plot.setLabel("left", left, **{"font-size": size})
    for name in ("bottom", "left"):
        plot.getAxis(name).setTickFont(font)
        plot.getAxis(name).enableAutoSIPrefix(False)  # no "loss (x0.001)"
    plot.showGrid(x=True, y=True, alpha=0.25)


def _pen(color, width=2, dashed=False):
    style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
    return pg.mkPen(color=color, width=width, style=style)


class TrainPlots(QWidget):
    """Three plots; ``add_batch`` / ``add_epoch`` buffer, the timer draws."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.batch_widget = pg.PlotWidget(self)
        self.loss_widget = pg.PlotWidget(self)
        self.acc_widget = pg.PlotWidget(self)
        # The run these curves belong to (run_text.run_title), so a page never shows
        # curves without saying whose they are.
        self.run_label = QLabel(self)
        self.run_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.run_label, 0, 0, 1, 2)
        layout.addWidget(self.batch_widget, 1, 0, 1, 2)
        layout.addWidget(self.loss_widget, 2, 0)
        layout.addWidget(self.acc_widget, 2, 1)
        self.batch_plot = self.batch_widget.getPlotItem()
        self.loss_plot = self.loss_widget.getPlotItem()
        self.acc_plot = self.acc_widget.getPlotItem()
        style_plot(self.batch_plot, self.tr("Loss per batch"), self.tr("epoch"), self.tr("loss"))
        style_plot(self.loss_plot, self.tr("Loss per epoch"), self.tr("epoch"), self.tr("loss"))
        style_plot(
            self.acc_plot, self.tr("Accuracy per epoch"), self.tr("epoch"), self.tr("accuracy %")
        )
        legend_size = f"{plot_font().pointSizeF():.0f}pt"
        legend = dict(labelTextSize=legend_size, brush=palette.LEGEND_BACKGROUND)
        for plot in (self.batch_plot, self.loss_plot):
            plot.addLegend(offset=(-10, 10), **legend)
        self.acc_plot.addLegend(offset=(-10, -10), **legend)  # curves rise
        self.batch_plot.setDownsampling(auto=True, mode="peak")
        self.marks = BatchMarks(self.batch_plot, plot_font())  # epoch starts, divergence
        self.batch_plot.setClipToView(True)

        self.raw_curve = self.batch_plot.plot(pen=_pen(RAW_COLOR, 1), name=self.tr("batch loss"))
        self.smooth_curve = self.batch_plot.plot(pen=_pen(TRAIN_COLOR, 3), name=self.tr("smoothed"))
        marker = dict(symbol="o", symbolSize=8)
        self.train_loss_curve = self.loss_plot.plot(
            pen=_pen(TRAIN_COLOR), symbolBrush=TRAIN_COLOR, name=self.tr("train"), **marker
        )
        self.test_loss_curve = self.loss_plot.plot(
            pen=_pen(TEST_COLOR), symbolBrush=TEST_COLOR, name=self.tr("test"), **marker
        )
        self.train_acc_curve = self.acc_plot.plot(
            pen=_pen(TRAIN_COLOR), symbolBrush=TRAIN_COLOR, name=self.tr("train"), **marker
        )
        self.test_acc_curve = self.acc_plot.plot(
            pen=_pen(TEST_COLOR), symbolBrush=TEST_COLOR, name=self.tr("test"), **marker
        )
        for curve in (
            self.train_loss_curve,
            self.test_loss_curve,
            self.train_acc_curve,
            self.test_acc_curve,
        ):
            # pyqtgraph gives the scatter its brush only with the first data: until then the
            # legend drew grey dots beside "train" and "test" on the empty plots.
            curve.scatter.setBrush(curve.opts["symbolBrush"])
        self._loss_pairs = (
            (self.train_loss_curve, "train_loss"),
            (self.test_loss_curve, "test_loss"),
        )
        self._acc_pairs = ((self.train_acc_curve, "train_acc"), (self.test_acc_curve, "test_acc"))
        self._pending_epoch_plots: list[str] = []
        self._overlay_curves: list[tuple[pg.PlotItem, pg.PlotDataItem]] = []

        self.redraw_count = 0
        self.set_run_title("")
        self.clear()

    # -- data in ---------------------------------------------------------------------
    def clear(self) -> None:
        self._batch_x: list[float] = []
        self._batch_raw: list[float] = []
        self._batch_smooth: list[float] = []
        self._ema = 0.0
        self._ema_weight = 0.0
        self.history: list[dict] = []
        self.marks.clear()
        for plot in (self.batch_plot, self.loss_plot, self.acc_plot):
            # No data keeps the last range: go back to an empty run's axes first.
            plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            plot.enableAutoRange()
        self._dirty = True
        self._epochs_dirty = True
        self._request_redraw()

    def set_run_title(self, title: str) -> None:
        """Name the run the curves show; empty: none is shown. The line is always there,
        so the plots never jump when a run is named."""
        if title:
            self.run_label.setText(f"<b>{html.escape(title)}</b>")
        else:
            self.run_label.setText(self.tr("No run shown: start one, or open one in Runs."))

    def add_batch(self, report: BatchReport) -> None:
        self._add_point(batch_position(report), report.loss)

    def _add_point(self, x: float, loss: float) -> None:
        """A non-finite loss (the run diverged) is marked, not drawn. The smoothed curve is
        an exponential moving average over training time, not over reports, so the
        smoothing looks the same whatever the batch size or report interval."""
        if not math.isfinite(loss):
            self.marks.mark_diverged(x, loss, self._batch_raw[-1] if self._batch_raw else None)
            return
        step = x - self._batch_x[-1] if self._batch_x else SMOOTHING_EPOCHS
        decay = math.exp(-max(step, 0.0) / SMOOTHING_EPOCHS)
        self._ema = decay * self._ema + (1 - decay) * loss
        self._ema_weight = decay * self._ema_weight + (1 - decay)  # bias correction
        self._batch_x.append(x)
        self._batch_raw.append(loss)
        self._batch_smooth.append(self._ema / self._ema_weight)
        self._dirty = True
        self._request_redraw()

    def add_epoch(self, report: EpochReport) -> None:
        self.history = [row for row in self.history if row["epoch"] != report.epoch]
        self.history.append(report.to_dict())
        self._dirty = self._epochs_dirty = True
        self._request_redraw()

    def set_history(self, history: list[dict], batch_points=()) -> None:
        """Show a finished or reloaded run: its epoch curves and logged batch losses."""
        self.clear()
        self.history = [dict(row) for row in history]
        self._epochs_dirty = True
        for x, loss in batch_points:
            self._add_point(x, loss)
        self._request_redraw()

    def set_overlays(self, overlays, shown_label: str = "") -> None:
        """Other runs' curves over the shown one (``compare.Overlay``: label, history,
        colour): each run in its own colour, test dashed with open triangles, train
        dotted. One legend entry per compared run, its short name (on a 1024-pixel screen
        two entries a run, with the settings spelled out, covered the curves); the shown
        run keeps its "train" / "test" entries, and the page's title names it."""
        self.clear_overlay()
        del shown_label  # the Curves page's title already names the shown run
        for overlay in overlays:
            if not overlay.history:
                continue
            epochs = np.array([row["epoch"] for row in overlay.history], dtype=float)
            name = _short(overlay.label)
            for plot, key in (
                (self.loss_plot, "train_loss"),
                (self.loss_plot, "test_loss"),
                (self.acc_plot, "train_acc"),
                (self.acc_plot, "test_acc"),
            ):
                test = key.startswith("test")
                values = np.array([row.get(key, np.nan) for row in overlay.history], dtype=float)
                values *= 100.0 if key.endswith("acc") else 1.0
                pen = _pen(overlay.colour, 2, dashed=test)
                if not test:
                    pen.setStyle(Qt.PenStyle.DotLine)
                marks = dict(symbol="t", symbolSize=8, symbolBrush=None, symbolPen=overlay.colour)
                if test:
                    curve = plot.plot(epochs, values, pen=pen, name=name, **marks)
                else:
                    curve = plot.plot(epochs, values, pen=pen)  # no entry: its colour says
                self._overlay_curves.append((plot, curve))

    def clear_overlay(self) -> None:
        for plot, curve in self._overlay_curves:
            plot.removeItem(curve)
            plot.legend.removeItem(curve)
        self._overlay_curves = []

    @property
    def overlay_shown(self) -> bool:
        return bool(self._overlay_curves)

    @property
    def batch_points(self) -> int:
        return len(self._batch_x)

    # -- drawing ---------------------------------------------------------------------
    @throttled
    def _request_redraw(self) -> None:
        self.redraw()
        if self._pending_epoch_plots or self._epochs_dirty or self._dirty:
            self._request_redraw()  # the rest in the next throttled call

    def redraw(self) -> None:
        """One throttled call: at most one plot changes, so at most one repaints.

        An epoch's new points re-layout the axes of the epoch plots, the most expensive
        repaint here; doing them one per tick keeps each UI-thread stall short.
        """
        if self._epochs_dirty:
            self._epochs_dirty = False
            self._pending_epoch_plots = ["loss", "accuracy"]
        if self._pending_epoch_plots:
            self._update_epoch_plot(self._pending_epoch_plots.pop(0))
            self.redraw_count += 1
            return
        if not self._dirty:
            return
        self._dirty = False
        self.redraw_count += 1
        self.raw_curve.setData(self._batch_x, self._batch_raw)
        self.smooth_curve.setData(self._batch_x, self._batch_smooth)
        self.marks.update(self._batch_x[-1] if self._batch_x else None)

    def flush(self) -> None:
        """Bring every curve up to date now (before exporting, and in tests)."""
        self._dirty = self._epochs_dirty = True
        for _ in range(4):
            self.redraw()

    def _update_epoch_plot(self, which: str) -> None:
        epochs = [row["epoch"] for row in self.history]
        if which == "loss":
            plot, pairs, scale = self.loss_plot, self._loss_pairs, 1.0
        else:
            plot, pairs, scale = self.acc_plot, self._acc_pairs, 100.0
        for curve, key in pairs:
            curve.setData(epochs, [row[key] * scale for row in self.history])
        _integer_epoch_ticks(plot, len(epochs))

    # -- export ------------------------------------------------------------------------
    def export(self, folder: str | os.PathLike, stem: str = "curves") -> list[Path]:
        """Each plot as a slide-sized PNG (``EXPORT_WIDTH`` px wide), an SVG and a CSV,
        written atomically."""
        self.flush()
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, plot in (
            ("batch_loss", self.batch_plot),
            ("epoch_loss", self.loss_plot),
            ("epoch_accuracy", self.acc_plot),
        ):
            for suffix in (".png", ".svg"):
                export_plot(plot, folder / f"{stem}_{name}{suffix}")
                written.append(folder / f"{stem}_{name}{suffix}")
            target = folder / f"{stem}_{name}.csv"
            with replacing(target) as tmp:
                pg.exporters.CSVExporter(plot).export(str(tmp))
            written.append(target)
        return written


def _short(label: str, limit: int = 28) -> str:
    """A legend entry that leaves room for the curves (the full name is in the runs table)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _integer_epoch_ticks(plot: pg.PlotItem, epochs: int) -> None:
    """Epochs are whole numbers: a tick every epoch, or every few for long runs."""
    step = max(1, int(np.ceil(epochs / 10)))
    plot.getAxis("bottom").setTickSpacing(major=step, minor=step)
