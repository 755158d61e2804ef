"""One state per run: the Train tab's pages that show a run, and which run that is.

Opening a run, starting or resuming one, and a run that fails or diverges all go through
:meth:`RunViews.reset`, so no page can keep a piece of the run shown before (curves,
epoch and divergence marks, axes, a comparison overlay, results, progress, status). Every
page names the run it shows with the one title ``run_text.run_title`` makes. Results of a
past run are computed off the UI thread and dropped if they arrive for another run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.common import settings
from desktop_app.common.i18n import error_text
from desktop_app.common.workers import LatestOnlyRunner
from desktop_app.train.controls import TrainControls
from desktop_app.train.plots import TrainPlots
from desktop_app.train.results.data import results_for_checkpoint
from desktop_app.train.results.view import ResultsView

log = logging.getLogger(__name__)


class RunViews(QObject):
    """The curves, the results page and the progress/status of one run."""

    results_shown = Signal()

    def __init__(
        self,
        plots: TrainPlots,
        results: ResultsView,
        controls: TrainControls,
        test_split: Callable[[], object],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.plots, self.results, self.controls = plots, results, controls
        self._test_split = test_split  # tests' synthetic split; None: the real one
        self.runner = LatestOnlyRunner(self)
        self.title = ""  # run_text.run_title of the run every page shows
        self._request = 0  # counts requests: only the latest one's answer is shown
        self._waiting = False  # for the latest request's answer
        self.runner.result_ready.connect(self._computed)
        self.runner.failed.connect(self._failed)

    def reset(self, title: str, history=(), batch_points=()) -> None:
        """Show the run ``title`` names: its epochs and batch losses, nothing else yet."""
        self.title = title
        self._waiting = False
        self.runner.cancel_pending()
        self.plots.set_history(list(history), batch_points)
        self.plots.clear_overlay()
        self.plots.set_run_title(title)
        self.results.set_results(None)
        self.controls.reset_progress()
        self.controls.show_status("")

    def show_results(self, results: dict) -> None:
        self._waiting = False  # nothing computed later replaces these
        self.results.set_results(results, self.title)
        self.results_shown.emit()

    def message(self, text: str) -> None:
        """The Results page without results: why, under the name of the run."""
        self.results.set_results(None)
        if self.title:
            text = self.tr("{run}: {text}").format(run=self.title, text=text)
        self.results.show_message(text)

    def request_results(self, checkpoint: Path | None) -> None:
        """Compute a checkpoint's results off the UI thread; ``None``: say there are none."""
        self._request += 1
        self._waiting = checkpoint is not None
        if checkpoint is None:
            self.message(self.tr("This run has no finished epoch yet, so no results."))
            return
        self.message(self.tr("Computing results on the test set…"))  # never another run's
        self.runner.submit(
            _answer, self._request, str(checkpoint), settings.data_root(), self._test_split()
        )

    def _computed(self, answer: tuple[int, dict | None, str]) -> None:
        request, results, reason = answer
        if not self._waiting or request != self._request:  # an older request's, late
            return
        if results is None:
            self._waiting = False
            self.message(self.tr("No results: {reason}").format(reason=reason))
        else:
            self.show_results(results)

    def _failed(self, reason: str) -> None:  # _answer reports its own errors: a bug
        self.message(self.tr("No results: {reason}").format(reason=reason))


def _answer(request: int, *args) -> tuple[int, dict | None, str]:
    """(request, results, "") or (request, None, why not): an answer that says which
    request it answers, so a late one for another run (or for an older file of the same
    run) is dropped, its failure included."""
    try:
        return request, results_for_checkpoint(*args), ""
    except Exception as exc:  # a damaged checkpoint: said on the Results page
        log.warning("no results for %s", args[0], exc_info=True)
        return request, None, error_text(exc)
