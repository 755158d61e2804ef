"""The scikit-image lesson's image operations as pure functions.

Every operation takes a numpy array and returns a new one; the input is never modified.
Arrays are gray ``(H, W)``, RGB ``(H, W, 3)`` or RGBA ``(H, W, 4)`` in uint8, uint16 or
float (floats are expected in [0, 1], scikit-image's convention). Operations that change
intensities work on the colour channels and carry an alpha channel through unchanged, so an
RGBA picture keeps its transparency.

:mod:`training_core.imaging` describes these operations for a user interface and chains
them; most callers import them from there.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

from training_core.messages import msg

# -- helpers ---------------------------------------------------------------------------


def _check_image(image: np.ndarray) -> None:
    if not isinstance(image, np.ndarray) or image.size == 0:
        raise ValueError(msg("image_ops.empty", "expected a non-empty image array"))
    if image.ndim == 2 or (image.ndim == 3 and image.shape[2] in (3, 4)):
        return
    raise ValueError(
        msg(
            "image_ops.bad_shape",
            "unsupported image shape {shape}: expected gray, RGB or RGBA",
            shape=str(image.shape),
        )
    )


def _is_color(image: np.ndarray) -> bool:
    return image.ndim == 3


def _as_dtype(array: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """Convert with scikit-image's rules (value ranges rescaled, not just cast)."""
    from skimage import util

    dtype = np.dtype(dtype)
    if dtype == np.uint8:
        return util.img_as_ubyte(array)
    if dtype == np.uint16:
        return util.img_as_uint(array)
    if dtype == np.bool_:
        return util.img_as_bool(array)
    return util.img_as_float(array).astype(dtype, copy=False)


def _on_color(fn: Callable[[np.ndarray], np.ndarray], image: np.ndarray) -> np.ndarray:
    """Apply ``fn`` to the colour part; re-attach alpha converted to the result's dtype."""
    if image.ndim == 3 and image.shape[2] == 4:
        result = fn(image[..., :3])
        if result.ndim != 3:  # the operation reduced colour away: alpha has no meaning left
            return result
        alpha = _as_dtype(image[..., 3], result.dtype)
        return np.concatenate([result, alpha[..., None]], axis=2)
    return fn(image)


def _gray_float(image: np.ndarray) -> np.ndarray:
    """Luminance as float64; RGBA is composited on white first (as scikit-image does)."""
    from skimage import color, util

    if image.ndim == 2:
        return util.img_as_float(image).astype(np.float64, copy=False)
    if image.shape[2] == 4:
        image = color.rgba2rgb(image)
    return color.rgb2gray(image).astype(np.float64, copy=False)


# -- operations -----------------------------------------------------------------------


def select_channel(image: np.ndarray, channel: str = "R") -> np.ndarray:
    """One colour channel as a gray image.

    Returns
    -------
    (H, W) array, same dtype and range as the input. Looking at R, G and B one at a time
    shows which channel carries the contrast before choosing how to convert to gray.
    """
    _check_image(image)
    if not _is_color(image):
        raise ValueError(
            msg(
                "image_ops.no_channels",
                "the image is grayscale: it has no R, G or B channel to pick",
            )
        )
    index = {"R": 0, "G": 1, "B": 2}[channel]
    return image[..., index].copy()


def rgb_to_bgr(image: np.ndarray) -> np.ndarray:
    """Swap red and blue (the order OpenCV uses); alpha stays last. Gray is returned as a copy.

    Returns
    -------
    Same shape, dtype and range. Showing a BGR array as RGB is the classic "blue faces" bug.
    """
    _check_image(image)
    if not _is_color(image):
        return image.copy()
    out = image.copy()
    out[..., :3] = image[..., 2::-1]
    return out


def to_grayscale(image: np.ndarray) -> np.ndarray:
    """Luminance (ITU-R 709 weights, ``skimage.color.rgb2gray``).

    Returns
    -------
    (H, W) float64 in [0, 1]. RGBA is composited on a white background first.
    """
    _check_image(image)
    return _gray_float(image)


def convert_dtype(image: np.ndarray, dtype: str = "uint8") -> np.ndarray:
    """Change the storage type with scikit-image's ``img_as_*`` rules.

    Returns
    -------
    ``uint8`` in [0, 255], ``uint16`` in [0, 65535] or ``float64`` in [0, 1]: the range is
    rescaled, not clipped, so the picture looks the same while the numbers change.
    """
    _check_image(image)
    if dtype not in ("uint8", "uint16", "float64"):
        raise ValueError(msg("image_ops.unknown_dtype", "unknown dtype {dtype!r}", dtype=dtype))
    return _as_dtype(image, np.dtype(dtype))


def contrast_stretch(image: np.ndarray, low: float = 2.0, high: float = 98.0) -> np.ndarray:
    """Stretch the intensities between two percentiles to the full range.

    Returns
    -------
    Same dtype as the input, spanning the dtype's full range (floats: [0, 1]). Using
    percentiles instead of min/max keeps a few extreme pixels from spoiling the stretch.
    """
    from skimage import exposure

    _check_image(image)
    if not 0 <= low < high <= 100:
        raise ValueError(
            msg(
                "image_ops.bad_percentiles",
                "percentiles must satisfy 0 <= low < high <= 100 (got {low}, {high})",
                low=low,
                high=high,
            )
        )

    def stretch(color_part):
        p_low, p_high = np.percentile(color_part, (low, high))
        if p_low == p_high:  # a flat image: nothing to stretch
            return color_part.copy()
        return exposure.rescale_intensity(color_part, in_range=(p_low, p_high))

    return _on_color(stretch, image)


def equalize_histogram(image: np.ndarray, nbins: int = 256) -> np.ndarray:
    """Global histogram equalization (``skimage.exposure.equalize_hist``).

    Returns
    -------
    float64 in [0, 1]. Colour channels share one histogram, so hues shift a little.
    """
    from skimage import exposure

    _check_image(image)

    def equalize(color_part):
        with warnings.catch_warnings():  # pooling the channels is the intent here
            warnings.filterwarnings("ignore", "This might be a color image", UserWarning)
            return exposure.equalize_hist(color_part, nbins=int(nbins))

    return _on_color(equalize, image)


def equalize_adaptive(
    image: np.ndarray, clip_limit: float = 0.03, kernel_size: int | None = None
) -> np.ndarray:
    """Contrast-limited adaptive histogram equalization (CLAHE).

    ``clip_limit`` in (0, 1]: higher gives more contrast (and more noise). ``kernel_size``
    is the tile size in pixels; None uses 1/8 of the image size.

    Returns
    -------
    float64 in [0, 1]. Colour images are equalized on the HSV value channel, which keeps
    the hues.
    """
    from skimage import exposure

    _check_image(image)
    if not 0 < clip_limit <= 1:
        raise ValueError(
            msg(
                "image_ops.bad_clip_limit",
                "clip limit must be in (0, 1] (got {limit})",
                limit=clip_limit,
            )
        )
    kernel = None if kernel_size in (None, 0) else int(kernel_size)
    return _on_color(
        lambda c: exposure.equalize_adapthist(c, kernel_size=kernel, clip_limit=clip_limit),
        image,
    )


def threshold(
    image: np.ndarray, method: str = "otsu", value: float = 0.5, invert: bool = False
) -> np.ndarray:
    """Split pixels into foreground and background by brightness.

    ``method`` is ``"otsu"`` (the value that best separates the histogram's two modes) or
    ``"manual"`` (``value``, a fraction of the full intensity range, in [0, 1]). Colour
    images are converted to gray first.

    Returns
    -------
    (H, W) bool mask, True where the gray value is above the threshold (below when
    ``invert``).
    """
    _check_image(image)
    if method not in ("otsu", "manual"):
        raise ValueError(
            msg("image_ops.unknown_threshold", "unknown threshold method {method!r}", method=method)
        )
    gray = _gray_float(image)
    level = otsu_level(gray) if method == "otsu" else float(value)
    mask = gray > level
    return ~mask if invert else mask


def otsu_level(image: np.ndarray) -> float:
    """Otsu's threshold of the gray image, as a fraction of the intensity range in [0, 1]."""
    from skimage import filters

    gray = _gray_float(image)
    if gray.min() == gray.max():
        return float(gray.min())
    return float(filters.threshold_otsu(gray))


def canny_edges(
    image: np.ndarray,
    sigma: float = 1.0,
    low_threshold: float | None = None,
    high_threshold: float | None = None,
) -> np.ndarray:
    """Canny edge detector on the gray image (``skimage.feature.canny``).

    ``sigma`` is the Gaussian smoothing in pixels; the hysteresis thresholds are gradient
    magnitudes of the [0, 1] gray image (None: scikit-image's 10% / 20% defaults).

    Returns
    -------
    (H, W) bool mask of one-pixel-wide edges.
    """
    from skimage import feature

    _check_image(image)
    if low_threshold is not None and high_threshold is not None and low_threshold > high_threshold:
        raise ValueError(
            msg(
                "image_ops.canny_thresholds",
                "Canny: the low threshold ({low}) must not exceed the high one ({high})",
                low=low_threshold,
                high=high_threshold,
            )
        )
    return feature.canny(
        _gray_float(image),
        sigma=sigma,
        low_threshold=low_threshold,
        high_threshold=high_threshold,
    )


def fill_holes(mask: np.ndarray) -> np.ndarray:
    """Fill the regions of a mask that are enclosed by True pixels.

    Returns
    -------
    (H, W) bool mask. Filling closed Canny contours turns outlines into solid objects.
    """
    from scipy import ndimage as ndi

    if mask.dtype != np.bool_ or mask.ndim != 2:
        raise ValueError(
            msg(
                "image_ops.fill_needs_mask",
                "fill holes needs a mask: put Threshold or Canny edges before it",
            )
        )

    return ndi.binary_fill_holes(mask)
