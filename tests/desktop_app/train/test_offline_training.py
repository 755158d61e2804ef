"""The Train tab with no network, no data folder and an empty home: MNIST comes from the
bundled copy; Fashion-MNIST offline says why in one line and offers retry, folder, zip;
"Import dataset from zip…" puts a zip's files into the data folder with progress."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.common import settings
from desktop_app.main_window import about_text
from desktop_app.train import data_dialog
from desktop_app.train.panel import TrainPanel
from tests.helpers.datasets import (
    IDX_NAMES,
    block_network,
    idx_bytes,
    isolate_home,
    synthetic_images,
)
from tests.helpers.message_boxes import answer_boxes
from training_core import data
from training_core.config import TrainConfig
from training_core.runs import list_runs


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No network (every connection refused and recorded), no DIGIT_LAB_DATA, empty home."""
    isolate_home(monkeypatch, tmp_path)
    assert settings.data_root() is None
    settings.set_runs_root(tmp_path / "runs")
    return block_network(monkeypatch)


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_the_train_tab_trains_on_the_bundled_mnist_offline(offline, qtbot):
    panel = TrainPanel()
    qtbot.addWidget(panel)
    panel.form.set_config(TrainConfig(model="mlp", epochs=1, device="cpu"))
    assert panel.data_override is None  # the real dataset, read as a user would
    started, epochs = [], []
    panel.run_started.connect(started.append)
    panel.epoch_finished.connect(epochs.append)
    with qtbot.waitSignal(panel.run_finished, timeout=200_000) as finished:
        assert panel.start()  # no "dataset not found" question: nothing to answer
    assert finished.args[0] == "completed", finished.args
    assert (started[0].train_size, started[0].test_size) == (60_000, 10_000)
    assert epochs[-1].test_acc > 0.90
    assert offline == []  # nothing tried the network
    assert not data.user_cache_dir().exists()  # and nothing was downloaded or copied
    assert list_runs(settings.runs_root())[0].read_status()["state"] == "completed"


def test_fashion_mnist_offline_says_why_and_offers_retry_folder_and_zip(offline, qtbot):
    seen: list = []
    answer_boxes(["Download", "Cancel"], seen)
    assert not data_dialog.ensure_dataset(None, "fashion-mnist")
    (first, where, first_buttons), (reason, _, buttons) = seen
    assert first == "Fashion-MNIST is not on this computer."  # what is missing, one line
    assert "FashionMNIST/raw" in where and "train-images-idx3-ubyte" in where
    offered = {"Choose folder…", "Import zip…", "Open data folder", "Cancel"}
    assert set(first_buttons) == {"Download", *offered}
    assert reason.startswith("Fashion-MNIST is not on this computer and could not be downloaded")
    assert "\n" not in reason
    assert set(buttons) == {"Retry download", *offered}
    assert offline  # the download was really tried, and refused by the blocked network


def test_mnist_is_never_asked_for(offline, qtbot):
    assert data_dialog.ensure_dataset(None, "mnist")  # the bundled copy: no box, no download
    assert offline == []


def _dataset_zip(path, n_train=200):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for train, n in ((True, n_train), (False, 50)):
            images, labels = synthetic_images(n, seed=int(train))
            for name, array in zip(IDX_NAMES[train], (images, labels), strict=True):
                archive.writestr(f"mnist/{name}", idx_bytes(array))
    return path


def test_import_from_zip_fills_the_data_folder_and_asks_before_replacing(
    offline, qtbot, tmp_path, monkeypatch
):
    root = data.resolve_data_root(settings.data_root())
    assert data_dialog.import_dataset_zip(None, "mnist", str(_dataset_zip(tmp_path / "a.zip")))
    assert data.dataset_root("mnist", settings.data_root()) == root  # the user's copy wins
    assert len(data.load_split("mnist", True)) == 200

    asked = []
    replies = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or replies.pop(0))
    newer = str(_dataset_zip(tmp_path / "b.zip", n_train=120))
    assert not data_dialog.import_dataset_zip(None, "mnist", newer)  # "No": untouched
    assert len(data.load_split("mnist", True)) == 200
    assert data_dialog.import_dataset_zip(None, "mnist", newer)  # "Yes": replaced
    assert len(data.load_split("mnist", True)) == 120
    assert len(asked) == 2 and "already holds MNIST files" in asked[0][2]


def test_a_bad_zip_is_one_line_with_copy_details(offline, qtbot, tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip at all")
    assert not data_dialog.import_dataset_zip(None, "mnist", str(bad))
    (box,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert box.text().startswith("bad.zip: not a zip archive") and "\n" not in box.text()
    assert any(b.text() == "Copy details" for b in box.buttons())
    box.close()
    assert not data.is_available("mnist", data.resolve_data_root(None))


def test_import_progress_dialog_shows_the_steps(offline, qtbot, tmp_path):
    dialog = data_dialog.ImportDialog(
        _dataset_zip(tmp_path / "a.zip"), "mnist", tmp_path / "root", parent=None
    )
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        pass
    dialog.stop_and_wait()
    assert dialog.error is None and dialog.value() == dialog.maximum() == 4
    assert dialog.outcome == tmp_path / "root" / "MNIST" / "raw"


def test_about_credits_mnist_and_fashion_mnist():
    text = about_text()
    for words in ("Yann LeCun", "Corinna Cortes", "Burges", "CC BY-SA 3.0", "Zalando", "MIT"):
        assert words in text


def test_preferences_and_the_data_dialog_read_a_picked_folder_the_same_way(
    qtbot, tmp_path, monkeypatch
):
    """``…/MNIST`` and ``…/MNIST/raw`` mean their root in both choosers (they used to
    disagree: the data dialog accepted ``…/MNIST``, Preferences stored it as the root)."""
    from tests.helpers.datasets import write_idx_dataset

    raw = write_idx_dataset(tmp_path / "data", "MNIST", gz=True)
    for picked in (raw, raw.parent, tmp_path / "data"):
        assert data_dialog.find_data_root(picked, "mnist") == tmp_path / "data"
        dialog = settings.PreferencesDialog()
        qtbot.addWidget(dialog)
        dialog.data_folder.edit.setText(str(picked))
        dialog.accept()
        assert settings.data_root() == str(tmp_path / "data"), picked
    (tmp_path / "a-file").write_text("x")
    dialog = settings.PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.data_folder.edit.setText(str(tmp_path / "a-file"))
    dialog.accept()
    assert settings.data_root() == str(tmp_path / "data")  # not saved
    assert "is a file, not a folder" in dialog.data_problem.text()
