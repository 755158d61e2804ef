"""``digit-lab train | eval | predict | export``: the command line over the training core.

Every user error (missing file, corrupt checkpoint, bad number, unknown name) ends with a
one-line message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import textwrap
import traceback
from collections.abc import Callable
from pathlib import Path

from training_core import __version__, app_log, preferences
from training_core.checkpoints import CheckpointError, load_checkpoint
from training_core.cli_explain import ExplainError, add_explain_parser
from training_core.cli_export import add_export_parser
from training_core.cli_finetune import add_finetune_parser
from training_core.cli_lab import add_lab_parser
from training_core.cli_sweep import add_sweep_parsers
from training_core.cli_train import run_training
from training_core.config import (
    DEVICES,
    ConfigError,
    Option,
    TrainConfig,
    resolve_device,
)
from training_core.data import DataError, load_split
from training_core.export import ExportError
from training_core.finetune import FinetuneError
from training_core.image_io import ImageReadError
from training_core.lab_format import LabError
from training_core.models import MODELS, ModelError
from training_core.my_digits import MyDigitsError
from training_core.preprocessing import NothingDrawn
from training_core.runs import RunFolderError
from training_core.sweep import SweepError

log = logging.getLogger(__name__)

USER_ERRORS = (
    CheckpointError,
    ConfigError,
    DataError,
    ExplainError,
    ExportError,
    FinetuneError,
    ImageReadError,
    LabError,
    ModelError,
    MyDigitsError,
    RunFolderError,
    SweepError,
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
    parser = _Parser(
        prog="digit-lab", description="Digit Lab: train, evaluate, predict and export."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help=f"show tracebacks and the log on the terminal (also: {app_log.DEBUG_ENV_VAR}=1); "
        "accepted anywhere on the line",
    )
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
    t.add_argument(
        "--out",
        help="run folder (default: a new folder under the runs folder); an existing run "
        "there is kept unless --overwrite is given",
    )
    t.add_argument(
        "--overwrite", action="store_true", help="replace the run already in the --out folder"
    )
    t.add_argument("--resume", metavar="CKPT", help="continue training from a checkpoint")
    t.add_argument("--json", action="store_true", help="one JSON object per epoch on stdout")
    t.set_defaults(handler=run_training)

    e = sub.add_parser("eval", help="accuracy, per-class accuracy and confusion matrix")
    e.add_argument("checkpoint", help="a checkpoint file (a run folder's checkpoint.pt)")
    e.add_argument("--data-root", help=DATA_ROOT_HELP)
    e.add_argument("--device", choices=DEVICES, help=DEVICE_HELP)
    e.add_argument("--json", action="store_true", help="the result as one JSON object")
    e.set_defaults(handler=_cmd_eval)

    p = sub.add_parser(
        "predict",
        help="read the digit or whole number in images, drawn or photographed "
        "(use 'bundled' for the bundled model)",
    )
    p.add_argument("checkpoint", help="a checkpoint file, or 'bundled'")
    p.add_argument("images", nargs="+", metavar="IMAGE", help="images, or .npy model inputs")
    _add_option(p, _TOP, f"default: {_TOP.default}")
    p.set_defaults(top=_TOP.default)
    p.add_argument("--json", action="store_true", help="one JSON object per image")
    p.set_defaults(handler=_cmd_predict)

    add_export_parser(sub)
    add_explain_parser(sub)
    add_finetune_parser(sub, DATA_ROOT_HELP)
    add_sweep_parsers(sub)
    add_lab_parser(sub, DATA_ROOT_HELP)
    return parser


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
        print(json.dumps(result.to_dict(), allow_nan=False))
        return 0
    print(f"{config.model} on {config.dataset} test set ({len(split)} images)")
    print(f"accuracy {result.accuracy:.4f}   loss {result.loss:.4f}")
    print("per-class accuracy:")
    for name, acc in zip(result.class_names, result.per_class_accuracy.tolist(), strict=True):
        print(f"  {name:>12}  {acc:.4f}" if math.isfinite(acc) else f"  {name:>12}  no images")
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
            prediction = predictor.predict_file(image_path)  # an image or a .npy model input
        except (ImageReadError, NothingDrawn) as exc:
            failures += 1
            if args.json:
                print(json.dumps({"path": image_path, "error": str(exc)}, allow_nan=False))
            else:
                print(f"{image_path}: {_without_name(str(exc), image_path)}", file=sys.stderr)
            continue
        if args.json:
            print(json.dumps(_prediction_json(image_path, prediction), allow_nan=False))
        elif len(prediction.read_digits) > 1:
            each = ", ".join(f"{d.class_name} {d.confidence:.3f}" for d in prediction.digits)
            doubt = "" if prediction.confident else " [not sure: is this a number?]"
            print(f"{image_path}: {prediction.text} (digits: {each}){doubt}")
        else:
            top = ", ".join(f"{name} {p:.3f}" for name, p in prediction.top(args.top))
            doubt = "" if prediction.confident else " [not sure: is this a digit?]"
            print(f"{image_path}: {prediction.class_name} ({top}){doubt}")
    return 1 if failures else 0


def _prediction_json(image_path: str, prediction) -> dict:
    """One image's JSON line. ``label``, ``probabilities`` and ``confident`` keep their
    meaning for a single digit; ``text`` is the number read left to right and ``digits``
    each digit's label, probabilities, confidence and box [x0, y0, x1, y1] in the image's
    pixels (x1, y1 excluded; null for a .npy model input). For a number, ``label`` is the
    whole text and ``probabilities`` are those of its least sure digit.

    Strict JSON: the probabilities are finite (Predictor refuses NaN outputs), and the
    caller's allow_nan=False makes sure a NaN could never be printed as 'NaN'."""

    def probabilities(p) -> dict[str, float]:
        return dict(zip(p.class_names, map(float, p.probabilities), strict=True))

    digits = [
        {
            "label": d.class_name,
            "probabilities": probabilities(d),
            "confident": d.confident,
            "box": list(d.box) if d.box is not None else None,
        }
        for d in prediction.read_digits
    ]
    return {
        "path": image_path,
        "label": prediction.text,
        "probabilities": probabilities(prediction),
        "confident": prediction.confident,  # False: "not sure, is this a digit?"
        "text": prediction.text,
        "digits": digits,
        "photo": prediction.photo,
    }


def _without_name(message: str, path: str) -> str:
    """The reason alone, when the message starts with the file's name (the caller names the
    file as the user typed it: "x.png: x.png: no such file" says it twice)."""
    for prefix in (f"{path}: ", f"{Path(path).name}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand. A handled error is one line on stderr and exit 1; anything else
    is an internal error: one line too, with the traceback in the log file (and on the
    terminal with ``--debug`` or DIGIT_LAB_DEBUG=1)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a file name the terminal cannot show is escaped
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    debug = app_log.debug_requested(argv)
    argv = [a for a in argv if a != "--debug"]  # accepted anywhere, not only before the command
    log_file = app_log.configure(debug)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except USER_ERRORS as exc:
        log.info("digit-lab %s: %s", args.command, exc, exc_info=debug)
        if debug:
            traceback.print_exc()
        print(f"digit-lab {args.command}: error: {app_log.one_line(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "digit-lab: interrupted; the last finished epoch's checkpoint is kept", file=sys.stderr
        )
        return 130
    except Exception as exc:  # a bug, or a failure nobody foresaw: still one line
        log.exception("digit-lab %s failed", args.command)
        if debug:
            traceback.print_exc()
        where = f"details in {log_file}" if log_file else "run with --debug for details"
        print(
            f"digit-lab {args.command}: internal error: {app_log.one_line(exc)} ({where})",
            file=sys.stderr,
        )
        return 70  # EX_SOFTWARE


if __name__ == "__main__":
    raise SystemExit(main())
