"""Deep checks of a loaded checkpoint payload: each field's type and range, and its fit to
the model the config names.

``torch.load(weights_only=True)`` only promises that no code ran while reading; the dict it
returns can still hold anything a hand edit or a flipped byte put there. Every check here
turns one such problem into a one-line :class:`CheckpointError` naming the field, so that
nothing later (building the model, resuming the optimizer, printing JSON) meets a value it
cannot use. The expected tensors come from the model built on PyTorch's ``meta`` device:
no memory, and no draw from the global random generator, which a training run on another
thread may be using.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import numbers
from dataclasses import dataclass

import torch

from training_core.config import ConfigError, TrainConfig
from training_core.messages import message_of, msg
from training_core.models import MODELS, build_model

FORMAT = "digit-lab-checkpoint"
FORMAT_VERSION = 1
HASH_KEY = "weights_sha256"
REQUIRED = ("format", "format_version", "config", "state_dict", "class_names", "normalization")
# Optional for the files written before each existed; the hash came last (see load_checkpoint).
# "calibration" (training_core.confidence) is checked there, with the model's feature widths.
OPTIONAL = ("history", "epoch", "optimizer_state", "versions", HASH_KEY, "calibration")
MAX_NAME = 64  # a class name is a label on a bar chart, not a paragraph
MAX_TEXT = 100  # a config string (a model or device name)
MAX_EPOCH = 10_000  # the epochs option's own upper end
MIN_STD = 1e-6  # smaller would blow a pixel in 0..1 up past float32's range


class CheckpointError(ValueError):
    """A file that is not a usable Digit Lab checkpoint; the message is meant for the user."""


@dataclass(frozen=True)
class ModelSignature:
    """What a model's checkpoint must hold: tensor names, shapes and dtypes, in order."""

    tensors: dict[str, tuple[tuple[int, ...], torch.dtype]]
    parameters: tuple[tuple[tuple[int, ...], torch.dtype], ...]  # the optimizer's order
    outputs: int
    hand_written: bool  # trained by HandWrittenSGD, whose state is a list of velocities


@functools.cache
def model_signature(name: str) -> ModelSignature:
    with torch.device("meta"):
        model = build_model(name)
        outputs = model.eval()(torch.zeros(1, 1, 28, 28)).shape[-1]
    return ModelSignature(
        tensors={k: (tuple(v.shape), v.dtype) for k, v in model.state_dict().items()},
        parameters=tuple((tuple(p.shape), p.dtype) for p in model.parameters()),
        outputs=int(outputs),
        hand_written=bool(getattr(model, "uses_hand_written_training", False)),
    )


def weights_sha256(state_dict: dict) -> str:
    """sha256 over the sorted names, dtypes, shapes and raw bytes of every tensor.

    Stored in the file when saving and compared when loading, so a weight edited after
    saving (by hand or by a flipped byte) is refused instead of predicting garbage.
    """
    digest = hashlib.sha256()
    for name in sorted(state_dict):
        tensor = state_dict[name].detach().cpu().contiguous()
        header = f"{name}\0{tensor.dtype}\0{tuple(tensor.shape)}\0{tensor.numel()}\0"
        digest.update(header.encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()


def _type(value) -> str:
    return type(value).__name__


def is_number(value) -> bool:
    """A finite int or float (a bool is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return False
    return isinstance(value, numbers.Integral) or math.isfinite(value)


def is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_top_level(payload: dict) -> None:
    unknown = [k for k in payload if not (isinstance(k, str) and k in REQUIRED + OPTIONAL)]
    if unknown:
        key = unknown[0]
        shown = repr(key) if isinstance(key, str) and len(key) <= MAX_TEXT else _type(key)
        raise CheckpointError(
            msg(
                "checkpoint.unexpected_field",
                "unexpected field {field} (edited, or not written by Digit Lab)",
                field=shown,
            )
        )
    for key in REQUIRED:
        if key not in payload:
            raise CheckpointError(
                msg("checkpoint.field_missing", "the '{field}' field is missing", field=key)
            )
    version = payload["format_version"]
    if not is_count(version):
        raise CheckpointError(
            msg(
                "checkpoint.version_not_whole",
                "format_version must be a whole number, not {type}",
                type=_type(version),
            )
        )
    if version > FORMAT_VERSION:
        raise CheckpointError(
            msg(
                "checkpoint.version_newer",
                "written by a newer Digit Lab (format {version}; this one reads {supported})",
                version=version,
                supported=FORMAT_VERSION,
            )
        )
    if version < 1:
        raise CheckpointError(
            msg(
                "checkpoint.version_invalid",
                "format_version {version} is not a valid version",
                version=version,
            )
        )


def check_config(config) -> TrainConfig:
    if not isinstance(config, dict):
        raise CheckpointError(
            msg(
                "checkpoint.config_not_dict",
                "config must be a dict, not {type}",
                type=_type(config),
            )
        )
    for key, value in config.items():
        if not isinstance(key, str) or len(key) > MAX_TEXT:
            raise CheckpointError(
                msg("checkpoint.config_bad_key", "config has a key that is not a short name")
            )
        if not (isinstance(value, str | bool) or is_number(value)):
            raise CheckpointError(
                msg(
                    "checkpoint.config_bad_value",
                    "config {key!r} must be a name or a finite number",
                    key=key,
                )
            )
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise CheckpointError(
                msg(
                    "checkpoint.config_value_long",
                    "config {key!r} is {length} characters long",
                    key=key,
                    length=len(value),
                )
            )
    if "model" not in config:
        raise CheckpointError(msg("checkpoint.config_no_model", "config names no model"))
    try:
        return TrainConfig.from_dict(config).validate()
    except ConfigError as exc:
        raise CheckpointError(
            msg("checkpoint.config_invalid", "config: {reason}", reason=message_of(exc) or str(exc))
        ) from None


def renamed_model(config: TrainConfig, state_dict) -> TrainConfig:
    """The model a checkpoint's weights are for, after an architecture took a new name.

    ``cnn`` became the fast CNN in 0.2; checkpoints saved before then name ``cnn`` but hold
    the weights of what is now ``cnn-wide`` (``ModelSpec.formerly``). Their tensor names
    and shapes tell them apart, so a user's old runs keep loading, as the right model.
    """
    if _fits(state_dict, model_signature(config.model)):
        return config
    for spec in MODELS.values():
        if spec.formerly == config.model and _fits(state_dict, model_signature(spec.name)):
            return dataclasses.replace(config, model=spec.name)
    return config  # check_state_dict says what does not fit


def _fits(state_dict, signature: ModelSignature) -> bool:
    if not isinstance(state_dict, dict) or set(state_dict) != set(signature.tensors):
        return False
    return all(
        isinstance(state_dict[name], torch.Tensor) and tuple(state_dict[name].shape) == shape
        for name, (shape, _) in signature.tensors.items()
    )


def check_class_names(names, outputs: int) -> tuple[str, ...]:
    if not isinstance(names, list | tuple):
        raise CheckpointError(
            msg(
                "checkpoint.class_names_not_list",
                "class_names must be a list, not {type}",
                type=_type(names),
            )
        )
    if len(names) != outputs:
        raise CheckpointError(
            msg(
                "checkpoint.class_names_count",
                "{count} class names for a model with {outputs} outputs",
                count=len(names),
                outputs=outputs,
            )
        )
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise CheckpointError(
                msg(
                    "checkpoint.class_name_not_text",
                    "class name {index} is a {type}, not text",
                    index=i,
                    type=_type(name),
                )
            )
        if not name or len(name) > MAX_NAME or not name.isprintable():
            raise CheckpointError(
                msg(
                    "checkpoint.class_name_bad",
                    "class name {index} must be 1 to {most} printable characters on one line",
                    index=i,
                    most=MAX_NAME,
                )
            )
    if len(set(names)) != len(names):
        raise CheckpointError(msg("checkpoint.class_name_twice", "class_names has a name twice"))
    return tuple(names)


def check_normalization(norm) -> tuple[float, float]:
    if not isinstance(norm, dict) or set(norm) != {"mean", "std"}:
        raise CheckpointError(
            msg(
                "checkpoint.normalization_not_dict",
                "normalization must be a dict of exactly 'mean' and 'std'",
            )
        )
    mean, std = norm["mean"], norm["std"]
    if not is_number(mean) or not 0 <= mean <= 1:
        raise CheckpointError(
            msg(
                "checkpoint.normalization_mean",
                "normalization mean must be a finite number from 0 to 1",
            )
        )
    if not is_number(std) or not MIN_STD <= std <= 1:
        raise CheckpointError(
            msg(
                "checkpoint.normalization_std",
                "normalization std must be a finite number > 0 (at least {least:g}) and <= 1",
                least=MIN_STD,
            )
        )
    return float(mean), float(std)


def check_history(history) -> list[dict]:
    if history is None:
        return []
    if not isinstance(history, list):
        raise CheckpointError(
            msg(
                "checkpoint.history_not_list",
                "history must be a list, not {type}",
                type=_type(history),
            )
        )
    if len(history) > MAX_EPOCH:  # one row per epoch; checking 200,000 rows took 12 s
        raise CheckpointError(
            msg(
                "checkpoint.history_too_long",
                "history has {rows} rows; a run has at most {most}",
                rows=len(history),
                most=MAX_EPOCH,
            )
        )
    for i, row in enumerate(history, start=1):
        if not isinstance(row, dict):
            raise CheckpointError(
                msg(
                    "checkpoint.history_row_not_dict",
                    "history row {row} must be a dict, not {type}",
                    row=i,
                    type=_type(row),
                )
            )
        for key, value in row.items():
            if not isinstance(key, str) or len(key) > MAX_TEXT:
                raise CheckpointError(
                    msg(
                        "checkpoint.history_bad_key",
                        "history row {row} has a key that is not a short name",
                        row=i,
                    )
                )
            if isinstance(value, float) and not is_number(value):
                raise CheckpointError(
                    msg(
                        "checkpoint.history_not_finite",
                        "history row {row} {key!r} must be a finite number, not {type} {value}",
                        row=i,
                        key=key,
                        type=_type(value),
                        value=value,
                    )
                )
            if not is_number(value):
                raise CheckpointError(
                    msg(
                        "checkpoint.history_not_number",
                        "history row {row} {key!r} must be a finite number, not {type}",
                        row=i,
                        key=key,
                        type=_type(value),
                    )
                )
    return list(history)


def check_epoch(epoch) -> int:
    if not is_count(epoch) or not 0 <= epoch <= MAX_EPOCH:
        shown = epoch if is_count(epoch) else _type(epoch)
        raise CheckpointError(
            msg(
                "checkpoint.epoch_invalid",
                "epoch must be a whole number from 0 to {most}, not {value}",
                most=MAX_EPOCH,
                value=shown,
            )
        )
    return epoch


def check_versions(versions) -> dict:
    if versions is None:
        return {}
    if not isinstance(versions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) + len(v) <= MAX_TEXT
        for k, v in versions.items()
    ):
        raise CheckpointError(
            msg("checkpoint.versions_invalid", "versions must be a dict of short texts")
        )
    return dict(versions)
