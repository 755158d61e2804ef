"""What an image view shows besides the picture: histograms with their cumulative
distribution, a uint8 copy for the screen, a mask tinted over the image, and the sample
pictures that ship with scikit-image (so the Image tools tab works offline).

Re-exported by :mod:`training_core.imaging`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from training_core.image_ops import _check_image

# -- histograms and display ------------------------------------------------------------


@dataclass(frozen=True)
class Histogram:
    """Pixel counts in equal bins over [0, 1] (the fraction of the dtype's range), all
    channels pooled as in the lesson's figure, with the cumulative distribution."""

    centers: np.ndarray
    counts: np.ndarray
    cdf: np.ndarray


def histogram_and_cdf(image: np.ndarray, bins: int = 256) -> Histogram:
    """Histogram and cumulative distribution of all pixel values (alpha left out).

    Intensities are taken on scikit-image's float scale (uint8 255 -> 1.0), so images of
    different dtypes share one x-axis. ``cdf`` rises from about 0 to exactly 1.
    """
    from skimage import util

    _check_image(image)
    values = image[..., :3] if image.ndim == 3 and image.shape[2] == 4 else image
    if values.dtype == np.uint8 and bins == 256:
        counts = np.bincount(values.ravel(), minlength=256)  # exact and much faster
    else:
        if values.dtype == np.bool_:
            values = values.astype(np.uint8)
            scale = 1.0
        elif values.dtype.kind in "ui":
            scale = float(np.iinfo(values.dtype).max)
        else:
            values, scale = util.img_as_float(values), 1.0
        counts, _ = np.histogram(values, bins=bins, range=(0.0, scale))
    edges = np.linspace(0.0, 1.0, bins + 1)
    centers = (edges[:-1] + edges[1:]) / 2
    counts = counts.astype(np.int64)
    cdf = np.cumsum(counts) / max(int(counts.sum()), 1)
    return Histogram(centers, counts, cdf)


def to_display(image: np.ndarray) -> np.ndarray:
    """A uint8 copy for the screen: floats clipped to [0, 1], uint16 scaled, masks 0/255."""
    _check_image(image)
    if image.dtype == np.uint8:
        return image
    if image.dtype == np.bool_:
        return image.astype(np.uint8) * 255
    if image.dtype.kind in "ui":
        return (image.astype(np.float32) * (255.0 / np.iinfo(image.dtype).max) + 0.5).astype(
            np.uint8
        )
    return (np.clip(image, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def overlay_mask(
    image: np.ndarray,
    mask: np.ndarray,
    color: tuple[int, int, int] = (255, 64, 0),
    opacity: float = 0.5,
) -> np.ndarray:
    """The image as uint8 RGB with the True pixels of ``mask`` tinted by ``color``."""
    if mask.shape != image.shape[:2]:
        raise ValueError(f"mask shape {mask.shape} does not match image {image.shape[:2]}")
    base = to_display(image)
    if base.ndim == 2:
        base = np.repeat(base[..., None], 3, axis=2)
    else:
        base = base[..., :3].copy()
    tint = np.asarray(color, dtype=np.float32)
    base[mask] = (base[mask] * (1 - opacity) + tint * opacity + 0.5).astype(np.uint8)
    return base


# -- sample images -----------------------------------------------------------------------

#: name -> file inside scikit-image's package; only 2-D pictures that fit the tab.
_SAMPLE_FILES = {
    "astronaut": "astronaut.png",
    "brick": "brick.png",
    "camera": "camera.png",
    "cell": "cell.png",
    "chelsea": "chelsea.png",
    "clock": "clock_motion.png",
    "coffee": "coffee.png",
    "coins": "coins.png",
    "colorwheel": "color.png",
    "grass": "grass.png",
    "gravel": "gravel.png",
    "hubble_deep_field": "hubble_deep_field.jpg",
    "immunohistochemistry": "ihc.png",
    "logo": "logo.png",
    "microaneurysms": "microaneurysms.png",
    "moon": "moon.png",
    "page": "page.png",
    "retina": "retina.jpg",
    "rocket": "rocket.jpg",
    "text": "text.png",
}


def sample_names() -> list[str]:
    """The ``skimage.data`` images whose files ship inside the installed package.

    Others would be downloaded on first use; the app works offline, so they are not
    offered. Checking the file (not calling the loader) never touches the network.
    """
    from skimage import data

    return [
        name
        for name, filename in _SAMPLE_FILES.items()
        if hasattr(data, name) and os.path.isfile(os.path.join(data.data_dir, filename))
    ]


def load_sample(name: str) -> np.ndarray:
    """One sample image by name (see :func:`sample_names`), as scikit-image returns it."""
    from skimage import data

    if name not in sample_names():
        raise ValueError(f"no offline sample image called {name!r}")
    return np.asarray(getattr(data, name)())
