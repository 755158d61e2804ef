"""Cooperative pause / resume / stop for every long job: training, downloads, the playground.

One vocabulary for the whole program. The job polls ``control`` at safe points (between
batches, between download chunks, between epochs); whoever started it — the command line
on Ctrl+C, a Qt worker on the user's Stop — flips the flags from another thread. Nothing
is ever interrupted mid-write, so a stopped run keeps its last good checkpoint.
"""

from __future__ import annotations

import threading


class Control:
    """Thread-safe flags a long job polls; the job decides where stopping is safe."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def stop(self) -> None:
        """Ask the job to end at its next safe point; also ends a pause."""
        self._stop.set()
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def should_stop(self) -> bool:
        return self._stop.is_set()

    def checkpoint(self) -> bool:
        """Block while paused; return True when the job should stop now."""
        while not self._running.wait(0.1):
            pass
        return self._stop.is_set()
