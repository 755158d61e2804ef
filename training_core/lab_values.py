"""Reading the values of a lab's directive blocks: choices, numbers, flags, run names,
image steps. Each refuses a bad value with a one-line :class:`LabError` naming the file and
the line; split from :mod:`training_core.lab_directives`, which builds the directives."""

from __future__ import annotations

import math

from training_core.lab_format import RUN_NAME_PATTERN, Block, lab_error
from training_core.messages import msg

YES = ("yes", "true", "on")
NO = ("no", "false", "off")


def refuse_unknown(block: Block, source: str, allowed) -> None:
    for key in block.values:
        if key not in allowed:
            raise lab_error(
                source,
                block.lines[key],
                msg(
                    "lab.unknown_key",
                    "unknown key {key!r} in this {tag}; allowed: {allowed}",
                    key=key,
                    tag=block.tag,
                    allowed=", ".join(sorted(allowed)),
                ),
            )


def choice(block: Block, source: str, key: str, choices, default):
    value = block.values.get(key, default)
    if value not in choices:
        raise lab_error(
            source,
            block.lines.get(key, block.line),
            msg(
                "lab.bad_choice",
                "{key}: {value!r} is not one of {choices}",
                key=key,
                value=str(value)[:60],
                choices=", ".join(map(str, choices)),
            ),
        )
    return value


def number(block: Block, source: str, key: str, default, low, high, whole: bool):
    text = block.values.get(key)
    if text is None:
        return default
    try:
        value = int(text) if whole else float(text)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or not low <= value <= high:
        raise lab_error(
            source,
            block.lines[key],
            msg(
                "lab.bad_number",
                "{key}: {value!r} must be a number from {low:g} to {high:g}",
                key=key,
                value=text[:60],
                low=low,
                high=high,
            ),
        )
    return value


def flag(block: Block, source: str, key: str = "start") -> bool:
    value = block.values.get(key, "yes").lower()
    if value not in YES + NO:
        raise lab_error(
            source,
            block.lines[key],
            msg("lab.bad_flag", "{key}: {value!r} must be yes or no", key=key, value=value[:60]),
        )
    return value in YES


def run_name(block: Block, source: str, default: str | None) -> str | None:
    name = block.values.get("run", default)
    if name is not None and not RUN_NAME_PATTERN.match(name):
        raise lab_error(
            source,
            block.lines["run"],
            msg(
                "lab.bad_run_name",
                "run: {value!r}: use a letter, then letters, digits, '_' or '-'",
                value=name[:60],
            ),
        )
    return name


def run_list(block: Block, source: str, key: str = "runs") -> tuple[str, ...]:
    names = tuple(n.strip() for n in block.values.get(key, "").split(",") if n.strip())
    if len(names) != 2 or names[0] == names[1]:
        raise lab_error(
            source,
            block.lines.get(key, block.line),
            msg("lab.two_runs", "{key}: name two different runs, like 'a, b'", key=key),
        )
    return names


def image_step(text: str, block: Block, source: str):
    from training_core.imaging import OPERATIONS, Step

    line = block.lines.get("steps", block.line)
    name, *pairs = text.split()
    if name not in OPERATIONS:
        raise lab_error(
            source,
            line,
            msg(
                "lab.unknown_operation",
                "steps: {name!r} is not an image operation; choose one of {choices}",
                name=name[:40],
                choices=", ".join(OPERATIONS),
            ),
        )
    params = {p.name: p for p in OPERATIONS[name].params}
    values = {}
    for pair in pairs:
        key, _, text_value = pair.partition("=")
        param = params.get(key)
        value = param_value(param, text_value) if param else None
        if value is None:
            raise lab_error(
                source,
                line,
                msg(
                    "lab.bad_image_param",
                    "steps: {op} {pair!r}: parameters are {known}",
                    op=name,
                    pair=pair[:60],
                    known=", ".join(
                        f"{p.name}=" + ("|".join(p.choices) if p.choices else p.kind)
                        for p in params.values()
                    )
                    or "none",
                ),
            )
        values[key] = value
    return Step(name, values)


def param_value(param, text: str):
    """A parameter's value from text, or None when it is not allowed."""
    if param.kind == "choice":
        return text if text in param.choices else None
    if param.kind == "bool":
        return True if text in YES else False if text in NO else None
    try:
        value = int(text) if param.kind == "int" else float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or not param.minimum <= value <= param.maximum:
        return None
    return value
