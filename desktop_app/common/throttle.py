"""The one throttle: views buffer what arrives and act on it at most a few tens of times a
second, and only while something is changing.

It is superqt's ``qthrottled`` with the app's rates: the first call runs at once, calls
during the next interval fold into one more call at its end, and with no calls no timer
runs at all (the timer belongs to the widget, so it dies with it). ``cancel()`` on the
decorated method drops a pending call.
"""

from __future__ import annotations

from superqt.utils import qthrottled

REDRAW_HZ = 20  # repaints of plots and pictures


def throttled(method=None, *, per_second: float = REDRAW_HZ):
    """Decorate a widget method: calls to it run at most ``per_second`` times a second."""
    timeout = max(1, int(1000 / per_second))
    if method is None:
        return qthrottled(timeout=timeout, leading=True)
    return qthrottled(method, timeout=timeout, leading=True)
