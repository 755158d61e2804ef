"""The Draw tab's "my digits" (issue 16): add the drawing with its label, the gallery with
delete, fine-tuning in a Worker with progress, and the honest "not sure" verdict."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from desktop_app.draw import my_digits as ui
from desktop_app.draw.panel import DrawPanel
from tests.helpers.checkpoint_files import write_base
from tests.helpers.datasets import tiny_split
from tests.helpers.stroke_digits import render_digit
from training_core.finetune import FinetuneOptions
from training_core.my_digits import MyDigits


@pytest.fixture
def panel(qtbot):
    panel = DrawPanel(None)
    qtbot.addWidget(panel)
    panel.resize(1000, 560)
    panel.show()
    qtbot.waitExposed(panel)
    yield panel
    panel.shutdown()


def _show(panel, digit: int, confident: bool = True):
    prediction = panel.predictor.predict_image(render_digit(digit))
    panel._show(replace(prediction, confident=confident))
    return prediction


def test_my_digits_makes_the_panel_neither_wider_than_1024_nor_taller(panel):
    with_box = panel.minimumSizeHint()
    panel.my_digits.hide()
    panel.layout().activate()
    without = panel.minimumSizeHint()
    assert with_box.width() <= 1024 and with_box.height() <= without.height()


def test_a_doubtful_prediction_says_not_sure_instead_of_a_digit(panel):
    _show(panel, 3, confident=False)
    assert panel.guess_view.guess.text() == "not sure — is this a digit?"
    assert "3" in panel.guess_view.confidence.text()
    _show(panel, 3, confident=True)
    assert panel.guess_view.guess.text() == "3"


def test_add_then_delete_in_the_gallery(panel, qtbot):
    box = panel.my_digits
    assert not box.add_current(label=1)  # nothing drawn yet
    _show(panel, 1)
    assert box.add_current(label=7)  # the user says what it really is
    assert box.digits.counts()[7] == 1
    assert "(1)" in box.gallery_button.text() and "7" in panel.status.text()
    gallery = ui.GalleryDialog(box.digits, panel)
    qtbot.addWidget(gallery)
    assert gallery.list.count() == 1 and gallery.list.item(0).text() == "7"
    gallery.list.item(0).setSelected(True)
    gallery.delete_selected()
    assert gallery.list.count() == 0 and box.digits.items() == []


def test_a_digit_that_cannot_be_deleted_is_one_error_box_not_a_crash(panel, qtbot, monkeypatch):
    box = panel.my_digits
    _show(panel, 1)
    assert box.add_current(label=1)
    gallery = ui.GalleryDialog(box.digits, panel)
    qtbot.addWidget(gallery)
    shown = []

    class Box:
        def __init__(self, title, text, details, parent):
            shown.append(text)

        def open(self):
            pass

    def refuse(item):
        raise PermissionError(13, "Permission denied", str(item.path))

    monkeypatch.setattr(ui, "error_box", Box)
    monkeypatch.setattr(box.digits, "delete", refuse)  # a read-only folder
    gallery.list.item(0).setSelected(True)
    gallery.delete_selected()
    assert len(shown) == 1 and "Permission denied" in shown[0]
    assert gallery.list.count() == 1


def test_fine_tuning_runs_in_a_worker_and_offers_the_new_model(panel, qtbot, tmp_path, monkeypatch):
    write_base(tmp_path / "base.pt")
    assert panel.load_checkpoint(str(tmp_path / "base.pt"))
    digits = MyDigits(panel.my_digits.digits.folder)
    for i in range(20):
        digits.add(render_digit(i % 10, thickness=10 + i), i % 10)
    monkeypatch.setattr(ui, "load_split", lambda _name, train: tiny_split(300 if train else 100, 1))
    monkeypatch.setattr(ui.FinetuneDialog, "options", FinetuneOptions(steps=20))
    dialog = panel.my_digits.start_finetune()
    with qtbot.waitSignal(dialog.worker.finished, timeout=60_000):
        pass
    assert dialog.path is not None and dialog.use_button.isVisible()
    assert "→" in dialog.result_label.text() and "MNIST test" in dialog.result_label.text()
    assert dialog.progress.value() == 20
    dialog.use_button.click()
    qtbot.waitUntil(lambda: str(panel.model_path) == dialog.path, timeout=5000)


def test_cancel_stops_fine_tuning_and_keeps_the_model(panel, qtbot, tmp_path, monkeypatch):
    write_base(tmp_path / "base.pt")
    assert panel.load_checkpoint(str(tmp_path / "base.pt"))
    digits = MyDigits(panel.my_digits.digits.folder)
    for i in range(12):
        digits.add(render_digit(i % 10), i % 10)
    monkeypatch.setattr(ui, "load_split", lambda _name, train: tiny_split(300 if train else 100, 1))
    monkeypatch.setattr(ui.FinetuneDialog, "options", FinetuneOptions(steps=100_000))
    dialog = panel.my_digits.start_finetune()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 10, timeout=30_000)
    with qtbot.waitSignal(dialog.worker.finished, timeout=10_000):
        dialog.cancel_button.click()
    assert dialog.path is None and not dialog.use_button.isVisible()
    assert str(panel.model_path) == str(tmp_path / "base.pt")
    assert np.isfinite(dialog.progress.value())
