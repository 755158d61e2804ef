"""Which settings set runs apart (the runs table's columns) and the labels made of them
(Compare's legend)."""

from __future__ import annotations

from training_core.run_compare import (
    comparison_labels,
    differing_settings,
    setting_values,
    settings_label,
    value_text,
)

MLP = {"model": "mlp", "dataset": "mnist", "epochs": 5, "lr": 0.1, "optimizer": "sgd"}


def test_only_the_settings_that_differ_are_named_in_the_forms_order():
    configs = [MLP, {**MLP, "lr": 0.5}, {**MLP, "lr": 0.5, "batch_size": 64}]
    assert differing_settings(configs) == ["batch_size", "lr"]
    assert differing_settings([MLP, dict(MLP)]) == []
    assert differing_settings([MLP]) == []
    assert differing_settings([]) == []


def test_a_missing_key_reads_as_its_default_and_unknown_keys_are_ignored():
    old = {key: value for key, value in MLP.items() if key != "optimizer"}  # default: sgd
    assert differing_settings([MLP, {**old, "from_the_future": 3}]) == []
    assert differing_settings([MLP, {**MLP, "batch_size": 256}]) == []  # 256 is the default
    assert setting_values({}) == {}


def test_an_unused_setting_makes_no_difference_by_itself():
    momentum = {**MLP, "optimizer": "momentum", "momentum": 0.9}
    assert setting_values(MLP)["momentum"] is None  # plain SGD does not use it
    assert differing_settings([MLP, momentum]) == ["optimizer"]
    both = [momentum, {**momentum, "momentum": 0.5}]
    assert differing_settings(both) == ["momentum"]


def test_damaged_runs_without_settings_are_left_out_and_whole_numbers_equal_floats():
    assert differing_settings([MLP, {}, {**MLP, "lr": 0.1}]) == []
    assert differing_settings([MLP, {**MLP, "epochs": 5.0}]) == []
    assert differing_settings([MLP, {**MLP, "lr": [1, 2]}]) == ["lr"]  # hand-edited: no crash


def test_labels_name_the_model_and_the_other_settings_by_short_names():
    keys = ["model", "batch_size", "lr"]
    assert settings_label({**MLP, "batch_size": 64}, keys) == "mlp · batch 64 · lr 0.1"
    assert settings_label(MLP, ["lr"]) == "mlp · lr 0.1"  # the model always leads
    assert settings_label(MLP, []) == ""
    assert settings_label({}, keys) == ""
    many = ["model", "epochs", "batch_size", "optimizer", "lr", "seed"]
    assert settings_label(MLP, many).endswith(" · …")
    assert value_text(1e-5) == "1e-05" and value_text(None) == "–"


def test_comparison_labels_prefer_the_users_name_then_settings_then_the_folder():
    configs = [MLP, {**MLP, "lr": 0.5}, {**MLP, "model": "cnn", "lr": 0.5}]
    folders = ["20240101-a", "20240101-b", "20240101-c"]
    assert comparison_labels(configs, folders) == [
        "mlp · lr 0.1",
        "mlp · lr 0.5",
        "cnn · lr 0.5",
    ]
    named = comparison_labels(configs, folders, ["", "my best", ""])
    assert named[1] == "my best"
    same = comparison_labels([MLP, MLP, {}], folders)
    assert same == folders  # nothing differs, and a damaged run has no settings
    twins = comparison_labels([MLP, MLP, {**MLP, "lr": 0.5}], folders)
    assert twins == ["mlp · lr 0.1 (20240101-a)", "mlp · lr 0.1 (20240101-b)", "mlp · lr 0.5"]
