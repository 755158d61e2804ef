"""The lab report: one self-contained HTML file a teacher collects at the end of a class.

It holds the lab's steps, every run the student made (settings, final numbers, an
epoch table and curves as embedded PNG images) and their answers with the answer their
own run gave. Everything from the lab file, the session or a run folder is escaped: the
report is opened in a browser, and a lab or a run folder is not ours to trust. Curves are
drawn with Pillow (already a dependency); the app may hand in its own plots instead.
"""

from __future__ import annotations

import base64
import io
import math
import os
from datetime import datetime
from pathlib import Path

from training_core.fileio import atomic_write_text, describe_os_error
from training_core.lab_format import Lab, LabError
from training_core.lab_questions import RunResults
from training_core.messages import msg
from training_core.safe_files import html_text as esc

_STYLE = """body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ccc}pre.prose{white-space:
pre-wrap;font-family:inherit}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px
solid #bbb;padding:2px 6px;text-align:right}.right{color:#1a7f37}.wrong{color:#b42318}
.q{background:#f4f6f8;padding:.5em 1em;margin:.5em 0}img{max-width:100%}"""
_COLORS = ((31, 119, 180), (214, 39, 40), (44, 160, 44), (148, 103, 189))


def curve_png(series: dict[str, list[float]], title: str, size=(480, 240), limits=None) -> bytes:
    """A small line plot (epochs on x) as PNG bytes; non-finite points are left out.
    ``limits``: the y range (accuracies: 0..1), else the data's."""
    from PIL import Image, ImageDraw

    width, height = size
    left, right, top, bottom = 50, 10, 22, 28
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    values = [v for ys in series.values() for v in ys if math.isfinite(v)]
    low, high = limits or ((min(values), max(values)) if values else (0.0, 1.0))
    if high - low < 1e-9:
        low, high = low - 0.5, high + 0.5
    count = max((len(ys) for ys in series.values()), default=1)
    draw.rectangle((left, top, width - right, height - bottom), outline=(150, 150, 150))
    draw.text((left, 4), title, fill=(0, 0, 0))
    for value, y in ((high, top), (low, height - bottom)):
        draw.text((4, y - 6), f"{value:.3g}", fill=(80, 80, 80))
    draw.text((left, height - bottom + 6), "1", fill=(80, 80, 80))
    draw.text((width - right - 24, height - bottom + 6), str(count), fill=(80, 80, 80))
    draw.text(((left + width) // 2 - 15, height - bottom + 6), "epoch", fill=(80, 80, 80))

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (width - left - right) * (i / max(count - 1, 1))
        y = top + (height - top - bottom) * (high - v) / (high - low)
        return x, y

    for n, (name, ys) in enumerate(series.items()):
        color = _COLORS[n % len(_COLORS)]
        points = [xy(i, v) for i, v in enumerate(ys) if math.isfinite(v)]
        if len(points) > 1:
            draw.line(points, fill=color, width=2)
        for x, y in points[-1:] if len(points) > 20 else points:
            draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=color)
        draw.text((width - right - 110, top + 4 + 12 * n), name, fill=color)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{data}">'


def _prose(text: str) -> str:
    """Markdown as written, escaped: a report never interprets a lab's HTML."""
    return f'<pre class="prose">{esc(text)}</pre>' if text.strip() else ""


# The report's own words, in the lab's language (the report is read outside the app, so
# the window's translations cannot reach it; the lab's text is already in that language).
WORDS = {
    "en": {
        "final": "final test accuracy {acc}, test loss {loss}",
        "confusion": "confusion matrix (rows: true class, columns: predicted)",
        "not_made": "run {name}: not made",
        "not_answered": "not answered",
        "from_run": "from the run: {expected}",
        "lab": "lab",
        "columns": ("epoch", "train loss", "train accuracy", "test loss", "test accuracy"),
    },
    "zh_CN": {
        "final": "最终测试准确率 {acc}，测试损失 {loss}",
        "confusion": "混淆矩阵（行：真实类别，列：预测类别）",
        "not_made": "运行 {name}：尚未进行",
        "not_answered": "未作答",
        "from_run": "运行结果：{expected}",
        "lab": "实验",
        "columns": ("轮次", "训练损失", "训练准确率", "测试损失", "测试准确率"),
    },
}
MAX_TABLE_ROWS = 20  # a long run's epoch table shows this many epochs, evenly spread


def _number(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return esc(value if value is not None else "")
    if isinstance(value, int):
        return str(value)
    return f"{value:.4f}" if math.isfinite(value) else "—"


def _rows(history: list[dict]) -> list[dict]:
    if len(history) <= MAX_TABLE_ROWS:
        return history
    step = len(history) / MAX_TABLE_ROWS
    return [
        history[min(len(history) - 1, round((i + 1) * step) - 1)] for i in range(MAX_TABLE_ROWS)
    ]


def _run_html(results: RunResults, figures: dict[str, bytes], words: dict) -> list[str]:
    parts = [f"<h3>{esc(results.name)} ({esc(results.kind)}, {esc(results.status)})</h3>"]
    settings = ", ".join(f"{esc(k)} {esc(v)}" for k, v in sorted(results.settings.items()))
    parts.append(f"<p>{settings}</p>")
    final = words["final"].format(
        acc=_number(results.final_accuracy), loss=_number(results.final_loss)
    )
    parts.append(f"<p>{final}</p>")
    keys = ("epoch", "train_loss", "train_acc", "test_loss", "test_acc")
    rows = "".join(
        "<tr>" + "".join(f"<td>{_number(h.get(k))}</td>" for k in keys) + "</tr>"
        for h in _rows(results.history)
    )
    head = "".join(f"<th>{esc(k)}</th>" for k in words["columns"])
    parts.append(f"<table><tr>{head}</tr>{rows}</table>")
    if results.name in figures:
        parts.append(_img(figures[results.name], results.name))
    elif results.history:
        series = {
            "train loss": [_f(h.get("train_loss")) for h in results.history],
            "test loss": [_f(h.get("test_loss")) for h in results.history],
        }
        parts.append(_img(curve_png(series, f"{results.name}: loss"), f"{results.name} loss"))
        acc = {"test accuracy": [_f(h.get("test_acc")) for h in results.history]}
        parts.append(
            _img(
                curve_png(acc, f"{results.name}: accuracy", limits=(0.0, 1.0)),
                f"{results.name} acc",
            )
        )
    if results.confusion:
        names = results.class_names
        head = "<th></th>" + "".join(f"<th>{esc(n)}</th>" for n in names)
        body = "".join(
            f"<tr><th>{esc(names[i] if i < len(names) else i)}</th>"
            + "".join(f"<td>{_number(c)}</td>" for c in row)
            + "</tr>"
            for i, row in enumerate(results.confusion)
        )
        parts.append(f"<p>{esc(words['confusion'])}</p>")
        parts.append(f"<table>{head}{body}</table>")
    return parts


def _f(value: object) -> float:
    return float(value) if isinstance(value, int | float) else math.nan


def report_html(
    lab: Lab,
    runs: dict[str, RunResults],
    answers: dict[str, dict],
    figures: dict[str, bytes] | None = None,
    student: str = "",
    when: datetime | None = None,
) -> str:
    """The report as one HTML string. ``answers`` as kept in a LabSession (question key →
    answer, correct, expected, feedback); ``figures``: PNG bytes by run name (else drawn)."""
    figures = figures or {}
    words = WORDS.get(lab.language, WORDS["en"])
    when = when or datetime.now().astimezone()
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lab.language.replace("_", "-"))}"><head>',
        '<meta charset="utf-8">',
        f"<title>{esc(lab.title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{esc(lab.title)}</h1>",
        f"<p>{words['lab']} {esc(lab.id)} · {esc(when.isoformat(timespec='minutes'))}"
        + (f" · {esc(student)}" if student else "")
        + "</p>",
        _prose(lab.intro),
    ]
    shown: set[str] = set()
    for number, step in enumerate(lab.steps, 1):
        out.append(f"<h2>{number}. {esc(step.title)}</h2>")
        out.append(_prose(step.prose))
        for action in step.actions:
            name = getattr(action, "run", None)
            if name in runs and name not in shown:
                shown.add(name)
                out += _run_html(runs[name], figures, words)
            elif name:
                out.append(f"<p><i>{esc(words['not_made'].format(name=name))}</i></p>")
        for question in step.questions:
            out.append(_answer_html(question, answers.get(question.key), words))
    for name in sorted(set(runs) - shown):  # runs the lab did not name, but the student made
        out += _run_html(runs[name], figures, words)
    out.append("</body></html>")
    return "\n".join(p for p in out if p)


def _answer_html(question, answer: dict | None, words: dict) -> str:
    parts = [f'<div class="q"><p><b>{esc(question.ask)}</b></p>']
    if not answer:
        parts.append(f"<p><i>{esc(words['not_answered'])}</i></p>")
    else:
        mark, css = ("✔", "right") if answer.get("correct") else ("✘", "wrong")
        parts.append(f'<p class="{css}">{mark} {esc(answer.get("answer", ""))}</p>')
        from_run = words["from_run"].format(expected=answer.get("expected", ""))
        parts.append(f"<p>{esc(from_run)}</p>")
        if answer.get("feedback"):
            parts.append(f"<p>{esc(answer['feedback'])}</p>")
    parts.append("</div>")
    return "".join(parts)


def write_report(
    path: str | os.PathLike,
    lab: Lab,
    runs: dict[str, RunResults],
    answers: dict[str, dict],
    figures: dict[str, bytes] | None = None,
    overwrite: bool = False,
    student: str = "",
) -> Path:
    """Write :func:`report_html` atomically; an existing file is kept unless ``overwrite``
    (the app's save dialog has asked)."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise LabError(
            msg(
                "lab.report_exists",
                "{file} already exists; choose another name or allow replacing it",
                file=path,
            )
        )
    if not path.parent.is_dir():
        raise LabError(
            msg(
                "lab.report_no_folder",
                "{file}: the folder {folder} does not exist",
                file=path.name,
                folder=path.parent,
            )
        )
    html = report_html(lab, runs, answers, figures, student)
    try:
        return atomic_write_text(path, html)
    except OSError as exc:  # a folder of that name, a read-only folder, a full disk
        raise LabError(
            msg(
                "lab.report_unwritable",
                "{file}: {reason}",
                file=path,
                reason=describe_os_error(exc),
            )
        ) from None
