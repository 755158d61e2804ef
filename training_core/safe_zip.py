"""Zip archives from people we do not know: traversal, links, special files, duplicates,
encryption, member counts, sizes, compression ratios and overlapping members are refused
before anything is written, and extraction counts the bytes it really writes (part of
:mod:`training_core.safe_files`, whose error every failure raises)."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from training_core.fileio import atomic_write
from training_core.messages import Message, msg
from training_core.safe_files import _CHUNK, SafeFileError, _one_line, _regular_file

_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_CENTRAL_ENTRY_BYTES = 2048  # generous room for one central-directory entry's name and extras

# -- zip archives ---------------------------------------------------------------------------


def check_zip(
    path: str | os.PathLike, *, max_members: int, max_total_bytes: int, max_ratio: float
) -> list[zipfile.ZipInfo]:
    """Refuse an archive that could escape or exhaust where it is extracted; return its
    members. Checked: member count (from the end record, before the directory is parsed),
    names (absolute, ``..``, drive letters, ``:``, duplicates also by case), symlinks and
    special files, encryption, unknown compression, total size, compression ratio per
    member and of the whole archive against its real size, and members whose data overlap
    (the "overlapping files" bomb). A zip inside the archive is just a file."""
    path = _regular_file(path)
    size = path.stat().st_size
    try:
        with open(path, "rb") as handle:
            end = zipfile._EndRecData(handle)  # the end record alone: cheap, any size
    except Exception as exc:  # OSError, BadZipFile (a multi-disk or broken zip64 record)
        raise SafeFileError(_invalid_zip(path.name, exc)) from None
    if not end:
        raise SafeFileError(msg("zip.not_zip", "{file}: not a zip archive", file=path.name))
    entries, directory_size = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]
    if entries > max_members or directory_size > (max_members + 32) * _CENTRAL_ENTRY_BYTES:
        raise SafeFileError(_too_many_members(path.name, max_members))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except Exception as exc:  # BadZipFile, struct.error, EOFError, ...
        raise SafeFileError(_invalid_zip(path.name, exc)) from None
    if len(infos) > max_members:
        raise SafeFileError(_too_many_members(path.name, max_members))
    seen: set[str] = set()
    for info in infos:
        _check_member(path.name, info, max_ratio)
        key = "/".join(_name_parts(info.filename)).casefold()
        if key in seen:
            raise SafeFileError(
                msg(
                    "zip.duplicate",
                    "{file}: {member} appears twice",
                    file=path.name,
                    member=info.filename,
                )
            )
        seen.add(key)
    total = sum(info.file_size for info in infos)
    if total > max_total_bytes:
        raise SafeFileError(
            msg(
                "zip.too_large",
                "{file}: unpacks to {size} bytes, more than the {most} allowed",
                file=path.name,
                size=total,
                most=max_total_bytes,
            )
        )
    if total > max_ratio * max(size, 1):
        raise SafeFileError(_ratio_too_high(path.name, max_ratio))
    spans = sorted((info.header_offset, info.compress_size, info.filename) for info in infos)
    for (start, length, name), (next_start, _, _) in zip(spans, spans[1:], strict=False):
        if start + 30 + length > next_start:  # 30: the smallest local header
            raise SafeFileError(
                msg(
                    "zip.overlap",
                    "{file}: {member} overlaps another member's data",
                    file=path.name,
                    member=name,
                )
            )
    return infos


def _invalid_zip(file: str, exc: BaseException) -> Message:
    return msg(
        "zip.invalid",
        "{file}: not a valid zip archive: {reason}",
        file=file,
        reason=_one_line(exc),
    )


def _too_many_members(file: str, most: int) -> Message:
    return msg("zip.too_many_members", "{file}: more than {most} members", file=file, most=most)


def _ratio_too_high(where: str, ratio: float) -> Message:
    return msg(
        "zip.ratio_too_high",
        "{where}: unpacks to more than {ratio:g} times its size",
        where=where,
        ratio=ratio,
    )


def _name_parts(name: str) -> list[str]:
    return [part for part in re.split(r"[/\\]", name) if part not in ("", ".")]


def _check_member(archive: str, info: zipfile.ZipInfo, max_ratio: float) -> None:
    name = info.filename
    where = f"{archive}: {name}"  # file and member names only: nothing to translate
    if not _name_parts(name):
        raise SafeFileError(
            msg("zip.empty_name", "{file}: a member has an empty name", file=archive)
        )
    if name.startswith(("/", "\\")):
        raise SafeFileError(msg("zip.absolute_path", "{where}: an absolute path", where=where))
    if ":" in name:
        raise SafeFileError(
            msg("zip.drive_letter", "{where}: a drive letter or ':' in a member name", where=where)
        )
    if ".." in _name_parts(name):
        raise SafeFileError(msg("zip.parent_dir", "{where}: a '..' in a member name", where=where))
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        raise SafeFileError(msg("zip.symlink", "{where}: a symbolic link", where=where))
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise SafeFileError(
            msg(
                "zip.special_file",
                "{where}: a special file (device, FIFO or socket)",
                where=where,
            )
        )
    if info.flag_bits & 0x1:
        raise SafeFileError(msg("zip.encrypted", "{where}: encrypted", where=where))
    if info.compress_type not in _ZIP_METHODS:
        method = zipfile.compressor_names.get(info.compress_type, info.compress_type)
        raise SafeFileError(
            msg(
                "zip.unsupported_method",
                "{where}: compression method {method} is not supported",
                where=where,
                method=method,
            )
        )
    if info.file_size > max_ratio * max(info.compress_size, 1):
        raise SafeFileError(_ratio_too_high(where, max_ratio))


def extract_zip(
    path: str | os.PathLike,
    dest: str | os.PathLike,
    *,
    max_members: int,
    max_total_bytes: int,
    max_ratio: float,
) -> list[Path]:
    """Extract a :func:`check_zip`-checked archive into ``dest``; return the files written.

    Every target must resolve inside ``dest`` (a symlink already there cannot lead out) and
    must not exist yet: nothing is replaced. Header sizes are not trusted: the bytes really
    produced are counted, per member (at most its declared size and ``max_ratio`` times its
    compressed size) and in total. Files are written atomically (:mod:`fileio`); on any
    error the files written so far are removed."""
    infos = check_zip(
        path, max_members=max_members, max_total_bytes=max_total_bytes, max_ratio=max_ratio
    )
    name = Path(path).name
    root = Path(dest)
    root.mkdir(parents=True, exist_ok=True)
    root = root.resolve()
    written: list[Path] = []
    budget = [max_total_bytes]
    member = ""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in infos:
                member = info.filename
                target = root.joinpath(*_name_parts(info.filename))
                if not target.resolve().is_relative_to(root):
                    raise SafeFileError(
                        msg(
                            "zip.outside",
                            "{file}: {member} would be written outside {folder}",
                            file=name,
                            member=member,
                            folder=root,
                        )
                    )
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                if target.exists() or target.is_symlink():
                    raise SafeFileError(
                        msg(
                            "zip.target_exists",
                            "{file}: {member}: {target} already exists",
                            file=name,
                            member=member,
                            target=target,
                        )
                    )
                atomic_write(target, lambda out, i=info: _copy(archive, i, out, budget, max_ratio))
                written.append(target)
    except Exception as exc:
        for done in written:
            done.unlink(missing_ok=True)
        if isinstance(exc, SafeFileError):
            raise
        raise SafeFileError(
            msg(
                "zip.cannot_extract",
                "{file}: {member}: cannot be extracted: {reason}",
                file=name,
                member=member,
                reason=_one_line(exc),
            )
        ) from None
    return written


def _copy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, out, budget, max_ratio) -> None:
    """Copy one member, counting the bytes really produced (headers can lie)."""
    limit = min(info.file_size, max_ratio * max(info.compress_size, 1))
    produced = 0
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            produced += len(chunk)
            budget[0] -= len(chunk)
            if produced > limit or budget[0] < 0:
                where = f"{Path(str(archive.filename)).name}: {info.filename}"
                raise SafeFileError(
                    msg(
                        "zip.member_too_large",
                        "{where}: unpacks to more than its size allows",
                        where=where,
                    )
                )
            out.write(chunk)
