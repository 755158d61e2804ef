"""Presentation mode and zoom: fonts restored exactly, shortcuts, memory between sessions,
axis text legible from the back row, thicker lines, exports at slide size."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo, QImage, QKeySequence
from PySide6.QtWidgets import QApplication

from desktop_app.common import settings
from desktop_app.common.presentation import (
    EXPORT_WIDTH,
    MIN_PRESENTATION_AXIS_PX,
    controller,
    export_plot,
)
from desktop_app.main_window import MainWindow


@pytest.fixture
def presentation(qtbot):
    """The app's controller, put back to 100 % without presentation mode afterwards (the
    application font is shared with every later test)."""
    before = QFont(QApplication.font())
    ctl = controller()
    yield ctl
    ctl.set_presentation(False)
    ctl.set_zoom(100)
    assert QApplication.font() == before


@pytest.fixture
def window(qtbot, tmp_path, presentation):
    settings.set_runs_root(tmp_path / "runs")
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1920, 1080)  # a 1080p projector
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _tick_px(plot: pg.PlotItem) -> int:
    font = plot.getAxis("bottom").style["tickFont"] or plot.getViewWidget().font()
    return QFontInfo(font).pixelSize()


def _action(window, text: str):
    return next(a for a in window.view_menu.actions() if a.text() == text)


def test_presentation_on_and_off_restores_the_font_exactly(window, presentation):
    before = QFont(QApplication.font())
    window.set_presentation_mode(True)
    assert QFontInfo(QApplication.font()).pixelSize() >= 1.4 * QFontInfo(before).pixelSize()
    assert _action(window, "&Presentation mode").isChecked()
    window.set_zoom(150)
    window.set_presentation_mode(False)
    window.set_zoom(100)
    assert QApplication.font() == before
    assert not _action(window, "&Presentation mode").isChecked()


def test_zoom_shortcuts_change_the_font(window, qtbot):
    size = QApplication.font().pointSizeF()
    actions = {a.text(): a for a in window.view_menu.actions()}
    assert QKeySequence("Ctrl+=") in actions["Zoom &in"].shortcuts()
    assert QKeySequence("Ctrl++") in actions["Zoom &in"].shortcuts()
    assert QKeySequence("Ctrl+-") in actions["Zoom &out"].shortcuts()
    assert actions["&Actual size"].shortcut() == QKeySequence("Ctrl+0")
    assert actions["&Presentation mode"].shortcut() == QKeySequence("F5")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.presentation.zoom_percent == 110
    assert QApplication.font().pointSizeF() == pytest.approx(size * 1.1)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.presentation.zoom_percent == 90
    assert QApplication.font().pointSizeF() == pytest.approx(size * 0.9)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.presentation.zoom_percent == 100
    assert QApplication.font().pointSizeF() == pytest.approx(size)


def test_zoom_is_clamped(presentation):
    presentation.set_zoom(10_000)
    assert presentation.zoom_percent == 300
    presentation.zoom_in()
    assert presentation.zoom_percent == 300
    presentation.set_zoom(-5)
    assert presentation.zoom_percent == 50


def test_remembered_in_a_new_window(window, qtbot, presentation):
    window.set_presentation_mode(True)
    window.set_zoom(125)
    window.close()
    presentation.set_presentation(False)  # as if the app had ended: back to defaults
    presentation.set_zoom(100)
    from desktop_app.common.presentation import PRESENTATION_KEY, ZOOM_KEY
    from desktop_app.common.view_state import store

    store(PRESENTATION_KEY, 1)  # the settings the last session wrote
    store(ZOOM_KEY, 125)
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.presentation.presentation and again.presentation.zoom_percent == 125
    assert _action(again, "&Presentation mode").isChecked()
    again.close()


def test_garbage_in_the_settings_means_defaults(qtbot, presentation):
    from desktop_app.common.presentation import PRESENTATION_KEY, ZOOM_KEY
    from desktop_app.common.view_state import store

    store(PRESENTATION_KEY, "yes please")
    store(ZOOM_KEY, 1e300)
    presentation.restore()
    assert not presentation.presentation and presentation.zoom_percent == 100


def test_axis_text_legible_in_presentation_mode(window):
    plots = [window.train_panel.plots.batch_plot, window.train_panel.plots.loss_plot]
    before = [_tick_px(p) for p in plots]
    window.set_presentation_mode(True)
    for plot in plots:
        assert _tick_px(plot) >= MIN_PRESENTATION_AXIS_PX
        axis = plot.getAxis("left")
        assert axis.labelStyle["font-size"].endswith("px")
        assert float(axis.labelStyle["font-size"][:-2]) >= MIN_PRESENTATION_AXIS_PX
        assert axis.pen().color().name() == "#000000"  # high contrast
    window.set_presentation_mode(False)
    assert [_tick_px(p) for p in plots] == before


def test_every_plot_in_every_tab_is_scaled(window):
    from desktop_app.common.plot_scaling import plots_in

    window.set_presentation_mode(True)
    plots = plots_in(QApplication.allWidgets())
    assert len(plots) >= 10
    small = [p for p in plots if p.getAxis("bottom").isVisible() and _tick_px(p) < 18]
    assert small == []


def test_lines_thicker_and_back(window):
    plots = window.train_panel.plots
    curve = plots.train_loss_curve
    width = pg.mkPen(curve.opts["pen"]).widthF()
    symbol = curve.opts["symbolSize"]
    window.set_presentation_mode(True)
    assert pg.mkPen(curve.opts["pen"]).widthF() == pytest.approx(2 * width)
    assert curve.opts["symbolSize"] > symbol
    overlay = plots.loss_plot.plot([1, 2], [1.0, 0.5], pen=pg.mkPen("k", width=2))  # later
    QApplication.processEvents()  # the view box listener restyles curves added later
    assert pg.mkPen(overlay.opts["pen"]).widthF() == pytest.approx(4)
    window.set_presentation_mode(False)
    assert pg.mkPen(curve.opts["pen"]).widthF() == pytest.approx(width)
    assert pg.mkPen(overlay.opts["pen"]).widthF() == pytest.approx(2)
    assert curve.opts["symbolSize"] == symbol


def test_probability_bar_labels_grow(window):
    bars = window.panels["Draw"].bars
    bars.set_probabilities([0.1] * 10)
    label = bars._labels[0]
    before = QFontInfo(label.textItem.font()).pixelSize()
    window.set_presentation_mode(True)
    assert QFontInfo(label.textItem.font()).pixelSize() >= 1.4 * before
    bars.set_classes([str(i) for i in range(10)])  # new labels, made in presentation mode
    QApplication.processEvents()
    assert QFontInfo(bars._labels[0].textItem.font()).pixelSize() >= 1.4 * before
    window.set_presentation_mode(False)
    assert QFontInfo(bars._labels[0].textItem.font()).pixelSize() == before


def test_export_at_slide_size(qtbot, tmp_path):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(440, 350)
    widget.plot([0, 1, 2], [3, 1, 2])
    export_plot(widget.getPlotItem(), tmp_path / "plot.png")
    image = QImage(str(tmp_path / "plot.png"))
    assert image.width() == EXPORT_WIDTH >= 1600
    assert image.height() > 0.5 * EXPORT_WIDTH
    export_plot(widget.getPlotItem(), tmp_path / "plot.svg")
    svg = (tmp_path / "plot.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<path" in svg


def test_canvas_outlines_scale_but_the_model_input_does_not(window):
    canvas = window.panels["Draw"].canvas
    canvas.draw_strokes([[(100, 60), (120, 140), (130, 220)]])
    before = canvas.to_array()
    window.set_presentation_mode(True)
    assert canvas.display_scale == pytest.approx(1.5)
    canvas.draw_strokes([[(300, 60), (320, 220)]])
    window.set_presentation_mode(False)
    canvas.undo()
    assert (canvas.to_array() == before).all()  # same ink, same 28x28 input
    assert canvas.display_scale == 1.0


def test_curves_export_is_slide_sized(window, tmp_path):
    written = window.export_curves(str(tmp_path / "export"))
    png = tmp_path / "export" / "curves_epoch_loss.png"
    assert png in written and (tmp_path / "export" / "curves_epoch_loss.svg") in written
    assert QImage(str(png)).width() >= 1600


def test_the_window_shrinks_back_after_presentation_mode_on_a_small_screen(window, qtbot):
    """Presentation mode's larger text can force a 1024x576 window to grow; turning it off
    must give the user's size back (Qt alone kept the grown window, wider than the screen)."""
    window.resize(1024, 576)
    qtbot.wait(100)
    window.set_presentation_mode(True)
    qtbot.waitUntil(lambda: window.width() >= window.minimumSizeHint().width(), timeout=2_000)
    grown = window.size()
    window.set_presentation_mode(False)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1024, 576), timeout=2_000)
    assert grown.width() >= 1024 and grown.height() >= 576


def test_legend_and_epoch_labels_grow_with_the_text(window):
    """Presentation mode once left the legends ("train", "smoothed") and the "epoch 2"
    labels at their old size: pyqtgraph records a new legend size but keeps drawing the
    old text until it is set again."""
    plots = window.train_panel.plots
    plots.marks.update(2.5)  # two epoch starts on the batch-loss plot
    line = plots.marks.epoch_lines[-1]
    label = next(lbl for _sample, lbl in plots.loss_plot.legend.items)

    def sizes():
        return label.item.boundingRect().height(), QFontInfo(line.label.textItem.font()).pixelSize()

    legend_before, epoch_before = sizes()
    window.set_presentation_mode(True)
    legend_after, epoch_after = sizes()
    assert legend_after >= 1.3 * legend_before and epoch_after >= 1.3 * epoch_before
    window.set_presentation_mode(False)
    assert sizes() == (legend_before, epoch_before)


def test_every_legend_in_the_window_has_a_background(window):
    """A legend without one let a curve run through its names (a compared run, a fit)."""
    from PySide6.QtWidgets import QWidget

    from desktop_app.common.plot_scaling import plots_in

    legends = [p.legend for p in plots_in(window.findChildren(QWidget)) if p.legend is not None]
    assert len(legends) >= 6  # Train's three, Experiments, the Playground's
    for legend in legends:
        brush = legend.opts["brush"]
        assert brush.style() != Qt.BrushStyle.NoBrush and brush.color().alpha() > 128
