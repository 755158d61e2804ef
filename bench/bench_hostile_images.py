"""Time refusing hostile images against reading a normal 28x28 digit.

A refusal must cost no more than reading a header: the 1,000,000 x 3 PNG (a few KiB)
once made ``digit-lab predict`` run for over a minute. Printed: the median time of each
case and its ratio to decoding a 28x28 PNG; the preprocessing rows time ``prepare_digit``
on a long strip of ink, which the box reduction keeps linear in the strip's length.

    .venv/bin/python bench/bench_hostile_images.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import numpy as np

from tests.helpers.hostile_files import dds_bytes, eps_bytes, png_bytes, wide_ink_png
from training_core.image_io import ImageReadError, read_image
from training_core.preprocessing import prepare_digit


def _median_seconds(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _refuse(path: Path):
    def call():
        try:
            read_image(path)
        except ImageReadError:
            return
        raise AssertionError(f"{path.name} was not refused")

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {args.repeat} runs")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        digit = [bytes(28)] * 10 + [b"\xff" * 28] * 8 + [bytes(28)] * 10
        files = {
            "28x28 PNG (decoded)": png_bytes(28, 28, digit),
            "1000000x3 PNG": wide_ink_png(),
            "1000x1 PNG (1000:1)": png_bytes(1000, 1),
            "EPS named .png": eps_bytes(),
            "DDS header": dds_bytes(),
        }
        baseline = None
        print(f"{'case':28} {'ms':>9} {'x 28x28':>9}")
        for name, data in files.items():
            path = root / f"{len(name)}.png"
            path.write_bytes(data)
            call = (lambda p=path: read_image(p)) if baseline is None else _refuse(path)
            seconds = _median_seconds(call, args.repeat)
            baseline = baseline or seconds
            print(f"{name:28} {seconds * 1000:9.3f} {seconds / baseline:9.1f}")
        print()
        print(f"{'prepare_digit on a 3xN ink strip':34} {'ms':>9}")
        for length in (3_000, 30_000, 300_000):
            strip = np.zeros((3, length), np.uint8)
            strip[1] = 255
            seconds = _median_seconds(lambda s=strip: prepare_digit(s), max(1, args.repeat // 4))
            print(f"{'N = ' + str(length):34} {seconds * 1000:9.3f}")


if __name__ == "__main__":
    main()
