"""Results views (confusion matrix, image grid, weights, per-class accuracy) with real data."""

from __future__ import annotations

import os

import numpy as np
import pytest
import torch

from desktop_app.train.results.data import compute_results, sample_order
from desktop_app.train.results.grids import diverging_rgb
from desktop_app.train.results.view import ResultsView
from tests.helpers.datasets import tiny_split, tiny_train_test
from training_core.config import TrainConfig
from training_core.data import is_available, load_split, resolve_data_root
from training_core.models import build_model
from training_core.training import train


@pytest.fixture(scope="module")
def tiny_results():
    data = tiny_train_test()
    config = TrainConfig(model="softmax", epochs=2, batch_size=50, lr=0.5, device="cpu")
    result = train(config, data=data)
    return compute_results(result.model, data[1], "softmax")


def test_compute_results_is_plain_numpy(tiny_results):
    r = tiny_results
    assert r["confusion"].shape == (10, 10) and r["confusion"].sum() == 100
    assert r["images"].dtype == np.uint8 and r["images"].shape == (100, 28, 28)
    assert r["weights"].shape == (10, 28, 28)  # ten class templates for a linear model
    assert np.isclose(np.trace(r["confusion"]) / 100, r["accuracy"])


def test_sample_order_filters_and_sorts_by_confidence(tiny_results):
    r = dict(tiny_results)
    r["predictions"] = r["predictions"].copy()
    r["predictions"][:5] = (r["labels"][:5] + 1) % 10  # make sure there are mistakes
    mistakes = sample_order(r, "mistakes")
    assert len(mistakes) == int((r["labels"] != r["predictions"]).sum())
    assert np.all(np.diff(r["confidences"][mistakes]) <= 0)  # most confident first
    true, pred = int(r["labels"][0]), int(r["predictions"][0])
    cell = sample_order(r, "cell", (true, pred))
    assert 0 in cell
    assert np.all(r["labels"][cell] == true) and np.all(r["predictions"][cell] == pred)


def test_view_renders_and_cell_click_filters_grid(qtbot, tiny_results):
    view = ResultsView()
    qtbot.addWidget(view)
    view.set_results(tiny_results, "tiny")
    assert "test accuracy" in view.summary.text()
    assert view.confusion.matrix.sum() == 100
    assert len(view.per_class.values) == 10
    assert view.weights.shown == 10
    visible = [t for t in view.samples.tiles if not t.isHidden()]
    assert len(visible) == len(view.samples.tiles)  # 100 images fill the first page
    true, pred = int(tiny_results["labels"][0]), int(tiny_results["predictions"][0])
    with qtbot.waitSignal(view.confusion.cell_clicked, timeout=1_000):
        view.confusion._clicked(pred, true)  # what a click at column pred, row true does
    expected = int(tiny_results["confusion"][true, pred])
    assert view.samples.filter.currentData() == "cell"
    assert view.samples.count.text().startswith(f"{expected:,} images of")
    assert sum(not t.isHidden() for t in view.samples.tiles) == min(expected, 20)


def test_weights_grid_for_cnn_filters(qtbot):
    view = ResultsView()
    qtbot.addWidget(view)
    split = tiny_split(50, 3)
    model = build_model("cnn").eval()
    view.set_results(compute_results(model, split, "cnn"))
    assert view.weights.shown == model[0].out_channels == 16
    assert "filters" in view.weights.title.text()


def test_diverging_colours():
    rgb = diverging_rgb(np.array([[-1.0, 0.0, 1.0]]))
    assert tuple(rgb[0, 1]) == (255, 255, 255)
    assert rgb[0, 0, 2] > rgb[0, 0, 0]  # negative is blue
    assert rgb[0, 2, 0] > rgb[0, 2, 2]  # positive is red


@pytest.mark.mnist
def test_results_with_real_mnist(qtbot):
    root = resolve_data_root(os.environ.get("DIGIT_LAB_DATA"))
    if not is_available("mnist", root):
        pytest.skip("real MNIST not found (set DIGIT_LAB_DATA)")
    train_split = load_split("mnist", True, root).subset(6000)
    test_split = load_split("mnist", False, root)
    config = TrainConfig(model="softmax", epochs=1, batch_size=100, lr=0.1, device="cpu")
    torch.manual_seed(0)
    model = train(config, data=(train_split, test_split)).model
    results = compute_results(model, test_split, "softmax")
    assert results["accuracy"] > 0.8
    view = ResultsView()
    qtbot.addWidget(view)
    view.set_results(results)
    view.samples.show_mistakes()
    assert view.samples.count.text().startswith(
        f"{int((results['labels'] != results['predictions']).sum()):,} mistakes"
    )
    assert view.confusion.matrix.sum() == 10_000


def test_clearing_hides_the_previous_results(qtbot, tiny_results):
    view = ResultsView()
    qtbot.addWidget(view)
    view.show()
    view.set_results(tiny_results)
    assert view.content.isVisible()
    view.set_results(None)
    assert not view.content.isVisible()
    assert view.samples.shown_indices().size == 0


def test_confusion_counts_show_only_where_they_fit_their_cells(qtbot):
    """At 200 % scaling four-digit counts ran into each other; the colours always show."""
    from desktop_app.train.results.plots import ConfusionMatrixView

    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    view.resize(900, 900)
    view.show()
    qtbot.waitExposed(view)
    matrix = np.full((10, 10), 1234)
    view.set_matrix(matrix, [str(i) for i in range(10)])
    qtbot.waitUntil(lambda: view.labels_shown, timeout=2_000)
    assert all(text.isVisible() for text in view._texts)
    view.resize(220, 220)  # cells of ~15 px: "1234" does not fit
    qtbot.waitUntil(lambda: not view.labels_shown, timeout=2_000)
    assert not any(text.isVisible() for text in view._texts)
