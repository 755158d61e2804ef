"""The real program in a subprocess, driven from outside: a ``sitecustomize`` on
PYTHONPATH starts a training run from the Train tab and quits the way the test asks. Used
by tests/desktop_app/test_lifecycle.py and bench/bench_quit.py; the app has no test hooks.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

# Starts a long run from the Train tab (none for DL_WAY=idle), writes "ready <time>" to
# the marker once the first checkpoint exists, then quits the way DL_WAY names (signals
# are sent by the caller).
DRIVE_THE_WINDOW = """
import os, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

WAY, MARKER = os.environ["DL_WAY"], Path(os.environ["DL_MARKER"])
QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)

def window():
    from desktop_app.main_window import MainWindow
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    return found[0] if found else None

def start():
    w = window()
    if w is None:
        QTimer.singleShot(100, start)
        return
    if WAY == "idle":  # the baseline: quit a window that has nothing to stop
        MARKER.write_text(f"ready {time.time()}")
        w.close()
        return
    from training_core.config import default_config
    w.train_panel.form.set_config(default_config("softmax", epochs=10000))
    assert w.train_panel.start()
    QTimer.singleShot(100, wait_for_checkpoint)

def wait_for_checkpoint():
    w = window()
    path = w.train_panel.current_checkpoint
    if path is None or not path.exists():
        QTimer.singleShot(100, wait_for_checkpoint)
        return
    MARKER.write_text(f"ready {time.time()}")
    if WAY == "close":
        w.close()
    elif WAY == "ctrl+q":
        w.activateWindow()
        QTest.keyClick(w, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    elif WAY == "file-quit":
        next(a for a in w.file_menu.actions() if a.text() == "&Quit").trigger()
    elif WAY == "app-quit":
        QApplication.quit()

_exec = QApplication.exec
def exec_and_drive(*args):
    QTimer.singleShot(0, start)
    return _exec()
QApplication.exec = exec_and_drive
"""


def launch(tmp_path: Path, sitecustomize: str, **env) -> subprocess.Popen:
    hooks = tmp_path / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(textwrap.dedent(sitecustomize))
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hooks), str(Path.cwd())]),
        "QT_QPA_PLATFORM": "offscreen",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app.cli"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def quit_during_training(tmp_path: Path, way: str, data_root: Path, timeout: float = 120):
    """Run the window, quit it ``way`` once training has saved a checkpoint; returns
    (process, stderr, seconds from the request to the process's end)."""
    import signal
    import time

    marker = tmp_path / f"marker-{way}"
    proc = launch(
        tmp_path, DRIVE_THE_WINDOW, DL_WAY=way, DL_MARKER=str(marker), DIGIT_LAB_DATA=str(data_root)
    )
    try:
        deadline = time.monotonic() + timeout
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if not marker.exists():
            raise AssertionError(f"the window never got ready: {proc.communicate(timeout=5)}")
        asked_at = float(marker.read_text().split()[1])
        if way.startswith("SIG"):
            asked_at = time.time()
            proc.send_signal(getattr(signal, way))
        _out, err = proc.communicate(timeout=30)
        return proc, err, time.time() - asked_at
    finally:
        proc.kill()
