"""The Image tools tab driven headless with pytest-qt."""

from __future__ import annotations

import csv
import time

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent

from desktop_app.image_tools import panel as panel_module
from desktop_app.image_tools.panel import RECENT_KEY, ImageToolsPanel
from training_core import imaging
from training_core.image_io import read_image
from training_core.imaging import Step

TIMEOUT = 10_000


@pytest.fixture
def panel(qtbot):
    widget = ImageToolsPanel()
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def wait_idle(qtbot, panel):
    qtbot.waitUntil(lambda: panel.processed is not None and panel.is_idle(), timeout=TIMEOUT)


def load(qtbot, panel, name="coins"):
    panel.load_sample(name)
    qtbot.waitUntil(lambda: panel.source is not None and panel.source.name == name, timeout=TIMEOUT)
    wait_idle(qtbot, panel)


def write_png(path, array):
    Image.fromarray(array).save(path)
    return str(path)


def test_sample_then_chain_shows_result_and_histograms(qtbot, panel):
    load(qtbot, panel, "camera")
    camera = imaging.load_sample("camera")
    assert panel.processed.steps == ()  # no chain: after equals before
    np.testing.assert_array_equal(panel.processed.result, camera)
    assert panel.before_hist.histogram.counts.sum() == camera.size

    steps = [Step("threshold", {"method": "manual", "value": 0.5, "invert": False})]
    panel.chain.set_chain(steps)
    qtbot.waitUntil(lambda: panel.processed.steps == tuple(steps), timeout=TIMEOUT)
    expected = imaging.apply_chain(camera, steps)
    np.testing.assert_array_equal(panel.processed.result, expected)
    # a mask is shown over the image, and plainly when the overlay is off
    assert panel.processed.display.shape == camera.shape + (3,)
    panel.overlay_box.setChecked(False)
    qtbot.waitUntil(lambda: panel.processed.display.ndim == 2, timeout=TIMEOUT)
    assert set(np.unique(panel.processed.display)) <= {0, 255}
    assert panel.after_hist.histogram.counts.sum() == camera.size
    assert "Threshold" in panel.timing_label.text() and "ms" in panel.timing_label.text()


def test_dragging_a_slider_never_queues_stale_jobs(qtbot, panel, monkeypatch):
    load(qtbot, panel)
    calls = []
    real_process = panel_module.process

    def slow_process(source, steps, *args):
        calls.append(steps)
        time.sleep(0.05)
        return real_process(source, steps, *args)

    monkeypatch.setattr(panel_module, "process", slow_process)
    panel.chain.set_chain([imaging.default_step("stretch")])
    slider = panel.chain.editors["low"].slider
    for position in range(0, 300, 5):  # 60 moves, far faster than jobs finish
        slider.setValue(position)
    wait_idle(qtbot, panel)
    assert len(calls) <= 5, f"{len(calls)} jobs ran for 60 slider moves"
    final = panel.chain.enabled_steps()
    assert panel.processed.steps == tuple(final)  # the newest parameters won
    assert final[0].kwargs["low"] == pytest.approx(29.5)
    np.testing.assert_array_equal(
        panel.processed.result, imaging.apply_chain(panel.source.array, final)
    )


@pytest.mark.slow
def test_large_image_keeps_the_window_responsive_and_shows_busy(qtbot, panel):
    rng = np.random.default_rng(0)
    big = rng.integers(0, 256, size=(4000, 4000), dtype=np.uint8)
    panel.chain.set_chain([imaging.default_step("equalize"), imaging.default_step("threshold")])
    ticks = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    panel.load_array("big", big)
    qtbot.waitUntil(lambda: panel.busy_bar.isVisibleTo(panel), timeout=TIMEOUT)
    wait_idle(qtbot, panel)
    timer.stop()
    elapsed = time.perf_counter() - start
    assert panel.processed.result.shape == (4000, 4000)
    assert not panel.busy_bar.isVisibleTo(panel)
    gaps = np.diff([start] + ticks)
    assert len(ticks) > 5 and gaps.max() < max(0.5, elapsed / 3), (
        f"event loop stalled {gaps.max():.2f}s of {elapsed:.2f}s"
    )


@pytest.mark.parametrize("kind", ["missing", "empty", "corrupt", "text", "folder", "huge"])
def test_bad_files_give_a_message_and_keep_the_image(qtbot, panel, tmp_path, kind):
    load(qtbot, panel)
    before = panel.source
    path = tmp_path / "bad.png"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "corrupt":
        good = tmp_path / "good.png"
        write_png(good, np.zeros((50, 50), np.uint8))
        path.write_bytes(good.read_bytes()[:60])  # a header and then nothing
    elif kind == "text":
        path = tmp_path / "notes.txt"
        path.write_text("not a picture\n")
    elif kind == "folder":
        path = tmp_path
    elif kind == "huge":
        Image.new("1", (9000, 9000)).save(path)  # 81 megapixels, a few kB on disk
    panel.open_file(str(path))
    qtbot.waitUntil(lambda: panel.status_label.text().startswith("Could not open"), timeout=TIMEOUT)
    assert "current image stays" in panel.status_label.text()
    assert panel.source is before
    assert panel.recent_files() == []


def test_open_drop_and_recent_files(qtbot, panel, tmp_path):
    rgb = np.zeros((20, 30, 3), np.uint8)
    rgb[..., 0] = 200
    first = write_png(tmp_path / "first.png", rgb)
    panel.open_file(first)
    qtbot.waitUntil(lambda: panel.source is not None, timeout=TIMEOUT)
    np.testing.assert_array_equal(panel.source.array, rgb)
    assert "30x20" in panel.info_label.text()

    second = tmp_path / "second.tif"
    Image.fromarray(np.full((8, 8), 7, np.uint8)).save(second)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.dropEvent(drop)
    qtbot.waitUntil(lambda: panel.source.name == "second.tif", timeout=TIMEOUT)
    assert panel.recent_files() == [str(second.resolve()), str((tmp_path / "first.png").resolve())]
    assert QSettings().value(RECENT_KEY)

    fresh = ImageToolsPanel()  # a new session lists them in the Recent menu
    qtbot.addWidget(fresh)
    texts = [a.text() for a in fresh.recent_button.menu().actions()]
    assert texts == panel.recent_files() and fresh.recent_button.isEnabled()
    fresh.shutdown()


def test_save_result_and_export_histogram(qtbot, panel, tmp_path):
    load(qtbot, panel)
    panel.chain.set_chain([Step("threshold"), Step("fill_holes")])
    qtbot.waitUntil(lambda: len(panel.processed.steps) == 2, timeout=TIMEOUT)
    wait_idle(qtbot, panel)
    panel.save_result(str(tmp_path / "mask.png"))
    saved = read_image(tmp_path / "mask.png")
    np.testing.assert_array_equal(saved, panel.processed.result.astype(np.uint8) * 255)

    panel.export_histogram(str(tmp_path / "hist.csv"), kind="csv")
    with open(tmp_path / "hist.csv", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["intensity", "count", "cdf"] and len(rows) == 257
    counts = np.array([float(r[1]) for r in rows[1:]])
    np.testing.assert_array_equal(counts, panel.after_hist.histogram.counts)
    assert float(rows[-1][2]) == pytest.approx(1.0)

    panel.export_histogram(str(tmp_path / "hist.png"), kind="png")
    plot = read_image(tmp_path / "hist.png")
    assert plot.shape[1] >= 1600 and plot.std() > 0  # slide size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hist.csv", "hist.png", "mask.png"]

    panel.save_result(str(tmp_path / "no_such_folder" / "x.png"))
    assert panel.status_label.text().startswith("Could not save")


def test_failed_step_shows_message_and_keeps_last_result(qtbot, panel):
    load(qtbot, panel)
    kept = panel.processed
    panel.chain.set_chain([Step("fill_holes")])  # needs a mask, coins is gray
    qtbot.waitUntil(lambda: "needs a mask" in panel.status_label.text(), timeout=TIMEOUT)
    assert panel.processed is kept


def test_pixel_readout_and_synced_zoom(qtbot, panel):
    load(qtbot, panel)
    panel.chain.set_chain([Step("grayscale")])
    qtbot.waitUntil(lambda: panel.processed.steps == (Step("grayscale"),), timeout=TIMEOUT)
    coins = panel.source.array
    panel.images.hovered.emit(10, 20)
    text = panel.pixel_label.text()
    assert f"x=20 y=10  before {coins[10, 20]}" in text
    assert f"after {coins[10, 20] / 255:.3f}" in text
    panel.images.hovered.emit(-1, -1)
    assert panel.pixel_label.text() == ""

    panel.images.before_box.setRange(xRange=(50, 100), yRange=(40, 90), padding=0)
    (bx, by), (ax, ay) = panel.images.before_box.viewRange(), panel.images.after_box.viewRange()
    np.testing.assert_allclose(ax, bx)
    np.testing.assert_allclose(ay, by)


def test_chain_editor_add_move_disable_and_edit(qtbot, panel):
    editor = panel.chain
    with qtbot.waitSignal(editor.chain_changed, timeout=TIMEOUT) as blocker:
        editor.add_step(imaging.default_step("grayscale"))
    assert blocker.args == [[Step("grayscale")]]
    editor.add_step(imaging.default_step("canny"))
    editor.move_current(-1)
    assert [s.op_name for s in editor.enabled_steps()] == ["canny", "grayscale"]
    assert editor.list.item(0).text().startswith("1. Canny edges")
    editor.editors["sigma"].spin.setValue(2.5)
    assert editor.enabled_steps()[0].kwargs["sigma"] == pytest.approx(2.5)
    assert "sigma 2.5" in editor.list.item(0).text()
    editor.editors["low_threshold"].spin.setValue(0.0)  # the minimum reads "auto"
    assert editor.enabled_steps()[0].kwargs["low_threshold"] is None
    editor.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert editor.enabled_steps() == [Step("grayscale")]
    editor.list.setCurrentRow(1)
    editor.remove_current()
    assert editor.enabled_steps() == []
