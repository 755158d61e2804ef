"""Fixtures for the core's tests: tiny synthetic datasets, in memory or as IDX files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.datasets import synthetic_split, write_idx_dataset
from training_core.data import TensorSplit


@pytest.fixture
def tiny_data() -> tuple[TensorSplit, TensorSplit]:
    return synthetic_split(512, seed=1), synthetic_split(256, seed=2)


@pytest.fixture
def fashion_root(tmp_path) -> Path:
    write_idx_dataset(tmp_path, "FashionMNIST")
    return tmp_path


@pytest.fixture
def mnist_root(tmp_path) -> Path:
    write_idx_dataset(tmp_path, "MNIST")
    return tmp_path
