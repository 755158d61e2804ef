"""``digit-lab explain``: what each image's prediction looked at, as files.

For every IMAGE (a picture, or a ``.npy`` model input as ``explain`` itself writes) it
writes into ``--out``:

* ``NAME.input.npy``: the (1, 28, 28) float32 model input, exactly what the model sees
  after preprocessing; ``digit-lab predict CKPT NAME.input.npy`` gives the same answer,
  and an edited copy shows what a change does;
* ``NAME.attribution.npy``: (28, 28) float32, signed, for the predicted class;
* ``NAME.overlay.png``: the digit with the attribution over it (red: towards the class,
  blue: away from it).

Split from :mod:`training_core.cli`, which builds the parser and turns the errors raised
here into one line; the work is :mod:`training_core.attribution`'s.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from training_core.attribution import METHODS, attribute, background_value, overlay_rgb
from training_core.fileio import atomic_write
from training_core.image_io import ImageReadError, read_image, save_png
from training_core.preprocessing import NothingDrawn, prepare_digit, to_model_input

SUFFIXES = (".input.npy", ".attribution.npy", ".overlay.png")


class ExplainError(ValueError):
    """A bad ``explain`` command line (outputs that exist, names that clash)."""


def add_explain_parser(sub) -> None:
    x = sub.add_parser(
        "explain",
        help="what each prediction looked at: model input, attribution map and overlay",
        description=__doc__.split("\n\n")[1],
    )
    x.add_argument("checkpoint", metavar="CKPT", help="a checkpoint, or 'bundled'")
    x.add_argument("images", nargs="+", metavar="IMAGE", help="image files, or .npy model inputs")
    x.add_argument("--out", required=True, metavar="DIR", help="the folder to write into")
    x.add_argument(
        "--overwrite", action="store_true", help="replace files of the same names in --out"
    )
    x.add_argument(
        "--method",
        choices=METHODS,
        default=METHODS[0],
        help="integrated gradients (default; from a blank digit) or occlusion (slower: "
        "4x4 patches blanked one by one)",
    )
    x.add_argument("--json", action="store_true", help="one JSON object per image")
    x.set_defaults(handler=run_explain)


def output_name(image: str) -> str:
    """``digit.png`` -> ``digit``; ``digit.input.npy`` (explain's own output) -> ``digit``."""
    name = Path(image).name
    for suffix in (".input.npy", ".npy"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return Path(image).stem


def _plan(images: list[str], out: Path, overwrite: bool) -> dict[str, str]:
    """image -> output name; refuses clashing names and existing files before any work."""
    names: dict[str, str] = {}
    taken: dict[str, str] = {}
    for image in images:
        name = output_name(image)
        if not name:
            raise ExplainError(f"{image}: gives no file name to write under")
        if name in taken and taken[name] != image:
            raise ExplainError(
                f"{taken[name]} and {image} would both be written as {name}.*; "
                "explain them into different --out folders"
            )
        taken[name] = image
        names[image] = name
    if not overwrite:
        for name in names.values():
            for suffix in SUFFIXES:
                if (out / f"{name}{suffix}").exists():
                    raise ExplainError(
                        f"{out / (name + suffix)} exists; choose another --out, or add "
                        "--overwrite to replace it"
                    )
    return names


def _model_input(predictor, image_path: str) -> np.ndarray:
    """(1, 28, 28) float32, what the model sees: a .npy as it is, an image preprocessed."""
    from training_core.inference import is_model_input_file, load_model_input

    if is_model_input_file(image_path):
        return load_model_input(image_path)
    digit = prepare_digit(read_image(image_path))
    return to_model_input(digit, predictor.mean, predictor.std)[0].numpy()


def _save_npy(path: Path, array: np.ndarray) -> None:
    atomic_write(path, lambda handle: np.save(handle, array, allow_pickle=False))


def run_explain(args) -> int:
    """The ``explain`` subcommand; user errors are raised for :func:`cli.main` to print."""
    from training_core.inference import BUNDLED_MODEL, Predictor

    if not args.out.strip():
        raise ExplainError("--out needs a folder name, not an empty path")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise ExplainError(f"{out} is a file; --out must be a folder")
    names = _plan(args.images, out, args.overwrite)
    predictor = Predictor.from_path(
        BUNDLED_MODEL if args.checkpoint == "bundled" else args.checkpoint
    )
    background = background_value(predictor.mean, predictor.std)
    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for image_path, name in names.items():
        try:
            model_input = _model_input(predictor, image_path)
        except (ImageReadError, NothingDrawn) as exc:
            failures += 1
            _report_failure(args.json, image_path, str(exc))
            continue
        prediction = predictor.predict_input(model_input)
        attr = attribute(predictor.model, model_input, prediction.label, background, args.method)
        digit = np.clip(model_input[0] * predictor.std + predictor.mean, 0.0, 1.0)
        written = [out / f"{name}{suffix}" for suffix in SUFFIXES]
        _save_npy(written[0], model_input.astype(np.float32))
        _save_npy(written[1], attr.astype(np.float32))
        save_png(written[2], overlay_rgb(digit, attr))
        if args.json:
            line = {
                "path": image_path,
                "label": prediction.class_name,
                "probability": prediction.confidence,
                "files": [str(p) for p in written],
            }
            print(json.dumps(line, allow_nan=False))
        else:
            print(
                f"{image_path}: {prediction.class_name} ({prediction.confidence:.3f}) -> "
                + ", ".join(p.name for p in written)
            )
    return 1 if failures else 0


def _report_failure(as_json: bool, image_path: str, message: str) -> None:
    if as_json:
        print(json.dumps({"path": image_path, "error": message}, allow_nan=False))
        return
    for prefix in (f"{image_path}: ", f"{Path(image_path).name}: "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
            break
    print(f"{image_path}: {message}", file=sys.stderr)
