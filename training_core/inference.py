"""Predicting images with a checkpoint: one code path for the CLI and the Draw tab.

An image may hold one digit or a whole number, drawn or photographed on paper: it is
cleaned (``photo``), split into digits (``segmentation``) and each digit read on its own.

``digit-lab predict`` also takes a *model input*: a ``.npy`` file holding the (1, 28, 28)
float32 array the model is given after preprocessing, as ``digit-lab explain`` writes it.
It is used as it is (no preprocessing), so a user can edit a pixel and see what changes;
it is read without pickle, its header checked against its size and its shape and values
checked before the model sees it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch

from training_core.checkpoints import Checkpoint, CheckpointError, load_checkpoint
from training_core.confidence import forward_with_features, verdicts
from training_core.image_io import ImageReadError, read_image
from training_core.preprocessing import FIELD, to_model_input
from training_core.resources import bundled_model_path
from training_core.safe_files import SafeFileError
from training_core.safe_npy import load_npy
from training_core.segmentation import split_digits

BUNDLED_MODEL = bundled_model_path()
MODEL_INPUT_SHAPE = (1, FIELD, FIELD)
MAX_MODEL_INPUT_BYTES = 64 * 1024  # a (1, 28, 28) float64 array with its header is ~6 KB
# MNIST inputs lie in [-0.43, 2.83]; an edit beyond this many units (300x full ink) is a
# typo, and could overflow the model into NaN, which would be blamed on its weights.
MAX_MODEL_INPUT_VALUE = 1000.0
_NPY_MAGIC = b"\x93NUMPY"


class ModelInputError(ImageReadError):
    """A ``.npy`` model input that cannot be used; one line naming the file and why."""


def is_model_input_file(path: str | os.PathLike) -> bool:
    """A ``.npy`` by its name or its content (NumPy's magic bytes): read as a model input."""
    path = Path(path)
    if path.suffix.lower() == ".npy":
        return True
    try:
        if not path.is_file():  # opening a FIFO would block: the image reader refuses it
            return False
        with open(path, "rb") as handle:
            return handle.read(len(_NPY_MAGIC)) == _NPY_MAGIC
    except OSError:
        return False  # the image reader says what is wrong with it


def load_model_input(path: str | os.PathLike) -> np.ndarray:
    """A saved model input as float32 (1, 28, 28); (28, 28) is accepted too.

    Refused, in one line: pickles and object arrays, a header that does not match the
    file's size, another shape, a non-float dtype, NaN or infinite values, and values
    beyond ``MAX_MODEL_INPUT_VALUE``.
    """
    try:
        array = load_npy(
            path,
            max_bytes=MAX_MODEL_INPUT_BYTES,
            allowed_dtypes=(np.float16, np.float32, np.float64),
            shape_check=lambda shape: shape in (MODEL_INPUT_SHAPE, MODEL_INPUT_SHAPE[1:]),
        )
    except SafeFileError as exc:
        message = str(exc)
        if "is not accepted here" in message or "refused (only" in message:
            message += f" (a model input is a float array of shape {MODEL_INPUT_SHAPE})"
        raise ModelInputError(message) from None
    if not np.isfinite(array).all():
        raise ModelInputError(f"{Path(path).name}: holds NaN or infinite values")
    if np.abs(array).max() > MAX_MODEL_INPUT_VALUE:
        raise ModelInputError(
            f"{Path(path).name}: holds values beyond ±{MAX_MODEL_INPUT_VALUE:g} "
            "(model inputs are normalised pixels, about -0.4 to 2.8 for MNIST)"
        )
    return array.astype(np.float32).reshape(MODEL_INPUT_SHAPE)


@dataclass
class Prediction:
    probabilities: np.ndarray  # [C] float64, sums to 1
    digit: np.ndarray  # [28, 28] float32: what the model saw
    class_names: tuple[str, ...]
    # False when the drawing does not look like the digits the model knows (scribbles,
    # blobs, hatching): the window says "not sure" instead of a class (training_core.confidence).
    confident: bool = True
    # A whole number (issue 16): the digits read in the image, left to right, each with its
    # box (x0, y0, x1, y1) in the image's pixels, x1 and y1 excluded. Empty for a prepared
    # digit or a model input (then the prediction is its own only digit). For an image of
    # several digits this prediction's own fields are those of the least sure digit, and it
    # is confident only when every digit is (training_core.segmentation says how).
    digits: tuple[Prediction, ...] = ()
    box: tuple[int, int, int, int] | None = None
    photo: bool = False  # the image was cleaned as a photo of paper (training_core.photo)

    @property
    def read_digits(self) -> tuple[Prediction, ...]:
        """The digits read, left to right (at least this prediction itself)."""
        return self.digits or (self,)

    @property
    def text(self) -> str:
        """The number read, left to right ("2026"); one character for a single digit."""
        return "".join(d.class_name for d in self.read_digits)

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
        self.calibration = checkpoint.calibration

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

    def predict_digit(self, digit: np.ndarray) -> Prediction:
        """Classify an already prepared [28, 28] digit."""
        return self._predict(to_model_input(digit, self.mean, self.std), digit)

    def predict_input(self, model_input: np.ndarray) -> Prediction:
        """Classify a model input as it is (normalised, (1, 28, 28)): no preprocessing."""
        x = torch.from_numpy(np.ascontiguousarray(model_input, dtype=np.float32))
        x = x.reshape(1, *MODEL_INPUT_SHAPE)
        digit = (x[0, 0] * self.std + self.mean).numpy()  # back to ink in [0, 1], for display
        return self._predict(x, digit)

    def predict_file(self, path: str | os.PathLike) -> Prediction:
        """An image file (preprocessed) or a ``.npy`` model input (used as it is)."""
        if is_model_input_file(path):
            return self.predict_input(load_model_input(path))
        return self.predict_image(read_image(path))

    @torch.no_grad()
    def _predict(self, x: torch.Tensor, digit: np.ndarray) -> Prediction:
        logits, head, conv = forward_with_features(self.model, x)
        # load_checkpoint refuses NaN weights and probes a forward pass, but finite weights
        # can still overflow on some image: refuse that too, so no caller ever shows or
        # prints a NaN probability (``digit-lab predict --json`` would not be JSON).
        if not bool(torch.isfinite(logits).all()):
            raise CheckpointError(
                f"{self.name}: the model's output for this image is NaN or infinite "
                "(its weights are unusable)"
            )
        probs = torch.softmax(logits.double(), dim=1)[0].numpy()
        ink = [float(np.mean(digit))]  # the prepared digit's ink share (0..1)
        doubt = verdicts(self.calibration, logits, head, conv, ink)[0]
        return Prediction(probs, digit, self.class_names, doubt.confident)

    def predict_image(self, image: np.ndarray) -> Prediction:
        """Any image array -> prediction of the digit or the number in it (``digits``,
        ``text``); a photo of paper is cleaned first. Raises NothingDrawn for an empty image.

        A clean drawing of one digit gives exactly what it gave before numbers were read.
        """
        found = split_digits(image, judge=self._top_probability)
        digits = tuple(replace(self.predict_digit(c.digit), box=c.box) for c in found.digits)
        weakest = min(digits, key=lambda d: d.confidence)
        confident = all(d.confident for d in digits)
        return replace(weakest, digits=digits, photo=found.photo, confident=confident)

    @torch.no_grad()
    def _top_probability(self, digit: np.ndarray) -> float:
        """How surely the model reads a prepared digit: the segmentation's judge of cuts."""
        logits = self.model(to_model_input(digit, self.mean, self.std))
        if not bool(torch.isfinite(logits).all()):
            return 0.0
        return float(torch.softmax(logits.double(), dim=1).max())
