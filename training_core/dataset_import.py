"""Importing MNIST or Fashion-MNIST from a zip a person hands us, into their data folder.

People get the four IDX files in zips of every shape: flat or in folders, ``.gz`` or not,
Kaggle's ``train-images.idx3-ubyte`` spelling. The zip is untrusted, so it goes through
:func:`training_core.safe_zip.extract_zip` (traversal, links, bombs, overlaps, sizes),
into a staging folder next to the target (same file system, so the last step is a rename).
There the four files are read and checked in full, exactly as training will read them
(:func:`training_core.data.load_split_from`); only then do they become
``<data folder>/<MNIST|FashionMNIST>/raw``. A dataset already there is replaced only when
the caller says so (the app asks first), and the old one is removed only after the new one
is in place. Pure functions, no Qt: the app runs :func:`import_zip` in a ``Worker``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from training_core.data import DataError, dataset_info, is_available, load_split_from, raw_folder
from training_core.messages import msg
from training_core.safe_files import SafeFileError
from training_core.safe_zip import extract_zip

# MNIST's files unpack to 55 MB; a zip of them compresses about 5:1 (.gz inside: 1:1).
MAX_MEMBERS = 200
MAX_TOTAL_BYTES = 400 * 2**20
MAX_RATIO = 200.0

StepFn = Callable[[int, int, str], None]  # (step done, steps in all, what happens now)
STEPS = 4  # extract, check training split, check test split, move into place


class DatasetImportError(DataError):
    """A zip that cannot become a dataset; the message is one line naming the zip."""


class DatasetExistsError(DatasetImportError):
    """The data folder already holds this dataset: replace only when the person says so."""


def import_zip(
    zip_path: str | os.PathLike,
    dataset: str,
    data_root: str | os.PathLike,
    *,
    replace: bool = False,
    step: StepFn | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Path:
    """Put ``dataset``'s four files from ``zip_path`` into ``data_root``; return the folder.

    Raises :class:`DatasetExistsError` when the dataset's folder is there already and
    ``replace`` is False, :class:`DatasetImportError` for any problem with the zip or its
    files (one line), ``OSError`` when the data folder cannot be written. Nothing is left
    behind on failure or cancel (``should_stop`` is polled between steps)."""
    info = dataset_info(dataset)
    zip_path = Path(zip_path)
    target = raw_folder(dataset, Path(data_root))
    if already_there(dataset, data_root) and not replace:
        raise DatasetExistsError(
            msg(
                "import.exists",
                "{folder} already holds {dataset} files; replace them?",
                folder=target,
                dataset=info.title,
            )
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=target.parent))
    try:
        _report(step, 0, msg("import.step_extract", "Unpacking {zip}", zip=zip_path.name))
        try:
            extracted = extract_zip(
                zip_path,
                staging / "zip",
                max_members=MAX_MEMBERS,
                max_total_bytes=MAX_TOTAL_BYTES,
                max_ratio=MAX_RATIO,
            )
        except SafeFileError as exc:
            raise DatasetImportError(str(exc)) from None
        checked = staging / "root"
        files = raw_folder(dataset, checked)
        files.mkdir(parents=True)
        members = _dataset_members(zip_path.name, dataset, extracted, staging / "zip")
        for name, member in members.items():
            gz = member.name.lower().endswith(".gz")
            os.replace(member, files / (name + (".gz" if gz else "")))
        for index, train in enumerate((True, False), start=1):
            _stop_if_asked(should_stop, zip_path)
            _report(
                step,
                index,
                msg("import.check_train", "Checking the training images")
                if train
                else msg("import.check_test", "Checking the test images"),
            )
            try:
                load_split_from(dataset, train, checked)
            except DataError as exc:
                raise DatasetImportError(
                    msg("import.bad_file", "{zip}: {reason}", zip=zip_path.name, reason=exc)
                ) from None
        _stop_if_asked(should_stop, zip_path)
        _report(step, 3, msg("import.step_move", "Moving the files into {folder}", folder=target))
        _move_into_place(files, target, staging)
        _report(step, STEPS, msg("import.done", "Imported into {folder}", folder=target))
        return target
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _occupied(folder: Path) -> bool:
    try:
        return folder.is_dir() and any(folder.iterdir())
    except OSError:
        return True  # unreadable: never treat as empty and write over it


def _canonical(member_name: str) -> str:
    """``train-images.idx3-ubyte.gz`` (Kaggle) and ``train-images-idx3-ubyte`` both name
    ``train-images-idx3-ubyte``: lower case, dots as dashes, no ``.gz``."""
    name = member_name.lower().removesuffix(".gz")
    return re.sub(r"[.\s_]+", "-", name)


def _dataset_members(
    archive: str, dataset: str, extracted: list[Path], base: Path
) -> dict[str, Path]:
    """Each expected file name -> the one extracted file that holds it. A zip with two
    candidates (both datasets, say) picks those under the dataset's own folder name."""
    info = dataset_info(dataset)
    found: dict[str, list[Path]] = {name: [] for name in info.expected_files}
    for path in extracted:
        name = _canonical(path.name)
        if name in found:
            found[name].append(path)
    chosen = {}
    for name, paths in found.items():
        if len(paths) > 1:
            paths = [p for p in paths if _under(p.relative_to(base), info.folder)] or paths
        if not paths:
            raise DatasetImportError(
                msg(
                    "import.missing_file",
                    "{zip}: no {file} (or {file}.gz) inside; {dataset} needs {files}",
                    zip=archive,
                    file=name,
                    dataset=info.title,
                    files=", ".join(info.expected_files),
                )
            )
        if len(paths) > 1:
            raise DatasetImportError(
                msg(
                    "import.two_copies",
                    "{zip}: holds {count} files named {file}; keep one copy of {dataset}",
                    zip=archive,
                    count=len(paths),
                    file=name,
                    dataset=info.title,
                )
            )
        chosen[name] = paths[0]
    return chosen


def _under(path: Path, folder: str) -> bool:
    return folder.lower() in (part.lower() for part in path.parts[:-1])


def _move_into_place(files: Path, target: Path, staging: Path) -> None:
    """Rename the checked folder to ``target``; an old one is moved into the staging folder
    first (removed with it), so a failure in between never leaves the person with neither."""
    old = staging / "old"
    if target.exists() or target.is_symlink():
        os.replace(target, old)
    try:
        os.replace(files, target)
    except OSError:
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise


def _stop_if_asked(should_stop: Callable[[], bool] | None, zip_path: Path) -> None:
    if should_stop is not None and should_stop():
        raise DatasetImportError(
            msg("import.cancelled", "{zip}: import cancelled", zip=zip_path.name)
        )


def _report(step: StepFn | None, done: int, text: str) -> None:
    if step is not None:
        step(done, STEPS, text)


def already_there(dataset: str, data_root: str | os.PathLike) -> bool:
    """Whether importing ``dataset`` into ``data_root`` would replace files (ask first)."""
    root = Path(data_root)
    return _occupied(raw_folder(dataset, root)) or is_available(dataset, root)
