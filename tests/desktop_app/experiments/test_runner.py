"""Following and stopping a sweep process, with stand-in processes that behave like
``digit-lab sweep`` (events appended line by line, Ctrl+C = stop and exit 130), a stubborn
one that ignores SIGINT and SIGTERM and leaves a child behind, and one that fails."""

from __future__ import annotations

import os
import sys
import textwrap
import time

import pytest

from desktop_app.common.workers import Worker
from desktop_app.experiments import runner
from desktop_app.experiments.runner import SweepProcess
from desktop_app.experiments.sweep_state import read_events_file
from training_core.processes import pid_is_alive

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals to a process group")

STAND_IN = textwrap.dedent(
    """
    import json, os, signal, subprocess, sys, time
    events, mode = sys.argv[1], sys.argv[2]

    def write(**line):
        with open(events, "a") as handle:
            handle.write(json.dumps(line) + "\\n")

    def stop(number, frame):
        write(event="sweep_finished", state="stopped", best="t01")
        sys.exit(130)

    if mode == "fail":
        print("digit-lab sweep: error: --grid 'lr=x': invalid learning rate", file=sys.stderr)
        sys.exit(1)
    if mode == "stubborn":
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        write(event="sweep_started", sweep="s", trials=2, child=child.pid)
    else:
        signal.signal(signal.SIGINT, stop)
        write(event="sweep_started", sweep="s", trials=2)
    write(event="trial_started", trial="t01", config={"lr": 0.1})
    write(event="trial_finished", trial="t01", status="completed", test_acc=0.9)
    if mode == "finish":
        write(event="sweep_finished", state="completed", best="t01")
        sys.exit(0)
    write(event="trial_started", trial="t02", config={"lr": 1.0})
    while True:
        time.sleep(0.05)
    """
)


def _run(qtbot, tmp_path, mode: str):
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN)
    events = tmp_path / "events.jsonl"
    process = SweepProcess(
        [sys.executable, str(script), str(events), mode], events, tmp_path / "stderr.txt"
    )
    worker = Worker(process, "test-sweep")
    seen: list[dict] = []
    outcomes: list = []
    worker.event.connect(seen.append)
    worker.done.connect(outcomes.append)
    worker.failed.connect(outcomes.append)
    worker.start()
    return process, worker, seen, outcomes


def test_events_arrive_in_order_and_the_exit_code_is_kept(qtbot, tmp_path):
    process, worker, seen, outcomes = _run(qtbot, tmp_path, "finish")
    qtbot.waitUntil(lambda: bool(outcomes), timeout=20_000)
    assert [e["event"] for e in seen] == [
        "sweep_started",
        "trial_started",
        "trial_finished",
        "sweep_finished",
    ]
    assert outcomes[0].exit_code == 0 and not outcomes[0].stopped


def test_stop_is_ctrl_c_and_the_sweep_ends_by_itself(qtbot, tmp_path):
    process, worker, seen, outcomes = _run(qtbot, tmp_path, "run")
    qtbot.waitUntil(lambda: any(e.get("trial") == "t02" for e in seen), timeout=20_000)
    worker.stop()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=20_000)
    outcome = outcomes[0]
    assert (outcome.exit_code, outcome.stopped) == (130, True)
    assert seen[-1] == {"event": "sweep_finished", "state": "stopped", "best": "t01"}
    assert not pid_is_alive(process.pid)


def test_a_sweep_that_ignores_stop_is_killed_with_everything_it_started(
    qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(runner, "INTERRUPT_GRACE_S", 0.5)
    monkeypatch.setattr(runner, "TERMINATE_GRACE_S", 0.5)
    process, worker, seen, outcomes = _run(qtbot, tmp_path, "stubborn")
    qtbot.waitUntil(lambda: any(e.get("trial") == "t02" for e in seen), timeout=20_000)
    child = seen[0]["child"]
    assert pid_is_alive(child)
    started = time.monotonic()
    worker.stop()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=20_000)
    assert 1.0 <= time.monotonic() - started < 10
    assert outcomes[0].exit_code == -9 and outcomes[0].stopped
    assert not pid_is_alive(process.pid)
    qtbot.waitUntil(lambda: not pid_is_alive(child), timeout=5_000)  # its child too


def test_a_refused_sweep_reports_its_one_line(qtbot, tmp_path):
    process, worker, seen, outcomes = _run(qtbot, tmp_path, "fail")
    qtbot.waitUntil(lambda: bool(outcomes), timeout=20_000)
    assert outcomes[0].exit_code == 1
    assert outcomes[0].error == "--grid 'lr=x': invalid learning rate"


def test_a_program_that_cannot_start_is_a_failure_not_a_hang(qtbot, tmp_path):
    events = tmp_path / "events.jsonl"
    process = SweepProcess([str(tmp_path / "no-such-program")], events, tmp_path / "err.txt")
    worker = Worker(process, "test-sweep")
    with qtbot.waitSignal(worker.failed, timeout=10_000) as failed:
        worker.start()
    assert "no-such-program" in failed.args[0]


@pytest.fixture
def panel_with_stand_in(qtbot, tmp_path, monkeypatch):
    """The Experiments tab whose Start runs the stand-in instead of ``digit-lab sweep``."""
    from desktop_app.common import settings
    from desktop_app.experiments import panel as panel_module

    settings.set_runs_root(tmp_path / "runs")
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN)
    mode = {"value": "run"}

    def stand_in_argv(*, events, **_options):
        return [sys.executable, str(script), str(events), mode["value"]]

    monkeypatch.setattr(panel_module, "sweep_argv", stand_in_argv)
    widget = panel_module.ExperimentsPanel()
    qtbot.addWidget(widget)
    widget.editor.vary("lr", "0.1, 1")
    yield widget, mode
    widget.shutdown()


def test_the_stop_button_stops_the_sweep_and_keeps_what_finished(qtbot, panel_with_stand_in):
    panel, _mode = panel_with_stand_in
    ended = []
    panel.sweep_ended.connect(ended.append)
    panel.start_button.click()
    assert panel.is_running and not panel.start_button.isEnabled()
    assert panel.unfinished_work() == "A sweep"
    qtbot.waitUntil(lambda: "t02" in panel.state.trials, timeout=20_000)
    assert panel.stop_button.isEnabled()
    panel.stop_button.click()
    qtbot.waitUntil(lambda: not panel.is_running, timeout=20_000)
    assert ended[0].exit_code == 130
    assert panel.table.row_names() == ["t01", "t02"]
    assert panel.state.trials["t01"].status == "completed"
    assert panel.state.state == "stopped" and "stopped" in panel.status.text()
    assert panel.start_button.isEnabled() and not panel.stop_button.isEnabled()
    assert not pid_is_alive(panel.process.pid)


def test_a_refused_sweep_is_one_line_in_the_window(qtbot, panel_with_stand_in):
    panel, mode = panel_with_stand_in
    mode["value"] = "fail"
    assert panel.start()
    qtbot.waitUntil(lambda: not panel.is_running, timeout=20_000)
    assert panel.last_message == "The sweep failed: --grid 'lr=x': invalid learning rate"


def test_closing_kills_a_sweep_that_will_not_stop(qtbot, panel_with_stand_in, monkeypatch):
    from desktop_app.experiments import panel as panel_module

    panel, mode = panel_with_stand_in
    mode["value"] = "stubborn"
    monkeypatch.setattr(panel_module, "SHUTDOWN_SWEEP_S", 1.0)
    assert panel.start()
    qtbot.waitUntil(lambda: "t02" in panel.state.trials, timeout=20_000)
    child = read_events_file(panel.process.events)[0]["child"]
    started = time.monotonic()
    panel.shutdown()
    assert time.monotonic() - started < 6
    assert not pid_is_alive(panel.process.pid)
    qtbot.waitUntil(lambda: not pid_is_alive(child), timeout=5_000)


def test_train_settings_that_cannot_run_are_one_line_before_any_process(qtbot, panel_with_stand_in):
    from training_core.config import TrainConfig

    panel, _mode = panel_with_stand_in
    panel.links.train_config = lambda: TrainConfig(model="softmax-scratch", optimizer="adam")
    assert not panel.start()
    assert panel.process is None and not panel.is_running
    assert "softmax-scratch" in panel.last_message and "\n" not in panel.last_message
