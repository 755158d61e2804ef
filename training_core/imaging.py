"""Image operations from the scikit-image lesson as pure functions, and chains of them.

Every operation takes a numpy array and returns a new one; the input is never modified.
Arrays are gray ``(H, W)``, RGB ``(H, W, 3)`` or RGBA ``(H, W, 4)`` in uint8, uint16 or
float (floats are expected in [0, 1], scikit-image's convention). Operations that change
intensities work on the colour channels and carry an alpha channel through unchanged, so an
RGBA picture keeps its transparency.

An editable pipeline is a list of small frozen :class:`Step` values applied by
:func:`apply_chain`; :data:`OPERATIONS` describes each operation and its parameters so a
user interface can build its controls from data instead of hard-coding them.
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# -- helpers ---------------------------------------------------------------------------


def _check_image(image: np.ndarray) -> None:
    if not isinstance(image, np.ndarray) or image.size == 0:
        raise ValueError("expected a non-empty image array")
    if image.ndim == 2 or (image.ndim == 3 and image.shape[2] in (3, 4)):
        return
    raise ValueError(f"unsupported image shape {image.shape}: expected gray, RGB or RGBA")


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
        raise ValueError("the image is grayscale: it has no R, G or B channel to pick")
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
        raise ValueError(f"unknown dtype {dtype!r}")
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
        raise ValueError(f"percentiles must satisfy 0 <= low < high <= 100 (got {low}, {high})")

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
        raise ValueError(f"clip limit must be in (0, 1] (got {clip_limit})")
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
        raise ValueError(f"unknown threshold method {method!r}")
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
            f"Canny: the low threshold ({low_threshold}) must not exceed the high one "
            f"({high_threshold})"
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
        raise ValueError("fill holes needs a mask: put Threshold or Canny edges before it")
    return ndi.binary_fill_holes(mask)


# -- describing operations for a UI ------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One parameter of an operation: its kind, default and allowed values.

    ``kind`` is ``"float"``, ``"int"``, ``"choice"`` or ``"bool"``. With ``auto`` the
    minimum stands for None ("let the library choose").
    """

    name: str
    label: str
    kind: str
    default: Any
    minimum: float = 0.0
    maximum: float = 1.0
    step: float = 0.01
    choices: tuple[str, ...] = ()
    auto: bool = False


@dataclass(frozen=True)
class Operation:
    name: str
    label: str
    function: Callable[..., np.ndarray]
    params: tuple[Param, ...] = ()
    help: str = ""


OPERATIONS: dict[str, Operation] = {
    op.name: op
    for op in (
        Operation("channel", "One channel", select_channel,
                  (Param("channel", "Channel", "choice", "R", choices=("R", "G", "B")),),
                  "Keep one colour channel as a gray image."),
        Operation("bgr", "RGB to BGR", rgb_to_bgr, (), "Swap the red and blue channels."),
        Operation("grayscale", "Grayscale", to_grayscale, (), "Luminance, float in [0, 1]."),
        Operation("dtype", "Convert dtype", convert_dtype,
                  (Param("dtype", "Type", "choice", "uint8",
                         choices=("uint8", "uint16", "float64")),),
                  "Change the storage type; the range is rescaled."),
        Operation("stretch", "Contrast stretch", contrast_stretch,
                  (Param("low", "Low percentile", "float", 2.0, 0.0, 100.0, 0.5),
                   Param("high", "High percentile", "float", 98.0, 0.0, 100.0, 0.5)),
                  "Map the low..high percentiles to the full range."),
        Operation("equalize", "Histogram equalization", equalize_histogram,
                  (Param("nbins", "Bins", "int", 256, 2, 65536, 1),),
                  "Flatten the histogram of the whole image."),
        Operation("clahe", "Adaptive equalization (CLAHE)", equalize_adaptive,
                  (Param("clip_limit", "Clip limit", "float", 0.03, 0.001, 0.3, 0.005),
                   Param("kernel_size", "Kernel size (px)", "int", None, 0, 2048, 8,
                         auto=True)),
                  "Equalize tile by tile, limiting contrast to keep noise down."),
        Operation("threshold", "Threshold", threshold,
                  (Param("method", "Method", "choice", "otsu", choices=("otsu", "manual")),
                   Param("value", "Value", "float", 0.5, 0.0, 1.0, 0.01),
                   Param("invert", "Invert", "bool", False)),
                  "Mask of the pixels brighter than a level."),
        Operation("canny", "Canny edges", canny_edges,
                  (Param("sigma", "Sigma", "float", 1.0, 0.0, 10.0, 0.1),
                   Param("low_threshold", "Low threshold", "float", None, 0.0, 1.0, 0.01,
                         auto=True),
                   Param("high_threshold", "High threshold", "float", None, 0.0, 1.0, 0.01,
                         auto=True)),
                  "One-pixel edges where the gradient is strong."),
        Operation("fill_holes", "Fill holes", fill_holes, (),
                  "Fill regions enclosed by a mask."),
    )
}  # fmt: skip


# -- chains -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One operation of a chain with its parameters, immutable and hashable.

    ``params`` may be given as a dict; it is stored as sorted ``(name, value)`` pairs.
    Parameters left out take the operation's defaults.
    """

    op_name: str
    params: Any = field(default_factory=tuple)

    def __post_init__(self):
        items = self.params.items() if isinstance(self.params, Mapping) else self.params
        object.__setattr__(self, "params", tuple(sorted(tuple(items))))

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.params)

    def with_params(self, **changes) -> Step:
        return Step(self.op_name, {**self.kwargs, **changes})


def default_step(op_name: str) -> Step:
    """A step with every parameter at its default."""
    operation = _operation(op_name)
    return Step(op_name, {p.name: p.default for p in operation.params})


def describe(step: Step) -> str:
    """Short human text for a step, e.g. ``Canny edges (sigma 1, low auto, high auto)``."""
    operation = _operation(step.op_name)
    kwargs = step.kwargs
    parts = []
    for p in operation.params:
        value = kwargs.get(p.name, p.default)
        if p.name == "value" and kwargs.get("method", "otsu") == "otsu":
            continue
        if value is None:
            text = "auto"
        elif p.kind == "bool":
            if not value:
                continue
            text = ""
        elif isinstance(value, float):
            text = f"{value:g}"
        else:
            text = str(value)
        short = p.label.split(" ")[0].lower()
        parts.append(f"{short} {text}".strip())
    return f"{operation.label} ({', '.join(parts)})" if parts else operation.label


def _operation(op_name: str) -> Operation:
    try:
        return OPERATIONS[op_name]
    except KeyError:
        raise ValueError(f"unknown operation {op_name!r}") from None


def apply_step(image: np.ndarray, step: Step) -> np.ndarray:
    """Run one step; unknown parameters are refused with a clear message."""
    operation = _operation(step.op_name)
    known = {p.name for p in operation.params}
    unknown = set(step.kwargs) - known
    if unknown:
        raise ValueError(f"{operation.label}: unknown parameter(s) {sorted(unknown)}")
    try:
        return operation.function(image, **step.kwargs)
    except ValueError as exc:
        message = str(exc)
        if message.startswith(operation.label):
            raise
        raise ValueError(f"{operation.label}: {message}") from exc


class ChainCancelled(Exception):
    """Raised between steps when the caller says the result is no longer wanted."""


@dataclass(frozen=True)
class ChainRun:
    """What :func:`run_chain` produced: the final image and the seconds each step took."""

    result: np.ndarray
    seconds: tuple[float, ...]


def run_chain(
    image: np.ndarray,
    steps: Sequence[Step],
    should_stop: Callable[[], bool] | None = None,
) -> ChainRun:
    """Apply ``steps`` in order, timing each; ``should_stop`` is polled between steps so a
    background job can give up early when newer parameters have arrived."""
    _check_image(image)
    current, seconds = image, []
    for step in steps:
        if should_stop is not None and should_stop():
            raise ChainCancelled
        start = time.perf_counter()
        current = apply_step(current, step)
        seconds.append(time.perf_counter() - start)
    if current is image:
        current = image.copy()
    return ChainRun(current, tuple(seconds))


def apply_chain(image: np.ndarray, steps: Sequence[Step]) -> np.ndarray:
    """Apply ``steps`` in order and return the final array (the input is untouched)."""
    return run_chain(image, steps).result


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
