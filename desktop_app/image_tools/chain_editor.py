"""The visible, editable chain of image operations, with controls built from the core's
parameter descriptions (``training_core.imaging.OPERATIONS``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common.i18n import core_label
from training_core.imaging import OPERATIONS, Param, Step, default_step, describe

_SLIDER_STEPS = 1000


def step_text(step: Step) -> str:
    """``imaging.describe`` in the window's language: ``Canny edges (Sigma 1, …)``."""
    return describe(step, QCoreApplication.translate("ChainEditor", "auto"), core_label)


class NumberEditor(QWidget):
    """A slider and a spin box showing one number; with ``auto`` the minimum means None."""

    value_changed = Signal(object)

    def __init__(self, param: Param, value: Any, parent=None):
        super().__init__(parent)
        self.param = param
        is_int = param.kind == "int"
        self.spin = QSpinBox() if is_int else QDoubleSpinBox()
        if not is_int:
            self.spin.setDecimals(3)
        self.spin.setRange(param.minimum, param.maximum)
        self.spin.setSingleStep(param.step)
        if param.auto:
            self.spin.setSpecialValueText("auto")
        self.spin.setKeyboardTracking(False)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, _SLIDER_STEPS)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 3)
        layout.addWidget(self.spin, 2)
        self.set_value(value)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)

    def value(self) -> Any:
        number = self.spin.value()
        if self.param.auto and number == self.param.minimum:
            return None
        return int(number) if self.param.kind == "int" else float(number)

    def set_value(self, value: Any) -> None:
        number = self.param.minimum if value is None else value
        self.spin.blockSignals(True)
        self.slider.blockSignals(True)
        self.spin.setValue(number)
        self.slider.setValue(self._to_slider(number))
        self.spin.blockSignals(False)
        self.slider.blockSignals(False)

    def _to_slider(self, number: float) -> int:
        span = self.param.maximum - self.param.minimum
        return round((number - self.param.minimum) / span * _SLIDER_STEPS)

    def _from_slider(self, position: int) -> None:
        span = self.param.maximum - self.param.minimum
        number = self.param.minimum + span * position / _SLIDER_STEPS
        self.spin.blockSignals(True)
        self.spin.setValue(number)
        self.spin.blockSignals(False)
        self.value_changed.emit(self.value())

    def _from_spin(self, number: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._to_slider(number))
        self.slider.blockSignals(False)
        self.value_changed.emit(self.value())


class ChainEditor(QWidget):
    """A list of steps (tick to enable, reorder, remove) and the selected step's controls.

    ``chain_changed(list[Step])`` carries the enabled steps, in order, after every edit.
    """

    chain_changed = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._steps: list[Step] = []
        self.list = QListWidget()
        self.list.setMinimumHeight(110)
        self.list.setAccessibleName(self.tr("Steps of the chain"))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show_params)
        self.list.itemChanged.connect(lambda _item: self._emit())

        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Add step"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.add_button)
        for name, operation in OPERATIONS.items():
            action = menu.addAction(core_label(operation.label))
            action.setToolTip(core_label(operation.help))
            action.triggered.connect(lambda _=False, n=name: self.add_step(default_step(n)))
        self.add_button.setMenu(menu)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)

        self.params_box = QGroupBox(self.tr("Parameters"))
        self.params_form = QFormLayout(self.params_box)
        self.editors: dict[str, QWidget] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.params_box)
        self._show_params(-1)

    # -- the model ----------------------------------------------------------------------
    def enabled_steps(self) -> list[Step]:
        return [
            step
            for row, step in enumerate(self._steps)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_chain(self, steps: list[Step]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self._steps = []
        for step in steps:
            self._append(step)
        self.list.blockSignals(False)
        self.list.setCurrentRow(len(steps) - 1)
        self._show_params(self.list.currentRow())
        self._emit()

    def add_step(self, step: Step) -> None:
        self.list.blockSignals(True)
        self._append(step)
        self.list.blockSignals(False)
        self.list.setCurrentRow(len(self._steps) - 1)
        self._emit()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        del self._steps[row]
        self.list.takeItem(row)
        self._show_params(self.list.currentRow())
        self._emit()

    def move_current(self, delta: int) -> None:
        row, target = self.list.currentRow(), self.list.currentRow() + delta
        if row < 0 or not 0 <= target < len(self._steps):
            return
        self._steps.insert(target, self._steps.pop(row))
        self.list.blockSignals(True)
        self.list.insertItem(target, self.list.takeItem(row))
        self.list.blockSignals(False)
        self.list.setCurrentRow(target)
        self._emit()

    def update_current(self, **changes) -> None:
        """Change parameters of the selected step (what the controls call)."""
        row = self.list.currentRow()
        if row < 0:
            return
        self._steps[row] = self._steps[row].with_params(**changes)
        self.list.blockSignals(True)
        self.list.item(row).setText(f"{row + 1}. {step_text(self._steps[row])}")
        self.list.blockSignals(False)
        self._emit()

    def _append(self, step: Step) -> None:
        self._steps.append(step)
        item = QListWidgetItem(f"{len(self._steps)}. {step_text(step)}")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        item.setToolTip(
            self.tr("{help} Untick to skip this step.").format(
                help=core_label(OPERATIONS[step.op_name].help)
            )
        )
        self.list.addItem(item)

    def _renumber(self) -> None:
        self.list.blockSignals(True)
        for row, step in enumerate(self._steps):
            self.list.item(row).setText(f"{row + 1}. {step_text(step)}")
        self.list.blockSignals(False)

    def _emit(self) -> None:
        self._renumber()
        self.chain_changed.emit(self.enabled_steps())

    # -- the parameter controls ---------------------------------------------------------
    def _show_params(self, row: int) -> None:
        while self.params_form.rowCount():
            self.params_form.removeRow(0)
        self.editors = {}
        if row < 0 or row >= len(self._steps):
            self.params_box.setTitle(self.tr("Parameters (select a step)"))
            return
        step = self._steps[row]
        operation = OPERATIONS[step.op_name]
        self.params_box.setTitle(
            self.tr("Parameters: {operation}").format(operation=core_label(operation.label))
        )
        kwargs = step.kwargs
        for param in operation.params:
            editor = self._make_editor(param, kwargs.get(param.name, param.default))
            self.editors[param.name] = editor
            self.params_form.addRow(core_label(param.label), editor)
        if not operation.params:
            self.params_form.addRow(self.tr("(no parameters)"), QWidget())

    def _make_editor(self, param: Param, value: Any) -> QWidget:
        name = param.name
        if param.kind == "choice":
            editor = QComboBox()
            editor.addItems(list(param.choices))
            editor.setCurrentText(str(value))
            editor.currentTextChanged.connect(lambda text: self.update_current(**{name: text}))
        elif param.kind == "bool":
            editor = QCheckBox()
            editor.setChecked(bool(value))
            editor.toggled.connect(lambda on: self.update_current(**{name: bool(on)}))
        else:
            editor = NumberEditor(param, value)
            editor.value_changed.connect(lambda v: self.update_current(**{name: v}))
        return editor
