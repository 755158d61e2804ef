"""What the Experiments view knows about one sweep, built from the sweep's events.

``digit-lab sweep --events FILE`` appends one JSON object a line (see the sweep protocol in
``training_core.sweep``): ``sweep_started``, then per trial ``trial_started``,
``trial_result`` once per epoch, ``trial_finished`` or ``trial_failed``, and last
``sweep_finished``. :class:`SweepState` folds those into one :class:`Trial` per trial, so
the table, the curves and the scatter all read one object and a recorded events file
replays into exactly the view a live sweep showed. A finished sweep is reopened from its
record (``<name>.sweep.json``) and each trial's run folder instead (:func:`state_from_record`).

The lines come from another process and the record from a folder the user may edit: every
field is checked, a line that does not parse is skipped, and nothing here raises on odd
input. No Qt here: the view's parts are tested on plain events.
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from training_core.config import TrainConfig
from training_core.run_record import read_run
from training_core.safe_files import SafeFileError, read_text_data

log = logging.getLogger(__name__)

MAX_EVENT_LINE = 1 << 20  # a longer line is not an event of ours
MAX_RECORD_BYTES = 16 << 20
FINAL_STATES = ("completed", "stopped", "diverged", "failed")
TRIAL_EVENTS = ("trial_started", "trial_result", "trial_finished", "trial_failed")
OPTION_NAMES = tuple(opt.name for opt in TrainConfig.options())


def _number(value: object) -> float | None:
    """A finite number, or None (missing, text, NaN, a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _text(value: object, default: str = "") -> str:
    return value if isinstance(value, str) else default


def option_name(name: str) -> str:
    """``batch-size`` (the flag's spelling) and ``batch_size`` are the same option."""
    return name.strip().replace("-", "_")


@dataclass
class Trial:
    """One trial: its run, settings, state and test accuracy after each epoch."""

    name: str
    run: str = ""
    config: dict = field(default_factory=dict)
    status: str = "running"
    test_acc: float | None = None
    test_loss: float | None = None
    seconds: float | None = None
    epochs: list[int] = field(default_factory=list)
    accuracies: list[float] = field(default_factory=list)
    error: str = ""

    def add_epoch(self, epoch: int, acc: float) -> None:
        if epoch in self.epochs:  # a repeated line (a resumed follower) replaces the value
            self.accuracies[self.epochs.index(epoch)] = acc
            return
        self.epochs.append(epoch)
        self.accuracies.append(acc)


@dataclass
class SweepState:
    """Every trial of one sweep, in the order they started."""

    name: str = ""
    record: str = ""
    state: str = "idle"  # idle | running | completed | stopped | failed
    total: int | None = None
    best: str | None = None
    asked: tuple[str, ...] = ()  # the options the sweep was asked to vary
    trials: dict[str, Trial] = field(default_factory=dict)

    def apply(self, event: object) -> bool:
        """Fold one event in; False when it was not a usable event (it is then ignored)."""
        if not isinstance(event, dict):
            return False
        kind = event.get("event")
        if kind == "sweep_started":
            self.name = _text(event.get("sweep"), self.name)
            self.record = _text(event.get("record"), self.record)
            total = event.get("trials")
            self.total = total if isinstance(total, int) and total >= 0 else self.total
            self.state = "running"
            return True
        if kind == "sweep_finished":
            state = _text(event.get("state"))
            self.state = state if state in ("completed", "stopped", "failed") else "completed"
            self.best = _text(event.get("best")) or self.best
            return True
        name = event.get("trial")
        if kind not in TRIAL_EVENTS or not isinstance(name, str) or not name:
            return False
        trial = self.trials.get(name)
        if trial is None:
            trial = self.trials[name] = Trial(name)
        if self.state == "idle":
            self.state = "running"
        trial.run = _text(event.get("run"), trial.run)
        if isinstance(event.get("config"), dict):
            trial.config = event["config"]
        if kind == "trial_started":
            trial.status = "running"
        elif kind == "trial_result":
            epoch, acc = event.get("epoch"), _number(event.get("test_acc"))
            if isinstance(epoch, int) and acc is not None:
                trial.add_epoch(epoch, acc)
                trial.test_acc = acc
            trial.test_loss = _number(event.get("test_loss")) or trial.test_loss
            trial.seconds = _number(event.get("elapsed")) or trial.seconds
        elif kind == "trial_finished":
            status = _text(event.get("status"), "completed")
            trial.status = status if status in FINAL_STATES else "completed"
            for key in ("test_acc", "test_loss", "seconds"):
                value = _number(event.get(key))
                if value is not None:
                    setattr(trial, key, value)
        else:  # trial_failed
            trial.status = "failed"
            trial.error = _text(event.get("error"))[:500]
        return True

    def varied(self) -> list[str]:
        """The options to show as columns: those asked for, and any whose value differs
        between trials (a random search, a preset), in the Train form's order."""
        names = set(self.asked)
        configs = [t.config for t in self.trials.values() if t.config]
        for name in OPTION_NAMES:
            values = {json.dumps(c.get(name), sort_keys=True) for c in configs}
            if len(values) > 1:
                names.add(name)
        return [name for name in OPTION_NAMES if name in names]

    def finished_count(self) -> int:
        return sum(t.status in FINAL_STATES for t in self.trials.values())

    def best_trial(self) -> Trial | None:
        if self.best in self.trials:
            return self.trials[self.best]
        scored = [t for t in self.trials.values() if t.test_acc is not None]
        return max(scored, key=lambda t: t.test_acc) if scored else None

    def label(self, trial: Trial) -> str:
        """The trial named by its varied settings ("lr=0.1, optimizer=adam"), for legends."""
        parts = [f"{name}={format_value(trial.config.get(name))}" for name in self.varied()]
        return ", ".join(parts) if parts else trial.name


def format_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def parse_line(line: str) -> dict | None:
    """One events line as a dict, or None for a partial, damaged or foreign line."""
    line = line.strip()
    if not line or len(line) > MAX_EVENT_LINE:
        return None
    try:
        value = json.loads(line)
    except ValueError:
        log.info("skipped an events line that is not JSON: %.80s", line)
        return None
    return value if isinstance(value, dict) and "event" in value else None


class EventsTail:
    """Reads the lines appended to an events file since the last call; a line still being
    written (no newline yet) waits for the next call. A missing file is simply no news."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._offset = 0
        self._partial = b""

    def read(self) -> list[dict]:
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self._offset)
                data = handle.read(8 * MAX_EVENT_LINE)
        except OSError:
            return []
        self._offset += len(data)
        data = self._partial + data
        lines = data.split(b"\n")
        self._partial = lines.pop()
        if len(self._partial) > MAX_EVENT_LINE:  # never an event; do not buffer forever
            self._partial = b""
        events = []
        for raw in lines:
            event = parse_line(raw.decode("utf-8", errors="replace"))
            if event is not None:
                events.append(event)
        return events


def read_events_file(path: str | os.PathLike) -> list[dict]:
    """Every event in a recorded events file (a replay, a screenshot, a test)."""
    text = read_text_data(path, MAX_RECORD_BYTES)
    return [event for line in text.splitlines() if (event := parse_line(line)) is not None]


def state_from_record(path: str | os.PathLike) -> SweepState:
    """A sweep reopened from its record file: each trial's settings and final numbers from
    the record, its curve from its run folder's metrics. Raises SafeFileError (one line)
    for a record that is not a sweep record."""
    path = Path(path)
    text = read_text_data(path, MAX_RECORD_BYTES)
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise SafeFileError(
            QCoreApplication.translate(
                "SweepState", "{file}: not a sweep record (not JSON: {reason})"
            ).format(file=path.name, reason=exc)
        ) from None
    if not isinstance(record, dict) or not isinstance(record.get("trials"), list):
        raise SafeFileError(
            QCoreApplication.translate(
                "SweepState", "{file}: not a sweep record (no list of trials)"
            ).format(file=path.name)
        )
    asked = [*_names(record.get("grid")), *_names(record.get("random"))]
    state = SweepState(
        name=_text(record.get("name"), path.name.removesuffix(".sweep.json")),
        record=str(path),
        asked=tuple(option_name(n) for n in asked if option_name(n) in OPTION_NAMES),
        total=len(record["trials"]),
    )
    for entry in record["trials"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("trial"), str):
            continue
        run = _text(entry.get("run"))
        folder = path.parent / run if run and Path(run).name == run else None
        state.apply({"event": "trial_started", "trial": entry["trial"], "config": {}})
        trial = state.trials[entry["trial"]]
        trial.run = str(folder) if folder is not None else ""
        trial.config = entry["config"] if isinstance(entry.get("config"), dict) else {}
        status = _text(entry.get("status"), "stopped")
        trial.status = status if status in (*FINAL_STATES, "running", "pending") else "stopped"
        trial.test_acc = _number(entry.get("test_acc"))
        trial.test_loss = _number(entry.get("test_loss"))
        trial.seconds = _number(entry.get("seconds"))
        if folder is not None and folder.is_dir():
            for row in read_run(folder).metrics:
                trial.add_epoch(int(row["epoch"]), float(row["test_acc"]))
    record_state = _text(record.get("state"), "completed")
    state.state = "stopped" if record_state == "running" else record_state
    state.best = _text(record.get("best")) or None
    return state


def _names(value: object) -> list[str]:
    return [name for name in value if isinstance(name, str)] if isinstance(value, dict) else []
