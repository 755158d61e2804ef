"""The Runs list: every run folder under the runs folder, newest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
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

from training_core.run_record import RunRecord
from training_core.runs import RunDirectory, list_runs, tidy_runs

COLUMNS = ("Run", "Model", "Dataset", "Epochs", "Test accuracy", "State")
STATE_COLUMN = COLUMNS.index("State")


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
        record.state,
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
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemDoubleClicked.connect(lambda *_: self._emit(self.open_requested))
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton("Open", self)
        self.open_button.setToolTip("Show this run's curves and results")
        self.compare_button = QPushButton("Compare", self)
        self.compare_button.setToolTip("Overlay this run's curves (dashed) on the shown run")
        self.resume_button = QPushButton("Resume", self)
        self.resume_button.setToolTip("Continue a stopped run from its last finished epoch")
        self.draw_button = QPushButton("Use in Draw tab", self)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setToolTip(
            "This run as an ONNX model, a Python script or a Jupyter notebook"
        )
        self.export_dialog = None  # the last Export dialog opened (tests look at it)
        self.refresh_button = QPushButton("Refresh", self)
        self.reveal_button = QPushButton("Open folder", self)
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
        self.folder.setText(f"Runs folder: {root}")
        self.folder.setToolTip(str(root))
        self.tree.clear()
        for run in list_runs(root):
            record = run.inspect()
            item = QTreeWidgetItem(list(run_summary(record)))
            item.setData(0, Qt.ItemDataRole.UserRole, str(run.path))
            if record.reason:  # why it is damaged, interrupted, stopped or failed
                item.setToolTip(STATE_COLUMN, record.reason)
                item.setToolTip(0, record.reason)
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
        self.resume_button.setEnabled(has_checkpoint)
        self.draw_button.setEnabled(has_checkpoint)
        self.export_button.setEnabled(bool(path))
