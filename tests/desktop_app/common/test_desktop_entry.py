"""``digit-lab --install-desktop-entry`` / ``--uninstall-desktop-entry``: the files, their
keys and modes, what real consumers (desktop-file-validate, GLib's ``gio launch``) make of
them, exactly-what-was-installed removal, and no Qt or torch on the way.

tests/conftest.py points XDG_DATA_HOME at a folder of each test's own.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.common import desktop_entry
from desktop_app.common.desktop_entry import (
    DesktopEntryError,
    EntryFiles,
    entry_text,
    install,
    launcher_command,
    uninstall,
)
from training_core.fileio import NEW_FILE_MODE
from training_core.resources import icon_path

VENV_SCRIPT = Path(sys.executable).parent / "digit-lab"
# Every character the Desktop Entry spec reserves in Exec, plus %, a space and non-ASCII.
HOSTILE_FOLDER = "a b\"c$d%e\\f'g`(h);~&|*?#<>ü"


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def fake_launcher(folder: Path) -> Path:
    """A ``digit-lab`` stand-in that records how it was called in ``out.txt`` beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "digit-lab"
    script.write_text('#!/bin/sh\nprintf "%s\\n" "$0" "$#" "$@" > "$(dirname "$0")/out.txt"\n')
    script.chmod(0o755)
    return script


def test_install_writes_the_entry_and_icon_under_xdg_data_home(isolated_user_folders):
    files = install()
    data = isolated_user_folders["data"]
    assert files.entry == data / "applications" / "digit-lab.desktop"
    assert files.icon == data / "icons" / "hicolor" / "scalable" / "apps" / "digit-lab.svg"
    assert files.icon.read_bytes() == icon_path().read_bytes()
    for path in (files.entry, files.icon):
        assert path.stat().st_mode & 0o777 == NEW_FILE_MODE  # the umask, not mkstemp's 0600
    assert not list(files.entry.parent.glob(".*"))  # no temporary file left behind

    keys = read_entry(files.entry)
    expected_exec = str(VENV_SCRIPT) if VENV_SCRIPT.is_file() else keys["Exec"]
    assert keys["Exec"] == expected_exec and not keys["Exec"].startswith('"')
    assert keys["Type"] == "Application"
    assert keys["Name"] == "Digit Lab"
    assert keys["GenericName"] and keys["Comment"]
    assert keys["Categories"].split(";")[:1] == ["Education"]
    assert keys["Terminal"] == "false"
    assert keys["Icon"] == str(files.icon)
    assert keys["StartupWMClass"] == "Digit Lab"  # Qt's WM_CLASS class: the application name
    assert keys["X-Digit-Lab-Installed-By"] == "digit-lab --install-desktop-entry"


def test_a_relative_xdg_data_home_is_ignored_as_the_spec_says(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    files = install(command=["/bin/true"], icon=b"<svg/>")
    assert files.entry == tmp_path / "home" / ".local" / "share" / "applications" / (
        "digit-lab.desktop"
    )


def test_launcher_is_the_running_script_then_the_venv_script_then_python_m(tmp_path):
    script = fake_launcher(tmp_path / "bin")
    python = tmp_path / "bin" / "python"
    assert launcher_command(str(script), "/nowhere/python") == [str(script)]
    assert launcher_command("/usr/bin/pytest", str(python)) == [str(script)]
    assert launcher_command("/usr/bin/pytest", "/nowhere/bin/python") == [
        "/nowhere/bin/python",
        "-m",
        "desktop_app.cli",
    ]
    script.chmod(0o644)  # not executable: not a launcher
    assert launcher_command(str(script), "/nowhere/python")[1:] == ["-m", "desktop_app.cli"]


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
@pytest.mark.parametrize("folder", ["plain", HOSTILE_FOLDER])
def test_desktop_file_validate_accepts_the_entry(tmp_path, folder):
    script = fake_launcher(tmp_path / folder)
    files = install(tmp_path / "data", command=[str(script)], icon=b"<svg/>")
    proc = subprocess.run(
        ["desktop-file-validate", str(files.entry)], capture_output=True, text=True
    )
    assert proc.returncode == 0 and not proc.stdout and not proc.stderr, proc


@pytest.mark.skipif(not shutil.which("gio"), reason="GLib's gio tool absent")
@pytest.mark.parametrize("folder", ["plain", HOSTILE_FOLDER, "100%", "%%u %f"])
def test_glib_launches_the_exact_program_from_the_entry(tmp_path, folder):
    """GNOME's launcher code (GLib) unescapes and unquotes Exec back to the same path and
    arguments: quoting, backslashes, $ and % all survive."""
    script = fake_launcher(tmp_path / folder)
    files = install(tmp_path / "data", command=[str(script), "two words %u", ""], icon=b"x")
    proc = subprocess.run(
        ["gio", "launch", str(files.entry)], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0, proc.stderr
    out = script.parent / "out.txt"
    deadline = time.monotonic() + 20
    while not out.exists() and time.monotonic() < deadline:  # gio does not wait for it
        time.sleep(0.05)
    time.sleep(0.1)
    assert out.read_text().splitlines() == [str(script), "2", "two words %u", ""]


@pytest.mark.parametrize("bad", ["/opt/new\nline/digit-lab", "/opt/tab\there", "/opt/\udcff"])
def test_a_path_no_desktop_entry_can_hold_is_one_clear_error(tmp_path, bad):
    with pytest.raises(DesktopEntryError, match="cannot write a desktop entry for"):
        install(tmp_path / "data", command=[bad], icon=b"x")
    assert not (tmp_path / "data").exists()


def test_uninstall_removes_exactly_the_installed_files(tmp_path):
    files = install(tmp_path, command=["/bin/true"])
    neighbours = [
        files.entry.parent / "other.desktop",
        files.icon.parent / "other.svg",
        files.entry.parent / "digit-lab.desktop.bak",
    ]
    for path in neighbours:
        path.write_text("someone else's")
    assert uninstall(tmp_path) == ([files.entry, files.icon], [])
    assert not files.entry.exists() and not files.icon.exists()
    assert all(path.read_text() == "someone else's" for path in neighbours)
    assert uninstall(tmp_path) == ([], [])


def test_uninstall_leaves_an_entry_and_icon_it_did_not_write(tmp_path):
    files = EntryFiles.under(tmp_path)
    for path, text in ((files.entry, "[Desktop Entry]\nName=Mine\n"), (files.icon, "<svg/>")):
        path.parent.mkdir(parents=True)
        path.write_text(text)
    assert uninstall(tmp_path) == ([], [files.entry, files.icon])
    assert files.entry.read_text() == "[Desktop Entry]\nName=Mine\n"
    assert files.icon.read_text() == "<svg/>"


def test_uninstall_removes_an_icon_from_an_older_version_named_by_its_entry(tmp_path):
    files = install(tmp_path, command=["/bin/true"], icon=b"<svg>older drawing</svg>")
    assert uninstall(tmp_path) == ([files.entry, files.icon], [])


# -- through the entry point -----------------------------------------------------------------


def test_flags_through_main_print_one_line_each(capsys, isolated_user_folders):
    files = EntryFiles.under(isolated_user_folders["data"])
    assert main(["--install-desktop-entry"]) == 0
    out, err = capsys.readouterr()
    assert out == f"digit-lab: wrote {files.entry} and {files.icon}; " + (
        "Digit Lab is now in the application launcher\n"
    )
    assert not err and files.entry.is_file()

    assert main(["--uninstall-desktop-entry"]) == 0
    assert capsys.readouterr().out == f"digit-lab: removed {files.entry} and {files.icon}\n"
    assert not files.entry.exists() and not files.icon.exists()
    assert main(["--uninstall-desktop-entry"]) == 0
    out = capsys.readouterr().out
    assert out == f"digit-lab: no desktop entry to remove in {files.entry.parent}\n"

    files.entry.write_text("[Desktop Entry]\nName=Mine\n")
    assert main(["--uninstall-desktop-entry"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"digit-lab: left {files.entry} alone: not written by digit-lab")
    assert files.entry.exists()


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["--install-desktop-entry", "extra"], 2, "takes no other arguments"),
        (["train", "--uninstall-desktop-entry"], 2, "takes no other arguments"),
        (["--install-desktop-entry"], 1, "cannot write"),  # XDG_DATA_HOME is a file
    ],
)
def test_errors_are_one_line(capsys, isolated_user_folders, argv, code, needle):
    isolated_user_folders["data"].write_text("a file where the data folder should be")
    assert main(argv) == code
    out, err = capsys.readouterr()
    assert not out and needle in err and err.startswith("digit-lab")
    assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_not_on_linux_says_so_and_writes_nothing(capsys, monkeypatch, isolated_user_folders):
    monkeypatch.setattr(desktop_entry.sys, "platform", "darwin")
    for flag in ("--install-desktop-entry", "--uninstall-desktop-entry"):
        assert main([flag]) == 1
        err = capsys.readouterr().err
        assert err == (
            "digit-lab: error: desktop entries are a Linux feature; "
            "this system is 'darwin', nothing changed\n"
        )
    assert not isolated_user_folders["data"].exists()


def test_help_lists_the_flags(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--install-desktop-entry" in out and "--uninstall-desktop-entry" in out
    assert "train" in out  # the subcommands' help is still there


@pytest.mark.skipif(not VENV_SCRIPT.is_file(), reason="no digit-lab console script in this venv")
def test_the_console_script_installs_with_umask_and_without_qt_or_torch(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", VENV_SCRIPT, "--install-desktop-entry"],
        capture_output=True,
        text=True,
        env=env,
        umask=0o027,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in proc.stderr.splitlines()}
    assert "desktop_app" in imported  # the import log is real
    assert not imported & {"PySide6", "shiboken6", "torch", "numpy", "pyqtgraph"}
    files = EntryFiles.under(tmp_path / "data")
    assert proc.stdout == f"digit-lab: wrote {files.entry} and {files.icon}; " + (
        "Digit Lab is now in the application launcher\n"
    )
    assert read_entry(files.entry)["Exec"] == str(VENV_SCRIPT)
    for path in (files.entry, files.icon):
        assert path.stat().st_mode & 0o777 == 0o640


def test_entry_text_puts_env_before_a_program_path_holding_percent():
    text = entry_text(["/opt/100%/digit-lab"], Path("/icons/digit-lab.svg"))
    assert "\nExec=env /opt/100%%/digit-lab\n" in text
    assert "\nTryExec=/opt/100%/digit-lab\n" in text


def test_install_leaves_a_hand_written_entry_alone(tmp_path):
    from desktop_app.common.desktop_entry import DesktopEntryError, EntryFiles, install

    files = EntryFiles.under(tmp_path)
    files.entry.parent.mkdir(parents=True)
    files.entry.write_text("[Desktop Entry]\nName=My own launcher\n")
    with pytest.raises(DesktopEntryError, match="not written by digit-lab"):
        install(tmp_path)
    assert files.entry.read_text() == "[Desktop Entry]\nName=My own launcher\n"
    files.entry.unlink()
    install(tmp_path)
    install(tmp_path)  # its own entry is replaced without a word
