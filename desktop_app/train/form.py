"""The training settings form, generated from ``TrainConfig``'s options.

One row per option, in field order: a combo box for choices, a spin box with the option's
range for numbers, the option's help as the tooltip. A new option in
training_core/config.py appears here with no edit to this file.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from desktop_app.common.i18n import core_label
from training_core.config import Option, TrainConfig, default_config
from training_core.models import MODELS


class _SaysWhenClamped:
    """A number typed outside the range is kept while typing, then changed to the nearest
    end when the edit ends, and ``clamped`` says what was typed and what it became.

    Without this, Qt refuses the keystrokes that leave the range: typing 1000 where 10
    is the most leaves "10" in the box, and the user never learns why.
    """

    clamped: tuple[str, float] | None = None

    def _outside(self, text: str) -> float | None:
        """The end of the range that ``text`` lies beyond, or None (inside, or no number)."""
        value, ok = self.locale().toDouble(text.strip())
        if not ok:
            return None
        if value > self.maximum():
            return self.maximum()
        if value < self.minimum():
            return self.minimum()
        return None

    def validate(self, text: str, pos: int):
        result = super().validate(text, pos)
        state = result[0] if isinstance(result, tuple) else result
        if state == QValidator.State.Invalid and self._outside(text) is not None:
            return QValidator.State.Intermediate, text, pos
        return result

    def fixup(self, text: str) -> str:
        limit = self._outside(text)
        if limit is None:
            return super().fixup(text)
        self.clamped = (text.strip(), limit)
        return self.textFromValue(limit)


class _SpinBox(_SaysWhenClamped, QSpinBox):
    pass


class _DoubleSpinBox(_SaysWhenClamped, QDoubleSpinBox):
    pass


def _widget(opt: Option, parent: QWidget) -> QWidget:
    """The editor for ``opt``: its choices (those this machine offers) or its number range."""
    if opt.choices:
        combo = QComboBox(parent)
        combo.addItems(list(opt.offered() if opt.offered else opt.choices))
        return combo
    if opt.type is int:
        spin = _SpinBox(parent)
        spin.setRange(int(opt.low), int(opt.high))
        return spin
    spin = _DoubleSpinBox(parent)
    spin.setDecimals(opt.decimals)
    tick = 10.0**-opt.decimals  # the nearest value an open end allows, as shown
    spin.setRange(opt.low + tick * opt.low_open, opt.high - tick * opt.high_open)
    spin.setSingleStep(opt.step)
    return spin


def option_tooltip(opt: Option) -> str:
    """The option's help and, for a number, its range: ``Option.describe`` in the
    window's language."""
    help_text = core_label(opt.help)
    if opt.choices:
        return help_text
    if opt.type is int:
        rule = QCoreApplication.translate(
            "TrainForm", "Must be a whole number at least {low} and at most {high}."
        )
        return f"{help_text} " + rule.format(low=int(opt.low), high=int(opt.high))
    rule = QCoreApplication.translate(
        "TrainForm", "Must be a finite number {low_sign} {low} and {high_sign} {high}."
    )
    return f"{help_text} " + rule.format(
        low_sign=">" if opt.low_open else ">=",
        low=f"{opt.low:g}",
        high_sign="<" if opt.high_open else "<=",
        high=f"{opt.high:g}",
    )


def model_summary(spec) -> str:
    """``ModelSpec.summary`` in the window's language: the model choice's tooltip."""
    return QCoreApplication.translate("TrainForm", "{name}: {description}").format(
        name=core_label(spec.display_name), description=core_label(spec.description)
    )


def model_text(spec) -> str:
    """The line under the model choice: what the model is and where its settings come from."""
    return QCoreApplication.translate("TrainForm", "{summary}. Settings: {source}.").format(
        summary=model_summary(spec), source=core_label(spec.source)
    )


def _value(widget: QWidget):
    return widget.currentText() if isinstance(widget, QComboBox) else widget.value()


def _show(widget: QWidget, opt: Option, value) -> None:
    """Put ``value`` in ``widget``; a choice this machine lacks falls back to the default."""
    if isinstance(widget, QComboBox):
        widget.setCurrentText(value if widget.findText(value) >= 0 else opt.default)
    else:
        widget.setValue(opt.type(value))


def _changed_signal(widget: QWidget):
    return widget.currentTextChanged if isinstance(widget, QComboBox) else widget.valueChanged


class TrainForm(QGroupBox):
    """Edits a ``TrainConfig``; picking a model loads that model's lesson settings.

    Each option's widget is in ``form.widgets`` and, unless Qt already uses the name, an
    attribute named after the option (``form.epochs``).
    """

    changed = Signal()

    def __init__(self, parent=None, device: str = "auto"):
        super().__init__(parent)
        self.setTitle(self.tr("Settings"))
        form = QFormLayout(self)
        self.options = {opt.name: opt for opt in TrainConfig.options()}
        self.widgets: dict[str, QWidget] = {}
        for opt in self.options.values():
            widget = _widget(opt, self)
            widget.setToolTip(option_tooltip(opt))
            label = core_label(opt.label)
            form.addRow(self.tr("{label}:").format(label=label[0].upper() + label[1:]), widget)
            self.widgets[opt.name] = widget
            if not hasattr(QGroupBox, opt.name):  # never hide a Qt method (an option "size")
                setattr(self, opt.name, widget)
            if opt.name == "model":
                self.description = QLabel(self)
                self.description.setWordWrap(True)
                # The text wraps to the form's width instead of widening it: Qt sizes a
                # wrapped label by its text, and Chinese (no spaces) made that 470 px.
                self.description.setSizePolicy(
                    QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
                )
                form.addRow("", self.description)
                for spec in MODELS.values():
                    index = widget.findText(spec.name)
                    widget.setItemData(index, model_summary(spec), Qt.ItemDataRole.ToolTipRole)

        # One line under the form when a typed number was out of range and changed.
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note.setVisible(False)
        form.addRow(self.note)
        for name, widget in self.widgets.items():
            if isinstance(widget, _SaysWhenClamped):
                widget.editingFinished.connect(lambda n=name: self._tell_clamped(n))

        self.set_config(default_config(self.model.currentText(), device=device))
        self.model.currentTextChanged.connect(self._model_changed)
        for name, widget in self.widgets.items():
            _changed_signal(widget).connect(self._update_enabled)
            _changed_signal(widget).connect(lambda *_: self.note.setVisible(False))
            if name != "model":  # a new model's settings come in set_config, which emits
                _changed_signal(widget).connect(self.changed)

    def _model_changed(self, model: str) -> None:
        """A new model brings its lesson settings; options no lesson sets stay as they are."""
        current = self.config()
        kept = {
            name: getattr(current, name)
            for name, opt in self.options.items()
            if name != "model" and not opt.model_default
        }
        self.set_config(default_config(model, **kept))

    def _tell_clamped(self, name: str) -> None:
        """A number out of range was changed to the range's end: say so, once."""
        widget = self.widgets[name]
        if widget.clamped is None:
            return
        typed, limit = widget.clamped
        widget.clamped = None
        label = core_label(self.options[name].label)
        label = label[:1].upper() + label[1:]
        if limit >= widget.maximum():
            text = self.tr("{label}: at most {limit}; {typed} was changed to {limit}.")
        else:
            text = self.tr("{label}: at least {limit}; {typed} was changed to {limit}.")
        decimals = widget.decimals() if isinstance(widget, QDoubleSpinBox) else 0
        shown = f"{limit:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{limit:.0f}"
        self.note.setText(text.format(label=label, limit=shown, typed=typed))
        self.note.setVisible(True)
        # The note sits under the last setting: in a small window the form scrolls and
        # it would be out of sight, the change silent again: scroll it into view.
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            QCoreApplication.sendPostedEvents()  # the note's place, now that it is shown
            if self.layout() is not None:
                self.layout().activate()
            parent.ensureWidgetVisible(self.note, 0, 8)

    def _update_enabled(self) -> None:
        """Grey out options the other settings make unused (momentum without momentum)."""
        for name, opt in self.options.items():
            if opt.only_when:
                other, value = opt.only_when
                self.widgets[name].setEnabled(_value(self.widgets[other]) == value)
        spec = MODELS.get(self.model.currentText())
        self.description.setText(model_text(spec) if spec else "")

    def config(self) -> TrainConfig:
        return TrainConfig(**{name: _value(widget) for name, widget in self.widgets.items()})

    def set_config(self, config: TrainConfig) -> None:
        """Show ``config``; a device this machine lacks falls back to ``auto``."""
        for widget in self.widgets.values():
            widget.blockSignals(True)
        for name, widget in self.widgets.items():
            _show(widget, self.options[name], getattr(config, name))
        for widget in self.widgets.values():
            widget.blockSignals(False)
        self.note.setVisible(False)  # a note on what was typed before
        self._update_enabled()
        self.changed.emit()
