"""Which datasets exist, where their files are, and fetching the one that may be fetched.

Where a dataset comes from: the data folder a person set (``--data-root``, else the
Preferences, else ``$DIGIT_LAB_DATA``) when it holds the dataset; MNIST otherwise from the
copy bundled with Digit Lab (read-only, never downloaded: a fresh install trains offline);
Fashion-MNIST otherwise from the per-user cache, downloaded there on request with
torchvision's mirrors, file names and checksums. Reading the files is
:mod:`training_core.data`'s part (which re-exports these names for its callers).
"""

from __future__ import annotations

import logging
import os
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from torchvision import datasets as tv_datasets

from training_core import preferences, resources
from training_core.fileio import replacing
from training_core.messages import label, msg

log = logging.getLogger(__name__)

DATA_ENV_VAR = "DIGIT_LAB_DATA"

MNIST_CLASSES = tuple(str(i) for i in range(10))
# label(): the window shows them translated (the Data page's class list); they stay English
# in checkpoints and on the command line.
FASHION_CLASSES = (
    label("T-shirt/top"),
    label("Trouser"),
    label("Pullover"),
    label("Dress"),
    label("Coat"),
    label("Sandal"),
    label("Shirt"),
    label("Sneaker"),
    label("Bag"),
    label("Ankle boot"),
)


class DataError(RuntimeError):
    """A dataset that cannot be found or read; the message is meant for the user."""


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    torchvision_class: type
    class_names: tuple[str, ...]
    mean: float
    std: float
    title: str  # how people write it: "MNIST", "Fashion-MNIST"
    downloadable: bool  # False for MNIST: it ships with Digit Lab and never comes from the net

    @property
    def folder(self) -> str:
        """The sub-folder torchvision uses under the data root (e.g. ``MNIST``)."""
        return self.torchvision_class.__name__

    @property
    def expected_files(self) -> list[str]:
        return [name.removesuffix(".gz") for name, _md5 in self.torchvision_class.resources]


DATASETS: dict[str, DatasetInfo] = {
    "mnist": DatasetInfo(
        "mnist", tv_datasets.MNIST, MNIST_CLASSES, 0.1307, 0.3081, "MNIST", downloadable=False
    ),
    "fashion-mnist": DatasetInfo(
        "fashion-mnist",
        tv_datasets.FashionMNIST,
        FASHION_CLASSES,
        0.2860,
        0.3530,
        "Fashion-MNIST",
        downloadable=True,
    ),
}


def dataset_info(name: str) -> DatasetInfo:
    try:
        return DATASETS[name]
    except KeyError:
        raise DataError(f"unknown dataset {name!r}; choose one of: {', '.join(DATASETS)}") from None


def user_cache_dir() -> Path:
    """The per-user cache where downloads go when no data folder is given (platformdirs)."""
    return preferences.cache_dir() / "datasets"


def default_data_root() -> Path:
    """The data folder when none is chosen: ``$DIGIT_LAB_DATA``, else the per-user cache."""
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return user_cache_dir()


def chosen_data_root(explicit: str | os.PathLike | None = None) -> Path | None:
    """The data folder a person set: ``--data-root`` first, then the preferences' data
    folder, then ``$DIGIT_LAB_DATA``; None when none is set. Each is read through
    :func:`data_root_of`, so ``…/MNIST`` or ``…/MNIST/raw`` means the same everywhere."""
    chosen = explicit or preferences.load().data_root or os.environ.get(DATA_ENV_VAR)
    return data_root_of(chosen) if chosen else None


def resolve_data_root(explicit: str | os.PathLike | None = None) -> Path:
    """The person's data folder (:func:`chosen_data_root`), else the per-user cache.
    Downloads go here."""
    return chosen_data_root(explicit) or user_cache_dir()


def data_root_of(folder: str | os.PathLike) -> Path:
    """The data root a folder a person named stands for: the root itself (it holds
    ``MNIST/raw/``), a dataset's folder (``…/MNIST``) or its ``raw`` folder. People pick
    any of the three; this one rule serves ``--data-root``, ``$DIGIT_LAB_DATA``, the
    Preferences dialog and the data dialog (two choosers used to disagree about ``…/MNIST``).
    A folder that holds a dataset itself is a root whatever its name."""
    folder = Path(folder).expanduser()
    names = {info.folder for info in DATASETS.values()}
    if folder.name == "raw" and folder.parent.name in names:
        return folder.parent.parent
    if folder.name in names and not any(is_available(n, folder) for n in DATASETS):
        return folder.parent
    return folder


def check_data_folder(folder: str | os.PathLike, dataset: str | None = None) -> Path:
    """The data root a folder a person chose stands for (:func:`data_root_of`), checked
    the same way for every chooser (the Preferences dialog, the data dialog): it exists,
    is a folder and can be read; it holds ``dataset`` when one is named, else it holds a
    dataset or can take one (a download or an import writes there). Every refusal is a
    one-line :class:`DataError` that names the folder as the person gave it."""
    given = Path(str(folder).strip()).expanduser()
    if not str(folder).strip():
        raise DataError(msg("data.folder_empty", "No data folder given"))
    root = data_root_of(given)
    if not root.exists():
        raise DataError(
            msg("data.folder_missing", "Data folder {folder} does not exist", folder=given)
        )
    if not root.is_dir():
        raise DataError(
            msg("data.folder_is_file", "Data folder {folder} is a file, not a folder", folder=given)
        )
    if not os.access(root, os.R_OK | os.X_OK):
        raise DataError(
            msg(
                "data.folder_unreadable",
                "Data folder {folder} cannot be read (no permission)",
                folder=given,
            )
        )
    holds = [n for n in DATASETS if is_available(n, root)]
    if (dataset is None and holds) or dataset in holds:
        return root
    loose = _loose_files(given) if root == given else None  # not MNIST/, MNIST/raw/
    if loose is not None:
        raise DataError(loose)
    if dataset is not None:
        raise DataError(missing_message(dataset, root))
    if not os.access(root, os.W_OK):
        raise DataError(
            msg(
                "data.folder_read_only",
                "Data folder {folder} holds no dataset and cannot be written to, so none can be "
                "downloaded or imported into it",
                folder=given,
            )
        )
    return root


def _loose_files(folder: Path) -> str | None:
    """The message for a folder that holds a dataset's four files under another name than
    torchvision's (``~/Downloads/mnist``): MNIST and Fashion-MNIST share file names, so
    only the folder's name tells them apart, and it must be ``MNIST`` or ``FashionMNIST``."""
    names = DATASETS["mnist"].expected_files
    if not all(_data_file(folder, f) is not None for f in names):
        return None
    return msg(
        "data.loose_files",
        "{folder} holds dataset files, but Digit Lab only finds them in a folder named {mnist} "
        "or {fashion} (which one tells the datasets apart): rename the folder, or move the "
        "files into {mnist}/raw/ or {fashion}/raw/ inside the data folder",
        folder=folder,
        mnist=DATASETS["mnist"].folder,
        fashion=DATASETS["fashion-mnist"].folder,
    )


def dataset_root(name: str, explicit: str | os.PathLike | None = None) -> Path:
    """The root ``name`` is read from: the person's data folder when it holds the dataset;
    for MNIST otherwise the bundled copy; else the person's folder (where a download or a
    "not found" message points). A folder set but not there at all is not replaced by the
    bundled copy: that is a typo or a missing drive, and the message names it."""
    chosen = chosen_data_root(explicit)
    root = chosen or user_cache_dir()
    missing = chosen is not None and not chosen.is_dir()
    if not dataset_info(name).downloadable and not missing and not is_available(name, root):
        bundled = resources.bundled_data_root()
        if bundled is not None and is_available(name, bundled):
            log.info("%s is not in %s: reading the bundled copy", name, root)
            return bundled
    return root


def is_bundled(root: str | os.PathLike) -> bool:
    """Whether ``root`` is the copy that ships with Digit Lab (read-only)."""
    bundled = resources.bundled_data_root()
    return bundled is not None and Path(root) == bundled


def raw_folder(name: str, root: Path) -> Path:
    """Where the dataset's files go under ``root`` (torchvision's layout)."""
    return Path(root) / dataset_info(name).folder / "raw"


def files_folder(name: str, root: Path) -> Path | None:
    """The folder that holds all of the dataset's files: ``root/MNIST/raw`` (torchvision's
    layout), else ``root/MNIST`` itself (the four files straight in the dataset's folder,
    as many downloads unpack); None when neither holds them all."""
    raw = raw_folder(name, root)
    for folder in (raw, raw.parent):
        if all(_data_file(folder, f) is not None for f in dataset_info(name).expected_files):
            return folder
    return None


def is_available(name: str, root: Path) -> bool:
    """Every file is there, uncompressed or as the mirrors' ``.gz`` (both are read)."""
    return files_folder(name, root) is not None


def _data_file(folder: Path, name: str) -> Path | None:
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def missing_message(name: str, root: Path) -> str:
    info = dataset_info(name)
    return msg(
        "data.missing",
        "{dataset} not found: put {files} (or the same names with .gz) in {folder} (or set "
        "{env} / --data-root to a folder that holds {subfolder}/raw/)",
        dataset=info.title,
        files=", ".join(info.expected_files),
        folder=raw_folder(name, root),
        env=DATA_ENV_VAR,
        subfolder=info.folder,
    )


ProgressFn = Callable[[int, int, str], None]  # (bytes done, bytes total or 0, file name)


def download(
    name: str,
    root: Path,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> None:
    """Fetch the dataset's archives from torchvision's mirrors into ``root``, with progress.

    torchvision's own ``download=True`` prints a tqdm bar but has no hook, so the GUI could
    not show progress; this reuses its mirror list, file names, checksums and extraction.
    """
    from torchvision.datasets.utils import check_integrity, extract_archive

    info = dataset_info(name)
    if not info.downloadable:
        raise DataError(
            msg(
                "data.never_downloaded",
                "{dataset} is never downloaded: it comes with Digit Lab. {missing}",
                dataset=info.title,
                missing=missing_message(name, root),
            )
        )
    if is_bundled(root):
        raise DataError(
            msg("data.bundled_read_only", "{root} is Digit Lab's own read-only copy", root=root)
        )
    folder = raw_folder(name, root)
    folder.mkdir(parents=True, exist_ok=True)
    for filename, md5 in info.torchvision_class.resources:
        if _data_file(folder, filename.removesuffix(".gz")) is not None:
            continue
        archive = folder / filename
        errors = []
        for mirror in info.torchvision_class.mirrors:
            try:
                _fetch(f"{mirror}{filename}", archive, progress, should_stop)
            except OSError as exc:
                errors.append(_reason(exc))
                continue
            if check_integrity(str(archive), md5):
                break
            errors.append(f"{mirror}: checksum mismatch")
            archive.unlink(missing_ok=True)
        else:
            raise DataError(
                msg(
                    "data.download_failed",
                    "{dataset} is not on this computer and could not be downloaded: {reason} "
                    "(put its files in {folder}, or import them from a zip)",
                    dataset=info.title,
                    reason=errors[0] if len(set(errors)) == 1 else "; ".join(errors),
                    folder=folder,
                )
            )
        extract_archive(str(archive), str(folder), remove_finished=True)


def _reason(exc: OSError) -> str:
    """Why a download failed, in one short line ("Temporary failure in name resolution")."""
    reason = getattr(exc, "reason", None)  # urllib's URLError wraps the socket's error
    inner = reason if isinstance(reason, BaseException) else exc
    text = getattr(inner, "strerror", None) or str(reason or inner)
    return " ".join(str(text).split())


class DownloadCancelled(DataError):
    pass


def _fetch(url: str, target: Path, progress, should_stop) -> None:
    with (
        urllib.request.urlopen(url, timeout=30) as response,
        replacing(target) as partial,
        open(partial, "wb") as out,
    ):
        total = int(response.headers.get("Content-Length") or 0)
        done = 0
        while chunk := response.read(1 << 16):
            if should_stop is not None and should_stop():
                raise DownloadCancelled("download cancelled")
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total, target.name)
