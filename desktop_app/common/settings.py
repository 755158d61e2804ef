"""User preferences (data folder, runs folder, device, language) and their dialog.

They live in the core's preferences file (``training_core.preferences``, one JSON file in
the per-user config folder), so the app and ``digit-lab train`` agree; window geometry and
other view state stay in QSettings. Every tab reads preferences through these functions,
so there is one place that knows the fall-backs: no data folder means the core decides
($DIGIT_LAB_DATA, else the per-user cache); no runs folder means the per-user data folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop_app.common import file_dialogs
from desktop_app.common.i18n import LANGUAGE_NAMES
from desktop_app.common.palette import ERROR
from training_core import preferences


def _folder(value: str | Path | None) -> str | None:
    return str(value) if value not in (None, "") else None


def data_root() -> str | None:
    """The chosen data folder, or None so the core falls back to $DIGIT_LAB_DATA / cache."""
    return preferences.load().data_root


def set_data_root(path: str | Path | None) -> None:
    preferences.update(data_root=_folder(path))


def runs_root() -> Path:
    """Where new runs are written and the Runs list looks."""
    from training_core.runs import resolve_runs_root

    return resolve_runs_root()


def set_runs_root(path: str | Path | None) -> None:
    preferences.update(runs_root=_folder(path))


def preferred_device() -> str:
    """The device new runs default to; one that no longer exists falls back to ``auto``."""
    return preferences.preferred_device()


def set_preferred_device(device: str | None) -> None:
    preferences.update(device=device or "auto")


class _FolderField(QWidget):
    """A line edit plus a Browse… button; empty text means "use the default"."""

    def __init__(self, text: str, placeholder: str, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(text, self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        folder = file_dialogs.existing_folder(
            self, "folder", self.tr("Choose a folder"), preferred=self.edit.text().strip()
        )
        if folder:
            self.edit.setText(folder)

    def value(self) -> str:
        return self.edit.text().strip()


class PreferencesDialog(QDialog):
    """Data folder, runs folder, default device and language; saved on OK."""

    def __init__(self, parent=None):
        super().__init__(parent)
        from training_core.config import available_devices
        from training_core.data import default_data_root
        from training_core.runs import default_runs_root

        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout(self)
        saved = preferences.load()
        self.data_folder = _FolderField(
            saved.data_root or "",
            self.tr("default: {folder}").format(folder=default_data_root()),
            self,
        )
        self.runs_folder = _FolderField(
            saved.runs_root or "",
            self.tr("default: {folder}").format(folder=default_runs_root()),
            self,
        )
        self.device = QComboBox(self)
        self.device.addItems(available_devices())
        self.device.setCurrentText(preferences.preferred_device(saved))
        form.addRow(self.tr("Data folder:"), self.data_folder)
        hint = QLabel(self.tr("The folder that holds MNIST/raw/ (and FashionMNIST/raw/)."), self)
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.data_problem = QLabel(self)  # why the data folder was refused, in one line
        self.data_problem.setWordWrap(True)
        self.data_problem.setStyleSheet(f"color: {ERROR};")
        self.data_problem.hide()
        form.addRow("", self.data_problem)
        form.addRow(self.tr("Runs folder:"), self.runs_folder)
        self.data_folder.edit.setAccessibleName(self.tr("Data folder"))
        self.runs_folder.edit.setAccessibleName(self.tr("Runs folder"))
        form.addRow(self.tr("Device:"), self.device)
        self.language = QComboBox(self)
        self.language.addItem(self.tr("As the system"), None)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(saved.language)))
        form.addRow(self.tr("Language:"), self.language)
        restart = QLabel(self.tr("A new language applies when Digit Lab starts again."), self)
        restart.setWordWrap(True)
        form.addRow("", restart)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(640, self.sizeHint().height())

    def accept(self) -> None:
        data_folder = self._checked_data_folder()
        if data_folder is False:
            return
        try:
            preferences.update(
                data_root=data_folder,
                runs_root=self.runs_folder.value() or None,
                device=self.device.currentText(),
                language=self.language.currentData(),
            )
        except OSError as exc:  # a read-only or full disk: say so and keep the dialog open
            QMessageBox.warning(
                self,
                self.tr("Preferences"),
                self.tr("Cannot save to {path}: {reason}").format(
                    path=preferences.preferences_path(), reason=exc.strerror or exc
                ),
            )
            return
        super().accept()

    def _checked_data_folder(self) -> str | None | bool:
        """The data folder to save, checked by the core's one rule for every chooser
        (:func:`~training_core.data_sources.check_data_folder`: ``…/MNIST`` and
        ``…/MNIST/raw`` mean their root; it must exist, be readable and hold a dataset or
        be writable); None for the default; False, with the one line why under the
        field, when it is refused (the dialog stays open)."""
        from desktop_app.common.i18n import error_text
        from training_core.data_sources import DataError, check_data_folder

        text = self.data_folder.value()
        self.data_problem.hide()
        if not text:
            return None
        try:
            root = check_data_folder(text)
        except DataError as exc:
            self.data_problem.setText(error_text(exc))
            self.data_problem.show()
            self.data_folder.edit.setFocus()
            return False
        return str(root)
