"""MNIST in the box: the bundled copy is the real MNIST, is used when no data folder holds
MNIST, is never written to or downloaded, and a fresh, offline install trains on it."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest

from tests.helpers.datasets import (
    block_network,
    isolate_home,
    offline_environment,
    synthetic_images,
    write_idx_dataset,
)
from training_core import data, preferences, resources
from training_core.data import DataError, load_split

# The MD5s published for MNIST's uncompressed IDX files (the mirrors' .gz bytes differ with
# the gzip used; we ship gzip -9 -n of these exact contents).
PUBLISHED_MD5 = {
    "train-images-idx3-ubyte": "6bbc9ace898e44ae57da46a324031adb",
    "train-labels-idx1-ubyte": "a25bea736e30d166cdddb491f175f624",
    "t10k-images-idx3-ubyte": "2646ac647ad5339dbf082846283269ea",
    "t10k-labels-idx1-ubyte": "27ae3e4e09519cfbb04c329615203637",
}


@pytest.fixture
def bundled() -> Path:
    root = resources.bundled_data_root()
    assert root is not None, "the bundled MNIST is missing from digit_lab_resources"
    return root


def test_the_bundled_files_are_mnist_as_published_and_as_the_manifest_says(bundled):
    raw = bundled / "MNIST" / "raw"
    manifest = json.loads((bundled / "MNIST" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in raw.iterdir()) == sorted(f"{n}.gz" for n in PUBLISHED_MD5)
    for name, md5 in PUBLISHED_MD5.items():
        blob = (raw / f"{name}.gz").read_bytes()
        content = gzip.decompress(blob)
        entry = manifest["files"][f"{name}.gz"]
        assert hashlib.md5(content).hexdigest() == md5 == entry["md5"]
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert hashlib.sha256(blob).hexdigest() == entry["gz_sha256"]
        assert (len(blob), len(content)) == (entry["gz_bytes"], entry["bytes"])
    assert "CC BY-SA 3.0" in manifest["licence"] and "LeCun" in manifest["authors"]


def test_with_no_data_folder_mnist_comes_from_the_bundled_copy(bundled, monkeypatch, tmp_path):
    isolate_home(monkeypatch, tmp_path)
    attempts = block_network(monkeypatch)
    assert data.dataset_root("mnist") == bundled
    split = load_split("mnist", train=False)
    assert len(split) == 10_000 and split.images.shape[1:] == (28, 28)
    assert split.labels.bincount().tolist()[:2] == [980, 1135]  # MNIST's test set
    assert attempts == []
    assert not data.user_cache_dir().exists()  # nothing written, nothing downloaded


def test_the_users_folder_wins_over_the_bundled_copy(bundled, monkeypatch, tmp_path):
    isolate_home(monkeypatch, tmp_path)
    write_idx_dataset(tmp_path / "mine", "MNIST", n_train=300, n_test=100)
    for how in ("flag", "env", "preferences"):
        flag = tmp_path / "mine" if how == "flag" else None
        if how == "env":
            monkeypatch.setenv("DIGIT_LAB_DATA", str(tmp_path / "mine"))
        if how == "preferences":
            monkeypatch.delenv("DIGIT_LAB_DATA")
            preferences.update(data_root=str(tmp_path / "mine"))
        assert data.dataset_root("mnist", flag) == tmp_path / "mine", how
        assert len(load_split("mnist", train=False, root=flag)) == 100, how


def test_a_data_folder_without_mnist_still_trains_on_the_bundled_copy(bundled, tmp_path):
    """The data folder may be there for Fashion-MNIST only: MNIST is not lost."""
    write_idx_dataset(tmp_path / "mine", "FashionMNIST")
    assert data.dataset_root("mnist", tmp_path / "mine") == bundled
    assert data.dataset_root("fashion-mnist", tmp_path / "mine") == tmp_path / "mine"


def test_a_data_folder_that_is_not_there_is_an_error_not_a_silent_fallback(tmp_path):
    """A typo in --data-root (or a drive that is gone) must not train on other data."""
    with pytest.raises(DataError, match="not found") as info:
        load_split("mnist", train=False, root=tmp_path / "typo")
    assert str(tmp_path / "typo" / "MNIST" / "raw") in str(info.value)


def test_a_gz_only_folder_and_the_flat_layout_are_accepted(tmp_path):
    raw = write_idx_dataset(tmp_path / "gz", "MNIST", gz=True)
    assert all(p.suffix == ".gz" for p in raw.iterdir())
    assert data.dataset_root("mnist", tmp_path / "gz") == tmp_path / "gz"
    # The four files straight in .../MNIST (no raw/), as many downloads unpack.
    flat = tmp_path / "flat" / "MNIST"
    flat.mkdir(parents=True)
    for f in raw.iterdir():
        f.rename(flat / f.name)
    assert data.is_available("mnist", tmp_path / "flat")
    images, _ = synthetic_images(300, seed=1)
    assert load_split("mnist", train=True, root=tmp_path / "flat").images.numpy().tolist() == (
        images.tolist()
    )


@pytest.mark.parametrize("picked", [".", "MNIST", "MNIST/raw"])
def test_the_root_its_dataset_folder_and_raw_folder_mean_the_same(tmp_path, picked):
    write_idx_dataset(tmp_path / "data", "MNIST", gz=True)
    folder = tmp_path / "data" / picked
    assert data.data_root_of(folder) == tmp_path / "data"
    assert data.resolve_data_root(folder) == tmp_path / "data"  # --data-root, env, prefs
    assert data.dataset_root("mnist", folder) == tmp_path / "data"


def test_a_root_named_mnist_that_holds_mnist_raw_stays_the_root(tmp_path):
    write_idx_dataset(tmp_path / "MNIST", "MNIST")
    assert data.data_root_of(tmp_path / "MNIST") == tmp_path / "MNIST"


def test_mnist_is_never_downloaded_and_the_bundled_copy_never_written(bundled, monkeypatch):
    attempts = block_network(monkeypatch)
    with pytest.raises(DataError, match="never downloaded"):
        data.download("mnist", bundled)
    with pytest.raises(DataError, match="read-only"):
        data.download("fashion-mnist", bundled)
    assert attempts == []
    assert not (bundled / "FashionMNIST").exists()


def test_fashion_mnist_offline_is_one_clear_line(monkeypatch, tmp_path):
    isolate_home(monkeypatch, tmp_path)
    attempts = block_network(monkeypatch)
    with pytest.raises(DataError) as info:
        load_split("fashion-mnist", train=True, download_if_missing=True)
    text = str(info.value)
    assert text.startswith("Fashion-MNIST is not on this computer and could not be downloaded: ")
    assert "switched off" in text and "\n" not in text
    assert str(data.user_cache_dir() / "FashionMNIST" / "raw") in text
    assert attempts  # it did try: Fashion-MNIST keeps its download
    # Nothing half-downloaded is left behind to be mistaken for the dataset.
    assert not data.is_available("fashion-mnist", data.user_cache_dir())


def test_a_failed_mirror_reason_is_short(monkeypatch, tmp_path):
    def unreachable(url, timeout):
        raise urllib.error.URLError(OSError(-3, "Temporary failure in name resolution"))

    monkeypatch.setattr("urllib.request.urlopen", unreachable)
    with pytest.raises(DataError, match=r"downloaded: Temporary failure in name resolution \("):
        data.download("fashion-mnist", tmp_path)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_cli_trains_offline_with_no_data_folder_and_an_empty_home(tmp_path):
    """``digit-lab train --model mlp --epochs 1`` in a fresh process: no network (every
    connection refused and recorded), no DIGIT_LAB_DATA, an empty home."""
    env, attempts = offline_environment(tmp_path)
    probe = subprocess.run(  # the guard itself works: a download attempt fails and is noted
        [sys.executable, "-c", "import urllib.request as u; u.urlopen('http://example.com')"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode != 0 and attempts.is_file()
    attempts.unlink()
    out = tmp_path / "run"
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "train", "--model", "mlp", "--epochs", "1"]
        + ["--out", str(out), "--device", "cpu", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert not attempts.exists(), attempts.read_text()
    status = json.loads((out / "status.json").read_text(encoding="utf-8"))
    assert status["state"] == "completed"
    assert json.loads(done.stdout.splitlines()[-1])["test_acc"] > 0.90
    assert not (tmp_path / "home" / ".cache" / "digit-lab" / "datasets").exists()
