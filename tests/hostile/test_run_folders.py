"""Run folders the user (or a crash) damaged, killed runs, full disks and --out.

Each test reproduces a failure found from outside: a malformed run folder stopped the app,
a killed run stayed "running" forever and left temporary files, a full disk gave a
traceback and left the run "running", and ``train --out`` overwrote an existing run.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

from tests.helpers.datasets import write_idx_dataset
from training_core import cli, cli_train, training
from training_core.checkpoints import load_checkpoint
from training_core.data import DATASETS
from training_core.fileio import atomic_write_text, remove_stale_temp_files
from training_core.processes import process_identity
from training_core.runs import RunDirectory, list_runs, resolve_runs_root, tidy_runs

ROW = dict(epoch=1, train_loss=0.5, train_acc=0.8, test_loss=0.4, test_acc=0.85, lr=0.1)
CONFIG = {"model": "softmax", "dataset": "mnist", "epochs": 2, "lr": 0.1}


@pytest.fixture
def data_root(tmp_path) -> Path:
    write_idx_dataset(tmp_path / "data", "MNIST", n_train=200, n_test=50)
    return tmp_path / "data"


def make_run(root: Path, name: str, *, config=CONFIG, rows=(ROW,), status=None) -> Path:
    path = root / name
    path.mkdir(parents=True)
    text = lambda v: v if isinstance(v, str) else json.dumps(v)  # noqa: E731
    (path / "config.json").write_text(text(config))
    (path / "metrics.jsonl").write_text("".join(text(r) + "\n" for r in rows))
    (path / "status.json").write_text(text(status or {"state": "completed", "message": ""}))
    return path


DAMAGE = {
    "status is a list": dict(status=["completed"]),
    "status unknown state": dict(status={"state": 7}),
    "status not json": dict(status="{not json"),
    "metrics row holds a string": dict(rows=({**ROW, "test_acc": "high"},)),
    "metrics row is a list": dict(rows=([1, 2, 3],)),
    "metrics NaN": dict(
        rows=('{"epoch": 1, "train_loss": NaN, "train_acc": 1, "test_loss": 1, "test_acc": 1}',)
    ),
    "metrics epochs out of order": dict(rows=({**ROW, "epoch": 3},)),
    "config is a list": dict(config=[1, 2]),
    "config bad value": dict(config={**CONFIG, "lr": -1}),
    "config wrong type": dict(config={**CONFIG, "epochs": "many"}),
    "config deep nesting": dict(config="[" * 100_000 + "]" * 100_000),
    "config unknown model": dict(config={**CONFIG, "model": "gpt"}),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_run_reads_as_damaged_with_a_reason(tmp_path, damage):
    make_run(tmp_path, "good")
    make_run(tmp_path, "bad", **damage)
    runs = {run.name: run.inspect() for run in list_runs(tmp_path)}
    assert runs["good"].state == "completed" and not runs["good"].damaged
    bad = runs["bad"]
    assert bad.state == "damaged" and bad.reason and "\n" not in bad.reason
    # What the app shows stays usable: settings are a dict, rows have their numbers.
    assert isinstance(bad.config, dict)
    assert all(isinstance(r["test_acc"], float | int) for r in bad.metrics)
    assert isinstance(RunDirectory(bad.path).read_status()["state"], str)


def test_unreadable_and_binary_files_are_damage_not_errors(tmp_path):
    run = make_run(tmp_path, "bin")
    (run / "metrics.jsonl").write_bytes(b"\xff\xfe\x00garbage")
    record = RunDirectory(run).inspect()
    assert record.damaged and "metrics.jsonl" in record.reason


def test_a_running_run_whose_process_is_gone_is_interrupted(tmp_path):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    owner = {**process_identity(), "pid": int(gone.stdout)}
    make_run(tmp_path, "killed", status={"state": "running", "message": "", "owner": owner})
    make_run(tmp_path, "alive", status={"state": "running", "owner": process_identity()})
    make_run(tmp_path, "old", status={"state": "running", "message": "epoch 1 of 2"})
    states = {run.name: run.read_status() for run in list_runs(tmp_path)}
    assert states["killed"]["state"] == "interrupted"
    assert "resume" in states["killed"]["message"]
    assert states["alive"]["state"] == "running"
    assert states["old"]["state"] == "interrupted"  # written before owners were recorded


def test_temporary_files_of_dead_writers_are_cleaned_live_ones_kept(tmp_path):
    run = make_run(tmp_path, "run")
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = run / f".checkpoint.{int(gone.stdout)}~abc123.tmp.pt"
    live = run / f".checkpoint.{os.getpid()}~def456.tmp.pt"
    foreign = run / "notes.tmp.txt"  # not ours: never touched
    for f in (dead, live, foreign):
        f.write_bytes(b"partial")
    assert tidy_runs(tmp_path) == 1
    assert not dead.exists() and live.exists() and foreign.exists()
    assert remove_stale_temp_files(run, everything=True) == 1 and not live.exists()


def test_atomic_writes_name_their_temporary_file_after_the_writer(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (seen.append(Path(a).name), real_replace(a, b)))
    atomic_write_text(tmp_path / "status.json", "{}")
    assert seen and seen[0].startswith(f".status.{os.getpid()}~")


# -- full disk ----------------------------------------------------------------------------


def test_a_full_disk_keeps_the_last_checkpoint_and_ends_the_run(
    data_root, tmp_path, monkeypatch, capsys
):
    real_save, calls = training.save_checkpoint, []

    def save_until_full(path, **kwargs):
        calls.append(kwargs["epoch"])
        if kwargs["epoch"] >= 2:  # what torch.save raises when the disk fills mid-write
            raise RuntimeError(
                "[enforce fail at inline_container.cc:783] . PytorchStreamWriter "
                "failed writing file data/2: file write failed"
            )
        return real_save(path, **kwargs)

    monkeypatch.setattr(training, "save_checkpoint", save_until_full)
    monkeypatch.setattr("training_core.fileio._free_bytes", lambda folder: 0)
    out = tmp_path / "run"
    code = cli.main(
        [
            "train",
            "--model",
            "softmax",
            "--epochs",
            "3",
            "--data-root",
            str(data_root),
            "--out",
            str(out),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "disk is full" in err and "checkpoint of epoch 1 is kept" in err
    assert load_checkpoint(out / "checkpoint.pt").epoch == 1
    record = RunDirectory(out).inspect()
    assert record.state == "failed" and len(record.metrics) == 1
    assert not [p for p in out.iterdir() if ".tmp" in p.name]


@pytest.mark.slow  # a fresh interpreter imports torch
def test_a_real_write_limit_in_a_child_process_is_one_line(data_root, tmp_path):
    """The kernel refuses the checkpoint write (RLIMIT_FSIZE: EFBIG, like a full disk)."""
    out = tmp_path / "run"

    def limit_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # config fits, weights not

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app.cli",
            "train",
            "--model",
            "softmax",
            "--epochs",
            "2",
            "--data-root",
            str(data_root),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        preexec_fn=limit_file_size,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert "cannot save the checkpoint of epoch 1" in last and "Traceback" not in proc.stderr
    # Nothing was saved, so nothing is left behind: no run folder, no temporary file.
    assert not out.exists()


# -- killed runs ------------------------------------------------------------------------------


@pytest.mark.slow  # a fresh interpreter imports torch, then trains until killed
def test_kill_9_mid_run_reads_as_interrupted_and_resumes(data_root, tmp_path):
    out = tmp_path / "run"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop_app.cli",
            "train",
            "--model",
            "softmax",
            "--epochs",
            "10000",
            "--data-root",
            str(data_root),
            "--out",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: os.umask(0o027),
    )
    try:
        deadline = time.monotonic() + 120
        while not (out / "checkpoint.pt").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert RunDirectory(out).read_status()["state"] == "running"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    status = RunDirectory(out).read_status()
    assert status["state"] == "interrupted" and "resume" in status["message"]
    checkpoint = load_checkpoint(out / "checkpoint.pt")
    assert checkpoint.epoch >= 1
    # Files got the child's umask (027), not mkstemp's 0600.
    for name in ("checkpoint.pt", "config.json", "status.json"):
        assert (out / name).stat().st_mode & 0o777 == 0o640, name


# -- --out ----------------------------------------------------------------------------------


def train_args(data_root, *extra):
    return ["train", "--model", "softmax", "--epochs", "1", "--data-root", str(data_root), *extra]


def test_out_into_an_existing_run_is_refused_then_overwritten_on_request(
    data_root, tmp_path, capsys
):
    out = tmp_path / "run"
    assert cli.main(train_args(data_root, "--out", str(out), "--seed", "1")) == 0
    before = (out / "checkpoint.pt").read_bytes()
    capsys.readouterr()
    assert cli.main(train_args(data_root, "--out", str(out), "--seed", "2")) == 1
    err = capsys.readouterr().err
    assert "holds a run" in err and "--overwrite" in err and len(err.strip().splitlines()) == 1
    assert (out / "checkpoint.pt").read_bytes() == before
    assert cli.main(train_args(data_root, "--out", str(out), "--seed", "2", "--overwrite")) == 0
    assert (out / "checkpoint.pt").read_bytes() != before
    assert json.loads((out / "config.json").read_text())["seed"] == 2


def test_out_into_a_folder_with_other_files_is_refused(data_root, tmp_path, capsys):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.txt").write_text("precious")
    assert cli.main(train_args(data_root, "--out", str(folder))) == 1
    assert "is not empty" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.txt"]


def test_empty_out_is_an_error(data_root, capsys, tmp_path):
    assert cli.main(train_args(data_root, "--out", "")) == 1
    assert "--out needs a folder name" in capsys.readouterr().err
    assert list_runs(resolve_runs_root()) == []


@pytest.mark.parametrize("out_given", [True, False], ids=["--out", "runs folder"])
def test_a_run_that_cannot_start_leaves_no_folder(tmp_path, capsys, out_given):
    # MNIST is never missing (it comes with Digit Lab), but a data folder can hold a
    # damaged copy, which wins over the bundled one and stops the run before epoch 1.
    broken_data = tmp_path / "broken"
    raw = broken_data / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for name in DATASETS["mnist"].expected_files:
        (raw / name).write_bytes(b"not an IDX file")
    out = tmp_path / "new-run"
    argv = train_args(broken_data) + (["--out", str(out)] if out_given else [])
    assert cli.main(argv) == 1
    assert "IDX" in capsys.readouterr().err
    assert not out.exists()
    assert list_runs(resolve_runs_root()) == []


def test_interrupted_training_leaves_status_stopped(data_root, tmp_path, monkeypatch, capsys):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    out = tmp_path / "run"
    real = training._train_epoch
    calls = []

    def second_epoch_interrupted(loop, epoch):
        calls.append(epoch)
        if epoch == 1:
            interrupt()
        return real(loop, epoch)

    monkeypatch.setattr(training, "_train_epoch", second_epoch_interrupted)
    assert cli.main(train_args(data_root, "--out", str(out), "--epochs", "3")) == 130
    status = RunDirectory(out).read_status()
    assert status["state"] == "stopped" and "resume" in status["message"]
    assert torch.load(out / "checkpoint.pt", weights_only=True)["epoch"] == 1


# -- errors and --debug ------------------------------------------------------------------------


def test_an_unexpected_error_is_one_line_with_the_log_path(data_root, monkeypatch, capsys):
    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli_train, "train", bug)
    assert cli.main(train_args(data_root)) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "internal error: division by zero" in err and "digit-lab.log" in err
    log = Path(err.split("details in ")[1].split(")")[0])
    assert "ZeroDivisionError" in log.read_text()  # the traceback went to the log


@pytest.mark.parametrize("how", ["flag", "env"])
def test_debug_shows_the_traceback(data_root, monkeypatch, capsys, how):
    monkeypatch.setattr(cli_train, "train", lambda *a, **k: 1 / 0)
    argv = train_args(data_root)
    if how == "flag":
        argv.append("--debug")
    else:
        monkeypatch.setenv("DIGIT_LAB_DEBUG", "1")
    assert cli.main(argv) == 70
    assert "Traceback" in capsys.readouterr().err
