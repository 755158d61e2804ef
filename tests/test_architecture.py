"""The architecture holds: the import contract in pyproject.toml, and tests that share
code only through fixtures (conftest.py) and tests/helpers/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"


def test_import_contracts_hold():
    """[tool.importlinter] in pyproject.toml: the core never imports Qt or the app, the tab
    packages are independent, and desktop_app is layered (run `lint-imports` to see why)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    assert lint_imports.exists(), f"{lint_imports} missing: pip install -e '.[test]'"
    proc = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "0 broken" in output and output.count(" KEPT") >= 3, output


def _imported_modules(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, "." * node.level + (node.module or "")))
    return found


def test_tests_share_code_only_through_fixtures_and_helpers():
    """A test module importing another test module (or a conftest) runs that module's
    tests' imports and fixtures twice and couples unrelated tests: shared pieces are
    fixtures in a conftest.py or plain functions in tests/helpers/."""
    paths = sorted(TESTS.rglob("*.py"))
    assert len(paths) > 20
    offenders = []
    for path in paths:
        for line, module in _imported_modules(ast.parse(path.read_text(), str(path))):
            parts = module.split(".")
            if module.startswith("."):
                bad = True  # tests/ is not a package of relative imports
            elif parts[0] == "tests":
                bad = len(parts) < 2 or parts[1] != "helpers"
            else:
                bad = parts[0] == "conftest" or parts[-1] == "conftest"
            if bad:
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {module}")
    assert offenders == []
