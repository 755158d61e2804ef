"""The sweep's events folded into one state; the events file followed line by line; a sweep
record reopened, and refused in one line when it is not one (hostile files)."""

from __future__ import annotations

import json

import pytest

from desktop_app.experiments.sweep_state import (
    EventsTail,
    SweepState,
    parse_line,
    read_events_file,
    state_from_record,
)
from training_core.config import TrainConfig
from training_core.runs import RunDirectory
from training_core.safe_files import SafeFileError


def _config(**values) -> dict:
    return TrainConfig(model="softmax", epochs=2, **values).to_dict()


def _events() -> list[dict]:
    return [
        {"event": "sweep_started", "sweep": "s", "record": "/r/s.sweep.json", "trials": 3},
        {"event": "trial_started", "trial": "t01", "run": "/r/s-t01", "config": _config(lr=0.01)},
        {"event": "trial_started", "trial": "t02", "run": "/r/s-t02", "config": _config(lr=1.0)},
        {"event": "trial_result", "trial": "t01", "epoch": 1, "epochs": 2, "test_acc": 0.5,
         "test_loss": 1.2, "elapsed": 1.5},
        {"event": "trial_result", "trial": "t01", "epoch": 2, "epochs": 2, "test_acc": 0.7,
         "test_loss": 0.9, "elapsed": 3.0},
        {"event": "trial_finished", "trial": "t01", "run": "/r/s-t01", "status": "completed",
         "test_acc": 0.7, "test_loss": 0.9, "seconds": 3.1},
        {"event": "trial_failed", "trial": "t02", "run": None, "error": "the loss exploded"},
    ]  # fmt: skip


def test_events_fold_into_trials_with_curves_status_and_varied_options():
    state = SweepState()
    assert all(state.apply(event) for event in _events())
    assert list(state.trials) == ["t01", "t02"]
    first, second = state.trials["t01"], state.trials["t02"]
    assert (first.status, first.epochs, first.accuracies) == ("completed", [1, 2], [0.5, 0.7])
    assert (first.test_acc, first.test_loss, first.seconds) == (0.7, 0.9, 3.1)
    assert (second.status, second.error, second.run) == ("failed", "the loss exploded", "/r/s-t02")
    assert state.varied() == ["lr"]  # the only option whose value differs
    assert state.label(first) == "lr=0.01"
    assert state.finished_count() == 2 and state.total == 3
    assert state.best_trial() is first
    assert state.apply({"event": "sweep_finished", "state": "stopped", "best": "t01"})
    assert state.state == "stopped"


@pytest.mark.parametrize(
    "event",
    [
        None,
        [],
        {"event": "trial_result"},  # no trial
        {"event": "trial_started", "trial": 7},
        {"event": "who_knows", "trial": "t09"},
    ],
)
def test_unusable_events_are_ignored(event):
    state = SweepState()
    assert not state.apply(event)
    assert state.trials == {} and state.state == "idle"


def test_odd_numbers_never_reach_the_view():
    state = SweepState()
    state.apply({"event": "trial_started", "trial": "t1", "config": {}})
    for bad in ("0.9", float("nan"), True, None, float("inf")):
        state.apply({"event": "trial_result", "trial": "t1", "epoch": 1, "test_acc": bad})
    assert state.trials["t1"].accuracies == [] and state.trials["t1"].test_acc is None


def test_lines_that_are_not_events_are_skipped():
    assert parse_line('{"event": "trial_started", "trial": "t1"}') == {
        "event": "trial_started",
        "trial": "t1",
    }
    for line in ("", "not json", "[1, 2]", '{"no": "event"}', '{"event": 1' + " " * 10):
        assert parse_line(line) is None


def test_the_tail_reads_only_whole_new_lines(tmp_path):
    path = tmp_path / "events.jsonl"
    tail = EventsTail(path)
    assert tail.read() == []  # no file yet: no news
    first = json.dumps({"event": "trial_started", "trial": "t1"})
    path.write_text(first + "\n" + first[:10])  # the second line is still being written
    assert [e["trial"] for e in tail.read()] == ["t1"]
    with open(path, "a") as handle:
        handle.write(first[10:] + "\ngarbage\n")
    assert [e["trial"] for e in tail.read()] == ["t1"]
    assert tail.read() == []


def test_a_recorded_file_replays(tmp_path):
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in _events()) + "\n")
    assert read_events_file(path) == _events()


def _record(tmp_path, trials) -> dict:
    return {
        "version": 1,
        "name": "s",
        "state": "completed",
        "grid": {"lr": [0.01, 1.0]},
        "random": {},
        "trials": trials,
        "best": "t01",
    }


def test_a_finished_sweep_reopens_from_its_record_with_each_runs_curve(tmp_path):
    run = RunDirectory.open(tmp_path / "s-t01", _config(lr=0.01))
    row = {"epoch": 1, "train_loss": 1.0, "train_acc": 0.5, "test_loss": 1.1, "test_acc": 0.6}
    run.write_metrics([row, {**row, "epoch": 2, "test_acc": 0.8}])
    trials = [
        {"trial": "t01", "run": "s-t01", "config": _config(lr=0.01), "status": "completed",
         "test_acc": 0.8, "test_loss": 0.5, "seconds": 2.0},
        {"trial": "t02", "run": "../../etc", "config": _config(lr=1.0), "status": "diverged",
         "test_acc": None, "test_loss": None, "seconds": 1.0},
        "not a trial",
    ]  # fmt: skip
    path = tmp_path / "s.sweep.json"
    path.write_text(json.dumps(_record(tmp_path, trials)))
    state = state_from_record(path)
    assert list(state.trials) == ["t01", "t02"]
    assert state.trials["t01"].accuracies == [0.6, 0.8]
    assert state.trials["t01"].run == str(tmp_path / "s-t01")
    assert state.trials["t02"].run == ""  # a path out of the runs folder is not followed
    assert state.trials["t02"].status == "diverged"
    assert state.varied() == ["lr"] and state.best == "t01"


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "not a sweep record"),
        (b"{not json", "not a sweep record"),
        (b'{"trials": 3}', "no list of trials"),
        (b"[1, 2, 3]", "no list of trials"),
        (b'{"trials": []}\x00\x00', "NUL"),
        (b'{"trials": ["\xff\xfe"]}', "not UTF-8"),
    ],
)
def test_a_damaged_record_is_one_line(tmp_path, content, words):
    path = tmp_path / "bad.sweep.json"
    path.write_bytes(content)
    with pytest.raises(SafeFileError) as caught:
        state_from_record(path)
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_a_huge_record_or_a_folder_is_refused(tmp_path, monkeypatch):
    from desktop_app.experiments import sweep_state

    monkeypatch.setattr(sweep_state, "MAX_RECORD_BYTES", 100)
    path = tmp_path / "big.sweep.json"
    path.write_text(json.dumps(_record(tmp_path, [{"trial": "t01"}] * 20)))
    with pytest.raises(SafeFileError, match="larger than"):
        state_from_record(path)
    with pytest.raises(SafeFileError):
        state_from_record(tmp_path)


def test_a_damaged_record_is_told_in_the_window_language(qapp, tmp_path):
    """Chinese mode: the refusal goes through Qt translation, not an English f-string."""
    from PySide6.QtCore import QTranslator

    class Marking(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return f"译:{source}" if context == "SweepState" else None

    translator = Marking()
    qapp.installTranslator(translator)
    try:
        for content in (b"{not json", b'{"trials": 3}'):
            path = tmp_path / "bad.sweep.json"
            path.write_bytes(content)
            with pytest.raises(SafeFileError, match=r"^译:bad\.sweep\.json: not a sweep record"):
                state_from_record(path)
    finally:
        qapp.removeTranslator(translator)
