"""The one atomic write: new files get the umask's mode, failures leave nothing behind."""

import os
import stat

import pytest

from training_core import fileio


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_new_files_get_the_mode_the_umask_allows(tmp_path, monkeypatch, umask):
    monkeypatch.setattr(fileio, "NEW_FILE_MODE", 0o666 & ~umask)
    target = fileio.atomic_write_text(tmp_path / "a.txt", "hello")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert target.read_text() == "hello"


def test_the_mode_is_read_from_the_real_umask():
    old = os.umask(0o022)
    os.umask(old)
    assert fileio.NEW_FILE_MODE == 0o666 & ~old


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "keep.txt"
    target.write_text("old")

    def broken(handle):
        handle.write(b"half")
        raise OSError("No space left on device")

    with pytest.raises(OSError, match="No space"):
        fileio.atomic_write(target, broken)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_replacing_keeps_the_suffix_for_writers_that_read_it(tmp_path):
    with fileio.replacing(tmp_path / "plot.png") as tmp:
        assert tmp.suffix == ".png" and tmp.parent == tmp_path
        tmp.write_bytes(b"png")
    assert (tmp_path / "plot.png").read_bytes() == b"png"
    assert not tmp.exists()
