"""The model drawn as a chain of boxes: input at the top, one box per layer, arrows between.

A picture of the structure next to the Structure page's table: the kind of each layer by
colour, its output shape and its parameters, so the shape of the data as it flows down the
network (28x28 -> feature maps -> a vector -> 10 scores) reads at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from training_core.inside import LayerRow

BOX_W, BOX_H, GAP = 190.0, 40.0, 16.0
# Colour by what a layer does; anything else is grey.
COLOURS = {
    "Conv2d": "#f4b183",
    "Linear": "#c5b3e6",
    "ScratchSoftmaxRegression": "#c5b3e6",
    "MaxPool2d": "#9dc3e6",
    "AvgPool2d": "#9dc3e6",
    "BatchNorm2d": "#d9d9d9",
    "ReLU": "#a9d18e",
    "Tanh": "#a9d18e",
    "Dropout": "#eeeeee",
}


def box_text(row: LayerRow) -> str:
    """The layer's kind (a PyTorch class name, never translated), then its output shape and
    how many weights it has."""
    shape = " x ".join(map(str, row.output_shape))
    if not row.parameters:
        return f"{row.kind}\n{shape}"
    return QCoreApplication.translate(
        "StructureDiagram", "{kind}\n{shape} · {count:,} weights"
    ).format(kind=row.kind, shape=shape, count=row.parameters)


class StructureDiagram(QGraphicsView):
    """One box per layer (plus the input), top to bottom; scrolls when the model is long."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setAccessibleName(self.tr("Model structure diagram"))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumWidth(int(BOX_W) + 30)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.box_texts: list[str] = []  # what each box says, top to bottom (tests read it)

    def set_rows(self, rows: list[LayerRow]) -> None:
        scene = self.scene()
        scene.clear()
        texts = [self.tr("input\n1 x 28 x 28"), *(box_text(row) for row in rows)]
        kinds = ["input", *(row.kind for row in rows)]
        font = QFont()
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        for i, (text, kind) in enumerate(zip(texts, kinds, strict=True)):
            top = i * (BOX_H + GAP)
            colour = QColor(COLOURS.get(kind, "#ffffff" if kind == "input" else "#e0e0e0"))
            scene.addRect(QRectF(0, top, BOX_W, BOX_H), QPen(QColor("#555555")), QBrush(colour))
            label = scene.addText(text, font)
            label.setTextWidth(BOX_W)
            width = label.boundingRect().width()
            label.setPos((BOX_W - width) / 2, top + (BOX_H - label.boundingRect().height()) / 2)
            if i:
                self._arrow(scene, top - GAP, top)
        self.box_texts = texts
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-4, -4, 4, 4))

    @staticmethod
    def _arrow(scene: QGraphicsScene, y0: float, y1: float) -> None:
        x = BOX_W / 2
        pen = QPen(QColor("#555555"), 1.5)
        scene.addLine(x, y0, x, y1 - 5, pen)
        head = QPolygonF([QPointF(x - 5, y1 - 7), QPointF(x + 5, y1 - 7), QPointF(x, y1)])
        scene.addPolygon(head, pen, QBrush(QColor("#555555")))
