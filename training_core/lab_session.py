"""Where a student is in a lab, kept between sessions: step, runs, answers.

One small JSON file per lab in the per-user data folder, written atomically. It is read
back without trusting it: a damaged or foreign file gives a fresh session (and a log
line), never an error in front of the class; a run folder that has gone is simply a run
to make again.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from training_core import preferences
from training_core.fileio import atomic_write_text
from training_core.lab_format import ID_PATTERN, RUN_NAME_PATTERN
from training_core.lab_questions import RunResults
from training_core.safe_files import SafeFileError, read_text_data

log = logging.getLogger(__name__)
MAX_SESSION_BYTES = 2 * 2**20
MAX_TEXT = 2000  # an answer or feedback kept in a session
_KEY = re.compile(r"\d{1,3}\.\d{1,3}\Z")


@dataclass
class LabSession:
    """``runs``: name → ``{"kind": "train", "path": folder}`` or a playground run's
    :meth:`RunResults.to_dict`; ``answers``: question key ("step.part") →
    ``{"answer", "correct", "expected", "feedback"}``."""

    lab_id: str
    language: str = "en"
    step: int = 0
    runs: dict[str, dict] = field(default_factory=dict)
    answers: dict[str, dict] = field(default_factory=dict)
    updated: str = ""

    def set_train_run(self, name: str, run_dir: str | os.PathLike) -> None:
        self.runs[name] = {"kind": "train", "path": str(run_dir)}

    def set_results(self, results: RunResults) -> None:
        """Keep a playground run's numbers (they are not in any run folder)."""
        self.runs[results.name] = results.to_dict()

    def results(self, name: str, data_root=None, confusion: bool = False) -> RunResults:
        """A run's results: read from its folder (train) or from the session (playground)."""
        from training_core.lab_actions import run_results

        entry = self.runs[name]
        if entry.get("kind") == "train":
            return run_results(entry["path"], data_root, confusion=confusion, name=name)
        return RunResults.from_dict(entry)

    def results_for(self, question, data_root=None) -> dict[str, RunResults]:
        """The results a question is answered from (with the confusion matrix when its kind
        needs one: an evaluation over the test split, so call it off the UI thread).
        KeyError names a run the student has not made yet."""
        from training_core.lab_questions import TRAIN_ONLY

        confusion = question.kind in TRAIN_ONLY
        return {name: self.results(name, data_root, confusion) for name in question.runs}

    def record_answer(
        self, key: str, answer: str, correct: bool, expected: str, feedback: str
    ) -> None:
        self.answers[key] = {
            "answer": answer[:MAX_TEXT],
            "correct": bool(correct),
            "expected": expected[:MAX_TEXT],
            "feedback": feedback[:MAX_TEXT],
        }

    def to_dict(self) -> dict:
        return {
            "lab_id": self.lab_id,
            "language": self.language,
            "step": self.step,
            "runs": self.runs,
            "answers": self.answers,
            "updated": self.updated,
        }


def sessions_dir() -> Path:
    return preferences.data_dir() / "lab_sessions"


def session_path(lab_id: str, folder: str | os.PathLike | None = None) -> Path:
    return Path(folder or sessions_dir()) / f"{lab_id}.json"


def save_session(session: LabSession, folder: str | os.PathLike | None = None) -> Path:
    session.updated = datetime.now(UTC).isoformat(timespec="seconds")
    text = json.dumps(session.to_dict(), ensure_ascii=False, indent=1, allow_nan=False)
    return atomic_write_text(session_path(session.lab_id, folder), text)


def load_session(lab_id: str, folder: str | os.PathLike | None = None) -> LabSession:
    """The saved session, or a fresh one when there is none or it cannot be trusted."""
    path = session_path(lab_id, folder)
    if not path.exists():
        return LabSession(lab_id)
    try:
        raw = json.loads(read_text_data(path, MAX_SESSION_BYTES))
        return _checked(raw, lab_id)
    except (SafeFileError, OSError, ValueError, TypeError, KeyError, RecursionError) as exc:
        log.warning("lab session %s is damaged (%s); starting the lab afresh", path, exc)
        return LabSession(lab_id)


def _checked(raw: object, lab_id: str) -> LabSession:
    if not isinstance(raw, dict) or raw.get("lab_id") != lab_id or not ID_PATTERN.match(lab_id):
        raise ValueError("not this lab's session")
    language = raw.get("language")
    step = raw.get("step")
    if language not in preferences.LANGUAGES:
        raise ValueError(f"language {language!r}")
    if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step < 1000:
        raise ValueError(f"step {step!r}")
    runs = {}
    for name, entry in _mapping(raw.get("runs")).items():
        if not RUN_NAME_PATTERN.match(name) or not isinstance(entry, dict):
            raise ValueError(f"run {name!r}")
        if entry.get("kind") == "train":
            if not isinstance(entry.get("path"), str) or "\0" in entry["path"]:
                raise ValueError(f"run {name!r} path")
            runs[name] = {"kind": "train", "path": entry["path"]}
        else:
            runs[name] = RunResults.from_dict(entry).to_dict()
    answers = {}
    for key, entry in _mapping(raw.get("answers")).items():
        if not _KEY.match(key) or not isinstance(entry, dict):
            raise ValueError(f"answer {key!r}")
        texts = [entry.get(k) for k in ("answer", "expected", "feedback")]
        if not all(isinstance(t, str) for t in texts) or not isinstance(entry.get("correct"), bool):
            raise ValueError(f"answer {key!r}")
        answers[key] = {
            "answer": texts[0][:MAX_TEXT],
            "correct": entry["correct"],
            "expected": texts[1][:MAX_TEXT],
            "feedback": texts[2][:MAX_TEXT],
        }
    updated = raw.get("updated") if isinstance(raw.get("updated"), str) else ""
    return LabSession(lab_id, language, step, runs, answers, updated[:40])


def _mapping(value: object) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("expected an object")
    return value
