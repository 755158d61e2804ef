"""Screenshots of the Train tab's Results and Runs pages for the documentation.

    DIGIT_LAB_DATA=/work/shared/datasets .venv/bin/python scripts/screenshot_train_results.py

Uses the newest finished run in the runs folder, or trains a short softmax run first (as
``scripts/screenshots.py train`` does). Writes docs/screenshots/train_results.png and
docs/screenshots/train_runs.png.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from screenshots import OUT, _wait


def main(argv: list[str]) -> int:
    QCoreApplication.setOrganizationName("DigitLabScreenshots")
    QCoreApplication.setApplicationName("DigitLabScreenshots")
    app = QApplication.instance() or QApplication(argv)
    from screenshot_states import prepare_train

    from desktop_app.main_window import MainWindow

    window = MainWindow()
    window.resize(1360, 860)
    window.show()
    panel = window.panels["Train"]
    _wait(app, 300, prepare_train(window))
    OUT.mkdir(parents=True, exist_ok=True)

    panel.pages.setCurrentWidget(panel.results)
    panel.results.samples.show_mistakes()
    _wait(app, 1.0)
    path = OUT / "train_results.png"
    window.grab().save(str(path))
    print(f"wrote {path}")

    panel.pages.setCurrentWidget(panel.runs)
    panel.runs.refresh()
    if panel.current_run is not None:
        panel.runs.select(panel.current_run)
    _wait(app, 1.0)
    path = OUT / "train_runs.png"
    window.grab().save(str(path))
    print(f"wrote {path}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
