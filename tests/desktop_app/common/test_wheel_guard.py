"""In a scrolling side panel the wheel scrolls the panel; it changes a control only once
the control has the focus (scrolling down the Playground's panel once switched its model)."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox, QVBoxLayout, QWidget

from desktop_app.common.layout import install_wheel_guard, vertical_scroll


def _wheel_down(widget) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch towards the user: scroll down, or a smaller value
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_panel_until_a_control_has_the_focus(qtbot):
    install_wheel_guard()
    content = QWidget()
    layout = QVBoxLayout(content)
    spin, combo = QSpinBox(), QComboBox()
    spin.setValue(5)
    combo.addItems(["linear", "relu", "tanh"])
    combo.setCurrentIndex(1)
    layout.addWidget(spin)
    layout.addWidget(combo)
    for _ in range(30):  # taller than the window: the panel scrolls
        layout.addWidget(QSpinBox())
    scroll = vertical_scroll(content)
    qtbot.addWidget(scroll)
    scroll.resize(300, 200)
    scroll.show()
    qtbot.waitExposed(scroll)
    bar = scroll.verticalScrollBar()
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel no longer focuses it
    _wheel_down(spin)
    _wheel_down(combo)
    assert (spin.value(), combo.currentIndex()) == (5, 1)
    assert bar.value() > 0
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=2_000)
    _wheel_down(spin)
    assert spin.value() == 4  # a focused control takes the wheel as before
