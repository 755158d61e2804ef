"""Predicting single images with a checkpoint: one code path for the CLI and the Draw tab."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import torch

from training_core.checkpoints import Checkpoint, CheckpointError, load_checkpoint
from training_core.preprocessing import prepare_digit, to_model_input
from training_core.resources import bundled_model_path

BUNDLED_MODEL = bundled_model_path()


@dataclass
class Prediction:
    probabilities: np.ndarray  # [C] float64, sums to 1
    digit: np.ndarray  # [28, 28] float32: what the model saw
    class_names: tuple[str, ...]

    @property
    def label(self) -> int:
        return int(np.argmax(self.probabilities))

    @property
    def class_name(self) -> str:
        return self.class_names[self.label]

    @property
    def confidence(self) -> float:
        return float(self.probabilities[self.label])

    def top(self, k: int) -> list[tuple[str, float]]:
        order = np.argsort(self.probabilities)[::-1][:k]
        return [(self.class_names[i], float(self.probabilities[i])) for i in order]


class Predictor:
    """A loaded model with its class names and normalisation, ready for single images."""

    def __init__(self, checkpoint: Checkpoint) -> None:
        self.checkpoint = checkpoint
        self.model = checkpoint.build_model("cpu")
        self.class_names = checkpoint.class_names
        self.mean, self.std = checkpoint.mean, checkpoint.std

    @classmethod
    def from_path(cls, path: str | os.PathLike) -> Predictor:
        return cls(load_checkpoint(path))

    @classmethod
    def bundled(cls) -> Predictor:
        return cls.from_path(BUNDLED_MODEL)

    @property
    def name(self) -> str:
        path = self.checkpoint.path
        return path.name if path else self.checkpoint.model_name

    @torch.no_grad()
    def predict_digit(self, digit: np.ndarray) -> Prediction:
        """Classify an already prepared [28, 28] digit."""
        logits = self.model(to_model_input(digit, self.mean, self.std))
        # load_checkpoint refuses NaN weights and probes a forward pass, but finite weights
        # can still overflow on some image: refuse that too, so no caller ever shows or
        # prints a NaN probability (``digit-lab predict --json`` would not be JSON).
        if not bool(torch.isfinite(logits).all()):
            raise CheckpointError(
                f"{self.name}: the model's output for this image is NaN or infinite "
                "(its weights are unusable)"
            )
        probs = torch.softmax(logits.double(), dim=1)[0].numpy()
        return Prediction(probs, digit, self.class_names)

    def predict_image(self, image: np.ndarray) -> Prediction:
        """Any image array -> prediction; raises NothingDrawn for an empty image."""
        return self.predict_digit(prepare_digit(image))
