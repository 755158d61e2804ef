"""Layout pieces that keep every tab inside a 1024x576 window (issue 13).

A side panel full of controls is taller than a small window: it scrolls up and down, never
sideways, so its column is as wide as its widest control plus the scrollbar, and stays so
when the content changes (a longer label, results that arrive later).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget


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
