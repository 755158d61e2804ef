"""The real thing: the Experiments tab runs ``digit-lab sweep`` (local Ray) on a tiny IDX
dataset. Stop, and closing the window mid-sweep, end the sweep process and everything it
started, and the trial that had finished stays a completed run whose checkpoint loads.

Ray takes 30-120 s to start on a loaded 2-core machine, hence the longer time limit; one
trial of 1 epoch finishes at once, the other (many epochs) is still running when the test
stops the sweep.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.common import settings
from tests.helpers.datasets import write_idx_dataset
from training_core.checkpoints import load_checkpoint
from training_core.config import TrainConfig
from training_core.processes import pid_is_alive
from training_core.run_record import read_run

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(400),
    pytest.mark.skipif(os.name != "posix", reason="reads /proc, signals a process group"),
]
RAY_START_MS = 300_000


def _family(root: int) -> set[int]:
    """``root``, the processes in its session and all their descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    sessions: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        sessions[int(entry.name)] = int(fields[3])
    family = {root} | {pid for pid, sid in sessions.items() if sid == root}
    grew = True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return family


@pytest.fixture
def window(qtbot, tmp_path):
    from desktop_app.main_window import MainWindow

    write_idx_dataset(tmp_path / "data", "MNIST", n_train=300, n_test=100)
    settings.set_data_root(tmp_path / "data")
    settings.set_runs_root(tmp_path / "runs")
    win = MainWindow()
    qtbot.addWidget(win)
    win.links.train_config = lambda: TrainConfig(
        model="softmax", epochs=1, batch_size=50, lr=0.5, device="cpu"
    )
    yield win
    win.close()


@pytest.mark.parametrize("how", ["stop button", "close window"])
def test_stopping_keeps_the_finished_trial_and_leaves_no_process(window, qtbot, tmp_path, how):
    panel = window.panels["Experiments"]
    assert panel.editor.vary("epochs", "1, 500")
    ended = []
    panel.sweep_ended.connect(ended.append)
    assert panel.start()
    qtbot.waitUntil(lambda: panel.process.pid is not None, timeout=10_000)
    pid = panel.process.pid

    def first_finished() -> bool:
        return any(t.status == "completed" for t in panel.state.trials.values())

    qtbot.waitUntil(first_finished, timeout=RAY_START_MS)
    qtbot.waitUntil(lambda: len(panel.state.trials) == 2, timeout=60_000)
    family = _family(pid)
    assert len(family) > 1  # Ray's own processes run beside the driver
    assert panel.unfinished_work()
    if how == "stop button":
        panel.stop_button.click()
        qtbot.waitUntil(lambda: bool(ended), timeout=60_000)
        assert ended[0].exit_code == 130 and ended[0].stopped
        assert panel.state.state == "stopped" and "stopped" in panel.status.text()
        assert panel.start_button.isEnabled()
    else:
        window.close()  # the window's shutdown: stop, wait briefly, kill what is left
        assert not panel.is_running or not pid_is_alive(pid)
    assert not pid_is_alive(pid)
    qtbot.waitUntil(lambda: not any(pid_is_alive(p) for p in family), timeout=20_000)

    done = next(t for t in panel.state.trials.values() if t.config.get("epochs") == 1)
    record = read_run(done.run)
    assert record.state == "completed" and not record.problems
    assert load_checkpoint(Path(done.run) / "checkpoint.pt").epoch == 1
    unfinished = next(t for t in panel.state.trials.values() if t.config.get("epochs") == 500)
    if how == "stop button":
        assert read_run(unfinished.run).state == "stopped"
