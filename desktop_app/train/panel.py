"""The Train tab: settings, Start / Pause / Stop, live curves, results and the runs list.

The panel only wires widgets together: training is a ``TrainJob`` run by a ``Worker``,
results of past runs are computed by a ``LatestOnlyRunner`` job, and every file is read
or written by ``training_core``. The core's event dataclasses arrive as they are.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
)

from desktop_app.common import settings
from desktop_app.common.i18n import core_text, error_text, sentences
from desktop_app.common.panel import Panel, WindowLinks
from desktop_app.common.workers import SHUTDOWN_WAIT_S, Worker
from desktop_app.train.compare import compare_overlays
from desktop_app.train.controls import TrainControls
from desktop_app.train.data_dialog import ensure_dataset
from desktop_app.train.data_page import DataPage
from desktop_app.train.form import TrainForm
from desktop_app.train.lr_finder_dialog import lr_finder_button
from desktop_app.train.plots import TrainPlots
from desktop_app.train.results.view import ResultsView
from desktop_app.train.run_text import (
    checkpoint_title,
    epoch_text,
    paused_after_text,
    run_status_text,
    run_title,
    sentence,
    started_text,
    state_label,
)
from desktop_app.train.run_views import RunViews
from desktop_app.train.runs_list import RunsList
from desktop_app.train.side import train_side
from desktop_app.train.worker import TrainJob, TrainOutcome, read_batch_log
from training_core.checkpoints import Checkpoint, CheckpointError, load_checkpoint
from training_core.config import ConfigError, TrainConfig
from training_core.events import BatchReport, EpochReport, TrainStarted
from training_core.runs import RunDirectory, RunFolderError


class TrainPanel(Panel):
    title = QT_TRANSLATE_NOOP("Panel", "Train")  # the key; the tab shows its translation

    run_started = Signal(object)  # TrainStarted
    epoch_finished = Signal(object)  # EpochReport
    run_finished = Signal(str, str)  # status, message
    run_failed = Signal(str)
    results_shown = Signal()

    def __init__(self, links: WindowLinks | None = None, parent=None):
        super().__init__(links, parent)
        # Tests inject tiny synthetic (train, test) splits here; None = the real dataset.
        self.data_override = None
        self.report_every = 10
        self.session: Worker | None = None
        self.info: TrainStarted | None = None
        self.current_run: Path | None = None
        self.current_checkpoint: Path | None = None
        self.last_message = ""

        self.form = TrainForm(self, device=settings.preferred_device())
        self.controls = TrainControls(self)
        self.plots = TrainPlots(self)
        self.results = ResultsView(self)
        self.runs = RunsList(settings.runs_root, self)
        self.views = RunViews(  # one state per run: what every page shows, and of whom
            self.plots,
            self.results,
            self.controls,
            lambda: self.data_override[1] if self.data_override else None,
            self,
        )
        self.views.results_shown.connect(self.results_shown)

        side = train_side(self.form, lr_finder_button(self), self.controls, self)
        self.pages = QTabWidget(self)
        # First: lesson 000 starts by looking at the data. It follows the form's dataset.
        self.data_page = DataPage(self, override=lambda: self.data_override)
        self.data_page.set_dataset(self.form.dataset.currentText())
        self.form.changed.connect(
            lambda: self.data_page.set_dataset(self.form.dataset.currentText())
        )
        self.pages.addTab(self.data_page, self.tr("Data"))
        self.pages.addTab(self.plots, self.tr("Curves"))
        self.pages.addTab(self.results, self.tr("Results"))
        self.pages.addTab(self.runs, self.tr("Runs"))
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(side)
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

        self.controls.start_requested.connect(self.start)
        self.controls.pause_requested.connect(self.pause)
        self.controls.resume_requested.connect(self.resume)
        self.controls.stop_requested.connect(self.stop)
        self.controls.step_requested.connect(self.step)
        self.controls.pace_changed.connect(self._set_pace)
        self.runs.open_requested.connect(self.open_run)
        self.runs.compare_requested.connect(lambda paths: self.compare_run(*paths))
        self.runs.training_run = lambda: self.current_run if self.is_training else None
        self.links.open_run.connect(self.open_run)
        self.links.run_training.connect(self.run_settings)  # a lab's actions
        self.links.compare_runs.connect(lambda a, b: self.open_run(a) and self.compare_run(b))
        self.runs.resume_requested.connect(self.resume_run)
        self.runs.use_in_draw_requested.connect(self._use_in_draw)
        self.runs.deleted.connect(self._run_deleted)

    # -- messages ----------------------------------------------------------------------
    def tell(self, title: str, text: str) -> None:
        """A message the user must see, without blocking the event loop (or a test)."""
        self.last_message = text
        self.controls.show_status(text)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- training ----------------------------------------------------------------------
    @property
    def is_training(self) -> bool:
        return self.session is not None

    def start(self) -> bool:
        """Start a new run with the form's settings; False (and a message) if it cannot."""
        try:
            config = self.form.config().validate()
        except ConfigError as exc:
            self.tell(self.tr("Cannot start"), error_text(exc))
            return False
        if self.data_override is None and not ensure_dataset(self, config.dataset):
            self.controls.show_status(self.tr("Not started: the dataset is missing."))
            return False
        try:
            run_dir = RunDirectory.create(settings.runs_root(), config.to_dict())
        except (RunFolderError, OSError) as exc:
            self.tell(
                self.tr("Cannot write the runs folder"),
                self.tr("{error}\n\nChoose another runs folder in Edit → Preferences.").format(
                    error=error_text(exc)
                ),
            )
            return False
        self.views.reset(run_title(run_dir.path, config.to_dict()))
        self.views.message(self.tr("Results appear here when this run finishes."))
        return self._launch(config, run_dir, resume=None)

    def _launch(self, config: TrainConfig, run_dir: RunDirectory, resume) -> bool:
        job = TrainJob(
            config,
            run_dir=run_dir,
            data=self.data_override,
            data_root=settings.data_root(),
            resume=resume,
            report_every=self.report_every,
        )
        self.session = Worker(job, "digit-lab-training", self)
        self.session.control.set_pace(self.controls.pace_seconds)
        self.session.event.connect(self._on_event)
        self.session.done.connect(self._finished)
        self.session.failed.connect(self._failed)
        self.session.finished.connect(self._session_ended)
        self.current_run = run_dir.path
        self.current_checkpoint = run_dir.checkpoint_path
        self.info = None
        self.controls.set_state("loading")
        self.controls.show_status(
            self.tr("Loading {dataset} and building {model}…").format(
                dataset=config.dataset, model=config.model
            )
        )
        self.pages.setCurrentWidget(self.plots)
        self.session.start()
        return True

    def run_settings(self, options: dict, start: bool = True) -> bool:
        """A lab's action: show these settings (and start); says which run folder started,
        or why none did (a run already training is never replaced)."""
        if self._busy():
            self.links.training_refused.emit(self.tr("Stop the current run first."))
            return False
        try:
            self.form.set_config(TrainConfig.from_dict(options).validate())
        except ConfigError as exc:
            self.links.training_refused.emit(error_text(exc))
            return False
        self.links.show_tab.emit(self.title)
        if start and self.start():
            self.links.training_started.emit(str(self.current_run))
        elif start:
            self.links.training_refused.emit(self.last_message or self.tr("Not started."))
        return start

    def pause(self) -> None:
        if self.session is not None:
            self.session.pause()
            self.controls.set_state("paused")
            self.controls.show_status(self.tr("Paused. Resume continues with the next batch."))

    def resume(self) -> None:
        if self.session is not None:
            self.session.resume()
            self.controls.set_state("running")
            self.controls.show_status(self.tr("Training…"))

    def stop(self) -> None:
        if self.session is not None:
            self.session.stop()
            self.controls.set_state("stopping")
            self.controls.show_status(self.tr("Stopping after this batch…"))

    def step(self) -> None:
        """While paused: train exactly one batch; its report shows it, then it pauses."""
        if self.session is not None and self.controls.state == "paused":
            self.session.control.step()
            self.controls.show_status(self.tr("Training one batch…"))

    def _set_pace(self, seconds: float) -> None:
        """The pace menu changed: a running job follows it from its next batch."""
        if self.session is not None:
            self.session.control.set_pace(seconds)

    def _on_event(self, event: object) -> None:
        if isinstance(event, BatchReport):
            self._batch(event)
        elif isinstance(event, EpochReport):
            self._epoch(event)
        elif isinstance(event, TrainStarted):
            self._started(event)

    def _started(self, info: TrainStarted) -> None:
        self.info = info
        if self.controls.state == "loading":
            self.controls.set_state("running")
        self.controls.show_status(started_text(info))
        self.runs.refresh()
        self.run_started.emit(info)

    def _batch(self, report: BatchReport) -> None:
        self.plots.add_batch(report)
        if self.info is not None:
            self.controls.show_progress(self.info, report)
        if self.controls.state == "paused":  # a step's batch: say where it stopped
            self.controls.show_status(paused_after_text(report))

    def _epoch(self, report: EpochReport) -> None:
        self.plots.add_epoch(report)
        if self.controls.state != "paused":  # a step that ended an epoch: still paused
            self.controls.show_status(epoch_text(report))
        self.epoch_finished.emit(report)

    def _finished(self, outcome: TrainOutcome) -> None:
        if outcome.results is not None:
            self.views.show_results(outcome.results)
        status, message = outcome.status, outcome.message
        message = core_text(message)
        text = {
            "completed": self.tr("Finished."),
            "stopped": self.tr("Stopped; the last finished epoch's checkpoint is kept.")
            if self.plots.history
            else self.tr("Stopped before the first epoch ended: no checkpoint was saved."),
            "diverged": self.tr("The loss exploded."),
        }.get(status, sentence(state_label(status)))
        if status != "completed":
            self.controls.show_ended(state_label(status))
            if outcome.results is None:  # the last good epoch's results, or why none
                self.views.request_results(self._checkpoint_if_saved())
        if status == "diverged":
            self.tell(self.tr("Training diverged"), sentences(text, sentence(message)))
        else:
            last = self.plots.history[-1] if self.plots.history else None
            if last is not None:
                text = sentences(
                    text,
                    self.tr("Test accuracy after epoch {epoch}: {acc}.").format(
                        epoch=last["epoch"], acc=f"{last['test_acc']:.2%}"
                    ),
                )
            said = status == "stopped" and not self.plots.history  # "Stopped before …"
            self.controls.show_status(text if said else sentences(text, sentence(message)))
        self.run_finished.emit(status, message)
        self.links.training_ended.emit(str(self.current_run), status)

    def _failed(self, message: str) -> None:
        self.controls.show_ended(state_label("failed"))
        self.views.request_results(self._checkpoint_if_saved())
        self.tell(self.tr("Training failed"), message)
        self.run_failed.emit(message)
        self.links.training_ended.emit(str(self.current_run), "failed")

    def _session_ended(self) -> None:
        if self.session is not None:
            self.session.deleteLater()  # its thread has finished; free thread and worker
        self.session = None
        self.controls.set_state("idle")
        self.runs.refresh()

    def _checkpoint_if_saved(self) -> Path | None:
        """The run's last good epoch, if it got one (a run ended early keeps it)."""
        checkpoint = self.current_checkpoint
        return checkpoint if checkpoint is not None and checkpoint.is_file() else None

    # -- runs and checkpoints ------------------------------------------------------------
    def _busy(self) -> bool:
        if self.is_training:
            self.tell(self.tr("A run is training"), self.tr("Stop the current run first."))
            return True
        return False

    def open_run(self, path: str | Path) -> bool:
        """Show a past run: its settings, curves and (computed off-thread) results."""
        if self._busy():
            return False
        run = RunDirectory(Path(path))
        record = run.inspect()
        config = record.config
        if not config:
            reason = core_text(record.reason) if record.reason else self.tr("no settings")
            self.tell(
                self.tr("Cannot open run"),
                self.tr("{path}: {reason}.").format(path=run.path, reason=reason),
            )
            return False
        self.form.set_config(TrainConfig.from_dict(config))
        self.views.reset(run_title(run.path, config), record.metrics, read_batch_log(run.path))
        self.controls.show_epochs(len(self.plots.history), int(config.get("epochs", 0)))
        self.current_run = run.path
        self.current_checkpoint = run.checkpoint_path if run.checkpoint_path.is_file() else None
        self.runs.select(run.path)
        self.views.request_results(self.current_checkpoint)
        self.controls.show_status(run_status_text(record))
        return True

    def compare_run(self, *paths: str | Path) -> None:
        """Overlay other runs on the shown one, each in its own colour, named by the
        user's name for it or by the settings it differs in (``compare``)."""
        shown_label, overlays = compare_overlays(self.current_run, list(paths))
        self.plots.set_overlays(overlays, shown_label)
        self.pages.setCurrentWidget(self.plots)

    def resume_run(self, path: str | Path) -> bool:
        if self._busy():
            return False
        run = RunDirectory(Path(path))
        try:
            checkpoint = load_checkpoint(run.checkpoint_path)
            config = TrainConfig.from_dict(checkpoint.config).validate()
        except (CheckpointError, ConfigError) as exc:
            self.tell(self.tr("Cannot resume"), error_text(exc))
            return False
        if checkpoint.epoch >= config.epochs:
            self.tell(
                self.tr("Nothing to resume"),
                self.tr(
                    "{run} already finished its {epochs} epochs. Start a new run to train longer."
                ).format(run=run.name, epochs=config.epochs),
            )
            return False
        if self.data_override is None and not ensure_dataset(self, config.dataset):
            return False
        self.form.set_config(config)
        self.views.reset(
            run_title(run.path, config.to_dict()),
            checkpoint.history,
            read_batch_log(run.path),
        )
        self.views.message(self.tr("Results appear here when this run finishes."))
        return self._launch(config, run, resume=checkpoint)

    def show_checkpoint(self, checkpoint: Checkpoint) -> None:
        """A checkpoint opened from the File menu (already loaded and validated)."""
        if self.is_training:
            return
        self.form.set_config(TrainConfig.from_dict(checkpoint.config))
        folder = checkpoint.path.parent if checkpoint.path else None
        title = checkpoint_title(checkpoint.path, checkpoint.config) if checkpoint.path else ""
        self.views.reset(title, checkpoint.history, read_batch_log(folder) if folder else ())
        epochs = int(checkpoint.config.get("epochs", 0) or 0)
        self.controls.show_epochs(len(self.plots.history), max(epochs, len(self.plots.history)))
        self.controls.show_status(
            self.tr("{run}: checkpoint of epoch {epoch}.").format(run=title, epoch=checkpoint.epoch)
        )
        self.current_run = folder
        self.current_checkpoint = checkpoint.path
        self.views.request_results(checkpoint.path)

    def _run_deleted(self, path: str) -> None:
        """The shown run was deleted: its curves and results go with it."""
        if self.current_run is not None and Path(path) == self.current_run:
            self.current_run = self.current_checkpoint = None
            self.views.reset("")
            self.controls.show_status(self.tr("The run shown here was deleted."))

    def _use_in_draw(self, checkpoint_path: str) -> None:
        self.links.use_checkpoint.emit(checkpoint_path)
        self.links.show_tab.emit("Draw")

    # -- window hooks --------------------------------------------------------------------
    def unfinished_work(self) -> str | None:
        return self.tr("A training run") if self.is_training else None

    def shutdown(self) -> None:
        """Closing the window: stop at the next batch, keep the last finished epoch. The
        thread is a daemon: one stuck in a long data load is not waited for."""
        if self.session is not None:
            self.session.stop()
            self.session.wait(SHUTDOWN_WAIT_S)
        self.views.runner.wait(SHUTDOWN_WAIT_S)
