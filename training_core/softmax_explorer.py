"""Softmax and cross-entropy, worked out with numbers for the playground's explorer.

``nn.CrossEntropyLoss`` takes raw scores (logits) and applies log-softmax itself: it is
exactly ``LogSoftmax`` followed by ``NLLLoss``. Putting a softmax in front of it (a common
mistake) squashes the scores into [0, 1] before a second softmax, so the loss can no longer
approach 0 and its gradient with respect to the logits shrinks, often by an order of
magnitude: training slows down. The functions here show both facts on given logits and on
a short training run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from training_core.messages import msg
from training_core.playground import build_classifier, make_points


def softmax(logits) -> np.ndarray:
    """Probabilities from scores; subtracting the max keeps ``exp`` from overflowing."""
    z = np.asarray(logits, dtype=np.float64)
    e = np.exp(z - z.max())
    return e / e.sum()


def cross_entropy(logits, target: int) -> float:
    """``-log softmax(logits)[target]``, computed as ``logsumexp(z) - z[target]``."""
    z = np.asarray(logits, dtype=np.float64)
    m = z.max()
    return float(m + math.log(np.exp(z - m).sum()) - z[target])


@dataclass(frozen=True)
class LossBreakdown:
    """Everything the explorer shows for one set of logits and one true class."""

    probabilities: np.ndarray  # softmax(logits)
    loss_manual: float  # -log p[target], by hand
    loss_cross_entropy: float  # nn.CrossEntropyLoss()(logits, target)
    loss_logsoftmax_nll: float  # nn.NLLLoss()(nn.LogSoftmax(dim=1)(logits), target)
    grad_cross_entropy: np.ndarray  # d loss / d logits = softmax - one_hot
    loss_softmax_first: float  # nn.CrossEntropyLoss()(softmax(logits), target): the mistake
    grad_softmax_first: np.ndarray  # its gradient w.r.t. the logits

    @property
    def grad_ratio(self) -> float:
        """|grad of the mistake| / |grad of the correct loss| (below 1: smaller steps)."""
        correct = float(np.linalg.norm(self.grad_cross_entropy))
        return float(np.linalg.norm(self.grad_softmax_first)) / correct if correct else math.nan


def explain(logits, target: int) -> LossBreakdown:
    """Compute the breakdown with the real PyTorch modules and autograd (float64)."""
    z = torch.tensor(np.asarray(logits, dtype=np.float64)).reshape(1, -1)
    if not 0 <= target < z.shape[1]:
        raise ValueError(
            msg(
                "softmax.bad_target",
                "target {target} is not one of the {classes} classes",
                target=target,
                classes=z.shape[1],
            )
        )
    t = torch.tensor([target])
    ce = nn.CrossEntropyLoss()

    z1 = z.clone().requires_grad_(True)
    loss_ce = ce(z1, t)
    loss_ce.backward()
    loss_nll = nn.NLLLoss()(nn.LogSoftmax(dim=1)(z), t)

    z2 = z.clone().requires_grad_(True)
    loss_wrong = ce(torch.softmax(z2, dim=1), t)
    loss_wrong.backward()
    return LossBreakdown(
        probabilities=softmax(z[0].numpy()),
        loss_manual=-math.log(max(float(softmax(z[0].numpy())[target]), 1e-300)),
        loss_cross_entropy=float(loss_ce.detach()),
        loss_logsoftmax_nll=float(loss_nll),
        grad_cross_entropy=z1.grad[0].numpy().copy(),
        loss_softmax_first=float(loss_wrong.detach()),
        grad_softmax_first=z2.grad[0].numpy().copy(),
    )


@dataclass(frozen=True)
class MistakeComparison:
    """Loss (always the correct cross-entropy, so the two are comparable) and training
    accuracy after each step, for the model trained on the right loss and on the mistake."""

    steps: int
    correct_loss: list[float]
    correct_acc: list[float]
    mistake_loss: list[float]
    mistake_acc: list[float]


def compare_softmax_mistake(
    steps: int = 300, lr: float = 0.5, points_per_class: int = 300, seed: int = 0
) -> MistakeComparison:
    """Train the same ReLU MLP (same initial weights) on the 3-class spiral with plain SGD,
    once on ``CrossEntropyLoss(logits)`` and once on ``CrossEntropyLoss(softmax(logits))``.

    SGD makes the step size proportional to the gradient, so the shrunken gradients of the
    mistake show up directly as slower progress (Adam would partly hide them by rescaling).
    """
    x, y = make_points("spiral", 3, points_per_class, 0.2, seed)
    ce = nn.CrossEntropyLoss()
    curves = {}
    for name, squash in (("correct", False), ("mistake", True)):
        model = build_classifier("mlp", 1, 100, "relu", outputs=3, seed=seed)
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        losses, accs = [], []
        for _ in range(steps):
            out = model(x)
            loss = ce(torch.softmax(out, 1) if squash else out, y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            with torch.no_grad():
                losses.append(float(ce(out, y)))
                accs.append(float((out.argmax(1) == y).float().mean()))
        curves[name] = (losses, accs)
    return MistakeComparison(steps, *curves["correct"], *curves["mistake"])
