"""The playground's toy problems: 2-D point sets, small models, and a one-epoch trainer.

The spiral lesson's point is that a stack of linear layers is still one linear map (it
cannot separate the arms, ~50%), while one ReLU layer bends space enough to separate them.
Everything here is small enough to train live on a CPU, so the GUI can redraw the decision
boundary many times a second. Generators take an explicit seed and use their own
``torch.Generator``: the same settings always give the same points and the same initial
weights, whatever else runs in the process.

The point sets, CSV loading and the split live in :mod:`training_core.playground_data`;
they are re-exported here, so callers import everything from this module.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from training_core.messages import msg
from training_core.playground_data import (
    DATASET_NAMES,
    DEFAULT_NOISE,
    MAX_CLASSES,
    MAX_CSV_BYTES,
    MAX_CSV_POINTS,
    PlaygroundDataError,
    PointSet,
    Split,
    class_count,
    load_points_csv,
    make_blobs,
    make_circles,
    make_cubic,
    make_moons,
    make_points,
    make_xor,
    train_test_split,
)
from training_core.threads import torch_threads

__all__ = [
    "ACTIVATIONS",
    "DATASET_NAMES",
    "DEFAULT_NOISE",
    "MAX_CLASSES",
    "MAX_CSV_BYTES",
    "MAX_CSV_POINTS",
    "MODEL_KINDS",
    "OPTIMIZERS",
    "EpochMetrics",
    "GridPrediction",
    "PlaygroundDataError",
    "PlaygroundTrainer",
    "PointSet",
    "Split",
    "TrainSettings",
    "boundary_image",
    "build_classifier",
    "class_count",
    "data_extent",
    "load_points_csv",
    "make_blobs",
    "make_circles",
    "make_cubic",
    "make_moons",
    "make_optimizer",
    "make_points",
    "make_xor",
    "predict_curve",
    "predict_grid",
    "reproduce_spiral_lesson",
    "train_test_split",
]

ACTIVATIONS: dict[str, type[nn.Module]] = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
MODEL_KINDS = ("linear", "mlp")
OPTIMIZERS = ("sgd", "adam")


# -- models -------------------------------------------------------------------------------


def build_classifier(
    kind: str = "mlp",
    hidden_layers: int = 1,
    units: int = 100,
    activation: str = "relu",
    inputs: int = 2,
    outputs: int = 3,
    seed: int = 0,
) -> nn.Sequential:
    """``linear``: Linear layers with nothing in between (the lesson's 2->100->3 model, which
    collapses to one linear map); ``mlp``: the same layers with ``activation`` after each
    hidden one. Weights start from PyTorch's default init drawn from a seeded generator.
    ``outputs=1`` gives the regression model.
    """
    if kind not in MODEL_KINDS:
        raise ValueError(
            msg(
                "playground.unknown_model",
                "unknown model kind {name!r}; choose one of {choices}",
                name=kind,
                choices=MODEL_KINDS,
            )
        )
    if activation not in ACTIVATIONS:
        raise ValueError(
            msg(
                "playground.unknown_activation",
                "unknown activation {name!r}; choose one of {choices}",
                name=activation,
                choices=tuple(ACTIVATIONS),
            )
        )
    layers: list[nn.Module] = []
    width = inputs
    for _ in range(hidden_layers):
        layers.append(nn.Linear(width, units))
        if kind == "mlp":
            layers.append(ACTIVATIONS[activation]())
        width = units
    layers.append(nn.Linear(width, outputs))
    model = nn.Sequential(*layers)
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, nn.Linear):  # same scheme as nn.Linear.reset_parameters
                nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=gen)
                bound = 1 / math.sqrt(layer.in_features)
                layer.bias.uniform_(-bound, bound, generator=gen)
    return model


# -- training -----------------------------------------------------------------------------


@dataclass
class TrainSettings:
    optimizer: str = "adam"
    lr: float = 1e-2
    weight_decay: float = 1e-5  # L2, as the optimizer's weight decay (the lesson's lambda_l2)
    batch_size: int = 0  # 0 = full batch: one step per epoch, as in the lesson
    seed: int = 0


@dataclass(frozen=True)
class EpochMetrics:
    """Plain numbers after one epoch; accuracies are nan for regression, test values nan
    when there is no test set. Train values are the mean over the epoch's batches."""

    epoch: int
    train_loss: float
    test_loss: float
    train_acc: float
    test_acc: float


def make_optimizer(model: nn.Module, settings: TrainSettings) -> torch.optim.Optimizer:
    if settings.optimizer == "sgd":
        return torch.optim.SGD(
            model.parameters(), lr=settings.lr, weight_decay=settings.weight_decay
        )
    if settings.optimizer == "adam":
        return torch.optim.Adam(
            model.parameters(), lr=settings.lr, weight_decay=settings.weight_decay
        )
    raise ValueError(
        msg(
            "playground.unknown_optimizer",
            "unknown optimizer {name!r}; choose one of {choices}",
            name=settings.optimizer,
            choices=OPTIMIZERS,
        )
    )


@dataclass
class PlaygroundTrainer:
    """A model, its data and optimizer; ``run_epoch`` advances one epoch and reports numbers.

    ``task`` is ``classification`` (cross-entropy, accuracy) or ``regression`` (MSE).
    Not thread-safe: one thread at a time drives it (the GUI's worker).
    """

    model: nn.Module
    split: Split
    task: str = "classification"
    settings: TrainSettings = field(default_factory=TrainSettings)
    epoch: int = 0

    def __post_init__(self):
        if self.task not in ("classification", "regression"):
            raise ValueError(
                msg("playground.unknown_task", "unknown task {name!r}", name=self.task)
            )
        self.optimizer = make_optimizer(self.model, self.settings)
        self._gen = torch.Generator().manual_seed(self.settings.seed)
        self._loss: Callable = F.cross_entropy if self.task == "classification" else F.mse_loss

    def set_hyperparameters(self, lr: float | None = None, weight_decay: float | None = None):
        """Change the learning rate or L2 in place, keeping the optimizer's state."""
        for group in self.optimizer.param_groups:
            if lr is not None:
                group["lr"] = lr
            if weight_decay is not None:
                group["weight_decay"] = weight_decay
        if lr is not None:
            self.settings.lr = lr
        if weight_decay is not None:
            self.settings.weight_decay = weight_decay

    def run_epoch(self) -> EpochMetrics:
        x, y = self.split.x_train, self.split.y_train
        n = len(x)
        bs = self.settings.batch_size if 0 < self.settings.batch_size < n else n
        order = torch.randperm(n, generator=self._gen) if bs < n else None
        self.model.train()
        total_loss, correct = 0.0, 0
        for start in range(0, n, bs):
            if order is None:
                xb, yb = x, y
            else:
                idx = order[start : start + bs]
                xb, yb = x[idx], y[idx]
            out = self.model(xb)
            loss = self._loss(out, yb)
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
            total_loss += float(loss.detach()) * len(xb)
            if self.task == "classification":
                correct += int((out.detach().argmax(1) == yb).sum())
        self.epoch += 1
        train_acc = correct / n if self.task == "classification" else math.nan
        test_loss, test_acc = self.evaluate(self.split.x_test, self.split.y_test)
        return EpochMetrics(self.epoch, total_loss / n, test_loss, train_acc, test_acc)

    @torch.no_grad()
    def evaluate(self, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
        """(loss, accuracy) on a set; nan when the set is empty or the task has no accuracy."""
        if len(x) == 0:
            return math.nan, math.nan
        self.model.eval()
        out = self.model(x)
        loss = float(self._loss(out, y))
        if self.task != "classification":
            return loss, math.nan
        return loss, float((out.argmax(1) == y).float().mean())


# -- what the views draw ------------------------------------------------------------------


def data_extent(x: torch.Tensor, margin: float = 0.1) -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax) around the points, square, with a relative margin."""
    lo, hi = x.amin(0).tolist(), x.amax(0).tolist()
    cx, cy = (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2
    half = max(hi[0] - lo[0], hi[1] - lo[1], 1e-6) / 2 * (1 + margin)
    return cx - half, cx + half, cy - half, cy + half


@dataclass(frozen=True)
class GridPrediction:
    """Predicted class ``labels`` uint8 [rows, cols] and its probability ``confidence``
    float32 over a regular grid; row 0 is the smallest y (pyqtgraph's row-major order
    with an upward y axis)."""

    labels: np.ndarray
    confidence: np.ndarray
    extent: tuple[float, float, float, float]


@torch.no_grad()
def predict_grid(
    model: nn.Module, extent: tuple[float, float, float, float], resolution: int = 100
) -> GridPrediction:
    """Evaluate the classifier at every cell centre in one batched forward pass."""
    xmin, xmax, ymin, ymax = extent
    dx, dy = (xmax - xmin) / resolution, (ymax - ymin) / resolution
    xs = torch.linspace(xmin + dx / 2, xmax - dx / 2, resolution)
    ys = torch.linspace(ymin + dy / 2, ymax - dy / 2, resolution)
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    model.eval()
    probs = torch.softmax(model(torch.stack([gx.reshape(-1), gy.reshape(-1)], 1)), 1)
    conf, labels = probs.max(1)
    shape = (resolution, resolution)
    return GridPrediction(
        labels.reshape(shape).to(torch.uint8).numpy(),
        conf.reshape(shape).float().numpy(),
        extent,
    )


def boundary_image(grid: GridPrediction, palette: np.ndarray, classes: int) -> np.ndarray:
    """RGB uint8 [rows, cols, 3]: each cell takes its class colour, faded towards white where
    the model is unsure (confidence 1/classes -> white, 1 -> a pale tint of the colour)."""
    palette = np.asarray(palette, dtype=np.float32)[:, :3]
    chance = 1.0 / max(classes, 2)
    strength = np.clip((grid.confidence - chance) / (1 - chance), 0, 1)[..., None] * 0.55
    colour = palette[grid.labels.astype(np.intp) % len(palette)]
    return (255 - (255 - colour) * strength).astype(np.uint8)


@torch.no_grad()
def predict_curve(model: nn.Module, xs: np.ndarray) -> np.ndarray:
    """The regression model's output at ``xs`` (1-D), as a 1-D float array."""
    model.eval()
    x = torch.as_tensor(np.asarray(xs, dtype=np.float32)).reshape(-1, 1)
    return model(x).reshape(-1).numpy()


# -- the lesson's numbers, reproduced: python -m training_core.playground ------------------


def reproduce_spiral_lesson(
    runs=(("linear", 1e-3, 1000), ("mlp", 1e-3, 1000), ("linear", 1e-2, 300), ("mlp", 1e-2, 300)),
) -> list[tuple[str, float, int, float]]:
    """Train on the lesson's spiral (3 x 1000 points, noise 0.2, seed 12345), full batch,
    Adam with L2 1e-5, 100 hidden units; returns (kind, lr, epochs, training accuracy)."""
    x, y = make_points("spiral", 3, 1000, 0.2, seed=12345)
    rows = []
    with torch_threads(1):
        for kind, lr, epochs in runs:
            model = build_classifier(kind, 1, 100, "relu", seed=0)
            trainer = PlaygroundTrainer(
                model, Split(x, y, x[:0], y[:0]), settings=TrainSettings("adam", lr, 1e-5, 0)
            )
            for _ in range(epochs):
                trainer.run_epoch()
            rows.append((kind, lr, epochs, trainer.evaluate(x, y)[1]))
    return rows


if __name__ == "__main__":
    for kind, lr, epochs, acc in reproduce_spiral_lesson():
        print(f"{kind:6s}  Adam lr {lr:g}  {epochs:4d} full-batch epochs  train acc {acc:.1%}")
