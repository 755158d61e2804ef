"""Datasets as device-resident tensors, plus the toy 2-D data of the playground.

MNIST-sized data fits in memory many times over, so each split is read once (IDX files,
plain or .gz, by :mod:`training_core.idx`; torchvision supplies the mirrors, file names and
checksums for downloads), checked in full, kept as one uint8 tensor on the training
device, and batched by indexing with a shuffled permutation. Normalisation and
augmentation happen on the device, per batch: no per-sample Python.

Every check (shape, counts, label range, header vs file size) happens at load: a bad file
used to pass loading and fail with a traceback during training, a bad test label only
after a whole epoch.
"""

from __future__ import annotations

import math
import os
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torchvision import datasets as tv_datasets

from training_core import preferences
from training_core.fileio import replacing
from training_core.idx import IdxError, read_idx

DATA_ENV_VAR = "DIGIT_LAB_DATA"

MNIST_CLASSES = tuple(str(i) for i in range(10))
FASHION_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
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

    @property
    def folder(self) -> str:
        """The sub-folder torchvision uses under the data root (e.g. ``MNIST``)."""
        return self.torchvision_class.__name__

    @property
    def expected_files(self) -> list[str]:
        return [name.removesuffix(".gz") for name, _md5 in self.torchvision_class.resources]


DATASETS: dict[str, DatasetInfo] = {
    "mnist": DatasetInfo("mnist", tv_datasets.MNIST, MNIST_CLASSES, 0.1307, 0.3081),
    "fashion-mnist": DatasetInfo(
        "fashion-mnist", tv_datasets.FashionMNIST, FASHION_CLASSES, 0.2860, 0.3530
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


def resolve_data_root(explicit: str | os.PathLike | None = None) -> Path:
    """``--data-root`` first, then the preferences' data folder, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    chosen = preferences.load().data_root
    if chosen:
        return Path(chosen).expanduser()
    return default_data_root()


def raw_folder(name: str, root: Path) -> Path:
    return Path(root) / dataset_info(name).folder / "raw"


def is_available(name: str, root: Path) -> bool:
    """Every file is there, uncompressed or as the mirrors' ``.gz`` (both are read)."""
    folder = raw_folder(name, root)
    return all(_data_file(folder, f) is not None for f in dataset_info(name).expected_files)


def _data_file(folder: Path, name: str) -> Path | None:
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def missing_message(name: str, root: Path) -> str:
    info = dataset_info(name)
    return (
        f"{info.name} not found: put {', '.join(info.expected_files)} in "
        f"{raw_folder(name, root)} (or set {DATA_ENV_VAR} / --data-root to a folder that "
        f"holds {info.folder}/raw/)"
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
    folder = raw_folder(name, root)
    folder.mkdir(parents=True, exist_ok=True)
    for filename, md5 in info.torchvision_class.resources:
        if (folder / filename.removesuffix(".gz")).is_file():
            continue
        archive = folder / filename
        errors = []
        for mirror in info.torchvision_class.mirrors:
            try:
                _fetch(f"{mirror}{filename}", archive, progress, should_stop)
            except OSError as exc:
                errors.append(f"{mirror}: {exc}")
                continue
            if check_integrity(str(archive), md5):
                break
            errors.append(f"{mirror}: checksum mismatch")
            archive.unlink(missing_ok=True)
        else:
            raise DataError(
                f"could not download {filename} ({'; '.join(errors)}). "
                + missing_message(name, root)
            )
        extract_archive(str(archive), str(folder), remove_finished=True)


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


@dataclass
class TensorSplit:
    """One split as tensors on the training device: ``images`` uint8 [N, 28, 28]."""

    images: torch.Tensor
    labels: torch.Tensor
    class_names: tuple[str, ...]
    mean: float
    std: float

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def to(self, device: torch.device | str) -> TensorSplit:
        return TensorSplit(
            self.images.to(device), self.labels.to(device), self.class_names, self.mean, self.std
        )

    def subset(self, count: int) -> TensorSplit:
        return TensorSplit(
            self.images[:count], self.labels[:count], self.class_names, self.mean, self.std
        )


IMAGE_SIZE = (28, 28)  # what every model's first layer takes


def load_split(
    name: str,
    train: bool,
    root: str | os.PathLike | None = None,
    device: torch.device | str = "cpu",
    download_if_missing: bool = False,
) -> TensorSplit:
    """Read and check one split; every problem is a one-line DataError naming the file."""
    info = dataset_info(name)
    root = resolve_data_root(root)
    if not is_available(name, root):
        if not download_if_missing:
            raise DataError(missing_message(name, root))
        download(name, root)
    folder = raw_folder(name, root)
    prefix = "train" if train else "t10k"
    labels_path = _data_file(folder, f"{prefix}-labels-idx1-ubyte")
    images_path = _data_file(folder, f"{prefix}-images-idx3-ubyte")
    if labels_path is None or images_path is None:  # removed since is_available
        raise DataError(missing_message(name, root))
    labels = _read(info, labels_path, 1)
    images = _read(info, images_path, 3)
    if tuple(images.shape[1:]) != IMAGE_SIZE:
        raise DataError(
            f"{info.name} file {images_path} holds {images.shape[1]}x{images.shape[2]} images; "
            f"Digit Lab's models take {IMAGE_SIZE[0]}x{IMAGE_SIZE[1]}"
        )
    if images.shape[0] == 0:
        raise DataError(f"{info.name} file {images_path} holds no images")
    if images.shape[0] != labels.shape[0]:
        raise DataError(
            f"{info.name} files in {folder} do not match: {images_path.name} holds "
            f"{images.shape[0]} images but {labels_path.name} {labels.shape[0]} labels"
        )
    split = TensorSplit(images, labels.long(), info.class_names, info.mean, info.std)
    check_split(split, f"{info.name} file {labels_path}")
    return split.to(device)


def _read(info: DatasetInfo, path: Path, ndim: int) -> torch.Tensor:
    try:
        return read_idx(path, ndim)
    except IdxError as exc:
        raise DataError(f"{info.name} file {path} is unreadable: {exc}") from None
    except OSError as exc:
        raise DataError(f"cannot read {info.name} file {path}: {exc.strerror or exc}") from None


def check_split(split: TensorSplit, source: str) -> None:
    """Refuse a split the loop would only trip over later (one line naming ``source``).

    Out-of-range labels used to surface as a CUDA assert or an IndexError deep inside the
    loss, and for the test split only after a whole training epoch.
    """
    images, labels = split.images, split.labels
    if images.dtype != torch.uint8 or images.ndim != 3 or tuple(images.shape[1:]) != IMAGE_SIZE:
        raise DataError(
            f"{source}: images must be uint8 N x 28 x 28, not {images.dtype} "
            f"{' x '.join(map(str, images.shape))}"
        )
    if labels.ndim != 1 or labels.shape[0] != images.shape[0] or images.shape[0] == 0:
        raise DataError(f"{source}: {images.shape[0]} images, labels {tuple(labels.shape)}")
    if labels.dtype.is_floating_point or labels.dtype == torch.bool:
        raise DataError(f"{source}: labels must be integers, not {labels.dtype}")
    classes = len(split.class_names)
    bad = ((labels < 0) | (labels >= classes)).nonzero()
    if len(bad):
        first = int(bad[0, 0])
        raise DataError(
            f"{source}: label {int(labels[first])} at position {first} is out of range "
            f"(this dataset has {classes} classes, 0..{classes - 1}); "
            f"{len(bad)} label(s) out of range in all"
        )


def normalize(images_uint8: torch.Tensor, mean: float, std: float) -> torch.Tensor:
    """uint8 [N, H, W] -> float [N, 1, H, W], scaled to [0, 1] then standardised."""
    # One multiply-add instead of divide, subtract, divide: this runs once per batch.
    return images_uint8.unsqueeze(1).float().mul_(1.0 / (255.0 * std)).add_(-mean / std)


@dataclass(frozen=True)
class Augmentation:
    """Random affine jitter applied on the device, per batch (used for the CNN)."""

    max_rotation_deg: float = 12.0
    max_shift: float = 0.12  # fraction of the image size
    scale_range: tuple[float, float] = (0.8, 1.15)
    stroke_jitter: float = 0.3  # share of images made thinner or thicker (erode / dilate)

    def apply(self, x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        n = x.shape[0]
        dev = x.device

        def uniform(lo, hi):
            return torch.rand(n, device=dev, generator=generator) * (hi - lo) + lo

        angle = uniform(-self.max_rotation_deg, self.max_rotation_deg) * (math.pi / 180)
        scale = uniform(*self.scale_range)
        tx = uniform(-self.max_shift, self.max_shift) * 2  # affine_grid works in [-1, 1]
        ty = uniform(-self.max_shift, self.max_shift) * 2
        cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
        theta = torch.stack([torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
        grid = F.affine_grid(theta, list(x.shape), align_corners=False)
        # The background is the normalised value of black, so pad with the batch minimum.
        background = x.amin()
        x = F.grid_sample(x - background, grid, align_corners=False) + background
        if self.stroke_jitter > 0:
            x = self._jitter_strokes(x, generator)
        return x

    def _jitter_strokes(self, x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        """People draw with thicker or thinner pens than MNIST's: a 3x3 max filter
        thickens strokes, a min filter thins them; each hits ``stroke_jitter / 2``."""
        choice = torch.rand(x.shape[0], 1, 1, 1, device=x.device, generator=generator)
        thick = F.max_pool2d(x, 3, stride=1, padding=1)
        thin = -F.max_pool2d(-x, 3, stride=1, padding=1)
        half = self.stroke_jitter / 2
        return torch.where(choice < half, thick, torch.where(choice < 2 * half, thin, x))


AUGMENTATIONS: dict[str, Augmentation | None] = {
    "none": None,
    # Small jitter only: the best setting for MNIST's own test set.
    "light": Augmentation(
        max_rotation_deg=8.0, max_shift=0.08, scale_range=(0.9, 1.1), stroke_jitter=0.0
    ),
    # Wide jitter, including pen width: for digits people draw (the bundled model).
    "draw": Augmentation(),
}


def iterate_batches(
    split: TensorSplit,
    batch_size: int,
    shuffle: bool = False,
    generator: torch.Generator | None = None,
    augmentation: Augmentation | None = None,
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Yield normalised (images [B, 1, 28, 28], labels [B]) batches without copying the split."""
    n = len(split)
    device = split.images.device
    order = (
        torch.randperm(n, device=device, generator=generator)
        if shuffle
        else torch.arange(n, device=device)
    )
    # index_select is several times cheaper per call than fancy indexing (images[idx]),
    # which matters at 600 small batches an epoch.
    for idx in order.split(batch_size):
        x = normalize(split.images.index_select(0, idx), split.mean, split.std)
        if augmentation is not None:
            x = augmentation.apply(x, generator)
        yield x, split.labels.index_select(0, idx)


def make_spiral(
    classes: int = 3,
    points_per_class: int = 1000,
    noise: float = 0.2,
    seed: int = 12345,
) -> tuple[torch.Tensor, torch.Tensor]:
    """The lesson's spiral: arm ``c`` sweeps angles 2*pi*c/C .. 2*pi*(c+2)/C as radius grows 0..1.

    Returns ``X`` float [C*N, 2] and ``y`` int64 [C*N].
    """
    gen = torch.Generator().manual_seed(seed)
    radius = torch.linspace(0, 1, points_per_class)
    xs, ys = [], []
    for c in range(classes):
        start = 2 * math.pi / classes * c
        end = 2 * math.pi / classes * (2 + c)
        angle = torch.linspace(start, end, points_per_class)
        angle = angle + torch.randn(points_per_class, generator=gen) * noise
        xs.append(torch.stack([radius * torch.sin(angle), radius * torch.cos(angle)], 1))
        ys.append(torch.full((points_per_class,), c, dtype=torch.long))
    return torch.cat(xs), torch.cat(ys)
