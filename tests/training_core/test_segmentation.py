"""Whole numbers: an image of several digits is read digit by digit, left to right."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from tests.helpers import handwriting_sets as sets
from tests.helpers.handwriting_sets import drawn_number
from tests.helpers.stroke_digits import render_digit
from training_core import cli
from training_core.image_io import save_png
from training_core.inference import Predictor
from training_core.preprocessing import NothingDrawn, prepare_digit
from training_core.segmentation import split_digits

MIN_NUMBER_ACCURACY = 0.95  # all digits right, numbers with gaps
NUMBER_COUNT = 200
TOUCHING_COUNT = 60


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.bundled()


def test_a_drawn_number_is_read_left_to_right_with_boxes(predictor):
    image = drawn_number(2, 0, 2, 6)
    prediction = predictor.predict_image(image)
    assert prediction.text == "2026"
    boxes = [d.box for d in prediction.digits]
    assert [b[0] for b in boxes] == sorted(b[0] for b in boxes)
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 < x1 <= image.shape[1] and 0 <= y0 < y1 <= image.shape[0]
        assert (image[y0:y1, x0:x1] < 128).any()
    for a, b in zip(boxes, boxes[1:], strict=False):
        assert a[2] <= b[0]  # digits with gaps: boxes do not overlap
    assert all(d.digit.shape == (28, 28) for d in prediction.digits)


def test_one_clean_digit_gives_exactly_what_it_gave_before(predictor):
    image = render_digit(4, 80, (70, 200), 8, 10)
    image[5:7, 5:7] = 0  # a stray dot stays part of the drawing, as it always was
    prediction = predictor.predict_image(image)
    before = predictor.predict_digit(prepare_digit(image))
    np.testing.assert_array_equal(prediction.probabilities, before.probabilities)
    np.testing.assert_array_equal(prediction.digit, before.digit)
    assert prediction.text == before.class_name and len(prediction.digits) == 1


def test_broken_strokes_and_a_detached_hat_stay_one_digit():
    image = np.full((200, 200), 255, np.uint8)
    image[60:150, 70:80] = 0  # the 5's back and belly: one piece ...
    image[140:150, 70:140] = 0
    image[50:58, 95:150] = 0  # ... and its hat, apart and off to the right
    found = split_digits(image)
    assert len(found.digits) == 1
    assert found.digits[0].box == (70, 50, 150, 150)


def test_touching_digits_are_cut_at_the_column_of_least_ink():
    image = drawn_number(0, 0, gap=0)
    image[:, 100:] = np.minimum(image[:, 100:], np.roll(image, 0, axis=1)[:, 100:])
    found = split_digits(image)
    assert len(found.digits) == 2


def test_nothing_but_paper_is_nothing_drawn():
    with pytest.raises(NothingDrawn):
        split_digits(np.full((100, 300), 255, np.uint8))


def test_predict_json_gives_text_and_each_digit(tmp_path, capsys):
    number, single = tmp_path / "number.png", tmp_path / "seven.png"
    save_png(number, drawn_number(1, 9, 7))
    save_png(single, render_digit(7))
    assert cli.main(["predict", "bundled", str(number), str(single), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["text"] == "197" and lines[0]["label"] == "197"
    assert [d["label"] for d in lines[0]["digits"]] == ["1", "9", "7"]
    for d in lines[0]["digits"]:
        assert len(d["box"]) == 4 and abs(sum(d["probabilities"].values()) - 1) < 1e-6
        assert isinstance(d["confident"], bool)
    one = lines[1]
    assert one["text"] == one["label"] == "7" and len(one["digits"]) == 1
    assert one["digits"][0]["probabilities"] == one["probabilities"]
    assert set(one) >= {"path", "label", "probabilities", "confident", "text", "digits"}
    assert cli.main(["predict", "bundled", str(number)]) == 0
    assert capsys.readouterr().out.startswith(f"{number}: 197 (digits: 1 ")


@pytest.mark.slow
@pytest.mark.mnist
@pytest.mark.parametrize(
    ("kind", "count", "seed", "touching_share", "floor"),
    [
        ("gaps", NUMBER_COUNT, 2, 0.0, MIN_NUMBER_ACCURACY),
        # Measured, no floor given: 0.5 only guards against breaking the cut.
        ("touching", TOUCHING_COUNT, 3, 1.0, 0.5),
    ],
)
def test_numbers_of_mnist_test_digits_are_read_whole(
    predictor, kind, count, seed, touching_share, floor
):
    images, labels = sets.mnist_test_digits()
    samples = sets.number_set(images, labels, count, seed, touching_share)
    misses = []
    start = time.perf_counter()
    for i, sample in enumerate(samples):
        text = predictor.predict_image(sample.image).text
        if text != sample.text:
            misses.append((i, sample.text, text))
    seconds = (time.perf_counter() - start) / len(samples)
    accuracy = 1 - len(misses) / len(samples)
    print(f"numbers, {kind}: {accuracy:.4f} all digits right, {seconds * 1e3:.0f} ms each")
    assert accuracy >= floor, misses


def test_time_to_read_a_four_digit_number(predictor):
    image = drawn_number(2, 0, 2, 6)
    predictor.predict_image(image)
    start = time.perf_counter()
    for _ in range(5):
        predictor.predict_image(image)
    per_number = (time.perf_counter() - start) / 5
    print(f"a 4-digit number: {per_number * 1e3:.0f} ms")
    assert per_number < 2.0
