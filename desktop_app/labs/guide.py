"""The open lab and the student's session: which step, which runs the lab's actions made,
which answers were given. Qt glue only; the lab, its questions and the session file are the
core's (``training_core.lab_*``).

Actions drive the other tabs through :class:`~desktop_app.common.panel.WindowLinks` with
plain data, never by importing them. A train action asks the Train tab to train; the run
folder it reports becomes the run the lab's questions name. Expected answers are computed
from those runs by the core, off the UI thread (a confusion-matrix question evaluates the
checkpoint on the test set), with the one :class:`~desktop_app.common.workers.Worker`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.common import settings
from desktop_app.common.i18n import core_text
from desktop_app.common.workers import SHUTDOWN_WAIT_S, Worker
from desktop_app.labs.steps import TAB_NAMES, state_text
from training_core.data import is_available, resolve_data_root
from training_core.lab_actions import run_playground
from training_core.lab_directives import (
    CompareAction,
    ImageToolsAction,
    OpenTabAction,
    PlaygroundAction,
    Question,
    TrainAction,
)
from training_core.lab_format import Lab, Step
from training_core.lab_questions import TRAIN_ONLY, answer_choices, check_answer, expected_answer
from training_core.lab_session import LabSession, load_session, save_session
from training_core.resources import sample_images
from training_core.run_record import INTERRUPTED, read_run

log = logging.getLogger(__name__)

PLAYGROUND_VIEWS = {"classify": "classification", "regression": "regression", "softmax": "softmax"}


def train_options(action: TrainAction, dataset: str | None = None) -> dict:
    """The settings the Train tab gets: the lab's (complete, validated) config on this
    machine's preferred device, on ``dataset`` when the student took the one offered."""
    options = action.config.to_dict()
    options["device"] = settings.preferred_device()
    if dataset:
        options["dataset"] = dataset
    return options


def offered_dataset(action) -> str | None:
    """The dataset a train action offers instead of its own, when it is here (lesson 000
    used Fashion-MNIST; its lab runs on the bundled MNIST and offers Fashion-MNIST)."""
    offer = getattr(action, "offer_dataset", None)
    if offer and is_available(offer, resolve_data_root(settings.data_root())):
        return offer
    return None


def playground_setup(action: PlaygroundAction) -> dict:
    """The Playground tab's settings for an action (keys as its controls' data)."""
    return {
        "view": PLAYGROUND_VIEWS[action.page],
        "dataset": action.dataset,
        "model": action.model,
        "activation": action.activation,
        "units": action.units,
        "hidden_layers": action.hidden_layers,
        "optimizer": action.optimizer,
        "lr": action.lr,
        "play": action.start,
    }


def image_tools_setup(action: ImageToolsAction) -> dict:
    """A bundled digit (``digit-7``) is a file; any other name is an Image tools sample."""
    if action.sample.startswith("digit-"):
        wanted = f"digit_{action.sample.removeprefix('digit-')}.png"
        path = next((p for p in sample_images() if p.name == wanted), None)
        return {"path": str(path) if path else None, "steps": list(action.steps)}
    return {"sample": action.sample, "steps": list(action.steps)}


def _runs(lab_id: str, entries: dict):
    """A copy of the session's run entries the worker reads while the UI goes on."""
    return LabSession(lab_id, runs={name: dict(entry) for name, entry in entries.items()})


def answer_job(question: Question, answer: str, lab_id: str, entries: dict, data_root):
    """In a worker: the runs' results (a train run read from its folder, with the confusion
    matrix when the question needs it), the expected answer, the verdict on ``answer``."""
    session = _runs(lab_id, entries)
    confusion = question.kind in TRAIN_ONLY
    runs = {name: session.results(name, data_root, confusion) for name in entries}
    expected = expected_answer(question, runs)
    return expected, check_answer(question, expected, answer, runs)


def choices_job(questions: tuple, lab_id: str, entries: dict, data_root) -> dict:
    """In a worker: the answer choices of each question whose runs are all there (read
    without the confusion matrix: the choices never need it)."""
    session = _runs(lab_id, entries)
    choices = {}
    for question in questions:
        runs = {name: session.results(name, data_root) for name in question.runs}
        choices[question.key] = list(answer_choices(question, runs))
    return choices


class LabGuide(QObject):
    """One open lab: step navigation, actions, runs, answers, and the saved session.

    ``states`` says what each run of this sitting is doing ("training", then the status
    it ended with); a run made in an earlier sitting is in the session and simply done."""

    changed = Signal()  # the lab, the step, a run or an answer changed
    status = Signal(str)  # one line for the bar: what is happening or what to do
    choices_ready = Signal(dict)  # question key -> answer choices

    def __init__(self, links, parent=None):
        super().__init__(parent)
        self.links = links
        self.lab: Lab | None = None
        self.session = None  # training_core.lab_session.LabSession
        self.states: dict[tuple[str, str], str] = {}  # by (lab id, run name)
        self._asked: str | None = None  # the run a train action waits to see started
        self._folders: dict[str, tuple] = {}  # run folder -> (lab id, run name) training
        self._workers: set[Worker] = set()
        links.training_started.connect(self._training_started)
        links.training_refused.connect(self._training_refused)
        links.training_ended.connect(self._training_ended)

    # -- the lab and its steps ----------------------------------------------------------
    def open(self, lab: Lab) -> None:
        """Open ``lab`` where the student left it (the saved session), else at step 1."""
        if self.lab is None or self.lab.id != lab.id:
            self.session = load_session(lab.id)
        self.lab = lab
        self.session.language = lab.language
        self.session.step = min(max(self.session.step, 0), len(lab.steps) - 1)
        self._save()
        self.changed.emit()
        self.refresh_choices()

    @property
    def step_index(self) -> int:
        return self.session.step if self.session is not None else 0

    @property
    def step(self) -> Step | None:
        return self.lab.steps[self.step_index] if self.lab is not None else None

    def go(self, index: int) -> None:
        if self.lab is None or not 0 <= index < len(self.lab.steps):
            return
        if index != self.session.step:
            self.session.step = index
            self._save()
            self.changed.emit()
            self.refresh_choices()

    def runs(self) -> dict:
        return self.session.runs if self.session is not None else {}

    def run_state(self, name: str) -> str | None:
        """None: not made (or its folder is gone); "training"; else how it ended (for a
        run of an earlier sitting, as its folder's status says; "completed" if unsure)."""
        key = (self.lab.id if self.lab else "", name)
        if key in self.states:
            return self.states[key]
        entry = self.runs().get(name)
        if entry is None or (entry.get("kind") == "train" and not Path(entry["path"]).is_dir()):
            return None
        if entry.get("kind") == "train":  # a run stopped by closing the window says so
            ended = read_run(entry["path"]).status["state"]
            if ended in ("stopped", "diverged", "failed", INTERRUPTED):
                return "stopped" if ended == INTERRUPTED else ended
        return "completed"

    def run_ready(self, name: str) -> bool:
        return self.run_state(name) not in (None, "training")

    # -- actions ------------------------------------------------------------------------
    def run_action(self, action, dataset: str | None = None) -> None:
        """Set the app up as ``action`` says (and start its experiment); ``dataset``: the
        one a train action offers, when the student chose it."""
        if isinstance(action, TrainAction):
            self._asked = action.run if action.start else None
            self.links.run_training.emit(train_options(action, dataset), action.start)
        elif isinstance(action, PlaygroundAction):
            self.links.show_playground.emit(playground_setup(action))
            if action.run:
                self._run_playground(action)
        elif isinstance(action, ImageToolsAction):
            self.links.show_image_tools.emit(image_tools_setup(action))
        elif isinstance(action, OpenTabAction):
            self.links.show_tab.emit(TAB_NAMES[action.tab])
        elif isinstance(action, CompareAction):
            folders = [self.runs().get(name, {}).get("path") for name in action.runs]
            missing = [
                name for name, folder in zip(action.runs, folders, strict=True) if not folder
            ]
            if missing:  # a playground run has no folder: its curves are in the report
                self.status.emit(self.tr("Make run {run} first.").format(run=missing[0]))
                return
            self.links.compare_runs.emit(*folders)
            self.links.show_tab.emit("Train")

    def _training_started(self, folder: str) -> None:
        name, self._asked = self._asked, None
        if name is None or self.session is None:
            return
        self.session.set_train_run(name, folder)
        self.session.answers = {  # answers about the old run no longer hold
            key: given for key, given in self.session.answers.items()
            if name not in self._question_runs(key)
        }  # fmt: skip
        self.states[(self.lab.id, name)] = "training"
        self._folders[folder] = (self.lab.id, name)
        self.status.emit(self.tr("Run {run} is training: watch the Train tab.").format(run=name))
        self._save()
        self.changed.emit()

    def _training_refused(self, reason: str) -> None:
        if self._asked is not None:
            self._asked = None
            self.status.emit(self.tr("Not started: {reason}").format(reason=reason))

    def _training_ended(self, folder: str, status: str) -> None:
        lab_id, name = self._folders.pop(folder, (None, None))
        if name is None:  # not a run a lab asked for
            return
        self.states[(lab_id, name)] = status
        if self.lab is None or self.lab.id != lab_id:  # the student opened another lab
            return
        self.status.emit(
            self.tr("Run {run}: {state}. Now answer the question.").format(
                run=name, state=state_text(status)
            )
        )
        self.changed.emit()
        self.refresh_choices()

    def _run_playground(self, action: PlaygroundAction) -> None:
        """The Playground trains live for the student to watch; the run the questions read
        is the same settings trained headless and seeded by the core (``run_playground``)."""
        name, lab_id = action.run, self.lab.id
        self.states[(lab_id, name)] = "training"
        self.changed.emit()

        def done(results) -> None:
            if self.session is not None and self.lab.id == lab_id:
                self.session.set_results(results)
                self.states[(lab_id, name)] = results.status
                self._save()
                self.changed.emit()
                self.refresh_choices()

        def failed(message: str) -> None:
            self.states.pop((lab_id, name), None)
            self.changed.emit()
            self.status.emit(message)

        self._start(lambda control, report: run_playground(action, name), done, failed)

    # -- questions ----------------------------------------------------------------------
    def _question_runs(self, key: str) -> tuple:
        for step in self.lab.steps if self.lab else ():
            for question in step.questions:
                if question.key == key:
                    return question.runs
        return ()

    def step_making(self, run: str) -> int:
        """The number (1-based) of the step whose action makes ``run``."""
        for number, step in enumerate(self.lab.steps, 1):
            if any(getattr(action, "run", None) == run for action in step.actions):
                return number
        return 0

    def missing_runs(self, question: Question) -> list[str]:
        return [name for name in question.runs if not self.run_ready(name)]

    def run_first(self, run: str) -> str:
        """What to do before a question about ``run`` can be answered."""
        return self.tr(
            "This question is answered from your run {run}: make it first with the action "
            "of step {step}, and let it finish."
        ).format(run=run, step=self.step_making(run))

    def check(self, question: Question, answer: str) -> bool:
        """Check ``answer`` against the answer computed from the question's runs (in a
        worker); False, with a status saying what to do first, when a run is missing."""
        missing = self.missing_runs(question)
        if missing:
            self.status.emit(self.run_first(missing[0]))
            return False
        if not answer.strip():
            self.status.emit(self.tr("Type or pick your answer first."))
            return False
        entries = {name: self.runs()[name] for name in question.runs}
        data_root, lab_id = settings.data_root(), self.lab.id

        def done(outcome) -> None:
            expected, verdict = outcome
            if self.session is None or self.lab.id != lab_id:
                return
            feedback = core_text(verdict.feedback)  # the window's language
            self.session.record_answer(question.key, answer, verdict.correct, expected.text,
                                       feedback)  # fmt: skip
            self._save()
            self.changed.emit()

        self.status.emit(self.tr("Working out the answer from your run…"))
        self._start(
            lambda control, report: answer_job(question, answer, lab_id, entries, data_root),
            done,
            lambda message: self.status.emit(
                self.tr("Cannot check this answer: {reason}").format(reason=message)
            ),
        )
        return True

    def refresh_choices(self) -> None:
        """Answer choices for the step's questions whose runs are all there."""
        step = self.step
        if step is None or not step.questions:
            return
        entries = {n: e for n, e in self.runs().items() if self.run_ready(n)}
        ready = tuple(q for q in step.questions if all(n in entries for n in q.runs))
        if not ready:
            return
        data_root, lab_id = settings.data_root(), self.lab.id
        self._start(
            lambda control, report: choices_job(ready, lab_id, entries, data_root),
            self.choices_ready.emit,
            lambda message: log.warning("no answer choices: %s", message),
        )

    # -- background work and the session file --------------------------------------------
    def _start(self, job, done, failed) -> Worker:
        worker = Worker(job, "digit-lab-lab", self)
        worker.done.connect(done)
        worker.failed.connect(failed)
        worker.finished.connect(lambda: self._workers.discard(worker))
        worker.finished.connect(worker.deleteLater)
        self._workers.add(worker)
        return worker.start()

    @property
    def is_busy(self) -> bool:
        """Work whose result has not arrived yet (a worker leaves the set when finished)."""
        return bool(self._workers)

    def _save(self) -> None:
        if self.session is None:
            return
        try:
            save_session(self.session)
        except OSError as exc:  # the lab goes on; the next change tries again
            log.warning("cannot save the lab session: %s", exc)

    def shutdown(self) -> None:
        for worker in list(self._workers):
            worker.stop()
            worker.wait(SHUTDOWN_WAIT_S)
