"""Deep checks of a checkpoint's tensors: the weights against the model the config names
(names, shapes, dtypes, finite values, the stored hash, a forward pass) and the optimizer
state against the optimizer the config names. The payload's other fields are checked in
:mod:`training_core.checkpoint_checks`; every problem is one :class:`CheckpointError` line.
"""

from __future__ import annotations

import torch

from training_core.checkpoint_checks import (
    HASH_KEY,
    MAX_TEXT,
    CheckpointError,
    ModelSignature,
    _type,
    is_count,
    is_number,
    weights_sha256,
)
from training_core.config import TrainConfig
from training_core.messages import Message, msg
from training_core.models import build_model


def _tensor_problem(value, shape, dtype) -> Message | None:
    """Why ``value`` is not a dense tensor of ``shape``/``dtype`` with finite values."""
    if not isinstance(value, torch.Tensor):
        return msg("checkpoint.tensor_not_tensor", "is a {type}, not a tensor", type=_type(value))
    if value.layout != torch.strided or value.is_quantized or value.device.type != "cpu":
        return msg("checkpoint.tensor_not_dense", "is not a plain dense tensor")
    if tuple(value.shape) != shape:
        return msg(
            "checkpoint.tensor_shape",
            "has shape {shape}, the model needs {needed}",
            shape=str(list(value.shape)),
            needed=str(list(shape)),
        )
    if value.dtype != dtype:
        return msg(
            "checkpoint.tensor_dtype",
            "is {dtype}, the model needs {needed}",
            dtype=str(value.dtype),
            needed=str(dtype),
        )
    if value.is_floating_point() and not bool(torch.isfinite(value).all()):
        return msg("checkpoint.tensor_not_finite", "holds NaN or infinite values")
    return None


def check_state_dict(state_dict, signature: ModelSignature, model: str) -> dict:
    if not isinstance(state_dict, dict):
        raise CheckpointError(
            msg(
                "checkpoint.state_dict_not_dict",
                "state_dict must be a dict, not {type}",
                type=_type(state_dict),
            )
        )
    for name in signature.tensors:
        if name not in state_dict:
            raise CheckpointError(
                msg(
                    "checkpoint.weight_missing",
                    "weights lack {name!r}, which model {model!r} needs",
                    name=name,
                    model=model,
                )
            )
    for name in state_dict:
        if name not in signature.tensors:
            if isinstance(name, str) and len(name) <= MAX_TEXT:
                raise CheckpointError(
                    msg(
                        "checkpoint.weight_unexpected",
                        "weights hold {name!r}, which model {model!r} does not have",
                        name=name,
                        model=model,
                    )
                )
            raise CheckpointError(
                msg(
                    "checkpoint.weight_unexpected_key",
                    "weights hold a key, which model {model!r} does not have",
                    model=model,
                )
            )
    for name, (shape, dtype) in signature.tensors.items():
        value = state_dict[name]
        problem = _tensor_problem(value, shape, dtype)
        if problem is None and name.endswith("running_var") and bool((value < 0).any()):
            problem = msg("checkpoint.variance_negative", "has negative values (it is a variance)")
        if problem:
            raise CheckpointError(
                msg(
                    "checkpoint.weight_bad", "weight {name!r} {problem}", name=name, problem=problem
                )
            )
    return dict(state_dict)


def check_hash(stored, state_dict: dict) -> None:
    """No hash: a file from before hashes existed, accepted (the next save adds one)."""
    if stored is None:
        return
    if not isinstance(stored, str) or len(stored) != 64:
        raise CheckpointError(
            msg(
                "checkpoint.hash_invalid",
                "{field} must be 64 hexadecimal characters",
                field=HASH_KEY,
            )
        )
    if stored != weights_sha256(state_dict):
        raise CheckpointError(
            msg("checkpoint.hash_mismatch", "weights were changed after saving (hash mismatch)")
        )


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
        raise CheckpointError(
            msg(
                "checkpoint.outputs_not_finite",
                "the weights give NaN or infinite outputs on a test image",
            )
        )


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
        raise CheckpointError(
            msg(
                "checkpoint.optimizer_not_dict",
                "optimizer_state must be a dict or None, not {type}",
                type=_type(state),
            )
        )
    params = signature.parameters
    what = msg(
        "checkpoint.optimizer_mismatch",
        "optimizer_state does not fit {optimizer} on model {model!r}",
        optimizer=config.optimizer,
        model=config.model,
    )
    if signature.hand_written:
        if set(state) != {"velocity", "param_groups"}:
            raise CheckpointError(
                msg(
                    "checkpoint.optimizer_velocity_keys",
                    "{what}: it must hold exactly 'velocity' and 'param_groups'",
                    what=what,
                )
            )
        velocity = state["velocity"]
        if not isinstance(velocity, list | tuple) or len(velocity) != len(params):
            raise CheckpointError(
                msg(
                    "checkpoint.optimizer_velocity_count",
                    "{what}: velocity must be a list of {count} tensors",
                    what=what,
                    count=len(params),
                )
            )
        for i, (value, (shape, dtype)) in enumerate(zip(velocity, params, strict=True)):
            problem = _tensor_problem(value, shape, dtype)
            if problem:
                raise CheckpointError(
                    msg(
                        "checkpoint.optimizer_velocity_bad",
                        "{what}: velocity {index} {problem}",
                        what=what,
                        index=i,
                        problem=problem,
                    )
                )
        _check_groups(state["param_groups"], None, what)
        return
    if set(state) != {"state", "param_groups"}:
        raise CheckpointError(
            msg(
                "checkpoint.optimizer_keys",
                "{what}: it must hold exactly 'state' and 'param_groups'",
                what=what,
            )
        )
    _check_groups(state["param_groups"], len(params), what)
    per_param = state["state"]
    if not isinstance(per_param, dict):
        raise CheckpointError(
            msg(
                "checkpoint.optimizer_state_not_dict", "{what}: its state must be a dict", what=what
            )
        )
    allowed, required = _TORCH_STATE[config.optimizer]
    for index, entry in per_param.items():
        if not is_count(index) or not 0 <= index < len(params):
            raise CheckpointError(
                msg(
                    "checkpoint.optimizer_unknown_parameter",
                    "{what}: state for a parameter the model does not have",
                    what=what,
                )
            )
        if not isinstance(entry, dict) or not required <= set(entry) <= allowed:
            raise CheckpointError(
                msg(
                    "checkpoint.optimizer_entry_keys",
                    "{what}: parameter {index} needs {required} (at most {allowed})",
                    what=what,
                    index=index,
                    required=", ".join(sorted(required)) or "nothing",
                    allowed=", ".join(sorted(allowed)),
                )
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
                    problem = msg("checkpoint.state_negative", "has negative values")
            if problem:
                raise CheckpointError(
                    msg(
                        "checkpoint.optimizer_entry_bad",
                        "{what}: parameter {index} {key} {problem}",
                        what=what,
                        index=index,
                        key=key,
                        problem=problem,
                    )
                )


def _step_problem(value) -> Message | None:
    if isinstance(value, torch.Tensor):
        if value.shape != () or not value.is_floating_point() or value.device.type != "cpu":
            return msg("checkpoint.step_not_float", "must be a single float")
        value = float(value)
    if not is_number(value) or value < 0:
        return msg("checkpoint.step_invalid", "must be a finite count >= 0")
    return None


def _check_groups(groups, n_params: int | None, what: Message) -> None:
    """One parameter group (Digit Lab never makes more); its settings are not checked,
    because a resumed run takes them from its config, not from the file."""
    if not isinstance(groups, list | tuple) or len(groups) != 1 or not isinstance(groups[0], dict):
        raise CheckpointError(
            msg(
                "checkpoint.param_groups_invalid",
                "{what}: param_groups must be a list of one dict",
                what=what,
            )
        )
    listed = groups[0].get("params")
    if n_params is not None and not (
        isinstance(listed, list)
        and all(is_count(i) for i in listed)
        and listed == list(range(n_params))
    ):
        raise CheckpointError(
            msg(
                "checkpoint.param_group_params",
                "{what}: its parameter group must list parameters 0..{last}",
                what=what,
                last=n_params - 1,
            )
        )
