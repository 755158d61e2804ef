"""Deleting a run: to the trash or for good, never a running run, never outside the runs
folder, never through a link; and the runs folder's disk use. Real folders throughout."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from tests.helpers.run_folders import make_run
from training_core.processes import process_identity
from training_core.runs import (
    RunFolderError,
    RunInUseError,
    TrashUnavailableError,
    delete_run,
    folder_bytes,
    list_runs,
    runs_disk_use,
)


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "runs"
    make_run(root, "keep")
    return root


def test_delete_for_good_removes_only_that_run(root):
    run = make_run(root, "gone")
    (run / "checkpoint.pt").write_bytes(b"x" * 1000)
    assert delete_run(run, root, to_trash=False) == "deleted"
    assert not run.exists()
    assert [r.name for r in list_runs(root)] == ["keep"]


def test_delete_to_trash_hands_the_folder_to_the_trash(root, tmp_path):
    run = make_run(root, "gone")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    assert delete_run(run, root, trash=lambda p: shutil.move(p, bin_)) == "trash"
    assert not run.exists() and (bin_ / "gone" / "config.json").is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop trash")
def test_the_real_trash_takes_the_run(root, tmp_path, monkeypatch):
    pytest.importorskip("send2trash")
    import send2trash
    from send2trash import plat_other

    if send2trash.send2trash is not plat_other.send2trash:
        pytest.skip("gio's trash is in use: it cannot be pointed at a test folder")
    home = tmp_path / "share"
    monkeypatch.setattr(plat_other, "XDG_DATA_HOME", os.fsencode(home))
    monkeypatch.setattr(plat_other, "HOMETRASH_B", os.fsencode(home / "Trash"))
    monkeypatch.setattr(plat_other, "get_dev", lambda path: 1)  # same "device": home trash
    run = make_run(root, "gone")
    assert delete_run(run, root) == "trash"
    assert not run.exists()
    assert (home / "Trash" / "files" / "gone" / "config.json").is_file()
    assert (home / "Trash" / "info" / "gone.trashinfo").is_file()


def test_no_trash_is_its_own_error_and_the_run_stays(root):
    run = make_run(root, "stays")

    def no_trash(path):
        raise PermissionError(13, "Permission denied", path)

    with pytest.raises(TrashUnavailableError, match="could not be moved to the trash"):
        delete_run(run, root, trash=no_trash)
    assert run.is_dir()


def test_a_run_training_now_is_never_deleted(root):
    run = make_run(root, "busy", status={"state": "running", "owner": process_identity()})
    with pytest.raises(RunInUseError, match="another program"):
        delete_run(run, root, to_trash=False)
    quiet = make_run(root, "loading")  # the window's own run, before its first status
    with pytest.raises(RunInUseError, match="training now"):
        delete_run(quiet, root, to_trash=False, training=quiet)
    assert run.is_dir() and quiet.is_dir()
    # a "running" run whose process is gone was interrupted: it may go
    dead = make_run(root, "dead", status={"state": "running"})  # no live owner
    assert delete_run(dead, root, to_trash=False) == "deleted"


def test_only_run_folders_directly_inside_the_runs_folder(root, tmp_path):
    outside = make_run(tmp_path / "elsewhere", "run")
    nested = make_run(root / "keep", "inner")
    plain = root / "photos"
    plain.mkdir()
    for path in (outside, nested, plain, root / "..", root / "keep" / "..", root):
        with pytest.raises(RunInUseError, match="not a run folder"):
            delete_run(path, root, to_trash=False)
    assert outside.is_dir() and nested.is_dir() and plain.is_dir()
    assert (root / "keep").is_dir()


def test_a_linked_run_loses_its_link_and_links_inside_are_not_followed(root, tmp_path):
    precious = make_run(tmp_path / "precious", "run")
    link = root / "linked"
    link.symlink_to(precious, target_is_directory=True)
    assert delete_run(link, root, to_trash=False) == "unlinked"
    assert not os.path.lexists(link) and (precious / "config.json").is_file()

    data = tmp_path / "data"
    data.mkdir()
    (data / "big.bin").write_bytes(b"x" * 10_000)
    run = make_run(root, "with-links")
    (run / "data").symlink_to(data, target_is_directory=True)
    (run / "file").symlink_to(data / "big.bin")
    assert delete_run(run, root, to_trash=False) == "deleted"
    assert (data / "big.bin").stat().st_size == 10_000


def test_a_vanished_run_is_one_error(root):
    with pytest.raises(RunFolderError):
        delete_run(root / "never-was", root, to_trash=False)


def test_disk_use_counts_runs_and_bytes_without_following_links(root, tmp_path):
    run = make_run(root, "big")
    (run / "checkpoint.pt").write_bytes(b"x" * 50_000)
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"y" * 1_000_000)
    (run / "link").symlink_to(outside)
    (root / "not-a-run").mkdir()
    use = runs_disk_use(root)
    assert use.runs == 2
    assert 50_000 < use.run_bytes[str(run)] < 60_000
    assert use.total_bytes == folder_bytes(root) < 100_000
    assert runs_disk_use(tmp_path / "missing").runs == 0
