"""Time every way of quitting the window during a training run, against quitting an idle one.

The requirement (issue 12): quitting any way ends the same clean way within about 2 s of
the request for work inside the app. Each way runs the real program in a subprocess (the
same driver as tests/desktop_app/test_lifecycle.py), starts a run, waits for its first
checkpoint, quits, and measures from the request to the end of the process; interpreter
teardown (torch, Qt) is included, so the idle window is the baseline measured in this run.

    .venv/bin/python bench/bench_quit.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from tests.helpers.app_process import quit_during_training
from tests.helpers.datasets import write_idx_dataset

WAYS = ("close", "ctrl+q", "file-quit", "app-quit", "SIGINT", "SIGTERM")
TARGET_S = 2.0


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for name in ("CONFIG", "DATA", "CACHE", "STATE"):  # never the user's own folders
            os.environ[f"XDG_{name}_HOME"] = str(tmp / name.lower())
        data = tmp / "data"
        write_idx_dataset(data, "MNIST", n_train=2000, n_test=100)
        proc, err, idle = quit_during_training(tmp, "idle", data)
        print(f"{'idle window (baseline)':<24} {idle:6.2f} s")
        worst = 0.0
        for way in WAYS:
            (tmp / way).mkdir()
            proc, err, seconds = quit_during_training(tmp / way, way, data)
            extra = seconds - idle
            worst = max(worst, extra)
            flag = "" if proc.returncode == 0 else f"  exit {proc.returncode}"
            print(
                f"{way:<24} {seconds:6.2f} s  ratio {seconds / idle:4.2f}  "
                f"{extra:+.2f} s over idle{flag}"
            )
        verdict = "ok" if worst <= TARGET_S else "SLOW"
        print(
            f"worst extra time over the idle quit: {worst:.2f} s (target {TARGET_S} s): {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
