"""The playground's toy problems: 2-D point sets, small models, and a one-epoch trainer.

The spiral lesson's point is that a stack of linear layers is still one linear map (it
cannot separate the arms, ~50%), while one ReLU layer bends space enough to separate them.
Everything here is small enough to train live on a CPU, so the GUI can redraw the decision
boundary many times a second. Generators take an explicit seed and use their own
``torch.Generator``: the same settings always give the same points and the same initial
weights, whatever else runs in the process.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from training_core.data import make_spiral

DATASET_NAMES = ("spiral", "circles", "xor", "blobs", "moons")
# Noise is in the units of each generator (radians for the spiral, coordinates otherwise).
DEFAULT_NOISE = {"spiral": 0.2, "circles": 0.08, "xor": 0.08, "blobs": 0.15, "moons": 0.08}
MAX_CLASSES = 10
MAX_CSV_POINTS = 100_000
MAX_CSV_BYTES = 20 * 1024 * 1024
ACTIVATIONS: dict[str, type[nn.Module]] = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
MODEL_KINDS = ("linear", "mlp")
OPTIMIZERS = ("sgd", "adam")


class PlaygroundDataError(ValueError):
    """A point set that cannot be used; the message is one line meant for the user."""


@contextlib.contextmanager
def single_thread() -> Iterator[None]:
    """Run PyTorch ops of the calling thread on one core, then restore the thread count.

    The playground's models are tiny: splitting a 3000x100 matmul over OpenMP threads
    costs more in hand-offs than it saves, and on a busy 2-core machine the spinning
    threads made one epoch 10-30x slower. The OpenMP setting is per thread, so this
    does not slow down training in other threads.
    """
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


# -- 2-D classification data -------------------------------------------------------------


def _labels(classes: int, per_class: int) -> torch.Tensor:
    return torch.arange(classes).repeat_interleave(per_class)


def make_circles(points_per_class: int = 500, noise: float = 0.08, seed: int = 0):
    """Two classes: a disc of radius 0.4 inside a ring of radius 0.8 (not linearly separable)."""
    gen = torch.Generator().manual_seed(seed)
    n = points_per_class
    angle = torch.rand(2 * n, generator=gen) * 2 * math.pi
    radius = torch.cat([torch.rand(n, generator=gen).sqrt() * 0.4, torch.full((n,), 0.8)])
    x = torch.stack([radius * torch.cos(angle), radius * torch.sin(angle)], 1)
    x = x + torch.randn(2 * n, 2, generator=gen) * noise
    return x, _labels(2, n)


def make_xor(points_per_class: int = 500, noise: float = 0.08, seed: int = 0):
    """Two classes by quadrant: same sign of x and y is class 0, opposite signs class 1."""
    gen = torch.Generator().manual_seed(seed)
    xs = []
    for same_sign in (True, False):
        pts = torch.rand(points_per_class, 2, generator=gen) * 0.9 + 0.05  # keep off the axes
        flip = torch.randint(0, 2, (points_per_class,), generator=gen) * 2 - 1
        sign_y = flip if same_sign else -flip
        pts = pts * torch.stack([flip, sign_y], 1)
        xs.append(pts + torch.randn(points_per_class, 2, generator=gen) * noise)
    return torch.cat(xs), _labels(2, points_per_class)


def make_blobs(classes: int = 3, points_per_class: int = 500, noise: float = 0.15, seed: int = 0):
    """``classes`` Gaussian blobs (std ``noise``) with centres evenly spaced on a circle."""
    gen = torch.Generator().manual_seed(seed)
    angle = torch.arange(classes) * (2 * math.pi / classes) + math.pi / 2
    centres = 0.6 * torch.stack([torch.cos(angle), torch.sin(angle)], 1)
    x = centres.repeat_interleave(points_per_class, 0)
    x = x + torch.randn(classes * points_per_class, 2, generator=gen) * noise
    return x, _labels(classes, points_per_class)


def make_moons(points_per_class: int = 500, noise: float = 0.08, seed: int = 0):
    """Two interleaved half circles, scaled and centred to fit in about [-1, 1]."""
    gen = torch.Generator().manual_seed(seed)
    t = torch.rand(2, points_per_class, generator=gen) * math.pi
    upper = torch.stack([torch.cos(t[0]), torch.sin(t[0])], 1)
    lower = torch.stack([1 - torch.cos(t[1]), 0.5 - torch.sin(t[1])], 1)
    x = (torch.cat([upper, lower]) - torch.tensor([0.5, 0.25])) * 0.6
    x = x + torch.randn(2 * points_per_class, 2, generator=gen) * noise
    return x, _labels(2, points_per_class)


def make_points(
    name: str,
    classes: int = 3,
    points_per_class: int = 500,
    noise: float | None = None,
    seed: int = 0,
) -> tuple[torch.Tensor, torch.Tensor]:
    """One entry point for every generator; ``classes`` matters for spiral and blobs only."""
    if name not in DATASET_NAMES:
        raise PlaygroundDataError(f"unknown data set {name!r}; choose one of {DATASET_NAMES}")
    noise = DEFAULT_NOISE[name] if noise is None else float(noise)
    if name == "spiral":
        x, y = make_spiral(classes, points_per_class, noise, seed)
    elif name == "blobs":
        x, y = make_blobs(classes, points_per_class, noise, seed)
    else:
        x, y = {"circles": make_circles, "xor": make_xor, "moons": make_moons}[name](
            points_per_class, noise, seed
        )
    return x.float().contiguous(), y.long()


def class_count(name: str, classes: int) -> int:
    return classes if name in ("spiral", "blobs") else 2


# -- user CSV -----------------------------------------------------------------------------


@dataclass
class PointSet:
    """Points ``x`` float [N, 2] and labels ``y`` int64 [N] in 0..len(class_names)-1."""

    x: torch.Tensor
    y: torch.Tensor
    class_names: tuple[str, ...]
    note: str = ""


def load_points_csv(path: str | os.PathLike, rescale: bool = True) -> PointSet:
    """Read ``x, y, label`` rows (an optional header line is skipped).

    Labels may be any tokens (``0``/``1``, ``cat``/``dog``); they are numbered in sorted
    order. With ``rescale`` the points are centred and scaled into [-1, 1] so that the
    same learning rates work for every file. Every problem raises ``PlaygroundDataError``
    with a one-line message that names the file and, where it helps, the line.
    """
    path = Path(path)
    name = path.name or str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise PlaygroundDataError(f"{name} is not a file")
        if size > MAX_CSV_BYTES:
            raise PlaygroundDataError(
                f"{name} is {size / 1e6:.0f} MB; the playground reads CSV files up to "
                f"{MAX_CSV_BYTES // 2**20} MB"
            )
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
    except FileNotFoundError:
        raise PlaygroundDataError(f"{name} does not exist") from None
    except UnicodeDecodeError:
        raise PlaygroundDataError(f"{name} is not a text CSV file (UTF-8 expected)") from None
    except (OSError, csv.Error) as exc:
        raise PlaygroundDataError(f"cannot read {name}: {exc}") from None
    points, labels = _parse_rows(rows, name)
    if len(points) > MAX_CSV_POINTS:
        raise PlaygroundDataError(f"{name} has {len(points)} points; the limit is {MAX_CSV_POINTS}")
    if len(points) < 4:
        raise PlaygroundDataError(f"{name} has {len(points)} points; at least 4 are needed")
    class_names = tuple(sorted(set(labels), key=_label_sort_key))
    if len(class_names) < 2:
        raise PlaygroundDataError(f"{name} has only one label ({class_names[0]}); need two or more")
    if len(class_names) > MAX_CLASSES:
        raise PlaygroundDataError(
            f"{name} has {len(class_names)} different labels; the playground shows at most "
            f"{MAX_CLASSES}"
        )
    index = {c: i for i, c in enumerate(class_names)}
    x = torch.tensor(points, dtype=torch.float32)
    y = torch.tensor([index[c] for c in labels], dtype=torch.long)
    note = f"{len(points)} points, {len(class_names)} classes from {name}"
    if rescale:
        centre = (x.amax(0) + x.amin(0)) / 2
        half = float((x.amax(0) - x.amin(0)).max()) / 2 or 1.0
        x = (x - centre) / half
        note += " (rescaled to [-1, 1])"
    return PointSet(x, y, class_names, note)


def _label_sort_key(label: str):
    try:
        return (0, float(label), label)
    except ValueError:
        return (1, 0.0, label)


def _parse_rows(rows: list[list[str]], name: str) -> tuple[list[list[float]], list[str]]:
    points, labels = [], []
    for line, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if len(cells) != 3:
            raise PlaygroundDataError(
                f"{name}, line {line}: expected 3 columns (x, y, label), found {len(cells)}"
            )
        try:
            xy = [float(cells[0]), float(cells[1])]
        except ValueError:
            if not points and not labels:  # a header line
                continue
            bad = cells[0] if not _is_number(cells[0]) else cells[1]
            raise PlaygroundDataError(f"{name}, line {line}: {bad!r} is not a number") from None
        if not all(math.isfinite(v) for v in xy):
            raise PlaygroundDataError(f"{name}, line {line}: coordinates must be finite numbers")
        if not cells[2]:
            raise PlaygroundDataError(f"{name}, line {line}: the label is empty")
        points.append(xy)
        labels.append(cells[2])
    if not points:
        raise PlaygroundDataError(f"{name} holds no data rows (expected x, y, label)")
    return points, labels


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# -- split --------------------------------------------------------------------------------


@dataclass
class Split:
    """Train and test tensors; the test part may be empty (fraction 0)."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor


def train_test_split(x: torch.Tensor, y: torch.Tensor, test_fraction: float = 0.2, seed: int = 0):
    """A seeded random split; ``test_fraction`` in [0, 0.9]."""
    if not 0.0 <= test_fraction <= 0.9:
        raise PlaygroundDataError("the test fraction must be between 0 and 0.9")
    gen = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(x), generator=gen)
    n_test = int(round(len(x) * test_fraction))
    test, train = order[:n_test], order[n_test:]
    return Split(x[train], y[train], x[test], y[test])


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
        raise ValueError(f"unknown model kind {kind!r}; choose one of {MODEL_KINDS}")
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; choose one of {tuple(ACTIVATIONS)}")
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
    raise ValueError(f"unknown optimizer {settings.optimizer!r}; choose one of {OPTIMIZERS}")


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
            raise ValueError(f"unknown task {self.task!r}")
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


# -- regression (the lesson's second example) ---------------------------------------------


def make_cubic(points: int = 100, noise: float = 0.3, seed: int = 1):
    """x evenly spaced in [-1, 1], y = x^3 + noise * U[0, 1) (the lesson uses ``torch.rand``,
    so the noise is uniform and shifts the cloud up by noise/2). Shapes [N, 1]."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.linspace(-1, 1, points).unsqueeze(1)
    return x, x.pow(3) + noise * torch.rand(x.shape, generator=gen)


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
    with single_thread():
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
