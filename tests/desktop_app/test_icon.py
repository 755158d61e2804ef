"""The application icon: a valid SVG that Qt renders at every launcher size, set on the
application by ``desktop_app.app.main`` so every window and the taskbar carry it, and, under a
real X server, published as _NET_WM_ICON with the WM_CLASS the desktop entry names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import app as app_module
from desktop_app.common.desktop_entry import entry_text
from training_core.resources import icon_path

SIZES = (16, 32, 64, 256)


def test_icon_is_a_square_svg_document():
    root = ET.parse(icon_path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 256 256"
    assert root.findtext("{http://www.w3.org/2000/svg}title") == "Digit Lab"


def _coverage(image: QImage) -> tuple[float, int]:
    """The share of opaque pixels and the number of distinct colours among them."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    opaque, colours = 0, set()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixel(x, y)
            if pixel >> 24 > 200:
                opaque += 1
                colours.add(pixel & 0xF0F0F0)  # coarse: antialiasing is not a colour
    return opaque / (image.width() * image.height()), len(colours)


@pytest.mark.parametrize("size", SIZES)
def test_qt_renders_the_icon_at_every_launcher_size(qapp, size):
    icon = QIcon(str(icon_path()))
    assert not icon.isNull()
    pixmap = icon.pixmap(QSize(size, size))
    assert (pixmap.width(), pixmap.height()) == (size, size)
    filled, colours = _coverage(pixmap.toImage())
    assert filled > 0.6  # the rounded square (85 % at 256 px), not an empty drawing
    assert colours >= 3  # background, the white digit, the nodes


def test_the_window_main_builds_carries_the_icon_and_the_desktop_file_name(qtbot, monkeypatch):
    """The window as ``main()`` builds it (``_build_window``, everything before the event
    loop): it carries the icon, and so does any later top-level window, such as a dialog."""
    qapp = QApplication.instance()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # it installs its own
    try:
        window = app_module._build_window(qapp, None)
        qtbot.addWidget(window)
        assert not window.windowIcon().isNull()
        assert qapp.desktopFileName() == "digit-lab"
        expected = QIcon(str(icon_path())).pixmap(32, 32).toImage()
        assert window.windowIcon().pixmap(32, 32).toImage() == expected
        dialog = QWidget()
        qtbot.addWidget(dialog)
        assert dialog.windowIcon().pixmap(32, 32).toImage() == expected
    finally:
        qapp.setDesktopFileName("")
        qapp.setWindowIcon(QIcon())


MAIN_SNIPPET = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from desktop_app.app import main
from desktop_app.main_window import MainWindow
from training_core.resources import icon_path

app = QApplication(["digit-lab"])

def check():
    try:
        (window,) = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        icon = window.windowIcon()
        expected = QIcon(str(icon_path())).pixmap(32, 32).toImage()
        print(json.dumps({
            "null": icon.isNull(),
            "same": icon.pixmap(32, 32).toImage() == expected,
            "desktop_file_name": app.desktopFileName(),
        }), flush=True)
    finally:  # an error here must not leave the event loop running
        app.quit()

QTimer.singleShot(0, check)
sys.exit(main(["digit-lab"]))
"""


@pytest.mark.slow  # a fresh interpreter imports torch
def test_main_sets_the_icon_before_showing_the_window(tmp_path):
    """``main()`` itself, event loop and all, in its own process."""
    proc = subprocess.run(
        [sys.executable, "-c", MAIN_SNIPPET],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        cwd=tmp_path,
        timeout=100,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report == {"null": False, "same": True, "desktop_file_name": "digit-lab"}


_X_TOOLS = ("Xvfb", "xprop", "xdotool")


@pytest.mark.slow  # a real X server and a fresh app process that imports torch
@pytest.mark.skipif(
    not all(map(shutil.which, _X_TOOLS)) or not sys.platform.startswith("linux"),
    reason=f"needs {', '.join(_X_TOOLS)} (apt-get install xvfb x11-utils xdotool)",
)
@pytest.mark.timeout(120)
def test_under_x11_the_window_publishes_its_icon_and_class(tmp_path):
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1024x576x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    app = None
    try:
        with os.fdopen(read_fd) as display_number:
            display = f":{display_number.readline().strip()}"
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        script = Path(sys.executable).parent / "digit-lab"
        command = [script] if script.is_file() else [sys.executable, "-m", "desktop_app.cli"]
        log = tmp_path / "app.log"
        with open(log, "w") as out:
            app = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        window, deadline = "", time.monotonic() + 90
        while not window and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.5)
            found = subprocess.run(
                ["xdotool", "search", "--class", "Digit Lab"],
                env=env,
                capture_output=True,
                text=True,
            )
            window = found.stdout.split()[0] if found.stdout.split() else ""
        assert window, f"no Digit Lab window ({app.poll()=}): {log.read_text()[-2000:]}"

        def prop(name: str) -> str:
            return subprocess.run(
                ["xprop", "-id", window, name], env=env, capture_output=True, text=True
            ).stdout

        assert "Icon (16 x 16)" in prop("_NET_WM_ICON")
        assert "Icon (32 x 32)" in prop("_NET_WM_ICON")
        wm_class = prop("WM_CLASS").split("=", 1)[1].strip()
        startup_class = next(
            line.split("=", 1)[1]
            for line in entry_text(["/bin/true"], Path("/i.svg")).splitlines()
            if line.startswith("StartupWMClass=")
        )
        assert wm_class.endswith(f', "{startup_class}"'), wm_class  # the class half
        assert '"digit-lab"' in prop("_GTK_APPLICATION_ID")
    finally:
        for process in (app, xvfb):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
