"""Every file and folder chooser of the window, starting in a folder that makes sense.

Qt's static dialogs given an empty folder start in the process's working directory: for
Digit Lab started from a terminal that is often the git checkout, so an exported PNG or a
saved checkpoint landed among the source files. Here each kind of file remembers the last
folder the user chose for it (through ``view_state``), and until there is one the dialog
starts in the caller's fallback (the runs folder for checkpoints) or the user's Documents
folder, else the home folder. Every chooser in ``desktop_app`` goes through these three
functions, so the rule is the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.common.view_state import store, stored_paths

KEY = "file_dialogs/{kind}"


def documents_folder() -> Path:
    """The user's Documents folder when it exists, else the home folder."""
    try:
        documents = Path(platformdirs.user_documents_dir())
    except (OSError, RuntimeError, ValueError):  # no usable XDG/known-folder answer
        documents = None
    if documents is not None and documents.is_dir():
        return documents
    return Path.home()


def start_folder(kind: str, preferred: str | Path | None = None, fallback=None) -> Path:
    """Where a chooser for ``kind`` opens: ``preferred`` (a folder the caller knows is
    relevant, like a field's current value) if it exists, then the last folder chosen for
    ``kind``, then ``fallback``, then Documents. Folders that are gone are skipped."""
    remembered = stored_paths(KEY.format(kind=kind), 1)
    for candidate in (preferred, *remembered, fallback):
        if candidate and Path(candidate).expanduser().is_dir():
            return Path(candidate).expanduser()
    return documents_folder()


def remember_folder(kind: str, folder: str | Path) -> None:
    """The next chooser for ``kind`` opens in ``folder``."""
    store(KEY.format(kind=kind), str(folder))


def open_file_name(
    parent: QWidget | None, kind: str, title: str, filters: str, fallback=None
) -> str:
    """A file to read, or "" when the user cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent, title, str(start_folder(kind, fallback=fallback)), filters
    )
    if path:
        remember_folder(kind, Path(path).parent)
    return path


def save_file_name(
    parent: QWidget | None, kind: str, title: str, file_name: str, filters: str, fallback=None
) -> str:
    """A file to write (the dialog has asked before replacing one), or "" when cancelled;
    ``file_name`` is the suggested name, shown in the start folder."""
    start = start_folder(kind, fallback=fallback)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start / file_name), filters)
    if path:
        remember_folder(kind, Path(path).parent)
    return path


def existing_folder(
    parent: QWidget | None, kind: str, title: str, preferred=None, fallback=None
) -> str:
    """A folder, or "" when the user cancelled."""
    folder = QFileDialog.getExistingDirectory(
        parent, title, str(start_folder(kind, preferred, fallback))
    )
    if folder:
        remember_folder(kind, folder)
    return folder
