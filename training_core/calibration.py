"""Fitting a :class:`~training_core.confidence.Calibration` on held-out training digits.

Class means and one shared covariance per gate come from MNIST *train* digits; the
thresholds are percentiles of *other* train digits redrawn as a user would draw them, so a
real drawing is judged against digits that went through the same preprocessing. Used by
``scripts/calibrate_bundled_model.py`` and at the end of ``digit-lab finetune``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from training_core.confidence import Calibration, Gate, forward_with_features
from training_core.preprocessing import NothingDrawn, prepare_digit


def _gate_fit(features: torch.Tensor, labels: torch.Tensor, outputs: int):
    features = features.double()
    means = torch.stack(
        [
            features[labels == c].mean(0) if bool((labels == c).any()) else features.mean(0)
            for c in range(outputs)
        ]
    )
    centred = features - means[labels]
    covariance = centred.T @ centred / max(1, len(features) - 1)
    # A little shrinkage: ReLU features have dead units, whose variance is zero.
    covariance += torch.eye(len(covariance), dtype=covariance.dtype) * (
        1e-3 * covariance.diagonal().mean() + 1e-8
    )
    return means, torch.linalg.inv(covariance)


@dataclass
class HeldOutScores:
    """The held-out digits' scores, kept so the percentile can be chosen afterwards."""

    means_and_precisions: dict
    head: torch.Tensor
    conv: torch.Tensor | None
    ink: torch.Tensor
    top: torch.Tensor

    def calibration(self, percentile: float) -> Calibration:
        q = percentile / 100.0
        gates = {}
        for name in ("head", "conv"):
            scores = getattr(self, name)
            if scores is not None:
                means, precision = self.means_and_precisions[name]
                gates[name] = Gate(
                    means.float(), precision.float(), float(torch.quantile(scores, q))
                )
        return Calibration(
            percentile=float(percentile),
            ink_threshold=float(torch.quantile(self.ink.double(), q)),
            softmax_threshold=float(torch.quantile(self.top, 1 - q)),
            head=gates["head"],
            conv=gates.get("conv"),
        )


@torch.no_grad()
def score_held_out(
    model: nn.Module,
    train_x: torch.Tensor,
    train_y: torch.Tensor,
    held_x: torch.Tensor,
    held_ink: torch.Tensor,
    batch: int = 500,
) -> HeldOutScores:
    """Class means and shared covariances from ``train_*`` (normalised model inputs), and
    the scores of the held-out digits ``held_x`` (other digits, redrawn as a user would)."""
    model.eval()
    heads, convs, labels = [], [], train_y.long()
    for chunk in train_x.split(batch):
        _, head, conv = forward_with_features(model, chunk)
        heads.append(head.double())
        convs.append(conv.double() if conv is not None else None)
    outputs = int(model(train_x[:1]).shape[1])
    fitted = {"head": _gate_fit(torch.cat(heads), labels, outputs)}
    if convs[0] is not None:
        fitted["conv"] = _gate_fit(torch.cat(convs), labels, outputs)
    scores: dict[str, list] = {"head": [], "conv": [], "top": []}
    for chunk in held_x.split(batch):
        logits, head, conv = forward_with_features(model, chunk)
        scores["top"].append(torch.softmax(logits.double(), 1).max(1).values)
        scores["head"].append(Gate(*fitted["head"], 0.0).distance(head))
        if "conv" in fitted:
            scores["conv"].append(Gate(*fitted["conv"], 0.0).distance(conv))
    return HeldOutScores(
        fitted,
        torch.cat(scores["head"]),
        torch.cat(scores["conv"]) if scores["conv"] else None,
        held_ink.double(),
        torch.cat(scores["top"]),
    )


def redrawn(images: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """MNIST digits (N, 28, 28) uint8 as the Draw tab would prepare them if a user drew
    them: scaled 4-9x with bilinear smoothing, then :func:`prepare_digit` (fit into 20x20,
    centred by mass). Returns the prepared digits [M, 28, 28] in [0, 1] and which of the
    inputs they are (an image with too little ink is skipped)."""
    from skimage.transform import resize

    rng = np.random.default_rng(seed)
    out, kept = [], []
    for i, image in enumerate(np.asarray(images, np.uint8)):
        side = int(rng.integers(112, 253))
        big = resize(image.astype(np.float32) / 255.0, (side, side), order=1)
        try:
            out.append(prepare_digit(big))
        except NothingDrawn:
            continue
        kept.append(i)
    return np.stack(out).astype(np.float32), np.asarray(kept, np.int64)


DEFAULT_PERCENTILE = 99.0


def score_held_out_split(
    model: nn.Module,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    mean: float,
    std: float,
    fit_count: int = 20_000,
    held_count: int = 3_000,
    seed: int = 0,
) -> HeldOutScores:
    """:func:`score_held_out` on training digits (uint8 [N, 28, 28] and labels): means and
    covariances from ``fit_count`` of them, scores of ``held_count`` others, redrawn as a
    user would. Seeded: the same inputs give the same scores."""
    n = len(train_labels)
    if n < fit_count + held_count:  # a small dataset: four fifths to fit, the rest to score
        fit_count, held_count = n - max(1, n // 5), max(1, n // 5)
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    fit, held = order[:fit_count], order[fit_count : fit_count + held_count]
    images = train_images.cpu()
    train_x = images.index_select(0, fit).unsqueeze(1).float().div(255).sub(mean).div(std)
    digits, _ = redrawn(images.index_select(0, held).numpy(), seed)
    held_x = torch.from_numpy(digits).unsqueeze(1).sub(mean).div(std)
    ink = torch.from_numpy(digits.reshape(len(digits), -1).mean(1))
    labels = train_labels.cpu().index_select(0, fit)
    return score_held_out(model, train_x, labels, held_x, ink)


def calibrate(
    model: nn.Module,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    mean: float,
    std: float,
    percentile: float = DEFAULT_PERCENTILE,
    **counts,
) -> Calibration:
    """A calibration at ``percentile`` from training digits (see :func:`score_held_out_split`)."""
    scores = score_held_out_split(model, train_images, train_labels, mean, std, **counts)
    return scores.calibration(percentile)
