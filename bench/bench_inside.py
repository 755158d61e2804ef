"""The Inside view's costs: live latency per drawing, and the weight statistics' training cost.

    .venv/bin/python bench/bench_inside.py latency [--repeat N]
    DIGIT_LAB_DATA=../shared/datasets .venv/bin/python bench/bench_inside.py stats [--repeats N]
    DIGIT_LAB_DATA=../shared/datasets .venv/bin/python bench/bench_inside.py deletion

``latency`` times the Inside tab's worker job (``desktop_app.inside.jobs.look_inside``) on
the Draw benchmark's canvas "3" with the bundled model, with and without the
integrated-gradients map, against the Draw tab's 10 ms p95 target.

``stats`` trains the MLP (its lesson settings: batch 256, SGD) for one epoch on real
MNIST with the per-batch statistics hook and without it (the hook replaced by a no-op),
alternating A B A B ... so a slow phase of a shared machine hits both sides alike, and
reports each side's median epoch time and the overhead.

``deletion`` prints the deletion-test figures of docs/inside.md (100 MNIST test digits, the
bundled model) for integrated gradients and for occlusion.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import torch
from timing import times_ms


def latency(repeat: int) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop_app.draw.canvas import DrawingCanvas
    from desktop_app.draw.jobs import classify_array
    from desktop_app.inside.jobs import look_inside
    from scripts.screenshot_states import SCREENSHOT_DIGIT
    from training_core.inference import Predictor

    _app = QApplication.instance() or QApplication([])
    canvas = DrawingCanvas()
    canvas.draw_strokes(SCREENSHOT_DIGIT, width=20)
    predictor = Predictor.bundled()
    image = canvas.to_array()
    rows = [
        ("Draw tab path (for comparison)", lambda: classify_array(predictor, image, 0)),
        (
            "Inside: activations of every layer",
            lambda: look_inside(predictor, canvas.to_array(), 0, saliency=False),
        ),
        (
            "Inside: activations + integrated gradients",
            lambda: look_inside(predictor, canvas.to_array(), 0),
        ),
    ]
    print(
        f"Inside view latency, bundled CNN, {repeat} repetitions, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"torch {torch.__version__}"
    )
    print(f"{'path':48s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for name, fn in rows:
        t = times_ms(fn, repeat)
        p50, p95 = np.percentile(t, [50, 95])
        verdict = "met" if p95 <= 10 else "MISSED"
        print(f"{name:48s} {p50:8.2f} {p95:8.2f} {t.max():8.2f}  (10 ms p95 target: {verdict})")


def stats(repeats: int) -> None:
    from training_core.config import TrainConfig
    from training_core.data import load_split
    from training_core.runs import RunDirectory
    from training_core.training import train
    from training_core.weight_stats import WeightStats

    data = load_split("mnist", True), load_split("mnist", False)
    config = TrainConfig(model="mlp", epochs=1, batch_size=256, optimizer="sgd", lr=0.2,
                         init="normal", device="cpu")  # fmt: skip
    hook = WeightStats.after_backward
    times: dict[str, list[float]] = {"with statistics": [], "without": []}
    walls: dict[str, list[float]] = {"with statistics": [], "without": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(2 * repeats + 1):  # the first round warms up and is dropped
            side = "with statistics" if i % 2 else "without"
            WeightStats.after_backward = hook if side == "with statistics" else lambda self: None
            run = RunDirectory.open(os.path.join(tmp, f"run{i}"), config.to_dict())
            start = time.perf_counter()
            result = train(config, run_dir=run, data=data)
            wall = time.perf_counter() - start
            if i == 0:
                continue
            times[side].append(result.history[0]["epoch_seconds"])
            walls[side].append(wall)
            print(f"  round {i}: {side:16s} epoch {times[side][-1]:.3f} s, wall {wall:.2f} s")
    WeightStats.after_backward = hook
    print(f"MLP epoch (batch 256, SGD, 60,000 images), {repeats} interleaved repeats per side:")
    base = float(np.median(times["without"]))
    for side in times:
        med = float(np.median(times[side]))
        print(
            f"  {side:16s} median epoch {med:.3f} s (min {min(times[side]):.3f}), "
            f"median wall incl. evaluation and saving {np.median(walls[side]):.2f} s"
        )
    overhead = np.median(times["with statistics"]) / base - 1
    print(f"overhead of the statistics: {overhead:+.1%} of the epoch (target <= ~5%)")


def deletion() -> None:
    from training_core.attribution import attribute, background_value, deletion_test
    from training_core.data import load_split, normalize
    from training_core.inference import Predictor

    predictor = Predictor.bundled()
    split = load_split("mnist", False)
    x = normalize(split.images[:100], predictor.mean, predictor.std)
    with torch.no_grad():
        predicted = predictor.model(x).argmax(dim=1).tolist()
    bg = background_value(predictor.mean, predictor.std)
    for method in ("integrated-gradients", "occlusion"):
        start = time.perf_counter()
        attr = attribute(predictor.model, x, predicted, bg, method)
        seconds = time.perf_counter() - start
        result = deletion_test(predictor.model, x, attr, predictor.mean, predictor.std)
        print(f"{method} ({seconds:.1f} s for 100 digits):")
        for row in result.rows:
            print(
                f"  {row.fraction:.0%} ({row.pixels} px): top {row.top_drop:.4f}, random ink "
                f"{row.random_drop:.4f}, ratio {row.ratio:.2f}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("latency", "stats", "deletion"))
    parser.add_argument("--repeat", type=int, default=300, help="latency: repetitions")
    parser.add_argument("--repeats", type=int, default=5, help="stats: epochs per side")
    args = parser.parse_args()
    if args.what == "latency":
        latency(args.repeat)
    elif args.what == "stats":
        stats(args.repeats)
    else:
        deletion()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
