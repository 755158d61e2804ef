"""training_core must run headless: importing any of it never loads Qt or the desktop app.

The static side (no module of the core names Qt in an import) is the "core-headless"
import contract in pyproject.toml, checked by tests/test_architecture.py. This test checks
what actually gets loaded at run time, which also covers imports made through a
third-party package or by name (importlib).
"""

import subprocess
import sys
from pathlib import Path

import pytest

import training_core

FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "superqt", "desktop_app", "shiboken6")
CORE = Path(training_core.__file__).parent


@pytest.mark.slow
def test_importing_every_core_module_loads_no_qt():
    modules = sorted(p.stem for p in CORE.glob("*.py") if p.stem != "__init__")
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module('training_core.' + m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == ""
