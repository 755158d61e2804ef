"""Weights over training: per-layer statistics the loop records at almost no cost.

After every batch's backward pass the loop calls :meth:`WeightStats.after_backward`, which
stores each weight layer's gradient norm in a tensor on the device (no host sync, a few
small reductions per batch); at the end of an epoch :meth:`WeightStats.summary` turns all
of the epoch's batches (not only its last) into a row: the weights' histogram and spread,
and the gradient norms' mean, spread and histogram. :func:`write_epoch` appends that row
to ``weight_stats.jsonl`` in the run folder and saves the first layer's weights of the
epoch as ``first_layer/epoch-NNNN.npy`` (float16, at most 64 units: what the Inside view's
"filters over training" slider shows). Both are read back by :func:`read_weight_stats`
and :func:`read_first_layer`, trusting nothing.

A "weight layer" is a parameter with two or more dimensions: the matrices of linear
layers, the kernels of convolutions and the scratch model's W. Biases and batch-norm
scales are left out: they are a few numbers each, and the weights are where learning
shows.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import numpy as np
import torch
from torch import nn

from training_core.fileio import (
    atomic_write,
    atomic_write_text,
    describe_os_error,
    system_text,
)
from training_core.messages import message_of, msg
from training_core.models import first_layer_weights
from training_core.safe_files import SafeFileError, read_text_data
from training_core.safe_npy import load_npy

STATS_FILE = "weight_stats.jsonl"
FIRST_LAYER_DIR = "first_layer"
WEIGHT_BINS = 32
GRAD_BINS = 16
MAX_UNITS = 64  # first-layer units kept per epoch (the MLP has 512; the view shows 64)
MAX_STATS_BYTES = 64 * 2**20
MAX_FIRST_LAYER_BYTES = 8 * 2**20
_EPOCH_FILE = re.compile(r"^epoch-(\d{4,6})\.npy$")


def weight_layers(model: nn.Module) -> list[tuple[str, nn.Parameter]]:
    """(layer name, weight) for every parameter of two or more dimensions, in order."""
    out = []
    for name, param in model.named_parameters():
        if param.ndim >= 2:
            layer = name.rsplit(".", 1)[0] if "." in name else name
            out.append((layer, param))
    return out


class WeightStats:
    """Gradient norms of every batch of the current epoch, kept on the device."""

    def __init__(self, model: nn.Module) -> None:
        tracked = weight_layers(model)
        self.names = [name for name, _ in tracked]
        self.shapes = [tuple(p.shape) for _, p in tracked]
        self._params = [p for _, p in tracked]
        self._norms: torch.Tensor | None = None
        self._batches = 0

    def start_epoch(self, batches: int) -> None:
        device = self._params[0].device if self._params else torch.device("cpu")
        self._norms = torch.zeros(max(batches, 1), len(self._params), device=device)
        self._batches = 0

    def after_backward(self) -> None:
        """Record this batch's gradient norm per weight layer (no sync with the device)."""
        if self._norms is None or not self._params or self._batches >= len(self._norms):
            return
        norms = [
            torch.linalg.vector_norm(p.grad.detach(), dtype=torch.float32)
            if p.grad is not None
            else torch.zeros((), device=p.device)
            for p in self._params
        ]
        self._norms[self._batches] = torch.stack(norms)
        self._batches += 1

    def summary(self, epoch: int) -> dict:
        """The epoch as one JSON-able row: per layer, weight and gradient-norm statistics."""
        norms = (
            self._norms[: self._batches].cpu().numpy().astype(np.float64)
            if self._norms is not None
            else np.zeros((0, len(self._params)))
        )
        layers = []
        for i, (name, shape, param) in enumerate(
            zip(self.names, self.shapes, self._params, strict=True)
        ):
            w = param.detach().float().cpu().numpy().ravel().astype(np.float64)
            layers.append(
                {
                    "name": name,
                    "shape": list(shape),
                    "weight": _spread(w, WEIGHT_BINS, symmetric=True),
                    "grad_norm": _spread(norms[:, i], GRAD_BINS, symmetric=False),
                }
            )
        return {"epoch": int(epoch), "batches": int(self._batches), "layers": layers}


def _spread(values: np.ndarray, bins: int, symmetric: bool) -> dict:
    """Mean, std, min, max and a histogram (weights: over [-max|w|, max|w|], so zero sits
    in the middle; gradient norms: over [min, max])."""
    values = values[np.isfinite(values)]
    if values.size == 0:
        return {"mean": 0.0, "std": 0.0, "min": 0.0, "max": 0.0, "lo": 0.0, "hi": 0.0,
                "counts": [0] * bins}  # fmt: skip
    lo, hi = float(values.min()), float(values.max())
    if symmetric:
        edge = max(abs(lo), abs(hi))
        lo, hi = -edge, edge
    if hi <= lo:
        lo, hi = lo - 0.5, hi + 0.5
    counts, _ = np.histogram(values, bins=bins, range=(lo, hi))
    return {
        "mean": float(values.mean()),
        "std": float(values.std()),
        "min": float(values.min()),
        "max": float(values.max()),
        "lo": lo,
        "hi": hi,
        "counts": [int(c) for c in counts],
    }


class WeightStatsError(OSError):
    """The statistics could not be written (a full disk); the message is for the user."""


def write_epoch(run_path: str | os.PathLike, stats: WeightStats, model: nn.Module, epoch: int):
    """Append the epoch's row to ``weight_stats.jsonl`` (replacing any row of this epoch or
    later, as a resumed run rewrites them) and save its first-layer weights."""
    run_path = Path(run_path)
    rows, _problems = read_weight_stats(run_path)
    rows = [row for row in rows if row["epoch"] < epoch] + [stats.summary(epoch)]
    weights = first_layer_weights(model)[:MAX_UNITS].float().numpy().astype(np.float16)
    try:
        atomic_write_text(run_path / STATS_FILE, "".join(json.dumps(r) + "\n" for r in rows))
        (run_path / FIRST_LAYER_DIR).mkdir(exist_ok=True)
        atomic_write(
            run_path / FIRST_LAYER_DIR / f"epoch-{epoch:04d}.npy",
            lambda handle: np.save(handle, weights, allow_pickle=False),
        )
    except OSError as exc:
        raise WeightStatsError(
            msg(
                "stats.cannot_write",
                "cannot write the weight statistics of epoch {epoch}: {reason}",
                epoch=epoch,
                reason=describe_os_error(exc, run_path),
            )
        ) from exc


def clear(run_path: str | os.PathLike) -> None:
    """Remove the files :func:`write_epoch` writes (a run replaced with --overwrite)."""
    run_path = Path(run_path)
    (run_path / STATS_FILE).unlink(missing_ok=True)
    folder = run_path / FIRST_LAYER_DIR
    if folder.is_dir() and not folder.is_symlink():
        for file in folder.iterdir():
            if _EPOCH_FILE.match(file.name):
                file.unlink(missing_ok=True)
        try:
            folder.rmdir()
        except OSError:
            pass  # the user's own files are in it: left alone


# -- reading back ------------------------------------------------------------------------


def read_weight_stats(run_path: str | os.PathLike) -> tuple[list[dict], list[str]]:
    """The rows of ``weight_stats.jsonl`` that are whole and sane, by epoch, and one line
    per problem found (a missing file is no problem: older runs have none)."""
    path = Path(run_path) / STATS_FILE
    if not os.path.lexists(path):
        return [], []
    try:
        text = read_text_data(path, MAX_STATS_BYTES)
    except (SafeFileError, OSError) as exc:
        return [], [
            msg("stats.unreadable", "{file}: {reason}", file=STATS_FILE, reason=_reason(exc))
        ]
    rows: dict[int, dict] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = _checked_row(json.loads(line))
        except (ValueError, TypeError, KeyError) as exc:
            problems.append(
                msg(
                    "stats.bad_line",
                    "{file} line {line}: {reason}",
                    file=STATS_FILE,
                    line=number,
                    reason=_reason(exc),
                )
            )
            continue
        rows[row["epoch"]] = row
    return [rows[e] for e in sorted(rows)], problems


def _reason(exc: BaseException) -> str:
    """The exception's text, as the message it was raised with where it has one."""
    return message_of(exc) or str(exc)


def _number(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(msg("stats.not_finite", "{name} is not a finite number", name=name))
    return float(value)


def _checked_spread(spread, name: str) -> dict:
    if not isinstance(spread, dict):
        raise TypeError(msg("stats.not_object", "{name} is not an object", name=name))
    out = {key: _number(spread[key], f"{name}.{key}") for key in ("mean", "std", "lo", "hi")}
    counts = spread["counts"]
    if not isinstance(counts, list) or not 1 <= len(counts) <= 1024:
        raise ValueError(
            msg(
                "stats.counts_not_list",
                "{name}.counts is not a list of 1 to 1024 counts",
                name=name,
            )
        )
    if not all(isinstance(c, int) and not isinstance(c, bool) and c >= 0 for c in counts):
        raise ValueError(
            msg(
                "stats.counts_not_counts",
                "{name}.counts holds something other than counts",
                name=name,
            )
        )
    if out["hi"] < out["lo"]:
        raise ValueError(msg("stats.hi_below_lo", "{name}: hi is below lo", name=name))
    out["counts"] = counts
    return out


def _checked_row(row) -> dict:
    if not isinstance(row, dict):
        raise TypeError(msg("stats.row_not_object", "not an object"))
    epoch = row["epoch"]
    if isinstance(epoch, bool) or not isinstance(epoch, int) or not 1 <= epoch <= 10_000:
        raise ValueError(msg("stats.bad_epoch", "epoch is not a whole number from 1 to 10,000"))
    layers = row["layers"]
    if not isinstance(layers, list) or len(layers) > 1000:
        raise ValueError(msg("stats.layers_not_list", "layers is not a list"))
    checked = []
    for layer in layers:
        if not isinstance(layer, dict) or not isinstance(layer["name"], str):
            raise ValueError(msg("stats.layer_unnamed", "a layer without a name"))
        checked.append(
            {
                "name": layer["name"][:200],
                "weight": _checked_spread(layer["weight"], "weight"),
                "grad_norm": _checked_spread(layer["grad_norm"], "grad_norm"),
            }
        )
    batches = row.get("batches", 0)
    if isinstance(batches, bool) or not isinstance(batches, int) or batches < 0:
        raise ValueError(msg("stats.bad_batches", "batches is not a count"))
    return {"epoch": epoch, "batches": batches, "layers": checked}


def read_first_layer(run_path: str | os.PathLike) -> tuple[list[tuple[int, np.ndarray]], list[str]]:
    """(epoch, [K, H, W] float32) for each saved epoch, in order, and the problems found."""
    folder = Path(run_path) / FIRST_LAYER_DIR
    try:
        names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    except OSError as exc:
        return [], [
            msg(
                "stats.folder_unreadable",
                "{folder}: {reason}",
                folder=FIRST_LAYER_DIR,
                reason=system_text(exc.strerror) or str(exc),
            )
        ]
    out, problems = [], []
    for name in names:
        match = _EPOCH_FILE.match(name)
        if not match:
            continue
        try:
            weights = load_npy(
                folder / name,
                max_bytes=MAX_FIRST_LAYER_BYTES,
                allowed_dtypes=(np.float16, np.float32),
                shape_check=lambda s: len(s) == 3 and 1 <= s[0] <= 1024 and max(s[1:]) <= 64,
            ).astype(np.float32)
        except SafeFileError as exc:
            problems.append(_reason(exc))
            continue
        if not np.isfinite(weights).all():
            problems.append(
                msg("stats.weights_not_finite", "{file}: holds NaN or infinite weights", file=name)
            )
            continue
        out.append((int(match.group(1)), weights))
    return out, problems
