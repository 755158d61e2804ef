"""Reading IDX files (the format MNIST and Fashion-MNIST ship in), header checked first.

torchvision's parser, used before, trusted the header: a wrong magic was a bare
``AssertionError``, a size that disagreed with the file surfaced only when the tensor was
reshaped, and a ``.gz`` file was not read at all. Here the header is parsed and checked
against the file's real size *before* any buffer of the declared size exists, so a
100-byte file that declares 2**31 images costs 100 bytes of memory and one clear message.

Errors are :class:`IdxError` with the reason only; :mod:`training_core.data` adds the file
name and turns them into its ``DataError``. This module holds no knowledge of datasets.
"""

from __future__ import annotations

import gzip
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import torch

from training_core.messages import msg

UNSIGNED_BYTE = 0x08
# Far above MNIST's largest file (47 MB) but bounded: a .gz has no size to check before
# it is decompressed, so this is what a small archive may make the program read at most.
MAX_IDX_BYTES = 256 * 2**20
_CHUNK = 2**20


class IdxError(ValueError):
    """Why an IDX file cannot be used, without its name (the caller adds it)."""


def header_size(ndim: int) -> int:
    return 4 + 4 * ndim


def parse_header(head: bytes, ndim: int) -> tuple[int, ...]:
    """The dimensions an IDX header declares; ``head`` holds at most the header's bytes.

    The magic is two zero bytes, a type byte (0x08: unsigned bytes, the only type the
    datasets use) and the number of dimensions, then one big-endian uint32 per dimension.
    """
    if not head:
        raise IdxError(msg("idx.empty", "the file is empty"))
    if len(head) < 4:
        raise IdxError(
            msg(
                "idx.too_short",
                "the file is {size} bytes, too short for an IDX header",
                size=len(head),
            )
        )
    zero_a, zero_b, kind, dims = head[:4]
    if zero_a or zero_b:
        raise IdxError(
            msg(
                "idx.bad_magic",
                "not an IDX file (magic bytes {magic}, expected 000008{ndim:02x})",
                magic=head[:4].hex(),
                ndim=ndim,
            )
        )
    if kind != UNSIGNED_BYTE:
        raise IdxError(
            msg(
                "idx.bad_type",
                "IDX data type 0x{kind:02x}; expected unsigned bytes (0x08)",
                kind=kind,
            )
        )
    if dims != ndim:
        raise IdxError(
            msg(
                "idx.bad_dims",
                "{dims}-dimensional IDX data; expected {ndim} dimensions",
                dims=dims,
                ndim=ndim,
            )
        )
    if len(head) < header_size(ndim):
        raise IdxError(
            msg(
                "idx.header_cut",
                "the IDX header is cut off after {size} bytes",
                size=len(head),
            )
        )
    shape = struct.unpack(f">{ndim}I", head[4 : header_size(ndim)])
    if math.prod(shape) > MAX_IDX_BYTES:
        raise IdxError(
            msg(
                "idx.too_large",
                "the header declares {shape} ({size:,} bytes), more than the {most} MB"
                " Digit Lab reads",
                shape=_shape_text(shape),
                size=math.prod(shape),
                most=MAX_IDX_BYTES // 2**20,
            )
        )
    return shape


def read_idx(path: str | os.PathLike, ndim: int) -> torch.Tensor:
    """A uint8 tensor of the header's shape from ``path`` (gzip-compressed if it ends in .gz).

    Raises ``IdxError`` for anything but a complete, well-formed file whose size matches
    its header exactly (trailing bytes are refused too: they mean the header is wrong);
    ``OSError`` when the file cannot be opened at all.
    """
    path = Path(path)
    if path.suffix == ".gz":
        data, shape = _read_gzip(path, ndim)
    else:
        data, shape = _read_plain(path, ndim)
    array = np.frombuffer(data, dtype=np.uint8)  # writable: ``data`` is a bytearray
    return torch.from_numpy(array).view(*shape)


def _read_plain(path: Path, ndim: int) -> tuple[bytearray, tuple[int, ...]]:
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        shape = parse_header(f.read(header_size(ndim)), ndim)
        expected = header_size(ndim) + math.prod(shape)
        if size < expected:
            raise IdxError(
                msg(
                    "idx.truncated",
                    "{size:,} bytes, but its header declares {shape} ({expected:,} bytes):"
                    " truncated",
                    size=size,
                    shape=_shape_text(shape),
                    expected=expected,
                )
            )
        if size > expected:
            raise IdxError(
                msg(
                    "idx.extra_bytes",
                    "{size:,} bytes, but its header declares {shape} ({expected:,} bytes):"
                    " has extra bytes after the data",
                    size=size,
                    shape=_shape_text(shape),
                    expected=expected,
                )
            )
        data = bytearray(math.prod(shape))  # only now: the file really holds this much
        if f.readinto(data) != len(data):
            raise IdxError(msg("idx.changed", "the file changed while it was read"))
    return data, shape


def _read_gzip(path: Path, ndim: int) -> tuple[bytearray, tuple[int, ...]]:
    """Decompress chunk by chunk, so memory grows with the data actually present, never
    with what the header claims."""
    try:
        with gzip.open(path, "rb") as f:
            shape = parse_header(f.read(header_size(ndim)), ndim)
            need = math.prod(shape)
            data = bytearray()
            while len(data) < need:
                chunk = f.read(min(_CHUNK, need - len(data)))
                if not chunk:
                    raise IdxError(
                        msg(
                            "idx.gzip_truncated",
                            "decompresses to {size:,} bytes, but its header declares {shape}:"
                            " truncated",
                            size=header_size(ndim) + len(data),
                            shape=_shape_text(shape),
                        )
                    )
                data += chunk
            if f.read(1):  # also reaches the end of the stream, where gzip checks its CRC
                raise IdxError(
                    msg(
                        "idx.gzip_extra_bytes",
                        "has extra bytes after the {shape} its header declares",
                        shape=_shape_text(shape),
                    )
                )
    except gzip.BadGzipFile as exc:
        raise IdxError(
            msg("idx.bad_gzip", "not a valid gzip file ({reason})", reason=str(exc))
        ) from None
    except (EOFError, zlib.error) as exc:
        raise IdxError(
            msg(
                "idx.gzip_corrupt",
                "the gzip data is truncated or corrupt ({reason})",
                reason=str(exc),
            )
        ) from None

    return data, shape


def _shape_text(shape: tuple[int, ...]) -> str:
    return " x ".join(f"{d:,}" for d in shape)
