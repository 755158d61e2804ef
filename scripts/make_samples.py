"""Write resources/samples/digit_<label>.png: the first MNIST test image of each digit.

Run with the real MNIST files (the same data loading as training)::

    DIGIT_LAB_DATA=/work/shared/datasets .venv/bin/python scripts/make_samples.py

The images are saved as MNIST stores them: 28x28, 8-bit gray, white digit on black. The
choice (the first test image of each label, in file order) makes the output reproducible.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image

from training_core.data import DataError, load_split

OUT = Path(__file__).resolve().parents[1] / "resources" / "samples"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", help="folder holding MNIST/raw (default: $DIGIT_LAB_DATA)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        test = load_split("mnist", False, args.data_root)
    except DataError as exc:
        print(f"make_samples: {exc}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    labels = test.labels.tolist()
    for digit in range(10):
        index = labels.index(digit)
        path = args.out / f"digit_{digit}.png"
        Image.fromarray(test.images[index].numpy()).save(path, optimize=True)
        print(f"{path}: MNIST test image #{index}, {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
