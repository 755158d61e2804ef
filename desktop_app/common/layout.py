"""Layout pieces that keep every tab inside a 1024x576 window (issue 13).

A side panel full of controls is taller than a small window: it scrolls up and down, never
sideways, so its column is as wide as its widest control plus the scrollbar, and stays so
when the content changes (a longer label, results that arrive later). In a scrolling
panel the mouse wheel scrolls the panel: it changes a spin box, combo box or slider only
once that control has the focus (:func:`install_wheel_guard`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QScrollArea,
    QScrollBar,
    QStyle,
    QWidget,
)

GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)  # controls a wheel turn changes


class _FollowWidth(QObject):
    """Keeps a scroll area at least as wide as its content's minimum, whenever the
    content's layout changes."""

    def __init__(self, scroll: QScrollArea):
        super().__init__(scroll)
        self.scroll = scroll
        self.update()

    def update(self) -> None:
        content = self.scroll.widget()
        bar = self.scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = content.minimumSizeHint().width() if content is not None else 0
        self.scroll.setMinimumWidth(max(width, 0) + bar + 4)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.update()
        return False


def vertical_scroll(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a scroll area that scrolls vertically only and is wide enough for it."""
    scroll = QScrollArea(parent)
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content.installEventFilter(_FollowWidth(scroll))
    return scroll


class _WheelGuard(QObject):
    """Application-wide: a wheel turn over an unfocused control inside a scroll area
    scrolls the area instead of changing the control (a Playground model was switched by
    scrolling down the side panel). Click or Tab into the control, and the wheel changes
    it as before."""

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # a wheel would focus it
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and isinstance(watched, GUARDED):
            # (A scroll bar is a slider too, and the one the wheel turn is sent on to.)
            if not watched.hasFocus() and not isinstance(watched, QScrollBar):
                area = scroll_area_of(watched)
                if area is not None:
                    QCoreApplication.sendEvent(area.verticalScrollBar(), event)
                    return True
        return False


def scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def install_wheel_guard() -> None:
    """Install the wheel guard on the application, once."""
    app = QApplication.instance()
    if app is not None and app.findChild(_WheelGuard, "digitLabWheelGuard") is None:
        guard = _WheelGuard(app)
        guard.setObjectName("digitLabWheelGuard")
        app.installEventFilter(guard)
