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
from training_core.models import MODELS, build_model

FORMAT = "digit-lab-checkpoint"
FORMAT_VERSION = 1
HASH_KEY = "weights_sha256"
REQUIRED = ("format", "format_version", "config", "state_dict", "class_names", "normalization")
# Optional for the files written before each existed; the hash came last (see load_checkpoint).
OPTIONAL = ("history", "epoch", "optimizer_state", "versions", HASH_KEY)
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
        raise CheckpointError(f"unexpected field {shown} (edited, or not written by Digit Lab)")
    for key in REQUIRED:
        if key not in payload:
            raise CheckpointError(f"the '{key}' field is missing")
    version = payload["format_version"]
    if not is_count(version):
        raise CheckpointError(f"format_version must be a whole number, not {_type(version)}")
    if version > FORMAT_VERSION:
        raise CheckpointError(
            f"written by a newer Digit Lab (format {version}; this one reads {FORMAT_VERSION})"
        )
    if version < 1:
        raise CheckpointError(f"format_version {version} is not a valid version")


def check_config(config) -> TrainConfig:
    if not isinstance(config, dict):
        raise CheckpointError(f"config must be a dict, not {_type(config)}")
    for key, value in config.items():
        if not isinstance(key, str) or len(key) > MAX_TEXT:
            raise CheckpointError("config has a key that is not a short name")
        if not (isinstance(value, str | bool) or is_number(value)):
            raise CheckpointError(f"config {key!r} must be a name or a finite number")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise CheckpointError(f"config {key!r} is {len(value)} characters long")
    if "model" not in config:
        raise CheckpointError("config names no model")
    try:
        return TrainConfig.from_dict(config).validate()
    except ConfigError as exc:
        raise CheckpointError(f"config: {exc}") from None


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
        raise CheckpointError(f"class_names must be a list, not {_type(names)}")
    if len(names) != outputs:
        raise CheckpointError(f"{len(names)} class names for a model with {outputs} outputs")
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise CheckpointError(f"class name {i} is a {_type(name)}, not text")
        if not name or len(name) > MAX_NAME or not name.isprintable():
            raise CheckpointError(
                f"class name {i} must be 1 to {MAX_NAME} printable characters on one line"
            )
    if len(set(names)) != len(names):
        raise CheckpointError("class_names has a name twice")
    return tuple(names)


def check_normalization(norm) -> tuple[float, float]:
    if not isinstance(norm, dict) or set(norm) != {"mean", "std"}:
        raise CheckpointError("normalization must be a dict of exactly 'mean' and 'std'")
    mean, std = norm["mean"], norm["std"]
    if not is_number(mean) or not 0 <= mean <= 1:
        raise CheckpointError("normalization mean must be a finite number from 0 to 1")
    if not is_number(std) or not MIN_STD <= std <= 1:
        raise CheckpointError(
            f"normalization std must be a finite number > 0 (at least {MIN_STD:g}) and <= 1"
        )
    return float(mean), float(std)


def check_history(history) -> list[dict]:
    if history is None:
        return []
    if not isinstance(history, list):
        raise CheckpointError(f"history must be a list, not {_type(history)}")
    if len(history) > MAX_EPOCH:  # one row per epoch; checking 200,000 rows took 12 s
        raise CheckpointError(f"history has {len(history)} rows; a run has at most {MAX_EPOCH}")
    for i, row in enumerate(history, start=1):
        if not isinstance(row, dict):
            raise CheckpointError(f"history row {i} must be a dict, not {_type(row)}")
        for key, value in row.items():
            if not isinstance(key, str) or len(key) > MAX_TEXT:
                raise CheckpointError(f"history row {i} has a key that is not a short name")
            if not is_number(value):
                raise CheckpointError(
                    f"history row {i} {key!r} must be a finite number, not {_type(value)}"
                    + (f" {value}" if isinstance(value, float) else "")
                )
    return list(history)


def check_epoch(epoch) -> int:
    if not is_count(epoch) or not 0 <= epoch <= MAX_EPOCH:
        shown = epoch if is_count(epoch) else _type(epoch)
        raise CheckpointError(f"epoch must be a whole number from 0 to {MAX_EPOCH}, not {shown}")
    return epoch


def check_versions(versions) -> dict:
    if versions is None:
        return {}
    if not isinstance(versions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) + len(v) <= MAX_TEXT
        for k, v in versions.items()
    ):
        raise CheckpointError("versions must be a dict of short texts")
    return dict(versions)


def _tensor_problem(value, shape, dtype) -> str | None:
    """Why ``value`` is not a dense tensor of ``shape``/``dtype`` with finite values."""
    if not isinstance(value, torch.Tensor):
        return f"is a {_type(value)}, not a tensor"
    if value.layout != torch.strided or value.is_quantized or value.device.type != "cpu":
        return "is not a plain dense tensor"
    if tuple(value.shape) != shape:
        return f"has shape {list(value.shape)}, the model needs {list(shape)}"
    if value.dtype != dtype:
        return f"is {value.dtype}, the model needs {dtype}"
    if value.is_floating_point() and not bool(torch.isfinite(value).all()):
        return "holds NaN or infinite values"
    return None


def check_state_dict(state_dict, signature: ModelSignature, model: str) -> dict:
    if not isinstance(state_dict, dict):
        raise CheckpointError(f"state_dict must be a dict, not {_type(state_dict)}")
    for name in signature.tensors:
        if name not in state_dict:
            raise CheckpointError(f"weights lack {name!r}, which model {model!r} needs")
    for name in state_dict:
        if name not in signature.tensors:
            shown = repr(name) if isinstance(name, str) and len(name) <= MAX_TEXT else "a key"
            raise CheckpointError(f"weights hold {shown}, which model {model!r} does not have")
    for name, (shape, dtype) in signature.tensors.items():
        value = state_dict[name]
        problem = _tensor_problem(value, shape, dtype)
        if problem is None and name.endswith("running_var") and bool((value < 0).any()):
            problem = "has negative values (it is a variance)"
        if problem:
            raise CheckpointError(f"weight {name!r} {problem}")
    return dict(state_dict)


def check_hash(stored, state_dict: dict) -> None:
    """No hash: a file from before hashes existed, accepted (the next save adds one)."""
    if stored is None:
        return
    if not isinstance(stored, str) or len(stored) != 64:
        raise CheckpointError(f"{HASH_KEY} must be 64 hexadecimal characters")
    if stored != weights_sha256(state_dict):
        raise CheckpointError("weights were changed after saving (hash mismatch)")


@torch.no_grad()
def check_outputs(state_dict: dict, model: str, mean: float, std: float) -> None:
    """A forward pass on a probe image (a ramp over every pixel value, 0 to 1): weights
    that are finite one by one can still give NaN together (a negative batch-norm
    variance) or overflow to infinity. Inference checks each real image again."""
    with torch.device("meta"):
        net = build_model(model)
    net.load_state_dict(state_dict, assign=True)
    probe = torch.linspace(0, 1, 28 * 28).reshape(1, 1, 28, 28)
    out = net.eval()((probe - mean) / std)
    if out.device.type != "cpu" or not bool(torch.isfinite(out).all()):
        raise CheckpointError("the weights give NaN or infinite outputs on a test image")


# What each optimizer keeps per parameter; "step" is a scalar, the rest the parameter's shape.
_TORCH_STATE = {
    "sgd": ({"momentum_buffer"}, set()),  # (allowed keys, required keys)
    "momentum": ({"momentum_buffer"}, set()),
    "adam": ({"step", "exp_avg", "exp_avg_sq"}, {"step", "exp_avg", "exp_avg_sq"}),
}


def check_optimizer_state(state, config: TrainConfig, signature: ModelSignature) -> None:
    """The saved optimizer state fits ``config``'s optimizer on this model, so a resumed
    run's first step cannot fail on a missing buffer or a shape that does not match."""
    if state is None:
        return
    if not isinstance(state, dict):
        raise CheckpointError(f"optimizer_state must be a dict or None, not {_type(state)}")
    params = signature.parameters
    what = f"optimizer_state does not fit {config.optimizer} on model {config.model!r}"
    if signature.hand_written:
        if set(state) != {"velocity", "param_groups"}:
            raise CheckpointError(f"{what}: it must hold exactly 'velocity' and 'param_groups'")
        velocity = state["velocity"]
        if not isinstance(velocity, list | tuple) or len(velocity) != len(params):
            raise CheckpointError(f"{what}: velocity must be a list of {len(params)} tensors")
        for i, (value, (shape, dtype)) in enumerate(zip(velocity, params, strict=True)):
            problem = _tensor_problem(value, shape, dtype)
            if problem:
                raise CheckpointError(f"{what}: velocity {i} {problem}")
        _check_groups(state["param_groups"], None, what)
        return
    if set(state) != {"state", "param_groups"}:
        raise CheckpointError(f"{what}: it must hold exactly 'state' and 'param_groups'")
    _check_groups(state["param_groups"], len(params), what)
    per_param = state["state"]
    if not isinstance(per_param, dict):
        raise CheckpointError(f"{what}: its state must be a dict")
    allowed, required = _TORCH_STATE[config.optimizer]
    for index, entry in per_param.items():
        if not is_count(index) or not 0 <= index < len(params):
            raise CheckpointError(f"{what}: state for a parameter the model does not have")
        if not isinstance(entry, dict) or not required <= set(entry) <= allowed:
            raise CheckpointError(
                f"{what}: parameter {index} needs {', '.join(sorted(required)) or 'nothing'}"
                f" (at most {', '.join(sorted(allowed))})"
            )
        shape, dtype = params[index]
        for key, value in entry.items():
            if key == "step":
                problem = _step_problem(value)
            elif key == "momentum_buffer" and value is None:
                problem = None
            else:
                problem = _tensor_problem(value, shape, dtype)
                if problem is None and key == "exp_avg_sq" and bool((value < 0).any()):
                    problem = "has negative values"
            if problem:
                raise CheckpointError(f"{what}: parameter {index} {key} {problem}")


def _step_problem(value) -> str | None:
    if isinstance(value, torch.Tensor):
        if value.shape != () or not value.is_floating_point() or value.device.type != "cpu":
            return "must be a single float"
        value = float(value)
    if not is_number(value) or value < 0:
        return "must be a finite count >= 0"
    return None


def _check_groups(groups, n_params: int | None, what: str) -> None:
    """One parameter group (Digit Lab never makes more); its settings are not checked,
    because a resumed run takes them from its config, not from the file."""
    if not isinstance(groups, list | tuple) or len(groups) != 1 or not isinstance(groups[0], dict):
        raise CheckpointError(f"{what}: param_groups must be a list of one dict")
    listed = groups[0].get("params")
    if n_params is not None and not (
        isinstance(listed, list)
        and all(is_count(i) for i in listed)
        and listed == list(range(n_params))
    ):
        raise CheckpointError(f"{what}: its parameter group must list parameters 0..{n_params - 1}")
