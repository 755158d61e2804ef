import pytest

from tests.helpers.datasets import tiny_train_test
from tests.helpers.qt import isolated_qsettings
from training_core.data import TensorSplit


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path):
    """Every GUI test gets its own QSettings, never the real ones (per-user folders are
    isolated for every test by tests/conftest.py)."""
    with isolated_qsettings(tmp_path / "qs"):
        yield


@pytest.fixture
def tiny_digits() -> tuple[TensorSplit, TensorSplit]:
    """Train and test splits the Train tab learns in a second (400 and 100 images)."""
    return tiny_train_test()
