"""A missing dataset: finding it in a chosen folder, downloading it with progress."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QPushButton

from desktop_app.common import settings
from desktop_app.train.data_dialog import DownloadDialog, ensure_dataset, find_data_root
from tests.helpers.datasets import write_idx_dataset
from tests.helpers.message_boxes import answer_boxes
from training_core import data
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


# -- what the question offers when a dataset is missing -------------------------------------


def test_mnist_behind_a_missing_data_folder_offers_the_bundled_copy(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("DIGIT_LAB_DATA", raising=False)
    settings.set_data_root(tmp_path / "unplugged-drive")
    seen: list = []
    answer_boxes(["Use the bundled MNIST"], seen)
    assert ensure_dataset(None, "mnist")
    ((text, where, buttons),) = seen
    assert text == (
        f"MNIST cannot be read: the data folder {tmp_path / 'unplugged-drive'} does not exist."
    )
    assert str(tmp_path / "unplugged-drive" / "MNIST" / "raw") in where
    assert "Download" not in buttons  # MNIST is never downloaded
    assert {"Use the bundled MNIST", "Choose folder…", "Import zip…", "Cancel"} <= set(buttons)
    assert data.is_bundled(data.dataset_root("mnist", settings.data_root()))
    assert settings.data_root() is None
    # $DIGIT_LAB_DATA names a missing folder too: the per-user cache is set instead.
    monkeypatch.setenv("DIGIT_LAB_DATA", str(tmp_path / "also-gone"))
    settings.set_data_root(tmp_path / "unplugged-drive")
    answer_boxes(["Use the bundled MNIST"], [])
    assert ensure_dataset(None, "mnist")
    assert settings.data_root() == str(data.user_cache_dir())
    assert data.is_bundled(data.dataset_root("mnist", settings.data_root()))


def test_open_data_folder_then_check_again(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    settings.set_data_root(tmp_path / "data")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    seen: list = []
    answer_boxes(["Open data folder", "Check again", "Cancel"], seen)
    assert not ensure_dataset(None, "fashion-mnist")  # still missing after "Check again"
    raw = tmp_path / "data" / "FashionMNIST" / "raw"
    assert [url.toLocalFile() for url in opened] == [str(raw)] and raw.is_dir()
    assert "Check again" not in seen[0][2] and "Check again" in seen[1][2]

    def copy_files(url):  # the user puts the files there while the box waits
        write_idx_dataset(tmp_path / "data", "FashionMNIST")
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", copy_files)
    seen.clear()
    answer_boxes(["Open data folder"], seen)
    assert ensure_dataset(None, "fashion-mnist") and len(seen) == 1


def test_a_chosen_folder_without_the_files_says_why_and_asks_again(qtbot, tmp_path, monkeypatch):
    from desktop_app.common import file_dialogs

    (tmp_path / "empty").mkdir()
    raw = write_idx_dataset(tmp_path / "good", "FashionMNIST")
    settings.set_data_root(tmp_path / "empty")
    picks = [str(tmp_path / "empty"), str(raw)]  # then its raw/ folder: means tmp/good
    monkeypatch.setattr(file_dialogs, "existing_folder", lambda *a, **k: picks.pop(0))
    seen: list = []
    answer_boxes(["Choose folder…", "Choose folder…"], seen)
    assert ensure_dataset(None, "fashion-mnist")
    assert seen[1][0].startswith("Fashion-MNIST not found") and "\n" not in seen[1][0]
    assert settings.data_root() == str(tmp_path / "good")


def test_cancel_leaves_everything_as_it_was(qtbot, tmp_path):
    (tmp_path / "empty").mkdir()
    settings.set_data_root(tmp_path / "empty")
    answer_boxes(["Cancel"], [])
    assert not ensure_dataset(None, "fashion-mnist")
    assert settings.data_root() == str(tmp_path / "empty")


# -- Preferences checks the data folder it is given -------------------------------------------


def preferences_with(qtbot, text: str) -> settings.PreferencesDialog:
    dialog = settings.PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.data_folder.edit.setText(text)
    dialog.accept()
    return dialog


def test_preferences_refuse_a_folder_that_is_not_there_and_stay_open(qtbot, tmp_path):
    dialog = preferences_with(qtbot, str(tmp_path / "typo"))
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.data_problem.text() == f"Data folder {tmp_path / 'typo'} does not exist"
    assert settings.data_root() is None
    dialog.data_folder.edit.setText(str(tmp_path))  # empty but writable: a download goes here
    dialog.accept()
    assert not dialog.isVisible() and settings.data_root() == str(tmp_path)


def test_preferences_refuse_a_read_only_folder_without_a_dataset(qtbot, tmp_path, monkeypatch):
    from training_core import data_sources

    real = data_sources.os.access
    monkeypatch.setattr(
        data_sources.os,
        "access",
        lambda path, mode: not (mode & data_sources.os.W_OK) and real(path, mode),
    )
    dialog = preferences_with(qtbot, str(tmp_path))
    assert "cannot be written to" in dialog.data_problem.text() and dialog.isVisible()
    write_idx_dataset(tmp_path / "data", "MNIST")
    dialog.data_folder.edit.setText(str(tmp_path / "data" / "MNIST" / "raw"))
    dialog.accept()  # read-only, but it holds MNIST: stored as its root
    assert settings.data_root() == str(tmp_path / "data")


def test_preferences_empty_data_folder_means_the_default(qtbot, tmp_path):
    settings.set_data_root(tmp_path)
    preferences_with(qtbot, "  ")
    assert settings.data_root() is None
