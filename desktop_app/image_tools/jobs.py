"""The work behind the Image tools tab, run off the UI thread: plain functions, no widgets.

``load_image`` decodes a picture and ``process`` runs the chain; each returns everything
the views need (display copies and histograms), so the UI thread only draws. A running
chain polls a shared ``Generation`` between steps and gives up once newer parameters exist.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from training_core import imaging
from training_core.image_io import read_image
from training_core.imaging import Step


@dataclass(frozen=True)
class LoadedImage:
    name: str
    path: str | None
    array: np.ndarray
    display: np.ndarray
    histogram: imaging.Histogram


@dataclass(frozen=True)
class Processed:
    generation: int
    steps: tuple[Step, ...]
    result: np.ndarray
    display: np.ndarray
    histogram: imaging.Histogram
    seconds: tuple[float, ...]


class Generation:
    """The number of the newest request; read by workers to notice they are stale."""

    value = 0


def load_image(name: str, path: str | None, array: np.ndarray | None = None) -> LoadedImage:
    """Worker job: decode a file (or a sample, or take an array) and prepare the views' data."""
    if array is None:
        array = read_image(path) if path is not None else imaging.load_sample(name)
    if array.dtype == np.bool_:
        array = array.astype(np.uint8) * 255
    return LoadedImage(
        name, path, array, imaging.to_display(array), imaging.histogram_and_cdf(array)
    )


def process(
    source: np.ndarray, steps: tuple[Step, ...], overlay: bool, generation: int, latest
) -> Processed | None:
    """Worker job: run the chain; None when newer parameters made the job pointless."""
    try:
        run = imaging.run_chain(source, steps, should_stop=lambda: latest.value != generation)
    except imaging.ChainCancelled:
        return None
    result = run.result
    if overlay and result.dtype == np.bool_:
        display = imaging.overlay_mask(source, result)
    else:
        display = imaging.to_display(result)
    return Processed(
        generation, steps, result, display, imaging.histogram_and_cdf(result), run.seconds
    )
