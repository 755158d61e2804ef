"""Defining a sweep: values checked by the option's own parser (one-line errors), the trial
count, presets, and the command line that Start runs."""

from __future__ import annotations

import sys

import pytest

from desktop_app.experiments.editor import SweepEditor, presets
from desktop_app.experiments.runner import sweep_argv
from training_core.cli import build_parser
from training_core.config import TrainConfig


@pytest.fixture
def editor(qtbot):
    widget = SweepEditor()
    qtbot.addWidget(widget)
    return widget


def test_varied_options_multiply_into_trials(editor):
    assert editor.problem() is not None  # nothing to vary yet
    assert editor.vary("lr", "0.01, 0.1,1")
    assert editor.vary("optimizer", "sgd,adam")
    assert editor.grid == {"lr": [0.01, 0.1, 1.0], "optimizer": ["sgd", "adam"]}
    assert editor.trial_count() == 6 and editor.problem() is None
    assert "6" in editor.summary.text()
    assert [editor.varied_list.item(i).text() for i in range(2)] == [
        "lr = 0.01, 0.1, 1",
        "optimizer = sgd, adam",
    ]
    editor.varied_list.setCurrentRow(0)
    editor.remove_selected()
    assert editor.grid == {"optimizer": ["sgd", "adam"]} and editor.trial_count() == 2


@pytest.mark.parametrize(
    "option, text, words",
    [
        ("lr", "0.1, -1", "learning rate"),
        ("lr", "fast", "learning rate"),
        ("optimizer", "sgd, rmsprop", "optimizer"),
        ("batch_size", "32, 0.5", "batch size"),
        ("lr", "0.1,0.1", "twice"),
    ],
)
def test_a_value_the_option_refuses_is_one_line_and_nothing_changes(editor, option, text, words):
    assert not editor.vary(option, text)
    assert editor.grid == {}
    message = editor.error.text()
    assert words in message and "\n" not in message


def test_typed_values_are_added_from_the_line_edit(editor):
    editor.option_box.setCurrentText("init")
    editor.values_edit.setText("default, kaiming")
    editor.values_edit.returnPressed.emit()
    assert editor.grid == {"init": ["default", "kaiming"]}
    assert editor.values_edit.text() == ""
    assert not editor.add_current()  # empty: says what to type
    assert editor.error.text()


def test_the_command_is_one_the_cli_accepts(editor, tmp_path):
    editor.vary("lr", "0.01,0.5")
    base = TrainConfig(model="mlp", epochs=1, lr=0.123456789, device="cpu")
    argv = sweep_argv(
        name="s",
        events=tmp_path / "e.jsonl",
        runs_root=tmp_path,
        base=base,
        grid=editor.grid,
        train_size=500,
    )
    assert argv[:4] == [sys.executable, "-m", "training_core.cli", "sweep"]
    assert "--grid" in argv and "lr=0.01,0.5" in argv
    assert argv[argv.index("--lr") + 1] == "0.123456789"  # the form's value, exactly
    parser = build_parser()
    if "sweep" not in parser._subparsers._group_actions[0].choices:  # pragma: no cover
        pytest.skip("digit-lab sweep is not registered in this tree yet")
    args = parser.parse_args(argv[3:])
    assert args.command == "sweep"


def test_a_preset_replaces_the_own_sweep(editor):
    found = presets()
    if not found:
        pytest.skip("training_core.sweep_presets has no presets in this tree")
    preset = found[0]
    assert editor.choose_preset(preset.name)
    assert editor.preset == preset.name and editor.problem() is None
    assert editor.own.isHidden() and editor.description.text()
    argv = sweep_argv(name="s", events="e", runs_root="r", preset=editor.preset)
    assert argv[argv.index("--preset") + 1] == preset.name
    assert "--grid" not in argv and "--model" not in argv  # the preset brings its own
