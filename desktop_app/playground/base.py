"""What the playground's classification and regression views share: a model trained live by
the app's one ``Worker``, its snapshots collected, and the one redraw throttle. A view
builds its own data controls and plots; the rest lives here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.common.throttle import throttled
from desktop_app.common.workers import SHUTDOWN_WAIT_S, Worker
from desktop_app.playground.controls import (
    History,
    ModelControls,
    TransportBar,
    describe,
    error_label,
)
from desktop_app.playground.worker import PlaygroundLoop, Render, Snapshot, Stalled
from training_core.playground import PlaygroundTrainer


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
        self.worker = PlaygroundLoop()  # the commands: play, pause, step, ...
        self.training = Worker(self.worker, "digit-lab-playground", self)
        self.model_controls = ModelControls()
        self.transport = TransportBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = error_label()
        self._build()
        self.model_controls.structure_changed.connect(self.reset)
        self.model_controls.hyperparameters_changed.connect(self.worker.set_hyperparameters)
        self.transport.play_toggled.connect(self._on_play)
        self.transport.step_clicked.connect(self.worker.step)
        self.transport.reset_clicked.connect(self.reset)
        self.transport.speed_changed.connect(self.worker.set_epochs_per_update)
        self.training.event.connect(self._on_event)
        self.training.failed.connect(self.error.setText)
        self.training.start()
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
        self.status.setText("\n".join(line for line in (describe(None), note) if line))
        self._dirty = True
        self._request_redraw()

    # -- shared behaviour ------------------------------------------------------------
    def _on_play(self, playing: bool) -> None:
        (self.worker.play if playing else self.worker.pause)()

    def pause(self) -> None:
        """Pause training and show it on the Play button."""
        self.worker.pause()
        self.transport.set_playing(False)

    def _on_event(self, event: object) -> None:
        if isinstance(event, Stalled):
            self.transport.set_playing(False)
            self.error.setText(self.tr("training stopped: {reason}").format(reason=event.reason))
            return
        snap: Snapshot = event
        if snap.generation != self._generation:
            return  # from the model before the last reset
        self._history.extend(snap.metrics)
        if snap.metrics:
            self._last = snap.metrics[-1]
        if snap.picture is not None:
            self._picture = snap.picture
        self._dirty = True
        self._request_redraw()

    def redraw_now(self) -> None:
        """Draw the newest snapshot at once (tests, README figures)."""
        self._dirty = True
        self._redraw()

    @throttled
    def _request_redraw(self) -> None:
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

    def shutdown(self, timeout: float = SHUTDOWN_WAIT_S) -> bool:
        """Stop the loop and wait for its thread; True when it has ended."""
        self.training.stop()
        self.worker.wake()
        return self.training.wait(timeout)
