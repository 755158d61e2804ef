"""The Digit Lab main window: a tab per activity, a menu bar, persistent geometry."""

from __future__ import annotations

import logging

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget

from desktop_app.common import file_dialogs
from desktop_app.common.i18n import error_text
from desktop_app.common.layout import install_wheel_guard
from desktop_app.common.panel import Panel, WindowLinks
from desktop_app.common.settings import runs_root
from desktop_app.common.tab_keys import install_tab_keys
from desktop_app.common.view_state import store, stored_bytes
from desktop_app.common.workers import stop_all_workers
from desktop_app.draw.panel import DrawPanel
from desktop_app.experiments.panel import ExperimentsPanel
from desktop_app.image_tools.panel import ImageToolsPanel
from desktop_app.inside.panel import InsidePanel
from desktop_app.labs.panel import LabsPanel
from desktop_app.playground.panel import PlaygroundPanel
from desktop_app.train.panel import TrainPanel
from desktop_app.window_menus import build_menus
from training_core import app_log

log = logging.getLogger(__name__)

pg.setConfigOptions(antialias=True, background="w", foreground="k")

# The tabs, in display order. A tab that fails to import or build is an error at start.
PANELS: tuple[type[Panel], ...] = (
    TrainPanel,
    ExperimentsPanel,
    DrawPanel,
    InsidePanel,
    ImageToolsPanel,
    PlaygroundPanel,
    LabsPanel,
)
GEOMETRY_KEY = "window/geometry"


class MainWindow(QMainWindow):
    """One window, one tab per activity. Each tab is a :class:`Panel`; tabs reach each
    other only through ``self.links``."""

    # A checkpoint the user chose (File > Open checkpoint, or "Use in Draw tab" on a run).
    checkpoint_selected = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Digit Lab"))
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.links = WindowLinks(self)
        self.links.train_config = lambda: self.train_panel.form.config()  # sweeps start here
        self.links.use_checkpoint.connect(self.checkpoint_selected)
        self.links.show_tab.connect(self.show_tab)
        self.panels: dict[str, Panel] = {}
        self.last_message = ""
        self._quitting = False  # closing without asking (signals, logout)
        self._shut_down = False
        self._wanted_size = self._fitted_size = None  # see _fit_size
        self._add_panels()
        build_menus(self)
        install_tab_keys(self, self.tabs)  # Ctrl+Tab from anywhere, even sub-tabs
        install_wheel_guard()  # in a scrolling panel the wheel scrolls the panel
        self._restore_geometry()

    # -- tabs -------------------------------------------------------------
    def _add_panels(self) -> None:
        for panel_class in PANELS:
            panel = panel_class(self.links, self)
            self.panels[panel.title] = panel
            self.tabs.addTab(panel, panel.tab_title())

    @property
    def train_panel(self) -> TrainPanel:
        return self.panels[TrainPanel.title]

    def show_tab(self, title: str) -> None:
        """Bring the tab called ``title`` to the front (tabs ask through ``links.show_tab``)."""
        if title in self.panels:
            self.tabs.setCurrentWidget(self.panels[title])

    def set_presentation_mode(self, on: bool) -> None:
        """Presentation mode on or off for the whole UI (also View > Presentation mode)."""
        self.presentation.set_presentation(on)

    def set_zoom(self, percent: int) -> None:
        """Zoom the whole UI to ``percent`` (50..300; also Ctrl+= / Ctrl+- / Ctrl+0)."""
        self.presentation.set_zoom(percent)

    def _show_presentation_state(self) -> None:
        self.presentation_action.setChecked(self.presentation.presentation)
        self.statusBar().showMessage(
            self.tr("Zoom {percent}%").format(percent=self.presentation.zoom_percent), 2000
        )
        if self._wanted_size is None or self.size() != self._fitted_size:
            self._wanted_size = self.size()  # what the user chose, before any forced growth
        QTimer.singleShot(50, self._fit_size)  # once the new sizes have been laid out

    def _fit_size(self) -> None:
        """Back to the size the user chose, or the new minimum if larger: a zoom or
        presentation mode can force the window to grow, and Qt never shrinks it back when
        the text gets smaller again (a 1024-pixel screen kept a 1077-pixel window)."""
        if self._wanted_size is None or self.isMaximized() or self.isFullScreen():
            return
        minimum = self.minimumSizeHint().expandedTo(self.minimumSize())
        target = self._wanted_size.expandedTo(minimum)
        if target != self.size():
            self.resize(target)
        self._fitted_size = target
        if target == self._wanted_size:  # nothing forced: a later change starts afresh
            self._wanted_size = None

    def warn(self, title: str, text: str) -> None:
        """A message the user must read; window-modal but not blocking the event loop."""
        self.last_message = text
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def open_checkpoint(self, path: str | None = None) -> bool:
        """Validate first; a corrupt, truncated or foreign file leaves everything as it was."""
        from training_core.checkpoints import CheckpointError, load_checkpoint

        if path is None:
            path = file_dialogs.open_file_name(
                self,
                "checkpoint",
                self.tr("Open checkpoint"),
                self.tr("Digit Lab checkpoints (*.pt);;All files (*)"),
                runs_root(),
            )
            if not path:
                return False
        try:
            checkpoint = load_checkpoint(path)
            checkpoint.build_model()  # weights that do not fit the model are caught here
        except CheckpointError as exc:
            self.warn(self.tr("Cannot open checkpoint"), error_text(exc))
            return False
        self.train_panel.show_checkpoint(checkpoint)
        self.links.use_checkpoint.emit(str(path))
        self.statusBar().showMessage(self.tr("Opened {path}").format(path=path), 5000)
        return True

    def save_checkpoint_as(self, path: str | None = None) -> bool:
        from training_core.checkpoints import CheckpointError, save_for_inference

        source = self.train_panel.current_checkpoint
        if source is None or not source.is_file():
            self.warn(
                self.tr("Nothing to save"),
                self.tr("Train a run or open one from the Runs list first."),
            )
            return False
        if path is None:
            path = file_dialogs.save_file_name(
                self,
                "export",
                self.tr("Save checkpoint as"),
                f"{source.parent.name}.pt",
                self.tr("Checkpoints (*.pt)"),
            )
            if not path:
                return False
        try:
            save_for_inference(source, path)
        except (CheckpointError, OSError) as exc:
            self.warn(self.tr("Cannot save checkpoint"), error_text(exc))
            return False
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)
        return True

    def export_model(self):
        """The Export dialog (ONNX, script, notebook) for the shown run's checkpoint."""
        from desktop_app.train.export_dialog import ExportDialog

        source = self.train_panel.current_checkpoint
        if source is None or not source.is_file():
            self.warn(
                self.tr("Nothing to export"),
                self.tr("Train a run or open one from the Runs list first."),
            )
            return None
        dialog = ExportDialog(source, self)
        dialog.open()
        return dialog

    def export_curves(self, folder: str | None = None) -> list:
        plots = self.train_panel.plots
        if folder is None:
            folder = file_dialogs.existing_folder(
                self, "export", self.tr("Export curves to folder")
            )
            if not folder:
                return []
        try:
            written = plots.export(folder)
        except OSError as exc:
            self.warn(self.tr("Cannot export curves"), error_text(exc))
            return []
        self.statusBar().showMessage(
            self.tr("Wrote {count} files to {folder}").format(count=len(written), folder=folder),
            5000,
        )
        return written

    def show_preferences(self) -> None:
        from desktop_app.common.settings import PreferencesDialog

        dialog = PreferencesDialog(self)
        if dialog.exec():
            self.train_panel.runs.refresh()

    def import_dataset(self) -> None:
        from desktop_app.train.data_dialog import import_dataset_zip

        if import_dataset_zip(self):
            self.statusBar().showMessage(self.tr("Dataset imported into the data folder"), 5000)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Digit Lab"), about_text())

    # -- geometry -------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = stored_bytes(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)

    # -- the one way out --------------------------------------------------------
    def closeEvent(self, event):
        """The close button asks first when work would be lost (a close the window system
        delivers is "spontaneous"). A close from code, as ``QApplication.quit()`` sends
        on a logout, does not ask: nobody may be there to answer."""
        asking = event.spontaneous() and not self._quitting and not self._shut_down
        if asking and not self._confirm_quit():
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)

    def request_quit(self) -> None:
        """Ctrl+Q and File > Quit: ask like the close button, then quit."""
        if self._confirm_quit():
            self.quit_without_asking()

    def quit_without_asking(self) -> None:
        """A signal (Ctrl+C, SIGTERM) or a logout: the same clean shutdown, no question."""
        self._quitting = True
        self.close()

    def _confirm_quit(self) -> bool:
        unfinished = [w for panel in self.panels.values() if (w := panel.unfinished_work())]
        if not unfinished:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Quit Digit Lab?"),
            self.tr(
                "{work} is still running. Stop it and quit? Every finished epoch is "
                "kept, and a run can be resumed from its last one."
            ).format(work=unfinished[0]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def shutdown(self) -> None:
        """Stop every tab's work and remember the geometry; runs once, however the app
        ends (the close event, or QApplication.aboutToQuit when Qt is told to quit)."""
        if self._shut_down:
            return
        self._shut_down = True
        stop_all_workers(0)  # every job is asked at once, then each tab waits briefly
        for panel in self.panels.values():
            try:
                panel.shutdown()
            except Exception:  # one tab's failure must not keep the others running
                log.exception("the %s tab did not shut down cleanly", panel.title)
        left = stop_all_workers()
        if left:
            log.warning("quitting with background work still running: %s", ", ".join(left))
        store(GEOMETRY_KEY, self.saveGeometry())

    def open_log_folder(self) -> None:
        folder = app_log.log_path().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.warn(
                self.tr("No log folder"),
                self.tr("{folder} cannot be created: {reason}.").format(
                    folder=folder, reason=exc.strerror or exc
                ),
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        self.statusBar().showMessage(self.tr("Log folder: {folder}").format(folder=folder), 10000)


def about_text() -> str:
    import platform

    import torch
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from training_core import __version__

    cuda = torch.cuda.is_available()
    return (
        f"<b>Digit Lab</b> {__version__}<br>"
        + (
            QCoreApplication.translate("MainWindow", "PyTorch {version} (CUDA available)")
            if cuda
            else QCoreApplication.translate("MainWindow", "PyTorch {version} (CUDA not available)")
        ).format(version=torch.__version__)
        + f"<br>Qt {qVersion()}, PySide6 {pyside_version}<br>"
        f"Python {platform.python_version()}"
        + "<br><br>"
        + QCoreApplication.translate(
            "MainWindow",
            "MNIST, bundled with Digit Lab: by Yann LeCun, Corinna Cortes and Christopher J. C. "
            "Burges. Copyright Yann LeCun and Corinna Cortes (a derivative of NIST's data), "
            "made available under the Creative Commons Attribution-Share Alike 3.0 licence "
            "(CC BY-SA 3.0).",
        )
        + "<br>"
        + QCoreApplication.translate(
            "MainWindow",
            "Fashion-MNIST, downloaded when first used: by Zalando Research (Han Xiao, Kashif "
            "Rasul, Roland Vollgraf), under the MIT licence.",
        )
    )
