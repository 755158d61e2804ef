"""A real tiny checkpoint for the hostile-checkpoint tests: softmax regression with Adam
state, saved by ``save_checkpoint``; the tests edit its payload or its bytes."""

from __future__ import annotations

import torch

from training_core.checkpoints import save_checkpoint
from training_core.config import TrainConfig
from training_core.data import MNIST_CLASSES
from training_core.models import build_model

MODEL = "softmax"  # the smallest model: a fuzz case is a save and a load of ~60 KB


def history(epochs: int) -> list[dict]:
    row = dict(train_loss=0.5, train_acc=0.8, test_loss=0.4, test_acc=0.85, lr=0.01)
    timing = dict(epoch_seconds=1.5, samples_per_second=400.0)
    return [{"epoch": e, "epochs": epochs, **row, **timing} for e in range(1, epochs + 1)]


def write_base(path) -> None:
    model = build_model(MODEL, seed=0)
    optimizer = torch.optim.Adam(model.parameters(), 0.01)
    model(torch.randn(4, 1, 28, 28)).logsumexp(1).mean().backward()
    optimizer.step()
    save_checkpoint(
        path,
        model=model,
        config=TrainConfig(model=MODEL, optimizer="adam", lr=0.01, epochs=3).to_dict(),
        class_names=MNIST_CLASSES,
        mean=0.1307,
        std=0.3081,
        history=history(2),
        epoch=2,
        optimizer_state=optimizer.state_dict(),
    )


def read_payload(path) -> dict:
    return torch.load(path, map_location="cpu", weights_only=True)


def works(checkpoint) -> None:
    """A checkpoint that loaded builds, and predicts finite numbers on a 28x28 image."""
    model = checkpoint.build_model()
    image = torch.rand(1, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        out = model((image - checkpoint.mean) / checkpoint.std)
    assert out.shape == (1, len(checkpoint.class_names))
    assert bool(torch.isfinite(out).all())
