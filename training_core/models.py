"""The models Digit Lab trains and the weight-init choices.

``MODELS`` is the one place that knows each model: its builder, names, lesson settings and
results-table recipes. The Train form, the command line, ``default_config`` and
scripts/results_table.py all read it, so a new model is one ``ModelSpec`` entry.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

from training_core.convnets import LeNet5, WideCNN, fast_cnn
from training_core.messages import label, msg

INPUT_PIXELS = 28 * 28
NUM_CLASSES = 10


class ScratchSoftmaxRegression(nn.Module):
    """Softmax regression with every piece written out, as in the lesson.

    ``W`` (784x10) and ``b`` are plain parameters; :func:`scratch_softmax` and
    :func:`scratch_cross_entropy` are written by hand, and :class:`HandWrittenSGD` updates
    them. ``forward`` returns logits, so evaluation and prediction treat it like any model.
    """

    uses_hand_written_training = True

    def __init__(self) -> None:
        super().__init__()
        self.W = nn.Parameter(torch.zeros(INPUT_PIXELS, NUM_CLASSES))
        self.b = nn.Parameter(torch.zeros(NUM_CLASSES))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.reshape(-1, INPUT_PIXELS) @ self.W + self.b


def scratch_softmax(logits: torch.Tensor) -> torch.Tensor:
    """exp / row sum, after subtracting each row's max so exp cannot overflow."""
    shifted = logits - logits.max(dim=1, keepdim=True).values
    exp = shifted.exp()
    return exp / exp.sum(dim=1, keepdim=True)


def scratch_cross_entropy(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean of -log p[true class], picking each row's true-class probability with ``gather``.

    The probability is floored at 1e-12: a confidently wrong prediction would otherwise give
    log(0) = -inf and a NaN gradient.
    """
    probs = scratch_softmax(logits)
    picked = probs.gather(1, labels.view(-1, 1)).squeeze(1)
    return -picked.clamp_min(1e-12).log().mean()


class HandWrittenSGD:
    """``p -= lr * (grad + weight_decay * p)``, with optional momentum, no torch.optim.

    Mirrors the optimizer interface the training loop uses (``param_groups``, ``step``,
    ``zero_grad``, ``state_dict``) so the loop treats both kinds alike.
    """

    def __init__(self, params, lr: float, momentum: float = 0.0, weight_decay: float = 0.0):
        self.params = list(params)
        self.param_groups = [{"lr": lr, "momentum": momentum, "weight_decay": weight_decay}]
        self.velocity = [torch.zeros_like(p) for p in self.params]

    @torch.no_grad()
    def step(self) -> None:
        group = self.param_groups[0]
        for p, v in zip(self.params, self.velocity, strict=True):
            if p.grad is None:
                continue
            grad = p.grad + group["weight_decay"] * p if group["weight_decay"] else p.grad
            if group["momentum"]:
                v.mul_(group["momentum"]).add_(grad)
                grad = v
            p.sub_(group["lr"] * grad)

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None

    def state_dict(self) -> dict:
        return {"velocity": [v.clone() for v in self.velocity], "param_groups": self.param_groups}

    def load_state_dict(self, state: dict) -> None:
        for v, saved in zip(self.velocity, state["velocity"], strict=True):
            v.copy_(saved)
        self.param_groups[0].update(state["param_groups"][0])


def _softmax_linear() -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(INPUT_PIXELS, NUM_CLASSES))


def _mlp(*hidden: int) -> Callable[[], nn.Module]:
    def build() -> nn.Module:
        layers: list[nn.Module] = [nn.Flatten()]
        width = INPUT_PIXELS
        for units in hidden:
            layers += [nn.Linear(width, units), nn.ReLU()]
            width = units
        layers.append(nn.Linear(width, NUM_CLASSES))
        return nn.Sequential(*layers)

    return build


@dataclass(frozen=True)
class Recipe:
    """A row of the results table (docs/results.md): ``digit-lab train`` settings and their target.

    ``settings`` are ``TrainConfig`` values (the command line is rendered from them), so a
    test can check every recipe against the options' ranges.
    """

    name: str
    target: str
    settings: dict


@dataclass(frozen=True)
class ModelSpec:
    """Everything Digit Lab knows about one model."""

    name: str  # the registry key: the --model value and the form's choice
    display_name: str
    description: str  # one line, shown under the form's model choice and in --help
    build: Callable[[], nn.Module]
    source: str  # where ``defaults`` come from (a lesson, or Digit Lab's own recipe)
    defaults: dict  # TrainConfig values that differ from TrainConfig's own defaults
    weights_shown: str  # what first_layer_weights gives for it, as the Results view says
    recipes: tuple[Recipe, ...] = ()
    default_init: str = "default"  # what init "default" means for this model
    convolutional: bool = False  # trained in channels-last memory format on the CPU
    # The name checkpoints saved before a rename use for this architecture (see
    # checkpoint_checks.renamed_model): they still load, as this model.
    formerly: str | None = None

    @property
    def summary(self) -> str:
        return f"{self.display_name}: {self.description}"


_TEMPLATES = label("class templates (one 28x28 weight image per digit)")
_FIRST_HIDDEN = label("first hidden layer: what each unit looks for")
# The MLPs' results-table recipe: momentum SGD with a one-cycle schedule beats their lessons'.
_MOMENTUM_RECIPE = dict(
    optimizer="momentum", lr=0.05, schedule="onecycle", batch_size=128, weight_decay=1e-4
)

MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="softmax-scratch",
            display_name="Softmax regression from scratch",
            description="W, b, softmax, cross-entropy and SGD written by hand",
            build=ScratchSoftmaxRegression,
            source="the softmax-from-scratch lesson",
            defaults=dict(epochs=5, batch_size=256, optimizer="sgd", lr=0.1),
            weights_shown=_TEMPLATES,
            recipes=(Recipe("softmax-scratch", ">= 92.0% (5 epochs)", dict(epochs=5, seed=0)),),
            default_init="normal",  # the lesson draws W from N(0, 0.01); zeros would also train
        ),
        ModelSpec(
            name="softmax",
            display_name="Softmax regression",
            description="nn.Linear(784, 10) and CrossEntropyLoss",
            build=_softmax_linear,
            source="lesson 004 (ToTensor + Normalize)",
            defaults=dict(epochs=10, batch_size=100, optimizer="sgd", lr=0.1),
            weights_shown=_TEMPLATES,
            recipes=(
                Recipe("softmax", ">= 92.5%", dict(epochs=20, schedule="onecycle", lr=0.2, seed=0)),
            ),
        ),
        ModelSpec(
            name="mlp",
            display_name="MLP",
            description="784-512-256-10 with ReLU",
            build=_mlp(512, 256),
            source="lesson 001 (ToTensor)",
            defaults=dict(epochs=20, batch_size=256, optimizer="sgd", lr=0.2, init="normal"),
            weights_shown=_FIRST_HIDDEN,
            recipes=(Recipe("mlp", ">= 98.2%", dict(_MOMENTUM_RECIPE, epochs=12, seed=0)),),
        ),
        ModelSpec(
            name="deep-mlp",
            display_name="Deep MLP",
            description="784-512-256-128-64-10 with ReLU",
            build=_mlp(512, 256, 128, 64),
            source="the deep-MLP lesson (momentum 0.5, batch 64)",
            defaults=dict(epochs=10, batch_size=64, optimizer="momentum", lr=0.01, momentum=0.5),
            weights_shown=_FIRST_HIDDEN,
            recipes=(
                Recipe(
                    "deep-mlp",
                    ">= 98.2%",
                    dict(_MOMENTUM_RECIPE, epochs=15, augment="draw", seed=0),
                ),
            ),
        ),
        ModelSpec(
            name="cnn",
            display_name="CNN",
            description="two conv blocks (pool, batch norm, ReLU), then a 128-unit classifier",
            build=fast_cnn,
            source="Digit Lab's fast recipe (no lesson): 99% in one epoch, seconds on a CPU",
            # The benchmarked recipe (docs/results.md): one epoch of one-cycle Adam, with label
            # smoothing (+0.1 point on average over 6 seeds, at no cost in time).
            defaults=dict(
                epochs=1,
                batch_size=256,
                optimizer="adam",
                lr=0.02,
                schedule="onecycle",
                label_smoothing=0.1,
            ),
            weights_shown="first convolution's filters",
            convolutional=True,
            recipes=(Recipe("cnn", ">= 99.0% (1 epoch)", dict(epochs=1, seed=0)),),
        ),
        ModelSpec(
            name="cnn-large",
            display_name="CNN, large",
            description="the same CNN with 32 and 64 channels: the longer, >= 99.5% preset",
            build=lambda: fast_cnn(channels=(32, 64)),
            source="Digit Lab's long recipe (no lesson): 12 epochs; with light augmentation, 99.5%",
            defaults=dict(
                epochs=12,
                batch_size=128,
                optimizer="adam",
                lr=0.01,
                schedule="onecycle",
            ),
            weights_shown="first convolution's filters",
            convolutional=True,
            recipes=(Recipe("cnn-large", ">= 99.5%", dict(augment="light", epochs=12, seed=0)),),
        ),
        ModelSpec(
            name="cnn-wide",
            display_name="Wide CNN",
            description="Digit Lab's first CNN (the bundled Draw model): 3x3 convs, 32 and 64 "
            "channels, dropout",
            build=WideCNN,
            source="Digit Lab's first recipe: 99.3% in 3 epochs",
            defaults=dict(
                epochs=3,
                batch_size=128,
                optimizer="adam",
                lr=0.003,
                schedule="onecycle",
                weight_decay=1e-4,
            ),
            weights_shown="first convolution's filters",
            convolutional=True,
            recipes=(Recipe("cnn-wide", ">= 99.3%", dict(epochs=3, seed=0)),),
            formerly="cnn",
        ),
        ModelSpec(
            name="lenet5",
            display_name="LeNet-5",
            description="LeCun 1998: conv 6@5x5, pool, conv 16@5x5, pool, 120, 84, with ReLU "
            "and max pooling",
            build=LeNet5,
            source="LeCun et al. 1998, trained with Digit Lab's one-cycle Adam",
            defaults=dict(
                epochs=5, batch_size=128, optimizer="adam", lr=0.003, schedule="onecycle"
            ),
            weights_shown="first convolution's filters",
            convolutional=True,
            recipes=(Recipe("lenet5", ">= 99.0%", dict(epochs=5, seed=0)),),
        ),
        ModelSpec(
            name="lenet5-classic",
            display_name="LeNet-5 (1998 original)",
            description="LeNet-5 with the paper's tanh and average pooling",
            build=lambda: LeNet5(classic=True),
            source="LeCun et al. 1998, trained with Digit Lab's one-cycle Adam",
            defaults=dict(
                epochs=5, batch_size=128, optimizer="adam", lr=0.003, schedule="onecycle"
            ),
            weights_shown="first convolution's filters",
            convolutional=True,
            recipes=(Recipe("lenet5-classic", ">= 98.8%", dict(epochs=5, seed=0)),),
        ),
    )
}

INITS = ("default", "normal", "xavier", "kaiming")


class ModelError(ValueError):
    """An unknown model or init name; the message is meant for the user."""


def build_model(name: str, init: str = "default", seed: int | None = None) -> nn.Module:
    """A fresh model by registry name, with the chosen weight initialisation."""
    if name not in MODELS:
        raise ModelError(
            msg(
                "model.unknown",
                "unknown model {name!r}; choose one of: {choices}",
                name=name,
                choices=", ".join(MODELS),
            )
        )
    if init not in INITS:
        raise ModelError(
            msg(
                "model.unknown_init",
                "unknown init {name!r}; choose one of: {choices}",
                name=init,
                choices=", ".join(INITS),
            )
        )
    if seed is not None:
        torch.manual_seed(seed)
    spec = MODELS[name]
    model = spec.build()
    initialise(model, spec.default_init if init == "default" else init)
    return model


@torch.no_grad()
def initialise(model: nn.Module, init: str) -> None:
    """Re-draw weights of linear/conv layers (and the scratch W); biases become zero."""
    if init == "default":
        return
    for module in model.modules():
        weight = None
        if isinstance(module, nn.Linear | nn.Conv2d):
            weight, bias = module.weight, module.bias
        elif isinstance(module, ScratchSoftmaxRegression):
            weight, bias = module.W, module.b
        if weight is None:
            continue
        if init == "normal":
            nn.init.normal_(weight, 0.0, 0.01)
        elif init == "xavier":
            nn.init.xavier_uniform_(weight)
        elif init == "kaiming":
            nn.init.kaiming_normal_(weight, nonlinearity="relu")
        if bias is not None:
            nn.init.zeros_(bias)


def loss_function(
    model: nn.Module, label_smoothing: float = 0.0
) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """The hand-written cross-entropy for the scratch model, else cross-entropy on logits
    (with ``label_smoothing``, which TrainConfig refuses for the scratch model)."""
    if getattr(model, "uses_hand_written_training", False):
        return scratch_cross_entropy
    if label_smoothing:
        return functools.partial(nn.functional.cross_entropy, label_smoothing=label_smoothing)
    return nn.functional.cross_entropy


def first_layer_weights(model: nn.Module) -> torch.Tensor:
    """What the first layer learned, shaped for display: [K, H, W] images.

    Linear models give ten 28x28 class templates; MLPs their first layer's units as 28x28
    images; the CNN its first conv filters.
    """
    if isinstance(model, ScratchSoftmaxRegression):
        return model.W.detach().T.reshape(-1, 28, 28).cpu()
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            w = module.weight.detach().cpu()
            return w.mean(dim=1) if w.shape[1] > 1 else w[:, 0]
        if isinstance(module, nn.Linear):
            return module.weight.detach().reshape(-1, 28, 28).cpu()
    raise ModelError(msg("model.no_first_layer", "model has no linear or convolutional layer"))
