"""Running ``digit-lab sweep`` as a separate process and following it.

The window never imports Ray and never waits on it: the sweep is its own process
(``python -m training_core.cli sweep ...``, the same command a terminal runs, from a source
checkout or an installed wheel alike), and a :class:`SweepProcess` job on a ``Worker``
thread follows the events file it appends to, handing each event to the UI as it comes.

Stopping is the sweep's own Ctrl+C: SIGINT lets it stop its trials and keep every
finished one; if it has not ended after ``INTERRUPT_GRACE_S`` it gets SIGTERM, and after
``TERMINATE_GRACE_S`` more its whole process group is killed, so nothing the sweep
started outlives a stop. The child runs in its own session (process group) for that
reason, and so that a Ctrl+C in the app's terminal reaches the app, which then stops the
sweep the same way.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import training_core
from training_core import preferences
from training_core.config import TrainConfig
from training_core.control import Control

INTERRUPT_GRACE_S = 20.0  # Tune stops running trials and writes their status
TERMINATE_GRACE_S = 10.0
POLL_S = 0.2


def sweep_folder() -> Path:
    """Where the app keeps each sweep's events and error output (per-user cache): the
    results themselves are run folders and a sweep record in the runs folder."""
    return preferences.cache_dir() / "sweeps"


def base_flags(config: TrainConfig) -> list[str]:
    """Every option of ``config`` as ``digit-lab train`` flags (``--lr 0.1``)."""
    flags: list[str] = []
    for opt in TrainConfig.options():
        value = getattr(config, opt.name)
        flags += [opt.flag, f"{value!r}" if isinstance(value, float) else str(value)]
    return flags


def sweep_argv(
    *,
    name: str,
    events: Path,
    runs_root: Path,
    base: TrainConfig | None = None,
    grid: Mapping[str, Sequence[object]] | None = None,
    preset: str | None = None,
    data_root: str | None = None,
    train_size: int | None = None,
    test_size: int | None = None,
) -> list[str]:
    """The command line of one sweep: a preset brings its own base and grid; otherwise
    the Train form's settings with ``grid`` varied."""
    argv = [sys.executable, "-m", "training_core.cli", "sweep", "--json", "--name", name]
    argv += ["--events", str(events), "--runs-root", str(runs_root)]
    if data_root:
        argv += ["--data-root", str(data_root)]
    if preset:
        argv += ["--preset", preset]
    else:
        argv += base_flags(base or TrainConfig())
        for option, values in (grid or {}).items():
            text = ",".join(f"{v!r}" if isinstance(v, float) else str(v) for v in values)
            argv += ["--grid", f"{option}={text}"]
    if train_size:
        argv += ["--train-size", str(train_size)]
    if test_size:
        argv += ["--test-size", str(test_size)]
    return argv


def child_environment() -> dict[str, str]:
    """The app's environment, with the folder Digit Lab is imported from first on the path:
    a source checkout that was never installed starts the same code in the child."""
    env = dict(os.environ)
    root = str(Path(training_core.__path__[0]).parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    env["PYTHONUNBUFFERED"] = "1"
    return env


@dataclass
class SweepOutcome:
    """How the sweep process ended: its exit code, and the last line it wrote on stderr."""

    exit_code: int
    stopped: bool  # we asked it to stop
    error: str = ""


class SweepProcess:
    """The job (``job(control, report)``) that runs one sweep process: every event of
    its events file is reported as a dict; ``control.stop()`` stops the sweep (see the
    module docstring). ``kill()`` is the last resort of a window that cannot wait."""

    def __init__(self, argv: list[str], events: Path, stderr_path: Path):
        self.argv = argv
        self.events = Path(events)
        self.stderr_path = Path(stderr_path)
        self.process: subprocess.Popen | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def __call__(self, control: Control, report) -> SweepOutcome:
        from desktop_app.experiments.sweep_state import EventsTail

        self.events.parent.mkdir(parents=True, exist_ok=True)
        self.events.unlink(missing_ok=True)  # a rerun of a name never shows old events
        tail = EventsTail(self.events)
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                self.argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=child_environment(),
                start_new_session=os.name == "posix",
            )
            asked_at: float | None = None
            stage = 0
            while True:
                for event in tail.read():
                    report(event)
                code = self.process.poll()
                if code is not None:
                    break
                if control.should_stop:
                    now = time.monotonic()
                    asked_at = asked_at if asked_at is not None else now
                    stage = self._escalate(stage, now - asked_at)
                time.sleep(POLL_S)
        for event in tail.read():
            report(event)
        return SweepOutcome(code, asked_at is not None, _last_line(self.stderr_path))

    def _escalate(self, stage: int, waited: float) -> int:
        if stage == 0:
            self._signal(signal.SIGINT)
            return 1
        if stage == 1 and waited > INTERRUPT_GRACE_S:
            self._signal(signal.SIGTERM)
            return 2
        if stage == 2 and waited > INTERRUPT_GRACE_S + TERMINATE_GRACE_S:
            self.kill()
            return 3
        return stage

    def _signal(self, number: int) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        try:
            if os.name == "posix":
                os.kill(process.pid, number)
            else:  # pragma: no cover - Windows has no SIGINT for another process
                process.terminate()
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        """Kill the sweep and everything in its process group, at once."""
        process = self.process
        if process is None:
            return
        try:
            if os.name == "posix":
                os.killpg(process.pid, signal.SIGKILL)
            else:  # pragma: no cover
                process.kill()
        except (ProcessLookupError, PermissionError):
            pass
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover - the kernel reaps it
            pass


def _last_line(path: Path) -> str:
    """The sweep's one-line error from its stderr (``digit-lab sweep: error: ...``; Ray and
    Tune write there too, so the last such line, else the last line), at most 300
    characters, without the program's name."""
    try:
        with open(path, "rb") as handle:
            handle.seek(max(0, path.stat().st_size - 65536))
            lines = handle.read().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    lines = [line.strip() for line in lines if line.strip()]
    errors = [line for line in lines if line.startswith("digit-lab") and "error:" in line]
    line = (errors or lines or [""])[-1]
    return line.split("error:", 1)[1].strip()[:300] if "error:" in line else line[:300]
