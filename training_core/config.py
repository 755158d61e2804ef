"""What one training run is asked to do: the config dataclass, its options, the devices.

Each ``TrainConfig`` field is declared once, with an :class:`Option` beside it (label,
one-line help, range or choices). ``validate``, the ``digit-lab train`` flags and the Train
form are all generated from those declarations, so a new option is one field here.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, get_type_hints

import torch

from training_core.data import AUGMENTATIONS, DATASETS
from training_core.messages import msg
from training_core.models import INITS, MODELS

OPTIMIZERS = ("sgd", "momentum", "adam")
SCHEDULES = ("none", "onecycle")
DEVICES = ("auto", "cpu", "cuda", "mps")
PRECISIONS = ("fp32", "bf16")


class ConfigError(ValueError):
    """A training setting that cannot work; the message is meant for the user."""


@dataclass(frozen=True)
class Option:
    """How one setting is checked, offered on the command line and shown in the form.

    ``name``, ``type`` and ``default`` come from the ``TrainConfig`` field the option is
    declared on (see :func:`option`); the rest is written there once. A number needs both
    ends of its range: an unbounded batch size or seed only ever fails later, deep inside
    torch, with a message the user cannot act on.
    """

    label: str  # lower case, as it reads in a sentence; the form capitalises it
    help: str  # one line: --help text and the form's tooltip (the range is added to both)
    choices: tuple[str, ...] = ()  # a fixed set of names; empty for numbers
    low: float | None = None
    high: float | None = None
    low_open: bool = False  # True: ``low`` itself is refused (a learning rate of 0)
    high_open: bool = False
    decimals: int = 0  # the form's float spin box shows this many decimals
    step: float = 1  # ... and moves by this much per arrow click
    offered: Callable[[], Sequence[str]] | None = None  # the choices this machine has
    bare_flag: str | None = None  # the value of ``--flag`` given with no value
    only_when: tuple[str, str] | None = None  # (option, value): used only then
    name: str = ""
    type: type = str
    default: Any = None
    model_default: bool = False  # some model's lesson settings choose this option

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def range_text(self) -> str:
        if self.choices:
            return msg("config.range_choices", "one of: {choices}", choices=", ".join(self.choices))
        if self.type is int:
            return msg(
                "config.range_whole",
                "a whole number at least {low} and at most {high}",
                low=int(self.low),
                high=int(self.high),
            )
        return msg(
            "config.range_number",
            "a finite number {low_sign} {low:g} and {high_sign} {high:g}",
            low_sign=">" if self.low_open else ">=",
            low=self.low,
            high_sign="<" if self.high_open else "<=",
            high=self.high,
        )

    def describe(self) -> str:
        """The help line, with the range of a number: --help's entry and the form's tooltip."""
        if self.choices:
            return self.help
        return msg(
            "config.describe", "{help} Must be {range}.", help=self.help, range=self.range_text()
        )

    def problem(self, value: Any) -> str | None:
        """Why ``value`` cannot be this option's value, naming the option; None if it can."""
        if self.choices:
            if value in self.choices:
                return None
            return msg(
                "config.unknown_choice",
                "unknown {label} {value!r}; choose {range}",
                label=self.label,
                value=value,
                range=self.range_text(),
            )
        kind = numbers.Integral if self.type is int else numbers.Real
        if (
            isinstance(value, kind)
            and not isinstance(value, bool)
            and (isinstance(value, numbers.Integral) or math.isfinite(value))
        ):
            above = value > self.low if self.low_open else value >= self.low
            below = value < self.high if self.high_open else value <= self.high
            if above and below:
                return None
        return msg(
            "config.out_of_range",
            "invalid {label} {value!r}: must be {range}",
            label=self.label,
            value=value,
            range=self.range_text(),
        )

    def parse(self, text: str) -> Any:
        """``text`` (from a command line) as this option's value, or a ConfigError."""
        try:
            value = self.type(text)
        except ValueError:
            value = text
        problem = self.problem(value)
        if problem:
            raise ConfigError(problem)
        return value


def option(default: Any, label: str, help: str, **details: Any) -> Any:
    """A ``TrainConfig`` field carrying its :class:`Option`."""
    return field(default=default, metadata={"option": Option(label, help, **details)})


def available_devices() -> list[str]:
    devices = ["auto", "cpu"]
    if torch.cuda.is_available():
        devices.append("cuda")
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        devices.append("mps")
    return devices


@dataclass
class TrainConfig:
    """One run's settings. Field order is the form's row order and the --help order."""

    # fmt: off
    model: str = option(
        "mlp", "model", "The network to train; its lesson's settings fill in the rest.",
        choices=tuple(MODELS))
    dataset: str = option(
        "mnist", "dataset", "The images to learn from.", choices=tuple(DATASETS))
    epochs: int = option(
        5, "epochs", "How many passes over the whole training set.", low=1, high=10_000)
    batch_size: int = option(
        256, "batch size", "Images per gradient step. Smaller batches: noisier, more steps "
        "per epoch.", low=1, high=65_536)
    optimizer: str = option(
        "sgd", "optimizer", "sgd: plain gradient steps; momentum: SGD that keeps a running "
        "direction; adam: per-weight step sizes.", choices=OPTIMIZERS)
    lr: float = option(
        0.1, "learning rate", "The size of each step. Too large and the loss explodes.",
        low=0, low_open=True, high=10, decimals=5, step=0.01)
    momentum: float = option(
        0.9, "momentum", "Used by the momentum optimizer: how much of the previous step "
        "carries on.", low=0, high=1, high_open=True, decimals=3, step=0.05,
        only_when=("optimizer", "momentum"))
    weight_decay: float = option(
        0.0, "weight decay", "Pulls weights towards zero each step (L2 regularisation).",
        low=0, high=1, decimals=6, step=1e-4)
    label_smoothing: float = option(
        0.0, "label smoothing", "Train towards 1 - this for the true class and spread the "
        "rest over the others: a less overconfident model, often a slightly better one.",
        low=0, high=0.5, decimals=2, step=0.05)
    schedule: str = option(
        "none", "LR schedule", "none: constant learning rate; onecycle: warm up, then decay "
        "to almost zero.", choices=SCHEDULES)
    init: str = option(
        "default", "init", "How weights are drawn before training (default = PyTorch's "
        "choice).", choices=INITS)
    augment: str = option(
        "none", "augmentation", "Random jitter of training images. light: small shifts and "
        "rotations (best on MNIST's test set); draw: also scale and pen width (helps with "
        "hand-drawn digits; what --augment alone means).",
        choices=tuple(AUGMENTATIONS), bare_flag="draw")
    seed: int = option(
        0, "seed", "Same seed + same settings = the same run, number for number.",
        low=0, high=2**31 - 1)
    device: str = option(
        "auto", "device", "Where to train; auto picks a GPU if there is one.",
        choices=DEVICES, offered=available_devices)
    precision: str = option(
        "fp32", "precision", "fp32: plain float32. bf16: mixed precision (matrix maths in "
        "bfloat16), much faster on GPUs and on CPUs with bf16 instructions.",
        choices=PRECISIONS)
    # fmt: on

    def __post_init__(self) -> None:
        if isinstance(self.augment, bool):  # configs saved before the levels existed
            self.augment = "draw" if self.augment else "none"

    @classmethod
    def options(cls) -> list[Option]:
        """Every option in field order, with its name, type and default filled in."""
        types = get_type_hints(cls)
        by_models = {name for spec in MODELS.values() for name in spec.defaults}
        return [
            replace(
                f.metadata["option"],
                name=f.name,
                type=types[f.name],
                default=f.default,
                model_default=f.name in by_models,
            )
            for f in fields(cls)
        ]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> TrainConfig:
        """Build from a saved dict, ignoring keys this version does not know."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def validate(self) -> TrainConfig:
        """Every option against its range or choices, then the checks across options."""
        for opt in self.options():
            problem = opt.problem(getattr(self, opt.name))
            if problem:
                raise ConfigError(problem)
        if self.model == "softmax-scratch" and self.optimizer == "adam":
            raise ConfigError(
                msg(
                    "config.scratch_optimizer",
                    "softmax-scratch trains with its own hand-written SGD: choose sgd or momentum",
                )
            )
        if self.model == "softmax-scratch" and self.label_smoothing:
            raise ConfigError(
                msg(
                    "config.scratch_smoothing",
                    "softmax-scratch uses the lesson's hand-written cross-entropy, which has no "
                    "label smoothing: set it to 0",
                )
            )
        return self


def default_config(model: str | None = None, **overrides) -> TrainConfig:
    """``model``'s lesson settings (its ``ModelSpec.defaults``), then ``overrides``."""
    model = model or TrainConfig.model
    spec = MODELS.get(model)
    values = {"model": model, **(spec.defaults if spec else {}), **overrides}
    return TrainConfig.from_dict(values)


def resolve_device(name: str) -> torch.device:
    """``auto`` picks CUDA, then Apple's MPS, then the CPU; an absent device is an error."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ConfigError(
            msg("config.no_cuda", "device cuda was asked for, but no CUDA GPU is available")
        )
    if name == "mps" and not (
        getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()
    ):
        raise ConfigError(
            msg("config.no_mps", "device mps was asked for, but Apple's MPS is not available")
        )
    return torch.device(name)
