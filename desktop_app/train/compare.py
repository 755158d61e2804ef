"""Compare: which curves go over the shown run, in which colour, under which name.

Each compared run gets its own colour from the colour-blind-safe palette, after the two
the shown run uses for train and test, and is named in the legend by the name the user
gave it, else by the settings it differs in from the others ("mlp · lr 0.5"), never by
its folder's timestamp unless nothing else tells it apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.common.palette import series_colour
from training_core.run_compare import comparison_labels
from training_core.run_notes import read_notes
from training_core.run_record import read_run

FIRST_COMPARE_COLOUR = 2  # colours 0 and 1 are the shown run's train and test


@dataclass
class Overlay:
    """One compared run as the plots draw it."""

    label: str
    history: list[dict]
    colour: tuple[int, int, int]


def compare_overlays(
    shown: str | Path | None, paths: list[str | Path]
) -> tuple[str, list[Overlay]]:
    """The shown run's legend label ("" when no run is shown) and one overlay per run in
    ``paths`` (the shown run itself and repeats left out), labelled against each other
    and against the shown run, so the label says what differs from what is on screen."""
    shown = Path(shown) if shown else None
    folders: list[Path] = []
    for path in map(Path, paths):
        if path != shown and path not in folders:
            folders.append(path)
    everything = ([shown] if shown else []) + folders
    records = [read_run(folder) for folder in everything]
    labels = comparison_labels(
        [record.config for record in records],
        [folder.name for folder in everything],
        [read_notes(folder).name for folder in everything],
    )
    shown_label = labels.pop(0) if shown else ""
    records = records[1:] if shown else records
    overlays = [
        Overlay(label, record.metrics, series_colour(FIRST_COMPARE_COLOUR + index))
        for index, (label, record) in enumerate(zip(labels, records, strict=True))
    ]
    return shown_label, overlays
