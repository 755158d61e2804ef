"""The lab file format: every directive read, every mistake one line with file:line."""

from __future__ import annotations

import pytest

from tests.helpers.labs import EVERY_DIRECTIVE, minimal_lab, write_lab
from training_core import preferences
from training_core.lab_directives import (
    CompareAction,
    ImageToolsAction,
    OpenTabAction,
    PlaygroundAction,
    Question,
    TrainAction,
)
from training_core.lab_format import MAX_STEPS, LabError, parse_lab
from training_core.labs import list_labs, load_lab
from training_core.resources import labs_dir

BUILT_IN = ("softmax-scratch", "mlp-mnist", "nonlinearity", "softmax-cross-entropy",
            "softmax-mistake")  # fmt: skip


def test_every_directive_is_read():
    lab = parse_lab(EVERY_DIRECTIVE, "every.md")
    assert (lab.id, lab.language, lab.order, lab.lesson) == ("every-directive", "en", 7, "test")
    assert (lab.budget.epochs, lab.budget.train_subset, lab.budget.test_subset) == (1, 200, 100)
    first, rest = lab.steps
    a, b = first.actions
    assert isinstance(a, TrainAction) and a.run == "a" and a.offer_dataset == "fashion-mnist"
    assert (a.config.model, a.config.batch_size, a.config.lr, a.config.epochs) == (
        "softmax", 50, 0.1, 1)  # fmt: skip
    assert a.config.optimizer == "sgd"  # the model's lesson settings fill the rest
    assert b.start is False and b.config.lr == 0.001
    kinds = [q.kind for q in first.questions] + [q.kind for q in rest.questions]
    assert kinds == ["most_confused_pair", "worst_class", "best_class", "final_accuracy",
                     "better_run", "loss_went"]  # fmt: skip
    assert first.questions[3].tolerance == 0.05
    assert first.questions[4].runs == ("a", "b")
    compare, spiral, softmax, image, tab = rest.actions
    assert isinstance(compare, CompareAction) and compare.runs == ("a", "b")
    assert isinstance(spiral, PlaygroundAction)
    assert (spiral.activation, spiral.units, spiral.hidden_layers, spiral.seed) == (
        "tanh",
        16,
        2,
        3,
    )
    assert isinstance(softmax, PlaygroundAction) and softmax.loss == "softmax_first"
    assert softmax.run is None and softmax.start is False and softmax.optimizer == "sgd"
    assert isinstance(image, ImageToolsAction) and image.sample == "digit-3"
    assert [s.op_name for s in image.steps] == ["grayscale", "threshold", "fill_holes"]
    assert image.steps[1].kwargs == {"method": "manual", "value": 0.4, "invert": True}
    assert isinstance(tab, OpenTabAction) and tab.tab == "draw"
    assert lab.run_names() == ["a", "b", "spiral"]
    # prose keeps its HTML as text, and a code block stays prose
    assert "<img src=x onerror=alert(1)>" in first.prose
    assert 'print("a code block is prose")' in first.prose
    assert "<script>" in lab.intro
    keys = [q.key for s in lab.steps for q in s.questions]
    assert len(set(keys)) == len(keys)
    parts = [type(p).__name__ for p in first.parts]
    assert parts[:4] == ["str", "TrainAction", "TrainAction", "Question"]


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("```action\ndo: train\nmodel: nope\n```\n", 12, "unknown model"),
        ("```action\ndo: train\nlr: 99\n```\n", 12, "learning rate"),
        ("```action\ndo: train\nepochs: many\n```\n", 12, "epochs"),
        ("```action\ndo: train\ndevice: cuda\n```\n", 12, "unknown key 'device'"),
        ("```action\ndo: train\ncolour: red\n```\n", 12, "unknown key 'colour'"),
        ("```action\ndo: train\nlr: 0.1\nlr: 0.2\n```\n", 13, "given twice"),
        ("```action\ndo: dance\n```\n", 11, "not an action"),
        ("```action\ndo: train\nmodel: softmax-scratch\noptimizer: adam\n```\n", 10, "own"),
        ("```action\ndo: playground\nunits: 0\n```\n", 12, "units"),
        ("```action\ndo: playground\ndataset: galaxy\n```\n", 12, "dataset"),
        ("```action\ndo: image_tools\nsteps: grayscale; blur\n```\n", 12, "'blur'"),
        ("```action\ndo: image_tools\nsteps: canny sigma=99\n```\n", 12, "canny"),
        ("```action\ndo: open_tab\ntab: settings\n```\n", 12, "tab"),
        ("```action\ndo: compare\nruns: a\n```\n", 12, "two different runs"),
        ("```question\nkind: oracle\nask: ?\n```\n", 11, "not a question kind"),
        ("```question\nkind: loss_went\n```\n", 10, "needs ask"),
        ("```question\nkind: loss_went\nrun: ghost\nask: ?\n```\n", 10, "ghost"),
        (
            "```question\nkind: loss_went\nask: ?\nwrong: {expected.__class__}\n```\n",
            13,
            "placeholder",
        ),
        ("```question\nkind: loss_went\nask: ?\ncorrect: {count}\n```\n", 13, "placeholder"),
        ("```action\ndo: train\n", 10, "never closed"),
        ("```action\nnot a pair\n```\n", 11, "key: value"),
        ("Bell \x07 here\n", 10, "control character"),
    ],
)
def test_each_mistake_is_one_line_naming_file_and_line(body, line, words):
    with pytest.raises(LabError) as info:
        parse_lab(minimal_lab(body=body), "lab.md")
    text = str(info.value)
    assert text.startswith(f"lab.md:{line}: "), text
    assert words in text
    assert "\n" not in text


def test_questions_refer_to_runs_made_above_and_runs_are_made_once():
    train = "```action\ndo: train\nrun: a\nmodel: softmax\n```\n"
    playground = "```action\ndo: playground\nrun: p\n```\n"
    parse_lab(
        minimal_lab(body=train + "```question\nkind: worst_class\nrun: a\nask: ?\n```\n"), "x"
    )
    with pytest.raises(LabError, match="already made"):
        parse_lab(minimal_lab(body=train + train), "x")
    with pytest.raises(LabError, match="needs a train run"):
        parse_lab(minimal_lab(body=playground + "```question\nkind: most_confused_pair\n"
                              "run: p\nask: ?\n```\n"), "x")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("no header\n## Step\n", "starts with a '---'"),
        ("---\nid: x\ntitle: t\nlanguage: en\n", "never closed"),
        ("---\nid: X Y\ntitle: t\nlanguage: en\n---\n## S\n", "id 'X Y'"),
        ("---\nid: x\ntitle: t\nlanguage: fr\n---\n## S\n", "language 'fr'"),
        ("---\nid: x\ntitle: t\nlanguage: en\nauthor: me\n---\n## S\n", "unknown key 'author'"),
        ("---\nid: x\nlanguage: en\n---\n## S\n", "needs title"),
        ("---\nid: x\ntitle: t\nlanguage: en\ncheck_epochs: 50\n---\n## S\n", "check_epochs"),
        ("---\nid: x\ntitle: t\nlanguage: en\n---\nJust text.\n", "no steps"),
        (
            "---\nid: x\ntitle: t\nlanguage: en\n---\n```action\ndo: open_tab\ntab: draw\n```\n",
            "inside a step",
        ),
    ],
)
def test_front_matter_and_structure_are_strict(text, words):
    with pytest.raises(LabError, match=words.replace("(", r"\(")) as info:
        parse_lab(text, "lab.md")
    assert str(info.value).startswith("lab.md:")


def test_step_cap():
    steps = "".join(f"## Step {i}\n\ntext\n" for i in range(MAX_STEPS + 1))
    with pytest.raises(LabError, match=f"more than {MAX_STEPS} steps"):
        parse_lab(f"---\nid: x\ntitle: t\nlanguage: en\n---\n{steps}", "lab.md")


@pytest.mark.parametrize("lab_id", BUILT_IN)
def test_the_built_in_labs_exist_in_both_languages_and_agree(lab_id):
    en = load_lab(lab_id, "en")
    zh = load_lab(lab_id, "zh_CN")
    assert (en.language, zh.language, en.fallback, zh.fallback) == ("en", "zh_CN", False, False)
    assert en.title != zh.title and len(en.steps) == len(zh.steps)
    assert 3 <= len(en.steps) <= 6
    # the same experiments and questions in both languages, only the words differ
    for a, b in zip(en.steps, zh.steps, strict=True):
        assert [type(x) for x in a.actions] == [type(x) for x in b.actions]
        assert [(q.kind, q.runs) for q in a.questions] == [(q.kind, q.runs) for q in b.questions]
    assert en.run_names() == zh.run_names()
    assert any(s.actions for s in en.steps) and any(s.questions for s in en.steps)


def test_listing_finds_built_in_and_user_labs_and_reports_broken_files(tmp_path):
    folder = tmp_path / "my labs"
    write_lab(folder, minimal_lab("mine"))
    write_lab(folder, "---\nid: bad\ntitle: t\nlanguage: en\n---\n## S\n```action\ndo: fly\n```\n")
    write_lab(folder, minimal_lab("softmax-scratch"))  # the id of a built-in lab
    (folder / "wrong-name.md").write_text(minimal_lab("other"), encoding="utf-8")
    preferences.update(labs_folder=str(folder))
    listing = list_labs()
    ids = [info.id for info in listing.labs]
    assert ids[:5] == list(BUILT_IN)  # ordered by their lessons
    assert "mine" in ids and listing.get("mine").source == "user"
    assert listing.get("softmax-scratch").languages == ("en", "zh_CN")
    errors = {b.path.name: b.error for b in listing.broken}
    assert set(errors) == {"bad.md", "softmax-scratch.md", "wrong-name.md"}
    assert "bad.md:8: do: 'fly'" in errors["bad.md"]
    assert "already used" in errors["softmax-scratch.md"]
    assert "must be named other.md" in errors["wrong-name.md"]
    assert load_lab("mine").title == "Tiny"
    with pytest.raises(LabError, match="fly"):
        load_lab("bad")


def test_a_missing_language_falls_back_to_english_and_says_so(tmp_path):
    path = write_lab(tmp_path, minimal_lab("only-english"))
    lab = load_lab(path, "zh_CN")
    assert lab.language == "en" and lab.fallback
    zh = write_lab(tmp_path, minimal_lab("only-english").replace("language: en", "language: zh_CN"))
    assert zh.name == "only-english.zh_CN.md"
    assert load_lab(path, "zh_CN").language == "zh_CN"


def test_built_in_labs_are_package_data():
    assert {p.name for p in labs_dir().glob("*.md")} >= {f"{i}.md" for i in BUILT_IN}
    question = Question("loss_went", "?", ("a",))
    assert question.by == "accuracy"  # defaults documented in docs/labs.md


def test_the_complete_example_in_the_docs_parses_and_uses_every_kind():
    from pathlib import Path

    from training_core.lab_directives import ACTION_TYPES
    from training_core.lab_questions import QUESTION_KINDS

    docs = (Path(__file__).parents[2] / "docs" / "labs.md").read_text(encoding="utf-8")
    example = docs.split("## A complete example", 1)[1].split("````markdown\n", 1)[1]
    lab = parse_lab(example.split("\n````", 1)[0], "docs/labs.md")
    actions = {type(a) for s in lab.steps for a in s.actions}
    kinds = {q.kind for s in lab.steps for q in s.questions}
    assert actions == set(ACTION_TYPES) and kinds == set(QUESTION_KINDS)
