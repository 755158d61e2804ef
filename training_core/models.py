"""The models Digit Lab trains, in a registry by name, and the weight-init choices."""

from __future__ import annotations

from collections.abc import Callable

import torch
from torch import nn

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


class SmallCNN(nn.Module):
    """Two conv blocks with batch norm, then a small classifier.

    Sized for a laptop CPU: batch norm lets it take a large learning rate, so one or two
    epochs are enough for 99% on MNIST.
    """

    def __init__(self, channels: tuple[int, int] = (32, 64), hidden: int = 128):
        super().__init__()
        c1, c2 = channels
        self.features = nn.Sequential(
            nn.Conv2d(1, c1, 3, padding=1, bias=False),
            nn.BatchNorm2d(c1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),  # 14x14
            nn.Conv2d(c1, c2, 3, padding=1, bias=False),
            nn.BatchNorm2d(c2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),  # 7x7
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Dropout(0.25),
            nn.Linear(c2 * 7 * 7, hidden),
            nn.ReLU(inplace=True),
            nn.Dropout(0.25),
            nn.Linear(hidden, NUM_CLASSES),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


MODELS: dict[str, Callable[[], nn.Module]] = {
    "softmax-scratch": ScratchSoftmaxRegression,
    "softmax": _softmax_linear,
    "mlp": _mlp(512, 256),
    "deep-mlp": _mlp(512, 256, 128, 64),
    "cnn": SmallCNN,
}

MODEL_DESCRIPTIONS = {
    "softmax-scratch": "Softmax regression from scratch: W, b, softmax, cross-entropy, SGD by hand",
    "softmax": "Softmax regression with nn.Linear(784, 10) and CrossEntropyLoss",
    "mlp": "MLP 784-512-256-10 with ReLU",
    "deep-mlp": "MLP 784-512-256-128-64-10 with ReLU",
    "cnn": "Small CNN: two conv + batch-norm blocks, then a 128-unit classifier",
}

INITS = ("default", "normal", "xavier", "kaiming")


class ModelError(ValueError):
    """An unknown model or init name; the message is meant for the user."""


def build_model(name: str, init: str = "default", seed: int | None = None) -> nn.Module:
    """A fresh model by registry name, with the chosen weight initialisation."""
    if name not in MODELS:
        raise ModelError(f"unknown model {name!r}; choose one of: {', '.join(MODELS)}")
    if init not in INITS:
        raise ModelError(f"unknown init {init!r}; choose one of: {', '.join(INITS)}")
    if seed is not None:
        torch.manual_seed(seed)
    model = MODELS[name]()
    if name == "softmax-scratch" and init == "default":
        init = "normal"  # the lesson draws W from N(0, 0.01); zeros would also train
    initialise(model, init)
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


def loss_function(model: nn.Module) -> Callable[[torch.Tensor, torch.Tensor], torch.Tensor]:
    """The hand-written cross-entropy for the scratch model, else CrossEntropyLoss on logits."""
    if getattr(model, "uses_hand_written_training", False):
        return scratch_cross_entropy
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
    raise ModelError("model has no linear or convolutional layer")
