"""Cleaning up a photo of digits on paper into an ink map the MNIST preprocessing can read.

A phone photo is not a drawing: the paper is grey or tinted, brighter on one side than
the other, the sensor adds noise, JPEG adds blocks and the ink may be blue or red. Taken
as it is, the old rule "paper is the border's median, ink is anything 20% away from it"
read the darker half of an unevenly lit page as ink. So a photo is cleaned first:

1. **Ink strength per channel.** Each colour channel is compared with its own background,
   and the strongest darkening wins, so blue or red ink on tinted paper stands out as much
   as black ink does (luminance alone makes light-coloured ink faint).
2. **Background estimate and division.** The paper is what most of a neighbourhood is: a
   high percentile over a window of about a third of the image (on a reduced copy, so the
   cost does not depend on the photo's size), smoothed. Dividing by it removes lighting
   gradients and the paper's tint multiplicatively, as a shadow scales the light.
3. **A robust ink threshold: Otsu.** After the division the histogram has two modes, paper
   near 0 and ink well above it, which is the case Otsu's between-class variance is made
   for; it needs no window size (Sauvola's depends on the stroke width, which we do not
   know) and, unlike Li's, it does not drift towards the noise when ink is scarce. The
   level is kept above a few noise widths of the paper, so a blank noisy page stays blank.
4. **Specks dropped.** Connected pieces much smaller than the largest are noise, dust or
   JPEG blocks, not strokes.

Clean drawings (white or black paper, flat, like the canvas or MNIST itself) are recognised
by :func:`looks_like_photo` and never pass through here, so they keep working exactly as
before.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage
from skimage.filters import threshold_otsu

from training_core.messages import msg
from training_core.preprocessing import box_reduce, to_gray_unit

# A digital drawing's paper is one exact value on most of the page (MNIST's 0, the canvas's
# 255); a photo's never is (noise). A small digit's anti-aliased rim is no sign of a photo.
EXACT_PAPER_SHARE = 0.5
WORK_SIDE = 400  # a photo is cleaned at most this size (long side), then boxes scale back
BACKGROUND_SIDE = 32  # the background is estimated on a copy this size (long side)
BACKGROUND_WINDOW = 0.35  # ... over a window this share of that copy's long side
BACKGROUND_PERCENTILE = 80  # the paper is at least 20% of any such window
NOISE_WIDTHS = 4.0  # the ink level is at least this many noise widths above the paper
MIN_INK_LEVEL = 0.08  # and at least this much darker than the paper (relative)
SMOOTH_SHARE = 200  # noise is smoothed over the long side / this (at least 1 pixel)
SPECK_SHARE = 0.03  # a piece under this share of the largest piece's area is a speck
MIN_PIECE_SHARE = 0.0005  # ... and under this share of the photo's area too
FLAT_SPREAD = 0.04  # a clean image's paper varies less than this (5th-95th percentile)
CLEAN_PAPER = 0.06  # ... and is this close to pure white or pure black
CHROMA_SHARE = 0.06  # a colour image whose channels differ this much is not a clean drawing


@dataclass(frozen=True)
class CleanedPhoto:
    """An ink map: float32 (H, W) in [0, 1], ink bright, paper 0, specks removed.

    ``scale`` is the factor from the ink map's pixels to the original image's pixels
    (large photos are cleaned at a reduced size); ``level`` the Otsu ink level used.
    """

    ink: np.ndarray
    scale: float
    level: float


def looks_like_photo(image: np.ndarray) -> bool:
    """True unless the image is a clean drawing: flat paper at white or black, gray ink.

    The canvas, MNIST digits and scanned black-on-white drawings are clean; a photo has
    grey or tinted paper, a lighting gradient, sensor noise or coloured ink.
    """
    arr = np.asarray(image)
    step = reduction_step(arr.shape) if arr.ndim in (2, 3) else 1
    arr = arr[::step, ::step]  # every step-th pixel is plenty to judge the paper
    if arr.ndim == 3 and arr.shape[2] >= 3:
        rgb = _unit(arr[..., :3])
        if arr.shape[2] == 4:  # transparent parts are paper, as to_gray_unit composites them
            alpha = _unit(arr[..., 3])[..., None]
            rgb = rgb * alpha + (1.0 - alpha)
        chroma = rgb.max(axis=2) - rgb.min(axis=2)
        if float(np.percentile(chroma, 99)) > CHROMA_SHARE:
            return True
    gray = to_gray_unit(arr)
    paper = float(np.median(gray))
    at_extreme = min(paper, 1.0 - paper) <= CLEAN_PAPER
    if at_extreme and np.mean(np.abs(gray - paper) <= 0.5 / 255) >= EXACT_PAPER_SHARE:
        return False  # most of the page is exactly one value: drawn, not photographed
    near = gray[np.abs(gray - paper) < 0.25]
    spread = float(np.percentile(near, 95) - np.percentile(near, 5)) if near.size else 1.0
    return not (at_extreme and spread <= FLAT_SPREAD)


def clean_photo(image: np.ndarray) -> CleanedPhoto:
    """Any image array -> :class:`CleanedPhoto` (see the module docstring for the steps)."""
    rgb, scale = _reduced_channels(image)
    dark_ink = _ink_is_dark(rgb.mean(axis=2))
    if not dark_ink:
        rgb = 1.0 - rgb
    strength = np.full(rgb.shape[:2], -np.inf, np.float32)
    for c in range(rgb.shape[2]):
        channel = rgb[..., c]
        paper = np.maximum(_background(channel), 1e-3)
        strength = np.maximum(strength, 1.0 - channel / paper)  # < 0 where brighter
    smooth = ndimage.gaussian_filter(strength, sigma=max(1.0, max(strength.shape) / SMOOTH_SHARE))
    level = _ink_level(smooth)
    mask = _without_specks(smooth >= level)
    if not mask.any():
        return CleanedPhoto(np.zeros_like(smooth), scale, level)
    # Soft ink, as MNIST's antialiased strokes: from half the level (edges) to the ink's
    # typical strength (full), kept only on and next to the pieces that survived.
    full = max(float(np.percentile(smooth[mask], 90)), level + 1e-3)
    soft = np.clip((smooth - 0.5 * level) / (full - 0.5 * level), 0.0, 1.0)
    near = ndimage.binary_dilation(mask, iterations=1)
    return CleanedPhoto((soft * near).astype(np.float32), scale, level)


def _unit(arr: np.ndarray) -> np.ndarray:
    if np.issubdtype(arr.dtype, np.integer):
        return arr.astype(np.float32) / np.iinfo(arr.dtype).max
    arr = np.nan_to_num(arr.astype(np.float32))
    return arr / 255.0 if arr.max() > 1.0 else arr


def _reduced_channels(image: np.ndarray) -> tuple[np.ndarray, float]:
    """(H, W, C) float32 in [0, 1] (C = 3 for colour, 1 for gray), at most WORK_SIDE."""
    arr = np.asarray(image)
    if arr.ndim == 3 and arr.shape[2] >= 3:
        rgb = _unit(arr[..., :3])
        if arr.shape[2] == 4:
            alpha = _unit(arr[..., 3])[..., None]
            rgb = rgb * alpha + (1.0 - alpha)
    else:
        rgb = to_gray_unit(arr)[..., None]
    step = reduction_step(rgb.shape[:2])
    if step > 1:
        rgb = np.stack([box_reduce(rgb[..., c], step, step) for c in range(rgb.shape[2])], 2)
    return np.clip(rgb, 0.0, 1.0).astype(np.float32), float(step)


def reduction_step(shape: tuple[int, ...]) -> int:
    """The block size that brings the long side down to at most WORK_SIDE (1: none)."""
    return max(1, int(np.ceil(max(shape[:2]) / WORK_SIDE)))


def _ink_is_dark(gray: np.ndarray) -> bool:
    """Ink is the minority: the longer tail away from the paper is the ink's side.

    Measured on the image smoothed (sensor noise has two equal tails) minus its local
    median (a lighting gradient is a long tail too), so only the strokes remain.
    """
    smooth = ndimage.gaussian_filter(gray, sigma=max(1.0, max(gray.shape) / SMOOTH_SHARE))
    residual = smooth - _background(smooth, 50)
    low, median, high = np.percentile(residual, (1, 50, 99))
    return (median - low) >= (high - median)


def _background(channel: np.ndarray, percentile: float = BACKGROUND_PERCENTILE) -> np.ndarray:
    """The paper's brightness everywhere: a high percentile over a large window, smoothed."""
    h, w = channel.shape
    factor = max(1, int(np.ceil(max(h, w) / BACKGROUND_SIDE)))
    small = box_reduce(channel, factor, factor)
    size = max(3, int(BACKGROUND_WINDOW * max(small.shape)) | 1)
    paper = ndimage.percentile_filter(small, percentile, size=size, mode="reflect")
    paper = ndimage.gaussian_filter(paper, sigma=size / 4, mode="reflect")
    zoom = (h / paper.shape[0], w / paper.shape[1])
    full = ndimage.zoom(paper, zoom, order=1, mode="nearest", grid_mode=True)
    return full[:h, :w] if full.shape == (h, w) else _fit(full, h, w)


def _fit(arr: np.ndarray, h: int, w: int) -> np.ndarray:
    """Crop or edge-pad ``arr`` to (h, w) (zoom can be one pixel off)."""
    arr = arr[:h, :w]
    return np.pad(arr, ((0, h - arr.shape[0]), (0, w - arr.shape[1])), mode="edge")


def _ink_level(strength: np.ndarray) -> float:
    """Otsu's level on the ink strength, kept above the paper's noise (see the docstring).

    The paper is most of the image, so the median is the paper's level and the median
    absolute deviation its noise (scaled to a standard deviation); the ink barely moves
    either, where it would pull a plain standard deviation up.
    """
    median = float(np.median(strength))
    noise = 1.4826 * float(np.median(np.abs(strength - median)))
    floor = median + max(MIN_INK_LEVEL, NOISE_WIDTHS * noise)
    if float(strength.max()) <= floor:
        return floor
    try:
        otsu = float(threshold_otsu(np.clip(strength, median, None)))
    except ValueError:  # a constant image
        return floor
    return max(otsu, floor)


def _without_specks(mask: np.ndarray) -> np.ndarray:
    """Keep connected pieces of at least SPECK_SHARE of the largest piece's area, and of
    at least MIN_PIECE_SHARE of the photo (a blank noisy page has no digit-sized piece)."""
    labels, count = ndimage.label(mask, structure=np.ones((3, 3), bool))
    if count == 0:
        return mask
    areas = np.bincount(labels.ravel())[1:]
    least = max(SPECK_SHARE * areas.max(), MIN_PIECE_SHARE * mask.size)
    keep = np.flatnonzero(areas >= least) + 1
    return np.isin(labels, keep)


def clean_up_photo(image: np.ndarray) -> np.ndarray:
    """Image tools' "Clean up photo" step: float64 (H, W) in [0, 1], black ink on white
    paper, the same size as ``image``; the very clean-up ``digit-lab predict`` applies."""
    arr = np.asarray(image)
    if arr.ndim not in (2, 3) or arr.size == 0:
        raise ValueError(
            msg(
                "photo.bad_shape",
                "expected a 2-D gray or 3-D colour image, got {shape}",
                shape=str(arr.shape),
            )
        )
    cleaned = clean_photo(arr)
    ink = cleaned.ink
    if ink.shape != arr.shape[:2]:  # cleaned at a reduced size: back to the image's own
        zoom = (arr.shape[0] / ink.shape[0], arr.shape[1] / ink.shape[1])
        ink = _fit(ndimage.zoom(ink, zoom, order=1, grid_mode=True, mode="nearest"), *arr.shape[:2])
    return np.clip(1.0 - ink, 0.0, 1.0).astype(np.float64)
