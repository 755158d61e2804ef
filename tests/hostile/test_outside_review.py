"""Failures an adversarial review found after issues 11 and 12 landed, each reproduced."""

from __future__ import annotations

import json
import logging
import os
import sys
import threading

import numpy as np
import pytest

from desktop_app import cli as app_cli
from desktop_app.app import display_problem
from tests.helpers.datasets import idx_bytes, write_idx_dataset, write_split_files
from training_core import app_log, cli, preferences
from training_core.runs import RunDirectory, list_runs, resolve_runs_root

ROW = dict(epoch=1, train_loss=0.5, train_acc=0.8, test_loss=0.4, test_acc=0.85)
CONFIG = {"model": "softmax", "dataset": "mnist", "epochs": 2}


def make_run(root, name, rows=(ROW,), status=None):
    path = root / name
    path.mkdir(parents=True)
    (path / "config.json").write_text(json.dumps(CONFIG))
    (path / "metrics.jsonl").write_text(
        "".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n"
    )
    (path / "status.json").write_text(json.dumps(status or {"state": "completed"}))
    return path


def read_with_a_deadline(path, seconds=20):
    """read the run in a thread, so a hang fails the test instead of stalling the suite."""
    result = []
    thread = threading.Thread(
        target=lambda: result.append(RunDirectory(path).inspect()), daemon=True
    )
    thread.start()
    thread.join(seconds)
    assert result, f"reading {path.name} did not finish in {seconds} s"
    return result[0]


def test_a_400_digit_integer_in_metrics_is_damage_not_a_crash(tmp_path):
    run = make_run(
        tmp_path,
        "big",
        rows=[
            '{"epoch": 1, "train_loss": 1'
            + "0" * 400
            + ', "train_acc": 0.5, "test_loss": 1, "test_acc": 0.5}'
        ],
    )
    record = read_with_a_deadline(run)
    assert record.damaged and "metrics.jsonl" in record.reason


def test_a_huge_pid_in_status_reads_as_interrupted(tmp_path):
    from training_core.processes import process_identity

    owner = {**process_identity(), "pid": 10**23}
    run = make_run(tmp_path, "pid", status={"state": "running", "owner": owner})
    assert read_with_a_deadline(run).status["state"] == "interrupted"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_or_dev_zero_in_a_run_folder_never_blocks(tmp_path):
    run = make_run(tmp_path, "odd")
    (run / "config.json").unlink()
    os.mkfifo(run / "config.json")
    (run / "metrics.jsonl").unlink()
    (run / "metrics.jsonl").symlink_to("/dev/zero")
    record = read_with_a_deadline(run)
    assert record.damaged and "regular file" in record.reason
    assert [r.name for r in list_runs(tmp_path)] == ["odd"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_as_preferences_gives_the_defaults(tmp_path, caplog):
    path = preferences.preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    with caplog.at_level(logging.WARNING):
        assert preferences.load() == preferences.Preferences()
    assert "regular file" in caplog.text


@pytest.fixture
def data_root(tmp_path):
    write_idx_dataset(tmp_path / "data", "MNIST", n_train=200, n_test=50)
    return tmp_path / "data"


def train_one_epoch(data_root, out) -> None:
    """A real run folder to work on: one epoch of softmax regression into ``out``."""
    argv = ["train", "--model", "softmax", "--epochs", "1", "--data-root", str(data_root)]
    assert cli.main([*argv, "--out", str(out)]) == 0


def test_resuming_a_copied_checkpoint_never_writes_beside_it(data_root, tmp_path, capsys):
    train_one_epoch(data_root, tmp_path / "run")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    (downloads / "model.pt").write_bytes((tmp_path / "run" / "checkpoint.pt").read_bytes())
    (downloads / "config.json").write_text('{"my": "own precious config"}')
    assert (
        cli.main(
            [
                "train",
                "--resume",
                str(downloads / "model.pt"),
                "--epochs",
                "2",
                "--data-root",
                str(data_root),
            ]
        )
        == 0
    )
    assert sorted(p.name for p in downloads.iterdir()) == ["config.json", "model.pt"]
    assert (downloads / "config.json").read_text() == '{"my": "own precious config"}'
    (new_run,) = list_runs(resolve_runs_root())
    assert RunDirectory(new_run.path).read_status()["state"] == "completed"


def test_overwrite_keeps_the_old_run_when_the_new_one_cannot_start(data_root, tmp_path, capsys):
    out = tmp_path / "victim"
    train_one_epoch(data_root, out)
    before = sorted(p.name for p in out.iterdir())
    args = ["train", "--model", "softmax", "--epochs", "1", "--out", str(out), "--overwrite"]
    assert cli.main([*args, "--data-root", str(tmp_path / "nowhere")]) == 1
    assert "not found" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == before


def test_eval_json_of_a_test_set_without_some_classes_is_strict_json(data_root, tmp_path, capsys):
    out = tmp_path / "run"
    train_one_epoch(data_root, out)
    images = np.zeros((20, 28, 28), np.uint8)
    write_split_files(data_root, False, idx_bytes(images), idx_bytes(np.full(20, 3, np.uint8)))
    capsys.readouterr()
    assert (
        cli.main(["eval", str(out / "checkpoint.pt"), "--data-root", str(data_root), "--json"]) == 0
    )
    result = json.loads(capsys.readouterr().out, parse_constant=pytest.fail)
    assert result["per_class_accuracy"][0] is None and result["per_class_accuracy"][3] >= 0


def test_no_log_folder_means_no_traceback_on_the_terminal(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    assert app_log.configure() is None
    try:
        raise ValueError("hidden")
    except ValueError:
        logging.getLogger("x").exception("details")
    err = capsys.readouterr().err
    assert "no log file" in err and "Traceback" not in err


def test_ctrl_c_while_loading_is_one_line(monkeypatch, capsys):
    def interrupted(argv):
        raise KeyboardInterrupt

    monkeypatch.setattr(app_cli, "_main", interrupted)
    assert app_cli.main(["train"]) == 130
    assert capsys.readouterr().err == "digit-lab: interrupted\n"


@pytest.mark.parametrize(
    "env, says",
    [
        ({}, "no display"),
        ({"DISPLAY": ":4242"}, "no X server is running on display :4242"),
        ({"QT_QPA_PLATFORM": "offscreen"}, None),
        ({"WAYLAND_DISPLAY": "wayland-0"}, None),
        ({"DISPLAY": "remote.example:0"}, None),
    ],
)
def test_a_missing_display_is_found_before_qt_aborts(env, says):
    problem = display_problem(env, "linux")
    assert (problem is None) if says is None else (says in problem)
    assert display_problem(env, "darwin") is None and display_problem(env, "win32") is None


def test_an_unprintable_file_name_is_escaped_not_an_internal_error(capsys, tmp_path):
    name = str(tmp_path / "bad\udcffname.png")
    assert cli.main(["predict", "bundled", name]) == 1
    assert "internal error" not in capsys.readouterr().err
    assert sys.stderr is not None


def test_a_sparse_weight_is_refused_without_torchs_warning(base_file, tmp_path):
    import warnings

    import torch

    from tests.helpers.checkpoint_files import read_payload
    from training_core.checkpoints import CheckpointError, load_checkpoint

    payload = read_payload(base_file)
    name = next(iter(payload["state_dict"]))
    payload["state_dict"][name] = payload["state_dict"][name].to_sparse()
    torch.save(payload, tmp_path / "sparse.pt")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(CheckpointError):
            load_checkpoint(tmp_path / "sparse.pt")
    assert not seen


def test_a_history_longer_than_any_run_is_refused_quickly(base_file, tmp_path):
    import torch

    from tests.helpers.checkpoint_files import read_payload
    from training_core.checkpoints import CheckpointError, load_checkpoint

    payload = read_payload(base_file)
    payload["history"] = payload["history"][:1] * 200_000
    torch.save(payload, tmp_path / "long.pt")
    with pytest.raises(CheckpointError, match="history has 200000 rows"):
        load_checkpoint(tmp_path / "long.pt")
