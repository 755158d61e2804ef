"""``digit-lab explain``: the model input, attribution and overlay per image, and the
round trip through ``digit-lab predict`` on the saved model input."""

import json

import numpy as np
import pytest
from PIL import Image

from training_core.cli import main
from training_core.inference import Predictor
from training_core.preprocessing import prepare_digit, to_model_input
from training_core.resources import sample_images


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def samples():
    by_name = {path.stem: path for path in sample_images()}
    return [by_name["digit_3"], by_name["digit_7"]]


def test_explain_writes_input_attribution_and_overlay_per_image(tmp_path, capsys, samples):
    out = tmp_path / "explained"
    code, stdout, err = run(capsys, "explain", "bundled", *samples, "--out", out)
    assert code == 0, err
    assert len(stdout.splitlines()) == 2
    predictor = Predictor.bundled()
    for sample in samples:
        name = sample.stem
        model_input = np.load(out / f"{name}.input.npy", allow_pickle=False)
        assert model_input.shape == (1, 28, 28) and model_input.dtype == np.float32
        digit = prepare_digit(np.asarray(Image.open(sample)))
        expected = to_model_input(digit, predictor.mean, predictor.std)[0].numpy()
        np.testing.assert_array_equal(model_input, expected)  # exactly what the model sees
        attr = np.load(out / f"{name}.attribution.npy", allow_pickle=False)
        assert attr.shape == (28, 28) and attr.dtype == np.float32
        assert attr.max() > 0 and attr.min() < 0  # signed
        paper = digit == 0
        assert np.abs(attr[paper]).max() < 1e-4 * np.abs(attr).max()  # paper gets no credit
        overlay = np.asarray(Image.open(out / f"{name}.overlay.png"))
        assert overlay.shape == (224, 224, 3)


def test_predict_on_the_saved_model_input_gives_the_images_answer(tmp_path, capsys, samples):
    out = tmp_path / "explained"
    assert run(capsys, "explain", "bundled", samples[0], "--out", out)[0] == 0
    npy = out / f"{samples[0].stem}.input.npy"
    code, stdout, err = run(capsys, "predict", "bundled", samples[0], npy, "--json")
    assert code == 0, err
    from_image, from_npy = (json.loads(line) for line in stdout.splitlines())
    assert from_image["label"] == from_npy["label"]
    for key, p in from_image["probabilities"].items():
        assert from_npy["probabilities"][key] == pytest.approx(p, abs=1e-9)


def test_an_edited_model_input_changes_the_answer(tmp_path, capsys, samples):
    out = tmp_path / "explained"
    run(capsys, "explain", "bundled", samples[0], "--out", out)
    model_input = np.load(out / f"{samples[0].stem}.input.npy")
    attr = np.load(out / f"{samples[0].stem}.attribution.npy")
    predictor = Predictor.bundled()
    background = -predictor.mean / predictor.std
    edited = model_input.copy().reshape(-1)
    edited[np.argsort(attr.reshape(-1))[-60:]] = background  # erase the most credited ink
    np.save(tmp_path / "edited.npy", edited.reshape(1, 28, 28))
    before = predictor.predict_input(model_input).confidence
    after = predictor.predict_file(tmp_path / "edited.npy")
    assert after.probabilities[3] < before


def test_explain_refuses_existing_outputs_and_clashing_names(tmp_path, capsys, samples):
    out = tmp_path / "explained"
    assert run(capsys, "explain", "bundled", samples[0], "--out", out)[0] == 0
    before = (out / f"{samples[0].stem}.attribution.npy").read_bytes()
    code, _, err = run(capsys, "explain", "bundled", samples[0], "--out", out)
    assert code == 1 and "exists" in err and "--overwrite" in err
    assert len(err.splitlines()) == 1
    code, _, err = run(capsys, "explain", "bundled", samples[0], "--out", out, "--overwrite")
    assert code == 0 and (out / f"{samples[0].stem}.attribution.npy").read_bytes() == before
    other = tmp_path / "other"
    other.mkdir()
    copy = other / samples[0].name
    copy.write_bytes(samples[0].read_bytes())
    code, _, err = run(capsys, "explain", "bundled", samples[0], copy, "--out", tmp_path / "x")
    assert code == 1 and "both be written" in err
    assert not (tmp_path / "x").exists()  # refused before anything was written
    code, _, err = run(capsys, "explain", "bundled", samples[0], "--out", "")
    assert code == 1 and "--out" in err


def test_explain_reports_a_bad_image_in_one_line_and_goes_on(tmp_path, capsys, samples):
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    blank = tmp_path / "blank.png"
    Image.new("L", (50, 50), 255).save(blank)
    out = tmp_path / "explained"
    code, stdout, err = run(capsys, "explain", "bundled", bad, samples[0], blank, "--out", out)
    assert code == 1
    assert len(stdout.splitlines()) == 1 and samples[0].name in stdout
    assert [line.split(": ")[0] for line in err.splitlines()] == [str(bad), str(blank)]
    assert (out / f"{samples[0].stem}.overlay.png").is_file()
    assert not (out / "bad.input.npy").exists()
