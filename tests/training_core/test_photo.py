"""Photos of paper: the clean-up keeps the ink and drops the paper, the light and the noise."""

from __future__ import annotations

import time

import numpy as np
import pytest

from tests.helpers import handwriting_sets as sets
from tests.helpers.handwriting_sets import photographed
from tests.helpers.stroke_digits import render_digit
from training_core.inference import Predictor
from training_core.photo import clean_photo, looks_like_photo
from training_core.preprocessing import NothingDrawn

MIN_PHOTO_ACCURACY = 0.98
PHOTO_COUNT = 300  # about 60 s on one busy core


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.bundled()


def test_clean_drawings_are_not_photos_and_photos_are():
    drawing = render_digit(3)
    assert not looks_like_photo(drawing)  # the canvas: black on white
    assert not looks_like_photo(255 - drawing)  # MNIST's way: white on black
    assert not looks_like_photo(np.stack([drawing] * 3, axis=2))  # gray saved as RGB
    assert looks_like_photo(photographed(drawing))
    assert looks_like_photo(photographed(drawing, paper=(0.95, 0.95, 0.95), gradient=0.0))  # noise
    blue = np.stack([drawing, drawing, np.full_like(drawing, 255)], axis=2)  # blue ink on white
    assert looks_like_photo(blue)


def test_clean_up_keeps_the_stroke_and_removes_a_lighting_gradient():
    drawing = render_digit(7)
    cleaned = clean_photo(photographed(drawing))
    stroke = drawing < 128
    assert cleaned.scale == 1.0 and cleaned.ink.shape == drawing.shape
    found = cleaned.ink >= 0.5
    # Nearly all of the stroke is ink, and nearly nothing else is, on the dark side too.
    assert (found & stroke).sum() >= 0.9 * stroke.sum()
    assert (found & ~stroke).sum() <= 0.1 * stroke.sum()
    assert cleaned.ink[:, -40:][~stroke[:, -40:]].max() < 0.5  # the darkest paper stays paper


def test_a_blank_noisy_page_under_uneven_light_holds_no_digit(predictor):
    page = photographed(np.full((240, 320), 255, np.uint8), noise=0.05)
    assert looks_like_photo(page)
    with pytest.raises(NothingDrawn):
        predictor.predict_image(page)


def test_specks_and_light_ink_on_dark_paper():
    drawing = render_digit(4)
    photo = photographed(drawing)
    photo[20:23, 250:253] = 0  # a speck of dust
    ink = clean_photo(photo).ink
    assert ink[15:28, 245:258].max() == 0
    chalk = 255 - photographed(drawing, paper=(0.9, 0.9, 0.9), gradient=0.2)  # light on dark
    ink = clean_photo(chalk).ink
    assert (ink >= 0.5)[drawing < 128].mean() > 0.85


def test_a_big_photo_is_cleaned_at_a_reduced_size_and_quickly():
    drawing = np.kron(render_digit(5), np.ones((6, 6), np.uint8))  # 1680 x 1680
    photo = photographed(drawing, noise=0.01)
    start = time.perf_counter()
    cleaned = clean_photo(photo)
    assert time.perf_counter() - start < 5.0
    assert cleaned.scale == 5.0 and max(cleaned.ink.shape) <= 400


@pytest.mark.parametrize("shape", [(1, 1), (1, 5000), (3, 3, 3), (50, 50, 4)])
def test_degenerate_images_are_an_answer_or_nothing_drawn(predictor, shape):
    image = np.random.default_rng(1).integers(0, 256, shape, dtype=np.uint8)
    try:
        prediction = predictor.predict_image(image)
    except NothingDrawn:
        return
    assert prediction.text.isdigit()


@pytest.mark.slow
@pytest.mark.mnist
def test_photos_of_mnist_test_digits_are_read_through_predict(predictor):
    images, labels = sets.mnist_test_digits()
    samples = sets.photo_set(images, labels, PHOTO_COUNT, seed=1)
    misses = []
    for i, sample in enumerate(samples):
        try:
            text = predictor.predict_image(sample.image).text
        except NothingDrawn:
            text = ""
        if text != sample.text:
            misses.append((i, sample.text, text))
    accuracy = 1 - len(misses) / len(samples)
    print(f"photos: {len(samples) - len(misses)}/{len(samples)} = {accuracy:.4f}; {misses}")
    assert accuracy >= MIN_PHOTO_ACCURACY, misses


def test_image_tools_clean_up_step_gives_black_ink_on_white_at_the_same_size():
    from training_core.imaging import apply_step, default_step

    drawing = render_digit(2)
    out = apply_step(photographed(drawing), default_step("clean_photo"))
    assert out.shape == drawing.shape and out.dtype == np.float64
    assert out.min() >= 0.0 and out.max() <= 1.0
    assert (out < 0.5)[drawing < 128].mean() > 0.85  # the stroke is ink ...
    assert (out > 0.95)[drawing > 250].mean() > 0.97  # ... and the tinted, shaded paper white
