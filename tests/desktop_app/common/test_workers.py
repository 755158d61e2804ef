"""The one background-work model: events in order, then done or failed, then finished."""

import threading
import time

from PySide6.QtCore import QObject

from desktop_app.common.workers import LatestOnlyRunner, Worker


class _Events(QObject):
    def __init__(self, worker: Worker):
        super().__init__()
        self.seen = []
        self.threads = set()
        worker.event.connect(lambda e: self._add("event", e))
        worker.done.connect(lambda r: self._add("done", r))
        worker.failed.connect(lambda m: self._add("failed", m))
        worker.finished.connect(lambda: self._add("finished", None))

    def _add(self, kind, value):
        self.threads.add(threading.get_ident())
        self.seen.append((kind, value))


def test_events_arrive_in_order_on_the_ui_thread_then_done_then_finished(qtbot):
    def job(control, report):
        for i in range(5):
            report(i)
        return "result"

    worker = Worker(job)
    events = _Events(worker)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start()
    assert events.seen == [("event", i) for i in range(5)] + [
        ("done", "result"),
        ("finished", None),
    ]
    assert events.threads == {threading.get_ident()}
    assert worker.wait(1) and not worker.is_running


def test_an_exception_becomes_a_one_line_message(qtbot, caplog):
    def job(control, report):
        raise ValueError("bad value\nsecond line")

    worker = Worker(job)
    events = _Events(worker)
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start()
    assert events.seen == [("failed", "bad value"), ("finished", None)]
    assert "Traceback" in caplog.text  # the details go to the log


def test_pause_holds_and_stop_ends_the_job_at_its_next_safe_point(qtbot):
    steps = []

    def job(control, report):
        while not control.checkpoint():
            steps.append(1)
            time.sleep(0.005)
        return len(steps)

    worker = Worker(job).start()
    qtbot.waitUntil(lambda: len(steps) > 3, timeout=2000)
    worker.pause()
    time.sleep(0.05)
    frozen = len(steps)
    time.sleep(0.1)
    assert len(steps) <= frozen + 1  # at most the step already under way
    with qtbot.waitSignal(worker.done, timeout=5000) as done:
        worker.stop()
    assert done.args[0] == len(steps)
    assert worker.wait(2)


def test_threads_are_daemons_so_nothing_keeps_a_closed_app_alive():
    gate = threading.Event()
    worker = Worker(lambda control, report: gate.wait(5)).start()
    assert worker._thread.daemon
    gate.set()
    assert worker.wait(5)


def test_latest_only_runs_one_and_keeps_only_the_newest_waiting(qtbot):
    runner = LatestOnlyRunner()
    gate = threading.Event()
    results, busy = [], []
    runner.result_ready.connect(results.append)
    runner.busy_changed.connect(busy.append)
    runner.submit(lambda: gate.wait(5) and "first")
    for name in ("second", "third", "fourth"):
        runner.submit(lambda name=name: name)
    gate.set()
    qtbot.waitUntil(lambda: busy[-1:] == [False], timeout=5000)
    assert results == ["first", "fourth"]
    assert busy == [True, False]
