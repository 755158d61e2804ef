"""The lab guide bar: the current step in three short rows under any tab.

The student reads the question while looking at the Train curves, so the bar sits at the
bottom of the main window (a dock, toggled by View > Lab guide) and stays small: the step
and its Back/Next, the step's action buttons with what its runs are doing, the question
with an answer field and Check, and the feedback. The step's prose is in the Labs tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.common import palette
from desktop_app.common.layout import scroll_area_of
from desktop_app.labs.guide import LabGuide, offered_dataset
from desktop_app.labs.steps import action_text, action_tip, state_text

MAX_ACTION_BUTTONS = 10  # five actions a step at most, each maybe with an offered dataset
FEEDBACK_COLOURS = {True: "#1b5e20", False: palette.ERROR}


class LabBar(QWidget):
    """The open lab's current step; drives ``guide`` and redraws when it changes."""

    read_requested = Signal()  # show the step's text (the Labs tab)
    report_requested = Signal()
    close_requested = Signal()  # hide the bar (View > Lab guide brings it back)

    def __init__(self, guide: LabGuide, parent=None):
        super().__init__(parent)
        self.guide = guide
        self._question_index = 0
        self._choices: dict[str, list[str]] = {}
        self._entries: list = []  # what each action button runs

        self.step_label = QLabel()
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)
        self.step_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.read_button = QPushButton(self.tr("Read the step"))
        self.read_button.setToolTip(self.tr("Show this step's text in the Labs tab"))
        self.report_button = QPushButton(self.tr("Save my lab report…"))
        self.close_button = QPushButton("✕")
        self.close_button.setToolTip(self.tr("Hide the lab guide (View > Lab guide shows it)"))
        self.close_button.setFixedWidth(self.close_button.sizeHint().height())
        top = QHBoxLayout()
        top.addWidget(self.step_label, 1)
        buttons = (self.read_button, self.report_button, self.back_button, self.next_button)
        for button in (*buttons, self.close_button):
            top.addWidget(button)

        self.action_buttons = [QPushButton() for _ in range(MAX_ACTION_BUTTONS)]
        self.runs_label = QLabel()
        self.runs_label.setTextFormat(Qt.TextFormat.PlainText)
        self.runs_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        middle = QHBoxLayout()
        for index, button in enumerate(self.action_buttons):
            button.clicked.connect(lambda _=False, i=index: self.run_action(i))
            middle.addWidget(button)
        middle.addWidget(self.runs_label, 1)

        self.question_picker = QComboBox()
        self.question_picker.setAccessibleName(self.tr("Question"))
        self.question_picker.setToolTip(self.tr("This step's questions"))
        self.question_label = QLabel()
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        self.question_label.setWordWrap(True)
        self.question_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.answer = QComboBox()
        self.answer.setEditable(True)
        self.answer.setAccessibleName(self.tr("Your answer"))
        self.answer.setMinimumContentsLength(14)
        self.answer.lineEdit().setPlaceholderText(self.tr("Your answer"))
        self.answer.lineEdit().returnPressed.connect(self.check)
        self.check_button = QPushButton(self.tr("Check"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.question_picker)
        bottom.addWidget(self.question_label, 1)
        bottom.addWidget(self.answer)
        bottom.addWidget(self.check_button)

        self.feedback = QLabel()
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.feedback.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(2)
        for row in (top, middle, bottom):
            layout.addLayout(row)
        layout.addWidget(self.feedback)

        self.back_button.clicked.connect(lambda: guide.go(guide.step_index - 1))
        self.next_button.clicked.connect(lambda: guide.go(guide.step_index + 1))
        self.read_button.clicked.connect(self.read_requested)
        self.report_button.clicked.connect(self.report_requested)
        self.close_button.clicked.connect(self.close_requested)
        self.check_button.clicked.connect(self.check)
        self.question_picker.currentIndexChanged.connect(self._pick_question)
        guide.changed.connect(self.refresh)
        guide.status.connect(self.show_status)
        guide.choices_ready.connect(self._set_choices)
        self.refresh()

    # -- what is shown ------------------------------------------------------------------
    def refresh(self) -> None:
        guide, step = self.guide, self.guide.step
        if step is None:
            self.step_label.setText(self.tr("No lab is open: choose one in the Labs tab."))
            for widget in (*self.action_buttons, self.question_picker):
                widget.setVisible(False)
            for widget in (self.back_button, self.next_button, self.check_button, self.answer):
                widget.setEnabled(False)
            self.read_button.setEnabled(False)
            self.report_button.setEnabled(False)
            self.question_label.clear()
            self.runs_label.clear()
            self.feedback.clear()
            self._compact()
            return
        count = len(guide.lab.steps)
        self.step_label.setText(
            self.tr("{lab} — step {number} of {count}: {title}").format(
                lab=guide.lab.title, number=guide.step_index + 1, count=count, title=step.title
            )
        )
        self.step_label.setToolTip(self.step_label.text())
        self.back_button.setEnabled(guide.step_index > 0)
        self.next_button.setEnabled(guide.step_index < count - 1)
        self.read_button.setEnabled(True)
        self.report_button.setEnabled(True)
        self._entries = []  # (action, dataset offered or None), one per button
        for action in step.actions:
            self._entries.append((action, None))
            offer = offered_dataset(action)
            if offer:
                self._entries.append((action, offer))
        for index, button in enumerate(self.action_buttons):
            button.setVisible(index < len(self._entries))
            if index < len(self._entries):
                action, offer = self._entries[index]
                text = action_text(action)
                if offer:
                    text = self.tr("{action}, on {dataset}").format(action=text, dataset=offer)
                button.setText(text)
                button.setToolTip(action_tip(action))
        self.runs_label.setText(self.runs_text())
        questions = step.questions
        self.question_picker.blockSignals(True)
        self.question_picker.clear()
        for number in range(len(questions)):
            self.question_picker.addItem(self.tr("Q{number}").format(number=number + 1))
        self._question_index = min(self._question_index, max(len(questions) - 1, 0))
        self.question_picker.setCurrentIndex(self._question_index)
        self.question_picker.blockSignals(False)
        self.question_picker.setVisible(len(questions) > 1)
        self._show_question()
        self._compact()

    def _pick_question(self, index: int) -> None:
        self._question_index = max(index, 0)
        self._show_question()
        self._compact()

    @property
    def question(self):
        step = self.guide.step
        if step is None or not step.questions:
            return None
        return step.questions[min(self._question_index, len(step.questions) - 1)]

    def _show_question(self) -> None:
        question = self.question
        for widget in (self.answer, self.check_button):
            widget.setEnabled(question is not None)
        if question is None:
            self.question_label.setText(self.tr("No question in this step: read, run, go on."))
            self.answer.clear()
            self.feedback.clear()
            return
        self.question_label.setText(question.ask)
        self.question_label.setToolTip(question.ask)
        given = self.guide.session.answers.get(question.key) if self.guide.session else None
        self._fill_choices(self._choices.get(question.key, []), given["answer"] if given else "")
        if given:
            self.show_feedback(given["feedback"], given["correct"])
        else:
            missing = self.guide.missing_runs(question)
            self.feedback.setStyleSheet("")
            self.feedback.setText(self.guide.run_first(missing[0]) if missing else "")

    def _fill_choices(self, choices: list[str], text: str) -> None:
        self.answer.blockSignals(True)
        self.answer.clear()
        for choice in choices:
            self.answer.addItem(self.choice_text(choice), choice)
        self.answer.setCurrentIndex(-1)
        self.answer.setEditText(text)
        self.answer.blockSignals(False)

    def _set_choices(self, choices: dict) -> None:
        self._choices.update(choices)
        question = self.question
        if question is not None and question.key in choices:
            self._fill_choices(choices[question.key], self.answer.currentText())

    def choice_text(self, value: str) -> str:
        """The loss_went words in the window's language; class and run names as they are."""
        words = {"down": self.tr("down"), "up": self.tr("up"), "exploded": self.tr("exploded")}
        return words.get(value, value)

    def answer_text(self) -> str:
        """The student's answer: a choice's own value, or what they typed."""
        text = self.answer.currentText()
        index = self.answer.findText(text)
        return self.answer.itemData(index) if index >= 0 else text

    def runs_text(self) -> str:
        step = self.guide.step
        names = [a.run for a in step.actions if getattr(a, "run", None)]
        names += [n for q in step.questions for n in q.runs if n not in names]
        parts = []
        for name in names:
            state = state_text(self.guide.run_state(name))
            parts.append(self.tr("run {run}: {state}").format(run=name, state=state))
        return " · ".join(parts)

    # -- what the student does ----------------------------------------------------------
    def run_action(self, index: int) -> None:
        if self.guide.step is not None and index < len(self._entries):
            self.guide.run_action(*self._entries[index])

    def check(self) -> bool:
        question = self.question
        if question is None:
            return False
        return self.guide.check(question, self.answer_text())

    def show_status(self, text: str) -> None:
        self.feedback.setStyleSheet("")
        self.feedback.setText(text)
        self.runs_label.setText(self.runs_text() if self.guide.step else "")
        self._compact()

    def show_feedback(self, text: str, correct: bool) -> None:
        mark = "✓" if correct else "✗"
        self.feedback.setStyleSheet(f"color: {FEEDBACK_COLOURS[bool(correct)]};")
        self.feedback.setText(f"{mark} {text}")
        self._compact()
        QTimer.singleShot(0, self._reveal_feedback)  # once the new line has been laid out

    def _reveal_feedback(self) -> None:
        """On a 576-pixel screen the docked bar scrolls: bring the feedback into sight."""
        area = scroll_area_of(self)
        if area is not None and self.feedback.isVisible():
            area.ensureWidgetVisible(self.feedback)

    def _compact(self) -> None:
        """Hide what has nothing to say (no lab open, no feedback yet): the docked bar
        stays slim enough for a 1024x576 window."""
        lab_open = self.guide.step is not None
        for widget in (self.question_label, self.answer, self.check_button):
            widget.setVisible(lab_open)
        self.runs_label.setVisible(bool(self.runs_label.text()))
        self.feedback.setVisible(bool(self.feedback.text()))
