"""Playground: decision-boundary updates per second for the default spiral.

The default: 3 classes x 1000 points (80/20 split), ReLU MLP with 100 hidden units, Adam,
full batch, a 120x120 boundary map. One update = one training epoch + the map (batched
forward over the grid, softmax, RGB image) delivered through the worker's Qt signal.

Measured in the same run:
  worker, unpaced       the real PlaygroundLoop in the app's Worker, 1 epoch per update, no pacing
  worker, as the app    the app's settings: paced to 30 updates/s, 5 epochs per update
  core, default threads the same loop on the main thread with PyTorch's default threads
  baseline, per point   the map evaluated one grid point at a time in Python
The requirement is >= 10 updates/s.

    .venv/bin/python bench/bench_playground.py
"""

from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import torch
from PySide6.QtCore import QCoreApplication, QObject, Slot

from desktop_app.common.workers import Worker
from desktop_app.playground.classify import GRID_RESOLUTION, boundary_renderer
from desktop_app.playground.controls import PALETTE
from desktop_app.playground.worker import PlaygroundLoop
from training_core.playground import (
    PlaygroundTrainer,
    TrainSettings,
    boundary_image,
    build_classifier,
    data_extent,
    make_points,
    train_test_split,
)
from training_core.threads import torch_threads

SECONDS = 3.0


class Counter(QObject):
    """Receives snapshots on the main thread, as the view does (a queued connection)."""

    def __init__(self):
        super().__init__()
        self.count = 0

    @Slot(object)
    def on_snapshot(self, snapshot) -> None:
        self.count += 1


def default_trainer():
    x, y = make_points("spiral", 3, 1000, 0.2, seed=12345)
    split = train_test_split(x, y, 0.2, seed=12345)
    model = build_classifier("mlp", 1, 100, "relu", outputs=3, seed=12345)
    trainer = PlaygroundTrainer(model, split, settings=TrainSettings("adam", 1e-2, 1e-5, 0))
    return trainer, data_extent(x, 0.6)


def worker_rate(app, updates_per_second: float, epochs_per_update: int) -> tuple[float, int]:
    trainer, extent = default_trainer()
    worker = PlaygroundLoop(updates_per_second=updates_per_second)
    thread = Worker(worker, "bench-playground").start()
    counter = Counter()
    thread.event.connect(counter.on_snapshot)
    worker.set_epochs_per_update(epochs_per_update)
    worker.set_trainer(trainer, boundary_renderer(extent, 3), 1)
    deadline = time.perf_counter() + 0.5  # warm-up
    while time.perf_counter() < deadline:
        app.processEvents()
    worker.play()
    start, start_count = time.perf_counter(), counter.count
    while time.perf_counter() - start < SECONDS:
        app.processEvents()
        time.sleep(0.001)
    elapsed, updates = time.perf_counter() - start, counter.count - start_count
    worker.pause()
    thread.stop()
    worker.wake()
    thread.wait(5)
    app.processEvents()
    return updates / elapsed, trainer.epoch


def core_rate(render, seconds: float = SECONDS) -> float:
    trainer, extent = default_trainer()
    draw = render(extent)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        trainer.run_epoch()
        draw(trainer)
        n += 1
    return n / (time.perf_counter() - start)


def batched(extent):
    return boundary_renderer(extent, 3)


def per_point(extent):
    """One forward call per grid cell, the way a naive loop would fill the map."""
    xmin, xmax, ymin, ymax = extent
    r = GRID_RESOLUTION
    xs = np.linspace(xmin, xmax, r)
    ys = np.linspace(ymin, ymax, r)

    @torch.no_grad()
    def render(trainer):
        labels = np.zeros((r, r), np.uint8)
        conf = np.zeros((r, r), np.float32)
        for i, yv in enumerate(ys):
            for j, xv in enumerate(xs):
                p = torch.softmax(trainer.model(torch.tensor([[xv, yv]], dtype=torch.float32)), 1)
                c, k = p.max(1)
                labels[i, j], conf[i, j] = int(k), float(c)
        from training_core.playground import GridPrediction

        return boundary_image(GridPrediction(labels, conf, extent), PALETTE, 3)

    return render


def main() -> None:
    app = QCoreApplication.instance() or QCoreApplication([])
    print(f"torch {torch.__version__}, {os.cpu_count()} CPU cores, map {GRID_RESOLUTION}^2")
    unpaced, _ = worker_rate(app, 1e9, 1)
    paced, epochs = worker_rate(app, 30.0, 5)
    default_threads = core_rate(batched)
    with torch_threads(1):
        baseline = core_rate(per_point, seconds=2.0)
    print(f"worker, unpaced (1 epoch/update):   {unpaced:8.1f} updates/s")
    print(
        f"worker, as the app (30/s cap, 5 ep): {paced:8.1f} updates/s "
        f"({epochs / SECONDS:.0f} epochs/s)"
    )
    print(f"core, default torch threads:         {default_threads:8.1f} updates/s")
    print(f"baseline, per-point map (1 thread):  {baseline:8.2f} updates/s")
    print(
        f"ratio worker/per-point: {unpaced / baseline:.0f}x; "
        f"worker/default threads: {unpaced / default_threads:.1f}x"
    )
    print("requirement >= 10 updates/s:", "met" if unpaced >= 10 and paced >= 10 else "NOT met")


if __name__ == "__main__":
    main()
