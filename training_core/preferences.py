"""Per-user folders and the one preferences file that the app and the command line share.

Folders come from platformdirs (on Linux: ``$XDG_CONFIG_HOME/digit-lab``,
``$XDG_DATA_HOME/digit-lab``, ``$XDG_CACHE_HOME/digit-lab``). The preferences are one JSON
object in ``config_dir()/preferences.json``. Reading never raises: a missing file gives the
defaults; a corrupt file, or a value of the wrong type, gives the default for what is
unusable and a warning in the log. Writing goes through the core's one atomic write.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from training_core.fileio import atomic_write_text
from training_core.safe_files import SafeFileError, read_text_data

APP_NAME = "digit-lab"
PREFERENCES_FILE = "preferences.json"
MAX_FILE_BYTES = 1 << 20  # a preferences file is a few hundred bytes; anything huge is junk
MAX_PATH_CHARS = 4096
MAX_INT_DIGITS = 100  # json would raise on > 4300 digits and fail the whole file
LANGUAGES = ("en", "zh_CN")  # the window's languages; the command line stays English

log = logging.getLogger(__name__)


# -- per-user folders ---------------------------------------------------------------------


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def preferences_path() -> Path:
    return config_dir() / PREFERENCES_FILE


# -- the preferences ----------------------------------------------------------------------


def _folder(value: object) -> str | None:
    """A folder is a non-empty string (stored as typed; ``~`` is expanded when used)."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_PATH_CHARS or "\0" in value:
        raise TypeError("a folder path (a string)")
    return value.strip() or None


def _device(value: object) -> str:
    from training_core.config import DEVICES  # lazy: keeps this module free of torch

    if not isinstance(value, str) or value not in DEVICES:
        raise TypeError(f"one of {', '.join(DEVICES)}")
    return value


def _language(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in LANGUAGES:
        raise TypeError(f"one of {', '.join(LANGUAGES)}")
    return value


_CHECKS = {
    "data_root": _folder,
    "runs_root": _folder,
    "device": _device,
    "language": _language,
    "labs_folder": _folder,
}


@dataclass(frozen=True)
class Preferences:
    data_root: str | None = None  # folder holding MNIST/raw; None: $DIGIT_LAB_DATA, else cache
    runs_root: str | None = None  # None: data_dir()/runs
    device: str = "auto"  # the device new runs default to
    language: str | None = None  # None: the system's
    labs_folder: str | None = None
    # Keys this version does not know (written by a newer one): kept when saving.
    unknown: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls, raw: object, source: str = "preferences") -> Preferences:
        """Validate each value; an unusable one is replaced by its default, with a warning."""
        if not isinstance(raw, dict):
            log.warning(
                "%s: expected a JSON object, found %s; using the defaults",
                source,
                type(raw).__name__,
            )
            return cls()
        defaults = cls()
        values = {}
        for name, check in _CHECKS.items():
            if name not in raw:
                continue
            try:
                values[name] = check(raw[name])
            except TypeError as exc:
                log.warning(
                    "%s: %s must be %s, not %s; using the default (%r)",
                    source,
                    name,
                    exc,
                    _shorten(raw[name]),
                    getattr(defaults, name),
                )
        unknown = {k: v for k, v in raw.items() if k not in _CHECKS and isinstance(k, str)}
        return cls(**values, unknown=unknown)

    def to_dict(self) -> dict:
        values = {name: getattr(self, name) for name in _CHECKS}
        return {**self.unknown, **values}

    def replace(self, **changes) -> Preferences:
        """A copy with ``changes``, validated like a loaded file."""
        return Preferences.from_dict({**self.to_dict(), **changes}, source="new preferences")


def _shorten(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _parse_int(digits: str) -> int | float:
    """A huge integer becomes inf (a wrong value for any preference) instead of an error."""
    return int(digits) if len(digits) <= MAX_INT_DIGITS else float("inf")


def load(path: str | os.PathLike | None = None) -> Preferences:
    """The saved preferences; never raises (see the module docstring)."""
    path = Path(path) if path is not None else preferences_path()
    if not os.path.lexists(path):
        log.debug("%s: not there yet; using the defaults", path)  # first run: not a problem
        return Preferences()
    try:  # a regular file, at most MAX_FILE_BYTES, UTF-8: a FIFO or a device never hangs
        text = read_text_data(path, MAX_FILE_BYTES)
    except (SafeFileError, OSError) as exc:  # unreadable, a folder, too large, not UTF-8
        log.warning("%s: cannot read it (%s); using the defaults", path, exc)
        return Preferences()
    try:
        raw = json.loads(text, parse_int=_parse_int)
    except (ValueError, RecursionError) as exc:  # corrupt, or absurd numbers / nesting
        log.warning("%s: not valid JSON (%s); using the defaults", path, _shorten(str(exc), 120))
        return Preferences()
    return Preferences.from_dict(raw, source=str(path))


def save(preferences: Preferences, path: str | os.PathLike | None = None) -> Path:
    """Write atomically (a crash never leaves half a file); OSError if the disk refuses."""
    path = Path(path) if path is not None else preferences_path()
    text = json.dumps(preferences.to_dict(), indent=2, sort_keys=True, ensure_ascii=False)
    return atomic_write_text(path, text + "\n")


def update(**changes) -> Preferences:
    """Load, change some values, save; returns what was saved."""
    preferences = load().replace(**changes)
    save(preferences)
    return preferences


def preferred_device(preferences: Preferences | None = None) -> str:
    """The device new runs default to; one this machine lacks falls back to ``auto``."""
    from training_core.config import available_devices

    device = (preferences or load()).device
    if device in available_devices():
        return device
    log.warning("preferred device %s is not available here; using auto", device)
    return "auto"
