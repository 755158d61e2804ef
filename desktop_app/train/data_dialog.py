"""A missing dataset: download it with visible, cancellable progress, or choose its folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop_app.common import settings
from desktop_app.common.workers import Job, Report, Worker
from training_core import data as core_data
from training_core.control import Control


def find_data_root(folder: str | Path, dataset: str) -> Path | None:
    """The data root for a folder the user picked: the root itself, or its
    ``MNIST`` / ``MNIST/raw`` sub-folder (people pick either)."""
    folder = Path(folder)
    for candidate in (folder, folder.parent, folder.parent.parent):
        if core_data.is_available(dataset, candidate):
            return candidate
    return None


@dataclass
class DownloadProgress:
    """One chunk of a download: bytes so far, bytes in all (0 = unknown), file name."""

    done: int
    total: int
    name: str


def download_job(dataset: str, root: Path, download_fn: Callable = core_data.download) -> Job:
    """The download as a job: progress as events, cancel through the worker's ``stop()``."""

    def run(control: Control, report: Report) -> None:
        download_fn(
            dataset,
            root,
            progress=lambda done, total, name: report(DownloadProgress(done, total, name)),
            should_stop=lambda: control.should_stop,
        )

    return run


class DownloadDialog(QProgressDialog):
    """Runs the download in a ``Worker``; Cancel stops it at its next chunk."""

    def __init__(self, dataset: str, root: Path, parent=None, download_fn=core_data.download):
        super().__init__(f"Downloading {dataset} into {root}…", "Cancel", 0, 0, parent)
        self.setWindowTitle("Downloading the dataset")
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.error: str | None = None
        self.worker = Worker(download_job(dataset, root, download_fn), "digit-lab-download", self)
        self.worker.event.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.canceled.connect(self.worker.stop)
        self.worker.start()

    def _progress(self, progress: DownloadProgress) -> None:
        if progress.total > 0:
            self.setRange(0, 1000)
            self.setValue(int(1000 * progress.done / progress.total))
        self.setLabelText(f"Downloading {progress.name}: {progress.done / 1e6:.1f} MB")

    def stop_and_wait(self) -> None:
        """After ``exec`` returns (done, failed or cancelled): never leave the thread running.
        A cancelled download stops at its next chunk."""
        self.worker.stop()
        self.worker.wait()

    def _done(self) -> None:
        self.accept()

    def _failed(self, message: str) -> None:
        self.error = message
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
