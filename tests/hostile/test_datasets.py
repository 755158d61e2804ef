"""Hostile IDX datasets (issue 11, item 9): every bad file is one DataError line naming the
file, raised by ``load_split`` — so before ``digit-lab train`` runs a single batch.

Each case used to load fine and fail later (out-of-range labels, 32x32 images: a traceback
inside the loss, for the test split only after a whole epoch) or failed with a message that
named neither the file nor the problem.
"""

from __future__ import annotations

import gzip
import struct
import tempfile
import threading
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.datasets import (
    IDX_NAMES,
    idx_bytes,
    idx_header,
    synthetic_images,
    write_idx_dataset,
    write_split_files,
)
from training_core import training
from training_core.cli import main
from training_core.data import DataError, load_split
from training_core.idx import MAX_IDX_BYTES


def _split_bytes(n: int, seed: int = 0) -> tuple[bytes, bytes]:
    images, labels = synthetic_images(n, seed)
    return idx_bytes(images), idx_bytes(labels)


def _labels(values) -> bytes:
    return idx_bytes(np.array(values, np.uint8))


def _refused(root: Path, train: bool, dataset: str = "mnist") -> str:
    with pytest.raises(DataError) as info:
        load_split(dataset, train, root)
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.fixture
def root(tmp_path) -> Path:
    write_idx_dataset(tmp_path, "MNIST", n_train=40, n_test=20)
    return tmp_path


# -- labels, shapes, counts --------------------------------------------------------------


@pytest.mark.parametrize("bad_label", [10, 255])
def test_out_of_range_labels_are_refused_at_load(root, bad_label):
    images, _ = _split_bytes(20)
    write_split_files(root, False, images, _labels([3] * 7 + [bad_label] + [1] * 12))
    message = _refused(root, train=False)
    assert IDX_NAMES[False][1] in message
    assert f"label {bad_label} at position 7 is out of range" in message
    assert "0..9" in message


def test_fashion_mnist_labels_are_checked_against_its_ten_classes(tmp_path):
    write_idx_dataset(tmp_path, "FashionMNIST", n_train=30, n_test=10)
    images, _ = _split_bytes(30)
    write_split_files(tmp_path, True, images, _labels([9] * 29 + [10]), folder="FashionMNIST")
    message = _refused(tmp_path, train=True, dataset="fashion-mnist")
    assert message.startswith("fashion-mnist file ") and "FashionMNIST" in message
    assert "label 10 at position 29" in message


def test_32x32_images_are_refused_at_load(root):
    images = idx_bytes(np.zeros((20, 32, 32), np.uint8))
    write_split_files(root, True, images, _labels([1] * 20))
    message = _refused(root, train=True)
    assert IDX_NAMES[True][0] in message and "32x32 images" in message and "28x28" in message


def test_image_and_label_counts_must_match(root):
    images, _ = _split_bytes(20)
    write_split_files(root, False, images, _labels([1] * 19))
    message = _refused(root, train=False)
    assert "holds 20 images" in message and "19 labels" in message


def test_a_split_with_no_images_is_refused(root):
    write_split_files(root, False, idx_bytes(np.zeros((0, 28, 28), np.uint8)), _labels(np.zeros(0)))
    assert "holds no images" in _refused(root, train=False)


# -- broken files ------------------------------------------------------------------------


def test_truncated_images_name_the_file_and_the_sizes(root):
    images, labels = _split_bytes(20)
    write_split_files(root, False, images[:1000], labels)
    message = _refused(root, train=False)
    assert f"{IDX_NAMES[False][0]} is unreadable" in message
    assert "1,000 bytes, but its header declares 20 x 28 x 28 (15,696 bytes): truncated" in message


@pytest.mark.parametrize(
    "blob, reason",
    [
        (b"", "the file is empty"),
        (b"\x00\x00", "too short for an IDX header"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "not an IDX file (magic bytes 89504e47"),
        (idx_header((20, 28, 28), kind=0x0D), "data type 0x0d"),
        (idx_header((20, 28, 28, 1)), "4-dimensional IDX data; expected 3"),
        (idx_header((20,), ndim=3), "header is cut off"),
    ],
)
def test_bad_headers_are_one_line_errors(root, blob, reason):
    _, labels = _split_bytes(20)
    write_split_files(root, True, blob, labels)
    message = _refused(root, train=True)
    assert IDX_NAMES[True][0] in message and reason in message


def test_extra_bytes_after_the_data_are_refused(root):
    images, labels = _split_bytes(20)
    write_split_files(root, True, images, labels + b"\x00\x01")
    assert "has extra bytes after the data" in _refused(root, train=True)


def test_absurd_header_sizes_are_refused_before_allocating(root):
    """2**31 images in a 100-byte file: refused from the header, nothing that size allocated."""
    _, labels = _split_bytes(20)
    huge = idx_header((2**31, 28, 28)) + bytes(84)
    write_split_files(root, True, huge, labels)
    assert "more than the 256 MB Digit Lab reads" in _refused(root, train=True)
    # Under the cap but far beyond the file: the file size is checked before any buffer.
    just_under = MAX_IDX_BYTES // (28 * 28)
    write_split_files(root, True, idx_header((just_under, 28, 28)) + bytes(84), labels)
    tracemalloc.start()
    try:
        message = _refused(root, train=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "100 bytes, but its header declares" in message and "truncated" in message
    assert peak < 1_000_000


def test_gz_files_are_read_and_a_fake_gz_is_refused(root):
    images, labels = _split_bytes(20)
    write_split_files(root, False, gzip.compress(images), gzip.compress(labels), gz=True)
    assert len(load_split("mnist", False, root)) == 20
    write_split_files(root, False, images, gzip.compress(labels), gz=True)  # not gzip
    message = _refused(root, train=False)
    assert f"{IDX_NAMES[False][0]}.gz is unreadable: not a valid gzip file" in message


def test_truncated_and_lying_gz_files_are_refused(root):
    images, labels = _split_bytes(20)
    write_split_files(root, False, gzip.compress(images)[:-30], gzip.compress(labels), gz=True)
    assert "gzip data is truncated or corrupt" in _refused(root, train=False)
    # A tiny archive whose header declares 300,000 images: decompressed chunk by chunk,
    # so it is refused after the few bytes it really holds.
    lying = gzip.compress(idx_header((300_000, 28, 28)) + bytes(500))
    write_split_files(root, False, lying, gzip.compress(labels), gz=True)
    assert "decompresses to 516 bytes" in _refused(root, train=False)


# -- the command line: refused before the first batch -------------------------------------


@pytest.mark.parametrize("train_split", [False, True])
def test_cli_train_refuses_bad_labels_before_any_epoch(root, tmp_path, capsys, train_split):
    n = 40 if train_split else 20
    images, _ = _split_bytes(n)
    write_split_files(root, train_split, images, _labels([255] * n))
    epochs_run = []
    original = training._train_epoch

    def counting_epoch(loop, epoch):
        epochs_run.append(epoch)
        return original(loop, epoch)

    out = tmp_path / "run"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(training, "_train_epoch", counting_epoch)
        code = main(
            ["train", "--model", "softmax", "--epochs", "1", "--device", "cpu"]
            + ["--data-root", str(root), "--out", str(out)]
        )
    _, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("digit-lab train: error: mnist file ")
    assert "label 255 at position 0 is out of range" in err
    assert epochs_run == [] and not (out / "metrics.jsonl").exists()


def test_training_checks_splits_handed_in_memory(tmp_path):
    """The app's Train tab passes loaded splits to ``train``: they are checked up front too."""
    from tests.helpers.datasets import tiny_split
    from training_core.config import default_config

    train_split, test_split = tiny_split(40, 1), tiny_split(20, 2)
    test_split.labels[5] = 12
    config = default_config(model="softmax", epochs=1, device="cpu")
    with pytest.raises(DataError, match="the test split: label 12 at position 5"):
        training.train(config, data=(train_split, test_split))


# -- fuzzing -----------------------------------------------------------------------------

FILES = [(train, kind) for train in (True, False) for kind in (0, 1)]  # kind 0 images, 1 labels
u32 = st.one_of(
    st.integers(0, 40),
    st.sampled_from([2**31, 2**32 - 1, 2**24, 28, 32]),
    st.integers(0, 2**32 - 1),
)
mutation = st.one_of(
    st.tuples(st.just("byte"), st.integers(0, 40), st.integers(0, 255)),
    st.tuples(st.just("dim"), st.integers(0, 2), u32),
    st.tuples(st.just("truncate"), st.integers(0, 2000)),
    st.tuples(st.just("append"), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("label"), st.integers(0, 11), st.integers(0, 255)),
    st.tuples(st.just("garbage"), st.binary(max_size=64)),
)


def _mutate(blob: bytes, change: tuple) -> bytes:
    kind, *args = change
    data = bytearray(blob)
    if kind == "byte" and args[0] < len(data):
        data[args[0]] = args[1]
    elif kind == "dim" and 8 + 4 * args[0] <= len(data):
        data[4 + 4 * args[0] : 8 + 4 * args[0]] = struct.pack(">I", args[1])
    elif kind == "truncate":
        del data[args[0] :]
    elif kind == "append":
        data += args[0]
    elif kind == "label" and 8 + args[0] < len(data):
        data[8 + args[0]] = args[1]
    elif kind == "garbage":
        data = bytearray(args[0])
    return bytes(data)


def _guarded(fn, seconds: float = 10.0):
    """Run ``fn`` in a daemon thread: a hang fails the case instead of the whole session."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # handed to the test thread, which judges it
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"no answer in {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _load_or_refuse(root: Path, train: bool) -> None:
    try:
        split = _guarded(lambda: load_split("mnist", train, root))
    except DataError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert split.images.dtype == torch.uint8 and split.images.shape[1:] == (28, 28)
    assert len(split) >= 1 and split.labels.shape == (len(split),)
    assert 0 <= int(split.labels.min()) and int(split.labels.max()) <= 9


@settings(max_examples=200)
@given(
    target=st.sampled_from(FILES),
    changes=st.lists(mutation, min_size=1, max_size=3),
    compress=st.sampled_from(["plain", "gzip", "cut-gzip"]),
)
def test_fuzzed_idx_files_load_or_raise_data_error(tmp_path, target, changes, compress):
    with tempfile.TemporaryDirectory(dir=tmp_path) as case:
        root = Path(case)
        write_idx_dataset(root, "MNIST", n_train=12, n_test=6)
        train, kind = target
        raw = root / "MNIST" / "raw"
        path = raw / IDX_NAMES[train][kind]
        blob = path.read_bytes()
        for change in changes:
            blob = _mutate(blob, change)
        if compress == "plain":
            path.write_bytes(blob)
        else:
            packed = gzip.compress(blob, mtime=0)
            if compress == "cut-gzip":
                packed = packed[: max(0, len(packed) - 1 - len(changes) * 5)]
            path.unlink()
            path.with_name(path.name + ".gz").write_bytes(packed)
        for split in (True, False):
            _load_or_refuse(root, split)
