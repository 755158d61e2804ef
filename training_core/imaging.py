"""Image operations from the scikit-image lesson as pure functions, and chains of them.

Every operation takes a numpy array and returns a new one; the input is never modified.
Arrays are gray ``(H, W)``, RGB ``(H, W, 3)`` or RGBA ``(H, W, 4)`` in uint8, uint16 or
float (floats are expected in [0, 1], scikit-image's convention). Operations that change
intensities work on the colour channels and carry an alpha channel through unchanged, so an
RGBA picture keeps its transparency.

An editable pipeline is a list of small frozen :class:`Step` values applied by
:func:`apply_chain`; :data:`OPERATIONS` describes each operation and its parameters so a
user interface can build its controls from data instead of hard-coding them.

The operations themselves live in :mod:`training_core.image_ops`, histograms, display
conversion and sample pictures in :mod:`training_core.image_display`; both are re-exported
here, so ``imaging`` stays the one name to import.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from training_core.image_display import (
    Histogram,
    histogram_and_cdf,
    load_sample,
    overlay_mask,
    sample_names,
    to_display,
)
from training_core.image_ops import (
    _as_dtype,  # noqa: F401 - the tests check the dtype rules here
    _check_image,
    canny_edges,
    contrast_stretch,
    convert_dtype,
    equalize_adaptive,
    equalize_histogram,
    fill_holes,
    otsu_level,
    rgb_to_bgr,
    select_channel,
    threshold,
    to_grayscale,
)
from training_core.messages import label, message_of, msg
from training_core.photo import clean_up_photo

__all__ = [
    "OPERATIONS",
    "ChainCancelled",
    "ChainRun",
    "Histogram",
    "Operation",
    "Param",
    "Step",
    "apply_chain",
    "apply_step",
    "canny_edges",
    "clean_up_photo",
    "contrast_stretch",
    "convert_dtype",
    "default_step",
    "describe",
    "equalize_adaptive",
    "equalize_histogram",
    "fill_holes",
    "histogram_and_cdf",
    "load_sample",
    "otsu_level",
    "overlay_mask",
    "rgb_to_bgr",
    "run_chain",
    "sample_names",
    "select_channel",
    "threshold",
    "to_display",
    "to_grayscale",
]

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
        Operation(
            "channel",
            label("One channel"),
            select_channel,
            (Param("channel", label("Channel"), "choice", "R", choices=("R", "G", "B")),),
            label("Keep one colour channel as a gray image."),
        ),
        Operation(
            "bgr", label("RGB to BGR"), rgb_to_bgr, (), label("Swap the red and blue channels.")
        ),
        Operation(
            "grayscale", label("Grayscale"), to_grayscale, (), label("Luminance, float in [0, 1].")
        ),
        Operation(
            "dtype",
            label("Convert dtype"),
            convert_dtype,
            (
                Param(
                    "dtype",
                    label("Type"),
                    "choice",
                    "uint8",
                    choices=("uint8", "uint16", "float64"),
                ),
            ),
            label("Change the storage type; the range is rescaled."),
        ),
        Operation(
            "stretch",
            label("Contrast stretch"),
            contrast_stretch,
            (
                Param("low", label("Low percentile"), "float", 2.0, 0.0, 100.0, 0.5),
                Param("high", label("High percentile"), "float", 98.0, 0.0, 100.0, 0.5),
            ),
            label("Map the low..high percentiles to the full range."),
        ),
        Operation(
            "equalize",
            label("Histogram equalization"),
            equalize_histogram,
            (Param("nbins", label("Bins"), "int", 256, 2, 65536, 1),),
            label("Flatten the histogram of the whole image."),
        ),
        Operation(
            "clahe",
            label("Adaptive equalization (CLAHE)"),
            equalize_adaptive,
            (
                Param("clip_limit", label("Clip limit"), "float", 0.03, 0.001, 0.3, 0.005),
                Param("kernel_size", label("Kernel size (px)"), "int", None, 0, 2048, 8, auto=True),
            ),
            label("Equalize tile by tile, limiting contrast to keep noise down."),
        ),
        Operation(
            "threshold",
            label("Threshold"),
            threshold,
            (
                Param("method", label("Method"), "choice", "otsu", choices=("otsu", "manual")),
                Param("value", label("Value"), "float", 0.5, 0.0, 1.0, 0.01),
                Param("invert", label("Invert"), "bool", False),
            ),
            label("Mask of the pixels brighter than a level."),
        ),
        Operation(
            "canny",
            label("Canny edges"),
            canny_edges,
            (
                Param("sigma", label("Sigma"), "float", 1.0, 0.0, 10.0, 0.1),
                Param(
                    "low_threshold",
                    label("Low threshold"),
                    "float",
                    None,
                    0.0,
                    1.0,
                    0.01,
                    auto=True,
                ),
                Param(
                    "high_threshold",
                    label("High threshold"),
                    "float",
                    None,
                    0.0,
                    1.0,
                    0.01,
                    auto=True,
                ),
            ),
            label("One-pixel edges where the gradient is strong."),
        ),
        Operation(
            "fill_holes",
            label("Fill holes"),
            fill_holes,
            (),
            label("Fill regions enclosed by a mask."),
        ),
        Operation(
            "clean_photo",
            label("Clean up photo"),
            clean_up_photo,
            (),
            label(
                "A photo of digits on paper as the Draw tab and digit-lab predict clean it: "
                "lighting and paper colour removed, ink picked by Otsu, specks dropped; "
                "black ink on white."
            ),
        ),
    )
}


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


def describe(step: Step, auto: str = "auto", label: Callable[[str], str] = str) -> str:
    """Short human text for a step, e.g. ``Canny edges (sigma 1, low auto, high auto)``.

    The window passes its word for ``auto`` and its translation of labels (``label``); a
    label left as it is keeps the short English form ("low" for "Low threshold")."""
    operation = _operation(step.op_name)
    kwargs = step.kwargs
    parts = []
    for p in operation.params:
        value = kwargs.get(p.name, p.default)
        if p.name == "value" and kwargs.get("method", "otsu") == "otsu":
            continue
        if value is None:
            text = auto
        elif p.kind == "bool":
            if not value:
                continue
            text = ""
        elif isinstance(value, float):
            text = f"{value:g}"
        else:
            text = str(value)
        name = label(p.label)
        short = p.label.split(" ")[0].lower() if name == p.label else name
        parts.append(f"{short} {text}".strip())
    name = label(operation.label)
    return f"{name} ({', '.join(parts)})" if parts else name


def _operation(op_name: str) -> Operation:
    try:
        return OPERATIONS[op_name]
    except KeyError:
        raise ValueError(
            msg("imaging.unknown_operation", "unknown operation {name!r}", name=op_name)
        ) from None


def apply_step(image: np.ndarray, step: Step) -> np.ndarray:
    """Run one step; unknown parameters are refused with a clear message."""
    operation = _operation(step.op_name)
    known = {p.name for p in operation.params}
    unknown = set(step.kwargs) - known
    if unknown:
        raise ValueError(
            msg(
                "imaging.unknown_parameters",
                "{operation}: unknown parameter(s) {names}",
                operation=operation.label,
                names=str(sorted(unknown)),
            )
        )
    try:
        return operation.function(image, **step.kwargs)
    except ValueError as exc:
        message = str(exc)
        if message.startswith(operation.label):
            raise
        raise ValueError(
            msg(
                "imaging.step_failed",
                "{operation}: {reason}",
                operation=operation.label,
                reason=message_of(exc) or message,
            )
        ) from exc


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
