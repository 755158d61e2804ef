"""How a run reads in the window's language: its name on every page that shows it, its
state (the Train tab's status line and the runs list share these words), and the core's
one-line reasons turned into sentences.

One place for run naming, so the Curves page, the Results page and the status line can
never name the same run differently.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop_app.common.i18n import core_text, sentences
from training_core.run_record import RunRecord

_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-|$)")  # RunDirectory.create


def state_text(state: str) -> str:
    """A run's state ("completed", "interrupted", …) in the window's language, as a word
    inside a sentence ("Run 3: stopped, …"); :func:`state_label` where it stands alone."""
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


def state_label(state: str) -> str:
    """The state as a word that stands alone or starts a sentence ("Stopped"): a table
    cell, a progress bar. Capitalised after translation, so one catalog entry serves both
    (a no-op for Chinese)."""
    text = state_text(state)
    return text[:1].upper() + text[1:]


def sentence(text: str) -> str:
    """A core reason ("stopped during epoch 3") as a sentence of its own: a capital first
    letter and a full stop (。 after Chinese)."""
    text = text.strip()
    if not text:
        return ""
    text = text[:1].upper() + text[1:]
    if text.endswith((".", "!", "?", "。", "！", "？", "…")):
        return text
    return text + ("。" if ord(text[-1]) >= 0x2E80 else ".")


def run_started_at(folder: str | Path) -> str:
    """When a run folder was made ("2026-12-01 10:00:07", from the name RunDirectory.create
    gives it; to the second, so two runs of one minute read apart); another folder's own
    name."""
    name = Path(folder).name
    found = _STAMP.match(name)
    if not found:
        return name
    year, month, day, hour, minute, second = found.groups()
    return f"{year}-{month}-{day} {hour}:{minute}:{second}"


def _settings(config: dict) -> str:
    parts = [str(config.get("model", "?"))]
    if config.get("dataset") not in (None, "", "mnist"):
        parts.append(str(config["dataset"]))
    if isinstance(config.get("lr"), int | float):
        parts.append(
            QCoreApplication.translate("RunText", "lr {lr}").format(lr=f"{config['lr']:g}")
        )
    return " · ".join(parts)


def run_title(folder: str | Path, config: dict) -> str:
    """The line that names a run on every page: "Run 2026-12-01 10:00 · mlp · lr 0.1"."""
    return QCoreApplication.translate("RunText", "Run {when} · {settings}").format(
        when=run_started_at(folder), settings=_settings(config)
    )


def checkpoint_title(path: str | Path, config: dict) -> str:
    """A checkpoint opened from a file: its run's title when it lies in a run folder,
    else the file's name."""
    path = Path(path)
    if _STAMP.match(path.parent.name):
        return run_title(path.parent, config)
    return QCoreApplication.translate("RunText", "Checkpoint {name} · {settings}").format(
        name=path.name, settings=_settings(config)
    )


def run_status_text(record: RunRecord) -> str:
    state = state_text(record.state)
    if record.metrics:
        last = record.metrics[-1]
        text = QCoreApplication.translate(
            "TrainPanel", "Run {name}: {state}, {epoch} of {epochs} epochs, test accuracy {acc}"
        ).format(
            name=run_started_at(record.path),  # the pages' titles hold the rest of its name
            state=state,
            epoch=last["epoch"],
            epochs=record.config.get("epochs", "?"),
            acc=f"{last['test_acc']:.2%}",
        )
    else:
        text = QCoreApplication.translate("TrainPanel", "Run {name}: {state}").format(
            name=run_started_at(record.path), state=state
        )
    if record.reason:
        return QCoreApplication.translate("TrainPanel", "{text} ({reason}).").format(
            text=text, reason=core_text(record.reason)
        )
    return QCoreApplication.translate("TrainPanel", "{text}.").format(text=text)


# The Train tab's status line while a run trains (context TrainPanel, where they are shown).
def started_text(info) -> str:
    """What a run trains on (a ``TrainStarted``), and what a resume changed."""
    started = QCoreApplication.translate(
        "TrainPanel",
        "Training on {device}: {images} images, {batches} batches per epoch, "
        "{parameters} parameters.",
    ).format(
        device=info.device,
        images=f"{info.train_size:,}",
        batches=f"{info.batches_per_epoch:,}",
        parameters=f"{info.parameters:,}",
    )
    notes = (
        QCoreApplication.translate("TrainPanel", "Note: {note}.").format(note=core_text(note))
        for note in info.notes
    )
    return sentences(started, *notes)


def paused_after_text(report) -> str:
    """Where a paused run stands after a step (a ``BatchReport``)."""
    return QCoreApplication.translate(
        "TrainPanel",
        "Paused after epoch {epoch}, batch {batch} (loss {loss}). Step one batch, or Resume.",
    ).format(epoch=report.epoch, batch=report.batch, loss=f"{report.loss:.4f}")


def epoch_text(report) -> str:
    """An epoch's accuracies and time (an ``EpochReport``)."""
    return QCoreApplication.translate(
        "TrainPanel",
        "Epoch {epoch}/{epochs}: train accuracy {train}, test accuracy {test} ({seconds} s).",
    ).format(
        epoch=report.epoch,
        epochs=report.epochs,
        train=f"{report.train_acc:.2%}",
        test=f"{report.test_acc:.2%}",
        seconds=f"{report.epoch_seconds:.1f}",
    )
