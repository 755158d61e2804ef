"""The Results page: what the model learned, from one ``compute_results`` dict."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common.layout import vertical_scroll
from desktop_app.train.results.grids import SampleGrid, WeightsGrid
from desktop_app.train.results.plots import ConfusionMatrixView, PerClassAccuracyView

EMPTY_TEXT = QT_TRANSLATE_NOOP(
    "ResultsView",
    "Results appear here when a run finishes, or when you open a run from the Runs list "
    "or a checkpoint from the File menu.",
)


class ResultsView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: dict | None = None
        self.summary = QLabel(self.tr(EMPTY_TEXT), self)
        self.summary.setWordWrap(True)
        self.confusion = ConfusionMatrixView(self)
        self.per_class = PerClassAccuracyView(self)
        self.samples = SampleGrid(self)
        self.weights = WeightsGrid(self)

        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.confusion)
        left.addWidget(self.per_class)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        # Room in a 1024x576 window: neither chart collapses to a sliver; the images and
        # weights beside them scroll up and down, never sideways.
        left.setChildrenCollapsible(False)
        self.confusion.setMinimumHeight(180)
        self.per_class.setMinimumHeight(150)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(
            QLabel(self.tr("<b>Test images</b>: true → predicted, confidence"), right)
        )
        right_layout.addWidget(self.samples)
        right_layout.addWidget(self.weights)
        right_layout.addStretch(1)
        scroll = vertical_scroll(right, self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([850, 1150])  # whatever the size hints say
        self.confusion.setMinimumWidth(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.content = split
        self.confusion.cell_clicked.connect(self.samples.show_cell)
        self.set_results(None)

    def set_results(self, results: dict | None, title: str = "") -> None:
        self.results = results
        self.samples.set_results(results)
        self.content.setVisible(results is not None)  # no stale views of another run
        if results is None:
            self.summary.setText(self.tr(EMPTY_TEXT))
            return
        names = results["class_names"]
        self.confusion.set_matrix(results["confusion"], names)
        self.per_class.set_accuracy(results["per_class"], names)
        self.weights.set_weights(results["weights"], results["weights_kind"], names)
        mistakes = int((results["labels"] != results["predictions"]).sum())
        text = self.tr(
            "<b>{prefix}test accuracy {acc}</b> · loss {loss} · {mistakes} mistakes in "
            "{images} test images · model {model}"
        ).format(
            prefix=f"{title}: " if title else "",
            acc=f"{results['accuracy']:.2%}",
            loss=f"{results['loss']:.4f}",
            mistakes=f"{mistakes:,}",
            images=f"{len(results['labels']):,}",
            model=results["model"],
        )
        self.summary.setText(text)

    def show_message(self, text: str) -> None:
        self.summary.setText(text)
