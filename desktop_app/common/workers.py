"""Running work off the UI thread and bringing results back as signals.

Widgets are only ever touched on the UI thread: workers send plain Python values back
through queued signals.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _JobSignals(QObject):
    done = Signal(int, object)  # ticket, result
    failed = Signal(int, str)  # ticket, one-line message


class _Job(QRunnable):
    def __init__(self, ticket: int, fn: Callable[..., Any], args, kwargs):
        super().__init__()
        self.setAutoDelete(True)
        self.ticket, self.fn, self.args, self.kwargs = ticket, fn, args, kwargs
        self.signals = _JobSignals()

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except Exception as exc:  # reported to the UI, never lost with the thread
            message = str(exc) or type(exc).__name__
            traceback.print_exc()
            self.signals.failed.emit(self.ticket, message)
        else:
            self.signals.done.emit(self.ticket, result)


class LatestOnlyRunner(QObject):
    """Runs one job at a time in a background thread; while it runs, only the newest
    submitted job waits. Dragging a slider therefore never queues stale work: at most one
    job runs and one waits, and the waiting one is replaced by each newer submission.
    """

    result_ready = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ticket = 0
        self._running = False
        self._pending: tuple[int, Callable, tuple, dict] | None = None

    @property
    def is_busy(self) -> bool:
        return self._running or self._pending is not None

    def submit(self, fn: Callable[..., Any], *args, **kwargs) -> int:
        self._ticket += 1
        self._pending = (self._ticket, fn, args, kwargs)
        if not self._running:
            self._start_pending()
        return self._ticket

    def cancel_pending(self) -> None:
        self._pending = None

    def wait(self, msecs: int = -1) -> bool:
        """Block until the running job ends (used on shutdown and in tests)."""
        self._pending = None
        return self._pool.waitForDone(msecs)

    def _start_pending(self) -> None:
        ticket, fn, args, kwargs = self._pending
        self._pending = None
        job = _Job(ticket, fn, args, kwargs)
        job.signals.done.connect(self._on_done)
        job.signals.failed.connect(self._on_failed)
        self._running = True
        self.busy_changed.emit(True)
        self._pool.start(job)

    def _on_done(self, ticket: int, result: object) -> None:
        self._finish()
        self.result_ready.emit(result)

    def _on_failed(self, ticket: int, message: str) -> None:
        self._finish()
        self.failed.emit(message)

    def _finish(self) -> None:
        self._running = False
        if self._pending is not None:
            self._start_pending()
        else:
            self.busy_changed.emit(False)
