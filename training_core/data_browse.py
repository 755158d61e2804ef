"""A dataset split as people browse it before training: its images by class, a page at a
time, and how many images each class has.

Lesson 000 starts by looking at the data: how many training and test images, whether the
classes are balanced (MNIST's class 1 has 6,742 training images, class 5 only 5,421), what
a "7" looks like when people write it. The Data page asks this module; it never reads a
file itself. Everything here is plain numpy, so a view needs no torch on the UI thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from training_core.data import TensorSplit, dataset_info, dataset_root, load_split


@dataclass(frozen=True)
class BrowsedSplit:
    """One split on the CPU: ``images`` uint8 [N, 28, 28], ``labels`` int64 [N], and
    ``counts`` int64 [classes] (images per class, every class present, zeros included)."""

    dataset: str
    train: bool
    images: np.ndarray
    labels: np.ndarray
    class_names: tuple[str, ...]
    counts: np.ndarray

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def indices(self, class_index: int | None = None) -> np.ndarray:
        """Positions of the images of ``class_index`` in file order (None: every image)."""
        if class_index is None:
            return np.arange(len(self))
        return np.flatnonzero(self.labels == class_index)

    def page(
        self, class_index: int | None, page: int, per_page: int
    ) -> tuple[np.ndarray, int, int]:
        """The positions shown on ``page`` (clamped to the pages there are), that page's
        number and the number of pages (at least 1, also for an empty class)."""
        if per_page < 1:
            raise ValueError(f"per_page must be at least 1, not {per_page}")
        chosen = self.indices(class_index)
        pages = max(-(-len(chosen) // per_page), 1)
        page = min(max(page, 0), pages - 1)
        return chosen[page * per_page : (page + 1) * per_page], page, pages


def browsed(split: TensorSplit, dataset: str, train: bool) -> BrowsedSplit:
    """A loaded split (the real one, or a test's synthetic one) as a :class:`BrowsedSplit`."""
    labels = split.labels.cpu().numpy().astype(np.int64)
    classes = len(split.class_names)
    counts = np.bincount(labels, minlength=classes)[:classes].astype(np.int64)
    return BrowsedSplit(
        dataset,
        train,
        np.ascontiguousarray(split.images.cpu().numpy(), dtype=np.uint8),
        labels,
        tuple(split.class_names),
        counts,
    )


def browse_split(
    dataset: str, train: bool, data_root: str | os.PathLike | None = None
) -> BrowsedSplit:
    """Read one split where training would read it (the data folder, else the bundled
    MNIST), checked in full and never downloaded; a missing or bad file is the data
    module's one-line ``DataError``. Runs in a background job: MNIST's training split
    takes a few seconds."""
    return browsed(load_split(dataset, train, data_root, "cpu"), dataset, train)


def source_key(dataset: str, data_root: str | os.PathLike | None = None) -> tuple[str, str]:
    """What a loaded split depends on: the dataset and the folder it is read from. A view
    keeps its copy while this stays the same and reloads when it changes (Preferences)."""
    dataset_info(dataset)  # an unknown name is a DataError here, not later
    return dataset, str(dataset_root(dataset, data_root))
