"""What the training loop reports: plain dataclasses handed to :class:`TrainCallbacks`.

The loop knows nothing of who listens. The CLI prints them, the Train tab's worker passes
them to the UI thread unchanged, tests collect them; none of them imports Qt.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from torch import nn


@dataclass
class TrainStarted:
    """Sent once, after data and model are ready."""

    device: str
    train_size: int
    test_size: int
    batches_per_epoch: int
    start_epoch: int  # epochs already done (a resumed run)
    epochs: int
    parameters: int
    notes: tuple[str, ...] = ()  # what a resume changed, one line each (training_core.resume)


@dataclass
class BatchReport:
    epoch: int  # 1-based
    batch: int  # 1-based within the epoch
    batches_per_epoch: int
    loss: float  # mean over the batches since the previous report
    accuracy: float
    samples_seen: int  # since the start of the run
    samples_per_second: float


@dataclass
class EpochReport:
    epoch: int
    epochs: int
    train_loss: float
    train_acc: float
    test_loss: float
    test_acc: float
    epoch_seconds: float
    samples_per_second: float
    lr: float
    # From this session's first batch to this epoch's test accuracy, evaluation and the
    # earlier epochs' checkpoints included (a resumed run counts from its resume).
    elapsed_seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


class TrainCallbacks:
    """Hooks the loop calls; override the ones you need. They run on the training thread."""

    def on_train_start(self, info: TrainStarted) -> None:
        """Once, after data and model are ready: device, sizes, batches per epoch."""

    def on_batch_end(self, report: BatchReport) -> None:
        """Every ``report_every`` batches."""

    def on_epoch_end(self, report: EpochReport) -> None:
        """After each finished epoch, its checkpoint already written."""

    def on_train_end(self, result: TrainResult) -> None:
        """Once, however the run ended (completed, stopped, diverged)."""


@dataclass
class TrainResult:
    model: nn.Module
    history: list[dict]
    status: str  # "completed", "stopped", "diverged" or "failed"
    message: str = ""
    run_dir: Path | None = None
    device: str = "cpu"
    extra: dict = field(default_factory=dict)

    @property
    def final(self) -> dict:
        return self.history[-1] if self.history else {}
