"""``digit-lab predict`` and the Draw tab agree: same preprocessing, same probabilities.

The Draw tab classifies the canvas array through ``Predictor.predict_image``; the CLI reads
a PNG and goes through the same call. Saving the canvas as PNG is lossless, so for the same
drawing both must give the same numbers (up to float rounding of different thread counts).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.helpers.stroke_digits import render_digit
from training_core.image_io import read_image, save_png
from training_core.inference import Predictor


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("digit-lab")
    return [str(script)] if script.exists() else [sys.executable, "-m", "training_core.cli"]


@pytest.fixture(scope="module")
def predictor() -> Predictor:
    return Predictor.bundled()


@pytest.fixture
def canvases(tmp_path):
    """Canvas-like drawings (uint8 gray, black on white) saved as PNG, as the tab would."""
    drawings = {
        "seven.png": render_digit(7),
        "small-off-centre-four.png": render_digit(4, 80, (70, 200), 8, 10),
        "thick-two.png": render_digit(2, 230, (140, 140), 36, -8),
        "white-on-black-five.png": 255 - render_digit(5),
    }
    paths = {}
    for name, image in drawings.items():
        save_png(tmp_path / name, image)
        paths[str(tmp_path / name)] = image
    return paths


def test_saved_canvas_png_reads_back_pixel_for_pixel(canvases):
    for path, image in canvases.items():
        np.testing.assert_array_equal(read_image(path), image)


@pytest.mark.slow  # a fresh interpreter imports torch
def test_cli_predict_json_gives_the_panels_probabilities(canvases, predictor, tmp_path):
    blank = tmp_path / "blank.png"  # an empty canvas: reported, never guessed
    save_png(blank, np.full((280, 280), 255, np.uint8))
    proc = subprocess.run(
        [*_cli(), "predict", "bundled", *canvases, str(blank), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr  # 1: one image could not be classified
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines[-1] == {"path": str(blank), "error": "nothing drawn"}
    lines = lines[:-1]
    assert [line["path"] for line in lines] == list(canvases)
    for line, image in zip(lines, canvases.values(), strict=True):
        expected = predictor.predict_image(image)  # what the Draw tab computes
        got = np.array([line["probabilities"][name] for name in predictor.class_names])
        np.testing.assert_allclose(got, expected.probabilities, rtol=0, atol=1e-6)
        assert line["label"] == expected.class_name
    assert [line["label"] for line in lines] == ["7", "4", "2", "5"]
