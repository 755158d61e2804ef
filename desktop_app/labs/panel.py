"""The Labs tab: the chapters (built-in, the user's folder, imported packs), the chosen
chapter's steps and text, and the lab guide bar that follows the student to every tab.

Why a tab and a bar: the list and the prose need room, but the questions are answered while
looking at another tab's curves. So the text lives here, and the current step (its action,
its question, the feedback, Back/Next) sits in a slim bar at the bottom of the window
(``dock``, which the main window docks and View > Lab guide toggles).
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import file_dialogs, palette
from desktop_app.common.i18n import active_language, core_text, error_text
from desktop_app.common.layout import vertical_scroll
from desktop_app.common.panel import Panel, WindowLinks
from desktop_app.common.workers import Worker, job
from desktop_app.labs.bar import LabBar
from desktop_app.labs.guide import LabGuide
from desktop_app.labs.steps import step_markdown
from desktop_app.labs.text import LabText
from training_core.lab_report import write_report
from training_core.lab_session import session_path
from training_core.labs import LabError, import_lab_pack, list_labs, load_lab, user_labs_dir

log = logging.getLogger(__name__)

LIST_WIDTH = 250
BROKEN_COLOUR = palette.ERROR


class LabsPanel(Panel):
    title = QT_TRANSLATE_NOOP("Panel", "Labs")  # the key; the tab shows its translation

    def __init__(self, links: WindowLinks | None = None, parent=None):
        super().__init__(links, parent)
        self.guide = LabGuide(self.links, self)
        self.bar = LabBar(self.guide)
        self.dock = QDockWidget(self.tr("Lab guide"))
        self.dock.setObjectName("lab-guide")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        # The bar scrolls rather than push a 1024x576 window's minimum height up: its
        # wrapped question and feedback can take more rows than the window has to spare.
        bar_scroll = vertical_scroll(self.bar, self.dock)
        bar_scroll.setMinimumHeight(44)  # one row of buttons; the rest scrolls
        self.dock.setWidget(bar_scroll)
        self.dock.setTitleBarWidget(QWidget())  # no title row: the bar must stay slim
        self.dock.hide()
        self.listing = None  # training_core.labs.LabListing
        self.shown = None  # the Lab whose text is shown
        self.last_message = ""
        self._workers: list[Worker] = []

        self.labs_list = QListWidget()
        self.labs_list.setAccessibleName(self.tr("Chapters"))
        self.labs_list.setFixedWidth(LIST_WIDTH)
        self.labs_list.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import lab pack…"))
        self.import_button.setToolTip(self.tr("Add the labs in a zip file to your labs folder"))
        self.folder_button = QPushButton(self.tr("Open labs folder"))
        self.folder_button.setToolTip(
            self.tr("Your own lab files (.md) go here; they appear in this list")
        )
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Chapters")))
        left.addWidget(self.labs_list, 1)
        left.addWidget(self.import_button)
        left.addWidget(self.folder_button)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start this lab"))
        self.report_button = QPushButton(self.tr("Save my lab report…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        self.steps_list = QListWidget()
        self.steps_list.setAccessibleName(self.tr("Steps"))
        self.steps_list.setWordWrap(True)
        self.text = LabText()
        self.text.setAccessibleName(self.tr("Step text"))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.steps_list)
        split.addWidget(self.text)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 600])
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(buttons)
        right.addWidget(split, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        self.labs_list.currentRowChanged.connect(self._lab_chosen)
        self.steps_list.currentRowChanged.connect(self._step_chosen)
        self.start_button.clicked.connect(self.start_lab)
        self.report_button.clicked.connect(lambda: self.save_report())
        self.import_button.clicked.connect(lambda: self.import_pack())
        self.folder_button.clicked.connect(self.open_labs_folder)
        self.bar.read_requested.connect(self.show_current_step)
        self.bar.report_requested.connect(lambda: self.save_report())
        self.bar.close_requested.connect(self.dock.hide)
        self.guide.changed.connect(self._follow_guide)
        self.refresh()

    # -- the list of chapters -----------------------------------------------------------
    def refresh(self) -> None:
        """List every lab; a broken file is listed with its one-line error."""
        self.listing = list_labs()
        self.labs_list.blockSignals(True)
        self.labs_list.clear()
        for info in self.listing.labs:
            item = QListWidgetItem(info.title_in(active_language()))
            item.setToolTip(info.summary or info.title)
            item.setData(Qt.ItemDataRole.UserRole, ("lab", info))
            self.labs_list.addItem(item)
        for broken in self.listing.broken:
            item = QListWidgetItem(
                self.tr("⚠ {error}").format(error=_short(core_text(broken.error), broken.path))
            )
            item.setForeground(QBrush(QColor(BROKEN_COLOUR)))
            item.setToolTip(core_text(broken.error))
            item.setData(Qt.ItemDataRole.UserRole, ("broken", broken))
            self.labs_list.addItem(item)
        self.labs_list.blockSignals(False)
        if self.labs_list.count():
            self.labs_list.setCurrentRow(0)
        else:
            self._lab_chosen(-1)

    def lab_titles(self) -> list[str]:
        return [self.labs_list.item(i).text() for i in range(self.labs_list.count())]

    def select_lab(self, lab_id: str) -> bool:
        for row in range(self.labs_list.count()):
            kind, info = self.labs_list.item(row).data(Qt.ItemDataRole.UserRole)
            if kind == "lab" and info.id == lab_id:
                self.labs_list.setCurrentRow(row)
                return True
        return False

    def _lab_chosen(self, row: int) -> None:
        self.shown = None
        self.steps_list.clear()
        self.start_button.setEnabled(False)
        item = self.labs_list.item(row) if row >= 0 else None
        if item is None:
            self.heading.setText(self.tr("No labs found."))
            self.text.clear()
            return
        kind, info = item.data(Qt.ItemDataRole.UserRole)
        if kind == "broken":
            self.heading.setText(self.tr("This lab file cannot be used:"))
            self.text.setPlainText(item.toolTip())
            return
        try:
            lab = load_lab(info.id, active_language())
        except (LabError, OSError) as exc:
            self.heading.setText(self.tr("This lab file cannot be used:"))
            self.text.setPlainText(error_text(exc))
            return
        self.shown = lab
        heading = f"{lab.title}\n{lab.summary}" if lab.summary else lab.title
        if lab.fallback:
            heading += "\n" + self.tr("(This lab has no text in your language; shown in English.)")
        self.heading.setText(heading)
        self.start_button.setEnabled(True)
        begun = session_path(lab.id).is_file()  # started before, maybe in an earlier sitting
        self.start_button.setText(
            self.tr("Continue this lab") if begun else self.tr("Start this lab")
        )
        self.steps_list.blockSignals(True)
        self.steps_list.addItem(self.tr("Introduction"))
        for number, step in enumerate(lab.steps, 1):
            self.steps_list.addItem(
                self.tr("{number}. {title}").format(number=number, title=step.title)
            )
        self.steps_list.blockSignals(False)
        self.steps_list.setCurrentRow(0)
        self._step_chosen(0)

    def _step_chosen(self, row: int) -> None:
        lab = self.shown
        if lab is None or row < 0:
            return
        if row == 0:
            self.text.show_markdown(f"# {lab.title}\n\n{lab.intro}")
            return
        self.text.show_markdown(step_markdown(lab.steps[row - 1], row))
        if self.guide.lab is not None and self.guide.lab.id == lab.id:
            self.guide.go(row - 1)

    # -- the open lab -------------------------------------------------------------------
    def start_lab(self) -> None:
        """Open the chosen chapter in the guide bar, where the student left it."""
        if self.shown is None:
            return
        self.guide.open(self.shown)
        if self.dock.parent() is not None:  # docked in the window (a tab alone: no bar)
            self.dock.show()
        self.start_button.setText(self.tr("Continue this lab"))

    def _follow_guide(self) -> None:
        """The bar moved to another step: select it here too."""
        lab = self.guide.lab
        if lab is None or self.shown is None or self.shown.id != lab.id:
            return
        row = self.guide.step_index + 1
        if self.steps_list.currentRow() != row:
            self.steps_list.setCurrentRow(row)

    def show_current_step(self) -> None:
        lab = self.guide.lab
        if lab is None:
            return
        if self.shown is None or self.shown.id != lab.id:
            self.select_lab(lab.id)
        self.steps_list.setCurrentRow(self.guide.step_index + 1)
        self.links.show_tab.emit(self.title)

    # -- files --------------------------------------------------------------------------
    def _run(self, fn, done, *args) -> Worker:
        worker = Worker(job(fn, *args), "digit-lab-labs-files", self)
        worker.done.connect(done)
        worker.failed.connect(lambda message: self._tell(self.tr("Labs"), message))
        worker.finished.connect(lambda: self._workers.remove(worker))
        worker.finished.connect(worker.deleteLater)
        self._workers.append(worker)
        return worker.start()

    def _tell(self, title: str, text: str) -> None:
        self.last_message = text
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def save_report(self, path: str | None = None) -> Worker | None:
        """Save the open lab's report (steps, runs, answers, plots) as one HTML file; the
        file dialog asks before replacing a file, so the writer may replace it."""

        lab, session = self.guide.lab, copy.deepcopy(self.guide.session)  # the worker's own
        if lab is None:
            self._tell(self.tr("No lab open"), self.tr("Start a lab first."))
            return None
        if path is None:
            path = file_dialogs.save_file_name(
                self,
                "lab-report",
                self.tr("Save my lab report"),
                f"{lab.id}-report.html",
                self.tr("Web pages (*.html)"),
            )
            if not path:
                return None
        from desktop_app.common import settings

        return self._run(
            report_job,
            lambda written: self._reported(written),
            path,
            lab,
            session,
            settings.data_root(),
        )

    def _reported(self, written) -> None:
        self.last_message = self.tr("Report saved: {path}").format(path=written)
        self.bar.show_status(self.last_message)

    def import_pack(self, path: str | None = None, overwrite: bool = False) -> Worker | None:
        if path is None:
            path = file_dialogs.open_file_name(
                self, "lab-pack", self.tr("Import lab pack"), self.tr("Lab packs (*.zip)")
            )
            if not path:
                return None

        def done(written) -> None:
            self.refresh()
            self.last_message = self.tr("Imported {count} lab files.").format(count=len(written))

        return self._run(import_lab_pack, done, path, None, overwrite)

    def open_labs_folder(self) -> Path | None:
        folder = user_labs_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._tell(self.tr("No labs folder"), error_text(exc))
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        return folder

    # -- window hooks -------------------------------------------------------------------
    def shutdown(self) -> None:
        self.guide.shutdown()
        for worker in list(self._workers):
            worker.wait(1.5)


def _short(error: str, path) -> str:
    """A broken lab's line for the narrow list: its file name instead of the full path."""
    full = str(path)
    return Path(full).name + error[len(full) :] if error.startswith(full) else error


def report_job(path: str, lab, session, data_root) -> str:
    """In a worker: each run of the session read back (a run folder deleted since is left
    out, and the log says so), then the report written; the curves are drawn by the core."""
    runs = {}
    for name in session.runs:
        try:
            runs[name] = session.results(name, data_root)
        except (LabError, OSError, ValueError) as exc:
            log.warning("run %s is left out of the report: %s", name, exc)
    write_report(path, lab, runs, dict(session.answers), overwrite=True)
    return path
