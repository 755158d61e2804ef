"""Hostile lab files, lab packs, sessions and reports (issue 20).

A lab comes from a teacher, a colleague, or a zip found online: it is data, and every way
it can be wrong ends as one line naming the file (and the line), never a traceback, a
hang, a file written outside the labs folder, or HTML that runs in the report."""

from __future__ import annotations

import os
import zipfile

import pytest

from tests.helpers.hostile_files import write_file, zip_bytes
from tests.helpers.labs import EVERY_DIRECTIVE, minimal_lab, write_lab
from training_core import preferences
from training_core.lab_format import MAX_LAB_BYTES, LabError, parse_lab
from training_core.lab_questions import RunResults
from training_core.lab_report import report_html
from training_core.lab_session import LabSession, load_session, save_session, session_path
from training_core.labs import import_lab_pack, list_labs, read_lab_file


def _refused(call, match: str) -> str:
    with pytest.raises(LabError, match=match) as info:
        call()
    text = str(info.value)
    assert "\n" not in text and "Traceback" not in text
    return text


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"x" * (MAX_LAB_BYTES + 1), "larger than"),
        (b"---\nid: x\x00\n", "line 2: a NUL byte"),
        (b"---\nid: x\ntitle: \xff\xfe\n", "line 3: not UTF-8"),
        (bytes(range(256)) * 4, "NUL byte"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "NUL byte"),
    ],
)
def test_files_that_are_not_lab_text(tmp_path, data, match):
    path = write_file(tmp_path, "x.md", data)
    text = _refused(lambda: read_lab_file(path), match)
    assert text.startswith(str(path))


def test_a_folder_or_a_link_named_like_a_lab(tmp_path):
    (tmp_path / "folder.md").mkdir()
    _refused(lambda: read_lab_file(tmp_path / "folder.md"), "folder.md")
    target = write_file(tmp_path, "elsewhere.txt", minimal_lab("linked").encode())
    os.symlink(target, tmp_path / "linked.md")
    read_lab_file(tmp_path / "linked.md")  # a link to a real lab file is that file
    preferences.update(labs_folder=str(tmp_path))
    listing = list_labs()  # the folder is listed as broken, the listing goes on
    assert any(b.path.name == "folder.md" for b in listing.broken)
    assert listing.get("linked") is not None


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ("```question\nkind: exec\nask: ?\n```\n", "not a question kind"),
        ("```question\nkind: __import__('os')\nask: ?\n```\n", "not a question kind"),
        ("```action\ndo: train\nepochs: 1e9\n```\n", "epochs"),
        ("```action\ndo: train\nbatch_size: -5\n```\n", "batch size"),
        ("```action\ndo: train\nlr: nan\n```\n", "learning rate"),
        ("```action\ndo: train\nlr: inf\n```\n", "learning rate"),
        ("```action\ndo: playground\nlr: nan\n```\n", "lr"),
        ("```action\ndo: playground\nepochs: 99999999999999999999\n```\n", "epochs"),
        ("```action\ndo: train\nrun: ../../etc\n```\n", "run: '../../etc'"),
        ("```action\ndo: image_tools\nsample: /etc/passwd\n```\n", "sample"),
        ("```action\ndo: image_tools\nsample: ../digit_7.png\n```\n", "sample"),
        ("```action\ndo: open_tab\ntab: train; rm -rf /\n```\n", "tab"),
        ("```question\nkind: loss_went\nask: ?\nwrong: {answer!r:>99999999}\n```\n", "placeholder"),
        ("```question\nkind: loss_went\nask: ?\nwrong: {0}\n```\n", "placeholder"),
        ("```question\nkind: loss_went\nask: ?\nwrong: }{\n```\n", "not a placeholder"),
        ("```action\ndo: train\nlabel: " + "x" * 5000 + "\n```\n", "longer than"),
    ],
)
def test_directives_that_ask_for_more_than_allowed(body, match):
    text = _refused(lambda: parse_lab(minimal_lab(body=body), "lab.md"), match)
    assert text.startswith("lab.md:")


def test_deep_nesting_and_many_blocks_stay_bounded():
    blocks = "```action\ndo: open_tab\ntab: draw\n```\n" * 6
    _refused(
        lambda: parse_lab(minimal_lab(body=blocks), "lab.md"), "more than 5 actions or 5 questions"
    )
    fences = "```\n" * 20001  # an odd count: the last one is never closed
    _refused(lambda: parse_lab(minimal_lab(body=fences), "lab.md"), "never closed")


def test_html_and_scripts_in_every_text_are_escaped_in_the_report():
    lab = parse_lab(EVERY_DIRECTIVE, "every.md")
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    runs = {
        "a": RunResults(
            evil,
            "train",
            {evil: evil},
            [{"epoch": 1, "test_acc": evil}],
            evil,
            [evil] * 10,
            [[1] * 10] * 10,
        ),  # fmt: skip
    }
    answers = {q.key: {"answer": evil, "correct": False, "expected": evil, "feedback": evil}
               for s in lab.steps for q in s.questions}  # fmt: skip
    html = report_html(lab, runs, answers, student=evil)
    assert "<script" not in html and "<img src=x" not in html
    assert html.count("&lt;script&gt;") >= 10


def _pack(tmp_path, members, name="pack.zip", compression=zipfile.ZIP_STORED):
    return write_file(tmp_path, name, zip_bytes(members, compression))


def test_a_good_pack_is_imported_and_never_overwrites_unasked(tmp_path):
    dest = tmp_path / "labs"
    good = minimal_lab("pack-lab").encode()
    zh = minimal_lab("pack-lab").replace("language: en", "language: zh_CN").encode()
    pack = _pack(tmp_path, [("labs/pack-lab.md", good), ("labs/pack-lab.zh_CN.md", zh)])
    written = import_lab_pack(pack, dest)
    assert sorted(p.name for p in written) == ["pack-lab.md", "pack-lab.zh_CN.md"]
    _refused(lambda: import_lab_pack(pack, dest), "already exists")
    assert import_lab_pack(pack, dest, overwrite=True) == written
    assert sorted(p.name for p in dest.iterdir()) == ["pack-lab.md", "pack-lab.zh_CN.md"]


@pytest.mark.parametrize(
    ("members", "match"),
    [
        ([("../evil.md", b"x")], r"'\.\.'"),
        ([("/abs.md", b"x")], "absolute"),
        ([("ok.md", minimal_lab("ok").encode()), ("bad.md", b"---\nid: bad\n")], "bad.md"),
        ([("script.py", b"import os")], "not a lab file"),
        ([("x.md", minimal_lab("x").encode() + b"\x00")], "NUL byte"),
        ([("x.md", b"\xff" * 10)], "not UTF-8"),
        ([("softmax-scratch.md", minimal_lab("softmax-scratch").encode())], "built-in"),
        ([("a/x.md", minimal_lab("x").encode()), ("b/x.md", minimal_lab("x").encode())], "twice"),
        ([("big.md", b"x" * (MAX_LAB_BYTES + 10))], "larger than"),
        ([], "no lab files"),
    ],
)
def test_bad_packs_are_refused_whole(tmp_path, members, match):
    dest = tmp_path / "labs"
    pack = _pack(tmp_path, members)
    text = _refused(lambda: import_lab_pack(pack, dest), match)
    assert "pack.zip" in text
    assert not [p for p in dest.rglob("*") if p.is_file()]  # nothing kept, not even ok.md
    assert not (tmp_path / "evil.md").exists()


def test_a_pack_that_is_not_a_zip_or_a_bomb(tmp_path):
    not_zip = write_file(tmp_path, "pack.zip", b"PK\x03\x04 but not really")
    _refused(lambda: import_lab_pack(not_zip, tmp_path / "labs"), "pack.zip")
    bomb = _pack(tmp_path, [("x.md", b"\n" * (30 * 2**20))], "bomb.zip", zipfile.ZIP_DEFLATED)
    _refused(lambda: import_lab_pack(bomb, tmp_path / "labs"), "bomb.zip")


@pytest.mark.parametrize(
    "text",
    [
        '{"lab_id": "x", "language": "en", "step": 0, "runs": {"../a": {"kind": "train", '
        '"path": "/"}}}',
        '{"lab_id": "x", "language": "en", "step": 0, "runs": {"a": {"kind": "train"}}}',
        '{"lab_id": "x", "language": "en", "step": 0, "answers": {"1.1": {"answer": 5}}}',
        '{"lab_id": "x", "language": "en", "step": 0, "runs": {"a": {"name": "a", "history": 5}}}',
        '{"lab_id": "x", "language": "en", "step": 0, "runs": {"a": {"name": "a", "settings": '
        '"x"}}}',
        '{"lab_id": "x", "language": "en", "step": 0, "runs": {"a": {"name": "a", "confusion": '
        '[["x"]]}}}',
        '{"lab_id": "x", "language": "en", "step": 0, "runs": {"a": {"name": "a", "evil": 1, '
        '"class_names": [1]}}}',
        '{"lab_id": "x", "language": "klingon", "step": 0}',
        '{"lab_id": "x", "language": "en", "step": true}',
        "[" * 100_000,
        '{"lab_id": "x", "language": "en", "step": 0, "runs": ' + '{"a": ' * 5000 + "}",
    ],
)
def test_a_damaged_session_starts_the_lab_afresh(text):
    path = session_path("x")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    session = load_session("x")
    assert (session.step, session.runs, session.answers) == (0, {}, {})


def test_a_huge_session_file_is_not_read(tmp_path):
    save_session(LabSession("x"))
    path = session_path("x")
    path.write_bytes(b" " * (3 * 2**20))
    assert load_session("x").runs == {}


def test_a_lab_folder_full_of_junk_is_listed_with_errors(tmp_path):
    folder = tmp_path / "junk"
    for i in range(30):
        write_file(folder if folder.exists() else (folder.mkdir() or folder), f"j{i}.md",
                   os.urandom(200))  # fmt: skip
    write_lab(folder, minimal_lab("fine"))
    preferences.update(labs_folder=str(folder))
    listing = list_labs()
    assert listing.get("fine") is not None
    assert len([b for b in listing.broken if b.path.parent == folder]) == 30
    assert all("\n" not in b.error for b in listing.broken)
