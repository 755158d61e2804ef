"""The one throttle: the first call at once, a burst folds into one more, idle means no timer."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop_app.common.throttle import throttled


class _View(QWidget):
    def __init__(self):
        super().__init__()
        self.calls = 0

    @throttled(per_second=20)
    def redraw(self):
        self.calls += 1


def _active_timers(view):
    return [t for t in view.findChildren(QTimer) if t.isActive()]


def test_a_burst_of_requests_repaints_twice_then_sleeps(qtbot):
    view = _View()
    qtbot.addWidget(view)
    for _ in range(50):
        view.redraw()
    assert view.calls == 1  # the first at once
    qtbot.waitUntil(lambda: view.calls == 2, timeout=1000)  # the rest folded into one
    qtbot.wait(200)
    assert view.calls == 2
    assert not _active_timers(view)  # nothing ticks while nothing changes
