"""The rows and columns of the runs table: what each run shows, which columns the listed
runs need, and how each cell sorts.

The table has a column for a setting only when the listed runs differ in it
(``training_core.run_compare``): ten runs that differ only in learning rate show one
settings column, not fifteen. Every cell keeps a sort key beside its text, so "0.05"
sorts below "0.5" and "9 epochs" below "10", whatever the text looks like.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTreeWidgetItem

from desktop_app.common.i18n import core_label, core_text
from desktop_app.train.run_text import run_started_at, state_label
from training_core.run_compare import differing_settings, setting_values, value_text
from training_core.run_notes import RunNotes, read_notes
from training_core.run_record import CONFIG, RunRecord
from training_core.runs import list_runs

PATH_ROLE = Qt.ItemDataRole.UserRole  # the run folder, as a string
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # the run's state as the core names it
MISSING = (2, "")  # sorts after every number and every text
NOTE_CHARS = 40  # the note column shows the first line, cut here


@dataclass
class RunRow:
    """One run as the table shows it: the checked record, the user's notes, its date."""

    path: Path
    record: RunRecord
    notes: RunNotes
    date: str  # "2026-12-01 10:00:07": sorts as text

    @property
    def name(self) -> str:
        return self.notes.name or self.path.name

    def matches(self, text: str) -> bool:
        """Whether the filter ``text`` is found in the run's name, folder, note, model or
        state (either language), ignoring case."""
        if not text.strip():
            return True
        fields = (
            self.name,
            self.path.name,
            self.notes.note,
            str(self.record.config.get("model", "")),
            self.record.state,
            state_label(self.record.state),
        )
        needle = text.strip().casefold()
        return any(needle in field.casefold() for field in fields)


def read_rows(root: str | os.PathLike) -> list[RunRow]:
    """Every run under ``root``, read and checked (newest first, as ``list_runs`` gives)."""
    return [
        RunRow(run.path, record, read_notes(run.path), _date(run.path))
        for run in list_runs(root)
        for record in (run.inspect(),)
    ]


def _date(folder: Path) -> str:
    """When the run began: from its folder's name, else when its config.json was written."""
    started = run_started_at(folder)
    if started != folder.name:
        return started
    try:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime((folder / CONFIG).stat().st_mtime))
    except OSError:
        return ""


# -- columns ----------------------------------------------------------------------------
# Each column is (key, header). Fixed keys name what every run has; any other key is a
# setting (a TrainConfig option) that differs between the listed runs.
NAME, STATE, EPOCHS, ACCURACY, DATE, NOTE = "name", "state", "epochs", "test_acc", "date", "note"


def table_columns(rows: list[RunRow]) -> list[tuple[str, str]]:
    """The columns for these rows: name and state first (fixed places), then the settings
    that differ, progress, accuracy, date, and the note when any run has one."""
    from training_core.config import TrainConfig

    labels = {opt.name: core_label(opt.label) for opt in TrainConfig.options()}
    # The Epochs column shows done/total already: the epochs setting needs no column.
    settings = [k for k in differing_settings([r.record.config for r in rows]) if k != EPOCHS]
    columns = [
        (NAME, QCoreApplication.translate("RunsList", "Run")),
        (STATE, QCoreApplication.translate("RunsList", "State")),
        *((key, labels[key][:1].upper() + labels[key][1:]) for key in settings),
        (EPOCHS, QCoreApplication.translate("RunsList", "Epochs")),
        (ACCURACY, QCoreApplication.translate("RunsList", "Test accuracy")),
        (DATE, QCoreApplication.translate("RunsList", "Date")),
    ]
    if any(row.notes.note for row in rows):
        columns.append((NOTE, QCoreApplication.translate("RunsList", "Note")))
    return columns


def _sort_key(value: object) -> tuple:
    """Numbers before texts before missing values, each group in its own order."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (0, float(value))
    if value is None or value == "":
        return MISSING
    return (1, str(value).casefold())


def cell(row: RunRow, key: str) -> tuple[str, tuple]:
    """The text of ``row``'s cell in column ``key`` and its sort key."""
    record, metrics = row.record, row.record.metrics
    if key == NAME:
        return row.name, _sort_key(row.name)
    if key == STATE:
        return state_label(record.state), _sort_key(state_label(record.state))
    if key == EPOCHS:
        total = record.config.get("epochs")
        text = f"{len(metrics)}/{total if total is not None else '?'}"
        return text, (0, float(len(metrics)), _sort_key(total))
    if key == ACCURACY:
        if not metrics:
            return "–", MISSING
        return f"{metrics[-1]['test_acc']:.2%}", (0, float(metrics[-1]["test_acc"]))
    if key == DATE:
        return row.date, _sort_key(row.date)
    if key == NOTE:
        first = row.notes.note.split("\n", 1)[0]
        text = first if len(first) <= NOTE_CHARS else first[: NOTE_CHARS - 1] + "…"
        return text, _sort_key(row.notes.note)
    value = setting_values(record.config).get(key)
    if value is None:
        return "–", MISSING
    return value_text(value), _sort_key(value)


class RunItem(QTreeWidgetItem):
    """A row that sorts by each cell's sort key, not by its text."""

    def __init__(self, row: RunRow, columns: list[tuple[str, str]]):
        cells = [cell(row, key) for key, _header in columns]
        super().__init__([text for text, _key in cells])
        self.row = row
        self.sort_keys = [key for _text, key in cells]
        self.setData(0, PATH_ROLE, str(row.path))
        self.setData(0, STATE_ROLE, row.record.state)
        keys = [key for key, _header in columns]
        for index in range(1, len(keys)):  # numbers line up on the right, words on the left
            if self.sort_keys[index][:1] == (0,) and keys[index] != NOTE:
                self.setTextAlignment(index, Qt.AlignmentFlag.AlignRight)
        tip = QCoreApplication.translate("RunsList", "Folder: {folder}").format(
            folder=row.path.name
        )
        tip = f"{cells[0][0]}\n{tip}"  # the whole name, however narrow its column
        if row.notes.note:
            tip = f"{tip}\n\n{row.notes.note}"
        self.setToolTip(0, tip)
        if NOTE in keys:
            self.setToolTip(keys.index(NOTE), row.notes.note)
        if row.record.reason:  # why it is damaged, interrupted, stopped or failed
            reason = core_text(row.record.reason)
            self.setToolTip(keys.index(STATE), reason)
            self.setToolTip(0, f"{tip}\n\n{reason}")

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        if isinstance(other, RunItem) and column < len(self.sort_keys):
            return self.sort_keys[column] < other.sort_keys[column]
        return super().__lt__(other)


def size_text(size: int) -> str:
    """Bytes as people read them: "980 KB", "212 MB", "1.4 GB" (decimal units, as file
    managers show them)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size} B"
