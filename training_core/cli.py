"""``digit-lab train | eval | predict``: the command line over the training core.

Every user error (missing file, corrupt checkpoint, bad number, unknown name) ends with a
one-line message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from training_core import __version__, preferences
from training_core.checkpoints import CheckpointError, load_checkpoint
from training_core.config import (
    DEVICES,
    ConfigError,
    Option,
    TrainConfig,
    default_config,
    resolve_device,
)
from training_core.data import DataError, load_split
from training_core.image_io import ImageReadError, read_image
from training_core.models import MODELS, ModelError
from training_core.preprocessing import NothingDrawn
from training_core.runs import RunDirectory, RunFolderError, resolve_runs_root
from training_core.training import TrainCallbacks, train

USER_ERRORS = (
    CheckpointError,
    ConfigError,
    DataError,
    ImageReadError,
    ModelError,
    RunFolderError,
    OSError,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line instead of usage + message
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _checked(opt: Option) -> Callable[[str], object]:
    """``opt.parse`` as an argparse type: the option's own conversion and range check."""

    def convert(text: str):
        try:
            return opt.parse(text)
        except ConfigError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return convert


def _add_option(parser: argparse.ArgumentParser, opt: Option, default: str) -> None:
    """``opt`` as a flag; it stays None when not given, so the model's settings can apply."""
    kwargs: dict = {"dest": opt.name, "help": f"{opt.describe()} ({default})".replace("%", "%%")}
    if opt.choices:
        kwargs["choices"] = opt.choices
    else:
        kwargs.update(type=_checked(opt), metavar=opt.type.__name__.upper())
    if opt.bare_flag is not None:
        kwargs.update(nargs="?", const=opt.bare_flag)
    parser.add_argument(opt.flag, **kwargs)


# Folders and the device default come from the preferences file the app writes too.
DATA_ROOT_HELP = (
    "folder holding MNIST/raw (default: the Preferences data folder, else $DIGIT_LAB_DATA, "
    "else the per-user cache)"
)
DEVICE_HELP = "default: the Preferences device (auto when unset or not available here)"
_TOP = Option(
    "top",
    "How many classes to list, most likely first.",
    low=1,
    high=10,
    name="top",
    type=int,
    default=3,
)


def _default_text(opt: Option) -> str:
    """What leaving a train flag out means: the model's setting, or the option's default."""
    if opt.name == "device":  # the only train default the Preferences file changes
        return DEVICE_HELP
    return "default: the model's setting" if opt.model_default else f"default: {opt.default}"


def _train_epilog() -> str:
    """The models, one paragraph each: what they are and where their settings come from."""
    lines = ["models (the flags left out take the model's settings):"]
    for spec in MODELS.values():
        text = f"{spec.name:<16} {spec.summary}. Settings: {spec.source}."
        lines += textwrap.wrap(
            text, 78, initial_indent="  ", subsequent_indent=" " * 19, break_on_hyphens=False
        )
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="digit-lab", description="Digit Lab: train, evaluate and predict.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    t = sub.add_parser(
        "train",
        help="train a model, writing checkpoint.pt and metrics.jsonl",
        epilog=_train_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for opt in TrainConfig.options():
        _add_option(t, opt, _default_text(opt))
    t.add_argument("--data-root", help=DATA_ROOT_HELP)
    t.add_argument("--out", help="run folder (default: a new folder under the runs folder)")
    t.add_argument("--resume", metavar="CKPT", help="continue training from a checkpoint")
    t.add_argument("--json", action="store_true", help="one JSON object per epoch on stdout")
    t.set_defaults(handler=_cmd_train)

    e = sub.add_parser("eval", help="accuracy, per-class accuracy and confusion matrix")
    e.add_argument("checkpoint")
    e.add_argument("--data-root", help=DATA_ROOT_HELP)
    e.add_argument("--device", choices=DEVICES, help=DEVICE_HELP)
    e.add_argument("--json", action="store_true")
    e.set_defaults(handler=_cmd_eval)

    p = sub.add_parser("predict", help="classify image files (use 'bundled' for the bundled model)")
    p.add_argument("checkpoint")
    p.add_argument("images", nargs="+", metavar="IMAGE")
    _add_option(p, _TOP, f"default: {_TOP.default}")
    p.set_defaults(top=_TOP.default)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_cmd_predict)
    return parser


# -- train ---------------------------------------------------------------------------------


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


def _cmd_train(args) -> int:
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
        out = Path(args.out) if args.out else Path(args.resume).parent
    else:
        given.setdefault("device", preferences.preferred_device())
        config = default_config(**given)
        out = Path(args.out) if args.out else None
    config.validate()
    run_dir = (
        RunDirectory.open(out, config.to_dict())
        if out is not None
        else RunDirectory.create(resolve_runs_root(), config.to_dict())
    )
    callbacks = _ProgressBars(args.json)
    result = train(config, callbacks, run_dir=run_dir, data_root=args.data_root, resume=resume)
    summary = {
        "status": result.status,
        "message": result.message,
        "model": config.model,
        "dataset": config.dataset,
        "device": result.device,
        "epochs": len(result.history),
        "test_acc": result.final.get("test_acc"),
        "total_seconds": round(sum(r["epoch_seconds"] for r in result.history), 3),
        "checkpoint": str(run_dir.checkpoint_path),
        "metrics": str(run_dir.path / "metrics.jsonl"),
    }
    if args.json:
        print(json.dumps(summary), flush=True)
    else:
        acc = summary["test_acc"]
        print(
            f"{result.status}: test accuracy {acc:.4f}" if acc is not None else result.status,
            f"- checkpoint {summary['checkpoint']}",
            file=sys.stderr,
        )
    if result.status == "diverged":
        print(f"digit-lab: training diverged: {result.message}", file=sys.stderr)
        return 3
    return 0


# -- eval ----------------------------------------------------------------------------------


def _cmd_eval(args) -> int:
    from training_core.config import TrainConfig
    from training_core.evaluation import evaluate

    checkpoint = load_checkpoint(args.checkpoint)
    device = resolve_device(args.device or preferences.preferred_device())
    config = TrainConfig.from_dict(checkpoint.config)
    split = load_split(config.dataset, False, args.data_root, device)
    result = evaluate(checkpoint.build_model(device), split)
    if args.json:
        print(json.dumps(result.to_dict()))
        return 0
    print(f"{config.model} on {config.dataset} test set ({len(split)} images)")
    print(f"accuracy {result.accuracy:.4f}   loss {result.loss:.4f}")
    print("per-class accuracy:")
    for name, acc in zip(result.class_names, result.per_class_accuracy.tolist(), strict=True):
        print(f"  {name:>12}  {acc:.4f}")
    print("confusion matrix (rows: true, columns: predicted):")
    for row in result.confusion_matrix.tolist():
        print("  " + " ".join(f"{v:5d}" for v in row))
    return 0


# -- predict -------------------------------------------------------------------------------


def _cmd_predict(args) -> int:
    from training_core.inference import BUNDLED_MODEL, Predictor

    path = BUNDLED_MODEL if args.checkpoint == "bundled" else args.checkpoint
    predictor = Predictor.from_path(path)
    failures = 0
    for image_path in args.images:
        try:
            prediction = predictor.predict_image(read_image(image_path))
        except (ImageReadError, NothingDrawn) as exc:
            failures += 1
            if args.json:
                print(json.dumps({"path": image_path, "error": str(exc)}))
            else:
                print(f"{image_path}: {exc}", file=sys.stderr)
            continue
        if args.json:
            probs = dict(
                zip(predictor.class_names, map(float, prediction.probabilities), strict=True)
            )
            print(
                json.dumps(
                    {"path": image_path, "label": prediction.class_name, "probabilities": probs}
                )
            )
        else:
            top = ", ".join(f"{name} {p:.3f}" for name, p in prediction.top(args.top))
            print(f"{image_path}: {prediction.class_name} ({top})")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except USER_ERRORS as exc:
        print(f"digit-lab {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "digit-lab: interrupted; the last finished epoch's checkpoint is kept", file=sys.stderr
        )
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
