import pytest

from tests.helpers.qt import isolated_qsettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    """The scripts drive a real window: its QSettings are the test's own, never the real
    ones (per-user folders are isolated by tests/conftest.py)."""
    with isolated_qsettings(tmp_path / "qs"):
        yield
