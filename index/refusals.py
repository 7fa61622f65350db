"""What the user is told of paths an update or a rebuild was asked for and could not
read as articles: not there, not a regular file, unreadable, empty, or with a name that
is not UTF-8 (`refusals`), as lines of `UpdateReport.failed`, each of its
`FailureKind`; and which of those lines
are directories rather than files that failed (`count_apart`), which a summary counts
apart. The articles such a directory held are kept, or left out, and the line says so
and names the command that brings them back or drops them.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import FailureKind, UpdateFailure
from index.files import ARTICLE_FILES, NOT_ARTICLE_NAMES, Discovery, missing_reason
from index.home import under
from index.locations import Locations, typed_command
from index.wording import counted, plural

if TYPE_CHECKING:
    from index.build import UpdateReport  # the writer's side: not imported to read

NOT_UTF8 = "file name is not UTF-8, not read: rename it (convmv -f cp932 -t utf-8 --notest)"
"""Why a path `discover` found unnamable is refused (a Shift_JIS name out of a zip)."""


UNNAMABLE = "unnamable"
"""The commit meta's record of the files refused for their names (`unnamable_record`)."""


def _unnamable_key(path: Path | str) -> str:
    """A name that is not UTF-8, as the commit's meta (UTF-8 JSON) records it: its bytes
    in hex (Python holds them as lone surrogates, which UTF-8 cannot encode)."""
    return os.fsencode(path).hex()


def _stamp(path: Path) -> list[int] | None:
    """The size, mtime and ctime of `path` (nanoseconds), as a failure's are recorded;
    None when it cannot be looked at."""
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def unnamable_record(discovery: Discovery, meta: Mapping[str, Any]) -> dict[str, list[int]]:
    """What a commit records of the paths refused for their names (`NOT_UTF8`): each
    found now (`Discovery.unnamable`) with its stamp, and those recorded before
    (`meta`'s) outside the paths looked at, kept, as recorded failures are."""
    recorded = meta.get(UNNAMABLE)
    record: dict[str, list[int]] = {}
    if isinstance(recorded, dict):
        for key, stamp in recorded.items():
            try:
                name = os.fsdecode(bytes.fromhex(str(key)))
            except ValueError:
                continue
            if not discovery.in_scope(name):
                record[str(key)] = stamp
    for path in discovery.unnamable:
        if (stamp := _stamp(path)) is not None:
            record[_unnamable_key(path)] = stamp
    return record


def told_unnamable(discovery: Discovery, meta: Mapping[str, Any]) -> list[str]:
    """The paths refused for their names that the commit of `meta` recorded as they are
    now (`unnamable_record`): told by an earlier update, and not changed or renamed
    since. Told again at each update, they were counted as failed files that are "not
    listed again" (`UpdateReport.told_before`) are not."""
    recorded = meta.get(UNNAMABLE)
    if not isinstance(recorded, dict):
        return []
    return [
        str(path)
        for path in discovery.unnamable
        if (stamp := _stamp(path)) is not None and recorded.get(_unnamable_key(path)) == stamp
    ]


NEVER_INDEXED = "never indexed (the build that was to index it did not finish)"
"""What a root a build that did not finish recorded is, when it is not there."""


def refusals(
    where: Locations,
    discovery: Discovery,
    unavailable: Mapping[str, int] | None = None,
    absent: Sequence[str] = (),
    *,
    unreadable: Mapping[str, tuple[str, int]] | None = None,
    left_out: Mapping[str, int] | None = None,
    emptied: Mapping[str, int] | None = None,
    rebuilt: bool = False,
    roots: Sequence[str] = (),
    held_empty: Mapping[str, int] | None = None,
    unindexed: Collection[str] = (),
) -> list[UpdateFailure]:
    """Paths asked for that cannot be articles, as failures the user is told of; and
    directories whose articles stand although their files could not be seen, one line
    each (`unreadable`, `emptied`: how many articles under them an update keeps, or a
    rebuild (`rebuilt`) leaves out; `left_out`: of `unreadable`, how many an earlier
    rebuild left out, their ids held). `roots`: the home's, for the command that drops
    an empty directory's articles (`--forget` refuses the last one). `held_empty`: the
    directories found empty whose articles a rebuild left out, their ids held -> how
    many: said again while they wait, as of `unreadable` (an update said nothing more).
    `unindexed`: the roots not there that a build which did not finish recorded
    (`index.home.unindexed_roots`), let go. The commands named are typed for the home
    of `where` (`typed_command`)."""
    kept = unavailable or {}
    waiting = left_out or {}
    waiting_empty = held_empty or {}

    def articles(count: int) -> str:
        return counted(count, "article is", "articles are")

    def them(count: int) -> str:
        return plural(count, "it", "them")

    def command(words: str, *operands: str) -> str:
        return f"`{typed_command(where, words, *operands)}`"

    def forget(path: str) -> str:
        # With the path: `yomite index --forget` alone is refused ("needs the PATHs").
        return command("yomite index --forget", shlex.quote(path))

    index, rebuild = command("yomite index"), command("yomite index --rebuild")

    def reason(path: Path) -> str:
        if str(path) in kept:
            return (
                f"directory not found: its {articles(kept[str(path)])} kept until it is back "
                f"({rebuild} forgets it)"
            )
        if str(path) in absent:
            return (
                "directory not found: it stays in the home, but its articles are not in "
                f"the index until it is back; {index} then brings them in "
                f"({forget(str(path))} drops it)"
            )
        if str(path) in unindexed:
            # It was said "no such file or directory" at every update, as if typed.
            return f"directory not found, {NEVER_INDEXED}: the home forgets it"
        return missing_reason(path)

    def unread(path: str, why: str, count: int) -> str:
        # Left out by this rebuild, or by one before while their ids are held: "nothing
        # under it is indexed" read as those articles (and their bookmarks) lost.
        out = count if rebuilt else (0 if count else waiting.get(path, 0))
        if out:
            return (
                f"cannot be read: {why}; its {articles(out)} left out until it can be "
                f"read, when {index} brings {them(out)} in"
            )
        if not count:
            return f"cannot be read: {why}; nothing under it is indexed until it can be read"
        return f"cannot be read: {why}; its {articles(count)} kept until it can be read"

    def empty(path: str, count: int) -> str:
        if path in absent:
            return (
                "directory empty: it stays in the home, but its articles are not in the index "
                f"until files are back; {index} then brings them in "
                f"({forget(path)} drops it)"
            )
        if rebuilt:
            return (
                f"directory empty (an unmounted disk?): its {articles(count)} left out of "
                f"the rebuilt index; {index} brings {them(count)} in once files are back"
            )
        if not count and (out := waiting_empty.get(path, 0)):  # left out by a rebuild
            return (
                f"directory empty (an unmounted disk?): its {articles(out)} left out until "
                f"files are back, when {index} brings {them(out)} in"
            )
        # The home's last directory: a rebuild drops them and keeps it (`--forget` would
        # leave the home none).
        drop = rebuild if list(roots) == [path] else forget(path)
        return (
            f"directory empty (an unmounted disk?): its {articles(count)} kept until files "
            f"are back ({drop} drops them)"
        )

    told_empty = {
        **{str(p): 0 for p in discovery.empty if str(p) in {*absent, *waiting_empty}},
        **(emptied or {}),
    }
    # Found so with nothing indexed from it: an empty directory, or one of HTML or CSV
    # files, said "0 added … 0 failed", as if its articles were all indexed.
    bare = [path for path in discovery.empty if str(path) not in told_empty]
    return (
        [
            UpdateFailure(str(path), reason(path), FailureKind.NOT_THERE)
            for path in discovery.missing
        ]
        + [
            UpdateFailure(
                str(path),
                "not a regular file (a FIFO, device or socket), not read",
                FailureKind.FILE,
            )
            for path in discovery.special
        ]
        + [
            UpdateFailure(path, unread(path, why, count), FailureKind.UNREADABLE)
            for path, (why, count) in (unreadable or {}).items()
        ]
        + [
            UpdateFailure(path, empty(path, count), FailureKind.EMPTY)
            for path, count in told_empty.items()
        ]
        + [
            UpdateFailure(
                str(path),
                f"{_no_article_file_in(discovery, path)}; nothing to index",
                FailureKind.EMPTY,
            )
            for path in bare
        ]
        + [UpdateFailure(str(path), NOT_UTF8, FailureKind.FILE) for path in discovery.unnamable]
    )


def _no_article_file_in(discovery: Discovery, path: Path) -> str:
    return no_article_file(discovery.passed_over.get(path, 0), discovery.notes.get(path, ()))


def no_article_file(others: int, notes: Sequence[str] = ()) -> str:
    """What a directory holding no article file holds, `others` files passed over (not
    articles), `notes` the names of those named as notes (README.txt, of `others`): it
    begins "directory empty" either way, as the other lines of such a directory do.
    Notes are named, and why they are not read: "*.txt … : 1 other
    file not read" of a README.txt said a .txt was not read, and not why."""
    if not others:
        return f"directory empty: no article file ({ARTICLE_FILES}) under it"
    if not notes:
        other = counted(others, "other file")
        return f"directory empty of article files ({ARTICLE_FILES}): {other} not read"
    names = sorted(set(notes))
    what = notes[0] if len(notes) == 1 else f"{len(notes)} notes files ({', '.join(names)})"
    if rest := others - len(notes):
        what += f" and {counted(rest, 'other file')}"
    return (
        f"directory empty of article files ({ARTICLE_FILES}, not {NOT_ARTICLE_NAMES}): "
        f"{what} not read"
    )


def count_apart(
    report: UpdateReport, discovery: Discovery, told: Sequence[tuple[str, str]]
) -> None:
    """Mark which of the failures `told` (`refusals`) are directories, not files that
    failed: the summary counts them apart; and list the entries the walk skipped (no
    regular file: `Discovery.skipped`), which are no failure."""
    report.skipped = [
        UpdateFailure(str(path), why, FailureKind.FILE)
        for path, why in sorted(discovery.skipped.items())
    ]
    report.not_there = [str(path) for path in discovery.missing]
    said = {path for path, _ in told}
    report.unreadable = [str(path) for path in discovery.unreadable if str(path) in said]
    report.empty = [str(path) for path in discovery.empty if str(path) in said]
    report.not_articles = [path for path in report.empty if Path(path) in discovery.passed_over]


IN_THE_HOME = "in a directory of the home already: read again once it changes"
"""What becomes of a file named that is no article and lies in a directory of the home
(`tell_refused`): it stays one of the home's files, its failure recorded, as one found
by the walk is (README: a file that failed is not read again until it changes)."""


def tell_refused(report: UpdateReport, refused: Mapping[str, str], roots: Collection[str]) -> None:
    """Say of the files asked for by name that are no article (`refused`: resolved path
    -> why, `index.home.refused_files`) that they do not join the home, that it lets
    them go (of its `roots` before, with nothing indexed), or that they are in it
    already (under a directory of `roots`: one of its files failing as any other), and
    list them (`UpdateReport.refused`) for the command's exit status. One in the home's
    directory was said "not added to the home", as if it were not the home's (review)."""
    if not refused:
        return
    report.refused = sorted(refused)
    failed = []
    for failure in report.failed:
        path, reason = failure
        real = os.path.realpath(path) if failure.kind is FailureKind.FILE else ""
        if real in refused:  # (a link to /dev/zero is told by its own name)
            if real in roots:
                also = "the home lets it go"
            elif under(real, list(roots)):  # (resolved, as `real` is)
                also = IN_THE_HOME
            else:
                also = "not added to the home"
            report.home_reasons[path] = reason if also == IN_THE_HOME else ""
            failure = UpdateFailure(path, f"{reason}; {also}", failure.kind)
            # Its failure recorded before, unchanged: what becomes of it is news.
            report.told_before = [told for told in report.told_before if told != path]
        failed.append(failure)
    report.failed = failed
