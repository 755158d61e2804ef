"""The trials table: one row per trial (status, each varied option, test accuracy, test
loss, time), sortable on any column, refilled from the :class:`SweepState` as events come.

Sorting is by value, not by text: numbers as numbers and an empty cell (no result yet)
below every number, so "best first" is one click on the accuracy column.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.experiments.sweep_state import SweepState, Trial, format_value

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TRIAL_ROLE = Qt.ItemDataRole.UserRole + 2


def status_text(status: str) -> str:
    """A trial's status in the window's language."""
    texts = {
        "pending": QCoreApplication.translate("TrialTable", "waiting"),
        "running": QCoreApplication.translate("TrialTable", "running"),
        "completed": QCoreApplication.translate("TrialTable", "completed"),
        "stopped": QCoreApplication.translate("TrialTable", "stopped"),
        "diverged": QCoreApplication.translate("TrialTable", "diverged"),
        "failed": QCoreApplication.translate("TrialTable", "failed"),
    }
    return texts.get(status, status)


class TrialTableModel(QAbstractTableModel):
    """The rows of the table, read from a :class:`SweepState` (the model keeps no copy)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.state = SweepState()
        self._rows: list[Trial] = []
        self._options: list[str] = []

    def set_state(self, state: SweepState) -> None:
        self.state = state
        self.refresh()

    def refresh(self) -> None:
        """Re-read the state: new rows and columns reset the model, changed cells update."""
        rows, options = list(self.state.trials.values()), self.state.varied()
        if [t.name for t in rows] != [t.name for t in self._rows] or options != self._options:
            self.beginResetModel()
            self._rows, self._options = rows, options
            self.endResetModel()
        elif rows:
            self._rows = rows
            last = self.index(len(rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @property
    def options(self) -> list[str]:
        return list(self._options)

    def trial(self, row: int) -> Trial:
        return self._rows[row]

    def _headers(self) -> list[str]:
        return [
            QCoreApplication.translate("TrialTable", "Trial"),
            QCoreApplication.translate("TrialTable", "Status"),
            *self._options,
            QCoreApplication.translate("TrialTable", "Test accuracy"),
            QCoreApplication.translate("TrialTable", "Test loss"),
            QCoreApplication.translate("TrialTable", "Time (s)"),
        ]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5 + len(self._options)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        trial, column = self._rows[index.row()], index.column()
        value = self._value(trial, column)
        if role == SORT_ROLE:
            return value
        if role == TRIAL_ROLE:
            return trial.name
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(trial, column, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return trial.error or trial.run or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _value(self, trial: Trial, column: int):
        if column == 0:
            return trial.name
        if column == 1:
            return trial.status
        if column < 2 + len(self._options):
            return trial.config.get(self._options[column - 2])
        return (trial.test_acc, trial.test_loss, trial.seconds)[column - 2 - len(self._options)]

    def _display(self, trial: Trial, column: int, value) -> str:
        if column == 1:
            return status_text(trial.status)
        metric = column - 2 - len(self._options)
        if value is None:
            return ""
        if metric == 0:
            return f"{value:.2%}"
        if metric == 1:
            return f"{value:.4f}"
        if metric == 2:
            return f"{value:.1f}"
        return format_value(value)


class _SortProxy(QSortFilterProxyModel):
    """Numbers compare as numbers; an empty cell sorts below any value; mixed types by text."""

    def lessThan(self, left, right) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return a is None and b is not None
        if isinstance(a, int | float) and isinstance(b, int | float):
            return a < b
        return str(a) < str(b)


class TrialTable(QTableView):
    """The sortable view over a :class:`TrialTableModel`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.trials = TrialTableModel(self)
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.trials)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.setToolTip(
            self.tr("Click a column to sort; double-click a trial to open its run in the Train tab")
        )

    def trial_at(self, index) -> Trial | None:
        """The trial shown in the row of a view ``index``."""
        if not index.isValid():
            return None
        return self.trials.trial(self.proxy.mapToSource(index).row())

    def row_names(self) -> list[str]:
        """The trials in the order shown (sorted)."""
        return [self.proxy.index(row, 0).data(TRIAL_ROLE) for row in range(self.proxy.rowCount())]
