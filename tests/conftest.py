import os
import sys
import tempfile

# Qt must never need a display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Per-user folders (preferences, runs, dataset cache) never the real ones, even while
# collecting (some modules resolve the data folder at import). DIGIT_LAB_DATA is untouched.
_XDG_SESSION = tempfile.mkdtemp(prefix="digit-lab-tests-")
for _name in ("CONFIG", "DATA", "CACHE", "STATE"):
    os.environ[f"XDG_{_name}_HOME"] = os.path.join(_XDG_SESSION, _name.lower())

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path, monkeypatch):
    """Each test gets its own per-user config, data, cache and log folders (platformdirs)."""
    folders = {name: tmp_path / name for name in ("config", "data", "cache", "state")}
    for name, folder in folders.items():
        monkeypatch.setenv(f"XDG_{name.upper()}_HOME", str(folder))
    if sys.platform != "linux":  # platformdirs reads XDG_* only on Linux/BSD
        import platformdirs

        for name, folder in folders.items():
            name = "log" if name == "state" else name
            monkeypatch.setattr(
                platformdirs,
                f"user_{name}_dir",
                lambda *args, _folder=folder, **kwargs: str(_folder / "digit-lab"),
            )
    yield folders
    from training_core import app_log

    app_log.unconfigure()  # a test that set up the log file leaves no handler behind


def pytest_unconfigure(config):
    import shutil

    shutil.rmtree(_XDG_SESSION, ignore_errors=True)
