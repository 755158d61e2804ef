"""The Draw tab, driven like a person would: mouse strokes, keys, drops, pastes."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.common.panel import WindowLinks
from desktop_app.draw.canvas import Stroke, image_to_array, render_strokes
from desktop_app.draw.panel import DrawPanel
from desktop_app.draw.result_view import EMPTY_TEXT
from scripts.screenshot_states import SCREENSHOT_DIGIT
from training_core.checkpoints import save_checkpoint
from training_core.cli import main as cli_main
from training_core.data import DATASETS
from training_core.image_io import save_png
from training_core.inference import BUNDLED_MODEL, Predictor
from training_core.models import build_model

# Digits in canvas pixels (280 x 280), each a list of strokes through these corners.
ONE = [[(150, 40), (148, 240)]]
SEVEN = [[(70, 50), (210, 50), (120, 240)]]
ZERO = [
    [
        (140, 40),
        (90, 70),
        (75, 140),
        (90, 210),
        (140, 240),
        (190, 210),
        (205, 140),
        (190, 70),
        (140, 40),
    ]
]
FOUR = [[(170, 40), (70, 170), (210, 170)], [(175, 100), (175, 245)]]


def _dense(points, step=6.0):
    """Mouse samples every few pixels along the polyline, as a real drag produces."""
    out = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        n = max(1, int(np.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * t / n, y0 + (y1 - y0) * t / n) for t in range(1, n + 1)]
    return out


def _pos(canvas, x, y) -> QPoint:
    return canvas.widget_point(x, y).toPoint()


def draw(canvas, strokes, release=True):
    for stroke in strokes:
        pts = _dense(stroke)
        QTest.mousePress(
            canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _pos(canvas, *pts[0])
        )
        for x, y in pts[1:]:
            QTest.mouseMove(canvas, _pos(canvas, x, y))
        if release:
            QTest.mouseRelease(
                canvas,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
                _pos(canvas, *pts[-1]),
            )


@pytest.fixture
def panel(qtbot):
    panel = DrawPanel(None)
    qtbot.addWidget(panel)
    panel.resize(1000, 640)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel
    panel.shutdown()


def settle(qtbot, panel):
    qtbot.waitUntil(panel.is_idle, timeout=5000)


def test_first_launch_uses_the_bundled_model_and_shows_draw_a_digit(panel, qtbot):
    settle(qtbot, panel)
    assert panel.model_path == BUNDLED_MODEL
    assert "bundled" in panel.model_label.text()
    assert panel.last_prediction is None
    assert panel.guess_view.guess.text() == EMPTY_TEXT
    assert panel.guess_view.confidence.text() == ""
    assert panel.bars.probabilities.shape == (10,) and not panel.bars.probabilities.any()


def test_mouse_strokes_are_recognised_live_and_the_guess_changes(panel, qtbot):
    with qtbot.waitSignal(panel.prediction_shown, timeout=5000):
        draw(panel.canvas, ONE, release=False)  # still drawing: the guess comes already
    qtbot.mouseRelease(panel.canvas, Qt.MouseButton.LeftButton, pos=_pos(panel.canvas, *ONE[0][-1]))
    settle(qtbot, panel)
    assert panel.last_prediction.class_name == "1"
    assert panel.guess_view.guess.text() == "1"
    assert panel.guess_view.confidence.text().endswith("% sure")
    assert panel.bars.probabilities.argmax() == 1
    for strokes, expected in ((SEVEN, "7"), (ZERO, "0"), (FOUR, "4")):
        panel.canvas.clear()
        draw(panel.canvas, strokes)
        settle(qtbot, panel)
        assert panel.last_prediction.class_name == expected, panel.last_prediction.top(3)
        assert panel.last_prediction.confidence > 0.8
    assert panel.last_prediction.digit.shape == (28, 28)  # the preview shows this


def test_undo_removes_strokes_one_by_one_and_clear_empties(panel, qtbot):
    draw(panel.canvas, FOUR)
    settle(qtbot, panel)
    assert len(panel.canvas.strokes) == 2
    assert panel.last_prediction.class_name == "4"
    four = panel.canvas.to_array()
    QTest.keyClick(panel.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, panel)
    assert len(panel.canvas.strokes) == 1
    assert panel.last_prediction is not None and panel.last_prediction.class_name != "4"
    draw(panel.canvas, FOUR[1:])  # redrawn: the same pixels as before the undo
    np.testing.assert_array_equal(panel.canvas.to_array(), four)
    for clear in (
        lambda: QTest.keyClick(panel.canvas, Qt.Key.Key_Escape),
        lambda: QTest.keyClick(panel.canvas, Qt.Key.Key_Delete),
        panel.clear_button.click,
    ):
        draw(panel.canvas, ONE)
        settle(qtbot, panel)
        assert panel.last_prediction is not None
        clear()
        settle(qtbot, panel)
        assert panel.canvas.is_empty()
        assert panel.last_prediction is None
        assert panel.guess_view.guess.text() == EMPTY_TEXT
        assert (panel.canvas.to_array() == 255).all()


def test_a_dot_is_not_a_digit(panel, qtbot):
    for x in (100, 180):  # two clicks: dots, which preprocessing would blow up into a 0
        QTest.mouseClick(
            panel.canvas,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            _pos(panel.canvas, x, 140),
        )
    settle(qtbot, panel)
    assert len(panel.canvas.strokes) == 2 and panel.canvas.to_array().min() < 128  # drawn...
    assert panel.last_prediction is None  # ...but not guessed at
    assert panel.guess_view.guess.text() == EMPTY_TEXT
    draw(panel.canvas, ONE)
    settle(qtbot, panel)
    assert panel.last_prediction is not None


def test_panel_tab_and_cli_give_the_same_probabilities(panel, qtbot, tmp_path, capsys):
    draw(panel.canvas, SEVEN)
    settle(qtbot, panel)
    shown = panel.last_prediction.probabilities
    canvas = panel.canvas.to_array()
    with torch.no_grad():
        direct = Predictor.bundled().predict_image(canvas).probabilities
    np.testing.assert_allclose(shown, direct, rtol=0, atol=1e-6)
    save_png(tmp_path / "canvas.png", canvas)
    assert cli_main(["predict", "bundled", str(tmp_path / "canvas.png"), "--json"]) == 0
    line = json.loads(capsys.readouterr().out)
    cli = np.array([line["probabilities"][str(d)] for d in range(10)])
    np.testing.assert_allclose(cli, shown, rtol=0, atol=1e-6)


def _drop(canvas, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(50, 50), *args)  # a drop is only delivered after this
    QApplication.sendEvent(canvas, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(canvas, QDropEvent(QPointF(50, 50), *args))


def test_dropping_a_non_image_file_says_so_and_keeps_the_drawing(panel, qtbot, tmp_path):
    draw(panel.canvas, SEVEN)
    settle(qtbot, panel)
    before = panel.last_prediction.probabilities.copy()
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    _drop(panel.canvas, notes)
    qtbot.waitUntil(lambda: "not an image" in panel.status.text(), timeout=5000)
    settle(qtbot, panel)
    assert len(panel.canvas.strokes) == 1 and not panel.canvas.has_picture()
    np.testing.assert_array_equal(panel.last_prediction.probabilities, before)


def _light_on_dark_three() -> np.ndarray:
    gray = image_to_array(
        render_strokes(
            [Stroke(22, [(x, y, 1.0) for x, y in _dense(pts)]) for pts in SCREENSHOT_DIGIT]
        )
    )
    wide = np.full((280, 420), 255, np.uint8)
    wide[:, 60:340] = gray
    return np.repeat((255 - wide)[..., None], 3, axis=2)


def test_dropped_and_pasted_pictures_go_through_the_same_preprocessing(panel, qtbot, tmp_path):
    image = _light_on_dark_three()  # white ink on black, RGB, wide: not the canvas' look
    path = tmp_path / "three.png"
    save_png(path, image)
    expected = Predictor.bundled().predict_image(image)
    _drop(panel.canvas, path)
    qtbot.waitUntil(panel.canvas.has_picture, timeout=5000)
    settle(qtbot, panel)
    assert panel.last_prediction.class_name == "3"
    np.testing.assert_allclose(
        panel.last_prediction.probabilities, expected.probabilities, atol=1e-6
    )
    np.testing.assert_array_equal(panel.last_prediction.digit, expected.digit)

    panel.canvas.clear()
    settle(qtbot, panel)
    h, w, _ = image.shape
    QGuiApplication.clipboard().setImage(
        QImage(image.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
    )
    QTest.keyClick(panel.canvas, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(panel.canvas.has_picture, timeout=5000)
    settle(qtbot, panel)
    np.testing.assert_allclose(
        panel.last_prediction.probabilities, expected.probabilities, atol=1e-6
    )
    draw(panel.canvas, ONE)  # drawing replaces the picture
    settle(qtbot, panel)
    assert not panel.canvas.has_picture()
    assert panel.last_prediction.class_name == "1"


def _fashion_checkpoint(path):
    info = DATASETS["fashion-mnist"]
    save_checkpoint(
        path,
        model=build_model("softmax", seed=0),
        config={"model": "softmax", "dataset": "fashion-mnist"},
        class_names=info.class_names,
        mean=info.mean,
        std=info.std,
        history=[],
        epoch=1,
    )
    return info.class_names


def test_switching_models_from_the_train_tab_file_and_back(qtbot, tmp_path):
    links = WindowLinks()
    panel = DrawPanel(links)
    qtbot.addWidget(panel)
    try:
        draw(panel.canvas, SEVEN)
        settle(qtbot, panel)
        names = _fashion_checkpoint(tmp_path / "fashion.pt")
        links.use_checkpoint.emit(str(tmp_path / "fashion.pt"))
        settle(qtbot, panel)
        assert panel.model_path == tmp_path / "fashion.pt"
        assert panel.bars.class_names == names
        assert panel.last_prediction.class_name in names  # the drawing, re-classified
        assert panel.guess_view.guess.text() == panel.last_prediction.class_name

        broken = tmp_path / "broken.pt"
        broken.write_bytes(b"definitely not a checkpoint")
        assert not panel.load_checkpoint(str(broken))
        assert "Cannot use this model" in panel.status.text()
        assert panel.model_path == tmp_path / "fashion.pt"  # the current model stays

        assert panel.use_bundled_model()
        settle(qtbot, panel)
        assert panel.status.text() == ""
        assert panel.last_prediction.class_name == "7"
    finally:
        panel.shutdown()


def test_pen_pressure_makes_the_line_thinner_or_thicker(panel, qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QPointingDevice, QTabletEvent

    canvas = panel.canvas
    device = QPointingDevice.primaryPointingDevice()

    def pen(kind, x, pressure):
        pos = canvas.widget_point(x, 140)
        QApplication.sendEvent(
            canvas,
            QTabletEvent(
                kind,
                device,
                pos,
                pos,
                pressure,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                Qt.KeyboardModifier.NoModifier,
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton,
            ),
        )

    pen(QEvent.Type.TabletPress, 40, 0.05)
    for x in range(45, 245, 5):
        pen(QEvent.Type.TabletMove, x, x / 240)  # pressing harder from left to right
    pen(QEvent.Type.TabletRelease, 240, 1.0)
    ink = panel.canvas.to_array() < 128
    light, firm = ink[:, 60].sum(), ink[:, 230].sum()
    assert len(canvas.strokes) == 1
    assert 0 < light < firm <= canvas.strokes[0].width + 2
    settle(qtbot, panel)


def test_in_the_main_window_keys_work_and_a_chosen_checkpoint_loads(qtbot, tmp_path):
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    panel = window.panels["Draw"]
    window.tabs.setCurrentWidget(panel)
    try:
        draw(panel.canvas, FOUR)
        settle(qtbot, panel)
        assert panel.last_prediction.class_name == "4"
        QTest.keyClick(panel.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert len(panel.canvas.strokes) == 1  # no other tab's Ctrl+Z got in the way
        names = _fashion_checkpoint(tmp_path / "fashion.pt")
        window.links.use_checkpoint.emit(str(tmp_path / "fashion.pt"))
        settle(qtbot, panel)
        assert panel.bars.class_names == names
        QTest.keyClick(panel.canvas, Qt.Key.Key_Escape)
        settle(qtbot, panel)
        assert panel.canvas.is_empty() and panel.last_prediction is None
    finally:
        window.close()
