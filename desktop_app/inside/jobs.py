"""The work behind the Inside tab, run off the UI thread: plain functions, no widgets.

One call per drawing update (latest-only): preprocess the drawing exactly as the Draw tab
does, run the model once with hooks for every layer's output, and, when the saliency page
is shown, an integrated-gradients map for the class asked about. Occlusion, the slow
check, is its own job, run only on request.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from training_core.attribution import attribute, background_value
from training_core.inference import Predictor
from training_core.inside import Activations, activations
from training_core.preprocessing import NothingDrawn, prepare_digit, to_model_input
from training_core.threads import torch_threads


@dataclass(frozen=True)
class InsideOutcome:
    generation: int
    activations: Activations | None  # None: nothing drawn
    target: int = 0  # the class the attribution is for
    attribution: np.ndarray | None = None  # (28, 28) signed, or None when not asked for
    method: str = "integrated-gradients"


def model_input_of(predictor: Predictor, image: np.ndarray) -> np.ndarray:
    """(1, 28, 28) float32: what the model sees for this drawing (raises NothingDrawn)."""
    digit = prepare_digit(image)
    return to_model_input(digit, predictor.mean, predictor.std)[0].numpy()


def look_inside(
    predictor: Predictor,
    image: np.ndarray,
    generation: int,
    target: int | None = None,
    saliency: bool = True,
    method: str = "integrated-gradients",
) -> InsideOutcome:
    """Activations of every layer and (when ``saliency``) the attribution of ``target``
    (the predicted class when None) for one drawing or picture."""
    try:
        model_input = model_input_of(predictor, image)
    except NothingDrawn:
        return InsideOutcome(generation, None)
    # One thread, as the Draw tab's worker: a second intra-op thread only fights training.
    with torch_threads(1):
        seen = activations(predictor.model, model_input)
        chosen = seen.label if target is None else int(target)
        attr = None
        if saliency:
            background = background_value(predictor.mean, predictor.std)
            attr = attribute(predictor.model, model_input, chosen, background, method)
    return InsideOutcome(generation, seen, chosen, attr, method)
