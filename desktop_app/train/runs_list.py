"""The Runs page: every run folder under the runs folder as a sortable, filterable table.

A column appears for each setting the listed runs differ in (see ``runs_table``). Runs can
be opened, compared (several at once), resumed when they did not finish, renamed and given
a note (stored beside the run: the folder never moves) and deleted, to the system trash
when there is one. Reading the folder's disk use and deleting run in the app's one worker
model, so a large runs folder never stalls the window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common.workers import LatestOnlyRunner, Worker
from desktop_app.train.runs_editing import RunEditing
from desktop_app.train.runs_table import (
    DATE,
    NAME,
    NOTE,
    PATH_ROLE,
    STATE_ROLE,
    RunItem,
    read_rows,
    size_text,
    table_columns,
)
from training_core.runs import (
    RunDirectory,
    runs_disk_use,
    tidy_runs,
)

log = logging.getLogger(__name__)

STATE_COLUMN = 1  # the run's name is column 0, its state column 1, whatever else differs
MAX_COLUMN_EMS = 11  # the widest a column starts, in widths of 'M'
RESUMABLE = ("stopped", "interrupted", "failed")  # states whose run can go on


class RunsList(RunEditing, QWidget):
    open_requested = Signal(str)  # run folder
    compare_requested = Signal(list)  # run folders, in the table's order
    resume_requested = Signal(str)
    use_in_draw_requested = Signal(str)  # checkpoint file
    deleted = Signal(str)  # run folder, once it has gone

    def __init__(self, runs_root_fn, parent=None):
        super().__init__(parent)
        self._runs_root = runs_root_fn
        # The run the Train tab trains now (set by the panel): never deleted.
        self.training_run = lambda: None
        self.run_bytes: dict[str, int] = {}  # each run's size, once counted
        self.export_dialog = None  # the last Export dialog opened (tests look at it)
        self._deleting: Worker | None = None
        self._after_delete: tuple[str, bool] | None = None  # a delete for good, once asked
        self.columns: list[tuple[str, str]] = []

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter runs…"))
        self.filter.setAccessibleName(self.tr("Filter runs"))
        self.filter.setToolTip(self.tr("Show only runs whose name, note, model or state has this"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(220)
        self.filter.textChanged.connect(self._apply_filter)
        self.folder = QLabel(self)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long path must not widen the window past a small screen: it is cut, and the
        # whole path is the tooltip.
        self.folder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Runs"))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.tree.setSortingEnabled(True)
        self.tree.header().setSortIndicatorShown(True)
        self.tree.itemDoubleClicked.connect(lambda *_: self._emit(self.open_requested))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.message = QLabel(self)  # what the last rename or delete did
        self.message.setWordWrap(True)
        self.message.hide()

        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setToolTip(self.tr("Show this run's curves and results"))
        self.compare_button = QPushButton(self.tr("Compare"), self)
        self.compare_button.setToolTip(
            self.tr("Overlay the selected runs' curves on the shown run, each in its own colour")
        )
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.resume_button.setToolTip(
            self.tr("Continue a stopped run from its last finished epoch")
        )
        self.draw_button = QPushButton(self.tr("Use in Draw tab"), self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setToolTip(
            self.tr("This run as an ONNX model, a Python script or a Jupyter notebook")
        )
        self.rename_action = QAction(self.tr("&Rename…"), self)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.note_action = QAction(self.tr("&Note…"), self)
        self.delete_action = QAction(self.tr("&Delete…"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        for action in (self.rename_action, self.note_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(action)  # the table's context menu and its keys
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.rename_action.triggered.connect(self.rename_selected)
        self.note_action.triggered.connect(self.edit_note_selected)
        self.delete_action.triggered.connect(self.delete_selected)
        self.more_button = QToolButton(self)
        self.more_button.setText(self.tr("More"))
        self.more_button.setAccessibleName(self.tr("More run actions"))
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        menu.addActions([self.rename_action, self.note_action, self.delete_action])
        self.more_button.setMenu(menu)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.reveal_button = QPushButton(self.tr("Open folder"), self)
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.compare_button.clicked.connect(self._compare)
        self.resume_button.clicked.connect(lambda: self._emit(self.resume_requested))
        self.draw_button.clicked.connect(self._use_in_draw)
        self.export_button.clicked.connect(self.export_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.reveal_button.clicked.connect(self._reveal)
        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.compare_button,
            self.resume_button,
            self.draw_button,
            self.export_button,
            self.more_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The folder's own buttons sit with its name, so the run buttons fit 1024 pixels.
        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addWidget(self.folder, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.reveal_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.disk_runner = LatestOnlyRunner(self, name="digit-lab-disk-use")
        self.disk_runner.result_ready.connect(self._show_disk_use)
        self.disk_runner.failed.connect(lambda reason: log.warning("disk use: %s", reason))
        tidy_runs(self._runs_root())  # temporary files of runs killed mid-write
        self.refresh()

    # -- the table ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the runs folder again; keeps the selection, the sort and the filter."""
        root = Path(self._runs_root())
        selected = set(self.selected_paths())
        header = self.tree.header()
        section = header.sortIndicatorSection()
        if 0 <= section < len(self.columns):
            sort_key, order = self.columns[section][0], header.sortIndicatorOrder()
        else:
            sort_key, order = DATE, Qt.SortOrder.DescendingOrder  # newest first at the start
        rows = read_rows(root)
        self.columns = table_columns(rows)
        keys = [key for key, _header in self.columns]
        self.folder.setToolTip(str(root))
        if not self.folder.text():
            self.folder.setText(self.tr("Runs folder: counting…"))
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        self.tree.setColumnCount(len(self.columns))
        self.tree.setHeaderLabels([title for _key, title in self.columns])
        for row in rows:
            item = RunItem(row, self.columns)
            self.tree.addTopLevelItem(item)
            item.setSelected(str(row.path) in selected)
        self.tree.setSortingEnabled(True)
        column = keys.index(sort_key) if sort_key in keys else keys.index(DATE)
        self.tree.sortItems(column, order)
        for index, key in enumerate(keys):
            self.tree.resizeColumnToContents(index)
            # A long run name or note is elided, not a reason to push Test accuracy and
            # Date behind a horizontal scrollbar (its full text is in the tooltip). Only
            # those two: a date or a setting cut to "2026-12-01 03..." says nothing.
            if key in (NAME, NOTE):
                limit = self.fontMetrics().horizontalAdvance("M") * MAX_COLUMN_EMS
                self.tree.setColumnWidth(index, min(self.tree.columnWidth(index), limit))
        self._apply_filter()
        self.disk_runner.submit(runs_disk_use, str(root))

    def _apply_filter(self) -> None:
        text = self.filter.text()
        for item in self._items():
            hidden = not item.row.matches(text)
            item.setHidden(hidden)
            if hidden:
                item.setSelected(False)
        self._update_buttons()

    def _show_disk_use(self, use) -> None:
        self.run_bytes = dict(use.run_bytes)
        size = size_text(use.total_bytes)
        if use.runs == 1:
            text = self.tr("Runs folder: 1 run, {size}").format(size=size)
        else:
            text = self.tr("Runs folder: {runs} runs, {size}").format(runs=use.runs, size=size)
        self.folder.setText(text)

    def _items(self) -> list[RunItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def visible_names(self) -> list[str]:
        """The shown runs' names in the table's order (what a user reads, top to bottom)."""
        return [item.text(0) for item in self._items() if not item.isHidden()]

    def column_keys(self) -> list[str]:
        return [key for key, _header in self.columns]

    def selected_paths(self) -> list[str]:
        """The selected runs, in the table's order."""
        items = [item for item in self._items() if item.isSelected() and not item.isHidden()]
        return [item.data(0, PATH_ROLE) for item in items]

    def selected_path(self) -> str | None:
        current = self.tree.currentItem()
        if current is not None and current.isSelected() and not current.isHidden():
            return current.data(0, PATH_ROLE)
        paths = self.selected_paths()
        return paths[0] if paths else None

    def select(self, path: str | Path) -> bool:
        for item in self._items():
            if Path(item.data(0, PATH_ROLE)) == Path(path):
                item.setHidden(False)
                self.tree.setCurrentItem(item)
                return True
        return False

    def _item_of(self, path: str | None) -> RunItem | None:
        found = [item for item in self._items() if item.data(0, PATH_ROLE) == path]
        return found[0] if found else None

    def _name_of(self, path: str) -> str:
        """The run's name as the table shows it (the user's, else the folder's)."""
        item = self._item_of(path)
        return item.text(0) if item is not None else Path(path).name

    def _selected_state(self) -> str | None:
        item = self._item_of(self.selected_path())
        return item.data(0, STATE_ROLE) if item is not None else None

    def _emit(self, signal) -> None:
        path = self.selected_path()
        if path:
            signal.emit(path)

    def _compare(self) -> None:
        paths = self.selected_paths()
        if paths:
            self.compare_requested.emit(paths)

    def _use_in_draw(self) -> None:
        path = self.selected_path()
        if path:
            self.use_in_draw_requested.emit(str(RunDirectory(Path(path)).checkpoint_path))

    def export_selected(self) -> None:
        """The Export dialog for the selected run (code from its settings; ONNX once it
        has a checkpoint)."""
        from desktop_app.train.export_dialog import ExportDialog

        path = self.selected_path()
        if path:
            self.export_dialog = ExportDialog(path, self)
            self.export_dialog.open()

    def _reveal(self) -> None:
        root = Path(self._runs_root())
        if root.is_dir():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(root)))

    def _update_buttons(self) -> None:
        path = self.selected_path()
        has_checkpoint = bool(path) and RunDirectory(Path(path)).checkpoint_path.is_file()
        self.open_button.setEnabled(bool(path))
        self.compare_button.setEnabled(bool(path))
        # Resume only what did not finish: a completed run has nothing left to train.
        self.resume_button.setEnabled(has_checkpoint and self._selected_state() in RESUMABLE)
        self.draw_button.setEnabled(has_checkpoint)
        self.export_button.setEnabled(bool(path))
        self.rename_action.setEnabled(bool(path))
        self.note_action.setEnabled(bool(path))
        self.delete_action.setEnabled(bool(path) and self._deleting is None)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
