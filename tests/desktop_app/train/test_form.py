"""The Train form is generated from TrainConfig's options and the model registry."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox

from desktop_app.train.form import TrainForm
from tests.helpers.cnn_recipe import BENCHMARKED_CNN_SETTINGS
from tests.helpers.dummy_option import HELP, add_dummy_option
from training_core.config import TrainConfig, default_config
from training_core.models import MODELS


@pytest.fixture
def form(qtbot):
    widget = TrainForm(device="cpu")
    qtbot.addWidget(widget)
    return widget


def test_every_option_has_a_widget_with_its_range_and_help(form):
    for opt in TrainConfig.options():
        widget = form.widgets[opt.name]
        assert widget is getattr(form, opt.name) and widget.toolTip() == opt.describe()
        if opt.choices:
            items = [widget.itemText(i) for i in range(widget.count())]
            assert isinstance(widget, QComboBox)
            assert items == list(opt.offered() if opt.offered else opt.choices)
        else:
            assert isinstance(widget, QSpinBox if opt.type is int else QDoubleSpinBox)
            assert widget.minimum() >= opt.low and widget.maximum() <= opt.high
            assert widget.maximum() - widget.minimum() >= 0.99 * (opt.high - opt.low)


def test_config_round_trips_through_the_form(form):
    config = TrainConfig(
        model="cnn",
        dataset="fashion-mnist",
        epochs=7,
        batch_size=32,
        optimizer="momentum",
        lr=0.02,
        momentum=0.8,
        weight_decay=0.001,
        schedule="onecycle",
        init="xavier",
        augment="light",
        seed=12345,
        device="cpu",
        precision="bf16",
    )
    form.set_config(config)
    assert form.config() == config
    assert form.momentum.isEnabled()
    form.optimizer.setCurrentText("adam")
    assert not form.momentum.isEnabled()


def test_a_new_model_brings_its_settings_and_keeps_the_rest(form):
    form.set_config(default_config("softmax", augment="light", seed=7, precision="bf16"))
    form.model.setCurrentText("deep-mlp")
    config = form.config()
    assert config == default_config("deep-mlp", augment="light", seed=7, precision="bf16")
    spec = MODELS["deep-mlp"]
    assert spec.description in form.description.text() and spec.source in form.description.text()
    index = form.model.findText("deep-mlp")
    assert form.model.itemData(index, Qt.ItemDataRole.ToolTipRole) == spec.summary


def test_choosing_the_cnn_gives_the_benchmarked_recipe(form):
    form.model.setCurrentText("cnn")
    config = form.config().to_dict()
    assert {k: config[k] for k in BENCHMARKED_CNN_SETTINGS} == BENCHMARKED_CNN_SETTINGS


def test_an_absent_device_shows_as_auto(form):
    form.set_config(TrainConfig(device="no-such-device"))
    assert form.device.currentText() == "auto"


def test_a_new_option_gets_a_widget_with_its_tooltip(monkeypatch, qtbot):
    config_class = add_dummy_option(monkeypatch)
    form = TrainForm(device="cpu")
    qtbot.addWidget(form)
    spin = form.widgets["mixup"]
    assert isinstance(spin, QDoubleSpinBox) and HELP in spin.toolTip()
    assert (spin.minimum(), spin.maximum(), spin.decimals()) == (0.0, 0.4, 2)
    spin.setValue(0.2)
    config = form.config()
    assert isinstance(config, config_class) and config.mixup == 0.2
    form.model.setCurrentText("cnn")  # no lesson sets it, so a new model keeps it
    assert form.config().mixup == 0.2


@pytest.mark.parametrize(
    "name,typed,kept,note",
    [
        ("lr", "1000", 10.0, "Learning rate: at most 10; 1000 was changed to 10."),
        ("epochs", "0", 1, "at least 1; 0 was changed to 1."),
    ],
)
def test_a_number_out_of_range_is_changed_and_the_form_says_so(
    form, qtbot, name, typed, kept, note
):
    from PySide6.QtTest import QTest

    spin = form.widgets[name]
    form.show()
    assert not form.note.isVisible()
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin.lineEdit(), typed)
    assert spin.lineEdit().text() == typed  # what was typed stays until the edit ends
    QTest.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert spin.value() == kept
    assert form.note.isVisible() and note in form.note.text()
    spin.setValue(spin.value() - 1 if name == "lr" else 3)  # the next change clears it
    assert not form.note.isVisible()


def test_the_out_of_range_note_is_scrolled_into_view(form, qtbot):
    """In a small window the form scrolls, and the note under its last setting was out of
    sight: a learning rate of 1000 still became 10 silently."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QScrollArea

    scroll = QScrollArea()
    qtbot.addWidget(scroll)
    scroll.setWidgetResizable(True)
    scroll.setWidget(form)
    scroll.resize(320, 220)
    scroll.show()
    qtbot.waitExposed(scroll)
    spin = form.widgets["lr"]
    scroll.ensureWidgetVisible(spin)
    spin.lineEdit().selectAll()
    QTest.keyClicks(spin.lineEdit(), "1000")
    QTest.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert form.note.isVisible()
    top = form.note.mapTo(scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top and top + form.note.height() <= scroll.viewport().height()
    scroll.takeWidget()  # the fixture closes the form itself
