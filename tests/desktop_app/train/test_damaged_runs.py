"""Damaged, killed and foreign run folders in the app: the window starts, the runs list
says what is wrong with each, and opening or comparing one never raises."""

from __future__ import annotations

from desktop_app.common import settings
from desktop_app.main_window import MainWindow
from desktop_app.train.runs_list import STATE_COLUMN
from tests.helpers.run_folders import ROW, make_run
from training_core.runs import RunDirectory


def test_window_starts_and_lists_damaged_runs_with_their_reason(qtbot, tmp_path):
    root = tmp_path / "runs"
    make_run(root, "good")
    make_run(root, "status-list", status=["completed"])
    make_run(root, "string-metric", rows=({**ROW, "test_acc": "high"},))
    make_run(root, "config-list", config=[1, 2])
    make_run(root, "killed", status={"state": "running", "message": "epoch 1 of 2"})
    (root / "just-a-folder").mkdir()
    settings.set_runs_root(root)

    window = MainWindow()
    qtbot.addWidget(window)
    panel = window.train_panel
    tree = panel.runs.tree
    rows = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
    }
    assert set(rows) == {"good", "status-list", "string-metric", "config-list", "killed"}
    assert rows["good"].text(STATE_COLUMN) == "Completed"
    assert rows["killed"].text(STATE_COLUMN) == "Interrupted"
    for name in ("status-list", "string-metric", "config-list"):
        assert rows[name].text(STATE_COLUMN) == "Damaged"
        assert rows[name].toolTip(STATE_COLUMN)  # the reason, on hover

    assert panel.open_run(root / "string-metric")  # the usable part is shown
    assert "damaged" in panel.controls.status.text()
    assert not panel.open_run(root / "config-list")
    assert "config.json" in panel.last_message
    panel.compare_run(root / "status-list")
    panel.compare_run(root / "config-list")
    assert panel.open_run(root / "good")
    window.close()


def test_a_run_that_fails_before_its_first_epoch_leaves_no_folder(qtbot, tmp_path):
    from desktop_app.train.worker import TrainJob
    from training_core.config import default_config
    from training_core.control import Control

    run = RunDirectory.create(tmp_path / "runs", default_config("softmax").to_dict())
    job = TrainJob(default_config("softmax"), run_dir=run, data_root=str(tmp_path / "none"))
    try:
        job(Control(), lambda event: None)
    except Exception as exc:
        assert "not found" in str(exc)
    else:
        raise AssertionError("training without data must fail")
    assert not run.path.exists()
