"""One-file checkpoints: weights plus everything needed to use or resume them.

Read with ``torch.load(weights_only=True)``, which only unpickles tensors and plain
containers: a checkpoint from a stranger cannot run code on this machine.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn

from training_core import __version__
from training_core.fileio import atomic_write
from training_core.models import MODELS, build_model

FORMAT = "digit-lab-checkpoint"
FORMAT_VERSION = 1


class CheckpointError(ValueError):
    """A file that is not a usable Digit Lab checkpoint; the message is meant for the user."""


@dataclass
class Checkpoint:
    config: dict
    state_dict: dict
    class_names: tuple[str, ...]
    mean: float
    std: float
    history: list[dict] = field(default_factory=list)
    epoch: int = 0
    optimizer_state: dict | None = None
    versions: dict = field(default_factory=dict)
    path: Path | None = None

    @property
    def model_name(self) -> str:
        return self.config["model"]

    def build_model(self, device: torch.device | str = "cpu") -> nn.Module:
        """The model with these weights, in eval mode."""
        model = build_model(self.model_name)
        try:
            model.load_state_dict(self.state_dict)
        except RuntimeError as exc:
            raise CheckpointError(
                f"weights do not fit model {self.model_name!r}: {str(exc).splitlines()[0]}"
            ) from exc
        return model.to(device).eval()


def library_versions() -> dict:
    import torchvision

    return {
        "digit_lab": __version__,
        "torch": str(torch.__version__),
        "torchvision": str(torchvision.__version__),
        "python": platform.python_version(),
    }


def save_checkpoint(
    path: str | os.PathLike,
    *,
    model: nn.Module,
    config: dict,
    class_names: tuple[str, ...] | list[str],
    mean: float,
    std: float,
    history: list[dict],
    epoch: int,
    optimizer_state: dict | None = None,
) -> Path:
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "config": dict(config),
        "state_dict": {k: v.detach().cpu() for k, v in model.state_dict().items()},
        "class_names": list(class_names),
        "normalization": {"mean": float(mean), "std": float(std)},
        "history": list(history),
        "epoch": int(epoch),
        "optimizer_state": _to_cpu(optimizer_state) if optimizer_state is not None else None,
        "versions": library_versions(),
    }
    return atomic_write(path, lambda handle: torch.save(payload, handle))


def _to_cpu(obj):
    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu()
    if isinstance(obj, dict):
        return {k: _to_cpu(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return type(obj)(_to_cpu(v) for v in obj)
    return obj


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Load and validate; every way a file can be wrong becomes a one-line CheckpointError."""
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"{path}: no such checkpoint file")
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # pickle, zip and unpickler errors all land here
        unsafe = "weights only load failed" in str(exc).lower()
        reason = (
            "it holds Python objects that are not plain weights, and it is not loaded "
            "because loading them could run code"
            if unsafe
            else "truncated, corrupt or not a PyTorch file"
        )
        raise CheckpointError(f"{path.name}: not a usable Digit Lab checkpoint: {reason}") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CheckpointError(f"{path.name}: not a Digit Lab checkpoint (no '{FORMAT}' marker)")
    if payload.get("format_version", 0) > FORMAT_VERSION:
        raise CheckpointError(
            f"{path.name}: written by a newer Digit Lab (format {payload['format_version']})"
        )
    try:
        config = dict(payload["config"])
        norm = payload["normalization"]
        checkpoint = Checkpoint(
            config=config,
            state_dict=dict(payload["state_dict"]),
            class_names=tuple(payload["class_names"]),
            mean=float(norm["mean"]),
            std=float(norm["std"]),
            history=list(payload.get("history") or []),
            epoch=int(payload.get("epoch", 0)),
            optimizer_state=payload.get("optimizer_state"),
            versions=dict(payload.get("versions") or {}),
            path=path,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CheckpointError(f"{path.name}: checkpoint is missing a field: {exc}") from exc
    if checkpoint.model_name not in MODELS:
        raise CheckpointError(f"{path.name}: unknown model {checkpoint.model_name!r}")
    return checkpoint


def save_for_inference(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Copy a checkpoint without its optimizer state (a third of the size for Adam)."""
    checkpoint = load_checkpoint(source)
    model = checkpoint.build_model()
    return save_checkpoint(
        target,
        model=model,
        config=checkpoint.config,
        class_names=checkpoint.class_names,
        mean=checkpoint.mean,
        std=checkpoint.std,
        history=checkpoint.history,
        epoch=checkpoint.epoch,
    )
