"""The Train tab's "Find learning rate…" button: the range test runs off the UI thread with
progress, its curve and suggestion are shown, and "Use this rate" fills the form."""

from __future__ import annotations

import math

import pytest
from PySide6.QtWidgets import QPushButton

from desktop_app.common import settings
from desktop_app.train.lr_finder_dialog import LRFinderDialog
from desktop_app.train.panel import TrainPanel
from training_core.config import TrainConfig
from training_core.runs import list_runs


@pytest.fixture
def panel(qtbot, tmp_path, tiny_digits):
    settings.set_runs_root(tmp_path / "runs")
    widget = TrainPanel()
    qtbot.addWidget(widget)
    widget.data_override = tiny_digits
    widget.form.set_config(
        TrainConfig(model="softmax", epochs=1, batch_size=50, lr=0.5, seed=0, device="cpu")
    )
    yield widget
    widget.shutdown()


def _click_find(panel) -> LRFinderDialog:
    button = panel.findChild(QPushButton, "lr_finder_button")
    assert button is not None and button.isEnabled()
    button.click()
    dialog = panel.lr_finder
    assert isinstance(dialog, LRFinderDialog)
    return dialog


def test_the_suggestion_goes_into_the_forms_learning_rate(panel, qtbot, tmp_path):
    dialog = _click_find(panel)
    qtbot.waitUntil(lambda: dialog.result is not None or bool(dialog.error), timeout=30_000)
    assert not dialog.error
    result = dialog.result
    assert dialog.progress.value() == dialog.progress.maximum()
    suggestion = dialog.suggestion
    assert suggestion is not None and 1e-5 < suggestion < 10
    # The curve is drawn on a log x axis with the suggestion marked on it.
    assert len(dialog.curve.getData()[0]) == len(result.lrs) >= 10
    assert dialog.marker.isVisible()
    assert dialog.marker.value() == pytest.approx(math.log10(suggestion))
    assert dialog.use_button.isEnabled()
    assert panel.form.lr.value() == 0.5
    dialog.use_button.click()
    assert panel.form.lr.value() == pytest.approx(suggestion, abs=1e-5)  # 5 decimals shown
    assert panel.form.config().lr == pytest.approx(suggestion, abs=1e-5)
    assert not dialog.isVisible()
    assert list_runs(tmp_path / "runs") == []  # the test touched no run


def test_cancel_stops_the_test_and_leaves_the_form_alone(panel, qtbot):
    dialog = _click_find(panel)
    dialog.cancel_button.click()
    assert dialog.worker.wait(10), "the range test kept running after Cancel"
    assert not dialog.isVisible()
    assert panel.form.lr.value() == 0.5


def test_settings_the_test_cannot_use_are_one_line_and_no_dialog(panel):
    panel.form.set_config(
        TrainConfig(model="softmax-scratch", optimizer="adam", epochs=1, device="cpu")
    )
    button = panel.findChild(QPushButton, "lr_finder_button")
    button.click()
    assert getattr(panel, "lr_finder", None) is None
    assert "softmax-scratch" in panel.last_message
    assert "\n" not in panel.last_message
