"""Reading a run folder back, trusting nothing in it.

A run folder is the user's: it may be edited by hand, copied half-way, written by another
version, or left behind by a process killed mid-run. Reading it must never raise, and one
damaged folder must never stop the app or hide the other runs. :func:`read_run` checks
each file against what the app needs and says what is wrong in ``problems`` (shown as
"damaged" in the runs list), keeping every part that is still usable.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from training_core.fileio import system_text
from training_core.messages import Message, message_of, msg
from training_core.processes import owner_is_alive
from training_core.safe_files import SafeFileError, read_text_data

CHECKPOINT = "checkpoint.pt"
METRICS = "metrics.jsonl"
CONFIG = "config.json"
STATUS = "status.json"

RUNNING = "running"
INTERRUPTED = "interrupted"
DAMAGED = "damaged"
STATES = ("running", "completed", "stopped", "diverged", "failed", INTERRUPTED)

MAX_RUN_FILE_BYTES = 64 * 2**20  # larger config/metrics/status files are not read
REQUIRED_METRICS = ("epoch", "train_loss", "train_acc", "test_loss", "test_acc")


@dataclass
class RunRecord:
    """What one run folder holds, checked: unusable parts are empty and named in
    ``problems``."""

    path: Path
    config: dict = field(default_factory=dict)
    metrics: list[dict] = field(default_factory=list)
    status: dict = field(default_factory=lambda: {"state": "unknown", "message": ""})
    problems: list[str] = field(default_factory=list)

    @property
    def damaged(self) -> bool:
        return bool(self.problems)

    @property
    def state(self) -> str:
        return DAMAGED if self.damaged else self.status["state"]

    @property
    def reason(self) -> str:
        """One line: what is wrong, or the status message."""
        return _joined(self.problems) if self.damaged else self.status.get("message", "")


def _joined(problems: list[str]) -> str:
    """``"a; b; c"``, nested so that each problem stays a message the app can translate."""
    if len(problems) == 1:
        return problems[0]
    return msg("run.problems", "{first}; {rest}", first=problems[0], rest=_joined(problems[1:]))


def read_run(path: str | os.PathLike) -> RunRecord:
    """Read and check config.json, metrics.jsonl and status.json of the run at ``path``."""
    record = RunRecord(Path(path))
    record.config = _read_config(record)
    record.metrics = _read_metrics(record)
    record.status = _read_status(record)
    return record


def _read_text(record: RunRecord, name: str) -> str | None:
    """The file's text, or None (missing, or a problem noted). Only a regular file is read,
    and at most ``MAX_RUN_FILE_BYTES``: a FIFO or a link to /dev/zero would never end."""
    file = record.path / name
    try:
        if not os.path.lexists(file):
            return None
        return read_text_data(file, MAX_RUN_FILE_BYTES)
    except (SafeFileError, OSError) as exc:
        record.problems.append(_file_problem(name, exc))
        return None


def _file_problem(name: str, exc: OSError | SafeFileError) -> str:
    """``"<name>: <reason>"``: the reader's message with the file's name in place of its
    path, still the reader's translatable message where it has one."""
    found = message_of(exc)
    if isinstance(exc, SafeFileError) and found is not None:
        for key in ("path", "file"):
            if found.template.startswith("{" + key + "}: "):
                return Message(found.kind, found.template, {**found.params, key: name})
    if isinstance(exc, SafeFileError):
        reason = str(exc).split(": ", 1)[-1]
    else:
        reason = system_text(exc.strerror)
    return msg("run.file_problem", "{file}: {reason}", file=name, reason=reason)


def _read_json(record: RunRecord, name: str, text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        record.problems.append(msg("run.not_json", "{file} is not valid JSON", file=name))
        return None


def _read_config(record: RunRecord) -> dict:
    from training_core.config import ConfigError, TrainConfig  # lazy: keeps torch out

    text = _read_text(record, CONFIG)
    if text is None:
        if not record.problems:
            record.problems.append(msg("run.config_missing", "{file} is missing", file=CONFIG))
        return {}
    config = _read_json(record, CONFIG, text)
    if config is None:
        return {}
    if not isinstance(config, dict):
        record.problems.append(
            msg(
                "run.config_not_dict",
                "{file} holds a {type}, not settings",
                file=CONFIG,
                type=type(config).__name__,
            )
        )
        return {}
    try:
        TrainConfig.from_dict(config).validate()
    except (ConfigError, TypeError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else repr(exc)
        if reason == str(exc) and message_of(exc) is not None:
            reason = message_of(exc)  # one line already: keep it translatable
        record.problems.append(
            msg("run.config_invalid", "{file}: {reason}", file=CONFIG, reason=reason)
        )
        return {}
    return config


def _is_number(value: object) -> bool:
    """A finite number a plot can take (a 300-digit integer cannot become a float)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value) and abs(value) < 1e300
    except OverflowError:
        return False


def _read_metrics(record: RunRecord) -> list[dict]:
    text = _read_text(record, METRICS)
    if text is None:
        return []
    rows, bad = [], []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError):
            bad.append(line_number)
            continue
        usable = (
            isinstance(row, dict)
            and all(key in row for key in REQUIRED_METRICS)
            and all(_is_number(v) for v in row.values())
            and float(row["epoch"]).is_integer()
            and row["epoch"] == len(rows) + 1
        )
        if usable:
            rows.append(row)
        else:
            bad.append(line_number)
    if bad:
        lines = ", ".join(map(str, bad[:5])) + (" ..." if len(bad) > 5 else "")
        record.problems.append(
            msg(
                "run.metrics_unusable",
                "{file}: unusable rows (line {lines})",
                file=METRICS,
                lines=lines,
            )
        )
    return rows


def _read_status(record: RunRecord) -> dict:
    text = _read_text(record, STATUS)
    if text is None:
        return {"state": "unknown", "message": msg("run.no_status", "no status.json")}
    status = _read_json(record, STATUS, text)
    if status is None:
        return {"state": "unknown", "message": ""}
    if not isinstance(status, dict) or status.get("state") not in STATES:
        what = status.get("state") if isinstance(status, dict) else type(status).__name__
        record.problems.append(
            msg(
                "run.status_unknown",
                "{file} holds no known state ({state!r})",
                file=STATUS,
                state=str(what)[:40],
            )
        )
        return {"state": "unknown", "message": ""}
    message = status.get("message", "")
    checked = {"state": status["state"], "message": message if isinstance(message, str) else ""}
    if checked["state"] == RUNNING and not owner_is_alive(status.get("owner")):
        done = len(record.metrics)
        checked = {
            "state": INTERRUPTED,
            "message": msg(
                "run.interrupted",
                "its process ended without finishing (killed or crashed) after {epochs} "
                "epoch(s); resume it to continue from the last checkpoint",
                epochs=done,
            ),
        }
    return checked
