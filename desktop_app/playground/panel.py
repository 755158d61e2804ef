"""The Playground tab: the spiral lesson to play with (classification), the cubic fit
(regression), and the softmax / cross-entropy explorer, one sub-tab each."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_app.playground.classify import ClassificationView
from desktop_app.playground.regression import RegressionView
from desktop_app.playground.softmax import SoftmaxExplorer


class PlaygroundPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
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
                view.worker.pause()

    def shutdown(self) -> None:
        for view in (self.classification, self.regression, self.softmax):
            view.shutdown()

    def prepare_screenshot(self, window):
        """Show the default spiral with a ReLU MLP part-way trained: a visible boundary."""
        if hasattr(window, "tabs"):
            window.tabs.setCurrentWidget(self)
        self.views.setCurrentWidget(self.classification)
        view = self.classification
        view.transport.speed.setValue(20)
        view.transport.play_button.setChecked(True)
        started = time.monotonic()

        def ready() -> bool:
            done = view.history.values["epoch"]
            if (done and done[-1] >= 400) or time.monotonic() - started > 20:
                view.transport.play_button.setChecked(False)
                view.redraw_now()
                return True
            return False

        return ready
