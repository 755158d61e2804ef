"""Image tools' "Clean up a photo of digits" preset: the Draw tab's clean-up, step by step."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.image_tools.panel import PRESETS, ImageToolsPanel
from tests.helpers.handwriting_sets import drawn_number, photographed
from training_core import imaging

TIMEOUT = 10_000


@pytest.fixture
def panel(qtbot):
    widget = ImageToolsPanel()
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def test_the_clean_up_preset_turns_a_photo_into_black_ink_on_white(qtbot, panel):
    number = drawn_number(4, 2)
    photo = photographed(number)
    panel.load_array("photo", photo)
    qtbot.waitUntil(lambda: panel.source is not None, timeout=TIMEOUT)
    action = next(
        a for a in panel.presets_button.menu().actions() if a.text() == "Clean up a photo of digits"
    )
    action.trigger()
    steps = tuple(PRESETS["Clean up a photo of digits"])
    qtbot.waitUntil(
        lambda: panel.processed is not None and panel.processed.steps == steps, timeout=TIMEOUT
    )
    result = panel.processed.result
    np.testing.assert_array_equal(result, imaging.apply_chain(photo, steps))
    assert result.shape == number.shape
    assert (result < 0.5)[number < 128].mean() > 0.85
    assert (result > 0.95)[number > 250].mean() > 0.97  # the shaded, tinted paper is white
    assert "Clean up photo" in panel.chain.list.item(0).text()
