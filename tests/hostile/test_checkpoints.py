"""Hostile checkpoints (issue 11, items 5 and 15): a fixed corpus of hand-edited files, two
fuzz runs (bytes and payload structure), the weight hash, and the CLI's one-line errors.

Every case starts from a real tiny checkpoint (softmax regression with Adam state) saved
by ``save_checkpoint``; a mutation edits its payload dict and saves it again with
``torch.save``, as a user with a Python prompt would.
"""

from __future__ import annotations

import copy
import json
import math
import pickle
import zipfile
from collections.abc import Callable

import numpy as np
import pytest
import torch
from PIL import Image

from tests.helpers.checkpoint_files import read_payload, works
from tests.helpers.datasets import write_idx_dataset
from training_core.checkpoint_checks import HASH_KEY, weights_sha256
from training_core.checkpoints import (
    CheckpointError,
    load_checkpoint,
    save_for_inference,
)
from training_core.cli import main
from training_core.inference import BUNDLED_MODEL, Predictor

# -- the fixed corpus: name -> (edit of the payload, what the refusal names; None = loads) --


def _rehash(p: dict) -> None:
    """As if the edited weights had been saved by Digit Lab (so the hash check passes)."""
    p[HASH_KEY] = weights_sha256(p["state_dict"])


def _set(*keys, value) -> Callable[[dict], None]:
    def edit(p: dict) -> None:
        target = p
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return edit


def _drop(*keys) -> Callable[[dict], None]:
    def edit(p: dict) -> None:
        target = p
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return edit


def _weights(change: Callable[[dict], None], rehash: bool = True) -> Callable[[dict], None]:
    def edit(p: dict) -> None:
        change(p["state_dict"])
        if rehash:
            _rehash(p)

    return edit


def _poke(value: float) -> Callable[[dict], None]:
    def change(sd: dict) -> None:
        sd["1.weight"] = sd["1.weight"].clone()
        sd["1.weight"][3, 100] = value

    return change


def _adam(key: str, value) -> Callable[[dict], None]:
    return _set("optimizer_state", "state", 0, key, value=value)


def _sgd_style_state(p: dict) -> None:
    p["optimizer_state"]["state"] = {
        i: {"momentum_buffer": t["exp_avg"]} for i, t in p["optimizer_state"]["state"].items()
    }


def _bad_param_groups(p: dict) -> None:
    group = p["optimizer_state"]["param_groups"][0]
    p["optimizer_state"]["param_groups"] = [group, dict(group)]


def _scale_output_weights(p: dict) -> None:
    # Finite weights whose outputs overflow float32 on any image.
    p["state_dict"]["1.weight"] = torch.full((10, 784), 3e38)
    _rehash(p)


CORPUS: dict[str, tuple[Callable[[dict], None], str | None]] = {
    # top-level keys
    "missing format": (_drop("format"), "not a Digit Lab checkpoint"),
    "missing format_version": (_drop("format_version"), "'format_version' field is missing"),
    "missing config": (_drop("config"), "'config' field is missing"),
    "missing state_dict": (_drop("state_dict"), "'state_dict' field is missing"),
    "missing class_names": (_drop("class_names"), "'class_names' field is missing"),
    "missing normalization": (_drop("normalization"), "'normalization' field is missing"),
    "missing history (older file)": (_drop("history"), None),
    "missing epoch (older file)": (_drop("epoch"), None),
    "missing optimizer_state": (_drop("optimizer_state"), None),
    "missing versions": (_drop("versions"), None),
    "missing hash (file from before hashes)": (_drop(HASH_KEY), None),
    "unknown extra key": (_set("extra", value=1), "unexpected field 'extra'"),
    "another format marker": (_set("format", value="digit-lab-v9"), "not a Digit Lab"),
    "format marker a tensor": (_set("format", value=torch.zeros(3)), "not a Digit Lab"),
    # format_version
    "format_version as text": (_set("format_version", value="1"), "whole number, not str"),
    "format_version huge": (_set("format_version", value=2**40), "newer Digit Lab"),
    "format_version -1": (_set("format_version", value=-1), "not a valid version"),
    "format_version bool": (_set("format_version", value=True), "whole number, not bool"),
    "format_version float": (_set("format_version", value=1.0), "whole number, not float"),
    # config
    "config a list": (_set("config", value=[1, 2]), "config must be a dict"),
    "config without model": (_drop("config", "model"), "config names no model"),
    "model unknown": (_set("config", "model", value="resnet"), "unknown model 'resnet'"),
    "model None": (_set("config", "model", value=None), "config 'model' must be a name"),
    "model an int": (_set("config", "model", value=3), "unknown model 3"),
    "model another architecture": (_set("config", "model", value="mlp"), "weights lack"),
    "lr -1": (_set("config", "lr", value=-1.0), "invalid learning rate"),
    "batch size 0": (_set("config", "batch_size", value=0), "invalid batch size"),
    "lr NaN": (_set("config", "lr", value=math.nan), "'lr' must be a name or a finite"),
    "config value a tensor": (_set("config", "lr", value=torch.ones(3, 3)), "'lr' must be"),
    "config value huge text": (_set("config", "device", value="x" * 10**6), "characters long"),
    # class names
    "9 class names": (_set("class_names", value=list("012345678")), "9 class names"),
    "11 class names": (_set("class_names", value=[*"0123456789", "X"]), "11 class names"),
    "class names not text": (_set("class_names", value=list(range(10))), "is a int"),
    "class name huge": (_set("class_names", 3, value="3" * 10**5), "1 to 64 printable"),
    "class name with newline": (_set("class_names", 3, value="3\nx"), "1 to 64 printable"),
    "class names twice": (_set("class_names", 3, value="2"), "a name twice"),
    "class names a string": (_set("class_names", value="0123456789"), "must be a list"),
    # normalization
    "mean NaN": (_set("normalization", "mean", value=math.nan), "mean must be a finite"),
    "mean text": (_set("normalization", "mean", value="0.1"), "mean must be a finite"),
    "std 0": (_set("normalization", "std", value=0.0), "std must be a finite number > 0"),
    "std negative": (_set("normalization", "std", value=-0.3), "std must be"),
    "std missing": (_drop("normalization", "std"), "exactly 'mean' and 'std'"),
    # epoch and history
    "epoch -1": (_set("epoch", value=-1), "epoch must be a whole number"),
    "epoch as text": (_set("epoch", value="3"), "epoch must be a whole number"),
    "history not a list": (_set("history", value={"a": 1}), "history must be a list"),
    "history row with text": (_set("history", 0, "test_acc", value="high"), "row 1 'test_acc'"),
    "history row with NaN": (_set("history", 1, "lr", value=math.nan), "row 2 'lr'.* nan"),
    "history row not a dict": (_set("history", 0, value=[1, 2]), "row 1 must be a dict"),
    # weights
    "state_dict a list": (_set("state_dict", value=[1]), "state_dict must be a dict"),
    "weight missing": (_weights(lambda sd: sd.pop("1.bias")), "lack '1.bias'"),
    "weight extra": (_weights(lambda sd: sd.update(extra=torch.zeros(1))), "hold 'extra'"),
    "weight wrong shape": (
        _weights(lambda sd: sd.update({"1.bias": torch.zeros(11)})),
        "'1.bias' has shape \\[11\\]",
    ),
    "weight wrong dtype": (
        _weights(lambda sd: sd.update({"1.bias": torch.zeros(10, dtype=torch.float64)})),
        "'1.bias' is torch.float64",
    ),
    "weight not a tensor": (
        _weights(lambda sd: sd.update({"1.bias": [0.0] * 10}), rehash=False),
        "'1.bias' is a list, not a tensor",
    ),
    "NaN weight (saved so)": (_weights(_poke(math.nan)), "NaN or infinite values"),
    "inf weight (saved so)": (_weights(_poke(math.inf)), "NaN or infinite values"),
    "NaN weight (edited)": (_weights(_poke(math.nan), rehash=False), "NaN or infinite"),
    "weights overflowing to inf": (_scale_output_weights, "NaN or infinite outputs"),
    # the hash
    "weight edited after saving": (_weights(_poke(0.5), rehash=False), "hash mismatch"),
    "hash of other weights": (_set(HASH_KEY, value="0" * 64), "hash mismatch"),
    "hash an int": (_set(HASH_KEY, value=12345), "64 hexadecimal characters"),
    "hash too short": (_set(HASH_KEY, value="abc"), "64 hexadecimal characters"),
    # optimizer state
    "optimizer_state text": (_set("optimizer_state", value="adam"), "must be a dict or None"),
    "optimizer_state None": (_set("optimizer_state", value=None), None),
    "optimizer_state without groups": (
        _drop("optimizer_state", "param_groups"),
        "exactly 'state' and 'param_groups'",
    ),
    "optimizer moment wrong shape": (_adam("exp_avg", torch.zeros(3)), "exp_avg has shape"),
    "optimizer moment NaN": (_adam("exp_avg_sq", torch.full((10, 784), math.nan)), "NaN"),
    "optimizer moment negative": (_adam("exp_avg_sq", -torch.ones(10, 784)), "negative"),
    "optimizer step text": (_adam("step", "ten"), "step must be a finite count"),
    "optimizer state of SGD": (_sgd_style_state, "parameter 0 needs exp_avg"),
    "optimizer state for parameter 7": (
        _set("optimizer_state", "state", 7, value={}),
        "a parameter the model does not have",
    ),
    "optimizer two param groups": (_bad_param_groups, "param_groups must be a list of one"),
    # versions and the payload itself
    "versions not a dict": (_set("versions", value=[1]), "versions must be a dict"),
}


def _save_edited(base_file, tmp_path, edit) -> object:
    payload = copy.deepcopy(read_payload(base_file))
    edit(payload)
    path = tmp_path / "edited.pt"
    torch.save(payload, path)
    return path


def test_the_base_checkpoint_loads_and_holds_the_hash(base_file):
    checkpoint = load_checkpoint(base_file)
    works(checkpoint)
    payload = read_payload(base_file)
    assert payload[HASH_KEY] == weights_sha256(payload["state_dict"])


@pytest.mark.parametrize("name", list(CORPUS))
def test_hand_edited_checkpoint_is_refused_in_one_line_or_loads(name, base_file, tmp_path):
    edit, needle = CORPUS[name]
    path = _save_edited(base_file, tmp_path, edit)
    if needle is None:  # backward compatible: loads, and works
        works(load_checkpoint(path))
        return
    with pytest.raises(CheckpointError, match=needle) as info:
        load_checkpoint(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith("edited.pt: ") and len(message) < 400


def _zip_not_torch(path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")


class _Exploit:
    def __reduce__(self):
        return (exec, ("open('PWNED', 'w').write('x')",))


FILES: dict[str, tuple[Callable, str]] = {
    "zero bytes": (lambda path, base: path.write_bytes(b""), "the file is empty"),
    "text file": (
        lambda path, base: path.write_text("epoch 3, accuracy 0.98\n"),
        "not a PyTorch checkpoint file$",
    ),
    "zip that is not torch": (lambda path, base: _zip_not_torch(path), "truncated, corrupt"),
    "truncated": (
        lambda path, base: path.write_bytes(base.read_bytes()[:5000]),
        "truncated, corrupt",
    ),
    "a bare tensor": (lambda path, base: torch.save(torch.zeros(3), path), "no 'digit-lab"),
    "pickled code": (
        lambda path, base: torch.save({"x": _Exploit()}, path, pickle_module=pickle),
        "could run code",
    ),
}


@pytest.mark.parametrize("name", list(FILES))
def test_files_that_are_not_checkpoints_say_what_they_are(name, base_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write, needle = FILES[name]
    path = tmp_path / "file.pt"
    write(path, base_file)
    with pytest.raises(CheckpointError, match=needle) as info:
        load_checkpoint(path)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "PWNED").exists()


# -- the CLI: one line, exit 1 -------------------------------------------------------------


@pytest.fixture
def digit_png(tmp_path):
    image = np.zeros((28, 28), np.uint8)
    image[6:22, 12:16] = 255
    path = tmp_path / "digit.png"
    Image.fromarray(image).save(path)
    return path


@pytest.mark.parametrize(
    "name",
    ["model unknown", "weight edited after saving", "9 class names", "NaN weight (saved so)"],
)
@pytest.mark.parametrize("command", ["predict", "predict --json", "eval"])
def test_cli_predict_and_eval_refuse_in_one_line(
    name, command, base_file, tmp_path, digit_png, capsys
):
    path = _save_edited(base_file, tmp_path, CORPUS[name][0])
    if command == "eval":
        root = tmp_path / "data"
        write_idx_dataset(root, "MNIST", n_train=20, n_test=20)
        argv = ["eval", str(path), "--data-root", str(root)]
    else:
        argv = [*command.split(), str(path), str(digit_png)]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"digit-lab {command.split()[0]}: error: ")
    assert "edited.pt: " in err and "Traceback" not in err


def test_predict_json_is_strict_json(base_file, digit_png, capsys):
    assert main(["predict", str(base_file), str(digit_png), "--json"]) == 0
    out = capsys.readouterr().out

    def refuse(constant):
        raise AssertionError(f"not JSON: {constant}")

    probabilities = json.loads(out, parse_constant=refuse)["probabilities"]
    assert len(probabilities) == 10 and math.isclose(sum(probabilities.values()), 1.0)


def test_a_prediction_that_overflows_is_refused_not_nan(base_file, tmp_path):
    """Finite weights pass the load-time probe, yet overflow on one pixel: the Predictor
    refuses the image instead of returning NaN probabilities."""
    payload = read_payload(base_file)
    weight = torch.zeros(10, 784)
    weight[0, 0] = 3e38  # probes: pixel 0 is dark (-0.42 * 3e38 fits float32)
    payload["state_dict"]["1.weight"] = weight
    _rehash(payload)
    torch.save(payload, tmp_path / "big.pt")
    predictor = Predictor.from_path(tmp_path / "big.pt")
    digit = np.zeros((28, 28), np.float32)
    digit[0, 0] = 1.0  # (1 - 0.13) / 0.31 * 3e38 overflows
    with pytest.raises(CheckpointError, match="NaN or infinite"):
        predictor.predict_digit(digit)


def test_a_negative_batch_norm_variance_in_an_old_cnn_file_is_refused(tmp_path):
    """No hash to catch the edit (a file from before hashes): the value check does."""
    payload = read_payload(BUNDLED_MODEL)
    payload["state_dict"]["features.1.running_var"][0] = -1.0
    torch.save(payload, tmp_path / "cnn.pt")
    with pytest.raises(CheckpointError, match="'features.1.running_var' has negative values"):
        load_checkpoint(tmp_path / "cnn.pt")


# -- item 15: the hash, old files ----------------------------------------------------------


def test_a_file_from_before_the_hash_loads_and_the_next_save_adds_it(base_file, tmp_path):
    old = _save_edited(base_file, tmp_path, _drop(HASH_KEY))
    assert HASH_KEY not in read_payload(old)
    works(load_checkpoint(old))
    save_for_inference(old, tmp_path / "slim.pt")
    payload = read_payload(tmp_path / "slim.pt")
    assert payload[HASH_KEY] == weights_sha256(payload["state_dict"])
    works(load_checkpoint(tmp_path / "slim.pt"))


def test_the_bundled_model_is_a_file_without_the_hash_and_still_loads():
    assert HASH_KEY not in read_payload(BUNDLED_MODEL)  # written before hashes; never rewritten
    # ... and before the CNN's rename: it names "cnn" and holds what is now "cnn-wide".
    assert read_payload(BUNDLED_MODEL)["config"]["model"] == "cnn"
    checkpoint = load_checkpoint(BUNDLED_MODEL)
    assert checkpoint.model_name == "cnn-wide"
    works(checkpoint)


def test_the_hash_covers_names_shapes_dtypes_and_bytes():
    sd = {"a": torch.arange(6.0).reshape(2, 3), "b": torch.zeros(2)}
    digest = weights_sha256(sd)
    assert digest == weights_sha256({"b": torch.zeros(2), "a": torch.arange(6.0).reshape(2, 3)})
    assert digest != weights_sha256({**sd, "a": torch.arange(6.0).reshape(3, 2)})
    assert digest != weights_sha256({**sd, "a": torch.arange(6.0, dtype=torch.float64)})
    assert digest != weights_sha256({"c": sd["a"], "b": sd["b"]})
    changed = sd["a"].clone()
    changed[1, 2] = 5.000001
    assert digest != weights_sha256({**sd, "a": changed})
