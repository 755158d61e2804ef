"""Reading user image files with one clear error for every way they can be bad."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from training_core.fileio import replacing

MAX_PIXELS = 64_000_000  # 8000 x 8000: beyond this a file is refused, not decoded


class ImageReadError(ValueError):
    """A file that is not a usable image; the message is meant for the user."""


def read_image(path: str | os.PathLike, max_pixels: int = MAX_PIXELS) -> np.ndarray:
    """Decode PNG/JPEG/TIFF/BMP/... into an array: gray (H, W), RGB (H, W, 3) or RGBA (H, W, 4).

    8-bit files give uint8, 16-bit grayscale gives uint16. The size is checked from the
    header before any pixel is decoded, so an absurdly large file cannot exhaust memory.
    """
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    if not path.exists():
        raise ImageReadError(f"{path}: no such file")
    if path.is_dir():
        raise ImageReadError(f"{path}: is a folder, not an image")
    if path.stat().st_size == 0:
        raise ImageReadError(f"{path}: the file is empty")
    try:
        with Image.open(path) as img:
            width, height = img.size
            if width * height > max_pixels:
                raise ImageReadError(
                    f"{path.name}: {width}x{height} is too large "
                    f"(more than {max_pixels // 1_000_000} megapixels)"
                )
            if width == 0 or height == 0:
                raise ImageReadError(f"{path.name}: the image has no pixels")
            img.load()
            return _to_array(img)
    except ImageReadError:
        raise
    except UnidentifiedImageError:
        raise ImageReadError(f"{path.name}: not an image file (or an unsupported format)") from None
    except Image.DecompressionBombError:
        raise ImageReadError(f"{path.name}: too large to open safely") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageReadError(f"{path.name}: cannot be read (corrupt or truncated?): {exc}") from exc


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
