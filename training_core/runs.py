"""A run's folder: config.json, metrics.jsonl, status.json and checkpoint.pt.

Every file is rewritten atomically, so a crash mid-run leaves the last finished epoch
readable.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from training_core import preferences, weight_stats
from training_core.fileio import atomic_write_text, describe_os_error, remove_stale_temp_files
from training_core.messages import msg
from training_core.processes import process_identity
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
EXTRA_RUN_FILES = ("batch_loss.csv", weight_stats.STATS_FILE)


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
