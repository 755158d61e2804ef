"""The main window's menu bar: File, Edit, View (lab guide, presentation mode, zoom), Help.

Built by functions over the window rather than in it, so the window class keeps to its
tabs and its lifetime. Texts keep the ``MainWindow`` translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop_app.common.presentation import controller as presentation_controller
from desktop_app.labs.panel import LabsPanel


def menu_action(window, menu, text, slot, shortcuts=(), tip="") -> QAction:
    """A menu action; ``shortcuts`` are tried in order (a platform's standard key,
    then a fallback for platforms whose theme defines none), empty ones dropped."""
    action = QAction(text, window)
    sequences = []
    for shortcut in shortcuts:
        sequence = QKeySequence(shortcut)
        if not sequence.isEmpty() and sequence not in sequences:
            sequences.append(sequence)
    action.setShortcuts(sequences)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window) -> None:
    """File, Edit, View and Help; the View menu holds the lab guide and presentation."""
    keys = QKeySequence.StandardKey
    window.file_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
    menu_action(
        window,
        window.file_menu,
        QCoreApplication.translate("MainWindow", "&Open checkpoint…"),
        window.open_checkpoint,
        (keys.Open, "Ctrl+O"),
        QCoreApplication.translate(
            "MainWindow", "Show a checkpoint's curves and results, and use it in the Draw tab"
        ),
    )
    window.save_action = menu_action(
        window,
        window.file_menu,
        QCoreApplication.translate("MainWindow", "&Save checkpoint as…"),
        window.save_checkpoint_as,
        (keys.Save, "Ctrl+S"),
        QCoreApplication.translate(
            "MainWindow", "Save the shown run's model (without optimizer state) to a file"
        ),
    )
    window.export_action = menu_action(
        window,
        window.file_menu,
        QCoreApplication.translate("MainWindow", "&Export curves…"),
        window.export_curves,
        ("Ctrl+E",),
        QCoreApplication.translate(
            "MainWindow", "Write the training curves as PNG, SVG and CSV files"
        ),
    )
    menu_action(
        window,
        window.file_menu,
        QCoreApplication.translate("MainWindow", "Export &model…"),
        window.export_model,
        tip=QCoreApplication.translate(
            "MainWindow", "The shown model as ONNX, or its training as a Python script or notebook"
        ),
    )
    menu_action(
        window,
        window.file_menu,
        QCoreApplication.translate("MainWindow", "&Import dataset from zip…"),
        window.import_dataset,
        tip=QCoreApplication.translate(
            "MainWindow", "Put MNIST or Fashion-MNIST files from a zip into the data folder"
        ),
    )
    window.file_menu.addSeparator()
    menu_action(
        window,
        window.file_menu,
        QCoreApplication.translate("MainWindow", "&Quit"),
        window.request_quit,
        (keys.Quit, "Ctrl+Q"),
    )
    window.edit_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    preferences = menu_action(
        window,
        window.edit_menu,
        QCoreApplication.translate("MainWindow", "&Preferences…"),
        window.show_preferences,
        (keys.Preferences, "Ctrl+,"),
    )
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    window.help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    menu_action(
        window,
        window.help_menu,
        QCoreApplication.translate("MainWindow", "Open &log folder"),
        window.open_log_folder,
        tip=QCoreApplication.translate(
            "MainWindow", "The log holds the details of every error, for a bug report"
        ),
    )
    about = menu_action(
        window,
        window.help_menu,
        QCoreApplication.translate("MainWindow", "&About Digit Lab"),
        window.show_about,
    )
    about.setMenuRole(QAction.MenuRole.AboutRole)
    window.statusBar()
    _dock_lab_guide(window)


def _dock_lab_guide(window) -> None:
    """The lab guide bar sits under every tab; View > Lab guide shows or hides it."""
    dock = window.panels[LabsPanel.title].dock
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    toggle = dock.toggleViewAction()
    toggle.setShortcut(QKeySequence("Ctrl+L"))
    window.view_menu = QMenu(QCoreApplication.translate("MainWindow", "&View"), window)
    window.view_menu.addAction(toggle)
    window.menuBar().insertMenu(window.help_menu.menuAction(), window.view_menu)
    _add_presentation_actions(window)


def _add_presentation_actions(window) -> None:
    """View > Presentation mode (F5) and zoom (Ctrl+= / Ctrl+- / Ctrl+0); both are
    remembered between sessions by the application's one Presentation controller."""
    window.presentation = presentation_controller()
    window.view_menu.addSeparator()
    window.presentation_action = menu_action(
        window,
        window.view_menu,
        QCoreApplication.translate("MainWindow", "&Presentation mode"),
        lambda: window.set_presentation_mode(window.presentation_action.isChecked()),
        ("F5",),
        QCoreApplication.translate(
            "MainWindow", "Larger text, thicker plot lines and high contrast, for a projector"
        ),
    )
    window.presentation_action.setCheckable(True)
    keys = QKeySequence.StandardKey
    zoom = window.presentation
    zoom_in_keys = ("Ctrl+=", "Ctrl++", keys.ZoomIn)
    menu_action(
        window,
        window.view_menu,
        QCoreApplication.translate("MainWindow", "Zoom &in"),
        zoom.zoom_in,
        zoom_in_keys,
    )
    menu_action(
        window,
        window.view_menu,
        QCoreApplication.translate("MainWindow", "Zoom &out"),
        zoom.zoom_out,
        ("Ctrl+-", keys.ZoomOut),
    )
    menu_action(
        window,
        window.view_menu,
        QCoreApplication.translate("MainWindow", "&Actual size"),
        zoom.reset_zoom,
        ("Ctrl+0",),
    )
    window.presentation.changed.connect(window._show_presentation_state)
    window.presentation.attach(window)  # styled from the start, before it is shown
    window.presentation.restore()
