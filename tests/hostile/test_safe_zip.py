"""training_core.safe_files' zip archives (issue 11, item 14): names that escape, links,
duplicates, bombs by size, ratio and overlap, encryption, and extraction that counts the
bytes it really writes. The archives are built by the tests (tests/helpers/hostile_files)."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from tests.helpers.hostile_files import (
    overlapping_zip_bytes,
    patch_zip,
    refused,
    set_zip_entry_count,
    write_file,
    zip_bytes,
)
from training_core.safe_zip import check_zip, extract_zip

MB = 1 << 20


LIMITS = {"max_members": 10, "max_total_bytes": MB, "max_ratio": 100.0}


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("/etc/passwd", "an absolute path"),
        ("\\windows\\x", "an absolute path"),
        ("../evil.txt", r"a '\.\.' in a member name"),
        ("a/../../evil.txt", r"a '\.\.' in a member name"),
        ("a\\..\\..\\evil.txt", r"a '\.\.' in a member name"),
        ("C:evil.txt", "a drive letter"),
        ("C:/Windows/evil.txt", "a drive letter"),
        ("notes.txt:hidden", "a drive letter or ':'"),
        ("./", "an empty name"),
    ],
)
def test_escaping_member_names_are_refused(tmp_path, name, match):
    path = write_file(tmp_path, "a.zip", zip_bytes([("ok.txt", b"fine"), (name, b"x")]))
    refused(lambda: check_zip(path, **LIMITS), match)
    refused(lambda: extract_zip(path, tmp_path / "out", **LIMITS), match)
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "out" / "ok.txt").exists()


def test_symlinks_and_special_files_are_refused(tmp_path):
    link = zipfile.ZipInfo("link")
    link.external_attr = (0o120777 << 16) | 0
    path = write_file(tmp_path, "l.zip", zip_bytes([(link, b"/etc/passwd")]))
    refused(lambda: check_zip(path, **LIMITS), r"l\.zip: link: a symbolic link")
    fifo = zipfile.ZipInfo("fifo")
    fifo.external_attr = 0o010644 << 16
    path = write_file(tmp_path, "f.zip", zip_bytes([(fifo, b"")]))
    refused(lambda: check_zip(path, **LIMITS), "a special file")


@pytest.mark.parametrize("second", ["a.txt", "A.TXT", "./a.txt", "dir/../a.txt"])
def test_duplicate_names_are_refused(tmp_path, second):
    path = write_file(tmp_path, "d.zip", zip_bytes([("a.txt", b"1"), (second, b"2")]))
    refused(lambda: check_zip(path, **LIMITS), "(appears twice|'\\.\\.')")


def test_member_count_is_read_from_the_end_record_first(tmp_path, monkeypatch):
    many = write_file(tmp_path, "many.zip", zip_bytes([(f"{i}.txt", b"") for i in range(11)]))
    refused(lambda: check_zip(many, **LIMITS), "more than 10 members")
    claims = write_file(tmp_path, "claims.zip", set_zip_entry_count(zip_bytes([("a", b"")]), 65535))
    monkeypatch.setattr(zipfile.ZipFile, "__init__", lambda *a, **k: pytest.fail("parsed"))
    refused(lambda: check_zip(claims, **LIMITS), "more than 10 members")


def test_total_size_and_ratio_bombs_are_refused(tmp_path):
    big = write_file(
        tmp_path, "big.zip", zip_bytes([("a", os.urandom(600_000)), ("b", os.urandom(600_000))])
    )
    refused(lambda: check_zip(big, **LIMITS), r"unpacks to 1200000 bytes, more than the 1048576")
    bomb = write_file(tmp_path, "bomb.zip", zip_bytes([("zeros", bytes(MB))]))
    refused(lambda: check_zip(bomb, **LIMITS), r"zeros: unpacks to more than 100 times its size")
    overlap = write_file(tmp_path, "overlap.zip", overlapping_zip_bytes(copies=20))
    limits = {"max_members": 100, "max_total_bytes": 1 << 30, "max_ratio": 2000.0}
    refused(lambda: check_zip(overlap, **limits), "unpacks to more than 2000 times its size")
    pair = write_file(tmp_path, "pair.zip", overlapping_zip_bytes(copies=2))
    refused(lambda: check_zip(pair, **limits), "overlaps another member's data")


def test_encrypted_and_unknown_methods_are_refused(tmp_path):
    plain = zip_bytes([("secret.txt", b"hello" * 10)])
    encrypted = write_file(tmp_path, "e.zip", patch_zip(plain, 0, "flags", 0x1))
    refused(lambda: check_zip(encrypted, **LIMITS), r"secret\.txt: encrypted")
    ppmd = write_file(tmp_path, "p.zip", patch_zip(plain, 0, "method", 98))
    refused(lambda: check_zip(ppmd, **LIMITS), "compression method ppmd is not supported")


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 truncated", b"not a zip at all" * 10])
def test_broken_archives_are_one_line(tmp_path, data):
    path = write_file(tmp_path, "x.zip", data)
    refused(lambda: check_zip(path, **LIMITS), "not a (valid )?zip archive")


def test_extraction_writes_only_inside_dest_and_never_replaces(tmp_path):
    inner = zip_bytes([("deep.txt", b"inner")])
    path = write_file(
        tmp_path,
        "a.zip",
        zip_bytes([("top.txt", b"top"), ("sub/", b""), ("sub/n.txt", b"n"), ("inner.zip", inner)]),
    )
    dest = tmp_path / "out"
    files = extract_zip(path, dest, **LIMITS)
    assert sorted(p.relative_to(dest).as_posix() for p in files) == [
        "inner.zip",
        "sub/n.txt",
        "top.txt",
    ]
    assert (dest / "inner.zip").read_bytes() == inner and not (dest / "deep.txt").exists()
    refused(lambda: extract_zip(path, dest, **LIMITS), r"top\.txt: .* already exists")
    assert (dest / "top.txt").read_bytes() == b"top"


def test_a_symlink_already_in_dest_cannot_lead_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "link").symlink_to(outside)
    path = write_file(tmp_path, "a.zip", zip_bytes([("link/x.txt", b"x")]))
    refused(lambda: extract_zip(path, dest, **LIMITS), "would be written outside")
    assert list(outside.iterdir()) == []


def test_extraction_counts_real_bytes_not_header_sizes(tmp_path, monkeypatch):
    """A member whose data runs past its declared size is stopped at that size (zipfile's
    own reader would stop too; here a reader that does not is simulated)."""
    path = write_file(
        tmp_path, "a.zip", zip_bytes([("first.txt", b"1" * 100), ("liar.bin", b"x" * 100)])
    )
    original = zipfile.ZipFile.open

    def open_member(self, info, *args, **kwargs):
        if getattr(info, "filename", info) == "liar.bin":
            return io.BytesIO(bytes(10 * MB))  # far more than the 100 bytes declared
        return original(self, info, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_member)
    dest = tmp_path / "out"
    refused(lambda: extract_zip(path, dest, **LIMITS), r"liar\.bin: unpacks to more than")
    assert list(dest.iterdir()) == []  # first.txt was removed again, no temp file left


def test_a_lying_size_in_the_directory_fails_the_crc_in_one_line(tmp_path):
    data = patch_zip(zip_bytes([("a.bin", os.urandom(5000))]), 0, "size", 1000, local=False)
    path = write_file(tmp_path, "lie.zip", data)
    refused(lambda: extract_zip(path, tmp_path / "out", **LIMITS), r"a\.bin: cannot be extracted")
    assert list((tmp_path / "out").iterdir()) == []
