"""The bundled files, found through importlib.resources, and the sample digits."""

from pathlib import Path

import numpy as np
from PIL import Image

from training_core import resources
from training_core.image_io import read_image
from training_core.inference import BUNDLED_MODEL, Predictor

SOURCES = Path(__file__).resolve().parents[2]


def test_bundled_model_lies_in_the_resources_package():
    import digit_lab_resources

    package_dir = Path(digit_lab_resources.__file__).parent
    assert resources.bundled_model_path() == BUNDLED_MODEL
    assert BUNDLED_MODEL.is_file() and BUNDLED_MODEL.is_relative_to(package_dir)


def test_samples_are_small_mnist_style_digits_the_bundled_model_gets_right():
    samples = resources.sample_images()
    assert [resources.sample_label(p) for p in samples] == [str(d) for d in range(10)]
    predictor = Predictor.bundled()
    for path in samples:
        assert path.stat().st_size < 1024
        with Image.open(path) as img:
            assert (img.mode, img.size) == ("L", (28, 28))
        pixels = read_image(path)
        assert pixels[0, 0] == 0 and pixels.max() > 200  # white digit on black, as MNIST
        assert predictor.predict_image(pixels).class_name == resources.sample_label(path)
        assert np.isclose(predictor.predict_image(pixels).probabilities.sum(), 1)


def test_no_code_finds_files_relative_to_its_own_source():
    """Resources come from importlib.resources, which works wherever the package lives."""
    for folder in ("training_core", "desktop_app"):
        for source in (SOURCES / folder).rglob("*.py"):
            assert "__file__" not in source.read_text(encoding="utf-8"), source
