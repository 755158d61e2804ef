"""A run's folder: config.json, metrics.jsonl, status.json and checkpoint.pt.

Every file is rewritten atomically, so a crash mid-run leaves the last finished epoch
readable.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from training_core import preferences, weight_stats
from training_core.fileio import atomic_write_text, describe_os_error, remove_stale_temp_files
from training_core.messages import msg
from training_core.processes import process_identity
from training_core.run_notes import NOTES
from training_core.run_record import (
    CHECKPOINT,
    CONFIG,
    METRICS,
    RUNNING,
    STATUS,
    RunRecord,
    read_run,
)

# Files other modules keep in a run folder (the Train tab's batch-loss log; the weight
# statistics, whose per-epoch first-layer files weight_stats.clear removes).
# The user's name and note for the run (run_notes) go with the run's files too.
EXTRA_RUN_FILES = ("batch_loss.csv", weight_stats.STATS_FILE, NOTES)


def default_runs_root() -> Path:
    """Per-user data folder for runs (platformdirs; never inside the install)."""
    return preferences.data_dir() / "runs"


def resolve_runs_root(explicit: str | os.PathLike | None = None) -> Path:
    """Where new runs go: ``explicit``, else the preferences' runs folder, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    chosen = preferences.load().runs_root
    return Path(chosen).expanduser() if chosen else default_runs_root()


class RunFolderError(OSError):
    """A runs folder that cannot be created or written; the message is meant for the user."""


@dataclass
class RunDirectory:
    path: Path

    @classmethod
    def create(cls, root: str | os.PathLike, config: dict) -> RunDirectory:
        """A new, uniquely named folder under ``root`` holding ``config.json``."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        base = f"{stamp}-{config.get('model', 'run')}-{config.get('dataset', '')}".rstrip("-")
        root = Path(root)
        for suffix in range(1000):
            path = root / (base if suffix == 0 else f"{base}-{suffix}")
            try:
                path.mkdir(parents=True, exist_ok=False)
                break
            except FileExistsError:
                continue
            except OSError as exc:
                raise RunFolderError(
                    msg(
                        "run.cannot_create_in",
                        "cannot create a run folder in {folder}: {reason}",
                        folder=root,
                        reason=str(exc),
                    )
                ) from exc
        run = cls(path)
        run.write_config(config)
        return run

    @classmethod
    def open(cls, path: str | os.PathLike, config: dict | None = None) -> RunDirectory:
        """Use ``path`` as the run folder (created if needed), as ``--out`` does."""
        path = Path(path)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RunFolderError(
                msg(
                    "run.cannot_create",
                    "cannot create run folder {folder}: {reason}",
                    folder=path,
                    reason=str(exc),
                )
            ) from exc
        run = cls(path)
        if config is not None:
            run.write_config(config)
        return run

    @property
    def checkpoint_path(self) -> Path:
        return self.path / CHECKPOINT

    @property
    def name(self) -> str:
        return self.path.name

    def write_config(self, config: dict) -> None:
        self._write(CONFIG, json.dumps(config, indent=2, sort_keys=True) + "\n")

    def read_config(self) -> dict:
        """The run's settings, or ``{}`` when config.json is missing or damaged."""
        return self.inspect().config

    def write_metrics(self, history: list[dict]) -> None:
        self._write(METRICS, "".join(json.dumps(row) + "\n" for row in history))

    def read_metrics(self) -> list[dict]:
        """The finished epochs' rows; damaged rows are left out (see :meth:`inspect`)."""
        return self.inspect().metrics

    def write_status(self, state: str, message: str = "") -> None:
        """Record the run's state; "running" also records which process runs it, so a run
        whose process was killed can be told from one still training."""
        status = {"state": state, "message": message, "time": time.time()}
        if state == RUNNING:
            status["owner"] = process_identity()
        self._write(STATUS, json.dumps(status))

    def read_status(self) -> dict:
        """``{"state", "message"}``; a "running" run whose process is gone reads as
        "interrupted", and a damaged status.json as "damaged"."""
        return self.inspect().status

    def inspect(self) -> RunRecord:
        """Everything the app shows about this run, read once and checked."""
        return read_run(self.path)

    def clear_run_files(self) -> None:
        """Remove this folder's run files (``--overwrite``), so nothing of the old run is
        shown as part of the new one. Other files in the folder are left alone."""
        for name in (CHECKPOINT, CONFIG, STATUS, METRICS, *EXTRA_RUN_FILES):
            try:
                (self.path / name).unlink(missing_ok=True)
            except OSError as exc:
                raise RunFolderError(
                    msg(
                        "run.cannot_replace",
                        "cannot replace {path}: {reason}",
                        path=self.path / name,
                        reason=str(exc),
                    )
                ) from exc
        try:
            weight_stats.clear(self.path)
        except OSError as exc:
            raise RunFolderError(
                msg(
                    "run.cannot_replace_stats",
                    "cannot replace the weight statistics: {reason}",
                    reason=str(exc),
                )
            ) from exc

    def discard_if_unused(self) -> bool:
        """Remove a folder this run made that never got a checkpoint (a run that failed
        before its first epoch), so failed starts leave nothing behind. Only the run's own
        files are removed: a folder holding anything else is kept."""
        if self.checkpoint_path.exists():
            return False
        for name in (CONFIG, STATUS, METRICS, *EXTRA_RUN_FILES):
            (self.path / name).unlink(missing_ok=True)
        weight_stats.clear(self.path)
        remove_stale_temp_files(self.path, everything=True)
        try:
            self.path.rmdir()
        except OSError:
            return False
        return True

    def _write(self, name: str, text: str) -> None:
        try:
            atomic_write_text(self.path / name, text)
        except OSError as exc:
            raise RunFolderError(
                msg(
                    "run.cannot_write",
                    "cannot write {path}: {reason}",
                    path=self.path / name,
                    reason=describe_os_error(exc),
                )
            ) from exc


def list_runs(root: str | os.PathLike) -> list[RunDirectory]:
    """Run folders under ``root``, newest first. A folder that cannot be read is skipped,
    never an error: one bad folder must not hide the others."""
    root = Path(root)
    try:
        candidates = list(root.iterdir())
    except OSError:
        return []
    runs = []
    for path in candidates:
        try:
            if (path / CONFIG).is_file() or (path / STATUS).is_file():
                runs.append((path.stat().st_mtime, RunDirectory(path)))
        except OSError:
            continue
    return [run for _mtime, run in sorted(runs, key=lambda pair: pair[0], reverse=True)]


def tidy_runs(root: str | os.PathLike) -> int:
    """Remove temporary files left in run folders by processes that were killed mid-write
    (``fileio`` names each after its writer's process). Called when the app or a CLI
    training starts; returns how many files went."""
    return sum(remove_stale_temp_files(run.path) for run in list_runs(root))


# -- disk use and deletion ------------------------------------------------------------------


@dataclass(frozen=True)
class DiskUse:
    """The runs folder's size: how many runs, all bytes under it, and each run's bytes."""

    runs: int
    total_bytes: int
    run_bytes: dict[str, int]  # run folder path -> bytes


def folder_bytes(path: str | os.PathLike) -> int:
    """Bytes of the files under ``path``. Links are counted as links and never followed
    (a link to a dataset does not make a run look large); unreadable parts count 0."""
    total = 0
    for folder, dirs, files in os.walk(path, followlinks=False):
        links = [name for name in dirs if os.path.islink(os.path.join(folder, name))]
        for name in (*files, *links):
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def runs_disk_use(root: str | os.PathLike) -> DiskUse:
    """Count the runs under ``root`` and their bytes: seconds for thousands of files, so
    the window calls it off the UI thread."""
    runs = list_runs(root)
    sizes = {str(run.path): 0 if run.path.is_symlink() else folder_bytes(run.path) for run in runs}
    return DiskUse(len(runs), folder_bytes(root), sizes)


class RunInUseError(RunFolderError):
    """A run that is training now, or a path that is not a run of this runs folder."""


class TrashUnavailableError(RunFolderError):
    """The system trash cannot take the run; the caller may offer a permanent delete."""


def delete_run(
    path: str | os.PathLike,
    root: str | os.PathLike,
    *,
    to_trash: bool = True,
    training: str | os.PathLike | None = None,
    trash=None,
) -> str:
    """Move the run folder at ``path`` to the system trash (``to_trash``), or delete it.

    Refuses (``RunInUseError``) anything that is not a run folder directly inside
    ``root``, the run being trained (``training``, or a status.json saying "running" with
    a live owner). A run folder that is a link is unlinked: its target is outside the
    runs folder and is never touched; links inside a run are removed, never followed.
    ``trash`` replaces the system trash (``send2trash``) in tests. Returns "trash",
    "deleted" or "unlinked".
    """
    path, root = Path(path), Path(root)
    _check_deletable(path, root, training)
    if path.is_symlink():
        _remove(os.unlink, path)
        return "unlinked"
    if to_trash:
        _to_trash(path, trash)
        return "trash"
    _remove(shutil.rmtree, path)
    return "deleted"


def _check_deletable(path: Path, root: Path, training) -> None:
    try:
        inside = path.name not in ("", ".", "..") and path.parent.resolve() == root.resolve()
        is_run = path.is_symlink() or (
            path.is_dir() and ((path / CONFIG).is_file() or (path / STATUS).is_file())
        )
    except OSError:
        inside = is_run = False
    if not inside or not is_run:
        raise RunInUseError(
            msg(
                "run.delete_not_run",
                "{folder} is not a run folder of {root}: nothing was deleted",
                folder=path,
                root=root,
            )
        )
    if training is not None and Path(training).absolute() == path.absolute():
        raise RunInUseError(
            msg("run.delete_training", "{run} is training now: stop it first", run=path.name)
        )
    if not path.is_symlink() and read_run(path).status["state"] == RUNNING:
        raise RunInUseError(
            msg(
                "run.delete_running",
                "{run} is being trained by another program: stop it first",
                run=path.name,
            )
        )


def _to_trash(path: Path, trash) -> None:
    try:
        if trash is None:
            from send2trash import send2trash as trash
        trash(str(path))
    except (ImportError, OSError) as exc:
        reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        raise TrashUnavailableError(
            msg(
                "run.no_trash",
                "{run} could not be moved to the trash: {reason}",
                run=path.name,
                reason=reason,
            )
        ) from exc


def _remove(remove, path: Path) -> None:
    try:
        remove(path)
    except OSError as exc:
        raise RunFolderError(
            msg(
                "run.cannot_delete",
                "cannot delete {run}: {reason}",
                run=path.name,
                reason=describe_os_error(exc),
            )
        ) from exc
