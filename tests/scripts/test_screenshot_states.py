"""scripts/screenshot_states.py: each tab of a real window reaches a state worth showing
in the README figures, driven from outside the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.common import settings
from desktop_app.main_window import MainWindow
from scripts.screenshot_states import (
    PREPARE,
    prepare_draw,
    prepare_image_tools,
    prepare_playground,
    prepare_train,
    synthetic_digits,
)

APP = Path(__file__).resolve().parents[2] / "desktop_app"


@pytest.fixture
def window(qtbot, tmp_path):
    settings.set_runs_root(tmp_path / "runs")
    settings.set_data_root(tmp_path / "no-mnist")  # no MNIST: synthetic digits instead
    win = MainWindow()
    qtbot.addWidget(win)
    yield win
    win.close()


def test_every_tab_has_a_state_and_the_app_has_no_hooks(window):
    assert set(PREPARE) == set(window.panels)
    hooks = [p for p in APP.rglob("*.py") if "prepare_screenshot" in p.read_text()]
    assert hooks == []


def test_synthetic_digits_are_mnist_shaped():
    train, test = synthetic_digits()
    assert tuple(train.images.shape) == (6000, 28, 28)
    assert tuple(test.images.shape) == (1000, 28, 28)
    assert set(train.labels.tolist()) == set(range(10))


def test_train_trains_a_short_run_when_none_exists_then_shows_it(window, qtbot):
    panel = window.panels["Train"]
    ready = prepare_train(window)
    assert window.tabs.currentWidget() is panel
    qtbot.waitUntil(ready, timeout=60_000)
    assert panel.results.results is not None
    assert len(panel.plots.history) == 3
    run = panel.current_run

    ready = prepare_train(window)  # now a finished run exists: it is opened, not retrained
    qtbot.waitUntil(ready, timeout=30_000)
    assert not panel.is_training
    assert panel.current_run == run
    assert len(panel.plots.history) == 3


def test_draw_shows_a_real_prediction(window, qtbot):
    panel = window.panels["Draw"]
    ready = prepare_draw(window)
    assert window.tabs.currentWidget() is panel
    qtbot.waitUntil(ready, timeout=5000)
    assert panel.last_prediction.class_name == "3"


def test_image_tools_reaches_a_ready_state(window, qtbot):
    panel = window.panels["Image tools"]
    ready = prepare_image_tools(window)
    assert window.tabs.currentWidget() is panel
    qtbot.waitUntil(ready, timeout=10_000)
    assert panel.source.name == "coins"
    assert [s.op_name for s in panel.processed.steps] == ["clahe"]


def test_playground_trains_then_pauses(window, qtbot):
    panel = window.panels["Playground"]
    ready = prepare_playground(window, epochs=20, seconds=20.0)
    assert window.tabs.currentWidget() is panel
    assert panel.views.currentWidget() is panel.classification
    qtbot.waitUntil(ready, timeout=30_000)
    view = panel.classification
    assert view.history.values["epoch"][-1] >= 20
    assert not view.transport.play_button.isChecked()
