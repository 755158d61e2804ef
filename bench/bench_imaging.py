"""Time each Image tools operation on a 2048x2048 picture, gray and RGB.

Baseline: the same scikit-image call made directly, in the same run. The ratio
(ours / direct) shows what the core's wrapping costs (alpha handling, checks, grayscale
conversion); the "ms" column is what a user waits for after moving a slider.

    .venv/bin/python bench/bench_imaging.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import numpy as np
from scipy import ndimage as ndi
from skimage import color, data, exposure, feature, filters, util

from training_core import imaging as im

SIZE = 2048


def make_inputs() -> dict[str, np.ndarray]:
    """Real photos tiled up to 2048x2048 (tiling keeps natural image statistics)."""
    gray = np.tile(data.camera(), (SIZE // 512, SIZE // 512))
    rgb = np.tile(data.astronaut(), (SIZE // 512, SIZE // 512, 1))
    return {"gray uint8": gray, "RGB uint8": rgb}


def _gray(img):
    return util.img_as_float(img) if img.ndim == 2 else color.rgb2gray(img)


def _stretch(img):
    p2, p98 = np.percentile(img, (2, 98))
    return exposure.rescale_intensity(img, in_range=(p2, p98))


def _equalize(img):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return exposure.equalize_hist(img)


def _cdf(img):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pooled channels, as in the lesson
        return exposure.cumulative_distribution(img, 256)


def _otsu(img):
    g = _gray(img)
    return g > filters.threshold_otsu(g)


def cases(img):
    """(name, ours, direct scikit-image/numpy call)."""
    gray = _gray(img)
    edges = feature.canny(gray)
    color_only = [
        ("channel R", lambda: im.select_channel(img, "R"), lambda: img[..., 0].copy()),
        ("RGB to BGR", lambda: im.rgb_to_bgr(img), lambda: img[..., ::-1].copy()),
    ]
    common = [
        ("grayscale", lambda: im.to_grayscale(img), lambda: _gray(img)),
        ("to float64", lambda: im.convert_dtype(img, "float64"), lambda: util.img_as_float(img)),
        ("stretch 2-98%", lambda: im.contrast_stretch(img), lambda: _stretch(img)),
        ("equalize hist", lambda: im.equalize_histogram(img), lambda: _equalize(img)),
        (
            "CLAHE clip 0.03",
            lambda: im.equalize_adaptive(img, 0.03),
            lambda: exposure.equalize_adapthist(img, clip_limit=0.03),
        ),
        ("threshold Otsu", lambda: im.threshold(img), lambda: _otsu(img)),
        ("Canny sigma 1", lambda: im.canny_edges(img), lambda: feature.canny(_gray(img))),
        ("fill holes", lambda: im.fill_holes(edges), lambda: ndi.binary_fill_holes(edges)),
        (
            "histogram+CDF",
            lambda: im.histogram_and_cdf(img),
            lambda: _cdf(img),
        ),
        ("float to uint8", lambda: im.to_display(gray), lambda: util.img_as_ubyte(gray)),
    ]
    return (color_only if img.ndim == 3 else []) + common


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    print(
        f"Image tools operations on {SIZE}x{SIZE}, best of {args.repeat}; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"numpy {np.__version__}"
    )
    header = f"{'image':<11} {'operation':<16} {'ours ms':>9} {'direct ms':>10} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    for label, img in make_inputs().items():
        for name, ours, direct in cases(img):
            ours(), direct()  # warm up (imports, caches)
            t_ours, t_direct = best_of(ours, args.repeat), best_of(direct, args.repeat)
            ratio = t_ours / t_direct if t_direct > 0 else float("nan")
            print(
                f"{label:<11} {name:<16} {t_ours * 1e3:>9.1f} {t_direct * 1e3:>10.1f} {ratio:>6.2f}"
            )
        chain = [
            im.Step("grayscale"),
            im.default_step("clahe"),
            im.default_step("canny"),
            im.Step("fill_holes"),
        ]
        run = im.run_chain(img, chain)
        total = sum(run.seconds)
        steps = ", ".join(f"{s * 1e3:.0f}" for s in run.seconds)
        print(f"{label:<11} {'lesson chain':<16} {total * 1e3:>9.1f}   (steps ms: {steps})")


if __name__ == "__main__":
    main()
