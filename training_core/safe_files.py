"""The one place for every untrusted input Digit Lab adds (arrays, archives, lab files) and
for writing untrusted text into HTML or Python. Each reader bounds its cost before reading
(file size, header sizes, member counts) and turns every way a file can be bad into one
:class:`SafeFileError` line naming the file and the reason, never a traceback or a hang.
Nothing here unpickles, evaluates or executes what it reads. Pure functions, no Qt."""

from __future__ import annotations

import html
import io
import math
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import numpy as np

from training_core.fileio import atomic_write

_CHUNK = 1 << 16
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_CENTRAL_ENTRY_BYTES = 2048  # generous room for one central-directory entry's name and extras


class SafeFileError(ValueError):
    """A file (or a value to write) refused for safety; the message is one line."""


def _one_line(text: object) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= 200 else line[:197] + "..."


def _regular_file(path: str | os.PathLike) -> Path:
    """The path, if it names a regular file: a FIFO or a device would block or never end."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise SafeFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise SafeFileError(f"{path}: cannot be read: {_one_line(exc.strerror)}") from None
    if stat.S_ISDIR(mode):
        raise SafeFileError(f"{path}: is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise SafeFileError(f"{path}: is not a regular file")
    return path


# -- .npy arrays -----------------------------------------------------------------------------


def load_npy(
    path: str | os.PathLike,
    *,
    max_bytes: int,
    allowed_dtypes: Iterable[object] | None = None,
    shape_check: Callable[[tuple[int, ...]], bool] | None = None,
) -> np.ndarray:
    """Read one ``.npy`` array without pickle and without trusting its header.

    The file size and the header's shape x itemsize are both checked against
    ``max_bytes`` before any data is read, and must agree (a short file is truncated, a
    longer one is not what its header says). Object dtypes (which need pickle) are always
    refused; ``allowed_dtypes`` lists the dtypes accepted (any byte order), and without it
    only plain numbers and booleans are. ``shape_check(shape)`` may return False or raise
    ValueError to refuse a shape, before the data is read. An ``.npz`` archive is refused:
    :func:`load_npz` reads those. The array comes back writable, in native byte order.
    """
    path = _regular_file(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise SafeFileError(f"{path.name}: {size} bytes is larger than the {max_bytes} allowed")
    with open(path, "rb") as handle:
        prefix = handle.read(4)
        if prefix.startswith(b"PK"):
            raise SafeFileError(f"{path.name}: is an .npz archive, not a single .npy array")
        if prefix[:1] == b"\x80":
            raise SafeFileError(f"{path.name}: is a pickle, not a .npy array (pickle runs code)")
        handle.seek(0)
        return _read_npy(handle, size, path.name, max_bytes, allowed_dtypes, shape_check)


def load_npz(
    path: str | os.PathLike,
    *,
    max_bytes: int,
    max_members: int = 64,
    max_ratio: float = 1100.0,
    allowed_dtypes: Iterable[object] | None = None,
    shape_check: Callable[[tuple[int, ...]], bool] | None = None,
) -> dict[str, np.ndarray]:
    """Read an ``.npz`` archive (``np.savez``) as name -> array, each array checked as
    :func:`load_npy` does; the archive itself passes :func:`check_zip` first, with
    ``max_bytes`` the cap on all arrays together."""
    infos = check_zip(path, max_members=max_members, max_total_bytes=max_bytes, max_ratio=max_ratio)
    name = Path(path).name
    arrays: dict[str, np.ndarray] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for info in infos:
                if not info.filename.endswith(".npy") or info.is_dir():
                    raise SafeFileError(f"{name}: {info.filename} is not a .npy member")
                with archive.open(info) as member:
                    data = member.read(info.file_size + 1)
                where = f"{name}: {info.filename}"
                arrays[info.filename[:-4]] = _read_npy(
                    io.BytesIO(data), len(data), where, max_bytes, allowed_dtypes, shape_check
                )
    except SafeFileError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile (a CRC), EOFError, ...: a bad file
        raise SafeFileError(f"{name}: cannot be read: {_one_line(exc)}") from None
    return arrays


def _read_npy(handle: BinaryIO, size, name, max_bytes, allowed_dtypes, shape_check):
    try:
        version = np.lib.format.read_magic(handle)
    except Exception:
        raise SafeFileError(f"{name}: not a .npy file (no NumPy header)") from None
    fmt = np.lib.format
    readers = {(1, 0): fmt.read_array_header_1_0, (2, 0): fmt.read_array_header_2_0}
    if version not in readers:
        raise SafeFileError(f"{name}: .npy format version {version[0]}.{version[1]} is refused")
    try:
        shape, fortran_order, dtype = readers[version](handle)
    except Exception as exc:  # a header is a Python literal: anything can be wrong in it
        raise SafeFileError(f"{name}: the .npy header is not valid: {_one_line(exc)}") from None
    _check_dtype(name, dtype, allowed_dtypes)
    if not all(isinstance(d, int) and d >= 0 for d in shape):
        raise SafeFileError(f"{name}: the .npy header has an invalid shape {shape}")
    count = math.prod(shape)
    nbytes = count * dtype.itemsize
    if nbytes > max_bytes:
        raise SafeFileError(
            f"{name}: shape {shape} of {dtype} needs {nbytes} bytes, more than the "
            f"{max_bytes} allowed"
        )
    available = size - handle.tell()
    if available != nbytes:
        problem = "truncated" if available < nbytes else "longer than its header says"
        raise SafeFileError(
            f"{name}: {problem} (the header promises {nbytes} bytes of data, "
            f"the file holds {available})"
        )
    if shape_check is not None:
        try:
            accepted = shape_check(tuple(shape))
        except ValueError as exc:
            raise SafeFileError(f"{name}: shape {shape} refused: {_one_line(exc)}") from None
        if not accepted:
            raise SafeFileError(f"{name}: shape {shape} is not accepted here")
    buffer = bytearray(nbytes)
    if handle.readinto(buffer) != nbytes:  # the file shrank since its size was read
        raise SafeFileError(f"{name}: truncated while reading")
    try:
        array = np.frombuffer(buffer, dtype=dtype, count=count)
        array = array.reshape(shape[::-1]).T if fortran_order else array.reshape(shape)
        if not dtype.isnative:
            array = array.astype(dtype.newbyteorder("="))
    except Exception as exc:
        raise SafeFileError(f"{name}: cannot be read as {dtype}: {_one_line(exc)}") from None
    return array


def _check_dtype(name: str, dtype: np.dtype, allowed_dtypes) -> None:
    if dtype.hasobject:
        raise SafeFileError(f"{name}: holds Python objects (dtype {dtype}), which need pickle")
    if allowed_dtypes is None:
        if dtype.kind not in "biufc" or dtype.fields is not None or dtype.subdtype is not None:
            raise SafeFileError(f"{name}: dtype {dtype} is refused (only plain numbers)")
        return
    try:
        allowed = {np.dtype(d).newbyteorder("=") for d in allowed_dtypes}
    except TypeError as exc:
        raise ValueError(f"allowed_dtypes: {exc}") from None  # a caller's mistake
    if dtype.newbyteorder("=") not in allowed:
        names = ", ".join(sorted(str(d) for d in allowed))
        raise SafeFileError(f"{name}: dtype {dtype} is refused (expected one of {names})")


# -- zip archives ---------------------------------------------------------------------------


def check_zip(
    path: str | os.PathLike, *, max_members: int, max_total_bytes: int, max_ratio: float
) -> list[zipfile.ZipInfo]:
    """Refuse an archive that could escape or exhaust where it is extracted; return its
    members. Checked: member count (from the end record, before the directory is parsed),
    names (absolute, ``..``, drive letters, ``:``, duplicates also by case), symlinks and
    special files, encryption, unknown compression, total size, compression ratio per
    member and of the whole archive against its real size, and members whose data overlap
    (the "overlapping files" bomb). A zip inside the archive is just a file."""
    path = _regular_file(path)
    size = path.stat().st_size
    try:
        with open(path, "rb") as handle:
            end = zipfile._EndRecData(handle)  # the end record alone: cheap, any size
    except Exception as exc:  # OSError, BadZipFile (a multi-disk or broken zip64 record)
        raise SafeFileError(f"{path.name}: not a valid zip archive: {_one_line(exc)}") from None
    if not end:
        raise SafeFileError(f"{path.name}: not a zip archive")
    entries, directory_size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]
    if entries > max_members or directory_size > (max_members + 32) * _CENTRAL_ENTRY_BYTES:
        raise SafeFileError(f"{path.name}: more than {max_members} members")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except Exception as exc:  # BadZipFile, struct.error, EOFError, ...
        raise SafeFileError(f"{path.name}: not a valid zip archive: {_one_line(exc)}") from None
    if len(infos) > max_members:
        raise SafeFileError(f"{path.name}: more than {max_members} members")
    seen: set[str] = set()
    for info in infos:
        _check_member(path.name, info, max_ratio)
        key = "/".join(_name_parts(info.filename)).casefold()
        if key in seen:
            raise SafeFileError(f"{path.name}: {info.filename} appears twice")
        seen.add(key)
    total = sum(info.file_size for info in infos)
    if total > max_total_bytes:
        raise SafeFileError(
            f"{path.name}: unpacks to {total} bytes, more than the {max_total_bytes} allowed"
        )
    if total > max_ratio * max(size, 1):
        raise SafeFileError(f"{path.name}: unpacks to more than {max_ratio:g} times its size")
    spans = sorted((info.header_offset, info.compress_size, info.filename) for info in infos)
    for (start, length, name), (next_start, _, _) in zip(spans, spans[1:], strict=False):
        if start + 30 + length > next_start:  # 30: the smallest local header
            raise SafeFileError(f"{path.name}: {name} overlaps another member's data")
    return infos


def _name_parts(name: str) -> list[str]:
    return [part for part in re.split(r"[/\\]", name) if part not in ("", ".")]


def _check_member(archive: str, info: zipfile.ZipInfo, max_ratio: float) -> None:
    name = info.filename
    where = f"{archive}: {name}"
    if not _name_parts(name):
        raise SafeFileError(f"{archive}: a member has an empty name")
    if name.startswith(("/", "\\")):
        raise SafeFileError(f"{where}: an absolute path")
    if ":" in name:
        raise SafeFileError(f"{where}: a drive letter or ':' in a member name")
    if ".." in _name_parts(name):
        raise SafeFileError(f"{where}: a '..' in a member name")
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        raise SafeFileError(f"{where}: a symbolic link")
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise SafeFileError(f"{where}: a special file (device, FIFO or socket)")
    if info.flag_bits & 0x1:
        raise SafeFileError(f"{where}: encrypted")
    if info.compress_type not in _ZIP_METHODS:
        method = zipfile.compressor_names.get(info.compress_type, info.compress_type)
        raise SafeFileError(f"{where}: compression method {method} is not supported")
    if info.file_size > max_ratio * max(info.compress_size, 1):
        raise SafeFileError(f"{where}: unpacks to more than {max_ratio:g} times its size")


def extract_zip(
    path: str | os.PathLike,
    dest: str | os.PathLike,
    *,
    max_members: int,
    max_total_bytes: int,
    max_ratio: float,
) -> list[Path]:
    """Extract a :func:`check_zip`-checked archive into ``dest``; return the files written.

    Every target must resolve inside ``dest`` (a symlink already there cannot lead out) and
    must not exist yet: nothing is replaced. Header sizes are not trusted: the bytes really
    produced are counted, per member (at most its declared size and ``max_ratio`` times its
    compressed size) and in total. Files are written atomically (:mod:`fileio`); on any
    error the files written so far are removed."""
    infos = check_zip(
        path, max_members=max_members, max_total_bytes=max_total_bytes, max_ratio=max_ratio
    )
    name = Path(path).name
    root = Path(dest)
    root.mkdir(parents=True, exist_ok=True)
    root = root.resolve()
    written: list[Path] = []
    budget = [max_total_bytes]
    member = ""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in infos:
                member = info.filename
                target = root.joinpath(*_name_parts(info.filename))
                if not target.resolve().is_relative_to(root):
                    raise SafeFileError(f"{name}: {member} would be written outside {root}")
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                if target.exists() or target.is_symlink():
                    raise SafeFileError(f"{name}: {member}: {target} already exists")
                atomic_write(target, lambda out, i=info: _copy(archive, i, out, budget, max_ratio))
                written.append(target)
    except Exception as exc:
        for done in written:
            done.unlink(missing_ok=True)
        if isinstance(exc, SafeFileError):
            raise
        raise SafeFileError(f"{name}: {member}: cannot be extracted: {_one_line(exc)}") from None
    return written


def _copy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, out, budget, max_ratio) -> None:
    """Copy one member, counting the bytes really produced (headers can lie)."""
    limit = min(info.file_size, max_ratio * max(info.compress_size, 1))
    produced = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            produced += len(chunk)
            budget[0] -= len(chunk)
            if produced > limit or budget[0] < 0:
                where = f"{Path(str(archive.filename)).name}: {info.filename}"
                raise SafeFileError(f"{where}: unpacks to more than its size allows")
            out.write(chunk)


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
        raise SafeFileError(f"{path.name}: larger than the {max_bytes} bytes allowed")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise SafeFileError(f"{path.name}: line {line}: a NUL byte (binary data, not text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SafeFileError(
            f"{path.name}: line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x})"
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
        raise SafeFileError("python_literal: nested more than 100 levels (or a cycle)")
    kind = type(value)
    if value is None or kind in (bool, str, int):
        try:
            return repr(value)
        except ValueError as exc:  # an int with more digits than int -> str allows
            raise SafeFileError(f"python_literal: {exc}") from None
    if kind is float:
        if math.isfinite(value):
            return repr(value)
        if not allow_nonfinite:
            raise SafeFileError(f"python_literal: {value!r} is not a finite number")
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
        f"python_literal: a {kind.__module__}.{kind.__qualname__} cannot be written as a "
        "literal (only str, int, float, bool, None, tuple, list, dict)"
    )
