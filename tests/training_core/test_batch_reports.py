"""A loss that explodes inside a report window: the batches before it are still plotted,
and the message names the very batch it happened at."""

import math
import time
from types import SimpleNamespace

import torch

from training_core.batch_reports import report_window
from training_core.config import TrainConfig
from training_core.events import TrainCallbacks
from training_core.training import train


class Batches(TrainCallbacks):
    def __init__(self):
        self.reports = []

    def on_batch_end(self, report):
        self.reports.append(report)


def _loop(callbacks):
    return SimpleNamespace(
        callbacks=callbacks,
        batches_per_epoch=50,
        samples_seen=500,
        started_at=time.perf_counter() - 1.0,
        start_epoch=0,
        train_split=range(1000),
    )


def _window(losses, size=10):
    return [(torch.tensor(v), torch.tensor(7), size) for v in losses]


def test_a_window_without_trouble_is_one_report_of_its_mean():
    seen = Batches()
    assert report_window(_loop(seen), 0, 20, _window([1.0, 2.0, 3.0, 4.0])) is None
    (report,) = seen.reports
    assert report.batch == 20 and report.loss == 2.5 and report.accuracy == 0.7


def test_the_batches_before_a_nan_are_reported_apart_from_it():
    seen = Batches()
    exploded = report_window(_loop(seen), 2, 30, _window([1.0, 3.0, math.nan, 4.0, 5.0]))
    assert exploded is not None and exploded[0] == 28 and math.isnan(exploded[1])
    finite, bad = seen.reports
    assert (finite.batch, finite.loss, finite.epoch) == (27, 2.0, 3)
    assert bad.batch == 28 and math.isnan(bad.loss)


def test_a_nan_first_in_its_window_is_the_only_report():
    seen = Batches()
    exploded = report_window(_loop(seen), 0, 10, _window([math.inf, 1.0]))
    assert exploded[0] == 9 and math.isinf(exploded[1])
    assert [r.batch for r in seen.reports] == [9]


def test_a_diverging_run_names_the_batch_its_last_report_shows(tiny_data):
    seen = Batches()
    config = TrainConfig(
        model="mlp", epochs=3, batch_size=64, optimizer="sgd", lr=10.0, device="cpu"
    )
    result = train(config, seen, data=tiny_data, report_every=10)
    assert result.status == "diverged"
    *before, last = seen.reports
    assert not math.isfinite(last.loss) and all(math.isfinite(r.loss) for r in before)
    assert f"batch {last.batch}:" in result.message
