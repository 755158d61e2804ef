"""The Train tab's left side: the settings form and the LR finder scroll; Start, Pause,
Stop, Step and the pace stay in sight under them, whatever the window's height."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget


def train_side(form: QWidget, finder_button: QWidget, controls: QWidget, parent) -> QWidget:
    """The form (and the LR finder button) in a vertical-only scroll area, the controls
    below it, outside the scroll area: on a 576-pixel screen the actions never scroll away."""
    content = QWidget(parent)
    content_layout = QVBoxLayout(content)
    content_layout.addWidget(form)
    content_layout.addWidget(finder_button)
    content_layout.addStretch(1)
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    scroll.setMinimumWidth(content.sizeHint().width() + 24)
    side = QWidget(parent)
    side_layout = QVBoxLayout(side)
    side_layout.setContentsMargins(0, 0, 0, 0)
    side_layout.addWidget(scroll, 1)
    side_layout.addWidget(controls)
    return side
