"""Options declared once: ranges enforced everywhere, the CLI generated, the model registry."""

import json
import math
import re
from pathlib import Path

import pytest

from tests.helpers.dummy_option import HELP, add_dummy_option
from training_core.checkpoints import load_checkpoint
from training_core.cli import main
from training_core.cli_train import train_arguments
from training_core.config import ConfigError, TrainConfig, default_config
from training_core.models import MODELS

OPTIONS = TrainConfig.options()
NUMBERS = [opt for opt in OPTIONS if not opt.choices]
# The results table moved from the README to docs/results.md (issue 13).
RESULTS_PAGE = Path(__file__).resolve().parents[2] / "docs" / "results.md"


def outside(opt) -> list:
    """Values just past each end of ``opt``'s range, and absurd ones."""
    low = opt.low if opt.low_open else opt.low - (1 if opt.type is int else 1e-9)
    high = opt.high if opt.high_open else opt.high + (1 if opt.type is int else 1e-9)
    absurd = [2**70, -(2**70)] if opt.type is int else [1e308, -1e308, math.inf, math.nan]
    return [low, high, *absurd, True, "1"]


def cli_error(capsys, *argv) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's own errors
        code = exit_.code
    return code, capsys.readouterr().err


def test_every_number_has_both_ends_of_a_range_and_every_default_is_valid():
    assert all(opt.low is not None and opt.high is not None for opt in NUMBERS)
    for opt in OPTIONS:
        assert opt.problem(opt.default) is None, opt.name
        assert opt.help and opt.label and opt.flag == "--" + opt.name.replace("_", "-")


@pytest.mark.parametrize("opt", NUMBERS, ids=lambda o: o.name)
def test_validate_enforces_every_range_naming_the_option(opt):
    for value in outside(opt):
        with pytest.raises(ConfigError) as error:
            TrainConfig(**{opt.name: value}).validate()
        assert opt.label in str(error.value) and "\n" not in str(error.value)
    for end, open_ in ((opt.low, opt.low_open), (opt.high, opt.high_open)):
        if not open_:  # a closed end is itself allowed
            TrainConfig(**{opt.name: opt.type(end)}).validate()


@pytest.mark.parametrize("opt", [o for o in OPTIONS if o.choices], ids=lambda o: o.name)
def test_validate_refuses_unknown_choices_naming_the_option(opt):
    with pytest.raises(ConfigError, match=f"unknown {opt.label} 'nonsense'"):
        TrainConfig(**{opt.name: "nonsense"}).validate()


@pytest.mark.parametrize("opt", NUMBERS, ids=lambda o: o.name)
def test_the_cli_enforces_every_range_with_one_line(opt, capsys):
    for value in outside(opt)[:-2]:  # not True / "1": the command line only has text
        code, err = cli_error(capsys, "train", f"{opt.flag}={value}")
        assert code == 2 and opt.flag in err and opt.label in err, err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--batch-size", "1180591620717411303424"],
        ["--weight-decay", "1e308"],
        ["--seed", "99999999999999999999999"],
        ["--epochs", "1e9"],
        ["--lr", "-inf"],
    ],
)
def test_absurd_numbers_on_the_command_line_are_one_line(argv, capsys):
    code, err = cli_error(capsys, "train", *argv)
    assert code == 2 and argv[0] in err and len(err.strip().splitlines()) == 1


def test_the_train_help_lists_every_option_with_its_help_and_the_models(capsys):
    code, out = cli_help(capsys)
    assert code == 0
    for opt in OPTIONS:
        assert opt.flag in out and flat(opt.help)[:30] in out
    for spec in MODELS.values():
        assert flat(spec.display_name) in out


def cli_help(capsys) -> tuple[int, str]:
    try:
        main(["train", "--help"])
    except SystemExit as exit_:
        return exit_.code, flat(capsys.readouterr().out)
    raise AssertionError("--help did not exit")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_new_option_is_in_the_help_and_checked_and_saved_with_the_run(
    monkeypatch, capsys, fashion_root, tmp_path
):
    add_dummy_option(monkeypatch)
    code, out = cli_help(capsys)
    assert code == 0 and "--mixup FLOAT" in out and flat(HELP) in out
    assert "<= 0.4" in out
    code, err = cli_error(capsys, "train", "--mixup", "0.9")
    assert code == 2 and "mixup" in err and len(err.strip().splitlines()) == 1

    out_dir = tmp_path / "run"
    code, err = cli_error(
        capsys,
        "train",
        "--model",
        "softmax",
        "--dataset",
        "fashion-mnist",
        "--epochs",
        "1",
        "--device",
        "cpu",
        "--data-root",
        str(fashion_root),
        "--out",
        str(out_dir),
        "--mixup",
        "0.25",
    )
    assert code == 0, err
    assert json.loads((out_dir / "config.json").read_text())["mixup"] == 0.25
    assert load_checkpoint(out_dir / "checkpoint.pt").config["mixup"] == 0.25


def test_resuming_cannot_change_the_model(capsys, fashion_root, tmp_path):
    out_dir = tmp_path / "run"
    common = ["--data-root", str(fashion_root), "--device", "cpu"]
    code, err = cli_error(
        capsys,
        "train",
        "--model",
        "softmax",
        "--dataset",
        "fashion-mnist",
        "--epochs",
        "1",
        "--out",
        str(out_dir),
        *common,
    )
    assert code == 0, err
    code, err = cli_error(
        capsys,
        "train",
        "--resume",
        str(out_dir / "checkpoint.pt"),
        "--model",
        "cnn",
        "--epochs",
        "2",
        *common,
    )
    assert code == 1 and "softmax" in err and "--model" in err


@pytest.mark.parametrize("name", list(MODELS))
def test_every_models_settings_and_recipes_are_valid(name):
    spec = MODELS[name]
    assert spec.display_name and spec.description and spec.source and spec.weights_shown
    assert set(spec.defaults) <= {opt.name for opt in OPTIONS}
    assert default_config(name) == TrainConfig(model=name, **spec.defaults)
    for recipe in spec.recipes:
        default_config(name, **recipe.settings).validate()


def test_the_results_table_runs_the_registrys_recipes():
    readme = RESULTS_PAGE.read_text()
    for spec in MODELS.values():
        for recipe in spec.recipes:
            command = " ".join(["digit-lab train", *train_arguments(spec.name, recipe.settings)])
            assert f"| {recipe.name} | {recipe.target} |" in readme
            assert f"`{command} --out runs/results/{recipe.name}`" in readme
