"""The model bundled in resources/: small, offline, accurate, and robust to how people draw."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.helpers.stroke_digits import render_digit, variants
from training_core.checkpoints import load_checkpoint
from training_core.config import TrainConfig
from training_core.data import is_available, load_split, missing_message, resolve_data_root
from training_core.evaluation import evaluate
from training_core.inference import BUNDLED_MODEL, Predictor

MIN_STROKE_HIT_RATE = 0.95
MIN_MNIST_ACCURACY = 0.994


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.bundled()


@pytest.fixture
def one_thread():
    """Single images run fastest on one core (as in the Draw tab's worker)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_bundled_model_is_a_small_inference_only_mnist_cnn():
    assert BUNDLED_MODEL.is_file()
    assert BUNDLED_MODEL.stat().st_size <= 2 * 1024 * 1024
    checkpoint = load_checkpoint(BUNDLED_MODEL)
    assert checkpoint.model_name == "cnn-wide"  # saved as "cnn" before the rename
    assert checkpoint.config["dataset"] == "mnist"
    assert TrainConfig.from_dict(checkpoint.config).augment == "draw"
    assert checkpoint.optimizer_state is None
    assert checkpoint.class_names == tuple(str(d) for d in range(10))


def test_plainly_drawn_digits_are_all_recognised_with_confidence(predictor, one_thread):
    for digit in range(10):
        prediction = predictor.predict_image(render_digit(digit))
        assert prediction.label == digit, prediction.top(3)
        assert prediction.confidence > 0.9, (digit, prediction.top(3))


def test_stroke_drawn_digits_small_large_off_centre_thick_thin_slanted(predictor, one_thread):
    results = [
        (name, digit, predictor.predict_image(image).label) for name, digit, image in variants()
    ]
    misses = [(name, label) for name, digit, label in results if label != digit]
    rate = 1 - len(misses) / len(results)
    print(f"stroke-drawn digits: {len(results) - len(misses)}/{len(results)} = {rate:.4f}")
    assert len(results) == 270
    assert rate >= MIN_STROKE_HIT_RATE, misses
    per_digit = np.bincount([d for _, d, label in results if label == d], minlength=10)
    assert per_digit.min() >= 24, per_digit  # no digit left behind (27 variants each)


@pytest.mark.slow
@pytest.mark.mnist
def test_bundled_model_accuracy_on_the_mnist_test_set():
    root = resolve_data_root(None)
    if not is_available("mnist", root):
        pytest.skip(missing_message("mnist", root))
    checkpoint = load_checkpoint(BUNDLED_MODEL)
    result = evaluate(checkpoint.build_model("cpu"), load_split("mnist", False, root))
    print(f"bundled model MNIST test accuracy: {result.accuracy:.4f}")
    assert result.accuracy >= MIN_MNIST_ACCURACY
