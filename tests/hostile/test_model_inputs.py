"""Hostile ``.npy`` model inputs for ``digit-lab predict`` (issue 15): read without pickle,
header checked against the size, shape, dtype and values checked, each refusal one line
naming the file, and the other files of the command still classified."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.hostile_files import array_npy_bytes, mutate, npy_bytes, write_file
from training_core.cli import main
from training_core.inference import (
    MODEL_INPUT_SHAPE,
    ModelInputError,
    Predictor,
    load_model_input,
)
from training_core.weight_stats import STATS_FILE, read_weight_stats


def _refused(path, match: str) -> str:
    with pytest.raises(ModelInputError, match=match) as info:
        load_model_input(path)
    message = str(info.value)
    assert "\n" not in message and path.name in message
    return message


GOOD = np.linspace(-0.4, 2.8, 784, dtype=np.float32).reshape(MODEL_INPUT_SHAPE)


@pytest.mark.parametrize(
    "name, data, match",
    [
        ("pickle.npy", array_npy_bytes(np.array([{"x": 1}], dtype=object), True), "pickle"),
        ("raw_pickle.npy", b"\x80\x04\x95" + b"\x00" * 40, "pickle"),
        ("wrong_shape.npy", array_npy_bytes(np.zeros((3, 28, 28), np.float32)), "shape"),
        ("flat.npy", array_npy_bytes(np.zeros(784, np.float32)), "shape"),
        ("ints.npy", array_npy_bytes(np.zeros((1, 28, 28), np.int32)), "dtype"),
        ("nan.npy", array_npy_bytes(np.full((1, 28, 28), np.nan, np.float32)), "NaN"),
        ("inf.npy", array_npy_bytes(np.full((28, 28), np.inf)), "NaN or infinite"),
        ("huge.npy", array_npy_bytes(np.full((1, 28, 28), 1e30, np.float32)), "beyond"),
        ("short.npy", array_npy_bytes(GOOD)[:-100], "truncated"),
        ("long.npy", array_npy_bytes(GOOD) + b"\0" * 8, "longer than its header"),
        (
            "lying_header.npy",
            npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 28, 28000000), }"),
            "bytes",
        ),
        ("text.npy", b"hello, I am not an array", "not a .npy file"),
        ("empty.npy", b"", "not a .npy file"),
    ],
)
def test_a_bad_model_input_is_refused_in_one_line(tmp_path, name, data, match):
    _refused(write_file(tmp_path, name, data), match)


def test_a_model_input_is_used_exactly_as_given(tmp_path):
    path = write_file(tmp_path, "x.npy", array_npy_bytes(GOOD.astype(">f4")))  # big-endian
    loaded = load_model_input(path)
    assert loaded.dtype == np.float32 and loaded.shape == MODEL_INPUT_SHAPE
    np.testing.assert_array_equal(loaded, GOOD)
    plain = write_file(tmp_path, "plain.npy", array_npy_bytes(GOOD[0].astype(np.float64)))
    np.testing.assert_array_equal(load_model_input(plain), GOOD)  # (28, 28) float64 too


def test_a_npy_without_its_suffix_is_recognised_by_content(tmp_path):
    path = write_file(tmp_path, "digit.png", array_npy_bytes(GOOD))
    predictor = Predictor.bundled()
    by_content = predictor.predict_file(path)
    assert by_content.probabilities == pytest.approx(predictor.predict_input(GOOD).probabilities)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "pipe.npy"
    os.mkfifo(fifo)
    _refused(fifo, "not a regular file")


def test_predict_names_each_bad_input_and_classifies_the_rest(tmp_path, capsys):
    bad = write_file(tmp_path, "bad.npy", array_npy_bytes(np.zeros((2, 28, 28), np.float32)))
    evil = write_file(tmp_path, "evil.npy", array_npy_bytes(np.array([1], dtype=object), True))
    good = write_file(tmp_path, "good.npy", array_npy_bytes(GOOD))
    code = main(["predict", "bundled", str(bad), str(good), str(evil)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.startswith(f"{good}: ") and len(out.splitlines()) == 1
    lines = err.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{bad}: ") and lines[1].startswith(f"{evil}: ")
    assert "Traceback" not in err


_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "set", "big", "cut", "insert", "delete"]),
        st.integers(0, 4000),
        st.integers(0, 255),
    ),
    max_size=3,
)


@settings(max_examples=200)
@given(edits=_EDITS, shape=st.sampled_from([(1, 28, 28), (28, 28), (2, 28, 28)]))
def test_fuzzed_model_inputs_are_used_or_refused_in_one_line(tmp_path, edits, shape):
    data = mutate(array_npy_bytes(np.zeros(shape, np.float32) + 0.5), edits)
    path = write_file(tmp_path, "fuzz.npy", data)
    try:
        values = load_model_input(path)
    except ModelInputError as exc:
        assert "\n" not in str(exc) and "fuzz.npy" in str(exc)
    else:
        assert values.shape == MODEL_INPUT_SHAPE and values.dtype == np.float32
        assert np.isfinite(values).all()


_ROW = {
    "epoch": 1,
    "batches": 3,
    "layers": [
        {
            "name": "1",
            "weight": {"mean": 0, "std": 1, "lo": -1, "hi": 1, "counts": [1, 2]},
            "grad_norm": {"mean": 0, "std": 1, "lo": 0, "hi": 1, "counts": [3]},
        }
    ],
}


@settings(max_examples=200)
@given(edits=_EDITS)
def test_fuzzed_weight_statistics_never_raise(tmp_path, edits):
    text = json.dumps(_ROW) + "\n" + json.dumps({**_ROW, "epoch": 2}) + "\n"
    (tmp_path / STATS_FILE).write_bytes(mutate(text.encode(), edits))
    rows, problems = read_weight_stats(tmp_path)
    assert all("\n" not in p for p in problems)
    for row in rows:
        assert 1 <= row["epoch"] <= 10_000
        for layer in row["layers"]:
            assert all(isinstance(c, int) and c >= 0 for c in layer["weight"]["counts"])
