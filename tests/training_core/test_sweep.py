"""Sweep planning and the sweep command's user errors: no Ray started here (fast)."""

from __future__ import annotations

import json
import random

import pytest

from training_core.cli import main
from training_core.sweep import (
    Distribution,
    SweepError,
    SweepPlan,
    expand,
    new_sweep_name,
    parse_grid,
    parse_random,
    results_table,
    write_record,
)
from training_core.sweep_presets import PRESETS


def test_grid_values_are_checked_like_their_flags():
    assert parse_grid("lr=0.01,0.1,0.5") == ("lr", [0.01, 0.1, 0.5])
    assert parse_grid("batch-size=32,64") == ("batch_size", [32, 64])
    assert parse_grid("optimizer=sgd,adam") == ("optimizer", ["sgd", "adam"])


@pytest.mark.parametrize(
    "text",
    [
        "lr",
        "lr=",
        "=0.1",
        "lr=0.1,abc",
        "lr=-1",
        "optimizer=sgd,rmsprop",
        "colour=red",
        "lr=0.1,0.1",
        "device=cpu,cuda",
        "epochs=1.5",
    ],
)
def test_malformed_grid_is_one_clear_error(text):
    with pytest.raises(SweepError) as caught:
        parse_grid(text)
    assert "\n" not in str(caught.value) and "--grid" in str(caught.value)


def test_random_distributions_stay_in_range():
    name, dist = parse_random("lr=loguniform:1e-4:1")
    rng = random.Random(0)
    draws = [dist.sample(rng) for _ in range(200)]
    assert name == "lr" and all(1e-4 <= d <= 1 for d in draws)
    assert min(draws) < 1e-3 and max(draws) > 0.1  # spread over the decades, not uniform
    _, ints = parse_random("batch_size=int:16:64")
    assert {type(ints.sample(rng)) for _ in range(10)} == {int}
    assert parse_random("optimizer=choice:sgd:adam")[1] == Distribution(
        "choice", choices=("sgd", "adam")
    )


@pytest.mark.parametrize(
    "text",
    [
        "lr=loguniform:1",
        "lr=gauss:0:1",
        "lr=loguniform:1:0.1",
        "lr=uniform:0.1:99",
        "epochs=uniform:1:3",
        "lr=int:1:3",
        "optimizer=uniform:0:1",
        "lr=choice:0.1:x",
    ],
)
def test_malformed_random_is_one_clear_error(text):
    with pytest.raises(SweepError) as caught:
        parse_random(text)
    assert "\n" not in str(caught.value) and "--random" in str(caught.value)


def _plan(**kw) -> SweepPlan:
    base = {"model": "softmax", "epochs": 1, "device": "cpu", "seed": 3}
    return expand(SweepPlan(name="s", base=base, **kw))


def test_expand_is_every_combination_times_trials_with_seeded_draws():
    plan = _plan(
        grid={"lr": [0.01, 0.1], "optimizer": ["sgd", "adam"]},
        random={"weight_decay": Distribution("uniform", 0, 0.01)},
        trials_per_point=2,
    )
    assert [t.trial for t in plan.trials] == [f"t{i:02d}" for i in range(1, 9)]
    assert [t.run for t in plan.trials][:2] == ["s-t01", "s-t02"]
    combos = {(t.config["lr"], t.config["optimizer"]) for t in plan.trials}
    assert len(combos) == 4 and all(t.config["model"] == "softmax" for t in plan.trials)
    again = _plan(
        grid={"lr": [0.01, 0.1], "optimizer": ["sgd", "adam"]},
        random={"weight_decay": Distribution("uniform", 0, 0.01)},
        trials_per_point=2,
    )
    assert [t.config for t in plan.trials] == [t.config for t in again.trials]
    assert len({t.config["weight_decay"] for t in plan.trials}) == 8


def test_a_trial_the_config_refuses_is_refused_before_anything_runs():
    with pytest.raises(SweepError, match="softmax-scratch"):
        expand(
            SweepPlan(
                name="s", base={"model": "softmax-scratch"}, grid={"optimizer": ["sgd", "adam"]}
            )
        )
    with pytest.raises(SweepError, match="at most"):
        _plan(grid={"seed": list(range(100))}, trials_per_point=11)


def test_record_and_table(tmp_path):
    plan = _plan(grid={"lr": [0.01, 0.1]})
    plan.trials[1].status, plan.trials[1].test_acc, plan.trials[1].test_loss = "completed", 0.9, 0.3
    record = json.loads(write_record(plan, tmp_path).read_text())
    assert record["best"] == "t02" and record["trials"][1]["status"] == "completed"
    table = results_table(plan).splitlines()
    assert table[0].split() == ["trial", "lr", "status", "test", "acc", "test", "loss", "seconds"]
    assert table[1].split()[:4] == ["t02", "0.1", "completed", "0.9000"]
    with pytest.raises(SweepError, match="already"):
        new_sweep_name(tmp_path, "s")
    assert new_sweep_name(tmp_path).startswith("sweep-")


def test_presets_are_valid_sweeps():
    for preset in PRESETS.values():
        plan = expand(SweepPlan(name="p", base=preset.base, grid=preset.grid))
        assert 2 <= len(plan.trials) <= 6
        assert preset.base["model"] in ("softmax", "mlp")


def test_list_presets_one_a_line_name_first(capsys):
    assert main(["sweep", "--list-presets"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == list(PRESETS)


@pytest.mark.parametrize(
    "args",
    [
        ["--grid", "lr=0.1,zz"],
        ["--random", "lr=loguniform:5"],
        ["--grid", "lr=0.1", "--random", "lr=uniform:0.1:1"],
        ["--grid", "dataset=mnist,fashion-mnist"],
        ["--name", "../x"],
    ],
)
def test_sweep_cli_malformed_is_one_line_and_exit_1(capsys, tmp_path, args):
    runs = tmp_path / "runs"
    code = main(["sweep", "--runs-root", str(runs), *args])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("digit-lab sweep: error: ")
    assert not runs.exists()  # nothing written, no Ray started


def test_files_sent_by_a_worker_cannot_leave_the_run_folder(tmp_path):
    from training_core.runs import RunDirectory
    from training_core.sweep_ray import _write_files

    run = RunDirectory.open(tmp_path / "runs" / "s-t01")
    files = {
        "metrics.jsonl": b"{}\n",
        "../escaped.txt": b"x",
        "/etc/passwd-copy": b"x",
        ".hidden": b"x",
        "sub/dir.txt": b"x",
        "a\\b": b"x",
        "not-bytes.txt": "text",
        7: b"x",
    }
    _write_files(run, files)
    _write_files(run, ["not", "a", "dict"])
    assert sorted(p.name for p in run.path.iterdir()) == ["metrics.jsonl"]
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["s-t01"]


def test_events_file_must_be_a_regular_file(tmp_path):
    import os

    from training_core.sweep import EventLog

    fifo = tmp_path / "events"
    os.mkfifo(fifo)
    with pytest.raises(SweepError, match="not a regular file"):
        EventLog(fifo)
    log = EventLog(tmp_path / "ok.jsonl")
    log.write("sweep_started", trials=2)
    log.close()
    assert json.loads((tmp_path / "ok.jsonl").read_text())["trials"] == 2


def test_an_events_file_that_cannot_be_written_is_one_line_naming_the_option(tmp_path):
    from training_core.sweep import EventLog

    with pytest.raises(SweepError, match=r"^--events .*missing.*: cannot write there"):
        EventLog(tmp_path / "missing" / "events.jsonl")

    class FullDisk:
        def write(self, text):
            raise OSError(28, "No space left on device")

        def close(self):
            pass

    log = EventLog(tmp_path / "ok.jsonl")
    log._file.close()
    log._file = FullDisk()
    with pytest.raises(SweepError, match=r"^--events .*ok\.jsonl: cannot write there \(No space"):
        log.write("sweep_started", trials=2)
