"""How many CPU threads PyTorch may use where: the one thread-count policy of Digit Lab.

Every setting here is scoped: a context manager changes it for the calling thread and
puts it back on exit, so nothing process-wide is left changed after a job ends.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator

import torch

TRAINING_NICENESS = 10
# The loop's Python bits hold the GIL; a shorter switch interval hands it to the UI thread
# sooner (measured by bench/bench_ui_responsiveness.py).
TRAINING_SWITCH_INTERVAL = 0.001  # seconds


def training_threads() -> int:
    """Intra-op threads for training: leave one core to the UI on small machines."""
    cores = os.cpu_count() or 1
    return max(1, cores - 1) if cores <= 4 else cores - 2


@contextlib.contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Run the calling thread's PyTorch ops on ``count`` threads, then restore the count.

    Tiny models (the playground, one drawn digit) run fastest on one thread: splitting a
    small matmul over OpenMP threads costs more in hand-offs than it saves, and on a busy
    2-core machine the spinning threads made one playground epoch 10-30x slower. The
    OpenMP setting is per thread, so this does not slow down training in other threads.
    """
    before = torch.get_num_threads()
    torch.set_num_threads(max(1, int(count)))
    try:
        yield
    finally:
        torch.set_num_threads(before)


@contextlib.contextmanager
def background_training() -> Iterator[None]:
    """Policy for a training loop that shares the machine with a window.

    Uses :func:`training_threads` threads, lowers this thread's priority (on Linux a
    thread has its own nice value, so the UI thread wins a contested core) and shortens
    the interpreter's switch interval while training runs; all restored on exit except the
    thread's nice value, which dies with the thread.
    """
    switch_before = sys.getswitchinterval()
    sys.setswitchinterval(min(switch_before, TRAINING_SWITCH_INTERVAL))
    _lower_this_threads_priority()
    try:
        with torch_threads(training_threads()):
            yield
    finally:
        sys.setswitchinterval(switch_before)


def _lower_this_threads_priority() -> None:
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), TRAINING_NICENESS)
        except OSError:
            pass
