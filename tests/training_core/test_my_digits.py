"""The user's own digits (issue 16, item 4): a folder of labelled PNGs, a zip out and in."""

from __future__ import annotations

import zipfile

import numpy as np
import pytest

from tests.helpers.stroke_digits import render_digit
from training_core.image_io import read_image
from training_core.my_digits import MyDigits, MyDigitsError, default_folder
from training_core.preferences import data_dir
from training_core.preprocessing import NothingDrawn


def test_add_list_load_and_delete(tmp_path):
    digits = MyDigits(tmp_path / "mine")
    assert digits.items() == [] and digits.counts() == [0] * 10
    first = digits.add(render_digit(7), 7)
    second = digits.add(render_digit(2, thickness=30), 2)
    assert first.path.parent == tmp_path / "mine" / "7" and first.path.suffix == ".png"
    stored = read_image(first.path)
    assert stored.shape == (28, 28) and stored.dtype == np.uint8
    assert stored[0].max() == 0 and stored.max() >= 200  # white on black, like MNIST
    images, labels = digits.load()
    assert images.shape == (2, 28, 28) and sorted(labels.tolist()) == [2, 7]
    assert digits.counts()[7] == 1
    digits.delete(second)
    assert [item.label for item in digits.items()] == [7]


def test_refusals(tmp_path):
    digits = MyDigits(tmp_path)
    with pytest.raises(MyDigitsError, match="a label is a digit from 0 to 9"):
        digits.add(render_digit(1), 10)
    with pytest.raises(NothingDrawn):
        digits.add(np.full((280, 280), 255, np.uint8), 3)
    outside = MyDigits(tmp_path / "other").add(render_digit(1), 1)
    with pytest.raises(MyDigitsError, match="not in"):
        digits.delete(outside)
    assert outside.path.exists()


def test_export_then_import_gives_the_same_digits(tmp_path):
    source = MyDigits(tmp_path / "a")
    for label in (0, 3, 3, 9):
        source.add(render_digit(label), label)
    archive = tmp_path / "mine.zip"
    assert source.export_zip(archive) == 4
    with zipfile.ZipFile(archive) as z:
        assert sorted(n.split("/")[0] for n in z.namelist()) == ["0", "3", "3", "9"]
    with pytest.raises(MyDigitsError, match="already exists"):
        source.export_zip(archive)
    target = MyDigits(tmp_path / "b")
    assert target.import_zip(archive) == 4
    a, la = source.load()
    b, lb = target.load()
    assert sorted(la.tolist()) == sorted(lb.tolist())
    assert sorted(x.tobytes() for x in a) == sorted(x.tobytes() for x in b)
    assert not [p for p in (tmp_path / "b").iterdir() if p.name.startswith(".import")]


def test_a_zip_of_the_folder_itself_imports_too(tmp_path):
    from PIL import Image

    png = tmp_path / "x.png"
    Image.fromarray(render_digit(4)).save(png)  # a full-size drawing, prepared on import
    archive = tmp_path / "folder.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(png, "my_digits/4/x.png")
    digits = MyDigits(tmp_path / "c")
    assert digits.import_zip(archive) == 1
    assert digits.counts()[4] == 1


def test_the_default_folder_is_in_the_per_user_data_folder():
    assert default_folder().parent == data_dir()


def test_a_folder_zipped_by_macos_finder_imports_without_its_hidden_files(tmp_path):
    # Finder's "Compress" adds __MACOSX/ resource forks and .DS_Store files: they are not
    # digits (the folder's own listing skips hidden files too), so they are left out.
    from PIL import Image

    png = tmp_path / "x.png"
    Image.fromarray(render_digit(4)).save(png)
    archive = tmp_path / "finder.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(png, "my digits/4/x.png")
        z.writestr("my digits/.DS_Store", b"\x00\x00\x00\x01Bud1")
        z.writestr("my digits/4/.DS_Store", b"\x00\x00\x00\x01Bud1")
        z.writestr("__MACOSX/my digits/4/._x.png", b"\x00\x05\x16\x07 AppleDouble")
    digits = MyDigits(tmp_path / "d")
    assert digits.import_zip(archive) == 1
    assert digits.counts()[4] == 1
