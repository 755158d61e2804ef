"""What a lab's ``action`` and ``question`` blocks may ask for, checked against the registries.

Each block becomes a frozen dataclass. The values are checked where the app checks them:
training options by ``TrainConfig``'s option metadata (and ``validate``, with the model's
lesson settings filling in what the lab leaves out), playground settings by
:mod:`training_core.playground`'s names, image steps by ``imaging.OPERATIONS``, question
kinds by :data:`training_core.lab_questions.QUESTION_KINDS`. A block can only ask for what
these allow: that is what keeps a lab data and not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from training_core.config import ConfigError, TrainConfig, default_config
from training_core.data import DATASETS
from training_core.lab_format import Block, Lab, lab_error
from training_core.lab_questions import QUESTION_KINDS, TRAIN_ONLY
from training_core.lab_values import (
    choice,
    flag,
    image_step,
    number,
    refuse_unknown,
    run_list,
    run_name,
)
from training_core.messages import msg

TABS = ("train", "draw", "inside", "image_tools", "playground", "experiments")
PLAYGROUND_PAGES = ("classify", "regression", "softmax")
SOFTMAX_LOSSES = ("correct", "softmax_first")
_NOT_FROM_LABS = ("device", "precision")  # the student's machine decides these
_COMMON = ("do", "label")


@dataclass(frozen=True)
class TrainAction:
    """Train a model: ``config`` is complete and valid (the model's settings + the lab's)."""

    run: str
    config: TrainConfig
    given: dict  # what the lab wrote, checked (shown as the action's settings)
    offer_dataset: str | None = None  # offered instead of config.dataset when available
    start: bool = True
    label: str = ""
    line: int = 0


# What a playground action sets on its page (its fields below but run, start and label):
# read from a lab file here, handed to the page or to --check by lab_actions.
PLAYGROUND_SETTINGS = (
    "page",
    "dataset",
    "model",
    "activation",
    "units",
    "hidden_layers",
    "optimizer",
    "lr",
    "epochs",
    "loss",
    "seed",
)


@dataclass(frozen=True)
class PlaygroundAction:
    """Set up (and maybe start) a Playground page; ``--check`` runs it headless."""

    run: str | None
    page: str = "classify"
    dataset: str = "spiral"
    model: str = "mlp"
    activation: str = "relu"
    units: int = 100
    hidden_layers: int = 1
    optimizer: str = "adam"
    lr: float = 0.01
    epochs: int = 300
    loss: str = "correct"  # page softmax: the right loss or the softmax-first mistake
    seed: int = 0
    start: bool = True
    label: str = ""
    line: int = 0


@dataclass(frozen=True)
class ImageToolsAction:
    sample: str  # a name of training_core.imaging.sample_names(), or digit-0 .. digit-9
    steps: tuple = ()  # training_core.imaging.Step values
    label: str = ""
    line: int = 0
    run: None = None


@dataclass(frozen=True)
class OpenTabAction:
    tab: str
    label: str = ""
    line: int = 0
    run: None = None


@dataclass(frozen=True)
class CompareAction:
    runs: tuple[str, str]
    label: str = ""
    line: int = 0
    run: None = None


ACTION_TYPES = (TrainAction, PlaygroundAction, ImageToolsAction, OpenTabAction, CompareAction)


@dataclass(frozen=True)
class Question:
    """A question whose answer is computed from runs (see lab_questions), never stored."""

    kind: str
    ask: str
    runs: tuple[str, ...]
    by: str = "accuracy"
    tolerance: float = 0.02
    correct: str = ""
    wrong: str = ""
    line: int = 0
    key: str = field(default="", compare=False)  # stable id in a session: "step.index"


# -- parsing -------------------------------------------------------------------------------


def parse_block(block: Block, source: str):
    if block.tag == "question":
        return _question(block, source)
    kind = block.values.get("do")
    builders = {
        "train": _train,
        "playground": _playground,
        "image_tools": _image_tools,
        "open_tab": _open_tab,
        "compare": _compare,
    }
    if kind not in builders:
        raise lab_error(
            source,
            block.lines.get("do", block.line),
            msg(
                "lab.unknown_action",
                "do: {value!r} is not an action; choose one of {choices}",
                value=kind or "",
                choices=", ".join(builders),
            ),
        )
    return builders[kind](block, source)


def _train(block: Block, source: str) -> TrainAction:
    options = {o.name: o for o in TrainConfig.options() if o.name not in _NOT_FROM_LABS}
    refuse_unknown(block, source, {*_COMMON, "run", "start", "offer_dataset", *options})
    given = {}
    for key, text in block.values.items():
        if key in options:
            try:
                given[key] = options[key].parse(text)
            except ConfigError as exc:
                raise lab_error(source, block.lines[key], exc.args[0]) from None
    try:
        config = default_config(**given).validate()
    except ConfigError as exc:
        raise lab_error(source, block.line, exc.args[0]) from None
    offer = block.values.get("offer_dataset")
    if offer is not None:
        choice(block, source, "offer_dataset", tuple(DATASETS), None)
    return TrainAction(
        run=run_name(block, source, "main"),
        config=config,
        given=given,
        offer_dataset=offer,
        start=flag(block, source),
        label=block.values.get("label", ""),
        line=block.line,
    )


def _playground(block: Block, source: str) -> PlaygroundAction:
    from training_core.playground import ACTIVATIONS, DATASET_NAMES, MODEL_KINDS, OPTIMIZERS

    keys = ("run", "start", *PLAYGROUND_SETTINGS)
    refuse_unknown(block, source, {*_COMMON, *keys})
    page = choice(block, source, "page", PLAYGROUND_PAGES, "classify")
    defaults = PlaygroundAction(run=None)
    softmax = page == "softmax"
    return PlaygroundAction(
        run=run_name(block, source, None),
        page=page,
        dataset=choice(block, source, "dataset", DATASET_NAMES, "spiral"),
        model=choice(block, source, "model", MODEL_KINDS, "mlp"),
        activation=choice(block, source, "activation", tuple(ACTIVATIONS), "relu"),
        units=number(block, source, "units", 100, 1, 512, True),
        hidden_layers=number(block, source, "hidden_layers", 1, 1, 4, True),
        optimizer=choice(block, source, "optimizer", OPTIMIZERS, "sgd" if softmax else "adam"),
        lr=number(block, source, "lr", 0.5 if softmax else defaults.lr, 1e-6, 10, False),
        epochs=number(block, source, "epochs", defaults.epochs, 1, 5000, True),
        loss=choice(block, source, "loss", SOFTMAX_LOSSES, "correct"),
        seed=number(block, source, "seed", 0, 0, 2**31 - 1, True),
        start=flag(block, source),
        label=block.values.get("label", ""),
        line=block.line,
    )


def _image_tools(block: Block, source: str) -> ImageToolsAction:
    refuse_unknown(block, source, {*_COMMON, "sample", "steps"})
    sample = block.values.get("sample", "digit-7")
    if not re.fullmatch(r"digit-[0-9]", sample):
        from training_core.imaging import sample_names

        choice(block, source, "sample", (*sample_names(), "digit-0 .. digit-9"), None)
    steps = tuple(
        image_step(part.strip(), block, source)
        for part in block.values.get("steps", "").split(";")
        if part.strip()
    )
    return ImageToolsAction(sample, steps, block.values.get("label", ""), block.line)


def _open_tab(block: Block, source: str) -> OpenTabAction:
    refuse_unknown(block, source, {*_COMMON, "tab"})
    tab = choice(block, source, "tab", TABS, None)
    return OpenTabAction(tab, block.values.get("label", ""), block.line)


def _compare(block: Block, source: str) -> CompareAction:
    refuse_unknown(block, source, {*_COMMON, "runs"})
    return CompareAction(run_list(block, source), block.values.get("label", ""), block.line)


def _question(block: Block, source: str) -> Question:
    kind = block.values.get("kind")
    if kind not in QUESTION_KINDS:
        raise lab_error(
            source,
            block.lines.get("kind", block.line),
            msg(
                "lab.unknown_question",
                "kind: {value!r} is not a question kind; choose one of {choices}",
                value=(kind or "")[:40],
                choices=", ".join(QUESTION_KINDS),
            ),
        )
    two = QUESTION_KINDS[kind].runs == 2
    allowed = {"kind", "ask", "correct", "wrong", "runs" if two else "run"}
    allowed |= {"by"} if kind == "better_run" else set()
    allowed |= {"tolerance"} if kind == "final_accuracy" else set()
    refuse_unknown(block, source, allowed)
    if not block.values.get("ask"):
        raise lab_error(source, block.line, msg("lab.no_ask", "a question needs ask: (its text)"))
    if two:
        runs = run_list(block, source)
    else:
        runs = (run_name(block, source, "main"),)
    for key in ("correct", "wrong"):
        _check_template(block, source, key)
    return Question(
        kind=kind,
        ask=block.values["ask"],
        runs=runs,
        by=choice(block, source, "by", ("accuracy", "loss"), "accuracy"),
        tolerance=number(block, source, "tolerance", 0.02, 0, 0.5, False),
        correct=block.values.get("correct", ""),
        wrong=block.values.get("wrong", ""),
        line=block.line,
    )


def _check_template(block: Block, source: str, key: str) -> None:
    """Feedback may use only the kind's placeholders, and no format tricks."""
    text = block.values.get(key)
    if text is None:
        return
    names = QUESTION_KINDS[block.values["kind"]].placeholders
    for found in re.findall(r"\{([^{}]*)\}", text):
        if found not in names:
            raise lab_error(
                source,
                block.lines[key],
                msg(
                    "lab.bad_placeholder",
                    "{key}: {{{name}}} is not a placeholder here; use {known}",
                    key=key,
                    name=found[:30],
                    known=", ".join("{" + n + "}" for n in names),
                ),
            )
    stripped = re.sub(r"\{[a-z_]+\}", "", text)
    if "{" in stripped or "}" in stripped:
        raise lab_error(
            source,
            block.lines[key],
            msg("lab.stray_brace", "{key}: a '{{' or '}}' that is not a placeholder", key=key),
        )


def check_references(lab: Lab) -> None:
    """Every run a question or comparison names is made by an action before it (a run
    cannot be made twice), and confusion-matrix questions name training runs."""
    made: dict[str, object] = {}
    for step_number, step in enumerate(lab.steps, 1):
        for index, part in enumerate(step.parts, 1):
            if isinstance(part, TrainAction | PlaygroundAction) and part.run:
                if part.run in made:
                    raise lab_error(
                        lab.source,
                        part.line,
                        msg(
                            "lab.run_twice",
                            "run {name!r} is already made by an action above",
                            name=part.run,
                        ),
                    )
                made[part.run] = part
            names = part.runs if isinstance(part, Question | CompareAction) else ()
            for name in names:
                if name not in made:
                    raise lab_error(
                        lab.source,
                        part.line,
                        msg(
                            "lab.unknown_run",
                            "no action above makes run {name!r} (runs so far: {known})",
                            name=name,
                            known=", ".join(made) or "none",
                        ),
                    )
                if (
                    isinstance(part, Question)
                    and part.kind in TRAIN_ONLY
                    and not isinstance(made[name], TrainAction)
                ):
                    raise lab_error(
                        lab.source,
                        part.line,
                        msg(
                            "lab.needs_training_run",
                            "{kind} needs a train run; {name!r} is not one",
                            kind=part.kind,
                            name=name,
                        ),
                    )
            if isinstance(part, Question):
                object.__setattr__(part, "key", f"{step_number}.{index}")
