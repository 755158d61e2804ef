"""A sweep: one training config with several values for some options, run as many trials.

This module is the plan and its records, with no Ray in it: parsing ``--grid`` and
``--random``, expanding them into trials (each a full :class:`TrainConfig` and the name of
its run folder), the sweep record written beside the runs, the live events file, and the
results table. ``training_core.sweep_ray`` runs a plan on Ray Tune.

Why the plan expands the grid and draws the random values itself instead of handing
``tune.grid_search`` / ``tune.loguniform`` to Tune: every trial's config and run folder are
known before anything starts (the record and the app can show them at once), the random
draws come from the sweep's seed (the same command gives the same trials), and Tune sees
one grid parameter, the trial's id.

Files: each trial is an ordinary run folder ``<runs root>/<sweep>-tNN`` (so the runs list
shows it and it opens like any run), and ``<runs root>/<sweep>.sweep.json`` records what
was asked and each trial's state; it is a file, so ``runs.list_runs`` never takes it for a
run.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from training_core.config import ConfigError, Option, TrainConfig
from training_core.fileio import atomic_write_text
from training_core.messages import msg

RECORD_SUFFIX = ".sweep.json"
RECORD_VERSION = 1
DISTRIBUTIONS = ("loguniform", "uniform", "int", "choice")
MAX_TRIALS = 1000  # a typo such as --trials 100000 must not queue a week of work
FINISHED = ("completed", "stopped", "diverged", "failed")


class SweepError(ValueError):
    """A sweep that cannot be planned or run; the message is one line meant for the user."""


def _options() -> dict[str, Option]:
    """Every train option by field name; ``batch-size`` is accepted for ``batch_size``."""
    return {opt.name: opt for opt in TrainConfig.options()}


def _option(name: str, flag: str) -> Option:
    opt = _options().get(name.strip().lstrip("-").replace("-", "_"))
    if opt is None or opt.name == "device":
        raise SweepError(
            msg(
                "sweep.unknown_option",
                "{flag} {name}: not a training option a sweep can vary; choose one of: {names}",
                flag=flag,
                name=name,
                names=", ".join(n for n in _options() if n != "device"),
            )
        )
    return opt


def _split(text: str, flag: str) -> tuple[str, str]:
    name, sep, values = text.partition("=")
    if not sep or not name.strip() or not values.strip():
        raise SweepError(
            msg(
                "sweep.bad_spec",
                "{flag} {text!r}: expected NAME=VALUES, for example {example}",
                flag=flag,
                text=text,
                example="--grid lr=0.01,0.1"
                if flag == "--grid"
                else "--random lr=loguniform:1e-4:1",
            )
        )
    return name.strip(), values.strip()


def _value(opt: Option, text: str, flag: str) -> Any:
    try:
        return opt.parse(text.strip())
    except ConfigError as exc:
        raise SweepError(
            msg("sweep.bad_value", "{flag}: {reason}", flag=flag, reason=exc)
        ) from None


def parse_grid(text: str) -> tuple[str, list]:
    """``"lr=0.01,0.1"`` as ``("lr", [0.01, 0.1])``, each value checked like its flag."""
    name, values = _split(text, "--grid")
    opt = _option(name, "--grid")
    parsed = [_value(opt, v, "--grid") for v in values.split(",")]
    if len(set(map(repr, parsed))) != len(parsed):
        raise SweepError(
            msg("sweep.repeated_value", "--grid {text!r}: a value is given twice", text=text)
        )
    return opt.name, parsed


@dataclass(frozen=True)
class Distribution:
    """Where ``--random`` draws one option's values: ``loguniform:1e-4:1``, ``uniform:0:0.5``,
    ``int:16:256`` (both ends included) or ``choice:sgd:adam``."""

    kind: str
    low: float = 0.0
    high: float = 0.0
    choices: tuple = ()

    def sample(self, rng: random.Random) -> Any:
        if self.kind == "choice":
            return rng.choice(self.choices)
        if self.kind == "int":
            return rng.randint(int(self.low), int(self.high))
        if self.kind == "loguniform":
            return math.exp(rng.uniform(math.log(self.low), math.log(self.high)))
        return rng.uniform(self.low, self.high)

    def text(self) -> str:
        parts = self.choices if self.kind == "choice" else (f"{self.low:g}", f"{self.high:g}")
        return ":".join((self.kind, *map(str, parts)))


def parse_random(text: str) -> tuple[str, Distribution]:
    """``"lr=loguniform:1e-4:1"`` as ``("lr", Distribution(...))``; both ends must be valid
    values of the option, so every draw is one too."""
    name, spec = _split(text, "--random")
    opt = _option(name, "--random")
    kind, *parts = spec.split(":")
    bad = msg(
        "sweep.bad_distribution",
        "--random {text!r}: expected {name}=DIST:LOW:HIGH with DIST one of loguniform, uniform, "
        "int, or {name}=choice:A:B",
        text=text,
        name=opt.name,
    )
    if kind not in DISTRIBUTIONS or not parts:
        raise SweepError(bad)
    if kind == "choice":
        return opt.name, Distribution(
            "choice", choices=tuple(_value(opt, p, "--random") for p in parts)
        )
    if len(parts) != 2 or opt.choices or (kind == "int") != (opt.type is int):
        raise SweepError(bad)
    low, high = (_value(opt, p, "--random") for p in parts)
    if not low < high or (kind == "loguniform" and low <= 0):
        raise SweepError(
            msg("sweep.bad_range", "--random {text!r}: needs 0 < LOW < HIGH", text=text)
            if kind == "loguniform"
            else msg("sweep.bad_order", "--random {text!r}: needs LOW < HIGH", text=text)
        )
    return opt.name, Distribution(kind, low, high)


@dataclass
class Trial:
    trial: str  # "t01"
    run: str  # the run folder's name under the runs root
    config: dict  # the full TrainConfig
    status: str = "pending"  # pending, running, then one of FINISHED
    message: str = ""
    test_acc: float | None = None
    test_loss: float | None = None
    seconds: float | None = None
    started: float | None = None  # wall-clock times on the machine that ran it
    ended: float | None = None


@dataclass
class SweepPlan:
    """What one sweep asks for, expanded into its trials."""

    name: str
    base: dict
    grid: dict[str, list] = field(default_factory=dict)
    random: dict[str, Distribution] = field(default_factory=dict)
    trials_per_point: int = 1
    asha: bool = False
    address: str | None = None
    max_concurrent: int | None = None
    train_size: int | None = None
    test_size: int | None = None
    preset: str | None = None
    command: list[str] = field(default_factory=list)
    trials: list[Trial] = field(default_factory=list)
    state: str = "planned"
    started: float | None = None
    finished: float | None = None

    def trial(self, trial_id: str) -> Trial:
        return next(t for t in self.trials if t.trial == trial_id)

    def best(self) -> Trial | None:
        """The trial with the highest final test accuracy (ties: the earlier trial)."""
        scored = [t for t in self.trials if t.test_acc is not None]
        return max(scored, key=lambda t: t.test_acc, default=None)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["random"] = {name: dist.text() for name, dist in self.random.items()}
        best = self.best()
        return {"version": RECORD_VERSION, **data, "best": best.trial if best else None}


def expand(plan: SweepPlan) -> SweepPlan:
    """Fill ``plan.trials``: every grid point ``trials_per_point`` times, each time with fresh
    random draws (seeded by the base config's seed). Every trial's config is validated."""
    names = list(plan.grid)
    points = list(itertools.product(*(plan.grid[n] for n in names))) or [()]
    count = len(points) * plan.trials_per_point
    if count > MAX_TRIALS:
        raise SweepError(
            msg(
                "sweep.too_many",
                "this sweep asks for {count} trials; at most {limit} are allowed",
                count=count,
                limit=MAX_TRIALS,
            )
        )
    rng = random.Random(plan.base.get("seed", 0))
    width = max(2, len(str(count)))
    plan.trials = []
    for repeat in range(plan.trials_per_point):
        for point in points:
            values = {**plan.base, **dict(zip(names, point, strict=True))}
            values.update({n: d.sample(rng) for n, d in plan.random.items()})
            config = TrainConfig.from_dict(values)
            try:
                config.validate()
            except ConfigError as exc:
                raise SweepError(
                    msg("sweep.bad_trial", "a trial cannot run: {reason}", reason=exc)
                ) from None
            index = len(plan.trials) + 1
            trial_id = f"t{index:0{width}d}"
            plan.trials.append(Trial(trial_id, f"{plan.name}-{trial_id}", config.to_dict()))
        del repeat
    return plan


def new_sweep_name(runs_root: Path, name: str | None = None) -> str:
    """``name`` if no sweep or run already uses it, else an error; with no name, a new
    ``sweep-YYYYMMDD-HHMMSS`` (suffixed ``-2``... when taken)."""

    def taken(candidate: str) -> bool:
        return (runs_root / f"{candidate}{RECORD_SUFFIX}").exists() or any(
            p.name.startswith(f"{candidate}-t") for p in _children(runs_root)
        )

    if name is not None:
        if not name or Path(name).name != name or name.startswith(".") or "/" in name:
            raise SweepError(
                msg("sweep.bad_name", "--name {name!r}: use a plain folder name", name=name)
            )
        if taken(name):
            raise SweepError(
                msg(
                    "sweep.name_taken",
                    "--name {name}: a sweep of that name is already in {root}; choose another",
                    name=name,
                    root=runs_root,
                )
            )
        return name
    base = time.strftime("sweep-%Y%m%d-%H%M%S")
    for suffix in range(1, 1000):
        candidate = base if suffix == 1 else f"{base}-{suffix}"
        if not taken(candidate):
            return candidate
    raise SweepError(msg("sweep.no_name", "no free sweep name in {root}", root=runs_root))


def _children(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def record_path(runs_root: Path, name: str) -> Path:
    return Path(runs_root) / f"{name}{RECORD_SUFFIX}"


def write_record(plan: SweepPlan, runs_root: Path) -> Path:
    """The sweep record, rewritten atomically whenever a trial's state changes."""
    text = json.dumps(plan.to_dict(), indent=1, allow_nan=False, default=str) + "\n"
    return atomic_write_text(record_path(runs_root, plan.name), text)


class EventLog:
    """The live events file (JSONL): one flushed line per event, so the app can follow a
    sweep without importing Ray. It is appended to, never rewritten: a reader that has
    seen a line can rely on it, which an atomic rewrite of the whole file would not give.
    """

    def __init__(self, path: str | os.PathLike | None) -> None:
        self._file: TextIO | None = None
        if path is not None:
            if os.path.lexists(path) and not Path(path).is_file():  # a FIFO would block
                raise SweepError(
                    msg("sweep.events_not_file", "--events {path}: not a regular file", path=path)
                )
            self._path = path
            try:
                self._file = open(path, "a", encoding="utf-8")
            except OSError as exc:
                raise self._unwritable(exc) from None

    def _unwritable(self, exc: OSError) -> SweepError:
        return SweepError(
            msg(
                "sweep.events_unwritable",
                "--events {path}: cannot write there ({reason})",
                path=self._path,
                reason=exc.strerror or type(exc).__name__,
            )
        )

    def write(self, event: str, **fields: Any) -> dict:
        line = {"event": event, "time": round(time.time(), 3), **fields}
        if self._file is not None:
            try:
                self._file.write(json.dumps(line, allow_nan=False, default=str) + "\n")
                self._file.flush()
            except OSError as exc:
                raise self._unwritable(exc) from None
        return line

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def trial_line(trial: Trial, runs_root: Path) -> dict:
    """One finished trial as the ``--json`` output prints it."""
    return {
        "trial": trial.trial,
        "run": str(Path(runs_root) / trial.run),
        "config": trial.config,
        "test_acc": trial.test_acc,
        "test_loss": trial.test_loss,
        "seconds": trial.seconds,
        "status": trial.status,
    }


def results_table(plan: SweepPlan) -> str:
    """The trials as a text table, best test accuracy first; varied options as columns."""
    varied = [*plan.grid, *plan.random]
    head = ["trial", *varied, "status", "test acc", "test loss", "seconds"]
    rows = []
    order = sorted(plan.trials, key=lambda t: (t.test_acc is None, -(t.test_acc or 0.0)))
    for t in order:
        values = [_cell(t.config.get(n)) for n in varied]
        rows.append(
            [
                t.trial,
                *values,
                t.status,
                _cell(t.test_acc, ".4f"),
                _cell(t.test_loss, ".4f"),
                _cell(t.seconds, ".1f"),
            ]
        )
    widths = [max(len(str(c)) for c in col) for col in zip(head, *rows, strict=True)]
    return "\n".join(
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [head, *rows]
    )


def _cell(value: Any, spec: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not spec:
        return f"{value:.4g}"
    return format(value, spec)
