"""Digit Lab installs anywhere: a wheel with only its own import names, that runs from a
fresh virtual environment with the repository out of sight.

The slow test reuses the project venv's packages (torch, Qt, ...) through a ``.pth`` file,
so nothing is downloaded.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from setuptools import find_packages

import training_core

REPO = Path(__file__).resolve().parents[1]
OWN_NAMES = {"desktop_app", "training_core", "digit_lab_resources"}


def _pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# -- fast checks ----------------------------------------------------------------------------


def test_every_package_on_disk_is_in_pyproject():
    """pyproject lists packages by hand (for the resources mapping): none may be forgotten."""
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    on_disk = set(find_packages(where=REPO, include=["training_core*", "desktop_app*"]))
    assert listed == on_disk | {"digit_lab_resources"}
    mapped = _pyproject()["tool"]["setuptools"]["package-dir"]
    assert mapped == {"digit_lab_resources": "resources"}


def test_every_third_party_import_is_a_declared_dependency():
    declared = {
        _normalise(re.match(r"[A-Za-z0-9._-]+", req).group())
        for req in _pyproject()["project"]["dependencies"]
    }
    imported = set()
    for folder in ("training_core", "desktop_app"):
        for source in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    imported |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - OWN_NAMES - {"__future__"}
    distributions = packages_distributions()
    undeclared = {
        name
        for name in third_party
        if not {_normalise(d) for d in distributions.get(name, [name])} & declared
    }
    assert not undeclared, f"imported but not in pyproject dependencies: {sorted(undeclared)}"


def test_version_flag(capsys):
    """``digit-lab --version`` answers without importing torch; the core's parser agrees."""
    from desktop_app.cli import main as entry_point
    from training_core.cli import main

    assert entry_point(["--version"]) == 0
    fast = capsys.readouterr().out
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == fast == f"digit-lab {training_core.__version__}\n"


# -- the wheel, installed into a fresh venv --------------------------------------------------


def _start(args, *, cwd, env) -> subprocess.Popen:
    return subprocess.Popen(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _finish(proc: subprocess.Popen, timeout=300) -> str:
    """Wait for a started command; its stdout, after checking it succeeded."""
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"{proc.args} failed ({proc.returncode}):\n{out}{err}"
    return out


def _run(args, *, cwd, env) -> str:
    return _finish(_start(args, cwd=cwd, env=env))


NOT_SOURCES = {".git", ".venv", "build", "dist", "runs", "out", ".pytest_cache", ".ruff_cache"}


def _not_sources(folder: str, names: list[str]) -> set[str]:
    """What the build never needs: VCS, venv, caches, earlier builds and runs."""
    top = Path(folder) == REPO
    return {
        n
        for n in names
        if n == "__pycache__" or n.endswith(".egg-info") or (top and n in NOT_SOURCES)
    }


APP_SNIPPET = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
import desktop_app, digit_lab_resources, training_core
from desktop_app.draw.panel import DrawPanel
from desktop_app.main_window import MainWindow
from training_core.resources import sample_images
from training_core.data import dataset_root
window = MainWindow()
(draw,) = window.findChildren(DrawPanel)
print(json.dumps({
    "modules": [m.__file__ for m in (desktop_app, digit_lab_resources, training_core)],
    "draw_model": str(draw.model_path),
    "samples": [str(p) for p in sample_images()],
    "mnist_root": str(dataset_root("mnist")),
    "sys_path": sys.path,
}))
window.close()
"""


@pytest.mark.slow
@pytest.mark.timeout(600)  # builds a wheel and a venv: longer than the suite's per-test limit
def test_wheel_installs_and_runs_outside_the_repository(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "DIGIT_LAB_DATA")  # MNIST: the bundled copy
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INDEX="1",  # nothing is downloaded
    )

    # The wheel, built from a copy of the working tree (no build/ or egg-info left in the
    # repository, no stale build/lib in the wheel): only Digit Lab's own top-level names.
    source = tmp_path / "source"
    shutil.copytree(REPO, source, ignore=_not_sources)
    wheels = tmp_path / "wheels"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            wheels,
            source,
        ],
        cwd=tmp_path,
        env=env,
    )
    (wheel,) = wheels.glob("digit_lab-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    top = {name.split("/")[0] for name in names}
    generic = {t for t in top if not t.endswith(".dist-info")} - OWN_NAMES
    assert not generic, f"generic top-level names in the wheel: {sorted(generic)}"
    assert top - {t for t in top if t.endswith(".dist-info")} == OWN_NAMES
    assert "digit_lab_resources/models/digit_cnn.pt" in names
    assert "digit_lab_resources/samples/digit_7.png" in names
    assert "digit_lab_resources/icons/digit-lab.svg" in names  # window and launcher icon
    for name in ("train-images-idx3", "train-labels-idx1", "t10k-images-idx3", "t10k-labels-idx1"):
        assert f"digit_lab_resources/datasets/MNIST/raw/{name}-ubyte.gz" in names  # offline
    assert "digit_lab_resources/datasets/MNIST/manifest.json" in names
    size = wheel.stat().st_size
    print(f"wheel {wheel.name}: {size / 2**20:.1f} MiB ({size:,} bytes)")  # the README's figure
    assert 11 * 2**20 < size < 16 * 2**20  # MNIST's 11.4 MB of .gz files, and little else

    # A fresh venv; the wheel goes in first (so pip sees no other digit-lab), then a .pth
    # appends the project venv's site-packages for torch, Qt and the rest. A .pth inside that
    # folder (such as the editable install's finder) is not run from there.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path, env=env)
    python = venv / "bin" / "python"
    _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel],
        cwd=tmp_path,
        env=env,
    )
    site = Path(
        _run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            cwd=tmp_path,
            env=env,
        ).strip()
    )
    project_site = sysconfig.get_path("purelib")
    (site / "_digit_lab_test_reuse.pth").write_text(project_site + "\n")

    # Two processes at once (each imports torch): the console script of the installed wheel
    # predicting an installed sample, and the app, offscreen, whose Draw tab must have loaded
    # the model from the fresh venv.
    digit_lab = venv / "bin" / "digit-lab"
    sample = site / "digit_lab_resources" / "samples" / "digit_7.png"
    predicting = _start([digit_lab, "predict", "bundled", sample], cwd=tmp_path, env=env)
    report = json.loads(_run([python, "-c", APP_SNIPPET], cwd=tmp_path, env=env).splitlines()[-1])
    for module_file in report["modules"]:
        assert Path(module_file).is_relative_to(site), module_file
    assert str(REPO) not in report["sys_path"]
    assert Path(report["draw_model"]).is_relative_to(site)
    assert Path(report["draw_model"]).name == "digit_cnn.pt"
    samples = [Path(p) for p in report["samples"]]
    assert len(samples) == 10 and all(p.is_relative_to(site) for p in samples)
    assert sample in samples
    # With no data folder, MNIST is the installed wheel's own copy (not the repository's).
    assert Path(report["mnist_root"]).is_relative_to(site), report["mnist_root"]

    predicted = _finish(predicting)
    assert predicted.startswith(f"{sample}: 7 ("), predicted
    version = _run([digit_lab, "--version"], cwd=tmp_path, env=env)
    assert version.strip() == f"digit-lab {training_core.__version__}"
