"""Hostile CSV files for the playground (issue 11, item 10).

1e39 used to pass a float64 finite check and become infinity in the float32 tensor (the UI
then raised); a spread like -3e38..3e38 overflowed when rescaled; a 1,000,000-row file was
refused only after it had been parsed on the UI thread, freezing the window for seconds.
Now values are checked against float32's range (1e39 is a one-line PlaygroundDataError,
by choice: silently clipping a coordinate would move the point), rescaling runs in float64,
files beyond MAX_CSV_POINTS rows are subsampled with a seed and say so, and the GUI reads
the file with a ``Worker``.
"""

from __future__ import annotations

import math
import threading

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QTimer

from desktop_app.playground import classify
from training_core import playground_data
from training_core.playground_data import (
    MAX_CLASSES,
    MAX_CSV_POINTS,
    PlaygroundDataError,
    load_points_csv,
)

MILLION = 1_000_000


@pytest.fixture(scope="module")
def million_rows(tmp_path_factory):
    """A 1,000,000-row file (about 12 MB, under the 20 MB cap), written once per module:
    1,000 different rows, repeated (parsing is what is slow, not the variety)."""
    path = tmp_path_factory.mktemp("csv") / "million.csv"
    block = "".join(f"{i},{i * 7 % 1000},{'abc'[i % 3]}\n" for i in range(1000))
    path.write_text("x,y,label\n" + block * (MILLION // 1000))
    return path


def _write(tmp_path, text: str, name: str = "pts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path) -> str:
    with pytest.raises(PlaygroundDataError) as info:
        load_points_csv(path)
    message = str(info.value)
    assert "\n" not in message and path.name in message
    return message


# -- values ------------------------------------------------------------------------------


def test_a_value_beyond_float32_is_a_one_line_error(tmp_path):
    path = _write(tmp_path, "x,y,label\n0,0,a\n1,1e39,b\n2,2,a\n3,3,b\n")
    message = _refused(path)
    assert "line 3: 1e39 is too large" in message and "3.4e38" in message
    path = _write(tmp_path, "0,0,a\n-3.5e38,1,b\n2,2,a\n3,3,b\n")
    assert "line 2: -3.5e38 is too large" in _refused(path)


def test_float32_extremes_load_and_their_spread_rescales_without_overflow(tmp_path):
    """-3.4e38..3.4e38 fit in float32, but their difference does not: rescaled in float64."""
    path = _write(tmp_path, "3.4e38,-3e38,a\n-3.4e38,3e38,b\n0,0,a\n1e38,-1e38,b\n")
    points = load_points_csv(path)
    assert points.x.dtype == torch.float32 and bool(torch.isfinite(points.x).all())
    assert points.x[0].tolist() == pytest.approx([1.0, -3 / 3.4])
    assert points.x[1].tolist() == pytest.approx([-1.0, 3 / 3.4])
    assert points.x[3].tolist() == pytest.approx([1 / 3.4, -1 / 3.4])
    raw = load_points_csv(path, rescale=False)
    assert bool(torch.isfinite(raw.x).all()) and float(raw.x.max()) == pytest.approx(3.4e38)


def test_identical_points_load_finite_and_say_so(tmp_path):
    path = _write(tmp_path, "5,5,a\n5,5,b\n5,5,a\n5,5,b\n")
    points = load_points_csv(path)
    assert torch.equal(points.x, torch.zeros(4, 2))
    assert "all points are at the same place" in points.note


def test_tiny_spreads_rescale_to_finite_points(tmp_path):
    path = _write(tmp_path, "1e-320,0,a\n2e-320,0,b\n0,5e-324,a\n1e-300,-1e-300,b\n")
    points = load_points_csv(path)
    assert bool(torch.isfinite(points.x).all()) and float(points.x.abs().max()) <= 1.0


def test_huge_cells_are_clipped_in_the_message(tmp_path):
    path = _write(tmp_path, "0,0,a\n1," + "z" * 100_000 + ",b\n")
    message = _refused(path)
    assert "line 2:" in message and len(message) < 200


# -- many rows ---------------------------------------------------------------------------


def test_a_million_rows_load_as_a_seeded_sample_with_a_note(million_rows):
    points = load_points_csv(million_rows)
    assert points.x.shape == (MAX_CSV_POINTS, 2) and points.y.shape == (MAX_CSV_POINTS,)
    assert points.class_names == ("a", "b", "c")
    assert f"{MAX_CSV_POINTS} points, 3 classes from million.csv" in points.note
    assert "a seeded random sample of its 1,000,000 rows" in points.note
    assert bool(torch.isfinite(points.x).all())


def test_the_sample_is_the_same_every_time_and_keeps_file_order(tmp_path, monkeypatch):
    monkeypatch.setattr(playground_data, "MAX_CSV_POINTS", 50)
    path = _write(tmp_path, "".join(f"{i},{i % 7},{'ab'[i % 2]}\n" for i in range(400)))
    first = load_points_csv(path, rescale=False)
    second = load_points_csv(path, rescale=False)
    assert torch.equal(first.x, second.x) and torch.equal(first.y, second.y)
    xs = first.x[:, 0]
    assert len(xs) == 50 and bool((xs[1:] > xs[:-1]).all())
    assert torch.equal(first.y, (xs.long() % 2))


def test_a_load_can_be_cancelled(million_rows):
    polls = []

    def should_stop():
        polls.append(1)
        return True

    with pytest.raises(PlaygroundDataError, match="loading million.csv was cancelled"):
        load_points_csv(million_rows, should_stop=should_stop)
    assert polls == [1]


# -- in the GUI: off the UI thread -------------------------------------------------------


@pytest.fixture
def view(qtbot):
    from desktop_app.playground.panel import PlaygroundPanel

    panel = PlaygroundPanel()
    qtbot.addWidget(panel)
    panel.show()
    yield panel.classification
    panel.shutdown()


class _GatedLoader:
    """Wraps ``load_points_csv``: records the thread it runs on and holds the job until the
    test opens the gate (polling the job's stop flag, like the real parser)."""

    def __init__(self):
        self.gate = threading.Event()
        self.started = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, path, rescale=True, should_stop=None):
        self.threads.append(threading.current_thread())
        self.started.set()
        while not self.gate.wait(0.01):
            if should_stop():
                raise PlaygroundDataError(f"loading {path} was cancelled")
        return load_points_csv(path, rescale, should_stop)


def test_the_gui_reads_a_million_rows_on_a_worker_thread(view, qtbot, million_rows, monkeypatch):
    loader = _GatedLoader()
    monkeypatch.setattr(classify, "load_points_csv", loader)
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)
    worker = view.load_csv(str(million_rows))
    assert loader.started.wait(10)
    # The job is held mid-load: the UI thread still runs its event loop (the timer ticks)
    # and the button cannot start a second load.
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=5000)
    assert worker.is_running and not view.data.load_button.isEnabled()
    assert view.data.load_button.text() == "Loading million.csv…"
    with qtbot.waitSignal(worker.done, timeout=60000):
        loader.gate.set()
    timer.stop()
    assert loader.threads and loader.threads[0] is not threading.main_thread()
    assert view.data.name() == "csv"
    # 100,000 points train; a seeded 10,000 of them are drawn (pyqtgraph's per-point
    # brushes took seconds of the UI thread for all of them).
    assert len(view.worker._trainer.split.y_train) == 80_000
    assert len(view.train_points.data) + len(view.test_points.data) == classify.MAX_SHOWN_POINTS
    assert "of its 1,000,000 rows" in view.status.text()
    assert "the map shows 10,000 of them" in view.status.text()
    assert view.data.load_button.isEnabled()
    assert view.data.load_button.text() == classify.LOAD_BUTTON_TEXT


def test_a_new_load_replaces_the_running_one(view, qtbot, tmp_path, monkeypatch):
    loader = _GatedLoader()
    monkeypatch.setattr(classify, "load_points_csv", loader)
    first = _write(tmp_path, "".join(f"{i},{i},{'ab'[i % 2]}\n" for i in range(30)), "first.csv")
    second = _write(tmp_path, "".join(f"{i},{i},{'xy'[i % 2]}\n" for i in range(20)), "two.csv")
    old = view.load_csv(str(first))
    assert loader.started.wait(10)
    new = view.load_csv(str(second))
    assert not old.is_running  # stopped and waited for
    with qtbot.waitSignal(new.done, timeout=10000):
        loader.gate.set()
    qtbot.wait(50)  # the stopped load's queued "failed" is delivered and ignored
    assert view.error.text() == ""
    assert len(view.train_points.data) + len(view.test_points.data) == 20
    assert "from two.csv" in view.status.text()


def test_shutdown_stops_a_running_load(view, tmp_path, monkeypatch):
    loader = _GatedLoader()
    monkeypatch.setattr(classify, "load_points_csv", loader)
    worker = view.load_csv(str(_write(tmp_path, "0,0,a\n1,1,b\n2,2,a\n3,3,b\n")))
    assert loader.started.wait(10)
    assert view.shutdown(timeout=5) is True
    assert not worker.is_running


# -- fuzzing -----------------------------------------------------------------------------

number_text = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(width=32).map(str),
    st.integers(-(10**45), 10**45).map(str),
    st.sampled_from(
        ["1e39", "-1e39", "3.4e38", "3.41e38", "-3.4028236e38", "1e-400", "5e-324", "nan"]
        + ["inf", "-Infinity", "NaN", "1_000", " 7 ", "", "0x10", "١٢", "1e", "--1", "\x00"]
    ),
)
label_text = st.one_of(
    st.sampled_from(["a", "b", "c", "0", "1", "nan", "inf", "", " ", "é", "\x00"]),
    st.text(max_size=6),
)
cell = st.one_of(number_text, label_text)
row = st.one_of(
    st.tuples(number_text, number_text, label_text).map(list),
    st.lists(cell, max_size=5),
)
good_number = st.one_of(
    st.floats(min_value=-3.4e38, max_value=3.4e38).map(repr),
    st.integers(-1000, 1000).map(str),
    st.sampled_from(["5e-324", "1e-400", " 7 ", "1_000", "3.4e38", "-0.0"]),
)
good_row = st.tuples(good_number, good_number, st.sampled_from(["a", "b", "c", "0", "1", "é"]))


@st.composite
def mostly_good_csv(draw) -> str:
    """Valid rows (so success is exercised too) with up to two hostile rows spliced in."""
    rows = [list(r) for r in draw(st.lists(good_row, max_size=30))]
    for _ in range(draw(st.integers(0, 2))):
        rows.insert(draw(st.integers(0, len(rows))), draw(row))
    header = ["x,y,label"] if draw(st.booleans()) else []
    return "\n".join(header + [",".join(r) for r in rows])


csv_text = st.one_of(
    mostly_good_csv(),
    st.lists(row, max_size=30).map(lambda rows: "\n".join(",".join(r) for r in rows)),
    st.text(max_size=200),
)


def _check(path) -> None:
    try:
        points = load_points_csv(path)
    except PlaygroundDataError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    n = len(points.y)
    assert 4 <= n <= MAX_CSV_POINTS and points.x.shape == (n, 2)
    assert points.x.dtype == torch.float32 and bool(torch.isfinite(points.x).all())
    assert float(points.x.abs().max()) <= 1.0
    assert 2 <= len(points.class_names) <= MAX_CLASSES
    assert points.y.dtype == torch.int64
    assert 0 <= int(points.y.min()) and int(points.y.max()) < len(points.class_names)


@settings(max_examples=200)
@given(text=csv_text, nul=st.booleans())
def test_fuzzed_csv_text_loads_clean_or_raises_the_playground_error(tmp_path, text, nul):
    path = tmp_path / "fuzz.csv"
    path.write_text(text.replace("a", "a\x00") if nul else text, encoding="utf-8")
    _check(path)


@settings(max_examples=200)
@given(blob=st.binary(max_size=300))
def test_fuzzed_csv_bytes_load_clean_or_raise_the_playground_error(tmp_path, blob):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(blob)
    _check(path)


def test_float32_limit_is_where_float32_overflows():
    """The constant the range check uses: the largest finite float32 is below it, and
    everything from it up rounds to infinity."""
    big = torch.tensor([3.4028234663852886e38, playground_data.FLOAT32_LIMIT], dtype=torch.float64)
    as_f32 = big.float()
    assert math.isfinite(float(as_f32[0])) and math.isinf(float(as_f32[1]))
    below = math.nextafter(playground_data.FLOAT32_LIMIT, 0)
    assert math.isfinite(float(torch.tensor(below, dtype=torch.float64).float()))
