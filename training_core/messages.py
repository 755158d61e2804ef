"""Messages the core hands to people, in a form a window can translate.

The core has no Qt and no translations, and the command line stays English. But its errors
and notes reach the window too ("not a PyTorch checkpoint file", "resumed with new epochs"),
and an English sentence built with an f-string cannot be translated afterwards. So a message
is built with :func:`msg`: a stable ``kind``, an English ``template`` and named ``params``.

The result is a ``str`` (the English text), so everything that already passes messages
around (exception arguments, ``TrainStarted.notes``, status files, the CLI's one line) keeps
working unchanged. It also remembers its kind, template and params, which the app looks up
in its translation catalog (context ``core``; see ``desktop_app.common.i18n``). The catalog
of every core message is collected from the ``msg(...)`` calls themselves by
``scripts/update_translations.py``, so kind and template must be string literals at the
call site; a test checks that each kind has exactly one template.

Params may themselves be messages (``msg("run.failed", "{run}: {reason}", reason=other)``):
the app translates those first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CONTEXT = "core"  # the translation context of every core message
LABELS_CONTEXT = "core_labels"  # ... and of the labels the core defines (see label())


class Message(str):
    """An English message that remembers how it was made (see the module docstring)."""

    kind: str
    template: str
    params: Mapping[str, Any]

    def __new__(cls, kind: str, template: str, params: Mapping[str, Any]) -> Message:
        text = template.format(**{name: _as_text(value) for name, value in params.items()})
        self = super().__new__(cls, text)
        self.kind = kind
        self.template = template
        self.params = dict(params)
        return self

    def __reduce__(self):  # pickles (multiprocessing, Ray) keep the kind, not just the text
        return (Message, (self.kind, self.template, self.params))


def _as_text(value: Any) -> Any:
    """Params keep their own formatting (``{acc:.1%}``), except paths, which read as text."""
    if hasattr(value, "__fspath__"):
        return str(value)
    return value


def msg(kind: str, template: str, /, **params: Any) -> Message:
    """A translatable message: ``msg("checkpoint.not_pytorch", "{path}: not a PyTorch
    checkpoint file", path=path)``. ``kind`` is a dotted, stable name (area.what);
    ``template`` is English with ``str.format`` fields named after ``params``."""
    return Message(kind, template, params)


def message_of(exc: BaseException) -> Message | None:
    """The translatable message an exception was raised with, if it was raised with one."""
    if exc.args and isinstance(exc.args[0], Message):
        return exc.args[0]
    return None


def label(text: str, /) -> str:
    """Marks a literal the window shows as it is (an export's description, a preset's
    title): ``scripts/update_translations.py`` collects ``label("...")`` calls into the
    ``core_labels`` context, where the app looks them up. Returns ``text`` unchanged."""
    return text
