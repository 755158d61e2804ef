"""The playground's data: toy 2-D point sets, points from a user's CSV file, the cubic
for regression, and a seeded train/test split.

Generators take an explicit seed and use their own ``torch.Generator``: the same settings
always give the same points, whatever else runs in the process. Models and the trainer
are in :mod:`training_core.playground`, which re-exports everything here.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass
from pathlib import Path

import torch

from training_core.data import make_spiral

DATASET_NAMES = ("spiral", "circles", "xor", "blobs", "moons")
# Noise is in the units of each generator (radians for the spiral, coordinates otherwise).
DEFAULT_NOISE = {"spiral": 0.2, "circles": 0.08, "xor": 0.08, "blobs": 0.15, "moons": 0.08}
MAX_CLASSES = 10
MAX_CSV_POINTS = 100_000
MAX_CSV_BYTES = 20 * 1024 * 1024


class PlaygroundDataError(ValueError):
    """A point set that cannot be used; the message is one line meant for the user."""


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


# -- regression (the lesson's second example) ---------------------------------------------


def make_cubic(points: int = 100, noise: float = 0.3, seed: int = 1):
    """x evenly spaced in [-1, 1], y = x^3 + noise * U[0, 1) (the lesson uses ``torch.rand``,
    so the noise is uniform and shifts the cloud up by noise/2). Shapes [N, 1]."""
    gen = torch.Generator().manual_seed(seed)
    x = torch.linspace(-1, 1, points).unsqueeze(1)
    return x, x.pow(3) + noise * torch.rand(x.shape, generator=gen)
