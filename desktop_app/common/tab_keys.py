"""Keyboard moves between tabs: Ctrl+Tab / Ctrl+Shift+Tab for the window's tabs from
anywhere, Ctrl+PgDown / Ctrl+PgUp for the sub-tabs around the keyboard focus.

A QTabWidget handles Ctrl+Tab itself in ``keyPressEvent``, and the key goes to the
innermost one around the focus first: inside the Playground's (or Train's, or Inside's)
sub-tabs, Ctrl+Tab only ever cycled the sub-tabs and the window's tabs were out of reach.
Window-wide shortcuts are matched before any widget sees the key, so here Ctrl+Tab always
means the window's tabs, and the sub-tabs get the keys browsers and editors use for them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

WINDOW_TABS = {"Ctrl+Tab": 1, "Ctrl+Shift+Tab": -1}
SUB_TABS = {"Ctrl+PgDown": 1, "Ctrl+PgUp": -1}


def step_tabs(tabs: QTabWidget, step: int) -> None:
    """The next (``step`` 1) or previous (-1) enabled tab, wrapping around."""
    count = tabs.count()
    index = tabs.currentIndex()
    for _ in range(count):
        index = (index + step) % count
        if tabs.isTabEnabled(index) and tabs.isTabVisible(index):
            tabs.setCurrentIndex(index)
            return


def innermost_tabs(window: QWidget, main: QTabWidget) -> QTabWidget:
    """The nearest tab widget around the keyboard focus, or ``main`` when there is none."""
    widget = QApplication.focusWidget()
    while widget is not None and widget is not window:
        if isinstance(widget, QTabWidget) and widget is not main and widget.isVisible():
            return widget
        widget = widget.parentWidget()
    return main


def install_tab_keys(window: QWidget, main: QTabWidget) -> list[QShortcut]:
    """Give ``window`` the tab keys (the shortcuts are returned for tests)."""
    shortcuts = []

    def window_step(step: int) -> None:
        step_tabs(main, step)
        main.tabBar().setFocus(Qt.FocusReason.TabFocusReason)  # the tab's name is announced

    def sub_step(step: int) -> None:
        step_tabs(innermost_tabs(window, main), step)

    for keys, step, slot in (
        *((k, s, window_step) for k, s in WINDOW_TABS.items()),
        *((k, s, sub_step) for k, s in SUB_TABS.items()),
    ):
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(lambda step=step, slot=slot: slot(step))
        shortcuts.append(shortcut)
    return shortcuts
