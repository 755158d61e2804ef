"""The Inside tab's pages about one input: structure, activations and saliency."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common.i18n import core_text
from desktop_app.common.probability_bars import ProbabilityBars
from desktop_app.inside.diagram import StructureDiagram
from desktop_app.inside.views import BarChart, ImageView, mosaic
from training_core.attribution import overlay_rgb
from training_core.inside import Activations, LayerRow

MAX_BARS = 256  # a dense layer with more units is shown as a heat strip


class StructurePage(QWidget):
    """The model as a chain of layers: what each does, its output shape, its parameters."""

    def __init__(self, parent=None):
        super().__init__(parent)
        columns = [
            self.tr("layer"),
            self.tr("kind"),
            self.tr("what it does"),
            self.tr("output shape"),
            self.tr("parameters"),
        ]
        self.table = QTableWidget(0, len(columns))
        self.table.setAccessibleName(self.tr("Layers"))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.total = QLabel()
        self.diagram = StructureDiagram()
        table_side = QVBoxLayout()
        table_side.addWidget(QLabel(self.tr("input 1 x 28 x 28 (one grey digit), top to bottom:")))
        table_side.addWidget(self.table, 1)
        table_side.addWidget(self.total)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.diagram)
        layout.addLayout(table_side, 1)

    def set_rows(self, rows: list[LayerRow]) -> None:
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            shape = " x ".join(map(str, row.output_shape))
            detail = core_text(row.detail)  # the core's words for the layer, translated
            cells = (row.name, row.kind, detail, shape, f"{row.parameters:,}")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, j, item)
        self.diagram.set_rows(rows)
        total = sum(row.parameters for row in rows)
        self.total.setText(
            self.tr("{layers} layers, {total:,} parameters in all").format(
                layers=len(rows), total=total
            )
        )


class ActivationsPage(QWidget):
    """Pick a layer: its output for the current digit; logits and softmax side by side."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.activations: Activations | None = None
        self.layer_list = QListWidget()
        self.layer_list.setAccessibleName(self.tr("Layers"))
        self.layer_list.setMaximumWidth(230)
        self.layer_list.currentRowChanged.connect(self._show_layer)
        self.maps = ImageView()
        self.maps.setAccessibleName(self.tr("Feature maps of the chosen layer"))
        self.strip = BarChart()
        self.strip.setAccessibleName(self.tr("Unit values of the chosen layer"))
        self.caption = QLabel(self.tr("draw a digit in the Draw tab"))
        self.caption.setWordWrap(True)
        self.logits = BarChart(self.tr("logits (the last layer's raw scores)"))
        self.softmax = ProbabilityBars()
        # Both charts stay readable (>= 150 px) in a 1024x576 window with the lab guide.
        self.softmax.setMinimumHeight(150)
        self.logits.setMinimumHeight(150)
        middle = QVBoxLayout()
        middle.addWidget(self.caption)
        middle.addWidget(self.maps, 1)
        middle.addWidget(self.strip, 1)
        right = QVBoxLayout()
        right.addWidget(self.logits, 1)
        right.addWidget(QLabel(self.tr("softmax: exp(logit) / sum of exp = probabilities")))
        right.addWidget(self.softmax, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.layer_list)
        layout.addLayout(middle, 3)
        layout.addLayout(right, 2)
        self.strip.hide()

    def set_classes(self, class_names) -> None:
        self.class_names = list(class_names)
        self.softmax.set_classes(class_names)

    def set_activations(self, activations: Activations | None) -> None:
        self.activations = activations
        if activations is None:
            self.caption.setText(self.tr("draw a digit in the Draw tab"))
            self.maps.show_array(None)
            self.strip.set_values(None)
            self.logits.set_values(None)
            self.softmax.set_probabilities(None)
            return
        names = [
            f"{a.name}  {a.kind}  {'x'.join(map(str, a.values.shape))}" for a in activations.layers
        ]
        if [self.layer_list.item(i).text() for i in range(self.layer_list.count())] != names:
            row = self.layer_list.currentRow()
            self.layer_list.blockSignals(True)
            self.layer_list.clear()
            self.layer_list.addItems(names)
            self.layer_list.setCurrentRow(row if 0 <= row < len(names) else 0)
            self.layer_list.blockSignals(False)
        self._show_layer(self.layer_list.currentRow())
        self.logits.set_values(activations.logits, self.class_names)
        self.softmax.set_probabilities(activations.probabilities)

    def _show_layer(self, row: int) -> None:
        if self.activations is None or not 0 <= row < len(self.activations.layers):
            return
        layer = self.activations.layers[row]
        values = layer.values
        about = {
            "name": layer.name,
            "kind": layer.kind,
            "count": values.size,
            "low": float(values.min()),
            "high": float(values.max()),
        }
        if values.ndim == 3:  # feature maps: one small image per channel
            self.strip.hide()
            self.maps.show()
            self.maps.show_array(mosaic(values), diverging=bool(values.min() < 0))
            text = self.tr(
                "{name} ({kind}): {maps} feature maps of {height}x{width}; "
                "min {low:.3g}, max {high:.3g}"
            ).format(maps=values.shape[0], height=values.shape[1], width=values.shape[2], **about)
        elif values.size <= MAX_BARS:
            self.maps.hide()
            self.strip.show()
            self.strip.set_values(values)
            text = self.tr("{name} ({kind}): {count} units; min {low:.3g}, max {high:.3g}")
            text = text.format(**about)
        else:  # a long vector (a flattened map): a heat strip, 32 units a row
            self.strip.hide()
            self.maps.show()
            width = 32
            padded = np.full(-(-values.size // width) * width, np.nan, np.float32)
            padded[: values.size] = values
            self.maps.show_array(padded.reshape(-1, width), diverging=bool(values.min() < 0))
            text = self.tr(
                "{name} ({kind}): {count} units, {width} a row; min {low:.3g}, max {high:.3g}"
            ).format(width=width, **about)
        self.caption.setText(text)


class SaliencyPage(QWidget):
    """What the decision looked at: the attribution for the predicted or a chosen class."""

    target_chosen = Signal(object)  # a class index, or None for "the predicted class"
    occlusion_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.input_view = ImageView(self.tr("what the model sees"))
        self.overlay_view = ImageView(self.tr("integrated gradients"))
        self.occlusion_view = ImageView(self.tr("occlusion (4x4 patches)"))
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.class_row = QHBoxLayout()
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        self.buttons.idClicked.connect(self._clicked)
        self.occlusion_button = QPushButton(self.tr("Check with occlusion"))
        self.occlusion_button.setToolTip(
            self.tr(
                "Blank each 4x4 patch in turn and see how far the class's probability falls "
                "(slow, but no gradients involved)"
            )
        )
        self.occlusion_button.clicked.connect(self.occlusion_requested)
        images = QHBoxLayout()
        for view in (self.input_view, self.overlay_view, self.occlusion_view):
            images.addWidget(view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("explain class:")))
        row.addLayout(self.class_row)
        row.addStretch(1)
        row.addWidget(self.occlusion_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(images, 1)
        layout.addWidget(self.explanation)
        self.class_names: list[str] = []
        self.chosen: int | None = None

    def set_classes(self, class_names) -> None:
        self.class_names = list(class_names)
        for button in self.buttons.buttons():
            self.buttons.removeButton(button)
            self.class_row.removeWidget(button)
            button.setParent(None)  # gone now, not at the next deferred delete
            button.deleteLater()
        predicted = QToolButton()
        for i, text in enumerate([self.tr("predicted"), *self.class_names]):
            button = predicted if i == 0 else QToolButton()
            button.setText(text)
            button.setCheckable(True)
            if i == 0:
                button.setToolTip(self.tr("Explain the predicted class"))
            else:
                button.setToolTip(self.tr("Explain «{name}»").format(name=text))
            self.buttons.addButton(button, i - 1 if i else -2)
            self.class_row.addWidget(button)
        predicted.setChecked(True)
        self.chosen = None

    def _clicked(self, button_id: int) -> None:
        self.chosen = None if button_id == -2 else button_id
        self.occlusion_view.show_array(None)
        self.target_chosen.emit(self.chosen)

    def show_input(self, model_input_ink: np.ndarray | None) -> None:
        self.input_view.show_array(model_input_ink)
        if model_input_ink is None:
            self.overlay_view.show_array(None)
            self.occlusion_view.show_array(None)
            self.explanation.setText(self.tr("draw a digit in the Draw tab"))

    def show_attribution(self, digit: np.ndarray, attribution: np.ndarray, target: int) -> None:
        self.overlay_view.show_array(overlay_rgb(digit, attribution, scale=1))
        name = self.class_names[target] if target < len(self.class_names) else str(target)
        self.explanation.setText(
            self.tr(
                "Red pixels pushed the model towards «{name}», blue ones away from it; the "
                "stronger the colour, the bigger the push. Empty paper stays grey: integrated "
                "gradients start from a blank digit, so only ink can take credit."
            ).format(name=name)
        )

    def show_occlusion(self, digit: np.ndarray, attribution: np.ndarray) -> None:
        self.occlusion_view.show_array(overlay_rgb(digit, attribution, scale=1))
