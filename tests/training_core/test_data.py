import gzip
import hashlib

import numpy as np
import pytest
import torch

from tests.helpers.datasets import IDX_NAMES, idx_bytes, synthetic_images, write_idx_dataset
from training_core import data
from training_core.data import (
    Augmentation,
    DataError,
    iterate_batches,
    load_split,
    make_spiral,
    missing_message,
    resolve_data_root,
)


def test_data_root_prefers_flag_then_environment_then_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("DIGIT_LAB_DATA", str(tmp_path / "env"))
    assert resolve_data_root(tmp_path / "flag") == tmp_path / "flag"
    assert resolve_data_root(None) == tmp_path / "env"
    monkeypatch.delenv("DIGIT_LAB_DATA")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert resolve_data_root(None) == data.user_cache_dir()


def test_loads_fashion_mnist_from_idx_files_with_its_class_names(fashion_root):
    split = load_split("fashion-mnist", train=True, root=fashion_root)
    images, labels = synthetic_images(300, seed=1)
    assert split.images.dtype == torch.uint8 and split.images.shape == (300, 28, 28)
    assert torch.equal(split.images, torch.from_numpy(images))
    assert torch.equal(split.labels, torch.from_numpy(labels.astype(np.int64)))
    assert split.class_names[9] == "Ankle boot"
    assert (split.mean, split.std) == (0.2860, 0.3530)


def test_missing_dataset_names_the_folder_and_files(tmp_path):
    # Fashion-MNIST: a folder without MNIST falls back to the bundled copy instead.
    with pytest.raises(DataError) as info:
        load_split("fashion-mnist", train=False, root=tmp_path)
    message = str(info.value)
    assert str(tmp_path / "FashionMNIST" / "raw") in message
    assert "t10k-images-idx3-ubyte" in message and "\n" not in message


def test_truncated_file_is_a_clear_error(mnist_root):
    images = mnist_root / "MNIST" / "raw" / IDX_NAMES[False][0]
    images.write_bytes(images.read_bytes()[:1000])
    with pytest.raises(DataError, match="unreadable"):
        load_split("mnist", train=False, root=mnist_root)


def test_images_and_labels_of_different_lengths_are_refused(mnist_root):
    labels = mnist_root / "MNIST" / "raw" / IDX_NAMES[False][1]
    labels.write_bytes(idx_bytes(np.zeros(7, np.uint8)))
    with pytest.raises(DataError):
        load_split("mnist", train=False, root=mnist_root)


def test_unknown_dataset_lists_the_choices():
    with pytest.raises(DataError, match="mnist, fashion-mnist"):
        load_split("cifar", True, "/nonexistent")


def test_download_fetches_verifies_and_extracts(tmp_path, monkeypatch):
    """The download path runs against a local mirror (file:// URLs): no network needed."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    resources = []
    for train in (True, False):
        images, labels = synthetic_images(50, seed=3)
        for name, array in zip(IDX_NAMES[train], (images, labels), strict=True):
            blob = gzip.compress(idx_bytes(array))
            (mirror / f"{name}.gz").write_bytes(blob)
            resources.append((f"{name}.gz", hashlib.md5(blob).hexdigest()))
    cls = data.DATASETS["fashion-mnist"].torchvision_class  # MNIST is never downloaded
    monkeypatch.setattr(cls, "mirrors", ["file:///nonexistent-mirror/", f"{mirror.as_uri()}/"])
    monkeypatch.setattr(cls, "resources", resources)
    seen = []
    root = tmp_path / "root"
    data.download("fashion-mnist", root, progress=lambda d, t, n: seen.append((d, t, n)))
    split = load_split("fashion-mnist", train=False, root=root)
    assert len(split) == 50
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_download_with_no_reachable_mirror_says_what_to_do(tmp_path, monkeypatch):
    cls = data.DATASETS["fashion-mnist"].torchvision_class
    monkeypatch.setattr(cls, "mirrors", ["file:///nonexistent-mirror/"])
    with pytest.raises(DataError, match="could not be downloaded.*put"):
        data.download("fashion-mnist", tmp_path)


def test_batches_cover_the_split_once_per_epoch_and_are_normalised(tiny_data):
    train, _ = tiny_data
    gen = torch.Generator().manual_seed(0)
    seen = []
    for x, y in iterate_batches(train, 100, shuffle=True, generator=gen):
        assert x.shape[1:] == (1, 28, 28) and x.dtype == torch.float32
        seen.append(y)
    assert sum(len(y) for y in seen) == len(train)
    assert torch.equal(torch.cat(seen).sort().values, train.labels.sort().values)
    x, _ = next(iterate_batches(train, len(train)))
    expected = (train.images.float() / 255 - train.mean) / train.std
    assert torch.allclose(x[:, 0], expected)


def test_augmentation_is_seeded_and_keeps_shape_and_range(tiny_data):
    train, _ = tiny_data
    x, _ = next(iterate_batches(train, 64))
    aug = Augmentation()
    a = aug.apply(x, torch.Generator().manual_seed(5))
    b = aug.apply(x, torch.Generator().manual_seed(5))
    c = aug.apply(x, torch.Generator().manual_seed(6))
    assert a.shape == x.shape and torch.equal(a, b) and not torch.equal(a, c)
    assert a.min() >= x.min() - 1e-5 and a.max() <= x.max() + 1e-5


def test_spiral_matches_the_lesson_generator_shape_and_radius():
    X, y = make_spiral(classes=3, points_per_class=1000, noise=0.2, seed=12345)
    assert X.shape == (3000, 2) and y.tolist().count(2) == 1000
    radius = X.norm(dim=1)
    assert torch.allclose(radius[:1000], torch.linspace(0, 1, 1000), atol=1e-5)
    assert torch.equal(make_spiral(seed=1)[0], make_spiral(seed=1)[0])


def test_real_mnist_layout_message_mentions_env_var(tmp_path):
    assert "DIGIT_LAB_DATA" in missing_message("mnist", tmp_path)


def test_gz_only_dataset_is_read_like_the_plain_files(tmp_path):
    """The mirrors' .gz files, put in raw/ by hand, are read directly (no extraction)."""
    write_idx_dataset(tmp_path, "MNIST", gz=True)
    assert data.is_available("mnist", tmp_path)
    split = load_split("mnist", True, tmp_path)
    images, labels = synthetic_images(300, seed=1)
    assert torch.equal(split.images, torch.from_numpy(images))
    assert torch.equal(split.labels, torch.from_numpy(labels.astype(np.int64)))
