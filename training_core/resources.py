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
DATASETS_FOLDER = "datasets"  # MNIST/raw/*.gz below it: the layout of a user's data folder

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


def translations_dir() -> Path:
    """The window's translation sources (``digit_lab_<lang>.ts``), compiled at first use."""
    return _real_path("i18n")


def labs_dir() -> Path:
    """The built-in labs (``<id>.md`` and ``<id>.<language>.md``; see docs/labs.md)."""
    return _real_path("labs")


def bundled_data_root() -> Path | None:
    """The read-only data root of the MNIST copy that ships with Digit Lab (``MNIST/raw/``
    holds the four IDX files, gzip-compressed), or None when this install has none (a
    distribution may strip it). Nothing ever writes there: downloads go to the user's
    data folder."""
    if not (_root() / DATASETS_FOLDER).is_dir():
        return None
    try:
        return _real_path(DATASETS_FOLDER)
    except (OSError, TypeError):  # a zipped install on Python < 3.12 cannot extract folders
        return None


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
