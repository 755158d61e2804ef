"""The Train tab's Data page: images by split and class, the class counts, loading off the
UI thread, a missing dataset, the form's dataset choice, and a 1024x576 window."""

from __future__ import annotations

import os

import numpy as np
import pytest

from desktop_app.common import settings
from desktop_app.train import data_page as data_page_module
from desktop_app.train.data_page import DataPage
from desktop_app.train.panel import TrainPanel
from tests.helpers.datasets import synthetic_images, write_idx_dataset
from training_core import data
from training_core.data_browse import browse_split

REAL_DATA = os.environ.get("DIGIT_LAB_DATA")


@pytest.fixture(autouse=True)
def fresh_cache():
    data_page_module.forget_loaded()
    yield
    data_page_module.forget_loaded()


def shown_page(qtbot, page: DataPage, timeout=30_000) -> DataPage:
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    qtbot.waitUntil(lambda: page.state in ("shown", "missing", "failed"), timeout=timeout)
    return page


def test_the_split_and_class_choices_show_only_those_images(qtbot, tmp_path):
    write_idx_dataset(tmp_path / "data", "FashionMNIST", n_train=300, n_test=100)
    settings.set_data_root(tmp_path / "data")
    page = DataPage()
    page.set_dataset("fashion-mnist")
    shown_page(qtbot, page)
    train_images, train_labels = synthetic_images(300, seed=1)  # what write_idx_dataset wrote
    assert page.state == "shown" and len(page.split) == 300
    assert page.counts.counts.tolist() == np.bincount(train_labels, minlength=10).tolist()
    assert page.class_choice.count() == 11 and page.class_choice.itemText(10) == "9 Ankle boot"
    # All classes: the first 96 images in file order, each with its class name.
    assert page.grid.positions.tolist() == list(range(96))
    assert page.grid.show_labels and page.grid.labels[0] == data.FASHION_CLASSES[train_labels[0]]
    assert page.next_button.isEnabled() and not page.prev_button.isEnabled()

    page.class_choice.setCurrentIndex(1 + 3)  # class 3, "Dress"
    shown = page.grid.positions
    assert len(shown) == (train_labels == 3).sum() and set(train_labels[shown]) == {3}
    assert not page.grid.show_labels
    assert "are Dress" in page.message.text()

    with qtbot.waitSignal(page.shown_changed, timeout=30_000):
        page.split_choice.setCurrentIndex(1)  # the test images: loaded in the background
    qtbot.waitUntil(lambda: page.state == "shown" and not page.split.train, timeout=30_000)
    _, test_labels = synthetic_images(100, seed=0)
    assert len(page.split) == 100 and page.class_index == 3
    assert set(test_labels[page.grid.positions]) == {3}
    assert page.counts.counts.sum() == 100


def test_paging_stops_at_both_ends(qtbot, tmp_path):
    write_idx_dataset(tmp_path / "data", "MNIST", n_train=300, n_test=100)
    settings.set_data_root(tmp_path / "data")
    page = shown_page(qtbot, DataPage())
    assert page.pages == 4  # 300 images, 96 a page
    for _ in range(5):
        page.next_button.click() if page.next_button.isEnabled() else None
    assert page.page == 3 and page.grid.positions.tolist() == list(range(288, 300))
    assert not page.next_button.isEnabled()
    page.prev_button.click()
    assert page.page == 2 and page.grid.positions[0] == 192
    page.class_choice.setCurrentIndex(2)  # a new class starts at its first page
    assert page.page == 0


def test_clicking_a_bar_chooses_its_class(qtbot, tmp_path):
    write_idx_dataset(tmp_path / "data", "MNIST")
    settings.set_data_root(tmp_path / "data")
    page = shown_page(qtbot, DataPage())
    page.counts.class_clicked.emit(7)
    assert page.class_index == 7


def test_loading_says_so_and_runs_off_the_ui_thread(qtbot, tmp_path, monkeypatch):
    import threading

    write_idx_dataset(tmp_path / "data", "MNIST")
    settings.set_data_root(tmp_path / "data")
    threads, release = [], threading.Event()

    def slow_browse(*args):
        threads.append(threading.current_thread().name)
        release.wait(10)
        return browse_split(*args)

    monkeypatch.setattr(data_page_module, "browse_split", slow_browse)
    page = DataPage()
    qtbot.addWidget(page)
    page.show()
    assert page.state == "loading" and page.message.text().startswith("Loading the MNIST")
    assert not page.next_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: page.state == "shown", timeout=10_000)
    assert threads == ["digit-lab-data-page"]
    # Loaded once: a second page (or showing again) uses the kept split.
    other = shown_page(qtbot, DataPage())
    assert other.split is page.split and threads == ["digit-lab-data-page"]


def test_a_page_closed_while_loading_leaves_no_error(qtbot, tmp_path):
    write_idx_dataset(tmp_path / "data", "MNIST")
    settings.set_data_root(tmp_path / "data")
    page = DataPage()
    page.show()
    worker = page._waiting
    page.deleteLater()
    qtbot.wait(50)
    assert worker.wait(10)
    qtbot.wait(50)  # its signals arrive with nobody to show them


def test_a_missing_dataset_is_one_line_with_the_dataset_dialog(qtbot, tmp_path, monkeypatch):
    settings.set_data_root(tmp_path / "empty")
    (tmp_path / "empty").mkdir()
    asked = []

    def ensure(parent, dataset):
        asked.append(dataset)
        write_idx_dataset(tmp_path / "empty", "FashionMNIST")
        return True

    monkeypatch.setattr(data_page_module, "ensure_dataset", ensure)
    page = DataPage()
    page.set_dataset("fashion-mnist")
    shown_page(qtbot, page)
    assert page.state == "missing"
    assert page.message.text().startswith("Fashion-MNIST is not on this computer")
    assert "\n" not in page.message.text()
    assert page.get_button.isVisibleTo(page) and page.get_button.text() == "Get Fashion-MNIST…"
    # The choices and the line stay at the top of the page, not spread down its middle.
    page.layout().activate()
    assert page.split_choice.geometry().top() < 20
    assert page.message.geometry().top() < page.split_choice.geometry().bottom() + 20
    page.get_button.click()
    assert asked == ["fashion-mnist"]
    qtbot.waitUntil(lambda: page.state == "shown", timeout=30_000)
    assert not page.get_button.isVisibleTo(page)


def test_a_damaged_file_is_one_line(qtbot, tmp_path):
    raw = write_idx_dataset(tmp_path / "data", "MNIST")
    (raw / "train-labels-idx1-ubyte").write_bytes(b"\x00\x00\x08\x01\x00")
    settings.set_data_root(tmp_path / "data")
    page = shown_page(qtbot, DataPage())
    assert page.state == "failed" and "unreadable" in page.message.text()
    assert "\n" not in page.message.text()


def test_the_train_tab_shows_the_data_page_first_and_it_follows_the_form(
    qtbot, tmp_path, tiny_digits
):
    settings.set_runs_root(tmp_path / "runs")
    panel = TrainPanel()
    qtbot.addWidget(panel)
    panel.data_override = tiny_digits
    assert panel.pages.tabText(0) == "Data" and panel.pages.widget(0) is panel.data_page
    panel.resize(1024, 576)
    panel.show()
    qtbot.waitUntil(lambda: panel.data_page.state == "shown", timeout=10_000)
    assert panel.data_page.counts.counts.tolist() == [40] * 10  # the tiny balanced split
    panel.form.dataset.setCurrentText("fashion-mnist")
    assert panel.data_page.dataset == "fashion-mnist"
    assert panel.data_page.class_choice.itemText(1) == "0 T-shirt/top"
    # It fits: the grid shrank but shows its images, the counts plot is tall enough.
    page = panel.data_page
    assert page.width() <= 1024 and page.grid.cell_size >= 14
    assert page.counts.height() >= 200 and page.counts.isVisible()
    panel.shutdown()


@pytest.mark.skipif(not REAL_DATA, reason="set DIGIT_LAB_DATA to a folder holding MNIST/raw/")
def test_real_mnist_counts(qtbot):
    settings.set_data_root(REAL_DATA)
    page = shown_page(qtbot, DataPage(), timeout=60_000)
    assert page.state == "shown" and len(page.split) == 60_000
    assert int(page.counts.counts[1]) == 6742
    page.class_choice.setCurrentIndex(1 + 1)
    assert set(page.split.labels[page.grid.positions].tolist()) == {1}
    assert "6,742 of the 60,000" in page.message.text()
    page.split_choice.setCurrentIndex(1)
    qtbot.waitUntil(lambda: page.state == "shown" and not page.split.train, timeout=60_000)
    assert len(page.split) == 10_000 and page.counts.counts.sum() == 10_000
    assert int(page.counts.counts[1]) == 1135
