"""Every tab and sub-page fits a 1024x576 window (a 1280x720 projector at 125 %, a
2048x1152 screen at 200 %), in English and in Chinese, with the lab guide dock hidden and
shown: the window's minimum size fits, no scroll area needs a horizontal scrollbar, and the
main actions and every plot are on screen without scrolling.

The tabs and pages are found, not listed: every tab of ``window.tabs`` and every page of
every QTabWidget / QStackedWidget inside it, so a tab or page added later is checked too.

Plot height: at 1024x768 every plot is at least 200 px tall. At 1024x576 the threshold is
150 px: the Train tab's Curves page stacks two rows of plots (loss per batch over loss and
accuracy per epoch) under two tab bars, and with the lab guide docked below there are about
400 px for both rows, so 200 each is impossible without scrolling them; 150 keeps each row
readable (and single plots get far more than 200).
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QStackedWidget, QTabWidget, QWidget

from desktop_app.common import i18n, settings
from desktop_app.main_window import MainWindow

SIZES = [(1024, 576), (1024, 768)]
MIN_PLOT_HEIGHT = {576: 150, 768: 200}


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE], ids=["en", "zh"])
def window(request, qapp, qtbot, tmp_path):
    settings.set_runs_root(tmp_path / "runs")
    assert i18n.install(qapp, request.param) == request.param
    win = MainWindow()
    win.resize(1024, 576)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    win.close()
    win.deleteLater()  # gone before the next test's window is built
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    i18n.install(qapp, i18n.ENGLISH)


def lab_dock(window):
    return window.panels["Labs"].dock


def settle(qtbot):
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(5)


def page_stacks(panel: QWidget) -> list[QTabWidget | QStackedWidget]:
    """Every QTabWidget and every QStackedWidget not owned by a QTabWidget, in ``panel``."""
    stacks = list(panel.findChildren(QTabWidget))
    stacks += [
        s for s in panel.findChildren(QStackedWidget) if not isinstance(s.parent(), QTabWidget)
    ]
    return stacks


def bring_forward(widget: QWidget, panel: QWidget) -> None:
    """Make every stack between ``widget`` and ``panel`` show the page holding ``widget``."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not panel:
        if isinstance(parent, QStackedWidget):
            parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def pages(window, qtbot):
    """Show every tab and every page of every stack in it; yield (name, panel) for each."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        panel = window.tabs.widget(index)
        settle(qtbot)
        yield panel.title, panel
        for stack in page_stacks(panel):
            for page in range(stack.count()):
                bring_forward(stack, panel)
                stack.setCurrentIndex(page)
                settle(qtbot)
                label = stack.tabText(page) if isinstance(stack, QTabWidget) else page
                yield f"{panel.title} / {type(stack).__name__} page {label}", panel


def on_screen(widget: QWidget, window) -> QRect:
    """The part of ``widget`` a user sees without scrolling: clipped by every scroll area's
    viewport and every ancestor between it and the window."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect &= QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    return rect & window.rect()


def fully_visible(widget: QWidget, window) -> bool:
    return widget.isVisible() and on_screen(widget, window).size() == widget.size()


def problems_on_page(name: str, panel: QWidget, window, height: int) -> list[str]:
    problems = []
    for area in panel.findChildren(QScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            problems.append(f"{name}: {type(area.widget()).__name__} scrolls sideways")
    for plot in panel.findChildren(pg.GraphicsView):
        if not plot.isVisible():
            continue
        seen = on_screen(plot, window)
        if seen.size() != plot.size():
            problems.append(f"{name}: {type(plot).__name__} clipped to {seen.size().toTuple()}")
        if plot.height() < MIN_PLOT_HEIGHT[height]:
            problems.append(f"{name}: {type(plot).__name__} only {plot.height()} px tall")
    return problems


@pytest.mark.parametrize("dock_shown", [False, True], ids=["no-guide", "guide"])
def test_the_window_minimum_fits_1024x576(window, qtbot, dock_shown):
    lab_dock(window).setVisible(dock_shown)
    settle(qtbot)
    for size in (window.minimumSizeHint(), window.minimumSize()):
        assert size.width() <= 1024 and size.height() <= 576, size.toTuple()


@pytest.mark.parametrize("dock_shown", [False, True], ids=["no-guide", "guide"])
@pytest.mark.parametrize("width, height", SIZES, ids=["1024x576", "1024x768"])
def test_every_page_fits_without_sideways_scrolling_and_shows_its_plots(
    window, qtbot, dock_shown, width, height
):
    lab_dock(window).setVisible(dock_shown)
    window.resize(width, height)
    settle(qtbot)
    assert window.size().toTuple() == (width, height)
    problems = []
    for name, panel in pages(window, qtbot):
        problems += problems_on_page(name, panel, window, height)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("dock_shown", [False, True], ids=["no-guide", "guide"])
@pytest.mark.parametrize("width, height", SIZES, ids=["1024x576", "1024x768"])
def test_the_main_actions_are_visible_without_scrolling(window, qtbot, dock_shown, width, height):
    lab_dock(window).setVisible(dock_shown)
    window.resize(width, height)
    train = window.train_panel
    window.show_tab("Train")
    settle(qtbot)
    controls = train.controls
    for button in (controls.start_button, controls.pause_button, controls.stop_button):
        assert fully_visible(button, window), button.text()
    draw = window.panels["Draw"]
    window.show_tab("Draw")
    settle(qtbot)
    assert fully_visible(draw.canvas, window)
    assert draw.canvas.height() >= 150
    assert fully_visible(draw.bars, window)
    assert draw.bars.height() >= 120


@pytest.fixture(scope="module")
def shown_results():
    """Results of an untrained softmax model on 100 tiny images (what a finished run
    shows on the Results page), and of a second model: another run."""
    from desktop_app.train.results.data import compute_results
    from tests.helpers.datasets import tiny_split
    from training_core.models import build_model

    split = tiny_split(100, 3)
    return [compute_results(build_model("softmax").eval(), split, "softmax") for _ in range(2)]


@pytest.mark.parametrize("dock_shown", [False, True], ids=["no-guide", "guide"])
def test_the_results_page_has_room_at_1024x576(window, qtbot, shown_results, dock_shown):
    lab_dock(window).setVisible(dock_shown)
    window.resize(1024, 576)
    train = window.train_panel
    window.show_tab("Train")
    train.results.set_results(shown_results[0], "run-1")
    train.pages.setCurrentWidget(train.results)
    settle(qtbot)
    assert window.size().toTuple() == (1024, 576)
    problems = problems_on_page("Results", train.results, window, 576)
    assert not problems, "\n".join(problems)


def test_a_clicked_confusion_cell_is_outlined_until_another_run_is_shown(
    window, qtbot, shown_results
):
    results = window.train_panel.results
    results.set_results(shown_results[0], "run-1")
    confusion = results.confusion
    assert confusion.selected is None and not confusion.outline.isVisible()
    with qtbot.waitSignal(confusion.cell_clicked, timeout=1_000) as clicked:
        confusion._clicked(4, 2)  # a click at column 4 (predicted), row 2 (true)
    assert clicked.args == [2, 4]
    assert confusion.selected == (2, 4)
    assert confusion.outline.isVisible()
    assert confusion.outline.rect().getRect() == (4.0, 2.0, 1.0, 1.0)
    confusion._clicked(7, 9)
    assert confusion.outline.rect().getRect() == (7.0, 9.0, 1.0, 1.0)
    confusion._clicked(42, 0)  # outside the matrix: the outline stays where it was
    assert confusion.selected == (9, 7)
    results.set_results(shown_results[1], "run-2")
    assert confusion.selected is None and not confusion.outline.isVisible()


def plots_wider_than_their_view(name: str, panel: QWidget) -> list[str]:
    """Plots whose content is laid out wider (or taller) than the view showing it: pyqtgraph
    then cuts the right part off (a bar of the chart, an axis), and nothing else notices."""
    problems = []
    for view in panel.findChildren(pg.GraphicsView):
        item = getattr(view, "centralWidget", None)
        if not view.isVisible() or item is None:
            continue
        content = item.sceneBoundingRect()
        if content.width() > view.width() + 1 or content.height() > view.height() + 1:
            size = (round(content.width()), round(content.height()))
            problems.append(f"{name}: {view.size().toTuple()} view shows {size} of plot")
    return problems


def test_no_plot_is_cut_off_inside_its_view(window, qtbot):
    """A long title (the softmax chart's, Chinese histogram titles) once made the plot
    wider than its view at 1024x576: the third class's bar was out of sight."""
    window.resize(1024, 576)
    settle(qtbot)
    problems = []
    for name, panel in pages(window, qtbot):
        problems += plots_wider_than_their_view(name, panel)
    assert not problems, "\n".join(problems)


def test_a_long_title_never_widens_its_plot(qtbot):
    from desktop_app.common.plot_scaling import let_title_shrink

    def shown(shrink: bool) -> pg.PlotWidget:
        view = pg.PlotWidget(title="a title much wider than the little plot it sits on top of")
        qtbot.addWidget(view)
        if shrink:
            let_title_shrink(view.getPlotItem())
        view.resize(160, 200)
        view.show()
        qtbot.waitExposed(view)
        settle(qtbot)
        return view

    plain = shown(shrink=False)
    assert plain.getPlotItem().sceneBoundingRect().width() > plain.width()  # pyqtgraph alone
    view = shown(shrink=True)
    item = view.getPlotItem()
    assert item.sceneBoundingRect().width() <= view.width() + 1
    item.setTitle("a later title, just as much wider than the plot it sits on")
    view.resize(150, 200)
    settle(qtbot)
    assert item.sceneBoundingRect().width() <= view.width() + 1  # still lets it shrink
    assert item.titleLabel.text.startswith("a later title")
