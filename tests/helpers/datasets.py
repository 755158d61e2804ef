"""Tiny synthetic datasets: learnable in a few epochs, written as real IDX files when needed."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import torch

from training_core.data import MNIST_CLASSES, TensorSplit


def synthetic_images(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Class k is a bright bar at a class-specific row plus noise: easy but not trivial."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, n).astype(np.uint8)
    images = rng.integers(0, 60, (n, 28, 28)).astype(np.uint8)
    for i, k in enumerate(labels):
        row = 3 + 2 * int(k)
        images[i, row : row + 2, 4:24] = 255
    return images, labels


def synthetic_split(n: int, seed: int = 0) -> TensorSplit:
    images, labels = synthetic_images(n, seed)
    return TensorSplit(
        torch.from_numpy(images),
        torch.from_numpy(labels.astype(np.int64)),
        MNIST_CLASSES,
        0.1307,
        0.3081,
    )


def tiny_split(n: int, seed: int) -> TensorSplit:
    """``n`` images with balanced labels (``i % 10``): a bright bar whose row is the label,
    on dim noise. The Train tab's tests rely on the balance (100 test images: 10 a class)."""
    gen = torch.Generator().manual_seed(seed)
    labels = torch.arange(n) % 10
    images = torch.randint(0, 40, (n, 28, 28), dtype=torch.uint8, generator=gen)
    for i, label in enumerate(labels.tolist()):
        images[i, 2 + 2 * label : 4 + 2 * label, 4:24] = 250
    return TensorSplit(images, labels, MNIST_CLASSES, 0.1307, 0.3081)


def tiny_train_test() -> tuple[TensorSplit, TensorSplit]:
    """The Train tab's usual data: 400 training images (8 batches of 50), 100 test images."""
    return tiny_split(400, 1), tiny_split(100, 2)


def idx_bytes(array: np.ndarray) -> bytes:
    """The IDX format MNIST ships in: magic (0, 0, type 0x08 = uint8, ndim), sizes, data."""
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim)
    header += b"".join(struct.pack(">I", d) for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


IDX_NAMES = {
    True: ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    False: ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


def write_idx_dataset(root: Path, folder: str, n_train=300, n_test=100, gz=False) -> Path:
    """Write a torchvision-layout dataset (``root/folder/raw/*``) of synthetic images."""
    raw = root / folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for train, n in ((True, n_train), (False, n_test)):
        images, labels = synthetic_images(n, seed=int(train))
        for name, array in zip(IDX_NAMES[train], (images, labels), strict=True):
            data = idx_bytes(array)
            if gz:
                (raw / f"{name}.gz").write_bytes(gzip.compress(data))
            else:
                (raw / name).write_bytes(data)
    return raw


# -- builders of bad IDX files (hostile-input tests) ---------------------------------------


def idx_header(dims: tuple[int, ...], kind: int = 0x08, ndim: int | None = None) -> bytes:
    """An IDX header that may lie: any type byte, any declared dimension count and sizes."""
    ndim = len(dims) if ndim is None else ndim
    return struct.pack(">BBBB", 0, 0, kind, ndim) + b"".join(struct.pack(">I", d) for d in dims)


def write_split_files(
    root: Path,
    train: bool,
    images: bytes,
    labels: bytes,
    folder: str = "MNIST",
    gz: bool = False,
) -> Path:
    """Replace one split's two files with the given raw bytes (``gz``: named ``*.gz``, the
    bytes written as they are, so a test decides whether they really are gzip)."""
    raw = root / folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name, blob in zip(IDX_NAMES[train], (images, labels), strict=True):
        for stale in (raw / name, raw / f"{name}.gz"):
            stale.unlink(missing_ok=True)
        (raw / (f"{name}.gz" if gz else name)).write_bytes(blob)
    return raw
