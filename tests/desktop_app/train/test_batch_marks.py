"""The batch-loss curve marks where each epoch begins and where the loss exploded."""

from __future__ import annotations

import math

import pytest

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
        assert curve.scatter.opts["brush"].color() == curve.opts["symbolBrush"].color()
    assert plots.test_loss_curve.scatter.opts["brush"].color() != (
        plots.train_loss_curve.scatter.opts["brush"].color()
    )
