"""Train every recipe in the model registry; print docs/results.md's results table (Markdown).

    DIGIT_LAB_DATA=../shared/datasets .venv/bin/python scripts/results_table.py [--only NAME]

The rows are ``training_core.models.MODELS``' recipes; each is one `digit-lab train` command
(shown in the table), with runs going to runs/results/NAME. ``--commands`` prints the table's
rows without training, to check the README's commands against the registry.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from training_core.cli_train import train_arguments
from training_core.models import MODELS

ROOT = Path(__file__).resolve().parents[1]


def rows() -> list[tuple[str, str, list[str], str]]:
    """(run name, target, train arguments, the command the table shows) per recipe."""
    table = []
    for spec in MODELS.values():
        for recipe in spec.recipes:
            flags = train_arguments(spec.name, recipe.settings)
            shown = f"digit-lab train {' '.join(flags)} --out runs/results/{recipe.name}"
            table.append((recipe.name, recipe.target, flags, shown))
    return table


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", action="append", help="row name(s) to run")
    parser.add_argument("--commands", action="store_true", help="list the commands, train nothing")
    args = parser.parse_args()
    if args.commands:
        for name, _, _, command in rows():
            print(f"{name}: {command}")
        return 0
    digit_lab = Path(sys.executable).parent / "digit-lab"
    lines = [
        "| run | target | test accuracy | train time | command |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, target, flags, command in rows():
        if args.only and name not in args.only:
            continue
        out = ROOT / "runs" / "results" / name
        start = time.perf_counter()
        proc = subprocess.run(
            [str(digit_lab), "train", *flags, "--out", str(out), "--json"],
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            print(f"{name}: failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return 1
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
        row = (
            f"| {name} | {target} | **{summary['test_acc'] * 100:.2f}%** | {wall:.0f} s "
            f"| `{command}` |"
        )
        print(row, file=sys.stderr, flush=True)
        lines.append(row)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
