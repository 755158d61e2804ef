"""Renaming, noting and deleting runs: the Runs page's "More" actions.

Kept apart from the table itself (``runs_list``) so each module reads in one sitting. The
strings use the ``RunsList`` translation context, the page they appear on, written out
with ``QCoreApplication.translate`` so that the catalog scanner sees them here too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from desktop_app.common.i18n import error_text
from desktop_app.common.workers import Worker, job
from desktop_app.train.runs_table import size_text
from training_core.run_notes import RunNotesError, read_notes, write_notes
from training_core.runs import TrashUnavailableError, delete_run, folder_bytes


def _delete_job(path: str, root: str, to_trash: bool, training: str | None) -> object:
    """Delete in the worker thread; a missing trash comes back as a result (the window
    then offers to delete for good), any other refusal as the worker's failure."""
    try:
        return delete_run(path, root, to_trash=to_trash, training=training)
    except TrashUnavailableError as exc:
        return exc


class RunEditing:
    """Mixed into ``RunsList``: rename, note and delete the selected run. Uses the
    list's ``selected_path``, ``_name_of``, ``_say``, ``refresh``, ``select``,
    ``training_run``, ``run_bytes``, ``deleted`` and ``_update_buttons``."""

    def rename_selected(self) -> None:
        """Ask for the run's name (empty: its folder's name again)."""
        path = self.selected_path()
        if not path:
            return
        notes = read_notes(path)
        name, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("RunsList", "Rename run"),
            QCoreApplication.translate(
                "RunsList",
                "Name for {folder} (the folder keeps its name; empty: the folder's name):",
            ).format(folder=Path(path).name),
            QLineEdit.EchoMode.Normal,
            notes.name,
        )
        if ok:
            self.set_notes(path, name=name)

    def edit_note_selected(self) -> None:
        path = self.selected_path()
        if not path:
            return
        note, ok = QInputDialog.getMultiLineText(
            self,
            QCoreApplication.translate("RunsList", "Run note"),
            QCoreApplication.translate("RunsList", "Note for {run}:").format(
                run=self._name_of(path)
            ),
            read_notes(path).note,
        )
        if ok:
            self.set_notes(path, note=note)

    def set_notes(self, path: str, name: str | None = None, note: str | None = None) -> bool:
        """Store a new name and/or note for the run at ``path``; False (and a line under
        the table) when it cannot be written."""
        old = read_notes(path)
        try:
            write_notes(
                path, old.name if name is None else name, old.note if note is None else note
            )
        except RunNotesError as exc:
            self._say(error_text(exc))
            return False
        self._say("")
        self.refresh()
        self.select(path)
        return True

    def delete_selected(self) -> None:
        """Ask, naming the run and its size, then move it to the trash (or, when there is
        none, ask again and delete it for good). Never the run being trained."""
        path = self.selected_path()
        if not path or self._deleting is not None:
            return
        if self._is_training(path):
            self._say(
                QCoreApplication.translate(
                    "RunsList", "{run} is training now: stop it first."
                ).format(run=Path(path).name)
            )
            return
        name = self._name_of(path)
        size = self.run_bytes.get(path)
        size = size_text(size if size is not None else folder_bytes(path))
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("RunsList", "Delete run"),
            QCoreApplication.translate(
                "RunsList", 'Move the run "{name}" ({size}) to the trash?\n\nFolder: {folder}'
            ).format(name=name, size=size, folder=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._start_delete(path, to_trash=True)

    def _is_training(self, path: str) -> bool:
        training = self.training_run()
        return training is not None and Path(training) == Path(path)

    def _start_delete(self, path: str, to_trash: bool) -> None:
        training = self.training_run()
        work = job(
            _delete_job,
            path,
            str(self._runs_root()),
            to_trash,
            str(training) if training is not None else None,
        )
        self._deleting = Worker(work, "digit-lab-delete-run", self)
        self._deleting.done.connect(lambda result: self._deleted(path, result))
        self._deleting.failed.connect(self._say)
        self._deleting.finished.connect(self._delete_ended)
        self._update_buttons()
        self._deleting.start()

    def _deleted(self, path: str, result: object) -> None:
        name = Path(path).name
        if isinstance(result, TrashUnavailableError):
            answer = QMessageBox.question(
                self,
                QCoreApplication.translate("RunsList", "Delete run"),
                QCoreApplication.translate(
                    "RunsList", "{reason}.\n\nDelete {run} for good? This cannot be undone."
                ).format(reason=error_text(result), run=name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._after_delete = (path, False)
            return
        self._say(
            QCoreApplication.translate("RunsList", "{run} was moved to the trash.").format(run=name)
            if result == "trash"
            else QCoreApplication.translate("RunsList", "{run} was deleted.").format(run=name)
        )
        self.deleted.emit(path)

    def _delete_ended(self) -> None:
        self._deleting.deleteLater()
        self._deleting = None
        again, self._after_delete = self._after_delete, None
        if again is not None:
            self._start_delete(*again)
            return
        self.refresh()

    def wait_for_delete(self, timeout: float | None = None) -> bool:
        """Block until a delete in progress ends (tests, closing)."""
        return self._deleting.wait(timeout) if self._deleting is not None else True
