"""A missing dataset: finding it in a chosen folder, downloading it with progress."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QPushButton

from desktop_app.common import settings
from desktop_app.train.data_dialog import DownloadDialog, ensure_dataset, find_data_root
from training_core.data import DataError, dataset_info, raw_folder


def fake_dataset(root):
    folder = raw_folder("mnist", root)
    folder.mkdir(parents=True)
    for name in dataset_info("mnist").expected_files:
        (folder / name).write_bytes(b"x")
    return folder


def test_find_data_root_accepts_root_or_its_subfolders(tmp_path):
    raw = fake_dataset(tmp_path / "data")
    for picked in (tmp_path / "data", raw.parent, raw):
        assert find_data_root(picked, "mnist") == tmp_path / "data"
    assert find_data_root(tmp_path, "mnist") is None


def test_ensure_dataset_is_quiet_when_present(qtbot, tmp_path):
    fake_dataset(tmp_path / "data")
    settings.set_data_root(tmp_path / "data")
    assert ensure_dataset(None, "mnist")


def test_download_dialog_shows_progress_and_finishes(qtbot, tmp_path):
    def download(name, root, progress, should_stop):
        for done in (100, 200):
            progress(done, 200, "train-images-idx3-ubyte.gz")
            time.sleep(0.01)

    dialog = DownloadDialog("mnist", tmp_path, download_fn=download)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        pass
    assert dialog.error is None
    assert dialog.value() == 1000
    assert not dialog.worker.is_running


def test_download_without_network_reports_the_message(qtbot, tmp_path):
    def download(name, root, progress, should_stop):
        raise DataError("could not download train-images-idx3-ubyte.gz (no network)")

    dialog = DownloadDialog("mnist", tmp_path, download_fn=download)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        pass
    assert "could not download" in dialog.error


def test_cancel_stops_the_download(qtbot, tmp_path):
    def download(name, root, progress, should_stop):
        while not should_stop():
            time.sleep(0.01)
        raise DataError("download cancelled")

    dialog = DownloadDialog("mnist", tmp_path, download_fn=download)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findChild(QPushButton).click()  # the Cancel button
    assert dialog.wasCanceled()
    dialog.stop_and_wait()
    assert dialog.worker.control.should_stop
    assert not dialog.worker.is_running
