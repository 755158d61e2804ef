"""The Playground tab: the spiral lesson to play with (classification), the cubic fit
(regression), and the softmax / cross-entropy explorer, one sub-tab each."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from desktop_app.common.panel import Panel, WindowLinks
from desktop_app.playground.classify import ClassificationView
from desktop_app.playground.regression import RegressionView
from desktop_app.playground.softmax import SoftmaxExplorer


class PlaygroundPanel(Panel):
    title = QT_TRANSLATE_NOOP("Panel", "Playground")  # the key; the tab shows its translation

    def __init__(self, links: WindowLinks | None = None, parent=None):
        super().__init__(links, parent)
        self.classification = ClassificationView()
        self.regression = RegressionView()
        self.softmax = SoftmaxExplorer()
        self.views = QTabWidget()
        self.views.addTab(self.classification, self.tr("Classification"))
        self.views.addTab(self.regression, self.tr("Regression"))
        self.views.addTab(self.softmax, self.tr("Softmax && cross-entropy"))
        self.views.currentChanged.connect(self._pause_hidden)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.views)
        self.links.show_playground.connect(self.show_lab_setup)

    def show_lab_setup(self, setup: dict) -> None:
        """A lab's action: a view ("classification", "regression", "softmax") with its data
        and model settings (keys as the controls' data), optionally playing."""
        view = getattr(self, setup.get("view", "classification"), self.classification)
        self.views.setCurrentWidget(view)
        self.links.show_tab.emit(self.title)
        if view is self.softmax:
            return
        view.pause()
        controls = view.model_controls
        combos = {
            "model": controls.kind,
            "activation": controls.activation,
            "optimizer": controls.optimizer,
        }
        if view is self.classification:
            combos["dataset"] = view.data.dataset
        for key, combo in combos.items():
            if key in setup and combo.findData(setup[key]) >= 0:
                combo.setCurrentIndex(combo.findData(setup[key]))
        for key, spin in (("hidden_layers", controls.hidden_layers), ("units", controls.units)):
            if key in setup:
                spin.setValue(int(setup[key]))
        if "lr" in setup:
            controls.lr.setValue(float(setup["lr"]))
        view.reset()
        view.transport.play_button.setChecked(bool(setup.get("play", False)))

    def _pause_hidden(self) -> None:
        """Only the visible view trains: the two share the machine's few cores."""
        for view in (self.classification, self.regression):
            if view is not self.views.currentWidget():
                view.pause()

    def shutdown(self) -> None:
        for view in (self.classification, self.regression, self.softmax):
            view.shutdown()
