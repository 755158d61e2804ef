"""The window's language: which one, its Qt translators, a font that can show it, and the
core's messages in it.

Translations are Qt's own: every string in ``desktop_app`` goes through ``tr()`` /
``QCoreApplication.translate``, ``pyside6-lupdate`` collects them into
``resources/i18n/digit_lab_<lang>.ts`` (``scripts/update_translations.py``, which also adds
the core's message catalog), and ``lrelease`` compiles that file to a ``.qm`` the first time
the app starts in that language (kept in the per-user cache, keyed by the ``.ts`` file's
hash, so an upgrade recompiles and nothing is written into the installed package). Qt's own
dialogs (file chooser, standard buttons) use ``qtbase_<lang>.qm`` from PySide6.

The language follows the system locale unless Preferences names one; a change applies on
restart, because half-translated widgets built before the switch would be worse than either
language. Anything that goes wrong here leaves the window in English and says why in the log.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

from training_core import preferences
from training_core.app_log import one_line
from training_core.messages import CONTEXT, LABELS_CONTEXT, Message, message_of
from training_core.resources import translations_dir

log = logging.getLogger(__name__)

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}  # each in its own language
# Families with CJK glyphs, best first: Noto/Source Han (Linux: fonts-noto-cjk), then the
# ones Windows and macOS ship, then the fallback many Linux systems have.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Droid Sans Fallback",
)
LRELEASE_SECONDS = 60

# The translators must outlive install(): Qt keeps only a pointer to them.
_installed: list[QTranslator] = []
_font_before: list[QFont] = []  # the app font before install() chose one with CJK glyphs
_active = ENGLISH


def language_for(preference: str | None, system: QLocale | None = None) -> str:
    """The UI language: the preference when it names one we have, else the system's."""
    if preference in LANGUAGE_NAMES:
        return preference
    name = (system or QLocale.system()).name()  # "zh_CN", "zh_TW", "en_US", "C"
    return CHINESE if name.startswith("zh") else ENGLISH


def active_language() -> str:
    return _active


def compiled_catalog(language: str, cache: Path | None = None) -> Path | None:
    """The ``.qm`` for ``language``, compiled from its ``.ts`` when the cache lacks it."""
    source = translations_dir() / f"digit_lab_{language}.ts"
    if not source.is_file():
        log.warning(
            "no translation file for %s (%s); the window stays in English", language, source
        )
        return None
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = (cache or preferences.cache_dir() / "i18n") / f"digit_lab_{language}-{digest}.qm"
    if target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{Path(sys.executable).stem}.tmp")
        subprocess.run(
            [str(_lrelease()), "-silent", str(source), "-qm", str(partial)],
            check=True,
            capture_output=True,
            timeout=LRELEASE_SECONDS,
        )
        partial.replace(target)  # another app starting at once compiles the same bytes
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("cannot compile %s: %s; the window stays in English", source, one_line(exc))
        return None
    return target


def _lrelease() -> Path:
    """PySide6's own lrelease (``pyside6-lrelease`` is a wrapper around this binary)."""
    folder = Path(str(files("PySide6")))
    for name in ("lrelease", "lrelease.exe", "Qt/libexec/lrelease"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"lrelease is not in {folder}")


def install(app, language: str | None = None) -> str:
    """Load the translators and a suitable font for ``language`` (default: the preference,
    else the system's); returns the language the window will actually be in."""
    global _active
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if _font_before:  # undo the font chosen for the previous language
        app.setFont(_font_before.pop())
    wanted = language or language_for(preferences.load().language)
    _active = ENGLISH
    if wanted == ENGLISH:
        return _active
    catalog = compiled_catalog(wanted)
    ours = QTranslator(app)
    if catalog is None or not ours.load(str(catalog)):
        return _active
    app.installTranslator(ours)
    _installed.append(ours)
    qt_own = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{wanted}", qt_folder):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    else:
        log.info("Qt's own %s translations are not in %s", wanted, qt_folder)
    _active = wanted
    QLocale.setDefault(QLocale(wanted))
    if wanted == CHINESE:
        use_cjk_font(app)
    return _active


def use_cjk_font(app) -> str | None:
    """Make the app font one that has Chinese glyphs; returns its family (None: none found,
    and the log says which package provides one)."""
    if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(
        app.font().family()
    ):
        return app.font().family()
    available = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    family = next((f for f in CJK_FAMILIES if f in available), None)
    family = family or next(iter(sorted(available)), None)
    if family is None:
        log.warning(
            "no font with Chinese characters is installed; on Debian/Ubuntu: "
            "sudo apt install fonts-noto-cjk"
        )
        return None
    font = QFont(app.font())
    _font_before.append(QFont(font))
    font.setFamilies([family, *font.families()])
    app.setFont(font)
    return family


def core_text(text: str) -> str:
    """A core message in the window's language: its template translated (context ``core``,
    its kind as the disambiguation), then filled with its params, themselves translated.
    Plain strings and anything a translation gets wrong stay as they are (English)."""
    if not isinstance(text, Message):
        return str(text)
    template = QCoreApplication.translate(CONTEXT, text.template, text.kind)
    params = {
        name: core_text(value) if isinstance(value, Message) else _plain(value)
        for name, value in text.params.items()
    }
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError) as exc:  # a broken translation: never crash
        log.warning("translation of %s does not fit its params: %s", text.kind, exc)
        return str(text)


def _plain(value):
    """Params keep their own formatting (``{acc:.1%}``), except paths, which read as text,
    and the core's labels (an option's name in "invalid learning rate"), translated."""
    if hasattr(value, "__fspath__"):
        return str(value)
    if isinstance(value, str) and value:
        return QCoreApplication.translate(LABELS_CONTEXT, value)
    return value


def sentences(*parts: str) -> str:
    """Sentences one after the other: a space after an English full stop, none after a
    Chinese one (。), empty parts left out."""
    text = ""
    for part in (p.strip() for p in parts if p and p.strip()):
        text += part if not text or text.endswith(("。", "！", "？", "：", "\n")) else " " + part
    return text


def core_label(text: str) -> str:
    """A label the core defines (an option's name and help, a model's description, an
    export's kind: see ``training_core.messages.label``) in the window's language."""
    return QCoreApplication.translate(LABELS_CONTEXT, text)


def error_text(exc: BaseException) -> str:
    """What the window shows for an exception: its one line, translated when the core
    raised it with a message."""
    message = message_of(exc)
    if message is None:
        return one_line(exc)
    text = core_text(message).strip()
    return text.splitlines()[0] if text else one_line(exc)
