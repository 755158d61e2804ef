"""Builders of small bad files for the hostile-input tests, made on the fly (no binaries in
the repository): each returns bytes, so a test writes them under any name it likes.

Image builders use zlib and struct where the point is a header Pillow would never write
(a 1,000,000 x 3 PNG, a DDS header with an unknown pixel format), and Pillow itself for
the small valid files that the fuzz tests mutate.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import pytest

# Pillow format name -> save options giving a small, typical file of that kind.
VALID_IMAGE_FORMATS = {
    "PNG": {},
    "JPEG": {"quality": 90},
    "BMP": {},
    "GIF": {},
    "TIFF": {"compression": "tiff_deflate"},
    "WEBP": {"quality": 80},
    "PPM": {},
}


def png_bytes(width: int, height: int, rows: Sequence[bytes] | None = None) -> bytes:
    """An 8-bit gray PNG built by hand, so the header can say anything Pillow would refuse
    to write. ``rows`` are the pixel rows (``width`` bytes each); black when omitted.
    Identical rows compress to almost nothing: 1,000,000 x 3 pixels fit in a few KiB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    if rows is None:
        rows = [bytes(width)] * height
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 before each row
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def wide_ink_png(width: int = 1_000_000, height: int = 3) -> bytes:
    """The outside tester's file: a huge-aspect strip with a white line of ink across it
    (an all-black strip would be refused as "nothing drawn" before any costly step)."""
    rows = [bytes(width)] * height
    rows[height // 2] = b"\xff" * width
    return png_bytes(width, height, rows)


def eps_bytes() -> bytes:
    """A tiny Encapsulated PostScript file: Pillow hands such files to Ghostscript."""
    return (
        b"%!PS-Adobe-3.0 EPSF-3.0\n"
        b"%%BoundingBox: 0 0 10 10\n"
        b"newpath 0 0 moveto 10 10 lineto stroke\n"
        b"showpage\n"
    )


def dds_bytes(width: int = 4, height: int = 4) -> bytes:
    """A DDS header whose pixel format flags are all zero: Pillow's DDS decoder raised
    ``NotImplementedError`` ("Unknown pixel format flags 0") on it."""
    header = struct.pack("<3I", 0, height, width) + bytes(120 - 12)
    return b"DDS " + struct.pack("<I", 124) + header + bytes(width * height * 4)


def sample_image(size: tuple[int, int] = (12, 9), mode: str = "RGB", seed: int = 0):
    """A small noisy PIL image (noise so that lossy formats keep real data to corrupt)."""
    from PIL import Image

    rng = np.random.default_rng(seed)
    channels = {"L": 1, "RGB": 3, "RGBA": 4}[mode]
    pixels = rng.integers(0, 256, (size[1], size[0], channels), dtype=np.uint8)
    return Image.fromarray(pixels[..., 0] if channels == 1 else pixels)


def valid_image_bytes(fmt: str, size: tuple[int, int] = (12, 9)) -> bytes:
    """A small valid file of Pillow format ``fmt`` (one of :data:`VALID_IMAGE_FORMATS`)."""
    buffer = io.BytesIO()
    sample_image(size).save(buffer, format=fmt, **VALID_IMAGE_FORMATS[fmt])
    return buffer.getvalue()


def frames_bytes(fmt: str, values: Iterable[int], size: tuple[int, int] = (6, 5)) -> bytes:
    """A multi-frame GIF or TIFF whose frame ``i`` is flat gray ``values[i]``."""
    from PIL import Image

    frames = [Image.new("L", size, value) for value in values]
    buffer = io.BytesIO()
    frames[0].save(buffer, format=fmt, save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def mutate(data: bytes, edits: Iterable[tuple[str, int, int]]) -> bytes:
    """Apply fuzzing edits, each ``(kind, position, value)`` with position taken modulo the
    length: ``flip`` xors a byte, ``set`` overwrites one, ``big`` writes a 32-bit number
    (both byte orders occur in image headers, so a size field is hit either way),
    ``cut`` truncates, ``insert`` adds a byte and ``delete`` drops one."""
    out = bytearray(data)
    for kind, position, value in edits:
        if not out:
            break
        at = position % len(out)
        if kind == "flip":
            out[at] ^= value & 0xFF or 1
        elif kind == "set":
            out[at] = value & 0xFF
        elif kind == "big":
            order = ">I" if value & 1 else "<I"
            out[at : at + 4] = struct.pack(order, value & 0xFFFFFFFF)
        elif kind == "cut":
            del out[at:]
        elif kind == "insert":
            out.insert(at, value & 0xFF)
        elif kind == "delete":
            del out[at]
        else:
            raise ValueError(f"unknown edit {kind!r}")
    return bytes(out)


# -- .npy and zip -----------------------------------------------------------------------------


def npy_bytes(header: str, data: bytes = b"", version: tuple[int, int] = (1, 0)) -> bytes:
    """A .npy file with any header text (a Python dict literal in a valid file), padded as
    NumPy pads it, followed by ``data``."""
    size_format = "<H" if version == (1, 0) else "<I"
    prefix_len = 8 + struct.calcsize(size_format)
    text = header.encode("latin1")
    text += b" " * (-(prefix_len + len(text) + 1) % 64) + b"\n"
    magic = b"\x93NUMPY" + bytes(version)
    return magic + struct.pack(size_format, len(text)) + text + data


def array_npy_bytes(array: np.ndarray, allow_pickle: bool = False) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def zip_bytes(members: Iterable[tuple[object, bytes]], compression: int | None = None) -> bytes:
    """A zip of ``(name or ZipInfo, data)`` members, duplicates allowed (zipfile warns)."""
    import warnings
    import zipfile

    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compression is None else compression
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": wanted here
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for name, data in members:
                archive.writestr(name, data)
    return buffer.getvalue()


# Byte offsets of fields in a central directory entry and in a local file header.
CENTRAL_FIELDS = {"flags": (8, "<H"), "method": (10, "<H"), "size": (24, "<I")}
LOCAL_FIELDS = {"flags": (6, "<H"), "method": (8, "<H"), "size": (22, "<I")}


def patch_zip(data: bytes, index: int, field: str, value: int, local: bool = True) -> bytes:
    """Set ``field`` of member ``index`` in the central directory (and its local header),
    giving archives zipfile would never write: encrypted flags, unknown methods, sizes
    that lie."""
    out = bytearray(data)
    central = [i for i in range(len(out)) if out[i : i + 4] == b"PK\x01\x02"][index]
    offset, fmt = CENTRAL_FIELDS[field]
    struct.pack_into(fmt, out, central + offset, value)
    if local:
        (local_at,) = struct.unpack_from("<I", out, central + 42)
        offset, fmt = LOCAL_FIELDS[field]
        struct.pack_into(fmt, out, local_at + offset, value)
    return bytes(out)


def overlapping_zip_bytes(copies: int = 20, size: int = 1 << 20) -> bytes:
    """The "overlapping files" bomb: one compressed member, and a central directory with
    ``copies`` entries that all point at it. Each entry alone has an honest ratio; together
    they unpack to ``copies`` times what the archive holds."""
    one = zip_bytes([("m0", bytes(size))])
    central = one.index(b"PK\x01\x02")
    end = one.index(b"PK\x05\x06")
    entry = bytearray(one[central:end])
    entries = b""
    assert copies <= 100  # two-character names, the length of the real one ("m0")
    for i in range(copies):
        entry[46:48] = f"{i:02d}".encode()
        entries += bytes(entry)
    record = bytearray(one[end:])
    struct.pack_into("<HHII", record, 8, copies, copies, len(entries), central)
    return one[:central] + entries + bytes(record)


def set_zip_entry_count(data: bytes, count: int) -> bytes:
    """Make the end record claim ``count`` members (the directory itself is unchanged)."""
    out = bytearray(data)
    end = data.rindex(b"PK\x05\x06")
    struct.pack_into("<HH", out, end + 8, count, count)
    return bytes(out)


def write_file(folder, name: str, data: bytes):
    """``data`` written to ``folder/name``; the path."""
    path = folder / name
    path.write_bytes(data)
    return path


def refused(call, match: str) -> str:
    """Run ``call``, which must raise one SafeFileError line matching ``match``; the line."""
    from training_core.safe_files import SafeFileError

    with pytest.raises(SafeFileError, match=match) as info:
        call()
    assert "\n" not in str(info.value)
    return str(info.value)
