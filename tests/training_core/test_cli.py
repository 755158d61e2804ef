"""The command line, run in-process on tiny IDX datasets the tests write themselves."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from tests.helpers.cnn_recipe import (
    BENCHMARKED_CNN_LAYERS,
    BENCHMARKED_CNN_PARAMETERS,
    BENCHMARKED_CNN_SETTINGS,
)
from training_core.cli import main
from training_core.models import build_model


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def trained(fashion_root, tmp_path, capsys):
    out_dir = tmp_path / "run"
    code, out, err = run(
        capsys,
        "train",
        "--model",
        "softmax",
        "--dataset",
        "fashion-mnist",
        "--epochs",
        "2",
        "--data-root",
        str(fashion_root),
        "--out",
        str(out_dir),
        "--json",
        "--seed",
        "1",
    )
    assert code == 0, err
    return out_dir, out, fashion_root


def test_train_json_prints_one_object_per_epoch_then_a_summary(trained):
    out_dir, out, _ = trained
    lines = [json.loads(line) for line in out.splitlines()]
    keys = {"epoch", "train_loss", "train_acc", "test_loss", "test_acc", "epoch_seconds"}
    assert [set(line) for line in lines[:2]] == [keys, keys]
    assert [line["epoch"] for line in lines[:2]] == [1, 2]
    assert lines[2]["status"] == "completed" and lines[2]["test_acc"] > 0.9
    assert (out_dir / "checkpoint.pt").is_file()
    assert len((out_dir / "metrics.jsonl").read_text().splitlines()) == 2


def test_eval_json_has_accuracy_per_class_and_confusion(trained, capsys):
    out_dir, _, root = trained
    code, out, _ = run(
        capsys, "eval", str(out_dir / "checkpoint.pt"), "--data-root", str(root), "--json"
    )
    report = json.loads(out)
    assert code == 0 and report["accuracy"] > 0.9
    assert len(report["per_class_accuracy"]) == 10
    matrix = np.array(report["confusion_matrix"])
    assert matrix.shape == (10, 10) and matrix.sum() == 100
    assert report["class_names"][0] == "T-shirt/top"


def test_resume_continues_to_more_epochs(trained, capsys):
    out_dir, _, root = trained
    code, out, _ = run(
        capsys,
        "train",
        "--resume",
        str(out_dir / "checkpoint.pt"),
        "--epochs",
        "3",
        "--data-root",
        str(root),
        "--json",
    )
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line.get("epoch") for line in lines[:-1]] == [3]
    assert len((out_dir / "metrics.jsonl").read_text().splitlines()) == 3


def test_predict_json_reports_label_and_probabilities(trained, tmp_path, capsys):
    out_dir, _, _ = trained
    image = np.zeros((28, 28), np.uint8)
    image[3 + 2 * 4 : 5 + 2 * 4, 4:24] = 255  # the synthetic pattern of class 4 ("Coat")
    Image.fromarray(image).save(tmp_path / "coat.png")
    code, out, _ = run(
        capsys, "predict", str(out_dir / "checkpoint.pt"), str(tmp_path / "coat.png"), "--json"
    )
    result = json.loads(out)
    assert code == 0 and result["path"].endswith("coat.png")
    assert set(result["probabilities"]) == {
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    }
    assert sum(result["probabilities"].values()) == pytest.approx(1.0)
    assert result["label"] == max(result["probabilities"], key=result["probabilities"].get)


def test_predict_reports_an_empty_image_and_a_non_image_and_fails(trained, tmp_path, capsys):
    out_dir, _, _ = trained
    Image.fromarray(np.zeros((40, 40), np.uint8)).save(tmp_path / "blank.png")
    (tmp_path / "notes.png").write_text("not really a png")
    code, out, err = run(
        capsys,
        "predict",
        str(out_dir / "checkpoint.pt"),
        str(tmp_path / "blank.png"),
        str(tmp_path / "notes.png"),
    )
    assert code == 1
    assert "nothing drawn" in err and "not an image" in err


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["eval", "/nonexistent/ckpt.pt"], "no such checkpoint"),
        (["train", "--epochs", "two"], "invalid"),
        (["train", "--batch-size", "0"], "at least 1"),
        (["train", "--model", "resnet"], "invalid choice"),
        (["train", "--lr", "nan"], "finite"),
        (["train", "--data-root", "/nonexistent/data", "--out", "OUT"], "not found"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(argv, needle, capsys, tmp_path):
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in argv]
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own errors
        code = exit_.code
    err = capsys.readouterr().err
    assert code != 0 and needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.slow  # a fresh interpreter imports torch
def test_a_corrupt_checkpoint_through_the_real_entry_point_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"PK\x03\x04 truncated zip")
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "eval", str(bad)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "bad.pt" in proc.stderr


def test_the_cnn_default_is_the_benchmarked_recipe(mnist_root, tmp_path, capsys):
    """What ``digit-lab train --model cnn`` runs is what the README's figures measured."""
    code, out, err = run(
        capsys, "train", "--model", "cnn", "--data-root", str(mnist_root),
        "--out", str(tmp_path / "run"), "--json",
    )  # fmt: skip
    assert code == 0, err
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert {k: config[k] for k in BENCHMARKED_CNN_SETTINGS} == BENCHMARKED_CNN_SETTINGS
    model = build_model("cnn")
    assert [type(layer).__name__ for layer in model.modules()][1:] == BENCHMARKED_CNN_LAYERS
    assert sum(p.numel() for p in model.parameters()) == BENCHMARKED_CNN_PARAMETERS
    # The figure the README quotes: first batch to final test accuracy, timed by the loop.
    summary = json.loads(out.splitlines()[-1])
    epoch_line = json.loads(out.splitlines()[0])
    assert summary["epochs"] == 1
    assert summary["seconds_to_result"] > epoch_line["epoch_seconds"] > 0
