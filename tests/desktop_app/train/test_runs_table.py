"""The runs table: columns for the settings that differ, numeric sorting, the filter, the
name and note, deletion with its confirmation, the disk use, and Compare's colours and
legend."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from desktop_app.common.palette import series_colour
from desktop_app.train.runs_list import MAX_COLUMN_EMS, RunsList
from desktop_app.train.runs_table import size_text
from tests.helpers.run_folders import CONFIG, ROW, make_run
from training_core.run_notes import read_notes


def _run(root, name, acc=0.85, **config):
    return make_run(root, name, config={**CONFIG, **config}, rows=({**ROW, "test_acc": acc},))


def _runs(qtbot, root) -> RunsList:
    runs = RunsList(lambda: root)
    qtbot.addWidget(runs)
    qtbot.waitUntil(lambda: not runs.disk_runner.is_busy, timeout=10_000)
    return runs


def _headers(runs: RunsList) -> list[str]:
    header = runs.tree.headerItem()
    return [header.text(i) for i in range(runs.tree.columnCount())]


def _column(runs: RunsList, key: str) -> int:
    return runs.column_keys().index(key)


def _select(runs: RunsList, name: str) -> None:
    runs.tree.clearSelection()
    for item in runs._items():
        if item.text(0) == name:
            runs.tree.setCurrentItem(item)
            item.setSelected(True)


def test_columns_appear_only_for_settings_that_differ(qtbot, tmp_path):
    root = tmp_path / "runs"
    _run(root, "a")
    _run(root, "b")
    runs = _runs(qtbot, root)
    assert runs.column_keys() == ["name", "state", "epochs", "test_acc", "date"]
    _run(root, "c", lr=0.5, model="mlp")
    runs.refresh()
    assert runs.column_keys()[2:4] == ["model", "lr"]  # in the form's order
    assert "Learning rate" in _headers(runs) and "Dataset" not in _headers(runs)
    cells = {item.text(0): item.text(_column(runs, "lr")) for item in runs._items()}
    assert cells == {"a": "0.1", "b": "0.1", "c": "0.5"}


def test_sorting_is_numeric_and_survives_a_refresh(qtbot, tmp_path):
    root = tmp_path / "runs"
    for name, lr, acc in (("r1", 0.05, 0.9), ("r2", 0.5, 0.1), ("r3", 10, 0.85), ("r4", 2, 1.0)):
        _run(root, name, acc=acc, lr=lr)
    runs = _runs(qtbot, root)
    runs.tree.sortItems(_column(runs, "lr"), Qt.SortOrder.AscendingOrder)
    assert runs.visible_names() == ["r1", "r2", "r4", "r3"]  # as text: 0.05, 0.5, 10, 2
    runs.tree.header().setSortIndicator(_column(runs, "test_acc"), Qt.SortOrder.DescendingOrder)
    assert runs.visible_names() == ["r4", "r1", "r3", "r2"]  # 100% above 90%
    runs.refresh()
    assert runs.visible_names() == ["r4", "r1", "r3", "r2"]


def test_the_filter_matches_name_note_model_and_state(qtbot, tmp_path):
    root = tmp_path / "runs"
    _run(root, "plain")
    _run(root, "conv", model="cnn")
    broken = make_run(root, "broken", status={"state": "stopped"})
    runs = _runs(qtbot, root)
    assert runs.set_notes(str(broken), note="Diverged at LR 5")
    runs.filter.setText("CNN")
    assert runs.visible_names() == ["conv"]
    runs.filter.setText("diverged")
    assert runs.visible_names() == ["broken"]
    runs.filter.setText("stopped")
    assert runs.visible_names() == ["broken"]
    _select(runs, "broken")
    runs.filter.setText("plain")
    assert runs.selected_paths() == []  # a hidden run is never acted on
    assert not runs.open_button.isEnabled()
    runs.filter.clear()
    assert len(runs.visible_names()) == 3


def test_rename_and_note_are_stored_and_the_folder_stays(qtbot, tmp_path, monkeypatch):
    root = tmp_path / "runs"
    path = _run(root, "20240101-120000-mlp-mnist")
    runs = _runs(qtbot, root)
    _select(runs, path.name)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("best\u202e lr\n", True))
    runs.rename_action.trigger()
    assert runs.visible_names() == ["best lr"]
    assert read_notes(path).name == "best lr"
    assert path.is_dir() and [p.name for p in root.iterdir()] == [path.name]
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("first line\nsecond", True)
    )
    runs.note_action.trigger()
    assert read_notes(path).note == "first line\nsecond"
    item = runs._items()[0]
    assert item.text(_column(runs, "note")) == "first line"
    assert "second" in item.toolTip(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    runs.rename_selected()
    assert runs.visible_names() == [path.name]  # an empty name: the folder's again


def test_a_name_that_cannot_be_saved_is_one_line(qtbot, tmp_path):
    root = tmp_path / "runs"
    path = _run(root, "gone-soon")
    runs = _runs(qtbot, root)
    shutil.rmtree(path)
    assert not runs.set_notes(str(path), name="x")
    assert "is gone" in runs.message.text() and not runs.message.isHidden()


@pytest.fixture
def trash(tmp_path, monkeypatch):
    """The system trash, replaced by a folder of the test's own."""
    import send2trash

    bin_ = tmp_path / "trash"
    bin_.mkdir()
    monkeypatch.setattr(send2trash, "send2trash", lambda path: shutil.move(path, bin_))
    return bin_


def _answer(monkeypatch, answer, seen: list):
    def question(parent, title, text, *args):
        seen.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)


def test_delete_asks_naming_the_run_and_its_size_then_trashes_it(
    qtbot, tmp_path, monkeypatch, trash
):
    root = tmp_path / "runs"
    path = _run(root, "doomed")
    (path / "checkpoint.pt").write_bytes(b"x" * 2_500_000)
    _run(root, "kept")
    runs = _runs(qtbot, root)
    _select(runs, "doomed")
    seen = []
    _answer(monkeypatch, QMessageBox.StandardButton.No, seen)
    runs.delete_selected()
    assert path.is_dir() and '"doomed" (2.5 MB)' in seen[0]
    _answer(monkeypatch, QMessageBox.StandardButton.Yes, seen)
    with qtbot.waitSignal(runs.deleted, timeout=10_000):
        runs.delete_action.trigger()
    qtbot.waitUntil(lambda: runs.visible_names() == ["kept"], timeout=5_000)
    assert (trash / "doomed" / "checkpoint.pt").is_file()
    assert "moved to the trash" in runs.message.text()


def test_without_a_trash_it_asks_again_and_deletes_for_good(qtbot, tmp_path, monkeypatch):
    import send2trash

    def no_trash(path):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(send2trash, "send2trash", no_trash)
    root = tmp_path / "runs"
    path = _run(root, "doomed")
    runs = _runs(qtbot, root)
    _select(runs, "doomed")
    seen = []
    _answer(monkeypatch, QMessageBox.StandardButton.Yes, seen)
    runs.delete_selected()
    qtbot.waitUntil(lambda: not path.exists(), timeout=10_000)
    assert "could not be moved to the trash" in seen[1] and "for good" in seen[1]
    qtbot.waitUntil(lambda: runs.visible_names() == [], timeout=5_000)


def test_the_run_training_now_is_never_deleted(qtbot, tmp_path, monkeypatch, trash):
    root = tmp_path / "runs"
    path = _run(root, "busy")
    runs = _runs(qtbot, root)
    runs.training_run = lambda: path
    _select(runs, "busy")
    seen = []
    _answer(monkeypatch, QMessageBox.StandardButton.Yes, seen)
    runs.delete_selected()
    assert seen == [] and "training now" in runs.message.text()
    assert path.is_dir()


def test_disk_use_is_shown(qtbot, tmp_path):
    root = tmp_path / "runs"
    for name in ("a", "b", "c"):
        (_run(root, name) / "checkpoint.pt").write_bytes(b"x" * 400_000)
    runs = _runs(qtbot, root)
    assert runs.folder.text() == "Runs folder: 3 runs, 1.2 MB"
    assert runs.folder.toolTip() == str(root)
    assert size_text(980) == "980 B" and size_text(212_000_000) == "212 MB"


def test_compare_draws_each_run_in_its_own_colour_named_by_its_settings(qtbot, tmp_path):
    from desktop_app.common import settings
    from desktop_app.train.panel import TrainPanel

    root = tmp_path / "runs"
    shown = _run(root, "20240101-100000-mlp", model="mlp", lr=0.1)
    slow = _run(root, "20240101-110000-mlp", model="mlp", lr=0.01)
    fast = _run(root, "20240101-120000-mlp", model="mlp", lr=0.5)
    settings.set_runs_root(root)
    panel = TrainPanel()
    qtbot.addWidget(panel)
    assert panel.open_run(shown)
    panel.runs.tree.clearSelection()
    for item in panel.runs._items():
        item.setSelected(item.text(0) in (slow.name, fast.name))  # Ctrl+click on both
    with qtbot.assertNotEmitted(panel.run_failed):
        panel.runs.compare_button.click()
    curves = panel.plots._overlay_curves
    assert len(curves) == 8  # two runs x (train, test) x (loss, accuracy)
    legend = panel.plots.acc_plot.legend
    names = [label.text for _sample, label in legend.items]
    # One entry per compared run, by the setting it differs in; the shown run keeps its
    # train / test key (the page's title names it).
    assert names[:2] == ["train", "test"]
    assert sorted(names[2:]) == ["mlp · lr 0.01", "mlp · lr 0.5"]
    colours = {curve.opts["pen"].color().getRgb()[:3] for _plot, curve in curves}
    assert colours == {series_colour(2), series_colour(3)}
    panel.plots.clear_overlay()
    assert "test" in [label.text for _sample, label in legend.items]
    panel.shutdown()


def test_f2_renames_and_delete_asks_from_the_keyboard(qtbot, tmp_path, monkeypatch, trash):
    root = tmp_path / "runs"
    path = _run(root, "keyed")
    runs = _runs(qtbot, root)
    runs.show()
    runs.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is runs)
    _select(runs, "keyed")
    runs.tree.setFocus()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("by keyboard", True))
    qtbot.keyClick(runs.tree, Qt.Key.Key_F2)
    assert runs.visible_names() == ["by keyboard"]
    seen = []
    _answer(monkeypatch, QMessageBox.StandardButton.No, seen)
    _select(runs, "by keyboard")
    qtbot.keyClick(runs.tree, Qt.Key.Key_Delete)
    assert '"by keyboard"' in seen[0] and path.is_dir()
    assert [a.text() for a in runs.more_button.menu().actions()] == [
        "&Rename…",
        "&Note…",
        "&Delete…",
    ]


def test_a_long_name_is_elided_and_words_sit_left_numbers_right(qtbot, tmp_path):
    """A long folder name once pushed Test accuracy and Date behind a scrollbar."""
    root = tmp_path / "runs"
    long_name = "20240101-100000-" + "a-very-long-descriptive-run-name-" * 3
    _run(root, long_name, model="mlp")
    _run(root, "short", lr=0.5)
    runs = _runs(qtbot, root)
    limit = runs.fontMetrics().horizontalAdvance("M") * MAX_COLUMN_EMS
    assert runs.tree.columnWidth(0) <= limit
    item = next(i for i in runs._items() if i.text(0) == long_name)
    assert long_name in item.toolTip(0)  # the whole name is still there
    left = Qt.AlignmentFlag.AlignLeft
    right = Qt.AlignmentFlag.AlignRight
    model = Qt.AlignmentFlag(item.textAlignment(_column(runs, "model")))
    assert model & right != right and (model & left or model == Qt.AlignmentFlag(0))
    assert Qt.AlignmentFlag(item.textAlignment(_column(runs, "lr"))) & right == right


def test_only_the_name_and_note_are_cut_never_a_date_or_a_setting(qtbot, tmp_path):
    """With a note, Date was no longer the last column and was cut to "2024-01-01 10..."."""
    root = tmp_path / "runs"
    _run(root, "20240101-100000-" + "long-name-" * 6, lr=0.5)
    _run(root, "20240101-100500-mlp-mnist", lr=0.1)
    runs = _runs(qtbot, root)
    _select(runs, "20240101-100500-mlp-mnist")
    assert runs.set_notes(runs.selected_path(), note="a note long enough to be cut " * 3)
    header = runs.tree.header()
    for key in runs.column_keys():
        if key in ("name", "note"):
            continue
        index = _column(runs, key)
        needed = max(runs.tree.sizeHintForColumn(index), header.sectionSizeHint(index))
        assert runs.tree.columnWidth(index) >= needed, key
