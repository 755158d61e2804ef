"""The user's own digits: a folder of labelled drawings to fine-tune a model on.

Layout: ``<folder>/<label>/<name>.png``, ``<label>`` one of ``0``..``9`` and each PNG a
28x28 8-bit gray digit, white on black, exactly what the model saw (fitted into 20x20 and
centred by mass, as MNIST). The label is the folder name, so a user can sort their digits
with any file manager, and the zip export is the same tree. The default folder is
``my_digits`` in the per-user data folder (``training_core.preferences.data_dir``).

Every PNG is read through ``image_io.read_image``, and a zip through
``safe_zip.check_zip`` / ``extract_zip``: a file someone hands over cannot escape the
folder, exhaust the disk or crash the reader. Other image sizes are prepared like a drawing.
"""

from __future__ import annotations

import os
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from training_core.fileio import atomic_write
from training_core.image_io import ImageReadError, read_image, save_png
from training_core.messages import msg
from training_core.preferences import data_dir
from training_core.preprocessing import FIELD, NothingDrawn, ink_image, prepare_digit
from training_core.safe_files import SafeFileError
from training_core.safe_zip import extract_zip

LABELS = tuple(str(i) for i in range(10))
MAX_DIGITS = 20_000  # a person draws hundreds, not a dataset
MAX_ZIP_BYTES = 200 * 1024 * 1024  # unpacked; a 28x28 PNG is under 1 KB
MAX_ZIP_RATIO = 200.0
MAX_IMAGE_PIXELS = 4_000_000  # an imported drawing or photo of one digit


class MyDigitsError(ValueError):
    """A personal dataset or zip that cannot be used; one line naming the file and why."""


def default_folder() -> Path:
    return data_dir() / "my_digits"


@dataclass(frozen=True)
class MyDigit:
    path: Path
    label: int


def as_stored(image: np.ndarray) -> np.ndarray:
    """Any digit image -> the stored form, uint8 [28, 28], white on black, MNIST-style.

    A 28x28 image is taken as already prepared (only its polarity is fixed); any other
    size is prepared like a drawing. Raises NothingDrawn for an empty image."""
    image = np.asarray(image)
    if image.shape[:2] == (FIELD, FIELD):
        digit = ink_image(image)
        if digit.max() <= 0:
            raise NothingDrawn()
    else:
        digit = prepare_digit(image)
    return (np.clip(digit, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


class MyDigits:
    """A personal dataset in ``folder`` (created on the first add)."""

    def __init__(self, folder: str | os.PathLike | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()

    def items(self) -> list[MyDigit]:
        """Every stored digit, oldest first (then by name)."""
        found = []
        if not self.folder.is_dir():
            return found
        for label in LABELS:
            sub = self.folder / label
            if sub.is_dir() and not sub.is_symlink():
                found += [
                    MyDigit(p, int(label))
                    for p in sub.iterdir()
                    if p.suffix.lower() == ".png" and p.is_file() and not p.name.startswith(".")
                ]
        return sorted(found, key=lambda d: (_mtime(d.path), d.path.name))[:MAX_DIGITS]

    def counts(self) -> list[int]:
        """How many digits of each label."""
        tally = [0] * len(LABELS)
        for item in self.items():
            tally[item.label] += 1
        return tally

    def add(self, image: np.ndarray, label: int) -> MyDigit:
        """Store ``image`` (a drawing of any size, or a prepared 28x28 digit) as ``label``."""
        if not (isinstance(label, int) and 0 <= label <= 9):
            raise MyDigitsError(msg("my_digits.bad_label", "a label is a digit from 0 to 9"))
        digit = as_stored(image)
        path = self.folder / str(label) / f"{uuid.uuid4().hex}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        save_png(path, digit)
        return MyDigit(path, label)

    def delete(self, item: MyDigit) -> None:
        if item.path.resolve().parent.parent != self.folder.resolve():
            raise MyDigitsError(
                msg(
                    "my_digits.not_ours",
                    "{path}: not in {folder}",
                    path=item.path,
                    folder=self.folder,
                )
            )
        item.path.unlink(missing_ok=True)

    def load_one(self, item: MyDigit) -> np.ndarray:
        """One stored digit, uint8 [28, 28] (MyDigitsError when it cannot be read)."""
        return _read_digit(item.path)

    def load(self) -> tuple[np.ndarray, np.ndarray]:
        """All digits as uint8 [N, 28, 28] and labels int64 [N]; a file that cannot be read
        is refused in one line naming it."""
        items = self.items()
        images = np.zeros((len(items), FIELD, FIELD), np.uint8)
        for i, item in enumerate(items):
            images[i] = _read_digit(item.path)
        return images, np.array([item.label for item in items], np.int64)

    def export_zip(self, path: str | os.PathLike, overwrite: bool = False) -> int:
        """Write every digit into a zip (``<label>/<name>.png``); returns how many."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise MyDigitsError(
                msg(
                    "my_digits.zip_exists",
                    "{path}: already exists (choose another name)",
                    path=path,
                )
            )
        items = self.items()

        def write(handle) -> None:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for item in items:
                    archive.write(item.path, f"{item.label}/{item.path.name}")

        atomic_write(path, write)
        return len(items)

    def import_zip(self, path: str | os.PathLike) -> int:
        """Add every digit of a zip in the export's layout (``<label>/<name>.png``, maybe
        inside one top folder); returns how many. All or nothing: a member that is not a
        labelled digit image refuses the whole archive, naming the member."""
        path = Path(path)
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.folder, prefix=".import-") as tmp:
            try:
                files = extract_zip(
                    path,
                    tmp,
                    max_members=MAX_DIGITS,
                    max_total_bytes=MAX_ZIP_BYTES,
                    max_ratio=MAX_ZIP_RATIO,
                )
            except SafeFileError as exc:
                raise MyDigitsError(str(exc)) from None
            digits = []
            for file in files:
                member = file.relative_to(tmp).as_posix()
                if _is_hidden(member):
                    continue  # .DS_Store, __MACOSX/._x.png: what a zipped folder carries
                label = _label_of(member)
                if label is None:
                    raise MyDigitsError(
                        msg(
                            "my_digits.bad_member",
                            "{file}: {member} is not <digit 0-9>/<name>.png",
                            file=path.name,
                            member=member,
                        )
                    )
                try:
                    digits.append((_read_digit(file), label))
                except MyDigitsError as exc:
                    raise MyDigitsError(
                        msg("my_digits.bad_image", "{file}: {reason}", file=path.name, reason=exc)
                    ) from None
            if len(self.items()) + len(digits) > MAX_DIGITS:
                raise MyDigitsError(
                    msg(
                        "my_digits.too_many",
                        "{file}: more than {most} digits in all",
                        file=path.name,
                        most=MAX_DIGITS,
                    )
                )
        for digit, label in digits:
            self.add(digit, label)
        return len(digits)


def _is_hidden(member: str) -> bool:
    """Files ``items()`` would never list: hidden ones, and macOS Finder's ``__MACOSX``."""
    return any(part.startswith(".") or part == "__MACOSX" for part in member.split("/"))


def _label_of(member: str) -> int | None:
    parts = member.split("/")
    if len(parts) == 3:  # one top folder, as when a user zips the folder itself
        parts = parts[1:]
    if len(parts) != 2 or parts[0] not in LABELS or not parts[1].lower().endswith(".png"):
        return None
    return int(parts[0])


def _read_digit(path: Path) -> np.ndarray:
    try:
        return as_stored(read_image(path, MAX_IMAGE_PIXELS))
    except ImageReadError as exc:
        raise MyDigitsError(str(exc)) from None
    except NothingDrawn:
        raise MyDigitsError(
            msg("my_digits.empty", "{path}: holds no ink (an empty image)", path=path.name)
        ) from None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
