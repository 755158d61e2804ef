"""The app's colours, in one place: readable on a washed-out projector and by students
with the common colour-vision deficiencies.

``SERIES`` is the Okabe–Ito qualitative palette (Okabe & Ito, "Color Universal Design",
2008), whose eight colours stay distinct under protanopia, deuteranopia and tritanopia; it is
ordered so that the first colours are the darkest (they carry train / test and the first runs
of a comparison). ``DIVERGING`` goes blue -> white -> red with ColorBrewer's RdBu end
colours (marked colour-blind safe there), for signed values such as weights and saliency,
where red/green would fail for one student in twelve; the texts say "red" and "blue".
"""

from __future__ import annotations

import pyqtgraph as pg

# Okabe–Ito, darkest first: blue, vermillion, bluish green, reddish purple, orange, sky blue,
# yellow, black. Yellow is last: it is the hardest to read on white.
SERIES: tuple[tuple[int, int, int], ...] = (
    (0, 114, 178),
    (213, 94, 0),
    (0, 158, 115),
    (204, 121, 167),
    (230, 159, 0),
    (86, 180, 233),
    (240, 228, 66),
    (0, 0, 0),
)
TRAIN = SERIES[0]
TEST = SERIES[1]
MUTED = (150, 150, 175)  # raw, noisy values drawn under their smoothed curve
ERROR = "#b00020"  # error text: dark enough for high contrast
# Behind a legend: its names stay readable where a compared run's curve runs under them.
LEGEND_BACKGROUND = (255, 255, 255, 215)

NEGATIVE = (33, 102, 172)  # RdBu's blue
POSITIVE = (178, 24, 43)  # RdBu's red
DIVERGING = pg.ColorMap([0.0, 0.5, 1.0], [NEGATIVE, (255, 255, 255), POSITIVE])
SEQUENTIAL = pg.ColorMap([0.0, 1.0], [(255, 255, 255), (0, 60, 120)])  # counts, heat maps


def series_colour(index: int) -> tuple[int, int, int]:
    """The ``index``-th colour of a comparison (runs, trials); repeats after eight."""
    return SERIES[index % len(SERIES)]
