"""User preferences (data folder, runs folder, device) kept in QSettings, and their dialog.

Every tab reads preferences through these functions, so there is one key per preference
and one place that knows the fall-backs: no data folder means the core decides
($DIGIT_LAB_DATA, else the per-user cache); no runs folder means the per-user data folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

DATA_ROOT_KEY = "preferences/data_root"
RUNS_ROOT_KEY = "preferences/runs_root"
DEVICE_KEY = "preferences/device"


def _text(key: str) -> str | None:
    value = QSettings().value(key)
    return str(value) if value not in (None, "") else None


def _set_text(key: str, value: str | Path | None) -> None:
    if value in (None, ""):
        QSettings().remove(key)
    else:
        QSettings().setValue(key, str(value))


def data_root() -> str | None:
    """The chosen data folder, or None so the core falls back to $DIGIT_LAB_DATA / cache."""
    return _text(DATA_ROOT_KEY)


def set_data_root(path: str | Path | None) -> None:
    _set_text(DATA_ROOT_KEY, path)


def runs_root() -> Path:
    """Where new runs are written and the Runs list looks."""
    from training_core.runs import default_runs_root

    chosen = _text(RUNS_ROOT_KEY)
    return Path(chosen).expanduser() if chosen else default_runs_root()


def set_runs_root(path: str | Path | None) -> None:
    _set_text(RUNS_ROOT_KEY, path)


def preferred_device() -> str:
    """The device new runs default to; one that no longer exists falls back to ``auto``."""
    from training_core.config import available_devices

    device = _text(DEVICE_KEY) or "auto"
    return device if device in available_devices() else "auto"


def set_preferred_device(device: str | None) -> None:
    _set_text(DEVICE_KEY, device)


class _FolderField(QWidget):
    """A line edit plus a Browse… button; empty text means "use the default"."""

    def __init__(self, text: str, placeholder: str, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(text, self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder", self.edit.text())
        if folder:
            self.edit.setText(folder)

    def value(self) -> str:
        return self.edit.text().strip()


class PreferencesDialog(QDialog):
    """Data folder, runs folder and default device; saved when the user presses OK."""

    def __init__(self, parent=None):
        super().__init__(parent)
        from training_core.config import available_devices
        from training_core.data import resolve_data_root
        from training_core.runs import default_runs_root

        self.setWindowTitle("Preferences")
        form = QFormLayout(self)
        self.data_folder = _FolderField(
            data_root() or "", f"default: {resolve_data_root(None)}", self
        )
        chosen_runs = _text(RUNS_ROOT_KEY) or ""
        self.runs_folder = _FolderField(chosen_runs, f"default: {default_runs_root()}", self)
        self.device = QComboBox(self)
        self.device.addItems(available_devices())
        self.device.setCurrentText(preferred_device())
        form.addRow("Data folder:", self.data_folder)
        hint = QLabel("The folder that holds MNIST/raw/ (and FashionMNIST/raw/).", self)
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow("Runs folder:", self.runs_folder)
        form.addRow("Device:", self.device)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(640, self.sizeHint().height())

    def accept(self) -> None:
        set_data_root(self.data_folder.value() or None)
        set_runs_root(self.runs_folder.value() or None)
        set_preferred_device(self.device.currentText())
        super().accept()
