"""A run's display name and note, kept in its folder beside the run's own files.

Renaming a run never moves its folder: the folder name is what other runs, labs and
scripts refer to, so the name the user gives is a label stored in ``notes.json``. The
file is the user's and may be edited by hand or copied from elsewhere, so reading it
trusts nothing: a file that is too large, not UTF-8, not JSON or holding the wrong types
is ignored with one line in the log, never an error, and whatever is read is cleaned the
same way as what the window writes (length caps, no control characters).
"""

from __future__ import annotations

import json
import logging
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from training_core.fileio import atomic_write_text, describe_os_error
from training_core.messages import msg
from training_core.safe_files import SafeFileError, read_text_data

log = logging.getLogger(__name__)

NOTES = "notes.json"
MAX_NOTES_BYTES = 16 * 1024  # a larger notes.json is not read
MAX_NAME_CHARS = 80  # a name fits a table cell and a legend entry
MAX_NOTE_CHARS = 4000  # a paragraph or two


class RunNotesError(OSError):
    """Notes that cannot be written; the message is meant for the user."""


@dataclass(frozen=True)
class RunNotes:
    """What the user said about a run: ``name`` ("" = use the folder's name) and ``note``."""

    name: str = ""
    note: str = ""


def clean_name(text: str) -> str:
    """One line of at most ``MAX_NAME_CHARS`` printable characters, trimmed. Control and
    format characters go (a newline, a tab, a right-to-left override that would make a
    name read backwards in the table); whitespace runs become one space."""
    kept = "".join(" " if ch.isspace() else ch for ch in text if not _hidden(ch, keep="\t\n\r"))
    return " ".join(kept.split())[:MAX_NAME_CHARS].strip()


def clean_note(text: str) -> str:
    """At most ``MAX_NOTE_CHARS`` characters; line breaks and tabs stay, other control
    and format characters go. Line endings become ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if not _hidden(ch, keep="\t\n"))[:MAX_NOTE_CHARS].strip()


def _hidden(ch: str, keep: str) -> bool:
    """A character with no place in a name or note: control (Cc), format (Cf: bidi
    overrides, zero-width marks), surrogate (Cs) or unassigned (Cn), except ``keep``."""
    return ch not in keep and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Cn")


def read_notes(run_path: str | os.PathLike) -> RunNotes:
    """The run's name and note; empty ones when there is no usable ``notes.json``.
    Never raises: each unusable part is left out with one line in the log."""
    file = Path(run_path) / NOTES
    try:
        if not os.path.lexists(file):
            return RunNotes()
        data = json.loads(read_text_data(file, MAX_NOTES_BYTES))
    except (SafeFileError, OSError) as exc:
        log.warning("ignoring %s: %s", file, str(exc).splitlines()[0] if str(exc) else exc)
        return RunNotes()
    except (ValueError, RecursionError):
        log.warning("ignoring %s: not valid JSON", file)
        return RunNotes()
    if not isinstance(data, dict):
        log.warning("ignoring %s: it holds a %s, not a name and note", file, type(data).__name__)
        return RunNotes()
    values = {}
    for key, clean in (("name", clean_name), ("note", clean_note)):
        value = data.get(key, "")
        if isinstance(value, str):
            values[key] = clean(value)
        else:
            log.warning("ignoring the %s in %s: a %s, not text", key, file, type(value).__name__)
            values[key] = ""
    return RunNotes(**values)


def write_notes(run_path: str | os.PathLike, name: str, note: str) -> RunNotes:
    """Store a cleaned name and note in the run's folder, atomically; returns what was
    stored. Both empty removes the file. The folder must exist: notes never create one."""
    folder = Path(run_path)
    notes = RunNotes(clean_name(name), clean_note(note))
    if not folder.is_dir():
        raise RunNotesError(
            msg("notes.no_run", "the run folder {folder} is gone", folder=folder.name)
        )
    try:
        if not notes.name and not notes.note:
            (folder / NOTES).unlink(missing_ok=True)
        else:
            text = json.dumps({"name": notes.name, "note": notes.note}, ensure_ascii=False)
            atomic_write_text(folder / NOTES, text + "\n")
    except OSError as exc:
        raise RunNotesError(
            msg(
                "notes.cannot_write",
                "cannot save the name and note of {run}: {reason}",
                run=folder.name,
                reason=describe_os_error(exc),
            )
        ) from exc
    return notes
