"""The Chinese catalog is complete, consistent, compiles, and reaches the window.

"Complete" is checked against the code itself: the catalog is refreshed with Qt's lupdate
into a temporary copy, so a new ``tr()`` string or core message without a translation
fails here, before anyone sees English in a Chinese window.
"""

from __future__ import annotations

import re
import shutil
import string
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from desktop_app.common import i18n
from scripts import update_translations
from training_core import preferences
from training_core.messages import msg
from training_core.resources import translations_dir

TS_FILE = translations_dir() / "digit_lab_zh_CN.ts"
FIELD = re.compile(r"\{[^{}]*\}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _messages(ts_file):
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def test_every_string_in_the_code_has_a_finished_chinese_translation(tmp_path):
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    update_translations.update(copy)  # lupdate over desktop_app + the core's catalog
    missing = [
        f"{context}: {message.findtext('source')!r}"
        for context, message in _messages(copy)
        if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (message.findtext("translation") or "").strip()
    ]
    assert not missing, f"{len(missing)} strings lack a translation:\n" + "\n".join(missing[:40])
    assert copy.read_bytes() == TS_FILE.read_bytes(), (
        "resources/i18n/digit_lab_zh_CN.ts is out of date: run scripts/update_translations.py"
    )


def _fields(text: str) -> list[str]:
    """The ``str.format`` fields of ``text`` with their conversions and specs, sorted."""
    try:
        parsed = string.Formatter().parse(text)
        return sorted(f"{name}!{conv}:{spec}" for _, name, spec, conv in parsed if name is not None)
    except ValueError:  # not a format string (a plain tr() text with a lone brace)
        return [text.count("{"), text.count("}")]


def test_translations_keep_every_placeholder_and_are_chinese():
    checked = 0
    for context, message in _messages(TS_FILE):
        source = message.findtext("source")
        translation = message.findtext("translation") or ""
        assert _fields(source) == _fields(translation), (
            f"{context}: {source!r} -> {translation!r} changes the placeholders"
        )
        words = [w for w in re.sub(FIELD, " ", source).split() if not re.search(r"[_./=-]", w)]
        if len(re.findall(r"[A-Za-z]{4,}", " ".join(words))) >= 2:  # a sentence, not a name
            assert CJK.search(translation), f"{context}: {source!r} is not translated"
        checked += 1
    assert checked > 300  # the window, the core's messages and its labels


def test_every_core_message_kind_has_one_template():
    templates: dict[str, set[str]] = {}
    for kind, template in update_translations.core_messages():
        templates.setdefault(kind, set()).add(template)
    assert templates, "no msg() calls found in training_core"
    twice = {kind: t for kind, t in templates.items() if len(t) > 1}
    assert not twice, f"kinds with more than one template: {twice}"


def test_the_catalog_compiles_once_and_is_reused(tmp_path):
    first = i18n.compiled_catalog(i18n.CHINESE, cache=tmp_path)
    assert first is not None and first.stat().st_size > 10_000
    mtime = first.stat().st_mtime_ns
    assert i18n.compiled_catalog(i18n.CHINESE, cache=tmp_path) == first
    assert first.stat().st_mtime_ns == mtime  # not compiled again


def test_the_language_follows_the_system_unless_preferences_name_one():
    assert i18n.language_for(None, QLocale("zh_CN")) == i18n.CHINESE
    assert i18n.language_for(None, QLocale("zh_TW")) == i18n.CHINESE
    assert i18n.language_for(None, QLocale("en_US")) == i18n.ENGLISH
    assert i18n.language_for(None, QLocale("de_DE")) == i18n.ENGLISH
    assert i18n.language_for("en", QLocale("zh_CN")) == i18n.ENGLISH
    assert i18n.language_for("zh_CN", QLocale("en_US")) == i18n.CHINESE
    assert i18n.language_for("klingon", QLocale("en_US")) == i18n.ENGLISH
    saved = preferences.Preferences().replace(language="zh_CN")
    assert saved.language == "zh_CN"
    assert preferences.Preferences().replace(language="fr").language is None  # refused


@pytest.fixture
def chinese(qapp):
    assert i18n.install(qapp, i18n.CHINESE) == i18n.CHINESE
    yield
    i18n.install(qapp, i18n.ENGLISH)


def _plain_core_message():
    """A real core message whose fields are plain ``{name}``s, filled with "X"."""
    for kind, template in update_translations.core_messages():
        fields = [f for _, f, spec, conv in string.Formatter().parse(template) if f is not None]
        plain = all(f"{{{f}}}" in template for f in fields)
        if fields and plain and len(re.findall(r"[A-Za-z]{4,}", template)) >= 3:
            return msg(kind, template, **dict.fromkeys(fields, "X"))
    raise AssertionError("no plain core message to try")


def test_core_messages_reach_the_window_translated(chinese):
    inner = _plain_core_message()
    text = i18n.core_text(inner)
    assert CJK.search(text) and "X" in text, (inner.template, text)
    error = ValueError(inner)
    assert i18n.error_text(error) == text.splitlines()[0]
    assert str(error) == str(inner)  # the CLI stays English
    outer = msg("test.wrapped", "{path}: {reason}", path="a.pt", reason=inner)
    assert i18n.core_text(outer) == f"a.pt: {text}"  # nested messages are translated too
    plain = ValueError("an English sentence from elsewhere")
    assert i18n.error_text(plain) == "an English sentence from elsewhere"


def test_a_broken_translation_falls_back_to_english(chinese, monkeypatch):
    message = _plain_core_message()
    monkeypatch.setattr(QCoreApplication, "translate", lambda *args: "{nonsense} 坏了")
    assert i18n.core_text(message) == str(message)


def test_qt_own_dialog_buttons_are_translated(chinese):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_chinese_gets_a_font_with_chinese_glyphs_and_english_gets_the_old_one_back(qapp):
    from PySide6.QtGui import QFontDatabase

    before = qapp.font().families()
    assert i18n.install(qapp, i18n.CHINESE) == i18n.CHINESE
    try:
        family = qapp.font().families()[0]
        writing = QFontDatabase.writingSystems(family)
        assert QFontDatabase.WritingSystem.SimplifiedChinese in writing, family
    finally:
        i18n.install(qapp, i18n.ENGLISH)
    assert qapp.font().families() == before
