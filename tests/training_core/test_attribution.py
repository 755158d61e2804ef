"""Attribution maps: exact on a linear model, blanking means paper, and the deletion test
on real MNIST digits with the bundled model."""

import numpy as np
import pytest
import torch
from torch import nn

from training_core.attribution import (
    DELETION_FRACTIONS,
    attribute,
    background_value,
    blank,
    deletion_test,
    overlay_rgb,
)
from training_core.data import is_available, load_split, normalize, resolve_data_root
from training_core.inference import Predictor

MEAN, STD = 0.1307, 0.3081
BACKGROUND = background_value(MEAN, STD)
MIN_RATIO = 1.4  # the bar: most credited pixels vs as many random ink pixels


def _linear(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).eval()


def _digit_input(seed: int = 0) -> torch.Tensor:
    """A normalised input with a block of ink on paper."""
    digit = torch.zeros(28, 28)
    digit[5:23, 10:18] = torch.rand(18, 8, generator=torch.Generator().manual_seed(seed))
    return ((digit - MEAN) / STD).reshape(1, 28, 28)


def test_background_value_is_an_empty_pixel_after_normalisation():
    assert BACKGROUND == pytest.approx(-MEAN / STD)
    assert BACKGROUND * STD + MEAN == pytest.approx(0.0)


def test_blank_sets_pixels_to_the_background_not_to_zero():
    x = _digit_input().reshape(1, 1, 28, 28)
    out = blank(x, torch.tensor([[0, 5 * 28 + 10, 783]]), BACKGROUND)
    flat = out.reshape(-1)
    assert flat[5 * 28 + 10] == pytest.approx(BACKGROUND)  # ink became paper
    assert flat[0] == pytest.approx(BACKGROUND) and flat[783] == pytest.approx(BACKGROUND)
    assert (flat * STD + MEAN)[5 * 28 + 10] == pytest.approx(0.0, abs=1e-6)
    changed = (~torch.isclose(out, x, atol=1e-6)).reshape(-1).nonzero().reshape(-1).tolist()
    assert changed == [5 * 28 + 10]  # paper blanked stays as it was
    assert torch.equal(x, _digit_input().reshape(1, 1, 28, 28))  # the input is not changed


def test_integrated_gradients_are_exact_on_a_linear_model():
    model = _linear()
    x = _digit_input()
    attr = attribute(model, x, 3, BACKGROUND)
    weights = model[1].weight[3].detach().reshape(28, 28)
    expected = ((x[0] - BACKGROUND) * weights).numpy()
    np.testing.assert_allclose(attr, expected, rtol=1e-4, atol=1e-6)
    assert attr.shape == (28, 28) and attr.dtype == np.float32
    paper = (x[0] * STD + MEAN).numpy() == 0
    assert np.abs(attr[paper]).max() < 1e-6  # an empty pixel can carry no credit


def test_integrated_gradients_add_up_to_the_logit_difference():
    torch.manual_seed(1)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.Tanh(), nn.Linear(32, 10)).eval()
    x = _digit_input(2)
    attr = attribute(model, x, 4, BACKGROUND, steps=256)
    with torch.no_grad():
        gap = (
            model(x.reshape(1, 1, 28, 28))[0, 4]
            - model(torch.full((1, 1, 28, 28), BACKGROUND))[0, 4]
        )
    assert attr.sum() == pytest.approx(float(gap), rel=0.02, abs=1e-3)


def test_attribute_handles_a_batch_and_leaves_the_models_mode():
    model = _linear().train()
    x = torch.cat([_digit_input(0), _digit_input(1)]).reshape(2, 1, 28, 28)
    attr = attribute(model, x, [1, 2], BACKGROUND)
    assert attr.shape == (2, 28, 28)
    assert model.training
    occlusion = attribute(model, x, [1, 2], BACKGROUND, method="occlusion")
    assert occlusion.shape == (2, 28, 28) and np.isfinite(occlusion).all()
    with pytest.raises(ValueError, match="unknown attribution method"):
        attribute(model, x, 1, BACKGROUND, method="guess")


def test_occlusion_credits_the_pixels_whose_removal_lowers_the_class():
    model = _linear()
    with torch.no_grad():
        model[1].weight.zero_()
        model[1].bias.zero_()
        model[1].weight[0].reshape(28, 28)[10:14, 12:16] = 1.0  # class 0 looks at one patch
    x = _digit_input()
    attr = attribute(model, x, 0, BACKGROUND, method="occlusion")
    assert attr[10:14, 12:16].mean() > 0
    assert attr[10:14, 12:16].mean() > 10 * abs(attr[20:, :8]).mean()


def test_deletion_test_rewards_a_map_that_knows_what_matters():
    model = _linear(3)
    x = torch.cat([_digit_input(s) for s in range(8)]).reshape(8, 1, 28, 28)
    with torch.no_grad():
        predicted = model(x).argmax(dim=1).tolist()
    good = attribute(model, x, predicted, BACKGROUND)
    result = deletion_test(model, x, good, MEAN, STD)
    assert result.images == 8 and [row.pixels for row in result.rows] == [8, 16, 24]
    assert all(row.ratio > 1.4 for row in result.rows)
    opposite = deletion_test(model, x, -good, MEAN, STD)  # credits the pixels against it
    assert all(row.top_drop < row.random_drop for row in opposite.rows)


def test_overlay_is_red_for_credit_and_blue_against_it():
    digit = np.zeros((28, 28), np.float32)
    attr = np.zeros((28, 28), np.float32)
    attr[3, 4], attr[20, 21] = 2.0, -2.0
    rgb = overlay_rgb(digit, attr, scale=4)
    assert rgb.shape == (112, 112, 3) and rgb.dtype == np.uint8
    red, blue = rgb[3 * 4, 4 * 4], rgb[20 * 4, 21 * 4]
    assert red[0] > 200 and red[2] < 60
    assert blue[2] > 200 and blue[0] < 60
    assert np.all(rgb[0, 0] == rgb[0, 0, 0])  # untouched pixels stay grey


ROOT = resolve_data_root()


@pytest.mark.slow
@pytest.mark.mnist
@pytest.mark.skipif(
    not is_available("mnist", ROOT),
    reason=f"real MNIST not found under {ROOT} (set DIGIT_LAB_DATA to a folder with MNIST/raw)",
)
def test_integrated_gradients_pass_the_deletion_test_on_100_mnist_digits():
    """Blanking the most credited 1%, 2% and 3% of pixels must lower the predicted class's
    probability at least 1.4x as much as blanking as many random ink pixels."""
    predictor = Predictor.bundled()
    split = load_split("mnist", False, ROOT, torch.device("cpu"))
    x = normalize(split.images[:100], predictor.mean, predictor.std)
    with torch.no_grad():
        predicted = predictor.model(x).argmax(dim=1).tolist()
    bg = background_value(predictor.mean, predictor.std)
    attr = attribute(predictor.model, x, predicted, bg)
    result = deletion_test(predictor.model, x, attr, predictor.mean, predictor.std)
    for row in result.rows:
        print(
            f"{row.fraction:.0%} ({row.pixels} px): top {row.top_drop:.4f}, "
            f"random ink {row.random_drop:.4f}, ratio {row.ratio:.2f}"
        )
    assert result.images == 100 and result.short_of_ink == 0
    assert [row.fraction for row in result.rows] == list(DELETION_FRACTIONS)
    assert all(row.random_drop > 0 for row in result.rows)  # the random side is not trivial
    assert all(row.ratio >= MIN_RATIO for row in result.rows), result.rows
