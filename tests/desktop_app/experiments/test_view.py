"""The Experiments view fed a recorded events stream (data/sweep_events.jsonl: a real
``digit-lab sweep --events`` of 6 trials, lr x optimizer on tiny synthetic digits): the
table fills live and sorts, one curve per trial, the scatter, and double-click opens a
trial's run in the Train tab. Fits a 1024x576 window."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.common import settings
from desktop_app.experiments.panel import ExperimentsPanel
from desktop_app.experiments.sweep_state import read_events_file
from desktop_app.experiments.table import SORT_ROLE
from training_core.config import TrainConfig
from training_core.runs import RunDirectory

RECORDED = Path(__file__).parent / "data" / "sweep_events.jsonl"


@pytest.fixture
def events() -> list[dict]:
    return read_events_file(RECORDED)


@pytest.fixture
def panel(qtbot, tmp_path):
    settings.set_runs_root(tmp_path / "runs")
    widget = ExperimentsPanel()
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def _column(panel, header: str) -> int:
    model = panel.table.proxy
    names = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    return names.index(header)


def _cells(panel, header: str) -> list:
    column = _column(panel, header)
    model = panel.table.proxy
    return [model.index(row, column).data(SORT_ROLE) for row in range(model.rowCount())]


def test_the_recording_is_a_real_sweep(events):
    kinds = [e["event"] for e in events]
    assert kinds[0] == "sweep_started" and kinds[-1] == "sweep_finished"
    assert kinds.count("trial_started") == kinds.count("trial_finished") == 6


def test_the_table_fills_as_events_arrive(panel, events):
    first_finished = next(i for i, e in enumerate(events) if e["event"] == "trial_finished")
    panel.apply_events(events[: first_finished + 2])  # mid-sweep: t01 done, t02 started
    assert panel.table.row_names() == ["t01", "t02"]
    assert _cells(panel, "Status") == ["completed", "running"]
    assert "1 of 6" in panel.status.text()
    panel.apply_events(events[first_finished + 2 :])
    assert panel.table.row_names() == [f"t0{i}" for i in range(1, 7)]
    assert set(_cells(panel, "Status")) == {"completed"}
    assert "6 of 6" in panel.status.text() and "finished" in panel.status.text()
    # Columns: the varied options, then the results; each cell from its trial's events.
    headers = [panel.table.proxy.headerData(i, Qt.Orientation.Horizontal) for i in range(7)]
    assert headers[2:4] == ["optimizer", "lr"]
    finished = {e["trial"]: e for e in events if e["event"] == "trial_finished"}
    for name, acc in zip(panel.table.row_names(), _cells(panel, "Test accuracy"), strict=True):
        assert acc == finished[name]["test_acc"]
    assert all(s > 0 for s in _cells(panel, "Time (s)"))


def test_sorting_by_accuracy_and_by_option(panel, qtbot, events):
    panel.apply_events(events)
    header = panel.table.horizontalHeader()
    column = _column(panel, "Test accuracy")
    panel.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    accs = _cells(panel, "Test accuracy")
    assert accs == sorted(accs, reverse=True) and accs[0] > accs[-1]
    assert header.sortIndicatorSection() == column
    panel.table.sortByColumn(_column(panel, "lr"), Qt.SortOrder.AscendingOrder)
    assert _cells(panel, "lr") == sorted(_cells(panel, "lr"))
    # A trial without a result yet sorts below every number.
    panel.apply_events([{"event": "trial_started", "trial": "t07", "config": {"lr": 5.0}}])
    panel.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert panel.table.row_names()[0] == "t07"


def test_one_curve_per_trial_and_the_scatter(panel, events):
    panel.apply_events(events[:8])
    panel.plots.redraw_now()
    assert len(panel.plots.curves) == len(panel.state.trials) == 2
    panel.apply_events(events[8:])
    panel.plots.redraw_now()
    curves = panel.plots.curves
    assert len(curves) == 6
    results = {}
    for e in events:
        if e["event"] == "trial_result":
            results.setdefault(e["trial"], []).append(100 * e["test_acc"])
    for name, curve in curves.items():
        assert list(curve.getData()[1]) == pytest.approx(results[name])
    legend = [text.text for _sample, text in panel.plots.legend.items]
    assert legend[0] == "optimizer=sgd, lr=0.01"
    # The scatter: lr on a log axis, one point per trial with a result.
    panel.plots.option.setCurrentText("lr")
    xs, ys, names, log_x = panel.plots.scatter_points()
    assert log_x and names is None and len(xs) == 6
    assert sorted(set(xs)) == pytest.approx([math.log10(v) for v in (0.01, 0.1, 1.0)])
    panel.plots.option.setCurrentText("optimizer")
    xs, ys, names, log_x = panel.plots.scatter_points()
    assert names == ["adam", "sgd"] and not log_x and sorted(set(xs)) == [0.0, 1.0]


def test_a_reopened_record_shows_the_same_trials(panel, tmp_path, events):
    trials = [
        {"trial": e["trial"], "run": Path(e["run"]).name, "config": e["config"],
         "status": "completed", "test_acc": 0.5, "test_loss": 1.0, "seconds": 2.0}
        for e in events if e["event"] == "trial_started"
    ]  # fmt: skip
    record = tmp_path / "runs" / "rec.sweep.json"
    record.parent.mkdir(parents=True)
    record.write_text(json.dumps({"name": "rec", "state": "completed", "trials": trials}))
    assert panel.open_sweep(record)
    assert panel.table.row_names() == [f"t0{i}" for i in range(1, 7)]
    (tmp_path / "bad.sweep.json").write_text("{")
    assert not panel.open_sweep(tmp_path / "bad.sweep.json")
    assert "not a sweep record" in panel.last_message
    assert panel.table.row_names() == [f"t0{i}" for i in range(1, 7)]  # still shown


def test_double_click_opens_the_trials_run_in_the_train_tab(qtbot, tmp_path, events):
    from desktop_app.main_window import MainWindow
    from tests.helpers.datasets import tiny_train_test
    from training_core.training import train

    settings.set_runs_root(tmp_path / "runs")
    window = MainWindow()
    qtbot.addWidget(window)
    # The recording's runs live on another machine: train one real run for trial t03.
    config = TrainConfig(model="softmax", epochs=1, batch_size=50, device="cpu")
    run = RunDirectory.open(tmp_path / "runs" / "rec-t03", config.to_dict())
    train(config, run_dir=run, data=tiny_train_test())
    for event in events:
        if "run" in event:
            moved = tmp_path / "elsewhere" / Path(event["run"]).name
            event["run"] = str(run.path if event["trial"] == "t03" else moved)
    panel = window.panels["Experiments"]
    window.show()
    qtbot.waitExposed(window)
    window.show_tab("Experiments")
    panel.apply_events(events)
    table = panel.table
    row = table.row_names().index("t03")
    rect = table.visualRect(table.proxy.index(row, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.train_panel
    assert window.train_panel.current_run == run.path
    assert window.train_panel.form.config().model == "softmax"
    # A trial whose run folder is not here: one line, the Train tab is left alone.
    window.show_tab("Experiments")
    assert not panel.open_trial(panel.state.trials["t01"])
    assert "t01" in panel.last_message and window.train_panel.current_run == run.path
    window.close()


def test_the_tab_fits_a_1024_by_576_window(panel, events):
    panel.apply_events(events)
    panel.resize(1024, 540)
    panel.show()
    hint = panel.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 540
    assert not panel.table.horizontalScrollBar().isVisible() or panel.table.width() > 300
