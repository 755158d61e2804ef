"""``digit-lab finetune CKPT --data MY_DIGITS_DIR --out DIR``: learn the user's own hand.

Fine-tunes CKPT (a checkpoint, or 'bundled') on the personal dataset in MY_DIGITS_DIR (the
Draw tab's "my digits" folder: ``<label>/<name>.png``), mixed with MNIST train so it does
not forget, and writes into DIR:

* ``checkpoint.pt``: the fine-tuned model, a normal checkpoint (``predict``, the app);
* ``finetune.json``: accuracy before and after on the held-back part of your digits and on
  the MNIST test set.

An existing ``checkpoint.pt`` in DIR is kept unless ``--overwrite`` is given. Split from
:mod:`training_core.cli`, which turns the errors raised here into one line; the work is
:mod:`training_core.finetune`'s.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from training_core.checkpoints import load_checkpoint
from training_core.control import Control
from training_core.data import load_split
from training_core.fileio import atomic_write_text
from training_core.finetune import FinetuneOptions, finetune, split_user_digits
from training_core.messages import msg
from training_core.my_digits import MyDigits, MyDigitsError
from training_core.resources import bundled_model_path
from training_core.run_record import CHECKPOINT
from training_core.runs import RunFolderError

SUMMARY = "finetune.json"


def add_finetune_parser(sub, data_root_help: str) -> None:
    f = sub.add_parser(
        "finetune",
        help="fine-tune a model on your own digits (mixed with MNIST so it does not forget)",
        description=__doc__.split("\n\n")[1],
    )
    f.add_argument("checkpoint", metavar="CKPT", help="a checkpoint, or 'bundled'")
    f.add_argument("--data", required=True, metavar="MY_DIGITS_DIR", help="your digits' folder")
    f.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    f.add_argument("--overwrite", action="store_true", help="replace a checkpoint in --out")
    f.add_argument("--steps", type=int, default=FinetuneOptions.steps, help="training steps")
    f.add_argument(
        "--seed",
        type=int,
        default=FinetuneOptions.seed,
        help="seed of the held-back split and the training order (default: "
        f"{FinetuneOptions.seed})",
    )
    f.add_argument("--data-root", help=data_root_help)
    f.add_argument("--json", action="store_true", help="the summary as one JSON object")
    f.set_defaults(handler=run_finetune)


def run_finetune(args) -> int:
    out = Path(args.out)
    if not args.out.strip():
        raise RunFolderError(msg("finetune.empty_out", "--out needs a folder name"))
    if out.exists() and not out.is_dir():
        raise RunFolderError(
            msg("finetune.out_file", "--out {out} is a file, not a folder", out=out)
        )
    if (out / CHECKPOINT).exists() and not args.overwrite:
        raise RunFolderError(
            msg(
                "finetune.out_exists",
                "{path} already exists; choose a new folder, or add --overwrite",
                path=out / CHECKPOINT,
            )
        )
    if not 1 <= args.steps <= 100_000:
        raise RunFolderError(msg("finetune.steps", "--steps must be from 1 to 100000"))
    data = Path(args.data)
    if not data.is_dir():
        raise MyDigitsError(msg("finetune.no_data", "--data {path}: no such folder", path=data))
    checkpoint = load_checkpoint(
        bundled_model_path() if args.checkpoint == "bundled" else args.checkpoint
    )
    images, labels = MyDigits(data).load()
    options = FinetuneOptions(steps=args.steps, seed=args.seed)
    user, held = split_user_digits(images, labels, options.held_share, options.seed)
    train = load_split(checkpoint.config.get("dataset", "mnist"), True, args.data_root)
    test = load_split(checkpoint.config.get("dataset", "mnist"), False, args.data_root)

    def report(progress) -> None:
        if not args.json:
            loss = f" loss {progress.loss:.3f}" if progress.loss is not None else ""
            print(
                f"\r{progress.stage} {progress.step}/{progress.steps}{loss}   ",
                end="",
                file=sys.stderr,
            )

    control = Control()
    try:
        result = finetune(checkpoint, user, held, train, test, options, report, control)
    except KeyboardInterrupt:
        control.stop()
        raise
    finally:
        if not args.json:
            print(file=sys.stderr)  # end the progress line
    out.mkdir(parents=True, exist_ok=True)
    path = result.save(out / CHECKPOINT, checkpoint)
    summary = {"checkpoint": str(path), **result.summary()}
    atomic_write_text(out / SUMMARY, json.dumps(summary, indent=2) + "\n")
    if args.json:
        print(json.dumps(summary))
    else:
        print(
            f"your digits (held back, {result.held_count}): "
            f"{result.user_before:.1%} -> {result.user_after:.1%}\n"
            f"MNIST test: {result.mnist_before:.2%} -> {result.mnist_after:.2%}\n"
            f"wrote {path}"
        )
    return 0
