"""The one place for every untrusted input Digit Lab adds (arrays, archives, lab files) and
for writing untrusted text into HTML or Python. Each reader bounds its cost before reading
(file size, header sizes, member counts) and turns every way a file can be bad into one
:class:`SafeFileError` line naming the file and the reason, never a traceback or a hang.
Nothing here unpickles, evaluates or executes what it reads. Pure functions, no Qt.

Arrays are read by :mod:`training_core.safe_npy` and archives by
:mod:`training_core.safe_zip`, on top of the error and the checks defined here."""

from __future__ import annotations

import html
import math
import os
import stat
from pathlib import Path

from training_core.fileio import system_text
from training_core.messages import Message, msg

_CHUNK = 1 << 16


class SafeFileError(ValueError):
    """A file (or a value to write) refused for safety; the message is one line."""


def _one_line(text: object) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= 200 else line[:197] + "..."


def _system_line(strerror: str | None) -> str:
    """An OSError's reason: translatable where it is a common one (fileio.system_text)."""
    text = system_text(strerror)
    return text if isinstance(text, Message) else _one_line(text)


def _regular_file(path: str | os.PathLike) -> Path:
    """The path, if it names a regular file: a FIFO or a device would block or never end."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise SafeFileError(msg("file.no_such_file", "{path}: no such file", path=path)) from None
    except OSError as exc:
        raise SafeFileError(
            msg(
                "file.cannot_read",
                "{path}: cannot be read: {reason}",
                path=path,
                reason=_system_line(exc.strerror),
            )
        ) from None
    if stat.S_ISDIR(mode):
        raise SafeFileError(msg("file.is_folder", "{path}: is a folder, not a file", path=path))
    if not stat.S_ISREG(mode):
        raise SafeFileError(msg("file.not_regular", "{path}: is not a regular file", path=path))
    return path


# -- text, HTML and generated code -------------------------------------------------------------


def read_text_data(path: str | os.PathLike, max_bytes: int) -> str:
    """Read a UTF-8 text file that drives the app (a lab file, a settings file).

    Refuses files over ``max_bytes`` (checked while reading too, for a file that grows),
    NUL bytes (binary data) and bytes that are not UTF-8, naming the line. A leading BOM
    is dropped. Such files are data only: parse the text with ``json``, ``tomllib`` or a
    YAML *safe* loader, never with ``eval``, ``exec``, ``pickle`` or a full YAML loader.
    """
    path = _regular_file(path)
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SafeFileError(
            msg(
                "text.too_large",
                "{file}: larger than the {most} bytes allowed",
                file=path.name,
                most=max_bytes,
            )
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise SafeFileError(
            msg(
                "text.nul_byte",
                "{file}: line {line}: a NUL byte (binary data, not text)",
                file=path.name,
                line=line,
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SafeFileError(
            msg(
                "text.not_utf8",
                "{file}: line {line}: not UTF-8 text (byte 0x{byte:02x})",
                file=path.name,
                line=line,
                byte=data[exc.start],
            )
        ) from None


def html_text(value: object) -> str:
    """``value`` as text safe inside an HTML element or a quoted attribute."""
    return html.escape(str(value), quote=True)


def python_literal(value: object, *, allow_nonfinite: bool = False, _depth: int = 0) -> str:
    """``value`` as Python source that evaluates back to it, for generated code.

    Only ``str``, ``int``, ``float``, ``bool``, ``None`` and tuples, lists and dicts of them
    (exact types: an enum or a NumPy scalar is refused, its repr is not a literal). Text
    goes through ``repr``, so quotes, newlines and code in it stay inside the string; the
    result is a single line that ``ast.literal_eval`` reads back. NaN and infinities are
    refused unless ``allow_nonfinite``, which writes ``float('nan')`` (not a literal).
    """
    if _depth > 100:
        raise SafeFileError(
            msg("literal.too_deep", "python_literal: nested more than 100 levels (or a cycle)")
        )
    kind = type(value)
    if value is None or kind in (bool, str, int):
        try:
            return repr(value)
        except ValueError as exc:  # an int with more digits than int -> str allows
            raise SafeFileError(
                msg("literal.bad_int", "python_literal: {reason}", reason=str(exc))
            ) from None
    if kind is float:
        if math.isfinite(value):
            return repr(value)
        if not allow_nonfinite:
            raise SafeFileError(
                msg(
                    "literal.not_finite",
                    "python_literal: {value!r} is not a finite number",
                    value=value,
                )
            )
        return "float('nan')" if math.isnan(value) else f"float('{value!r}')"

    def inner(item: object) -> str:
        return python_literal(item, allow_nonfinite=allow_nonfinite, _depth=_depth + 1)

    if kind is list:
        return f"[{', '.join(map(inner, value))}]"
    if kind is tuple:
        return f"({inner(value[0])},)" if len(value) == 1 else f"({', '.join(map(inner, value))})"
    if kind is dict:
        return "{" + ", ".join(f"{inner(k)}: {inner(v)}" for k, v in value.items()) + "}"
    raise SafeFileError(
        msg(
            "literal.bad_type",
            "python_literal: a {type} cannot be written as a literal (only str, int, float,"
            " bool, None, tuple, list, dict)",
            type=f"{kind.__module__}.{kind.__qualname__}",
        )
    )
