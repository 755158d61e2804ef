"""A dataset that is not on this computer: one question that says what is missing in one
line and offers every way out: download it (Fashion-MNIST), use the bundled MNIST, choose
the folder that holds it, import it from a zip, or open the data folder to put the files
there; downloads and imports with visible, cancellable progress. A failed try (offline, a
folder without the files) brings the question back with the reason as its first line,
instead of a bare box with only OK.

MNIST ships with Digit Lab, so for it the question only appears when a data folder that is
set is not there (a typo, an unplugged drive) or an installation lacks the bundled copy; it
is never downloaded. A chosen folder is checked by the core's one rule,
:func:`training_core.data_sources.check_data_folder`, as in Preferences. "Import dataset
from zip…" (also in the File menu) runs :func:`training_core.dataset_import.import_zip` in
a ``Worker``.

Every string uses one translation context, ``DataDialog``, through
``QCoreApplication.translate``: ``self.tr`` in the shared base dialog would look up the
subclass's name at run time, not the context lupdate records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QMessageBox, QProgressDialog, QWidget

from desktop_app.common import file_dialogs, settings
from desktop_app.common.error_report import error_box
from desktop_app.common.i18n import core_text, error_text
from desktop_app.common.workers import Job, Report, Worker
from training_core import data as core_data
from training_core import dataset_import, resources
from training_core.control import Control
from training_core.data_sources import check_data_folder


@dataclass
class DownloadProgress:
    """One chunk of a download: bytes so far, bytes in all (0 = unknown), file name."""

    done: int
    total: int
    name: str


@dataclass
class ImportStep:
    """One step of an import: steps done, steps in all, what happens now (a core message)."""

    done: int
    total: int
    text: str


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


def import_job(
    zip_path: str, dataset: str, root: Path, replace: bool, import_fn=dataset_import.import_zip
) -> Job:
    """The zip import as a job: each step an event, cancel between steps."""

    def run(control: Control, report: Report) -> Path:
        return import_fn(
            zip_path,
            dataset,
            root,
            replace=replace,
            step=lambda done, total, text: report(ImportStep(done, total, text)),
            should_stop=lambda: control.should_stop,
        )

    return run


class _JobDialog(QProgressDialog):
    """Runs one job in a ``Worker``; Cancel stops it at its next safe point."""

    def __init__(self, job: Job, label: str, title: str, thread: str, parent=None):
        super().__init__(label, QCoreApplication.translate("DataDialog", "Cancel"), 0, 0, parent)
        self.setWindowTitle(title)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.error: str | None = None
        self.outcome = None  # the job's return value (QDialog.result() is the exit code)
        self.worker = Worker(job, thread, self)
        self.worker.event.connect(self._progress)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.canceled.connect(self.worker.stop)
        self.worker.start()

    def _progress(self, progress) -> None:
        raise NotImplementedError

    def stop_and_wait(self) -> None:
        """After ``exec`` returns (done, failed or cancelled): never leave the thread running.
        A cancelled job stops at its next chunk or step."""
        self.worker.stop()
        self.worker.wait()

    def _done(self, result) -> None:
        self.outcome = result
        self.accept()

    def _failed(self, message: str) -> None:
        self.error = message
        self.reject()


class DownloadDialog(_JobDialog):
    """A dataset's download, with the bytes received so far."""

    def __init__(self, dataset: str, root: Path, parent=None, download_fn=core_data.download):
        super().__init__(
            download_job(dataset, root, download_fn),
            QCoreApplication.translate("DataDialog", "Downloading {dataset} into {folder}…").format(
                dataset=core_data.dataset_info(dataset).title, folder=root
            ),
            QCoreApplication.translate("DataDialog", "Downloading the dataset"),
            "digit-lab-download",
            parent,
        )

    def _progress(self, progress: DownloadProgress) -> None:
        if progress.total > 0:
            self.setRange(0, 1000)
            self.setValue(int(1000 * progress.done / progress.total))
        self.setLabelText(
            QCoreApplication.translate("DataDialog", "Downloading {file}: {size:.1f} MB").format(
                file=progress.name, size=progress.done / 1e6
            )
        )


class ImportDialog(_JobDialog):
    """A dataset's import from a zip, step by step (unpack, check, move into place)."""

    def __init__(self, zip_path, dataset, root, replace=False, parent=None, import_fn=None):
        super().__init__(
            import_job(
                str(zip_path), dataset, root, replace, import_fn or dataset_import.import_zip
            ),
            QCoreApplication.translate("DataDialog", "Importing {zip}…").format(
                zip=Path(zip_path).name
            ),
            QCoreApplication.translate("DataDialog", "Importing a dataset"),
            "digit-lab-import",
            parent,
        )

    def _progress(self, step: ImportStep) -> None:
        self.setRange(0, step.total)
        self.setValue(step.done)
        self.setLabelText(core_text(step.text))


def _available(dataset: str) -> bool:
    return core_data.is_available(dataset, core_data.dataset_root(dataset, settings.data_root()))


def ensure_dataset(parent: QWidget, dataset: str) -> bool:
    """True when ``dataset`` can be read now; otherwise ask the user what to do (see
    :func:`_ask_missing`) until the dataset is there or the user cancels. A failed
    download, a folder without the files or an opened data folder brings the question
    back, with what went wrong as its first line."""
    reason = None
    opened = False
    while not _available(dataset):
        root = core_data.resolve_data_root(settings.data_root())
        choice = _ask_missing(parent, dataset, root, reason, opened)
        reason = None
        if choice == "download":
            dialog = DownloadDialog(dataset, root, parent)
            dialog.exec()
            dialog.stop_and_wait()
            if dialog.wasCanceled():
                return False
            reason = dialog.error
        elif choice == "bundled":
            use_bundled_mnist()
        elif choice == "choose":
            folder = file_dialogs.existing_folder(
                parent,
                "dataset",
                QCoreApplication.translate("DataDialog", "Folder that holds MNIST/raw/"),
            )
            if folder:
                reason = use_data_folder(folder, dataset)
        elif choice == "import":
            import_dataset_zip(parent, dataset)
        elif choice == "open":
            opened = open_data_folder(dataset, root)
        elif choice != "check":
            return False
    return True


def bundled_applies(dataset: str) -> bool:
    """Whether "Use the bundled MNIST" can help: the dataset is the bundled one and this
    installation has it (it is hidden by a data folder that is set but not there)."""
    bundled = resources.bundled_data_root()
    return (
        not core_data.dataset_info(dataset).downloadable
        and bundled is not None
        and core_data.is_available(dataset, bundled)
    )


def use_bundled_mnist() -> None:
    """Forget the data folder so MNIST comes from Digit Lab's own copy; when
    ``$DIGIT_LAB_DATA`` still names a folder that is not there, set the per-user cache
    instead (made here), which falls back to the bundled copy too."""
    settings.set_data_root(None)
    if not _available("mnist"):
        cache = core_data.user_cache_dir()
        cache.mkdir(parents=True, exist_ok=True)
        settings.set_data_root(cache)


def use_data_folder(folder: str | Path, dataset: str) -> str | None:
    """Make ``folder`` (the root, ``MNIST`` or ``MNIST/raw``: the core's one rule,
    :func:`~training_core.data_sources.check_data_folder`) the data folder if it holds
    ``dataset``; else the one line why not, in the window's language."""
    try:
        root = check_data_folder(folder, dataset)
    except core_data.DataError as exc:
        return error_text(exc)
    settings.set_data_root(root)
    return None


def open_data_folder(dataset: str, root: Path) -> bool:
    """Show the folder where the dataset's files go in the file manager (made first, so
    there is something to open; the bundled copy is opened as it is)."""
    folder = root if core_data.is_bundled(root) else core_data.raw_folder(dataset, root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = root
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _ask_missing(
    parent, dataset: str, root: Path, reason: str | None, opened: bool = False
) -> str | None:
    """The question: what is missing in one line (or why the last try failed), where its
    files go, and one button per way out: "download", "bundled", "choose", "import",
    "open", "check" (after the folder was opened) or None (cancelled)."""
    info = core_data.dataset_info(dataset)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("DataDialog", "Dataset not found"))
    folder = core_data.raw_folder(dataset, root)
    chosen = core_data.chosen_data_root(settings.data_root())
    if reason:
        box.setText(reason)
    elif chosen is not None and not chosen.is_dir():  # a typo, an unplugged drive
        box.setText(
            QCoreApplication.translate(
                "DataDialog", "{dataset} cannot be read: the data folder {folder} does not exist."
            ).format(dataset=info.title, folder=chosen)
        )
    else:
        box.setText(
            QCoreApplication.translate("DataDialog", "{dataset} is not on this computer.").format(
                dataset=info.title
            )
        )
    box.setInformativeText(
        QCoreApplication.translate(
            "DataDialog", "Digit Lab reads its files ({files}, or the same with .gz) from {folder}."
        ).format(files=", ".join(info.expected_files), folder=folder)
    )
    buttons = {}
    if opened:
        buttons["check"] = box.addButton(
            QCoreApplication.translate("DataDialog", "Check again"),
            QMessageBox.ButtonRole.AcceptRole,
        )
    if info.downloadable:
        label = (
            QCoreApplication.translate("DataDialog", "Retry download")
            if reason
            else QCoreApplication.translate("DataDialog", "Download")
        )
        buttons["download"] = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
    if bundled_applies(dataset):
        buttons["bundled"] = box.addButton(
            QCoreApplication.translate("DataDialog", "Use the bundled MNIST"),
            QMessageBox.ButtonRole.AcceptRole,
        )
    buttons["choose"] = box.addButton(
        QCoreApplication.translate("DataDialog", "Choose folder…"),
        QMessageBox.ButtonRole.ActionRole,
    )
    buttons["import"] = box.addButton(
        QCoreApplication.translate("DataDialog", "Import zip…"), QMessageBox.ButtonRole.ActionRole
    )
    if not core_data.is_bundled(root):
        buttons["open"] = box.addButton(
            QCoreApplication.translate("DataDialog", "Open data folder"),
            QMessageBox.ButtonRole.ActionRole,
        )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return next((name for name, b in buttons.items() if box.clickedButton() is b), None)


def find_data_root(folder: str | Path, dataset: str) -> Path | None:
    """The data root for a folder the user picked (the root, ``MNIST`` or ``MNIST/raw``),
    if it holds ``dataset``: :func:`~training_core.data_sources.check_data_folder`."""
    try:
        return check_data_folder(folder, dataset)
    except core_data.DataError:
        return None


_shown: list[QMessageBox] = []


def import_dataset_zip(parent, dataset: str | None = None, zip_path: str | None = None) -> bool:
    """File → Import dataset from zip…: pick the zip (and which dataset it holds), ask
    before replacing a dataset already in the data folder, import with progress."""
    if zip_path is None:
        zip_path = file_dialogs.open_file_name(
            parent,
            "dataset",
            QCoreApplication.translate("DataDialog", "Import dataset from zip"),
            QCoreApplication.translate("DataDialog", "Zip archives (*.zip)"),
        )
        if not zip_path:
            return False
    if dataset is None:
        dataset = _ask_which_dataset(parent, Path(zip_path).name)
        if dataset is None:
            return False
    info = core_data.dataset_info(dataset)
    root = core_data.resolve_data_root(settings.data_root())
    replace = dataset_import.already_there(dataset, root)
    if replace:
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("DataDialog", "Replace the dataset?"),
            QCoreApplication.translate(
                "DataDialog",
                "{folder} already holds {dataset} files. Replace them with those in {zip}?",
            ).format(
                folder=core_data.raw_folder(dataset, root),
                dataset=info.title,
                zip=Path(zip_path).name,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
    dialog = ImportDialog(zip_path, dataset, root, replace, parent)
    dialog.exec()
    dialog.stop_and_wait()
    if dialog.error:
        box = error_box(
            QCoreApplication.translate("DataDialog", "Import failed"),
            dialog.error,
            f"{zip_path}\n{dialog.error}",
            parent,
        )
        box.open()
        _shown.append(box)  # with no parent, nothing else would keep it alive
        del _shown[:-1]
        return False
    return dialog.outcome is not None


def _ask_which_dataset(parent, zip_name: str) -> str | None:
    names = list(core_data.DATASETS)
    guess = names.index("fashion-mnist") if "fashion" in zip_name.lower() else 0
    title, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("DataDialog", "Import dataset from zip"),
        QCoreApplication.translate("DataDialog", "Which dataset does {zip} hold?").format(
            zip=zip_name
        ),
        [core_data.dataset_info(n).title for n in names],
        guess,
        False,
    )
    if not ok:
        return None
    return next(n for n in names if core_data.dataset_info(n).title == title)
