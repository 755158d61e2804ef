"""The Train tab's job: ``training_core.train`` run by the app's one ``Worker``.

The core knows nothing of Qt. This module gives it a ``TrainCallbacks`` that hands each of
the core's own event dataclasses (``TrainStarted``, ``BatchReport``, ``EpochReport``) to
the worker's ``report``, keeps the batch-loss log beside the run, and returns a
:class:`TrainOutcome` that the panel shows when the run ends.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from desktop_app.common.workers import Report
from desktop_app.train.results.data import compute_results
from training_core.app_log import one_line
from training_core.checkpoints import Checkpoint
from training_core.config import TrainConfig, resolve_device
from training_core.control import Control
from training_core.data import TensorSplit, load_split
from training_core.events import (
    BatchReport,
    EpochReport,
    TrainCallbacks,
    TrainResult,
    TrainStarted,
)
from training_core.fileio import atomic_write_text
from training_core.runs import RunDirectory
from training_core.safe_files import SafeFileError, read_text_data
from training_core.threads import background_training
from training_core.training import train

BATCH_LOG = "batch_loss.csv"  # the batch-loss curve, so a reloaded run shows it too
MAX_BATCH_LOG_BYTES = 64 * 2**20


@dataclass
class TrainOutcome:
    """How a run ended, and the Results views' data when it completed."""

    status: str  # "completed", "stopped" or "diverged"
    message: str
    results: dict | None = None


def read_batch_log(run_path: str | os.PathLike) -> list[tuple[float, float]]:
    """(position in epochs, loss) pairs written by earlier sessions of a run; a diverged
    run's last loss is NaN or infinite (where the curves mark the divergence)."""
    points = []
    try:
        lines = read_text_data(Path(run_path) / BATCH_LOG, MAX_BATCH_LOG_BYTES).splitlines()[1:]
    except (SafeFileError, OSError):  # missing, damaged, or not a regular file
        return []
    for line in lines:
        try:
            x, loss = (float(v) for v in line.split(","))
        except ValueError:
            continue
        if math.isfinite(x) and x >= 0:  # the log is the user's file too
            points.append((x, loss))
    return points


def batch_position(report: BatchReport) -> float:
    """Where a batch report lies on the curves' x axis, in epochs."""
    return report.epoch - 1 + report.batch / max(report.batches_per_epoch, 1)


class _ReportingCallbacks(TrainCallbacks):
    """Passes the loop's events on unchanged, and logs batch losses per finished epoch."""

    def __init__(self, report: Report, run_dir: RunDirectory | None, resume: Checkpoint | None):
        self.report, self.run_dir = report, run_dir
        self.points: list[tuple[float, float]] = []
        if run_dir is not None and resume is not None:
            done = resume.epoch + 1e-9
            points = read_batch_log(run_dir.path)
            self.points = [p for p in points if p[0] <= done and math.isfinite(p[1])]

    def on_train_start(self, info: TrainStarted) -> None:
        self.report(info)

    def on_batch_end(self, report: BatchReport) -> None:
        self.points.append((batch_position(report), report.loss))
        self.report(report)

    def on_epoch_end(self, report: EpochReport) -> None:
        # Only whole epochs are kept, matching the checkpoint a resume starts from.
        self._write_log([p for p in self.points if p[0] <= report.epoch + 1e-9])
        self.report(report)

    def on_train_end(self, result: TrainResult) -> None:
        """A diverged run keeps every batch, up to the one that exploded, so reopening it
        shows where (a resume reads only whole epochs back)."""
        if result.status == "diverged":
            self._write_log(self.points)

    def _write_log(self, points: list[tuple[float, float]]) -> None:
        if self.run_dir is not None:
            text = "epoch,loss\n" + "".join(f"{x:.6f},{loss:.6g}\n" for x, loss in points)
            atomic_write_text(self.run_dir.path / BATCH_LOG, text)


@dataclass
class TrainJob:
    """Everything one run needs; ``__call__`` is the job a :class:`Worker` runs."""

    config: TrainConfig
    run_dir: RunDirectory | None = None
    data: tuple[TensorSplit, TensorSplit] | None = None
    data_root: str | None = None
    resume: Checkpoint | None = None
    report_every: int = 10
    with_results: bool = True

    def __call__(self, control: Control, report: Report) -> TrainOutcome:
        try:
            with background_training():
                train_split, test_split = self._load_data()
                result = train(
                    self.config,
                    callbacks=_ReportingCallbacks(report, self.run_dir, self.resume),
                    control=control,
                    run_dir=self.run_dir,
                    data=(train_split, test_split),
                    resume=self.resume,
                    report_every=self.report_every,
                )
                results = None
                # A diverged model is NaN: the panel shows the last good checkpoint's.
                finished = result.status != "diverged" and not control.should_stop
                if self.with_results and result.history and finished:
                    results = compute_results(result.model, test_split, self.config.model)
        except Exception as exc:
            self._mark_failed(exc)
            raise
        return TrainOutcome(result.status, result.message, results)

    def _load_data(self) -> tuple[TensorSplit, TensorSplit]:
        if self.data is not None:
            return self.data
        device = resolve_device(self.config.device)
        train_split = load_split(self.config.dataset, True, self.data_root, device)
        test_split = load_split(self.config.dataset, False, self.data_root, device)
        return train_split, test_split

    def _mark_failed(self, exc: Exception) -> None:
        """A run that failed before its first checkpoint leaves no folder behind; one
        that got further says why it ended (the loop has usually done so already)."""
        if self.run_dir is not None:
            if self.resume is None and self.run_dir.discard_if_unused():
                return
            try:
                self.run_dir.write_status("failed", one_line(exc))
            except OSError:
                pass
