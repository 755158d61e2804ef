"""The batch-loss curve marks where each epoch begins and where the loss exploded."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from desktop_app.train.batch_marks import MAX_LABELLED_EPOCHS
from desktop_app.train.plots import TrainPlots
from training_core.events import BatchReport


@pytest.fixture
def plots(qtbot):
    widget = TrainPlots()
    qtbot.addWidget(widget)
    return widget


def _report(epoch, batch, loss, batches=4):
    return BatchReport(epoch, batch, batches, loss, 0.5, 0, 1.0)


def test_a_line_where_each_epoch_begins(plots):
    for batch in range(1, 5):
        plots.add_batch(_report(1, batch, 1.0))
    plots.flush()
    assert plots.marks.epoch_starts == []  # one epoch: nothing begins inside it
    plots.add_batch(_report(2, 1, 0.9))
    plots.flush()
    assert plots.marks.epoch_starts == [1.0]
    assert plots.marks.epoch_labels() == ["epoch 2"]
    for epoch in (2, 3):
        for batch in range(1, 5):
            plots.add_batch(_report(epoch, batch, 0.8))
    plots.flush()
    assert plots.marks.epoch_starts == [1.0, 2.0]
    plots.clear()
    assert plots.marks.epoch_starts == []


def test_long_runs_keep_the_lines_but_drop_the_labels(plots):
    epochs = MAX_LABELLED_EPOCHS + 3
    plots.set_history([], [(e + 0.5, 1.0) for e in range(epochs)])
    plots.flush()
    assert plots.marks.epoch_starts == [float(e) for e in range(1, epochs)]
    assert plots.marks.epoch_labels() == []


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_a_diverged_batch_is_marked_after_the_last_finite_points(plots, bad):
    plots.add_batch(_report(1, 1, 2.0))
    plots.add_batch(_report(1, 2, 5.0))
    plots.add_batch(_report(1, 3, bad))
    plots.flush()
    x, y = plots.raw_curve.getData()
    assert list(x) == [0.25, 0.5] and list(y) == [2.0, 5.0]  # the finite points stay drawn
    assert plots.marks.diverged_at[0] == 0.75
    assert all(math.isfinite(v) for v in plots.smooth_curve.getData()[1])
    line, cross = plots.marks._diverged_items
    assert line.value() == 0.75
    assert ("NaN" if bad != bad else "∞") in line.label.toPlainText()
    cx, cy = cross.getData()
    assert list(cx) == [0.75] and list(cy) == [5.0]  # at the last finite loss
    plots.clear()
    assert plots.marks.diverged_at is None
    assert all(item.scene() is None for item in (line, cross))


def test_the_curves_name_their_run(plots):
    assert "No run" in plots.run_label.text()
    plots.set_run_title("Run 2026-12-01 10:00 · mlp · lr 0.1")
    assert "Run 2026-12-01 10:00 · mlp · lr 0.1" in plots.run_label.text()


def test_the_legend_dots_have_the_curve_colours_before_any_run(plots):
    """The legend draws the scatter's brush; before a run it was pyqtgraph's grey."""
    for curve in (plots.train_loss_curve, plots.train_acc_curve):
        assert curve.scatter.opts["brush"].color() == pg.mkColor(curve.opts["symbolBrush"])
    assert plots.test_loss_curve.scatter.opts["brush"].color() != (
        plots.train_loss_curve.scatter.opts["brush"].color()
    )


def test_legends_have_a_background_so_a_compared_curve_under_them_stays_readable(plots):
    for plot in (plots.batch_plot, plots.loss_plot, plots.acc_plot):
        brush = plot.legend.opts["brush"]
        assert brush.style() != Qt.BrushStyle.NoBrush and brush.color().alpha() > 128


def test_an_exported_legend_grows_with_the_picture(qtbot, tmp_path):
    """The legend ignores transformations, so a 1600-pixel PNG kept its 10-pixel names."""
    from desktop_app.common.presentation import export_plot

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    plot = widget.getPlotItem()
    for side in ("left", "bottom"):
        plot.hideAxis(side)
    plot.addLegend(offset=(10, 10))
    plot.plot([0, 1], [0, 1], pen=None, name="WWWWWWWWWWWW")  # only the legend is drawn
    widget.show()
    qtbot.waitExposed(widget)
    export_plot(plot, tmp_path / "legend.png", width=1600)
    image = QImage(str(tmp_path / "legend.png")).convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )[:, : image.width()]
    ink = np.abs(pixels.astype(int) - int(pixels[-1, -1])) > 64  # unlike the background
    columns = np.flatnonzero(ink.any(axis=0))
    assert columns.size and columns[-1] - columns[0] > 300  # unscaled: about 120 pixels
    assert plot.legend.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
