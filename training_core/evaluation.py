"""Accuracy, per-class accuracy, confusion matrix and the most confident mistakes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from training_core.data import TensorSplit, iterate_batches


@dataclass
class EvalResult:
    """Everything the results views need, as CPU tensors."""

    loss: float
    accuracy: float
    labels: torch.Tensor  # [N] int64
    predictions: torch.Tensor  # [N] int64
    probabilities: torch.Tensor  # [N, C] float32
    class_names: tuple[str, ...]

    @property
    def confidences(self) -> torch.Tensor:
        return self.probabilities.max(dim=1).values

    @property
    def confusion_matrix(self) -> torch.Tensor:
        """[C, C] counts; row = true class, column = predicted class."""
        c = len(self.class_names)
        flat = self.labels * c + self.predictions
        return torch.bincount(flat, minlength=c * c).reshape(c, c)

    @property
    def per_class_accuracy(self) -> torch.Tensor:
        cm = self.confusion_matrix.double()
        totals = cm.sum(dim=1)
        return torch.where(totals > 0, cm.diagonal() / totals.clamp_min(1), torch.nan).float()

    def mistakes(self, most_confident_first: bool = True) -> torch.Tensor:
        """Indices of misclassified samples, most confident (most wrong) first."""
        wrong = torch.nonzero(self.predictions != self.labels).squeeze(1)
        order = torch.argsort(self.confidences[wrong], descending=most_confident_first)
        return wrong[order]

    def cell(self, true_class: int, predicted_class: int) -> torch.Tensor:
        """Indices of samples of ``true_class`` predicted as ``predicted_class``."""
        mask = (self.labels == true_class) & (self.predictions == predicted_class)
        return torch.nonzero(mask).squeeze(1)

    def to_dict(self) -> dict:
        """Plain JSON: a number that is not finite (the accuracy of a class the test set
        does not hold, the loss of a model that overflows) is None, never NaN."""
        return {
            "loss": _finite_or_none(self.loss),
            "accuracy": _finite_or_none(self.accuracy),
            "per_class_accuracy": [
                _finite_or_none(round(float(a), 6)) for a in self.per_class_accuracy
            ],
            "confusion_matrix": self.confusion_matrix.tolist(),
            "class_names": list(self.class_names),
        }


def _finite_or_none(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


@torch.no_grad()
def evaluate(model: nn.Module, split: TensorSplit, batch_size: int | None = None) -> EvalResult:
    """Run ``model`` over a whole split in eval mode (restoring its previous mode).

    Default batch: 500 on the CPU, where it beat 1000 and 10,000 (the CNN's feature maps
    stay in cache: 0.55 s against 0.85 s and 1.2 s for MNIST's test set on one core);
    4096 on a GPU, where bigger batches mean fewer kernel launches.
    """
    if batch_size is None:
        batch_size = 500 if split.images.device.type == "cpu" else 4096
    was_training = model.training
    model.eval()
    probs = []
    total_loss = torch.zeros((), device=split.images.device)
    for x, y in iterate_batches(split, batch_size):
        logits = model(x).float()
        total_loss += F.cross_entropy(logits, y, reduction="sum")
        probs.append(torch.softmax(logits, dim=1).cpu())
    model.train(was_training)
    probabilities = torch.cat(probs) if probs else torch.zeros(0, len(split.class_names))
    labels = split.labels.cpu()
    predictions = probabilities.argmax(dim=1)
    n = max(len(labels), 1)
    return EvalResult(
        loss=float(total_loss) / n,
        accuracy=float((predictions == labels).float().sum()) / n,
        labels=labels,
        predictions=predictions,
        probabilities=probabilities,
        class_names=split.class_names,
    )
