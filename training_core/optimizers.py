"""Optimizers and the one-cycle learning-rate schedule, as the training loop builds them.

Kept apart from the loop so that the schedule, a pure function, can be read (and copied
into exported training scripts) on its own.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from training_core.config import TrainConfig
from training_core.models import HandWrittenSGD


def onecycle_lr(step: int, total_steps: int, max_lr: float, warmup: float = 0.25) -> float:
    """Linear warm-up from max_lr/25 to max_lr, then cosine down to ~0."""
    total_steps = max(total_steps, 1)
    warm = max(int(total_steps * warmup), 1)
    start = max_lr / 25
    if step < warm:
        return start + (max_lr - start) * step / warm
    progress = min((step - warm) / max(total_steps - warm, 1), 1.0)
    return max_lr / 1e4 + (max_lr - max_lr / 1e4) * 0.5 * (1 + math.cos(math.pi * progress))


def make_optimizer(model: nn.Module, config: TrainConfig):
    """The optimizer ``config`` names; the hand-written model (whose lesson is the update
    rule itself) gets the hand-written SGD."""
    if getattr(model, "uses_hand_written_training", False):
        momentum = config.momentum if config.optimizer == "momentum" else 0.0
        return HandWrittenSGD(model.parameters(), config.lr, momentum, config.weight_decay)
    if config.optimizer == "adam":
        if config.weight_decay:
            return torch.optim.AdamW(
                model.parameters(), config.lr, weight_decay=config.weight_decay
            )
        return torch.optim.Adam(model.parameters(), config.lr)
    momentum = config.momentum if config.optimizer == "momentum" else 0.0
    return torch.optim.SGD(
        model.parameters(), config.lr, momentum=momentum, weight_decay=config.weight_decay
    )
