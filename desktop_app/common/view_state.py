"""View state kept between sessions (window geometry, pen width, recent files): the one
place that reads and writes QSettings.

QSettings hands back whatever the file holds: an INI edited by hand, a setting written by
another version, or a half-written file can give text where bytes were stored, a number of
1e300, or a list of garbage. Every read here is checked against what the view can use,
and anything else falls back to the default with a note in the log: a broken setting must
never stop the app from starting.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

_MISSING = object()
MAX_STORED_PATH = 4096  # characters: longer "paths" are garbage, not files


def _read(key: str) -> Any:
    try:
        return QSettings().value(key, _MISSING)
    except Exception as exc:  # a value QSettings itself cannot decode
        log.warning("stored setting %s cannot be read (%s); using the default", key, exc)
        return _MISSING


def _checked(key: str, default: Any, convert: Callable[[Any], Any]) -> Any:
    """``convert(value)`` of the stored value, or ``default`` when absent or unusable."""
    value = _read(key)
    if value is _MISSING or value is None:
        return default
    try:
        return convert(value)
    except (TypeError, ValueError, OverflowError) as exc:
        log.warning("stored setting %s=%.60r ignored (%s); using the default", key, value, exc)
        return default


def stored_number(key: str, default: float, low: float, high: float) -> float:
    """A finite number in [low, high]; INI files store numbers as text, so text is parsed."""

    def convert(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise TypeError(f"{type(value).__name__} value, not a number")
        number = float(value)
        if not math.isfinite(number) or not low <= number <= high:
            raise ValueError(f"outside {low:g}..{high:g}")
        return number

    return _checked(key, default, convert)


def stored_bytes(key: str, max_bytes: int = 65_536) -> QByteArray | None:
    """Bytes written by ``store`` (a saved window geometry), or None."""

    def convert(value: Any) -> QByteArray:
        if isinstance(value, bytes | bytearray):
            value = QByteArray(bytes(value))
        if not isinstance(value, QByteArray):
            raise TypeError(f"{type(value).__name__} value, not bytes")
        if value.isEmpty() or value.size() > max_bytes:
            raise ValueError(f"{value.size()} bytes")
        return value

    return _checked(key, None, convert)


def stored_paths(key: str, limit: int) -> list[str]:
    """At most ``limit`` path strings (a recent-files list); anything else is dropped."""

    def convert(value: Any) -> list[str]:
        if isinstance(value, str):  # INI settings give back a lone string for one entry
            value = [value]
        if not isinstance(value, list | tuple):
            raise TypeError(f"{type(value).__name__} value, not a list")
        paths = [v for v in value if isinstance(v, str) and 0 < len(v) <= MAX_STORED_PATH]
        paths = [p for p in paths if "\x00" not in p]
        if len(paths) != len(value):
            dropped = len(value) - len(paths)
            log.warning("stored setting %s: %d unusable entries dropped", key, dropped)
        return paths[:limit]

    return _checked(key, [], convert)


def store(key: str, value: Any) -> None:
    """Remember ``value`` under ``key`` (a failing settings file is logged, not raised)."""
    settings = QSettings()
    settings.setValue(key, value)
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        log.warning("could not save setting %s (%s)", key, settings.status().name)
