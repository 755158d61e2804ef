"""The Labs tab and the lab guide bar: listing, language, actions that drive the other tabs,
questions answered from the student's own runs, the report, hostile text, the window fit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from desktop_app.common import i18n, settings
from desktop_app.common.layout import scroll_area_of
from desktop_app.labs.panel import LabsPanel
from desktop_app.labs.text import is_web_link
from desktop_app.main_window import MainWindow
from training_core import preferences
from training_core.resources import labs_dir

BUILT_IN = ("softmax-scratch", "mlp-mnist", "nonlinearity", "softmax-cross-entropy",
            "softmax-mistake")  # fmt: skip


@pytest.fixture
def window(qtbot, tmp_path, tiny_digits, lab_folder):
    settings.set_runs_root(tmp_path / "runs")
    preferences.update(labs_folder=str(lab_folder))
    win = MainWindow()
    qtbot.addWidget(win)
    win.train_panel.data_override = tiny_digits
    win.train_panel.report_every = 4
    yield win
    win.shutdown()


@pytest.fixture
def panel(qtbot, lab_folder):
    """The Labs tab alone (no other tab to drive): listing, language, text."""
    preferences.update(labs_folder=str(lab_folder))
    widget = LabsPanel()
    qtbot.addWidget(widget)
    yield widget
    widget.shutdown()


def labs_of(window):
    return window.panels["Labs"]


def open_tiny_lab(window):
    labs = labs_of(window)
    assert labs.select_lab("tiny-lab")
    labs.start_lab()
    return labs, labs.bar


def run_step_action(qtbot, window, bar, index=0):
    """Press the step's action button; wait for its run to finish in the Train tab."""
    train = window.train_panel
    with qtbot.waitSignal(window.links.training_ended, timeout=30_000) as ended:
        bar.action_buttons[index].click()
    qtbot.waitUntil(lambda: not train.is_training, timeout=5_000)
    return ended.args[0]


def final_accuracy(run_folder) -> float:
    lines = (run_folder / "metrics.jsonl").read_text().splitlines()
    return json.loads(lines[-1])["test_acc"]


def answer(qtbot, bar, text):
    bar.answer.setEditText(text)
    guide = bar.guide
    assert bar.check()
    qtbot.waitUntil(lambda: not guide.is_busy, timeout=20_000)
    assert bar.question.key in guide.session.answers, bar.feedback.text()
    return guide.session.answers[bar.question.key]


def test_lists_built_in_and_user_labs_and_a_broken_file_with_its_error(panel):
    labs = panel
    ids = [info.id for info in labs.listing.labs]
    assert "tiny-lab" in ids
    if any(labs_dir().glob("*.md")):  # the built-in chapters (issue 20), English first
        assert set(BUILT_IN) <= set(ids)
    broken = [t for t in labs.lab_titles() if "broken-lab.md" in t]
    assert len(broken) == 1 and "no_such_question" in broken[0] and ":10:" in broken[0]
    labs.labs_list.setCurrentRow(labs.lab_titles().index(broken[0]))
    assert "no_such_question" in labs.text.toPlainText()
    assert not labs.start_button.isEnabled()


def test_the_ui_language_picks_the_lab_text(panel, monkeypatch):
    labs = panel
    labs.select_lab("tiny-lab")
    assert labs.shown.language == "en" and "A tiny lab" in labs.heading.text()
    monkeypatch.setattr(i18n, "_active", i18n.CHINESE)
    labs.refresh()
    assert "小实验" in labs.lab_titles()
    labs.select_lab("tiny-lab")
    assert labs.shown.language == "zh_CN" and "小实验" in labs.heading.text()
    labs.steps_list.setCurrentRow(1)
    assert "训练第一个模型" in labs.text.toPlainText()
    if any(labs_dir().glob("*.zh_CN.md")):
        labs.select_lab(BUILT_IN[0])
        assert labs.shown.language == "zh_CN" and not labs.shown.fallback


def test_html_in_a_lab_shows_as_text_and_links_never_open_by_themselves(panel, monkeypatch):
    labs = panel
    labs.select_lab("tiny-lab")
    labs.steps_list.setCurrentRow(0)
    shown = labs.text.toPlainText()
    assert "<script>" in shown and "<b>this</b>" in shown
    assert '<a href="file:///etc/passwd">' in shown
    assert not labs.text.openLinks() and not labs.text.openExternalLinks()
    opened = []
    monkeypatch.setattr("desktop_app.labs.text.QDesktopServices.openUrl", opened.append)
    assert not labs.text.ask_to_open(QUrl("file:///etc/passwd"))
    assert opened == []
    assert is_web_link(QUrl("https://example.org/lab"))
    assert not is_web_link(QUrl("javascript:alert(1)"))


@pytest.mark.slow
def test_actions_train_and_questions_are_answered_from_the_runs_then_the_report(
    window, qtbot, tmp_path
):
    labs, bar = open_tiny_lab(window)
    assert not labs.dock.isHidden()
    train = window.train_panel
    # Before its run exists, the question says what to do first and checks nothing.
    assert bar.guide.step_index == 0 and "run a" in bar.feedback.text()
    bar.answer.setEditText("90")
    assert not bar.check()
    assert "step 1" in bar.feedback.text() and bar.guide.session.answers == {}
    # Step 1: the action sets the Train form to the lab's settings and starts a run.
    folder_a = run_step_action(qtbot, window, bar)
    config = train.form.config()
    assert (config.model, config.epochs, config.batch_size, config.lr) == ("softmax", 2, 50, 0.5)
    assert bar.guide.session.runs["a"]["path"] == folder_a
    acc_a = final_accuracy(train.current_run)
    given = answer(qtbot, bar, f"{acc_a * 100:.1f}")
    assert given["correct"] and given["expected"] == f"{acc_a:.1%}"
    wrong = answer(qtbot, bar, f"{(acc_a - 0.2) * 100:.1f}")
    assert not wrong["correct"] and f"{acc_a:.1%}" in wrong["feedback"]
    assert "✗" in bar.feedback.text()

    # Step 2: another run with other settings expects another answer.
    bar.next_button.click()
    assert bar.guide.step_index == 1
    run_step_action(qtbot, window, bar)
    acc_b = final_accuracy(train.current_run)
    assert acc_b != acc_a
    given_b = answer(qtbot, bar, f"{acc_b * 100:.1f}")
    assert given_b["correct"] and given_b["expected"] == f"{acc_b:.1%}" != given["expected"]
    bar.question_picker.setCurrentIndex(1)  # which run is better: computed from both
    qtbot.waitUntil(lambda: bar.answer.count() == 2, timeout=10_000)  # the runs as choices
    better = "a" if acc_a > acc_b else "b"
    assert answer(qtbot, bar, better)["correct"]
    bar.action_buttons[1].click()  # compare: run a shown, run b's curves over it
    assert train.current_run == Path(folder_a) and window.tabs.currentWidget() is train
    assert train.plots._overlay_curves  # the other run's dashed curves

    # The session is saved: a new window continues at this step with these answers.
    from training_core.lab_session import load_session

    saved = load_session("tiny-lab")
    assert saved.step == 1 and set(saved.runs) == {"a", "b"} and len(saved.answers) == 3

    # The report: one HTML file with the answers and the curves as images.
    report = tmp_path / "report.html"
    worker = labs.save_report(str(report))
    assert worker is not None and worker.wait(30)
    qtbot.waitUntil(lambda: "report.html" in labs.last_message, timeout=5_000)
    html = report.read_text(encoding="utf-8")
    assert f"{acc_b * 100:.1f}" in html and "A tiny lab" in html
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', html)) >= 2
    assert "<script>alert" not in html  # the lab's hostile prose is escaped


def test_other_actions_set_their_tabs_up_and_the_session_continues(window, qtbot):
    labs, bar = open_tiny_lab(window)
    bar.next_button.click()
    bar.next_button.click()
    assert bar.guide.step_index == 2 and not bar.next_button.isEnabled()
    bar.guide.lab = None  # as after a restart: the session file is read again
    labs.start_lab()
    assert bar.guide.step_index == 2 and "3 of 3" in bar.step_label.text()
    assert [b.isVisibleTo(bar) for b in bar.action_buttons[:3]] == [True, True, False]
    bar.action_buttons[0].click()
    tools = window.panels["Image tools"]
    assert window.tabs.currentWidget() is tools
    assert [step.op_name for step in tools.chain.enabled_steps()] == ["threshold"]
    qtbot.waitUntil(lambda: tools.source is not None, timeout=10_000)
    bar.action_buttons[1].click()
    playground = window.panels["Playground"]
    assert window.tabs.currentWidget() is playground
    view = playground.classification
    assert playground.views.currentWidget() is view
    assert view.model_controls.kind.currentData() == "linear"
    assert not view.transport.play_button.isChecked()
    # Its named run is the same settings trained headless: its numbers go in the session.
    qtbot.waitUntil(lambda: bar.guide.run_state("flat") == "completed", timeout=20_000)
    kept = bar.guide.session.runs["flat"]
    assert kept["kind"] == "playground" and len(kept["history"]) == 20
    assert "run flat: finished" in bar.runs_label.text()


def test_a_run_already_training_is_never_replaced(window, qtbot):
    _, bar = open_tiny_lab(window)
    train = window.train_panel
    train.form.epochs.setValue(50)
    assert train.start()
    bar.action_buttons[0].click()
    assert "Stop the current run first" in bar.feedback.text()
    assert "a" not in bar.guide.session.runs
    train.stop()
    qtbot.waitUntil(lambda: not train.is_training, timeout=20_000)


def test_the_lab_bar_fits_a_1024_by_576_window(window, qtbot):
    window.resize(1024, 576)
    window.show()
    labs, bar = open_tiny_lab(window)
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=2_000)
    assert bar.minimumSizeHint().width() <= 1024
    assert bar.sizeHint().height() <= 110
    assert labs.minimumSizeHint().width() <= 1024 and labs.minimumSizeHint().height() <= 400
    assert window.minimumSizeHint().width() <= 1024
    view = window.view_menu.actions()[0]
    assert view.isChecked() and not view.shortcut().isEmpty()
    view.trigger()
    assert not labs.dock.isVisible()


def test_a_lab_pack_is_imported_and_listed_and_the_labs_folder_opens(
    panel, qtbot, tmp_path, tiny_lab_text, monkeypatch
):
    import zipfile

    pack = tmp_path / "pack.zip"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("packed-lab.md", tiny_lab_text.replace("id: tiny-lab", "id: packed-lab"))
    worker = panel.import_pack(str(pack))
    assert worker.wait(10)
    qtbot.waitUntil(lambda: "packed-lab" in [i.id for i in panel.listing.labs], timeout=5_000)
    assert "Imported 1" in panel.last_message
    # Importing again would replace it: refused with one line, the list unchanged.
    worker = panel.import_pack(str(pack))
    assert worker.wait(10)
    qtbot.waitUntil(lambda: "already exists" in panel.last_message, timeout=5_000)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    assert panel.import_pack(str(bad)).wait(10)
    qtbot.waitUntil(lambda: "bad.zip" in panel.last_message, timeout=5_000)
    opened = []
    monkeypatch.setattr("desktop_app.labs.panel.QDesktopServices.openUrl", opened.append)
    folder = panel.open_labs_folder()
    assert folder.is_dir() and (folder / "packed-lab.md").is_file()
    assert opened[0].toLocalFile() == str(folder)


def test_a_train_action_offers_its_other_dataset_only_when_it_is_here(panel, monkeypatch):
    requests = []
    panel.links.run_training.connect(lambda options, start: requests.append(options))
    panel.select_lab("tiny-lab")
    panel.start_lab()
    bar = panel.bar
    assert [b.isVisibleTo(bar) for b in bar.action_buttons[:2]] == [True, False]
    monkeypatch.setattr("desktop_app.labs.guide.is_available", lambda name, root: True)
    bar.refresh()
    assert bar.action_buttons[1].isVisibleTo(bar)
    assert "fashion-mnist" in bar.action_buttons[1].text()
    bar.action_buttons[0].click()
    bar.action_buttons[1].click()
    assert [r["dataset"] for r in requests] == ["mnist", "fashion-mnist"]
    assert {r["model"] for r in requests} == {"softmax"} and requests[0]["lr"] == 0.5


def test_a_run_stopped_by_closing_the_window_is_not_finished_when_the_lab_resumes(panel, tmp_path):
    panel.select_lab("tiny-lab")
    panel.start_lab()
    guide, bar = panel.guide, panel.bar
    folder = tmp_path / "run-a"
    folder.mkdir()
    (folder / "config.json").write_text('{"model": "softmax"}')
    status = folder / "status.json"
    status.write_text('{"state": "stopped", "message": "stopped during epoch 1"}')
    guide.session.set_train_run("a", str(folder))  # made in an earlier sitting
    bar.refresh()
    assert guide.run_state("a") == "stopped"
    assert "run a: stopped" in bar.runs_text()
    status.write_text('{"state": "completed", "message": ""}')
    assert guide.run_state("a") == "completed"
    status.unlink()  # an older run without a status stays as it was: finished
    assert guide.run_state("a") == "completed"


def test_feedback_scrolls_into_sight_in_a_small_window(window, qtbot):
    """At 1024x576 the docked bar scrolls, and a student's ✓ or ✗ sat below its edge."""
    window.resize(1024, 576)
    window.show()
    qtbot.waitExposed(window)
    labs, bar = open_tiny_lab(window)
    area = scroll_area_of(bar)
    area.setFixedHeight(60)  # room for one row: the feedback line is out of sight
    bar.show_feedback("Right: 91.2%.", True)
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 0, timeout=2_000)
    top = bar.feedback.mapTo(area.viewport(), bar.feedback.rect().topLeft()).y()
    assert 0 <= top and top + bar.feedback.height() <= area.viewport().height() + 1
