"""The playground core: the spiral lesson's result, toy data, CSV errors, softmax/CE facts."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from training_core.playground import (
    DATASET_NAMES,
    PlaygroundDataError,
    PlaygroundTrainer,
    Split,
    TrainSettings,
    boundary_image,
    build_classifier,
    data_extent,
    load_points_csv,
    make_cubic,
    make_points,
    predict_curve,
    predict_grid,
    train_test_split,
)
from training_core.softmax_explorer import (
    compare_softmax_mistake,
    cross_entropy,
    explain,
    softmax,
)
from training_core.threads import torch_threads


@pytest.fixture(autouse=True)
def _one_thread():
    """As in the GUI's worker: tiny models train far faster on one core."""
    with torch_threads(1):
        yield


# The reproduction settings quoted in the README: 3-class spiral, 1000 points per class,
# noise 0.2, seed 12345 (the lesson's), full batch, Adam lr 1e-2, L2 1e-5, 300 epochs.
REPRO_EPOCHS = 300


def _train_spiral(kind: str) -> float:
    x, y = make_points("spiral", 3, 1000, 0.2, seed=12345)
    split = Split(x, y, x[:0], y[:0])
    model = build_classifier(kind, hidden_layers=1, units=100, activation="relu", seed=0)
    trainer = PlaygroundTrainer(model, split, settings=TrainSettings("adam", 1e-2, 1e-5, 0))
    for _ in range(REPRO_EPOCHS):
        trainer.run_epoch()
    return trainer.evaluate(x, y)[1]


def test_linear_model_stays_near_chance_on_the_spiral():
    assert _train_spiral("linear") <= 0.60


def test_relu_mlp_with_100_units_fits_the_spiral():
    assert _train_spiral("mlp") >= 0.99


def test_linear_kind_has_no_activation_and_mlp_has_one():
    linear = build_classifier("linear", 1, 100, "relu")
    mlp = build_classifier("mlp", 2, 8, "tanh", outputs=4)
    assert [type(m).__name__ for m in linear] == ["Linear", "Linear"]
    assert [type(m).__name__ for m in mlp] == ["Linear", "Tanh", "Linear", "Tanh", "Linear"]
    assert mlp[-1].out_features == 4


def test_models_are_reproducible_from_their_seed():
    a, b = build_classifier(seed=3), build_classifier(seed=3)
    c = build_classifier(seed=4)
    assert torch.equal(a[0].weight, b[0].weight)
    assert not torch.equal(a[0].weight, c[0].weight)


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_generators_are_seeded_and_balanced(name):
    x, y = make_points(name, classes=3, points_per_class=50, seed=7)
    x2, _ = make_points(name, classes=3, points_per_class=50, seed=7)
    x3, _ = make_points(name, classes=3, points_per_class=50, seed=8)
    classes = 3 if name in ("spiral", "blobs") else 2
    assert x.shape == (50 * classes, 2) and x.dtype == torch.float32
    assert torch.bincount(y).tolist() == [50] * classes
    assert torch.equal(x, x2) and not torch.equal(x, x3)
    assert x.abs().max() < 2.0


def test_spiral_comes_from_the_lesson_generator():
    from training_core.data import make_spiral

    x, y = make_points("spiral", 3, 100, 0.2, seed=12345)
    ref_x, ref_y = make_spiral(3, 100, 0.2, 12345)
    assert torch.equal(x, ref_x) and torch.equal(y, ref_y)


def test_xor_labels_follow_the_quadrants_without_noise():
    x, y = make_points("xor", points_per_class=100, noise=0.0, seed=1)
    same_sign = (x[:, 0] * x[:, 1] > 0).long()
    assert torch.equal(1 - same_sign, y)


def test_split_is_disjoint_and_seeded():
    x = torch.arange(100, dtype=torch.float32).reshape(50, 2)
    y = torch.arange(50)
    s = train_test_split(x, y, 0.2, seed=1)
    assert len(s.x_test) == 10 and len(s.x_train) == 40
    assert sorted(s.y_train.tolist() + s.y_test.tolist()) == list(range(50))
    assert torch.equal(s.y_test, train_test_split(x, y, 0.2, seed=1).y_test)
    with pytest.raises(PlaygroundDataError):
        train_test_split(x, y, 0.95)


def test_minibatch_epoch_reports_test_metrics():
    x, y = make_points("blobs", 3, 100, 0.1, seed=0)
    split = train_test_split(x, y, 0.25, seed=0)
    trainer = PlaygroundTrainer(
        build_classifier("mlp", 1, 16), split, settings=TrainSettings("sgd", 0.5, 0, 32)
    )
    metrics = [trainer.run_epoch() for _ in range(20)]
    assert metrics[-1].epoch == 20
    assert metrics[-1].train_loss < metrics[0].train_loss
    assert metrics[-1].test_acc > 0.9
    trainer.set_hyperparameters(lr=0.01, weight_decay=0.1)
    assert trainer.optimizer.param_groups[0]["lr"] == 0.01
    assert trainer.optimizer.param_groups[0]["weight_decay"] == 0.1


def test_empty_test_set_gives_nan():
    x, y = make_points("moons", points_per_class=20)
    trainer = PlaygroundTrainer(build_classifier(outputs=2), train_test_split(x, y, 0.0))
    m = trainer.run_epoch()
    assert math.isnan(m.test_loss) and math.isnan(m.test_acc) and 0 <= m.train_acc <= 1


def test_grid_prediction_matches_pointwise_prediction():
    model = build_classifier("mlp", 1, 10, outputs=3, seed=2)
    x, _ = make_points("spiral", 3, 30)
    extent = data_extent(x)
    grid = predict_grid(model, extent, resolution=20)
    assert grid.labels.shape == (20, 20) and grid.labels.dtype == np.uint8
    xmin, xmax, ymin, ymax = extent
    row, col = 3, 15  # row = y index from the bottom, col = x index
    px = xmin + (col + 0.5) * (xmax - xmin) / 20
    py = ymin + (row + 0.5) * (ymax - ymin) / 20
    with torch.no_grad():
        expected = int(model(torch.tensor([[px, py]])).argmax(1))
    assert grid.labels[row, col] == expected
    palette = np.array([[255, 0, 0], [0, 255, 0], [0, 0, 255]])
    rgb = boundary_image(grid, palette, 3)
    assert rgb.shape == (20, 20, 3) and rgb.dtype == np.uint8


def test_regression_fits_the_cubic():
    x, y = make_cubic(100, 0.3, seed=1)
    assert x.shape == (100, 1) and float(x.min()) == -1 and float(x.max()) == 1
    residual = y - x.pow(3)
    assert 0 <= float(residual.min()) and float(residual.max()) < 0.3  # uniform noise
    model = build_classifier("mlp", 1, 100, "relu", inputs=1, outputs=1, seed=0)
    trainer = PlaygroundTrainer(
        model, train_test_split(x, y, 0.2), "regression", TrainSettings("adam", 1e-2, 1e-5)
    )
    for _ in range(300):
        m = trainer.run_epoch()
    assert math.isnan(m.train_acc)
    assert m.train_loss < 0.02  # the noise variance alone is 0.3**2 / 12 = 0.0075
    curve = predict_curve(model, np.array([-1.0, 0.0, 1.0]))
    assert np.allclose(curve, [-1 + 0.15, 0.15, 1 + 0.15], atol=0.15)


# -- CSV -----------------------------------------------------------------------------------


def test_csv_with_header_and_text_labels(tmp_path):
    path = tmp_path / "pts.csv"
    path.write_text("x,y,label\n0,0,cat\n10,0,dog\n0,10,cat\n10,10,dog\n\n")
    points = load_points_csv(path)
    assert points.class_names == ("cat", "dog")
    assert points.y.tolist() == [0, 1, 0, 1]
    assert float(points.x.min()) == -1 and float(points.x.max()) == 1
    assert "4 points, 2 classes" in points.note


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "no data rows"),
        ("1,2\n3,4\n", "line 1: expected 3 columns"),
        ("x,y,label\n1,2,a\n1,oops,b\n", "line 3: 'oops' is not a number"),
        ("1,2,a\n1,nan,b\n", "line 2: coordinates must be finite"),
        ("1,2,a\n3,4,a\n5,6,a\n7,8,a\n", "only one label"),
        ("1,2,a\n3,4,b\n", "at least 4"),
        ("1,2,a\n3,4,\n", "line 2: the label is empty"),
        ("".join(f"{i},{i},{i}\n" for i in range(11)), "11 different labels"),
    ],
)
def test_bad_csv_gives_one_line_message(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(PlaygroundDataError, match=message) as info:
        load_points_csv(path)
    assert "\n" not in str(info.value) and "bad.csv" in str(info.value)


def test_missing_binary_and_directory_csv(tmp_path):
    with pytest.raises(PlaygroundDataError, match="does not exist"):
        load_points_csv(tmp_path / "nope.csv")
    binary = tmp_path / "img.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x00")
    with pytest.raises(PlaygroundDataError, match="not a text CSV"):
        load_points_csv(binary)
    with pytest.raises(PlaygroundDataError, match="not a file"):
        load_points_csv(tmp_path)


# -- softmax and cross-entropy -----------------------------------------------------------


def test_softmax_is_stable_and_sums_to_one():
    p = softmax([1000.0, 1001.0, 999.0])
    assert np.isclose(p.sum(), 1) and p.argmax() == 1 and np.all(np.isfinite(p))
    assert np.isclose(cross_entropy([0.0, 0.0, 0.0, 0.0], 2), math.log(4))


@pytest.mark.parametrize("logits, target", [([2.0, 1.0, 0.1], 0), ([-3, 5, 0.5, 2], 3)])
def test_cross_entropy_equals_logsoftmax_then_nll(logits, target):
    b = explain(logits, target)
    assert b.loss_cross_entropy == pytest.approx(b.loss_logsoftmax_nll, abs=1e-12)
    assert b.loss_cross_entropy == pytest.approx(b.loss_manual, abs=1e-12)
    assert b.loss_cross_entropy == pytest.approx(cross_entropy(logits, target), abs=1e-12)
    one_hot = np.eye(len(logits))[target]
    assert np.allclose(b.grad_cross_entropy, b.probabilities - one_hot)


def test_softmax_before_cross_entropy_shrinks_the_gradient():
    b = explain([2.0, 1.0, 0.1], 0)
    assert b.grad_ratio < 0.6
    # the mistaken loss can never get near zero: at best -log(e / (e + C - 1))
    best = explain([50.0, -50.0, -50.0], 0)
    assert best.loss_cross_entropy < 1e-6
    assert best.loss_softmax_first == pytest.approx(-math.log(math.e / (math.e + 2)), abs=1e-6)


def test_softmax_before_cross_entropy_trains_slower():
    c = compare_softmax_mistake(steps=100, lr=1.0, points_per_class=100)
    assert c.mistake_loss[-1] > c.correct_loss[-1] + 0.1
    assert c.correct_loss[0] == pytest.approx(c.mistake_loss[0])  # same start
