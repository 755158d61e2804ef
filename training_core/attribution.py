"""What a decision looked at: attribution maps over the 28x28 input, and the test that
keeps them honest.

Two methods, both through Captum:

* **Integrated gradients** (the map shown live): the gradient of the class's logit,
  averaged along the straight path from a blank digit to the input, times the input's
  difference from the blank. Its baseline is the *background value*, what an empty pixel
  is after normalisation, so paper gets exactly zero and only ink can carry credit; its
  values add up to logit(input) - logit(blank).
* **Occlusion** (the slow, honest check): blank a 4x4 patch, see how far the class's
  probability falls, slide on. No gradients, so nothing to be fooled by; 169 forward
  passes per image.

"Blanking" a pixel sets it to the background value, never to 0: in normalised units 0 is
grey ink (about 0.13 of full ink for MNIST), so zeroing would *add* ink. :func:`blank` is
the one place that does it, and :func:`deletion_test` (used by the suite and by the
figures in docs/inside.md) measures whether a map's most credited pixels matter more to the
prediction than as many randomly chosen ink pixels.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from training_core.messages import msg
from training_core.preprocessing import INK_LEVEL

METHODS = ("integrated-gradients", "occlusion")
IG_STEPS = 32
OCCLUSION_WINDOW = 4
OCCLUSION_STRIDE = 2
DELETION_FRACTIONS = (0.01, 0.02, 0.03)
PIXELS = 28 * 28


def background_value(mean: float, std: float) -> float:
    """The model input of an empty pixel (0 ink) under the training normalisation."""
    return (0.0 - mean) / std


def _batch(model_input: torch.Tensor | np.ndarray) -> torch.Tensor:
    x = torch.as_tensor(np.asarray(model_input, dtype=np.float32))
    return x.reshape(-1, 1, 28, 28)


def _eval_copy_state(model: nn.Module) -> bool:
    was_training = model.training
    model.eval()
    return was_training


def attribute(
    model: nn.Module,
    model_input: torch.Tensor | np.ndarray,
    target: int | list[int],
    background: float,
    method: str = "integrated-gradients",
    steps: int = IG_STEPS,
) -> np.ndarray:
    """Signed attribution of ``target`` for each input: (28, 28) for one image, (N, 28, 28)
    for a batch. Positive pixels push towards the class, negative ones away from it.

    ``model_input`` is normalised, shape (1, 28, 28), (N, 1, 28, 28) or similar. The
    model is run in eval mode and left in the mode it was in.
    """
    if method not in METHODS:
        raise ValueError(
            msg(
                "attribution.unknown_method",
                "unknown attribution method {name!r}; choose one of {choices}",
                name=method,
                choices=METHODS,
            )
        )
    from captum.attr import IntegratedGradients, Occlusion

    x = _batch(model_input).to(next(model.parameters()).device)
    was_training = _eval_copy_state(model)
    try:
        with warnings.catch_warnings():
            # Captum warns that it sets requires_grad itself; that is what we want.
            warnings.filterwarnings("ignore", message=".*required_grads has been set.*")
            if method == "integrated-gradients":
                attr = IntegratedGradients(model).attribute(
                    x.clone().requires_grad_(True),
                    baselines=background,
                    target=target,
                    n_steps=steps,
                    internal_batch_size=max(steps, 1) * 4,
                )
            else:

                def probabilities(batch: torch.Tensor) -> torch.Tensor:
                    return torch.softmax(model(batch), dim=1)

                with torch.no_grad():
                    attr = Occlusion(probabilities).attribute(
                        x,
                        sliding_window_shapes=(1, OCCLUSION_WINDOW, OCCLUSION_WINDOW),
                        strides=(1, OCCLUSION_STRIDE, OCCLUSION_STRIDE),
                        baselines=background,
                        target=target,
                        perturbations_per_eval=64,
                    )
    finally:
        model.train(was_training)
    out = attr.detach().float().cpu().numpy().reshape(-1, 28, 28)
    return out[0] if np.ndim(target) == 0 and len(out) == 1 else out


def blank(model_input: torch.Tensor, pixels: torch.Tensor, background: float) -> torch.Tensor:
    """A copy of the (N, 1, 28, 28) input with ``pixels`` ((N, k) flat indices) set to the
    background value: those pixels become paper, as if never drawn."""
    out = model_input.reshape(len(model_input), PIXELS).clone()
    out.scatter_(1, pixels, background)
    return out.reshape(model_input.shape)


@dataclass(frozen=True)
class DeletionRow:
    fraction: float  # of the 784 pixels
    pixels: int  # how many were blanked
    top_drop: float  # mean fall of the predicted class's probability, most credited pixels
    random_drop: float  # the same for as many random ink pixels (mean of the repeats)

    @property
    def ratio(self) -> float:
        return self.top_drop / self.random_drop if self.random_drop > 0 else float("inf")


@dataclass(frozen=True)
class DeletionResult:
    images: int
    rows: tuple[DeletionRow, ...]
    short_of_ink: int  # images with fewer ink pixels than the largest k (all their ink used)


@torch.no_grad()
def _probability(model: nn.Module, x: torch.Tensor, classes: torch.Tensor) -> torch.Tensor:
    probs = torch.softmax(model(x).double(), dim=1)
    return probs.gather(1, classes.view(-1, 1)).squeeze(1)


def deletion_test(
    model: nn.Module,
    model_input: torch.Tensor,
    attributions: np.ndarray | torch.Tensor,
    mean: float,
    std: float,
    fractions: tuple[float, ...] = DELETION_FRACTIONS,
    random_repeats: int = 5,
    seed: int = 0,
) -> DeletionResult:
    """Blank each image's most credited pixels, and as many random *ink* pixels, and
    compare how far the predicted class's probability falls (averaged over the images).

    Ink is a pixel at least ``INK_LEVEL`` from the paper (the preprocessing's own
    definition); random background pixels would make any map look good, since blanking
    paper changes nothing. A useful map has ``ratio`` well above 1.
    """
    x = _batch(model_input).to(next(model.parameters()).device)
    attr = torch.as_tensor(np.asarray(attributions, dtype=np.float32)).reshape(len(x), PIXELS)
    background = background_value(mean, std)
    was_training = _eval_copy_state(model)
    try:
        with torch.no_grad():
            classes = model(x).argmax(dim=1)  # the predicted class, before any blanking
        base = _probability(model, x, classes)
        ink = (x.reshape(len(x), PIXELS) * std + mean) >= INK_LEVEL
        ink_counts = ink.sum(dim=1)
        generator = torch.Generator().manual_seed(seed)
        rows = []
        for fraction in fractions:
            k = max(1, round(fraction * PIXELS))
            top = attr.to(x.device).topk(k, dim=1).indices
            top_drop = (base - _probability(model, blank(x, top, background), classes)).mean()
            random_drops = []
            for _ in range(random_repeats):
                scores = torch.rand(len(x), PIXELS, generator=generator).to(x.device)
                scores[~ink] = -1.0  # never chosen while an image has ink left to choose
                chosen = scores.topk(k, dim=1).indices
                keep = scores.gather(1, chosen) >= 0  # short of ink: only its ink is blanked
                chosen = torch.where(keep, chosen, chosen[:, :1])
                blanked = blank(x, chosen, background)
                random_drops.append((base - _probability(model, blanked, classes)).mean())
            rows.append(
                DeletionRow(fraction, k, float(top_drop), float(torch.stack(random_drops).mean()))
            )
    finally:
        model.train(was_training)
    k_max = max(1, round(max(fractions) * PIXELS))
    return DeletionResult(len(x), tuple(rows), int((ink_counts < k_max).sum()))


def overlay_rgb(digit: np.ndarray, attribution: np.ndarray, scale: int = 8) -> np.ndarray:
    """The digit in grey with the attribution over it, as uint8 RGB of (28*scale)^2.

    Red: the pixel pushed the prediction towards the class; blue: away from it; the
    stronger the colour, the larger the share (scaled to the map's largest magnitude).
    """
    digit = np.clip(np.asarray(digit, dtype=np.float32).reshape(28, 28), 0.0, 1.0)
    attr = np.asarray(attribution, dtype=np.float32).reshape(28, 28)
    peak = float(np.abs(attr).max())
    strength = np.clip(attr / peak, -1.0, 1.0) if peak > 0 else np.zeros_like(attr)
    grey = 40.0 + 110.0 * digit  # the digit stays readable under the colours
    rgb = np.repeat(grey[..., None], 3, axis=2)
    red = np.array([230.0, 30.0, 30.0])
    blue = np.array([30.0, 90.0, 230.0])
    alpha = np.abs(strength)[..., None]
    colour = np.where(strength[..., None] >= 0, red, blue)
    rgb = rgb * (1.0 - alpha) + colour * alpha
    rgb = np.clip(rgb + 0.5, 0, 255).astype(np.uint8)
    return np.kron(rgb, np.ones((scale, scale, 1), dtype=np.uint8))
