"""Put each tab of a Digit Lab window into a state worth showing in the documentation's figures.

The app itself knows nothing about screenshots: these functions drive a ``MainWindow``
from outside, through the same public methods a person's clicks reach (``open_run``,
``start``, ``load_sample``, ...). Each takes the window, brings its tab to the front and
returns a ``ready()`` callable that says when the picture is worth taking (or a time limit
has passed, so a script never hangs). ``PREPARE`` maps a tab's title to its function.

Used by scripts/screenshots.py and scripts/screenshot_train_results.py, and tested in
tests/scripts/.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop_app.common import settings
from training_core.config import TrainConfig
from training_core.data import is_available
from training_core.data_sources import dataset_root
from training_core.imaging import Step
from training_core.runs import RunDirectory, list_runs

Ready = Callable[[], bool]

# A "3" in canvas coordinates (280 x 280), two bowls drawn as one stroke.
SCREENSHOT_DIGIT = [
    [
        (95, 75),
        (120, 58),
        (155, 55),
        (183, 70),
        (190, 98),
        (172, 125),
        (140, 138),
        (175, 148),
        (195, 175),
        (190, 208),
        (160, 228),
        (120, 228),
        (90, 210),
    ],
]


def synthetic_digits():
    """(train, test) splits of bars instead of digits, for a machine without MNIST: the
    Train tab still shows real curves and results, and no download dialog appears."""
    import torch

    from training_core.data import MNIST_CLASSES, TensorSplit

    def split(n, seed):
        gen = torch.Generator().manual_seed(seed)
        labels = torch.randint(0, 10, (n,), generator=gen)
        images = torch.randint(0, 60, (n, 28, 28), dtype=torch.uint8, generator=gen)
        for i, label in enumerate(labels.tolist()):
            images[i, 3 + 2 * label : 5 + 2 * label, 4:24] = 255
        return TensorSplit(images, labels, MNIST_CLASSES, 0.1307, 0.3081)

    return split(6000, 1), split(1000, 2)


def _has_mnist() -> bool:
    """Real MNIST is there: the user's data folder, or else the copy bundled with Digit Lab
    (``dataset_root`` knows both). Synthetic bars only where neither is, never under the
    name of MNIST in a published figure when MNIST itself was at hand."""
    root = dataset_root("mnist", settings.data_root())
    return is_available("mnist", root)


def _front(window, title: str):
    panel = window.panels[title]
    window.tabs.setCurrentWidget(panel)
    return panel


def prepare_train(window) -> Ready:
    """Show a finished run from the runs folder, or train a short softmax run."""
    panel = _front(window, "Train")
    finished = [
        run
        for run in list_runs(settings.runs_root())
        if run.read_status().get("state") == "completed" and run.checkpoint_path.is_file()
    ]
    deadline = time.monotonic() + 300
    if finished:
        panel.open_run(finished[0].path)
        return lambda: panel.results.results is not None or time.monotonic() > deadline
    panel.form.set_config(TrainConfig(model="softmax", epochs=3, batch_size=100, lr=0.1))
    if not _has_mnist():
        panel.data_override = synthetic_digits()
    panel.start()
    return lambda: (
        (not panel.is_training and panel.results.results is not None)
        or (time.monotonic() > deadline)
    )


def prepare_draw(window) -> Ready:
    """Draw a clear 3 so the figure shows a real prediction."""
    panel = _front(window, "Draw")
    panel.canvas.clear()
    panel.canvas.draw_strokes(SCREENSHOT_DIGIT, width=20)
    return lambda: panel.last_prediction is not None and panel.is_idle()


def prepare_inside(window, checkpoint: str | None = None, page: str = "Activations") -> Ready:
    """Draw the 3 in the Draw tab (with ``checkpoint`` if given), then look inside."""
    draw = window.panels["Draw"]
    if checkpoint:
        draw.load_checkpoint(checkpoint)
    draw.canvas.clear()
    draw.canvas.draw_strokes(SCREENSHOT_DIGIT, width=20)
    panel = _front(window, "Inside")
    for index in range(panel.pages.count()):
        if panel.pages.tabText(index) in (page, QCoreApplication.translate("InsidePanel", page)):
            panel.pages.setCurrentIndex(index)
    deadline = time.monotonic() + 60
    return lambda: (
        (panel.last_outcome is not None and panel.is_idle() and draw.is_idle())
        or time.monotonic() > deadline
    )


def prepare_image_tools(window) -> Ready:
    """Coins with CLAHE: before/after and both histograms worth looking at."""
    panel = _front(window, "Image tools")
    panel.load_sample("coins")
    panel.chain.set_chain([Step("clahe", {"clip_limit": 0.03, "kernel_size": None})])
    deadline = time.monotonic() + 20
    return lambda: (
        (panel.processed is not None and panel.is_idle()) or (time.monotonic() > deadline)
    )


def prepare_playground(window, epochs: int = 400, seconds: float = 20.0) -> Ready:
    """Show the default spiral with a ReLU MLP part-way trained: a visible boundary."""
    panel = _front(window, "Playground")
    panel.views.setCurrentWidget(panel.classification)
    view = panel.classification
    view.transport.speed.setValue(20)
    view.transport.play_button.setChecked(True)
    started = time.monotonic()

    def ready() -> bool:
        done = view.history.values["epoch"]
        if (done and done[-1] >= epochs) or time.monotonic() - started > seconds:
            view.transport.play_button.setChecked(False)
            view.redraw_now()
            return True
        return False

    return ready


def prepare_labs(window, lab_id: str = "softmax-scratch", seconds: float = 170.0) -> Ready:
    """A built-in lab mid-way: its first action trains a run in the Train tab, then the
    first question is answered from that run (its final accuracy, read from the run), so
    the lab bar shows the question and the feedback under the lab's text."""
    labs = _front(window, "Labs")
    train = window.panels["Train"]
    if not _has_mnist():
        train.data_override = synthetic_digits()
    labs.select_lab(lab_id)
    labs.start_lab()
    guide, bar = labs.guide, labs.bar
    guide.go(0)
    bar.run_action(0)
    steps = guide.lab.steps
    asked = next(i for i, step in enumerate(steps) if step.questions)
    question = steps[asked].questions[0]
    deadline = time.monotonic() + seconds
    checked: list[bool] = []

    def ready() -> bool:
        if time.monotonic() > deadline:
            return True
        if not checked:
            if train.is_training or guide.missing_runs(question):
                return False
            guide.go(asked)
            labs.show_current_step()
            entry = guide.runs().get(question.runs[0], {})
            metrics = RunDirectory(Path(entry["path"])).read_metrics() if "path" in entry else []
            answer = f"{metrics[-1]['test_acc'] * 100:.1f}" if metrics else "90"
            bar.answer.setEditText(answer if question.kind == "final_accuracy" else "3 5")
            checked.append(bar.check())
            return False
        return not guide.is_busy

    return ready


EXPERIMENT_EVENTS = "tests/desktop_app/experiments/data/optimizers_mlp_events.jsonl"


def prepare_experiments(window, upto: int | None = None) -> Ready:
    """A recorded sweep (the optimizers-mlp preset on real MNIST, fed to the view as its
    events file would): all of it (finished), or its first ``upto`` events (mid-sweep)."""
    from pathlib import Path

    from desktop_app.experiments.sweep_state import read_events_file

    panel = _front(window, "Experiments")
    panel.editor.choose_preset("optimizers-mlp")
    events = read_events_file(Path(__file__).resolve().parents[1] / EXPERIMENT_EVENTS)
    panel.show_state(type(panel.state)(asked=("optimizer",)))
    panel.apply_events(events[:upto] if upto else events)
    panel.plots.redraw_now()
    return lambda: True


PREPARE: dict[str, Callable[..., Ready]] = {
    "Experiments": prepare_experiments,
    "Train": prepare_train,
    "Draw": prepare_draw,
    "Inside": prepare_inside,
    "Image tools": prepare_image_tools,
    "Playground": prepare_playground,
    "Labs": prepare_labs,
}
