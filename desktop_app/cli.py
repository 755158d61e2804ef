"""The ``digit-lab`` entry point: no subcommand opens the window, otherwise the CLI runs.

It lives here rather than in ``training_core`` so the core never refers to the Qt app;
the subcommands themselves never import Qt.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import NoReturn

DESKTOP_ENTRY_FLAGS = ("--install-desktop-entry", "--uninstall-desktop-entry")
# The top of ``digit-lab --help``: the bare command is the window, so it is said first.
HELP_USAGE = """digit-lab [--debug]           opens the Digit Lab window
       digit-lab COMMAND [options]   works in the terminal (see digit-lab COMMAND --help)"""
HELP_DESCRIPTION = (
    "Digit Lab: learn how neural networks read handwritten digits. With no command, "
    "digit-lab opens the Digit Lab window; with one of the commands below, it trains, "
    "evaluates, predicts and exports in the terminal."
)
HELP_WINDOW = """
window and launcher:
  digit-lab             open the Digit Lab window
  digit-lab --debug     ... and print the log (and tracebacks) on the terminal
  --install-desktop-entry
                        add Digit Lab, with its icon, to the Linux application launcher
  --uninstall-desktop-entry
                        remove the files --install-desktop-entry wrote"""


def desktop_entry(argv: list[str]) -> int:
    """``--install-desktop-entry`` / ``--uninstall-desktop-entry``: Digit Lab in the Linux
    application launcher, or out of it again. One line of output; Qt and torch are never
    imported, so this works over SSH and without a display."""
    from desktop_app.common.desktop_entry import (
        DesktopEntryError,
        EntryFiles,
        data_home,
        install,
        uninstall,
    )

    if len(argv) != 1:
        flag = next(arg for arg in argv if arg in DESKTOP_ENTRY_FLAGS)
        print(f"digit-lab: error: {flag} takes no other arguments", file=sys.stderr)
        return 2
    try:
        if argv[0] == "--install-desktop-entry":
            files = install()
            print(
                f"digit-lab: wrote {files.entry} and {files.icon}; "
                "Digit Lab is now in the application launcher"
            )
            return 0
        removed, left = uninstall()
        looked_in = EntryFiles.under(data_home()).entry.parent
    except DesktopEntryError as exc:
        print(f"digit-lab: error: {exc}", file=sys.stderr)
        return 1
    words = [f"removed {' and '.join(map(str, removed))}"] if removed else []
    if left:
        words.append(
            f"left {' and '.join(map(str, left))} alone: not written by "
            "digit-lab --install-desktop-entry"
        )
    print(f"digit-lab: {'; '.join(words) or f'no desktop entry to remove in {looked_in}'}")
    return 0


def exit_now(code: int) -> NoReturn:
    """End the process after the window has shut down. By then every job is stopped, every
    file written atomically and settings synced; what is left is the interpreter's teardown
    of Qt, torch and CUDA objects, which takes seconds and could only print warnings. So
    the log and the terminal are flushed, and the process exits at once."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None under pythonw (Windows, no console)
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed or broken terminal
                pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Ctrl+C while Python, Qt or torch are still loading ends with one line, not a
    traceback through torch's import machinery."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("digit-lab: interrupted", file=sys.stderr)
        return 130


def _main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # the same line as training_core.cli's, without importing torch
        from training_core import __version__

        print(f"digit-lab {__version__}")
        return 0
    if any(arg in DESKTOP_ENTRY_FLAGS for arg in argv):
        return desktop_entry(argv)
    if argv in (["-h"], ["--help"]):  # the subcommands' help, then the window's flags
        from training_core.cli import build_parser

        parser = build_parser()
        parser.usage, parser.description = HELP_USAGE, HELP_DESCRIPTION
        parser.print_help()
        print(HELP_WINDOW)
        return 0
    if all(arg == "--debug" for arg in argv):  # no subcommand: the window
        from desktop_app.app import main as open_app

        exit_now(open_app([sys.argv[0], *argv]))
    from training_core.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
