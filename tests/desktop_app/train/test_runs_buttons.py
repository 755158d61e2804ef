"""The runs list offers Resume only for a run that did not finish, and the Pause button
keeps its place when its text turns into Resume."""

from __future__ import annotations

from desktop_app.train.controls import TrainControls
from desktop_app.train.runs_list import RunsList
from tests.helpers.run_folders import make_run


def _select(runs: RunsList, name: str) -> None:
    tree = runs.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        item.setSelected(item.text(0) == name)


def test_resume_is_offered_only_for_runs_that_did_not_finish(qtbot, tmp_path):
    root = tmp_path / "runs"
    for name, state in (("done", "completed"), ("halted", "stopped"), ("broke", "failed")):
        path = make_run(root, name, status={"state": state, "message": ""})
        (path / "checkpoint.pt").write_bytes(b"not read by the list")
    runs = RunsList(lambda: root)
    qtbot.addWidget(runs)
    offered = {}
    for name in ("done", "halted", "broke"):
        _select(runs, name)
        offered[name] = runs.resume_button.isEnabled()
        assert runs.open_button.isEnabled()
    assert offered == {"done": False, "halted": True, "broke": True}


def test_pause_and_resume_take_the_same_place(qtbot):
    controls = TrainControls()
    qtbot.addWidget(controls)
    controls.show()
    controls.set_state("running")
    qtbot.wait(10)
    running = controls.pause_button.geometry()
    controls.set_state("paused")
    qtbot.wait(10)
    assert controls.pause_button.text() != "Pause"
    assert controls.pause_button.geometry() == running
    assert controls.stop_button.shortcut().toString() == "Ctrl+."
