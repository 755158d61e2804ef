"""Honest doubt: whether a prediction is confident, from scores calibrated on held-out digits.

A classifier's top softmax probability says how much it prefers one class over the others,
not whether the input is a digit at all: a scribble was read as "8, 100% sure". Measured on
the bundled model, a top-probability threshold that keeps 98.5% of real digits also let
through 41-82% of scribbles, hatching, blobs and crosses, and temperature scaling left that
as it was (T = 0.80 fitted by NLL on held-out digits; same range). So a prediction
is *confident* only when the drawing looks like the digits the model was trained on, by
three gates, each a distance of this drawing from MNIST *train* digits:

1. **head distance**: the Mahalanobis distance of the penultimate-layer features (the input
   of the model's last linear layer) to the nearest class mean, under one covariance shared
   by all classes (Lee et al., 2018);
2. **conv distance** (models with convolutions): the same for the last convolution's
   channels (their mean and their maximum over the image): hatching and scribbles excite
   channels that digits do not;
3. **ink**: the share of the 28x28 field that is ink; a filled blob has more than any digit.

Each threshold is a percentile of held-out train digits redrawn as a user would draw them
(scaled up, smoothed and prepared again: ``training_core.calibration``): each gate flags about
``100 - percentile`` % of real digits. The percentile is chosen by
``scripts/calibrate_bundled_model.py`` on two families of non-digits (scribbles and
hatching) only, never on the families or digits the tests measure.

A checkpoint without a calibration (older files, a fresh training run) falls back to the
plain top probability: confident at ``FALLBACK_THRESHOLD`` or above, so ``confident`` is
always there. ``digit-lab finetune`` and the calibration script write one.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from training_core.checkpoint_checks import CheckpointError, is_number
from training_core.messages import msg

FALLBACK_THRESHOLD = 0.9  # top softmax probability, for a model without a calibration
MAX_FEATURES = 1024  # the widest penultimate layer in the registry is softmax's 784 pixels
MAX_DISTANCE = 1e6
HEAD_KEYS = ("head_means", "head_precision", "head_threshold")
CONV_KEYS = ("conv_means", "conv_precision", "conv_threshold")
NUMBER_KEYS = ("percentile", "ink_threshold", "softmax_threshold")


@dataclass(frozen=True)
class Gate:
    """Mahalanobis distance to the nearest of ``means`` [classes, features], at most
    ``threshold``, under the shared inverse covariance ``precision`` [features, features]."""

    means: torch.Tensor
    precision: torch.Tensor
    threshold: float

    def distance(self, features: torch.Tensor) -> torch.Tensor:
        diff = features.double()[:, None, :] - self.means.double()[None]  # N, C, D
        squared = torch.einsum("ncd,de,nce->nc", diff, self.precision.double(), diff)
        return squared.clamp_min(0).min(dim=1).values.sqrt()


@dataclass(frozen=True)
class Calibration:
    """What decides ``confident``; stored in the checkpoint's ``calibration`` entry."""

    percentile: float  # of held-out digits each gate lets through
    ink_threshold: float  # the most ink (mean of the prepared 28x28 digit) a digit has
    softmax_threshold: float  # the plain top probability at the same percentile (ONNX)
    head: Gate
    conv: Gate | None  # None for a model without convolutions

    def to_payload(self) -> dict:
        payload = {key: float(getattr(self, key)) for key in NUMBER_KEYS}
        for name, gate in (("head", self.head), ("conv", self.conv)):
            if gate is not None:
                payload[f"{name}_means"] = gate.means.detach().cpu().float().contiguous()
                payload[f"{name}_precision"] = gate.precision.detach().cpu().float().contiguous()
                payload[f"{name}_threshold"] = float(gate.threshold)
        return payload


@dataclass(frozen=True)
class Doubt:
    """One input's verdict: ``confident``, and the scores it was decided from."""

    confident: bool
    top_probability: float
    head_distance: float | None = None  # None without a calibration
    conv_distance: float | None = None
    ink: float | None = None


def feature_widths(shapes: list[tuple[int, ...]], outputs: int) -> tuple[int | None, int | None]:
    """(penultimate width, conv feature width) from the tensor shapes in state-dict order:
    the last 2-D tensor is the output layer [outputs, features]; the last 4-D tensor the
    last convolution [channels, ...], whose feature is each channel's mean and maximum."""
    matrices = [s for s in shapes if len(s) == 2]
    kernels = [s for s in shapes if len(s) == 4]
    head = matrices[-1][1] if matrices and matrices[-1][0] == outputs else None
    head = head if head is not None and head <= MAX_FEATURES else None
    conv = 2 * kernels[-1][0] if kernels and 2 * kernels[-1][0] <= MAX_FEATURES else None
    return head, conv


def check_calibration(payload, outputs: int, widths: tuple[int | None, int | None]):
    """The checkpoint's ``calibration`` entry, validated into a :class:`Calibration`; None
    when there is none. ``widths`` come from :func:`feature_widths`. Raises CheckpointError."""
    if payload is None:
        return None
    head_width, conv_width = widths
    allowed = set(NUMBER_KEYS + HEAD_KEYS) | (set(CONV_KEYS) if conv_width else set())
    if not isinstance(payload, dict) or not set(NUMBER_KEYS + HEAD_KEYS) <= set(payload):
        raise CheckpointError(
            msg(
                "calibration.not_dict",
                "calibration must be a dict with {keys}",
                keys=", ".join(NUMBER_KEYS + HEAD_KEYS),
            )
        )
    unknown = [key for key in payload if key not in allowed]
    if unknown:
        shown = repr(unknown[0]) if isinstance(unknown[0], str) else type(unknown[0]).__name__
        raise CheckpointError(
            msg(
                "calibration.unexpected",
                "calibration has an unexpected field {key}",
                key=shown[:60],
            )
        )
    if head_width is None:
        raise CheckpointError(
            msg(
                "calibration.no_head",
                "calibration is given for a model without a last linear layer",
            )
        )
    for key, low, high in (
        ("percentile", 50.0, 100.0),
        ("ink_threshold", 0.0, 1.0),
        ("softmax_threshold", 0.0, 1.0),
    ):
        if not is_number(payload[key]) or not low <= payload[key] <= high:
            raise CheckpointError(
                msg(
                    "calibration.number",
                    "calibration {key} must be a finite number from {low} to {high}",
                    key=key,
                    low=low,
                    high=high,
                )
            )
    numbers = {key: float(payload[key]) for key in NUMBER_KEYS}
    head = _gate(payload, "head", outputs, head_width)
    has_conv = any(key in payload for key in CONV_KEYS)
    conv = _gate(payload, "conv", outputs, conv_width) if has_conv else None
    return Calibration(**numbers, head=head, conv=conv)


def _gate(payload: dict, name: str, outputs: int, width: int) -> Gate:
    tensors = []
    for key, shape in ((f"{name}_means", (outputs, width)), (f"{name}_precision", (width, width))):
        value = payload.get(key)
        if not isinstance(value, torch.Tensor) or value.layout != torch.strided:
            raise CheckpointError(
                msg("calibration.not_tensor", "calibration {key} must be a dense tensor", key=key)
            )
        if tuple(value.shape) != shape or value.dtype != torch.float32:
            raise CheckpointError(
                msg(
                    "calibration.shape",
                    "calibration {key} must be float32 of shape {shape}, not {dtype} {actual}",
                    key=key,
                    shape=list(shape),
                    dtype=str(value.dtype),
                    actual=list(value.shape),
                )
            )
        if not bool(torch.isfinite(value).all()):
            raise CheckpointError(
                msg(
                    "calibration.not_finite",
                    "calibration {key} holds NaN or infinite values",
                    key=key,
                )
            )
        tensors.append(value.clone())
    threshold = payload.get(f"{name}_threshold")
    if not is_number(threshold) or not 0 <= threshold <= MAX_DISTANCE:
        raise CheckpointError(
            msg(
                "calibration.threshold",
                "calibration {key} must be a finite number from 0 to {high:g}",
                key=f"{name}_threshold",
                high=MAX_DISTANCE,
            )
        )
    return Gate(tensors[0], tensors[1], float(threshold))


def _layers(model: nn.Module) -> tuple[nn.Linear | None, nn.Conv2d | None]:
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    return (linears[-1] if linears else None), (convs[-1] if convs else None)


def can_calibrate(model: nn.Module) -> bool:
    """Whether the model has the linear output layer the head gate reads."""
    return _layers(model)[0] is not None


@torch.no_grad()
def forward_with_features(model: nn.Module, x: torch.Tensor):
    """(logits, head features or None, conv features or None) in one forward pass."""
    linear, conv = _layers(model)
    seen: dict[str, torch.Tensor] = {}
    handles = []
    if linear is not None:
        handles.append(
            linear.register_forward_pre_hook(lambda _m, i: seen.__setitem__("head", i[0]))
        )
    if conv is not None:
        handles.append(conv.register_forward_hook(lambda _m, _i, o: seen.__setitem__("conv", o)))
    try:
        logits = model(x)
    finally:
        for handle in handles:
            handle.remove()
    head = seen["head"].flatten(1) if "head" in seen else None
    conv_out = seen.get("conv")
    if conv_out is not None:
        conv_out = torch.relu(conv_out)
        conv_out = torch.cat([conv_out.mean((2, 3)), conv_out.amax((2, 3))], 1)
    return logits, head, conv_out


def assess(calibration: Calibration | None, model: nn.Module, x: torch.Tensor, ink) -> list[Doubt]:
    """``confident`` for each model input in ``x`` [N, 1, 28, 28]; ``ink`` [N] is each
    prepared digit's mean (0..1). Returns the logits' verdicts in order."""
    logits, head, conv = forward_with_features(model, x)
    return verdicts(calibration, logits, head, conv, ink)


def verdicts(calibration, logits, head, conv, ink) -> list[Doubt]:
    """The gates applied to already computed logits and features (see :func:`assess`)."""
    top = torch.softmax(logits.double(), 1).max(1).values.tolist()
    if calibration is None or head is None:
        return [Doubt(p >= FALLBACK_THRESHOLD, p) for p in top]
    head_d = calibration.head.distance(head).tolist()
    conv_d = (
        calibration.conv.distance(conv).tolist() if calibration.conv and conv is not None else None
    )
    out = []
    for i, p in enumerate(top):
        c = conv_d[i] if conv_d is not None else None
        ok = head_d[i] <= calibration.head.threshold and float(ink[i]) <= calibration.ink_threshold
        if c is not None:
            ok = ok and c <= calibration.conv.threshold
        out.append(Doubt(bool(ok), p, head_d[i], c, float(ink[i])))
    return out
