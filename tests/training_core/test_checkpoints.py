import pickle

import pytest
import torch

from training_core.checkpoints import (
    CheckpointError,
    load_checkpoint,
    save_checkpoint,
    save_for_inference,
)
from training_core.config import TrainConfig
from training_core.data import FASHION_CLASSES
from training_core.models import build_model


def _save(path, model_name="mlp", optimizer_state=None, optimizer="sgd"):
    model = build_model(model_name, seed=0)
    save_checkpoint(
        path,
        model=model,
        config=TrainConfig(model=model_name, optimizer=optimizer).to_dict(),
        class_names=FASHION_CLASSES,
        mean=0.286,
        std=0.353,
        history=[{"epoch": 1, "test_acc": 0.5}],
        epoch=1,
        optimizer_state=optimizer_state,
    )
    return model


def test_roundtrip_keeps_weights_config_classes_normalisation_history(tmp_path):
    model = _save(tmp_path / "c.pt")
    ckpt = load_checkpoint(tmp_path / "c.pt")
    assert ckpt.model_name == "mlp" and ckpt.class_names == FASHION_CLASSES
    assert (ckpt.mean, ckpt.std, ckpt.epoch) == (0.286, 0.353, 1)
    assert ckpt.history == [{"epoch": 1, "test_acc": 0.5}]
    assert {"torch", "torchvision", "digit_lab"} <= set(ckpt.versions)
    x = torch.randn(2, 1, 28, 28)
    assert torch.equal(ckpt.build_model()(x), model.eval()(x))


def test_slim_copy_drops_the_optimizer_state(tmp_path):
    model = build_model("mlp", seed=0)
    opt = torch.optim.Adam(model.parameters())
    model(torch.randn(2, 1, 28, 28)).sum().backward()
    opt.step()
    _save(tmp_path / "full.pt", optimizer_state=opt.state_dict(), optimizer="adam")
    save_for_inference(tmp_path / "full.pt", tmp_path / "slim.pt")
    assert load_checkpoint(tmp_path / "slim.pt").optimizer_state is None
    assert (tmp_path / "slim.pt").stat().st_size < (tmp_path / "full.pt").stat().st_size / 2


def test_missing_truncated_and_random_files_are_clear_errors(tmp_path):
    with pytest.raises(CheckpointError, match="no such checkpoint"):
        load_checkpoint(tmp_path / "absent.pt")
    _save(tmp_path / "c.pt")
    blob = (tmp_path / "c.pt").read_bytes()
    (tmp_path / "cut.pt").write_bytes(blob[: len(blob) // 2])
    with pytest.raises(CheckpointError, match="truncated, corrupt"):
        load_checkpoint(tmp_path / "cut.pt")
    (tmp_path / "noise.pt").write_bytes(b"\x00garbage" * 100)
    with pytest.raises(CheckpointError):
        load_checkpoint(tmp_path / "noise.pt")


def test_a_foreign_torch_file_is_not_taken_for_a_checkpoint(tmp_path):
    torch.save({"weight": torch.zeros(3)}, tmp_path / "foreign.pt")
    with pytest.raises(CheckpointError, match="not a Digit Lab checkpoint"):
        load_checkpoint(tmp_path / "foreign.pt")


class _Exploit:
    def __reduce__(self):
        return (exec, ("open('PWNED', 'w').write('x')",))


def test_a_checkpoint_that_would_run_code_is_refused_without_running_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open(tmp_path / "evil.pt", "wb") as handle:
        torch.save(
            {"format": "digit-lab-checkpoint", "payload": _Exploit()}, handle, pickle_module=pickle
        )
    with pytest.raises(CheckpointError, match="could run code"):
        load_checkpoint(tmp_path / "evil.pt")
    assert not (tmp_path / "PWNED").exists()


def test_weights_of_another_architecture_are_reported(tmp_path):
    _save(tmp_path / "c.pt")
    ckpt = load_checkpoint(tmp_path / "c.pt")
    ckpt.config["model"] = "cnn"
    with pytest.raises(CheckpointError, match="do not fit"):
        ckpt.build_model()


def test_saving_is_atomic_and_leaves_no_temp_files(tmp_path):
    _save(tmp_path / "c.pt")
    _save(tmp_path / "c.pt")
    assert [p.name for p in tmp_path.iterdir()] == ["c.pt"]


def test_a_checkpoint_saved_before_the_cnn_rename_loads_as_cnn_wide(tmp_path):
    """Runs trained before 0.2 name "cnn" but hold the weights of what is now "cnn-wide";
    their tensor shapes say which, so they keep loading (and a new "cnn" stays "cnn")."""
    for name, saved_as in (("cnn-wide", "cnn"), ("cnn", "cnn")):
        model = build_model(name, seed=0)
        path = save_checkpoint(
            tmp_path / f"{name}.pt",
            model=model,
            config=TrainConfig(model=saved_as).to_dict(),
            class_names=[str(i) for i in range(10)],
            mean=0.1307,
            std=0.3081,
            history=[],
            epoch=1,
        )
        checkpoint = load_checkpoint(path)
        assert checkpoint.model_name == name == checkpoint.config["model"]
        x = torch.randn(3, 1, 28, 28)
        expected = model.eval()(x)
        assert torch.allclose(checkpoint.build_model().eval()(x), expected)
