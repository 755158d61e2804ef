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


# -- no network, no data folder, an empty home (the bundled MNIST's tests) -------------------

_NO_NETWORK = '''
"""Loaded at start-up by the test's child process: every network use fails and is noted."""
import os
import socket


def _refuse(*args, **kwargs):
    with open(os.environ["DL_NETWORK_LOG"], "a", encoding="utf-8") as log:
        log.write(repr(args[:2]) + "\\n")
    raise OSError("the network is switched off for this test")


socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''


def offline_environment(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """Environment variables for a child process with no network (a ``sitecustomize`` that
    refuses and records every connection), no ``DIGIT_LAB_DATA`` and an empty home and
    per-user folders; plus the file where refused connections are written."""
    import os

    site = tmp_path / "offline-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(_NO_NETWORK, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    attempts = tmp_path / "network-attempts.log"
    env = {k: v for k, v in os.environ.items() if k not in ("DIGIT_LAB_DATA", "PYTHONPATH")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        PYTHONPATH=str(site),
        DL_NETWORK_LOG=str(attempts),
        OMP_NUM_THREADS="1",
    )
    return env, attempts


def block_network(monkeypatch) -> list:
    """The same in this process: every connection or name lookup raises ``OSError`` and is
    appended to the returned list."""
    import socket

    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("the network is switched off for this test")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def isolate_home(monkeypatch, tmp_path: Path) -> Path:
    """An empty home, no ``DIGIT_LAB_DATA`` (the per-user folders are already per test)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("DIGIT_LAB_DATA", raising=False)
    return home
