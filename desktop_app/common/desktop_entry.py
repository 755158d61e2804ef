"""Digit Lab in the Linux application launcher: ``digit-lab --install-desktop-entry`` writes
``digit-lab.desktop`` and the icon into the user's data folder, ``--uninstall-desktop-entry``
removes exactly those two files again.

No Qt and no torch here: the CLI handles both flags before importing either, so they answer
at once and work without a display. Folders follow the XDG Base Directory spec
($XDG_DATA_HOME, else ~/.local/share), the file the Desktop Entry spec (it says Version=1.4,
the newest desktop-file-validate 0.26 knows; nothing here needs 1.5). ``Exec`` is quoted by
that spec's rules, so a virtual environment in a folder whose name holds spaces,
quotes, ``$`` or ``%`` still launches. Files are written atomically with the user's umask.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from training_core.fileio import atomic_write, atomic_write_text

DESKTOP_ID = "digit-lab"  # the .desktop file's name; app.py gives it to Qt (desktopFileName)
ENTRY_NAME = "Digit Lab"  # also the X11 WM_CLASS class: Qt takes it from applicationName
# Marks the files this module wrote: uninstall removes a digit-lab.desktop only when it
# carries this line, so an entry the user wrote by hand is never deleted.
MARKER = "X-Digit-Lab-Installed-By=digit-lab --install-desktop-entry"

# Characters for which an Exec argument must be quoted (Desktop Entry spec, "The Exec
# key"), and those that must be backslash-escaped inside the double quotes.
_NEEDS_QUOTES = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


class DesktopEntryError(Exception):
    """A desktop entry that cannot be written or removed; the message is one line."""


@dataclass(frozen=True)
class EntryFiles:
    """Where the entry and its icon go for one data folder."""

    entry: Path
    icon: Path

    @classmethod
    def under(cls, data_home: Path) -> EntryFiles:
        return cls(
            entry=data_home / "applications" / f"{DESKTOP_ID}.desktop",
            icon=data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg",
        )


def check_platform(platform: str | None = None) -> None:
    """Desktop entries are a freedesktop.org convention: Linux and the BSDs read them."""
    platform = sys.platform if platform is None else platform
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly")):
        raise DesktopEntryError(
            f"desktop entries are a Linux feature; this system is {platform!r}, nothing changed"
        )


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset, empty or relative (the XDG spec
    says to ignore a relative value)."""
    value = environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(value):
        return Path(value)
    try:
        return Path.home() / ".local" / "share"
    except RuntimeError as exc:  # no $HOME and no password entry
        raise DesktopEntryError(f"cannot find the home folder: {exc}") from None


def launcher_command(argv0: str | None = None, executable: str | None = None) -> list[str]:
    """How the launcher starts this same installation of Digit Lab.

    The ``digit-lab`` script now running (``sys.argv[0]``) when it is one; else the
    ``digit-lab`` script beside this Python (a virtual environment's bin/); else this Python
    with ``-m desktop_app.cli``. Not ``shutil.which``: the first digit-lab on PATH may belong
    to another installation. Paths are made absolute but symlinks are kept: a link in
    ~/.local/bin (pipx) stays valid when the installation behind it is upgraded.
    """
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    candidates = [argv0] if Path(argv0).name == DESKTOP_ID else []
    if executable:
        candidates.append(str(Path(executable).parent / DESKTOP_ID))
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return [os.path.abspath(candidate)]
    if not executable:
        raise DesktopEntryError("cannot tell which Python runs Digit Lab (sys.executable)")
    return [os.path.abspath(executable), "-m", "desktop_app.cli"]


def _checked(text: str) -> str:
    """``text`` if a desktop entry can hold it: no control character or line separator
    (the spec forbids them in strings, and a reader splitting lines would see a second
    key), valid UTF-8 (a file name of undecodable bytes arrives as lone surrogates)."""
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text):
        raise DesktopEntryError(
            f"cannot write a desktop entry for {text!r}: the path holds a control character"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise DesktopEntryError(
            f"cannot write a desktop entry for {text!r}: the path is not valid UTF-8"
        ) from None
    return text


def string_value(text: str) -> str:
    """``text`` as a desktop entry string value: a backslash is written ``\\\\``."""
    return _checked(text).replace("\\", "\\\\")


def exec_value(command: list[str]) -> str:
    """``command`` as an Exec value. Each argument is double-quoted when it holds a reserved
    character, with ``"`` `` ` `` ``$`` ``\\`` escaped inside the quotes; then ``%`` becomes
    ``%%`` (it starts field codes) and every backslash is doubled (the string-value escape,
    undone before the quoting). So ``\\`` in a path is four backslashes in the file."""
    words = []
    for arg in command:
        _checked(arg)
        if not arg or any(c in _NEEDS_QUOTES for c in arg):
            escaped = "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in arg)
            arg = f'"{escaped}"'
        words.append(arg.replace("%", "%%"))
    return string_value(" ".join(words))


def entry_text(command: list[str], icon: Path) -> str:
    """The ``digit-lab.desktop`` file. The icon is named by its absolute path, which every
    launcher shows at once, without an icon-theme cache to refresh. TryExec hides the entry
    when the installation it runs has been deleted, instead of leaving one that fails."""
    program = command
    if "%" in command[0]:
        # GLib looks the program up before it turns "%%" back into "%", so GNOME would call
        # the entry broken; behind env, the path is an argument and is unescaped first.
        program = ["env", *command]
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        f"Name={ENTRY_NAME}",
        "GenericName=Deep Learning Lab",
        "Comment=Train, draw and explore handwritten-digit neural networks",
        "Keywords=deep learning;neural network;machine learning;MNIST;digits;",
        "Categories=Education;ArtificialIntelligence;",
        f"Exec={exec_value(program)}",
    ]
    if os.path.isabs(command[0]):
        lines.append(f"TryExec={string_value(command[0])}")
    lines += [
        f"Icon={string_value(str(icon))}",
        "Terminal=false",
        "StartupNotify=true",
        f"StartupWMClass={ENTRY_NAME}",
        MARKER,
    ]
    return "\n".join(lines) + "\n"


def _bundled_icon() -> bytes:
    from training_core.resources import icon_path

    try:
        return icon_path().read_bytes()
    except (OSError, ModuleNotFoundError) as exc:
        raise DesktopEntryError(
            f"the bundled icon is missing ({exc}); reinstall Digit Lab"
        ) from None


def _failed(action: str, path: Path, exc: OSError) -> DesktopEntryError:
    return DesktopEntryError(f"cannot {action} {exc.filename or path}: {exc.strerror or exc}")


def _written_by_us(entry: Path) -> bool:
    """Whether ``entry`` carries the line every entry this module writes carries."""
    try:
        return MARKER in entry.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False


def install(
    home: Path | None = None, command: list[str] | None = None, icon: bytes | None = None
) -> EntryFiles:
    """Write the icon, then the entry (so a launcher never lists an entry whose icon is not
    there yet); both replace earlier copies. Returns where they went."""
    check_platform()
    files = EntryFiles.under(data_home() if home is None else home)
    if files.entry.exists() and not _written_by_us(files.entry):
        raise DesktopEntryError(
            f"{files.entry} exists and was not written by digit-lab --install-desktop-entry: "
            "it is left alone (move it away to install Digit Lab's own)"
        )
    text = entry_text(launcher_command() if command is None else command, files.icon)
    icon = _bundled_icon() if icon is None else icon
    for path, write in (
        (files.icon, lambda: atomic_write(files.icon, lambda handle: handle.write(icon))),
        (files.entry, lambda: atomic_write_text(files.entry, text)),
    ):
        try:
            write()
        except OSError as exc:
            raise _failed("write", path, exc) from None
    return files


def _names_icon(text: str, icon: Path) -> bool:
    return f"Icon={string_value(str(icon))}" in text.splitlines()


def uninstall(home: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Remove the entry and icon that :func:`install` wrote, nothing else. Returns the files
    removed and those left alone because they are not Digit Lab's: an entry without the
    marker line, an icon that is neither the bundled one nor named by the removed entry."""
    check_platform()
    files = EntryFiles.under(data_home() if home is None else home)
    ours, foreign = [], []
    try:
        if files.entry.is_file():
            text = files.entry.read_text(encoding="utf-8", errors="replace")
            if MARKER in text.splitlines():
                ours.append(files.entry)
                if files.icon.is_file() and _names_icon(text, files.icon):
                    ours.append(files.icon)
            else:
                foreign.append(files.entry)
        elif files.entry.exists():
            foreign.append(files.entry)
        if files.icon not in ours and files.icon.exists():
            same = files.icon.is_file() and files.icon.read_bytes() == _bundled_icon()
            (ours if same else foreign).append(files.icon)
    except OSError as exc:
        raise _failed("read", files.entry, exc) from None
    for path in ours:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise _failed("remove", path, exc) from None
    return ours, foreign
