"""What the playground's classification and regression views share: a model trained live in
a worker thread, its snapshots collected, and a timer that redraws at most ~30 times a
second. A view builds its own data controls and plots; the rest lives here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.playground.controls import (
    History,
    ModelControls,
    TransportBar,
    describe,
    error_label,
)
from desktop_app.playground.worker import (
    Render,
    Snapshot,
    TrainingThread,
    connect_command,
)
from training_core.playground import PlaygroundTrainer

REDRAW_MS = 33  # at most ~30 redraws a second


class LiveTrainingView(QWidget):
    """Controls on the left, plots on the right, one model training in a worker thread.

    A subclass provides ``_build()`` (its widgets, laid out, using ``side_panel``),
    ``reset()`` (new data and model, handed over with ``_train``), ``_draw_picture()``
    (the worker's newest render) and ``_draw_curves()`` (the history)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._generation = 0
        self._history = History()
        self._picture: Any = None  # the newest render of the model, None until one comes
        self._last = None
        self._dirty = False
        self.training = TrainingThread(self)
        self.worker = self.training.worker
        self.model_controls = ModelControls()
        self.transport = TransportBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = error_label()
        self._build()
        self.model_controls.structure_changed.connect(self.reset)
        connect_command(
            self.model_controls.hyperparameters_changed, self.worker.set_hyperparameters
        )
        self.transport.play_toggled.connect(self._on_play)
        connect_command(self.transport.step_clicked, self.worker.step)
        self.transport.reset_clicked.connect(self.reset)
        connect_command(self.transport.speed_changed, self.worker.set_epochs_per_update)
        self.worker.snapshot_ready.connect(self._on_snapshot)
        self.worker.failed.connect(self.error.setText)
        self.worker.playing_changed.connect(self.transport.set_playing)
        self._timer = QTimer(self, interval=REDRAW_MS)
        self._timer.timeout.connect(self._redraw)
        self._timer.start()
        self.reset()

    # -- for subclasses --------------------------------------------------------------
    def _build(self) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        raise NotImplementedError

    def _draw_picture(self, picture: Any) -> None:
        raise NotImplementedError

    def _draw_curves(self, history: History) -> None:
        raise NotImplementedError

    def side_panel(self, data: QWidget) -> QScrollArea:
        """The left column: the view's data controls, then the shared ones, scrollable."""
        side = QWidget()
        col = QVBoxLayout(side)
        for w in (data, self.model_controls, self.transport, self.status, self.error):
            col.addWidget(w)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFixedWidth(side.sizeHint().width() + 24)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _train(self, trainer: PlaygroundTrainer, render: Render, note: str = "") -> None:
        """Hand the worker a new model; snapshots of the old one are ignored from now on."""
        self._generation += 1
        self._history.clear()
        self._picture, self._last = None, None
        self.worker.set_trainer(trainer, render, self._generation)
        self.status.setText(describe(None) + (f"\n{note}" if note else ""))
        self._dirty = True

    # -- shared behaviour ------------------------------------------------------------
    def _on_play(self, playing: bool) -> None:
        (self.worker.play if playing else self.worker.pause)()

    def _on_snapshot(self, snap: Snapshot) -> None:
        if snap.generation != self._generation:
            return  # from the model before the last reset
        self._history.extend(snap.metrics)
        if snap.metrics:
            self._last = snap.metrics[-1]
        if snap.picture is not None:
            self._picture = snap.picture
        self._dirty = True

    def redraw_now(self) -> None:
        """Draw the newest snapshot without waiting for the timer (tests, screenshots)."""
        self._dirty = True
        self._redraw()

    def _redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        if self._picture is not None:
            self._draw_picture(self._picture)
        self._draw_curves(self._history)
        if self._last is not None:
            self.status.setText(describe(self._last))

    @property
    def history(self) -> History:
        return self._history

    def shutdown(self) -> None:
        self._timer.stop()
        self.training.shutdown()
