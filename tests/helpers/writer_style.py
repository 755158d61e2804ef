"""A synthetic writer whose hand MNIST lacks, for the fine-tuning test.

Made from MNIST *test* digits by one fixed transform, drawn as on the canvas (black ink on a
280x280 white page): a strong forward slant (sheared by ``SHEAR``, about 42 degrees), a
thick pen (ink spread by ``PEN`` grey dilations at 4x scale), a wide flat base serif under
every 1 and a crossbar through every 7. The bundled model reads this hand markedly worse
than MNIST's (about 73% against 99%); a few dozen examples are enough to learn it.
"""

from __future__ import annotations

import numpy as np
from PIL import Image
from scipy import ndimage

SHEAR = 0.9  # x shift per unit of height: a strong forward slant (about 42 degrees)
PEN = 4  # grey dilations at 4x scale: a thick pen
SCALE = 4


def _ink_box(ink: np.ndarray) -> tuple[int, int, int, int]:
    rows = np.flatnonzero(ink.max(1) > 0.3)
    cols = np.flatnonzero(ink.max(0) > 0.3)
    return rows[0], rows[-1], cols[0], cols[-1]


def writer_drawing(image: np.ndarray, label: int) -> np.ndarray:
    """One MNIST digit (28x28 uint8, white on black) in the writer's hand: (280, 280)
    uint8, black on white."""
    big = (
        np.asarray(
            Image.fromarray(np.asarray(image, np.uint8)).resize(
                (28 * SCALE, 28 * SCALE), Image.Resampling.BILINEAR
            ),
            np.float32,
        )
        / 255.0
    )
    size = big.shape[0]
    pad = size // 2
    big = np.pad(big, pad)
    centre = big.shape[0] / 2
    # output (r, c) reads input (r, c + SHEAR * (r - centre)): rows above lean left
    matrix = np.array([[1.0, 0.0], [SHEAR, 1.0]])
    offset = np.array([0.0, -SHEAR * centre])
    ink = ndimage.affine_transform(big, matrix, offset=offset, order=1)
    for _ in range(PEN):
        ink = ndimage.grey_dilation(ink, size=(3, 3))
    top, bottom, left, right = _ink_box(ink)
    height = bottom - top
    thick = max(4, height // 9)
    if label == 1:  # a wide flat base serif
        mid = int(np.mean(np.flatnonzero(ink[bottom - thick : bottom + 1].max(0) > 0.3)))
        half = max(height // 4, 10)
        ink[bottom - thick : bottom + 1, mid - half : mid + half] = 1.0
    if label == 7:  # a crossbar through the stem
        row = top + height // 2
        cols = np.flatnonzero(ink[row] > 0.3)
        mid = int(cols.mean()) if len(cols) else (left + right) // 2
        half = max(height // 5, 8)
        ink[row - thick // 2 : row + thick // 2 + 1, mid - half : mid + half] = 1.0
    top, bottom, left, right = _ink_box(ink)
    crop = ink[max(0, top - 8) : bottom + 9, max(0, left - 8) : right + 9]
    page = np.zeros((280, 280), np.float32)
    scale = 200 / max(crop.shape)
    shape = (max(1, int(crop.shape[1] * scale)), max(1, int(crop.shape[0] * scale)))
    small = np.asarray(
        Image.fromarray((np.clip(crop, 0, 1) * 255).astype(np.uint8)).resize(
            shape, Image.Resampling.LANCZOS
        )
    )
    y, x = (280 - small.shape[0]) // 2, (280 - small.shape[1]) // 2
    page[y : y + small.shape[0], x : x + small.shape[1]] = small / 255.0
    return (255 - page * 255).astype(np.uint8)


def writer_drawings(images: np.ndarray, labels: np.ndarray) -> list[np.ndarray]:
    return [writer_drawing(image, int(label)) for image, label in zip(images, labels, strict=True)]
