"""Drawings that are not digits, and MNIST test digits drawn on the canvas, for the doubt score.

Everything is rendered the way the Draw tab's canvas renders a drawing: black round-ended
strokes on a 280x280 white page (``stroke_digits.render_strokes``). Each family has its own
generator with seeded, stated ranges, so a test can fit on some families and measure on
others:

- ``random_strokes``: 2-4 polylines of 2-4 points each, anywhere on the page, pen 8-24 px.
- ``hatching``: 4-9 parallel lines 14-30 px apart at any angle, sometimes crossed by a
  second set (cross-hatching), pen 5-14 px.
- ``blobs``: 1-2 filled shapes (an ellipse 60-200 px wide, coloured in by a dense zigzag
  with a 20-40 px pen).
- ``crosses``: an "x", a "+" or an asterisk of 3-4 bars, 100-240 px across, pen 8-22 px.
- ``spirals``: an Archimedean spiral of 2-4 turns, 80-240 px across, pen 6-16 px.
- ``scribbles``: a tangle of 12-30 random points joined by one smooth line, pen 6-16 px.

``user_drawn_mnist`` turns MNIST digits (28x28, white on black) into canvas drawings: dark
ink on white paper, scaled 5-9x (140-250 px tall) with bilinear smoothing, anywhere on the
page that keeps it whole.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from tests.helpers.stroke_digits import CANVAS, _arc, render_strokes

FAMILIES = ("random_strokes", "hatching", "blobs", "crosses", "spirals", "scribbles")


def _random_strokes(rng):
    strokes = []
    for _ in range(rng.integers(2, 5)):
        points = rng.uniform(30, CANVAS - 30, (rng.integers(2, 5), 2))
        strokes.append([tuple(p) for p in points])
    return strokes, rng.uniform(8, 24)


def _lines(angle, count, gap, centre, length):
    direction = np.array([math.cos(angle), math.sin(angle)])
    normal = np.array([-direction[1], direction[0]])
    strokes = []
    for i in range(count):
        mid = centre + normal * gap * (i - (count - 1) / 2)
        strokes.append([tuple(mid - direction * length / 2), tuple(mid + direction * length / 2)])
    return strokes


def _hatching(rng):
    centre = rng.uniform(110, 170, 2)
    angle = rng.uniform(0, math.pi)
    count, gap = int(rng.integers(4, 10)), rng.uniform(14, 30)
    length = rng.uniform(120, 230)
    strokes = _lines(angle, count, gap, centre, length)
    if rng.random() < 0.5:
        strokes += _lines(angle + rng.uniform(0.6, 2.5), count, gap, centre, length)
    return strokes, rng.uniform(5, 14)


def _blobs(rng):
    strokes = []
    for _ in range(rng.integers(1, 3)):
        width, height = rng.uniform(60, 200), rng.uniform(60, 200)
        cx = rng.uniform(20 + width / 2, CANVAS - 20 - width / 2)
        cy = rng.uniform(20 + height / 2, CANVAS - 20 - height / 2)
        outline = _arc(cx, cy, width / 2, height / 2, 0, 360, 40)
        rows = np.linspace(cy - height / 2, cy + height / 2, 12)
        zigzag = []
        for i, y in enumerate(rows):  # colour the ellipse in row by row
            half = width / 2 * math.sqrt(max(0.0, 1 - ((y - cy) / (height / 2)) ** 2))
            ends = [(cx - half, y), (cx + half, y)]
            zigzag += ends if i % 2 == 0 else ends[::-1]
        strokes += [outline, zigzag]
    return strokes, rng.uniform(20, 40)


def _crosses(rng):
    size = rng.uniform(100, 240)
    centre = rng.uniform(20 + size / 2, CANVAS - 20 - size / 2, 2)
    kind = rng.integers(0, 3)
    turn = rng.uniform(-0.2, 0.2)
    angles = {0: [math.pi / 4, 3 * math.pi / 4], 1: [0, math.pi / 2]}.get(
        int(kind), list(np.linspace(0, math.pi, int(rng.integers(3, 5)), endpoint=False))
    )
    strokes = []
    for angle in angles:
        strokes += _lines(angle + turn, 1, 0, centre, size)
    return strokes, rng.uniform(8, 22)


def _spirals(rng):
    size = rng.uniform(80, 240)
    centre = rng.uniform(20 + size / 2, CANVAS - 20 - size / 2, 2)
    turns = rng.uniform(2, 4)
    t = np.linspace(0, turns * 2 * math.pi, 200)
    radius = size / 2 * t / t[-1]
    start = rng.uniform(0, 2 * math.pi)
    points = np.stack(
        [centre[0] + radius * np.cos(t + start), centre[1] + radius * np.sin(t + start)], 1
    )
    return [[tuple(p) for p in points]], rng.uniform(6, 16)


def _scribbles(rng):
    anchors = rng.uniform(40, CANVAS - 40, (int(rng.integers(12, 31)), 2))
    # a smooth line through the anchors: Chaikin corner cutting, three rounds
    points = anchors
    for _ in range(3):
        q = 0.75 * points[:-1] + 0.25 * points[1:]
        r = 0.25 * points[:-1] + 0.75 * points[1:]
        points = np.stack([q, r], 1).reshape(-1, 2)
    return [[tuple(p) for p in points]], rng.uniform(6, 16)


_GENERATORS = {
    "random_strokes": _random_strokes,
    "hatching": _hatching,
    "blobs": _blobs,
    "crosses": _crosses,
    "spirals": _spirals,
    "scribbles": _scribbles,
}


def non_digits(family: str, count: int, seed: int = 0) -> list[np.ndarray]:
    """``count`` drawings of one family: (280, 280) uint8, black ink on white."""
    rng = np.random.default_rng([seed, FAMILIES.index(family)])
    drawings = []
    for _ in range(count):
        strokes, thickness = _GENERATORS[family](rng)
        drawings.append(render_strokes(strokes, thickness))
    return drawings


def user_drawn_mnist(images: np.ndarray, seed: int = 0) -> list[np.ndarray]:
    """MNIST digits (N, 28, 28) uint8, white on black -> canvas drawings (280, 280) uint8,
    black on white, 140-250 px tall, anywhere on the page."""
    rng = np.random.default_rng(seed)
    drawings = []
    for image in np.asarray(images, np.uint8):
        side = int(rng.integers(140, 251))
        big = Image.fromarray(255 - image).resize((side, side), Image.Resampling.BILINEAR)
        page = Image.new("L", (CANVAS, CANVAS), 255)
        top, left = rng.integers(0, CANVAS - side + 1, 2)
        page.paste(big, (int(left), int(top)))
        drawings.append(np.asarray(page).copy())
    return drawings
