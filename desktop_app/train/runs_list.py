"""The Runs list: every run folder under the runs folder, newest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common.i18n import core_text
from desktop_app.train.run_text import state_text
from training_core.run_record import RunRecord
from training_core.runs import RunDirectory, list_runs, tidy_runs

COLUMNS = (
    QT_TRANSLATE_NOOP("RunsList", "Run"),
    QT_TRANSLATE_NOOP("RunsList", "Model"),
    QT_TRANSLATE_NOOP("RunsList", "Dataset"),
    QT_TRANSLATE_NOOP("RunsList", "Epochs"),
    QT_TRANSLATE_NOOP("RunsList", "Test accuracy"),
    QT_TRANSLATE_NOOP("RunsList", "State"),
)
STATE_COLUMN = COLUMNS.index("State")
STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # the run's state as the core names it
RESUMABLE = ("stopped", "interrupted", "failed")  # states whose run can go on


def run_summary(record: RunRecord) -> tuple[str, ...]:
    """The run's row; a damaged run still gets one, with "damaged" as its state."""
    config, metrics = record.config, record.metrics
    last = metrics[-1] if metrics else {}
    accuracy = f"{last['test_acc']:.2%}" if "test_acc" in last else "–"
    epochs = f"{len(metrics)}/{config.get('epochs', '?')}"
    return (
        record.path.name,
        str(config.get("model", "?")),
        str(config.get("dataset", "?")),
        epochs,
        accuracy,
        state_text(record.state),
    )


class RunsList(QWidget):
    open_requested = Signal(str)  # run folder
    compare_requested = Signal(str)
    resume_requested = Signal(str)
    use_in_draw_requested = Signal(str)  # checkpoint file

    def __init__(self, runs_root_fn, parent=None):
        super().__init__(parent)
        self._runs_root = runs_root_fn
        self.folder = QLabel(self)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long path must not widen the window past a small screen: it is cut, and the
        # whole path is the tooltip.
        self.folder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr(name) for name in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemDoubleClicked.connect(lambda *_: self._emit(self.open_requested))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setToolTip(self.tr("Show this run's curves and results"))
        self.compare_button = QPushButton(self.tr("Compare"), self)
        self.compare_button.setToolTip(
            self.tr("Overlay this run's curves (dashed) on the shown run")
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
        self.export_dialog = None  # the last Export dialog opened (tests look at it)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.reveal_button = QPushButton(self.tr("Open folder"), self)
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.compare_button.clicked.connect(lambda: self._emit(self.compare_requested))
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
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The folder's own buttons sit with its name, so the run buttons fit 1024 pixels.
        top = QHBoxLayout()
        top.addWidget(self.folder, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.reveal_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        tidy_runs(self._runs_root())  # temporary files of runs killed mid-write
        self.refresh()

    def refresh(self) -> None:
        root = Path(self._runs_root())
        selected = self.selected_path()
        self.folder.setText(self.tr("Runs folder: {folder}").format(folder=root))
        self.folder.setToolTip(str(root))
        self.tree.clear()
        for run in list_runs(root):
            record = run.inspect()
            item = QTreeWidgetItem(list(run_summary(record)))
            item.setData(0, Qt.ItemDataRole.UserRole, str(run.path))
            item.setData(0, STATE_ROLE, record.state)
            if record.reason:  # why it is damaged, interrupted, stopped or failed
                reason = core_text(record.reason)
                item.setToolTip(STATE_COLUMN, reason)
                item.setToolTip(0, reason)
            self.tree.addTopLevelItem(item)
            if str(run.path) == selected:
                item.setSelected(True)
        for column in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        self._update_buttons()

    def selected_path(self) -> str | None:
        items = self.tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def select(self, path: str | Path) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if Path(item.data(0, Qt.ItemDataRole.UserRole)) == Path(path):
                self.tree.setCurrentItem(item)
                return True
        return False

    def _selected_state(self) -> str | None:
        items = self.tree.selectedItems()
        return items[0].data(0, STATE_ROLE) if items else None

    def _emit(self, signal) -> None:
        path = self.selected_path()
        if path:
            signal.emit(path)

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
