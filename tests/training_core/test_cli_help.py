"""``digit-lab --help`` is the first thing a new user reads: it must say that the bare
command opens the window, and every option of every command must say what it does."""

from __future__ import annotations

import argparse

from desktop_app import cli as entry_point
from training_core.cli import build_parser


def _actions(parser: argparse.ArgumentParser, command: str):
    """(command, action) for every option and argument of ``parser`` and its subcommands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield f"{command} {name}", argparse.Action([name], name, help=helps.get(name))
                yield from _actions(sub, f"{command} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield command, action


def test_every_option_of_every_command_has_a_one_line_description():
    actions = list(_actions(build_parser(), "digit-lab"))
    assert len(actions) > 60  # the walk reached the subcommands' options
    missing = [
        f"{command} {'/'.join(action.option_strings) or action.dest}"
        for command, action in actions
        if not (action.help or "").strip() or action.help == argparse.SUPPRESS
    ]
    assert not missing, "options without help:\n" + "\n".join(missing)
    multi_line = [a.dest for _, a in actions if "\n" in (a.help or "")]
    assert not multi_line, multi_line


def test_the_walk_sees_an_option_without_help():
    parser = argparse.ArgumentParser(prog="x")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("go", help="go").add_argument("--quiet", action="store_true")
    undocumented = [a.dest for _, a in _actions(parser, "x") if not a.help]
    assert undocumented == ["quiet"]


def test_bare_help_says_the_bare_command_opens_the_window(capsys):
    assert entry_point.main(["--help"]) == 0
    text = capsys.readouterr().out
    head = text[: text.index("positional arguments")]  # said before the command list
    assert "opens the Digit Lab window" in head
    assert "With no command" in head
    for command in ("train", "eval", "predict", "export", "sweep", "lab"):
        assert f"\n    {command} " in text  # every command listed with its one line
    assert "--install-desktop-entry" in text


def test_train_help_shows_each_training_options_own_description():
    from training_core.config import TrainConfig

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    text = " ".join(commands.choices["train"].format_help().split())
    for opt in TrainConfig.options():
        assert " ".join(opt.help.split()) in text, opt.flag
