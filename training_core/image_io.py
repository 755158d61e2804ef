"""Reading user image files with one clear error for every way they can be bad.

A picture given to ``digit-lab predict``, Image tools or Draw's "Open image" is untrusted.
Three rules keep it harmless:

* Only plain raster formats are decoded, recognised by content, not by extension. Pillow
  knows dozens of formats; some hand the file to other programs (EPS runs Ghostscript on
  it, a PostScript interpreter) and some have decoders that fail in unexpected ways (DDS
  raised ``NotImplementedError``). An EPS file named ``digit.png`` is refused unopened.
* The cost is bounded from the header, before a pixel is decoded: total pixels, the
  longest side and the aspect ratio. A 447-byte PNG of 1,000,000 x 3 pixels decodes
  quickly but made ``predict`` run for over a minute in the antialiased resize, whose cost
  grows with the long side squared.
* Whatever a decoder raises on a corrupt file (``struct.error``, ``IndexError``,
  ``EOFError``, ``ZeroDivisionError``, ``MemoryError``, ...) becomes one
  :class:`ImageReadError` line, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from training_core.fileio import replacing
from training_core.messages import msg

MAX_PIXELS = 64_000_000  # 8000 x 8000: beyond this a file is refused, not decoded
MAX_SIDE = 16_384  # the longest side accepted (the usual texture limit; a big photo fits)
MAX_ASPECT = 50  # long side / short side: a digit is never a 51:1 strip
# Pillow's names; "PPM" covers PBM, PGM and PPM. Listed by content: the extension is ignored.
ALLOWED_FORMATS = ("PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP", "PPM")
FORMAT_NAMES = "PNG, JPEG, BMP, GIF, TIFF, WebP, PBM/PGM/PPM"


class ImageReadError(ValueError):
    """A file that is not a usable image; the message is meant for the user."""


def read_image(
    path: str | os.PathLike,
    max_pixels: int = MAX_PIXELS,
    *,
    max_side: int = MAX_SIDE,
    max_aspect: float = MAX_ASPECT,
) -> np.ndarray:
    """Decode a raster image into an array: gray (H, W), RGB (H, W, 3) or RGBA (H, W, 4).

    8-bit files give uint8, 16-bit grayscale gives uint16. Size and shape are checked from
    the header before any pixel is decoded, so neither a huge nor an absurdly thin image
    costs more than reading its header. An animated GIF or a multi-page TIFF gives its
    first frame (the one a viewer shows).
    """
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.exists():
        raise ImageReadError(msg("image.no_such_file", "{path}: no such file", path=path))
    if path.is_dir():
        raise ImageReadError(msg("image.is_folder", "{path}: is a folder, not an image", path=path))
    if not path.is_file():  # a FIFO would block forever
        raise ImageReadError(msg("image.not_regular", "{path}: is not a regular file", path=path))
    if path.stat().st_size == 0:
        raise ImageReadError(msg("image.empty", "{path}: the file is empty", path=path))
    try:
        with Image.open(path, formats=ALLOWED_FORMATS) as img:
            _check_size(path.name, img.size, max_pixels, max_side, max_aspect)
            img.load()  # the first frame: Pillow opens multi-frame files at frame 0
            return _to_array(img)
    except ImageReadError:
        raise
    except UnidentifiedImageError:
        raise ImageReadError(
            msg(
                "image.unsupported_format",
                "{file}: not an image in a supported format ({formats})",
                file=path.name,
                formats=FORMAT_NAMES,
            )
        ) from None
    except Image.DecompressionBombError:
        raise ImageReadError(
            msg("image.bomb", "{file}: too large to open safely", file=path.name)
        ) from None
    except MemoryError:
        raise ImageReadError(
            msg("image.out_of_memory", "{file}: not enough memory to decode it", file=path.name)
        ) from None
    except Exception as exc:  # any decoder failure means a bad file, not a bug here
        raise ImageReadError(
            msg(
                "image.corrupt",
                "{file}: cannot be read (corrupt or truncated?): {reason}",
                file=path.name,
                reason=_one_line(exc),
            )
        ) from None


def _check_size(
    name: str, size: tuple[int, int], max_pixels: int, max_side: int, max_aspect: float
) -> None:
    """Refuse from the header alone: what is refused here is never decoded."""
    width, height = size
    if width <= 0 or height <= 0:
        raise ImageReadError(
            msg(
                "image.no_pixels",
                "{file}: the image has no pixels ({width}x{height})",
                file=name,
                width=width,
                height=height,
            )
        )
    if width * height > max_pixels:
        raise ImageReadError(
            msg(
                "image.too_many_pixels",
                "{file}: {width}x{height} is too large (more than {megapixels:g} megapixels)",
                file=name,
                width=width,
                height=height,
                megapixels=max_pixels / 1_000_000,
            )
        )
    if max(width, height) > max_side:
        raise ImageReadError(
            msg(
                "image.side_too_long",
                "{file}: {width}x{height} is too large (a side longer than {most} pixels)",
                file=name,
                width=width,
                height=height,
                most=max_side,
            )
        )
    if max(width, height) > max_aspect * min(width, height):
        raise ImageReadError(
            msg(
                "image.too_thin",
                "{file}: {width}x{height} is too thin to be a picture (sides more than"
                " {aspect:g}:1)",
                file=name,
                width=width,
                height=height,
                aspect=max_aspect,
            )
        )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _to_array(img) -> np.ndarray:
    mode = img.mode
    if mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    elif mode == "1":
        img = img.convert("L")
    elif mode in ("I;16", "I;16B", "I;16L"):
        return np.asarray(img, dtype=np.uint16).copy()
    elif mode in ("I", "F"):
        return np.asarray(img).copy()
    elif mode == "LA":
        img = img.convert("RGBA")
    elif mode not in ("L", "RGB", "RGBA"):
        img = img.convert("RGB")
    return np.asarray(img).copy()


def save_png(path: str | os.PathLike, array: np.ndarray) -> None:
    """Write ``array`` as a PNG with the one atomic write (:func:`fileio.replacing`).

    Accepts gray, RGB or RGBA. uint8 is written as is; gray uint16 keeps 16 bits; colour
    uint16 is reduced to 8 bits (Pillow writes 8-bit colour PNGs only); bool masks become
    0/255; floats must lie in [0, 1] and become uint8. A half-written file is never left
    behind under ``path``.
    """
    from PIL import Image

    array = np.asarray(array)
    if array.size == 0 or not (array.ndim == 2 or (array.ndim == 3 and array.shape[2] in (3, 4))):
        raise ValueError(f"cannot save an array of shape {array.shape} as PNG")
    if array.dtype == np.bool_:
        array = array.astype(np.uint8) * 255
    elif array.dtype.kind == "f":
        if not np.isfinite(array).all() or array.min() < 0 or array.max() > 1:
            raise ValueError("float images must lie in [0, 1] to be saved")
        array = (array * 255.0 + 0.5).astype(np.uint8)
    elif array.dtype == np.uint16 and array.ndim == 3:
        array = (array >> 8).astype(np.uint8)
    elif array.dtype not in (np.uint8, np.uint16):
        raise ValueError(f"cannot save {array.dtype} pixels as PNG")
    if array.dtype == np.uint16:
        img = Image.fromarray(np.ascontiguousarray(array.astype("<u2")))
    else:
        img = Image.fromarray(np.ascontiguousarray(array))
    with replacing(path) as tmp:
        img.save(tmp, format="PNG")
