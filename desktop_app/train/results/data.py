"""What the Results views show, computed off the UI thread as plain numpy values.

``compute_results`` runs in the training worker after a run, or in a background job when
a past run or a checkpoint is opened; the views only ever receive the dict it returns.
"""

from __future__ import annotations

import threading

import numpy as np
import torch

from training_core.data import TensorSplit, load_split, resolve_data_root
from training_core.evaluation import evaluate
from training_core.models import MODELS, first_layer_weights

MAX_WEIGHT_IMAGES = 32  # an MLP's 512 units would be unreadable; show the first few


def compute_results(model: torch.nn.Module, test_split: TensorSplit, model_name: str) -> dict:
    """Evaluate ``model`` on ``test_split``; everything the views need, on the CPU."""
    result = evaluate(model, test_split)
    weights = first_layer_weights(model)[:MAX_WEIGHT_IMAGES].float().numpy()
    return {
        "model": model_name,
        "loss": result.loss,
        "accuracy": result.accuracy,
        "class_names": list(result.class_names),
        "images": test_split.images.cpu().numpy(),
        "labels": result.labels.numpy(),
        "predictions": result.predictions.numpy(),
        "confidences": result.confidences.numpy(),
        "confusion": result.confusion_matrix.numpy(),
        "per_class": result.per_class_accuracy.numpy(),
        "weights": weights,
        "weights_kind": MODELS[model_name].weights_shown if model_name in MODELS else "first layer",
    }


_cache_lock = threading.Lock()
_test_cache: dict[tuple[str, str], TensorSplit] = {}


def cached_test_split(dataset: str, data_root: str | None) -> TensorSplit:
    """The test split on the CPU, read once per (dataset, folder) and then reused."""
    key = (dataset, str(resolve_data_root(data_root)))
    with _cache_lock:
        split = _test_cache.get(key)
    if split is None:
        split = load_split(dataset, False, data_root, "cpu")
        with _cache_lock:
            _test_cache[key] = split
    return split


def results_for_checkpoint(
    path: str, data_root: str | None, split: TensorSplit | None = None
) -> dict:
    """Background job: a checkpoint file -> results on its dataset's test split
    (or on ``split`` when given, as tests do)."""
    from training_core.checkpoints import load_checkpoint

    checkpoint = load_checkpoint(path)
    if split is None:
        split = cached_test_split(checkpoint.config.get("dataset", "mnist"), data_root)
    model = checkpoint.build_model("cpu")
    return compute_results(model, split, checkpoint.model_name)


def sample_order(results: dict, mode: str, cell: tuple[int, int] | None = None) -> np.ndarray:
    """Indices of test images to show for a filter, most confident first.

    ``mode`` is "all", "mistakes" or "cell" (true class, predicted class from ``cell``).
    """
    labels, predictions = results["labels"], results["predictions"]
    if mode == "mistakes":
        keep = np.flatnonzero(labels != predictions)
    elif mode == "cell" and cell is not None:
        keep = np.flatnonzero((labels == cell[0]) & (predictions == cell[1]))
    else:
        keep = np.arange(len(labels))
    order = np.argsort(-results["confidences"][keep], kind="stable")
    return keep[order]
