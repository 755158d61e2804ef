"""Honest doubt (issue 16, item 3): every prediction says whether it is confident.

The measured sets are built here from MNIST *test* digits and from non-digit families that
the bundled model's calibration never saw: it was fitted on MNIST *train* digits, and its
percentile chosen on scribbles and hatching only (scripts/calibrate_bundled_model.py).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from tests.helpers.checkpoint_files import write_base
from tests.helpers.non_digits import non_digits, user_drawn_mnist
from training_core.calibration import calibrate
from training_core.checkpoints import load_checkpoint, save_checkpoint
from training_core.cli import main
from training_core.confidence import FALLBACK_THRESHOLD
from training_core.data import is_available, load_split, missing_message, resolve_data_root
from training_core.export_onnx import onnx_metadata
from training_core.inference import Predictor
from training_core.preprocessing import NothingDrawn

MEASURED_FAMILIES = ("blobs", "crosses", "random_strokes", "spirals")  # never fitted on
MIN_CONFIDENT_DIGITS = 0.95
MIN_DOUBTED_NON_DIGITS = 0.80


@pytest.fixture(scope="module")
def bundled():
    return Predictor.bundled()


def test_the_bundled_model_carries_a_calibration_that_survives_a_save(bundled, tmp_path):
    calibration = bundled.checkpoint.calibration
    assert calibration is not None and calibration.conv is not None
    assert 98.0 <= calibration.percentile <= 99.5
    checkpoint = bundled.checkpoint
    path = save_checkpoint(
        tmp_path / "copy.pt",
        model=checkpoint.build_model(),
        config=checkpoint.config,
        class_names=checkpoint.class_names,
        mean=checkpoint.mean,
        std=checkpoint.std,
        history=checkpoint.history,
        epoch=checkpoint.epoch,
        calibration=calibration,
    )
    again = load_checkpoint(path).calibration
    assert again.head.threshold == calibration.head.threshold
    assert torch.equal(again.conv.precision, calibration.conv.precision)
    assert onnx_metadata(checkpoint)["digit_lab.confidence_threshold"] == repr(
        calibration.softmax_threshold
    )


def test_a_scribble_is_not_confident_and_a_drawn_digit_is(bundled):
    page = np.full((280, 280), 255, np.uint8)
    page[60:220, 130:150] = 0  # a plain "1"
    assert bundled.predict_image(page).confident
    blob = non_digits("blobs", 1, seed=5)[0]
    assert not bundled.predict_image(blob).confident


def test_a_model_without_calibration_falls_back_to_the_top_probability(tmp_path):
    write_base(tmp_path / "old.pt")
    predictor = Predictor.from_path(tmp_path / "old.pt")
    assert predictor.checkpoint.calibration is None
    rng = np.random.default_rng(0)
    for _ in range(5):
        prediction = predictor.predict_digit(rng.random((28, 28)).astype(np.float32))
        assert prediction.confident == (prediction.confidence >= FALLBACK_THRESHOLD)


def test_predict_json_carries_confident(tmp_path, capsys):
    page = np.full((280, 280), 255, np.uint8)
    page[60:220, 130:150] = 0
    from PIL import Image

    Image.fromarray(page).save(tmp_path / "one.png")
    Image.fromarray(non_digits("blobs", 1, seed=5)[0]).save(tmp_path / "blob.png")
    assert (
        main(
            ["predict", "bundled", str(tmp_path / "one.png"), str(tmp_path / "blob.png"), "--json"]
        )
        == 0
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["confident"] for line in lines] == [True, False]


def test_calibrating_a_small_model_on_tiny_data_gives_a_loadable_checkpoint(tmp_path):
    from tests.helpers.datasets import synthetic_split

    write_base(tmp_path / "base.pt")
    checkpoint = load_checkpoint(tmp_path / "base.pt")
    split = synthetic_split(200, seed=3)
    model = checkpoint.build_model()
    calibration = calibrate(model, split.images, split.labels, split.mean, split.std)
    assert calibration.conv is None and calibration.head.means.shape == (10, 784)
    save_checkpoint(
        tmp_path / "calibrated.pt",
        model=model,
        config=checkpoint.config,
        class_names=checkpoint.class_names,
        mean=checkpoint.mean,
        std=checkpoint.std,
        history=checkpoint.history,
        epoch=checkpoint.epoch,
        calibration=calibration,
    )
    loaded = Predictor.from_path(tmp_path / "calibrated.pt")
    assert loaded.checkpoint.calibration is not None
    assert isinstance(loaded.predict_digit(np.eye(28, dtype=np.float32)).confident, bool)


def _confident_share(predictor, drawings) -> tuple[float, int]:
    flags = []
    for drawing in drawings:
        try:
            flags.append(predictor.predict_image(drawing).confident)
        except NothingDrawn:
            continue
    return float(np.mean(flags)), len(flags)


@pytest.mark.slow
@pytest.mark.timeout(300)  # ~20 s alone; long on a busy machine
@pytest.mark.mnist
def test_confident_on_user_drawn_mnist_test_digits(bundled):
    """600 MNIST *test* digits drawn as on the canvas (tests/helpers/non_digits.py), read
    through ``predict_image`` like the Draw tab and ``digit-lab predict``."""
    root = resolve_data_root(None)
    if not is_available("mnist", root):
        pytest.skip(missing_message("mnist", root))
    test = load_split("mnist", False, root)
    pick = np.random.default_rng(16).choice(len(test), 600, replace=False)
    digits = user_drawn_mnist(test.images[pick].numpy(), seed=16)
    predictions = [bundled.predict_image(d) for d in digits]
    confident = np.mean([p.confident for p in predictions])
    labels = test.labels[pick].tolist()
    accuracy = np.mean([p.text == str(y) for p, y in zip(predictions, labels, strict=True)])
    split = np.mean([len(p.text) != 1 for p in predictions])
    print(
        f"user-drawn MNIST test digits: {confident:.1%} confident, read right {accuracy:.1%} "
        f"(read as more than one digit: {split:.1%})"
    )
    assert confident >= MIN_CONFIDENT_DIGITS


@pytest.mark.slow
@pytest.mark.timeout(300)  # ~20 s alone; long on a busy machine
def test_not_confident_on_non_digit_families_never_fitted_on(bundled):
    """80 drawings of each family the calibration never saw, read like the Draw tab."""
    doubted = {}
    for family in MEASURED_FAMILIES:
        share, count = _confident_share(bundled, non_digits(family, 80, seed=16))
        doubted[family] = 1 - share
        assert count >= 75
    overall = float(np.mean(list(doubted.values())))
    shares = ", ".join(f"{k} {v:.0%}" for k, v in doubted.items())
    print(f"non-digits not confident: {overall:.1%} ({shares})")
    assert overall >= MIN_DOUBTED_NON_DIGITS
    assert min(doubted.values()) >= 0.5, doubted  # no family mostly waved through
