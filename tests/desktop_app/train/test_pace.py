"""The pace menu and Step one batch: a teacher slows training down to talk over it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.common import settings
from desktop_app.train.controls import PACES, TrainControls
from desktop_app.train.panel import TrainPanel
from training_core.config import TrainConfig
from training_core.control import MAX_PACE_S


@pytest.fixture
def panel(qtbot, tmp_path, tiny_digits):
    settings.set_runs_root(tmp_path / "runs")
    widget = TrainPanel()
    qtbot.addWidget(widget)
    widget.data_override = tiny_digits
    widget.report_every = 8  # once an epoch, unless someone is watching
    widget.form.set_config(
        TrainConfig(model="softmax", epochs=50, batch_size=50, lr=0.5, device="cpu")
    )
    yield widget
    widget.shutdown()


def test_pace_menu_reads_at_a_glance_and_step_waits_for_a_pause(qtbot):
    controls = TrainControls()
    qtbot.addWidget(controls)
    names = [controls.pace.itemText(i) for i in range(controls.pace.count())]
    assert names[0] == "Full speed" and names[-1] == "1 batch per second"
    assert [seconds for seconds, _ in PACES] == sorted(seconds for seconds, _ in PACES)
    assert PACES[-1][0] == MAX_PACE_S  # the slowest the core keeps
    assert controls.pace_seconds == 0.0
    with qtbot.waitSignal(controls.pace_changed) as changed:
        controls.pace.setCurrentIndex(controls.pace.count() - 1)
    assert changed.args == [1.0]
    assert controls.pace.accessibleName()
    for state, enabled in (("idle", False), ("running", False), ("paused", True)):
        controls.set_state(state)
        assert controls.step_button.isEnabled() is enabled
        assert controls.pace.isEnabled()  # changeable before and during a run


def test_step_shortcut_clashes_with_nothing_in_the_window(qtbot, tmp_path):
    from desktop_app.main_window import MainWindow

    settings.set_runs_root(tmp_path / "runs")
    window = MainWindow()
    qtbot.addWidget(window)
    controls = window.train_panel.controls
    buttons = (
        controls.start_button,
        controls.pause_button,
        controls.stop_button,
        controls.step_button,
    )
    ours = [button.shortcut() for button in buttons]
    assert controls.step_button.shortcut() == QKeySequence("Ctrl+Shift+P")
    assert len(set(s.toString() for s in ours)) == len(ours)
    menus = {s.toString() for a in window.findChildren(QAction) for s in a.shortcuts()}
    assert not menus & {s.toString() for s in ours}
    window.close()


def test_pace_set_before_and_changed_during_a_run_reaches_the_loop(panel, qtbot):
    panel.controls.pace.setCurrentIndex(len(PACES) - 1)  # one batch per second
    with qtbot.waitSignal(panel.run_started, timeout=20_000):
        assert panel.start()
    assert panel.session.control.pace == 1.0
    # Paced: every batch is reported although report_every is a whole epoch.
    qtbot.waitUntil(lambda: panel.plots.batch_points >= 1, timeout=10_000)
    assert panel.plots.batch_points < 8
    panel.controls.pace.setCurrentIndex(2)
    assert panel.session.control.pace == PACES[2][0]
    # Stop during a paced wait: the run ends at once, not after the pace.
    panel.controls.pace.setCurrentIndex(len(PACES) - 1)
    with qtbot.waitSignal(panel.run_finished, timeout=5_000) as finished:
        panel.stop()
    assert finished.args[0] == "stopped"


def test_step_one_batch_while_paused(panel, qtbot):
    with qtbot.waitSignal(panel.epoch_finished, timeout=20_000):
        panel.start()
    panel.pause()
    assert not panel.controls.pause_button.text() == "Pause"
    assert panel.controls.step_button.isEnabled()
    qtbot.wait(300)  # batches already under way arrive; then the loop blocks
    seen = panel.plots.batch_points
    for steps in (1, 2):
        panel.controls.step_button.click()
        qtbot.waitUntil(lambda n=steps: panel.plots.batch_points == seen + n, timeout=5_000)
        qtbot.wait(300)
        assert panel.plots.batch_points == seen + steps  # exactly one batch per step
        assert panel.controls.state == "paused"
        assert "Paused after epoch" in panel.controls.status.text()
    panel.resume()
    assert not panel.controls.step_button.isEnabled()
    with qtbot.waitSignal(panel.run_finished, timeout=20_000):
        panel.stop()


def test_buttons_stay_put_and_the_progress_text_fits_a_narrow_side_panel(qtbot):
    """At 1024x576 the side panel is ~310 px: the status growing to two lines once moved
    Start / Pause / Step up under the pointer, and the progress text was cut."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget

    from training_core.events import BatchReport, TrainStarted

    side = QWidget()  # as in the Train tab: the settings scroll above, the controls below
    qtbot.addWidget(side)
    layout = QVBoxLayout(side)
    layout.addWidget(QScrollArea(side), 1)
    controls = TrainControls(side)
    layout.addWidget(controls)
    side.resize(310, 470)
    side.show()
    qtbot.waitExposed(side)
    controls.show_status("Ready.")
    QApplication.processEvents()

    def where() -> tuple:
        return tuple(
            b.mapTo(side, QPoint(0, 0)).y() for b in (controls.pause_button, controls.step_button)
        )

    before = where()
    controls.show_status("Paused after epoch 1, batch 14 (loss 0.6562). Step one batch, or Resume.")
    QApplication.processEvents()
    assert controls.status.heightForWidth(controls.status.width()) > (
        controls.status.fontMetrics().lineSpacing()
    )  # the text does take two lines at this width
    assert where() == before

    info = TrainStarted("cpu", 60_000, 10_000, 235, 0, 5, 7_850)
    report = BatchReport(1, 14, 235, 0.65, 0.8, 14 * 256, 23_956.0)
    controls.show_progress(info, report)
    shown = controls.progress.format()
    room = controls.progress.contentsRect().width()
    assert controls.progress.fontMetrics().horizontalAdvance(shown) <= room
    assert shown.startswith("Epoch 1/5 · batch 14/235") and "ETA" in shown
    assert "samples/s" in controls.progress.toolTip()  # the whole line, on hover
    side.resize(900, 470)  # a wide panel has room for all of it
    QApplication.processEvents()
    controls.show_progress(info, report)
    assert "23,956 samples/s" in controls.progress.format()


def test_the_eta_follows_a_pace_chosen_during_the_run(qtbot, monkeypatch):
    """After full speed, one batch a second: the average speed since the start promised
    about a minute where eight remained."""
    from desktop_app.train import controls as controls_module
    from training_core.events import BatchReport, TrainStarted

    info = TrainStarted("cpu", 6400, 1000, 100, 0, 5, 7850)  # 500 batches in all
    controls = TrainControls()
    qtbot.addWidget(controls)
    controls.progress.setFixedWidth(900)  # room for the whole text
    clock = [0.0]
    monkeypatch.setattr(controls_module.time, "monotonic", lambda: clock[0])
    for batch in range(1, 21):  # at full speed: 100 batches in the first second
        clock[0] = batch * 0.01
        controls.show_progress(info, BatchReport(1, batch, 100, 0.5, 0.9, batch * 64, 6400.0))
    for batch in range(21, 41):  # then the teacher picks one batch a second
        clock[0] += 1.0
        controls.show_progress(info, BatchReport(1, batch, 100, 0.5, 0.9, batch * 64, 3000.0))
    text = controls.progress.format()
    assert "ETA 7:4" in text or "ETA 7:5" in text or "ETA 8:0" in text, text  # 460 s left
    assert controls_module.recent_eta([(0.0, 10), (5.0, 15)], 100) == 100.0
    assert controls_module.recent_eta([(0.0, 10)], 100) is None
