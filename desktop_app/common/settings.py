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
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop_app.common.i18n import LANGUAGE_NAMES
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
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder"), self.edit.text()
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
        form.addRow(self.tr("Runs folder:"), self.runs_folder)
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
        """The data folder to save, read by the core's one rule (``…/MNIST`` and
        ``…/MNIST/raw`` mean their root, as in the data dialog and ``--data-root``); None
        for the default; False (and a message) for a file. A folder that does not exist
        yet is fine: a download creates it."""
        from training_core.data import data_root_of

        text = self.data_folder.value()
        if not text:
            return None
        root = data_root_of(text)
        if root.exists() and not root.is_dir():
            QMessageBox.warning(
                self,
                self.tr("Preferences"),
                self.tr("Data folder {folder} is a file, not a folder.").format(folder=text),
            )
            return False
        return str(root)
