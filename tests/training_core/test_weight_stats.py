"""Weight and gradient statistics: aggregated over every batch, written per epoch, read back
trusting nothing."""

import json

import numpy as np
import pytest
import torch
from torch import nn

from training_core.config import TrainConfig
from training_core.models import build_model, first_layer_weights
from training_core.runs import RunDirectory
from training_core.training import train
from training_core.weight_stats import (
    FIRST_LAYER_DIR,
    MAX_UNITS,
    STATS_FILE,
    WeightStats,
    read_first_layer,
    read_weight_stats,
    weight_layers,
)


def test_gradient_norms_cover_every_batch_of_the_epoch_not_only_the_last():
    model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    stats = WeightStats(model)
    assert stats.names == ["0", "2"]  # weights only: biases are left out
    stats.start_epoch(3)
    for scale in (1.0, 2.0, 4.0):
        for p in model.parameters():
            p.grad = torch.full_like(p, scale)
        stats.after_backward()
    row = stats.summary(epoch=1)
    assert row["epoch"] == 1 and row["batches"] == 3
    first = row["layers"][0]["grad_norm"]
    norms = np.array([1.0, 2.0, 4.0]) * np.sqrt(12)  # a 3x4 weight full of `scale`
    assert first["mean"] == pytest.approx(norms.mean())
    assert (first["min"], first["max"]) == pytest.approx((norms.min(), norms.max()))
    assert sum(first["counts"]) == 3
    weight = row["layers"][1]["weight"]
    assert sum(weight["counts"]) == 6 and weight["lo"] == -weight["hi"]


def test_a_run_writes_one_row_and_one_first_layer_file_per_epoch(tiny_data, tmp_path):
    config = TrainConfig(model="mlp", epochs=2, batch_size=64, device="cpu")
    run = RunDirectory.open(tmp_path / "run", config.to_dict())
    result = train(config, run_dir=run, data=tiny_data)
    rows, problems = read_weight_stats(run.path)
    assert problems == [] and [row["epoch"] for row in rows] == [1, 2]
    names = [name for name, _ in weight_layers(result.model)]
    assert [layer["name"] for layer in rows[-1]["layers"]] == names
    raw = json.loads((run.path / STATS_FILE).read_text().splitlines()[0])
    assert raw["batches"] == 512 // 64  # every batch of the epoch was counted
    saved, problems = read_first_layer(run.path)
    assert problems == [] and [epoch for epoch, _ in saved] == [1, 2]
    expected = first_layer_weights(result.model)[:MAX_UNITS].numpy()
    np.testing.assert_allclose(saved[-1][1], expected, atol=1e-3, rtol=1e-2)  # float16
    assert not np.allclose(saved[0][1], saved[1][1])  # the weights moved between epochs


@pytest.mark.parametrize("model", ["softmax-scratch", "cnn"])
def test_every_model_kind_records_its_first_layer(model, tiny_data, tmp_path):
    config = TrainConfig(model=model, epochs=1, batch_size=128, device="cpu")
    run = RunDirectory.open(tmp_path / "run", config.to_dict())
    result = train(config, run_dir=run, data=tiny_data)
    saved, _ = read_first_layer(run.path)
    assert saved[0][1].shape == tuple(first_layer_weights(result.model)[:MAX_UNITS].shape)
    rows, _ = read_weight_stats(run.path)
    assert len(rows[0]["layers"]) == len(weight_layers(build_model(model)))


def test_overwriting_a_run_removes_its_statistics(tiny_data, tmp_path):
    config = TrainConfig(model="softmax", epochs=1, batch_size=128, device="cpu")
    run = RunDirectory.open(tmp_path / "run", config.to_dict())
    train(config, run_dir=run, data=tiny_data)
    (run.path / FIRST_LAYER_DIR / "notes.txt").write_text("mine")
    run.clear_run_files()
    assert not (run.path / STATS_FILE).exists()
    assert sorted(p.name for p in (run.path / FIRST_LAYER_DIR).iterdir()) == ["notes.txt"]


def _good_row(epoch: int) -> dict:
    spread = {"mean": 0.0, "std": 1.0, "min": -1.0, "max": 1.0, "lo": -1.0, "hi": 1.0}
    return {
        "epoch": epoch,
        "layers": [
            {
                "name": "1",
                "weight": {**spread, "counts": [1, 2, 3]},
                "grad_norm": {**spread, "counts": [4]},
            }
        ],
    }


@pytest.mark.parametrize(
    "bad_line",
    [
        "not json",
        "[1, 2]",
        '{"epoch": "1", "layers": []}',
        '{"epoch": 0, "layers": []}',
        json.dumps({**_good_row(3), "layers": [{"name": 5}]}),
        json.dumps(_good_row(3)).replace('"mean": 0.0', '"mean": NaN', 1),
        json.dumps(_good_row(3)).replace("[1, 2, 3]", "[1, -2, 3]"),
        json.dumps(_good_row(3)).replace("[1, 2, 3]", '[1, "2", 3]'),
        json.dumps(_good_row(3)).replace('"lo": -1.0', '"lo": 5.0', 1),
    ],
)
def test_a_damaged_line_is_skipped_and_named(tmp_path, bad_line):
    lines = [json.dumps(_good_row(1)), bad_line, json.dumps(_good_row(2))]
    (tmp_path / STATS_FILE).write_text("\n".join(lines) + "\n")
    rows, problems = read_weight_stats(tmp_path)
    assert [row["epoch"] for row in rows] == [1, 2]
    assert len(problems) == 1 and problems[0].startswith(f"{STATS_FILE} line 2:")


def test_statistics_that_are_not_a_regular_file_are_refused(tmp_path):
    (tmp_path / STATS_FILE).mkdir()
    rows, problems = read_weight_stats(tmp_path)
    assert rows == [] and len(problems) == 1
    assert read_weight_stats(tmp_path / "nothing") == ([], [])  # older runs have none


def test_bad_first_layer_files_are_skipped_with_a_reason(tmp_path):
    folder = tmp_path / FIRST_LAYER_DIR
    folder.mkdir()
    np.save(folder / "epoch-0001.npy", np.zeros((4, 5, 5), np.float16))
    np.save(folder / "epoch-0002.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    np.save(folder / "epoch-0003.npy", np.zeros((4, 500, 500), np.float32))
    np.save(folder / "epoch-0004.npy", np.full((4, 5, 5), np.nan, np.float32))
    (folder / "epoch-0005.npy").write_bytes(b"\x93NUMPY garbage")
    np.save(folder / "other.npy", np.zeros((4, 5, 5), np.float32))  # not ours: ignored
    saved, problems = read_first_layer(tmp_path)
    assert [epoch for epoch, _ in saved] == [1]
    assert saved[0][1].dtype == np.float32
    assert len(problems) == 4
    assert any("pickle" in p or "objects" in p for p in problems)
