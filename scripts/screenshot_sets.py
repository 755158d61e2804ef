"""The screenshot sets that show Digit Lab fits every screen (issue 13): every tab and
sub-page with the window at exactly 1024x576, at 1920x1080 in presentation mode, and at
200% scaling (QT_SCALE_FACTOR=2, the window 1024x576 logical, 2048x1152 pixels).

    .venv/bin/python scripts/screenshots.py --set all            # the three sets
    .venv/bin/python scripts/screenshots.py --set presentation   # one of them
    .venv/bin/python scripts/screenshots.py --size 1280x720 --scale 1.25 draw

Each set runs in a child process under an X server of its own (``xvfb-run``), for three
reasons: QT_SCALE_FACTOR must be set before the QApplication exists, the screen must be
larger than the window (else the window is clipped to it), and presentation mode and zoom
are remembered. The child gets a throw-away config folder holding a copy of the user's
preferences.json, so the data and runs folders are the user's, and nothing the screenshots
switch on (presentation mode, zoom) leaks into the user's settings.

This module holds no Qt import at the top: the parent process only plans and launches.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SCREEN_MARGIN = 64  # pixels around the window, so no screen edge ever clips it
SMALLEST_SCALED_SCREEN = (2048, 1152)  # what the issue names for 200%


@dataclass(frozen=True)
class ShotSet:
    """One set of screenshots: the window's logical size, presentation mode, UI scale."""

    size: tuple[int, int]
    presentation: bool = False
    scale: float = 1.0

    @property
    def name(self) -> str:
        """The set's folder under docs/screenshots/ (``1024x576``, ``presentation``,
        ``scale200``), so one option line and one folder always go together."""
        if self.presentation:
            return "presentation"
        if self.scale != 1.0:
            return f"scale{round(self.scale * 100)}"
        return f"{self.size[0]}x{self.size[1]}"

    def screen(self) -> str:
        """The Xvfb screen (``WxHxDEPTH``) the window fits on, in physical pixels."""
        width = math.ceil(self.size[0] * self.scale) + SCREEN_MARGIN
        height = math.ceil(self.size[1] * self.scale) + SCREEN_MARGIN
        if self.scale != 1.0:
            width = max(width, SMALLEST_SCALED_SCREEN[0])
            height = max(height, SMALLEST_SCALED_SCREEN[1])
        return f"{width}x{height}x24"

    def arguments(self) -> list[str]:
        """The command-line options that ask for this set."""
        args = ["--size", f"{self.size[0]}x{self.size[1]}"]
        if self.presentation:
            args.append("--presentation")
        if self.scale != 1.0:
            args += ["--scale", f"{self.scale:g}"]
        return args


SETS: dict[str, ShotSet] = {
    shot_set.name: shot_set
    for shot_set in (
        ShotSet((1024, 576)),
        ShotSet((1920, 1080), presentation=True),
        ShotSet((1024, 576), scale=2.0),
    )
}


def parse_size(text: str) -> tuple[int, int]:
    """``"1024x576"`` -> ``(1024, 576)``; anything else raises ValueError with one line."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        raise ValueError(f"size {text!r}: expected WIDTHxHEIGHT, like 1024x576")
    width, height = int(parts[0]), int(parts[1])
    if not (200 <= width <= 8192 and 200 <= height <= 8192):
        raise ValueError(f"size {text!r}: each side must be 200-8192 pixels")
    return width, height


def parse_scale(text: str) -> float:
    """A UI scale factor between 0.5 and 4 (``2`` is 200%)."""
    try:
        scale = float(text)
    except ValueError:
        raise ValueError(f"scale {text!r}: expected a number, like 2") from None
    if not 0.5 <= scale <= 4:
        raise ValueError(f"scale {text!r}: must be between 0.5 and 4")
    return scale


def child_command(shot_set: ShotSet, out: Path, extra: list[str]) -> list[str]:
    """The command that takes one set inside a fresh Xvfb server."""
    script = Path(__file__).resolve().parent / "screenshots.py"
    return [
        "xvfb-run",
        "-a",
        "-s",
        f"-screen 0 {shot_set.screen()}",
        sys.executable,
        str(script),
        "--child",
        *shot_set.arguments(),
        "--out",
        str(out),
        *extra,
    ]


def child_environment(shot_set: ShotSet, config_home: Path) -> dict[str, str]:
    """The environment of a set's child: its own config folder, the scale, a real X
    platform (never the offscreen one a caller may have set)."""
    from training_core.preferences import preferences_path

    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    env["XDG_CONFIG_HOME"] = str(config_home)
    if shot_set.scale != 1.0:
        env["QT_SCALE_FACTOR"] = f"{shot_set.scale:g}"
    else:
        env.pop("QT_SCALE_FACTOR", None)
    # Runs of its own, trained afresh (real MNIST, bundled): the pictures never depend on
    # what the user's runs folder happens to hold.
    env["XDG_DATA_HOME"] = str(config_home / "data")
    mine = preferences_path()
    if mine.is_file():
        copy = config_home / mine.parent.name / mine.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            chosen = json.loads(mine.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            chosen = {}
        if isinstance(chosen, dict):
            chosen.pop("runs_root", None)
            copy.write_text(json.dumps(chosen), encoding="utf-8")
    return env


def run_sets(sets: list[ShotSet], out: Path | None, extra: list[str]) -> int:
    """Take each set in its own Xvfb child; the exit status is the first failure's."""
    if shutil.which("xvfb-run") is None:
        print("screenshots: xvfb-run is not installed (apt-get install xvfb)", file=sys.stderr)
        return 1
    status = 0
    for shot_set in sets:
        folder = out if out is not None and len(sets) == 1 else OUT / shot_set.name
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="digit-lab-shots-") as config_home:
            env = child_environment(shot_set, Path(config_home))
            code = subprocess.run(child_command(shot_set, folder, extra), env=env).returncode
        took = time.monotonic() - started
        print(f"set {shot_set.name}: {'done' if code == 0 else f'failed ({code})'} in {took:.0f} s")
        status = status or code
    return status


# -- inside the child: every tab and every sub-page --------------------------------------


def sub_pages(panel):
    """The panel's own page tabs (Train: Curves, Results, Runs, ...; Inside's pages;
    Playground's views), or None: whatever tabs a panel adds later are found too."""
    from PySide6.QtWidgets import QTabWidget

    for name in ("pages", "views"):
        pages = getattr(panel, name, None)
        if isinstance(pages, QTabWidget):
            return pages
    return None


def slug(text: str) -> str:
    """A file name from a tab's title: lower case, one ``_`` for each run of spaces or
    punctuation ("Softmax & cross-entropy" -> ``softmax_cross_entropy``)."""
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return "_".join(words)


def size_note(window, panel, asked: tuple[int, int]) -> str:
    """The window's real size and, when it is not the one asked for, why."""
    got = (window.width(), window.height())
    text = f"window {got[0]}x{got[1]}"
    if got != asked:
        least = window.minimumSizeHint().expandedTo(window.minimumSize())
        own = panel.minimumSizeHint()
        text += (
            f", NOT {asked[0]}x{asked[1]}: the window needs at least "
            f"{least.width()}x{least.height()} (this tab {own.width()}x{own.height()})"
        )
    return text
