"""The Train tab with tiny synthetic data: start, epochs, pause/resume/stop, close, reload."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from desktop_app.common import settings
from desktop_app.train.panel import TrainPanel
from tests.helpers.datasets import tiny_split
from training_core.config import TrainConfig
from training_core.runs import RunDirectory, list_runs


@pytest.fixture
def panel(qtbot, tmp_path, tiny_digits):
    settings.set_runs_root(tmp_path / "runs")
    widget = TrainPanel()
    qtbot.addWidget(widget)
    widget.data_override = tiny_digits
    widget.report_every = 1
    widget.form.set_config(
        TrainConfig(model="softmax", epochs=2, batch_size=50, lr=0.5, device="cpu")
    )
    yield widget
    widget.shutdown()


def test_form_offers_only_present_devices_and_lesson_defaults(panel):
    from training_core.config import available_devices

    devices = [panel.form.device.itemText(i) for i in range(panel.form.device.count())]
    assert devices == available_devices()
    panel.form.model.setCurrentText("deep-mlp")
    config = panel.form.config()
    assert (config.batch_size, config.optimizer, config.lr, config.momentum) == (
        64,
        "momentum",
        0.01,
        0.5,
    )
    assert panel.form.momentum.isEnabled()
    panel.form.model.setCurrentText("cnn")
    assert panel.form.config().optimizer == "adam"
    assert not panel.form.momentum.isEnabled()


def test_run_reports_epochs_plots_results_and_writes_run_folder(panel, qtbot, tmp_path):
    with qtbot.waitSignal(panel.run_finished, timeout=20_000) as finished:
        with qtbot.waitSignal(panel.epoch_finished, timeout=20_000) as first_epoch:
            assert panel.start()
    assert first_epoch.args[0].epoch == 1
    assert finished.args[0] == "completed"
    qtbot.waitUntil(lambda: not panel.is_training, timeout=5_000)
    qtbot.waitUntil(lambda: panel.results.results is not None, timeout=5_000)
    assert panel.controls.start_button.isEnabled()
    assert [row["epoch"] for row in panel.plots.history] == [1, 2]
    assert panel.plots.batch_points == 16  # 8 batches per epoch, reported every batch
    panel.plots.flush()
    assert len(panel.plots.test_acc_curve.getData()[0]) == 2
    # The tiny task is learnable: the model is far better than chance.
    assert panel.results.results["accuracy"] > 0.5
    runs = list_runs(tmp_path / "runs")
    assert len(runs) == 1
    run = runs[0]
    assert run.checkpoint_path.is_file()
    assert len(run.read_metrics()) == 2
    assert run.read_status()["state"] == "completed"
    assert json.loads((run.path / "config.json").read_text())["model"] == "softmax"


def test_pause_resume_and_stop(panel, qtbot):
    panel.form.epochs.setValue(50)
    with qtbot.waitSignal(panel.epoch_finished, timeout=20_000):
        panel.start()
    panel.pause()
    assert panel.controls.pause_button.text() == "Resume"
    qtbot.wait(300)  # paused: the loop blocks between batches
    seen = panel.plots.batch_points
    qtbot.wait(300)
    assert panel.plots.batch_points == seen
    panel.resume()
    qtbot.waitUntil(lambda: panel.plots.batch_points > seen, timeout=10_000)
    with qtbot.waitSignal(panel.run_finished, timeout=20_000) as finished:
        panel.stop()
    assert finished.args[0] == "stopped"
    qtbot.waitUntil(lambda: not panel.is_training, timeout=5_000)
    run = list_runs(settings.runs_root())[0]
    assert run.read_status()["state"] == "stopped"
    assert run.checkpoint_path.is_file()  # the last finished epoch is kept


def test_shutdown_during_training_stops_cleanly_and_keeps_checkpoint(panel, qtbot):
    panel.form.epochs.setValue(200)
    with qtbot.waitSignal(panel.epoch_finished, timeout=20_000):
        panel.start()
    session = panel.session
    panel.shutdown()
    assert not session.is_running
    run = list_runs(settings.runs_root())[0]
    assert run.read_status()["state"] == "stopped"
    assert len(run.read_metrics()) >= 1


def _stopped_run(panel, qtbot):
    """Start a long run, stop it after its first epoch, and return its run folder."""
    panel.form.epochs.setValue(50)
    with qtbot.waitSignal(panel.epoch_finished, timeout=20_000):
        panel.start()
    with qtbot.waitSignal(panel.run_finished, timeout=20_000):
        panel.stop()
    qtbot.waitUntil(lambda: not panel.is_training, timeout=5_000)
    return list_runs(settings.runs_root())[0]


def test_reload_a_run_then_resume_it(panel, qtbot):
    run = _stopped_run(panel, qtbot)
    done = len(run.read_metrics())
    panel.plots.clear()
    panel.runs.refresh()
    assert panel.runs.tree.topLevelItemCount() == 1
    # Reload: curves from metrics.jsonl and batch_loss.csv, results from the checkpoint.
    assert panel.open_run(run.path)
    assert len(panel.plots.history) == done
    assert panel.plots.batch_points == done * 8
    qtbot.waitUntil(lambda: panel.results.results is not None, timeout=10_000)
    assert panel.results.confusion.matrix.sum() == 100
    # Resume continues from the last finished epoch, in the same folder.
    with qtbot.waitSignal(panel.epoch_finished, timeout=20_000) as next_epoch:
        assert panel.resume_run(run.path)
    assert next_epoch.args[0].epoch == done + 1
    with qtbot.waitSignal(panel.run_finished, timeout=20_000):
        panel.stop()
    qtbot.waitUntil(lambda: not panel.is_training, timeout=5_000)
    epochs = [row["epoch"] for row in RunDirectory(run.path).read_metrics()]
    assert epochs == list(range(1, len(epochs) + 1)) and len(epochs) > done
    assert len(list_runs(settings.runs_root())) == 1


def test_unwritable_runs_folder_is_a_message_and_nothing_starts(panel, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    settings.set_runs_root(blocker / "runs")
    assert not panel.start()
    assert not panel.is_training
    assert "cannot create" in panel.last_message
    assert panel.controls.start_button.isEnabled()


def test_worker_exception_comes_back_as_a_message(panel, qtbot):
    bad = tiny_split(100, 3)
    bad.images = bad.images[:, :10, :10]  # wrong shape: the model cannot take it
    panel.data_override = (bad, bad)
    with qtbot.waitSignal(panel.run_failed, timeout=20_000) as failed:
        panel.start()
    assert failed.args[0]
    qtbot.waitUntil(lambda: not panel.is_training, timeout=5_000)
    assert panel.last_message == failed.args[0]
    assert panel.controls.start_button.isEnabled()


def test_compare_overlays_another_run(panel, qtbot):
    with qtbot.waitSignal(panel.run_finished, timeout=20_000):
        panel.start()
    qtbot.waitUntil(lambda: not panel.is_training, timeout=5_000)
    run = list_runs(settings.runs_root())[0]
    panel.compare_run(run.path)  # the shown run itself: nothing to overlay
    assert not panel.plots.overlay_shown
    other = shutil.copytree(run.path, run.path.parent / "other")
    panel.compare_run(other)
    assert panel.plots.overlay_shown
    xs, ys = panel.plots._overlay_curves[0][1].getData()
    assert np.allclose(xs, [1, 2])


def test_missing_dataset_explains_where_files_go_and_nothing_starts(panel, qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    settings.set_data_root(tmp_path / "empty")
    panel.data_override = None  # the real dataset, which is not in tmp_path
    # Fashion-MNIST: MNIST always comes with Digit Lab (the bundled copy).
    panel.form.set_config(
        TrainConfig(model="softmax", dataset="fashion-mnist", epochs=2, batch_size=50, lr=0.5)
    )
    seen = {}

    def answer_cancel():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_cancel)
            return
        seen["text"] = box.informativeText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer_cancel)
    assert not panel.start()
    assert str(tmp_path / "empty" / "FashionMNIST" / "raw") in seen["text"]
    assert "Download" in seen["buttons"] and "Choose folder…" in seen["buttons"]
    assert not panel.is_training
    assert "dataset is missing" in panel.controls.status.text()
    assert list_runs(settings.runs_root()) == []


def test_run_with_a_corrupt_checkpoint_is_a_message(panel, qtbot):
    run = _stopped_run(panel, qtbot)
    run.checkpoint_path.write_bytes(run.checkpoint_path.read_bytes()[:300])  # truncated
    assert not panel.resume_run(run.path)
    assert "not a usable Digit Lab checkpoint" in panel.last_message
    assert not panel.is_training
    assert panel.open_run(run.path)  # curves still come from metrics.jsonl
    qtbot.waitUntil(lambda: "No results" in panel.results.summary.text(), timeout=10_000)
    assert panel.results.results is None
