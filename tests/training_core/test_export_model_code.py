"""The model definitions written into exported code: generated from each registry model,
they rebuild it exactly (same weights' names and shapes, same outputs, same seeded init),
and anything that is not allowed layers in a row is refused in one line."""

import pytest
import torch
from torch import nn

from training_core.export_model_code import LAYERS, ModelCodeError, model_code
from training_core.models import MODELS, ModelError, ModelSpec, build_model, initialise

CODE_MODELS = [name for name in MODELS if name != "softmax-scratch"]


def exported_build(name: str):
    """``build_model`` of the exported definition, run the way a script runs it."""
    namespace = {"torch": torch, "nn": nn}
    exec(compile(model_code(name).source, f"<{name} export>", "exec"), namespace)
    return namespace["build_model"]


@pytest.mark.parametrize("name", CODE_MODELS)
def test_exported_definition_loads_the_models_weights_and_gives_its_outputs(name):
    ours = build_model(name, seed=3).eval()
    theirs = exported_build(name)().eval()
    shapes = {k: tuple(v.shape) for k, v in ours.state_dict().items()}
    assert {k: tuple(v.shape) for k, v in theirs.state_dict().items()} == shapes
    with torch.no_grad():  # a trained-looking state: running statistics away from 0 and 1
        for key, tensor in ours.state_dict().items():
            if "running" in key:
                tensor.uniform_(0.5, 1.5)
    theirs.load_state_dict(ours.state_dict())  # strict: every name matches
    x = torch.randn(5, 1, 28, 28, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        assert torch.equal(theirs(x), ours(x))


@pytest.mark.parametrize("name", CODE_MODELS)
def test_the_same_seed_draws_the_same_first_weights(name):
    """The script seeds, builds and initialises as Digit Lab does: same numbers."""
    ours = build_model(name, seed=7)
    torch.manual_seed(7)
    theirs = exported_build(name)()
    scheme = MODELS[name].default_init
    if scheme != "default":
        initialise(theirs, scheme)
    for (key, a), b in zip(ours.state_dict().items(), theirs.state_dict().values(), strict=True):
        assert torch.equal(a, b), key


def small_cnn() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1, bias=False),
        nn.BatchNorm2d(32),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Dropout(0.25),
        nn.Linear(32 * 14 * 14, 10),
    )


def test_layers_are_written_short_and_portable(monkeypatch):
    """Defaults are left out (BatchNorm2d's ``bias=True`` exists only in new PyTorch)."""
    spec = ModelSpec("small", "Small", "a small CNN", small_cnn, "a test", {}, "nothing")
    monkeypatch.setitem(MODELS, "small", spec)
    lines = [line.strip() for line in model_code("small").source.splitlines()]
    assert "nn.Conv2d(1, 32, 3, padding=1, bias=False),  # -> 32 x 28 x 28" in lines
    assert "nn.BatchNorm2d(32),  # -> 32 x 28 x 28" in lines
    assert "nn.ReLU(inplace=True),  # -> 32 x 28 x 28" in lines
    assert "nn.MaxPool2d(2),  # -> 32 x 14 x 14" in lines
    assert "nn.Flatten(),  # -> 6272" in lines
    assert "nn.Dropout(0.25),  # -> 6272" in lines
    assert "nn.Linear(6272, 10),  # -> 10" in lines


def test_comments_name_the_lesson_ideas_once_each():
    source = model_code("mlp").source
    assert source.count("ReLU: max(0, x)") == 1
    assert source.count("# logits: no softmax here") == 1
    assert "softmax(" not in source.replace("# logits: no softmax here", "")


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Flatten(), nn.Linear(784, 784))
        self.classifier = nn.Sequential(nn.Linear(784, 10))

    def forward(self, x):
        flat = x.flatten(1)
        return self.classifier(self.features(x) + flat)  # not its layers in a row


class WithLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
        self.memory = nn.LSTM(10, 10)

    def forward(self, x):
        return self.body(x)


@pytest.mark.parametrize(
    ("build", "needle"),
    [
        (Residual, "not its layers one after the other"),
        (WithLSTM, "LSTM"),
        (lambda: nn.Sequential(nn.Flatten(), nn.Linear(784, 10), nn.Softmax(dim=1)), "Softmax"),
    ],
)
def test_models_the_code_cannot_be_are_refused_in_one_line(monkeypatch, build, needle):
    spec = ModelSpec("odd", "Odd", "an odd model", build, "a test", {}, "nothing")
    monkeypatch.setitem(MODELS, "odd", spec)
    with pytest.raises(ModelCodeError, match=needle) as caught:
        model_code("odd")
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ModelError)  # the CLI's USER_ERRORS lists ModelError


def test_every_layer_in_the_registry_is_allowed():
    for name in CODE_MODELS:
        kinds = {type(m).__name__ for m in build_model(name).modules() if not list(m.children())}
        assert kinds <= set(LAYERS), name
