"""The Experiments tab: define a sweep, start it, watch its trials fill a table and plots.

The sweep is ``digit-lab sweep`` in a process of its own (``runner.SweepProcess`` on a
``Worker`` thread follows its events file), so Ray never runs inside the window and the
window never waits on it. Every event goes through :meth:`ExperimentsPanel.apply_events`
into one :class:`SweepState` that the table and plots read; a recorded events file replays
through the same method into the same view (screenshots, tests). A finished sweep is
reopened from its record in the runs folder. Double-clicking a trial opens its run in the
Train tab.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import file_dialogs, settings
from desktop_app.common.error_report import error_box
from desktop_app.common.i18n import error_text
from desktop_app.common.panel import Panel, WindowLinks
from desktop_app.common.workers import Worker
from desktop_app.experiments.editor import SweepEditor
from desktop_app.experiments.plots import SweepPlots
from desktop_app.experiments.runner import SweepOutcome, SweepProcess, sweep_argv, sweep_folder
from desktop_app.experiments.sweep_state import SweepState, Trial, state_from_record
from desktop_app.experiments.table import TrialTable
from training_core.config import ConfigError, TrainConfig
from training_core.safe_files import SafeFileError
from training_core.sweep import new_sweep_name

log = logging.getLogger(__name__)

SHUTDOWN_SWEEP_S = 10.0  # closing the window: how long the sweep may take to stop cleanly


class ExperimentsPanel(Panel):
    title = QT_TRANSLATE_NOOP("Panel", "Experiments")  # the key; the tab shows its translation

    sweep_started = Signal(str)  # the sweep's name
    sweep_ended = Signal(object)  # SweepOutcome, or None when the process could not start

    def __init__(self, links: WindowLinks | None = None, parent=None):
        super().__init__(links, parent)
        self.state = SweepState()
        self.session: Worker | None = None
        self.process: SweepProcess | None = None
        self.last_message = ""

        self.editor = SweepEditor(self)
        self.start_button = QPushButton(self.tr("Start sweep"), self)
        self.start_button.setToolTip(self.tr("Run every trial as a training run of its own"))
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setToolTip(
            self.tr("Stop the running trials; finished trials and their runs are kept")
        )
        self.open_button = QPushButton(self.tr("Open sweep…"), self)
        self.open_button.setToolTip(self.tr("Show a finished sweep again from its record"))
        self.status = QLabel(self.tr("No sweep yet."), self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = TrialTable(self)
        self.table.setAccessibleName(self.tr("Trials"))
        self.plots = SweepPlots(self)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.editor)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.open_button)
        left_layout.addWidget(self.status)
        left_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(300)
        scroll.setMaximumWidth(380)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.table)
        right.addWidget(self.plots)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.open_button.clicked.connect(lambda: self.open_sweep())
        self.table.doubleClicked.connect(lambda index: self.open_trial(self.table.trial_at(index)))
        self._set_running(False)
        self.show_state(self.state)

    # -- messages ---------------------------------------------------------------------
    def tell(self, title: str, text: str, details: str = "") -> None:
        """A message the user must see, without blocking the event loop (or a test)."""
        self.last_message = text
        self.status.setText(text)
        box = error_box(title, text, details or text, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- the view ---------------------------------------------------------------------
    def show_state(self, state: SweepState) -> None:
        """Show ``state`` (a new sweep, a reopened one) in the table and the plots."""
        self.state = state
        self.table.trials.set_state(state)
        self.plots.set_state(state)
        self._show_progress()

    def apply_events(self, events: Iterable[dict]) -> int:
        """Fold sweep events (live, or replayed from a recorded events file) into the view;
        the number that were usable."""
        used = sum(self.state.apply(event) for event in events)
        if used:
            self.table.trials.refresh()
            self.plots.set_state(self.state)
            self._show_progress()
        return used

    def _on_event(self, event: object) -> None:
        self.apply_events([event])

    def _show_progress(self) -> None:
        state, best = self.state, self.state.best_trial()
        total = state.total if state.total is not None else len(state.trials)
        best_text = (
            self.tr("best {acc:.2%} ({trial})").format(acc=best.test_acc, trial=best.name)
            if best is not None and best.test_acc is not None
            else self.tr("no result yet")
        )
        texts = {
            "running": self.tr("{name}: {done} of {total} trials finished; {best}."),
            "completed": self.tr("{name} finished: {done} of {total} trials; {best}."),
            "stopped": self.tr("{name} stopped: {done} of {total} trials finished; {best}."),
            "failed": self.tr("{name} failed: {done} of {total} trials finished; {best}."),
        }
        template = texts.get(state.state)
        if template is None:
            return
        self.status.setText(
            template.format(
                name=state.name or self.tr("The sweep"),
                done=state.finished_count(),
                total=total,
                best=best_text,
            )
        )

    # -- running a sweep --------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self.session is not None

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.open_button.setEnabled(not running)
        self.editor.setEnabled(not running)

    def base_config(self) -> TrainConfig:
        """The Train form's settings (through the window's links), else the defaults."""
        source = getattr(self.links, "train_config", None)
        return source() if callable(source) else TrainConfig()

    def start(self, train_size: int | None = None, test_size: int | None = None) -> bool:
        """Start the sweep the editor defines; False (and a message) if it cannot."""
        if self.is_running:
            return False
        problem = self.editor.problem()
        if problem:
            self.tell(self.tr("Cannot start the sweep"), problem)
            return False
        preset = self.editor.preset or None
        try:
            base = None if preset else self.base_config().validate()
        except ConfigError as exc:  # the form's settings, before any trial is planned
            self.tell(self.tr("Cannot start the sweep"), error_text(exc))
            return False
        runs_root = settings.runs_root()
        name = new_sweep_name(runs_root)
        folder = sweep_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.tell(self.tr("Cannot start the sweep"), error_text(exc))
            return False
        events = folder / f"{name}.events.jsonl"
        argv = sweep_argv(
            name=name,
            events=events,
            runs_root=runs_root,
            base=base,
            grid=None if preset else self.editor.grid,
            preset=preset,
            data_root=settings.data_root(),
            train_size=train_size or (None if preset else self.editor.train_size.value() or None),
            test_size=test_size,
        )
        log.info("starting a sweep: %s", " ".join(argv))
        self.process = SweepProcess(argv, events, folder / f"{name}.stderr.txt")
        self.session = Worker(self.process, "digit-lab-sweep", self)
        self.session.event.connect(self._on_event)
        self.session.done.connect(self._ended)
        self.session.failed.connect(self._failed)
        self.session.finished.connect(self._session_ended)
        self.show_state(
            SweepState(name=name, state="running", asked=tuple(self.editor.varied_grid()))
        )
        self.status.setText(self.tr("Starting {name}…").format(name=name))
        self._set_running(True)
        self.session.start()
        self.sweep_started.emit(name)
        return True

    def stop(self) -> None:
        """Stop the sweep as Ctrl+C does: finished trials are kept."""
        if self.session is not None:
            self.session.stop()
            self.stop_button.setEnabled(False)
            self.status.setText(self.tr("Stopping the sweep; finished trials are kept…"))

    def _ended(self, outcome: SweepOutcome) -> None:
        if self.state.state == "running":
            self.state.state = {0: "completed", 130: "stopped"}.get(outcome.exit_code, "failed")
        self._show_progress()
        if outcome.exit_code not in (0, 130) and not outcome.stopped:
            reason = outcome.error or self.tr("exit code {code}").format(code=outcome.exit_code)
            self.tell(
                self.tr("The sweep failed"),
                self.tr("The sweep failed: {reason}").format(reason=reason),
                " ".join(self.process.argv) if self.process else "",
            )
        self.sweep_ended.emit(outcome)

    def _failed(self, message: str) -> None:
        self.tell(
            self.tr("Cannot start the sweep"),
            self.tr("The sweep could not run: {reason}").format(reason=message),
        )
        self.sweep_ended.emit(None)

    def _session_ended(self) -> None:
        if self.session is not None:
            self.session.deleteLater()
        self.session = None
        self._set_running(False)

    # -- trials and records -------------------------------------------------------------
    def open_trial(self, trial: Trial | None) -> bool:
        """Show a trial's run in the Train tab (its curves, results and settings)."""
        if trial is None:
            return False
        if not trial.run or not Path(trial.run).is_dir():
            self.tell(
                self.tr("Cannot open the trial"),
                self.tr("{trial} has no run folder yet.").format(trial=trial.name),
            )
            return False
        self.links.open_run.emit(trial.run)
        self.links.show_tab.emit("Train")
        return True

    def open_sweep(self, path: str | Path | None = None) -> bool:
        """Show a sweep again from its record file (``<name>.sweep.json``)."""
        if self.is_running:
            return False
        if path is None:
            path = file_dialogs.open_file_name(
                self,
                "sweep",
                self.tr("Open sweep"),
                self.tr("Sweep records (*.sweep.json);;All files (*)"),
                settings.runs_root(),
            )
            if not path:
                return False
        try:
            state = state_from_record(path)
        except SafeFileError as exc:
            self.tell(self.tr("Cannot open the sweep"), error_text(exc))
            return False
        self.show_state(state)
        return True

    # -- window hooks -------------------------------------------------------------------
    def unfinished_work(self) -> str | None:
        return self.tr("A sweep") if self.is_running else None

    def shutdown(self) -> None:
        """Closing the window: stop the sweep as Stop does and wait for it briefly; a sweep
        that does not end in time is killed with its process group, never left behind."""
        if self.session is None:
            return
        self.session.stop()
        if not self.session.wait(SHUTDOWN_SWEEP_S) and self.process is not None:
            log.warning("the sweep did not stop in %.0f s; killing it", SHUTDOWN_SWEEP_S)
            self.process.kill()
            self.session.wait(2.0)
