"""Exported scripts and notebooks: clean by ruff, free of Digit Lab, and made of pieces that
compute exactly what Digit Lab computes (checked piece by piece, in-process). Training them
for real on MNIST, in a fresh process, is tests/training_core/test_export_mnist.py."""

import ast
import json
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import torch

from training_core.config import default_config
from training_core.data import AUGMENTATIONS, dataset_info, iterate_batches, normalize
from training_core.export import data_root_text
from training_core.export_code import CodeExport, notebook_cells, notebook_text, script_text
from training_core.models import (
    MODELS,
    HandWrittenSGD,
    build_model,
    scratch_cross_entropy,
    scratch_softmax,
)
from training_core.training import onecycle_lr

# Settings that reach every branch of the generator: init schemes, optimizers, weight decay,
# both schedules, both augmentations, bf16, Fashion-MNIST.
VARIANTS = {
    "defaults": {},
    "light-adamw": dict(augment="light", optimizer="adam", weight_decay=1e-3, init="xavier"),
    "draw-momentum": dict(augment="draw", optimizer="momentum", weight_decay=5e-4),
    "bf16-fashion": dict(precision="bf16", dataset="fashion-mnist", schedule="onecycle"),
    "kaiming-sgd": dict(init="kaiming", optimizer="sgd", schedule="none"),
}
ALLOWED_IMPORTS = {"argparse", "math", "os", "time", "torch", "torchvision"}
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")


def export_for(model: str, **settings) -> CodeExport:
    config = default_config(model, **settings)
    if model == "softmax-scratch" and config.optimizer == "adam":
        config.optimizer = "momentum"  # the scratch model trains with its own SGD only
    info = dataset_info(config.dataset)
    return CodeExport(config, 'the run "test"', info.mean, info.std, "~/digit-lab-data")


@pytest.fixture(scope="module")
def exported_files(tmp_path_factory) -> Path:
    """Every model under every variant, as a script and a notebook, in one folder."""
    folder = tmp_path_factory.mktemp("exported")
    for model in MODELS:
        for variant, settings in VARIANTS.items():
            export = export_for(model, **settings)
            stem = f"{model.replace('-', '_')}_{variant.replace('-', '_')}"
            (folder / f"{stem}.py").write_text(script_text(export))
            (folder / f"{stem}.ipynb").write_text(notebook_text(export))
    return folder


@pytest.mark.skipif(RUFF is None, reason="ruff is not installed (pip install -e '.[test]')")
def test_exported_code_passes_ruff_and_is_formatted(exported_files):
    """The project's rules (E, F, W, I, B, UP; 100 columns), config files ignored."""
    rules = ["--isolated", "--line-length", "100", "--target-version", "py310"]
    check = subprocess.run(
        [RUFF, "check", "--no-cache", *rules, "--select", "E,F,W,I,B,UP", str(exported_files)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    scripts = sorted(str(p) for p in exported_files.glob("*.py"))
    formatted = subprocess.run(
        [RUFF, "format", "--no-cache", "--check", *rules[:3], *scripts],
        capture_output=True,
        text=True,
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def test_exported_code_imports_only_the_standard_library_torch_and_torchvision(exported_files):
    for path in exported_files.glob("*.py"):
        tree = ast.parse(path.read_text())
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, path.name
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
                pytest.fail(f"{path.name} imports dynamically")
        assert names <= ALLOWED_IMPORTS, (path.name, names - ALLOWED_IMPORTS)
        assert "training_core" not in path.read_text() and "desktop_app" not in path.read_text()


def test_notebooks_validate_and_hold_the_scripts_code_with_words_between(exported_files):
    for path in exported_files.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        kinds = [cell.cell_type for cell in notebook.cells]
        assert kinds[0] == "markdown" and kinds.count("code") >= 6
        assert all(a != b for a, b in zip(kinds[2:], kinds[3:], strict=False)), path.name
        script = path.with_suffix(".py").read_text()
        for cell in notebook.cells[2:-1]:  # every section's code is the script's
            if cell.cell_type == "code":
                assert cell.source in script, path.name


def load(export: CodeExport, tmp_path: Path) -> dict:
    """The exported script's functions and constants, as a module (not run as __main__)."""
    path = tmp_path / f"train_{export.config.model.replace('-', '_')}.py"
    path.write_text(script_text(export))
    return runpy.run_path(str(path), run_name="exported_script")


@pytest.mark.parametrize("level", [name for name, aug in AUGMENTATIONS.items() if aug])
def test_data_pieces_compute_what_digit_lab_computes(level, tmp_path, tiny_data):
    script = load(export_for("mlp", augment=level), tmp_path)
    split = tiny_data[0]
    assert torch.equal(script["normalize"](split.images[:50]), normalize(split.images[:50], *_ms()))
    ours = torch.Generator().manual_seed(5)
    theirs = torch.Generator().manual_seed(5)
    expected = list(iterate_batches(split, 64, True, ours, AUGMENTATIONS[level]))
    got = list(script["batches"](split.images, split.labels, 64, theirs))
    assert len(got) == len(expected)
    for (x1, y1), (x2, y2) in zip(got, expected, strict=True):
        assert torch.equal(y1, y2) and torch.equal(x1, x2)
    in_order = list(script["batches"](split.images, split.labels, 100))  # evaluation batches
    assert torch.equal(torch.cat([y for _, y in in_order]), split.labels)


def _ms() -> tuple[float, float]:
    info = dataset_info("mnist")
    return info.mean, info.std


def test_the_schedule_is_digit_labs(tmp_path):
    script = load(export_for("cnn", schedule="onecycle", lr=0.02), tmp_path)
    for step in (0, 1, 50, 99, 100, 399):
        assert script["onecycle_lr"](step, 400, 0.02) == onecycle_lr(step, 400, 0.02)


@pytest.mark.parametrize("init", ["default", "normal", "xavier", "kaiming"])
def test_the_seeded_model_is_digit_labs_for_every_init(init, tmp_path):
    script = load(export_for("mlp", init=init, seed=11), tmp_path)
    torch.manual_seed(11)
    theirs = script["build_model"]()
    if "initialise" in script:
        script["initialise"](theirs)
    ours = build_model("mlp", init, seed=11)
    for a, b in zip(ours.state_dict().values(), theirs.state_dict().values(), strict=True):
        assert torch.equal(a, b)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum"])
def test_the_scratch_code_is_the_lessons(optimizer, tmp_path):
    script = load(export_for("softmax-scratch", optimizer=optimizer, weight_decay=0.01), tmp_path)
    torch.manual_seed(0)
    W, b = script["init_parameters"](torch.device("cpu"))
    model = build_model("softmax-scratch", seed=0)
    assert torch.equal(W, model.W) and torch.equal(b, model.b)
    assert "nn.Linear" not in (tmp_path / "train_softmax_scratch.py").read_text()
    x = torch.randn(16, 1, 28, 28, generator=torch.Generator().manual_seed(2))
    y = torch.arange(16) % 10
    logits = script["forward"](x, W, b)
    assert torch.equal(logits, model(x))
    assert torch.equal(script["softmax"](logits), scratch_softmax(logits))
    assert torch.equal(script["cross_entropy"](logits, y), scratch_cross_entropy(logits, y))
    ours = HandWrittenSGD(model.parameters(), 0.1, 0.9 if optimizer == "momentum" else 0.0, 0.01)
    params = [W, b]
    velocities = [torch.zeros_like(p) for p in params]
    for _ in range(3):
        for p in params:
            p.grad = None
        script["cross_entropy"](script["forward"](x, *params), y).backward()
        extra = [velocities] if optimizer == "momentum" else []
        script["sgd_step"](params, *extra, 0.1)
        ours.zero_grad()
        scratch_cross_entropy(model(x), y).backward()
        ours.step()
    assert torch.equal(W, model.W) and torch.equal(b, model.b)


def test_the_data_folder_is_written_in_and_digit_lab_data_overrides_it(tmp_path, monkeypatch):
    monkeypatch.delenv("DIGIT_LAB_DATA", raising=False)
    export = export_for("softmax")
    assert load(export, tmp_path)["DATA_ROOT"] == str(Path.home() / "digit-lab-data")
    monkeypatch.setenv("DIGIT_LAB_DATA", str(tmp_path / "elsewhere"))
    assert load(export, tmp_path)["DATA_ROOT"] == str(tmp_path / "elsewhere")


def test_the_written_data_folder_is_the_one_digit_lab_uses(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGIT_LAB_DATA", str(tmp_path / "data"))
    assert data_root_text() == str(tmp_path / "data")
    monkeypatch.setenv("DIGIT_LAB_DATA", str(Path.home() / "mnist-files"))
    assert data_root_text() == str(Path("~") / "mnist-files")  # another user's home works too
    assert data_root_text(tmp_path / "given") == str(tmp_path / "given")


def test_the_header_says_where_it_came_from_and_how_to_run_it():
    text = script_text(export_for("cnn", epochs=7, seed=4, augment="light"))
    doc = " ".join(ast.get_docstring(ast.parse(text)).split())
    assert 'from the run "test"' in doc and "plain PyTorch" in doc
    assert "digit-lab train --model cnn --epochs 7 --augment light --seed 4 " in doc
    assert "python train_cnn.py [--data-root DIR]" in doc


def test_the_notebook_is_the_same_code_in_cells():
    export = export_for("softmax")
    cells = notebook_cells(export)
    notebook = json.loads(notebook_text(export))
    assert [c["cell_type"] for c in notebook["cells"]] == [kind for kind, _ in cells]
    assert notebook_text(export) == notebook_text(export)  # stable: the same run, the same file
    assert cells[-1] == ("code", 'DEVICE = "auto"\ntrained = train(DATA_ROOT, DEVICE)')


def test_missing_data_is_one_line_naming_the_folder_not_a_traceback(tmp_path):
    script = load(export_for("softmax"), tmp_path)
    with pytest.raises(SystemExit) as stopped:
        script["load_split"](str(tmp_path / "nowhere"), True)
    message = str(stopped.value)
    assert str(tmp_path / "nowhere" / "MNIST" / "raw") in message and "\n" not in message
