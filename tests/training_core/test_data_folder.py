"""The one check of a data folder a person chose (Preferences, the data dialog): which root
it stands for, and one line for each way it can be wrong."""

from __future__ import annotations

import os

import pytest

from tests.helpers.datasets import write_idx_dataset
from training_core import data_sources
from training_core.data_sources import DataError, check_data_folder


@pytest.mark.parametrize("picked", [".", "MNIST", "MNIST/raw", "MNIST/raw/"])
def test_the_root_its_dataset_folder_and_raw_folder_all_mean_the_root(tmp_path, picked):
    write_idx_dataset(tmp_path / "data", "MNIST", gz=True)
    assert check_data_folder(f"{tmp_path / 'data'}/{picked}") == tmp_path / "data"
    assert check_data_folder(tmp_path / "data" / picked, "mnist") == tmp_path / "data"


@pytest.mark.parametrize("picked", ["FashionMNIST", "FashionMNIST/raw"])
def test_the_same_for_fashion_mnist(tmp_path, picked):
    write_idx_dataset(tmp_path / "data", "FashionMNIST")
    assert check_data_folder(tmp_path / "data" / picked, "fashion-mnist") == tmp_path / "data"
    with pytest.raises(DataError, match="MNIST not found"):
        check_data_folder(tmp_path / "data" / picked, "mnist")


def test_the_files_straight_in_a_folder_named_mnist(tmp_path):
    raw = write_idx_dataset(tmp_path / "data", "MNIST")
    for f in raw.iterdir():
        f.rename(raw.parent / f.name)
    raw.rmdir()
    assert check_data_folder(tmp_path / "data" / "MNIST", "mnist") == tmp_path / "data"


def test_a_root_named_mnist_stays_the_root(tmp_path):
    write_idx_dataset(tmp_path / "MNIST", "MNIST")
    assert check_data_folder(tmp_path / "MNIST", "mnist") == tmp_path / "MNIST"


def test_a_home_relative_folder_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    write_idx_dataset(tmp_path / "data", "MNIST")
    assert check_data_folder("  ~/data/MNIST  ", "mnist") == tmp_path / "data"


def test_an_empty_writable_folder_can_hold_a_dataset_but_does_not_hold_mnist(tmp_path):
    assert check_data_folder(tmp_path) == tmp_path  # a download or an import goes here
    with pytest.raises(DataError) as info:
        check_data_folder(tmp_path, "mnist")
    assert str(info.value).startswith("MNIST not found") and "\n" not in str(info.value)


def one_line(exc_info) -> str:
    text = str(exc_info.value)
    assert "\n" not in text
    return text


def test_refusals_are_one_line_naming_the_folder_as_given(tmp_path, monkeypatch):
    with pytest.raises(DataError) as info:
        check_data_folder(tmp_path / "typo")
    assert one_line(info) == f"Data folder {tmp_path / 'typo'} does not exist"
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(DataError) as info:
        check_data_folder(tmp_path / "a-file")
    assert one_line(info).endswith("is a file, not a folder")
    with pytest.raises(DataError, match="No data folder given"):
        check_data_folder("   ")

    real_access = os.access
    denied = {str(tmp_path / "locked"): os.R_OK, str(tmp_path / "read-only"): os.W_OK}

    def access(path, mode):
        return not mode & denied.get(str(path), 0) and real_access(path, mode)

    monkeypatch.setattr(data_sources.os, "access", access)  # as root, chmod would not bite
    (tmp_path / "locked").mkdir()
    with pytest.raises(DataError) as info:
        check_data_folder(tmp_path / "locked")
    assert one_line(info).endswith("cannot be read (no permission)")
    (tmp_path / "read-only").mkdir()
    with pytest.raises(DataError) as info:
        check_data_folder(tmp_path / "read-only")
    assert "holds no dataset and cannot be written to" in one_line(info)
    write_idx_dataset(tmp_path / "read-only", "MNIST")  # read-only but holding MNIST: fine
    assert check_data_folder(tmp_path / "read-only") == tmp_path / "read-only"


def test_loose_files_in_a_folder_with_another_name_say_how_to_fix_it(tmp_path):
    raw = write_idx_dataset(tmp_path / "stage", "MNIST")
    loose = tmp_path / "Downloads" / "mnist"
    loose.parent.mkdir()
    raw.rename(loose)
    for dataset in (None, "mnist", "fashion-mnist"):
        with pytest.raises(DataError) as info:
            check_data_folder(loose, dataset)
        text = one_line(info)
        assert "holds dataset files" in text and "MNIST/raw/" in text
