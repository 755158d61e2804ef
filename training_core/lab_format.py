"""The lab file format: a strict reader for the Markdown files teachers write.

A lab is one Markdown file per language: a tiny ``key: value`` front matter between ``---``
lines, an optional introduction, then steps, each starting at a ``## heading``. Inside a
step, fenced blocks tagged ``action`` or ``question`` are directives (``key: value`` lines,
validated in :mod:`training_core.lab_directives`); everything else is prose, kept as text.

A lab is data, never code: nothing in it is evaluated, its prose is shown as Markdown
without HTML and escaped in the report. The reader is strict because a teacher runs
``digit-lab lab FILE --check`` before class: every problem is one line naming the file and
the line (:class:`LabError`), not a lab that half-works in front of thirty students.
The format is documented in ``docs/labs.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from training_core.messages import Message, msg
from training_core.preferences import LANGUAGES

MAX_LAB_BYTES = 256 * 1024  # a lab is a few pages of text
MAX_STEPS = 50
MAX_DIRECTIVES = 5  # actions, and questions, per step
MAX_VALUE_CHARS = 2000
MAX_FRONT_MATTER_LINES = 40
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}\Z")
RUN_NAME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}\Z")
DIRECTIVE_TAGS = ("action", "question")
FENCE = "```"

# The budget ``--check`` trains with: (default, low, high) per front-matter key.
BUDGET_KEYS = {
    "check_epochs": (1, 1, 2),
    "check_train_subset": (6000, 100, 60000),
    "check_test_subset": (1000, 100, 10000),
}
TEXT_KEYS = ("id", "title", "language", "summary", "lesson")
FRONT_MATTER_KEYS = (*TEXT_KEYS, "order", *BUDGET_KEYS)


class LabError(ValueError):
    """A lab file that cannot be used; the message is one line naming the file and line."""


def lab_error(source: str, line: int, reason: Message) -> LabError:
    """The one way a lab problem is reported: ``file:line: reason``."""
    return LabError(
        msg("lab.error_at", "{file}:{line}: {reason}", file=source, line=line, reason=reason)
    )


@dataclass(frozen=True)
class Budget:
    """What ``--check`` trains with: few epochs on a slice of the data (the lab may lower
    it further; the check caps it, see ``BUDGET_KEYS``)."""

    epochs: int = 1
    train_subset: int = 6000
    test_subset: int = 1000


@dataclass(frozen=True)
class Block:
    """A directive block as written: its tag, its ``key: value`` pairs and their lines."""

    tag: str
    line: int
    values: dict[str, str]
    lines: dict[str, int]


@dataclass(frozen=True)
class Step:
    """One step: its title, prose (Markdown text, never HTML) and directives in order.

    ``parts`` keeps prose and directives in the order they were written, so the app can
    show an action's button where the teacher put it."""

    title: str
    line: int
    parts: tuple = ()  # str (prose) | Action | Question, in file order

    @property
    def prose(self) -> str:
        return "\n\n".join(p for p in self.parts if isinstance(p, str))

    @property
    def actions(self) -> tuple:
        from training_core.lab_directives import ACTION_TYPES

        return tuple(p for p in self.parts if isinstance(p, ACTION_TYPES))

    @property
    def questions(self) -> tuple:
        from training_core.lab_directives import Question

        return tuple(p for p in self.parts if isinstance(p, Question))


@dataclass(frozen=True)
class Lab:
    id: str
    title: str
    language: str
    steps: tuple[Step, ...]
    summary: str = ""
    lesson: str = ""
    order: int = 100
    intro: str = ""
    budget: Budget = field(default_factory=Budget)
    path: Path | None = None
    source: str = ""  # how errors name the file
    fallback: bool = False  # True: another language was asked for and is missing

    def run_names(self) -> list[str]:
        """The runs the lab's actions make, in order (what questions may refer to)."""
        return [a.run for s in self.steps for a in s.actions if getattr(a, "run", None)]

    def action(self, run: str):
        """The action that makes run ``run``."""
        for step in self.steps:
            for action in step.actions:
                if getattr(action, "run", None) == run:
                    return action
        raise KeyError(run)


def parse_lab(text: str, source: str, path: Path | None = None) -> Lab:
    """Read a lab's text; ``source`` names the file in errors. Raises :class:`LabError`."""
    from training_core.lab_directives import check_references, parse_block

    if len(text.encode("utf-8")) > MAX_LAB_BYTES:
        raise lab_error(
            source,
            1,
            msg("lab.too_large", "larger than the {most} bytes allowed", most=MAX_LAB_BYTES),
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header, body_start = _front_matter(lines, source)
    intro_parts: list = []
    steps: list[tuple[str, int, list]] = []
    current = intro_parts
    prose: list[str] = []
    i = body_start
    while i < len(lines):
        line = lines[i]
        number = i + 1
        _check_control_chars(line, source, number)
        if line.startswith("## "):
            _flush(prose, current)
            title = line[3:].strip()
            if not title:
                raise lab_error(source, number, msg("lab.empty_heading", "a step needs a title"))
            if len(steps) == MAX_STEPS:
                raise lab_error(
                    source,
                    number,
                    msg("lab.too_many_steps", "more than {most} steps", most=MAX_STEPS),
                )
            steps.append((title, number, []))
            current = steps[-1][2]
            i += 1
            continue
        if line.startswith(FENCE):
            tag = line[len(FENCE) :].strip()
            end = _closing_fence(lines, i, source)
            if tag in DIRECTIVE_TAGS:
                if current is intro_parts:
                    raise lab_error(
                        source,
                        number,
                        msg(
                            "lab.directive_before_step",
                            "an '{tag}' block must be inside a step (after a '## ' heading)",
                            tag=tag,
                        ),
                    )
                _flush(prose, current)
                block = _read_block(tag, lines, i, end, source)
                current.append(parse_block(block, source))
            else:  # any other fenced block (code) is prose, shown as written
                prose.extend(lines[i : end + 1])
            i = end + 1
            continue
        prose.append(line)
        i += 1
    _flush(prose, current)
    if not steps:
        raise lab_error(
            source,
            len(lines),
            msg("lab.no_steps", "no steps: a lab needs at least one '## ' heading"),
        )
    built = tuple(Step(title, number, tuple(parts)) for title, number, parts in steps)
    for step in built:
        if len(step.actions) > MAX_DIRECTIVES or len(step.questions) > MAX_DIRECTIVES:
            raise lab_error(
                source,
                step.line,
                msg(
                    "lab.too_many_directives",
                    "step '{title}' has more than {most} actions or {most} questions",
                    title=step.title,
                    most=MAX_DIRECTIVES,
                ),
            )
    lab = Lab(
        id=header["id"],
        title=header["title"],
        language=header["language"],
        steps=built,
        summary=header.get("summary", ""),
        lesson=header.get("lesson", ""),
        order=header.get("order", 100),
        intro="\n\n".join(p for p in intro_parts if isinstance(p, str)),
        budget=Budget(*(header.get(k, BUDGET_KEYS[k][0]) for k in BUDGET_KEYS)),
        path=path,
        source=source,
    )
    check_references(lab)
    return lab


def _flush(prose: list[str], parts: list) -> None:
    text = "\n".join(prose).strip("\n")
    if text.strip():
        parts.append(text)
    prose.clear()


def _check_control_chars(line: str, source: str, number: int) -> None:
    """Control characters (other than tab) have no place in a lab and could hide text."""
    bad = next((c for c in line if (ord(c) < 32 and c != "\t") or ord(c) == 127), None)
    if bad is not None:
        raise lab_error(
            source, number, msg("lab.control_char", "control character U+{code:04X}", code=ord(bad))
        )


def _closing_fence(lines: list[str], start: int, source: str) -> int:
    for j in range(start + 1, len(lines)):
        if lines[j].strip() == FENCE:
            return j
    raise lab_error(source, start + 1, msg("lab.unclosed_fence", "this ``` block is never closed"))


def _key_value(line: str, source: str, number: int) -> tuple[str, str]:
    key, sep, value = line.partition(":")
    key = key.strip()
    if not sep or not re.fullmatch(r"[a-z][a-z0-9_-]*", key):
        raise lab_error(
            source,
            number,
            msg(
                "lab.not_key_value", "expected 'key: value', found {text!r}", text=line.strip()[:60]
            ),
        )
    value = value.strip()
    if len(value) > MAX_VALUE_CHARS:
        raise lab_error(
            source,
            number,
            msg(
                "lab.value_too_long",
                "{key}: longer than {most} characters",
                key=key,
                most=MAX_VALUE_CHARS,
            ),
        )
    return key.replace("-", "_"), value


def _read_block(tag: str, lines: list[str], start: int, end: int, source: str) -> Block:
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    for j in range(start + 1, end):
        text = lines[j]
        _check_control_chars(text, source, j + 1)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        key, value = _key_value(text, source, j + 1)
        if key in values:
            raise lab_error(
                source, j + 1, msg("lab.duplicate_key", "{key} is given twice", key=key)
            )
        values[key] = value
        where[key] = j + 1
    return Block(tag, start + 1, values, where)


def _front_matter(lines: list[str], source: str) -> tuple[dict, int]:
    """The header's checked values and the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        raise lab_error(
            source,
            1,
            msg("lab.no_front_matter", "a lab starts with a '---' line, then its id and title"),
        )
    header: dict = {}
    for i in range(1, min(len(lines), MAX_FRONT_MATTER_LINES + 2)):
        line = lines[i]
        _check_control_chars(line, source, i + 1)
        if line.strip() == "---":
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, value = _key_value(line, source, i + 1)
        if key not in FRONT_MATTER_KEYS:
            raise lab_error(
                source,
                i + 1,
                msg(
                    "lab.unknown_header_key",
                    "unknown key {key!r}; the header knows: {known}",
                    key=key,
                    known=", ".join(FRONT_MATTER_KEYS),
                ),
            )
        if key in header:
            raise lab_error(
                source, i + 1, msg("lab.duplicate_key", "{key} is given twice", key=key)
            )
        header[key] = _header_value(key, value, source, i + 1)
    else:
        raise lab_error(
            source,
            1,
            msg("lab.unclosed_front_matter", "the header is never closed by a '---' line"),
        )
    for key in ("id", "title", "language"):
        if key not in header:
            raise lab_error(
                source, i + 1, msg("lab.missing_header_key", "the header needs {key}", key=key)
            )
    return header, i + 1


def _header_value(key: str, value: str, source: str, number: int):
    if key == "id" and not ID_PATTERN.match(value):
        raise lab_error(
            source,
            number,
            msg(
                "lab.bad_id",
                "id {value!r}: use lower-case letters, digits and '-'",
                value=value[:60],
            ),
        )
    if key == "language" and value not in LANGUAGES:
        raise lab_error(
            source,
            number,
            msg(
                "lab.bad_language",
                "language {value!r}: choose one of {choices}",
                value=value[:60],
                choices=", ".join(LANGUAGES),
            ),
        )
    if key in TEXT_KEYS:
        if key == "title" and not value:
            raise lab_error(source, number, msg("lab.empty_title", "the title is empty"))
        return value
    low, high = (0, 10_000) if key == "order" else BUDGET_KEYS[key][1:]
    if not re.fullmatch(r"\d{1,6}", value) or not low <= int(value) <= high:
        raise lab_error(
            source,
            number,
            msg(
                "lab.bad_header_number",
                "{key} {value!r}: must be a whole number from {low} to {high}",
                key=key,
                value=value[:60],
                low=low,
                high=high,
            ),
        )
    return int(value)
