import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from tests.helpers.datasets import tiny_train_test
from training_core.data import TensorSplit


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every GUI test gets its own QSettings and per-user folders, never the real ones."""
    QCoreApplication.setOrganizationName("DigitLabTests")
    QCoreApplication.setApplicationName("DigitLabTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # preferences.json
    yield
    QSettings().clear()


@pytest.fixture
def tiny_digits() -> tuple[TensorSplit, TensorSplit]:
    """Train and test splits the Train tab learns in a second (400 and 100 images)."""
    return tiny_train_test()
