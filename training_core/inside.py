"""Seeing inside a network: its layers as rows, and every layer's output for one input.

The question a student asks after drawing a digit is "why did it say that?". These are the
plain-data answers the Inside view draws and the tests check, for any model of the registry:

* :func:`structure` walks the module tree into one :class:`LayerRow` per layer (name,
  kind, output shape, parameter count), from a real forward pass of one blank digit, so
  the shapes are the ones the model really produces, never recomputed by hand.
* :func:`activations` runs one input through the model with a forward hook on every
  layer and hands back plain numpy arrays, with the logits and the softmax probabilities
  side by side (softmax is what turns the first into the second).

A "layer" is a module without children (Conv2d, ReLU, Linear, ...). The scratch softmax
model has none: it is its own single layer, ``x @ W + b``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from training_core.messages import msg

INPUT_SHAPE = (1, 1, 28, 28)


@dataclass(frozen=True)
class LayerRow:
    """One layer of the structure diagram."""

    name: str  # the module's path in the model ("features.0"), or "model" for a leaf model
    kind: str  # the module's class ("Conv2d")
    detail: str  # what it does, in the layer's own words ("1->16, kernel 5x5")
    output_shape: tuple[int, ...]  # for one image, without the batch dimension
    parameters: int  # the layer's own trainable numbers


@dataclass(frozen=True)
class LayerActivation:
    name: str
    kind: str
    values: np.ndarray  # float32, one image's output: (C, H, W) for maps, (N,) for vectors


@dataclass(frozen=True)
class Activations:
    """Every layer's output for one input, plus the two ends the lesson is about."""

    model_input: np.ndarray  # (1, 28, 28) float32: exactly what the model was given
    layers: tuple[LayerActivation, ...]
    logits: np.ndarray  # (C,) float64
    probabilities: np.ndarray  # (C,) float64, softmax of the logits, sums to 1

    @property
    def label(self) -> int:
        return int(np.argmax(self.probabilities))


def layers(model: nn.Module) -> list[tuple[str, nn.Module]]:
    """The model's layers in the order they were registered (the order of the forward
    pass for every model in the registry: each is a chain of standard layers)."""
    return [(name or "model", m) for name, m in model.named_modules() if not any(m.children())]


def describe(module: nn.Module) -> str:
    """A short description of one layer, from its own settings."""
    if isinstance(module, nn.Conv2d):
        k = "x".join(map(str, module.kernel_size))
        if any(module.padding):
            return msg(
                "inside.conv_padded",
                "{inputs}->{outputs}, kernel {kernel}, padding {padding}",
                inputs=module.in_channels,
                outputs=module.out_channels,
                kernel=k,
                padding=module.padding[0],
            )
        return msg(
            "inside.conv",
            "{inputs}->{outputs}, kernel {kernel}",
            inputs=module.in_channels,
            outputs=module.out_channels,
            kernel=k,
        )
    if isinstance(module, nn.Linear):
        return f"{module.in_features}->{module.out_features}"
    if isinstance(module, nn.MaxPool2d | nn.AvgPool2d):
        return f"{module.kernel_size}x{module.kernel_size}"
    if isinstance(module, nn.BatchNorm2d | nn.BatchNorm1d):
        return msg("inside.norm", "{channels} channels", channels=module.num_features)
    if isinstance(module, nn.Dropout):
        return msg("inside.dropout", "p={p:g} (off when predicting)", p=module.p)
    if isinstance(module, nn.ZeroPad2d):
        return msg("inside.pad", "pad {padding}", padding=module.padding[0])
    weight = getattr(module, "W", None)
    if isinstance(weight, torch.Tensor) and weight.ndim == 2:  # the scratch softmax
        return f"x @ W + b, {weight.shape[0]}->{weight.shape[1]}"
    return ""


def _own_parameters(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters(recurse=False) if p.requires_grad)


def _device_of(model: nn.Module) -> torch.device:
    first = next(model.parameters(), None)
    return first.device if first is not None else torch.device("cpu")


def _hooked_forward(
    model: nn.Module, x: torch.Tensor, keep: Callable[[str, nn.Module, torch.Tensor], None]
) -> torch.Tensor:
    """``model(x)`` in eval mode with ``keep(name, module, output)`` called for each layer.

    Outputs are cloned by the hook: an in-place ReLU after a layer would otherwise
    overwrite what was recorded for it.
    """
    handles = []
    for name, module in layers(model):
        handles.append(
            module.register_forward_hook(
                lambda mod, _inp, out, name=name: keep(name, mod, out.detach().clone())
            )
        )
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            return model(x)
    finally:
        for handle in handles:
            handle.remove()
        model.train(was_training)


def structure(model: nn.Module) -> list[LayerRow]:
    """The model's layers, each with its output shape for one 28x28 digit and its own
    parameter count (their sum is the model's total)."""
    rows: list[LayerRow] = []

    def keep(name: str, module: nn.Module, out: torch.Tensor) -> None:
        shape = tuple(out.shape[1:])
        rows.append(LayerRow(name, type(module).__name__, describe(module), shape, 0))

    _hooked_forward(model, torch.zeros(INPUT_SHAPE, device=_device_of(model)), keep)
    counts = {name: _own_parameters(module) for name, module in layers(model)}
    return [LayerRow(r.name, r.kind, r.detail, r.output_shape, counts.get(r.name, 0)) for r in rows]


def activations(model: nn.Module, model_input: torch.Tensor | np.ndarray) -> Activations:
    """Every layer's output for one normalised input of shape (1, 28, 28) or (1, 1, 28, 28).

    Run in eval mode (batch norm uses its running statistics, dropout is off), as every
    prediction is; the model's own mode is restored afterwards.
    """
    x = torch.as_tensor(np.asarray(model_input, dtype=np.float32)).reshape(INPUT_SHAPE)
    recorded: list[LayerActivation] = []

    def keep(name: str, module: nn.Module, out: torch.Tensor) -> None:
        values = out[0].float().cpu().numpy()
        recorded.append(LayerActivation(name, type(module).__name__, values))

    logits = _hooked_forward(model, x.to(_device_of(model)), keep)[0].double().cpu()
    return Activations(
        model_input=x[0].numpy().copy(),
        layers=tuple(recorded),
        logits=logits.numpy(),
        probabilities=torch.softmax(logits, dim=0).numpy(),
    )
