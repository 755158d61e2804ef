"""The Export dialog: the three exports of a run, each previewed (code in colour), saved by a
worker; reached from the Runs list and from File > Export model…."""

from __future__ import annotations

import json

import onnx
import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.common import settings
from desktop_app.main_window import MainWindow
from desktop_app.train import export_dialog
from desktop_app.train.export_dialog import ExportDialog
from desktop_app.train.runs_list import RunsList
from training_core.config import TrainConfig
from training_core.export import ExportError, read_source, render_code
from training_core.runs import RunDirectory
from training_core.training import train


@pytest.fixture
def run_folder(tmp_path, tiny_digits):
    """A finished one-epoch softmax run in a runs folder (a fraction of a second)."""
    config = TrainConfig(model="softmax", epochs=1, batch_size=50, device="cpu")
    run = RunDirectory.create(tmp_path / "runs", config.to_dict())
    result = train(config, run_dir=run, data=tiny_digits)
    assert result.status == "completed"
    return run.path


def make_dialog(qtbot, source) -> ExportDialog:
    dialog = ExportDialog(source)
    qtbot.addWidget(dialog)
    return dialog


def test_a_run_with_weights_previews_all_three(qtbot, run_folder):
    dialog = make_dialog(qtbot, run_folder)
    assert run_folder.name in dialog.heading.text()
    assert dialog.format == "onnx"  # a trained run: the model first
    assert "digit_lab.class_names" in dialog.preview_text()
    assert dialog.save_button.isEnabled()
    dialog.select("script")
    assert "def train_epoch(" in dialog.preview_text()
    assert "color:" in dialog.preview.toHtml()  # coloured as Python
    assert dialog.preview_text().rstrip() == render_code(read_source(run_folder), "script").rstrip()
    dialog.select("notebook")
    assert dialog.preview_text().startswith("# %% [markdown]")
    assert dialog.default_name() == "train_softmax.ipynb"


def test_the_dialog_fits_a_small_window(qtbot, run_folder):
    dialog = make_dialog(qtbot, run_folder)
    dialog.show()
    assert dialog.width() <= 1024 and dialog.height() <= 576
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 576


@pytest.mark.parametrize("fmt", ["script", "notebook", "onnx"])
def test_saving_writes_the_file_in_a_worker(qtbot, run_folder, tmp_path, fmt):
    dialog = make_dialog(qtbot, run_folder)
    dialog.select(fmt)
    out = tmp_path / f"export.{ {'script': 'py', 'notebook': 'ipynb', 'onnx': 'onnx'}[fmt] }"
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as signal:
        dialog.export_to(out)
    assert signal.args[0].startswith(f"wrote {out}")
    assert out.name in dialog.status.text()
    if fmt == "onnx":
        metadata = {p.key: p.value for p in onnx.load(out).metadata_props}
        assert json.loads(metadata["digit_lab.class_names"])[0] == "0"
    else:
        assert out.read_text() == render_code(read_source(run_folder), fmt)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())


def test_a_run_without_a_checkpoint_offers_only_code(qtbot, tmp_path):
    folder = tmp_path / "fresh"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps(TrainConfig(model="cnn").to_dict()))
    dialog = make_dialog(qtbot, folder)
    onnx_button = next(b for b in dialog.buttons.buttons() if b.property("format") == "onnx")
    assert not onnx_button.isEnabled()
    assert dialog.format == "script" and dialog.save_button.isEnabled()


def test_a_damaged_source_is_one_line_and_nothing_to_save(qtbot, tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"garbage")
    dialog = make_dialog(qtbot, bad)
    assert dialog.heading.text().startswith("Cannot export")
    assert "\n" not in dialog.error_message
    assert not dialog.save_button.isEnabled()


def test_a_failed_export_says_why_with_details(qtbot, run_folder, tmp_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise ExportError("the disk is full (no space left on the device)")

    monkeypatch.setattr(export_dialog.core_export, "write_export", refuse)
    dialog = make_dialog(qtbot, run_folder)
    dialog.select("script")
    with qtbot.waitSignal(dialog.export_failed, timeout=10_000):
        dialog.export_to(tmp_path / "x.py")
    assert "the disk is full" in dialog.status.text()
    boxes = [w for w in dialog.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and "the disk is full" in boxes[0].text()
    assert any(b.text() == "Copy details" for b in boxes[0].buttons())
    boxes[0].close()
    assert not (tmp_path / "x.py").exists()


def test_the_runs_list_exports_the_selected_run(qtbot, run_folder):
    runs = RunsList(lambda: run_folder.parent)
    qtbot.addWidget(runs)
    assert not runs.export_button.isEnabled()  # nothing selected yet
    assert runs.select(run_folder)
    assert runs.export_button.isEnabled()
    runs.export_button.click()
    dialog = runs.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert f'the run "{run_folder.name}"' in dialog.heading.text()
    dialog.reject()


def test_file_export_model_opens_the_dialog_for_the_shown_run(qtbot, run_folder):
    settings.set_runs_root(run_folder.parent)
    window = MainWindow()
    qtbot.addWidget(window)
    action = next(a for a in window.file_menu.actions() if a.text() == "Export &model…")
    action.trigger()  # nothing shown yet: a message instead of a dialog
    assert "Train a run or open one" in window.last_message
    assert window.open_checkpoint(str(run_folder / "checkpoint.pt"))
    dialog = window.export_model()
    assert isinstance(dialog, ExportDialog)
    assert f'the run "{run_folder.name}"' in dialog.heading.text()
    dialog.reject()
    window.close()
