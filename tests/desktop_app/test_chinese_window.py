"""Every tab, sub-page, menu and dialog of the window, opened in Chinese, shows no English
sentence: labels, buttons, tooltips, group titles, tab names, window titles and plot titles
and axis labels are scanned. Names stay as they are (MNIST, ReLU, CNN, Adam, ...), and so
does data the user made (paths, run names)."""

from __future__ import annotations

import re

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
)

from desktop_app.common import i18n
from desktop_app.main_window import MainWindow
from training_core.config import TrainConfig

# Names that are the same in a Chinese UI: products, datasets, layers, optimizers, units.
NAMES = set(
    """
    digit lab mnist fashion relu cnn mlp adam adamw sgd onnx pytorch python jupyter captum
    softmax lenet lecun cpu gpu cuda mps png csv json zip svg npy idx qt pyside eta tanh
    sigmoid xavier kaiming ray otsu clahe canny rgb onnxruntime ipynb py pt auto bf
    fp logits logit batchnorm conv maxpool linear flatten dropout leakyrelu gelu
    crossentropyloss nn torch torchvision sobel gaussian lr asha tune scikit skimage sauvola
    li yen ms hz kb mb gb px zalando cortes burges cc mit lstm pca tsne momentum
    onecycle adadelta steplr ig xor elu selu float bfloat ctrl enter shift alt esc exp log
    max min mse nllloss logsoftmax onehot delete backspace space tab home end pgup pgdn
    chelsea bgr cdf
    """.split()
)
# The options' values are names too: a Chinese help text still says what "onecycle" does.
NAMES |= {c.lower() for opt in TrainConfig.options() for c in opt.choices}
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
TAG = re.compile(r"<[^>]+>|&[a-z]+;")


def english_words(text: str) -> list[str]:
    """Words of ``text`` that are neither names nor data (paths, identifiers, numbers)."""
    text = TAG.sub(" ", text)
    words = []
    for token in text.split():
        if any(c in token for c in "/\\_-.=:`") and not token.endswith((".", ":")):
            continue  # a path, an option value like softmax-scratch, a file name
        for word in WORD.findall(token):
            if word.lower().strip("'") not in NAMES and len(word) > 1:
                words.append(word)
    return words


def visible_texts(root: QWidget):
    """(where, text) of everything a user reads in ``root`` and its children."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = type(widget).__name__
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()
        if widget.isWindow() and widget.windowTitle():
            yield f"{name} title", widget.windowTitle()
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
            yield name, widget.text()
        if isinstance(widget, QGroupBox) and widget.title():
            yield f"{name} title", widget.title()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{name} tab", widget.tabText(i)
                if widget.tabToolTip(i):
                    yield f"{name} tab tooltip", widget.tabToolTip(i)
        if isinstance(widget, QMenu):
            for action in widget.actions():
                if action.text():
                    yield "menu item", action.text()
                if action.statusTip():
                    yield "menu status tip", action.statusTip()
        if isinstance(widget, pg.PlotWidget):
            plot = widget.getPlotItem()
            if plot.titleLabel.text:
                yield "plot title", plot.titleLabel.text
            for axis in ("left", "bottom", "right", "top"):
                item = plot.getAxis(axis)
                if item.isVisible() and item.labelText:
                    yield f"plot {axis} axis", item.labelText
            if plot.legend is not None:
                for _sample, label in plot.legend.items:
                    yield "plot legend", label.text


def untranslated(root: QWidget) -> list[str]:
    found = []
    for where, text in visible_texts(root):
        words = english_words(text.replace("&", ""))
        if words:
            found.append(f"{where}: {text[:90]!r} ({', '.join(words[:4])})")
    return found


@pytest.fixture
def chinese_window(qapp, qtbot):
    assert i18n.install(qapp, i18n.CHINESE) == i18n.CHINESE
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 576)
    window.show()
    yield window
    window.shutdown()
    i18n.install(qapp, i18n.ENGLISH)


def test_the_scanner_sees_english():
    assert english_words("Start training now") == ["Start", "training", "now"]
    assert english_words("训练 MNIST 上的 ReLU 网络") == []
    assert english_words("运行 /tmp/runs/run-1 softmax-scratch 0.5") == []


def test_every_tab_and_sub_page_is_chinese(chinese_window, qtbot):
    window = chinese_window
    problems = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        panel = window.tabs.widget(index)
        for pages in panel.findChildren(QTabWidget):
            for page in range(pages.count()):
                pages.setCurrentIndex(page)
        qtbot.wait(10)
        problems += [f"[{panel.title}] {p}" for p in untranslated(panel)]
    assert not problems, f"{len(problems)} English texts:\n" + "\n".join(problems[:60])


def test_menus_are_chinese(chinese_window):
    window = chinese_window
    problems = []
    for action in window.menuBar().actions():
        problems += [f"menu {action.text()!r}"] if english_words(action.text()) else []
        menu = action.menu()
        if menu is not None:
            problems += untranslated(menu)
    assert not problems, "\n".join(problems)


def test_dialogs_are_chinese(chinese_window, tmp_path, qtbot, tiny_digits):
    from desktop_app.common.settings import PreferencesDialog
    from desktop_app.draw.my_digits import GalleryDialog
    from desktop_app.train.export_dialog import ExportDialog
    from desktop_app.train.lr_finder_dialog import LRFinderDialog
    from training_core.config import TrainConfig, default_config
    from training_core.my_digits import MyDigits
    from training_core.runs import RunDirectory

    run = RunDirectory.open(tmp_path / "run-1", default_config("mlp").to_dict())
    finder = LRFinderDialog(
        TrainConfig(model="softmax", batch_size=50, device="cpu"),
        chinese_window,
        train_split=tiny_digits[0],
    )
    qtbot.waitSignal(finder.finished_test, timeout=60_000).wait()  # its result shown too
    dialogs = [
        PreferencesDialog(chinese_window),
        ExportDialog(run.path, chinese_window),
        GalleryDialog(MyDigits(tmp_path / "my_digits"), chinese_window),
        finder,
    ]
    problems = []
    for dialog in dialogs:
        problems += [f"[{type(dialog).__name__}] {p}" for p in untranslated(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


def test_every_tab_fits_a_1024_pixel_wide_window_in_chinese(chinese_window):
    """Chinese has no spaces: a word-wrapped label sized by its text once made the Train
    tab 1077 px wide (the model's description under its choice)."""
    window = chinese_window
    panel = window.train_panel
    form = panel.form
    for model in range(form.model.count()):  # each model's description, in Chinese
        form.model.setCurrentIndex(model)
        width = form.sizeHint().width() + panel.pages.minimumSizeHint().width() + 40
        assert width <= 1024, (form.model.currentText(), width)
    for i in range(window.tabs.count()):
        widget = window.tabs.widget(i)
        assert widget.minimumSizeHint().width() <= 1024, widget.title
    assert window.minimumSizeHint().width() <= 1024
