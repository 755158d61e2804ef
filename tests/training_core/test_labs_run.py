"""Labs answered from runs: questions, run folders, sessions, the report, ``--check``."""

from __future__ import annotations

import base64
import io
import json
import re

import numpy as np
import pytest
from PIL import Image

from tests.helpers.datasets import IDX_NAMES, idx_bytes, synthetic_images
from tests.helpers.labs import EVERY_DIRECTIVE, minimal_lab, write_lab
from training_core import cli, preferences
from training_core.config import default_config
from training_core.data import is_available, resolve_data_root
from training_core.lab_actions import check_lab, run_playground, run_results
from training_core.lab_directives import PlaygroundAction, Question
from training_core.lab_format import LabError
from training_core.lab_questions import (
    QuestionError,
    RunResults,
    answer_choices,
    check_answer,
    expected_answer,
)
from training_core.lab_report import report_html, write_report
from training_core.lab_session import LabSession, load_session, save_session, session_path
from training_core.labs import import_lab_pack, list_labs, load_lab, user_labs_dir
from training_core.runs import RunDirectory

BUILT_IN = ("softmax-scratch", "mlp-mnist", "nonlinearity", "softmax-cross-entropy",
            "softmax-mistake")  # fmt: skip
DIGITS = [str(i) for i in range(10)]


def _results(name: str, confusion=None, history=None, status="completed") -> RunResults:
    return RunResults(name, "train", {"model": "softmax"}, history or [], status, DIGITS, confusion)


def _matrix(cells: dict[tuple[int, int], int]) -> list[list[int]]:
    matrix = [[50 if t == p else 0 for p in range(10)] for t in range(10)]
    for (t, p), count in cells.items():
        matrix[t][p] = count
    return matrix


def _epoch(epoch, train_loss, test_acc, test_loss=0.5):
    return {"epoch": epoch, "train_loss": train_loss, "train_acc": test_acc,
            "test_loss": test_loss, "test_acc": test_acc}  # fmt: skip


def test_two_runs_with_different_results_expect_different_answers():
    pair = Question("most_confused_pair", "?", ("r",))
    worst = Question("worst_class", "?", ("r",))
    one = {"r": _results("r", _matrix({(4, 9): 12, (4, 4): 30, (7, 1): 3}))}
    two = {"r": _results("r", _matrix({(3, 5): 9, (8, 8): 20, (8, 1): 8, (4, 9): 2}))}
    assert expected_answer(pair, one).accepted == ((4, 9),)
    assert expected_answer(pair, two).accepted == ((3, 5),)
    assert expected_answer(worst, one).accepted == (4,)
    assert expected_answer(worst, two).accepted == (8,)
    e = expected_answer(pair, one)
    assert check_answer(pair, e, "4 → 9", one).correct
    assert check_answer(pair, e, "4->9", one).correct
    wrong = check_answer(pair, e, "9 4", one)
    assert not wrong.correct and "4 → 9" in wrong.feedback
    assert not check_answer(pair, e, "banana", one).correct
    assert not check_answer(pair, expected_answer(pair, two), "4 9", two).correct


def test_final_accuracy_loss_trend_and_better_run_follow_the_history():
    acc = Question("final_accuracy", "?", ("a",), tolerance=0.01)
    went = Question("loss_went", "?", ("a",))
    better = Question("better_run", "?", ("a", "b"))
    lower = Question("better_run", "?", ("a", "b"), by="loss")
    runs = {
        "a": _results("a", history=[_epoch(1, 2.0, 0.80, 0.7), _epoch(2, 0.4, 0.91, 0.3)]),
        "b": _results("b", history=[_epoch(1, 9.0, 0.5, 0.2)]),
    }
    e = expected_answer(acc, runs)
    assert e.text == "91.0%"
    for answer in ("91", "91.4%", "0.905", "90,5"):
        assert check_answer(acc, e, answer, runs).correct, answer
    assert not check_answer(acc, e, "85", runs).correct
    assert expected_answer(went, runs).accepted == ("down",)
    assert expected_answer(Question("loss_went", "?", ("b",)), runs).accepted == ("exploded",)
    assert expected_answer(better, runs).accepted == ("a",)
    assert expected_answer(lower, runs).accepted == ("b",)  # by loss, b ended lower
    assert answer_choices(better, runs) == ["a", "b"]
    diverged = {"d": _results("d", status="diverged")}
    assert expected_answer(Question("loss_went", "?", ("d",)), diverged).accepted == ("exploded",)
    tie = {"a": runs["a"], "b": _results("b", history=runs["a"].history)}
    with pytest.raises(QuestionError, match="ended equal"):
        expected_answer(better, tie)
    perfect = {"r": _results("r", _matrix({}))}
    with pytest.raises(QuestionError, match="no mistakes"):
        expected_answer(Question("most_confused_pair", "?", ("r",)), perfect)


def test_feedback_uses_the_labs_own_text():
    question = Question("worst_class", "?", ("r",), correct="Yes {expected} ({accuracy})",
                        wrong="No, {expected} not {answer}")  # fmt: skip
    runs = {"r": _results("r", _matrix({(2, 2): 10, (2, 7): 40}))}
    e = expected_answer(question, runs)
    assert check_answer(question, e, "2", runs).feedback == "Yes 2 (20.0%)"
    assert check_answer(question, e, " 7 {x}", runs).feedback == "No, 2 not 7 {x}"


def _fake_run(root, history, status="completed"):
    run = RunDirectory.create(root, default_config("softmax").to_dict())
    run.write_metrics(history)
    run.write_status(status, "")
    return run.path


def test_run_folders_are_read_and_answers_follow_them(tmp_path):
    a = _fake_run(tmp_path, [_epoch(1, 1.0, 0.7), _epoch(2, 0.5, 0.8)])
    b = _fake_run(tmp_path, [_epoch(1, 3.0, 0.6)])
    runs = {"a": run_results(a, name="a"), "b": run_results(b, name="b")}
    assert runs["a"].final_accuracy == 0.8 and runs["a"].class_names == DIGITS
    question = Question("better_run", "?", ("a", "b"))
    assert expected_answer(question, runs).accepted == ("a",)
    _fake_run_again = RunDirectory(b)
    _fake_run_again.write_metrics([_epoch(1, 3.0, 0.6), _epoch(2, 0.2, 0.95)])
    runs["b"] = run_results(b, name="b")  # the cache sees the folder change
    assert expected_answer(question, runs).accepted == ("b",)
    (a / "metrics.jsonl").write_text("{broken", encoding="utf-8")
    with pytest.raises(QuestionError, match="cannot be used"):
        run_results(a)


def test_confusion_from_a_real_checkpoint(tmp_path, mnist_root):
    from training_core.training import train

    config = default_config("softmax", epochs=1, batch_size=50, device="cpu")
    run = RunDirectory.create(tmp_path / "runs", config.to_dict())
    train(config, run_dir=run, data_root=str(mnist_root))
    results = run_results(run.path, mnist_root, confusion=True)
    assert sum(map(sum, results.confusion)) == 100  # every test image counted once
    accuracy = sum(results.confusion[i][i] for i in range(10)) / 100
    assert accuracy == pytest.approx(results.final_accuracy)
    session = LabSession("x")
    session.set_train_run("a", run.path)
    question = Question("most_confused_pair", "?", ("a",))
    runs = session.results_for(question, mnist_root)  # what the app calls, in a worker
    assert runs["a"].confusion == results.confusion and runs["a"].name == "a"


def test_the_playground_run_is_seeded_and_answers_the_spiral_question():
    flat = run_playground(PlaygroundAction(run="flat", model="linear", epochs=150), "flat")
    bent = run_playground(PlaygroundAction(run="bent", model="mlp", epochs=150), "bent")
    assert flat.final_accuracy < 0.7 < bent.final_accuracy
    again = run_playground(PlaygroundAction(run="x", model="linear", epochs=150, label="other"))
    assert again.history == flat.history and again.name == "x"
    question = Question("better_run", "?", ("flat", "bent"))
    assert expected_answer(question, {"flat": flat, "bent": bent}).accepted == ("bent",)
    right = run_playground(PlaygroundAction(run="r", page="softmax", epochs=100, lr=0.5))
    wrong = run_playground(
        PlaygroundAction(run="w", page="softmax", loss="softmax_first", epochs=100, lr=0.5)
    )
    assert right.final_loss < wrong.final_loss  # the mistake learns more slowly


def test_session_round_trip_and_a_damaged_file_gives_a_fresh_one(tmp_path):
    session = LabSession("softmax-scratch", "zh_CN", 2)
    session.set_train_run("scratch", tmp_path / "run")
    spiral = _results("spiral", history=[_epoch(1, 1.0, 0.5)])
    spiral.kind = "playground"
    session.set_results(spiral)
    session.record_answer("2.2", "91", True, "91.0%", "Yes")
    save_session(session)
    back = load_session("softmax-scratch")
    assert back.to_dict() | {"updated": ""} == session.to_dict() | {"updated": ""}
    assert back.results("spiral").final_accuracy == 0.5
    path = session_path("softmax-scratch")
    for damage in ("{not json", '{"lab_id": "other"}', '{"lab_id": "softmax-scratch", "step": '
                   '-1, "language": "en"}', "\x00\x01"):  # fmt: skip
        path.write_text(damage, encoding="utf-8")
        fresh = load_session("softmax-scratch")
        assert fresh.step == 0 and not fresh.runs and not fresh.answers


@pytest.fixture(scope="module")
def lab_data(tmp_path_factory):
    """Synthetic MNIST-shaped data (bars whose row is the label, tests.helpers.datasets)
    with 15% of the labels shuffled, so every model makes mistakes to ask about: each lab's
    actions run on it in seconds, on any machine."""
    root = tmp_path_factory.mktemp("labdata")
    raw = root / "MNIST" / "raw"
    raw.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for train, n in ((True, 300), (False, 100)):
        images, labels = synthetic_images(n, seed=int(train))
        noisy = rng.random(n) < 0.15
        labels[noisy] = rng.integers(0, 10, int(noisy.sum()))
        for name, array in zip(IDX_NAMES[train], (images, labels), strict=True):
            (raw / name).write_bytes(idx_bytes(array))
    return root


@pytest.mark.slow
def test_a_new_lab_with_every_directive_runs_from_the_user_folder(tmp_path, lab_data):
    folder = tmp_path / "class labs"
    write_lab(folder, EVERY_DIRECTIVE)
    preferences.update(labs_folder=str(folder))
    lab = load_lab("every-directive", "zh_CN")  # no Chinese version: English, flagged
    assert lab.fallback and lab.language == "en"
    check = check_lab(lab, lab_data)
    assert set(check.runs) == {"a", "b", "spiral"}
    assert len(check.expected) == 6 and len(check.lines) == 2
    assert check.runs["a"].history and check.runs["a"].confusion
    # the student answers: right where the run says so, one deliberately wrong
    session = LabSession(lab.id)
    for step in lab.steps:
        for question in step.questions:
            expected = check.expected[question.key]
            if question.kind == "most_confused_pair":
                t, p = expected.accepted[0]
                answer = f"{p} {t}"  # the wrong way round
            elif question.kind == "final_accuracy":
                answer = f"{expected.accepted[0] * 100:.1f}"
            else:
                answer = str(expected.accepted[0])
            verdict = check_answer(question, expected, answer, check.runs)
            session.record_answer(question.key, answer, verdict.correct, expected.text,
                                  verdict.feedback)  # fmt: skip
    verdicts = [a["correct"] for a in session.answers.values()]
    assert verdicts.count(False) == 1 and len(verdicts) == 6
    out = tmp_path / "report.html"
    write_report(out, lab, check.runs, session.answers, student="Ada <Lovelace>")
    html = out.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html
    assert "<script>" not in html and "<img src=x" not in html and "<b>directive" not in html
    assert "&lt;script&gt;alert(&quot;ask&quot;)&lt;/script&gt;" in html
    assert "Ada &lt;Lovelace&gt;" in html
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) >= 4  # loss and accuracy curves of each run
    assert Image.open(io.BytesIO(base64.b64decode(images[0]))).format == "PNG"
    for entry in session.answers.values():
        assert entry["expected"].replace(">", "&gt;") in html
    assert html.count("✔") == 5 and html.count("✘") == 1
    with pytest.raises(LabError, match="already exists"):
        write_report(out, lab, check.runs, session.answers)
    write_report(out, lab, {}, {}, figures={}, overwrite=True)
    assert "not made" in out.read_text(encoding="utf-8")


def test_a_report_that_cannot_be_written_is_one_line_naming_it(tmp_path):
    lab = load_lab("softmax-scratch")
    folder = tmp_path / "report.html"
    folder.mkdir()  # a folder where the report should go, even when replacing is allowed
    with pytest.raises(LabError, match="report.html: Is a directory") as info:
        write_report(folder, lab, {}, {}, figures={}, overwrite=True)
    assert ".tmp" not in str(info.value) and "Errno" not in str(info.value)
    assert folder.is_dir() and [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_report_uses_figures_handed_in():
    lab = load_lab("softmax-scratch")
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(png, format="PNG")
    html = report_html(lab, {"scratch": _results("scratch", history=[_epoch(1, 1, 0.5)])}, {},
                       figures={"scratch": png.getvalue()})  # fmt: skip
    assert base64.b64encode(png.getvalue()).decode() in html
    assert html.count("data:image/png") == 1
    zh = report_html(load_lab("softmax-scratch", "zh_CN"), {}, {})
    assert '<html lang="zh-CN">' in zh and "从零实现 softmax 回归" in zh
    assert "运行 scratch：尚未进行" in zh and "未作答" in zh  # the report's words follow the lab


def test_an_imported_pack_is_listed_as_imported(tmp_path):
    import zipfile

    pack = tmp_path / "class.zip"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("week1/pack-lab.md", minimal_lab("pack-lab"))
    (written,) = import_lab_pack(pack)
    assert written.parent == user_labs_dir()
    assert list_labs().get("pack-lab").source == "imported"


def test_a_pack_zipped_on_a_mac_imports_without_its_hidden_files(tmp_path):
    import zipfile

    pack = tmp_path / "finder.zip"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("labs/mac-lab.md", minimal_lab("mac-lab"))
        archive.writestr("labs/.DS_Store", b"\x00\x00\x00\x01Bud1")
        archive.writestr("__MACOSX/labs/._mac-lab.md", b"\x00\x05\x16\x07 AppleDouble")
    (written,) = import_lab_pack(pack, tmp_path / "dest")
    assert written.name == "mac-lab.md"
    only_hidden = tmp_path / "hidden.zip"
    with zipfile.ZipFile(only_hidden, "w") as archive:
        archive.writestr("labs/.DS_Store", b"\x00\x00\x00\x01Bud1")
    with pytest.raises(LabError, match="hidden.zip: holds no lab files"):
        import_lab_pack(only_hidden, tmp_path / "dest")


@pytest.mark.slow
@pytest.mark.parametrize("lab_id", BUILT_IN)
def test_each_built_in_lab_passes_check_in_both_languages(lab_id, lab_data, capsys):
    for language in ("en", "zh_CN"):
        rc = cli.main(["lab", lab_id, "--check", "--language", language, "--data-root",
                       str(lab_data), "--train-subset", "300", "--test-subset", "100"])  # fmt: skip
        out, err = capsys.readouterr()
        assert rc == 0, err
        lab = load_lab(lab_id, language)
        assert out.count("\nstep ") + out.startswith("step ") == len(lab.steps)
        assert f"ok: {lab.source} passes" in out


def test_check_fails_with_the_file_and_line_of_an_unanswerable_question(tmp_path, lab_data, capsys):
    twins = "```action\ndo: playground\nrun: {name}\nepochs: 3\n```\n\n"
    body = twins.format(name="p") + twins.format(name="q")
    body += "```question\nkind: better_run\nruns: p, q\nask: ?\n```\n"
    path = write_lab(tmp_path, minimal_lab("twins", body))
    line = path.read_text(encoding="utf-8").splitlines().index("```question") + 1
    rc = cli.main(["lab", str(path), "--check", "--data-root", str(lab_data)])
    err = capsys.readouterr().err.strip()
    assert rc == 1
    assert err == (
        f"digit-lab lab: error: {path}:{line}: runs 'p' and 'q' ended equal: neither is better"
    )


def test_list_and_outline_from_the_command_line(tmp_path, capsys):
    folder = tmp_path / "labs"
    write_lab(folder, minimal_lab("mine"))
    write_lab(folder, "---\nid: broken\ntitle: t\nlanguage: en\n---\n")
    preferences.update(labs_folder=str(folder))
    assert cli.main(["lab", "--list"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert [line.split("\t")[0] for line in lines[:5]] == list(BUILT_IN)
    assert lines[0].split("\t")[2] == "en,zh_CN"
    assert any(line.startswith("mine\tTiny\ten\tuser") for line in lines)
    assert "broken.md:6: no steps" in err
    assert cli.main(["lab", "nonlinearity", "--language", "zh_CN"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("nonlinearity: 图像处理") and "[playground, final_accuracy]" in out


@pytest.mark.slow
@pytest.mark.mnist
@pytest.mark.skipif(
    not is_available("mnist", resolve_data_root()),
    reason=f"real MNIST not found under {resolve_data_root()} (set DIGIT_LAB_DATA to a folder "
    "with MNIST/raw)",
)
def test_a_built_in_lab_checks_on_real_mnist_with_its_own_budget(tmp_path, capsys):
    report = tmp_path / "check.html"
    rc = cli.main(["lab", "softmax-scratch", "--check", "--report", str(report)])
    out = capsys.readouterr().out
    assert rc == 0
    accuracy = float(re.search(r"final_accuracy: ([0-9.]+)%", out).group(1))
    assert accuracy > 75  # 1 epoch on 6000 real digits
    assert json.dumps("softmax-scratch")[1:-1] in report.read_text(encoding="utf-8")
