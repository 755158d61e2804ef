"""One sweep trial, as it runs inside a Ray worker (possibly on another machine).

The trial is an ordinary :func:`training_core.training.train` into an ordinary run folder,
made in a temporary folder on the worker. After every epoch, and once more at the end,
the run folder's files are sent as bytes to the sweep's collector actor; the driver
writes them into its own runs folder (``training_core.sweep_ray``). So a cluster needs no
shared filesystem, and a trial stopped half-way (Ctrl+C, ASHA) has its last finished
epoch on the driver already. The data arrives through Ray's object store, so workers need
no dataset either.

Messages to the collector are plain tuples: ``("started", trial, time)``,
``("epoch", trial, epoch report dict, files)``, ``("finished", trial, status, message,
files, seconds, time)``. A run that completes says "finished" right after its last epoch's
message, before that epoch's ``tune.report``: ASHA ends a trial at its ``max_t`` report,
and the code after it would never run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

MAX_RUN_FILE_BYTES = 512 * 2**20  # a run file the driver accepts from a worker


def run_files(folder: Path) -> dict[str, bytes]:
    """The run folder's files by name (no temporary files, no sub-folders)."""
    files = {}
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False) and not entry.name.startswith("."):
            files[entry.name] = Path(entry.path).read_bytes()
    return files


def safe_file_name(name: object) -> bool:
    """Whether a name sent by a worker may be written into a run folder: a plain file name
    of ours, never a path (a hostile or broken worker must not write outside the folder)."""
    return (
        isinstance(name, str)
        and 0 < len(name) <= 100
        and Path(name).name == name
        and not name.startswith(".")
        and "\\" not in name
        and "\0" not in name
    )


def trainable(tune_config: dict, *, trials: dict, data: tuple, collector, threads: int) -> None:
    """The Tune function trainable: ``tune_config["trial"]`` names the trial to run."""
    import ray
    from ray import tune

    from training_core.config import TrainConfig
    from training_core.events import TrainCallbacks
    from training_core.runs import RunDirectory
    from training_core.threads import torch_threads
    from training_core.training import train

    trial_id = tune_config["trial"]
    trial = trials[trial_id]
    config = TrainConfig.from_dict(trial["config"])
    scratch = Path(tempfile.mkdtemp(prefix="digit-lab-trial-"))
    started = time.time()
    ray.get(collector.put.remote(("started", trial_id, started)))

    class _Report(TrainCallbacks):
        def on_epoch_end(self, report) -> None:  # the epoch's files are already written
            files = run_files(run.path)
            ray.get(collector.put.remote(("epoch", trial_id, report.to_dict(), files)))
            if report.epoch >= report.epochs:  # sent before Tune may end the trial (ASHA's
                # max_t ends it at this report, before train() returns)
                ending = (
                    "finished",
                    trial_id,
                    "completed",
                    "",
                    {},
                    report.elapsed_seconds,
                    time.time(),
                )
                ray.get(collector.put.remote(ending))
            tune.report({"test_acc": report.test_acc, "test_loss": report.test_loss})

    try:
        run = RunDirectory.open(scratch / trial["run"], config.to_dict())
        with torch_threads(threads):
            result = train(config, _Report(), run_dir=run, data=data)
        if result.status != "completed":  # a completed run said so at its last epoch
            seconds = result.final.get("elapsed_seconds")
            finished = (
                "finished",
                trial_id,
                result.status,
                str(result.message),
                run_files(run.path),
                seconds,
                time.time(),
            )
            ray.get(collector.put.remote(finished))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
