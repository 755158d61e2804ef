"""``digit-lab train``: progress bars, the run folder it writes to, and resuming.

Split from :mod:`training_core.cli`, which builds the parser and handles errors for every
subcommand; this module holds what only training needs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from training_core import preferences
from training_core.checkpoints import load_checkpoint
from training_core.config import ConfigError, TrainConfig, default_config, resolve_device
from training_core.data import load_split
from training_core.events import TrainCallbacks
from training_core.fileio import remove_stale_temp_files
from training_core.resume import resume_notes
from training_core.run_record import CHECKPOINT, CONFIG
from training_core.runs import RunDirectory, RunFolderError, resolve_runs_root, tidy_runs
from training_core.training import train


def train_arguments(model: str, settings: dict) -> list[str]:
    """The ``digit-lab train`` arguments that ask for ``settings`` (how recipes are shown)."""
    flags = {opt.name: opt.flag for opt in TrainConfig.options()}
    return ["--model", model, *(a for k, v in settings.items() for a in (flags[k], str(v)))]


class _ProgressBars(TrainCallbacks):
    """A tqdm bar per epoch on stderr; with ``json_lines`` the epochs also go to stdout."""

    def __init__(self, json_lines: bool) -> None:
        self.json_lines = json_lines
        self.bar = None
        self.done = 0

    def on_train_start(self, info) -> None:
        print(
            f"training on {info.device}: {info.train_size} images, {info.parameters:,} parameters",
            file=sys.stderr,
        )

    def on_batch_end(self, report) -> None:
        from tqdm import tqdm

        if self.bar is None:
            self.bar = tqdm(
                total=report.batches_per_epoch,
                unit="batch",
                file=sys.stderr,
                desc=f"epoch {report.epoch}",
                leave=True,
                dynamic_ncols=True,
            )
            self.done = 0
        self.bar.update(report.batch - self.done)
        self.done = report.batch
        self.bar.set_postfix(loss=f"{report.loss:.4f}", acc=f"{report.accuracy:.3f}")

    def on_epoch_end(self, report) -> None:
        if self.bar is not None:
            self.bar.set_postfix(test_acc=f"{report.test_acc:.4f}", loss=f"{report.train_loss:.4f}")
            self.bar.close()
            self.bar = None
        if self.json_lines:
            keys = ("epoch", "train_loss", "train_acc", "test_loss", "test_acc", "epoch_seconds")
            print(json.dumps({k: getattr(report, k) for k in keys}), flush=True)
        else:
            print(
                f"epoch {report.epoch}/{report.epochs}: train loss {report.train_loss:.4f} "
                f"acc {report.train_acc:.4f} | test loss {report.test_loss:.4f} "
                f"acc {report.test_acc:.4f} | {report.epoch_seconds:.1f}s",
                file=sys.stderr,
            )

    def on_train_end(self, result) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def run_training(args) -> int:
    """The ``train`` subcommand; user errors are raised for :func:`cli.main` to print."""
    names = [opt.name for opt in TrainConfig.options()]
    given = {k: getattr(args, k) for k in names if getattr(args, k) is not None}
    resume = None
    if args.resume:
        resume = load_checkpoint(args.resume)
        saved = TrainConfig.from_dict(resume.config)
        for name in ("model", "dataset"):  # what the checkpoint's weights were trained for
            if given.get(name, getattr(saved, name)) != getattr(saved, name):
                raise ConfigError(
                    f"{args.resume} was trained with {name} {getattr(saved, name)}: "
                    f"a resumed run cannot change it (leave out --{name})"
                )
        config = TrainConfig.from_dict({**resume.config, **given})
        own_run = Path(args.resume).parent if _is_run_checkpoint(Path(args.resume)) else None
        out = Path(args.out) if args.out is not None else own_run  # else: a new run folder
    else:
        given.setdefault("device", preferences.preferred_device())
        config = default_config(**given)
        out = Path(args.out) if args.out is not None else None
    config.validate()
    notes = resume_notes(config, resume) if resume is not None else []
    if resume is not None and resume.epoch >= config.epochs:
        raise ConfigError(
            f"{args.resume} already finished {resume.epoch} epochs and the run asks for "
            f"{config.epochs}: give a larger --epochs to train longer"
        )
    for note in notes:  # a resume that changes more than the user may expect says so
        print(f"digit-lab train: note: {note}", file=sys.stderr)
    # The data is loaded and checked before any folder is made or any old run replaced.
    device = resolve_device(config.device)
    data = (
        load_split(config.dataset, True, args.data_root, device),
        load_split(config.dataset, False, args.data_root, device),
    )
    run_dir, made = _run_folder(out, config, args)
    callbacks = _ProgressBars(args.json)
    try:
        result = train(config, callbacks, run_dir=run_dir, data=data, resume=resume)
    except BaseException:
        if made:  # a run that never finished an epoch leaves no folder behind
            run_dir.discard_if_unused()
        raise
    if made and not result.history:
        run_dir.discard_if_unused()
    summary = {
        "status": result.status,
        "message": result.message,
        "model": config.model,
        "dataset": config.dataset,
        "device": result.device,
        "epochs": len(result.history),
        "test_acc": result.final.get("test_acc"),
        "total_seconds": round(sum(r["epoch_seconds"] for r in result.history), 3),
        # What the speed figures in docs/results.md quote: first batch to final test accuracy.
        "seconds_to_result": round(result.final.get("elapsed_seconds", 0.0), 3),
        "checkpoint": str(run_dir.checkpoint_path),
        "metrics": str(run_dir.path / "metrics.jsonl"),
        "notes": notes,
    }
    if args.json:
        print(json.dumps(summary), flush=True)
    else:
        acc, took = summary["test_acc"], summary["seconds_to_result"]
        print(
            f"{result.status}: test accuracy {acc:.4f} after {took:.1f} s (first batch to "
            "final test accuracy)"
            if acc is not None
            else result.status,
            f"- checkpoint {summary['checkpoint']}",
            file=sys.stderr,
        )
    if result.status == "diverged":
        print(f"digit-lab: training diverged: {result.message}", file=sys.stderr)
        return 3
    if result.status == "failed":  # e.g. a full disk: the last good checkpoint is kept
        print(f"digit-lab train: error: {result.message}", file=sys.stderr)
        return 1
    return 0


def _run_folder(out: Path | None, config: TrainConfig, args) -> tuple[RunDirectory, bool]:
    """The run's folder and whether this run made it (so a failed start can remove it).

    A new folder under the runs folder unless ``--out`` names one. An existing run, or any
    folder with files in it, is never written into without ``--overwrite``; resuming
    continues the checkpoint's own run folder.
    """
    if out is None:
        root = resolve_runs_root()
        tidy_runs(root)
        return RunDirectory.create(root, config.to_dict()), True
    if args.out is not None and not args.out.strip():  # Path("") would be "."
        raise ConfigError("--out needs a folder name, not an empty path")
    continuing = args.resume is not None and _same_path(out, Path(args.resume).parent)
    if out.exists() and not out.is_dir():
        raise RunFolderError(f"--out {out} is a file, not a folder")
    existing = out.is_dir() and any(out.iterdir())
    if existing and not continuing:
        if not args.overwrite:
            what = "holds a run" if (out / "config.json").exists() else "is not empty"
            raise RunFolderError(
                f"{out} {what}; choose a new folder, or add --overwrite to replace the run in it"
            )
        RunDirectory(out).clear_run_files()
    if continuing:
        remove_stale_temp_files(out)
    run = RunDirectory.open(out, config.to_dict())
    return run, not existing


def _is_run_checkpoint(path: Path) -> bool:
    """Whether ``path`` is a run folder's own checkpoint, so resuming may continue that run
    in place; a checkpoint copied anywhere else starts a new run folder instead of writing
    run files beside it."""
    return path.name == CHECKPOINT and (path.parent / CONFIG).is_file()


def _same_path(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
