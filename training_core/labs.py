"""Finding labs: the built-in ones, the user's folder, imported packs; loading one by id.

Labs come from three places, searched in this order: the built-in labs
(``resources/labs``), packs imported in the app (the per-user ``labs`` data folder) and the
folder set in Preferences (``labs_folder``). A file that cannot be read is listed as broken
with its one-line error and never stops the listing: one teacher's typo must not hide the
other labs. The format itself is in :mod:`training_core.lab_format` and ``docs/labs.md``.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from training_core import preferences
from training_core.fileio import atomic_write_text, describe_os_error
from training_core.lab_format import MAX_LAB_BYTES, Lab, LabError, lab_error, parse_lab
from training_core.messages import message_of, msg
from training_core.safe_files import SafeFileError, read_text_data
from training_core.safe_zip import extract_zip

log = logging.getLogger(__name__)

__all__ = [
    "BrokenLab",
    "Lab",
    "LabError",
    "LabInfo",
    "LabListing",
    "import_lab_pack",
    "lab_folders",
    "list_labs",
    "load_lab",
    "read_lab_file",
    "user_labs_dir",
]

DEFAULT_LANGUAGE = "en"
MAX_LAB_FILES = 500  # per folder
MAX_PACK_MEMBERS = 200
MAX_PACK_BYTES = 20 * 2**20
MAX_PACK_RATIO = 200.0
_FILE_NAME = re.compile(r"(?P<id>[a-z0-9][a-z0-9-]*)(?:\.(?P<lang>[A-Za-z_]+))?\.md\Z")


@dataclass
class LabInfo:
    """One lab in the list: its header, and the file of each language it has."""

    id: str
    title: str
    summary: str
    lesson: str
    order: int
    source: str  # "built-in", "imported" or "user"
    paths: dict[str, Path] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # the title in each language

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.paths, key=lambda lang: (lang != DEFAULT_LANGUAGE, lang)))

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or self.titles.get(DEFAULT_LANGUAGE) or self.title


@dataclass(frozen=True)
class BrokenLab:
    path: Path
    error: str  # one line: file:line: reason


@dataclass
class LabListing:
    labs: list[LabInfo]
    broken: list[BrokenLab]

    def get(self, lab_id: str) -> LabInfo | None:
        return next((info for info in self.labs if info.id == lab_id), None)


def user_labs_dir() -> Path:
    """Where imported lab packs are kept (per user, beside the runs)."""
    return preferences.data_dir() / "labs"


def lab_folders(extra: list[str | os.PathLike] | None = None) -> list[tuple[Path, str]]:
    """The folders searched, in order, with how each is labelled in the list."""
    from training_core.resources import labs_dir

    folders = [(labs_dir(), "built-in"), (user_labs_dir(), "imported")]
    chosen = preferences.load().labs_folder
    if chosen:
        folders.append((Path(chosen).expanduser(), "user"))
    folders += [(Path(f), "user") for f in extra or ()]
    return folders


def read_lab_file(path: str | os.PathLike) -> Lab:
    """One lab file, read safely and parsed strictly; its name must match its header
    (``<id>.md`` for English, ``<id>.<language>.md`` otherwise)."""
    path = Path(path)
    source = str(path)
    try:
        text = read_text_data(path, MAX_LAB_BYTES)
    except (SafeFileError, OSError) as exc:
        reason = exc.args[0] if isinstance(exc, SafeFileError) else describe_os_error(exc)
        raise LabError(
            msg("lab.unreadable", "{file}: {reason}", file=source, reason=reason)
        ) from None
    return _named_right(parse_lab(text, source, path), path.name)


def _named_right(lab: Lab, file_name: str) -> Lab:
    wanted = f"{lab.id}.md" if lab.language == DEFAULT_LANGUAGE else f"{lab.id}.{lab.language}.md"
    if file_name != wanted:
        raise lab_error(
            lab.source,
            1,
            msg(
                "lab.wrong_file_name",
                "a lab with id {id} in language {language} must be named {wanted}",
                id=lab.id,
                language=lab.language,
                wanted=wanted,
            ),
        )
    return lab


def list_labs(extra_folders: list[str | os.PathLike] | None = None) -> LabListing:
    """Every lab found, sorted by order then id; broken files listed with their error.
    A second lab with an id already listed (a user's copy of a built-in) is broken too."""
    labs: dict[str, LabInfo] = {}
    broken: list[BrokenLab] = []
    for folder, source in lab_folders(extra_folders):
        for path in _lab_files(folder, broken):
            try:
                lab = read_lab_file(path)
            except LabError as exc:
                broken.append(BrokenLab(path, message_of(exc) or str(exc)))  # translatable
                continue
            info = labs.get(lab.id)
            if info is None:
                info = labs[lab.id] = LabInfo(
                    lab.id, lab.title, lab.summary, lab.lesson, lab.order, source
                )
            elif info.source != source or lab.language in info.paths:
                where = info.paths.get(lab.language) or next(iter(info.paths.values()))
                broken.append(
                    BrokenLab(
                        path,
                        msg(
                            "lab.duplicate_id",
                            "{file}: id {id} is already used by {other}",
                            file=path,
                            id=lab.id,
                            other=where,
                        ),
                    )
                )
                continue
            info.paths[lab.language] = path
            info.titles[lab.language] = lab.title
            if lab.language == DEFAULT_LANGUAGE:  # the list shows the English header fields
                info.title, info.summary, info.lesson, info.order = (
                    lab.title,
                    lab.summary,
                    lab.lesson,
                    lab.order,
                )
    ordered = sorted(labs.values(), key=lambda i: (i.order, i.id))
    return LabListing(ordered, broken)


def _lab_files(folder: Path, broken: list[BrokenLab]) -> list[Path]:
    try:
        if not folder.is_dir():
            return []
        names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".md"))
    except OSError as exc:
        broken.append(BrokenLab(folder, f"{folder}: {exc.strerror or exc}"))
        return []
    if len(names) > MAX_LAB_FILES:
        broken.append(
            BrokenLab(
                folder,
                msg(
                    "lab.too_many_files",
                    "{folder}: more than {most} lab files; only the first are read",
                    folder=folder,
                    most=MAX_LAB_FILES,
                ),
            )
        )
    return [folder / n for n in names[:MAX_LAB_FILES] if n.lower() != "readme.md"]


def load_lab(
    id_or_path: str | os.PathLike,
    language: str = DEFAULT_LANGUAGE,
    extra_folders: list[str | os.PathLike] | None = None,
) -> Lab:
    """A lab by id (searched in :func:`lab_folders`) or by file, in ``language`` when it
    has it, else in English (``lab.fallback`` is then True). For a file, a sibling
    ``<id>.<language>.md`` is the other language."""
    text = str(id_or_path)
    path = Path(text)
    if text.endswith(".md") or os.sep in text or "/" in text:
        lab = read_lab_file(path)
        if lab.language == language:
            return lab
        sibling = path.with_name(
            f"{lab.id}.md" if language == DEFAULT_LANGUAGE else f"{lab.id}.{language}.md"
        )
        if sibling.is_file():
            return read_lab_file(sibling)
        return replace(lab, fallback=True)
    listing = list_labs(extra_folders)
    info = listing.get(text)
    if info is None:
        problem = next(
            (b.error for b in listing.broken if b.path.name.startswith(f"{text}.")), None
        )
        if problem:
            raise LabError(problem)
        known = ", ".join(i.id for i in listing.labs) or "none"
        raise LabError(msg("lab.unknown_id", "no lab {id!r}; labs: {known}", id=text, known=known))
    if language in info.paths:
        return read_lab_file(info.paths[language])
    return replace(read_lab_file(info.paths[info.languages[0]]), fallback=True)


def import_lab_pack(
    zip_path: str | os.PathLike, dest: str | os.PathLike | None = None, overwrite: bool = False
) -> list[Path]:
    """Copy the lab files of a zip into ``dest`` (default: :func:`user_labs_dir`).

    The archive goes through ``safe_files``' checks; every member must be a lab file and
    parse before any is kept (all or nothing); an existing file is replaced only with
    ``overwrite``, and a built-in lab's id is refused. Returns the files written."""
    from training_core.resources import labs_dir

    dest = Path(dest) if dest is not None else user_labs_dir()
    name = Path(zip_path).name
    dest.mkdir(parents=True, exist_ok=True)
    built_in = {p.name.split(".")[0] for p in labs_dir().glob("*.md")}
    with tempfile.TemporaryDirectory(prefix=".lab-pack-", dir=dest) as tmp:
        try:
            members = extract_zip(
                zip_path,
                tmp,
                max_members=MAX_PACK_MEMBERS,
                max_total_bytes=MAX_PACK_BYTES,
                max_ratio=MAX_PACK_RATIO,
            )
        except SafeFileError as exc:  # already one line naming the archive
            raise LabError(exc.args[0]) from None
        except OSError as exc:
            raise LabError(
                msg("lab.bad_pack", "{file}: {reason}", file=name, reason=describe_os_error(exc))
            ) from None
        texts: dict[str, str] = {}
        for member in members:
            inner = member.relative_to(tmp).as_posix()
            if any(part.startswith(".") or part == "__MACOSX" for part in inner.split("/")):
                continue  # .DS_Store, __MACOSX/._lab.md: what a folder zipped on a Mac carries
            source = f"{name}:{inner}"
            if not _FILE_NAME.match(member.name):
                raise LabError(
                    msg(
                        "lab.pack_not_lab",
                        "{member}: not a lab file (<id>.md or <id>.<language>.md)",
                        member=source,
                    )
                )
            if member.name in texts:
                raise LabError(
                    msg(
                        "lab.pack_twice",
                        "{member}: the pack holds this file name twice",
                        member=source,
                    )
                )
            try:
                text = read_text_data(member, MAX_LAB_BYTES)
            except SafeFileError as exc:
                raise LabError(
                    msg("lab.unreadable", "{file}: {reason}", file=source, reason=exc.args[0])
                ) from None
            lab = _named_right(parse_lab(text, source), member.name)
            if lab.id in built_in:
                raise lab_error(
                    source,
                    1,
                    msg(
                        "lab.builtin_id",
                        "id {id} is a built-in lab's; choose another id",
                        id=lab.id,
                    ),
                )
            texts[member.name] = text
        if not texts:
            raise LabError(msg("lab.empty_pack", "{file}: holds no lab files", file=name))
        clashes = [n for n in texts if (dest / n).exists()]
        if clashes and not overwrite:
            raise LabError(
                msg(
                    "lab.pack_exists",
                    "{file}: {existing} already exists in {folder}; "
                    "import again and allow replacing",
                    file=name,
                    existing=clashes[0],
                    folder=dest,
                )
            )
    return [atomic_write_text(dest / n, text) for n, text in sorted(texts.items())]
