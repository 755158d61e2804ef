import pytest
import torch
import torch.nn.functional as F

from training_core.models import (
    INITS,
    MODELS,
    HandWrittenSGD,
    ModelError,
    build_model,
    first_layer_weights,
    scratch_cross_entropy,
    scratch_softmax,
)


@pytest.mark.parametrize("name", list(MODELS))
def test_every_model_maps_a_batch_of_images_to_ten_logits(name):
    model = build_model(name, seed=0)
    assert model(torch.randn(4, 1, 28, 28)).shape == (4, 10)


def test_scratch_softmax_survives_huge_logits_and_matches_torch():
    logits = torch.tensor([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]])
    probs = scratch_softmax(logits)
    assert torch.isfinite(probs).all()
    assert torch.allclose(probs, torch.softmax(logits, dim=1))
    assert torch.allclose(probs.sum(dim=1), torch.ones(2))


def test_scratch_cross_entropy_equals_torch_cross_entropy():
    logits, labels = torch.randn(32, 10), torch.randint(0, 10, (32,))
    assert torch.allclose(scratch_cross_entropy(logits, labels), F.cross_entropy(logits, labels))


def test_scratch_cross_entropy_stays_finite_when_confidently_wrong():
    logits = torch.tensor([[500.0, -500.0]], requires_grad=True)
    loss = scratch_cross_entropy(logits, torch.tensor([1]))
    loss.backward()
    assert torch.isfinite(loss) and torch.isfinite(logits.grad).all()


@pytest.mark.parametrize("momentum,weight_decay", [(0.0, 0.0), (0.9, 1e-3)])
def test_hand_written_sgd_takes_the_same_steps_as_torch_sgd(momentum, weight_decay):
    torch.manual_seed(0)
    a = torch.randn(5, 3, requires_grad=True)
    b = a.detach().clone().requires_grad_(True)
    mine = HandWrittenSGD([a], lr=0.1, momentum=momentum, weight_decay=weight_decay)
    ref = torch.optim.SGD([b], lr=0.1, momentum=momentum, weight_decay=weight_decay)
    for _ in range(3):
        for p, opt in ((a, mine), (b, ref)):
            opt.zero_grad()
            (p**2).sum().backward()
            opt.step()
    assert torch.allclose(a, b, atol=1e-6)


@pytest.mark.parametrize("init", INITS)
def test_init_choices_change_the_weights_and_zero_the_biases(init):
    model = build_model("mlp", init=init, seed=0)
    linear = model[1]
    if init == "normal":
        assert linear.weight.std().item() == pytest.approx(0.01, rel=0.1)
    if init != "default":
        assert torch.count_nonzero(linear.bias) == 0
    assert build_model("mlp", init=init, seed=0)[1].weight.equal(linear.weight)


def test_unknown_names_are_user_errors():
    with pytest.raises(ModelError, match="choose one of"):
        build_model("resnet")
    with pytest.raises(ModelError):
        build_model("mlp", init="orthogonal")


@pytest.mark.parametrize(
    "name,shape",
    [
        ("softmax-scratch", (10, 28, 28)),
        ("softmax", (10, 28, 28)),
        ("mlp", (512, 28, 28)),
        ("cnn", (16, 5, 5)),
        ("cnn-wide", (32, 3, 3)),
        ("lenet5", (6, 5, 5)),
    ],
)
def test_first_layer_weights_are_shaped_as_images(name, shape):
    assert tuple(first_layer_weights(build_model(name, seed=0)).shape) == shape


def test_lenet5_has_the_1998_shape_and_the_classic_keeps_tanh_and_average_pooling():
    from torch import nn

    from training_core.models import LeNet5

    model = build_model("lenet5", seed=0)
    sizes = []
    x = torch.zeros(2, 1, 28, 28)
    for layer in model.features:
        x = layer(x)
        if isinstance(layer, nn.Conv2d | nn.MaxPool2d):
            sizes.append(tuple(x.shape[1:]))
    assert sizes == [(6, 28, 28), (6, 14, 14), (16, 10, 10), (16, 5, 5), (120, 1, 1)]
    assert model(torch.zeros(2, 1, 28, 28)).shape == (2, 10)
    assert sum(p.numel() for p in model.parameters()) == 61_706
    classic = LeNet5(classic=True)
    kinds = {type(m) for m in classic.modules()}
    assert nn.Tanh in kinds and nn.AvgPool2d in kinds and nn.ReLU not in kinds
