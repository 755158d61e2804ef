""".npy and .npz arrays from people we do not know: headers, sizes and dtypes are checked
before a byte of data is read, and nothing is unpickled (part of
:mod:`training_core.safe_files`, whose error every failure raises)."""

from __future__ import annotations

import io
import math
import os
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import numpy as np

from training_core.messages import msg
from training_core.safe_files import SafeFileError, _one_line, _regular_file
from training_core.safe_zip import check_zip

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
        raise SafeFileError(
            msg(
                "npy.too_large",
                "{file}: {size} bytes is larger than the {most} allowed",
                file=path.name,
                size=size,
                most=max_bytes,
            )
        )
    with open(path, "rb") as handle:
        prefix = handle.read(4)
        if prefix.startswith(b"PK"):
            raise SafeFileError(
                msg(
                    "npy.is_npz",
                    "{file}: is an .npz archive, not a single .npy array",
                    file=path.name,
                )
            )
        if prefix[:1] == b"\x80":
            raise SafeFileError(
                msg(
                    "npy.is_pickle",
                    "{file}: is a pickle, not a .npy array (pickle runs code)",
                    file=path.name,
                )
            )
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
                    raise SafeFileError(
                        msg(
                            "npz.not_npy_member",
                            "{file}: {member} is not a .npy member",
                            file=name,
                            member=info.filename,
                        )
                    )
                with archive.open(info) as member:
                    data = member.read(info.file_size + 1)
                where = f"{name}: {info.filename}"
                arrays[info.filename[:-4]] = _read_npy(
                    io.BytesIO(data), len(data), where, max_bytes, allowed_dtypes, shape_check
                )
    except SafeFileError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile (a CRC), EOFError, ...: a bad file
        raise SafeFileError(
            msg(
                "npz.cannot_read",
                "{file}: cannot be read: {reason}",
                file=name,
                reason=_one_line(exc),
            )
        ) from None
    return arrays


def _read_npy(handle: BinaryIO, size, name, max_bytes, allowed_dtypes, shape_check):
    try:
        version = np.lib.format.read_magic(handle)
    except Exception:
        raise SafeFileError(
            msg("npy.no_header", "{file}: not a .npy file (no NumPy header)", file=name)
        ) from None
    fmt = np.lib.format
    readers = {(1, 0): fmt.read_array_header_1_0, (2, 0): fmt.read_array_header_2_0}
    if version not in readers:
        raise SafeFileError(
            msg(
                "npy.bad_version",
                "{file}: .npy format version {major}.{minor} is refused",
                file=name,
                major=version[0],
                minor=version[1],
            )
        )
    try:
        shape, fortran_order, dtype = readers[version](handle)
    except Exception as exc:  # a header is a Python literal: anything can be wrong in it
        raise SafeFileError(
            msg(
                "npy.bad_header",
                "{file}: the .npy header is not valid: {reason}",
                file=name,
                reason=_one_line(exc),
            )
        ) from None
    _check_dtype(name, dtype, allowed_dtypes)
    if not all(isinstance(d, int) and d >= 0 for d in shape):
        raise SafeFileError(
            msg(
                "npy.bad_shape",
                "{file}: the .npy header has an invalid shape {shape}",
                file=name,
                shape=str(shape),
            )
        )
    count = math.prod(shape)
    nbytes = count * dtype.itemsize
    if nbytes > max_bytes:
        raise SafeFileError(
            msg(
                "npy.data_too_large",
                "{file}: shape {shape} of {dtype} needs {size} bytes, more than the {most} allowed",
                file=name,
                shape=str(shape),
                dtype=str(dtype),
                size=nbytes,
                most=max_bytes,
            )
        )
    available = size - handle.tell()
    if available < nbytes:
        raise SafeFileError(
            msg(
                "npy.truncated",
                "{file}: truncated (the header promises {size} bytes of data, the file holds"
                " {available})",
                file=name,
                size=nbytes,
                available=available,
            )
        )
    if available > nbytes:
        raise SafeFileError(
            msg(
                "npy.too_long",
                "{file}: longer than its header says (the header promises {size} bytes of"
                " data, the file holds {available})",
                file=name,
                size=nbytes,
                available=available,
            )
        )
    if shape_check is not None:
        try:
            accepted = shape_check(tuple(shape))
        except ValueError as exc:
            raise SafeFileError(
                msg(
                    "npy.shape_refused",
                    "{file}: shape {shape} refused: {reason}",
                    file=name,
                    shape=str(shape),
                    reason=_one_line(exc),
                )
            ) from None
        if not accepted:
            raise SafeFileError(
                msg(
                    "npy.shape_not_accepted",
                    "{file}: shape {shape} is not accepted here",
                    file=name,
                    shape=str(shape),
                )
            )
    buffer = bytearray(nbytes)
    if handle.readinto(buffer) != nbytes:  # the file shrank since its size was read
        raise SafeFileError(msg("npy.shrank", "{file}: truncated while reading", file=name))
    try:
        array = np.frombuffer(buffer, dtype=dtype, count=count)
        array = array.reshape(shape[::-1]).T if fortran_order else array.reshape(shape)
        if not dtype.isnative:
            array = array.astype(dtype.newbyteorder("="))
    except Exception as exc:
        raise SafeFileError(
            msg(
                "npy.bad_data",
                "{file}: cannot be read as {dtype}: {reason}",
                file=name,
                dtype=str(dtype),
                reason=_one_line(exc),
            )
        ) from None
    return array


def _check_dtype(name: str, dtype: np.dtype, allowed_dtypes) -> None:
    if dtype.hasobject:
        raise SafeFileError(
            msg(
                "npy.objects",
                "{file}: holds Python objects (dtype {dtype}), which need pickle",
                file=name,
                dtype=str(dtype),
            )
        )
    if allowed_dtypes is None:
        if dtype.kind not in "biufc" or dtype.fields is not None or dtype.subdtype is not None:
            raise SafeFileError(
                msg(
                    "npy.dtype_not_number",
                    "{file}: dtype {dtype} is refused (only plain numbers)",
                    file=name,
                    dtype=str(dtype),
                )
            )
        return
    try:
        allowed = {np.dtype(d).newbyteorder("=") for d in allowed_dtypes}
    except TypeError as exc:
        raise ValueError(f"allowed_dtypes: {exc}") from None  # a caller's mistake
    if dtype.newbyteorder("=") not in allowed:
        names = ", ".join(sorted(str(d) for d in allowed))
        raise SafeFileError(
            msg(
                "npy.dtype_refused",
                "{file}: dtype {dtype} is refused (expected one of {allowed})",
                file=name,
                dtype=str(dtype),
                allowed=names,
            )
        )
