"""The Inside tab: it follows the Draw tab, shows the activations the core computes, the
saliency for any class, and a run's weights over training; it fits a 1024x576 window."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.common.panel import WindowLinks
from desktop_app.draw.canvas import DrawingCanvas
from desktop_app.draw.panel import DrawPanel
from desktop_app.inside.panel import InsidePanel
from scripts.screenshot_states import SCREENSHOT_DIGIT
from training_core.attribution import attribute, background_value
from training_core.config import TrainConfig
from training_core.inference import BUNDLED_MODEL, Predictor
from training_core.inside import activations
from training_core.runs import RunDirectory
from training_core.training import train


@pytest.fixture
def drawing(qtbot) -> np.ndarray:
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.draw_strokes(SCREENSHOT_DIGIT, width=20)
    return canvas.to_array()


@pytest.fixture
def panel(qtbot) -> InsidePanel:
    panel = InsidePanel()
    qtbot.addWidget(panel)
    panel.resize(1024, 540)
    panel.show()
    return panel


def _wait_idle(qtbot, panel):
    qtbot.waitUntil(panel.is_idle, timeout=20_000)


def test_the_activations_shown_are_the_cores_for_the_drawing(qtbot, panel, drawing):
    panel.look_at(drawing, str(BUNDLED_MODEL))
    qtbot.waitUntil(lambda: panel.last_outcome is not None, timeout=20_000)
    _wait_idle(qtbot, panel)
    predictor = Predictor.bundled()
    expected = predictor.predict_image(drawing)
    shown = panel.activations_page.activations
    np.testing.assert_allclose(shown.probabilities, expected.probabilities, atol=1e-6)
    assert panel.activations_page.softmax.probabilities.argmax() == 3
    independent = activations(predictor.model, shown.model_input)
    for a, b in zip(shown.layers, independent.layers, strict=True):
        np.testing.assert_allclose(a.values, b.values, atol=1e-6)
    assert panel.activations_page.layer_list.count() == len(shown.layers)
    panel.activations_page.layer_list.setCurrentRow(len(shown.layers) - 3)  # a dense layer
    assert "units" in panel.activations_page.caption.text()


def test_saliency_follows_the_class_the_user_clicks(qtbot, panel, drawing):
    panel.look_at(drawing, str(BUNDLED_MODEL))
    panel.pages.setCurrentWidget(panel.saliency_page)
    qtbot.waitUntil(lambda: panel.last_saliency is not None, timeout=20_000)
    assert panel.last_saliency.target == 3
    assert "«3»" in panel.saliency_page.explanation.text()
    panel.saliency_page.buttons.button(8).click()
    qtbot.waitUntil(lambda: panel.last_saliency.target == 8, timeout=20_000)
    predictor = Predictor.bundled()
    x = panel.last_saliency.activations.model_input
    bg = background_value(predictor.mean, predictor.std)
    np.testing.assert_allclose(
        panel.last_saliency.attribution, attribute(predictor.model, x, 8, bg), atol=1e-5
    )
    assert "«8»" in panel.saliency_page.explanation.text()
    panel.saliency_page.occlusion_button.click()
    qtbot.waitUntil(lambda: panel.last_saliency.method == "occlusion", timeout=30_000)
    assert panel.saliency_page.occlusion_view.image.image is not None


def test_it_follows_the_draw_tab_and_waits_while_hidden(qtbot, drawing):
    links = WindowLinks()
    draw = DrawPanel(links)
    inside = InsidePanel(links)
    for widget in (draw, inside):
        qtbot.addWidget(widget)
    draw.show()
    draw.canvas.draw_strokes(SCREENSHOT_DIGIT, width=20)
    qtbot.waitUntil(lambda: draw.last_prediction is not None, timeout=20_000)
    assert inside.image is not None and inside.last_outcome is None  # hidden: not computed
    shown = []
    links.show_tab.connect(shown.append)
    draw.inside_button.click()
    assert shown == ["Inside"]
    inside.show()
    qtbot.waitUntil(lambda: inside.last_outcome is not None, timeout=20_000)
    assert inside.last_outcome.activations.label == 3
    draw.canvas.clear()
    qtbot.waitUntil(lambda: inside.image is None, timeout=5_000)
    qtbot.waitUntil(lambda: inside.last_outcome is None, timeout=5_000)
    draw.shutdown()
    inside.shutdown()


def test_a_run_shows_its_weights_over_training(qtbot, panel, tiny_digits, tmp_path):
    config = TrainConfig(model="mlp", epochs=3, batch_size=100, device="cpu")
    run = RunDirectory.open(tmp_path / "run", config.to_dict())
    train(config, run_dir=run, data=tiny_digits)
    assert panel.use_model(str(run.checkpoint_path))
    page = panel.weights_page
    assert page.slider.isEnabled() and page.slider.maximum() == 2
    page.slider.setValue(0)
    assert page.epoch_label.text() == "1 of 3"
    history = panel.history_page
    assert history.layer_box.count() == 3  # the MLP's three weight matrices
    assert len(history.grad_mean.getData()[0]) == 3
    rows = panel.structure_page.table.rowCount()
    assert rows == 6 and "535,818" in panel.structure_page.total.text()


def test_the_bundled_model_says_it_has_no_training_record(panel):
    assert not panel.weights_page.slider.isEnabled()
    assert "no per-epoch record" in panel.weights_page.note.text()
    assert panel.history_page.layer_box.count() == 0


def test_every_page_fits_a_1024x576_window(qtbot, panel, drawing):
    panel.look_at(drawing, str(BUNDLED_MODEL))
    for index in range(panel.pages.count()):
        panel.pages.setCurrentIndex(index)
        hint = panel.minimumSizeHint()
        assert hint.width() <= 1000 and hint.height() <= 500, (index, hint)
    _wait_idle(qtbot, panel)


def test_popped_out_the_pages_follow_drawings_while_the_tab_is_hidden(qtbot, drawing):
    """Popped out, the pages are watched while drawing in the Draw tab: a drawing that
    arrives while the tab itself is hidden is looked at at once, not when the tab shows."""
    panel = InsidePanel()
    qtbot.addWidget(panel)  # never shown: as when another tab is in front
    panel.toggle_pop_out()
    window = panel.pop_out_window
    assert window is not None and window.isVisible() and panel.pages.window() is window
    panel.look_at(drawing, str(BUNDLED_MODEL))
    qtbot.waitUntil(lambda: panel.last_outcome is not None, timeout=20_000)
    _wait_idle(qtbot, panel)
    assert panel.activations_page.softmax.probabilities.argmax() == 3
    window.close()  # closing the window brings the pages back into the tab
    assert panel.pop_out_window is None and panel.pages.window() is not window
    assert panel.pop_button.text() == "Pop out"


def test_hidden_and_not_popped_out_the_tab_waits_until_it_is_shown(qtbot, drawing):
    panel = InsidePanel()
    qtbot.addWidget(panel)
    panel.look_at(drawing, str(BUNDLED_MODEL))
    qtbot.wait(300)
    assert panel.last_outcome is None  # nothing computed for a tab nobody sees
    panel.show()
    qtbot.waitUntil(lambda: panel.last_outcome is not None, timeout=20_000)
    _wait_idle(qtbot, panel)


def test_the_structure_page_draws_every_layer_as_a_box_with_its_shape(qtbot, panel):
    rows = panel.structure_page.table.rowCount()
    texts = panel.structure_page.diagram.box_texts
    assert len(texts) == rows + 1 and texts[0].startswith("input")  # the input, then a box a layer
    for i, text in enumerate(texts[1:]):
        kind = panel.structure_page.table.item(i, 1).text()
        shape = panel.structure_page.table.item(i, 3).text()
        assert text.startswith(kind) and shape in text
    assert texts[-1].splitlines()[1].startswith("10")  # ten scores at the bottom
