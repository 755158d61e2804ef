"""Defining a sweep: a one-click teaching preset, or the Train form's settings with some
options varied ("lr = 0.01, 0.1, 1").

Each varied option's values are checked by the same parser ``digit-lab sweep --grid``
uses (``training_core.sweep.parse_grid``, which checks every value like its flag), so a
value the command would refuse is refused here, in one line, before anything starts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import palette
from desktop_app.common.i18n import core_label, error_text
from training_core.config import TrainConfig
from training_core.sweep import MAX_TRIALS, SweepError, parse_grid

OWN_SWEEP = ""  # the preset box's first entry: the sweep defined below


def presets() -> list:
    """The teaching presets (``training_core.sweep_presets``), empty if there are none."""
    try:
        from training_core import sweep_presets
    except ImportError:  # pragma: no cover - an install without presets still sweeps
        return []
    found = getattr(sweep_presets, "PRESETS", {})
    return list(found.values()) if isinstance(found, dict) else list(found)


def _format(values: list) -> str:
    return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in values)


class SweepEditor(QGroupBox):
    """What to run. ``grid`` holds the varied options (name -> parsed values), ``preset``
    the chosen preset's name (or ``""``); ``changed`` says either moved."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Sweep"))
        self.grid: dict[str, list] = {}
        self.presets = {p.name: p for p in presets()}

        self.preset_box = QComboBox(self)
        self.preset_box.addItem(self.tr("My own sweep (below)"), OWN_SWEEP)
        for preset in self.presets.values():
            self.preset_box.addItem(core_label(getattr(preset, "title", preset.name)), preset.name)
        self.preset_box.setToolTip(
            self.tr("A teaching preset brings its own model and settings; Start runs it")
        )
        self.description = QLabel(self)
        self.description.setWordWrap(True)

        self.own = QWidget(self)
        self.option_box = QComboBox(self.own)
        for opt in TrainConfig.options():
            if opt.name != "device":
                self.option_box.addItem(opt.name, opt.name)
                self.option_box.setItemData(
                    self.option_box.count() - 1, opt.describe(), Qt.ItemDataRole.ToolTipRole
                )
        self.option_box.setCurrentText("lr")
        self.values_edit = QLineEdit(self.own)
        self.values_edit.setAccessibleName(self.tr("Values to try"))
        self.values_edit.setPlaceholderText(self.tr("values, e.g. 0.01, 0.1, 1"))
        self.values_edit.returnPressed.connect(self.add_current)
        add = QPushButton(self.tr("Vary"), self.own)
        add.setToolTip(self.tr("Try each of these values (replaces this option's values)"))
        add.clicked.connect(self.add_current)
        self.varied_list = QListWidget(self.own)
        self.varied_list.setAccessibleName(self.tr("Varied options"))
        self.varied_list.setMaximumHeight(90)
        remove = QPushButton(self.tr("Remove"), self.own)
        remove.clicked.connect(self.remove_selected)
        self.train_size = QSpinBox(self.own)
        self.train_size.setRange(0, 1_000_000)
        self.train_size.setSingleStep(1000)
        self.train_size.setSpecialValueText(self.tr("all"))
        self.train_size.setToolTip(
            self.tr("Train each trial on the first N training images only: a faster sweep")
        )
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {palette.ERROR};")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        pick = QHBoxLayout()
        pick.addWidget(self.option_box)
        pick.addWidget(self.values_edit, 1)
        pick.addWidget(add)
        own_layout = QVBoxLayout(self.own)
        own_layout.setContentsMargins(0, 0, 0, 0)
        own_layout.addWidget(QLabel(self.tr("Other settings come from the Train tab."), self.own))
        own_layout.addLayout(pick)
        own_layout.addWidget(self.varied_list)
        own_layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Training images:"), self.train_size)
        own_layout.addLayout(form)

        layout = QVBoxLayout(self)
        layout.addWidget(self.preset_box)
        layout.addWidget(self.description)
        layout.addWidget(self.own)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        self.preset_box.currentIndexChanged.connect(self._preset_changed)
        self._preset_changed()

    # -- the preset ---------------------------------------------------------------------
    @property
    def preset(self) -> str:
        return self.preset_box.currentData() or OWN_SWEEP

    def choose_preset(self, name: str) -> bool:
        index = self.preset_box.findData(name)
        if index < 0:
            return False
        self.preset_box.setCurrentIndex(index)
        return True

    def _preset_changed(self) -> None:
        preset = self.presets.get(self.preset)
        self.own.setVisible(preset is None)
        self.description.setVisible(preset is not None)
        self.description.setText(core_label(getattr(preset, "description", "")) if preset else "")
        self.error.clear()
        self._update_summary()
        self.changed.emit()

    # -- the varied options -------------------------------------------------------------
    def vary(self, option: str, text: str) -> bool:
        """Vary ``option`` over the comma-separated ``text``; False (and the reason shown
        in one line) when a value is not one the option takes."""
        try:
            name, values = parse_grid(f"{option}={text}")
        except SweepError as exc:
            self.error.setText(error_text(exc))
            return False
        self.grid[name] = values
        self.error.clear()
        self._show_grid()
        return True

    def add_current(self) -> bool:
        text = self.values_edit.text().strip()
        if not text:
            self.error.setText(self.tr("Type the values to try, separated by commas."))
            return False
        if self.vary(self.option_box.currentData(), text):
            self.values_edit.clear()
            return True
        return False

    def remove_selected(self) -> None:
        item = self.varied_list.currentItem()
        if item is not None:
            self.grid.pop(item.data(Qt.ItemDataRole.UserRole), None)
            self._show_grid()

    def clear_grid(self) -> None:
        self.grid.clear()
        self._show_grid()

    def _show_grid(self) -> None:
        self.varied_list.clear()
        for name, values in self.grid.items():
            item = QListWidgetItem(f"{name} = {_format(values)}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.varied_list.addItem(item)
        self._update_summary()
        self.changed.emit()

    # -- what Start runs ----------------------------------------------------------------
    def varied_grid(self) -> dict[str, list]:
        """The options this sweep varies: the preset's grid, or the one defined here."""
        if self.preset:
            return dict(getattr(self.presets[self.preset], "grid", {}) or {})
        return dict(self.grid)

    def trial_count(self) -> int:
        count = 1
        for values in self.varied_grid().values():
            count *= len(values)
        return count

    def problem(self) -> str | None:
        """Why Start cannot run this sweep now (one line), or None."""
        if not self.preset and not self.grid:
            return self.tr("Choose a preset, or vary at least one option.")
        if self.trial_count() > MAX_TRIALS:
            return self.tr("{count} trials are too many; at most {limit}.").format(
                count=self.trial_count(), limit=MAX_TRIALS
            )
        return None

    def _update_summary(self) -> None:
        count = self.trial_count()
        if self.preset or self.grid:
            self.summary.setText(self.tr("{count} trials.").format(count=count))
        else:
            self.summary.setText(self.tr("Vary an option to define trials."))
