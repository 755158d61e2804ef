"""Fine-tuning a model on the user's own digits without forgetting MNIST.

A few hundred Adam steps at a small learning rate; each batch is half the user's digits
(with light affine jitter, so 50 drawings do not get memorised) and half MNIST train digits
(with the wide "draw" jitter the bundled model was trained with), so the model learns the
new hand and keeps the old ones. Batch-norm statistics are frozen: the user's few digits
would otherwise shift them for every input. Before and after, the accuracy is measured on a
seeded held-back part of the user's digits (never trained on) and on the MNIST test set.

The result is a normal checkpoint (same config and history, the weights changed) with a
fresh doubt calibration when MNIST train is at hand (``training_core.calibration``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

from training_core.calibration import DEFAULT_PERCENTILE, calibrate
from training_core.checkpoints import Checkpoint, save_checkpoint
from training_core.confidence import Calibration, can_calibrate
from training_core.control import Control
from training_core.data import AUGMENTATIONS, TensorSplit, normalize
from training_core.evaluation import evaluate
from training_core.messages import msg

MIN_DIGITS = 10  # fewer cannot be split into something to learn and something to check


class FinetuneError(ValueError):
    """Fine-tuning cannot start (too few digits, a model that cannot be fine-tuned)."""


@dataclass(frozen=True)
class FinetuneOptions:
    steps: int = 300
    batch_size: int = 64  # half the user's digits, half MNIST
    lr: float = 3e-4
    held_share: float = 0.25  # of the user's digits, kept back to measure
    seed: int = 0
    recalibrate: bool = True


@dataclass
class FinetuneProgress:
    """Sent every few steps: where the job is and the loss on the last batch."""

    stage: str  # "measuring", "training", "calibrating"
    step: int
    steps: int
    loss: float | None = None


@dataclass
class FinetuneResult:
    model: nn.Module
    user_before: float  # accuracy on the held-back user digits
    user_after: float
    mnist_before: float  # accuracy on the MNIST test set
    mnist_after: float
    held_count: int
    train_count: int
    steps_done: int
    stopped: bool
    calibration: Calibration | None = None
    history: list[float] = field(default_factory=list)  # loss every report

    def summary(self) -> dict:
        return {
            "my_digits_accuracy_before": self.user_before,
            "my_digits_accuracy_after": self.user_after,
            "mnist_test_accuracy_before": self.mnist_before,
            "mnist_test_accuracy_after": self.mnist_after,
            "my_digits_held_back": self.held_count,
            "my_digits_trained_on": self.train_count,
            "steps": self.steps_done,
            "stopped": self.stopped,
        }

    def save(self, path: str | os.PathLike, base: Checkpoint) -> Path:
        """The fine-tuned model as a checkpoint at ``path``: ``base``'s settings, classes,
        normalisation and history, with the new weights and calibration."""
        return save_checkpoint(
            path,
            model=self.model,
            config=base.config,
            class_names=base.class_names,
            mean=base.mean,
            std=base.std,
            history=base.history,
            epoch=base.epoch,
            calibration=self.calibration,
        )


def split_held_out(labels: np.ndarray, share: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, held back): a seeded ``share`` of each label's digits is held back
    (at least one of a label with two or more), so every digit the user drew is checked."""
    rng = np.random.default_rng(seed)
    train, held = [], []
    for label in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == label))
        n_held = int(round(len(idx) * share)) if len(idx) > 1 else 0
        n_held = max(n_held, 1) if len(idx) > 1 else 0
        held += idx[:n_held].tolist()
        train += idx[n_held:].tolist()
    return np.array(sorted(train), np.int64), np.array(sorted(held), np.int64)


def split_user_digits(images: np.ndarray, labels: np.ndarray, share: float, seed: int):
    """((train images, labels), (held-back images, labels)) from the user's digits; refuses
    fewer than ``MIN_DIGITS``."""
    if len(labels) < MIN_DIGITS:
        raise FinetuneError(
            msg(
                "finetune.too_few",
                "{count} of your digits; fine-tuning needs at least {least} "
                "(some to learn from, some to check)",
                count=len(labels),
                least=MIN_DIGITS,
            )
        )
    train, held = split_held_out(labels, share, seed)
    return (images[train], labels[train]), (images[held], labels[held])


def _split(images: np.ndarray, labels: np.ndarray, like: TensorSplit) -> TensorSplit:
    return TensorSplit(
        torch.from_numpy(np.ascontiguousarray(images, np.uint8)),
        torch.from_numpy(np.asarray(labels, np.int64)),
        like.class_names,
        like.mean,
        like.std,
    )


def finetune(
    checkpoint: Checkpoint,
    user: tuple[np.ndarray, np.ndarray],
    held: tuple[np.ndarray, np.ndarray],
    mnist_train: TensorSplit,
    mnist_test: TensorSplit,
    options: FinetuneOptions = FinetuneOptions(),
    report: Callable[[FinetuneProgress], None] = lambda _p: None,
    control: Control | None = None,
) -> FinetuneResult:
    """Fine-tune ``checkpoint``'s model on ``user`` digits (uint8 [N, 28, 28], labels),
    measuring on ``held`` and ``mnist_test`` before and after. Stops early, keeping the
    steps done, when ``control`` asks."""
    if len(user[1]) < 1 or len(held[1]) < 1:
        raise FinetuneError(
            msg("finetune.empty_part", "nothing to learn from or nothing to check on")
        )
    control = control or Control()
    torch.manual_seed(options.seed)
    generator = torch.Generator().manual_seed(options.seed)
    model = checkpoint.build_model("cpu")
    user_split = _split(*user, mnist_train)
    held_split = _split(*held, mnist_train)
    report(FinetuneProgress("measuring", 0, options.steps))
    user_before = evaluate(model, held_split).accuracy
    mnist_before = evaluate(model, mnist_test).accuracy
    optimizer = torch.optim.Adam(model.parameters(), lr=options.lr)
    loss_fn = nn.CrossEntropyLoss()
    half = max(1, options.batch_size // 2)
    light, wide = AUGMENTATIONS["light"], AUGMENTATIONS["draw"]
    losses: list[float] = []
    step = 0
    stopped = False
    for step in range(1, options.steps + 1):
        if control.checkpoint():
            stopped, step = True, step - 1
            break
        model.train()
        for module in model.modules():  # frozen batch-norm statistics (see the docstring)
            if isinstance(module, nn.modules.batchnorm._BatchNorm):
                module.eval()
        mine = torch.randint(len(user_split), (half,), generator=generator)
        theirs = torch.randint(len(mnist_train), (half,), generator=generator)
        x_user = normalize(user_split.images[mine], user_split.mean, user_split.std)
        x_mnist = normalize(mnist_train.images[theirs], mnist_train.mean, mnist_train.std)
        x = torch.cat([light.apply(x_user, generator), wide.apply(x_mnist, generator)])
        y = torch.cat([user_split.labels[mine], mnist_train.labels[theirs]])
        loss = loss_fn(model(x), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if step % 10 == 0 or step == options.steps:
            losses.append(float(loss.detach()))
            report(FinetuneProgress("training", step, options.steps, losses[-1]))
    model.eval()
    report(FinetuneProgress("measuring", step, options.steps))
    result = FinetuneResult(
        model=model,
        user_before=user_before,
        user_after=evaluate(model, held_split).accuracy,
        mnist_before=mnist_before,
        mnist_after=evaluate(model, mnist_test).accuracy,
        held_count=len(held_split),
        train_count=len(user_split),
        steps_done=step,
        stopped=stopped,
        history=losses,
    )
    if options.recalibrate and can_calibrate(model) and not stopped:
        report(FinetuneProgress("calibrating", step, options.steps))
        result.calibration = calibrate(
            model,
            mnist_train.images,
            mnist_train.labels,
            checkpoint.mean,
            checkpoint.std,
            fit_count=10_000,
            held_count=2_000,
            seed=options.seed,
            percentile=checkpoint.calibration.percentile
            if checkpoint.calibration
            else DEFAULT_PERCENTILE,
        )
    return result
