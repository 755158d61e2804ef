"""The training loop's batch reports: the batches since the last report, read from the
device once, and the exact batch where the loss stopped being a number."""

from __future__ import annotations

import time

import torch

from training_core.events import BatchReport


def report_window(loop, epoch: int, batch: int, window) -> tuple[int, float] | None:
    """Report ``window`` ((loss, hits, size) per batch since the last report, tensors on the
    device) through ``loop.callbacks``; (batch, loss) of the first NaN or infinite loss, or
    None. The batches before that one are reported first and apart from it, so the curves
    show the loss up to the very batch it exploded at, and the message can name it."""
    losses = torch.stack([loss for loss, _, _ in window]).float().cpu()
    hits = torch.stack([h for _, h, _ in window]).cpu()
    sizes = torch.tensor([n for _, _, n in window], dtype=torch.float32)
    finite = torch.isfinite(losses)
    bad = None if bool(finite.all()) else int((~finite).nonzero()[0])
    first = batch - len(window) + 1
    parts = [(0, len(window))] if bad is None else [(0, bad), (bad, bad + 1)]
    for start, end in parts:
        if end > start:
            n = float(sizes[start:end].sum())
            loop.callbacks.on_batch_end(  # a non-finite loss too: the curves mark it
                BatchReport(
                    epoch=epoch + 1,
                    batch=first + end - 1,
                    batches_per_epoch=loop.batches_per_epoch,
                    loss=float((losses[start:end] * sizes[start:end]).sum()) / n,
                    accuracy=float(hits[start:end].sum()) / n,
                    samples_seen=loop.samples_seen,
                    samples_per_second=samples_per_second(loop),
                )
            )
    return None if bad is None else (first + bad, float(losses[bad]))


def samples_per_second(loop) -> float:
    """Training speed since this session of the run started (a resume starts anew)."""
    elapsed = time.perf_counter() - loop.started_at
    return (loop.samples_seen - loop.start_epoch * len(loop.train_split)) / max(elapsed, 1e-9)
