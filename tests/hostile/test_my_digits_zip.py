"""Hostile personal datasets (issue 16, item 4): zips and PNGs a user may be handed.

Every refusal is one line naming the archive (or file) and why, and a refused import adds
nothing: the folder is as it was."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from PIL import Image

from tests.helpers.hostile_files import png_bytes, wide_ink_png, write_file, zip_bytes
from tests.helpers.stroke_digits import render_digit
from training_core.my_digits import MyDigits, MyDigitsError


def _png(array) -> bytes:
    out = io.BytesIO()
    Image.fromarray(np.asarray(array, np.uint8)).save(out, "PNG")
    return out.getvalue()


GOOD = ("3/a.png", _png(render_digit(3)))

CASES = {
    "traversal": ([GOOD, ("../evil.png", b"x")], r"'\.\.'"),
    "absolute": ([GOOD, ("/tmp/evil.png", b"x")], "absolute"),
    "not a label": ([GOOD, ("x/a.png", _png(render_digit(1)))], "is not <digit 0-9>/<name>.png"),
    "label 10": ([("10/a.png", _png(render_digit(1)))], "is not <digit 0-9>"),
    "too deep": ([("a/b/3/a.png", _png(render_digit(1)))], "is not <digit 0-9>"),
    "not a png name": ([("3/a.txt", b"hello")], "is not <digit 0-9>/<name>.png"),
    "corrupt png": ([GOOD, ("5/b.png", b"\x89PNG\r\n\x1a\nbroken")], "5/b.png|b.png"),
    "text named png": ([("5/b.png", b"just some text")], "b.png"),
    "huge png": ([("5/b.png", wide_ink_png(3000, 3000))], "b.png"),
    "empty png": ([("5/b.png", png_bytes(28, 28))], "holds no ink"),
    "duplicate": ([GOOD, GOOD], "appears twice"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_zip_is_refused_and_adds_nothing(tmp_path, name):
    members, match = CASES[name]
    archive = write_file(tmp_path, "mine.zip", zip_bytes(members))
    digits = MyDigits(tmp_path / "folder")
    digits.add(render_digit(8), 8)
    with pytest.raises(MyDigitsError, match=match) as info:
        digits.import_zip(archive)
    message = str(info.value)
    assert "\n" not in message and "mine.zip" in message
    assert [item.label for item in digits.items()] == [8]
    assert not (tmp_path / "evil.png").exists()
    assert sorted(p.name for p in (tmp_path / "folder").iterdir()) == ["8"]


def test_not_a_zip_and_a_zip_bomb_are_refused(tmp_path):
    digits = MyDigits(tmp_path / "folder")
    with pytest.raises(MyDigitsError, match="not a zip archive"):
        digits.import_zip(write_file(tmp_path, "a.zip", b"PK but not really"))
    bomb = zip_bytes([("3/a.png", b"\0" * (50 << 20))], compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(MyDigitsError, match="ratio|more than"):
        digits.import_zip(write_file(tmp_path, "bomb.zip", bomb))
    with pytest.raises(MyDigitsError):
        digits.import_zip(tmp_path)  # a folder, not a file
    assert digits.items() == []


def test_a_damaged_png_in_the_folder_is_named_when_loading(tmp_path):
    digits = MyDigits(tmp_path)
    digits.add(render_digit(1), 1)
    (tmp_path / "2").mkdir()
    (tmp_path / "2" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(MyDigitsError, match="broken.png"):
        digits.load()
