"""Train every model of the README's results table and print the table in Markdown.

    DIGIT_LAB_DATA=../shared/datasets .venv/bin/python scripts/results_table.py [--only NAME]

Each row is one `digit-lab train` command (shown in the table); runs go to runs/results/NAME.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROWS = [
    ("softmax-scratch", ">= 92.0% (5 epochs)", "--model softmax-scratch --epochs 5 --seed 0"),
    ("softmax", ">= 92.5%", "--model softmax --epochs 20 --schedule onecycle --lr 0.2 --seed 0"),
    ("mlp", ">= 98.2%",
     "--model mlp --optimizer momentum --lr 0.05 --schedule onecycle --epochs 12 "
     "--batch-size 128 --weight-decay 1e-4 --seed 0"),
    ("deep-mlp", ">= 98.2%",
     "--model deep-mlp --optimizer momentum --lr 0.05 --schedule onecycle --epochs 15 "
     "--batch-size 128 --weight-decay 1e-4 --augment --seed 0"),
    ("cnn", ">= 99.3%", "--model cnn --epochs 3 --seed 0"),
    ("cnn-best", ">= 99.5%",
     "--model cnn --augment light --epochs 15 --schedule onecycle --optimizer adam "
     "--lr 0.003 --weight-decay 5e-4 --batch-size 128 --seed 0"),
]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", action="append", help="row name(s) to run")
    args = parser.parse_args()
    digit_lab = Path(sys.executable).parent / "digit-lab"
    lines = ["| run | target | test accuracy | train time | command |",
             "| --- | --- | --- | --- | --- |"]
    for name, target, flags in ROWS:
        if args.only and name not in args.only:
            continue
        out = ROOT / "runs" / "results" / name
        command = f"digit-lab train {flags} --out runs/results/{name}"
        start = time.perf_counter()
        proc = subprocess.run([str(digit_lab), "train", *flags.split(), "--out", str(out),
                               "--json"], capture_output=True, text=True)  # fmt: skip
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            print(f"{name}: failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return 1
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
        row = (f"| {name} | {target} | **{summary['test_acc'] * 100:.2f}%** | {wall:.0f} s "
               f"| `{command}` |")
        print(row, file=sys.stderr, flush=True)
        lines.append(row)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
