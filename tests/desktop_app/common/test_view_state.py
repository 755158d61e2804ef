"""Stored view state: a corrupt setting falls back to its default and never stops the app."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QByteArray, QSettings

from desktop_app.common import settings
from desktop_app.common.view_state import store, stored_bytes, stored_number, stored_paths
from desktop_app.draw.canvas import DEFAULT_PEN_WIDTH
from desktop_app.draw.panel import PEN_WIDTH_KEY, DrawPanel
from desktop_app.image_tools.panel import RECENT_KEY, ImageToolsPanel
from desktop_app.main_window import GEOMETRY_KEY, MainWindow


def write_raw(values: dict[str, object]) -> None:
    """What a hand-edited or foreign settings file holds, written behind the app's back."""
    raw = QSettings()
    for key, value in values.items():
        raw.setValue(key, value)
    raw.sync()


@pytest.mark.parametrize(
    "value", ["1e300", 1e300, float("nan"), "-inf", "eighteen", -5, [1, 2], True, ""]
)
def test_unusable_number_falls_back_with_a_log_note(value, caplog):
    write_raw({"n": value})
    with caplog.at_level(logging.WARNING):
        assert stored_number("n", 18.0, 4, 48) == 18.0
    if value != "":
        assert "stored setting n" in caplog.text


def test_numbers_in_range_are_read_back_even_as_ini_text():
    store("n", 12)
    assert stored_number("n", 18.0, 4, 48) == 12.0
    write_raw({"n": "30.5"})
    assert stored_number("n", 18.0, 4, 48) == 30.5
    assert stored_number("absent", 18.0, 4, 48) == 18.0


@pytest.mark.parametrize("value", ["not bytes", 12345, ["a"], QByteArray(), b"x" * 70_000])
def test_unusable_geometry_is_none(value):
    write_raw({"g": value})
    assert stored_bytes("g") is None


def test_paths_keep_only_strings_and_the_limit(caplog):
    write_raw({"r": ["/a.png", 7, "", "x" * 5000, "/b.png", "/c.png"]})
    with caplog.at_level(logging.WARNING):
        assert stored_paths("r", 2) == ["/a.png", "/b.png"]
    assert "unusable entries dropped" in caplog.text
    write_raw({"r": 3.5})
    assert stored_paths("r", 8) == []
    write_raw({"r": "/only.png"})
    assert stored_paths("r", 8) == ["/only.png"]


def test_window_starts_with_every_stored_setting_corrupt(qtbot, tmp_path, caplog):
    """The reported failure: geometry as text and a pen width of 1e300 stopped the start."""
    settings.set_runs_root(tmp_path / "runs")
    write_raw({GEOMETRY_KEY: "garbage geometry", PEN_WIDTH_KEY: "1e300", RECENT_KEY: 42})
    with caplog.at_level(logging.WARNING):
        window = MainWindow()
    qtbot.addWidget(window)
    draw = window.panels[DrawPanel.title]
    assert draw.canvas.pen_width == DEFAULT_PEN_WIDTH
    assert draw.pen_slider.value() == int(DEFAULT_PEN_WIDTH)
    assert window.panels[ImageToolsPanel.title].recent_files() == []
    assert window.width() > 0 and window.height() > 0
    assert GEOMETRY_KEY in caplog.text and PEN_WIDTH_KEY in caplog.text
    window.close()
    # Closing wrote good values over the bad ones.
    assert stored_bytes(GEOMETRY_KEY) is not None
