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

from training_core import preferences
from training_core.fileio import atomic_write_text

CHECKPOINT = "checkpoint.pt"
METRICS = "metrics.jsonl"
CONFIG = "config.json"
STATUS = "status.json"


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
                raise RunFolderError(f"cannot create a run folder in {root}: {exc}") from exc
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
            raise RunFolderError(f"cannot create run folder {path}: {exc}") from exc
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
        try:
            return json.loads((self.path / CONFIG).read_text())
        except (OSError, ValueError):
            return {}

    def write_metrics(self, history: list[dict]) -> None:
        self._write(METRICS, "".join(json.dumps(row) + "\n" for row in history))

    def read_metrics(self) -> list[dict]:
        try:
            lines = (self.path / METRICS).read_text().splitlines()
        except OSError:
            return []
        rows = []
        for line in lines:
            try:
                rows.append(json.loads(line))
            except ValueError:
                continue
        return rows

    def write_status(self, state: str, message: str = "") -> None:
        self._write(STATUS, json.dumps({"state": state, "message": message, "time": time.time()}))

    def read_status(self) -> dict:
        try:
            return json.loads((self.path / STATUS).read_text())
        except (OSError, ValueError):
            return {"state": "unknown", "message": ""}

    def _write(self, name: str, text: str) -> None:
        try:
            atomic_write_text(self.path / name, text)
        except OSError as exc:
            raise RunFolderError(f"cannot write {self.path / name}: {exc}") from exc


def list_runs(root: str | os.PathLike) -> list[RunDirectory]:
    """Run folders under ``root``, newest first."""
    root = Path(root)
    if not root.is_dir():
        return []
    runs = [RunDirectory(p) for p in root.iterdir() if (p / CONFIG).is_file()]
    return sorted(runs, key=lambda r: r.path.stat().st_mtime, reverse=True)
