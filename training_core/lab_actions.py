"""Running a lab's actions without a window, and reading back what runs produced.

The app runs ``train`` actions in its Train tab and stores the run folder; questions read
that folder through :func:`run_results`. ``digit-lab lab --check`` runs the same actions
here, headless, on the lab's reduced budget (:func:`check_lab`). Playground actions are
cheap and seeded, so the app and the check both get their numbers from
:func:`run_playground`: the same settings give the same run.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from training_core.config import ConfigError
from training_core.data import DataError, dataset_info, load_split
from training_core.lab_directives import (
    PLAYGROUND_SETTINGS,
    CompareAction,
    ImageToolsAction,
    PlaygroundAction,
    Question,
    TrainAction,
)
from training_core.lab_format import Budget, Lab, LabError, lab_error
from training_core.lab_questions import (
    Expected,
    QuestionError,
    RunResults,
    expected_answer,
)
from training_core.messages import msg

__all__ = [
    "CHECK_CAPS",
    "CheckReport",
    "RunResults",
    "check_lab",
    "run_playground",
    "run_results",
    "sample_image",
]

log = logging.getLogger(__name__)
CHECK_CAPS = Budget(epochs=2, train_subset=10_000, test_subset=2_000)  # the most --check runs
PLAYGROUND_POINTS = 300  # points per class: the playground's toy sets, small enough to be live
MAX_HISTORY_POINTS = 200  # a long playground run keeps this many epochs in a session
_results_cache: dict[tuple, RunResults] = {}


def run_results(
    run_dir: str | os.PathLike,
    data_root: str | os.PathLike | None = None,
    test_subset: int | None = None,
    confusion: bool = False,
    name: str = "",
) -> RunResults:
    """A training run's settings, history and status, read defensively from its folder;
    with ``confusion``, its checkpoint evaluated on the test split (the first
    ``test_subset`` images). Cached on the folder's files, so asking twice is free."""
    from training_core.run_record import CHECKPOINT, METRICS, read_run

    path = Path(run_dir)
    stamps = tuple(_stamp(path / f) for f in (CHECKPOINT, METRICS))
    key = (str(path.resolve()), stamps, str(data_root), test_subset, confusion)
    if key in _results_cache:
        return replace(_results_cache[key], name=name or path.name)
    record = read_run(path)
    if record.damaged or not record.config:
        raise QuestionError(
            msg(
                "lab.run_unreadable",
                "{folder}: cannot be used for this question: {reason}",
                folder=path,
                reason=record.reason,
            )
        )
    dataset = record.config.get("dataset", "mnist")
    results = RunResults(
        name=name or path.name,
        kind="train",
        settings=dict(record.config),
        history=[dict(m) for m in record.metrics],
        status=record.status.get("state", "unknown"),
        class_names=list(dataset_info(dataset).class_names),
        path=str(path),
    )
    if confusion:
        results.confusion = _confusion(path / CHECKPOINT, dataset, data_root, test_subset)
    _results_cache[key] = results
    return replace(results)


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _confusion(checkpoint_path: Path, dataset: str, data_root, test_subset) -> list[list[int]]:
    from training_core.checkpoints import load_checkpoint
    from training_core.evaluation import evaluate

    checkpoint = load_checkpoint(checkpoint_path)
    split = load_split(dataset, False, data_root)
    if test_subset:
        split = split.subset(test_subset)
    result = evaluate(checkpoint.build_model("cpu"), split)
    return result.confusion_matrix.tolist()


# -- the playground, headless ------------------------------------------------------------------


def run_playground(action: PlaygroundAction, name: str = "") -> RunResults:
    """Train the playground model the action describes, seeded: the numbers its questions
    are answered from, in the app and in ``--check`` alike. The same settings give the
    same numbers, so they are computed once per process (another language's copy of the
    lab, a second check)."""
    results = _playground_results(replace(action, run=None, label="", line=0, start=True))
    return replace(
        results,
        name=name or action.run or "playground",
        settings=dict(results.settings),
        history=list(results.history),
    )


@functools.lru_cache(maxsize=32)
def _playground_results(action: PlaygroundAction) -> RunResults:
    from training_core.threads import torch_threads

    settings = {k: getattr(action, k) for k in PLAYGROUND_SETTINGS}
    with torch_threads(1):
        if action.page == "softmax":
            history, classes = _softmax_history(action), ["0", "1", "2"]
        else:
            history, classes = _trainer_history(action)
    return RunResults(
        "playground",
        "playground",
        settings,
        _thin(history),
        "completed",
        classes,
    )


def _trainer_history(action: PlaygroundAction) -> tuple[list[dict], list[str]]:
    from training_core.playground import (
        PlaygroundTrainer,
        TrainSettings,
        build_classifier,
        class_count,
        make_cubic,
        make_points,
        train_test_split,
    )

    regression = action.page == "regression"
    if regression:
        x, y = make_cubic(100, 0.3, action.seed + 1)
        outputs, classes = 1, []
    else:
        outputs = class_count(action.dataset, 3)
        x, y = make_points(action.dataset, outputs, PLAYGROUND_POINTS, None, action.seed)
        classes = [str(i) for i in range(outputs)]
    split = train_test_split(x, y, 0.2, action.seed)
    model = build_classifier(
        action.model,
        action.hidden_layers,
        action.units,
        action.activation,
        outputs=outputs,
        seed=action.seed,
    )
    settings = TrainSettings(action.optimizer, action.lr, 1e-5, 0, action.seed)
    trainer = PlaygroundTrainer(
        model, split, "regression" if regression else "classification", settings
    )
    history = []
    for _ in range(action.epochs):
        m = trainer.run_epoch()
        history.append(
            {
                "epoch": m.epoch,
                "train_loss": m.train_loss,
                "test_loss": m.test_loss,
                "train_acc": m.train_acc,
                "test_acc": m.test_acc,
            }
        )
    return history, classes


@functools.lru_cache(maxsize=4)
def _mistake_curves(steps: int, lr: float, seed: int):
    from training_core.softmax_explorer import compare_softmax_mistake

    return compare_softmax_mistake(steps, lr, PLAYGROUND_POINTS, seed)


def _softmax_history(action: PlaygroundAction) -> list[dict]:
    """One side of the softmax explorer's comparison (the right loss, or softmax first).
    There is no test set: the test values are the training points' (stated in the docs)."""
    curves = _mistake_curves(action.epochs, action.lr, action.seed)
    side = "correct" if action.loss == "correct" else "mistake"
    losses, accs = getattr(curves, f"{side}_loss"), getattr(curves, f"{side}_acc")
    return [
        {"epoch": i + 1, "train_loss": loss, "test_loss": loss, "train_acc": acc, "test_acc": acc}
        for i, (loss, acc) in enumerate(zip(losses, accs, strict=True))
    ]


def _thin(history: list[dict]) -> list[dict]:
    """At most MAX_HISTORY_POINTS epochs, always keeping the last one."""
    if len(history) <= MAX_HISTORY_POINTS:
        return history
    step = -(-len(history) // MAX_HISTORY_POINTS)
    kept = history[::step]
    return kept if kept[-1] is history[-1] else [*kept, history[-1]]


def sample_image(name: str):
    """The picture an image-tools action starts from: a bundled MNIST sample digit
    (``digit-7``) or one of scikit-image's offline samples."""
    if name.startswith("digit-"):
        from training_core.image_io import read_image
        from training_core.resources import sample_images, sample_label

        for path in sample_images():
            if sample_label(path) == name.removeprefix("digit-"):
                return read_image(path)
        raise LabError(msg("lab.no_sample", "no bundled sample {name}", name=name))
    from training_core.imaging import load_sample

    return load_sample(name)


# -- the check -------------------------------------------------------------------------------


@dataclass
class CheckReport:
    """What ``--check`` did: one line per step, each run's results, each expected answer."""

    lab: Lab
    lines: list[str] = field(default_factory=list)
    runs: dict[str, RunResults] = field(default_factory=dict)
    expected: dict[str, Expected] = field(default_factory=dict)  # by question key


_check_memo: dict[tuple, RunResults] = {}  # same config + budget + data: trained once


def check_lab(
    lab: Lab,
    data_root: str | os.PathLike | None = None,
    caps: Budget = CHECK_CAPS,
    progress: Callable[[str], None] | None = None,
) -> CheckReport:
    """Run every action on the reduced budget and compute every question's answer.

    The budget is the lab's, capped by ``caps``. Any problem raises :class:`LabError`
    naming the lab file and the line of the action or question."""
    budget = Budget(
        *(
            min(getattr(lab.budget, k), getattr(caps, k))
            for k in ("epochs", "train_subset", "test_subset")
        )
    )
    report = CheckReport(lab)
    with tempfile.TemporaryDirectory(prefix="digit-lab-check-") as runs_root:
        for number, step in enumerate(lab.steps, 1):
            done = []
            for part in step.parts:
                if isinstance(part, str):
                    continue
                done.append(_check_part(part, lab, budget, data_root, runs_root, report))
            line = f"step {number} ({step.title}): " + ("; ".join(done) or "text only")
            report.lines.append(line)
            if progress:
                progress(line)
    return report


def _check_part(part, lab: Lab, budget: Budget, data_root, runs_root, report) -> str:
    try:
        if isinstance(part, TrainAction):
            report.runs[part.run] = _check_train(part, budget, data_root, runs_root)
            acc = report.runs[part.run].final_accuracy
            return f"trained {part.run} ({part.config.model}): test accuracy {acc:.3f}"
        if isinstance(part, PlaygroundAction):
            if part.run:
                report.runs[part.run] = run_playground(part)
                return f"playground {part.run}: accuracy {report.runs[part.run].final_accuracy:.3f}"
            return f"playground {part.page}"
        if isinstance(part, ImageToolsAction):
            from training_core.imaging import apply_chain

            apply_chain(sample_image(part.sample), part.steps)
            return f"image tools: {part.sample}, {len(part.steps)} step(s)"
        if isinstance(part, CompareAction):
            return f"compare {part.runs[0]} and {part.runs[1]}"
        if isinstance(part, Question):
            expected = expected_answer(part, report.runs)
            report.expected[part.key] = expected
            return f"{part.kind}: {expected.text}"
        return f"open {part.tab}"
    except LabError as exc:
        if str(exc).startswith(f"{lab.source}:"):
            raise
        raise lab_error(lab.source, part.line, exc.args[0]) from None
    except (ConfigError, DataError, OSError, ValueError) as exc:
        raise lab_error(
            lab.source,
            part.line,
            msg("lab.action_failed", "{reason}", reason=exc.args[0] if exc.args else exc),
        ) from None


def _check_train(action: TrainAction, budget: Budget, data_root, runs_root) -> RunResults:
    from training_core.runs import RunDirectory
    from training_core.training import train

    config = replace(action.config, epochs=min(action.config.epochs, budget.epochs), device="cpu")
    key = (tuple(sorted(config.to_dict().items())), budget, str(data_root))
    if key not in _check_memo:
        data = (
            load_split(config.dataset, True, data_root).subset(budget.train_subset),
            load_split(config.dataset, False, data_root).subset(budget.test_subset),
        )
        run_dir = RunDirectory.create(runs_root, config.to_dict())
        result = train(config.validate(), run_dir=run_dir, data=data)
        if result.status == "failed":
            raise LabError(
                msg("lab.train_failed", "training failed: {reason}", reason=result.message)
            )
        results = run_results(run_dir.path, data_root, budget.test_subset)
        try:  # a run that diverged in its first epoch has no checkpoint to evaluate
            results.confusion = _confusion(
                run_dir.checkpoint_path, config.dataset, data_root, budget.test_subset
            )
        except (LabError, OSError, ValueError) as exc:
            log.info("lab check: no confusion matrix for %s: %s", action.run, exc)
        results.path = None  # the check's folders are temporary
        _check_memo[key] = results
    return replace(_check_memo[key], name=action.run)
