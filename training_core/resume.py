"""Continuing a run from its checkpoint: what carries over, what is refused, what changed.

The rules, the same for ``digit-lab train --resume`` and the Train tab's Resume button
(both go through :func:`restore`, called by the training loop):

* The model and the dataset cannot change: the weights were learned for them. Asking for
  another one is a ConfigError, never silently ignored.
* The optimizer's saved state (momentum buffers, Adam's moments) carries over only to the
  same optimizer. A resumed run that asks for a different one, or a checkpoint saved
  without optimizer state (a copy for inference), starts that optimizer fresh from the
  saved weights, and says so in a note; a state that does not fit its own optimizer was
  already refused by ``load_checkpoint``.
* The optimizer's settings (learning rate, momentum, weight decay, Adam's betas) always
  come from the run's config, not from the file.
* A one-cycle schedule spans the run's total epochs. Resuming with a different epoch count
  recomputes the curve over the new total, so the learning rate jumps to where the new
  curve is at the resumed epoch: allowed (training longer is what resume is for), with a
  note saying so.

Notes reach the user in ``TrainStarted.notes`` and on the command line's stderr.
"""

from __future__ import annotations

from dataclasses import dataclass

from torch import nn

from training_core.checkpoints import Checkpoint, CheckpointError
from training_core.config import ConfigError, TrainConfig
from training_core.messages import msg


@dataclass(frozen=True)
class Resumed:
    history: list[dict]
    start_epoch: int
    notes: tuple[str, ...]


def _name(checkpoint: Checkpoint) -> str:
    return checkpoint.path.name if checkpoint.path else msg("resume.unnamed", "the checkpoint")


def saved_config(checkpoint: Checkpoint, config: TrainConfig) -> TrainConfig:
    """The checkpoint's own config, after checking ``config`` keeps its model and dataset."""
    saved = TrainConfig.from_dict(checkpoint.config)
    if saved.model != config.model:
        raise ConfigError(
            msg(
                "resume.model_changed",
                "cannot resume: {name} was trained with model {old!r}, the run asks for"
                " {new!r}; a resumed run cannot change its model",
                name=_name(checkpoint),
                old=saved.model,
                new=config.model,
            )
        )
    if saved.dataset != config.dataset:
        raise ConfigError(
            msg(
                "resume.dataset_changed",
                "cannot resume: {name} was trained with dataset {old!r}, the run asks for"
                " {new!r}; a resumed run cannot change its dataset",
                name=_name(checkpoint),
                old=saved.dataset,
                new=config.dataset,
            )
        )
    return saved


def resume_notes(config: TrainConfig, checkpoint: Checkpoint) -> list[str]:
    """What a resume with ``config`` changes that the user may not expect, one line each."""
    saved = saved_config(checkpoint, config)
    notes = []
    if checkpoint.optimizer_state is None:
        notes.append(
            msg(
                "resume.no_optimizer_state",
                "{name} holds no optimizer state (a copy for inference?): {optimizer} starts"
                " fresh from the saved weights",
                name=_name(checkpoint),
                optimizer=config.optimizer,
            )
        )
    elif saved.optimizer != config.optimizer:
        notes.append(
            msg(
                "resume.optimizer_changed",
                "optimizer changed from {old} to {new}: the saved {old} state does not apply,"
                " {new} starts fresh from the saved weights",
                old=saved.optimizer,
                new=config.optimizer,
            )
        )
    start = checkpoint.epoch + 1
    if saved.schedule != config.schedule:
        notes.append(
            msg(
                "resume.schedule_changed",
                "learning-rate schedule changed from {old} to {new} at epoch {epoch}",
                old=saved.schedule,
                new=config.schedule,
                epoch=start,
            )
        )
    elif config.schedule == "onecycle" and saved.epochs != config.epochs:
        notes.append(
            msg(
                "resume.onecycle_epochs_changed",
                "the one-cycle schedule was planned over {old} epochs and now spans {new}:"
                " from epoch {epoch} the learning rate follows the {new}-epoch curve, not the"
                " one this run started on",
                old=saved.epochs,
                new=config.epochs,
                epoch=start,
            )
        )
    return notes


def restore(checkpoint: Checkpoint, config: TrainConfig, model: nn.Module, optimizer) -> Resumed:
    """Load the checkpoint's weights (and its optimizer state where it applies) into the
    freshly built ``model`` and ``optimizer`` of a run with ``config``."""
    saved = saved_config(checkpoint, config)
    notes = tuple(resume_notes(config, checkpoint))
    try:
        model.load_state_dict(checkpoint.state_dict)
    except RuntimeError as exc:
        raise CheckpointError(
            msg(
                "resume.weights_do_not_fit",
                "{name}: weights do not fit model {model!r}: {reason}",
                name=_name(checkpoint),
                model=config.model,
                reason=str(exc).strip().splitlines()[0],
            )
        ) from None
    if checkpoint.optimizer_state is not None and saved.optimizer == config.optimizer:
        _load_optimizer_state(optimizer, checkpoint, config)
    return Resumed(list(checkpoint.history), checkpoint.epoch, notes)


def _load_optimizer_state(optimizer, checkpoint: Checkpoint, config: TrainConfig) -> None:
    """The saved per-weight state, with every setting put back to the config's."""
    groups = optimizer.param_groups
    settings = [{k: v for k, v in group.items() if k != "params"} for group in groups]
    try:
        optimizer.load_state_dict(checkpoint.optimizer_state)
    except (KeyError, IndexError, TypeError, ValueError, RuntimeError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CheckpointError(
            msg(
                "resume.optimizer_state_does_not_fit",
                "{name}: the saved optimizer state does not fit {optimizer} ({reason})",
                name=_name(checkpoint),
                optimizer=config.optimizer,
                reason=reason,
            )
        ) from None

    for group, own in zip(optimizer.param_groups, settings, strict=True):
        for key in [k for k in group if k != "params" and k not in own]:
            del group[key]
        group.update(own)
