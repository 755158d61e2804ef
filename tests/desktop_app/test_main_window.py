"""The main window: tabs, menus, checkpoints from the File menu, preferences, geometry."""

from __future__ import annotations

import pytest
import torch
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop_app.common import settings
from desktop_app.main_window import MainWindow, about_text
from training_core.checkpoints import save_checkpoint
from training_core.models import build_model


@pytest.fixture
def window(qtbot, tmp_path):
    settings.set_runs_root(tmp_path / "runs")
    win = MainWindow()
    qtbot.addWidget(win)
    yield win
    win.close()


def good_checkpoint(path):
    model = build_model("softmax")
    history = [
        dict(
            epoch=1,
            epochs=1,
            train_loss=0.5,
            train_acc=0.8,
            test_loss=0.4,
            test_acc=0.85,
            epoch_seconds=1.0,
            samples_per_second=1.0,
            lr=0.1,
        )
    ]
    config = {"model": "softmax", "dataset": "mnist", "epochs": 1}
    save_checkpoint(
        path,
        model=model,
        config=config,
        class_names=[str(i) for i in range(10)],
        mean=0.1307,
        std=0.3081,
        history=history,
        epoch=1,
    )
    return path


def test_tabs_in_order_and_train_first(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    # Every tab is built: one that fails to import must fail here, not silently vanish.
    assert titles == ["Train", "Experiments", "Draw", "Inside", "Image tools", "Playground", "Labs"]
    assert list(window.panels) == titles


def test_every_tab_fits_a_1024_pixel_wide_window_even_with_a_long_runs_folder(window, tmp_path):
    long_folder = tmp_path / ("a-very-long-folder-name-" * 8) / "runs"
    settings.set_runs_root(long_folder)
    window.train_panel.runs.refresh()
    assert window.minimumSizeHint().width() <= 1024
    for i in range(window.tabs.count()):
        assert window.tabs.widget(i).minimumSizeHint().width() <= 1024, window.tabs.tabText(i)


def test_menus_have_standard_shortcuts(window):
    actions = {a.text(): a for m in (window.file_menu, window.edit_menu) for a in m.actions()}
    assert not actions["&Open checkpoint…"].shortcut().isEmpty()
    assert not actions["&Save checkpoint as…"].shortcut().isEmpty()
    assert not actions["&Quit"].shortcut().isEmpty()
    assert any(not s.isEmpty() for s in actions["&Preferences…"].shortcuts())


def test_open_checkpoint_emits_and_shows_its_curves(window, qtbot, tmp_path):
    path = good_checkpoint(tmp_path / "model.pt")
    with qtbot.waitSignal(window.checkpoint_selected, timeout=2_000) as selected:
        assert window.open_checkpoint(str(path))
    assert selected.args == [str(path)]
    panel = window.train_panel
    assert [row["epoch"] for row in panel.plots.history] == [1]
    assert panel.current_checkpoint == path
    assert panel.form.model.currentText() == "softmax"


@pytest.mark.parametrize("content", [b"", b"not a checkpoint at all", None, "foreign"])
def test_bad_checkpoint_is_a_message_and_state_stays(window, qtbot, tmp_path, content):
    good = good_checkpoint(tmp_path / "good.pt")
    assert window.open_checkpoint(str(good))
    bad = tmp_path / "bad.pt"
    if content is None:  # truncated
        bad.write_bytes(good.read_bytes()[:200])
    elif content == "foreign":  # a valid torch file that is not ours
        torch.save({"weights": torch.zeros(3)}, bad)
    else:
        bad.write_bytes(content)
    emitted = []
    window.checkpoint_selected.connect(emitted.append)
    assert not window.open_checkpoint(str(bad))
    assert emitted == []
    assert "bad.pt" in window.last_message
    assert window.train_panel.current_checkpoint == good


def test_save_checkpoint_as_copies_without_optimizer(window, tmp_path):
    from training_core.checkpoints import load_checkpoint

    assert not window.save_checkpoint_as(str(tmp_path / "nothing.pt"))
    assert "Train a run" in window.last_message
    good = good_checkpoint(tmp_path / "good.pt")
    window.open_checkpoint(str(good))
    target = tmp_path / "copy.pt"
    assert window.save_checkpoint_as(str(target))
    assert load_checkpoint(target).optimizer_state is None


def test_export_curves_writes_png_and_csv(window, tmp_path):
    window.open_checkpoint(str(good_checkpoint(tmp_path / "good.pt")))
    written = window.export_curves(str(tmp_path / "export"))
    names = sorted(p.name for p in written)
    assert "curves_epoch_accuracy.png" in names and "curves_epoch_accuracy.csv" in names
    assert all(p.stat().st_size > 0 for p in written)
    assert (tmp_path / "export" / "curves_epoch_loss.png").read_bytes()[:4] == b"\x89PNG"


def test_use_in_draw_reemits_checkpoint_path(window, qtbot):
    with qtbot.waitSignal(window.checkpoint_selected, timeout=1_000) as selected:
        window.train_panel.runs.use_in_draw_requested.emit("/some/run/checkpoint.pt")
    assert selected.args == ["/some/run/checkpoint.pt"]
    assert window.tabs.currentWidget() is window.panels["Draw"]


def test_geometry_persists(qtbot, tmp_path):
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.close()
    assert QSettings().value("window/geometry") is not None
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)
    second.close()


def test_preferences_round_trip(tmp_path):
    from training_core.runs import default_runs_root

    assert settings.data_root() is None
    assert settings.runs_root() == default_runs_root()
    settings.set_data_root(tmp_path / "data")
    settings.set_runs_root(tmp_path / "runs")
    settings.set_preferred_device("cpu")
    assert settings.data_root() == str(tmp_path / "data")
    assert settings.runs_root() == tmp_path / "runs"
    assert settings.preferred_device() == "cpu"
    settings.set_preferred_device("no-such-device")
    assert settings.preferred_device() == "auto"
    settings.set_data_root(None)
    assert settings.data_root() is None


def test_preferences_dialog_saves_on_ok(qtbot, tmp_path):
    dialog = settings.PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.runs_folder.edit.setText(str(tmp_path / "elsewhere"))
    dialog.device.setCurrentText("cpu")
    dialog.accept()
    assert settings.runs_root() == tmp_path / "elsewhere"
    assert settings.preferred_device() == "cpu"
    # Saved in the core's preferences file (which the CLI reads), not in QSettings.
    from training_core import preferences
    from training_core.runs import resolve_runs_root

    assert preferences.load().runs_root == str(tmp_path / "elsewhere")
    assert resolve_runs_root() == tmp_path / "elsewhere"
    assert not any(key.startswith("preferences/") for key in QSettings().allKeys())


def test_about_names_versions():
    text = about_text()
    assert "PyTorch" in text and "CUDA" in text and "Qt" in text and "Digit Lab" in text


@pytest.mark.parametrize("answer", ["No", "Yes"])
def test_closing_during_training_asks_then_stops_the_worker(
    window, qtbot, tiny_digits, monkeypatch, answer
):
    from training_core.config import TrainConfig
    from training_core.runs import list_runs

    asked = []
    reply = getattr(QMessageBox.StandardButton, answer)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or reply)
    panel = window.train_panel
    panel.data_override = tiny_digits
    panel.form.set_config(TrainConfig(model="softmax", epochs=500, batch_size=50, device="cpu"))
    with qtbot.waitSignal(panel.epoch_finished, timeout=20_000):
        assert panel.start()
    session = panel.session
    window.show()
    quit_action = next(a for a in window.file_menu.actions() if a.text() == "&Quit")
    quit_action.trigger()  # Ctrl+Q; the close button asks the same way (a spontaneous close)
    assert asked and asked[0].startswith("A training run is still running")
    if answer == "No":  # nothing changes: the run goes on, the window stays
        assert session.is_running and window.isVisible()
        panel.stop()
        session.wait(10)
        return
    assert not session.is_running
    run = list_runs(settings.runs_root())[0]
    assert run.read_status()["state"] == "stopped"
    assert run.checkpoint_path.is_file()


def test_a_close_from_code_does_not_ask(window, qtbot, tiny_digits, monkeypatch):
    """QApplication.quit() on a logout closes the window from code: no question, since
    nobody may be there to answer; the run stops and keeps its checkpoint."""
    from training_core.config import TrainConfig

    monkeypatch.setattr(QMessageBox, "question", lambda *args: pytest.fail("must not ask"))
    panel = window.train_panel
    panel.data_override = tiny_digits
    panel.form.set_config(TrainConfig(model="softmax", epochs=500, batch_size=50, device="cpu"))
    with qtbot.waitSignal(panel.epoch_finished, timeout=20_000):
        assert panel.start()
    session = panel.session
    window.show()
    window.close()
    assert not window.isVisible() and not session.is_running


def test_quitting_without_asking_and_a_second_shutdown_are_safe(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: pytest.fail("must not ask"))
    window.show()
    window.quit_without_asking()
    assert not window.isVisible()
    window.shutdown()  # aboutToQuit after the close: nothing happens twice


def test_help_menu_opens_the_log_folder(window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from training_core import app_log

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    action = next(a for a in window.help_menu.actions() if "log folder" in a.text())
    action.trigger()
    assert opened == [str(app_log.log_path().parent)]
