"""The ``digit-lab`` entry point: no subcommand opens the window, otherwise the CLI runs.

It lives here rather than in ``training_core`` so the core never refers to the Qt app;
the subcommands themselves never import Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--version"]:  # the same line as training_core.cli's, without importing torch
        from training_core import __version__

        print(f"digit-lab {__version__}")
        return 0
    if not argv:
        from desktop_app.app import main as open_app

        return open_app([sys.argv[0]])
    from training_core.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
