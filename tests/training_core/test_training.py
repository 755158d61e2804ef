import math
import threading

import pytest
import torch

from training_core.checkpoints import load_checkpoint
from training_core.config import (
    ConfigError,
    TrainConfig,
    available_devices,
    default_config,
    resolve_device,
)
from training_core.control import Control
from training_core.events import TrainCallbacks
from training_core.runs import RunDirectory
from training_core.training import default_report_every, onecycle_lr, train


class Recorder(TrainCallbacks):
    def __init__(self):
        self.events = []

    def on_train_start(self, info):
        self.events.append(("start", info))

    def on_batch_end(self, report):
        self.events.append(("batch", report))

    def on_epoch_end(self, report):
        self.events.append(("epoch", report))

    def on_train_end(self, result):
        self.events.append(("end", result))

    def kinds(self):
        return [kind for kind, _ in self.events]


def config(**overrides):
    values = dict(model="mlp", epochs=2, batch_size=64, optimizer="adam", lr=1e-3, device="cpu")
    return TrainConfig(**{**values, **overrides})


@pytest.mark.parametrize(
    "model", ["softmax-scratch", "softmax", "mlp", pytest.param("cnn", marks=pytest.mark.slow)]
)
def test_models_learn_the_synthetic_task_and_report_in_order(model, tiny_data):
    optimizer = "sgd" if model == "softmax-scratch" else "adam"
    lr = 0.1 if model == "softmax-scratch" else 2e-3
    recorder = Recorder()
    result = train(
        config(model=model, optimizer=optimizer, lr=lr, epochs=3),
        recorder,
        data=tiny_data,
        report_every=2,
    )
    kinds = recorder.kinds()
    assert kinds[0] == "start" and kinds[-1] == "end" and kinds.count("epoch") == 3
    assert kinds.index("batch") < kinds.index("epoch")
    assert result.status == "completed"
    assert result.history[-1]["test_acc"] > 0.9
    epoch = recorder.events[kinds.index("epoch")][1]
    assert epoch.samples_per_second > 0 and epoch.epoch_seconds > 0


WALL_CLOCK = ("epoch_seconds", "samples_per_second", "elapsed_seconds")  # differ run to run


def numbers(history: list[dict]) -> list[dict]:
    """A run's history without its wall-clock timings: what a seed must reproduce."""
    return [{k: v for k, v in row.items() if k not in WALL_CLOCK} for row in history]


@pytest.mark.slow
def test_same_seed_same_numbers_and_a_different_seed_differs(tiny_data):
    a = train(config(seed=3, augment="draw"), data=tiny_data).history
    b = train(config(seed=3, augment="draw"), data=tiny_data).history
    c = train(config(seed=4, augment="draw"), data=tiny_data).history
    assert len(a) == 2
    assert {"train_loss", "train_acc", "test_loss", "test_acc", "lr"} <= set(numbers(a)[0])
    assert numbers(a) == numbers(b)  # every number, not only some of them
    assert [r["train_loss"] for r in a] != [r["train_loss"] for r in c]


def test_run_folder_gets_checkpoint_metrics_config_and_status(tiny_data, tmp_path):
    run = RunDirectory.create(tmp_path, config().to_dict())
    train(config(), run_dir=run, data=tiny_data)
    assert [r["epoch"] for r in run.read_metrics()] == [1, 2]
    assert run.read_config()["model"] == "mlp"
    assert run.read_status()["state"] == "completed"
    checkpoint = load_checkpoint(run.checkpoint_path)
    assert checkpoint.epoch == 2 and checkpoint.history == run.read_metrics()
    assert not [p for p in run.path.iterdir() if p.name.startswith(".")]  # no temp files left


@pytest.mark.slow
def test_resuming_continues_exactly_like_an_uninterrupted_run(tiny_data, tmp_path):
    full = train(config(epochs=3, seed=1), data=tiny_data)
    run = RunDirectory.open(tmp_path / "run")
    train(config(epochs=1, seed=1), run_dir=run, data=tiny_data)
    resumed = train(
        config(epochs=3, seed=1), data=tiny_data, resume=load_checkpoint(run.checkpoint_path)
    )
    assert len(resumed.history) == 3
    for name, tensor in full.model.state_dict().items():
        assert torch.allclose(tensor, resumed.model.state_dict()[name], atol=1e-6), name


def test_stop_from_another_thread_keeps_the_last_finished_epoch(tiny_data, tmp_path):
    control = Control()

    class StopAfterFirstEpoch(TrainCallbacks):
        def on_epoch_end(self, report):
            threading.Thread(target=control.stop).start()

    run = RunDirectory.open(tmp_path / "run")
    result = train(config(epochs=50), StopAfterFirstEpoch(), control, run, data=tiny_data)
    assert result.status == "stopped"
    assert load_checkpoint(run.checkpoint_path).epoch == len(result.history) < 50
    assert run.read_status()["state"] == "stopped"


def test_pause_blocks_the_loop_until_resume(tiny_data):
    control = Control()
    paused_at = threading.Event()

    class PauseOnce(TrainCallbacks):
        batches = 0

        def on_batch_end(self, report):
            self.batches += 1
            if self.batches == 1:
                control.pause()
                paused_at.set()

    callbacks = PauseOnce()
    worker = threading.Thread(
        target=train,
        args=(config(epochs=1), callbacks, control),
        kwargs={"data": tiny_data, "report_every": 1},
    )
    worker.start()
    assert paused_at.wait(10)
    worker.join(0.5)
    assert worker.is_alive() and callbacks.batches == 1  # nothing ran while paused
    control.resume()
    worker.join(30)
    assert not worker.is_alive() and callbacks.batches > 1


def test_diverging_run_stops_with_reason_and_keeps_last_good_checkpoint(tiny_data, tmp_path):
    run = RunDirectory.open(tmp_path / "run")
    train(config(epochs=1, optimizer="sgd", lr=0.01), run_dir=run, data=tiny_data)
    good = load_checkpoint(run.checkpoint_path)
    bad = train(
        config(epochs=3, optimizer="sgd", lr=10.0), run_dir=run, data=tiny_data, resume=good
    )
    assert bad.status == "diverged" and "learning rate" in bad.message
    kept = load_checkpoint(run.checkpoint_path)
    assert kept.epoch == 1
    assert all(torch.isfinite(t).all() for t in kept.state_dict.values())


@pytest.mark.parametrize(
    "overrides,needle",
    [
        (dict(epochs=0), "epochs"),
        (dict(lr=-1.0), "learning rate"),
        (dict(lr=math.nan), "learning"),
        (dict(optimizer="rmsprop"), "optimizer"),
        (dict(model="x"), "unknown model"),
        (dict(model="softmax-scratch", optimizer="adam"), "hand-written SGD"),
        (dict(momentum=1.5), "momentum"),
        (dict(precision="fp8"), "precision"),
    ],
)
def test_bad_settings_are_refused_with_a_message(overrides, needle):
    with pytest.raises(ConfigError, match=needle):
        config(**overrides).validate()


def test_defaults_follow_the_lessons():
    assert default_config("softmax-scratch").batch_size == 256
    assert default_config("softmax").batch_size == 100
    mlp = default_config("mlp")
    assert (mlp.lr, mlp.init, mlp.batch_size) == (0.2, "normal", 256)
    assert default_config("deep-mlp", epochs=2).epochs == 2


def test_devices_offered_exist_and_absent_ones_are_refused():
    assert available_devices()[:2] == ["auto", "cpu"]
    assert resolve_device("cpu").type == "cpu"
    if torch.cuda.is_available():
        assert "cuda" in available_devices()
        assert resolve_device("cuda").type == "cuda"
    else:
        assert "cuda" not in available_devices()
        with pytest.raises(ConfigError, match="no CUDA"):
            resolve_device("cuda")


def test_onecycle_warms_up_peaks_and_anneals():
    lrs = [onecycle_lr(s, 100, 1.0) for s in range(100)]
    assert lrs[0] == pytest.approx(1 / 25)
    assert max(lrs) == pytest.approx(1.0) and lrs.index(max(lrs)) == 25
    assert lrs[-1] < 0.01


def test_config_roundtrip_ignores_unknown_keys():
    c = config(seed=9)
    assert TrainConfig.from_dict({**c.to_dict(), "from_the_future": 1}) == c


def test_bf16_mixed_precision_trains_and_keeps_float32_weights(tiny_data):
    result = train(config(precision="bf16"), data=tiny_data)
    assert result.history[-1]["test_acc"] > 0.9
    assert all(p.dtype == torch.float32 for p in result.model.parameters())


def test_augmentation_levels_and_configs_saved_with_a_boolean():
    assert TrainConfig(augment=True).augment == "draw"
    assert TrainConfig.from_dict({"augment": False}).augment == "none"
    TrainConfig(augment="light").validate()
    with pytest.raises(ConfigError, match="augment"):
        TrainConfig(augment="heavy").validate()


def test_reports_come_every_20_batches_on_the_cpu_and_once_an_epoch_on_a_gpu(tiny_data):
    """Each report reads the running sums, which waits for the device: on a GPU the epoch
    runs without that wait, and only its end is reported (no GPU needed to check the rule)."""
    assert default_report_every(torch.device("cpu"), 16) == 20
    assert default_report_every(torch.device("cuda"), 16) == 16
    assert default_report_every(torch.device("mps"), 16) == 16
    recorder = Recorder()
    train(config(batch_size=8, epochs=1), recorder, data=tiny_data)  # 64 batches
    batches = [report.batch for kind, report in recorder.events if kind == "batch"]
    assert batches == [20, 40, 60, 64]


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_on_a_gpu_an_epoch_is_reported_once_and_still_learns(tiny_data):
    recorder = Recorder()
    result = train(config(device="cuda", epochs=2), recorder, data=tiny_data)
    batches = [report.batch for kind, report in recorder.events if kind == "batch"]
    assert batches == [8, 8] and result.status == "completed"
    assert result.history[-1]["test_acc"] > 0.5
