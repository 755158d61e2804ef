"""The Playground tab: the spiral lesson to play with (classification), the cubic fit
(regression), and the softmax / cross-entropy explorer, one sub-tab each."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from desktop_app.common.panel import Panel, WindowLinks
from desktop_app.playground.classify import ClassificationView
from desktop_app.playground.regression import RegressionView
from desktop_app.playground.softmax import SoftmaxExplorer


class PlaygroundPanel(Panel):
    title = "Playground"

    def __init__(self, links: WindowLinks | None = None, parent=None):
        super().__init__(links, parent)
        self.classification = ClassificationView()
        self.regression = RegressionView()
        self.softmax = SoftmaxExplorer()
        self.views = QTabWidget()
        self.views.addTab(self.classification, "Classification")
        self.views.addTab(self.regression, "Regression")
        self.views.addTab(self.softmax, "Softmax && cross-entropy")
        self.views.currentChanged.connect(self._pause_hidden)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.views)

    def _pause_hidden(self) -> None:
        """Only the visible view trains: the two share the machine's few cores."""
        for view in (self.classification, self.regression):
            if view is not self.views.currentWidget():
                view.pause()

    def shutdown(self) -> None:
        for view in (self.classification, self.regression, self.softmax):
            view.shutdown()
