"""One state per run: opening, starting, failing or diverging a run resets every view."""

from __future__ import annotations

import math

import pytest

from desktop_app.common import settings
from desktop_app.train.panel import TrainPanel
from desktop_app.train.run_text import run_started_at, run_title, sentence, state_label
from desktop_app.train.worker import read_batch_log
from tests.helpers.datasets import tiny_split
from training_core.config import TrainConfig
from training_core.runs import list_runs


@pytest.fixture
def panel(qtbot, tmp_path, tiny_digits):
    settings.set_runs_root(tmp_path / "runs")
    widget = TrainPanel()
    qtbot.addWidget(widget)
    widget.data_override = tiny_digits
    widget.report_every = 1
    yield widget
    widget.shutdown()


def _run(panel, qtbot, **settings_):
    values = dict(model="softmax", epochs=2, batch_size=50, lr=0.5, device="cpu")
    panel.form.set_config(TrainConfig(**{**values, **settings_}))
    with qtbot.waitSignal(panel.run_finished, timeout=30_000) as finished:
        assert panel.start()
    qtbot.waitUntil(lambda: not panel.is_training, timeout=5_000)
    return finished.args[0]


def _by_model(model):
    return next(run for run in list_runs(settings.runs_root()) if run.name.endswith(model))


def test_opening_run_b_leaves_nothing_of_run_a(panel, qtbot):
    _run(panel, qtbot, model="softmax", epochs=3, lr=0.5)
    _run(panel, qtbot, model="mlp", epochs=1, lr=0.1, optimizer="sgd")
    a, b = _by_model("softmax-mnist"), _by_model("mlp-mnist")
    assert panel.open_run(a.path)
    qtbot.waitUntil(lambda: panel.results.results is not None, timeout=10_000)
    panel.compare_run(b.path)
    a_title = run_title(a.path, a.read_config())
    assert "softmax" in a_title and "lr 0.5" in a_title
    assert a_title in panel.plots.run_label.text()
    assert len(panel.plots.marks.epoch_starts) == 2  # epochs 2 and 3 begin

    assert panel.open_run(b.path)
    b_title = run_title(b.path, b.read_config())
    # At once, before B's results exist: no page shows anything of A.
    assert panel.results.results is None
    assert b_title in panel.results.summary.text()
    assert b_title in panel.plots.run_label.text() and a_title not in panel.plots.run_label.text()
    assert [row["epoch"] for row in panel.plots.history] == [1]
    assert panel.plots.batch_points == 8 and panel.plots.marks.epoch_starts == []
    assert not panel.plots.overlay_shown
    assert panel.controls.progress.format() == "1 of 1 epochs"
    status = panel.controls.status.text()  # B's start and epochs (A trained three)
    assert run_started_at(b.path) in status and "1 of 1 epochs" in status
    qtbot.waitUntil(lambda: panel.results.results is not None, timeout=10_000)
    assert panel.results.results["model"] == "mlp"
    assert b_title in panel.results.summary.text()
    panel.plots.flush()
    x_range = panel.plots.loss_plot.viewRange()[0]
    assert x_range[1] < 2.5  # the axes fit B's one epoch, not A's three


def test_a_late_answer_for_run_a_is_never_shown_for_run_b(panel, qtbot):
    _run(panel, qtbot, model="softmax", epochs=1)
    _run(panel, qtbot, model="mlp", epochs=1, lr=0.1, optimizer="sgd")
    a, b = _by_model("softmax-mnist"), _by_model("mlp-mnist")
    assert panel.open_run(a.path)  # its results are still being computed…
    assert panel.open_run(b.path)  # …when B is opened
    qtbot.waitUntil(lambda: panel.results.results is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not panel.views.runner.is_busy, timeout=10_000)
    assert panel.results.results["model"] == "mlp"


def test_a_diverged_run_resets_progress_and_marks_where_it_exploded(panel, qtbot):
    assert _run(panel, qtbot, model="mlp", epochs=2, lr=10.0, optimizer="sgd") == "diverged"
    bar = panel.controls.progress
    assert bar.maximum() > 0 and bar.format() == "Diverged"  # not busy, says why
    assert "exploded" in panel.controls.status.text()
    x, loss = panel.plots.marks.diverged_at
    assert not math.isfinite(loss) and 0 < x <= 1
    assert panel.plots.batch_points >= 1  # the finite batches before it are drawn
    assert "no finished epoch" in panel.results.summary.text()
    # The run folder keeps the explosion: reopening it shows the mark again.
    run = list_runs(settings.runs_root())[0]
    assert not math.isfinite(read_batch_log(run.path)[-1][1])
    panel.plots.clear()
    assert panel.plots.marks.diverged_at is None
    assert panel.open_run(run.path)
    assert panel.plots.marks.diverged_at is not None
    # A new run starts clean.
    assert _run(panel, qtbot, model="softmax", epochs=1) == "completed"
    assert panel.plots.marks.diverged_at is None
    assert panel.controls.progress.format() != "Diverged"


def test_a_failed_run_leaves_no_busy_bar_and_says_so(panel, qtbot):
    bad = tiny_split(100, 3)
    bad.images = bad.images[:, :10, :10]  # the model cannot take it
    panel.data_override = (bad, bad)
    panel.form.set_config(TrainConfig(model="softmax", epochs=1, batch_size=50, device="cpu"))
    with qtbot.waitSignal(panel.run_failed, timeout=20_000) as failed:
        panel.start()
    qtbot.waitUntil(lambda: not panel.is_training, timeout=5_000)
    bar = panel.controls.progress
    assert bar.maximum() > 0  # a busy bar has maximum 0
    assert bar.format() == "Failed"
    assert panel.controls.status.text() == failed.args[0]


def test_a_stopped_run_reads_as_sentences():
    assert state_label("stopped") == "Stopped" and state_label("failed") == "Failed"
    assert sentence("stopped during epoch 3") == "Stopped during epoch 3."
    assert sentence("在第 3 轮中停止") == "在第 3 轮中停止。"
    assert sentence("") == ""


def test_stop_status_starts_every_sentence_with_a_capital(panel, qtbot):
    panel.form.set_config(
        TrainConfig(model="softmax", epochs=50, batch_size=50, lr=0.5, device="cpu")
    )
    with qtbot.waitSignal(panel.epoch_finished, timeout=20_000):
        panel.start()
    with qtbot.waitSignal(panel.run_finished, timeout=20_000):
        panel.stop()
    text = panel.controls.status.text()
    assert "Stopped during epoch" in text and "stopped during" not in text
    assert panel.controls.progress.format() == "Stopped"
    qtbot.waitUntil(lambda: panel.results.results is not None, timeout=10_000)


def test_a_run_stopped_in_its_first_epoch_does_not_claim_a_checkpoint(panel, qtbot):
    panel.form.set_config(
        TrainConfig(model="softmax", epochs=2, batch_size=50, lr=0.5, device="cpu")
    )
    panel.controls.pace.setCurrentIndex(panel.controls.pace.count() - 1)  # 1 batch a second
    with qtbot.waitSignal(panel.run_finished, timeout=30_000) as finished:
        assert panel.start()
        qtbot.waitUntil(lambda: panel.plots.batch_points >= 1, timeout=10_000)
        panel.stop()
    assert finished.args[0] == "stopped"
    status = panel.controls.status.text()
    assert "before the first epoch" in status and "checkpoint is kept" not in status
    assert "during epoch" not in status  # said once, not twice
