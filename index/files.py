"""Finding article files, and giving each one a stable id.

A path named explicitly is always an article. Directories are walked for `*.txt`,
Markdown (`*.md`, `*.markdown`), mail (`*.eml`) and subtitle (`*.srt`, `*.vtt`) files,
skipping hidden entries and files that
name themselves as something else (LICENSE, README, CHANGES, CHANGELOG, COPYING), so
a corpus directory can be indexed as it is.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
"""A file named so is read as Markdown (`index.parser`)."""
MAIL_SUFFIXES = frozenset({".eml"})
"""A file named so is read as a mail, when it begins with a header field
(`index.parser.mail`)."""
SUBTITLE_SUFFIXES = frozenset({".srt", ".vtt"})
"""A file named so is read as subtitles, when it holds a cue's timing
(`index.parser.subtitles`)."""
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
"""A file named so is read as a table (`index.parser.tables`)."""
ARTICLE_SUFFIXES = frozenset({".txt", *MARKDOWN_SUFFIXES, *MAIL_SUFFIXES, *SUBTITLE_SUFFIXES})
"""What a directory's walk takes: plain text, Markdown, mails and subtitles, each read
as what it is. A folder of notes in Markdown gave "0 added", its files read only when
named one by one, as did a folder of saved mails or of a series' subtitles. Not a table
(`TABLE_SUFFIXES`): a folder's CSV files are data, read when named."""
ARTICLE_FILES = "*.txt, *.md, *.markdown…"
"""What a directory's walk reads, as the user is told it (a directory found holding
none of them)."""
NOT_ARTICLES = frozenset({"license", "readme", "changes", "changelog", "copying"})
"""A corpus's own notes (ldcc's LICENSE.txt, README.txt, CHANGES.txt), by exact name:
as prefixes they also left out articles named changes-in-tokyo.txt or readmefirst.txt."""
NOT_ARTICLE_NAMES = "README, LICENSE, CHANGES, CHANGELOG or COPYING"
"""`NOT_ARTICLES` as the user is told them (beside `ARTICLE_FILES`)."""


def is_article_name(name: str) -> bool:
    lowered = name.lower()
    stem, dot, suffix = lowered.rpartition(".")
    return (
        not name.startswith(".")
        and bool(dot)
        and f".{suffix}" in ARTICLE_SUFFIXES
        and stem not in NOT_ARTICLES
    )


def is_notes_name(name: str) -> bool:
    """Whether `name` would be an article file's but for naming a corpus's notes
    (README.txt, LICENSE.md): of `NOT_ARTICLES`."""
    stem, dot, suffix = name.lower().rpartition(".")
    return (
        not name.startswith(".") and f"{dot}{suffix}" in ARTICLE_SUFFIXES and stem in NOT_ARTICLES
    )


@dataclass(slots=True)
class Discovery:
    files: list[Path] = field(default_factory=list)
    """Absolute, resolved article paths, sorted, without duplicates."""
    roots: list[Path] = field(default_factory=list)
    """The resolved paths that were asked for (files and directories)."""
    missing: list[Path] = field(default_factory=list)
    """Paths asked for that do not exist."""
    special: list[Path] = field(default_factory=list)
    """Paths asked for that are neither regular files nor directories (FIFOs, devices):
    opening a FIFO blocks until a writer comes, so they are refused, not read."""
    unnamable: list[Path] = field(default_factory=list)
    """Article files found, and paths asked for, whose names are not UTF-8 (a Shift_JIS
    name out of a zip archive: Python holds its bytes as lone surrogates). The index
    keeps paths and ids as UTF-8 text, so they are refused, each named, and the rest
    indexed: one such name stopped every update of its directory with a traceback."""
    unreadable: dict[Path, str] = field(default_factory=dict)
    """Directories (asked for, or under one) that could not be listed, and paths asked
    for that could not be looked at (a parent that cannot be searched) -> why
    ("permission denied"): they tell nothing of the files under them, which are not
    to be taken for deleted (`index.build.plan_update`)."""
    empty: list[Path] = field(default_factory=list)
    """Directories asked for, listed whole, under which no article file was found: an
    unmounted disk's mount point looks so, as does a directory emptied."""
    passed_over: dict[Path, int] = field(default_factory=dict)
    """Of `empty`, those that hold other files (not hidden; `a.html`, `b.csv`,
    `README.txt`) -> how many: not empty, but nothing in them is an article file."""
    skipped: dict[Path, str] = field(default_factory=dict)
    """Entries named as article files under a directory walked that are no regular file
    (a FIFO, a device, a link to nothing) -> why: passed over as a file asked for by
    name is refused, and said so, as rsync says "skipping non-regular file". They
    were passed over without a word, where named they were reported."""
    notes: dict[Path, tuple[str, ...]] = field(default_factory=dict)
    """Of `passed_over`, those some of whose files are named as notes (`is_notes_name`:
    README.txt, LICENSE.txt) -> their names, sorted: "1 other file not read" of a
    README.txt read as a contradiction beside "*.txt" as what is read."""

    def in_scope(self, path: str) -> bool:
        """Whether `path` lies under one of the roots (so its absence means it was deleted)."""
        for root in self.roots:
            text = str(root)
            if path == text or path.startswith(text.rstrip(os.sep) + os.sep):
                return True
        return False


def holds(outer: str, inner: str) -> bool:
    """Whether the resolved path `inner` is `outer` or lies under it."""
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


GONE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.ELOOP})
"""Errors that say a path is not there (nothing by that name, a broken link or a loop),
where any other (EACCES, EIO) says only that it could not be looked at."""


def is_missing(path: Path | str) -> bool:
    """Whether `path` is known not to be there (`Path.exists` false). One that cannot be
    looked at (a parent that cannot be searched) is not: `Path.exists` raised
    PermissionError for it, and `os.path.exists` says False, which took its articles
    for deleted."""
    try:
        Path(path).stat()
    except OSError as error:
        return error.errno in GONE or error.errno == errno.ENAMETOOLONG
    return False


TOO_LONG = "no such file or directory (the name is too long for one)"
"""Why a path given is not there when the system refuses its name (ENAMETOOLONG: a
component over 255 bytes, 85 kanji, or the whole over 4,096): no file can have it. It was
"cannot be read", kept in the home and failing every verify after."""


def _why(error: OSError) -> str:
    """An OSError as a reason, as the parser says a file's ("permission denied")."""
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def _walk(
    directory: Path,
    found: set[Path],
    unreadable: dict[Path, str],
    notes: list[str],
    skipped: dict[Path, str],
) -> tuple[int, int]:
    """Add the article files under the resolved `directory` (symbolic links followed)
    to `found`; how many it saw (with those found before), and how many other files
    (not hidden) it passed over, the names of those named as notes added to `notes`.
    An entry named as an article file that is no regular file goes to `skipped`
    (`Discovery.skipped`).

    Each directory is resolved once and its files named from it: resolving each of
    7,000 files (a stat per component) was most of a no-op update's time. Only a file
    that is itself a symbolic link is resolved on its own. A directory that cannot be
    listed goes to `unreadable` (resolved) with the reason: skipped silently, as
    `os.walk` does, its articles were dropped as deleted by the update (a passing
    permission problem, an I/O error, emptied the reader's list). One gone meanwhile
    was deleted. A link to a directory holding `directory` (`up -> ..`, `home -> ~`) is
    not followed: it would index everything around it.
    """
    root = str(directory)
    seen_dirs: set[tuple[int, int]] = set()
    pending = [directory]
    seen = others = 0
    while pending:
        current = pending.pop()
        try:
            info = current.stat()
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as error:
            if error.errno not in GONE:
                unreadable[Path(os.path.realpath(current))] = _why(error)
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:  # a symlink loop, or a directory reached twice
            continue
        seen_dirs.add(key)
        resolved = Path(os.path.realpath(current))
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir():  # follows a link, as is_file() does
                    if entry.is_symlink() and holds(os.path.realpath(entry.path), root):
                        continue
                    pending.append(Path(entry.path))
                elif is_article_name(name):
                    if entry.is_file():
                        found.add(
                            Path(entry.path).resolve() if entry.is_symlink() else resolved / name
                        )
                        seen += 1
                    else:
                        skipped[Path(entry.path)] = _skipped_reason(Path(entry.path))
                else:
                    passed = _counted(entry)
                    others += passed
                    if passed and is_notes_name(name):
                        notes.append(name)
            except OSError as error:
                # A link whose target cannot be looked at: a directory's, or a file's.
                if error.errno not in GONE:
                    unreadable[Path(os.path.realpath(entry.path))] = _why(error)
                elif is_article_name(name) and entry.is_symlink():
                    # A link in a loop (ELOOP: `a.txt -> b.txt -> a.txt`) or through a
                    # file (ENOTDIR) raises where a link to nothing gives False: it was
                    # passed over without a word, where a link to nothing is skipped.
                    skipped[Path(entry.path)] = _skipped_reason(Path(entry.path))
                continue
    return seen, others


def _skipped_reason(path: Path) -> str:
    """Why `path`, found by a walk, named as an article file and no regular file, is
    skipped: a link to nothing (or in a loop), or a FIFO, device or socket."""
    if is_missing(path):
        return f"{missing_reason(path)}, skipped"
    return "not a regular file (a FIFO, device or socket), skipped"


def _counted(entry: os.DirEntry[str]) -> int:
    """1 for a file the walk passes over (not an article), for the user to be told of
    when it finds no article; a link whose target cannot be looked at is not one, and
    no reason to call its directory unreadable: it was never to be read."""
    try:
        return int(entry.is_file())
    except OSError:
        return 0


def missing_reason(path: Path) -> str:
    """Why a path asked for is not there: a symbolic link to nothing, or in a loop, is
    told apart from a name that is nowhere (a loop read "no such file or directory")."""
    try:
        link = path.is_symlink()
    except OSError as error:  # (pathlib lets ENAMETOOLONG out)
        if error.errno == errno.ENAMETOOLONG:
            return TOO_LONG
        raise
    if not link:
        return "no such file or directory"
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "broken symbolic link: a loop (too many levels of links)"
    return f"broken symbolic link: {path.readlink()} is not there"


def discover(paths: Iterable[Path]) -> Discovery:
    found: set[Path] = set()
    result = Discovery()
    for given in paths:
        path = Path(given).expanduser()
        if not _utf8(str(path.absolute())):
            result.unnamable.append(path.absolute())
            continue
        try:
            there = path.exists()
        except OSError as error:  # a parent that cannot be searched: it may be there
            if error.errno == errno.ENAMETOOLONG:  # (`TOO_LONG`) not there
                result.missing.append(path.absolute())
                continue
            resolved = Path(os.path.realpath(path))
            result.roots.append(resolved)
            result.unreadable[resolved] = _why(error)
            continue
        if not there:
            result.missing.append(path.absolute())
            continue
        resolved = path.resolve()
        result.roots.append(resolved)
        if resolved.is_dir():
            unlisted: dict[Path, str] = {}
            notes: list[str] = []
            seen, others = _walk(resolved, found, unlisted, notes, result.skipped)
            if not seen and not unlisted:
                result.empty.append(resolved)
                if others:
                    result.passed_over[resolved] = others
                if notes:
                    result.notes[resolved] = tuple(sorted(notes))
            result.unreadable.update(unlisted)
        elif resolved.is_file():
            found.add(resolved)
        else:
            result.special.append(path.absolute())
    result.files = sorted(path for path in found if _utf8(str(path)))
    if len(result.files) < len(found):  # (a file asked for and found under a root: once)
        result.unnamable += [path for path in found if not _utf8(str(path))]
    result.unnamable = sorted(set(result.unnamable))
    return result


def _utf8(text: str) -> bool:
    """Whether `text` (a path as Python read it) is UTF-8 as it stands: no byte of the
    name failed to decode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def disk_state(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of each article file under `paths`: two states differ when a
    file was added, removed or changed in between (~0.2 s for 7,000 files)."""
    state: dict[str, tuple[int, int]] = {}
    for path in discover(paths).files:
        try:
            info = path.stat()
        except OSError:
            continue
        state[str(path)] = (info.st_size, info.st_mtime_ns)
    return state


def path_tag(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]


def assign_ids(
    paths: Sequence[str], held: Mapping[str, str] | None = None, reserved: Set[str] = frozenset()
) -> dict[str, str]:
    """Article ids for `paths`. One in `held` (path -> the id it is indexed under) keeps
    that id: read marks and bookmarks are kept by id, and a file indexed by another
    directory's same-named file coming in lost its own (`same` became `same~<tag>`).

    Any other gets its file stem; when another of `paths` shares the stem, or an id held
    is the stem, `stem~<hash of path>`; never one of `reserved` (the ids kept for files
    out of reach: an unmounted disk's). Without `held` it depends only on the set of
    paths, so a first build gives the same files the same ids every run.
    """
    held = held or {}
    stems = {path: Path(path).stem for path in paths}
    counts = Counter(stems.values())
    ids: dict[str, str] = {}
    taken: set[str] = set(reserved)  # kept for files out of reach (an unmounted disk)
    for path in sorted(paths):  # the same id held twice (never written so): one keeps it
        kept = held.get(path)
        if kept is not None and kept not in taken:
            ids[path] = kept
            taken.add(kept)
    for path in sorted(paths):
        if path in ids:
            continue
        stem = stems[path]
        wanted = stem if counts[stem] == 1 and stem not in taken else f"{stem}~{path_tag(path)}"
        tries = 0
        while wanted in taken:  # a file named like a tagged id, or a path's tag held
            tries += 1
            wanted = f"{stem}~{path_tag(f'{path}#{tries}')}"
        ids[path] = wanted
        taken.add(wanted)
    return ids
