"""Turning a drawing or a photo of a digit into what an MNIST model expects.

MNIST digits are white ink on black, fitted into a 20x20 box keeping their aspect ratio
and placed in a 28x28 field so that their centre of mass sits at the centre (row 14,
column 14, measured on the training set). Plain resizing to 28x28 gives digits the
network has never seen, so every image - canvas, file or clipboard - goes through here.
"""

from __future__ import annotations

import numpy as np
import torch
from scipy import ndimage
from skimage.transform import resize

FIELD = 28
BOX = 20
CENTRE = 14.0
INK_LEVEL = 0.2  # a pixel is ink when at least this far from the paper (0..1)
MIN_INK_PIXELS = 4
# A crop side longer than twice this is first box-averaged down to this size (linear time),
# so the antialiased resize, whose cost grows with the side squared, works on a small array.
REDUCE_TO = 4 * BOX


class NothingDrawn(ValueError):
    """The image holds no ink: it must be reported, never classified."""

    def __init__(self, message: str = "nothing drawn") -> None:
        super().__init__(message)


def to_gray_unit(image: np.ndarray) -> np.ndarray:
    """Any image array -> float32 gray in [0, 1].

    Integer images are scaled by their dtype's range; RGB is averaged with luminance
    weights; an alpha channel is composited over white paper.
    """
    arr = np.asarray(image)
    if arr.ndim not in (2, 3) or arr.size == 0:
        raise ValueError(f"expected a 2-D gray or 3-D colour image, got shape {arr.shape}")
    if arr.dtype == bool:
        arr = arr.astype(np.float32)
    elif np.issubdtype(arr.dtype, np.integer):
        arr = arr.astype(np.float32) / np.iinfo(arr.dtype).max
    else:
        arr = np.nan_to_num(arr.astype(np.float32))
        if arr.max() > 1.0:
            arr = arr / 255.0 if arr.max() <= 255.0 else arr / arr.max()
    if arr.ndim == 3:
        channels = arr.shape[2]
        alpha = arr[..., 3] if channels == 4 else None
        if channels >= 3:
            gray = arr[..., 0] * 0.299 + arr[..., 1] * 0.587 + arr[..., 2] * 0.114
        else:
            gray = arr[..., 0]
            alpha = arr[..., 1] if channels == 2 else None
        if alpha is not None:
            gray = gray * alpha + (1.0 - alpha)
        arr = gray
    return np.clip(arr, 0.0, 1.0).astype(np.float32)


def ink_image(image: np.ndarray) -> np.ndarray:
    """Gray [0, 1] with ink bright and paper at 0, whatever the original polarity.

    The paper colour is read from the image border (a digit rarely touches all four
    edges): a light border means dark ink on light paper, which is inverted.
    """
    gray = to_gray_unit(image)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    paper = float(np.median(border))
    if paper > 0.5:
        gray = 1.0 - gray
        paper = 1.0 - paper
    return np.clip((gray - paper) / max(1.0 - paper, 1e-6), 0.0, 1.0)


def prepare_digit(image: np.ndarray) -> np.ndarray:
    """Image of any size and polarity -> float32 [28, 28] in [0, 1], MNIST-style.

    Raises :class:`NothingDrawn` when there is no ink to classify.
    """
    ink = ink_image(image)
    mask = ink >= INK_LEVEL
    if mask.sum() < MIN_INK_PIXELS:
        raise NothingDrawn()
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height, width = crop.shape
    scale = BOX / max(height, width)
    new_shape = (max(1, round(height * scale)), max(1, round(width * scale)))
    crop = box_reduce(crop, max(1, height // REDUCE_TO), max(1, width // REDUCE_TO))
    shrink = max(crop.shape) > BOX
    small = resize(crop, new_shape, order=1, anti_aliasing=shrink, preserve_range=True)
    field = np.zeros((FIELD, FIELD), np.float32)
    top, left = (FIELD - new_shape[0]) // 2, (FIELD - new_shape[1]) // 2
    field[top : top + new_shape[0], left : left + new_shape[1]] = small
    if field.max() <= 0:
        raise NothingDrawn()
    field /= field.max()
    cy, cx = ndimage.center_of_mass(field)
    centred = ndimage.shift(field, (CENTRE - cy, CENTRE - cx), order=1, mode="constant")
    return np.clip(centred, 0.0, 1.0).astype(np.float32)


def box_reduce(image: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Average ``rows`` x ``cols`` blocks (a shorter last block keeps its true mean).

    Without it a 1,000,000 x 3 strip of ink took minutes: skimage's antialiasing blurs with
    a Gaussian whose width grows with the reduction factor, so its cost grows with the long
    side squared. Block means are themselves an antialiasing filter and cost one pass.
    """
    if rows == 1 and cols == 1:
        return image
    for axis, step in ((0, rows), (1, cols)):
        if step > 1:
            starts = np.arange(0, image.shape[axis], step)
            counts = np.diff(np.append(starts, image.shape[axis]))
            sums = np.add.reduceat(image, starts, axis=axis, dtype=np.float64)
            image = sums / (counts[:, None] if axis == 0 else counts[None, :])
    return image.astype(np.float32)


def to_model_input(digit: np.ndarray, mean: float, std: float) -> torch.Tensor:
    """[28, 28] in [0, 1] -> normalised tensor [1, 1, 28, 28] (the training normalisation)."""
    x = torch.from_numpy(np.ascontiguousarray(digit, dtype=np.float32))
    return ((x - mean) / std).reshape(1, 1, FIELD, FIELD)
