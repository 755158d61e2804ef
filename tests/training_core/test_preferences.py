"""The preferences file: per-user folders, defensive loading, and the CLI reading it."""

import json
import logging
import sys

import pytest

from training_core import config, data, preferences, runs
from training_core.cli import main
from training_core.preferences import Preferences


@pytest.fixture
def prefs_file():
    return preferences.preferences_path()


def warnings_in(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_* folders are the Linux convention")
def test_folders_follow_xdg(isolated_user_folders):
    folders = isolated_user_folders
    assert preferences.preferences_path() == folders["config"] / "digit-lab" / "preferences.json"
    assert runs.default_runs_root() == folders["data"] / "digit-lab" / "runs"
    assert data.user_cache_dir() == folders["cache"] / "digit-lab" / "datasets"


def test_missing_file_gives_defaults_quietly(prefs_file, caplog):
    assert not prefs_file.exists()
    assert preferences.load() == Preferences()
    assert warnings_in(caplog) == []


def test_round_trip(prefs_file, tmp_path, caplog):
    chosen = Preferences(
        data_root=str(tmp_path / "data here"),
        runs_root="~/runs",
        device="cpu",
        language="en",
        labs_folder=str(tmp_path / "labs"),
    )
    assert preferences.save(chosen) == prefs_file
    assert preferences.load() == chosen
    assert json.loads(prefs_file.read_text())["device"] == "cpu"
    assert [p.name for p in prefs_file.parent.iterdir()] == ["preferences.json"]  # no temp left
    assert warnings_in(caplog) == []


def test_update_changes_only_what_it_names(tmp_path):
    preferences.update(data_root=str(tmp_path / "d"))
    preferences.update(device="cpu")
    loaded = preferences.load()
    assert (loaded.data_root, loaded.device) == (str(tmp_path / "d"), "cpu")
    preferences.update(data_root=None)
    assert preferences.load().data_root is None


def test_unknown_keys_from_a_newer_version_survive_a_save(prefs_file):
    prefs_file.parent.mkdir(parents=True)
    prefs_file.write_text(json.dumps({"device": "cpu", "theme": "dark"}))
    preferences.update(runs_root="/tmp/r")
    saved = json.loads(prefs_file.read_text())
    assert saved["theme"] == "dark" and saved["device"] == "cpu" and saved["runs_root"] == "/tmp/r"


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "",
        "\x00\x01\x02",
        b"\xff\xfe\xfa not utf-8",
        "[1, 2, 3]",
        '"just a string"',
        "null",
        "[" * 100_000,  # nesting deeper than the parser's recursion limit
        "1" * 5000,  # more digits than Python converts to an int
    ],
    ids=["truncated", "empty", "binary", "not-utf8", "list", "string", "null", "deep", "huge"],
)
def test_corrupt_file_gives_defaults_and_a_warning(prefs_file, content, caplog):
    prefs_file.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        prefs_file.write_bytes(content)
    else:
        prefs_file.write_text(content)
    assert preferences.load() == Preferences()
    notes = warnings_in(caplog)
    assert len(notes) == 1 and str(prefs_file) in notes[0]


def test_wrong_types_fall_back_per_value(prefs_file, tmp_path, caplog):
    prefs_file.parent.mkdir(parents=True)
    prefs_file.write_text(
        json.dumps(
            {
                "data_root": 42,
                "runs_root": str(tmp_path / "runs"),  # the one good value: kept
                "device": ["cpu"],
                "language": {"en": True},
                "labs_folder": False,
            }
        )
    )
    loaded = preferences.load()
    assert loaded == Preferences(runs_root=str(tmp_path / "runs"))
    notes = warnings_in(caplog)
    assert len(notes) == 4
    assert all(str(prefs_file) in note for note in notes)
    assert any("data_root" in note and "42" in note for note in notes)


def test_huge_numbers_and_unknown_names_fall_back(prefs_file, caplog):
    prefs_file.parent.mkdir(parents=True)
    prefs_file.write_text(
        '{"data_root": ' + "9" * 10_000 + ', "runs_root": 1e999, "device": "gpu", '
        '"labs_folder": "' + "x" * 100_000 + '"}'
    )
    assert preferences.load() == Preferences()
    notes = warnings_in(caplog)
    assert len(notes) == 4
    assert all(len(note) < 400 for note in notes)  # values are shortened in the log


def test_a_folder_in_place_of_the_file_gives_defaults(prefs_file, caplog):
    prefs_file.mkdir(parents=True)
    assert preferences.load() == Preferences()
    assert len(warnings_in(caplog)) == 1


def test_an_unusable_value_set_in_code_falls_back_too(caplog):
    preferences.update(device="no-such-device")
    assert preferences.load().device == "auto"
    assert any("device" in note for note in warnings_in(caplog))


def test_unavailable_device_falls_back_to_auto(monkeypatch, caplog):
    monkeypatch.setattr(config, "available_devices", lambda: ["auto", "cpu"])
    preferences.update(device="cuda")
    assert preferences.load().device == "cuda"  # kept: it may exist on another machine
    assert preferences.preferred_device() == "auto"
    preferences.update(device="cpu")
    assert preferences.preferred_device() == "cpu"


def test_data_folder_order(tmp_path, monkeypatch):
    monkeypatch.delenv("DIGIT_LAB_DATA", raising=False)
    assert data.resolve_data_root(None) == data.user_cache_dir()
    monkeypatch.setenv("DIGIT_LAB_DATA", str(tmp_path / "env"))
    assert data.resolve_data_root(None) == tmp_path / "env"
    preferences.update(data_root=str(tmp_path / "chosen"))
    assert data.resolve_data_root(None) == tmp_path / "chosen"
    assert data.default_data_root() == tmp_path / "env"  # what the dialog offers as default
    assert data.resolve_data_root(tmp_path / "flag") == tmp_path / "flag"


def test_runs_folder_order(tmp_path):
    assert runs.resolve_runs_root() == runs.default_runs_root()
    preferences.update(runs_root=str(tmp_path / "chosen"))
    assert runs.resolve_runs_root() == tmp_path / "chosen"
    assert runs.resolve_runs_root(tmp_path / "flag") == tmp_path / "flag"


def test_cli_train_uses_the_folders_and_device_saved_in_preferences(
    mnist_root, tmp_path, monkeypatch, capsys
):
    """What the app's Preferences dialog saves is what ``digit-lab train`` uses."""
    monkeypatch.setenv("DIGIT_LAB_DATA", str(tmp_path / "nothing here"))  # preferences win
    preferences.update(data_root=str(mnist_root), runs_root=str(tmp_path / "my runs"), device="cpu")
    code = main(["train", "--model", "softmax", "--epochs", "1", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    summary = json.loads(out.splitlines()[-1])
    assert summary["status"] == "completed" and summary["device"] == "cpu"
    (run,) = (tmp_path / "my runs").iterdir()
    assert summary["checkpoint"] == str(run / "checkpoint.pt")
    assert json.loads((run / "config.json").read_text())["device"] == "cpu"
