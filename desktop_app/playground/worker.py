"""The playground's live training loop, run as a job by the app's one ``Worker``.

The loop owns nothing Qt-visual: the view hands it a ``PlaygroundTrainer`` and a
``render(trainer)`` function (decision-boundary image, fitted curve) and gets back plain
:class:`Snapshot` events through the worker's ``event`` signal. The view's commands
(play, pause, step, new trainer, new learning rate) are plain methods that set flags under
a lock, polled between epochs, so the UI never waits for training and training never
touches a widget. Stopping is the worker's ``stop()``, as for every other job.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop_app.common.i18n import error_text
from training_core.control import Control
from training_core.playground import EpochMetrics, PlaygroundTrainer
from training_core.threads import torch_threads

log = logging.getLogger(__name__)

Render = Callable[[PlaygroundTrainer], Any]


@dataclass
class Snapshot:
    """What one update carries to the view: the epochs since the last one and a picture."""

    generation: int
    epoch: int
    metrics: list[EpochMetrics] = field(default_factory=list)
    picture: Any = None


@dataclass
class Stalled:
    """Training hit an error and paused itself; ``reason`` is the error's one line, in the
    window's language (the view says "training stopped: ..." around it)."""

    reason: str


class PlaygroundLoop:
    """Trains the current model while playing, paced to ``updates_per_second``."""

    def __init__(self, updates_per_second: float = 30.0):
        self.updates_per_second = updates_per_second
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._trainer: PlaygroundTrainer | None = None
        self._render: Render | None = None
        self._generation = 0
        self._playing = False
        self._steps = 0
        self._render_now = False
        self._epochs_per_update = 5
        self._hyper: dict | None = None

    # -- commands, called from the UI thread -------------------------------------------
    def set_trainer(self, trainer: PlaygroundTrainer, render: Render, generation: int) -> None:
        """Replace the model and data; the loop renders it once, untrained."""
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

    def wake(self) -> None:
        """Let a waiting loop see a new command (or a stop) at once."""
        self._wake.set()

    @property
    def is_playing(self) -> bool:
        return self._playing

    def _set_playing(self, playing: bool) -> None:
        with self._lock:
            self._playing = playing
        self._wake.set()

    # -- the job, in the worker thread -------------------------------------------------
    def __call__(self, control: Control, report: Callable[[object], None]) -> None:
        with torch_threads(1):
            while not control.should_stop:
                trainer, render, generation, epochs, render_now = self._next_order()
                if trainer is None or (epochs == 0 and not render_now):
                    self._sleep(0.2)
                    continue
                started = time.perf_counter()
                try:
                    metrics = [trainer.run_epoch() for _ in range(epochs)]
                    picture = render(trainer) if render else None
                except Exception as exc:  # reported, never lost with the thread
                    log.error("playground training failed", exc_info=True)
                    self.pause()
                    report(Stalled(error_text(exc)))  # translate() is thread-safe
                    continue
                report(Snapshot(generation, trainer.epoch, metrics, picture))
                if epochs and self._playing:  # pace the updates; a step is answered at once
                    self._sleep(1.0 / self.updates_per_second - (time.perf_counter() - started))

    def _next_order(self):
        """What to do now: (trainer, render, generation, epochs to run, render at once)."""
        with self._lock:
            trainer = self._trainer
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
            return trainer, self._render, self._generation, epochs, render_now

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._wake.wait(seconds)
        self._wake.clear()
