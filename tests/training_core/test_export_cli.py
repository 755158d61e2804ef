"""``digit-lab export``: every format from a run folder or a checkpoint, the ONNX model's
metadata and checks, and every refusal as one line with exit code 1."""

import json

import nbformat
import numpy as np
import onnx
import pytest
import torch

from training_core import export_onnx
from training_core.checkpoints import load_checkpoint
from training_core.cli import main
from training_core.config import TrainConfig
from training_core.export import read_source, write_export
from training_core.export_onnx import METADATA_KEYS, run_onnx


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def run_folder(mnist_root, tmp_path, capsys):
    """A finished one-epoch softmax run on the synthetic IDX data (a second or so)."""
    out = tmp_path / "run"
    code, _, err = run(
        capsys, "train", "--model", "softmax", "--epochs", "1", "--data-root", mnist_root,
        "--out", out, "--device", "cpu",
    )  # fmt: skip
    assert code == 0, err
    return out


def test_onnx_from_a_run_folder_carries_its_contract_and_runs(run_folder, tmp_path, capsys):
    out = tmp_path / "model.onnx"
    code, printed, err = run(capsys, "export", run_folder, "--out", out)
    assert code == 0, err
    assert "checked by onnx.checker and run by onnxruntime" in printed
    model = onnx.load(out)
    onnx.checker.check_model(model, full_check=True)
    metadata = {p.key: p.value for p in model.metadata_props}
    checkpoint = load_checkpoint(run_folder / "checkpoint.pt")
    assert json.loads(metadata["digit_lab.class_names"]) == list(checkpoint.class_names)
    assert float(metadata["digit_lab.mean"]) == checkpoint.mean
    assert float(metadata["digit_lab.std"]) == checkpoint.std
    assert metadata["digit_lab.model"] == "softmax"
    assert "(p / 255 - 0.1307) / 0.3081" in metadata["digit_lab.input"]
    assert "digit_lab.confidence_threshold" not in metadata  # this checkpoint has none
    assert set(metadata) <= set(METADATA_KEYS)  # every key written is documented
    model_in_torch = checkpoint.build_model()
    for batch in (1, 7):  # the batch axis is dynamic
        images = torch.randn(batch, 1, 28, 28, generator=torch.Generator().manual_seed(batch))
        logits, probabilities = run_onnx(out, images.numpy())
        assert logits.shape == probabilities.shape == (batch, 10)
        with torch.no_grad():
            expected = torch.softmax(model_in_torch(images), dim=1).numpy()
        assert np.abs(probabilities - expected).max() < 1e-5


def test_a_confidence_threshold_is_written_when_the_checkpoint_has_one(run_folder):
    checkpoint = load_checkpoint(run_folder / "checkpoint.pt")
    checkpoint.confidence_threshold = 0.6  # what the handwriting issue will add
    assert export_onnx.onnx_metadata(checkpoint)["digit_lab.confidence_threshold"] == "0.6"


def test_an_export_that_fails_its_check_writes_nothing(run_folder, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(export_onnx, "MAX_DIFFERENCE", -1.0)  # no answer can pass
    out = tmp_path / "out" / "model.onnx"
    out.parent.mkdir()
    code, _, err = run(capsys, "export", run_folder, "--format", "onnx", "--out", out)
    assert code == 1 and err.count("\n") == 1
    assert "onnxruntime's answers differ from PyTorch's" in err
    assert list(out.parent.iterdir()) == []  # no file, no temporary file


@pytest.mark.parametrize(("fmt", "name"), [("script", "train.py"), ("notebook", "train.ipynb")])
def test_code_from_a_run_folder_and_from_its_checkpoint(run_folder, tmp_path, capsys, fmt, name):
    for source in (run_folder, run_folder / "checkpoint.pt"):
        out = tmp_path / f"{source.name}-{name}"
        code, printed, err = run(capsys, "export", source, "--format", fmt, "--out", out)
        assert code == 0, err
        text = out.read_text()
        if fmt == "notebook":
            text = nbformat.reads(text, as_version=4).cells[0].source
        assert f'the run "{run_folder.name}"' in text
        assert printed.startswith(f"wrote {out}")


def test_code_needs_only_the_settings_but_onnx_needs_weights(tmp_path, capsys):
    folder = tmp_path / "no-epoch-yet"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps(TrainConfig(model="mlp").to_dict()))
    code, _, err = run(capsys, "export", folder, "--out", tmp_path / "m.py")
    assert code == 0, err
    code, _, err = run(capsys, "export", folder, "--out", tmp_path / "m.onnx")
    assert code == 1
    assert err == 'digit-lab export: error: the run "no-epoch-yet" has no checkpoint yet: an ' \
        "ONNX model needs trained weights\n"  # fmt: skip


def test_an_existing_file_is_kept_unless_overwrite(run_folder, tmp_path, capsys):
    out = tmp_path / "mine.py"
    out.write_text("my own work\n")
    code, _, err = run(capsys, "export", run_folder, "--out", out)
    assert code == 1 and "--overwrite" in err and out.read_text() == "my own work\n"
    code, _, err = run(capsys, "export", run_folder, "--out", out, "--overwrite")
    assert code == 0, err
    assert out.read_text().startswith('"""Train')


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["{run}", "--out", "{tmp}/model.txt"], "cannot tell the format from 'model.txt'"),
        (["{tmp}/missing", "--out", "{tmp}/m.py"], "no such run folder or checkpoint file"),
        (["{tmp}", "--out", "{tmp}/m.py"], "not a run folder that can be exported"),
        (["{run}", "--out", "{tmp}", "--format", "script"], "is a folder: give a file name"),
        (["{run}", "--out", " "], "--out needs a file name"),
        (["{bad}", "--out", "{tmp}/m.onnx"], "not a PyTorch checkpoint file"),
        (
            [
                "{run}/checkpoint.pt",
                "--out",
                "{run}/checkpoint.pt",
                "--format",
                "onnx",
                "--overwrite",
            ],
            "is the checkpoint being exported",
        ),
    ],
)
def test_bad_exports_are_one_line_and_exit_1(argv, needle, run_folder, tmp_path, capsys):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"not a checkpoint")
    values = {"run": run_folder, "tmp": tmp_path, "bad": bad}
    code, out, err = run(capsys, "export", *(a.format(**values) for a in argv))
    assert code == 1 and out == ""
    assert err.startswith("digit-lab export: error: ") and err.count("\n") == 1
    assert needle in err


def test_the_bundled_model_exports_to_onnx(tmp_path):
    source = read_source("bundled")
    summary = write_export(source, "onnx", tmp_path / "bundled.onnx")
    assert "largest probability difference from PyTorch" in summary
    metadata = {p.key: p.value for p in onnx.load(tmp_path / "bundled.onnx").metadata_props}
    assert metadata["digit_lab.model"] == source.config.model
    assert float(metadata["digit_lab.test_accuracy"]) > 0.99


@pytest.mark.parametrize("name", ["model.onnx", "train.py"])
def test_a_failed_write_names_the_file_asked_for_not_a_temporary_one(
    name, run_folder, tmp_path, capsys
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = blocker / name  # its folder is a file: nothing can be written there
    code, _, err = run(capsys, "export", run_folder, "--out", out)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert f"cannot write {out}:" in err and ".tmp" not in err
    assert blocker.read_text() == "not a folder"
