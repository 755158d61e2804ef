"""File choosers start in the user's Documents folder or the last folder chosen for that
kind of file, never in the process's working directory (the source checkout)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop_app.common import file_dialogs

REPO = Path(__file__).resolve().parents[3]


class FakeDialogs:
    """Stands in for QFileDialog's static functions: records where each opened and
    answers with the next queued path ("" is Cancel)."""

    def __init__(self, monkeypatch):
        self.started_in: list[str] = []
        self.answers: list[str] = []
        for name in ("getOpenFileName", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, staticmethod(self._file))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(self._folder))

    def _file(self, parent, title, start, filters=""):
        self.started_in.append(start)
        return (self.answers.pop(0) if self.answers else "", "")

    def _folder(self, parent, title, start):
        self.started_in.append(start)
        return self.answers.pop(0) if self.answers else ""


@pytest.fixture
def dialogs(monkeypatch, tmp_path):
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(file_dialogs.platformdirs, "user_documents_dir", lambda: str(documents))
    monkeypatch.chdir(REPO)  # started from the checkout, as a developer does
    fake = FakeDialogs(monkeypatch)
    fake.documents = documents
    return fake


def test_the_first_dialog_opens_in_documents_not_the_working_directory(dialogs):
    assert file_dialogs.open_file_name(None, "image", "Open", "PNG (*.png)") == ""
    file_dialogs.save_file_name(None, "export", "Save", "result.png", "PNG (*.png)")
    file_dialogs.existing_folder(None, "export", "Export to")
    assert dialogs.started_in == [
        str(dialogs.documents),
        str(dialogs.documents / "result.png"),
        str(dialogs.documents),
    ]
    assert not any(start.startswith(os.getcwd()) for start in dialogs.started_in)


def test_each_kind_remembers_its_own_last_folder(dialogs, tmp_path):
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    dialogs.answers = [str(pictures / "seven.png")]
    assert file_dialogs.open_file_name(None, "image", "Open", "") == str(pictures / "seven.png")
    file_dialogs.open_file_name(None, "image", "Open", "")  # cancelled: remembers nothing
    file_dialogs.save_file_name(None, "export", "Save", "curves.csv", "")
    assert dialogs.started_in[1:] == [str(pictures), str(dialogs.documents / "curves.csv")]


def test_a_chosen_folder_is_remembered_and_a_deleted_one_forgotten(dialogs, tmp_path):
    chosen = tmp_path / "exports"
    chosen.mkdir()
    dialogs.answers = [str(chosen)]
    file_dialogs.existing_folder(None, "export", "Export to")
    file_dialogs.save_file_name(None, "export", "Save", "loss.png", "")
    chosen.rmdir()
    file_dialogs.save_file_name(None, "export", "Save", "loss.png", "")
    assert dialogs.started_in[1:] == [
        str(chosen / "loss.png"),
        str(dialogs.documents / "loss.png"),
    ]


def test_fallback_and_preferred_folders(dialogs, tmp_path):
    runs = tmp_path / "runs"
    runs.mkdir()
    field = tmp_path / "data"
    field.mkdir()
    file_dialogs.open_file_name(None, "checkpoint", "Open", "", fallback=runs)
    file_dialogs.existing_folder(None, "folder", "Choose", preferred=str(field))
    file_dialogs.existing_folder(None, "folder", "Choose", preferred="/no/such/folder")
    assert dialogs.started_in == [str(runs), str(field), str(dialogs.documents)]


def test_without_a_documents_folder_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(
        file_dialogs.platformdirs, "user_documents_dir", lambda: str(tmp_path / "missing")
    )
    assert file_dialogs.documents_folder() == Path.home()
    assert file_dialogs.start_folder("never-used") == Path.home()


def test_a_garbage_stored_folder_falls_back(dialogs):
    file_dialogs.remember_folder("image", "\x00 not a folder")
    assert file_dialogs.start_folder("image") == dialogs.documents


def test_every_chooser_in_the_app_goes_through_file_dialogs():
    """One way to open a chooser: QFileDialog's static functions appear nowhere else."""
    offenders = []
    for path in (REPO / "desktop_app").rglob("*.py"):
        if path.name == "file_dialogs.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(
            r"QFileDialog\.get|getSaveFileName|getOpenFileName|getExistingDirectory", text
        ):
            offenders.append(str(path.relative_to(REPO)))
    assert not offenders, offenders


def test_the_main_windows_checkpoint_dialog_opens_in_the_runs_folder(dialogs, qtbot):
    from desktop_app.common.settings import runs_root
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    try:
        assert window.open_checkpoint() is False  # cancelled
        assert window.export_curves() == []
        runs_root().mkdir(parents=True, exist_ok=True)
        window.open_checkpoint()
    finally:
        window.shutdown()
    assert dialogs.started_in[1] == str(dialogs.documents)
    assert dialogs.started_in[2] == str(runs_root())
