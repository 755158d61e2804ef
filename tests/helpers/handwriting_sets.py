"""Test sets built from MNIST *test* digits: photos of digits on paper, and whole numbers.

The bundled model never saw these digits (they are the test split), and nothing in the
photo clean-up or the segmentation was fitted on them. Every set is seeded, so a run is
repeatable; the ranges are named constants so docs/handwriting.md can quote them.

* :func:`photo_set`: one digit, enlarged, printed in coloured ink on grey or tinted paper
  under a lighting gradient, blurred, with sensor noise, saved as JPEG and decoded again.
* :func:`number_set`: 2-5 digits side by side in black ink on white paper, at one height
  with a little jitter, separated by gaps, or with one pair of neighbours touching.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image
from scipy import ndimage

from tests.helpers.stroke_digits import render_digit

# -- photos --------------------------------------------------------------------------------
PHOTO_DIGIT_HEIGHT = (80, 200)  # pixels: the 28x28 digit is enlarged to this height
PHOTO_MARGIN = (0.15, 0.6)  # paper around the digit, as a share of its size, each side
PAPER_LEVEL = (0.45, 0.95)  # the paper's brightness (1 = white)
PAPER_TINT = 0.15  # each channel of the paper scaled by 1 - up to this (tinted paper)
LIGHT_GRADIENT = (0.0, 0.45)  # brightness lost from one side of the photo to the other
INK_COLOURS = {  # RGB in [0, 1]: the pens people use
    "black": (0.08, 0.08, 0.1),
    "blue": (0.1, 0.2, 0.65),
    "red": (0.7, 0.1, 0.1),
    "green": (0.1, 0.45, 0.2),
    "pencil": (0.35, 0.35, 0.38),
}
BLUR_SIGMA = (0.0, 1.5)  # pixels of Gaussian blur (focus, motion)
SENSOR_NOISE = (0.0, 0.06)  # standard deviation of Gaussian noise (on [0, 1])
JPEG_QUALITY = (40, 95)

# -- numbers -------------------------------------------------------------------------------
NUMBER_LENGTH = (2, 5)  # digits per number
NUMBER_DIGIT_HEIGHT = (40, 80)  # pixels
HEIGHT_JITTER = 0.1  # each digit's height varies by up to this share
GAP = (0.15, 0.6)  # the gap between neighbours, as a share of the digit height
TOUCH_OVERLAP = (0.0, 0.08)  # touching pairs: boxes overlap by up to this share of height


@dataclass(frozen=True)
class Sample:
    image: np.ndarray  # uint8 (H, W) or (H, W, 3)
    text: str  # the digits, left to right
    touching: bool = False  # a number with a pair of touching neighbours


def mnist_test_digits(root=None) -> tuple[np.ndarray, np.ndarray]:
    """The MNIST test split as uint8 [N, 28, 28] and labels [N] (pytest skips without it)."""
    import pytest

    from training_core.data import is_available, load_split, missing_message, resolve_data_root

    root = resolve_data_root(root)
    if not is_available("mnist", root):
        pytest.skip(missing_message("mnist", root))
    split = load_split("mnist", False, root)
    return split.images.numpy(), split.labels.numpy()


def _enlarge(digit: np.ndarray, height: int) -> np.ndarray:
    """A 28x28 uint8 digit -> float ink in [0, 1] at ``height`` pixels (bilinear)."""
    image = Image.fromarray(digit).resize((height, height), Image.Resampling.BILINEAR)
    return np.asarray(image, np.float32) / 255.0


def photo(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One MNIST digit as a photo of paper: uint8 RGB (see the module docstring)."""
    ink = _enlarge(digit, int(rng.integers(*PHOTO_DIGIT_HEIGHT, endpoint=True)))
    size = ink.shape[0]
    pads = [int(size * rng.uniform(*PHOTO_MARGIN)) for _ in range(4)]
    ink = np.pad(ink, ((pads[0], pads[1]), (pads[2], pads[3])))
    h, w = ink.shape
    paper = rng.uniform(*PAPER_LEVEL) * (1.0 - rng.uniform(0, PAPER_TINT, 3))
    angle = rng.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w]
    ramp = (np.cos(angle) * xx / w + np.sin(angle) * yy / h) * 0.5 + 0.5
    light = 1.0 - rng.uniform(*LIGHT_GRADIENT) * ramp
    colour = np.array(INK_COLOURS[rng.choice(list(INK_COLOURS))])
    alpha = ink[..., None]
    rgb = (paper * (1 - alpha) + colour * alpha) * light[..., None]
    sigma = rng.uniform(*BLUR_SIGMA)
    if sigma > 0.05:
        rgb = ndimage.gaussian_filter(rgb, sigma=(sigma, sigma, 0))
    rgb = rgb + rng.normal(0, rng.uniform(*SENSOR_NOISE), rgb.shape)
    return _jpeg(np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8), rng)


def _jpeg(rgb: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    buffer = io.BytesIO()
    quality = int(rng.integers(*JPEG_QUALITY, endpoint=True))
    Image.fromarray(rgb).save(buffer, format="JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))


def photographed(gray: np.ndarray, paper=(0.62, 0.58, 0.5), gradient=0.4, noise=0.03, seed=0):
    """A clean black-on-white drawing as if photographed: tinted paper, light from the left."""
    rng = np.random.default_rng(seed)
    ink = 1.0 - gray.astype(np.float32) / 255.0
    h, w = ink.shape
    light = 1.0 - gradient * np.linspace(0, 1, w)[None, :]
    rgb = (np.array(paper) * (1 - ink[..., None]) + 0.1 * ink[..., None]) * light[..., None]
    rgb += rng.normal(0, noise, rgb.shape)
    return np.clip(rgb * 255 + 0.5, 0, 255).astype(np.uint8)


def drawn_number(*digits: int, gap: int = 30) -> np.ndarray:
    """Canvas-style digits (black on white) next to each other, each cropped to its ink."""
    pieces = []
    for d in digits:
        image = render_digit(d, height=160)
        cols = np.flatnonzero((image < 128).any(axis=0))
        pieces.append(image[:, cols[0] : cols[-1] + 1])
        pieces.append(np.full((image.shape[0], gap), 255, np.uint8))
    return np.concatenate([np.full((280, gap), 255, np.uint8), *pieces], axis=1)


def photo_set(images: np.ndarray, labels: np.ndarray, n: int, seed: int = 0) -> list[Sample]:
    rng = np.random.default_rng(seed)
    picks = rng.choice(len(images), n, replace=False)
    return [Sample(photo(images[i], rng), str(int(labels[i]))) for i in picks]


def _tight(digit: np.ndarray) -> np.ndarray:
    """A digit's ink cropped to its bounding box."""
    rows = np.flatnonzero(digit.max(1) > 0)
    cols = np.flatnonzero(digit.max(0) > 0)
    return digit[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def number(
    digits: list[np.ndarray], rng: np.random.Generator, touch_at: int | None = None
) -> np.ndarray:
    """Digits side by side, black on white uint8; ``touch_at`` i makes digits i and i+1
    touch (their ink overlaps by a few pixels, drawn as one)."""
    height = int(rng.integers(*NUMBER_DIGIT_HEIGHT, endpoint=True))
    pieces = []
    for digit in digits:
        crop = _tight(digit)
        h = max(8, int(height * (1 + rng.uniform(-HEIGHT_JITTER, HEIGHT_JITTER))))
        w = max(2, round(crop.shape[1] * h / crop.shape[0]))
        pieces.append(np.asarray(Image.fromarray(crop).resize((w, h), Image.Resampling.BILINEAR)))
    margin = height // 2
    width = sum(p.shape[1] for p in pieces) + int(GAP[1] * height) * len(pieces) + 2 * margin
    canvas = np.zeros((height * 2 + 2 * margin, width), np.float32)
    x = margin
    for i, piece in enumerate(pieces):
        y = margin + height // 2 + int(rng.integers(-height // 10, height // 10 + 1))
        region = canvas[y : y + piece.shape[0], x : x + piece.shape[1]]
        np.maximum(region, piece / 255.0, out=region)
        if i == len(pieces) - 1:
            break
        if touch_at == i:
            x = _touching_x(canvas, pieces[i + 1], x + piece.shape[1], y, rng, height)
        else:
            x += piece.shape[1] + int(rng.uniform(*GAP) * height)
    canvas = canvas[:, : x + pieces[-1].shape[1] + margin]
    return (255 - canvas * 255 + 0.5).clip(0, 255).astype(np.uint8)


def _touching_x(canvas, nxt, right, y, rng, height) -> int:
    """Where the next digit starts so that its ink just meets the ink already drawn."""
    overlap = int(rng.uniform(*TOUCH_OVERLAP) * height)
    for x in range(right - nxt.shape[1] // 2, right + height):
        region = canvas[y : y + nxt.shape[0], x : x + nxt.shape[1]]
        if region.shape != nxt.shape:
            break
        if not ((region > 0.3) & (nxt / 255.0 > 0.3)).any():
            return max(x - overlap, 0) if overlap else x - 1
    return right


def number_set(
    images: np.ndarray,
    labels: np.ndarray,
    n: int,
    seed: int = 0,
    touching_share: float = 0.0,
) -> list[Sample]:
    rng = np.random.default_rng(seed)
    samples = []
    for _ in range(n):
        length = int(rng.integers(*NUMBER_LENGTH, endpoint=True))
        picks = rng.choice(len(images), length, replace=False)
        touch = int(rng.integers(length - 1)) if rng.random() < touching_share else None
        image = number([images[i] for i in picks], rng, touch)
        text = "".join(str(int(labels[i])) for i in picks)
        samples.append(Sample(image, text, touch is not None))
    return samples
