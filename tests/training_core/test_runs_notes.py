"""A run's name and note: written atomically beside the run, read back trusting nothing."""

from __future__ import annotations

import json
import logging
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.run_folders import make_run
from training_core.run_notes import (
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    MAX_NOTES_BYTES,
    NOTES,
    RunNotes,
    RunNotesError,
    clean_name,
    clean_note,
    read_notes,
    write_notes,
)
from training_core.runs import RunDirectory, list_runs


def test_name_and_note_round_trip_and_the_folder_stays_where_it_is(tmp_path):
    run = make_run(tmp_path / "runs", "20240101-120000-mlp-mnist")
    assert read_notes(run) == RunNotes()
    stored = write_notes(run, "  lr sweep: best  ", "Tried 0.5.\nIt diverged once.")
    assert stored == RunNotes("lr sweep: best", "Tried 0.5.\nIt diverged once.")
    assert read_notes(run) == stored
    assert [r.path for r in list_runs(tmp_path / "runs")] == [run]  # never moved
    assert json.loads((run / NOTES).read_text(encoding="utf-8"))["name"] == "lr sweep: best"
    assert not [p for p in run.iterdir() if p.name.endswith(".tmp")]  # atomic: no leftovers
    write_notes(run, "", "")  # both empty: back to the folder's name
    assert not (run / NOTES).exists()
    assert read_notes(run) == RunNotes()


def test_names_lose_control_characters_and_are_capped():
    assert clean_name("a\nb\tc\x00d\x1b[31m") == "a b cd[31m"
    assert clean_name("evil\u202eexe.txt") == "evilexe.txt"  # no right-to-left override
    assert clean_name("x" * 500) == "x" * MAX_NAME_CHARS
    assert clean_name("数字 实验") == "数字 实验"
    assert clean_note("line 1\r\nline 2\x07") == "line 1\nline 2"
    assert len(clean_note("y" * 10_000)) == MAX_NOTE_CHARS


def test_notes_never_create_a_folder(tmp_path):
    with pytest.raises(RunNotesError, match="is gone"):
        write_notes(tmp_path / "deleted-run", "name", "")
    assert not (tmp_path / "deleted-run").exists()


def test_a_notes_file_that_cannot_be_replaced_is_one_line(tmp_path):
    run = make_run(tmp_path, "run")
    (run / NOTES).mkdir()  # a folder in the way: no rename can replace it
    with pytest.raises(RunNotesError, match="cannot save the name and note of run"):
        write_notes(run, "name", "")
    with pytest.raises(RunNotesError, match="cannot save"):
        write_notes(run, "", "")
    assert (run / NOTES).is_dir() and not [p for p in run.iterdir() if ".tmp" in p.name]


@pytest.mark.parametrize(
    "content, why",
    [
        (b"\xff\xfe not utf-8", "not UTF-8"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "not a name and note"),
        (b'{"name": 3, "note": ["x"]}', "not text"),
        (b"[" * 100_000, "larger than"),
        (b"{}\x00", "NUL"),
        (b'"' + b"x" * MAX_NOTES_BYTES + b'"', "larger than"),
    ],
)
def test_hostile_notes_are_ignored_with_one_logged_line(tmp_path, caplog, content, why):
    run = make_run(tmp_path, "run")
    (run / NOTES).write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="training_core.run_notes"):
        assert read_notes(run) == RunNotes()
    assert why in caplog.text
    assert RunDirectory(run).inspect().state == "completed"  # the run itself is fine


def test_a_hand_edited_name_is_cleaned_on_read_and_a_good_note_kept(tmp_path, caplog):
    run = make_run(tmp_path, "run")
    (run / NOTES).write_text(json.dumps({"name": "a\nb" + "z" * 300, "note": 7}))
    with caplog.at_level(logging.WARNING, logger="training_core.run_notes"):
        notes = read_notes(run)
    assert notes.name == ("a b" + "z" * 300)[:MAX_NAME_CHARS]
    assert notes.note == "" and "note" in caplog.text


def test_a_notes_file_that_is_a_fifo_or_folder_is_ignored(tmp_path):
    run = make_run(tmp_path, "run")
    (run / NOTES).mkdir()
    assert read_notes(run) == RunNotes()
    if hasattr(os, "mkfifo"):
        other = make_run(tmp_path, "other")
        os.mkfifo(other / NOTES)  # reading it would block forever
        assert read_notes(other) == RunNotes()


def test_overwriting_a_run_drops_its_old_name(tmp_path):
    run = make_run(tmp_path, "run")
    write_notes(run, "old experiment", "")
    RunDirectory(run).clear_run_files()
    assert read_notes(run) == RunNotes()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_any_bytes_read_as_notes_or_nothing(tmp_path, content):
    run = tmp_path / "run"
    run.mkdir(exist_ok=True)
    (run / NOTES).write_bytes(content)
    notes = read_notes(run)
    assert len(notes.name) <= MAX_NAME_CHARS and "\n" not in notes.name
