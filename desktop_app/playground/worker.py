"""The playground's training loop in a worker thread.

The worker owns nothing Qt-visual: the view hands it a ``PlaygroundTrainer`` and a
``render(trainer)`` function (decision-boundary image, fitted curve) and gets back plain
snapshots through a queued signal. Commands from the UI (play, pause, step, new trainer,
new learning rate) are flags under a lock, polled between epochs, so the UI never waits for
training and training never touches a widget.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

from training_core.playground import EpochMetrics, PlaygroundTrainer, single_thread

Render = Callable[[PlaygroundTrainer], Any]


@dataclass
class Snapshot:
    """What one update carries to the view: the epochs since the last one and a picture."""

    generation: int
    epoch: int
    metrics: list[EpochMetrics] = field(default_factory=list)
    picture: Any = None


class TrainingWorker(QObject):
    """Runs ``run()`` in its own thread until ``stop()``; paced to ``updates_per_second``."""

    snapshot_ready = Signal(object)  # Snapshot
    failed = Signal(str)
    playing_changed = Signal(bool)

    def __init__(self, updates_per_second: float = 30.0):
        super().__init__()
        self.updates_per_second = updates_per_second
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._trainer: PlaygroundTrainer | None = None
        self._render: Render | None = None
        self._generation = 0
        self._playing = False
        self._steps = 0
        self._render_now = False
        self._stop = False
        self._epochs_per_update = 5
        self._hyper: dict | None = None

    # -- commands, called from the UI thread -------------------------------------------
    def set_trainer(self, trainer: PlaygroundTrainer, render: Render, generation: int) -> None:
        """Replace the model and data; the worker renders it once, untrained."""
        with self._lock:
            self._trainer, self._render, self._generation = trainer, render, generation
            self._steps, self._render_now, self._hyper = 0, True, None
        self._wake.set()

    def play(self) -> None:
        self._set_playing(True)

    def pause(self) -> None:
        self._set_playing(False)

    def step(self) -> None:
        """One epoch, then one picture (also while paused)."""
        with self._lock:
            self._steps += 1
        self._wake.set()

    def set_epochs_per_update(self, epochs: int) -> None:
        with self._lock:
            self._epochs_per_update = max(1, int(epochs))

    def set_hyperparameters(self, lr: float, weight_decay: float) -> None:
        with self._lock:
            self._hyper = {"lr": lr, "weight_decay": weight_decay}

    def stop(self) -> None:
        with self._lock:
            self._stop, self._playing = True, False
        self._wake.set()

    @property
    def is_playing(self) -> bool:
        return self._playing

    def _set_playing(self, playing: bool) -> None:
        with self._lock:
            changed = playing != self._playing
            self._playing = playing
        self._wake.set()
        if changed:
            self.playing_changed.emit(playing)

    # -- the loop, in the worker thread ------------------------------------------------
    def run(self) -> None:
        with single_thread():
            while True:
                with self._lock:
                    if self._stop:
                        return
                    trainer, render, generation = self._trainer, self._render, self._generation
                    if self._hyper is not None and trainer is not None:
                        trainer.set_hyperparameters(**self._hyper)
                        self._hyper = None
                    if self._playing:
                        epochs = self._epochs_per_update
                    elif self._steps:
                        epochs, self._steps = 1, self._steps - 1
                    else:
                        epochs = 0
                    render_now, self._render_now = self._render_now, False
                if trainer is None or (epochs == 0 and not render_now):
                    self._wake.wait(0.2)
                    self._wake.clear()
                    continue
                started = time.perf_counter()
                try:
                    snapshot = self._advance(trainer, render, generation, epochs)
                except Exception as exc:  # reported, never lost with the thread
                    traceback.print_exc()
                    self._set_playing(False)
                    self.failed.emit(f"training stopped: {exc or type(exc).__name__}")
                    continue
                self.snapshot_ready.emit(snapshot)
                if epochs and self._playing:  # pace the updates; a step is answered at once
                    rest = 1.0 / self.updates_per_second - (time.perf_counter() - started)
                    if rest > 0:
                        self._wake.wait(rest)
                        self._wake.clear()

    @staticmethod
    def _advance(trainer, render, generation, epochs) -> Snapshot:
        metrics = [trainer.run_epoch() for _ in range(epochs)]
        return Snapshot(generation, trainer.epoch, metrics, render(trainer) if render else None)


def connect_command(signal, command) -> None:
    """Connect a UI signal to one of the worker's command methods, called at once.

    The worker lives in its thread, whose event loop never runs (``run`` loops instead),
    so a normal (queued) connection would never deliver. The commands only set flags
    under a lock, which is safe from the UI thread.
    """
    signal.connect(command, Qt.ConnectionType.DirectConnection)


class TrainingThread(QObject):
    """A ``TrainingWorker`` started in its own ``QThread``; ``shutdown()`` stops and joins it."""

    def __init__(self, parent: QObject | None = None, updates_per_second: float = 30.0):
        super().__init__(parent)
        self.worker = TrainingWorker(updates_per_second)
        self._thread = QThread()
        self._thread.setObjectName("playground-training")
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self._thread.start()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        if not self._thread.isRunning():
            return True
        self.worker.stop()
        self._thread.quit()
        return self._thread.wait(timeout_ms)
