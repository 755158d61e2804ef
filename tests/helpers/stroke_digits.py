"""Digits 0-9 drawn from pen strokes, the way a person draws them on the canvas.

Not MNIST images: each digit is a few polylines and arcs in a unit box, placed on a
280x280 white page at a chosen size, position, pen thickness and slant, and rendered with
Pillow (2x supersampled for antialiased edges, round pen ends). Used to check that the
bundled model copes with how people draw, and as realistic input for consistency tests.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw

CANVAS = 280
ASPECT = 0.65  # a digit's width relative to its height


def _arc(cx, cy, rx, ry, a0, a1, steps=40):
    """Points of an elliptic arc from angle a0 to a1 (degrees, counter-clockwise positive,
    measured with y pointing up, as on paper)."""
    angles = np.linspace(math.radians(a0), math.radians(a1), steps)
    return [(cx + rx * math.cos(a), cy - ry * math.sin(a)) for a in angles]


ALTERNATES = {
    1: [[(0.5, 0.03), (0.5, 0.97)]],  # a bare bar
    4: [[(0.2, 0.03), (0.1, 0.6), (0.95, 0.6)], [(0.7, 0.03), (0.7, 0.97)]],  # open top
    7: [[(0.05, 0.04), (0.95, 0.04), (0.35, 0.97)], [(0.35, 0.5), (0.85, 0.5)]],  # crossed
    9: [_arc(0.45, 0.27, 0.4, 0.25, 0, 360, 50), [(0.85, 0.27), (0.85, 0.97)]],  # straight
}


def digit_strokes(digit: int, style: int = 0) -> list[list[tuple[float, float]]]:
    """Strokes of ``digit`` in a unit box (x right, y down, both in [0, 1]); ``style`` 1
    picks the other common way of writing 1, 4, 7 and 9."""
    if style == 1 and digit in ALTERNATES:
        return ALTERNATES[digit]
    if digit == 0:
        return [_arc(0.5, 0.5, 0.45, 0.47, 90, 450, 60)]
    if digit == 1:
        return [[(0.3, 0.2), (0.55, 0.03), (0.55, 0.97)]]
    if digit == 2:
        return [_arc(0.5, 0.3, 0.4, 0.26, 160, -30) + [(0.05, 0.96), (0.95, 0.96)]]
    if digit == 3:
        return [_arc(0.48, 0.27, 0.4, 0.23, 150, -90) + _arc(0.48, 0.73, 0.45, 0.23, 90, -150)]
    if digit == 4:
        return [[(0.65, 0.03), (0.05, 0.65), (0.95, 0.65)], [(0.68, 0.3), (0.68, 0.97)]]
    if digit == 5:
        return [[(0.9, 0.04), (0.25, 0.04), (0.2, 0.46)] + _arc(0.48, 0.69, 0.45, 0.27, 130, -150)]
    if digit == 6:
        lead = [(0.8, 0.03), (0.45, 0.22), (0.15, 0.5), (0.06, 0.72)]
        return [lead + _arc(0.48, 0.74, 0.42, 0.23, 180, 540, 60)]
    if digit == 7:
        return [[(0.05, 0.04), (0.95, 0.04), (0.35, 0.97)]]
    if digit == 8:
        return [_arc(0.5, 0.26, 0.36, 0.23, 0, 360, 50), _arc(0.5, 0.73, 0.45, 0.24, 0, 360, 50)]
    if digit == 9:
        return [_arc(0.5, 0.28, 0.42, 0.25, -10, 350, 50) + [(0.92, 0.32), (0.85, 0.97)]]
    raise ValueError(f"no strokes for {digit!r}")


def place_strokes(digit, height, centre, rotation_deg=0.0, style=0):
    """Strokes of ``digit`` in canvas pixels: ``height`` tall, centred at ``centre``,
    turned by ``rotation_deg`` (positive = clockwise on screen)."""
    width = height * ASPECT
    turn = math.radians(rotation_deg)
    cos, sin = math.cos(turn), math.sin(turn)
    placed = []
    for stroke in digit_strokes(digit, style):
        points = []
        for x, y in stroke:
            dx, dy = (x - 0.5) * width, (y - 0.5) * height
            points.append((centre[0] + dx * cos - dy * sin, centre[1] + dx * sin + dy * cos))
        placed.append(points)
    return placed


def render_strokes(strokes, thickness: float, size: int = CANVAS) -> np.ndarray:
    """Black round-ended strokes on white paper -> (size, size) uint8."""
    k = 2  # supersampling factor
    image = Image.new("L", (size * k, size * k), 255)
    draw = ImageDraw.Draw(image)
    r = thickness * k / 2
    for stroke in strokes:
        pts = [(x * k, y * k) for x, y in stroke]
        draw.line(pts, fill=0, width=max(1, round(thickness * k)))
        for x, y in pts:  # round joints and ends, like a round pen nib
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
    return np.asarray(image.resize((size, size), Image.Resampling.LANCZOS)).copy()


def render_digit(
    digit, height=200.0, centre=(140.0, 140.0), thickness=16.0, rotation_deg=0.0, style=0
):
    """One digit on a fresh canvas."""
    return render_strokes(place_strokes(digit, height, centre, rotation_deg, style), thickness)


def variants():
    """(name, digit, image) for every drawing style the bundled model must cope with:
    tiny to canvas-filling, anywhere on the canvas, hairline to marker-thick pen, slanted
    either way, and both common shapes of 1, 4, 7 and 9."""
    rng = np.random.default_rng(0)
    for digit in range(10):
        for height in (40.0, 130.0, 220.0):
            for thick_share in (0.04, 0.12, 0.28):
                for rotation in (-18.0, 0.0, 18.0):
                    free = (CANVAS - height) / 2 - thick_share * height
                    offset = rng.uniform(-1, 1, 2) * max(free, 0.0) * 0.9
                    centre = (CANVAS / 2 + offset[0], CANVAS / 2 + offset[1])
                    thickness = max(1.5, thick_share * height)
                    style = int(rng.integers(0, 2))
                    name = f"{digit}-h{height:.0f}-t{thickness:.0f}-r{rotation:+.0f}-s{style}"
                    image = render_digit(digit, height, centre, thickness, rotation, style)
                    yield name, digit, image
