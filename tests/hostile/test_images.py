"""Hostile image files (issue 11, items 1 and 2): formats refused by content, decoder
failures as one line, cost bounded from the header, and a fuzz run over mutated files."""

from __future__ import annotations

import os
import struct
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import EpsImagePlugin, ImageFile

from tests.helpers.hostile_files import (
    VALID_IMAGE_FORMATS,
    dds_bytes,
    eps_bytes,
    frames_bytes,
    mutate,
    png_bytes,
    valid_image_bytes,
    wide_ink_png,
)
from training_core import preprocessing
from training_core.cli import main
from training_core.image_io import MAX_ASPECT, MAX_SIDE, ImageReadError, read_image


def _refused(path, match: str) -> str:
    with pytest.raises(ImageReadError, match=match) as info:
        read_image(path)
    message = str(info.value)
    assert "\n" not in message and path.name in message
    return message


@pytest.fixture
def decodes(monkeypatch) -> list[str]:
    """Records every pixel decode (``ImageFile.load``), to prove a refusal came first."""
    calls: list[str] = []
    original = ImageFile.ImageFile.load

    def load(self):
        calls.append(self.format)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return calls


# -- item 1: formats -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["digit.png", "digit.eps"])
def test_eps_is_refused_by_content_and_ghostscript_never_runs(tmp_path, monkeypatch, name):
    """Pillow runs Ghostscript on EPS files; the tester's run wrote files and hung. A fake
    ``gs`` first on PATH leaves a marker if anything starts it, and Pillow is made to look
    for Ghostscript afresh (it caches what it found)."""
    marker = tmp_path / "gs-was-run"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_gs = bin_dir / "gs"
    fake_gs.write_text(f'#!/bin/sh\necho "$@" >> "{marker}"\nexit 1\n')
    fake_gs.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(EpsImagePlugin, "gs_binary", None)
    rendered = []
    original = EpsImagePlugin.Ghostscript
    monkeypatch.setattr(
        EpsImagePlugin, "Ghostscript", lambda *a, **k: rendered.append(a) or original(*a, **k)
    )
    path = tmp_path / name
    path.write_bytes(eps_bytes())

    _refused(path, r"not an image in a supported format \(PNG, JPEG")
    assert not marker.exists() and rendered == []


@pytest.mark.parametrize("name", ["texture.dds", "texture.png"])
def test_dds_whose_decoder_raised_not_implemented_is_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(dds_bytes())
    _refused(path, "not an image in a supported format")


@pytest.mark.parametrize(
    "error",
    [
        NotImplementedError("Unimplemented pixel format"),
        struct.error("unpack requires a buffer of 4 bytes"),
        IndexError("list index out of range"),
        EOFError(),
        ZeroDivisionError("division by zero"),
        KeyError("tile"),
        TypeError("a bytes-like object is required"),
        RecursionError("maximum recursion depth exceeded"),
        ValueError("first line\nsecond line"),
        MemoryError(),
    ],
    ids=lambda error: f"{type(error).__module__}.{type(error).__name__}",
)
def test_any_decoder_exception_becomes_one_image_read_error(tmp_path, monkeypatch, error):
    path = tmp_path / "digit.png"
    path.write_bytes(valid_image_bytes("PNG"))

    def load(self):
        raise error

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    message = _refused(path, "digit.png: (cannot be read|not enough memory)")
    if not isinstance(error, MemoryError):  # the reason is kept, on the one line
        assert message.endswith(" ".join(str(error).split()) or type(error).__name__)


@pytest.mark.parametrize("fmt", sorted(VALID_IMAGE_FORMATS))
def test_allowed_formats_are_read_whatever_the_extension(tmp_path, fmt):
    path = tmp_path / "picture.dat"
    path.write_bytes(valid_image_bytes(fmt, size=(12, 9)))
    array = read_image(path)
    assert array.shape[:2] == (9, 12) and array.dtype == np.uint8


@pytest.mark.parametrize(
    "data",
    [
        b"P2\n3 2\n255\n0 90 255 0 90 255\n",
        b"P5\n3 2\n255\n\x00Z\xff\x00Z\xff",
        b"P1\n3 2\n0 1 0 1 0 1\n",
    ],
    ids=["plain PGM", "binary PGM", "plain PBM"],
)
def test_pgm_and_pbm_are_read(tmp_path, data):
    path = tmp_path / "plain.pgm"
    path.write_bytes(data)
    assert read_image(path).shape == (2, 3)


@pytest.mark.parametrize("fmt", ["GIF", "TIFF"])
def test_animated_gif_and_multi_page_tiff_give_the_first_frame(tmp_path, fmt):
    path = tmp_path / f"frames.{fmt.lower()}"
    path.write_bytes(frames_bytes(fmt, [10, 200, 90]))
    array = read_image(path)
    gray = array if array.ndim == 2 else array[..., 0]
    assert gray.shape == (5, 6) and np.all(gray == 10)


# -- item 2: cost bounds --------------------------------------------------------------------


def test_the_1_000_000_by_3_png_is_refused_from_its_header(tmp_path, decodes):
    path = tmp_path / "strip.png"
    path.write_bytes(wide_ink_png())
    message = _refused(path, r"strip\.png: 1000000x3 is too large")
    assert f"longer than {MAX_SIDE} pixels" in message
    assert decodes == []  # refused before a single pixel was decoded


def test_cli_predict_refuses_the_strip_in_one_line(tmp_path, capsys):
    path = tmp_path / "strip.png"
    path.write_bytes(wide_ink_png())
    good = tmp_path / "good.png"
    good.write_bytes(png_bytes(28, 28, [bytes(28)] * 10 + [b"\xff" * 28] * 8 + [bytes(28)] * 10))

    assert main(["predict", "bundled", str(path), str(good)]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith(f"{path}: 1000000x3 is too large")
    assert out.startswith(f"{good}: ")  # the other file is still classified


@pytest.mark.parametrize(
    ("size", "match"),
    [
        ((51 * 10 + 1, 10), "too thin to be a picture"),
        ((10, 51 * 10 + 1), "too thin to be a picture"),
        ((MAX_SIDE + 1, 400), f"a side longer than {MAX_SIDE} pixels"),
        ((400, MAX_SIDE + 1), f"a side longer than {MAX_SIDE} pixels"),
        ((0, 5), None),
    ],
)
def test_thin_and_long_images_are_refused_before_decoding(tmp_path, decodes, size, match):
    path = tmp_path / "shape.png"
    path.write_bytes(png_bytes(*size) if size[0] else png_bytes(0, 5, [b""] * 5))
    _refused(path, match or "(has no pixels|cannot be read|not an image)")
    assert decodes == []


def test_the_limits_themselves_are_accepted(tmp_path):
    for width, height in ((MAX_ASPECT * 10, 10), (10, MAX_ASPECT * 10), (MAX_SIDE, 400)):
        path = tmp_path / f"{width}x{height}.png"
        path.write_bytes(png_bytes(width, height))
        assert read_image(path).shape == (height, width)


def test_pixel_count_limit_still_applies(tmp_path, decodes):
    path = tmp_path / "big.png"
    path.write_bytes(png_bytes(200, 100))
    with pytest.raises(ImageReadError, match=r"200x100 is too large \(more than 0.01 mega"):
        read_image(path, max_pixels=10_000)
    assert decodes == []


def test_preprocessing_resizes_a_small_array_whatever_the_crop(monkeypatch):
    """The antialiased resize costs the long side squared (3 x 1,000,000 ink: minutes); a
    box average first hands it at most 2 * REDUCE_TO pixels a side. Shapes, not timings."""
    seen = []
    original = preprocessing.resize
    monkeypatch.setattr(
        preprocessing,
        "resize",
        lambda image, *a, **k: seen.append(image.shape) or original(image, *a, **k),
    )
    strip = np.zeros((3, 30_000), np.uint8)
    strip[1] = 255
    digit = preprocessing.prepare_digit(strip)
    assert seen and max(seen[0]) < 2 * preprocessing.REDUCE_TO
    rows = np.flatnonzero(digit.max(axis=1) > 0.5)
    assert rows.min() >= 12 and rows.max() <= 15  # one horizontal bar across the middle
    assert np.all(digit[14, 5:23] > 0.3)


def test_box_reduction_keeps_the_digit_it_reduces():
    """A digit drawn 8x larger gives (nearly) the digit of its small original."""
    small = np.zeros((100, 100), np.uint8)
    small[20:80, 45:55] = 255  # a '1'
    small[20:30, 30:55] = 255  # with a flag
    big = np.kron(small, np.ones((8, 8), np.uint8))
    assert (
        np.abs(preprocessing.prepare_digit(big) - preprocessing.prepare_digit(small)).mean() < 0.02
    )


# -- fuzz ----------------------------------------------------------------------------------

_SAMPLES = {fmt: valid_image_bytes(fmt) for fmt in VALID_IMAGE_FORMATS}
_SIZES = st.sampled_from([0, 1, 50, 51, 8000, 16384, 16385, 65535, 1_000_000, 2**31 - 1])
_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "set", "big", "cut", "insert", "delete"]),
        st.integers(8, 64) | st.integers(64, 100_000),  # header fields, then the data
        _SIZES | st.integers(0, 2**32 - 1),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=200)
@given(fmt=st.sampled_from(sorted(_SAMPLES)), edits=_EDITS)
def test_fuzzed_images_are_read_or_refused_in_one_line(tmp_path, fmt, edits):
    path = tmp_path / "fuzz.img"
    path.write_bytes(mutate(_SAMPLES[fmt], edits))
    start = time.perf_counter()
    try:
        array = read_image(path)
    except ImageReadError as exc:
        assert "\n" not in str(exc)
    else:
        assert array.ndim in (2, 3) and array.size > 0
    assert time.perf_counter() - start < 5  # a hang guard, not a speed target
