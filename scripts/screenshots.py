"""Write a PNG of the Digit Lab window for every tab into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py            # every tab
    .venv/bin/python scripts/screenshots.py draw       # one tab (slug = title, lower case, _)
    .venv/bin/python scripts/screenshots.py inside     # + the Inside tab for a CNN and an MLP
    .venv/bin/python scripts/screenshots.py --language zh_CN   # every tab in Chinese,
                                                       # into docs/screenshots/zh_CN/
    .venv/bin/python scripts/screenshots.py --set all  # every tab and sub-page at 1024x576,
                     # at 1920x1080 in presentation mode and at 200% (screenshot_sets.py)
    .venv/bin/python scripts/screenshots.py --size 1024x576 [--presentation] [--scale 2]
                     [--out DIR] [TAB ...]             # one such set, chosen by hand
    xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py

Without a display it uses Qt's offscreen platform; the sets start an Xvfb server of their
own. Each tab is first put in a state worth showing (a drawn digit, a finished run, ...) by
``screenshot_states.PREPARE``, which drives the window from outside: the app has no
screenshot hooks of its own.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
README_SIZE = (1360, 860)  # the window of the documentation's figures


def _wait(app, seconds, ready=None):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if ready is not None and ready():
            break
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)


def _parser() -> argparse.ArgumentParser:
    from screenshot_sets import SETS, parse_scale, parse_size

    def checked(parse):
        def convert(text):
            try:
                return parse(text)
            except ValueError as exc:
                raise argparse.ArgumentTypeError(str(exc)) from None

        return convert

    parser = argparse.ArgumentParser(description="Screenshots of every Digit Lab tab.")
    parser.add_argument("tabs", nargs="*", help="only these tabs (slug: title, lower case, _)")
    parser.add_argument("--language", default="en", help="the window's language (zh_CN)")
    parser.add_argument(
        "--set",
        action="append",
        choices=[*SETS, "all"],
        help="a screenshot set, each into docs/screenshots/<set>/ (repeatable)",
    )
    parser.add_argument("--size", type=checked(parse_size), help="window size, WIDTHxHEIGHT")
    parser.add_argument("--presentation", action="store_true", help="in presentation mode")
    parser.add_argument("--scale", type=checked(parse_scale), help="UI scale (2 is 200%%)")
    parser.add_argument("--out", type=Path, help="folder for the PNGs")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str]) -> int:
    from screenshot_sets import SETS, ShotSet, run_sets  # scripts/ is on sys.path

    args = _parser().parse_args(argv[1:])
    extra = [*args.tabs, *(["--language", args.language] if args.language != "en" else [])]
    if args.set:
        names = list(SETS) if "all" in args.set else list(dict.fromkeys(args.set))
        return run_sets([SETS[name] for name in names], args.out, extra)
    if not args.child and (args.size or args.presentation or args.scale):
        default = (1920, 1080) if args.presentation else (1024, 576)
        shot_set = ShotSet(args.size or default, args.presentation, args.scale or 1.0)
        return run_sets([shot_set], args.out, extra)
    return _take(args)


def _take(args) -> int:
    QCoreApplication.setOrganizationName("DigitLabScreenshots")
    QCoreApplication.setApplicationName("DigitLabScreenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from screenshot_states import PREPARE  # scripts/ is on sys.path when run as a script

    from desktop_app.common import i18n
    from desktop_app.main_window import MainWindow

    language = i18n.ENGLISH if args.language == "en" else args.language
    if i18n.install(app, language) != language:
        print(f"cannot show Digit Lab in {language}; see the log", file=sys.stderr)
        return 1
    if args.child:
        QSettings().clear()  # a set starts from the defaults, not from the last set
        return _take_set(app, args, PREPARE)
    out = args.out or (OUT if language == i18n.ENGLISH else OUT / language)
    only = set(args.tabs)
    window = MainWindow()
    window.resize(*README_SIZE)
    window.show()
    out.mkdir(parents=True, exist_ok=True)
    for index in range(window.tabs.count()):
        title = window.tabs.widget(index).title  # the tab's key, whatever the language
        slug = title.lower().replace(" ", "_")
        if only and slug not in only:
            continue
        window.tabs.setCurrentIndex(index)
        ready = None
        prepare = PREPARE.get(title)
        if prepare is not None:
            ready = prepare(window)
        _wait(app, 180 if ready else 1.0, ready)
        path = out / f"{slug}.png"
        window.grab().save(str(path))
        print(f"wrote {path}")
    for slug, prepare in _extra_shots():
        if only and slug.split("_")[0] not in only:
            continue
        _wait(app, 180, prepare(window))
        path = out / f"{slug}.png"
        window.grab().save(str(path))
        print(f"wrote {path}")
    if (not only or "inside" in only) and language == i18n.ENGLISH:
        _inside_shots(app, window)
    window.close()
    return 0


def _take_set(app, args, prepare_tab) -> int:
    """Inside a set's Xvfb child: every tab, then each of its sub-pages, with the window
    at exactly the size asked for (the log says so when the window cannot shrink to it)."""
    from screenshot_sets import size_note, slug, sub_pages

    from desktop_app.main_window import MainWindow

    size = args.size or README_SIZE
    window = MainWindow()
    present = getattr(window, "set_presentation_mode", None)
    if present is None and args.presentation:
        print(
            "screenshots: MainWindow has no set_presentation_mode(): "
            "presentation mode is not built into this Digit Lab",
            file=sys.stderr,
        )
        return 1
    if present is not None:
        present(args.presentation)
        _wait(app, 0.2)
        window.statusBar().clearMessage()  # "Zoom 100%" would sit in every first shot
    window.resize(*size)
    window.show()
    _wait(app, 0.5)
    window.resize(*size)
    out = args.out or OUT
    out.mkdir(parents=True, exist_ok=True)
    only = set(args.tabs)

    def shoot(name: str, panel) -> None:
        idle = getattr(panel, "is_idle", None)
        _wait(app, 20 if idle else 0.5, idle)
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(f"wrote {path}: {size_note(window, panel, size)}", flush=True)

    for index in range(window.tabs.count()):
        panel = window.tabs.widget(index)
        name = slug(panel.title)
        if only and name not in only:
            continue
        window.tabs.setCurrentIndex(index)
        prepare = prepare_tab.get(panel.title)
        _wait(app, 180 if prepare else 1.0, prepare(window) if prepare else None)
        shoot(name, panel)
        pages = sub_pages(panel)
        if pages is None:
            continue
        shown = pages.currentIndex()
        for page in range(pages.count()):  # every page, the one shown first too: stable names
            pages.setCurrentIndex(page)
            _wait(app, 0.5)
            shoot(f"{name}_{slug(pages.tabText(page))}", panel)
        pages.setCurrentIndex(shown)
    if present is not None and args.presentation:
        present(False)  # remembered in the child's throw-away settings only; tidy anyway
    window.close()
    return 0


def _extra_shots():
    """More states of a tab than its PREPARE one: (file name, function putting it there)."""
    from screenshot_states import prepare_experiments

    return (
        ("experiments_running", lambda window: prepare_experiments(window, upto=9)),
        ("draw_photo", lambda window: _show_in_draw(window, "photo")),
        ("draw_number", lambda window: _show_in_draw(window, "number")),
        ("draw_doodle", lambda window: _show_in_draw(window, "doodle")),
    )


def _show_in_draw(window, what: str):
    """The Draw tab reading a photo of a 4 on tinted paper, the number 2026, or a scribble,
    each made by the generators the tests measure with (tests/helpers)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.helpers.handwriting_sets import drawn_number, photographed
    from tests.helpers.non_digits import non_digits

    images = {
        "photo": lambda: photographed(drawn_number(4, gap=90)),
        "number": lambda: drawn_number(2, 0, 2, 6),
        "doodle": lambda: non_digits("scribbles", 1, seed=3)[0],
    }
    panel = window.panels["Draw"]
    window.tabs.setCurrentWidget(panel)
    panel.canvas.clear()
    panel.last_prediction = None
    panel.classify_picture(images[what](), name=what)
    deadline = time.monotonic() + 60
    return lambda: (
        (panel.last_prediction is not None and panel.is_idle()) or time.monotonic() > deadline
    )


# The Inside tab at the smallest window size it must fit: (file, model, page, layer row).
INSIDE_SHOTS = (
    ("inside_cnn", "cnn", "Activations", 0),
    ("inside_cnn_saliency", "cnn", "What it looked at", None),
    ("inside_cnn_weights", "cnn", "Learned weights", None),
    ("inside_mlp", "mlp", "Activations", 2),
    ("inside_mlp_weights", "mlp", "Learned weights", None),
    ("inside_mlp_training", "mlp", "Weights over training", None),
)


def _inside_shots(app, window) -> None:
    """Train a short CNN and MLP run (real MNIST when found, else synthetic digits) in a
    temporary folder, so the pages about training have epochs to show, then take each
    shot of ``INSIDE_SHOTS`` at 1024x576."""
    import tempfile

    from screenshot_states import prepare_inside, synthetic_digits

    from training_core.config import default_config
    from training_core.data import DataError, load_split
    from training_core.runs import RunDirectory
    from training_core.training import train

    try:
        data = load_split("mnist", True), load_split("mnist", False)
        data = data[0].subset(12_000), data[1].subset(2_000)
    except DataError:
        data = synthetic_digits()
    window.resize(1024, 576)
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for model, epochs in (("cnn", 3), ("mlp", 4)):
            config = default_config(model, epochs=epochs, device="cpu", seed=0)
            run = RunDirectory.open(f"{tmp}/{model}", config.to_dict())
            train(config, run_dir=run, data=data)
            runs[model] = str(run.checkpoint_path)
        for name, model, page, layer in INSIDE_SHOTS:
            _wait(app, 60, prepare_inside(window, runs[model], page))
            if layer is not None:
                window.panels["Inside"].activations_page.layer_list.setCurrentRow(layer)
                _wait(app, 0.3)
            path = OUT / f"{name}.png"
            window.grab().save(str(path))
            print(f"wrote {path}")
        window.panels["Draw"].use_bundled_model()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
