"""A run as code a student can read, run and change: one plain PyTorch script, or the same
code as a Jupyter notebook with a few words between the cells.

The code imports nothing from Digit Lab (only the standard library, torch and torchvision)
and does what Digit Lab did for the run's settings, so it prints the same per-epoch lines.
Its pieces come from ``training_core.export_templates`` (settings, data, optimizer),
``training_core.export_loop`` (the loop) and ``training_core.export_model_code`` (the
model, generated from the registry's model).
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass

from training_core import __version__
from training_core import export_loop as loop
from training_core import export_templates as pieces
from training_core.config import TrainConfig, default_config
from training_core.data import dataset_info
from training_core.export_model_code import model_code
from training_core.models import MODELS

LINE_LENGTH = 100
# Each import, and what the code must contain for it to be needed (ruff refuses unused ones).
IMPORTS = (
    ("import argparse", "argparse"),
    ("import math", "math"),
    ("import os", "os"),
    ("import time", "time"),
    ("", ""),
    ("import torch", "torch"),
    ("import torch.nn.functional as F", "F"),
    ("from torch import nn", "nn"),
    ("from torchvision import datasets", "datasets"),
)
# The settings the header's ``digit-lab train`` line shows when they differ from the model's.
SHOWN_OPTIONS = (
    "dataset",
    "epochs",
    "batch_size",
    "optimizer",
    "lr",
    "momentum",
    "weight_decay",
    "label_smoothing",
    "schedule",
    "init",
    "augment",
    "seed",
    "precision",
)


@dataclass(frozen=True)
class Section:
    """One part of the code: a title, a sentence or two on it, and the code itself."""

    title: str
    text: str  # the notebook's markdown cell; the script's comment above the code
    code: str


@dataclass(frozen=True)
class CodeExport:
    """What the code is made from: the run's settings and where they came from."""

    config: TrainConfig
    origin: str  # e.g. 'the run "20250101-120000-cnn-mnist"', for the header
    mean: float
    std: float
    data_root: str  # the default data folder written into the code ("~" for the home)


def sections(export: CodeExport) -> list[Section]:
    """The code's parts in order, without the imports and the script's command line."""
    config = export.config
    info = dataset_info(config.dataset)
    aug = pieces.augmentation(config)
    data_text = (
        f"{info.folder}'s IDX files, read by torchvision and kept as one tensor per split; "
        "each batch is normalised on the fly."
    )
    if aug:
        data_text += (
            f' Augmentation "{config.augment}": training batches are turned, shifted and '
            "scaled at random, so the model never sees quite the same image twice."
        )
    if pieces.hand_written(config):
        model_text = (
            "Softmax regression from scratch: the weights W and biases b are plain tensors, "
            "and softmax, cross-entropy and the SGD step are each a few lines."
        )
        model = pieces.scratch_model(config)
    else:
        model_text = (
            "The model, layer by layer (generated from Digit Lab's own). The comment after "
            "each layer is its output's shape for one image."
        )
        model = model_code(config.model).source
        init = pieces.initialisation(config)
        model += f"\n\n{init}" if init else ""
    optimizer_text = {
        "sgd": "Plain stochastic gradient descent",
        "momentum": "SGD with momentum",
        "adam": "Adam",
    }[config.optimizer]
    if config.schedule == "onecycle":
        optimizer_text += (
            ", with a one-cycle schedule: the learning rate warms up for the first quarter "
            "of the steps, then falls along a cosine to almost zero"
        )
    found = [
        Section("Settings", "The run's settings. Change one and run again.", _settings(export)),
        Section("Data", data_text, pieces.data(config) + (f"\n\n{aug}" if aug else "")),
        Section("The model", model_text, model),
    ]
    optimizer = pieces.optimizer(config)
    if optimizer:
        found.append(Section("Optimizer", optimizer_text + ".", optimizer))
    found += [
        Section(
            "Training and evaluation",
            "One epoch: shuffle, then for every batch forward, loss, backward and a step. "
            "Each epoch reseeds from SEED, so a run can be repeated number for number.",
            loop.training(config),
        ),
        Section(
            "Run",
            "Data on the device, the model seeded, then the epochs, one line each.",
            loop.run(config),
        ),
    ]
    return found


def _settings(export: CodeExport) -> str:
    return pieces.settings(export.config, export.mean, export.std, export.data_root)


def header(export: CodeExport) -> tuple[str, str]:
    """The title and the paragraph saying where the code came from and how to use it."""
    config = export.config
    spec = MODELS[config.model]
    folder = dataset_info(config.dataset).folder
    title = f"Train {spec.display_name} on {folder}: a Digit Lab run as plain PyTorch."
    text = (
        f"Exported by Digit Lab {__version__} from {export.origin}: the model "
        f'"{config.model}" ({spec.description}), trained as `{train_command(config)}` '
        f"would train it. It needs only PyTorch and torchvision, and reads the {folder} "
        f"files Digit Lab reads ({folder}/raw/ under DATA_ROOT): it never downloads anything. "
        "With the same settings, seed and device it prints the same per-epoch lines as "
        "Digit Lab; another device or PyTorch version may differ in the last digits."
    )
    return title, text


def train_command(config: TrainConfig) -> str:
    """``digit-lab train ...``: the options that differ from the model's own settings."""
    from training_core.cli_train import train_arguments  # lazy: the CLI's, not needed else

    defaults = default_config(config.model)
    shown = {
        name: getattr(config, name)
        for name in SHOWN_OPTIONS
        if getattr(config, name) != getattr(defaults, name)
        and (name != "momentum" or config.optimizer == "momentum")
    }
    return " ".join(["digit-lab", "train", *train_arguments(config.model, shown)])


def imports(code: str) -> str:
    """The import lines the code needs (the modules it uses), in isort's order."""
    used = {
        node.value.id
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
    }
    lines = [line for line, name in IMPORTS if not line or name in used]
    return "\n".join(lines).strip("\n") + "\n"


def script_text(export: CodeExport) -> str:
    """The standalone script: a header docstring, the imports, the sections, ``main``."""
    title, text = header(export)
    usage = f"    python {_script_name(export)} [--data-root DIR] [--device auto|cpu|cuda|mps]"
    doc = [title, "", *textwrap.wrap(text, LINE_LENGTH, break_on_hyphens=False), "", usage]
    parts = []
    for section in sections(export):
        rule = f"# -- {section.title} ".ljust(LINE_LENGTH - 8, "-")
        comment = textwrap.wrap(section.text, LINE_LENGTH - 2, break_on_hyphens=False)
        parts.append("\n".join([rule, *(f"# {line}" for line in comment), section.code]))
    body = "\n\n".join(parts) + "\n\n" + loop.main(export.config)
    docstring = '"""' + "\n".join(doc).replace("`", "") + '\n"""\n'
    return f"{docstring}\n{imports(body)}\n{body}"


def _script_name(export: CodeExport) -> str:
    return f"train_{export.config.model.replace('-', '_')}.py"


def notebook_cells(export: CodeExport) -> list[tuple[str, str]]:
    """The notebook's cells in order: ("markdown" or "code", text)."""
    title, text = header(export)
    found = sections(export)
    cells = [
        ("markdown", f"# {title}\n\n{text}"),
        ("code", imports("\n".join(s.code for s in found)).rstrip("\n")),
    ]
    for section in found:
        cells += [("markdown", f"## {section.title}\n\n{section.text}")]
        cells += [("code", section.code.rstrip("\n"))]
    cells += [
        ("markdown", 'Train it. `DEVICE`: "auto", "cpu", "cuda" or "mps".'),
        ("code", 'DEVICE = "auto"\ntrained = train(DATA_ROOT, DEVICE)'),
    ]
    return cells


def notebook_text(export: CodeExport) -> str:
    """The same code as a Jupyter notebook (nbformat 4), checked by ``nbformat.validate``."""
    import nbformat  # lazy: only exports need it
    from nbformat import v4

    cells = []
    for number, (kind, text) in enumerate(notebook_cells(export)):
        cell = v4.new_markdown_cell(text) if kind == "markdown" else v4.new_code_cell(text)
        cell["id"] = f"cell-{number}"  # stable ids: the same run exports the same file
        cells.append(cell)
    notebook = v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(notebook)
    return nbformat.writes(notebook)


def notebook_preview(export: CodeExport) -> str:
    """The notebook as one Python text in the "percent" format (``# %%`` before each code
    cell, markdown as comments), which the app shows with Python's colours."""
    parts = []
    for kind, text in notebook_cells(export):
        if kind == "markdown":
            parts.append(
                "# %% [markdown]\n" + "\n".join(f"# {line}".rstrip() for line in text.splitlines())
            )
        else:
            parts.append(f"# %%\n{text}")
    return "\n\n".join(parts) + "\n"
