"""The playground's classification view: 2-D points, a live decision-boundary map behind
them, loss and accuracy curves for train and test.

A CSV file is read by a ``Worker`` (the app's one background-work model): a file of a
million rows takes seconds to parse, and on the UI thread it froze the window.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
import torch
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop_app.common import file_dialogs
from desktop_app.common.i18n import core_text, error_text
from desktop_app.common.plot_scaling import let_title_shrink
from desktop_app.common.workers import SHUTDOWN_WAIT_S, Job, Report, Worker
from desktop_app.playground.base import LiveTrainingView
from desktop_app.playground.controls import PALETTE, CurvePlot, History
from training_core.control import Control
from training_core.playground import (
    DATASET_NAMES,
    DEFAULT_NOISE,
    PlaygroundDataError,
    PlaygroundTrainer,
    PointSet,
    boundary_image,
    build_classifier,
    class_count,
    data_extent,
    load_points_csv,
    make_points,
    predict_grid,
    train_test_split,
)

GRID_RESOLUTION = 120
GRID_MARGIN = 0.6  # the map covers more than the points, so it fills any plot shape
# English source; shown through translate("DataControls", ...).
LOAD_BUTTON_TEXT = QT_TRANSLATE_NOOP("DataControls", "Load CSV (x, y, label)...")
MAX_SHOWN_POINTS = 10_000


def csv_job(path: str) -> Job:
    """Reading a CSV as a job; the worker's ``stop()`` cancels it within a few thousand rows."""

    def run(control: Control, report: Report) -> PointSet:
        return load_points_csv(path, should_stop=lambda: control.should_stop)

    return run


def boundary_renderer(extent, classes: int, resolution: int = GRID_RESOLUTION):
    """The worker's ``render``: model -> RGB image of its decision regions (plain numpy)."""

    def render(trainer: PlaygroundTrainer) -> np.ndarray:
        return boundary_image(predict_grid(trainer.model, extent, resolution), PALETTE, classes)

    return render


class DataControls(QGroupBox):
    """Which points: a generator with its settings, or a CSV file; and the test fraction."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Data"))
        form = QFormLayout(self)
        self.dataset = QComboBox()
        shown = self._dataset_names()
        for name in DATASET_NAMES:
            self.dataset.addItem(shown.get(name, name.capitalize()), name)
        self.dataset.addItem(self.tr("CSV file"), "csv")
        self.classes = QSpinBox(minimum=2, maximum=6, value=3)
        self.points = QSpinBox(minimum=10, maximum=5000, value=1000, singleStep=100)
        self.noise = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=1.0, value=0.2)
        self.noise.setSingleStep(0.02)
        self.seed = QSpinBox(minimum=0, maximum=999_999, value=12345)
        self.test_fraction = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=0.9, value=0.2)
        self.test_fraction.setSingleStep(0.05)
        self.load_button = QPushButton(self._load_text())
        form.addRow(self.tr("Points"), self.dataset)
        form.addRow(self.tr("Classes"), self.classes)
        form.addRow(self.tr("Points per class"), self.points)
        form.addRow(self.tr("Noise"), self.noise)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Test fraction"), self.test_fraction)
        form.addRow(self.load_button)
        self.dataset.currentIndexChanged.connect(self._on_dataset)

    def _dataset_names(self) -> dict[str, str]:
        """The generators' names as shown; the combo's data stays the core's name."""
        return {
            "spiral": self.tr("Spiral"),
            "circles": self.tr("Circles"),
            "xor": self.tr("XOR"),
            "blobs": self.tr("Blobs"),
            "moons": self.tr("Moons"),
        }

    @staticmethod
    def _load_text() -> str:
        return QCoreApplication.translate("DataControls", LOAD_BUTTON_TEXT)

    def name(self) -> str:
        return self.dataset.currentData()

    def set_loading(self, file_name: str | None) -> None:
        """While a file loads, the button says so and cannot start a second load."""
        self.load_button.setEnabled(file_name is None)
        if file_name is None:
            self.load_button.setText(self._load_text())
        else:
            self.load_button.setText(self.tr("Loading {file}…").format(file=file_name))

    def _on_dataset(self) -> None:
        name = self.name()
        generated = name != "csv"
        for w in (self.points, self.noise, self.seed):
            w.setEnabled(generated)
        self.classes.setEnabled(name in ("spiral", "blobs"))
        if generated:
            self.noise.blockSignals(True)
            self.noise.setValue(DEFAULT_NOISE[name])
            self.noise.blockSignals(False)


class ClassificationView(LiveTrainingView):
    """Controls on the left; boundary map with points, then the curves, on the right."""

    _csv: PointSet | None = None
    _loader: Worker | None = None  # the CSV load under way, if any
    _extent = _grid_extent = (-1.0, 1.0, -1.0, 1.0)

    # -- layout ----------------------------------------------------------------------
    def _build(self) -> None:
        self.data = DataControls()
        scroll = self.side_panel(self.data)

        self.map_plot = pg.PlotWidget(
            title=self.tr("Decision boundary (filled: train, ringed: test)")
        )
        self.map_plot.setAspectLocked(True)
        let_title_shrink(self.map_plot.getPlotItem())
        self.map_plot.setAccessibleName(self.map_plot.getPlotItem().titleLabel.text)
        self.map_plot.hideButtons()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.map_plot.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(size=5, pen=None)
        self.test_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen("k", width=1))
        self.map_plot.addItem(self.train_points)
        self.map_plot.addItem(self.test_points)
        self.loss_plot = CurvePlot(self.tr("Loss (cross-entropy)"), self.tr("loss"))
        self.acc_plot = CurvePlot(
            self.tr("Accuracy"), self.tr("accuracy"), legend_offset=(-10, -10)
        )
        self.acc_plot.setYRange(0, 1)
        curves = QVBoxLayout()
        curves.addWidget(self.loss_plot)
        curves.addWidget(self.acc_plot)
        right = QHBoxLayout()
        right.addWidget(self.map_plot, 3)
        right.addLayout(curves, 2)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(right, 1)

        self.data.dataset.currentIndexChanged.connect(self.reset)
        for w in (self.data.classes, self.data.points, self.data.noise, self.data.seed):
            w.valueChanged.connect(self.reset)
        self.data.test_fraction.valueChanged.connect(self.reset)
        self.data.load_button.clicked.connect(self.choose_csv)

    # -- actions ---------------------------------------------------------------------
    def choose_csv(self) -> None:
        path = file_dialogs.open_file_name(
            self,
            "points",
            self.tr("Load 2-D points"),
            self.tr("CSV files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self.load_csv(path)

    def load_csv(self, path: str) -> Worker:
        """Read the file on a worker thread; when it is done use its points, on a bad file
        show why and keep the current data. A load still running is stopped first."""
        self.stop_loading()
        worker = Worker(csv_job(path), "digit-lab-csv", self)
        self._loader = worker
        worker.done.connect(lambda points: self._csv_loaded(worker, points))
        worker.failed.connect(lambda message: self._csv_failed(worker, message))
        worker.finished.connect(lambda: self._csv_finished(worker))
        self.data.set_loading(Path(path).name or path)
        return worker.start()

    def stop_loading(self, timeout: float = SHUTDOWN_WAIT_S) -> bool:
        """Cancel a running load (its result is ignored) and wait for its thread."""
        loader, self._loader = self._loader, None
        if loader is None:
            return True
        loader.stop()
        self.data.set_loading(None)
        return loader.wait(timeout)

    def _csv_loaded(self, worker: Worker, points: PointSet) -> None:
        if worker is not self._loader:
            return  # a load that was replaced or stopped
        self._csv = points
        self.error.clear()
        index = self.data.dataset.findData("csv")
        if self.data.dataset.currentIndex() == index:
            self.reset()
        else:
            self.data.dataset.setCurrentIndex(index)  # resets

    def _csv_failed(self, worker: Worker, message: str) -> None:
        if worker is self._loader:
            self.error.setText(message)

    def _csv_finished(self, worker: Worker) -> None:
        if worker is self._loader:
            self._loader = None
            self.data.set_loading(None)
        worker.deleteLater()

    def shutdown(self, timeout: float = SHUTDOWN_WAIT_S) -> bool:
        loaded = self.stop_loading(timeout)
        return super().shutdown(timeout) and loaded

    def current_points(self) -> PointSet:
        name = self.data.name()
        if name == "csv":
            if self._csv is None:
                raise PlaygroundDataError(self.tr("no CSV file loaded yet: use 'Load CSV'"))
            return self._csv
        classes = class_count(name, self.data.classes.value())
        x, y = make_points(
            name,
            classes,
            self.data.points.value(),
            self.data.noise.value(),
            self.data.seed.value(),
        )
        return PointSet(x, y, tuple(str(c) for c in range(classes)))

    def reset(self) -> None:
        """New points, new model with fresh weights, history cleared; keeps playing/paused."""
        try:
            points = self.current_points()
        except PlaygroundDataError as exc:
            self.error.setText(error_text(exc))
            return
        seed = self.data.seed.value()
        split = train_test_split(points.x, points.y, self.data.test_fraction.value(), seed)
        classes = len(points.class_names)
        model = build_classifier(**self.model_controls.model_args(), outputs=classes, seed=seed)
        trainer = PlaygroundTrainer(model, split, settings=self.model_controls.settings(seed))
        extent = data_extent(points.x)
        grid_extent = data_extent(points.x, GRID_MARGIN)
        self._extent, self._grid_extent = extent, grid_extent
        shown = self._show_points(split, points.class_names)
        total = len(points.y)
        note = core_text(points.note)
        if shown < total:
            note = self.tr("{note}; the map shows {shown:,} of them").format(note=note, shown=shown)
        self._train(trainer, boundary_renderer(grid_extent, classes), note)

    def _show_points(self, split, class_names) -> int:
        """Draw the points, at most ``MAX_SHOWN_POINTS`` (a seeded sample beyond that);
        returns how many are drawn. pyqtgraph took 2-4 s of the UI thread for the 100,000
        points a CSV may hold, and that many dots hide nothing more than 10,000 do."""
        brushes = [pg.mkBrush(*c) for c in PALETTE[: len(class_names)]]
        total = len(split.y_train) + len(split.y_test)
        share = min(1.0, MAX_SHOWN_POINTS / max(total, 1))
        shown = 0
        for item, x, y in (
            (self.train_points, split.x_train, split.y_train),
            (self.test_points, split.x_test, split.y_test),
        ):
            if share < 1.0:
                pick = torch.randperm(len(y), generator=torch.Generator().manual_seed(0))
                pick = pick[: int(len(y) * share)].sort().values
                x, y = x[pick], y[pick]
            item.setData(pos=x.numpy(), brush=[brushes[i] for i in y.tolist()])
            shown += len(y)
        xmin, xmax, ymin, ymax = self._extent
        self.image.clear()
        self.map_plot.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)
        return shown

    # -- results ---------------------------------------------------------------------
    def _draw_picture(self, picture: np.ndarray) -> None:
        xmin, xmax, ymin, ymax = self._grid_extent
        self.image.setImage(picture, autoLevels=False, levels=(0, 255))
        self.image.setRect(QRectF(xmin, ymin, xmax - xmin, ymax - ymin))

    def _draw_curves(self, h: History) -> None:
        epochs = h.array("epoch")
        self.loss_plot.set_curves(epochs, h.array("train_loss"), h.array("test_loss"))
        self.acc_plot.set_curves(epochs, h.array("train_acc"), h.array("test_acc"))
