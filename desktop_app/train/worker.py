"""The training worker: ``training_core.train`` in a QThread, its callbacks turned into signals.

The core knows nothing of Qt; this adapter gives it a ``TrainCallbacks`` whose hooks emit
queued signals carrying plain dicts and floats, and a ``TrainControl`` the UI thread flips
for pause / resume / stop. Any exception ends as the ``failed`` signal, never a dead thread.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from dataclasses import asdict
from pathlib import Path

import torch
from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop_app.train.results.data import compute_results
from training_core.checkpoints import Checkpoint
from training_core.config import TrainConfig, resolve_device
from training_core.data import TensorSplit, load_split
from training_core.fileio import atomic_write_text
from training_core.runs import RunDirectory
from training_core.training import (
    BatchReport,
    EpochReport,
    TrainCallbacks,
    TrainControl,
    TrainResult,
    train,
)


def training_threads() -> int:
    """Intra-op threads for training: leave one core to the UI on small machines."""
    cores = os.cpu_count() or 1
    return max(1, cores - 1) if cores <= 4 else cores - 2


SWITCH_INTERVAL = 0.001  # seconds
TRAINING_NICENESS = 10
BATCH_LOG = "batch_loss.csv"  # the batch-loss curve, so a reloaded run shows it too


def read_batch_log(run_path: str | os.PathLike) -> list[tuple[float, float]]:
    """(position in epochs, loss) pairs written by earlier sessions of a run."""
    points = []
    try:
        lines = (Path(run_path) / BATCH_LOG).read_text().splitlines()[1:]
    except OSError:
        return []
    for line in lines:
        try:
            x, loss = (float(v) for v in line.split(","))
        except ValueError:
            continue
        points.append((x, loss))
    return points


def _lower_this_threads_priority() -> None:
    """On Linux a thread has its own nice value: when the training thread and the UI
    thread want the same core, the scheduler then lets the UI thread run first."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), TRAINING_NICENESS)
        except OSError:
            pass


class _SignalCallbacks(TrainCallbacks):
    def __init__(self, worker: TrainWorker):
        self.worker = worker
        self.points: list[tuple[float, float]] = []
        if worker.run_dir is not None and worker.resume is not None:
            done = worker.resume.epoch + 1e-9
            self.points = [p for p in read_batch_log(worker.run_dir.path) if p[0] <= done]

    def on_train_start(self, info: dict) -> None:
        self.worker.started.emit(dict(info))

    def on_batch_end(self, report: BatchReport) -> None:
        x = report.epoch - 1 + report.batch / max(report.batches_per_epoch, 1)
        self.points.append((x, report.loss))
        self.worker.batch.emit(asdict(report))

    def on_epoch_end(self, report: EpochReport) -> None:
        if self.worker.run_dir is not None:
            # Only whole epochs are kept, matching the checkpoint a resume starts from.
            kept = [p for p in self.points if p[0] <= report.epoch + 1e-9]
            text = "epoch,loss\n" + "".join(f"{x:.6f},{loss:.6g}\n" for x, loss in kept)
            atomic_write_text(self.worker.run_dir.path / BATCH_LOG, text)
        self.worker.epoch.emit(report.to_dict())


class TrainWorker(QObject):
    """Lives in its own QThread; ``run`` trains, then evaluates for the Results views."""

    started = Signal(dict)  # train info: device, sizes, batches_per_epoch, epochs, ...
    batch = Signal(dict)  # BatchReport as a dict
    epoch = Signal(dict)  # EpochReport as a dict
    results = Signal(object)  # desktop_app.train.results.data.compute_results dict
    finished = Signal(str, str)  # status ("completed" / "stopped" / "diverged"), message
    failed = Signal(str)  # one-line message for the user

    def __init__(
        self,
        config: TrainConfig,
        run_dir: RunDirectory | None = None,
        data: tuple[TensorSplit, TensorSplit] | None = None,
        data_root: str | None = None,
        resume: Checkpoint | None = None,
        report_every: int = 10,
        with_results: bool = True,
    ):
        super().__init__()
        self.config = config
        self.run_dir = run_dir
        self.data = data
        self.data_root = data_root
        self.resume = resume
        self.report_every = report_every
        self.with_results = with_results
        self.control = TrainControl()

    @Slot()
    def run(self) -> None:
        try:
            torch.set_num_threads(training_threads())
            # The loop's Python bits hold the GIL; a shorter switch interval hands it to
            # the UI thread sooner (measured by bench/bench_ui_responsiveness.py).
            sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
            _lower_this_threads_priority()
            train_split, test_split = self._load_data()
            result = train(
                self.config,
                callbacks=_SignalCallbacks(self),
                control=self.control,
                run_dir=self.run_dir,
                data=(train_split, test_split),
                resume=self.resume,
                report_every=self.report_every,
            )
            if self.with_results and result.history and not self.control.should_stop:
                self.results.emit(self._results(result, test_split))
        except Exception as exc:  # shown to the user as a message, never lost
            traceback.print_exc()
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if self.run_dir is not None:
                try:
                    self.run_dir.write_status("failed", message)
                except OSError:
                    pass
            self.failed.emit(message)
            return
        self.finished.emit(result.status, result.message)

    def _load_data(self) -> tuple[TensorSplit, TensorSplit]:
        if self.data is not None:
            return self.data
        device = resolve_device(self.config.device)
        train_split = load_split(self.config.dataset, True, self.data_root, device)
        test_split = load_split(self.config.dataset, False, self.data_root, device)
        return train_split, test_split

    def _results(self, result: TrainResult, test_split: TensorSplit) -> dict:
        return compute_results(result.model, test_split, self.config.model)


class TrainSession(QObject):
    """One run: owns the thread and the worker, and tears both down when the run ends."""

    ended = Signal()

    def __init__(self, worker: TrainWorker, parent: QObject | None = None):
        super().__init__(parent)
        self.worker = worker
        self.thread = QThread(self)
        self.thread.setObjectName("digit-lab-training")
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        worker.finished.connect(self.thread.quit)
        worker.failed.connect(self.thread.quit)
        self.thread.finished.connect(self.ended)

    def start(self) -> None:
        self.thread.start()

    @property
    def control(self) -> TrainControl:
        return self.worker.control

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def stop_and_wait(self, msecs: int = 30_000) -> bool:
        """Stop at the next batch and wait for the thread (used on close)."""
        self.worker.with_results = False
        self.control.stop()
        self.thread.quit()
        return self.thread.wait(msecs)
