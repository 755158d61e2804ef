"""The Playground tab driven headless: step, play/pause, reset, data and CSV, regression,
the softmax explorer, and shutdown of the worker threads."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop_app.playground.panel import PlaygroundPanel


@pytest.fixture
def panel(qtbot):
    p = PlaygroundPanel()
    qtbot.addWidget(p)
    p.resize(1200, 800)
    p.show()
    yield p
    p.shutdown()


def _epochs(view) -> list:
    return view.history.values["epoch"]


def test_step_trains_one_epoch_and_draws_the_boundary(panel, qtbot):
    view = panel.classification
    qtbot.waitUntil(lambda: view._picture is not None, timeout=5000)  # the untrained map
    qtbot.mouseClick(view.transport.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _epochs(view) == [1], timeout=5000)
    view.redraw_now()
    assert view.image.image.shape == (120, 120, 3)
    assert view.status.text().startswith("epoch 1 - train loss")
    assert len(view.train_points.data) == 2400 and len(view.test_points.data) == 600
    x, y = view.loss_plot.train_curve.getData()
    assert list(x) == [1.0] and np.isfinite(y).all()


def test_play_pause_and_reset(panel, qtbot):
    view = panel.classification
    qtbot.mouseClick(view.transport.play_button, Qt.MouseButton.LeftButton)
    assert view.transport.play_button.text() == "Pause"
    assert not view.transport.step_button.isEnabled()
    qtbot.waitUntil(lambda: len(_epochs(view)) >= 30, timeout=10000)
    qtbot.mouseClick(view.transport.play_button, Qt.MouseButton.LeftButton)
    assert view.transport.play_button.text() == "Play"
    qtbot.wait(200)  # an update already under way may still arrive
    paused_at = len(_epochs(view))
    qtbot.wait(300)
    assert len(_epochs(view)) == paused_at
    assert _epochs(view) == list(range(1, paused_at + 1))  # no epoch lost or repeated
    qtbot.mouseClick(view.transport.reset_button, Qt.MouseButton.LeftButton)
    assert len(view.history) == 0
    assert view.status.text().startswith("epoch 0")
    qtbot.mouseClick(view.transport.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _epochs(view) == [1], timeout=5000)


def test_changing_the_data_resets_with_the_new_points(panel, qtbot):
    view = panel.classification
    view.data.points.setValue(50)
    view.data.dataset.setCurrentIndex(view.data.dataset.findData("moons"))
    assert view.data.noise.value() == pytest.approx(0.08)  # the generator's default
    assert not view.data.classes.isEnabled()
    assert len(view.train_points.data) + len(view.test_points.data) == 100
    qtbot.mouseClick(view.transport.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _epochs(view) == [1], timeout=5000)


def test_learning_rate_is_applied_to_the_running_optimizer(panel, qtbot):
    view = panel.classification
    view.model_controls.lr.setValue(0.05)
    qtbot.mouseClick(view.transport.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _epochs(view) == [1], timeout=5000)
    assert view.worker._trainer.optimizer.param_groups[0]["lr"] == pytest.approx(0.05)


def test_bad_csv_shows_a_message_and_keeps_the_data(panel, qtbot, tmp_path):
    view = panel.classification
    bad = tmp_path / "broken.csv"
    bad.write_text("x,y,label\n0.1,0.2,a\n0.3,hello,b\n")
    before = len(view.train_points.data)
    with qtbot.waitSignal(view.load_csv(str(bad)).failed, timeout=10000):
        pass
    assert "broken.csv, line 3: 'hello' is not a number" in view.error.text()
    assert view.data.name() == "spiral" and len(view.train_points.data) == before

    good = tmp_path / "good.csv"
    good.write_text("".join(f"{i},{i % 7},{'ab'[i % 2]}\n" for i in range(40)))
    with qtbot.waitSignal(view.load_csv(str(good)).done, timeout=10000):
        pass
    assert view.error.text() == ""
    assert view.data.name() == "csv"
    assert len(view.train_points.data) + len(view.test_points.data) == 40
    assert "40 points, 2 classes from good.csv" in view.status.text()


def test_regression_draws_the_fitted_curve(panel, qtbot):
    panel.views.setCurrentWidget(panel.regression)
    view = panel.regression
    for _ in range(3):
        view.worker.step()
    qtbot.waitUntil(lambda: len(_epochs(view)) == 3, timeout=5000)
    qtbot.waitUntil(lambda: view.fit.getData()[0] is not None, timeout=2000)
    x, y = view.fit.getData()
    assert len(x) == 200 and np.isfinite(y).all()
    assert np.isnan(view.history.array("train_acc")).all()


def test_switching_views_pauses_the_hidden_training(panel, qtbot):
    view = panel.classification
    qtbot.mouseClick(view.transport.play_button, Qt.MouseButton.LeftButton)
    panel.views.setCurrentWidget(panel.softmax)
    qtbot.waitUntil(lambda: view.transport.play_button.text() == "Play", timeout=2000)
    assert not view.worker.is_playing


def test_softmax_explorer_numbers(panel, qtbot):
    ex = panel.softmax
    ex.class_count.setValue(4)
    ex.set_logits([3.0, -1.0, 0.5, 0.0])
    ex.target.setCurrentIndex(2)
    b = ex.breakdown
    assert b.loss_cross_entropy == pytest.approx(b.loss_logsoftmax_nll, abs=1e-12)
    assert b.probabilities.shape == (4,) and b.probabilities.argmax() == 0
    assert f"{b.loss_cross_entropy:.6f}" in ex.numbers.text()
    assert "NLLLoss(LogSoftmax(z), 2)" in ex.numbers.text()
    assert b.grad_ratio < 1
    heights = ex.bars.opts["height"]
    assert np.allclose(heights, b.probabilities)


def test_softmax_mistake_comparison_runs_off_the_ui_thread(panel, qtbot):
    ex = panel.softmax
    with qtbot.waitSignal(ex.runner.result_ready, timeout=30000):
        qtbot.mouseClick(ex.compare_button, Qt.MouseButton.LeftButton)
    _, correct = ex.correct_curve.getData()
    _, mistake = ex.mistake_curve.getData()
    assert len(correct) == 300 and mistake[-1] > correct[-1]
    assert ex.compare_button.isEnabled()


def test_shutdown_stops_the_worker_threads(qtbot):
    p = PlaygroundPanel()
    qtbot.addWidget(p)
    p.classification.worker.play()
    time.sleep(0.1)
    started = time.monotonic()
    p.shutdown()
    assert time.monotonic() - started < 5
    assert not p.classification.training.is_running
    assert not p.regression.training.is_running
