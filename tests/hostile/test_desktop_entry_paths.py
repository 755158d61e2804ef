"""Any installation path goes into ``digit-lab.desktop`` so that a launcher reading the file
by the Desktop Entry spec gets the same program and arguments back, or the install stops
with one DesktopEntryError line; never another exception, never a broken entry."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.common.desktop_entry import DesktopEntryError, entry_text, exec_value

_STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}


def _unescape_string(value: str) -> str:
    """The spec's escapes for values of type string (applied before the Exec quoting)."""
    out, chars = [], iter(value)
    for c in chars:
        if c == "\\":
            nxt = next(chars)
            assert nxt in _STRING_ESCAPES, f"undefined escape \\{nxt} in {value!r}"
            out.append(_STRING_ESCAPES[nxt])
        else:
            out.append(c)
    return "".join(out)


def parse_exec(value: str) -> list[str]:
    """Exec back into arguments, as the spec tells launchers to: string unescapes, then
    double-quote removal (``\\`` escapes only ``"`` `` ` `` ``$`` ``\\`` inside quotes, and
    reserved characters never appear unquoted), then ``%%`` to ``%``."""
    text = _unescape_string(value)
    args, current, quoted, started, i = [], [], False, False, 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\":
                assert text[i + 1] in '"`$\\', f"bad escape in quotes: {text!r}"
                current.append(text[i + 1])
                i += 1
            elif c == '"':
                quoted = False
            else:
                current.append(c)
        elif c == '"':
            assert not current, f"a quote inside an unquoted argument: {text!r}"
            quoted = started = True
        elif c == " ":
            if current or started:
                args.append("".join(current))
            current, started = [], False
        else:
            assert c not in "\t\n\"'\\><~|&;$*?#()`", f"unquoted reserved {c!r}: {text!r}"
            current.append(c)
        i += 1
    assert not quoted, f"unterminated quote: {text!r}"
    if current or started:
        args.append("".join(current))
    for arg in args:
        assert "%" not in arg.replace("%%", ""), f"a field code in {arg!r}"
    return [arg.replace("%%", "%") for arg in args]


# Any Unicode a file name can hold, the reserved characters weighted in, and the ones a
# desktop entry cannot hold (control characters, lone surrogates from undecodable bytes).
_reserved = st.sampled_from(list(" \t\n\r\"'\\><~|&;$*?#()`%=\x7f\x00\x85\u2028") + ["\udcff"])
_path_text = st.text(st.one_of(st.characters(), _reserved), max_size=40)


@settings(max_examples=200)
@given(st.lists(_path_text, min_size=1, max_size=4))
def test_exec_round_trips_or_refuses_in_one_line(command):
    try:
        value = exec_value(command)
    except DesktopEntryError as exc:
        message = str(exc)
        assert message.startswith("cannot write a desktop entry for ")
        assert "\n" not in message and "\r" not in message
        categories = {unicodedata.category(c) for c in "".join(command)}
        assert categories & {"Cc", "Zl", "Zp", "Cs"}
        return
    assert "\n" not in value and "\r" not in value  # one line in the file
    assert parse_exec(value) == command


@settings(max_examples=200)
@given(_path_text)
def test_a_whole_entry_stays_one_key_per_line(folder):
    program = f"/opt/{folder}/digit-lab"
    try:
        text = entry_text([program], Path(f"/home/{folder}/digit-lab.svg"))
    except DesktopEntryError:
        return
    lines = text.splitlines()  # Python's reading: \x85, \u2028 ... end a line too
    assert text.count("\n") == len(lines)
    assert lines[0] == "[Desktop Entry]" and all("=" in line for line in lines[1:])
    keys = dict(line.split("=", 1) for line in lines[1:])
    assert len(keys) == len(lines) - 1  # no key written twice, no line split by the path
    argv = parse_exec(keys["Exec"])
    assert argv[-1] == program and argv[:-1] in ([], ["env"])
    assert _unescape_string(keys["TryExec"]) == program


@pytest.mark.parametrize(
    ("command", "line"),
    [
        (["/opt/venv/bin/digit-lab"], "/opt/venv/bin/digit-lab"),
        (["/opt/my venv/digit-lab"], '"/opt/my venv/digit-lab"'),
        (["/opt/a\\b/digit-lab"], '"/opt/a\\\\\\\\b/digit-lab"'),  # four backslashes
        (["/opt/$HOME/digit-lab"], '"/opt/\\\\$HOME/digit-lab"'),  # the spec's own example
        (["/opt/50%/digit-lab", ""], '/opt/50%%/digit-lab ""'),
    ],
)
def test_exec_matches_the_specs_examples(command, line):
    assert exec_value(command) == line
