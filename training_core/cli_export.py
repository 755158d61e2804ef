"""``digit-lab export``: a run or checkpoint as an ONNX model, a script or a notebook.

Split from :mod:`training_core.cli`, which builds the parser and turns the errors raised
here into one line; the work itself is :mod:`training_core.export`'s.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from training_core.export import BUNDLED, DESCRIPTIONS, FORMATS, ExportError

EPILOG = "formats:\n" + "\n".join(f"  {name:<9} {text}" for name, text in DESCRIPTIONS.items())


def add_export_parser(sub) -> None:
    e = sub.add_parser(
        "export",
        help="a run or checkpoint as an ONNX model, a Python script or a notebook",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    e.add_argument(
        "source",
        metavar="RUN_OR_CKPT",
        help=f"a run folder, a checkpoint file, or '{BUNDLED}' for the bundled model",
    )
    e.add_argument(
        "--format",
        choices=tuple(FORMATS),
        help="what to write (default: the one --out's suffix names: .onnx, .py, .ipynb)",
    )
    e.add_argument("--out", required=True, help="the file to write")
    e.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    e.add_argument(
        "--data-root",
        help="script and notebook: the folder holding MNIST/raw that the code reads by "
        "default (default: the one digit-lab train would use)",
    )
    e.set_defaults(handler=run_export)


def run_export(args) -> int:
    """The ``export`` subcommand; user errors are raised for :func:`cli.main` to print."""
    from training_core.export import format_for, read_source, write_export

    if not args.out.strip():
        raise ExportError("--out needs a file name, not an empty path")
    out = Path(args.out)
    fmt = format_for(out, args.format)
    if out.exists() and not out.is_dir() and not args.overwrite:
        raise ExportError(f"{out} exists; choose another name, or add --overwrite to replace it")
    source = read_source(args.source)
    print(write_export(source, fmt, out, args.data_root))
    return 0
