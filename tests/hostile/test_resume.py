"""Resuming a run (issue 11, items 6 and 15): another optimizer, a state that does not fit,
another model or dataset (CLI and the Train tab's job), a one-cycle schedule over a new
epoch count, and the weight hash added when an old checkpoint is saved again."""

from __future__ import annotations

import dataclasses
import json

import pytest
import torch

from tests.helpers.datasets import synthetic_split, write_idx_dataset
from training_core.checkpoint_checks import HASH_KEY, weights_sha256
from training_core.checkpoints import CheckpointError, load_checkpoint, save_for_inference
from training_core.cli import main
from training_core.config import ConfigError, TrainConfig
from training_core.control import Control
from training_core.events import TrainCallbacks
from training_core.runs import RunDirectory
from training_core.training import onecycle_lr, train


class Recorder(TrainCallbacks):
    def __init__(self, stop_after: int | None = None, control: Control | None = None):
        self.started = None
        self.epochs = []
        self.stop_after, self.control = stop_after, control

    def on_train_start(self, info):
        self.started = info

    def on_epoch_end(self, report):
        self.epochs.append(report)
        if self.stop_after is not None and report.epoch >= self.stop_after:
            self.control.stop()


@pytest.fixture(scope="module")
def data():
    return synthetic_split(200, seed=1), synthetic_split(100, seed=2)


def config(**overrides) -> TrainConfig:
    values = dict(
        model="softmax", epochs=2, batch_size=50, optimizer="momentum", lr=0.05, device="cpu"
    )
    return TrainConfig(**{**values, **overrides})


def _run(tmp_path, data, cfg: TrainConfig, stop_after: int | None = None):
    """A run folder with the checkpoint of ``cfg`` (stopped after ``stop_after`` epochs)."""
    run = RunDirectory.open(tmp_path / "run", cfg.to_dict())
    control = Control()
    train(cfg, Recorder(stop_after, control), control, run_dir=run, data=data)
    return load_checkpoint(run.checkpoint_path)


def _resume(checkpoint, cfg: TrainConfig, data, run_dir=None) -> Recorder:
    recorder = Recorder()
    result = train(cfg, recorder, run_dir=run_dir, data=data, resume=checkpoint)
    assert result.status == "completed"
    return recorder


# -- item 6: the optimizer -----------------------------------------------------------------


def test_another_optimizer_starts_fresh_with_a_note(tmp_path, data):
    """The tester's KeyError ('betas'): momentum's state loaded into Adam."""
    checkpoint = _run(tmp_path, data, config(epochs=1))
    recorder = _resume(checkpoint, config(epochs=2, optimizer="adam", lr=0.01), data)
    assert [r.epoch for r in recorder.epochs] == [2]
    assert any(
        "optimizer changed from momentum to adam" in note and "starts fresh" in note
        for note in recorder.started.notes
    )


def test_the_same_optimizer_continues_its_state_without_a_note(tmp_path, data):
    checkpoint = _run(tmp_path, data, config(epochs=2), stop_after=1)
    assert checkpoint.epoch == 1 and checkpoint.optimizer_state["state"]
    recorder = _resume(checkpoint, config(epochs=2), data)
    assert recorder.started.notes == ()


def test_an_optimizer_state_that_does_not_fit_is_a_checkpoint_error(tmp_path, data):
    checkpoint = _run(tmp_path, data, config(epochs=1))
    # load_checkpoint refuses such a file; a Checkpoint built in code reaches the loop.
    broken = dataclasses.replace(
        checkpoint, optimizer_state={"state": {}, "param_groups": [{"params": [0]}]}
    )
    with pytest.raises(CheckpointError, match="saved optimizer state does not fit momentum"):
        train(config(epochs=2), data=data, resume=broken)


def test_the_configs_optimizer_settings_win_over_the_saved_ones(tmp_path, data, monkeypatch):
    checkpoint = _run(tmp_path, data, config(epochs=1, momentum=0.9))
    seen = {}
    original = torch.optim.SGD.step

    def step(self, *args, **kwargs):
        seen.update(self.param_groups[0])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(torch.optim.SGD, "step", step)
    _resume(checkpoint, config(epochs=2, momentum=0.5, weight_decay=1e-3, lr=0.02), data)
    assert (seen["momentum"], seen["weight_decay"], seen["lr"]) == (0.5, 1e-3, 0.02)


def test_a_copy_without_optimizer_state_resumes_with_a_note(tmp_path, data):
    checkpoint = _run(tmp_path, data, config(epochs=1))
    save_for_inference(checkpoint.path, tmp_path / "slim.pt")
    recorder = _resume(load_checkpoint(tmp_path / "slim.pt"), config(epochs=2), data)
    assert any("holds no optimizer state" in note for note in recorder.started.notes)


# -- item 6: model and dataset, in the core (the Train tab's path) and on the CLI ---------


@pytest.mark.parametrize(("field", "value"), [("dataset", "fashion-mnist"), ("model", "mlp")])
def test_the_core_refuses_another_model_or_dataset(field, value, tmp_path, data):
    """The app resumes through ``train``: a different dataset used to be silently used."""
    checkpoint = _run(tmp_path, data, config(epochs=1))
    with pytest.raises(ConfigError, match=f"trained with {field} .*cannot change its {field}"):
        train(config(epochs=2, **{field: value}), data=data, resume=checkpoint)


def test_the_train_tabs_job_refuses_another_dataset(tmp_path, data):
    from desktop_app.train.worker import TrainJob

    checkpoint = _run(tmp_path, data, config(epochs=1))
    job = TrainJob(config(epochs=2, dataset="fashion-mnist"), data=data, resume=checkpoint)
    with pytest.raises(ConfigError, match="cannot change its dataset"):
        job(Control(), lambda event: None)


@pytest.fixture
def cli_run(tmp_path, capsys):
    """``digit-lab train`` of 1 epoch of 2 (one-cycle, momentum) on tiny IDX files."""
    root = tmp_path / "data"
    write_idx_dataset(root, "MNIST", n_train=200, n_test=50)
    common = ["--data-root", str(root), "--device", "cpu", "--batch-size", "50"]
    out = tmp_path / "run"
    argv = ["train", "--model", "softmax", "--optimizer", "momentum", "--schedule", "onecycle"]
    assert main([*argv, "--epochs", "2", "--out", str(out), "--json", *common]) == 0
    capsys.readouterr()
    return out / "checkpoint.pt", common


def _cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("flag", "value"), [("--dataset", "fashion-mnist"), ("--model", "mlp")])
def test_cli_refuses_another_model_or_dataset_with_resume(flag, value, cli_run, capsys):
    checkpoint, common = cli_run
    code, _, err = _cli(capsys, "train", "--resume", str(checkpoint), flag, value, *common)
    assert code == 1 and err.count("\n") == 1 and f"leave out {flag}" in err


def test_cli_another_optimizer_resumes_with_a_note(cli_run, capsys):
    checkpoint, common = cli_run
    argv = ["--optimizer", "adam", "--lr", "0.01", "--epochs", "3", "--json"]
    code, out, err = _cli(capsys, "train", "--resume", str(checkpoint), *argv, *common)
    assert code == 0, err
    assert "digit-lab train: note: optimizer changed from momentum to adam" in err
    summary = json.loads(out.splitlines()[-1])
    assert summary["epochs"] == 3 and any("momentum to adam" in n for n in summary["notes"])


def test_cli_onecycle_over_more_epochs_says_the_schedule_changes(cli_run, capsys):
    checkpoint, common = cli_run
    code, _, err = _cli(capsys, "train", "--resume", str(checkpoint), "--epochs", "3", *common)
    assert code == 0, err
    assert "note: the one-cycle schedule was planned over 2 epochs and now spans 3" in err


def test_cli_resuming_a_finished_run_is_refused(cli_run, capsys):
    checkpoint, common = cli_run
    code, _, err = _cli(capsys, "train", "--resume", str(checkpoint), *common)
    assert code == 1 and "already finished 2 epochs" in err and err.count("\n") == 1


# -- item 6: one-cycle over a new epoch count -----------------------------------------------


def test_onecycle_over_more_epochs_follows_the_new_curve_and_says_so(tmp_path, data):
    checkpoint = _run(tmp_path, data, config(epochs=2, schedule="onecycle"))
    recorder = _resume(checkpoint, config(epochs=3, schedule="onecycle"), data)
    (note,) = recorder.started.notes
    assert "planned over 2 epochs and now spans 3" in note and "from epoch 3" in note
    steps = recorder.started.batches_per_epoch * 3
    assert recorder.epochs[-1].lr == pytest.approx(onecycle_lr(steps - 1, steps, 0.05))


def test_onecycle_resumed_over_the_same_epochs_has_no_note(tmp_path, data):
    checkpoint = _run(tmp_path, data, config(epochs=3, schedule="onecycle"), stop_after=1)
    recorder = _resume(checkpoint, config(epochs=3, schedule="onecycle"), data)
    assert recorder.started.notes == ()


# -- item 15: the hash is added on the next save -------------------------------------------


def test_a_resumed_run_adds_the_hash_to_an_old_checkpoint(tmp_path, data):
    checkpoint = _run(tmp_path, data, config(epochs=1))
    payload = torch.load(checkpoint.path, weights_only=True)
    del payload[HASH_KEY]  # as written before hashes existed
    torch.save(payload, checkpoint.path)
    old = load_checkpoint(checkpoint.path)
    run = RunDirectory.open(checkpoint.path.parent)
    _resume(old, config(epochs=2), data, run_dir=run)
    saved = torch.load(checkpoint.path, weights_only=True)
    assert saved[HASH_KEY] == weights_sha256(saved["state_dict"]) and saved["epoch"] == 2


# -- the hand-written optimizer's state (softmax-scratch) -----------------------------------


def test_the_hand_written_optimizers_state_resumes_and_a_bad_one_is_refused(tmp_path, data):
    scratch = config(model="softmax-scratch", epochs=2, lr=0.1)
    checkpoint = _run(tmp_path, data, scratch, stop_after=1)
    assert len(checkpoint.optimizer_state["velocity"]) == 2
    assert _resume(checkpoint, scratch, data).started.notes == ()
    payload = torch.load(checkpoint.path, weights_only=True)
    payload["optimizer_state"]["velocity"][0] = torch.zeros(10)  # W is 784x10
    torch.save(payload, tmp_path / "edited.pt")
    with pytest.raises(CheckpointError, match="velocity 0 has shape \\[10\\]"):
        load_checkpoint(tmp_path / "edited.pt")
