"""Running a :class:`~training_core.sweep.SweepPlan` on Ray Tune, locally or on a cluster.

Ray is imported only inside :func:`run_sweep` (it takes seconds), so the CLI's other
commands and the app do not pay for it.

Local (no address): Ray starts inside this process with this machine's cores, listening on
127.0.0.1 only (``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0``, ``_node_ip_address``, no
dashboard), with its temporary files in a per-user folder, and is shut down at the end.
With an address, the driver joins that cluster and leaves it running.

How results come back: trials send their run folder's files to a collector actor
(``training_core.sweep_trial``); a thread here drains it twice a second and writes them
into the local runs folder atomically, keeping status.json owned by this process while a
trial runs (so a killed sweep's runs read as interrupted, not as running forever). Stopping
(:class:`Control`'s stop, which the CLI's SIGINT/SIGTERM handler calls) sets a flag on the
collector that a Tune stopper reads: no new trial starts and running ones end; finished
trials are untouched, started ones are marked stopped.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from training_core.app_log import one_line
from training_core.control import Control
from training_core.data import TensorSplit
from training_core.fileio import atomic_write
from training_core.messages import msg
from training_core.run_record import CONFIG, RUNNING, STATUS
from training_core.runs import RunDirectory
from training_core.sweep import (
    EventLog,
    SweepError,
    SweepPlan,
    Trial,
    record_path,
    write_record,
)
from training_core.sweep_trial import MAX_RUN_FILE_BYTES, safe_file_name, trainable

POLL_SECONDS = 0.5
OBJECT_STORE_BYTES = 400 * 2**20  # MNIST as uint8 tensors is ~55 MB; Ray's minimum is 75 MB


def ray_temp_dir() -> Path:
    """Ray's logs and sockets: per user, short (Unix socket paths are limited to ~100
    characters, which a platformdirs cache path can exceed), never in the repository."""
    return Path(tempfile.gettempdir()) / f"digit-lab-ray-{os.getuid()}"


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows
        return os.cpu_count() or 1


@dataclass
class Slots:
    concurrent: int  # trials at once
    threads: int  # torch threads (and Ray CPUs) per trial


def slots(trials: int, cpus: int, max_concurrent: int | None) -> Slots:
    """As many trials at once as the CPUs allow (or ``max_concurrent``), the CPUs shared
    out evenly, at least one each."""
    concurrent = max(1, min(trials, cpus, max_concurrent or cpus))
    return Slots(concurrent, max(1, cpus // concurrent))


class _Collector:
    """The Ray actor that trials send messages to and the driver drains."""

    def __init__(self) -> None:
        self.items: list = []
        self.stop = False

    def put(self, item) -> None:
        self.items.append(item)

    def drain(self) -> list:
        items, self.items = self.items, []
        return items

    def request_stop(self) -> None:
        self.stop = True

    def should_stop(self) -> bool:
        return self.stop


def check_reachable(address: str, timeout: float = 3.0) -> None:
    """Fail in seconds, in one line, when a ``host:port`` address answers nothing: Ray's
    own connect retries for minutes and floods stderr with C++ log lines. Addresses that
    are not ``host:port`` (``auto``, garbage) are left to Ray, which rejects them fast."""
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not host or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except (OSError, ValueError, OverflowError) as exc:
        raise SweepError(
            msg(
                "sweep.unreachable",
                "cannot reach Ray at {address}: {reason}",
                address=address,
                reason=one_line(exc) or type(exc).__name__,
            )
        ) from exc


def _start_ray(address: str | None) -> int:
    """Start (or join) Ray; returns the CPUs the sweep may use."""
    if address is not None:
        check_reachable(address)
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    os.environ.setdefault("TUNE_DISABLE_SIGINT_HANDLER", "1")  # our own handler stops it
    os.environ.setdefault("RAY_AIR_NEW_OUTPUT", "0")
    import ray

    common = dict(include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        if address is None:
            cores = usable_cores()
            ray.init(
                address="local",
                num_cpus=cores,
                num_gpus=0,
                _node_ip_address="127.0.0.1",
                _temp_dir=str(ray_temp_dir()),
                object_store_memory=OBJECT_STORE_BYTES,
                **common,
            )
            return cores
        if address.startswith("ray://"):
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(address=address, **common)
    except (ConnectionError, RuntimeError, ValueError, OSError) as exc:
        raise SweepError(
            msg(
                "sweep.ray_start",
                "cannot start or reach Ray ({where}): {reason}",
                where=address or "local",
                reason=one_line(exc),
            )
        ) from exc
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def run_sweep(
    plan: SweepPlan,
    data: tuple[TensorSplit, TensorSplit],
    runs_root: Path,
    control: Control | None = None,
    events: EventLog | None = None,
    on_trial_end: Callable[[Trial], None] | None = None,
) -> SweepPlan:
    """Run every trial of ``plan`` (already expanded); returns it with each trial's result.

    ``plan.state`` ends "completed" (every trial reached an end of its own), "stopped"
    (``control`` was stopped) or "failed" (every trial failed). ``on_trial_end(trial)`` is
    called once per trial that ended, from the thread that drains the trials' messages (or,
    for trials settled at the end, from the calling thread). Ray is started and shut down
    here (or joined and left), so one sweep runs per process at a time.
    """
    control = control or Control()
    events = events or EventLog(None)
    runs_root = Path(runs_root)
    runs_root.mkdir(parents=True, exist_ok=True)
    cpus = _start_ray(plan.address)
    import ray
    from ray import tune

    try:
        plan.started = time.time()
        plan.state = "running"
        share = slots(len(plan.trials), cpus, plan.max_concurrent)
        plan.max_concurrent = share.concurrent
        write_record(plan, runs_root)
        events.write(
            "sweep_started",
            sweep=plan.name,
            record=str(record_path(runs_root, plan.name)),
            trials=len(plan.trials),
            max_concurrent=share.concurrent,
            address=plan.address,
        )
        collector = ray.remote(num_cpus=0)(_Collector).remote()
        drain = _Drain(plan, runs_root, events, collector, on_trial_end)

        class _StopWhenAsked(tune.Stopper):
            def __call__(self, trial_id, result) -> bool:
                return False

            def stop_all(self) -> bool:
                return ray.get(collector.should_stop.remote())

        fn = tune.with_parameters(
            trainable,
            trials={t.trial: {"run": t.run, "config": t.config} for t in plan.trials},
            data=data,
            collector=collector,
            threads=share.threads,
        )
        scheduler = None
        if plan.asha:
            scheduler = tune.schedulers.ASHAScheduler(
                metric="test_acc",
                mode="max",
                max_t=max(t.config["epochs"] for t in plan.trials),
                grace_period=1,
                time_attr="training_iteration",
            )
        tuner = tune.Tuner(
            tune.with_resources(fn, {"cpu": share.threads}),
            param_space={"trial": tune.grid_search([t.trial for t in plan.trials])},
            tune_config=tune.TuneConfig(
                max_concurrent_trials=share.concurrent, scheduler=scheduler, reuse_actors=True
            ),
            run_config=tune.RunConfig(
                name=plan.name,
                storage_path=str(ray_temp_dir() / "tune"),
                stop=_StopWhenAsked(),
                verbose=0,
                failure_config=tune.FailureConfig(max_failures=0),
            ),
        )
        watcher = threading.Thread(target=drain.loop, args=(control,), daemon=True)
        watcher.start()
        try:
            grid = tuner.fit()
        finally:
            drain.done.set()
            watcher.join()
        drain.once()
        errors = {r.config.get("trial"): r.error for r in grid if r.config and r.error}
        _finish(plan, runs_root, events, errors, control.should_stop, on_trial_end)
        return plan
    finally:
        ray.shutdown()


class _Drain:
    """Moves what trials sent into the local runs folder, the events file and the record."""

    def __init__(self, plan, runs_root, events, collector, on_trial_end) -> None:
        self.plan, self.root, self.events = plan, runs_root, events
        self.collector, self.on_trial_end = collector, on_trial_end
        self.done = threading.Event()
        self.stop_sent = False

    def loop(self, control: Control) -> None:
        while not self.done.wait(POLL_SECONDS):
            if control.should_stop and not self.stop_sent:
                self.stop_sent = True
                self.collector.request_stop.remote()
            self.once()

    def once(self) -> None:
        import ray

        for item in ray.get(self.collector.drain.remote()):
            self._handle(item)

    def _handle(self, item) -> None:
        kind, trial_id = item[0], item[1]
        try:
            trial = self.plan.trial(trial_id)
        except StopIteration:
            return
        run = RunDirectory(self.root / trial.run)
        if kind == "started":
            trial.status, trial.started = "running", float(item[2])
            run = RunDirectory.open(run.path, trial.config)
            run.write_status(RUNNING, "waiting for its first epoch")
            self.events.write(
                "trial_started", trial=trial_id, run=str(run.path), config=trial.config
            )
            write_record(self.plan, self.root)
        elif kind == "epoch":
            report, files = item[2], item[3]
            _write_files(run, files)
            run.write_status(RUNNING, f"epoch {report['epoch']} of {report['epochs']}")
            trial.test_acc, trial.test_loss = report["test_acc"], report["test_loss"]
            trial.seconds = report.get("elapsed_seconds")
            keys = ("epoch", "epochs", "test_acc", "test_loss", "train_loss", "train_acc")
            self.events.write(
                "trial_result",
                trial=trial_id,
                **{k: report[k] for k in keys},
                elapsed=report.get("elapsed_seconds"),
            )
        elif kind == "finished":
            status, message, files, seconds, ended = item[2:7]
            _write_files(run, files)
            trial.status = status if status in ("completed", "stopped", "diverged") else "failed"
            trial.message, trial.ended = message, float(ended)
            trial.seconds = seconds if seconds is not None else trial.seconds
            run.write_status(trial.status, trial.message)  # the driver's copy, as train writes
            self._ended(trial, run)

    def _ended(self, trial: Trial, run: RunDirectory) -> None:
        self.events.write(
            "trial_finished",
            trial=trial.trial,
            run=str(run.path),
            status=trial.status,
            test_acc=trial.test_acc,
            test_loss=trial.test_loss,
            seconds=trial.seconds,
        )
        write_record(self.plan, self.root)
        if self.on_trial_end is not None:
            self.on_trial_end(trial)


def _write_files(run: RunDirectory, files: object) -> None:
    """A worker's run files, each written atomically; anything odd is skipped."""
    if not isinstance(files, dict):
        return
    for name, data in files.items():
        if safe_file_name(name) and isinstance(data, bytes) and len(data) <= MAX_RUN_FILE_BYTES:
            atomic_write(run.path / name, lambda handle, data=data: handle.write(data))


def _finish(plan, runs_root, events, errors, stopped, on_trial_end) -> None:
    """Settle every trial that sent no end: failed (Tune has its error) or stopped."""
    for trial in plan.trials:
        if trial.status in ("completed", "stopped", "diverged", "failed"):
            continue
        run = RunDirectory(runs_root / trial.run)
        if trial.trial in errors and not (stopped and trial.status == "running"):
            trial.status, trial.message = "failed", one_line(errors[trial.trial])
            trial.ended = time.time()
            if (run.path / CONFIG).exists():
                run.write_status("failed", trial.message)
            events.write(
                "trial_failed",
                trial=trial.trial,
                run=str(run.path) if run.path.exists() else None,
                error=trial.message,
            )
        elif trial.status == "running":
            trial.status, trial.ended = "stopped", time.time()
            trial.message = (
                msg("sweep.asha_stopped", "stopped early by ASHA")
                if not stopped and plan.asha
                else msg("sweep.stopped", "sweep stopped")
            )
            if (run.path / STATUS).exists():
                run.write_status("stopped", trial.message)
            events.write(
                "trial_finished",
                trial=trial.trial,
                run=str(run.path),
                status="stopped",
                test_acc=trial.test_acc,
                test_loss=trial.test_loss,
                seconds=trial.seconds,
            )
            if on_trial_end is not None:
                on_trial_end(trial)
    finished = [t for t in plan.trials if t.status != "pending"]
    if stopped:
        plan.state = "stopped"
    elif finished and all(t.status == "failed" for t in finished):
        plan.state = "failed"
    else:
        plan.state = "completed"
    plan.finished = time.time()
    write_record(plan, runs_root)
    best = plan.best()
    events.write("sweep_finished", state=plan.state, best=best.trial if best else None)
