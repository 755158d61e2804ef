"""Refresh the translation catalogs from the code, with Qt's own lupdate.

    python scripts/update_translations.py [--fill translations.json ...]

1. Collects the core's messages (every ``msg("kind", "template", ...)`` call in
   ``training_core``, context ``core``, kind as disambiguation) and the core's labels the
   window shows (option labels and help, model names and descriptions: context
   ``core_labels``) into a temporary Python file of ``QCoreApplication.translate`` calls.
2. Runs ``pyside6-lupdate`` over ``desktop_app`` and that file, updating
   ``resources/i18n/digit_lab_<lang>.ts``: new strings arrive unfinished, strings that
   left the code are dropped, existing translations stay.
3. ``--fill`` takes JSON objects ``{"English source": "translation"}`` and fills the
   unfinished entries whose source matches (any context).

``tests/desktop_app/test_translations.py`` fails while any entry is unfinished, so a new
string in the code cannot land untranslated.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from training_core.messages import CONTEXT, LABELS_CONTEXT  # noqa: E402

LANGUAGES = ("zh_CN",)
# Keyword arguments in the core whose literal strings the window shows as they are.
LABEL_KEYWORDS = {"label", "help", "display_name", "description", "source", "weights_shown"}
LABEL_FILES = ("training_core/config.py", "training_core/models.py")


def core_messages(root: Path = ROOT) -> list[tuple[str, str]]:
    """(kind, template) of every ``msg(...)`` call in the core, sorted, without repeats."""
    found = set()
    for path in sorted((root / "training_core").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _is_msg_call(node):
                kind, template = (arg.value for arg in node.args[:2])
                found.add((kind, template))
    return sorted(found)


def _is_msg_call(node: ast.AST) -> bool:
    return _is_call(node, "msg", 2)


def _is_call(node: ast.AST, name: str, literals: int) -> bool:
    """A call of ``name`` whose first ``literals`` arguments are string literals."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == name
        and len(node.args) >= literals
        and all(
            isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:literals]
        )
    )


def core_labels(root: Path = ROOT) -> list[str]:
    """The literal strings the window shows from the core: ``label("...")`` anywhere in
    it, and option/model labels and descriptions given as keywords in LABEL_FILES."""
    found = set()
    for path in sorted((root / "training_core").glob("*.py")):
        keywords = LABEL_KEYWORDS if path.relative_to(root).as_posix() in LABEL_FILES else ()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if keywords and _is_call(node, "option", 0):  # option(default, label, help, ...)
                found.update(
                    a.value
                    for a in node.args[1:3]
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
                continue
            if isinstance(node, ast.keyword) and node.arg in keywords:
                value = node.value
            elif _is_call(node, "label", 1):
                value = node.args[0]
            else:
                continue
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(value.value)
    return sorted(text for text in found if text.strip())


def catalog_source(messages, labels) -> str:
    """A Python file lupdate reads: one translate() call per core string."""
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    for kind, template in messages:
        lines.append(f"QCoreApplication.translate({CONTEXT!r}, {template!r}, {kind!r})")
    for text in labels:
        lines.append(f"QCoreApplication.translate({LABELS_CONTEXT!r}, {text!r})")
    return "\n".join(lines) + "\n"


def lupdate() -> Path:
    import PySide6

    folder = Path(PySide6.__file__).parent
    for name in ("lupdate", "lupdate.exe"):
        if (folder / name).is_file():
            return folder / name
    raise SystemExit(f"lupdate is not in {folder}")


def update(ts_file: Path) -> None:
    sources = sorted(str(p) for p in (ROOT / "desktop_app").rglob("*.py"))
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Path(tmp) / "core_catalog.py"
        catalog.write_text(catalog_source(core_messages(), core_labels()), encoding="utf-8")
        subprocess.run(
            [str(lupdate()), "-silent", "-locations", "none", "-no-obsolete"]
            + ["-target-language", ts_file.stem.removeprefix("digit_lab_")]
            + sources
            + [str(catalog), "-ts", str(ts_file)],
            check=True,
        )


def fill(ts_file: Path, translations: dict[str, str], replace: bool = False) -> int:
    """Fill unfinished entries (every entry, with ``replace``) from ``translations``;
    returns how many were filled."""
    tree = ET.parse(ts_file)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation is None or (translation.get("type") != "unfinished" and not replace):
            continue
        if source in translations and translations[source]:
            translation.text = translations[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return filled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fill", nargs="*", default=[], help="JSON files of translations")
    parser.add_argument(
        "--replace", action="store_true", help="--fill replaces finished translations too"
    )
    args = parser.parse_args()
    for language in LANGUAGES:
        ts_file = ROOT / "resources" / "i18n" / f"digit_lab_{language}.ts"
        update(ts_file)
        translations: dict[str, str] = {}
        for name in args.fill:
            translations.update(json.loads(Path(name).read_text(encoding="utf-8")))
        count = fill(ts_file, translations, args.replace) if translations else 0
        update(ts_file)  # back in lupdate's own layout, which the test compares with
        left = sum(
            1 for t in ET.parse(ts_file).iter("translation") if t.get("type") == "unfinished"
        )
        print(f"{ts_file.relative_to(ROOT)}: {count} filled, {left} unfinished")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
