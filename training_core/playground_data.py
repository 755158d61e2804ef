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
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch

from training_core.data import make_spiral
from training_core.messages import msg

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
        raise PlaygroundDataError(
            msg(
                "points.unknown_dataset",
                "unknown data set {name!r}; choose one of {choices}",
                name=name,
                choices=DATASET_NAMES,
            )
        )
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


# The smallest magnitude float32 rounds to infinity: 1e39 passed a float64 finite check and
# became inf in the tensor. Anything below it rounds to a finite float32.
FLOAT32_LIMIT = 2.0**128 - 2.0**103
SUBSAMPLE_SEED = 0
_POLL_ROWS = 4096  # rows between two looks at ``should_stop``


def load_points_csv(
    path: str | os.PathLike,
    rescale: bool = True,
    should_stop: Callable[[], bool] | None = None,
) -> PointSet:
    """Read ``x, y, label`` rows (an optional header line is skipped).

    Labels may be any tokens (``0``/``1``, ``cat``/``dog``); they are numbered in sorted
    order. With ``rescale`` the points are centred and scaled into [-1, 1] (computed in
    float64, so a spread like -1e38..1e38 cannot overflow) so that the same learning rates
    work for every file. Beyond ``MAX_CSV_POINTS`` rows a seeded random sample of that many
    is kept, and the note says so. Rows are streamed, not held as lists, and
    ``should_stop`` is polled every few thousand rows so a reader thread can be cancelled.
    Every problem raises ``PlaygroundDataError`` with a one-line message that names the
    file and, where it helps, the line.
    """
    path = Path(path)
    name = path.name or str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise PlaygroundDataError(msg("points.not_a_file", "{file} is not a file", file=name))
        if size > MAX_CSV_BYTES:
            raise PlaygroundDataError(
                msg(
                    "points.too_large",
                    "{file} is {megabytes:.0f} MB; the playground reads CSV files up to {most} MB",
                    file=name,
                    megabytes=size / 1e6,
                    most=MAX_CSV_BYTES // 2**20,
                )
            )
        with open(path, newline="", encoding="utf-8-sig") as f:
            coords, ids, first_seen = _parse_rows(csv.reader(f), name, should_stop)
    except FileNotFoundError:
        raise PlaygroundDataError(
            msg("points.missing", "{file} does not exist", file=name)
        ) from None
    except UnicodeDecodeError:
        raise PlaygroundDataError(
            msg("points.not_text", "{file} is not a text CSV file (UTF-8 expected)", file=name)
        ) from None
    except (OSError, csv.Error) as exc:
        raise PlaygroundDataError(
            msg(
                "points.cannot_read",
                "cannot read {file}: {reason}",
                file=name,
                reason=_clip(str(exc)),
            )
        ) from None
    rows = len(ids)
    if rows < 4:
        raise PlaygroundDataError(
            msg(
                "points.too_few",
                "{file} has {rows} points; at least 4 are needed",
                file=name,
                rows=rows,
            )
        )
    if len(first_seen) < 2:
        raise PlaygroundDataError(
            msg(
                "points.one_label",
                "{file} has only one label ({label}); need two or more",
                file=name,
                label=_clip(repr(next(iter(first_seen)))),
            )
        )
    class_names = tuple(sorted(first_seen, key=_label_sort_key))
    order = torch.tensor([class_names.index(c) for c in first_seen], dtype=torch.long)
    x64 = torch.frombuffer(coords, dtype=torch.float64).view(rows, 2).clone()
    y = order[torch.frombuffer(ids, dtype=torch.int8).long()]
    sampled = scaled = ""
    if rows > MAX_CSV_POINTS:
        gen = torch.Generator().manual_seed(SUBSAMPLE_SEED)
        keep = torch.randperm(rows, generator=gen)[:MAX_CSV_POINTS].sort().values
        x64, y = x64[keep], y[keep]
        sampled = msg(
            "points.note_sampled",
            " (a seeded random sample of its {rows:,} rows: the playground uses at most {most:,})",
            rows=rows,
            most=MAX_CSV_POINTS,
        )
    if rescale:
        x64, spread = _rescale(x64)
        scaled = (
            msg("points.note_rescaled", " (rescaled to [-1, 1])")
            if spread
            else msg("points.note_same_place", " (all points are at the same place)")
        )
    note = msg(
        "points.note",
        "{points} points, {classes} classes from {file}{sampled}{scaled}",
        points=len(y),
        classes=len(class_names),
        file=name,
        sampled=sampled,
        scaled=scaled,
    )
    x = x64.float()
    if not bool(torch.isfinite(x).all()):  # cannot happen after the checks; never hand on inf
        raise PlaygroundDataError(
            msg(
                "points.not_float32",
                "{file}: the coordinates do not fit in 32-bit floats",
                file=name,
            )
        )
    return PointSet(x.contiguous(), y, class_names, note)


def _rescale(x64: torch.Tensor) -> tuple[torch.Tensor, bool]:
    """Centre on the bounding box and scale its longer side to [-1, 1], in float64."""
    lo, hi = x64.amin(0), x64.amax(0)
    centre = lo / 2 + hi / 2
    half = float((hi - lo).max()) / 2
    if not half > 0:  # all points identical (or a spread below float64's resolution)
        return torch.zeros_like(x64), False
    return ((x64 - centre) / half).clamp_(-1.0, 1.0), True


def _label_sort_key(label: str):
    try:
        value = float(label)
    except ValueError:
        return (1, 0.0, label)
    return (0, value, label) if math.isfinite(value) else (1, 0.0, label)


def _parse_rows(rows, name: str, should_stop: Callable[[], bool] | None):
    """Stream ``rows`` into flat arrays: x/y pairs (float64), a label id per row (labels
    numbered by first appearance), and those labels in that order.

    The common row takes the fast branch (``float`` itself ignores surrounding spaces, and
    one chained comparison refuses NaN, inf and float32 overflow); anything unusual goes
    through :func:`_check_row`, which finds the message. A million rows: about 2 s here.
    """
    coords, ids = array("d"), array("b")
    add_coord, add_id = coords.append, ids.append
    first_seen: dict[str, int] = {}
    limit = FLOAT32_LIMIT
    for line, row in enumerate(rows, start=1):
        if not line % _POLL_ROWS and should_stop is not None and should_stop():
            raise PlaygroundDataError(
                msg("points.cancelled", "loading {file} was cancelled", file=name)
            )
        try:
            x_text, y_text, label = row
            x, y = float(x_text), float(y_text)
        except ValueError:  # not 3 cells, or not numbers: a header, a blank line, an error
            _check_row(row, line, name, header_allowed=not ids)
            continue
        label = label.strip()
        if not (-limit < x < limit and -limit < y < limit and label):
            _check_row(row, line, name, header_allowed=False)
        index = first_seen.get(label)
        if index is None:
            if len(first_seen) == MAX_CLASSES:
                raise PlaygroundDataError(
                    msg(
                        "points.too_many_labels",
                        "{file} has at least {count} different labels (line {line} adds"
                        " {label}); the playground shows at most {most}",
                        file=name,
                        count=MAX_CLASSES + 1,
                        line=line,
                        label=_clip(repr(label)),
                        most=MAX_CLASSES,
                    )
                )
            index = first_seen[label] = len(first_seen)
        add_coord(x)
        add_coord(y)
        add_id(index)
    if not ids:
        raise PlaygroundDataError(
            msg("points.no_rows", "{file} holds no data rows (expected x, y, label)", file=name)
        )
    return coords, ids, first_seen


def _check_row(row: list[str], line: int, name: str, header_allowed: bool) -> None:
    """The slow path for a row the fast one did not take: returns when the row is to be
    skipped (blank, or the header line), else raises the message that says what is wrong."""
    cells = [c.strip() for c in row]
    if not any(cells):
        return
    where = msg("points.where", "{file}, line {line}", file=name, line=line)
    if len(cells) != 3:
        raise PlaygroundDataError(
            msg(
                "points.bad_columns",
                "{where}: expected 3 columns (x, y, label), found {count}",
                where=where,
                count=len(cells),
            )
        )
    numbers = [_number(c) for c in cells[:2]]
    if None in numbers:
        if header_allowed:
            return
        bad = cells[numbers.index(None)]
        raise PlaygroundDataError(
            msg(
                "points.not_a_number",
                "{where}: {cell} is not a number",
                where=where,
                cell=_clip(repr(bad)),
            )
        )
    for value, cell in zip(numbers, cells, strict=False):
        if not math.isfinite(value):
            raise PlaygroundDataError(
                msg("points.not_finite", "{where}: coordinates must be finite numbers", where=where)
            )
        if not abs(value) < FLOAT32_LIMIT:
            raise PlaygroundDataError(
                msg(
                    "points.too_large_value",
                    "{where}: {cell} is too large (32-bit floats, which the playground trains in,"
                    " reach about ±3.4e38)",
                    where=where,
                    cell=_clip(cell),
                )
            )
    if not cells[2]:
        raise PlaygroundDataError(
            msg("points.empty_label", "{where}: the label is empty", where=where)
        )
    raise PlaygroundDataError(  # not reached
        msg("points.unusable_row", "{where}: this row cannot be used", where=where)
    )


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _clip(text: str, limit: int = 40) -> str:
    """Cells and labels quoted in a message: a 100 kB cell must not make a 100 kB line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        raise PlaygroundDataError(
            msg("points.bad_test_fraction", "the test fraction must be between 0 and 0.9")
        )

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
