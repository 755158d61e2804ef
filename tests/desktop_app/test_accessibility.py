"""Every control a screen reader reaches has a name, every control is reachable by Tab,
and Ctrl+Tab moves between the window's tabs from anywhere (it was trapped inside the
Playground's sub-tabs). Every tab, sub-page and cheap dialog is walked, in English and in
Chinese; the failure lists every offender with the attribute that holds it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollBar,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop_app.common import i18n
from desktop_app.main_window import MainWindow

# Controls, and the views (lists, tables, plots, the canvas) a student moves through.
INTERACTIVE = (
    QAbstractButton,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
    QLineEdit,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QGraphicsView,
)
# Parts of other controls, named through them: scroll bars, headers, tab bars (each tab
# is named by its text), and the line edit inside a spin box or combo box.
PARTS = (QScrollBar, QHeaderView, QTabBar, QTabWidget)
TAB = Qt.FocusPolicy.TabFocus


def _hidden(widget: QWidget, root: QWidget) -> bool:
    """Hidden on purpose (itself or a container), or in another window (a combo's popup).
    A page of a tab or stacked widget is not hidden on purpose: it is a click away."""
    while widget is not None and widget is not root:
        if widget.isWindow():
            return True
        if widget.isHidden() and not isinstance(widget.parentWidget(), QStackedWidget):
            return True
        widget = widget.parentWidget()
    return False


def _is_part(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    return (
        widget.objectName().startswith("qt_")  # Qt's own pieces (spin box edit, corner button)
        or isinstance(widget, PARTS)
        or isinstance(parent, QAbstractSpinBox | QComboBox)
        or (isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget)
    )


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """The controls a user of ``root`` can reach: interactive classes, and any other widget
    that takes keyboard focus by Tab (a custom canvas), less parts and hidden ones."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if _is_part(widget) or _hidden(widget, root):
            continue
        custom = bool(widget.focusPolicy() & TAB) and not isinstance(
            widget, QAbstractScrollArea | QMainWindow
        )
        if isinstance(widget, INTERACTIVE) or custom:
            found.append(widget)
    return found


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName()).strip()


def describe(widget: QWidget) -> str:
    """``Owner.attribute (Class)`` for the failure message: where to add the name."""
    owner = widget.parentWidget()
    while owner is not None:
        for key, value in vars(owner).items():
            if value is widget or (isinstance(value, list | tuple) and widget in value):
                return f"{type(owner).__name__}.{key} ({type(widget).__name__})"
        owner = owner.parentWidget()
    tip = widget.toolTip()[:40]
    return f"{type(widget).__name__} in {type(widget.parentWidget()).__name__} tip={tip!r}"


def unnamed(root: QWidget) -> list[str]:
    return [describe(w) for w in interactive_widgets(root) if not accessible_name(w)]


def not_tabbable(root: QWidget) -> list[str]:
    return [describe(w) for w in interactive_widgets(root) if not w.focusPolicy() & TAB]


def open_every_page(window: MainWindow, qtbot) -> None:
    """Show every tab and every sub-page once (some pages build their views when shown)."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for pages in window.tabs.widget(index).findChildren(QTabWidget):
            for page in range(pages.count()):
                pages.setCurrentIndex(page)
        qtbot.wait(5)
    window.tabs.setCurrentIndex(0)


@pytest.fixture
def window(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 576)
    window.show()
    yield window
    window.shutdown()


@pytest.fixture
def chinese_window(qapp, qtbot):
    assert i18n.install(qapp, i18n.CHINESE) == i18n.CHINESE
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        yield window
        window.shutdown()
    finally:
        i18n.install(qapp, i18n.ENGLISH)


def _dialogs(parent, tmp_path, qtbot, tiny_digits) -> list[QWidget]:
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
        parent,
        train_split=tiny_digits[0],
    )
    qtbot.waitSignal(finder.finished_test, timeout=60_000).wait()  # its result shown too
    return [
        PreferencesDialog(parent),
        ExportDialog(run.path, parent),
        GalleryDialog(MyDigits(tmp_path / "my_digits"), parent),
        finder,
    ]


# -- the checks find what they look for ---------------------------------------------------


def test_the_checks_see_an_unnamed_and_an_untabbable_control(qtbot):
    from PySide6.QtWidgets import QFormLayout, QPushButton, QSlider, QSpinBox

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    root.slider = QSlider()
    root.named = QSpinBox()
    root.button = QPushButton("OK")
    root.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    form.addRow(root.slider)
    form.addRow("Epochs:", root.named)  # a form label names its field
    form.addRow(root.button)
    assert unnamed(root) == ["QWidget.slider (QSlider)"]
    assert not_tabbable(root) == ["QWidget.button (QPushButton)"]
    root.slider.setAccessibleName("Speed")
    assert unnamed(root) == []


# -- names and focus, English and Chinese -------------------------------------------------


def test_every_control_of_every_tab_has_a_name_and_takes_tab_focus(window, qtbot):
    open_every_page(window, qtbot)
    controls = interactive_widgets(window)
    assert len(controls) > 150  # the walk reached the tabs' controls
    missing = unnamed(window)
    assert not missing, f"{len(missing)} controls without an accessible name:\n" + "\n".join(
        missing
    )
    untabbable = not_tabbable(window)
    assert not untabbable, "controls Tab never reaches:\n" + "\n".join(untabbable)


def test_every_control_has_a_name_in_chinese(chinese_window, qtbot):
    open_every_page(chinese_window, qtbot)
    missing = unnamed(chinese_window)
    assert not missing, "\n".join(missing)


def test_dialogs_controls_have_names(window, tmp_path, qtbot, tiny_digits):
    problems = []
    for dialog in _dialogs(window, tmp_path, qtbot, tiny_digits):
        problems += [f"[{type(dialog).__name__}] {p}" for p in unnamed(dialog)]
        problems += [f"[{type(dialog).__name__}] no Tab: {p}" for p in not_tabbable(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


def test_tab_walks_through_the_draw_tab_without_getting_stuck(window, qtbot):
    """Pressing Tab visits every visible control of the Draw tab and comes back round."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_tab("Draw")
    panel = window.tabs.currentWidget()
    wanted = {w for w in interactive_widgets(panel) if w.isVisible() and w.isEnabled()}
    assert panel.canvas in wanted
    window.tabs.tabBar().setFocus()
    visited = set()
    for _ in range(400):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        visited.add(focus)
        while focus is not None:  # a spin box's line edit stands for the spin box
            visited.add(focus)
            focus = focus.parentWidget()
        if wanted <= visited:
            break
    assert not wanted - visited, [describe(w) for w in wanted - visited]


# -- Ctrl+Tab ------------------------------------------------------------------------------


def _focus_in_playground(window, qtbot, sub_page: int) -> QWidget:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    playground = window.panels["Playground"]
    window.show_tab(playground.title)
    playground.views.setCurrentIndex(sub_page)
    target = playground.regression.model_controls.lr
    if sub_page != 1:
        target = playground.views.currentWidget().findChildren(QAbstractSpinBox)[0]
    target.setFocus()
    qtbot.waitUntil(lambda: target.hasFocus())
    return target


def test_ctrl_tab_leaves_the_playground_sub_tabs(window, qtbot):
    playground = window.panels["Playground"]
    index = window.tabs.indexOf(playground)
    target = _focus_in_playground(window, qtbot, 1)
    QTest.keyClick(target, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == (index + 1) % window.tabs.count()
    assert playground.views.currentIndex() == 1  # the sub-tab stayed where it was

    target = _focus_in_playground(window, qtbot, 1)
    back = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(target, Qt.Key.Key_Backtab, back)  # what Ctrl+Shift+Tab sends on X11
    assert window.tabs.currentIndex() == index - 1
    target = _focus_in_playground(window, qtbot, 2)
    QTest.keyClick(target, Qt.Key.Key_Tab, back)
    assert window.tabs.currentIndex() == index - 1
    assert playground.views.currentIndex() == 2


def test_ctrl_page_down_moves_the_sub_tabs_and_ctrl_tab_wraps(window, qtbot):
    playground = window.panels["Playground"]
    target = _focus_in_playground(window, qtbot, 1)
    QTest.keyClick(target, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert (window.tabs.currentWidget(), playground.views.currentIndex()) == (playground, 2)
    target = _focus_in_playground(window, qtbot, 0)
    QTest.keyClick(target, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert playground.views.currentIndex() == playground.views.count() - 1
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    window.tabs.tabBar().setFocus()
    QTest.keyClick(window.tabs.tabBar(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    window.tabs.tabBar().setFocus()  # with no sub-tabs around, Ctrl+PgDown is the window's
    QTest.keyClick(window.tabs.tabBar(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
