"""What sets runs apart: the settings that differ between them, and a short label from them.

The runs table shows a column only for a setting that differs between the listed runs, and
Compare names each run by the same settings ("mlp · lr 0.1" against "mlp · lr 0.5"), so
that what was changed between two runs is what the eye finds first. Plain functions over
saved configs (dicts, as ``run_record`` read them), so the CLI and tests use them as the
window does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SEPARATOR = " · "
MAX_LABEL_PARTS = 4  # more differing settings than this are cut with "…"
SHORT_KEYS = {"lr": "lr", "batch_size": "batch", "weight_decay": "wd", "label_smoothing": "ls"}
VALUE_ONLY = ("model",)  # always first, by its value: "mlp", never "model mlp"


def setting_values(config: dict) -> dict[str, object]:
    """Every option of ``config`` in the form's order, with the default for an option the
    run's version did not save yet, and None for one the run does not use (momentum with
    plain SGD). ``{}`` for an empty config (a damaged run has no settings to show)."""
    from training_core.config import TrainConfig  # lazy: keeps torch out of a bare import

    if not config:
        return {}
    known = {opt.name for opt in TrainConfig.options()}
    full = {opt.name: opt.default for opt in TrainConfig.options()}
    full.update({key: value for key, value in config.items() if key in known})
    for opt in TrainConfig.options():
        if opt.only_when and full.get(opt.only_when[0]) != opt.only_when[1]:
            full[opt.name] = None
    return full


def differing_settings(configs: Sequence[dict]) -> list[str]:
    """The option names whose values differ between the non-empty ``configs``, in the
    form's order. A setting a run does not use (None) never makes a difference by
    itself: momentum differs only between two runs that both train with momentum."""
    from training_core.config import TrainConfig

    rows = [setting_values(config) for config in configs if config]
    differing = []
    for opt in TrainConfig.options():
        values = {_comparable(row.get(opt.name)) for row in rows} - {None}
        if len(values) > 1:
            differing.append(opt.name)
    return differing


def _comparable(value: object) -> object:
    """A value as a set member: lists (hand-edited configs) become tuples, NaN one value."""
    if isinstance(value, list):
        return tuple(_comparable(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _comparable(v)) for k, v in value.items()))
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def value_text(value: object) -> str:
    """A setting's value as the table and legend show it: ``0.1``, ``1e-05``, ``adam``;
    "–" for one the run does not use."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def settings_label(config: dict, keys: Sequence[str]) -> str:
    """``"mlp · lr 0.1 · batch 64"``: the run's model, then its values of ``keys`` (the
    differing settings) by their short names; "" when ``keys`` or the config is empty (no
    settings tell the run apart)."""
    values = setting_values(config)
    if not values or not keys:
        return ""
    parts = [value_text(values["model"])]
    for key in keys:
        if key in VALUE_ONLY or values.get(key) is None:
            continue
        parts.append(f"{SHORT_KEYS.get(key, key)} {value_text(values[key])}")
    if len(parts) > MAX_LABEL_PARTS:
        parts = [*parts[:MAX_LABEL_PARTS], "…"]
    return SEPARATOR.join(parts)


def comparison_labels(
    configs: Sequence[dict], folders: Sequence[str], names: Sequence[str] | None = None
) -> list[str]:
    """One legend label per run: the name the user gave it (``names[i]``, "" for none),
    else its differing settings, else (identical settings, a damaged run) its folder's
    name. Two runs that would read the same get their folder's name added."""
    keys = differing_settings(configs)
    names = list(names) if names is not None else [""] * len(configs)
    labels = [
        name or settings_label(config, keys) or folder
        for config, folder, name in zip(configs, folders, names, strict=True)
    ]
    return [
        f"{label} ({folder})" if labels.count(label) > 1 and label != folder else label
        for label, folder in zip(labels, folders, strict=True)
    ]
