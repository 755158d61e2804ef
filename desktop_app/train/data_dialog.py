"""A missing dataset: download it with visible, cancellable progress, or choose its folder."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop_app.common import settings
from training_core import data as core_data


def find_data_root(folder: str | Path, dataset: str) -> Path | None:
    """The data root for a folder the user picked: the root itself, or its
    ``MNIST`` / ``MNIST/raw`` sub-folder (people pick either)."""
    folder = Path(folder)
    for candidate in (folder, folder.parent, folder.parent.parent):
        if core_data.is_available(dataset, candidate):
            return candidate
    return None


class DownloadWorker(QObject):
    progress = Signal(int, int, str)  # bytes done, bytes total (0 = unknown), file name
    done = Signal()
    failed = Signal(str)

    def __init__(self, dataset: str, root: Path, download_fn: Callable = core_data.download):
        super().__init__()
        self.dataset, self.root, self.download_fn = dataset, root, download_fn
        self.cancelled = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            self.download_fn(
                self.dataset, self.root, progress=self.progress.emit,
                should_stop=self.cancelled.is_set,
            )  # fmt: skip
        except Exception as exc:  # the one-line DataError (no network, cancelled, ...)
            self.failed.emit(str(exc) or type(exc).__name__)
            return
        self.done.emit()


class DownloadDialog(QProgressDialog):
    """Runs the download in a thread; Cancel sets the worker's stop flag."""

    def __init__(self, dataset: str, root: Path, parent=None, download_fn=core_data.download):
        super().__init__(f"Downloading {dataset} into {root}…", "Cancel", 0, 0, parent)
        self.setWindowTitle("Downloading the dataset")
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.error: str | None = None
        self.worker = DownloadWorker(dataset, root, download_fn)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.canceled.connect(self.worker.cancelled.set)
        self.thread.start()

    def _progress(self, done: int, total: int, name: str) -> None:
        if total > 0:
            self.setRange(0, 1000)
            self.setValue(int(1000 * done / total))
        self.setLabelText(f"Downloading {name}: {done / 1e6:.1f} MB")

    def _finish(self) -> None:
        self.thread.quit()
        self.thread.wait()

    def stop_and_wait(self) -> None:
        """After ``exec`` returns (done, failed or cancelled): never leave the thread running.
        A cancelled download stops at its next chunk."""
        if self.thread.isRunning():
            self.worker.cancelled.set()
            self._finish()

    def _done(self) -> None:
        self._finish()
        self.accept()

    def _failed(self, message: str) -> None:
        self.error = message
        self._finish()
        self.reject()


def ensure_dataset(parent: QWidget, dataset: str) -> bool:
    """True when ``dataset`` can be read now; otherwise ask the user what to do."""
    root = core_data.resolve_data_root(settings.data_root())
    if core_data.is_available(dataset, root):
        return True
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Dataset not found")
    box.setText(f"The {dataset} files are not on this computer yet.")
    box.setInformativeText(
        core_data.missing_message(dataset, root)
        + "\n\nDownload them now (about 20 MB), or choose the folder that already holds them."
    )
    download = box.addButton("Download", QMessageBox.ButtonRole.AcceptRole)
    choose = box.addButton("Choose folder…", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is download:
        dialog = DownloadDialog(dataset, root, parent)
        dialog.exec()
        dialog.stop_and_wait()
        if dialog.wasCanceled():
            return False
        if dialog.error:
            QMessageBox.warning(parent, "Download failed", dialog.error)
            return False
        return core_data.is_available(dataset, root)
    if box.clickedButton() is choose:
        folder = QFileDialog.getExistingDirectory(parent, "Folder that holds MNIST/raw/")
        if not folder:
            return False
        found = find_data_root(folder, dataset)
        if found is None:
            QMessageBox.warning(
                parent, "Dataset not found", core_data.missing_message(dataset, Path(folder))
            )
            return False
        settings.set_data_root(found)
        return True
    return False
