"""Fine-tuning on the user's own digits (issue 16, item 4)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.helpers.checkpoint_files import write_base
from tests.helpers.datasets import write_idx_dataset
from tests.helpers.stroke_digits import render_digit
from tests.helpers.writer_style import writer_drawings
from training_core.checkpoints import load_checkpoint
from training_core.cli import main
from training_core.control import Control
from training_core.data import is_available, load_split, missing_message, resolve_data_root
from training_core.finetune import (
    FinetuneError,
    FinetuneOptions,
    finetune,
    split_held_out,
    split_user_digits,
)
from training_core.inference import BUNDLED_MODEL
from training_core.my_digits import MyDigits, as_stored


def test_the_held_back_part_is_seeded_and_covers_every_label():
    labels = np.repeat(np.arange(10), 8)
    train, held = split_held_out(labels, 0.25, seed=1)
    assert len(set(train) & set(held)) == 0 and len(train) + len(held) == 80
    assert sorted(set(labels[held].tolist())) == list(range(10))
    again = split_held_out(labels, 0.25, seed=1)
    assert np.array_equal(again[1], held)
    with pytest.raises(FinetuneError, match="fine-tuning needs at least 10"):
        split_user_digits(np.zeros((3, 28, 28), np.uint8), np.arange(3), 0.25, 0)


def _my_digits(folder, count=20):
    digits = MyDigits(folder)
    for i in range(count):
        digits.add(render_digit(i % 10, thickness=10 + i), i % 10)
    return digits


def test_the_cli_writes_a_loadable_checkpoint_and_the_before_after(tmp_path, capsys):
    write_base(tmp_path / "base.pt")
    write_idx_dataset(tmp_path / "data", "MNIST", n_train=300, n_test=100)
    _my_digits(tmp_path / "mine")
    args = ["finetune", str(tmp_path / "base.pt"), "--data", str(tmp_path / "mine")]
    args += ["--out", str(tmp_path / "out"), "--steps", "5", "--data-root", str(tmp_path / "data")]
    assert main([*args, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["steps"] == 5 and summary["my_digits_held_back"] == 10
    for key in ("my_digits_accuracy_before", "mnist_test_accuracy_after"):
        assert 0.0 <= summary[key] <= 1.0
    checkpoint = load_checkpoint(tmp_path / "out" / "checkpoint.pt")
    assert checkpoint.calibration is not None  # recalibrated on the (tiny) train split
    assert json.loads((tmp_path / "out" / "finetune.json").read_text())["steps"] == 5
    before = (tmp_path / "out" / "checkpoint.pt").read_bytes()
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "out" / "checkpoint.pt").read_bytes() == before
    assert main([*args, "--overwrite"]) == 0


def test_the_cli_refuses_too_few_digits_in_one_line(tmp_path, capsys):
    write_base(tmp_path / "base.pt")
    _my_digits(tmp_path / "mine", count=4)
    args = ["finetune", str(tmp_path / "base.pt"), "--data", str(tmp_path / "mine")]
    assert main([*args, "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "4 of your digits" in err and len(err.strip().splitlines()) == 1
    assert main(["finetune", "bundled", "--data", str(tmp_path / "nope"), "--out", "x"]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_a_stop_keeps_the_steps_done(tmp_path):
    write_base(tmp_path / "base.pt")
    split = load_split("mnist", True, write_idx_dataset(tmp_path / "d", "MNIST").parents[1])
    images, labels = MyDigits(_my_digits(tmp_path / "mine").folder).load()
    user, held = split_user_digits(images, labels, 0.25, 0)
    control = Control()
    seen = []

    def report(progress):
        seen.append(progress.stage)
        if progress.stage == "training" and progress.step >= 20:
            control.stop()

    result = finetune(
        load_checkpoint(tmp_path / "base.pt"),
        user,
        held,
        split,
        split,
        FinetuneOptions(steps=100),
        report,
        control,
    )
    assert result.stopped and 20 <= result.steps_done < 100
    assert seen[0] == "measuring" and "calibrating" not in seen


@pytest.mark.slow
@pytest.mark.mnist
@pytest.mark.timeout(300)  # ~25 s alone; two MNIST test passes wait long on a busy machine
def test_fine_tuning_learns_a_new_hand_without_forgetting_mnist():
    """50 drawings of a heavily slanted, thick-pen writer with serifs on 1 and crossbars on
    7 (tests/helpers/writer_style.py, made from MNIST *test* digits 5000-5159); 110 held back."""
    root = resolve_data_root(None)
    if not is_available("mnist", root):
        pytest.skip(missing_message("mnist", root))
    train, test = load_split("mnist", True, root), load_split("mnist", False, root)
    pick = np.arange(5000, 5160)
    labels = test.labels[pick].numpy()
    stored = np.stack([as_stored(d) for d in writer_drawings(test.images[pick].numpy(), labels)])
    checkpoint = load_checkpoint(BUNDLED_MODEL)
    result = finetune(
        checkpoint,
        (stored[:50], labels[:50]),
        (stored[50:], labels[50:]),
        train,
        test,
        FinetuneOptions(steps=120, recalibrate=False),
    )
    print(
        f"writer: {result.user_before:.1%} -> {result.user_after:.1%}; "
        f"MNIST test: {result.mnist_before:.2%} -> {result.mnist_after:.2%}"
    )
    assert result.held_count >= 100
    assert result.user_after - result.user_before >= 0.10
    assert result.mnist_before - result.mnist_after < 0.005
