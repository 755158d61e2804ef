"""The Inside tab: why did the model say that?

It follows the Draw tab: every drawing (or picture) Draw classifies arrives through
``links.look_inside`` with the checkpoint that read it, and "Look inside" in Draw brings
this tab to the front. The tab loads its own copy of that model (the hooks it sets must
never touch the Draw tab's), then runs two latest-only jobs off the UI thread: every
layer's output (within the Draw tab's latency target) and, while the saliency page is
shown, an integrated-gradients map, which takes longer and follows. A drawing that arrives
while the tab is hidden is kept and looked at when the tab is shown.

*Pop out* moves the pages into their own window, so they can be watched while drawing in
the Draw tab (live, as the pen moves); closing that window brings them back.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import palette
from desktop_app.common.i18n import error_text
from desktop_app.common.panel import Panel, WindowLinks
from desktop_app.common.workers import SHUTDOWN_WAIT_S, LatestOnlyRunner
from desktop_app.inside.jobs import InsideOutcome, look_inside
from desktop_app.inside.pages import ActivationsPage, SaliencyPage, StructurePage
from desktop_app.inside.training_pages import HistoryPage, WeightsPage
from training_core.inference import BUNDLED_MODEL, Predictor
from training_core.inside import structure
from training_core.models import MODELS, first_layer_weights
from training_core.weight_stats import read_first_layer, read_weight_stats


def _core_label(text: str) -> str:
    """A model's name or description from the core, in the window's language (the
    ``core_labels`` context that scripts/update_translations.py collects them into)."""
    return QCoreApplication.translate("core_labels", text) if text else text


class _PopOutWindow(QWidget):
    """The Inside pages in a window of their own; closing it gives them back to the tab."""

    closed = Signal()

    def closeEvent(self, event) -> None:
        self.closed.emit()
        super().closeEvent(event)


class InsidePanel(Panel):
    """Structure, activations, saliency, learned weights and weights over training."""

    title = QT_TRANSLATE_NOOP("Panel", "Inside")  # the key; the tab shows its translation

    def __init__(self, links: WindowLinks | None = None, parent: QWidget | None = None):
        super().__init__(links, parent)
        self.predictor: Predictor | None = None
        self.model_path: Path | None = None
        self.image: np.ndarray | None = None
        self.last_outcome: InsideOutcome | None = None
        self.last_saliency: InsideOutcome | None = None
        self._dirty = False
        self._generation = 0
        self._target: int | None = None
        self._runner = LatestOnlyRunner(self, "digit-lab-inside")
        self._runner.result_ready.connect(self._on_activations)
        self._runner.failed.connect(self._on_failed)
        self._saliency_runner = LatestOnlyRunner(self, "digit-lab-saliency")
        self._saliency_runner.result_ready.connect(self._on_saliency)
        self._saliency_runner.failed.connect(self._on_failed)
        self._build()
        self.links.look_inside.connect(self.look_at)
        self.links.use_checkpoint.connect(self.use_model)
        self.use_model(str(BUNDLED_MODEL))

    def _build(self) -> None:
        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setStyleSheet(f"color: {palette.ERROR};")
        self.pages = QTabWidget()
        self.structure_page = StructurePage()
        self.activations_page = ActivationsPage()
        self.saliency_page = SaliencyPage()
        self.weights_page = WeightsPage()
        self.history_page = HistoryPage()
        for page, name in (
            (self.activations_page, self.tr("Activations")),
            (self.saliency_page, self.tr("What it looked at")),
            (self.structure_page, self.tr("Structure")),
            (self.weights_page, self.tr("Learned weights")),
            (self.history_page, self.tr("Weights over training")),
        ):
            self.pages.addTab(page, name)
        self.pages.currentChanged.connect(lambda _index: self._refresh())
        self.saliency_page.target_chosen.connect(self._choose_target)
        self.saliency_page.occlusion_requested.connect(self._run_occlusion)
        self.pop_button = QPushButton(self.tr("Pop out"))
        self.pop_button.setToolTip(
            self.tr(
                "Show these pages in their own window, to watch them while you draw in the Draw tab"
            )
        )
        self.pop_button.clicked.connect(self.toggle_pop_out)
        self.placeholder = QLabel(
            self.tr("These pages are in their own window (Bring back, or close it).")
        )
        self.placeholder.hide()
        self.pop_out_window: _PopOutWindow | None = None
        header = QHBoxLayout()
        header.addWidget(self.model_label, 1)
        header.addWidget(self.pop_button)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(header)
        self._layout.addWidget(self.pages, 1)
        self._layout.addWidget(self.placeholder, 1)
        self._layout.addWidget(self.status)

    def toggle_pop_out(self) -> None:
        """Pages into their own window, or back into the tab."""
        if self.pop_out_window is None:
            window = _PopOutWindow(self, Qt.WindowType.Window)
            window.setWindowTitle(self.tr("Digit Lab - Inside"))
            QVBoxLayout(window).addWidget(self.pages)
            window.closed.connect(self._bring_back)
            window.resize(900, 520)
            self.pop_out_window = window
            self.placeholder.show()
            self.pop_button.setText(self.tr("Bring back"))
            window.show()
            self._refresh()
        else:
            self.pop_out_window.close()  # closed -> _bring_back

    def _bring_back(self) -> None:
        window, self.pop_out_window = self.pop_out_window, None
        if window is None:
            return
        self._layout.insertWidget(1, self.pages, 1)
        self.pages.show()
        self.placeholder.hide()
        self.pop_button.setText(self.tr("Pop out"))
        window.deleteLater()
        self._refresh()

    # -- inputs ---------------------------------------------------------------------------
    def use_model(self, path: str) -> bool:
        """Load the checkpoint at ``path`` (its own copy); on failure keep the current one."""
        if self.model_path is not None and Path(path) == self.model_path:
            return True
        try:
            predictor = Predictor.from_path(path)
        except Exception as exc:  # any unusable file: the message is the whole story
            self.status.setText(
                self.tr("Cannot use this model: {reason}").format(reason=error_text(exc))
            )
            return False
        self.predictor, self.model_path = predictor, Path(path)
        spec = MODELS.get(predictor.checkpoint.model_name)
        name = predictor.name
        if self.model_path == BUNDLED_MODEL:
            name = self.tr("{name} (bundled)").format(name=name)
        self.model_label.setText(
            self.tr(
                "<b>{name}</b> · {model}: {description}. Draw in the Draw tab; this tab follows."
            ).format(
                name=name,
                model=_core_label(spec.display_name) if spec else "?",
                description=_core_label(spec.description) if spec else "",
            )
        )
        self.status.setText("")
        kind = _core_label(spec.weights_shown) if spec else self.tr("first layer")
        self._load_model_pages(predictor, kind)
        self._generation += 1
        self._refresh()
        return True

    def _load_model_pages(self, predictor: Predictor, kind: str) -> None:
        self.structure_page.set_rows(structure(predictor.model))
        self.activations_page.set_classes(predictor.class_names)
        self.saliency_page.set_classes(predictor.class_names)
        self._target = None
        run = self.model_path.parent if self.model_path != BUNDLED_MODEL else None
        epochs, problems = read_first_layer(run) if run else ([], [])
        current = first_layer_weights(predictor.model)[:64].numpy()
        self.weights_page.set_weights(kind, current, epochs, problems)
        rows, stat_problems = read_weight_stats(run) if run else ([], [])
        self.history_page.set_rows(rows, stat_problems)

    def look_at(self, image: object, model_path: str = "") -> None:
        """A drawing or picture (any image array; None: nothing drawn) and its model."""
        if model_path:
            self.use_model(model_path)
        self.image = None if image is None else np.asarray(image)
        self._generation += 1
        self._refresh()

    # -- jobs -------------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Look at the newest input now if the pages are shown, else when they are."""
        if not self.pages.isVisible():
            self._dirty = True
            return
        self._dirty = False
        if self.predictor is None:
            return
        if self.image is None:
            self._show_nothing()
            return
        self._runner.submit(
            look_inside, self.predictor, self.image, self._generation, saliency=False
        )
        if self.pages.currentWidget() is self.saliency_page:
            self._saliency_runner.submit(
                look_inside, self.predictor, self.image, self._generation, self._target
            )

    def _choose_target(self, target: int | None) -> None:
        self._target = target
        self._refresh()

    def _run_occlusion(self) -> None:
        if self.predictor is None or self.image is None:
            return
        self.status.setText(self.tr("Occlusion: blanking each 4x4 patch in turn…"))
        self._saliency_runner.submit(
            look_inside,
            self.predictor,
            self.image,
            self._generation,
            self._target,
            method="occlusion",
        )

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._refresh()

    def is_idle(self) -> bool:
        return not self._runner.is_busy and not self._saliency_runner.is_busy

    # -- results ----------------------------------------------------------------------------
    def _show_nothing(self) -> None:
        self.last_outcome = None
        self.activations_page.set_activations(None)
        self.saliency_page.show_input(None)

    def _on_activations(self, outcome: InsideOutcome) -> None:
        if outcome.generation != self._generation:
            return  # an older drawing or model
        if outcome.activations is None:
            self._show_nothing()
            return
        self.last_outcome = outcome
        self.activations_page.set_activations(outcome.activations)
        self.saliency_page.show_input(self._ink(outcome))

    def _on_saliency(self, outcome: InsideOutcome) -> None:
        if outcome.generation != self._generation or outcome.activations is None:
            return
        self.last_saliency = outcome
        digit = self._ink(outcome)
        if outcome.method == "occlusion":
            self.status.setText("")
            self.saliency_page.show_occlusion(digit, outcome.attribution)
        else:
            self.saliency_page.show_input(digit)
            self.saliency_page.show_attribution(digit, outcome.attribution, outcome.target)

    def _ink(self, outcome: InsideOutcome) -> np.ndarray:
        """The model input back in ink units (0 paper .. 1 ink), for showing it."""
        x = outcome.activations.model_input[0]
        return np.clip(x * self.predictor.std + self.predictor.mean, 0.0, 1.0)

    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("Looking inside failed: {reason}").format(reason=message))

    def shutdown(self) -> None:
        if self.pop_out_window is not None:
            self.pop_out_window.close()
        self._runner.wait(SHUTDOWN_WAIT_S / 2)
        self._saliency_runner.wait(SHUTDOWN_WAIT_S / 2)
