"""Exports checked on real MNIST: the ONNX model answers as PyTorch does, and the exported
script, run in a fresh process that cannot import Digit Lab, trains as Digit Lab trains.

Each model gets Digit Lab's own one-epoch run of its lesson settings (seed 0, CPU) on a
subset written as IDX files: all 60,000 training images where the model needs them for
85% in one epoch, fewer for the slower convolutional nets. The script reads the same
files through torchvision. The same run serves the ONNX test as the "trained model".
"""

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import numpy as np
import pytest
import torch

from tests.helpers.datasets import IDX_NAMES, idx_bytes
from training_core.config import TrainConfig, default_config
from training_core.data import is_available, load_split, normalize, resolve_data_root
from training_core.export import ExportSource, read_source, render_code, write_export
from training_core.export_onnx import run_onnx
from training_core.models import MODELS
from training_core.runs import RunDirectory
from training_core.training import train

ROOT = resolve_data_root()
pytestmark = [
    pytest.mark.mnist,
    pytest.mark.slow,
    pytest.mark.skipif(
        not is_available("mnist", ROOT),
        reason=f"real MNIST not found under {ROOT} (set DIGIT_LAB_DATA to a folder with MNIST/raw)",
    ),
]

# Training images per model: one epoch on these reaches >= 85% (measured, seed 0); the
# models not listed get all 60,000. Fewer images keep the slower conv nets quick.
TRAIN_IMAGES = {
    "cnn": 6000,
    "cnn-large": 6000,
    "cnn-wide": 6000,
    "lenet5": 12000,
    "lenet5-classic": 12000,
}
TEST_IMAGES = 2000
PARITY_IMAGES = 256
EPOCH_LINE = re.compile(
    r"^epoch 1/1: train loss ([\d.]+) acc ([\d.]+) \| test loss ([\d.]+) acc ([\d.]+)"
)


@dataclass
class DigitLabRun:
    config: TrainConfig
    folder: Path
    history: list[dict]
    parameters: int

    @property
    def line(self) -> str:
        h = self.history[0]
        return (
            f"epoch 1/1: train loss {h['train_loss']:.4f} acc {h['train_acc']:.4f} | "
            f"test loss {h['test_loss']:.4f} acc {h['test_acc']:.4f}"
        )


@pytest.fixture(scope="module")
def mnist():
    return load_split("mnist", True, ROOT), load_split("mnist", False, ROOT)


@pytest.fixture(scope="module")
def data_root(tmp_path_factory, mnist):
    """The data folder holding the first ``n`` training and 2,000 test images (cached)."""
    folders = {}

    def make(n: int) -> Path:
        if n not in folders:
            root = tmp_path_factory.mktemp(f"mnist{n}")
            raw = root / "MNIST" / "raw"
            raw.mkdir(parents=True)
            for train_split, split, count in ((True, mnist[0], n), (False, mnist[1], TEST_IMAGES)):
                arrays = (split.images[:count].numpy(), split.labels[:count].numpy())
                for name, array in zip(IDX_NAMES[train_split], arrays, strict=True):
                    (raw / name).write_bytes(idx_bytes(array.astype(np.uint8)))
            folders[n] = root
        return folders[n]

    return make


def one_epoch(name: str) -> TrainConfig:
    return default_config(name, epochs=1, device="cpu", seed=0)


@pytest.fixture(scope="module")
def digit_lab_run(tmp_path_factory, data_root):
    """Digit Lab's own run of a model (trained on first use, then kept), with its folder."""
    runs: dict[str, DigitLabRun] = {}

    def get(name: str) -> DigitLabRun:
        if name not in runs:
            root = data_root(TRAIN_IMAGES.get(name, 60000))
            config = one_epoch(name)
            folder = RunDirectory.create(tmp_path_factory.mktemp("runs"), config.to_dict())
            data = (load_split("mnist", True, root), load_split("mnist", False, root))
            result = train(config, run_dir=folder, data=data)
            assert result.status == "completed", result.message
            parameters = sum(p.numel() for p in result.model.parameters())
            runs[name] = DigitLabRun(config, folder.path, result.history, parameters)
        return runs[name]

    return get


@pytest.fixture(scope="module")
def no_digit_lab_env(tmp_path_factory) -> dict:
    """A child environment where importing any Digit Lab package fails at once: the venv
    has Digit Lab installed, so without this an import of it would quietly work."""
    poison = tmp_path_factory.mktemp("poison")
    for package in ("training_core", "desktop_app", "digit_lab_resources"):
        (poison / package).mkdir()
        (poison / package / "__init__.py").write_text(
            f"raise ImportError('exported code must not import {package}')\n"
        )
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(poison)}
    for name in ("HOME", "OMP_NUM_THREADS", "LANG", "TMPDIR"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def test_the_child_environment_really_cannot_import_digit_lab(no_digit_lab_env, tmp_path):
    probe = subprocess.run(
        [sys.executable, "-c", "import training_core"],
        cwd=tmp_path,
        env=no_digit_lab_env,
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "must not import training_core" in probe.stderr


@pytest.mark.parametrize("name", list(MODELS))
def test_the_exported_script_trains_as_digit_lab_does(
    name, data_root, digit_lab_run, no_digit_lab_env, tmp_path
):
    config = one_epoch(name)
    root = data_root(TRAIN_IMAGES.get(name, 60000))
    script = tmp_path / "train_mnist.py"
    source = ExportSource(config, None, "a test run")
    script.write_text(render_code(source, "script"))
    # Started first, so on two cores the script runs while Digit Lab trains its own run.
    process = subprocess.Popen(
        [sys.executable, script.name, "--data-root", str(root), "--device", "cpu"],
        cwd=tmp_path,
        env=no_digit_lab_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ours = digit_lab_run(name)
    out, err = process.communicate(timeout=100)
    assert process.returncode == 0, err
    lines = out.strip().splitlines()
    print(f"\n{name}: digit-lab {ours.line}\n{name}: script    {lines[-1]}")
    images = TRAIN_IMAGES.get(name, 60000)
    assert lines[0] == f"training on cpu: {images} images, {ours.parameters:,} parameters"
    match = EPOCH_LINE.match(lines[-1])
    assert match, lines[-1]
    script_accuracy = float(match.group(4))
    assert abs(script_accuracy - ours.history[0]["test_acc"]) <= 0.01
    assert script_accuracy >= 0.85, "well above chance, as the issue asks"


def test_the_exported_notebook_trains_as_digit_lab_does(
    data_root, digit_lab_run, no_digit_lab_env, tmp_path
):
    """The notebook's code cells, in order, as one program (no Jupyter needed here)."""
    name = "softmax-scratch"
    root = data_root(TRAIN_IMAGES.get(name, 60000))
    notebook = nbformat.reads(render_code(ExportSource(one_epoch(name), None, "x"), "notebook"), 4)
    program = "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    (tmp_path / "notebook.py").write_text(program.replace('DEVICE = "auto"', 'DEVICE = "cpu"'))
    env = {**no_digit_lab_env, "DIGIT_LAB_DATA": str(root)}  # how a notebook user points it
    done = subprocess.run(
        [sys.executable, "notebook.py"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    ours = digit_lab_run(name)
    assert abs(float(EPOCH_LINE.match(last).group(4)) - ours.history[0]["test_acc"]) <= 0.01


@pytest.mark.parametrize("name", ["bundled", *MODELS])
def test_onnx_answers_as_pytorch_does_on_mnist(name, mnist, digit_lab_run, tmp_path):
    source = read_source("bundled" if name == "bundled" else digit_lab_run(name).folder)
    checkpoint = source.checkpoint
    out = tmp_path / "model.onnx"
    write_export(source, "onnx", out)
    test = mnist[1]
    images = normalize(test.images[:PARITY_IMAGES], checkpoint.mean, checkpoint.std)
    _, probabilities = run_onnx(out, images.numpy())
    with torch.no_grad():
        expected = torch.softmax(checkpoint.build_model()(images), dim=1).numpy()
    difference = float(np.abs(probabilities - expected).max())
    print(f"\n{name}: largest |onnxruntime - PyTorch| probability {difference:.2e}")
    assert difference <= 1e-5
    assert np.array_equal(probabilities.argmax(1), expected.argmax(1))
    accuracy = float((probabilities.argmax(1) == test.labels[:PARITY_IMAGES].numpy()).mean())
    assert accuracy >= 0.8, "a trained model"
