"""Datasets as device-resident tensors, plus the toy 2-D data of the playground.

MNIST-sized data fits in memory many times over, so each split is read once (IDX files,
plain or .gz, by :mod:`training_core.idx`; torchvision supplies the mirrors, file names and
checksums for downloads), checked in full, kept as one uint8 tensor on the training
device, and batched by indexing with a shuffled permutation. Normalisation and
augmentation happen on the device, per batch: no per-sample Python.

Every check (shape, counts, label range, header vs file size) happens at load: a bad file
used to pass loading and fail with a traceback during training, a bad test label only
after a whole epoch.

Which datasets exist and where their files are (the data folder, the bundled MNIST, the
download) is :mod:`training_core.data_sources`; its names are re-exported here, where
callers have always found them.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

from training_core.data_sources import (  # noqa: F401  (re-exported: callers import them here)
    DATA_ENV_VAR,
    DATASETS,
    FASHION_CLASSES,
    MNIST_CLASSES,
    DataError,
    DatasetInfo,
    DownloadCancelled,
    ProgressFn,
    _data_file,
    chosen_data_root,
    data_root_of,
    dataset_info,
    dataset_root,
    default_data_root,
    download,
    files_folder,
    is_available,
    is_bundled,
    missing_message,
    raw_folder,
    resolve_data_root,
    user_cache_dir,
)
from training_core.idx import IdxError, read_idx


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
    root = dataset_root(name, root)
    if not is_available(name, root):
        if not download_if_missing or not dataset_info(name).downloadable:
            raise DataError(missing_message(name, root))
        download(name, root)
    return load_split_from(name, train, root).to(device)


def load_split_from(name: str, train: bool, root: Path) -> TensorSplit:
    """One split from exactly ``root`` (no fall-back, no download), checked, on the CPU:
    what :func:`load_split` reads, and how an imported dataset is checked before use."""
    info = dataset_info(name)
    folder = files_folder(name, root) or raw_folder(name, root)
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
    return split


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
