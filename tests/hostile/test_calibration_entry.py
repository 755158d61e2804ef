"""Hostile ``calibration`` entries (issue 16): the doubt calibration a checkpoint carries is
checked like every other field, and an old file without one still loads."""

from __future__ import annotations

import math

import pytest
import torch

from tests.helpers.checkpoint_files import read_payload
from training_core.checkpoints import CheckpointError, load_checkpoint
from training_core.inference import BUNDLED_MODEL


@pytest.fixture(scope="module")
def payload():
    return read_payload(BUNDLED_MODEL)


def _cal(p):
    return p["calibration"]


CASES = {
    "not a dict": (lambda p: p.__setitem__("calibration", [1, 2]), "calibration must be a dict"),
    "a field missing": (lambda p: _cal(p).pop("head_threshold"), "calibration must be a dict"),
    "an extra field": (lambda p: _cal(p).__setitem__("evil", 1), "unexpected field 'evil'"),
    "NaN threshold": (
        lambda p: _cal(p).__setitem__("head_threshold", math.nan),
        "head_threshold must be a finite number",
    ),
    "negative threshold": (
        lambda p: _cal(p).__setitem__("conv_threshold", -1.0),
        "conv_threshold must be a finite number",
    ),
    "ink over 1": (lambda p: _cal(p).__setitem__("ink_threshold", 3.0), "ink_threshold"),
    "percentile as text": (lambda p: _cal(p).__setitem__("percentile", "99"), "percentile"),
    "threshold a bool": (lambda p: _cal(p).__setitem__("softmax_threshold", True), "softmax"),
    "means wrong shape": (
        lambda p: _cal(p).__setitem__("head_means", torch.zeros(10, 5)),
        r"head_means must be float32 of shape \[10, 128\]",
    ),
    "precision wrong dtype": (
        lambda p: _cal(p).__setitem__("head_precision", _cal(p)["head_precision"].double()),
        "head_precision must be float32",
    ),
    "precision infinite": (
        lambda p: _cal(p)["conv_precision"].__setitem__((0, 0), math.inf),
        "conv_precision holds NaN or infinite",
    ),
    "means a list": (lambda p: _cal(p).__setitem__("conv_means", [[0.0]]), "dense tensor"),
    "sparse means": (
        lambda p: _cal(p).__setitem__("head_means", _cal(p)["head_means"].to_sparse()),
        "dense tensor",
    ),
    "huge tensor": (
        lambda p: _cal(p).__setitem__("head_precision", torch.zeros(5000, 5000)),
        "head_precision must be float32 of shape",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_calibration_is_refused_in_one_line(payload, tmp_path, name):
    edit, match = CASES[name]
    p = {
        **payload,
        "calibration": {
            k: (v.clone() if isinstance(v, torch.Tensor) else v)
            for k, v in payload["calibration"].items()
        },
    }
    edit(p)
    path = tmp_path / "edited.pt"
    torch.save(p, path)
    with pytest.raises(CheckpointError, match=match) as info:
        load_checkpoint(path)
    message = str(info.value)
    assert "\n" not in message and len(message) <= 300 and message.startswith("edited.pt: ")


def test_a_calibration_for_a_model_without_convolutions_cannot_carry_conv_gates(
    base_file, payload, tmp_path
):
    p = read_payload(base_file)  # softmax regression: features are the 784 pixels
    p["calibration"] = {k: v for k, v in payload["calibration"].items()}
    path = tmp_path / "mixed.pt"
    torch.save(p, path)
    with pytest.raises(CheckpointError, match="unexpected field 'conv_means'"):
        load_checkpoint(path)


def test_a_checkpoint_without_calibration_still_loads(payload, tmp_path):
    p = dict(payload)
    del p["calibration"]
    torch.save(p, tmp_path / "old.pt")
    assert load_checkpoint(tmp_path / "old.pt").calibration is None
