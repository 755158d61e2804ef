"""Latency timing shared by the benchmarks: one function, so every p50/p95 figure in the
in docs/ is measured the same way (warm-up calls first, then one timing per call)."""

from __future__ import annotations

import time

import numpy as np


def times_ms(fn, repeat: int, warmup: int = 10) -> np.ndarray:
    """Milliseconds of each of ``repeat`` calls of ``fn``, after ``warmup`` untimed ones."""
    for _ in range(warmup):
        fn()
    out = np.empty(repeat)
    for i in range(repeat):
        start = time.perf_counter()
        fn()
        out[i] = time.perf_counter() - start
    return out * 1e3
