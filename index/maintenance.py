"""What changes the index, and what compares it with the files: the work of
`Library.update`, `forget`, `rebuild`, `repair` and `verify`.

`Library` keeps those methods and their signatures, and what every write shares: the
check that the home is writable, the write lock (`Library._writing`), the article list
saved with each commit (`Library._after_commit`), the refresh after it and the timing.
The functions here are called under that lock (all but `to_forget` and `compare`), and
take what they need: the home's `Locations`, the paths, the running version's schema
fingerprint (`index.library.schema_fingerprint`).

Imported by those methods on first use, not at open: it imports index.build (the
writer's side, ~10 ms), which the reader's first screen does without.
"""

from __future__ import annotations

import os
import pickle
import shutil
import struct
import time
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.build import (
    Cancelled,
    IndexedFile,
    Plan,
    UpdateProgress,
    UpdateReport,
    apply_plan,
    indexed_files,
    plan_update,
    unchanged_failures,
)
from index.config import load_config
from index.errors import ForgetRefused, IndexUnavailable, LibraryError, UpdateFailure
from index.files import Discovery, discover, is_missing
from index.home import (
    SCANNED,
    absent_roots,
    away_ids,
    commit_meta,
    held_under,
    last_scanned,
    not_taken_in,
    out_of_reach,
    outside_home,
    record_before_commit,
    record_roots,
    refused_files,
    scanned_since,
    still_away,
    under,
    unindexed_roots,
)
from index.library import VerifyReport
from index.locations import Locations
from index.refusals import (
    UNNAMABLE,
    count_apart,
    refusals,
    tell_refused,
    told_unnamable,
    unnamable_record,
)
from index.store import (
    OpenedIndex,
    current_generation,
    new_generation,
    open_generation,
    remove_other_generations,
    switch_to,
)

Progress = Callable[[UpdateProgress], None] | None
Cancel = Callable[[], bool] | None


def update(
    where: Locations,
    targets: Sequence[Path],
    progress: Progress,
    cancelled: Cancel,
    *,
    schema: str,
) -> UpdateReport:
    """`Library.update`'s work, under the write lock: bring the index up to date with
    `targets` in one commit, or rebuild it when there is none yet or it was built with
    another `schema` (the running version's `schema_fingerprint`)."""
    index_dir = where.index_dir
    generation = current_generation(index_dir)
    remove_other_generations(index_dir, keep=generation)  # an interrupted rebuild
    if generation is None:
        return rebuild(where, targets, progress, cancelled, roots=[], schema=schema)
    opened = open_generation(generation, readonly=False)
    if opened.meta.get("schema") != schema:
        old_roots = [str(r) for r in opened.meta.get("roots", [])]
        # A root indexed as a file that is gone was deleted; a directory
        # that is gone stays in the home (see `rebuild`).
        files = set(indexed_files(opened.searcher))
        opened.close()
        keep = {root for root in old_roots if root not in files}
        return rebuild(
            where, targets, progress, cancelled, roots=old_roots, keep=keep, schema=schema
        )
    return _update_generation(where, opened, targets, progress, cancelled, schema=schema)


def to_forget(where: Locations, paths: Sequence[Path]) -> tuple[list[str], set[str]]:
    """The paths `Library.forget` is asked to drop, resolved, and those config.toml's
    `[library] paths` names (not to be forgotten: the next update would bring them
    back). Raises ConfigError for a config file that cannot be used."""
    wanted = [str(Path(path).expanduser().resolve()) for path in paths]
    configured = {str(p.expanduser().resolve()) for p in load_config(where).library.paths}
    return wanted, configured


def forget(
    where: Locations, wanted: Sequence[str], configured: Set[str], *, schema: str
) -> UpdateReport:
    """`Library.forget`'s work, under the write lock: drop `wanted` (`to_forget`) from
    the home and its articles from the index, in one commit. Raises ForgetRefused for a
    path that is not one of the home's, or that is `configured`."""
    index_dir = where.index_dir
    generation = current_generation(index_dir)
    if generation is None:
        raise LibraryError(f"no index in {index_dir}: nothing to forget")
    opened = open_generation(generation, readonly=False)
    try:
        roots = [str(r) for r in opened.meta.get("roots", [])]
        # Those of a first build that did not finish are the home's too: the
        # next update indexes them.
        pending = unindexed_roots(where)
        for path in wanted:
            if path in configured:
                raise ForgetRefused(f"{path} is in config.toml's [library] paths: remove it there")
            if path not in roots and path not in pending:
                known = ", ".join([*roots, *sorted(pending)]) or "none"
                raise ForgetRefused(f"{path} is not one of this home's paths ({known})")
        kept = [root for root in roots if root not in wanted]
        # The last one too: the home then holds none, and indexes nothing until
        # given a directory (`holds_none`); it was refused while such a home went
        # back to seeds/.
        unfinished = sorted(pending - set(wanted))

        def dropped(path: str) -> bool:
            # The last directory forgotten takes every article: one a link in it led
            # to, outside it, stayed (user review); with others kept, their next walk
            # finds it or drops it (`walked_whole`).
            if not kept and not unfinished:
                return True
            return under(path, wanted) and not under(path, kept)

        plan = Plan(
            remove=[path for path in indexed_files(opened.searcher) if dropped(path)],
            failing_elsewhere={
                path: failure
                for path, failure in unchanged_failures(opened.meta).items()
                if not dropped(path)
            },
        )
    except BaseException:
        opened.close()
        raise
    opened.close()
    # Before the commit, and not passed over: written after, or not at all, the
    # file still listing what is forgotten brought it back at the next update
    # (`unindexed_roots`). Disk full: one line, and nothing is forgotten.
    record_roots(index_dir, [*kept, *unfinished], none_too=True, strict=True)
    absent = [root for root in absent_roots(opened.meta) if root in kept]
    # The ids held for the files of a directory away stay held: forgetting another
    # directory dropped them, for any file indexed next to take (with their state).
    # Those of the directories forgotten go with them (`commit_meta`).
    unnamable = opened.meta.get(UNNAMABLE)  # as told: kept
    meta = commit_meta(
        kept,
        absent,
        away_ids(opened.meta),
        schema=schema,
        unnamable=unnamable if isinstance(unnamable, dict) else None,
        scanned=opened.meta.get(SCANNED),
    )
    return apply_plan(opened, plan, meta=meta)


def compare(
    where: Locations,
    paths: Sequence[Path],
    roots: Sequence[Path],
    report: VerifyReport,
    *,
    stored: Sequence[tuple[str, str]],
    indexed: Mapping[str, IndexedFile],
    meta: Mapping[str, Any],
) -> VerifyReport:
    """`Library.verify`'s work: fill in `report` by comparing the index (the (path, id)
    of each document `stored`, the files `indexed`, the commit's `meta`) with the
    files under `roots` (`paths` given, or the home's). See there."""
    report.indexed = len(stored)
    discovery = discover(roots)
    if paths:
        # A file indexed because it was named (data.csv, notes.text) lies under a
        # directory given whose walk passes over it: reported missing, while a verify
        # of the whole home, which compares the roots it has, found it. Compared too.
        # (Path.is_file raises PermissionError under a directory that cannot be searched.)
        walked = {str(path) for path in discovery.files}
        named = [
            Path(root)
            for root in (str(r) for r in meta.get("roots", []))
            if discovery.in_scope(root) and root not in walked and os.path.isfile(root)  # noqa: PTH113
        ]
        if named:
            discovery = discover([*roots, *named])
    # Given PATHs, only the articles under them are compared: a file gone from
    # another directory of the home was reported `missing:` and the verdict said
    # "inconsistent" of PATHs that match their files. (The update `plan_update`
    # plans drops it wherever it lies; a path that is not there is no root.)
    in_scope = discovery.in_scope if paths else _anywhere
    path_counts = Counter(p for p, _ in stored if in_scope(p))
    id_counts = Counter(i for _, i in stored)
    ids_in_scope = {i for p, i in stored if in_scope(p)}
    report.duplicates = sorted(
        [f"path {p}" for p, n in path_counts.items() if n > 1]
        + [f"id {i}" for i, n in id_counts.items() if n > 1 and i in ids_in_scope]
    )
    failing = unchanged_failures(meta)
    home_roots = [str(root) for root in meta.get("roots", [])]
    plan = plan_update(
        indexed,
        discovery,
        failing,
        scanned=last_scanned(meta),
        whole=not paths and walked_whole(discovery, home_roots),
    )
    for path, _ in plan.update:
        if in_scope(path):
            (report.missing if is_missing(path) else report.changed).append(path)
    for path in plan.remove:
        if not in_scope(path):
            continue
        # Under no root, there, dropped: a link that led to it was removed.
        there = not discovery.in_scope(path) and not is_missing(path)
        (report.unreached if there else report.missing).append(path)
    report.missing.sort()
    report.unreached.sort()
    report.failed = plan.failures()
    # A name not UTF-8 is refused by every update, never recorded as a failure: said
    # as `yomite index` says it (verify said "consistent" and nothing of the file).
    report.refused = [str(path) for path in discovery.unnamable]
    report.new = sorted(path for path, _ in plan.add)
    if paths:
        report.scope = sum(1 for path in indexed if discovery.in_scope(path))
        report.unavailable = sorted(str(path) for path in discovery.missing)
    else:
        for gone in sorted(discovery.missing):
            if str(gone) in indexed:
                # A file indexed by its name, deleted: `missing` says so. (It was
                # said again as "a directory of the home, not there".)
                continue
            prefix = str(gone).rstrip("/") + "/"
            report.away[str(gone)] = sum(1 for p in indexed if p.startswith(prefix))
        pending = unindexed_roots(where)
        report.never_indexed = [path for path in report.away if path in pending]
    # Their articles are kept as they were: nothing to compare them with.
    report.unreadable = dict(plan.unreadable)
    absent = set(absent_roots(meta))
    waiting = held_under(away_ids(meta), [str(root) for root in discovery.empty])
    # Found empty while ids are held for its files (`--rebuild` over an unmounted
    # disk's mount point left them out): those articles are waiting for it, as
    # `yomite index --rebuild` said. It passed for consistent, nothing said of them.
    report.empty = {
        **{str(root): 0 for root in discovery.empty if str(root) in {*absent, *waiting}},
        **plan.emptied,
    }
    report.left_out = held_under(
        away_ids(meta), [*report.unreadable, *(root for root in waiting if root not in absent)]
    )
    report.bare = {
        str(root): (discovery.passed_over.get(root, 0), discovery.notes.get(root, ()))
        for root in discovery.empty
        if str(root) not in {*report.empty, *waiting}
    }
    unchecked = [*report.unreadable, *report.empty]
    # With those a link led to outside them, found (they were compared, not counted:
    # "2 articles match the files" of 4 indexed).
    found = {str(path) for path in discovery.files}
    report.compared = sum(
        1
        for path in indexed
        if (discovery.in_scope(path) or path in found) and not under(path, unchecked)
    )
    return report


def _update_generation(
    where: Locations,
    opened: OpenedIndex,
    targets: Sequence[Path],
    progress: Progress,
    cancelled: Cancel,
    *,
    schema: str,
) -> UpdateReport:
    """Update the live generation `opened` (open for writing; closed here) with the
    files under `targets`, in one commit: what to do (`_plan_against`), what the home
    holds after (`_home_after`), the commit, then what the report tells (`_tell`)."""
    targets, refused = outside_home(where, targets)
    started = time.time_ns()
    discovery = discover(targets)
    indexed = indexed_files(opened.searcher)
    opened.close()
    old_roots = [str(r) for r in opened.meta.get("roots", [])]
    away = away_ids(opened.meta)
    plan = _plan_against(opened.meta, indexed, discovery, old_roots, away)
    home = _home_after(where, opened.meta, plan, indexed, discovery, old_roots, away)
    try:
        report = apply_plan(
            opened,
            plan,
            meta=commit_meta(
                home.roots,
                home.absent,
                home.away,
                schema=schema,
                unnamable=unnamable_record(discovery, opened.meta),
                scanned=scanned_since(
                    opened.meta, [str(root) for root in discovery.roots], started
                ),
            ),
            progress=progress,
            cancelled=cancelled,
        )
    except Cancelled:
        report = UpdateReport(unchanged=plan.unchanged, cancelled=True)
    _tell(where, report, opened.meta, plan, discovery, home, refused=refused, old_roots=old_roots)
    return report


def walked_whole(discovery: Discovery, roots: Sequence[str]) -> bool:
    """Whether `discovery` walked every one of the home's `roots`, none of what it was
    asked for away (not there, unlistable, found empty): what it did not find under
    them, or outside them by a link, is not there (`plan_update`'s `whole`)."""
    walked = {str(root) for root in discovery.roots}
    away = discovery.missing or discovery.unreadable or discovery.empty
    return bool(walked) and set(roots) <= walked and not away


def _plan_against(
    meta: Mapping[str, Any],
    indexed: Mapping[str, IndexedFile],
    discovery: Discovery,
    old_roots: Sequence[str],
    away: Mapping[str, str],
) -> Plan:
    """What an update does to the index whose commit has `meta` and holds `indexed`,
    given the files found (`discovery`): `plan_update`, with the roots indexed as files,
    the failures unchanged since, the ids held for files away and what cannot be seen."""
    # (Path.is_file raises PermissionError for a root that cannot be looked at.)
    named = {root for root in old_roots if os.path.isfile(root)}  # noqa: PTH113
    return plan_update(
        indexed,
        discovery,
        unchanged_failures(meta),
        named,
        away=away,
        out_of_reach=out_of_reach(indexed, discovery, old_roots),
        scanned=last_scanned(meta),
        whole=walked_whole(discovery, old_roots),
    )


@dataclass(frozen=True, slots=True)
class _HomeAfter:
    """What the home holds once an update commits (`_home_after`)."""

    roots: list[str]
    absent: list[str]
    """Of `roots`, those kept while not there (`absent_roots`)."""
    away: dict[str, str]
    """The ids held for the files of what is not there (`still_away`)."""
    gone: set[str]
    """Roots given or held that are not there, forgotten (told once)."""
    pending: set[str]
    """Those a first build that did not finish recorded (`record_before_commit`)."""
    refused_named: dict[str, str]
    """Files given that are no article, refused (`refused_files`)."""


def _home_after(
    where: Locations,
    meta: Mapping[str, Any],
    plan: Plan,
    indexed: Mapping[str, IndexedFile],
    discovery: Discovery,
    old_roots: Sequence[str],
    away: Mapping[str, str],
) -> _HomeAfter:
    """The home's roots after the update `plan` (gone, bare and refused ones dropped,
    the absent kept), recorded before its commit (`record_before_commit`)."""
    # A missing root is forgotten (told once) unless its articles are kept for it, or
    # a rebuild kept it while it was not there (`absent_roots`).
    old_absent = set(absent_roots(meta))
    gone = {str(path) for path in discovery.missing} - set(plan.unavailable) - old_absent
    # A directory given that holds no article file is refused, and does not join.
    kept = {*plan.emptied, *held_under(away, [str(root) for root in discovery.empty])}
    bare = not_taken_in(discovery, old_roots, kept)
    # So is a file given that is no article (binary, empty, a FIFO).
    refused_named = refused_files(discovery, indexed)
    roots = sorted(
        {*old_roots, *(str(r) for r in discovery.roots)} - gone - bare - set(refused_named)
    )
    # Absent until an update finds it with files: not there, or an empty mount point.
    back = {str(r) for r in discovery.roots} - {str(r) for r in discovery.empty}
    absent = sorted(root for root in old_absent if root in roots and root not in back)
    pending = record_before_commit(where, roots, had=old_roots, gone=gone)
    indexed_now = set(indexed) | {str(path) for path in discovery.files}
    return _HomeAfter(
        roots=roots,
        absent=absent,
        away=still_away(away, discovery, roots=roots, absent=absent, indexed=indexed_now),
        gone=gone,
        pending=pending,
        refused_named=refused_named,
    )


def _tell(
    where: Locations,
    report: UpdateReport,
    meta: Mapping[str, Any],
    plan: Plan,
    discovery: Discovery,
    home: _HomeAfter,
    *,
    refused: list[UpdateFailure],
    old_roots: Sequence[str],
) -> None:
    """Add to an update's `report` what it refused and could not see (`refusals`),
    counted apart, and which of the paths given that are gone it deleted."""
    held = away_ids(meta)
    told = refusals(
        where,
        discovery,
        plan.unavailable,
        home.absent,
        unindexed=home.pending & home.gone,
        unreadable=plan.unreadable,
        left_out=held_under(held, plan.unreadable),
        emptied=plan.emptied,
        roots=home.roots,
        held_empty=held_under(held, [str(root) for root in discovery.empty]),
    )
    report.failed = refused + told + report.failed
    said = {path for path, _ in told}
    # As `refusals` words them: those it says "kept", not "left out" or "not in the index".
    report.kept = {
        path: count
        for path, count in (
            *plan.unavailable.items(),
            *((path, count) for path, (_, count) in plan.unreadable.items()),
            *((path, count) for path, count in plan.emptied.items() if path not in home.absent),
        )
        if count and path in said
    }
    # A name not UTF-8 told before, unchanged: counted, as a failure recorded is
    report.told_before = sorted({*report.told_before, *told_unnamable(discovery, meta)})
    count_apart(report, discovery, told)
    tell_refused(report, home.refused_named, old_roots)
    removed = set(plan.remove)
    report.deleted = [str(path) for path in discovery.missing if os.path.realpath(path) in removed]


def rebuild(
    where: Locations,
    targets: Sequence[Path],
    progress: Progress,
    cancelled: Cancel,
    *,
    roots: Sequence[str],
    keep: Set[str] = frozenset(),
    schema: str,
) -> UpdateReport:
    """Build `targets` and the old index's `roots` into a new generation. Of those
    that are not there, the roots in `keep` stay in the home (`absent_roots`): a repair
    or a rebuild for a new schema must not forget an unmounted disk. The others are
    forgotten: `yomite index --rebuild` is how a vanished directory is.

    The report counts against the old index, as an update's does: an article whose
    file is back is unchanged or updated (its bytes tell), one not indexed now
    (deleted, left out) removed (`Plan.replaced`). Every article back was counted
    as added, and only `rebuild` counted those removed: a new schema and a repair
    said "0 removed". An index too damaged to be read tells nothing of what it held:
    its repair counts none as removed, and says so (`UpdateReport.unknown_before`)
    rather than that every article was added."""
    index_dir = where.index_dir
    try:
        current = current_generation(index_dir)
        held = _indexed_before(current)
    except IndexUnavailable:  # a broken pointer: what it named is being replaced
        current, held = None, None
    remove_other_generations(index_dir, keep=current)
    before, away = held if held is not None else ({}, {})
    targets, refused = outside_home(where, targets)
    started = time.time_ns()
    discovery = discover(targets)
    all_roots = sorted({*roots, *(str(r) for r in discovery.roots)})
    if roots:  # keep everything the old index covered
        kept, _ = outside_home(where, [Path(r) for r in all_roots])
        discovery = discover(kept)
    missing = {str(path) for path in discovery.missing}
    # The files the old index held or held ids for (`away_ids`): those of what cannot
    # be seen now keep their ids, and are counted as left out.
    known = {**away, **{path: file.id for path, file in before.items()}}
    # A directory found empty that the index replaced held articles from is as good
    # as not there (an unmounted disk's mount point, see `plan_update`): a repair
    # keeps it so; `--rebuild` leaves its articles out, and says so.
    emptied = {
        str(root): count
        for root in discovery.empty
        if (count := sum(1 for path in known if under(path, [str(root)])))
    }
    absent = sorted((missing | set(emptied)) & keep)
    bare = not_taken_in(discovery, {*roots, *keep}, emptied)
    refused_named = refused_files(discovery, before)  # (no article: see _update_generation)
    all_roots = sorted((set(all_roots) - missing - bare - set(refused_named)) | set(absent))
    # What cannot be read is left out (with a line each), not forgotten.
    unreadable = {
        str(directory): (why, sum(1 for path in known if under(path, [str(directory)])))
        for directory, why in discovery.unreadable.items()
    }
    # The ids of the files of a root not there, or of a directory that cannot be
    # listed, kept for them (`away_ids`); those of a directory forgotten go with it. A
    # file whose id was held so and is back takes it.
    on_disk = {str(path) for path in discovery.files}
    back = {path: id_ for path, id_ in away.items() if path in on_disk}
    away = still_away(known, discovery, roots=all_roots, absent=absent, indexed=on_disk)
    pending = record_before_commit(where, all_roots, had={*roots, *keep}, gone=missing)
    # (index.schema loads MeCab: imported by what builds, not by `verify` or `forget`.)
    from index.schema import make_schema

    fresh = new_generation(index_dir, make_schema(), commit_meta([], schema=schema))
    fresh.close()
    try:
        plan = plan_update({}, discovery, earlier=before, away={**back, **away})
        report = apply_plan(
            fresh,
            plan,
            meta=commit_meta(
                all_roots,
                absent,
                away,
                schema=schema,
                unnamable=unnamable_record(discovery, {}),
                scanned=scanned_since({}, [str(root) for root in discovery.roots], started),
            ),
            progress=progress,
            cancelled=cancelled,
        )
    except Cancelled:
        shutil.rmtree(fresh.generation_dir, ignore_errors=True)
        return UpdateReport(cancelled=True)
    except BaseException:
        shutil.rmtree(fresh.generation_dir, ignore_errors=True)
        raise
    switch_to(index_dir, fresh.generation_dir)
    report.unknown_before = held is None
    told = refusals(
        where,
        discovery,
        absent=absent,
        unindexed=pending & missing,
        unreadable=unreadable,
        emptied={root: count for root, count in emptied.items() if root not in absent},
        rebuilt=True,
    )
    report.failed = refused + told + report.failed
    count_apart(report, discovery, told)
    tell_refused(report, refused_named, [*roots, *keep])
    return report


def _indexed_before(
    generation: Path | None,
) -> tuple[dict[str, IndexedFile], dict[str, str]] | None:
    """What the generation a rebuild replaces holds, so its articles keep their ids
    (read marks and bookmarks are kept by id: a rebuild for a new schema took the
    plain stem back from a file indexed as `same~<tag>`), and the ids it keeps for the
    files of a directory not there (`away_ids`). Nothing when there is none; None when
    it cannot be read: a repair of a damaged index starts from the file names.

    Only damage is taken for that (`_READ_DAMAGE`): a bug (a TypeError, say) that was
    caught with it made a `--rebuild` of a sound index give its `same~<tag>` files new
    ids, and their read marks and bookmarks with them, saying only "rebuilt from the
    files"."""
    if generation is None:
        return {}, {}
    try:
        opened = open_generation(generation, readonly=True)
    except IndexUnavailable:  # damaged, or removed meanwhile (whatever Whoosh raised)
        return None
    try:
        return indexed_files(opened.searcher), away_ids(opened.meta)
    except _READ_DAMAGE:  # a segment that fails as it is read
        return None
    finally:
        opened.close()


_READ_DAMAGE: tuple[type[Exception], ...] = (
    IndexUnavailable,
    OSError,  # a file gone or unreadable
    EOFError,  # stored fields cut short
    pickle.UnpicklingError,
    struct.error,
    zlib.error,
)
"""What reading a generation's stored fields raises when its files are damaged after
`open_generation` checked them (it turns whatever Whoosh raises into IndexUnavailable,
but only while opening)."""


def _anywhere(path: str) -> bool:
    """Every indexed path is compared (`Library.verify` given no PATHs)."""
    return True
