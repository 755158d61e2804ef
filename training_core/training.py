"""The training loop: config in, callbacks out, cooperative pause/stop, a checkpoint per epoch."""

from __future__ import annotations

import contextlib
import math
import time
from dataclasses import dataclass, field

import torch
from torch import nn

from training_core.app_log import one_line
from training_core.batch_reports import report_window
from training_core.checkpoints import Checkpoint, save_checkpoint
from training_core.config import TrainConfig, resolve_device
from training_core.control import Control
from training_core.data import (
    AUGMENTATIONS,
    TensorSplit,
    check_split,
    iterate_batches,
    load_split,
)
from training_core.evaluation import evaluate
from training_core.events import (
    EpochReport,
    TrainCallbacks,
    TrainResult,
    TrainStarted,
)
from training_core.fileio import describe_os_error
from training_core.messages import message_of, msg
from training_core.models import MODELS, build_model, loss_function
from training_core.optimizers import make_optimizer, onecycle_lr
from training_core.resume import restore
from training_core.runs import RUNNING, RunDirectory, RunFolderError
from training_core.weight_stats import WeightStats, WeightStatsError, write_epoch

DEFAULT_REPORT_EVERY = 20  # batches, on the CPU (see train)


def _uses_channels_last(model_name: str, device: torch.device) -> bool:
    # Measured on a 2-core CPU: channels-last convolutions are several times faster.
    return MODELS[model_name].convolutional and device.type == "cpu"


@dataclass
class _Loop:
    """Everything one run's epochs share, built once by :func:`_prepare`."""

    config: TrainConfig
    model: nn.Module
    optimizer: object
    loss_fn: object
    train_split: TensorSplit
    test_split: TensorSplit
    device: torch.device
    callbacks: TrainCallbacks
    control: Control
    report_every: int | None  # None: default_report_every, in __post_init__
    history: list[dict]
    start_epoch: int
    channels_last: bool
    notes: tuple[str, ...] = ()
    generator: torch.Generator = field(init=False)
    batches_per_epoch: int = field(init=False)
    samples_seen: int = field(init=False)
    stats: WeightStats = field(init=False)  # per-layer weight/gradient statistics
    started_at: float = field(default_factory=time.perf_counter)

    def __post_init__(self) -> None:
        self.generator = torch.Generator(device=self.device)
        self.batches_per_epoch = math.ceil(len(self.train_split) / self.config.batch_size)
        if not self.report_every:  # None (or 0): the device decides
            self.report_every = default_report_every(self.device, self.batches_per_epoch)
        self.samples_seen = self.start_epoch * len(self.train_split)
        self.stats = WeightStats(self.model)

    @property
    def autocast(self):
        # bf16 autocast: matmuls and convolutions in bfloat16, weights and loss in float32.
        # Measured on a 2-core AVX512-BF16 CPU: the MLP's epoch 2.7x faster.
        if self.config.precision == "bf16":
            return torch.autocast(self.device.type, dtype=torch.bfloat16)
        return contextlib.nullcontext()


@dataclass
class _EpochOutcome:
    status: str  # "ok", "stopped" or "diverged"
    message: str = ""
    train_loss: float = math.nan
    train_acc: float = math.nan
    seconds: float = 0.0
    lr: float = 0.0


def train(
    config: TrainConfig,
    callbacks: TrainCallbacks | None = None,
    control: Control | None = None,
    run_dir: RunDirectory | None = None,
    data: tuple[TensorSplit, TensorSplit] | None = None,
    data_root: str | None = None,
    resume: Checkpoint | None = None,
    report_every: int | None = None,
) -> TrainResult:
    """Train ``config.epochs`` epochs (continuing ``resume`` when given).

    Reproducible: every epoch reseeds from (seed, epoch), so the same config on the same
    device gives the same numbers, and a resumed run continues exactly as an uninterrupted
    one would. A NaN or infinite loss ends the run as "diverged" without overwriting the
    last good checkpoint. What a resume may change (another optimizer starts fresh; a
    one-cycle schedule spans the new epoch count) and what it refuses (another model or
    dataset) is in training_core.resume; such changes arrive in ``TrainStarted.notes``.

    ``report_every`` batches the loop reads its running sums and calls ``on_batch_end``;
    each read waits for the device. ``None``: every 20 batches on the CPU (where waiting
    costs nothing), once per epoch on a GPU, so the epoch runs without host syncs. A run
    someone follows batch by batch (``control.watched``: a pace or a step) reports every
    batch and waits ``control.pace`` seconds after each. The batch whose loss is NaN or
    infinite is reported too, before the run ends as diverged.
    """
    loop = _prepare(
        config.validate(),
        callbacks or TrainCallbacks(),
        control or Control(),
        data=data,
        data_root=data_root,
        resume=resume,
        report_every=report_every,
    )
    loop.callbacks.on_train_start(
        TrainStarted(
            device=str(loop.device),
            train_size=len(loop.train_split),
            test_size=len(loop.test_split),
            batches_per_epoch=loop.batches_per_epoch,
            start_epoch=loop.start_epoch,
            epochs=config.epochs,
            parameters=sum(p.numel() for p in loop.model.parameters()),
            notes=loop.notes,
        )
    )
    if run_dir is not None:
        run_dir.write_status(RUNNING, _epoch_of(loop.start_epoch + 1, config.epochs))
    try:
        status, message = _run_epochs(loop, run_dir)
    except BaseException as exc:  # a crash or Ctrl+C: the run must not stay "running"
        if run_dir is not None:
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                _record_end(
                    run_dir,
                    "stopped",
                    msg("train.interrupted", "interrupted; resume it to continue"),
                )
            else:
                _record_end(run_dir, "failed", one_line(exc))
        raise
    if run_dir is not None:
        message = _record_end(run_dir, status, message)
    model = loop.model
    result = TrainResult(
        model=model.to(memory_format=torch.contiguous_format) if loop.channels_last else model,
        history=loop.history,
        status=status,
        message=message,
        run_dir=run_dir.path if run_dir else None,
        device=str(loop.device),
    )
    loop.callbacks.on_train_end(result)
    return result


def _run_epochs(loop: _Loop, run_dir: RunDirectory | None) -> tuple[str, str]:
    """The epochs still to run; how the run ended and why."""
    config = loop.config
    status, message = "completed", ""
    loop.started_at = time.perf_counter()  # the first batch: what elapsed_seconds counts from
    for epoch in range(loop.start_epoch, config.epochs):
        outcome = _train_epoch(loop, epoch)
        if outcome.status != "ok":
            status, message = outcome.status, outcome.message
            break
        test = evaluate(loop.model, loop.test_split)
        report = EpochReport(
            epoch=epoch + 1,
            epochs=config.epochs,
            train_loss=outcome.train_loss,
            train_acc=outcome.train_acc,
            test_loss=test.loss,
            test_acc=test.accuracy,
            epoch_seconds=outcome.seconds,
            samples_per_second=len(loop.train_split) / max(outcome.seconds, 1e-9),
            lr=outcome.lr,
            elapsed_seconds=time.perf_counter() - loop.started_at,
        )
        if not math.isfinite(report.train_loss) or not math.isfinite(report.test_loss):
            status = "diverged"
            message = msg(
                "train.diverged_epoch", "loss became NaN/inf in epoch {epoch}", epoch=epoch + 1
            )
            break
        loop.history.append(report.to_dict())
        if run_dir is not None:
            try:
                _save_epoch(loop, run_dir, epoch + 1)
            except RunFolderError as exc:  # e.g. a full disk: the last good epoch stays
                loop.history.pop()
                reason = message_of(exc) or str(exc)
                if not epoch:
                    return "failed", msg(
                        "train.save_failed_first", "{reason}; nothing saved", reason=reason
                    )
                return "failed", msg(
                    "train.save_failed",
                    "{reason}; the checkpoint of epoch {epoch} is kept",
                    reason=reason,
                    epoch=epoch,
                )
        loop.callbacks.on_epoch_end(report)

    return status, message


def _record_end(run_dir: RunDirectory, status: str, message: str) -> str:
    """Write the final status; on a full disk the run is still over, so say so instead."""
    try:
        run_dir.write_status(status, message)
    except RunFolderError as exc:
        reason = message_of(exc) or str(exc)
        if not message:
            return msg(
                "train.status_unsaved",
                "(the run's status could not be saved: {reason})",
                reason=reason,
            )
        return msg(
            "train.status_unsaved_after",
            "{message} (the run's status could not be saved: {reason})",
            message=message,
            reason=reason,
        )
    return message


def _epoch_of(epoch: int, epochs: int) -> str:
    """A running run's status text."""
    return msg("train.epoch_of", "epoch {epoch} of {epochs}", epoch=epoch, epochs=epochs)


def _prepare(config, callbacks, control, *, data, data_root, resume, report_every) -> _Loop:
    """Data on the device, a seeded model and optimizer, and a resumed state if any."""
    device = resolve_device(config.device)
    torch.manual_seed(config.seed)
    if data is None:
        train_split = load_split(config.dataset, True, data_root, device)
        test_split = load_split(config.dataset, False, data_root, device)
    else:  # load_split checks what it reads; splits handed in are checked here
        train_split, test_split = (split.to(device) for split in data)
        check_split(train_split, "the training split")
        check_split(test_split, "the test split")

    model = build_model(config.model, config.init, seed=config.seed).to(device)
    channels_last = _uses_channels_last(config.model, device)
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = make_optimizer(model, config)
    # The resume rules (what carries over, what is refused) are in training_core.resume.
    resumed = restore(resume, config, model, optimizer) if resume is not None else None
    return _Loop(
        config=config,
        model=model,
        optimizer=optimizer,
        loss_fn=loss_function(model, config.label_smoothing),
        train_split=train_split,
        test_split=test_split,
        device=device,
        callbacks=callbacks,
        control=control,
        report_every=report_every,
        history=resumed.history if resumed else [],
        start_epoch=resumed.start_epoch if resumed else 0,
        channels_last=channels_last,
        notes=resumed.notes if resumed else (),
    )


def default_report_every(device: torch.device, batches_per_epoch: int) -> int:
    """Batches between reports when the caller does not choose (see :func:`train`)."""
    if device.type == "cpu":
        return DEFAULT_REPORT_EVERY
    return max(1, batches_per_epoch)  # once, at the epoch's end


def _train_epoch(loop: _Loop, epoch: int) -> _EpochOutcome:
    """One pass over the training split, reporting every ``report_every`` batches."""
    config, model, optimizer = loop.config, loop.model, loop.optimizer
    torch.manual_seed(config.seed * 1009 + epoch)
    loop.generator.manual_seed(config.seed * 1009 + epoch)
    model.train()
    started = time.perf_counter()
    # Running sums stay on the device: reading them syncs, so only reports do.
    loss_sum = torch.zeros((), device=loop.device)
    correct = torch.zeros((), device=loop.device, dtype=torch.long)
    window: list[tuple[torch.Tensor, torch.Tensor, int]] = []  # since the last report
    lr = config.lr
    total_steps = loop.batches_per_epoch * config.epochs
    augmentation = AUGMENTATIONS[config.augment]
    batches = iterate_batches(
        loop.train_split, config.batch_size, True, loop.generator, augmentation
    )
    loop.stats.start_epoch(loop.batches_per_epoch)
    for batch, (x, y) in enumerate(batches, start=1):
        if loop.control.checkpoint():
            return _EpochOutcome(
                "stopped", msg("train.stopped", "stopped during epoch {epoch}", epoch=epoch + 1)
            )
        if config.schedule == "onecycle":
            lr = onecycle_lr(epoch * loop.batches_per_epoch + batch - 1, total_steps, config.lr)
            for group in optimizer.param_groups:
                group["lr"] = lr
        if loop.channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        with loop.autocast:
            logits = model(x)
            loss = loop.loss_fn(logits.float(), y)
        optimizer.zero_grad()
        loss.backward()
        loop.stats.after_backward()
        optimizer.step()

        loss_sum.add_(loss.detach(), alpha=len(y))
        hits = (logits.detach().argmax(dim=1) == y).sum()
        correct.add_(hits)
        window.append((loss.detach(), hits, len(y)))
        loop.samples_seen += len(y)
        # Someone watching batch by batch (a pace, a step) sees every batch.
        last = batch == loop.batches_per_epoch
        if loop.control.watched or last or batch % loop.report_every == 0:
            exploded = report_window(loop, epoch, batch, window)
            if exploded is not None:
                at_batch, bad_loss = exploded
                return _EpochOutcome(
                    "diverged",
                    msg(
                        "train.diverged_batch",
                        "loss became {loss} at epoch {epoch}, batch {batch}: try a smaller"
                        " learning rate",
                        loss=bad_loss,
                        epoch=epoch + 1,
                        batch=at_batch,
                    ),
                )
            window = []
        loop.control.pace_wait()  # a stop meanwhile is seen by the next checkpoint()
    n = len(loop.train_split)
    return _EpochOutcome(
        "ok", "", float(loss_sum) / n, float(correct) / n, time.perf_counter() - started, lr
    )


def _save_epoch(loop: _Loop, run_dir: RunDirectory, epoch: int) -> None:
    """Checkpoint, metrics and status of a finished epoch, each written atomically: a
    write that fails (a full disk) leaves the previous epoch's files as they were."""
    try:
        _write_checkpoint(loop, run_dir, epoch)
    except (OSError, RuntimeError) as exc:  # torch.save wraps write errors in RuntimeError
        reason = describe_os_error(exc, run_dir.path)
        raise RunFolderError(
            msg(
                "train.cannot_save_checkpoint",
                "cannot save the checkpoint of epoch {epoch}: {reason}",
                epoch=epoch,
                reason=reason,
            )
        ) from exc
    run_dir.write_metrics(loop.history)
    try:
        write_epoch(run_dir.path, loop.stats, loop.model, epoch)
    except WeightStatsError as exc:
        raise RunFolderError(message_of(exc) or str(exc)) from exc
    run_dir.write_status(RUNNING, _epoch_of(epoch, loop.config.epochs))


def _write_checkpoint(loop: _Loop, run_dir: RunDirectory, epoch: int) -> None:
    save_checkpoint(
        run_dir.checkpoint_path,
        model=loop.model,
        config=loop.config.to_dict(),
        class_names=loop.train_split.class_names,
        mean=loop.train_split.mean,
        std=loop.train_split.std,
        history=loop.history,
        epoch=epoch,
        optimizer_state=loop.optimizer.state_dict(),
    )
