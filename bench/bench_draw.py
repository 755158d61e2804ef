"""Draw tab latency: a 280x280 canvas with a drawn digit -> class probabilities.

Times the exact path the tab's worker runs (``canvas.to_array()`` then
``draw_jobs.classify_array`` -> ``Predictor.predict_image``: crop, fit 20x20, centre by
mass, CNN forward, softmax) with the bundled model. Baselines measured in the same run:
the naive path (plain resize of the canvas to 28x28, invert, same model) shows what the
MNIST-style preprocessing costs; the first call of a freshly loaded model shows the
one-time warm-up a user meets once; the default torch thread count shows why the worker
asks for one thread.

    .venv/bin/python bench/bench_draw.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import torch
from PySide6.QtWidgets import QApplication
from skimage.transform import resize
from timing import times_ms

from desktop_app.draw.canvas import DrawingCanvas
from desktop_app.draw.jobs import classify_array
from scripts.screenshot_states import SCREENSHOT_DIGIT
from training_core.inference import Predictor
from training_core.preprocessing import prepare_digit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    _app = QApplication.instance() or QApplication([])
    canvas = DrawingCanvas()
    canvas.draw_strokes(SCREENSHOT_DIGIT, width=20)

    start = time.perf_counter()
    predictor = Predictor.bundled()
    loaded = time.perf_counter()
    first = predictor.predict_image(canvas.to_array())
    first_call_ms = (time.perf_counter() - loaded) * 1e3
    load_ms = (loaded - start) * 1e3
    assert first.class_name == "3", first.top(3)

    def tab_path():  # what the Draw tab's worker does for every update
        return classify_array(predictor, canvas.to_array(), 0).prediction

    def naive():  # plain resize, no crop/fit/centre: the path the lessons warn against
        small = resize(canvas.to_array() / 255.0, (28, 28), anti_aliasing=True)
        return predictor.predict_digit((1.0 - small).astype(np.float32))

    image = canvas.to_array()
    digit = prepare_digit(image)
    rows = []
    default_threads = torch.get_num_threads()
    rows.append(("tab path: canvas -> probabilities (1 thread)", times_ms(tab_path, args.repeat)))
    rows.append(
        (
            "  preprocessing only (prepare_digit)",
            times_ms(lambda: prepare_digit(image), args.repeat),
        )
    )
    rows.append(
        (
            "  model only (predict_digit, 1 thread)",
            times_ms(lambda: predictor.predict_digit(digit), args.repeat),
        )
    )
    rows.append(("baseline: naive plain resize (1 thread)", times_ms(naive, args.repeat)))
    torch.set_num_threads(default_threads)
    rows.append(
        (
            f"predict_image with {default_threads} torch threads",
            times_ms(lambda: predictor.predict_image(image), args.repeat),
        )
    )

    print(
        f"Draw tab latency, bundled CNN, {args.repeat} repetitions, "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"torch {torch.__version__}"
    )
    print(f"{'path':48s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for name, t in rows:
        p50, p95 = np.percentile(t, [50, 95])
        print(f"{name:48s} {p50:8.2f} {p95:8.2f} {t.max():8.2f}")
    tab50, tab95 = np.percentile(rows[0][1], [50, 95])
    naive50 = np.percentile(rows[3][1], 50)
    print(
        f"model load {load_ms:.0f} ms; first call after load {first_call_ms:.1f} ms "
        f"({first_call_ms / tab50:.1f}x a warm call)"
    )
    print(
        f"tab path p95 {tab95:.2f} ms (target <= 10 ms: {'met' if tab95 <= 10 else 'MISSED'});"
        f" p50 ratio vs naive plain resize {tab50 / naive50:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
