"""Cooperative pause / resume / stop for every long job: training, downloads, the playground.

One vocabulary for the whole program. The job polls ``control`` at safe points (between
batches, between download chunks, between epochs); whoever started it — the command line
on Ctrl+C, a Qt worker on the user's Stop — flips the flags from another thread. Nothing
is ever interrupted mid-write, so a stopped run keeps its last good checkpoint.

A teacher narrating a run also sets a *pace* (seconds to wait after each batch) or, while
paused, *steps* one batch at a time. Every wait is on one condition variable, so a stop,
a pause, a step or a new pace takes effect at once instead of at the next poll.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

MAX_PACE_S = 1.0  # one batch per second: the slowest pace a job is asked to keep


class Control:
    """Thread-safe flags a long job polls; the job decides where stopping is safe.

    ``clock`` is the time the pace is measured in (tests pass a fake one together with a
    ``_wait`` override, so no test depends on real time passing).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._changed = threading.Condition()
        self._stop = False
        self._paused = False
        self._steps = 0  # batches a step lets through while paused
        self._pace = 0.0
        self._clock = clock

    def _notify(self, change: Callable[[], None]) -> None:
        with self._changed:
            change()
            self._changed.notify_all()

    def _wait(self, timeout: float | None) -> None:
        """Block until a flag changes or ``timeout`` seconds pass; the lock is held."""
        self._changed.wait(timeout)

    def pause(self) -> None:
        self._notify(lambda: setattr(self, "_paused", True))

    def resume(self) -> None:
        def change() -> None:
            self._paused, self._steps = False, 0

        self._notify(change)

    def stop(self) -> None:
        """Ask the job to end at its next safe point; also ends a pause and a paced wait."""

        def change() -> None:
            self._stop, self._paused, self._steps = True, False, 0

        self._notify(change)

    def step(self) -> None:
        """While paused: let exactly one more batch through, then stay paused. Does
        nothing while running (there is nothing to step over)."""

        def change() -> None:
            if self._paused:
                self._steps = 1  # pressing twice before the batch starts is still one

        self._notify(change)

    def set_pace(self, seconds: float) -> None:
        """Seconds to wait after each batch: 0 is full speed, at most ``MAX_PACE_S``.
        A wait already under way is measured again against the new pace."""
        seconds = float(seconds)
        pace = min(max(seconds, 0.0), MAX_PACE_S) if math.isfinite(seconds) else 0.0
        self._notify(lambda: setattr(self, "_pace", pace))

    @property
    def pace(self) -> float:
        return self._pace

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def should_stop(self) -> bool:
        return self._stop

    @property
    def watched(self) -> bool:
        """Someone follows the job batch by batch (a pace, a pause or a step): the job
        should report every batch rather than every few."""
        return self._pace > 0 or self._paused

    def checkpoint(self) -> bool:
        """Block while paused (a step lets one batch through); True when the job should
        stop now."""
        with self._changed:
            while self._paused and not self._steps and not self._stop:
                self._wait(None)
            if self._paused and self._steps:
                self._steps -= 1
            return self._stop

    def pace_wait(self) -> bool:
        """After a batch: wait the pace, or less if a stop, a pause or a faster pace comes
        meanwhile; True when the job should stop now. A paused job does not wait here:
        its next :meth:`checkpoint` does."""
        with self._changed:
            started = self._clock()
            while not self._stop and not self._paused:
                remaining = started + self._pace - self._clock()
                if remaining <= 0:
                    break
                self._wait(remaining)
            return self._stop
