"""Reading user image files with one clear error for every way they can be bad."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

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
