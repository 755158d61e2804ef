"""The real program, started in a subprocess: a failed start leaves no process behind, and
every way of quitting during a training run ends the same clean way.

Everything is injected from the test side: a ``sitecustomize`` on PYTHONPATH breaks a tab
or drives the window; the app has no test hooks.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers.app_process import launch, quit_during_training
from tests.helpers.datasets import write_idx_dataset
from training_core.checkpoints import load_checkpoint
from training_core.runs import list_runs

pytestmark = pytest.mark.slow  # each case starts a fresh interpreter that imports torch

QT_COMPLAINTS = ("QThread", "QObject::", "Destroyed while", "QBasicTimer", "Traceback")

BREAK_A_TAB = """
import desktop_app.draw.panel as panel

def broken(self, *args, **kwargs):
    raise RuntimeError("the Draw tab cannot be built (injected by the test)")

panel.DrawPanel.__init__ = broken
"""


def test_a_failed_start_says_why_and_leaves_no_process(tmp_path):
    proc = launch(tmp_path, BREAK_A_TAB)
    try:
        out, err = proc.communicate(timeout=90)
    finally:
        proc.kill()
    assert proc.returncode == 1
    lines = err.strip().splitlines()
    assert lines and "cannot start: the Draw tab cannot be built" in lines[-1]
    assert "Traceback" not in err
    log = Path(os.environ["XDG_STATE_HOME"]) / "digit-lab" / "log" / "digit-lab.log"
    assert "RuntimeError: the Draw tab cannot be built" in log.read_text()


@pytest.mark.parametrize("way", ["close", "ctrl+q", "file-quit", "app-quit", "SIGINT", "SIGTERM"])
def test_every_way_of_quitting_during_training_is_clean(tmp_path, way):
    data = tmp_path / "data"
    write_idx_dataset(data, "MNIST", n_train=2000, n_test=100)
    proc, err, seconds = quit_during_training(tmp_path, way, data)
    assert proc.returncode == 0, err
    # A hang guard, not a speed target: bench/bench_quit.py measures the time per way.
    assert seconds < 10, f"took {seconds:.1f} s"
    assert not [c for c in QT_COMPLAINTS if c in err], err
    (run,) = list_runs(Path(os.environ["XDG_DATA_HOME"]) / "digit-lab" / "runs")
    status = json.loads((run.path / "status.json").read_text())
    assert status["state"] == "stopped", status
    assert load_checkpoint(run.checkpoint_path).epoch >= 1
