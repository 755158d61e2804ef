"""The questions a lab can ask, each answered from the runs the student made.

A lab never stores an answer key. Each question kind is a pure function from the named
runs' results (:class:`RunResults`) to the :class:`Expected` answer, and a checker from the
student's typed or chosen answer to a :class:`Verdict` with feedback. Two students whose
runs differ get different expected answers; ``digit-lab lab --check`` computes the same
answers from its own reduced runs, so a question nobody could answer fails before class.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from training_core.lab_format import LabError
from training_core.messages import msg


@dataclass
class RunResults:
    """What a lab needs from one finished run, as plain JSON-able values.

    ``history``: one dict per epoch (``train_loss``, ``test_loss``, ``train_acc``,
    ``test_acc``); ``confusion``: rows are true classes, columns predictions, on the test
    split (None until asked for)."""

    name: str
    kind: str  # "train" or "playground"
    settings: dict = field(default_factory=dict)
    history: list[dict] = field(default_factory=list)
    status: str = "completed"
    class_names: list[str] = field(default_factory=list)
    confusion: list[list[int]] | None = None
    path: str | None = None  # the run folder of a train run

    def last(self, key: str) -> float:
        value = self.history[-1].get(key) if self.history else None
        return float(value) if isinstance(value, int | float) else math.nan

    @property
    def final_accuracy(self) -> float:
        return self.last("test_acc")

    @property
    def final_loss(self) -> float:
        return self.last("test_loss")

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, raw: object) -> RunResults:
        """Back from a session file, every field's type checked (a session file is the
        user's and may be edited or damaged); ValueError on anything malformed."""
        if not isinstance(raw, dict):
            raise ValueError("a run must be an object")
        types = {
            "name": str,
            "kind": str,
            "settings": dict,
            "history": list,
            "status": str,
            "class_names": list,
            "confusion": (list, type(None)),
            "path": (str, type(None)),
        }
        for key, kind in types.items():
            if key in raw and not isinstance(raw[key], kind):
                raise ValueError(f"run field {key} has the wrong type")
        if "name" not in raw or not all(isinstance(h, dict) for h in raw.get("history", [])):
            raise ValueError("run without a name, or with a bad history")
        if not all(isinstance(n, str) for n in raw.get("class_names", [])):
            raise ValueError("bad class names")
        confusion = raw.get("confusion")
        if confusion is not None and not all(
            isinstance(row, list) and all(type(c) is int for c in row) for row in confusion
        ):
            raise ValueError("bad confusion matrix")
        return cls(**{k: raw[k] for k in types if k in raw})


@dataclass(frozen=True)
class Expected:
    """The answer the runs give: ``accepted`` values (ties), the text to show, and the
    placeholders feedback may use."""

    accepted: tuple
    text: str
    params: dict


@dataclass(frozen=True)
class Verdict:
    correct: bool
    feedback: str


class QuestionError(LabError):
    """A question the runs cannot answer (a perfect confusion matrix, a diverged run...)."""


@dataclass(frozen=True)
class QuestionKind:
    runs: int  # how many runs it names (1: run:, 2: runs:)
    compute: Callable[..., Expected]
    read: Callable[..., object]  # the student's text -> a value comparable to accepted
    placeholders: tuple[str, ...] = ("expected", "answer")


MAX_ANSWER_CHARS = 200  # longer answers are cut: nothing a question asks for is longer
LOSS_WORDS = {
    "down": ("down", "decreased", "下降", "降低"),
    "up": ("up", "increased", "flat", "上升", "不变"),
    "exploded": ("exploded", "diverged", "爆炸", "发散"),
}


def _class_text(results: RunResults, index: int) -> str:
    names = results.class_names
    return names[index] if 0 <= index < len(names) else str(index)


def _confusion(results: RunResults) -> list[list[int]]:
    if not results.confusion:
        raise QuestionError(
            msg("lab.no_confusion", "run {name!r} has no confusion matrix", name=results.name)
        )
    return results.confusion


def _most_confused(runs: list[RunResults], question) -> Expected:
    (r,) = runs
    matrix = _confusion(r)
    cells = [(c, t, p) for t, row in enumerate(matrix) for p, c in enumerate(row) if t != p]
    top = max((c for c, _, _ in cells), default=0)
    if top == 0:
        raise QuestionError(
            msg(
                "lab.no_mistakes",
                "run {name!r} made no mistakes on its test images: nothing is confused",
                name=r.name,
            )
        )
    pairs = tuple((t, p) for c, t, p in cells if c == top)
    text = " / ".join(f"{_class_text(r, t)} → {_class_text(r, p)}" for t, p in pairs)
    return Expected(pairs, text, {"count": top})


def _per_class(r: RunResults) -> list[tuple[float, int]]:
    rows = _confusion(r)
    return [(row[i] / sum(row), i) for i, row in enumerate(rows) if sum(row)]


def _extreme_class(runs: list[RunResults], question, worst: bool) -> Expected:
    (r,) = runs
    accs = _per_class(r)
    best = min(a for a, _ in accs) if worst else max(a for a, _ in accs)
    classes = tuple(i for a, i in accs if a == best)
    text = " / ".join(_class_text(r, i) for i in classes)
    return Expected(classes, text, {"accuracy": f"{best:.1%}"})


def _final_accuracy(runs: list[RunResults], question) -> Expected:
    (r,) = runs
    acc = r.final_accuracy
    if not math.isfinite(acc):
        raise QuestionError(
            msg("lab.no_accuracy", "run {name!r} has no final test accuracy", name=r.name)
        )
    return Expected((acc,), f"{acc:.1%}", {"accuracy": f"{acc:.1%}"})


def _better_run(runs: list[RunResults], question) -> Expected:
    """Higher final test accuracy (``by: loss``: lower test loss); the other measure breaks
    a tie, which small test sets make likely. A run that diverged is the worse one."""

    def score(r: RunResults) -> tuple[float, float]:
        acc, loss = r.final_accuracy, r.final_loss
        acc = acc if math.isfinite(acc) else -math.inf
        loss = -loss if math.isfinite(loss) else -math.inf  # higher is better
        return (loss, acc) if question.by == "loss" else (acc, loss)

    scores = [score(r) for r in runs]
    if scores[0] == scores[1]:
        raise QuestionError(
            msg(
                "lab.runs_tie",
                "runs {a!r} and {b!r} ended equal: neither is better",
                a=runs[0].name,
                b=runs[1].name,
            )
        )
    pick = 0 if scores[0] > scores[1] else 1
    return Expected((runs[pick].name,), runs[pick].name, {"other": runs[1 - pick].name})


def loss_trend(r: RunResults) -> str:
    """down / up / exploded, against the loss of a model that guesses uniformly, ln(classes):
    where every classifier's training starts."""
    start = math.log(max(len(r.class_names), 2))
    end = r.last("train_loss")
    if r.status == "diverged" or not math.isfinite(end) or end > 3 * start:
        return "exploded"
    return "down" if end < start else "up"


def _loss_went(runs: list[RunResults], question) -> Expected:
    (r,) = runs
    if not r.history and r.status != "diverged":
        raise QuestionError(msg("lab.no_history", "run {name!r} finished no epoch", name=r.name))
    trend = loss_trend(r)
    return Expected((trend,), trend, {})


# -- reading answers -----------------------------------------------------------------------


def _classes_in(text: str, names: list[str]) -> list[int]:
    """Class indices named in ``text`` in the order written: by name or by number, longest
    name first so "T-shirt/top" is not read as "shirt"."""
    folded = text.casefold()
    found: list[tuple[int, int]] = []
    taken = [False] * len(folded)
    order = sorted(range(len(names)), key=lambda i: -len(names[i]))
    for i in order:
        for m in re.finditer(re.escape(names[i].casefold()), folded):
            if not any(taken[m.start() : m.end()]):
                found.append((m.start(), i))
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    for m in re.finditer(r"\d+", folded):
        if not any(taken[m.start() : m.end()]) and int(m.group()) < len(names):
            found.append((m.start(), int(m.group())))
    return [i for _, i in sorted(found)]


def _read_pair(text: str, runs: list[RunResults]):
    found = _classes_in(text, runs[0].class_names)
    return tuple(found) if len(found) == 2 else None


def _read_class(text: str, runs: list[RunResults]):
    found = _classes_in(text, runs[0].class_names)
    return found[0] if len(found) == 1 else None


def read_fraction(text: str) -> float | None:
    """``91.5``, ``91.5%`` or ``0.915`` as 0.915; a comma works as the decimal point."""
    m = re.fullmatch(r"\s*([0-9]+(?:[.,][0-9]*)?)\s*(%?)\s*", text)
    if not m:
        return None
    value = float(m.group(1).replace(",", "."))
    return value / 100 if m.group(2) or value > 1 else value


def _read_run(text: str, runs: list[RunResults]):
    wanted = text.strip().casefold()
    return next((r.name for r in runs if r.name.casefold() == wanted), None)


def _read_trend(text: str, runs: list[RunResults]):
    wanted = text.strip().casefold()
    return next((k for k, words in LOSS_WORDS.items() if wanted in words), None)


QUESTION_KINDS: dict[str, QuestionKind] = {
    "most_confused_pair": QuestionKind(
        1, _most_confused, _read_pair, ("expected", "answer", "count")
    ),
    "worst_class": QuestionKind(
        1, lambda r, q: _extreme_class(r, q, True), _read_class, ("expected", "answer", "accuracy")
    ),
    "best_class": QuestionKind(
        1, lambda r, q: _extreme_class(r, q, False), _read_class, ("expected", "answer", "accuracy")
    ),
    "final_accuracy": QuestionKind(
        1, _final_accuracy, lambda t, r: read_fraction(t), ("expected", "answer", "accuracy")
    ),
    "better_run": QuestionKind(2, _better_run, _read_run, ("expected", "answer", "other")),
    "loss_went": QuestionKind(1, _loss_went, _read_trend),
}
TRAIN_ONLY = ("most_confused_pair", "worst_class", "best_class")  # need a confusion matrix


def expected_answer(question, runs: dict[str, RunResults]) -> Expected:
    """What the named runs say the answer is; QuestionError when they cannot say."""
    missing = [n for n in question.runs if n not in runs]
    if missing:
        raise QuestionError(
            msg("lab.run_missing", "run {name!r} has not been made yet", name=missing[0])
        )
    return QUESTION_KINDS[question.kind].compute([runs[n] for n in question.runs], question)


def answer_choices(question, runs: dict[str, RunResults]) -> list[str]:
    """Choices for the app's widget, or [] for a free answer. Never only the right one:
    the student still has to read their own plot."""
    kind = question.kind
    if kind == "better_run":
        return list(question.runs)
    if kind == "loss_went":
        return list(LOSS_WORDS)
    if kind in ("worst_class", "best_class") and question.runs[0] in runs:
        return list(runs[question.runs[0]].class_names)
    return []


def check_answer(question, expected: Expected, answer: str, runs: dict[str, RunResults]) -> Verdict:
    """Compare the student's answer to the expected one; the feedback uses the lab's own
    ``correct``/``wrong`` text when it has one."""
    kind = QUESTION_KINDS[question.kind]
    answer = answer[:MAX_ANSWER_CHARS]
    value = kind.read(answer, [runs[n] for n in question.runs])
    if question.kind == "final_accuracy":
        right = value is not None and abs(value - expected.accepted[0]) <= question.tolerance
    else:
        right = value is not None and value in expected.accepted
    params = {**expected.params, "expected": expected.text, "answer": answer.strip()[:80]}
    template = question.correct if right else question.wrong
    if template:
        return Verdict(right, template.format_map(params))  # placeholders checked on load
    if right:
        return Verdict(
            True,
            msg("lab.answer_right", "Right: your run says {expected}.", expected=expected.text),
        )
    if value is None:
        return Verdict(
            False,
            msg(
                "lab.answer_unreadable",
                "Could not read {answer!r} as an "
                "answer to this question; your run says {expected}.",
                answer=params["answer"],
                expected=expected.text,
            ),
        )
    return Verdict(
        False,
        msg(
            "lab.answer_wrong",
            "Not quite: your run says {expected}, you answered {answer}.",
            expected=expected.text,
            answer=params["answer"],
        ),
    )
