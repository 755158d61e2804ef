"""Write a PNG of the Digit Lab window for every tab into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py            # every tab
    .venv/bin/python scripts/screenshots.py draw       # one tab (slug = title, lower case, _)
    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py

Without a display it uses Qt's offscreen platform. Each tab is first put in a state worth
showing (a drawn digit, a finished run, ...) by ``screenshot_states.PREPARE``, which
drives the window from outside: the app has no screenshot hooks of its own.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _wait(app, seconds, ready=None):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if ready is not None and ready():
            break
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)


def main(argv: list[str]) -> int:
    QCoreApplication.setOrganizationName("DigitLabScreenshots")
    QCoreApplication.setApplicationName("DigitLabScreenshots")
    app = QApplication.instance() or QApplication(argv)
    from screenshot_states import PREPARE  # scripts/ is on sys.path when run as a script

    from desktop_app.main_window import MainWindow

    only = set(argv[1:])
    window = MainWindow()
    window.resize(1360, 860)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)
    for index in range(window.tabs.count()):
        title = window.tabs.tabText(index)
        slug = title.lower().replace(" ", "_")
        if only and slug not in only:
            continue
        window.tabs.setCurrentIndex(index)
        ready = None
        prepare = PREPARE.get(title)
        if prepare is not None:
            ready = prepare(window)
        _wait(app, 180 if ready else 1.0, ready)
        path = OUT / f"{slug}.png"
        window.grab().save(str(path))
        print(f"wrote {path}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
