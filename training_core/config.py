"""What one training run is asked to do: the config dataclass, its checks, the devices."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

import torch

from training_core.data import AUGMENTATIONS
from training_core.models import INITS, MODELS

OPTIMIZERS = ("sgd", "momentum", "adam")
SCHEDULES = ("none", "onecycle")
DEVICES = ("auto", "cpu", "cuda", "mps")
PRECISIONS = ("fp32", "bf16")


class ConfigError(ValueError):
    """A training setting that cannot work; the message is meant for the user."""


@dataclass
class TrainConfig:
    model: str = "mlp"
    dataset: str = "mnist"
    epochs: int = 5
    batch_size: int = 256
    optimizer: str = "sgd"
    lr: float = 0.1
    momentum: float = 0.9
    weight_decay: float = 0.0
    schedule: str = "none"
    init: str = "default"
    device: str = "auto"
    seed: int = 0
    augment: str = "none"  # a key of data.AUGMENTATIONS: none, light, draw
    precision: str = "fp32"  # "bf16": mixed precision (autocast) where the device has it

    def __post_init__(self) -> None:
        if isinstance(self.augment, bool):  # configs saved before the levels existed
            self.augment = "draw" if self.augment else "none"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> TrainConfig:
        """Build from a saved dict, ignoring keys this version does not know."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def validate(self) -> TrainConfig:
        def need(ok: bool, message: str) -> None:
            if not ok:
                raise ConfigError(message)

        need(self.model in MODELS, f"unknown model {self.model!r}; one of: {', '.join(MODELS)}")
        need(self.optimizer in OPTIMIZERS, f"optimizer must be one of: {', '.join(OPTIMIZERS)}")
        need(self.schedule in SCHEDULES, f"schedule must be one of: {', '.join(SCHEDULES)}")
        need(self.init in INITS, f"init must be one of: {', '.join(INITS)}")
        need(self.augment in AUGMENTATIONS, f"augment must be one of: {', '.join(AUGMENTATIONS)}")
        need(self.device in DEVICES, f"device must be one of: {', '.join(DEVICES)}")
        need(self.precision in PRECISIONS, f"precision must be one of: {', '.join(PRECISIONS)}")
        need(int(self.epochs) >= 1, "epochs must be at least 1")
        need(int(self.batch_size) >= 1, "batch size must be at least 1")
        need(math.isfinite(self.lr) and self.lr > 0, "learning rate must be a positive number")
        need(0 <= self.momentum < 1, "momentum must be in [0, 1)")
        need(
            math.isfinite(self.weight_decay) and self.weight_decay >= 0,
            "weight decay must be zero or positive",
        )
        need(
            not (self.model == "softmax-scratch" and self.optimizer == "adam"),
            "softmax-scratch trains with its own hand-written SGD: choose sgd or momentum",
        )
        return self


# The lessons' settings (and, for the CNN, a fast recipe), used as the form's defaults.
MODEL_DEFAULTS: dict[str, dict] = {
    "softmax-scratch": dict(epochs=5, batch_size=256, optimizer="sgd", lr=0.1),
    "softmax": dict(epochs=10, batch_size=100, optimizer="sgd", lr=0.1),
    "mlp": dict(epochs=20, batch_size=256, optimizer="sgd", lr=0.2, init="normal"),
    "deep-mlp": dict(epochs=10, batch_size=64, optimizer="momentum", lr=0.01, momentum=0.5),
    "cnn": dict(epochs=3, batch_size=128, optimizer="adam", lr=0.003, schedule="onecycle",
                weight_decay=1e-4),
}  # fmt: skip


def default_config(model: str, **overrides) -> TrainConfig:
    values = {"model": model, **MODEL_DEFAULTS.get(model, {}), **overrides}
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
        raise ConfigError("device cuda was asked for, but no CUDA GPU is available")
    if name == "mps" and not (
        getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()
    ):
        raise ConfigError("device mps was asked for, but Apple's MPS is not available")
    return torch.device(name)


def available_devices() -> list[str]:
    devices = ["auto", "cpu"]
    if torch.cuda.is_available():
        devices.append("cuda")
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        devices.append("mps")
    return devices
