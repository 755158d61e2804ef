"""``digit-lab lab``: list the labs, read one, or check it before class.

``--check`` runs the lab's actions headless on its reduced budget and computes every
question's answer from those runs, so a teacher learns about a typo or an unanswerable
question at their desk, not in front of the class. Errors are raised for
:func:`training_core.cli.main` to print as one line.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from training_core.lab_actions import CHECK_CAPS, check_lab
from training_core.lab_format import BUDGET_KEYS, Lab
from training_core.labs import list_labs, load_lab
from training_core.preferences import LANGUAGES


def _count(low: int, high: int):
    def convert(text: str) -> int:
        if not text.isdigit() or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"{text!r}: a whole number from {low} to {high}")
        return int(text)

    return convert


def add_lab_parser(sub, data_root_help: str) -> None:
    p = sub.add_parser(
        "lab",
        help="list the labs, show one, or --check one (runs it headless on a small budget)",
        description="Labs are Markdown files (see docs/labs.md). FILE_OR_ID is a lab file or "
        "the id of a built-in or user lab.",
    )
    p.add_argument(
        "lab", nargs="?", metavar="FILE_OR_ID", help="a lab's id (see --list) or its .md file"
    )
    p.add_argument("--list", action="store_true", help="one lab a line: id, title, languages")
    p.add_argument(
        "--check",
        action="store_true",
        help="run the lab's actions on its reduced budget and compute every question's answer",
    )
    p.add_argument(
        "--language", choices=LANGUAGES, default="en", help="the lab's language (default: en)"
    )
    p.add_argument("--data-root", help=data_root_help)
    lows = {k: v[1] for k, v in BUDGET_KEYS.items()}
    p.add_argument(
        "--epochs",
        type=_count(1, CHECK_CAPS.epochs),
        help="with --check: at most this many epochs per run",
    )
    p.add_argument(
        "--train-subset",
        type=_count(lows["check_train_subset"], 60000),
        help="with --check: at most this many training images",
    )
    p.add_argument(
        "--test-subset",
        type=_count(lows["check_test_subset"], 10000),
        help="with --check: at most this many test images",
    )
    p.add_argument("--report", metavar="OUT_HTML", help="with --check: write the check's report")
    p.add_argument("--overwrite", action="store_true", help="replace an existing --report file")
    p.set_defaults(handler=run_lab_command)


def run_lab_command(args) -> int:
    if args.list:
        listing = list_labs()
        for info in listing.labs:
            print(f"{info.id}\t{info.title}\t{','.join(info.languages)}\t{info.source}")
        for broken in listing.broken:
            print(f"digit-lab lab: broken: {broken.error}", file=sys.stderr)
        return 0
    if not args.lab:
        print("digit-lab lab: error: give a lab file or id, or --list", file=sys.stderr)
        return 2
    lab = load_lab(args.lab, args.language)
    if lab.fallback:
        print(
            f"digit-lab lab: note: {lab.source} has no {args.language} version; using "
            f"{lab.language}",
            file=sys.stderr,
        )
    if not args.check:
        _describe(lab)
        return 0
    caps = replace(
        CHECK_CAPS,
        **{
            k: min(getattr(CHECK_CAPS, k), v)
            for k, v in (
                ("epochs", args.epochs),
                ("train_subset", args.train_subset),
                ("test_subset", args.test_subset),
            )
            if v
        },
    )
    report = check_lab(lab, args.data_root, caps, progress=print)
    questions = sum(len(s.questions) for s in lab.steps)
    print(
        f"ok: {lab.source} passes ({len(lab.steps)} steps, {len(report.runs)} runs, "
        f"{questions} questions answered from them)"
    )
    if args.report:
        from training_core.lab_report import write_report

        answers = {
            key: {
                "answer": e.text,
                "correct": True,
                "expected": e.text,
                "feedback": "computed by digit-lab lab --check",
            }
            for key, e in report.expected.items()
        }
        path = write_report(args.report, lab, report.runs, answers, overwrite=args.overwrite)
        print(f"report: {path}", file=sys.stderr)
    return 0


def _describe(lab: Lab) -> None:
    """The lab's outline: it parsed, and this is what it will do."""
    print(f"{lab.id}: {lab.title} ({lab.language}, {len(lab.steps)} steps)")
    for number, step in enumerate(lab.steps, 1):
        kinds = [type(a).__name__.removesuffix("Action").lower() for a in step.actions]
        kinds += [q.kind for q in step.questions]
        print(f"  {number}. {step.title}" + (f"  [{', '.join(kinds)}]" if kinds else ""))
