"""What every tab is: a :class:`Panel` with a title, the window's links, and a shutdown.

Tabs never import each other. When one needs another — open a run, use a checkpoint for
prediction, bring a tab to the front, hand a drawing over — it emits on
:class:`WindowLinks`, the one small switchboard the main window owns and passes to every
tab it builds. A tab built on its own (in a test) gets links of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget


class WindowLinks(QObject):
    """The signals through which tabs reach each other; owned by the main window."""

    open_run = Signal(str)  # a run folder to show in the Train tab
    use_checkpoint = Signal(str)  # a checkpoint file for the views that predict (Draw)
    show_tab = Signal(str)  # bring the tab with this title to the front
    send_drawing = Signal(object)  # a drawn digit (uint8 array, white on black) for a view
    # What Draw is classifying (an image array, or None when empty) and the checkpoint that
    # reads it: the Inside tab follows it.
    look_inside = Signal(object, str)
    # The Train form's settings (a callable returning a TrainConfig) that a sweep in the
    # Experiments tab starts from; the main window sets it, a tab built alone has None.
    train_config = None
    # A lab (desktop_app.labs) drives the other tabs with plain data. The Train tab shows a
    # dict of TrainConfig options and, when the bool says so, trains; it says which run
    # folder it started (or one line why it did not), and how every run of its ended:
    # (run folder, status). compare_runs: show one run's curves with another's over them.
    run_training = Signal(object, bool)
    compare_runs = Signal(str, str)
    training_started = Signal(str)
    training_refused = Signal(str)
    training_ended = Signal(str, str)
    show_playground = Signal(object)  # a lab's playground action (its settings, a dict)
    show_image_tools = Signal(object)  # a lab's image-tools action (a sample and its steps)


class Panel(QWidget):
    """A tab of the main window. Subclasses set ``title`` and stop their work in ``shutdown``."""

    title = ""

    def __init__(self, links: WindowLinks | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.links = links if links is not None else WindowLinks(self)

    def tab_title(self) -> str:
        """The tab's name in the window's language (``title`` stays the English key that
        ``WindowLinks.show_tab`` and the panels dictionary use)."""
        return QCoreApplication.translate("Panel", self.title)

    def unfinished_work(self) -> str | None:
        """Work the user would lose by quitting now ("A training run"), or None. Closing
        the window asks first when a tab has some; a signal or a logout does not."""
        return None

    def shutdown(self) -> None:
        """The window is closing: stop background work and wait for it (briefly)."""
