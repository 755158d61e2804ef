"""The Train tab's Data page: the training and test images of the form's dataset, by class,
with how many images each class has (lesson 000 starts by looking at the data).

Reading a split takes seconds (MNIST's 60,000 training images), so it is a ``Worker`` job
(:func:`training_core.data_browse.browse_split`); the page says "Loading…" meanwhile and
only loads when it is shown. Loaded splits are kept for the process, one dataset at a
time, and a load already under way is joined, not repeated. The jobs belong to the
application, not to the page: a page closed mid-load (a test, a closed window) leaves a
job that finishes quietly instead of signalling a deleted object.

A dataset that is not on this computer is one line and a button to the dataset dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import settings
from desktop_app.common.i18n import core_label
from desktop_app.common.workers import Worker, job
from desktop_app.train.data_dialog import ensure_dataset
from desktop_app.train.data_views import ClassCountsPlot, ThumbnailGrid
from training_core import data as core_data
from training_core.data_browse import BrowsedSplit, browse_split, browsed, source_key

Key = tuple[str, str, bool]  # dataset, the folder it is read from, training split?

_loaded: dict[Key, BrowsedSplit] = {}
_loading: dict[Key, Worker] = {}


def _remember(key: Key, split: BrowsedSplit) -> None:
    """Keep one dataset's splits (MNIST's two are 55 MB): another dataset replaces them."""
    for old in [k for k in _loaded if k[:2] != key[:2]]:
        del _loaded[old]
    _loaded[key] = split


def _load(key: Key) -> Worker:
    """The job that reads ``key``'s split: the one under way, else a new one."""
    worker = _loading.get(key)
    if worker is None:
        dataset, root, train = key
        worker = Worker(
            job(browse_split, dataset, train, root),
            "digit-lab-data-page",
            QCoreApplication.instance(),
        )
        worker.done.connect(lambda split: _remember(key, split))
        worker.finished.connect(lambda: _finished(key))
        _loading[key] = worker
        worker.start()
    return worker


def _finished(key: Key) -> None:
    worker = _loading.pop(key, None)
    if worker is not None:
        worker.deleteLater()


def forget_loaded() -> None:
    """Drop the kept splits (a dataset replaced on disk; tests)."""
    _loaded.clear()


class DataPage(QWidget):
    """Split and class choices, a page of thumbnails with paging, and the class counts."""

    ROWS, COLUMNS = 8, 12
    shown_changed = Signal()  # after every change of what the page shows (tests wait on it)

    def __init__(
        self,
        parent=None,
        override: Callable[[], tuple | None] | None = None,
    ):
        super().__init__(parent)
        # Tests' synthetic (train, test) splits, read each time; None: the real dataset.
        self._override = override or (lambda: None)
        self.dataset = "mnist"
        self.split: BrowsedSplit | None = None
        self.state = "idle"  # idle, loading, shown, missing, failed
        self.page = 0
        self.pages = 1
        self._key: Key | None = None
        self._waiting: Worker | None = None  # the load this page shows when it ends

        self.split_choice = QComboBox(self)
        self.split_choice.addItem(self.tr("Training images"), True)
        self.split_choice.addItem(self.tr("Test images"), False)
        self.split_choice.setAccessibleName(self.tr("Split"))
        self.class_choice = QComboBox(self)
        self.class_choice.setAccessibleName(self.tr("Class"))
        self.prev_button = QPushButton("◀", self)
        self.prev_button.setAccessibleName(self.tr("Previous page"))
        self.prev_button.setShortcut(Qt.Key.Key_PageUp)
        self.next_button = QPushButton("▶", self)
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.next_button.setShortcut(Qt.Key.Key_PageDown)
        for button in (self.prev_button, self.next_button):
            button.setToolTip(button.accessibleName())
            button.setFixedWidth(button.sizeHint().height() * 2)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.split_choice, self.class_choice, self.prev_button, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        # Wraps to the page's width instead of widening it (a long folder name).
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.get_button = QPushButton(self)
        self.get_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.get_button.hide()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.message, 1)
        line.addWidget(self.get_button)

        self.grid = ThumbnailGrid(self.ROWS, self.COLUMNS, self)
        self.counts = ClassCountsPlot(self)
        self.views = split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.grid)
        split.addWidget(self.counts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(line)
        layout.addWidget(split, 1)
        # Takes the room of the hidden views: the choices and the "not on this computer"
        # line stay at the top instead of floating down the middle of the page.
        layout.addStretch(0)

        self._fill_classes()
        self.split_choice.currentIndexChanged.connect(lambda: self.refresh())
        self.class_choice.currentIndexChanged.connect(self._class_changed)
        self.prev_button.clicked.connect(lambda: self._turn(-1))
        self.next_button.clicked.connect(lambda: self._turn(1))
        self.counts.class_clicked.connect(lambda i: self.class_choice.setCurrentIndex(i + 1))
        self.get_button.clicked.connect(self._get_dataset)
        self._show_nothing()

    # -- what is asked for ---------------------------------------------------------------
    @property
    def train(self) -> bool:
        return bool(self.split_choice.currentData())

    @property
    def class_index(self) -> int | None:
        return self.class_choice.currentData()

    def set_dataset(self, dataset: str) -> None:
        """Follow the Train form's dataset choice."""
        if dataset == self.dataset or dataset not in core_data.DATASETS:
            return
        self.dataset = dataset
        self._fill_classes()
        self.refresh()

    def _fill_classes(self) -> None:
        info = core_data.dataset_info(self.dataset)
        kept = self.class_choice.currentData()
        self.class_choice.blockSignals(True)
        self.class_choice.clear()
        self.class_choice.addItem(self.tr("All classes"), None)
        for i, name in enumerate(info.class_names):
            shown = core_label(name)
            self.class_choice.addItem(shown if shown == str(i) else f"{i} {shown}", i)
        self.class_choice.setCurrentIndex(max(self.class_choice.findData(kept), 0))
        self.class_choice.blockSignals(False)
        self.page = 0

    # -- loading -------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()  # loads only now; and picks up a data folder changed meanwhile

    def refresh(self) -> None:
        """Show the chosen split: at once if it is loaded, else after a background load."""
        if not self.isVisible():
            return
        override = self._override()
        if override is not None:
            self._key, self._waiting = ("override", str(id(override)), self.train), None
            self._show(browsed(override[0 if self.train else 1], self.dataset, self.train))
            return
        dataset, root = source_key(self.dataset, settings.data_root())
        key = (dataset, root, self.train)
        if key == self._key and self.state in ("shown", "loading"):
            return
        self._key, self._waiting = key, None
        if key in _loaded:
            self._show(_loaded[key])
            return
        info = core_data.dataset_info(dataset)
        if not core_data.is_available(dataset, Path(root)):
            self._missing(
                self.tr("{dataset} is not on this computer (looked in {folder}).").format(
                    dataset=info.title, folder=core_data.raw_folder(dataset, Path(root))
                )
            )
            return
        self.state = "loading"
        self._show_nothing(
            self.tr("Loading the {dataset} {split}…").format(
                dataset=info.title, split=self._split_name()
            )
        )
        self._waiting = _load(key)
        # Bound methods, not lambdas: Qt drops them when the page is deleted mid-load.
        self._waiting.done.connect(self._loaded)
        self._waiting.failed.connect(self._failed)

    def _loaded(self, split: BrowsedSplit) -> None:
        if self.sender() is self._waiting:  # not a split asked for before a new choice
            self._waiting = None
            self._show(split)

    def _failed(self, message: str) -> None:
        if self.sender() is self._waiting:
            self._waiting = None
            self._missing(message, state="failed")

    def _missing(self, message: str, state: str = "missing") -> None:
        self.state = state
        self._show_nothing(message)
        self.views.hide()  # an empty grid and plot would only look broken
        self.get_button.setText(
            self.tr("Get {dataset}…").format(dataset=core_data.dataset_info(self.dataset).title)
        )
        self.get_button.show()

    def _get_dataset(self) -> None:
        """The dataset dialog (download, folder, zip); a dataset found is shown at once."""
        if ensure_dataset(self, self.dataset):
            forget_loaded()  # an import may have replaced files already read
            self._key = None
            self.refresh()

    # -- showing -------------------------------------------------------------------------
    def _split_name(self) -> str:
        return self.tr("training images") if self.train else self.tr("test images")

    def _show_nothing(self, text: str = "") -> None:
        self.split = None
        self.get_button.hide()
        self.views.show()
        self.message.setText(text)
        self.grid.set_images(np.zeros((0, 28, 28), np.uint8), [], [], False)
        self.counts.set_counts([], [], None, self.train, "")
        self.prev_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.shown_changed.emit()

    def _show(self, split: BrowsedSplit) -> None:
        self.split = split
        self.state = "shown"
        self.get_button.hide()
        self.views.show()
        self._render()

    def _class_changed(self) -> None:
        self.page = 0
        self._render()

    def _turn(self, step: int) -> None:
        self.page += step
        self._render()

    def _render(self) -> None:
        split = self.split
        if split is None:
            return
        names = [core_label(name) for name in split.class_names]
        chosen = self.class_index
        positions, self.page, self.pages = split.page(chosen, self.page, self.ROWS * self.COLUMNS)
        labels = [names[int(split.labels[p])] for p in positions]
        self.grid.set_images(split.images[positions], positions, labels, chosen is None)
        total = f"{len(split):,}"
        title = core_data.dataset_info(split.dataset).title
        self.counts.set_counts(
            split.counts,
            names,
            chosen,
            split.train,
            self.tr("Images per class"),
        )
        if chosen is None:
            text = self.tr("{dataset}: {total} {split} · page {page}/{pages}").format(
                dataset=title,
                total=total,
                split=self._split_name(),
                page=self.page + 1,
                pages=self.pages,
            )
        else:
            text = self.tr(
                "{dataset}: {count} of the {total} {split} are {name} · page {page}/{pages}"
            ).format(
                dataset=title,
                count=f"{int(split.counts[chosen]):,}",
                total=total,
                split=self._split_name(),
                name=names[chosen],
                page=self.page + 1,
                pages=self.pages,
            )
        self.message.setText(text)
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.pages - 1)
        self.shown_changed.emit()
