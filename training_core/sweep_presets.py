"""The lessons' one-click sweeps, as data: ``digit-lab sweep --preset NAME`` and the app.

Each preset is a base config (the model's lesson settings, then ``base``), a grid, and a
subset of MNIST small enough that the whole sweep takes under 3 minutes on a 2-core
laptop (measured wall times in docs/experiments.md). Options given on the command line override
``base``; a ``--grid`` for the same option replaces the preset's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from training_core.messages import label


@dataclass(frozen=True)
class Preset:
    name: str
    title: str  # one line, as the list and the app show it
    description: str  # what the lesson should see
    base: dict  # train options on top of the model's lesson settings (``model`` included)
    grid: dict[str, list] = field(default_factory=dict)
    train_size: int | None = None  # the first N training images
    test_size: int | None = None


_SUBSET = dict(train_size=12_000, test_size=2_000)

PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "lr-softmax",
            label("Learning rate too small / right / too large (softmax)"),
            label(
                "The same softmax regression with three learning rates: 0.001 barely moves, "
                "0.1 learns, 10 jumps around (or diverges)."
            ),
            dict(model="softmax", epochs=3, optimizer="sgd", seed=0),
            dict(lr=[0.001, 0.1, 10.0]),
            **_SUBSET,
        ),
        Preset(
            "lr-mlp",
            label("Learning rate too small / right / too large (MLP)"),
            label(
                "The MLP with three learning rates: 0.001 barely moves, 0.1 learns, 3 diverges "
                "or gets stuck."
            ),
            dict(model="mlp", epochs=3, optimizer="sgd", seed=0),
            dict(lr=[0.001, 0.1, 3.0]),
            **_SUBSET,
        ),
        Preset(
            "init-softmax",
            label("Initialisations compared (softmax)"),
            label(
                "Softmax regression is one linear layer: its loss is convex, so every "
                "initialisation ends in about the same place."
            ),
            dict(model="softmax", epochs=3, optimizer="sgd", lr=0.1, seed=0),
            dict(init=["default", "normal", "xavier", "kaiming"]),
            **_SUBSET,
        ),
        Preset(
            "init-mlp",
            label("Initialisations compared (MLP)"),
            label(
                "The MLP with PyTorch's default, a plain normal (std 1: far too large), Xavier "
                "and Kaiming initialisation."
            ),
            dict(model="mlp", epochs=3, optimizer="sgd", lr=0.1, seed=0),
            dict(init=["default", "normal", "xavier", "kaiming"]),
            **_SUBSET,
        ),
        Preset(
            "optimizers-softmax",
            label("Optimizers compared (softmax)"),
            label("Plain SGD, SGD with momentum and Adam at the same learning rate, 0.01."),
            dict(model="softmax", epochs=3, lr=0.01, seed=0),
            dict(optimizer=["sgd", "momentum", "adam"]),
            **_SUBSET,
        ),
        Preset(
            "optimizers-mlp",
            label("Optimizers compared (MLP)"),
            label(
                "Plain SGD, SGD with momentum and Adam at the same learning rate, 0.01: "
                "plain SGD is the slowest to start."
            ),
            dict(model="mlp", epochs=3, lr=0.01, seed=0),
            dict(optimizer=["sgd", "momentum", "adam"]),
            **_SUBSET,
        ),
    )
}
