"""The files bundled with Digit Lab (package ``digit_lab_resources``), found by import.

``importlib.resources`` finds them wherever the package is installed (a wheel, an editable
install, a zip); ``as_file`` turns each into a real path, extracting it only when the
package is not on the file system, and keeps it until the process exits.
"""

from __future__ import annotations

import atexit
import functools
from contextlib import ExitStack
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "digit_lab_resources"
BUNDLED_MODEL_NAME = "digit_cnn.pt"
ICON_NAME = "digit-lab.svg"

_extracted = ExitStack()
atexit.register(_extracted.close)


def _root() -> Traversable:
    return files(PACKAGE)


@functools.cache
def _real_path(*parts: str) -> Path:
    resource = _root().joinpath(*parts)
    return _extracted.enter_context(as_file(resource))


def bundled_model_path() -> Path:
    """The checkpoint the Draw tab and ``digit-lab predict bundled`` use."""
    return _real_path("models", BUNDLED_MODEL_NAME)


def icon_path() -> Path:
    """Digit Lab's application icon (SVG, drawn by hand in ``resources/icons``): the window
    and taskbar icon, and the one ``digit-lab --install-desktop-entry`` copies for the
    launcher. One scalable file serves every size from 16 to 256 px."""
    return _real_path("icons", ICON_NAME)


def sample_images() -> list[Path]:
    """A few real MNIST test digits as PNG files (``digit_<label>.png``), sorted by name."""
    folder = _root() / "samples"
    if not folder.is_dir():
        return []
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".png"))
    return [_real_path("samples", name) for name in names]


def sample_label(path: str | Path) -> str:
    """The true label in a sample's name: ``digit_7.png`` -> ``"7"``."""
    return Path(path).stem.removeprefix("digit_")
