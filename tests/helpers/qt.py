"""Qt state a test must not share with the user or with other tests."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings


@contextlib.contextmanager
def isolated_qsettings(folder: Path) -> Iterator[None]:
    """QSettings (window geometry, view state) kept in ``folder``, cleared afterwards."""
    QCoreApplication.setOrganizationName("DigitLabTests")
    QCoreApplication.setApplicationName("DigitLabTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    try:
        yield
    finally:
        QSettings().clear()
