"""How a run's state and summary read in the window's language (the Train tab's status
line and the runs list share these words)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.common.i18n import core_text
from training_core.run_record import RunRecord


def state_text(state: str) -> str:
    """A run's state ("completed", "interrupted", …) in the window's language."""
    names = {
        "running": QCoreApplication.translate("RunState", "running"),
        "completed": QCoreApplication.translate("RunState", "completed"),
        "stopped": QCoreApplication.translate("RunState", "stopped"),
        "diverged": QCoreApplication.translate("RunState", "diverged"),
        "failed": QCoreApplication.translate("RunState", "failed"),
        "interrupted": QCoreApplication.translate("RunState", "interrupted"),
        "damaged": QCoreApplication.translate("RunState", "damaged"),
        "unknown": QCoreApplication.translate("RunState", "unknown"),
    }
    return names.get(state, state)


def run_status_text(record: RunRecord) -> str:
    state = state_text(record.state)
    if record.metrics:
        last = record.metrics[-1]
        text = QCoreApplication.translate(
            "TrainPanel", "Run {name}: {state}, {epoch} of {epochs} epochs, test accuracy {acc}"
        ).format(
            name=record.path.name,
            state=state,
            epoch=last["epoch"],
            epochs=record.config.get("epochs", "?"),
            acc=f"{last['test_acc']:.2%}",
        )
    else:
        text = QCoreApplication.translate("TrainPanel", "Run {name}: {state}").format(
            name=record.path.name, state=state
        )
    if record.reason:
        return QCoreApplication.translate("TrainPanel", "{text} ({reason}).").format(
            text=text, reason=core_text(record.reason)
        )
    return QCoreApplication.translate("TrainPanel", "{text}.").format(text=text)
