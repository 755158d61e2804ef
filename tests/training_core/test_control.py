"""Pace and step: a teacher's way to slow training down, measured without real time."""

from __future__ import annotations

import math
import threading

from training_core.checkpoints import load_checkpoint
from training_core.config import TrainConfig
from training_core.control import MAX_PACE_S, Control
from training_core.events import TrainCallbacks
from training_core.runs import RunDirectory
from training_core.training import train


class FakeClockControl(Control):
    """A wait moves a fake clock on instead of sleeping: a paced run takes no real time,
    and the clock says how long it would have taken."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float | None] = []
        super().__init__(clock=lambda: self.now)

    def _wait(self, timeout):
        self.waits.append(timeout)
        assert timeout is not None, "a paced run must never block forever"
        self.now += timeout


class WokenOnlyControl(Control):
    """A wait ends only when a flag changes (the clock stands still): a wait that ends
    proves that the change woke it, not a timeout."""

    def __init__(self) -> None:
        self.waits: list[float | None] = []
        self.blocked = threading.Event()
        super().__init__(clock=lambda: 0.0)

    def _wait(self, timeout):
        self.waits.append(timeout)
        self.blocked.set()
        self._changed.wait()


class Batches(TrainCallbacks):
    def __init__(self, on_batch=None):
        self.reports = []
        self.on_batch = on_batch
        self.result = None

    def on_batch_end(self, report):
        self.reports.append(report)
        if self.on_batch:
            self.on_batch(len(self.reports))

    def on_train_end(self, result):
        self.result = result


def config(**overrides):
    values = dict(model="softmax", epochs=1, batch_size=64, optimizer="sgd", lr=0.1, device="cpu")
    return TrainConfig(**{**values, **overrides})


def test_pace_waits_after_every_batch_and_reports_each(tiny_data):
    control = FakeClockControl()
    control.set_pace(0.25)
    callbacks = Batches()
    result = train(config(), callbacks, control, data=tiny_data, report_every=100)
    batches = math.ceil(len(tiny_data[0]) / 64)  # 8
    assert result.status == "completed"
    # Unpaced, report_every=100 would report once (the epoch's last batch).
    assert [r.batch for r in callbacks.reports] == list(range(1, batches + 1))
    assert control.now == 0.25 * batches  # a quarter of a second after each batch
    assert control.waits == [0.25] * batches


def test_full_speed_never_waits_and_keeps_report_every(tiny_data):
    control = FakeClockControl()
    callbacks = Batches()
    train(config(), callbacks, control, data=tiny_data, report_every=3)
    assert control.waits == [] and control.now == 0.0
    assert [r.batch for r in callbacks.reports] == [3, 6, 8]


def test_pace_is_kept_between_full_speed_and_one_batch_per_second():
    control = Control()
    for asked, kept in ((-1, 0.0), (0.5, 0.5), (5, MAX_PACE_S), (math.nan, 0.0), (math.inf, 0.0)):
        control.set_pace(asked)
        assert control.pace == kept


def _wait_in_thread(fn):
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", fn()), daemon=True)
    thread.start()
    return thread, result


def test_stop_pause_or_a_faster_pace_ends_a_paced_wait_at_once():
    for change, stops in ((Control.stop, True), (Control.pause, False), (None, False)):
        control = WokenOnlyControl()
        control.set_pace(1.0)
        thread, result = _wait_in_thread(control.pace_wait)
        assert control.blocked.wait(5)
        if change is None:
            control.set_pace(0.0)
        else:
            change(control)
        thread.join(5)
        assert not thread.is_alive(), f"{change} did not end the wait"
        assert result["value"] is stops
        assert control.waits == [1.0]


def test_step_lets_exactly_one_batch_through_then_stays_paused(tiny_data):
    control = WokenOnlyControl()
    control.pause()  # paused before the first batch
    reported = threading.Event()
    callbacks = Batches(lambda count: reported.set())
    thread = threading.Thread(
        target=train,
        args=(config(), callbacks, control),
        kwargs={"data": tiny_data, "report_every": 100},
        daemon=True,
    )
    thread.start()
    for done in (0, 1, 2):
        assert control.blocked.wait(10)  # the loop is waiting in checkpoint()
        assert len(callbacks.reports) == done and control.paused
        control.blocked.clear()
        reported.clear()
        control.step()
        assert reported.wait(10)
    assert control.blocked.wait(10)
    assert len(callbacks.reports) == 3  # each step: one batch, reported though unpaced
    assert all(timeout is None for timeout in control.waits)  # no paced waits while paused
    control.resume()
    thread.join(30)
    assert not thread.is_alive()
    assert [r.batch for r in callbacks.reports] == [1, 2, 3, 8]  # full speed: report_every
    assert callbacks.result.status == "completed"


def test_step_while_running_does_nothing_and_two_steps_are_one():
    control = Control()
    control.step()
    assert not control.checkpoint() and not control.paused
    control.pause()
    control.step()
    control.step()
    assert control.checkpoint() is False  # the one step goes through
    thread, result = _wait_in_thread(control.checkpoint)
    thread.join(0.2)
    assert thread.is_alive()  # the second step was not counted
    control.stop()
    thread.join(5)
    assert result["value"] is True


def test_a_diverging_batch_is_reported_before_the_run_ends(tiny_data, tmp_path):
    run = RunDirectory.open(tmp_path / "run")
    train(config(model="mlp", lr=0.01), run_dir=run, data=tiny_data)
    callbacks = Batches()
    resume = load_checkpoint(run.checkpoint_path)
    result = train(
        config(model="mlp", epochs=3, lr=10.0),
        callbacks,
        run_dir=run,
        data=tiny_data,
        resume=resume,
        report_every=1,
    )
    assert result.status == "diverged"
    losses = [r.loss for r in callbacks.reports]
    assert not math.isfinite(losses[-1])
    assert all(math.isfinite(loss) for loss in losses[:-1])
    assert f"batch {callbacks.reports[-1].batch}" in result.message
