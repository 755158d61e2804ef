"""The Image tools tab: the scikit-image lesson as live controls.

Open a picture (or a sample shipped with scikit-image), build a chain of operations, and
see the result and its histogram change as parameters move. Loading and processing run in
background threads through ``LatestOnlyRunner``: while one job runs only the newest waits,
and a running chain gives up between steps once newer parameters exist. The jobs
themselves are plain functions in :mod:`desktop_app.image_tools.jobs`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import file_dialogs, palette
from desktop_app.common.i18n import core_label
from desktop_app.common.layout import vertical_scroll
from desktop_app.common.panel import Panel, WindowLinks
from desktop_app.common.throttle import throttled
from desktop_app.common.view_state import store, stored_paths
from desktop_app.common.workers import SHUTDOWN_WAIT_S, LatestOnlyRunner
from desktop_app.image_tools.chain_editor import ChainEditor
from desktop_app.image_tools.choices import PRESETS, SAMPLE_TITLES
from desktop_app.image_tools.jobs import Generation, LoadedImage, Processed, load_image, process
from desktop_app.image_tools.views import HistogramPlot, ImagePair
from training_core import imaging
from training_core.image_io import save_png
from training_core.imaging import Step

RECENT_KEY = "image_tools/recent_files"
MAX_RECENT = 8
IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "ImageToolsPanel", "Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;All files (*)"
)
BUSY_DELAY_MS = 250  # show the busy bar only for work the user would notice


class ImageToolsPanel(Panel):
    """Images in, a chain of operations, before/after with histograms, results out."""

    title = QT_TRANSLATE_NOOP("Panel", "Image tools")  # the key; the tab shows its translation

    def __init__(self, links: WindowLinks | None = None, parent=None):
        super().__init__(links, parent)
        self.setAcceptDrops(True)
        self.source: LoadedImage | None = None
        self.processed: Processed | None = None
        self._steps: tuple[Step, ...] = ()
        self._latest = Generation()
        self._pending_display: Processed | None = None

        self.loader = LatestOnlyRunner(self)
        self.loader.result_ready.connect(self._on_loaded)
        self.loader.failed.connect(self._on_load_failed)
        self.runner = LatestOnlyRunner(self)
        self.runner.result_ready.connect(self._on_processed)
        self.runner.failed.connect(self._on_process_failed)
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._update_busy)
        for runner in (self.loader, self.runner):
            runner.busy_changed.connect(self._on_busy_changed)

        self._build_ui()
        self._refresh_recent_menu()
        self.chain.chain_changed.connect(self._on_chain_changed)
        self.links.show_image_tools.connect(self.show_lab_setup)

    # -- layout -------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.open_button = QPushButton(self.tr("Open image…"))
        self.open_button.clicked.connect(lambda: self.open_file())
        self.recent_button = self._menu_button(self.tr("Recent"))
        self.samples_button = self._menu_button(self.tr("Samples"))
        for name in imaging.sample_names():
            action = self.samples_button.menu().addAction(self.tr(SAMPLE_TITLES.get(name, name)))
            action.triggered.connect(lambda _=False, n=name: self.load_sample(n))
        self.presets_button = self._menu_button(self.tr("Presets"))
        for title, steps in PRESETS.items():
            action = self.presets_button.menu().addAction(self.tr(title))
            action.triggered.connect(lambda _=False, s=steps: self.chain.set_chain(list(s)))
        source_row = QHBoxLayout()
        for widget in (self.open_button, self.recent_button, self.samples_button):
            source_row.addWidget(widget)
        self.info_label = QLabel(self.tr("No image. Open one, drop a file here, or pick a sample."))
        self.info_label.setWordWrap(True)

        self.chain = ChainEditor()
        self.overlay_box = QCheckBox(self.tr("Show masks over the image"))
        self.overlay_box.setChecked(True)
        self.overlay_box.toggled.connect(lambda _on: self._submit())
        chain_group = QGroupBox(self.tr("Operations, applied top to bottom"))
        chain_layout = QVBoxLayout(chain_group)
        chain_layout.addWidget(self.presets_button)
        chain_layout.addWidget(self.chain)
        chain_layout.addWidget(self.overlay_box)

        self.save_button = QPushButton(self.tr("Save result…"))
        self.save_button.clicked.connect(lambda: self.save_result())
        self.export_button = self._menu_button(self.tr("Export histogram"))
        menu = self.export_button.menu()
        menu.addAction(self.tr("Result histogram as CSV…")).triggered.connect(
            lambda: self.export_histogram(kind="csv")
        )
        menu.addAction(self.tr("Result histogram as PNG…")).triggered.connect(
            lambda: self.export_histogram(kind="png")
        )
        out_row = QHBoxLayout()
        out_row.addWidget(self.save_button)
        out_row.addWidget(self.export_button)

        controls = QWidget()
        controls.setMinimumWidth(330)
        controls.setMaximumWidth(430)
        left = QVBoxLayout(controls)
        left.addLayout(source_row)
        left.addWidget(self.info_label)
        left.addWidget(chain_group, 1)
        left.addLayout(out_row)

        self.images = ImagePair()
        self.images.hovered.connect(self._show_pixel)
        self.before_hist = HistogramPlot(self.tr("Before: histogram and CDF"))
        self.after_hist = HistogramPlot(self.tr("After: histogram and CDF"))
        hist_row = QWidget()
        hist_layout = QHBoxLayout(hist_row)
        hist_layout.setContentsMargins(0, 0, 0, 0)
        hist_layout.addWidget(self.before_hist)
        hist_layout.addWidget(self.after_hist)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.images)
        splitter.addWidget(hist_row)
        # 3:2 keeps both histograms at least ~150 px tall in a 1024x576 window (200 at
        # 1024x768); neither pane collapses out of sight.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.images.setMinimumHeight(120)
        hist_row.setMinimumHeight(150)

        self.pixel_label = QLabel("")
        self.timing_label = QLabel("")
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setFormat("working…")
        self.busy_bar.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.pixel_label, 2)
        status_row.addWidget(self.timing_label, 2)
        status_row.addWidget(self.busy_bar)

        right = QVBoxLayout()
        right.addWidget(splitter, 1)
        right.addLayout(status_row)
        right.addWidget(self.status_label)
        layout = QHBoxLayout(self)
        layout.addWidget(vertical_scroll(controls, self))  # a long chain scrolls
        layout.addLayout(right, 1)
        self._set_outputs_enabled(False)

    def _menu_button(self, text: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(QMenu(button))
        return button

    def _set_outputs_enabled(self, on: bool) -> None:
        self.save_button.setEnabled(on)
        self.export_button.setEnabled(on)

    # -- images in ----------------------------------------------------------------------
    def open_file(self, path: str | None = None) -> None:
        if path is None:
            path = file_dialogs.open_file_name(
                self, "image", self.tr("Open image"), self.tr(IMAGE_FILTER)
            )
            if not path:
                return
        self._set_status(self.tr("Opening {name}…").format(name=Path(path).name))
        self.loader.submit(load_image, Path(path).name, str(path))

    def load_sample(self, name: str) -> None:
        self.loader.submit(load_image, name, None)

    def show_lab_setup(self, setup: dict) -> None:
        """A lab's action: an image (a file, or a sample's name) and a chain of ``Step`` s."""
        if setup.get("path"):
            self.open_file(setup["path"])
        elif setup.get("sample"):
            self.load_sample(setup["sample"])
        self.chain.set_chain(list(setup.get("steps", ())))
        self.links.show_tab.emit(self.title)

    def load_array(self, name: str, array: np.ndarray) -> None:
        """Show an in-memory picture (gray, RGB or RGBA), e.g. from another tab."""
        self.loader.submit(load_image, name, None, array)

    def dragEnterEvent(self, event):
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_file(files[0])

    def _on_loaded(self, loaded: LoadedImage) -> None:
        self.source = loaded
        a = loaded.array
        shape = "x".join(str(n) for n in a.shape[1::-1]) + (
            f" x {a.shape[2]} channels" if a.ndim == 3 else " gray"
        )
        self.info_label.setText(f"<b>{loaded.name}</b>: {shape}, {a.dtype}")
        self.images.set_before(loaded.display, self.tr("Before: {name}").format(name=loaded.name))
        self.before_hist.set_histogram(loaded.histogram)
        if loaded.path is not None:
            self._remember_recent(loaded.path)
        self._set_status("")
        self._submit()

    def _on_load_failed(self, message: str) -> None:
        if self.source is not None:
            text = self.tr("Could not open the image: {reason}. The current image stays.")
        else:
            text = self.tr("Could not open the image: {reason}.")
        self._set_status(text.format(reason=message), error=True)

    # -- recent files -------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        return stored_paths(RECENT_KEY, MAX_RECENT)

    def _remember_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        recent = [path] + [p for p in self.recent_files() if p != path]
        store(RECENT_KEY, recent[:MAX_RECENT])
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        menu = self.recent_button.menu()
        menu.clear()
        recent = self.recent_files()
        for path in recent:
            menu.addAction(path).triggered.connect(lambda _=False, p=path: self.open_file(p))
        self.recent_button.setEnabled(bool(recent))

    # -- processing -----------------------------------------------------------------------
    def _on_chain_changed(self, steps: list) -> None:
        self._steps = tuple(steps)
        self._submit()

    def _submit(self) -> None:
        if self.source is None:
            return
        self._latest.value += 1
        self.runner.submit(
            process,
            self.source.array,
            self._steps,
            self.overlay_box.isChecked(),
            self._latest.value,
            self._latest,
        )

    def _on_processed(self, processed: Processed | None) -> None:
        if processed is None:
            return
        self._pending_display = processed
        self._show_pending()

    @throttled
    def _show_pending(self) -> None:
        processed, self._pending_display = self._pending_display, None
        if processed is None:
            return
        self.processed = processed
        names = [core_label(imaging.OPERATIONS[s.op_name].label) for s in processed.steps]
        count = len(names)
        if not names:
            title = self.tr("After: unchanged")
        elif count == 1:
            title = self.tr("After: 1 step")
        else:
            title = self.tr("After: {count} steps").format(count=count)
        self.images.set_after(processed.display, title)
        self.after_hist.set_histogram(processed.histogram)
        self.timing_label.setText(
            "  ·  ".join(
                f"{name} {seconds * 1000:.0f} ms"
                for name, seconds in zip(names, processed.seconds, strict=True)
            )
        )
        self._set_outputs_enabled(True)
        self._set_status("")

    def _on_process_failed(self, message: str) -> None:
        self._set_status(
            self.tr("{reason}. The last result stays on screen.").format(reason=message), error=True
        )

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            if not self._busy_timer.isActive() and self.busy_bar.isHidden():
                self._busy_timer.start()
        else:
            self._update_busy()

    def _update_busy(self) -> None:
        busy = self.runner.is_busy or self.loader.is_busy
        self.busy_bar.setVisible(busy)

    def is_idle(self) -> bool:
        waiting = self._pending_display is not None
        return not (self.runner.is_busy or self.loader.is_busy or waiting)

    # -- readouts -------------------------------------------------------------------------
    def _show_pixel(self, row: int, col: int) -> None:
        if row < 0 or self.source is None:
            self.pixel_label.setText("")
            return
        text = self.tr("x={x} y={y}  before {value}").format(
            x=col, y=row, value=_format_pixel(self.source.array[row, col])
        )
        if (
            self.processed is not None
            and self.processed.result.shape[:2] == (self.source.array.shape[:2])
        ):
            text += self.tr("  after {value}").format(
                value=_format_pixel(self.processed.result[row, col])
            )
        self.pixel_label.setText(text)

    def _set_status(self, text: str, error: bool = False) -> None:
        self.status_label.setProperty("error", error and bool(text))
        self.status_label.setStyleSheet(f"color: {palette.ERROR};" if error else "")
        self.status_label.setText(text)

    # -- results out ----------------------------------------------------------------------
    def save_result(self, path: str | None = None) -> None:
        """Save the chain's output as PNG (a mask as black and white, not the overlay)."""
        if self.processed is None:
            return
        if path is None:
            path = file_dialogs.save_file_name(
                self, "export", self.tr("Save result"), "result.png", "PNG (*.png)"
            )
            if not path:
                return
        try:
            save_png(path, self.processed.result)
        except (OSError, ValueError) as exc:
            self._set_status(
                self.tr("Could not save {name}: {reason}").format(name=Path(path).name, reason=exc),
                error=True,
            )
        else:
            self._set_status(self.tr("Saved {path}").format(path=path))

    def export_histogram(self, path: str | None = None, kind: str = "csv") -> None:
        """Export the result's histogram as CSV (intensity, count, cdf) or as a PNG plot."""
        if self.after_hist.histogram is None:
            return
        if path is None:
            name_filter = "CSV (*.csv)" if kind == "csv" else "PNG (*.png)"
            path = file_dialogs.save_file_name(
                self, "export", self.tr("Export histogram"), f"histogram.{kind}", name_filter
            )
            if not path:
                return
        try:
            if kind == "csv":
                self.after_hist.export_csv(path)
            else:
                self.after_hist.export_png(path)
        except (OSError, ValueError) as exc:
            self._set_status(
                self.tr("Could not export {name}: {reason}").format(
                    name=Path(path).name, reason=exc
                ),
                error=True,
            )
        else:
            self._set_status(self.tr("Exported {path}").format(path=path))

    # -- lifecycle ------------------------------------------------------------------------
    def shutdown(self) -> None:
        self._latest.value += 1  # a running chain stops at its next step
        self.loader.wait(SHUTDOWN_WAIT_S)
        self.runner.wait(SHUTDOWN_WAIT_S)


def _format_pixel(value) -> str:
    values = np.atleast_1d(value)
    if values.dtype == np.bool_:
        parts = ["1" if v else "0" for v in values]
    elif values.dtype.kind == "f":
        parts = [f"{v:.3f}" for v in values]
    else:
        parts = [str(int(v)) for v in values]
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"
