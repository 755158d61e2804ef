"""``digit-lab sweep`` and ``digit-lab lr-find``: the command bodies and their parsers.

Split from :mod:`training_core.cli`, which registers them and turns user errors into one
line. The sweep protocol (flags, ``--json`` lines, the events file, exit codes) is written
down in docs/experiments.md; the app's Experiments view relies on it.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import signal
import sys
import time
from pathlib import Path

from training_core import preferences
from training_core.config import ConfigError, TrainConfig, default_config
from training_core.control import Control
from training_core.data import load_split
from training_core.fileio import replacing
from training_core.messages import msg
from training_core.runs import resolve_runs_root
from training_core.sweep import (
    MAX_TRIALS,
    EventLog,
    SweepError,
    SweepPlan,
    expand,
    new_sweep_name,
    parse_grid,
    parse_random,
    record_path,
    results_table,
    trial_line,
)
from training_core.sweep_presets import PRESETS

INTERRUPTED = 130


def _count(low: int, high: int):
    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number {low}..{high}")
        return value

    return convert


def _train_options(parser: argparse.ArgumentParser) -> None:
    from training_core.cli import DATA_ROOT_HELP, _add_option, _default_text  # no cycle at import

    for opt in TrainConfig.options():
        _add_option(parser, opt, _default_text(opt))
    parser.add_argument("--data-root", help=DATA_ROOT_HELP)
    parser.add_argument(
        "--train-size", type=_count(1, 10**7), help="use only the first N training images"
    )


def add_sweep_parsers(sub) -> None:
    s = sub.add_parser(
        "sweep",
        help="train several runs with different settings (Ray Tune) and compare them",
        description="Every trial is a normal run in the runs folder, named <sweep>-tNN; "
        "<sweep>.sweep.json beside them records the sweep.",
    )
    _train_options(s)
    s.add_argument("--test-size", type=_count(1, 10**7), help="use only the first N test images")
    s.add_argument(
        "--grid",
        action="append",
        default=[],
        metavar="NAME=V1,V2",
        help="try every value (repeatable: the trials are every combination)",
    )
    s.add_argument(
        "--random",
        action="append",
        default=[],
        metavar="NAME=DIST:LO:HI",
        help="draw a value per trial: loguniform, uniform or int, or choice:A:B",
    )
    s.add_argument(
        "--trials",
        type=_count(1, MAX_TRIALS),
        default=1,
        help="trials per grid point (random draws each); default 1",
    )
    s.add_argument(
        "--asha",
        action="store_true",
        help="stop poor trials early (ASHA on test accuracy, per epoch)",
    )
    s.add_argument(
        "--address",
        help="an existing Ray cluster, HOST:PORT or ray://HOST:PORT "
        "(default: a local Ray on 127.0.0.1 only)",
    )
    s.add_argument(
        "--max-concurrent",
        type=_count(1, 1024),
        help="trials at once (default: as many as the cores or cluster CPUs)",
    )
    s.add_argument("--preset", choices=tuple(PRESETS), help="a lesson's sweep (--list-presets)")
    s.add_argument("--list-presets", action="store_true", help="list the presets and exit")
    s.add_argument("--name", help="the sweep's name (default: sweep-YYYYMMDD-HHMMSS)")
    s.add_argument(
        "--runs-root",
        help="where the trials' run folders go (default: the Preferences runs folder)",
    )
    s.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per finished trial, then a summary object",
    )
    s.add_argument("--events", metavar="FILE", help="append live progress events (JSONL)")
    s.set_defaults(handler=run_sweep_command)

    f = sub.add_parser("lr-find", help="learning-rate range test: suggest a learning rate")
    _train_options(f)
    f.add_argument("--start", type=float, default=1e-5, help="lowest rate (default 1e-5)")
    f.add_argument("--end", type=float, default=10.0, help="highest rate (default 10)")
    f.add_argument("--json", action="store_true", help="the curve and suggestion as JSON")
    f.add_argument("--plot", metavar="PNG", help="also draw loss against learning rate")
    f.add_argument("--overwrite", action="store_true", help="replace an existing --plot file")
    f.set_defaults(handler=run_lr_find_command)


def _base_config(args, base: dict) -> TrainConfig:
    given = {o.name: getattr(args, o.name) for o in TrainConfig.options()}
    values = {**base, **{k: v for k, v in given.items() if v is not None}}
    values.setdefault("device", preferences.preferred_device())
    return default_config(**values).validate()


def plan_from_args(args, runs_root: Path) -> SweepPlan:
    """The sweep the command line asks for, expanded into trials (nothing started)."""
    preset = PRESETS[args.preset] if args.preset else None
    base = _base_config(args, preset.base if preset else {})
    grid = dict(preset.grid) if preset else {}
    grid.update(parse_grid(text) for text in args.grid)
    random_ = dict(parse_random(text) for text in args.random)
    both = sorted(set(grid) & set(random_))
    if both:
        raise SweepError(
            msg(
                "sweep.grid_and_random",
                "{name} is given to both --grid and --random; choose one",
                name=both[0],
            )
        )
    if "dataset" in grid or "dataset" in random_:
        raise SweepError(
            msg(
                "sweep.one_dataset",
                "a sweep trains on one dataset: give --dataset instead of varying it",
            )
        )
    plan = SweepPlan(
        name=new_sweep_name(runs_root, args.name),
        base=base.to_dict(),
        grid=grid,
        random=random_,
        trials_per_point=args.trials,
        asha=args.asha,
        address=args.address,
        max_concurrent=args.max_concurrent,
        train_size=args.train_size or (preset.train_size if preset else None),
        test_size=args.test_size or (preset.test_size if preset else None),
        preset=args.preset,
        command=sys.argv[1:],
    )
    return expand(plan)


@contextlib.contextmanager
def _stop_on_signals(control: Control):
    """SIGINT and SIGTERM stop the sweep cleanly instead of killing it mid-write."""

    def handler(signum, frame):
        print(
            f"digit-lab sweep: {signal.Signals(signum).name}: stopping the trials...",
            file=sys.stderr,
        )
        control.stop()

    before = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in before.items():
            signal.signal(sig, old)


def run_sweep_command(args) -> int:
    if args.list_presets:
        for p in PRESETS.values():
            print(f"{p.name}\t{p.title}")
        return 0
    from training_core.sweep_ray import run_sweep  # Ray and the trial code, only now

    runs_root = resolve_runs_root(args.runs_root)
    plan = plan_from_args(args, runs_root)
    dataset = plan.base["dataset"]
    train = load_split(dataset, True, args.data_root)  # checked here, before Ray starts
    test = load_split(dataset, False, args.data_root)
    if plan.train_size:  # a copy: a view would send the whole split to every machine
        train = _copy(train.subset(plan.train_size))
    if plan.test_size:
        test = _copy(test.subset(plan.test_size))
    out = sys.stdout
    started = time.time()

    def trial_ended(trial) -> None:
        if args.json:
            print(json.dumps(trial_line(trial, runs_root), allow_nan=False), file=out, flush=True)
        else:
            acc = "-" if trial.test_acc is None else f"{trial.test_acc:.4f}"
            print(
                f"{trial.trial} {trial.status}: test accuracy {acc}  ({trial.run})", file=sys.stderr
            )

    print(
        f"digit-lab sweep: {plan.name}: {len(plan.trials)} trials, record "
        f"{record_path(runs_root, plan.name)}",
        file=sys.stderr,
    )
    control = Control()
    events = EventLog(args.events)
    try:
        with _stop_on_signals(control), contextlib.redirect_stdout(sys.stderr):
            run_sweep(plan, (train, test), runs_root, control, events, trial_ended)
    finally:
        events.close()
    counts = {
        s: sum(t.status == s for t in plan.trials) for s in ("completed", "stopped", "failed")
    }
    best = plan.best()
    if args.json:
        summary = {
            "sweep": plan.name,
            "record": str(record_path(runs_root, plan.name)),
            "trials": len(plan.trials),
            **counts,
            "state": plan.state,
            "seconds": round(time.time() - started, 1),
        }
        line = {"summary": summary, "best": trial_line(best, runs_root) if best else None}
        print(json.dumps(line, allow_nan=False), flush=True)
    else:
        print(results_table(plan))
        if best is not None:
            print(
                f"best: {best.trial} (test accuracy {best.test_acc:.4f}), run folder "
                f"{runs_root / best.run}",
                file=sys.stderr,
            )
    if plan.state == "stopped":
        print("digit-lab sweep: stopped; the finished trials are kept", file=sys.stderr)
        return INTERRUPTED
    return 1 if plan.state == "failed" else 0


def _copy(split):
    return dataclasses.replace(split, images=split.images.clone(), labels=split.labels.clone())


def run_lr_find_command(args) -> int:
    from training_core.lr_finder import find_lr

    if args.plot and Path(args.plot).exists() and not args.overwrite:
        raise ConfigError(f"--plot {args.plot} exists; choose a new file or add --overwrite")
    config = _base_config(args, {})
    train = load_split(config.dataset, True, args.data_root)
    if args.train_size:
        train = train.subset(args.train_size)
    result = find_lr(config, train, start=args.start, end=args.end)
    if args.plot:
        _plot(result, Path(args.plot))
    if args.json:
        print(json.dumps(result.to_dict(), allow_nan=False))
    elif result.suggestion is None:
        print("no suggestion: the loss curve was too short; try a larger --end or more images")
    else:
        print(f"suggested learning rate: {result.suggestion:.3g} ({result.rule})")
    return 0


def _plot(result, path: Path) -> None:
    """Loss against learning rate (log scale), the suggestion marked; written atomically."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot(result.lrs, result.raw_losses, color="0.8", label="loss per batch")
    ax.plot(result.lrs, result.losses, label="smoothed")
    if result.suggestion is not None:
        ax.axvline(
            result.suggestion,
            color="C1",
            linestyle="--",
            label=f"suggestion {result.suggestion:.3g}",
        )
    ax.set_xscale("log")
    ax.set_xlabel("learning rate")
    ax.set_ylabel("training loss")
    ax.set_ylim(0, max(result.losses[: max(1, len(result.losses))]) * 1.2)
    ax.legend()
    fig.tight_layout()
    with replacing(path) as tmp:
        fig.savefig(tmp, format="png")
