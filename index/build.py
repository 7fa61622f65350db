"""Bringing an index up to date with the article files: plan, then apply in one commit.

The plan compares what the index holds (path, size, mtime, sha256 of each file)
with what is on disk: new paths are added, changed ones updated, vanished ones
removed. A file whose size or mtime changed but whose bytes did not (touched) is
left alone. A file removed whose bytes a new file has was renamed (or moved): the
new path takes its id, so the reading state kept by id follows it.

Everything lands in a single Whoosh commit, so an interrupted update (killed,
cancelled, disk full) leaves the index exactly as it was.

Large updates run in worker processes: each parses and analyses its share of the
files into its own segment (Whoosh's `multisegment` way), and the parent commits
those segments together with its deletions. Parsing in the workers, not the
parent, is what keeps both cores busy (from `PARALLEL_THRESHOLD` files up: the
README's `yomite index`).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import multiprocessing
import multiprocessing.resource_tracker
import os
import queue
import signal
import sys
import threading
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from index.errors import DocumentFailure, FailureKind, LibraryError, UpdateFailure
from index.files import Discovery, assign_ids, holds, is_missing
from index.home import SCANNED
from index.store import INDEX_NAME, OpenedIndex, SyncedStorage

PARALLEL_THRESHOLD = 200
"""Below this many files to analyse, starting worker processes costs more than it saves."""
BATCH_SIZE = 16
WRITER_LOCK_TIMEOUT = 2.0


@dataclass(slots=True)
class UpdateProgress:
    done: int
    total: int
    path: str | None
    writing: bool = False
    """Every file is read: the index is being written (over ldcc, ~8 s of a ~30 s
    build, with no file to count)."""


@dataclass(slots=True)
class UpdateReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[UpdateFailure] = field(default_factory=list)
    not_there: list[str] = field(default_factory=list)
    """Of `failed`, the paths asked for (given, or directories of the home) that are
    not there: a typo or an unmounted disk, no file that failed to be read."""
    unreadable: list[str] = field(default_factory=list)
    """Of `failed`, the directories that could not be listed (`Plan.unreadable`)."""
    empty: list[str] = field(default_factory=list)
    """Of `failed`, the directories asked for found with no article file under them
    (`Discovery.empty`): whose articles are kept or left out (`Plan.emptied`), or with
    nothing to index. No file that failed to be read either."""
    not_articles: list[str] = field(default_factory=list)
    """Of `empty`, those that hold files, none of them an article file
    (`Discovery.passed_over`): the summary counts them apart from those empty."""
    kept: dict[str, int] = field(default_factory=dict)
    """Of `failed`, the directories whose indexed articles an update keeps though it
    could not see their files (not there, unreadable, empty: `Plan.unavailable`,
    `unreadable`, `emptied`) -> how many. Nothing of theirs went out of the index: the
    reader said "1 not indexed" of a directory not there whose one article was kept."""
    refused: list[str] = field(default_factory=list)
    """Of `failed`, the files asked for by name that are no article (binary, empty, a
    FIFO): they do not join the home (`index.home.refused_files`)."""
    home_reasons: dict[str, str] = field(default_factory=dict)
    """Of `refused`, by their paths in `failed`: the reason the home records for one in
    its directories (its own file, failing as any other: "empty file (no text), not an
    article"), '' for one it does not keep (not added, or let go). `failed` says what
    becomes of each ("…; not added to the home"): the reader remembered the failures it
    told so, and a start not given the file named it again (`tui.background_index`)."""
    deleted: list[str] = field(default_factory=list)
    """Of `not_there`, the files asked for by name whose article the update removed: a
    file indexed by its name, deleted. Told apart by the reader, which asks for the
    file it was opened on at each update: deleted while read, it said the file "could
    not be indexed" beside "1 removed"."""
    told_before: list[str] = field(default_factory=list)
    """Of `failed`, the files whose failure an earlier update recorded and that have not
    changed since (`Plan.failing`): not read again, their failure said when it was
    new. `yomite index` counts them and names the others: it named every one at every
    run, though nothing had changed."""
    skipped: list[UpdateFailure] = field(default_factory=list)
    """Entries of the directories walked named as article files that are no regular
    file (`Discovery.skipped`): not failures, each said, and counted apart."""
    damaged: list[tuple[str, str]] = field(default_factory=list)
    """Files indexed although some of their bytes could not be decoded (path, what)."""
    vanished: list[str] = field(default_factory=list)
    """Files found that were gone when read, or once they failed (deleted or moved away
    while the update ran): no failure, said apart; one indexed before left the index.
    Deleting a third of 500 files as they were indexed said "243 failed" of which
    ~150 were only gone, each "No such file or directory"."""
    seconds: float = 0.0
    cancelled: bool = False
    """True when the update stopped early; then nothing was written."""
    renamed: int = 0
    """Files renamed or moved (the same bytes under a new path): their articles keep
    their ids. Counted neither as added nor as removed."""
    unknown_before: bool = False
    """A rebuild whose old index could not be read (the repair of a damaged one): what it
    held is unknown, so `added` counts every article indexed, none new that anyone can
    tell. Said "rebuilt from the files: N articles", not "N added"."""


ProgressCallback = Callable[[UpdateProgress], None]
CancelCheck = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class IndexedFile:
    path: str
    id: str
    size: int
    mtime_ns: int
    sha256: str


@dataclass(slots=True)
class Plan:
    add: list[tuple[str, str]] = field(default_factory=list)
    """(path, id) of files new to the index."""
    update: list[tuple[str, str]] = field(default_factory=list)
    """(path, id) of indexed files whose content (or id) changed."""
    remove: list[str] = field(default_factory=list)
    unchanged: int = 0
    unavailable: dict[str, int] = field(default_factory=dict)
    """Directories asked for that are missing (an unmounted disk, a network share) ->
    how many indexed articles under them are kept."""
    unreadable: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Directories that could not be listed (`Discovery.unreadable`) -> why, and how many
    indexed articles under them are kept."""
    emptied: dict[str, int] = field(default_factory=dict)
    """Directories asked for found empty (`Discovery.empty`) that indexed articles lie
    under -> how many, kept."""
    failing: dict[str, tuple[str, Stamp]] = field(default_factory=dict)
    """Files that failed to parse and have not changed since -> why, and the file as
    it was read then: not analysed again (they would fail again), their failure
    carried into the new commit."""
    failing_kept: set[str] = field(default_factory=set)
    """Those of `failing` whose last version that parsed is indexed (and stays)."""
    failing_elsewhere: dict[str, tuple[str, Stamp]] = field(default_factory=dict)
    """Recorded failures of files outside the paths updated: kept on record, unsaid."""
    renamed: dict[str, str] = field(default_factory=dict)
    """New path -> the removed path whose bytes it has (renamed or moved): added under
    the removed one's id (see `plan_update`)."""
    replaced: set[str] = field(default_factory=set)
    """In a rebuild, the paths the index it replaces held (`plan_update`'s `earlier`):
    the report counts against them, as an update's against the index it changes. Of
    `add`, a path it held is updated or unchanged, not added; one it held that is not
    indexed now (deleted, moved, left out, failed) is removed."""
    differ: set[str] = field(default_factory=set)
    """Of `add`, those `replaced` held whose bytes (or id) are not what it held: updated."""

    def failures(self) -> list[UpdateFailure]:
        """(path, why) of `failing`, saying where the version indexed before is kept."""
        return sorted(
            UpdateFailure(
                path, f"{why}; {KEPT}" if path in self.failing_kept else why, FailureKind.FILE
            )
            for path, (why, _) in self.failing.items()
        )

    @property
    def to_analyse(self) -> list[tuple[str, str]]:
        return self.add + self.update

    @property
    def changes_anything(self) -> bool:
        return bool(self.add or self.update or self.remove)


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:  # noqa: PTH123 - hot path, plain str paths
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def indexed_files(searcher: Any) -> dict[str, IndexedFile]:
    """The bookkeeping of every document in the index, by path."""
    found: dict[str, IndexedFile] = {}
    for stored in searcher.all_stored_fields():
        path = stored.get("path")
        if not path:
            continue
        found[path] = IndexedFile(
            path=path,
            id=str(stored.get("id", "")),
            size=int(stored.get("size", -1)),
            mtime_ns=int(stored.get("mtime_ns", -1)),
            sha256=str(stored.get("sha256", "")),
        )
    return found


def _unchanged_on_disk(known: IndexedFile, scanned: int | None = None) -> bool:
    """Whether the file `known` holds what was indexed: its size and mtime as recorded,
    and no change of its own since the update that last looked at it began (`scanned`,
    ns): then the bytes are compared. Same size, mtime put back (`touch -r`, a tool
    that keeps it, a file system storing times coarsely) passed for unchanged, and
    `yomite index` and `verify` kept the old text; any write changes the ctime."""
    try:
        info = os.stat(known.path)  # noqa: PTH116 - hot path (a stat per indexed file)
    except OSError:
        return False
    if info.st_size != known.size:
        return False
    if info.st_mtime_ns == known.mtime_ns and (scanned is None or info.st_ctime_ns < scanned):
        return True
    try:  # touched: same size, new mtime (or ctime); only the bytes can tell
        return sha256_of(known.path) == known.sha256
    except OSError:
        return False


def _renamed(gone: Sequence[IndexedFile], new: Sequence[str]) -> dict[str, IndexedFile]:
    """Those of the files `new` to the index that are files `gone` from it under another
    path (renamed, moved): path -> the file gone. The same bytes (sha256) tell; only a
    new file of a gone one's size is read. Of files alike, one of the same name (moved),
    else in the same directory (renamed), else the first by path is taken. A file both
    changed and renamed is not recognised."""
    by_size: dict[int, list[IndexedFile]] = {}
    for known in gone:
        if known.sha256:
            by_size.setdefault(known.size, []).append(known)
    found: dict[str, IndexedFile] = {}
    if not by_size:
        return found
    for path in new:
        try:
            candidates = by_size.get(os.stat(path).st_size)  # noqa: PTH116 - as above
            digest = sha256_of(path) if candidates else ""
        except OSError:
            continue
        alike = [known for known in candidates or () if known.sha256 == digest]
        if alike:
            here = Path(path)
            best = min(
                alike,
                key=lambda k: (Path(k.path).name != here.name, Path(k.path).parent != here.parent),
            )
            by_size[best.size].remove(best)
            found[path] = best
    return found


def plan_update(
    indexed: Mapping[str, IndexedFile],
    discovery: Discovery,
    failing: Mapping[str, tuple[str, Stamp]] | None = None,
    named: Set[str] = frozenset(),
    *,
    earlier: Mapping[str, IndexedFile] | None = None,
    away: Mapping[str, str] | None = None,
    out_of_reach: Sequence[str] = (),
    scanned: Callable[[str], int | None] = lambda _: None,
    whole: bool = False,
) -> Plan:
    """What an update does. `failing`: the recorded failures of files unchanged since
    (`unchanged_failures`), left out of the analysis (see `Plan.failing`). `named`: files
    indexed because they were asked for by name (roots of the home), kept while they
    exist even under a root whose walk passes over them (notes.md, .draft.txt: they
    were dropped as deleted when their directory was added, and came back next time).
    `earlier`: what the index a rebuild replaces held (`indexed` being empty), whose ids
    its files keep: read marks and bookmarks are kept by id. `away`: the ids of the files
    of a directory of the home not there (path -> id), kept for them: taken again by a
    file back, by no other file meanwhile. `out_of_reach`: directories outside the paths
    updated that are away as a whole (not there, empty, unreadable): their files gone
    are not taken for deleted. `scanned`: when the update that last looked at a file
    began (`index.home.last_scanned`): one changed since is compared by its bytes.
    `whole`: every root of the home was walked, none of it away: an indexed file under
    none of them (one a link led to, outside them) is gone unless the walk found it."""
    on_disk = {str(path) for path in discovery.files}
    plan = Plan()
    kept = _still_there(indexed, discovery, on_disk, named, out_of_reach, whole=whole)
    kept |= _under_directories_away(plan, indexed, discovery)
    present = kept | on_disk
    away = away or {}
    before = {**(earlier or {}), **indexed}
    moved = _moved(before, present, on_disk, away, failing)
    ids = _ids_of(present, before, away, moved)
    plan.remove = sorted(set(indexed) - kept)
    plan.renamed = {path: old.path for path, old in moved.items()}
    plan.replaced = set(earlier or {}) - set(indexed)
    for path in sorted(on_disk):
        _plan_file_on_disk(plan, path, indexed.get(path), ids[path], failing, before, scanned)
    for path, entry in (failing or {}).items():
        if path not in on_disk and not discovery.in_scope(path):
            plan.failing_elsewhere[path] = entry
    # An indexed file keeps its id (`assign_ids`): only one that shared its id with
    # another (written by no version, but an index may hold it) gets a new one.
    for path in sorted(kept - on_disk):
        if indexed[path].id != ids[path]:
            plan.update.append((path, ids[path]))
    return plan


def _still_there(
    indexed: Mapping[str, IndexedFile],
    discovery: Discovery,
    on_disk: Set[str],
    named: Set[str],
    out_of_reach: Sequence[str],
    *,
    whole: bool = False,
) -> set[str]:
    """The indexed files that stay: found on disk, or existing and asked for by name or
    outside the paths walked (unless every root was: `whole`), or under a directory out
    of reach (`plan_update`). A file a link led to outside the roots stayed once the
    link was removed, after `--forget` of its directory too (user review)."""
    return {
        path
        for path in indexed
        if path in on_disk
        or (
            (path in named or (not whole and not discovery.in_scope(path))) and not is_missing(path)
        )
        or any(holds(directory, path) for directory in out_of_reach)
    }


def _under_directories_away(
    plan: Plan, indexed: Mapping[str, IndexedFile], discovery: Discovery
) -> set[str]:
    """The indexed files under a directory asked for that is away (missing, unlistable,
    empty), which stay: counted into the plan's `unavailable`, `unreadable`, `emptied`."""
    kept: set[str] = set()
    # A directory asked for that has gone as a whole is more likely unmounted than
    # deleted: its articles stay (a missing file asked for was deleted: it goes).
    for missing in discovery.missing:
        prefix = str(missing).rstrip(os.sep) + os.sep
        under = {path for path in indexed if path.startswith(prefix)}
        if under:
            plan.unavailable[str(missing)] = len(under)
            kept |= under
    # A directory that cannot be listed (permission denied, an I/O error) says nothing
    # of its files: they stay. Taken for deleted, a passing `chmod` emptied the index.
    for directory, why in discovery.unreadable.items():
        under = {path for path in indexed if holds(str(directory), path)}
        plan.unreadable[str(directory)] = (why, len(under))
        kept |= under
    # So does a directory asked for that holds no article file at all while the index
    # holds some from it: the empty mount point of an unmounted disk looks so. (One
    # that still holds some had the others deleted: they go.)
    for root in discovery.empty:
        under = {path for path in indexed if holds(str(root), path)}
        if under:
            plan.emptied[str(root)] = len(under)
            kept |= under
    return kept


def _moved(
    before: Mapping[str, IndexedFile],
    present: Set[str],
    on_disk: Set[str],
    away: Mapping[str, str],
    failing: Mapping[str, tuple[str, Stamp]] | None,
) -> dict[str, IndexedFile]:
    """A file gone whose bytes a file new to the index has was renamed or moved: the
    new path takes its id, and the read mark, bookmark and place kept by it follow.
    (Not a file of a directory away: it is not gone, only out of reach.)"""
    return _renamed(
        [before[path] for path in sorted(set(before) - present) if path not in away],
        [
            path
            for path in sorted(on_disk - set(before) - set(away))
            if not (failing and path in failing)
        ],
    )


def _ids_of(
    present: Set[str],
    before: Mapping[str, IndexedFile],
    away: Mapping[str, str],
    moved: Mapping[str, IndexedFile],
) -> dict[str, str]:
    """The id of each file `present`: the one it had (`before`), or a moved file's, or
    a file away's back; a new one for the others, none of those kept for files away."""
    held = {**away, **{path: known.id for path, known in before.items()}}
    held.update((path, old.id) for path, old in moved.items())
    reserved = {id_ for path, id_ in away.items() if path not in present}
    return assign_ids(sorted(present), held, reserved)


def _plan_file_on_disk(
    plan: Plan,
    path: str,
    known: IndexedFile | None,
    id_: str,
    failing: Mapping[str, tuple[str, Stamp]] | None,
    before: Mapping[str, IndexedFile],
    scanned: Callable[[str], int | None],
) -> None:
    """Into `plan`, what becomes of a file on disk (`known`, as indexed): failing still,
    added, updated or unchanged."""
    if failing and path in failing and (known is None or known.id == id_):
        plan.failing[path] = failing[path]
        if known is not None:
            plan.failing_kept.add(path)
    elif known is None:
        plan.add.append((path, id_))
        # Analysed again in a rebuild: an article the user had, whose bytes tell
        # whether it is updated or unchanged (it was "added", as a new file is).
        was = before[path] if path in plan.replaced else None
        if was is not None and (was.id != id_ or not _unchanged_on_disk(was)):
            plan.differ.add(path)
    elif known.id != id_ or not _unchanged_on_disk(known, scanned(path)):
        plan.update.append((path, id_))
    else:
        plan.unchanged += 1


# -- documents ------------------------------------------------------------------------


KEPT = "the version indexed before is kept"
"""Said of a file that no longer parses: its article stays as it was last indexed."""


Stamp = tuple[int, int, int]
"""A file as it was read: size, mtime and ctime (ns). On POSIX any write changes the
ctime, also one that puts the mtime back (on Windows it is the creation time)."""


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns)


Failure = tuple[str, str, Stamp | None]
"""A file that could not be indexed: path, why, and the file as it was read (None
when it could not even be looked at: it is tried again at the next update)."""


def make_document(path: str, article_id: str) -> tuple[dict[str, Any], str | None]:
    """The index document of one file (content fields plus bookkeeping), and what was
    damaged in it: undecodable bytes are kept as U+FFFD, and the user must hear of it."""
    from index.parser import ParseError, parse_bytes, read_article_bytes
    from index.schema import document_fields

    # Looked at before it is read: a file written while it is read gets a later mtime
    # and ctime than recorded here, so the next update reads it again.
    stamp: Stamp | None = None
    try:
        file = Path(path)
        info = file.stat()
        stamp = stamp_of(info)
        # The digest is of the bytes parsed (the file read once).
        absolute = os.path.normpath(file.absolute())
        data = read_article_bytes(file, absolute)
        digest = hashlib.sha256(data).hexdigest()
        article = parse_bytes(data, absolute, article_id=article_id)
        document = document_fields(article)
    except ParseError as error:
        raise DocumentFailure(getattr(error, "reason", None) or str(error), stamp) from error
    except OSError as error:
        raise DocumentFailure(error.strerror or str(error), stamp) from error
    except Exception as error:  # a parser bug must not sink the other 7,000 files
        raise DocumentFailure(f"{type(error).__name__}: {error}", stamp) from error
    document.update(
        id=article_id, path=path, size=info.st_size, mtime_ns=info.st_mtime_ns, sha256=digest
    )
    doubts = article.decoding_doubts()
    damage = f"indexed, but {'; '.join(doubts)}" if doubts else None
    return document, damage


Outcome = tuple[dict[str, Any] | None, Failure | None, str | None]
"""(document or None, why it failed, what was damaged)."""


def _safe_document(path: str, article_id: str) -> Outcome:
    try:
        document, damage = make_document(path, article_id)
    except DocumentFailure as failure:
        return None, (path, str(failure), failure.stamp), None
    return document, None, damage


# -- applying a plan --------------------------------------------------------------------


class Cancelled(Exception):
    pass


def _vanished(failed: Iterable[tuple[str, str, object]]) -> set[str]:
    """The files that failed because they were deleted as the update ran: gone, not
    failed (`UpdateReport.vanished`), and an indexed one leaves the index. Not a file
    whose directory went away meanwhile, missing or empty (moved, a disk unmounted, a
    share dropped): its files are out of reach, not deleted, and keep their articles
    (said failed, the version indexed before kept), as a directory away when the update
    starts does. Every changed file of a directory moved away mid-run left the index."""
    away: dict[Path, bool] = {}
    vanished = set()
    for path, _, _ in failed:
        if not is_missing(path):
            continue
        directory = Path(path).parent
        if directory not in away:
            away[directory] = _directory_away(directory)
        if not away[directory]:
            vanished.add(path)
    return vanished


def _directory_away(directory: Path) -> bool:
    """Missing, unlistable or empty (an unmounted disk leaves its empty mount point)."""
    try:
        with os.scandir(directory) as entries:
            return next(entries, None) is None
    except OSError:
        return True


def apply_plan(
    opened: OpenedIndex,
    plan: Plan,
    *,
    meta: Mapping[str, Any],
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> UpdateReport:
    """Write `plan` into the index in one commit. The caller holds the write lock."""
    started = time.monotonic()
    report = UpdateReport(unchanged=plan.unchanged)
    carried: list[Failure] = [
        (path, why, stamp)
        for path, (why, stamp) in {**plan.failing_elsewhere, **plan.failing}.items()
    ]
    report.failed = plan.failures()
    report.told_before = sorted(plan.failing)
    # Nothing changed: no commit (the time this update looked through the files is
    # not worth one; the next commit records its own, and a file changed meanwhile
    # is compared by its bytes till then).
    then = {key: value for key, value in opened.meta.items() if key != SCANNED}
    now = {key: value for key, value in meta.items() if key != SCANNED}
    if not plan.changes_anything and {**now, "failed": _failure_record(carried)} == then:
        _count(report, plan, failed=set())
        report.seconds = time.monotonic() - started
        return report
    workers = default_procs()
    storage: SyncedStorage = opened.index.storage
    writer = _open_writer(opened.index)
    try:
        for path in plan.remove:
            writer.delete_by_term("path", path)
        todo = plan.to_analyse
        if workers > 1 and len(todo) >= PARALLEL_THRESHOLD:
            segments, failed = _analyse_in_workers(
                storage, todo, workers, report.damaged, progress=progress, cancelled=cancelled
            )
        else:
            segments, failed = _analyse_here(
                opened.index, todo, report.damaged, progress, cancelled
            )
        vanished = _vanished(failed)
        failed = [failure for failure in failed if failure[0] not in vanished]
        failed_paths = {path for path, _, _ in failed}
        # Replaced only once the new version is in: a file that no longer parses (it
        # became binary, or empty) keeps its last indexed version, and says so. One
        # gone meanwhile leaves the index, as it will at the next update.
        for path, _ in plan.update:
            if path not in failed_paths:
                writer.delete_by_term("path", path)
        storage.meta = {**meta, "failed": _failure_record(carried + failed)}
        _commit(writer, segments)
    except BaseException:
        _abandon(writer)
        raise
    _count(report, plan, failed=failed_paths | vanished)
    report.removed += sum(1 for path, _ in plan.update if path in vanished)
    report.vanished = sorted(vanished)
    updating = {path for path, _ in plan.update}
    report.failed = sorted(
        report.failed
        + [
            UpdateFailure(path, f"{why}; {KEPT}" if path in updating else why, FailureKind.FILE)
            for path, why, _ in failed
        ]
    )
    report.damaged.sort()
    report.seconds = time.monotonic() - started
    return report


def _count(report: UpdateReport, plan: Plan, *, failed: Set[str]) -> None:
    """Count what `plan` did to the articles of the index it changes, or of the one a
    rebuild replaces (`Plan.replaced`); the files `failed` were not indexed. A rebuild
    said "N added" of every article it brought back, and (for a new schema, or a
    repair) "0 removed" of those it did not."""
    indexed = {path for path, _ in plan.add if path not in failed}
    back = indexed & plan.replaced
    report.renamed = sum(1 for path in plan.renamed if path not in failed)
    report.added = len(indexed - back) - report.renamed
    report.updated = sum(1 for path, _ in plan.update if path not in failed)
    report.updated += len(back & plan.differ)
    report.unchanged = plan.unchanged + len(back - plan.differ)
    # A file renamed is counted once, as renamed: its old path is in `remove` (an
    # update) or not indexed (a rebuild).
    report.removed = len(plan.remove) + len(plan.replaced - indexed) - report.renamed


def _open_writer(index: Any) -> Any:
    """`index.writer()`, freeing Whoosh's lock when the writer fails to start, its
    posting blocks written as a build writes them (`index.blocks`).

    `SegmentWriter.__init__` takes the lock and then writes its term file's header:
    with the disk full that raises before the writer exists to be cancelled, and
    the lock stayed held until the garbage collector happened to close its file.
    """
    from whoosh.writing import SegmentWriter

    from index.blocks import write_blocks_as_built

    writer = SegmentWriter.__new__(SegmentWriter)
    writer.writelock = None
    try:
        writer.__init__(index, timeout=WRITER_LOCK_TIMEOUT)
    except BaseException:
        if writer.writelock is not None:
            with contextlib.suppress(Exception):
                writer.writelock.release()
        raise
    writer.mergetype = merge_small_by_size
    write_blocks_as_built(writer)  # the segments it merges, as fast to read as a build's
    return writer


SEGMENT_UNIT = 40_000
"""Bytes of a segment counted as one document by `merge_small_by_size`: about what an
ldcc article takes in the index (287 MB for 7,367)."""


def merge_small_by_size(writer: Any, segments: Sequence[Any]) -> list[Any]:
    """Whoosh's MERGE_SMALL, a segment's size read in bytes (as `SEGMENT_UNIT`
    documents) rather than in documents: Whoosh's policy took a segment of one
    document for a small one, and so a one-file update of a home holding a long text
    (15 MB) merged that text's segment again every fourth or fifth time: 19-23 s, where
    the others took 0.2 s. Segments are merged smallest first once there are five or
    more whose total is small (Fibonacci, as Whoosh's); the merged ones are added to
    `writer`, and the others returned, as a Whoosh merge policy does.

    A segment keeps its deleted documents' bytes until it is rewritten, and bytes alone
    never made a segment of ldcc articles small: each update left the segment of the
    files it had changed before behind, all deleted (changing the same 50 files of a
    1,020-file home 8 times took it from 40 to 65 MB; all of them 6 times, to 276 MB).
    So a segment whose documents are all deleted is dropped, one `worn` is rewritten
    with its live ones, and the others are measured by their live documents' share of
    their bytes. What leaves the index is its old files, once the new table of contents
    is in (`clean_files`, as for any merge): a crash leaves one commit or the other."""
    from whoosh.reading import SegmentReader
    from whoosh.util import fib

    storage = writer.storage
    names = storage.list()

    def live_size(segment: Any) -> int:
        prefix = f"{segment.segment_id()}."
        size = sum(storage.file_length(name) for name in names if name.startswith(prefix))
        return int(size * segment.doc_count() // segment.doc_count_all())

    live = [segment for segment in segments if segment.doc_count() > 0]
    rewritten = [segment for segment in live if _worn(segment)]
    sized = sorted(
        ((live_size(segment), segment) for segment in live if not _worn(segment)),
        key=itemgetter(0),
    )
    total = 0
    for i, (length, _) in enumerate(sized):
        total += length
        if i > 3 and total < fib(i + 5) * SEGMENT_UNIT:
            rewritten += [segment for _, segment in sized[: i + 1]]
            break
    for segment in rewritten:
        reader = SegmentReader(storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in live if segment not in rewritten]


def _worn(segment: Any) -> bool:
    """More than a third of `segment`'s documents are deleted: every segment left is at
    least two thirds live, so the index holds at most half as much again as a build of
    its files would. Rewriting one costs its live documents, twice what it frees at
    most (Lucene's TieredMergePolicy allows 33% deleted too). With half (the first
    try), 100 files of 1,020 changed at each of 20 updates left 63 MB against 40
    fresh (65 at most); with a third, 56 (61 at most; 106 before either)."""
    return bool(segment.deleted_count() * 3 > segment.doc_count_all())


def _abandon(writer: Any) -> None:
    """Cancel a failed write and free Whoosh's lock, even when cancelling fails too.

    `SegmentWriter.cancel` closes the segment's files before releasing the lock; with
    the disk full that close can raise, and the lock would stay held until this
    process exits.
    """
    if writer.is_closed:
        return
    with contextlib.suppress(Exception):
        writer.cancel()
    if writer.is_closed:
        return
    with contextlib.suppress(Exception):
        writer._tempstorage.destroy()
    if writer.writelock is not None:
        with contextlib.suppress(Exception):
            writer.writelock.release()
    writer.is_closed = True


def _failure_record(failed: Sequence[Failure]) -> dict[str, list[Any]]:
    """Files that did not parse, as committed, with the stamp they had when read:
    verify lists them apart from new files, and updates leave them alone until they
    change. (Stamped at the commit instead, a file written after it failed and
    before the commit was taken as the failure, and never indexed.)"""
    return {path: [reason, *stamp] for path, reason, stamp in failed if stamp is not None}


def unchanged_failures(meta: Mapping[str, Any]) -> dict[str, tuple[str, Stamp]]:
    """Recorded parse failures whose files have not changed since: path -> (reason,
    stamp). A record without a ctime (written before they were kept) counts as changed."""
    failed = meta.get("failed")
    result: dict[str, tuple[str, Stamp]] = {}
    if not isinstance(failed, dict):
        return result
    for path, entry in failed.items():
        try:
            reason, size, mtime_ns, ctime_ns = entry
            stamp = stamp_of(Path(path).stat())
        except (OSError, TypeError, ValueError):
            continue
        if stamp == (size, mtime_ns, ctime_ns):
            result[str(path)] = (str(reason), stamp)
    return result


def default_procs() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def _commit(writer: Any, extra_segments: Sequence[Any]) -> None:
    """`SegmentWriter.commit`, plus segments written by worker processes (as MpWriter does)."""
    if not extra_segments:
        writer.commit()
        return
    final = writer._merge_segments(None, None, None)
    final += list(extra_segments)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()


def _analyse_here(
    index: Any,
    todo: Sequence[tuple[str, str]],
    damaged: list[tuple[str, str]],
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> tuple[list[Any], list[Failure]]:
    """Analyse `todo` in this process into one new segment (as a worker would)."""
    from index.bulk import BulkSegment  # imports MeCab: only when there is work

    failed: list[Failure] = []
    if not todo:
        return [], failed
    segment = BulkSegment(index)
    try:
        for done, (path, article_id) in enumerate(todo, start=1):
            if cancelled is not None and cancelled():
                raise Cancelled
            document, failure, damage = _safe_document(path, article_id)
            if failure is not None:
                failed.append(failure)
            if document is not None:
                segment.add_document(**document)
            if damage is not None:
                damaged.append((path, damage))
            if progress is not None:
                progress(UpdateProgress(done, len(todo), path, writing=done == len(todo)))
        written = segment.finish()
    except BaseException:
        _abandon(segment.writer)
        raise
    return ([written] if written is not None else []), failed


# -- worker processes ---------------------------------------------------------------------


def _die_with_parent() -> None:
    """Workers must not outlive a killed build: they would write into the index dir."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


def _worker(
    folder: str,
    parent: int,
    jobs: multiprocessing.Queue[list[tuple[str, str]] | None],
    events: multiprocessing.Queue[tuple[str, Any]],
) -> None:
    _die_with_parent()
    if os.getppid() != parent:
        return  # the parent died before it could be watched: no signal will come
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited already (_ctrl_c_held)
    _quiet_terminal()
    try:
        from whoosh.index import FileIndex

        from index.bulk import BulkSegment

        index = FileIndex(SyncedStorage(folder), indexname=INDEX_NAME)
        writer = BulkSegment(index)
        # A worker's heap grows by millions of acyclic objects (postings, parses):
        # with the default thresholds the collector kept walking them (~5-15% of a
        # worker's CPU, more as its segment grows). Raised thresholds left ~3% (0.6-0.8
        # s a worker over ldcc). What is alive after each batch (the modules, then the
        # postings so far) is frozen out of its walks, so a collection walks only the
        # batch's own objects: 0.1 s.
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)
        while (batch := jobs.get()) is not None:
            # One event a batch, not one a file: each put wakes the queue's feeder
            # thread, which takes the GIL from the work (~4% of a worker's time).
            outcomes: list[tuple[str, Failure | None, str | None]] = []
            for path, article_id in batch:
                if os.getppid() != parent:
                    return
                document, failure, damage = _safe_document(path, article_id)
                if document is not None:
                    writer.add_document(**document)
                outcomes.append((path, failure, damage))
            events.put(("files", outcomes))
            gc.freeze()
        events.put(("segment", writer.finish()))
    except OSError as error:
        # Writing its segment (a disk full): said as the writing process says it
        # (`index.library._write_errors`), "the index is unchanged" with it.
        events.put(("error", (error.errno, error.strerror or str(error))))
    except BaseException as error:
        events.put(("error", f"{type(error).__name__}: {error}"))


def _quiet_terminal() -> None:
    """Point a worker's stdout and stderr at /dev/null.

    The workers inherit the parent's terminal; when the parent is the reader, a
    warning printed by a library in a worker would land over the TUI. What a worker
    has to say goes through the events queue.
    """
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            os.dup2(null, fd)
        os.close(null)


TRACKER_WARNINGS = "ignore:resource_tracker:UserWarning"
"""The warnings filter (`-W`) the resource tracker is started with: its own, alone."""


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, if it is not running, ignoring its
    warnings.

    The queues' semaphores are named, and the tracker (a process of its own) unlinks
    them should this process die without doing so. It outlives a build killed by
    SIGKILL, and then warned on the user's terminal, after the shell's "Killed":
    "resource_tracker: There appear to be 6 leaked semaphore objects to clean up at
    shutdown" (they are cleaned up all the same). It is started with this process's
    `-W` options (`sys.warnoptions`, read as it starts): one more, for it alone; this
    process's own filters were set at its start and are not changed."""
    sys.warnoptions.append(TRACKER_WARNINGS)
    try:
        multiprocessing.resource_tracker.ensure_running()
    finally:
        sys.warnoptions.remove(TRACKER_WARNINGS)


def _analyse_in_workers(
    storage: SyncedStorage,
    todo: Sequence[tuple[str, str]],
    procs: int,
    damaged: list[tuple[str, str]],
    *,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> tuple[list[Any], list[Failure]]:
    """Analyse `todo` in `procs` worker processes at most, each writing a segment of its
    own into `storage`: the segments and the files that failed. Every file is queued
    before the workers start; their events are collected until each has finished, and
    on any error or stop (a worker dead, `cancelled`, Ctrl-C) the workers are killed."""
    # spawn, not fork: the reader calls this from a thread, and forking a threaded
    # process can deadlock the child on a lock some other thread held.
    context = multiprocessing.get_context("spawn")
    start_resource_tracker()  # before the queues' semaphores start it
    jobs: multiprocessing.Queue[list[tuple[str, str]] | None] = context.Queue()
    events: multiprocessing.Queue[tuple[str, Any]] = context.Queue()
    workers = [
        context.Process(
            target=_worker, args=(storage.folder, os.getpid(), jobs, events), daemon=True
        )
        for _ in range(min(procs, max(1, len(todo) // BATCH_SIZE)))
    ]
    collected = _Collected(len(todo), damaged, progress)
    try:
        _start_workers(workers, jobs, todo)
        while collected.finished < len(workers):
            if cancelled is not None and cancelled():
                raise Cancelled
            try:
                kind, value = events.get(timeout=0.1)
            except queue.Empty:
                _check_alive(workers, events, collected)
                continue
            collected.take(kind, value)
    except BaseException:
        for worker in workers:
            if worker.pid is not None:
                worker.kill()
        # Batches no worker will read: the queue's feeder thread must not keep the
        # process from exiting while it waits to write them into a full pipe.
        jobs.cancel_join_thread()
        raise
    finally:
        for worker in workers:
            if worker.pid is not None:
                worker.join(timeout=5)
        jobs.close()
        events.close()
    return collected.segments, collected.failed


class _Collected:
    """What the workers of one build have sent so far: their segments, the files that
    failed (and those damaged, into the caller's list), how many files are done (told
    to `progress`) and how many workers have finished."""

    __slots__ = ("damaged", "done", "failed", "finished", "progress", "segments", "total")

    def __init__(
        self, total: int, damaged: list[tuple[str, str]], progress: ProgressCallback | None
    ) -> None:
        self.total = total
        self.damaged = damaged
        self.progress = progress
        self.segments: list[Any] = []
        self.failed: list[Failure] = []
        self.finished = 0
        self.done = 0

    def took(self, path: str) -> None:
        """One more file done: said to `progress`, "writing" once it is the last."""
        self.done += 1
        if self.progress is not None:
            done, total = self.done, self.total
            self.progress(UpdateProgress(done, total, path, writing=done == total))

    def take(self, kind: str, value: Any) -> None:
        """One worker event (`_handle`)."""
        self.finished += _handle(kind, value, self.segments, self.failed, self.damaged, self.took)


def _start_workers(
    workers: Sequence[Any],
    jobs: multiprocessing.Queue[list[tuple[str, str]] | None],
    todo: Sequence[tuple[str, str]],
) -> None:
    """Queue every batch of `todo`, and a stop for each worker, then start the workers."""
    # Queued before the workers start: a worker that finds its parent gone stops
    # at its next file rather than waiting for work that will never come.
    for batch in _batches(todo, BATCH_SIZE):
        jobs.put(batch)
    for _ in workers:
        jobs.put(None)
    # A Ctrl-C held while the workers start is raised as the window closes:
    # inside the caller's try, so the workers started by then are killed too.
    with _ctrl_c_held(), _caller_main_hidden():
        for worker in workers:
            worker.start()


def _check_alive(
    workers: Sequence[Any],
    events: multiprocessing.Queue[tuple[str, Any]],
    collected: _Collected,
) -> None:
    """With no event for a while: a worker that died (killed: out of memory) may have
    held the jobs queue's lock, and the others would wait on it for good. One dead is
    the build lost (its segment with it), so it ends now (LibraryError), as it does when
    none is alive any more without each having finished."""
    died = any(w.exitcode not in (None, 0) for w in workers)
    if not died and any(w.is_alive() for w in workers):
        return
    # Drain anything posted just before they exited, then give up.
    with contextlib.suppress(queue.Empty):
        while True:
            kind, value = events.get(timeout=0.5)
            collected.take(kind, value)
    if collected.finished < len(workers):
        raise LibraryError(_worker_death(workers, collected.done, collected.total)) from None


def _worker_death(workers: Sequence[Any], done: int, total: int) -> str:
    """What to say when a worker process ended without its segment: how it ended (a
    signal: killed, out of memory, a crash in MeCab) and how far the build was."""
    how = []
    for worker in workers:
        code = worker.exitcode
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                how.append(f"killed by {signal.Signals(-code).name}")
        elif code:
            how.append(f"exit status {code}")
    said = f" ({', '.join(sorted(set(how)))})" if how else ""
    return (
        f"an indexing worker process died{said} after {done:,} of {total:,} files; "
        "nothing was written"
    )


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Start child processes with Ctrl-C ignored: the parent decides what it means.

    Ctrl-C reaches the whole process group, and a worker still importing would die
    with a KeyboardInterrupt traceback over the user's terminal. An ignored signal
    stays ignored across exec (a blocked mask does not survive Python's spawn), so
    SIGINT is ignored while the children start. It is also blocked here meanwhile: a
    blocked signal is kept pending even when ignored, so a Ctrl-C in that window is
    delivered to this process (KeyboardInterrupt) once the handler is back. Only the
    main thread may change handlers; in the reader (a worker thread) the terminal
    sends no SIGINT anyway.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # The queues' semaphores start multiprocessing's resource tracker, and starting
    # it unblocks SIGINT (CPython's resource_tracker.ensure_running): inside the
    # window that would discard a pending Ctrl-C. Start it before.
    multiprocessing.resource_tracker.ensure_running()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


@contextlib.contextmanager
def _caller_main_hidden() -> Iterator[None]:
    """Start workers without re-running the caller's main script in them.

    spawn re-imports `__main__` in every child: a script calling `Library.update`
    without an `if __name__ == "__main__"` guard would recurse, and the reader's
    modules would load for nothing. The workers need only this module.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _handle(
    kind: str,
    value: Any,
    segments: list[Any],
    failed: list[Failure],
    damaged: list[tuple[str, str]],
    took: Callable[[str], None],
) -> int:
    """Take one worker event (`took` each file done); 1 when it says a worker has finished."""
    if kind == "files":
        for path, failure, damage in value:
            if damage is not None:
                damaged.append((path, damage))
            if failure is not None:
                failed.append(failure)
            took(path)
        return 0
    if kind == "error":
        if isinstance(value, tuple):
            raise OSError(*value)
        raise LibraryError(f"indexing failed in a worker process: {value}")
    if value is not None:
        segments.append(value)
    return 1


def _batches(items: Sequence[tuple[str, str]], size: int) -> Iterable[list[tuple[str, str]]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
