"""The Draw tab reads whole numbers and photos of paper: boxes, every digit's 28x28, bars."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from desktop_app.draw.panel import DrawPanel
from tests.helpers.handwriting_sets import drawn_number, photographed
from tests.helpers.hostile_files import png_bytes


@pytest.fixture
def panel(qtbot):
    panel = DrawPanel(None)
    qtbot.addWidget(panel)
    panel.resize(1024, 576)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel
    panel.shutdown()


def settle(qtbot, panel):
    qtbot.waitUntil(panel.is_idle, timeout=10000)


def test_a_photo_of_a_number_dropped_on_the_canvas_is_read_digit_by_digit(panel, qtbot, tmp_path):
    path = tmp_path / "number.jpg"
    Image.fromarray(photographed(drawn_number(2, 0, 2, 6))).save(path, quality=60)
    with qtbot.waitSignal(panel.prediction_shown, timeout=10000):
        panel.canvas.file_dropped.emit(str(path))  # what a drop on the canvas sends
    settle(qtbot, panel)
    prediction = panel.last_prediction
    assert prediction.text == "2026" and prediction.photo
    assert panel.guess_view.guess.text() == "2026"
    assert panel.canvas.has_picture() and len(panel.canvas.boxes()) == 4
    assert len(panel.guess_view.strip_buttons) == 4  # one 28x28 per digit
    assert "photo" in panel.guess_view.caption.text()
    assert not panel.guess_view.preview.pixmap().isNull()
    # Clicking the third digit shows its bars and its 28x28, and marks its box.
    panel.guess_view.strip_buttons[2].click()
    np.testing.assert_array_equal(panel.bars.probabilities, prediction.digits[2].probabilities)
    assert panel.canvas._selected == 2
    assert panel.guess_view.confidence.text().startswith("digit 3 of 4: 2")
    assert panel.status.text() == ""
    # A number's strip of 28x28s keeps the tab within a 1024 x 576 window.
    panel.layout().activate()
    hint = panel.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 576, hint


def test_two_digits_drawn_side_by_side_are_a_number(panel, qtbot):
    panel.canvas.draw_strokes([[(60, 40), (60, 240)]])  # a 1 ...
    panel.canvas.draw_strokes([[(330, 50), (470, 50), (380, 240)]])  # ... and a 7 to its right
    settle(qtbot, panel)
    assert panel.last_prediction.text == "17"
    assert [b[0] < 200 for b in panel.canvas.boxes()] == [True, False]
    panel.canvas.clear()
    settle(qtbot, panel)
    assert panel.canvas.boxes() == [] and panel.guess_view.strip_buttons == []


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("corrupt.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "corrupt.png"),
        ("strip.png", png_bytes(1_000_000, 3), "strip.png"),
        ("notes.png", b"just some text, not a picture", "notes.png"),
    ],
)
def test_a_hostile_file_dropped_on_the_canvas_is_one_line(
    panel, qtbot, tmp_path, name, content, reason
):
    (tmp_path / name).write_bytes(content)
    panel.canvas.draw_strokes([[(150, 40), (148, 240)]])
    settle(qtbot, panel)
    before = panel.last_prediction.text
    panel.canvas.file_dropped.emit(str(tmp_path / name))
    qtbot.waitUntil(lambda: panel.status.text() != "", timeout=10000)
    settle(qtbot, panel)
    message = panel.status.text()
    assert name in message and "\n" not in message and "Traceback" not in message
    assert panel.last_prediction.text == before and not panel.canvas.has_picture()


def test_a_dropped_folder_is_one_line(panel, qtbot, tmp_path):
    panel.canvas.file_dropped.emit(str(tmp_path))
    qtbot.waitUntil(lambda: panel.status.text() != "", timeout=10000)
    assert "folder" in panel.status.text() and "\n" not in panel.status.text()
