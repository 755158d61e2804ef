"""The Digit Lab main window: a tab per activity, a menu bar, persistent geometry."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

pg.setConfigOptions(antialias=True, background="w", foreground="k")


class MainWindow(QMainWindow):
    """One window, one tab per activity. Each tab is a self-contained panel widget."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Digit Lab")
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.panels: dict[str, object] = {}
        self._add_panels()
        self._build_menus()
        self._restore_geometry()

    # -- tabs -------------------------------------------------------------
    def _add_panels(self) -> None:
        """Each built tab registers here; a tab that is not built yet is simply absent."""
        for title, factory in _panel_factories():
            panel = factory(self)
            self.panels[title] = panel
            self.tabs.addTab(panel, title)

    # -- menus ------------------------------------------------------------
    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
        self.help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Digit Lab", self)
        about.triggered.connect(self.show_about)
        self.help_menu.addAction(about)

    def show_about(self) -> None:
        QMessageBox.about(self, "About Digit Lab", about_text())

    # -- geometry -------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event):  # noqa: N802 - Qt naming
        for panel in self.panels.values():
            shutdown = getattr(panel, "shutdown", None)
            if shutdown is not None:
                shutdown()
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)


_PANELS = (
    ("Train", "desktop_app.train_panel", "TrainPanel"),
    ("Draw", "desktop_app.draw_panel", "DrawPanel"),
    ("Image tools", "desktop_app.image_tools_panel", "ImageToolsPanel"),
    ("Playground", "desktop_app.playground_panel", "PlaygroundPanel"),
)


def _panel_factories():
    """(title, factory) for every built tab, in display order.

    A tab whose module does not exist yet is left out; any other import error is real
    and propagates.
    """
    import importlib

    factories = []
    for title, module_name, class_name in _PANELS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue
            raise
        factories.append((title, getattr(module, class_name)))
    return factories


def about_text() -> str:
    import platform

    import torch
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from training_core import __version__

    cuda = torch.cuda.is_available()
    return (
        f"<b>Digit Lab</b> {__version__}<br>"
        f"PyTorch {torch.__version__} (CUDA {'available' if cuda else 'not available'})<br>"
        f"Qt {qVersion()}, PySide6 {pyside_version}<br>"
        f"Python {platform.python_version()}"
    )
