"""The Inside view's data: structure rows and per-layer activations, for every model.

The activations are checked against a forward pass computed here layer by layer (each
layer called on the previous one's output), not through the hooks the view uses.
"""

import numpy as np
import pytest
import torch
from torch import nn

from training_core.inference import Predictor
from training_core.inside import activations, structure
from training_core.models import MODELS, ScratchSoftmaxRegression, build_model


def _trained_looking(name: str) -> nn.Module:
    """A registry model with random weights and batch-norm statistics that are not the
    defaults (so eval mode really differs from train mode)."""
    model = build_model(name, "kaiming" if name != "softmax-scratch" else "normal", seed=3)
    model.train()
    with torch.no_grad():
        for _ in range(3):
            model(torch.randn(16, 1, 28, 28))
    return model.eval()


def _layer_by_layer(model: nn.Module, x: torch.Tensor) -> list[torch.Tensor]:
    """Each layer's output, computing one layer at a time on a copy of the previous one."""
    if isinstance(model, ScratchSoftmaxRegression):
        return [(x.reshape(1, -1) @ model.W + model.b).detach()]
    outputs = []
    with torch.no_grad():
        for module in model.modules():
            if list(module.children()):
                continue
            x = module(x.clone())  # clone: an in-place ReLU must not change what was kept
            outputs.append(x.clone())
    return outputs


@pytest.mark.parametrize("name", list(MODELS))
def test_activations_equal_an_independent_layer_by_layer_forward(name):
    model = _trained_looking(name)
    x = torch.randn(1, 1, 28, 28, generator=torch.Generator().manual_seed(7))
    expected = _layer_by_layer(model, x)
    seen = activations(model, x[0].numpy())
    assert len(seen.layers) == len(expected)
    for layer, want in zip(seen.layers, expected, strict=True):
        np.testing.assert_allclose(layer.values, want[0].numpy(), rtol=1e-5, atol=1e-5)
    with torch.no_grad():
        logits = model(x)[0].double()
    np.testing.assert_allclose(seen.logits, logits.numpy(), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(seen.logits, expected[-1][0].double().numpy(), atol=1e-5)
    np.testing.assert_allclose(seen.probabilities, torch.softmax(logits, 0).numpy(), atol=1e-9)
    assert seen.probabilities.sum() == pytest.approx(1.0)
    np.testing.assert_array_equal(seen.model_input, x[0].numpy())


def test_activations_of_the_bundled_model_match_its_prediction():
    predictor = Predictor.bundled()
    digit = np.zeros((28, 28), np.float32)
    digit[6:22, 12:16] = 1.0  # a "1"
    prediction = predictor.predict_digit(digit)
    x = (digit - predictor.mean) / predictor.std
    seen = activations(predictor.model, x[None])
    np.testing.assert_allclose(seen.probabilities, prediction.probabilities, atol=1e-6)
    expected = _layer_by_layer(predictor.model, torch.from_numpy(x).reshape(1, 1, 28, 28))
    for layer, want in zip(seen.layers, expected, strict=True):
        np.testing.assert_allclose(layer.values, want[0].numpy(), rtol=1e-5, atol=1e-5)


def test_activations_run_in_eval_mode_and_restore_the_models_mode():
    model = _trained_looking("cnn").train()
    x = torch.randn(1, 1, 28, 28)
    first = activations(model, x[0])
    assert model.training  # given back as it came
    second = activations(model, x[0])
    np.testing.assert_array_equal(first.logits, second.logits)  # dropout/BN batch stats off


@pytest.mark.parametrize("name", list(MODELS))
def test_structure_has_real_shapes_and_counts_every_parameter(name):
    model = build_model(name)
    rows = structure(model)
    assert sum(row.parameters for row in rows) == sum(p.numel() for p in model.parameters())
    assert rows[-1].output_shape == (10,)
    seen = activations(model, np.zeros((1, 28, 28), np.float32))
    assert [row.output_shape for row in rows] == [a.values.shape for a in seen.layers]
    assert [row.name for row in rows] == [a.name for a in seen.layers]
    assert all(row.kind and row.name for row in rows)


@pytest.mark.parametrize("name", [n for n, spec in MODELS.items() if spec.convolutional])
def test_structure_describes_layers_in_their_own_words(name):
    model = build_model(name)
    path, conv = next((p, m) for p, m in model.named_modules() if isinstance(m, nn.Conv2d))
    row = next(row for row in structure(model) if row.name == path)
    k = conv.kernel_size[0]
    assert row.kind == "Conv2d"
    assert row.detail.startswith(f"{conv.in_channels}->{conv.out_channels}, kernel {k}x{k}")
    assert row.output_shape[0] == conv.out_channels
    assert row.parameters == sum(p.numel() for p in conv.parameters())


def test_the_scratch_model_is_its_own_single_layer():
    scratch = structure(build_model("softmax-scratch"))
    assert [(r.name, r.output_shape, r.parameters) for r in scratch] == [("model", (10,), 7850)]
    assert "x @ W + b" in scratch[0].detail
