"""Give the bundled model (resources/models/digit_cnn.pt) its doubt calibration.

Run from the repository root with the real MNIST files, after any retraining of the
bundled model (its weights and every other field are left as they are; only the
``calibration`` entry is added or replaced)::

    DIGIT_LAB_DATA=/work/shared/datasets .venv/bin/python -m scripts.calibrate_bundled_model

Seeded, so it is reproducible. Class means and covariances come from 20,000 MNIST *train*
digits, thresholds from 3,000 other train digits redrawn as a user would draw them
(``training_core.calibration``). The percentile is the highest candidate (the fewest real
digits flagged) at which at least ``--reject`` of two *fit* families of non-digits,
scribbles and hatching (tests/helpers/non_digits.py, seed 100), are not confident. The
tests measure on MNIST *test* digits and on the other families (blobs, crosses, random
strokes, spirals), so nothing is fitted on what is measured.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import torch

from training_core.calibration import score_held_out_split
from training_core.checkpoints import CheckpointError, load_checkpoint
from training_core.confidence import assess
from training_core.data import DataError, load_split
from training_core.fileio import atomic_write
from training_core.preprocessing import NothingDrawn, prepare_digit
from training_core.resources import bundled_model_path

CANDIDATES = (99.5, 99.0, 98.5, 98.0, 97.5)
FIT_FAMILIES = ("scribbles", "hatching")


def _prepared(drawings) -> np.ndarray:
    out = []
    for drawing in drawings:
        try:
            out.append(prepare_digit(drawing))
        except NothingDrawn:
            continue
    return np.stack(out).astype(np.float32)


def main(argv: list[str] | None = None) -> int:
    from tests.helpers.non_digits import non_digits  # a development script, run from the repo

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", help="folder holding MNIST/raw (default: $DIGIT_LAB_DATA)")
    parser.add_argument("--model", type=Path, default=Path(str(bundled_model_path())))
    parser.add_argument("--reject", type=float, default=0.9)
    args = parser.parse_args(argv)
    torch.manual_seed(0)
    try:
        checkpoint = load_checkpoint(args.model)
        train = load_split("mnist", True, args.data_root)
    except (CheckpointError, DataError) as exc:
        print(f"calibrate_bundled_model: {exc}", file=sys.stderr)
        return 1
    model = checkpoint.build_model()
    scores = score_held_out_split(
        model, train.images, train.labels, checkpoint.mean, checkpoint.std
    )
    fit = _prepared([d for family in FIT_FAMILIES for d in non_digits(family, 200, seed=100)])
    fit_x = torch.from_numpy(fit).unsqueeze(1).sub(checkpoint.mean).div(checkpoint.std)
    ink = fit.reshape(len(fit), -1).mean(1)
    chosen = None
    for percentile in CANDIDATES:
        calibration = scores.calibration(percentile)
        rejected = np.mean([not d.confident for d in assess(calibration, model, fit_x, ink)])
        print(f"percentile {percentile}: {rejected:.1%} of scribbles + hatching not confident")
        if rejected >= args.reject:
            chosen = calibration
            break
    if chosen is None:
        print("calibrate_bundled_model: no candidate percentile rejects enough", file=sys.stderr)
        return 1
    # Only the calibration entry changes: the payload is written back as it was read (the
    # bundled file keeps its pre-hash, pre-rename form, which the hostile tests rely on).
    payload = torch.load(args.model, map_location="cpu", weights_only=True)
    payload["calibration"] = chosen.to_payload()
    atomic_write(args.model, lambda handle: torch.save(payload, handle))
    if load_checkpoint(args.model).calibration is None:  # checked like any checkpoint
        print("calibrate_bundled_model: the calibration did not load back", file=sys.stderr)
        return 1
    print(
        f"{args.model}: percentile {chosen.percentile}, head distance <= "
        f"{chosen.head.threshold:.2f}, conv distance <= "
        f"{chosen.conv.threshold if chosen.conv else float('nan'):.2f}, ink <= "
        f"{chosen.ink_threshold:.3f}, plain top probability >= {chosen.softmax_threshold:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
