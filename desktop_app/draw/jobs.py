"""The work behind the Draw tab, run off the UI thread: plain functions, no widgets.

Expected outcomes (an empty drawing, a file that is not an image) come back as values,
not exceptions, so the worker thread never prints a traceback for them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from training_core.image_io import ImageReadError, read_image
from training_core.inference import Prediction, Predictor
from training_core.preprocessing import NothingDrawn, to_gray_unit
from training_core.threads import torch_threads


@dataclass(frozen=True)
class Outcome:
    generation: int  # which request this answers; older ones than a reset are dropped
    source: str  # "canvas", "file" or "clipboard"
    prediction: Prediction | None  # None: nothing to classify
    picture: np.ndarray | None = None  # uint8 gray copy of an opened image, for display
    error: str | None = None  # a user-facing message (unreadable file)
    name: str = ""
    image: np.ndarray | None = None  # the opened picture as read, to classify again later


def classify_array(
    predictor: Predictor,
    image: np.ndarray,
    generation: int,
    source: str = "canvas",
    picture: bool = False,
    name: str = "",
) -> Outcome:
    """Classify any image array through the same code as ``digit-lab predict``."""
    try:
        # One image is far too little work to share between cores, and while the Train
        # tab keeps every core busy a second intra-op thread made a prediction ~50x
        # slower (measured: 41 ms instead of 0.7 ms).
        with torch_threads(1):
            prediction = predictor.predict_image(image)
    except NothingDrawn:
        prediction = None
    if not picture:
        return Outcome(generation, source, prediction)
    return Outcome(generation, source, prediction, display_gray(image), None, name, image)


def classify_file(predictor: Predictor, path: str, generation: int) -> Outcome:
    """Read an image file (as the CLI does) and classify it; a bad file becomes ``error``."""
    from pathlib import Path

    try:
        image = read_image(path)
    except ImageReadError as exc:
        return Outcome(generation, "file", None, None, str(exc), Path(path).name)
    return classify_array(predictor, image, generation, "file", True, Path(path).name)


def display_gray(image: np.ndarray) -> np.ndarray:
    """Any image -> contiguous uint8 gray for showing it on the canvas."""
    return np.ascontiguousarray((to_gray_unit(image) * 255 + 0.5).astype(np.uint8))
