"""One-file checkpoints: weights plus everything needed to use or resume them.

Read with ``torch.load(weights_only=True)``, which only unpickles tensors and plain
containers: a checkpoint from a stranger cannot run code on this machine. What it holds is
then checked field by field (``checkpoint_checks``; the tensors in ``checkpoint_weights``),
and the weights against the sha256 stored when they were saved, so an edited or damaged
file is refused in one line instead of loading silently.
"""

from __future__ import annotations

import os
import platform
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn

from training_core import __version__
from training_core import checkpoint_checks as checks
from training_core import checkpoint_weights as weights
from training_core.checkpoint_checks import (
    FORMAT,
    FORMAT_VERSION,
    HASH_KEY,
    CheckpointError,
    weights_sha256,
)
from training_core.confidence import Calibration, check_calibration, feature_widths
from training_core.fileio import atomic_write, system_text
from training_core.messages import message_of, msg
from training_core.models import build_model

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Checkpoint",
    "CheckpointError",
    "library_versions",
    "load_checkpoint",
    "save_checkpoint",
    "save_for_inference",
]


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
    calibration: Calibration | None = None  # what decides `confident` (confidence.py)

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
                msg(
                    "checkpoint.weights_do_not_fit",
                    "weights do not fit model {model!r}: {reason}",
                    model=self.model_name,
                    reason=str(exc).splitlines()[0],
                )
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
    calibration: Calibration | None = None,
) -> Path:
    """Write one checkpoint file atomically, with the sha256 of its weights (see
    :func:`load_checkpoint`); re-saving a file from before the hash existed adds it."""
    state_dict = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "config": dict(config),
        "state_dict": state_dict,
        "class_names": list(class_names),
        "normalization": {"mean": float(mean), "std": float(std)},
        "history": list(history),
        "epoch": int(epoch),
        "optimizer_state": _to_cpu(optimizer_state) if optimizer_state is not None else None,
        "versions": library_versions(),
        HASH_KEY: weights_sha256(state_dict),
    }
    if calibration is not None:
        payload["calibration"] = calibration.to_payload()
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
    """Load and validate; every way a file can be wrong becomes a one-line CheckpointError.

    Checked: every field's type and range, the config (it must validate), the class names
    against the model's outputs, the weights' names, shapes and dtypes against the model
    the config names, finite weights, the optimizer state against the config's optimizer,
    the stored weight hash, and a forward pass giving finite outputs. A file without the
    hash (written before it existed, like the bundled model) loads; the next save adds it.
    """
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(
            msg("checkpoint.no_such_file", "{path}: no such checkpoint file", path=path)
        )
    payload = _read(path)
    try:
        checkpoint = _validated(payload, path)
    except CheckpointError as exc:
        # One line, and never a whole hand-edited value echoed back.
        message = " ".join(str(exc).split())
        message = message if len(message) <= 300 else message[:297] + "..."
        if message == str(exc) and message_of(exc) is not None:
            message = message_of(exc)  # already one short line: keep it translatable
        raise CheckpointError(
            msg("checkpoint.invalid", "{file}: {reason}", file=path.name, reason=message)
        ) from None
    return checkpoint


def _read(path: Path) -> dict:
    """The unpickled payload; only tensors and plain containers, never code."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise CheckpointError(
            msg(
                "checkpoint.cannot_read",
                "{file}: cannot read it: {reason}",
                file=path.name,
                reason=system_text(exc.strerror) or str(exc),
            )
        ) from exc
    if not head:
        raise CheckpointError(
            msg(
                "checkpoint.empty",
                "{file}: not a usable Digit Lab checkpoint: the file is empty",
                file=path.name,
            )
        )
    # PyTorch writes a zip archive; files from before PyTorch 1.6 are a bare pickle.
    if head != b"PK\x03\x04" and not head.startswith(b"\x80"):
        raise CheckpointError(
            msg("checkpoint.not_pytorch", "{file}: not a PyTorch checkpoint file", file=path.name)
        )
    try:
        with warnings.catch_warnings():  # torch warns about odd contents (sparse tensors)
            warnings.simplefilter("ignore")  # before they are refused in one line below
            payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # pickle, zip and unpickler errors all land here
        if "unsupported global" in str(exc).lower():
            raise CheckpointError(
                msg(
                    "checkpoint.unsafe",
                    "{file}: not a usable Digit Lab checkpoint: it holds Python objects that are"
                    " not plain weights, and it is not loaded because loading them could run code",
                    file=path.name,
                )
            ) from exc
        raise CheckpointError(
            msg(
                "checkpoint.corrupt",
                "{file}: not a usable Digit Lab checkpoint: truncated, corrupt or not a PyTorch"
                " file",
                file=path.name,
            )
        ) from exc
    marker = payload.get("format") if isinstance(payload, dict) else None
    if not (isinstance(marker, str) and marker == FORMAT):
        raise CheckpointError(
            msg(
                "checkpoint.no_marker",
                "{file}: not a Digit Lab checkpoint (no '{marker}' marker)",
                file=path.name,
                marker=FORMAT,
            )
        )

    return payload


def _validated(payload: dict, path: Path) -> Checkpoint:
    checks.check_top_level(payload)
    config = checks.renamed_model(checks.check_config(payload["config"]), payload["state_dict"])
    signature = checks.model_signature(config.model)
    state_dict = weights.check_state_dict(payload["state_dict"], signature, config.model)
    weights.check_hash(payload.get(HASH_KEY), state_dict)
    class_names = checks.check_class_names(payload["class_names"], signature.outputs)
    mean, std = checks.check_normalization(payload["normalization"])
    weights.check_outputs(state_dict, config.model, mean, std)
    optimizer_state = payload.get("optimizer_state")
    weights.check_optimizer_state(optimizer_state, config, signature)
    return Checkpoint(
        config={**payload["config"], "model": config.model},
        state_dict=state_dict,
        class_names=class_names,
        mean=mean,
        std=std,
        history=checks.check_history(payload.get("history")),
        epoch=checks.check_epoch(payload.get("epoch", 0)),
        optimizer_state=optimizer_state,
        versions=checks.check_versions(payload.get("versions")),
        calibration=check_calibration(
            payload.get("calibration"),
            len(class_names),
            feature_widths([shape for shape, _ in signature.tensors.values()], len(class_names)),
        ),
        path=path,
    )


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
        calibration=checkpoint.calibration,
    )
