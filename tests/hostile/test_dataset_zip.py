"""Importing a dataset from a zip (issue 17): the zip is untrusted, its IDX files are checked
in full before they become the dataset, a dataset already there is replaced only when asked,
and nothing is left behind on any failure: every refusal is one line naming the zip."""

from __future__ import annotations

import gzip
import os
import zipfile

import numpy as np
import pytest

from tests.helpers.datasets import IDX_NAMES, idx_bytes, idx_header, synthetic_images
from tests.helpers.hostile_files import overlapping_zip_bytes, zip_bytes
from training_core import data, dataset_import
from training_core.dataset_import import (
    DatasetExistsError,
    DatasetImportError,
    already_there,
    import_zip,
)

NAMES = [*IDX_NAMES[True], *IDX_NAMES[False]]
MB = 1 << 20


def dataset_members(prefix="", gz=False, n_train=300, n_test=100, seed=0, spell=str):
    """The four IDX files of a small synthetic dataset as zip members."""
    members = []
    for train, n in ((True, n_train), (False, n_test)):
        images, labels = synthetic_images(n, seed=int(train) + seed)
        for name, array in zip(IDX_NAMES[train], (images, labels), strict=True):
            blob = idx_bytes(array)
            members.append((prefix + spell(name) + (".gz" if gz else ""), _gz(blob, gz)))
    return members


def _noise(shape) -> np.ndarray:
    """Random pixels: they do not compress, unlike zeros (which a ratio check refuses)."""
    return np.random.default_rng(0).integers(0, 256, shape, dtype=np.uint8)


def _gz(blob: bytes, gz: bool) -> bytes:
    return gzip.compress(blob, mtime=0) if gz else blob


def write_zip(tmp_path, members, name="data.zip", compression=zipfile.ZIP_DEFLATED):
    path = tmp_path / name
    path.write_bytes(zip_bytes(members, compression))
    return path


def leftovers(root):
    """Anything an import may leave: staging folders, partial files."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if ".import-" in str(p))


def refused(zip_path, root, match, dataset="mnist", **kwargs):
    with pytest.raises(DatasetImportError, match=match) as info:
        import_zip(zip_path, dataset, root, **kwargs)
    text = str(info.value)
    assert "\n" not in text and zip_path.name in text
    assert leftovers(root) == []
    return text


# -- zips that are fine ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "gz", "spell"),
    [
        ("", False, str),  # flat
        ("mnist/", True, str),  # in a folder, the mirrors' .gz files
        ("archive/", False, lambda n: n.replace("-idx", ".idx")),  # Kaggle's spelling
        ("MNIST/raw/", True, str.upper),  # torchvision's layout, shouted
    ],
)
def test_usual_zips_become_the_dataset(tmp_path, prefix, gz, spell):
    members = [("README.txt", b"hello"), *dataset_members(prefix, gz, spell=spell)]
    steps = []
    target = import_zip(
        write_zip(tmp_path, members), "mnist", tmp_path / "root", step=lambda *a: steps.append(a)
    )
    assert target == tmp_path / "root" / "MNIST" / "raw"
    assert sorted(p.name.removesuffix(".gz") for p in target.iterdir()) == sorted(NAMES)
    assert len(data.load_split("mnist", True, tmp_path / "root")) == 300
    assert [s[0] for s in steps] == [0, 1, 2, 3, 4] and steps[-1][1] == 4
    assert leftovers(tmp_path / "root") == []


def test_a_zip_with_both_datasets_takes_the_named_one(tmp_path):
    members = dataset_members("MNIST/") + dataset_members("FashionMNIST/", n_train=200, seed=5)
    zip_path = write_zip(tmp_path, members)
    import_zip(zip_path, "fashion-mnist", tmp_path / "root")
    assert len(data.load_split("fashion-mnist", True, tmp_path / "root")) == 200


def test_imported_files_follow_the_umask(tmp_path):
    from training_core.fileio import NEW_FILE_MODE

    target = import_zip(write_zip(tmp_path, dataset_members()), "mnist", tmp_path / "root")
    for path in target.iterdir():
        assert path.stat().st_mode & 0o777 == NEW_FILE_MODE  # not mkstemp's 0600
    assert target.stat().st_mode & 0o777 == 0o777 & ~(0o666 & ~NEW_FILE_MODE)  # not mkdtemp's


# -- an existing dataset ------------------------------------------------------------------


def test_an_existing_dataset_is_replaced_only_when_asked(tmp_path):
    root = tmp_path / "root"
    import_zip(write_zip(tmp_path, dataset_members(n_train=300), "a.zip"), "mnist", root)
    newer = write_zip(tmp_path, dataset_members(n_train=120, gz=True), "b.zip")
    assert already_there("mnist", root)
    with pytest.raises(DatasetExistsError, match="already holds MNIST files"):
        import_zip(newer, "mnist", root)
    assert len(data.load_split("mnist", True, root)) == 300  # untouched
    import_zip(newer, "mnist", root, replace=True)
    assert len(data.load_split("mnist", True, root)) == 120
    assert all(p.suffix == ".gz" for p in (root / "MNIST" / "raw").iterdir())  # no old files
    assert leftovers(root) == []


def test_a_bad_zip_never_harms_the_dataset_already_there(tmp_path):
    root = tmp_path / "root"
    import_zip(write_zip(tmp_path, dataset_members(), "good.zip"), "mnist", root)
    before = {p.name: p.read_bytes() for p in (root / "MNIST" / "raw").iterdir()}
    members = dataset_members()
    members[0] = (members[0][0], members[0][1][:5000])  # truncated training images
    refused(write_zip(tmp_path, members, "bad.zip"), root, "truncated", replace=True)
    assert {p.name: p.read_bytes() for p in (root / "MNIST" / "raw").iterdir()} == before


def test_cancel_leaves_nothing(tmp_path):
    zip_path = write_zip(tmp_path, dataset_members())
    refused(zip_path, tmp_path / "root", "cancelled", should_stop=lambda: True)
    assert not (tmp_path / "root" / "MNIST" / "raw").exists()


# -- hostile archives -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("../evil", r"'\.\.'"),
        ("/etc/evil", "absolute"),
        ("a/../../evil", r"'\.\.'"),
        ("C:evil", "drive letter"),
        ("MNIST/..\\..\\evil", r"'\.\.'"),
    ],
)
def test_escaping_names_are_refused(tmp_path, name, match):
    zip_path = write_zip(tmp_path, [*dataset_members(), (name, b"x")])
    refused(zip_path, tmp_path / "root", match)
    assert not (tmp_path / "evil").exists()
    assert not (tmp_path / "root" / "MNIST" / "raw").exists()


def test_links_are_refused(tmp_path):
    link = zipfile.ZipInfo("train-images-idx3-ubyte")
    link.external_attr = 0o120777 << 16
    zip_path = write_zip(tmp_path, [(link, b"/etc/passwd"), *dataset_members()[1:]])
    refused(zip_path, tmp_path / "root", "a symbolic link")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    bomb = [("train-images-idx3-ubyte", bytes(20 * MB))]  # 20 MB of zeros in 20 kB
    refused(write_zip(tmp_path, bomb), tmp_path / "root", "times its size")
    assert dataset_import.MAX_TOTAL_BYTES >= 100 * MB  # MNIST unpacks to 55 MB
    monkeypatch.setattr(dataset_import, "MAX_TOTAL_BYTES", MB)  # too big, honest ratio
    big = [("train-images-idx3-ubyte", _noise(MB + 1).tobytes())]
    refused(write_zip(tmp_path, big, "big.zip"), tmp_path / "root", "more than the 1048576")


def test_overlapping_members_are_refused(tmp_path):
    path = tmp_path / "overlap.zip"
    path.write_bytes(overlapping_zip_bytes())
    refused(path, tmp_path / "root", "overlaps|times its size")  # whichever check sees it first


@pytest.mark.parametrize(
    "blob", [b"", b"PK\x03\x04 not really", b"\x00" * 100, gzip.compress(b"not a zip")]
)
def test_not_a_zip(tmp_path, blob):
    path = tmp_path / "data.zip"
    path.write_bytes(blob)
    refused(path, tmp_path / "root", "not a (valid )?zip")


def test_a_folder_or_a_missing_file_is_refused(tmp_path):
    (tmp_path / "folder.zip").mkdir()
    refused(tmp_path / "folder.zip", tmp_path / "root", "is a folder")
    refused(tmp_path / "missing.zip", tmp_path / "root", "no such file")


# -- zips whose files are not the dataset ---------------------------------------------------


def test_a_missing_file_is_named(tmp_path):
    zip_path = write_zip(tmp_path, dataset_members()[:3])
    refused(zip_path, tmp_path / "root", "no t10k-labels-idx1-ubyte")


def test_two_copies_of_a_file_are_refused(tmp_path):
    zip_path = write_zip(tmp_path, dataset_members("a/") + dataset_members("b/"))
    refused(zip_path, tmp_path / "root", "2 files named train-images-idx3-ubyte")


@pytest.mark.parametrize(
    ("break_it", "match"),
    [
        (lambda m: m.__setitem__(0, (m[0][0], m[0][1][:-7])), "truncated"),
        (lambda m: m.__setitem__(0, (m[0][0], b"hello")), "IDX"),
        (lambda m: m.__setitem__(1, (m[1][0], idx_bytes(np.full(300, 10, np.uint8)))), "range"),
        (lambda m: m.__setitem__(3, (m[3][0], idx_bytes(np.zeros(7, np.uint8)))), "labels"),
        (lambda m: m.__setitem__(0, (m[0][0], idx_bytes(_noise((300, 32, 32))))), "32x32"),
        (lambda m: m.__setitem__(0, (m[0][0], idx_header((2**31, 28, 28)))), "declares"),
    ],
    ids=["truncated", "not-idx", "label-10", "count-mismatch", "32x32", "huge-header"],
)
def test_bad_idx_files_are_refused_before_they_become_the_dataset(tmp_path, break_it, match):
    members = dataset_members()
    break_it(members)
    refused(write_zip(tmp_path, members), tmp_path / "root", match)
    assert not data.is_available("mnist", tmp_path / "root")


def test_a_gz_member_that_is_not_gzip_is_refused(tmp_path):
    members = dataset_members(gz=True)
    members[0] = (members[0][0], idx_bytes(synthetic_images(300)[0]))  # plain bytes, .gz name
    refused(write_zip(tmp_path, members), tmp_path / "root", "gzip")


def test_an_unwritable_data_folder_is_an_os_error_and_leaves_nothing(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    root.chmod(0o500)
    try:
        if os.access(root, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(OSError):
            import_zip(write_zip(tmp_path, dataset_members()), "mnist", root)
    finally:
        root.chmod(0o700)
    assert list(root.iterdir()) == []
