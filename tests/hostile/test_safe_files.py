"""training_core.safe_files (issue 11, item 14): .npy arrays, text data files and values
written into HTML or Python, against hostile inputs, with a fuzz run over .npy files and a
round-trip property for Python literals. Zip archives: test_safe_zip.py."""

from __future__ import annotations

import ast
import enum
import math
import os
import pickle
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.hostile_files import (
    array_npy_bytes,
    mutate,
    npy_bytes,
    refused,
    write_file,
    zip_bytes,
)
from training_core.safe_files import SafeFileError, html_text, python_literal, read_text_data
from training_core.safe_npy import load_npy, load_npz

MB = 1 << 20


class _Boom:
    """Unpickling this writes a marker file: proof that a pickle ran code."""

    marker = ""

    def __reduce__(self):
        return (open, (self.marker, "w"))


# -- .npy ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "array",
    [
        np.arange(12, dtype=np.float32).reshape(3, 4),
        np.asfortranarray(np.arange(12, dtype=np.int64).reshape(3, 4)),
        np.arange(6, dtype=">u2").reshape(2, 3),
        np.array(3.5),
        np.zeros((0, 5), np.uint8),
        np.array([True, False]),
        np.array([1 + 2j], np.complex64),
    ],
    ids=["float32", "fortran", "big-endian", "0-d", "empty", "bool", "complex"],
)
def test_plain_arrays_round_trip_writable_and_native(tmp_path, array):
    path = write_file(tmp_path, "a.npy", array_npy_bytes(array))
    loaded = load_npy(path, max_bytes=MB)
    np.testing.assert_array_equal(loaded, array)
    assert loaded.shape == array.shape and loaded.dtype.isnative and loaded.flags.writeable


def test_object_arrays_are_refused_without_unpickling(tmp_path):
    marker = tmp_path / "pickle-ran"
    _Boom.marker = str(marker)
    payload = pickle.dumps(np.array([_Boom()], dtype=object), protocol=3)
    path = write_file(
        tmp_path,
        "obj.npy",
        npy_bytes("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", payload),
    )
    refused(lambda: load_npy(path, max_bytes=MB), r"obj\.npy: holds Python objects")
    real = write_file(tmp_path, "real.npy", array_npy_bytes(np.array([1, None]), allow_pickle=True))
    refused(lambda: load_npy(real, max_bytes=MB), "holds Python objects")
    assert not marker.exists()


def test_a_pickle_file_is_refused_without_unpickling(tmp_path):
    marker = tmp_path / "pickle-ran"
    _Boom.marker = str(marker)
    path = write_file(tmp_path, "model.npy", pickle.dumps(_Boom()))
    refused(lambda: load_npy(path, max_bytes=MB), "is a pickle, not a .npy array")
    assert not marker.exists()


def test_truncated_and_padded_files_are_refused(tmp_path):
    good = array_npy_bytes(np.arange(100, dtype=np.float64))
    short = write_file(tmp_path, "short.npy", good[:-8])
    refused(lambda: load_npy(short, max_bytes=MB), r"truncated \(the header promises 800 bytes")
    long = write_file(tmp_path, "long.npy", good + b"extra")
    refused(lambda: load_npy(long, max_bytes=MB), "longer than its header says")
    header_only = write_file(tmp_path, "head.npy", good[:20])
    refused(lambda: load_npy(header_only, max_bytes=MB), "header is not valid")


@pytest.mark.parametrize(
    ("shape", "match"),
    [
        ("(10**12,)", "header is not valid"),  # not a literal: NumPy refuses the header
        ("(1000000000000,)", r"needs 8000000000000 bytes, more than the 1048576 allowed"),
        ("(2**40, 2**40)", "header is not valid"),
        ("(4294967296, 4294967296)", "more than the 1048576 allowed"),
        ("(-1,)", "(invalid shape|header is not valid)"),
        ("('a',)", "header is not valid"),
    ],
)
def test_header_shapes_are_checked_before_any_data_is_read(tmp_path, shape, match):
    header = f"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}"
    path = write_file(tmp_path, "big.npy", npy_bytes(header, bytes(64)))
    refused(lambda: load_npy(path, max_bytes=MB), match)


def test_file_size_cap_comes_first(tmp_path):
    path = write_file(tmp_path, "a.npy", array_npy_bytes(np.zeros(1000)))
    refused(lambda: load_npy(path, max_bytes=1000), r"8128 bytes is larger than the 1000")


def test_dtype_rules(tmp_path):
    floats = write_file(tmp_path, "f.npy", array_npy_bytes(np.zeros(3, ">f4")))
    assert load_npy(floats, max_bytes=MB, allowed_dtypes=["float32"]).dtype == np.float32
    refused(
        lambda: load_npy(floats, max_bytes=MB, allowed_dtypes=[np.uint8, np.int64]),
        r"dtype >f4 is refused \(expected one of int64, uint8\)",
    )
    text = write_file(tmp_path, "u.npy", array_npy_bytes(np.array(["abc"])))
    refused(lambda: load_npy(text, max_bytes=MB), r"dtype <U3 is refused \(only plain numbers")
    assert load_npy(text, max_bytes=MB, allowed_dtypes=["<U3"]).tolist() == ["abc"]
    record = write_file(
        tmp_path, "r.npy", array_npy_bytes(np.zeros(2, [("a", "<i4"), ("b", "<f8")]))
    )
    refused(lambda: load_npy(record, max_bytes=MB), "only plain numbers")


def test_shape_check_refuses_before_reading(tmp_path):
    path = write_file(tmp_path, "a.npy", array_npy_bytes(np.zeros((3, 4))))
    assert load_npy(path, max_bytes=MB, shape_check=lambda s: len(s) == 2).shape == (3, 4)
    refused(
        lambda: load_npy(path, max_bytes=MB, shape_check=lambda s: s[1] == 28),
        r"shape \(3, 4\) is not accepted here",
    )

    def square(shape):
        if shape[0] != shape[1]:
            raise ValueError("expected a square matrix")

    refused(lambda: load_npy(path, max_bytes=MB, shape_check=square), "square matrix")


def test_other_files_are_refused(tmp_path):
    npz = tmp_path / "a.npz"
    np.savez(npz, x=np.zeros(3))
    refused(lambda: load_npy(npz, max_bytes=MB), r"a\.npz: is an .npz archive")
    text = write_file(tmp_path, "t.npy", b"hello, not numpy at all")
    refused(lambda: load_npy(text, max_bytes=MB), r"not a \.npy file")
    v3 = write_file(tmp_path, "v3.npy", npy_bytes("{}", version=(3, 0)))
    refused(lambda: load_npy(v3, max_bytes=MB), r"format version 3\.0 is refused")
    refused(lambda: load_npy(tmp_path / "missing.npy", max_bytes=MB), "no such file")
    refused(lambda: load_npy(tmp_path, max_bytes=MB), "is a folder")


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.npy"
    os.mkfifo(fifo)
    refused(lambda: load_npy(fifo, max_bytes=MB), "is not a regular file")
    refused(lambda: read_text_data(fifo, 100), "is not a regular file")


def test_npz_only_when_asked_and_each_member_checked(tmp_path):
    path = tmp_path / "arrays.npz"
    np.savez_compressed(path, weights=np.ones((2, 3), np.float32), bias=np.zeros(3))
    arrays = load_npz(path, max_bytes=MB)
    assert sorted(arrays) == ["bias", "weights"] and arrays["weights"].shape == (2, 3)
    objects = tmp_path / "objects.npz"
    np.savez(objects, x=np.array([None, 1], dtype=object))
    refused(lambda: load_npz(objects, max_bytes=MB), r"objects\.npz: x\.npy: holds Python")
    other = write_file(
        tmp_path, "other.npz", zip_bytes([("x.npy", array_npy_bytes(np.zeros(2))), ("run.py", b"")])
    )
    refused(lambda: load_npz(other, max_bytes=MB), r"run\.py is not a \.npy member")
    refused(lambda: load_npz(path, max_bytes=40), "more than the 40 allowed")


# -- text data -------------------------------------------------------------------------------


def test_text_data_is_utf8_with_a_size_cap(tmp_path):
    path = write_file(tmp_path, "lab.toml", '\ufefftitle = "Zahlen – ünïcode"\n'.encode())
    assert read_text_data(path, 1000) == 'title = "Zahlen – ünïcode"\n'
    refused(lambda: read_text_data(path, 10), r"lab\.toml: larger than the 10 bytes allowed")
    nul = write_file(tmp_path, "nul.json", b'{\n"a": 1,\n"b": "\x00"\n}')
    refused(lambda: read_text_data(nul, 1000), r"nul\.json: line 3: a NUL byte")
    latin = write_file(tmp_path, "latin.yaml", "a: 1\nb: caf\xe9\n".encode("latin1"))
    refused(
        lambda: read_text_data(latin, 1000), r"latin\.yaml: line 2: not UTF-8 text \(byte 0xe9\)"
    )
    refused(lambda: read_text_data(tmp_path / "gone.toml", 10), "no such file")


# -- HTML and Python literals ----------------------------------------------------------------

HOSTILE = "\n__import__('os').system('x')#"


def test_html_text_escapes_markup_and_quotes():
    assert html_text("<script>alert('x')</script> & \"q\"") == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot;"
    )
    assert html_text(3.5) == "3.5"


@pytest.mark.parametrize(
    "value",
    [
        HOSTILE,
        "'''\"\"\"\\",
        "\u2028\x00\r",
        ("tuple",),
        (),
        [1, -2.5, None, True],
        {"k": (1, "v"), 2: [HOSTILE]},
    ],
)
def test_python_literal_round_trips_as_one_expression(value):
    source = python_literal(value)
    assert "\n" not in source and ast.literal_eval(source) == value
    tree = ast.parse(f"value = {source}")
    assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assign)
    assert ast.literal_eval(tree.body[0].value) == value
    compile(source, "<generated>", "eval")


def test_python_literal_refuses_what_is_not_a_plain_literal():
    class Color(enum.IntEnum):
        RED = 1

    class Sneaky(str):
        def __repr__(self):
            return HOSTILE

    for value in (b"bytes", {1, 2}, np.float32(1.5), Color.RED, Sneaky("x"), object(), [print]):
        refused(lambda v=value: python_literal(v), "cannot be written as a literal")
    refused(lambda: python_literal(math.nan), "nan is not a finite number")
    cycle: list = []
    cycle.append(cycle)
    refused(lambda: python_literal(cycle), "nested more than 100 levels")


def test_python_literal_writes_non_finite_floats_only_when_asked():
    source = python_literal([math.nan, math.inf, -math.inf], allow_nonfinite=True)
    assert source == "[float('nan'), float('inf'), float('-inf')]"
    values = eval(source, {"__builtins__": {"float": float}})  # our own output, with only float()
    assert math.isnan(values[0]) and values[1:] == [math.inf, -math.inf]


_LITERALS = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.dictionaries(st.text(max_size=5) | st.integers(), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200)
@given(value=_LITERALS)
def test_python_literal_round_trip_property(value):
    source = python_literal(value)
    assert "\n" not in source and ast.literal_eval(source) == value


# -- fuzz ------------------------------------------------------------------------------------

_NPY_SAMPLES = [
    array_npy_bytes(np.arange(24, dtype=np.float32).reshape(2, 3, 4)),
    array_npy_bytes(np.arange(6, dtype=">i8")),
    array_npy_bytes(np.asfortranarray(np.ones((3, 5), np.uint8))),
]
_DESCRS = [
    "<f4",
    ">f8",
    "|u1",
    "|b1",
    "<c16",
    "|O",
    "<U3",
    "|V8",
    "<M8[s]",
    "[('a', '<i4')]",
    "('<f8', (2,))",
    "'x'",
    "<f0",
    "|S0",
    "1",
]
_SHAPES = st.lists(st.integers(0, 6), max_size=3).map(tuple) | st.sampled_from(
    ["(-1,)", "(2**40, 2**40)", "(4294967296, 4294967296)", "(", "None", "(1,)*3", "[2, 3]"]
)
_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "set", "big", "cut", "insert", "delete"]),
        st.integers(10, 140) | st.integers(0, 10_000),  # mostly the header, past the magic
        st.integers(0, 2**32 - 1),
    ),
    max_size=2,
)


def _data_for(descr: str, shape) -> bytes:
    """Exactly the bytes the header asks for, where that is small; else nothing."""
    try:
        return bytes(math.prod(shape) * np.dtype(descr).itemsize)
    except Exception:
        return b""


@st.composite
def _npy_files(draw) -> bytes:
    """A saved array or a written header (valid or not, data of the right size or not),
    then at most two byte edits."""
    base = draw(st.sampled_from(_NPY_SAMPLES))
    if draw(st.booleans()):
        descr = draw(st.sampled_from(_DESCRS))
        fortran = draw(st.sampled_from(["False", "True", "False", "'no'"]))
        shape = draw(_SHAPES)
        quoted = repr(descr) if draw(st.sampled_from([1, 1, 1, 0])) else descr
        header = f"{{'descr': {quoted}, 'fortran_order': {fortran}, 'shape': {shape}, }}"
        exact = isinstance(shape, tuple) and draw(st.sampled_from([1, 1, 1, 0]))
        data = _data_for(descr, shape) if exact else draw(st.binary(max_size=256))
        version = draw(st.sampled_from([(1, 0), (2, 0), (1, 0), (3, 0)]))
        base = npy_bytes(header, data, version)
    return mutate(base, draw(_EDITS))


@settings(max_examples=200)
@given(data=_npy_files())
def test_fuzzed_npy_files_are_read_or_refused_in_one_line(tmp_path, data):
    path = write_file(tmp_path, "fuzz.npy", data)
    start = time.perf_counter()
    try:
        array = load_npy(path, max_bytes=MB)
    except SafeFileError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(array, np.ndarray) and array.nbytes <= MB and not array.dtype.hasobject
    assert time.perf_counter() - start < 5  # a hang guard, not a speed target
