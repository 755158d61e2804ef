"""The learning-rate range test: its curve, its rule, and its suggestion against a grid."""

from __future__ import annotations

import json
import math

import pytest
import torch

from training_core.cli import main
from training_core.config import ConfigError, default_config
from training_core.control import Control
from training_core.data import TensorSplit, is_available, load_split, resolve_data_root
from training_core.lr_finder import find_lr, suggest
from training_core.training import train


def test_curve_grows_exponentially_and_stops_when_the_loss_explodes(tiny_data):
    split = tiny_data[0]  # shuffled labels: a loss that cannot reach 0, so large steps show
    split = TensorSplit(
        split.images,
        split.labels[torch.randperm(len(split), generator=torch.Generator().manual_seed(0))],
        split.class_names,
        split.mean,
        split.std,
    )
    config = default_config("mlp", device="cpu", seed=0, batch_size=32, optimizer="momentum")
    result = find_lr(config, split, start=1e-4, end=100.0, steps=150)
    assert result.lrs[0] == pytest.approx(1e-4)
    ratios = {round(b / a, 9) for a, b in zip(result.lrs, result.lrs[1:], strict=False)}
    assert len(ratios) == 1 and ratios.pop() > 1  # one constant factor per step
    assert result.stopped_early and len(result.lrs) < 150  # lr 100 makes the loss explode
    assert 1e-4 < result.suggestion < 100
    assert len(result.losses) == len(result.raw_losses) == len(result.lrs)


def test_the_rule_is_a_fifth_of_the_rate_at_the_smoothed_minimum():
    lrs = [10 ** (-4 + i / 10) for i in range(40)]
    losses = [2.0 - i * 0.05 for i in range(30)] + [2.0] * 10  # lowest at index 29
    assert suggest(lrs, losses) == pytest.approx(lrs[29] / 5)
    assert suggest(lrs[:5], losses[:5]) is None  # too short to judge


def test_stopping_returns_no_suggestion_and_bad_range_is_refused(tiny_data):
    control = Control()
    control.stop()
    config = default_config("softmax", device="cpu")
    assert find_lr(config, tiny_data[0], control=control).suggestion is None
    with pytest.raises(ConfigError, match="start < end"):
        find_lr(config, tiny_data[0], start=1.0, end=0.1)
    with pytest.raises(ConfigError, match="start < end"):
        find_lr(config, tiny_data[0], start=1e-5, end=math.inf)


def test_a_range_near_floats_limit_is_one_line_not_an_internal_error(mnist_root, capsys):
    """--start 1e300 --end 1e308 overflowed inside the optimizer: an internal error."""
    args = ["lr-find", "--model", "softmax", "--device", "cpu", "--data-root", str(mnist_root)]
    assert main([*args, "--train-size", "200", "--start", "1e300", "--end", "1e308"]) != 0
    err = capsys.readouterr().err
    assert "the highest end is 1e+06" in err and "internal error" not in err


def test_lr_find_cli_json_and_plot(mnist_root, tmp_path, capsys):
    plot = tmp_path / "lr.png"
    args = ["lr-find", "--model", "softmax", "--device", "cpu", "--data-root", str(mnist_root)]
    assert main([*args, "--json", "--plot", str(plot)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["suggestion"] > 0 and len(result["lrs"]) == len(result["losses"])
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main([*args, "--plot", str(plot)]) == 1  # an existing file is not overwritten
    assert "--overwrite" in capsys.readouterr().err


ROOT = resolve_data_root()


@pytest.mark.slow
@pytest.mark.mnist
@pytest.mark.skipif(
    not is_available("mnist", ROOT),
    reason=f"real MNIST not found under {ROOT} (set DIGIT_LAB_DATA to a folder with MNIST/raw)",
)
@pytest.mark.parametrize("model", ["softmax", "mlp"])
def test_suggestion_is_within_3x_of_the_grids_best(model):
    """Fixed seeds, the first 10,000 training images, 1 epoch per grid point."""
    train_split = load_split("mnist", True, ROOT).subset(10_000)
    test_split = load_split("mnist", False, ROOT).subset(2_000)
    config = default_config(model, device="cpu", seed=0, epochs=1, batch_size=100)
    suggestion = find_lr(config, train_split).suggestion
    accuracy = {}
    for lr in (1e-3, 1e-2, 1e-1, 1.0):
        run = train(
            default_config(model, device="cpu", seed=0, epochs=1, batch_size=100, lr=lr),
            data=(train_split, test_split),
        )
        accuracy[lr] = run.final["test_acc"]
    best = max(accuracy, key=accuracy.get)
    assert abs(math.log(suggestion / best)) <= math.log(3), (suggestion, accuracy)
