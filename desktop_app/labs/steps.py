"""How a lab step reads in the app: its prose with each action and question in place, and
the text of an action's button. The lab's own words are Markdown shown without HTML
(:mod:`desktop_app.labs.text`); ours are translated (context ``LabSteps``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from training_core.lab_directives import (
    CompareAction,
    ImageToolsAction,
    OpenTabAction,
    PlaygroundAction,
    Question,
    TrainAction,
)

TAB_NAMES = {  # a lab's tab names as the tabs are called
    "train": "Train",
    "draw": "Draw",
    "inside": "Inside",
    "image_tools": "Image tools",
    "playground": "Playground",
    "experiments": "Experiments",
}


def action_text(action) -> str:
    """The button's text: the lab's ``label``, else what the action does."""
    if action.label:
        return action.label
    if isinstance(action, TrainAction):
        return QCoreApplication.translate("LabSteps", "Train {model}, {epochs} epochs").format(
            model=action.config.model, epochs=action.config.epochs
        )
    if isinstance(action, PlaygroundAction):
        return QCoreApplication.translate("LabSteps", "Open the Playground")
    if isinstance(action, ImageToolsAction):
        return QCoreApplication.translate("LabSteps", "Open Image tools")
    if isinstance(action, CompareAction):
        return QCoreApplication.translate("LabSteps", "Show run {run}").format(run=action.runs[0])
    if isinstance(action, OpenTabAction):
        tab = QCoreApplication.translate("Panel", TAB_NAMES[action.tab])
        return QCoreApplication.translate("LabSteps", "Open the {tab} tab").format(tab=tab)
    return QCoreApplication.translate("LabSteps", "Run this")


def action_tip(action) -> str:
    """What a train action sets, so the student sees it before pressing."""
    if isinstance(action, TrainAction):
        settings = ", ".join(f"{key} {value}" for key, value in action.given.items())
        return QCoreApplication.translate(
            "LabSteps", "Sets the Train tab to: {settings}; then starts training."
        ).format(settings=settings)
    return ""


def state_text(state: str | None) -> str:
    """A run's state as the bar shows it (None: the action has not been run)."""
    states = {
        None: QCoreApplication.translate("LabSteps", "not made yet"),
        "training": QCoreApplication.translate("LabSteps", "training…"),
        "completed": QCoreApplication.translate("LabSteps", "finished"),
        "stopped": QCoreApplication.translate("LabSteps", "stopped"),
        "diverged": QCoreApplication.translate("LabSteps", "diverged"),
        "failed": QCoreApplication.translate("LabSteps", "failed"),
    }
    return states.get(state, state)


def step_markdown(step, number: int) -> str:
    """The step as Markdown: a heading, its prose, and its actions and questions where the
    teacher put them (the buttons themselves are in the guide bar)."""
    parts = [f"## {number}. {step.title}"]
    for part in step.parts:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, Question):
            parts.append(
                "> "
                + QCoreApplication.translate("LabSteps", "**Question:** {ask}").format(ask=part.ask)
            )
        else:
            text = QCoreApplication.translate(
                "LabSteps", "**Action:** {action} (the button in the lab bar)"
            )
            parts.append("> " + text.format(action=action_text(part)))
    return "\n\n".join(parts)
