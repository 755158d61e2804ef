"""The one way Digit Lab runs work off the UI thread: :class:`Worker`.

A job is a plain function ``job(control, report) -> result`` (see :func:`job`), so the
core never sees Qt: ``control`` is the core's :class:`~training_core.control.Control`
(pause / resume / stop, polled by the job at safe points) and ``report(event)`` hands
one of the core's event dataclasses to the UI. The worker turns both ends into queued
signals: ``event`` for each report, then ``done`` with the return value *or* ``failed``
with a one-line message, then always ``finished``. Widgets are only touched on the UI
thread, and an exception never dies silently with its thread.

Why not superqt's ``create_worker``: it runs every job on Qt's global thread pool,
capped at the number of cores. Measured on this 2-core machine, a short job waited 1.5 s
behind two long ones — here a training run and the playground's loop would hold both
threads for minutes and every Draw prediction would wait behind them. Its ``run`` also
swaps ``warnings.showwarning`` process-wide inside ``catch_warnings``, which is not
thread-safe: after two overlapping workers the process was left with superqt's lambda.
A dedicated daemon thread per job avoids both, and daemon threads can never keep a
closed program alive.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.common.i18n import error_text
from training_core.control import Control

log = logging.getLogger(__name__)

Report = Callable[[Any], None]
Job = Callable[[Control, Report], Any]


def job(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
    """Wrap a plain function that neither reports nor stops as a job."""

    def run(control: Control, report: Report) -> Any:
        return fn(*args, **kwargs)

    return run


SHUTDOWN_WAIT_S = 1.5  # how long quitting waits for all jobs together (they are daemons)

_running: weakref.WeakSet[Worker] = weakref.WeakSet()


def stop_all_workers(timeout: float = SHUTDOWN_WAIT_S) -> list[str]:
    """Ask every running job to stop, then wait for them together up to ``timeout``
    seconds; the names of those still running (left to die with the process)."""
    workers = [w for w in list(_running) if w.is_running]
    for worker in workers:
        worker.stop()
    deadline = time.monotonic() + timeout
    for worker in workers:
        worker.wait(max(0.0, deadline - time.monotonic()))
    return [w._thread.name for w in workers if w.is_running]


class Worker(QObject):
    """Runs one job in its own daemon thread and reports back through signals."""

    event = Signal(object)  # each report(event) of the job, in order
    done = Signal(object)  # the job's return value
    failed = Signal(str)  # a one-line message; the traceback goes to the log
    finished = Signal()  # always last, after done or failed

    # Emitted in the job's thread and queued to this object's (the UI) thread, where they
    # are re-emitted as the public signals above: so any slot, a lambda too, runs on the
    # UI thread.
    _event = Signal(object)
    _outcome = Signal(bool, object)  # ok, result or message

    def __init__(self, job: Job, name: str = "digit-lab-worker", parent: QObject | None = None):
        super().__init__(parent)
        self.control = Control()
        self._job = job
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._event.connect(self._relay_event)
        self._outcome.connect(self._relay_outcome)

    # -- the vocabulary: start, pause, resume, stop, wait -------------------------------
    def start(self) -> Worker:
        _running.add(self)
        self._thread.start()
        return self

    def pause(self) -> None:
        self.control.pause()

    def resume(self) -> None:
        self.control.resume()

    def stop(self) -> None:
        """Ask the job to stop at its next safe point; does not wait."""
        self.control.stop()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job's thread ends; True when it has (used on close and in tests)."""
        if self._thread.ident is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def is_running(self) -> bool:
        return self._thread.is_alive()

    # -- in the worker thread -----------------------------------------------------------
    def _run(self) -> None:
        try:
            result = self._job(self.control, self._event.emit)
        except Exception as exc:  # reported to the UI, never lost with the thread
            log.error("%s failed", self._thread.name, exc_info=True)
            self._outcome.emit(False, error_text(exc))  # translated where the core made it
        else:
            self._outcome.emit(True, result)

    # -- back on the UI thread ----------------------------------------------------------
    def _relay_event(self, event: object) -> None:
        self.event.emit(event)

    def _relay_outcome(self, ok: bool, value: object) -> None:
        if ok:
            self.done.emit(value)
        else:
            self.failed.emit(value)
        self.finished.emit()


class LatestOnlyRunner(QObject):
    """At most one job runs and one waits; each new submission replaces the waiting one.

    Dragging a slider or drawing a stroke therefore never queues stale work. Results come
    back in submission order, each with the ticket ``submit`` returned.
    """

    result_ready = Signal(object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, name: str = "digit-lab-latest"):
        super().__init__(parent)
        self._name = name
        self._ticket = 0
        self._worker: Worker | None = None
        self._pending: Job | None = None

    @property
    def is_busy(self) -> bool:
        return self._worker is not None or self._pending is not None

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
        self._ticket += 1
        self._pending = job(fn, *args, **kwargs)
        if self._worker is None:
            self.busy_changed.emit(True)
            self._start_pending()
        return self._ticket

    def cancel_pending(self) -> None:
        self._pending = None

    def wait(self, timeout: float | None = None) -> bool:
        """Drop the waiting job and block until the running one ends (close, tests)."""
        self._pending = None
        return self._worker.wait(timeout) if self._worker is not None else True

    def _start_pending(self) -> None:
        pending, self._pending = self._pending, None
        self._worker = Worker(pending, self._name, self)
        self._worker.done.connect(self.result_ready)
        self._worker.failed.connect(self.failed)
        self._worker.finished.connect(self._finished)
        self._worker.start()

    def _finished(self) -> None:
        self._worker.deleteLater()
        self._worker = None
        if self._pending is not None:
            self._start_pending()
        else:
            self.busy_changed.emit(False)
