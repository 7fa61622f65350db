"""Keeping the index up to date while the reader runs, as the main screen's own work
(a mixin): another process's commits are picked up, the article files added, changed
or removed since the last update are indexed in the background (its progress on the
status line, the reader painting and answering keys meanwhile), and a damaged or
outdated index is rebuilt when the user agrees.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import on, work
from textual.worker import Worker, get_current_worker

from index.errors import FailureKind, IndexBusy, LibraryError, UpdateFailure
from index.sanitize import printable, sanitize
from index.wording import counted, plural
from tui.dialogs import ConfirmDialog
from tui.messages import IndexProgress, IndexUpdated, Notice
from tui.screen_parts import MainScreenParts, Unanswered
from tui.widgets import StatusKind, Topic
from tui.widgets.status_line import until_faded

if TYPE_CHECKING:
    from index.library import Library, UpdateProgress, UpdateReport
    from index.locations import Locations
    from tui.screens.main import ReaderSetup

BUSY = (
    "another yomite is updating this index: what it adds appears here when it is done",
    "another yomite is updating this index: what it adds appears when it is done",
    "another yomite is updating this index",
)
"""Said when the reader's own update finds the index being updated by another process
(the fullest wording that fits: at 80 columns the first was cut "when it is d…")."""

REBUILD_COMMAND = "Rebuild index  索引を再構築"
"""The palette's command (`YomiteApp.get_system_commands`) that rebuilds an index the
reader cannot open, once the dialog offering it at start was declined: there was none
("No matches found"), and the user had to quit to rebuild it."""
REBUILD_LATER = (
    "index not rebuilt: to rebuild it later, ctrl+p then Rebuild index",
    "not rebuilt: ctrl+p, Rebuild index",
)
"""Said when the rebuild offered at start is declined (the fullest that fits)."""

FAILURES_LISTED = 5
"""Files named in the notice of an update's failures (`yomite verify` lists them all)."""


_WHOLE_PATHS = frozenset({FailureKind.NOT_THERE, FailureKind.UNREADABLE, FailureKind.EMPTY})
"""The failures of a path itself not there (a configured directory unmounted or
mistyped), or of a directory whose files could not be seen (empty, or it cannot be
listed), not of a file in it that could not be read: named in full."""


def _named_whole(failure: tuple[str, str]) -> bool:
    return FailureKind.of(failure) in _WHOLE_PATHS


def failures_notice(
    failed: Sequence[tuple[str, str]],
    where: Locations,
    roots: Sequence[Path] = (),
    *,
    kept: Collection[str] = (),
) -> str:
    """What an update's failures tell the user: each file and why; a path that is not
    there in full (its name alone, `dir`, told nothing). A file is named from the
    directory of `roots` (the home's) it is under (`shown_path`); the command that lists
    them all is typed for the home of `where` (`verify_command`). The directories of
    `kept` (`UpdateReport.kept`) are counted apart (`failures_heading`)."""
    lines = [failures_heading(failed, kept)]
    for failure in failed[:FAILURES_LISTED]:
        path, reason = failure
        shown = path if _named_whole(failure) else shown_path(path, roots)
        lines.append(f"{printable(shown)}: {reason}")
    if len(failed) > FAILURES_LISTED:
        more = len(failed) - FAILURES_LISTED
        lines.append(f"…and {more:,} more ({verify_command(where)} lists them)")
    return "\n".join(lines)


KEPT_HEADINGS = {
    FailureKind.NOT_THERE: ("is not there", "are not there"),
    FailureKind.UNREADABLE: ("cannot be read", "cannot be read"),
    FailureKind.EMPTY: ("is empty", "are empty"),
}
"""What the directories whose articles an update kept are, by the kind of their failure,
in the first line of its notice (`failures_heading`), as `KEPT_AWAY` on the status line."""


def failures_heading(failed: Sequence[tuple[str, str]], kept: Collection[str] = ()) -> str:
    """The first line of an update's notice: how many of `failed` could not be indexed,
    and how many are directories of `kept`, whose articles the update kept, as the
    status line counts them ("1 not indexed; 2 kept from a directory not there"). Such
    a directory alone was "1 path could not be indexed:", though nothing failed."""
    away = [failure for failure in failed if failure[0] in kept]
    others = [failure for failure in failed if failure[0] not in kept]
    parts = []
    if others or not away:
        noun = "path" if any(map(_named_whole, others)) else "file"
        parts.append(f"{counted(len(others), noun)} could not be indexed")
    if away:
        kinds = {FailureKind.of(failure) for failure in away}
        one, many = KEPT_HEADINGS[kinds.pop()] if len(kinds) == 1 else ("is away", "are away")
        count = len(away)
        directories = counted(count, "directory", "directories")
        their = plural(count, "its", "their")
        parts.append(f"{directories} {plural(count, one, many)} ({their} articles are kept)")
    return "; ".join(parts) + ":"


def shown_path(path: str, roots: Sequence[Path]) -> str:
    """`path` as short as tells it from the home's other files: from the directory of
    `roots` it is under (`a/empty.txt`; with several, from that directory's own name:
    `articles/a/empty.txt`), else its directory's name and its own. Its name alone,
    two `empty.txt` in two directories could not be told apart. A file the home was
    given by name (one of `roots`) is named in full, as one not there is
    (`failures_notice`): `odd/binary.txt` beside `/tmp/odd/gone.txt` read as relative."""
    file = Path(path)
    for root in roots:
        for base in dict.fromkeys((root, root.resolve())):
            if file == base:
                return path
            if file.is_relative_to(base):
                inside = file.relative_to(base)
                return str(Path(base.name, inside) if len(roots) > 1 else inside)
    return str(Path(file.parent.name, file.name))


def failures_of(report: UpdateReport) -> list[UpdateFailure]:
    """What of an update's failures the reader tells: not a file it was given by name
    that is gone, its article removed (`UpdateReport.deleted`). Deleted while read, it
    was "1 path could not be indexed: …/notes.md: no such file or directory" and
    "1 removed; 1 not indexed"."""
    deleted = set(report.deleted)
    return [
        failure
        for failure in report.failed
        if not (FailureKind.of(failure) is FailureKind.NOT_THERE and failure[0] in deleted)
    ]


def home_failures(report: UpdateReport, failed: Sequence[UpdateFailure]) -> list[tuple[str, str]]:
    """Of `failed` (`failures_of`), the home's failures, as a start given no file finds
    them: what the reader remembers it told (`FAILURES_TOLD`). A file named that is no
    article is told with what becomes of it ("…; not added to the home"): one outside
    the home's directories is none of its failures, one in them is told by the reason
    the home records (`UpdateReport.home_reasons`). Remembered as told, the next start
    named the home's own empty file again in a notice, the one after did not (review)."""
    home = []
    for path, reason in failed:
        kept = report.home_reasons.get(path, reason)
        if kept:
            home.append((path, kept))
    return home


def verify_command(where: Locations) -> str:
    """`yomite verify`, which lists an update's failures, typed for the home of `where`
    (`typed_command`)."""
    from index.locations import typed_command

    return printable(typed_command(where, "yomite verify"))


KEPT_AWAY = {
    FailureKind.NOT_THERE: ("a directory not there", "directories not there"),
    FailureKind.UNREADABLE: ("an unreadable directory", "unreadable directories"),
    FailureKind.EMPTY: ("an empty directory", "empty directories"),
}
"""The directories whose articles an update keeps though it could not see their files
(`UpdateReport.kept`), as the status line names them, by the kind of their failure."""


def kept_words(report: UpdateReport, failures: Sequence[UpdateFailure]) -> str:
    """How many articles the update kept of the directories among `failures` it could not
    see (`UpdateReport.kept`), and what those are: "1 kept from a directory not there"
    ('' if none). Counted with the files not indexed, a directory not there whose one
    article was kept made "index up to date; 1 not indexed", though nothing failed."""
    kept = [failure for failure in failures if failure[0] in report.kept]
    if not kept:
        return ""
    articles = sum(report.kept[path] for path, _ in kept)
    kinds = {FailureKind.of(failure) for failure in kept}
    one, many = (
        KEPT_AWAY[kinds.pop()] if len(kinds) == 1 else ("a directory away", "directories away")
    )
    return f"{articles:,} kept from {one if len(kept) == 1 else many}"


def update_wordings(report: UpdateReport, where: Locations, *, told: bool) -> tuple[str, ...]:
    """The status line's word on an update of the home of `where`, the fullest first (it
    shows the first that fits, chosen again on a resize): its counts, how many files it
    could not index (`told`: a notice names them; `failures_of`) and how many articles
    it kept of directories it could not see (`kept_words`). At 80 columns the full line
    was cut in the middle of "(see the notice)"."""
    counts = [
        f"{report.added:,} added",
        f"{report.updated:,} updated",
        f"{report.removed:,} removed",
    ]
    if report.renamed:
        counts.append(f"{report.renamed:,} renamed")
    failed = listed = ""
    if failures := failures_of(report):
        kept = kept_words(report, failures)
        others = sum(path not in report.kept for path, _ in failures)
        failed = "; ".join(
            ["", *([f"{others:,} not indexed"] if others else []), *([kept] if kept else [])]
        )
        # Told before (another start's notice): where the list is, as room allows.
        listed = failed + (
            " (see the notice)" if told else f" ({verify_command(where)} lists them)"
        )
        failed += " (see the notice)" if told else ""
    changed = ", ".join(count for count in counts if not count.startswith("0 "))
    return (
        f"index up to date: {', '.join(counts)} in {report.seconds:.1f}s{listed}",
        f"index up to date: {changed}{listed}" if changed else f"index up to date{listed}",
        f"index up to date: {changed}{failed}" if changed else f"index up to date{failed}",
        f"{changed}{failed}" if changed else f"up to date{failed}",
    )


FAILURES_TOLD = "failures_told"
"""The state's record (`UserState.told`) of the failures last told, as `failures_digest`:
a preference of the state, kept aside too where the state cannot be saved."""


def failures_digest(failures: Collection[tuple[str, str]]) -> str:
    """One short string for a set of failures (each file and why), kept in the state: a
    set as long as a home's files would have made the state as large."""
    listed = json.dumps(sorted(failures), ensure_ascii=False)
    return hashlib.sha256(listed.encode("utf-8", "surrogatepass")).hexdigest()


class Updates:
    """The reader's updates of the index (and rebuilds), as its end sees them: how many
    are under way (a thread each, which goes on a moment after the reader quits, to
    stop or finish its commit), and whether one reported (its commit made)."""

    def __init__(self) -> None:
        self._running = 0
        self._changed = threading.Condition()
        self.reported = False
        self.writing = False
        """An update under way is writing its commit, which cannot be stopped midway."""
        self.rebuild: Literal["running", "stopped", "done"] | None = None
        """The reader's rebuild, if it began one: under way, stopped before its commit
        (the reader quit; the index as it was), or done (its commit made)."""
        self.read: tuple[int, int] | None = None
        """The files the update under way (or the last) had read, of all it reads, as its
        progress last said (None before it read one)."""
        self.stopped: Literal["first", "update"] | None = None
        """An update stopped before its commit (the reader quit as it ran): the home's
        first build, or an update of its index (`stopped_at_end`)."""

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        """Within: an update under way (on its thread)."""
        with self._changed:
            self._running += 1
        try:
            yield
        finally:
            with self._changed:
                self._running -= 1
                self.writing = False
                self._changed.notify_all()

    def wait(self, timeout: float) -> bool:
        """Wait until no update is under way; False if one still is after `timeout` s."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._running, timeout)


UPDATE_END_WAIT = 30.0
"""Seconds the reader's end waits for an update stopping (or writing its commit) before
it says whether the paths it was given joined the home (`said_at_end`)."""


STOP_SAID_AFTER = 1.0
"""Seconds the reader's end waits in silence for an update (or a rebuild) to stop: one
stops at its next file, within a moment; one writing its commit cannot, and says so."""


def said_at_end(setup: ReaderSetup) -> Iterator[str]:
    """What the reader says once it has quit (each line as it comes): that it waits for
    an update writing its commit, which cannot be stopped; that a rebuild was stopped, the
    index as it was, and is offered again; the paths given that did not join the home
    (`not_added_at_end`). Quit during a rebuild after a schema change, the shell's prompt
    came back 43 s after `q`, in silence, once the rebuild had finished: the rebuild
    was not told to stop, and the end waited for it."""
    updates = setup.updates
    waited = not updates.wait(STOP_SAID_AFTER)
    if waited:
        rebuilding = updates.rebuild == "running"
        if updates.writing:
            what = "rebuilt index" if rebuilding else "index's update"
            yield f"yomite: writing the {what}, which cannot be stopped midway: a moment…"
        else:
            yield f"yomite: stopping the index's {'rebuild' if rebuilding else 'update'}…"
        updates.wait(UPDATE_END_WAIT)
    if updates.rebuild == "stopped":
        yield (
            "yomite: the index's rebuild was stopped; the index is as it was, and the "
            "next yomite offers to rebuild it again"
        )
    if (said := not_added_at_end(setup)) is not None:
        yield said
    elif (stopped := stopped_at_end(setup)) is not None:
        yield stopped
    elif waited and updates.rebuild == "done":
        yield "yomite: the index is rebuilt"


def stopped_at_end(setup: ReaderSetup) -> str | None:
    """What the reader says once it has quit, of an update it stopped before its commit
    (`Updates.stopped`) after it had read a file (the status line counting them), or
    of a home's first build: that nothing it read was kept (the index is written in one
    commit), and what takes it up again. Quit as a new home's first build counted
    "indexing 785/7,367 files", the shell's prompt came back in silence, and the next
    start began again from 0 with no word why."""
    updates = setup.updates
    if updates.stopped is None or (updates.read is None and updates.stopped != "first"):
        return None
    if updates.read is None:
        stopped = "indexing stopped before it had read a file"
    else:
        done, total = updates.read
        stopped = f"indexing stopped at {done:,} of {total:,} files"
    if updates.stopped == "first":
        kept = "no index was written (it is written once every file is read)"
        again = "the next yomite starts it again"
    else:
        kept = "the index is unchanged (it is written once every file is read)"
        again = "the next yomite updates it again"
    from index.locations import typed_command

    index = printable(typed_command(setup.where, "yomite index"))
    return f"yomite: {stopped}; {kept}: {again}, or run `{index}`"


def not_added_at_end(setup: ReaderSetup) -> str | None:
    """What the reader says once it has quit, of the paths it was given (`yomite DIR`)
    that the home does not hold: its update of them stopped before its commit (quit
    while it ran, or it failed), and they join the home with that commit. Quit during
    the first update of a new directory, the reader said nothing, and the next `yomite`
    did not index it: the home had never held it. (`yomite index DIR` stopped so says
    the same.) Nothing where the update reported: it said what became of each path.
    A rebuild stopped so (no library open: the index of another version) is their update
    too: the next `yomite` rebuilds without them."""
    from index.home import not_added, not_in_home

    library = setup.library
    if not setup.given or not setup.update_on_start:
        return None
    if library.readonly if library is not None else setup.updates.rebuild != "stopped":
        return None
    if not setup.updates.wait(UPDATE_END_WAIT) or setup.updates.reported:
        return None
    left = not_in_home(setup.where, setup.given)
    if not left:
        return None
    return f"yomite: {not_added(setup.where, left, ' (its update did not finish)')}"


COMMIT_RETRY_MAX_LOOKS = 32
"""A commit that keeps failing to open is tried at most this many looks apart (~30 s,
as the walk of the files that would try it anyway)."""


class BackgroundIndexing(MainScreenParts):
    """The background update, commits from elsewhere, and the rebuild."""

    _indexing = False
    """Whether the background update is under way (it has said how far it is)."""
    _failures_told: frozenset[tuple[str, str]] | None = None
    """The files the last update could not index, as the user was told of them (None
    before this reader's first update: what a reader before told is in the state)."""
    _commit_seen: tuple[str, int] | None = None
    """The commit live on disk at the last look for one (`look_for_commits`)."""
    _commit_failed: tuple[str, int] | None = None
    """The commit whose opening failed last, its failure told (`pick_up_commits`)."""
    _commit_failures = 0
    """How many times in a row opening `_commit_failed` failed."""
    _looks_to_skip = 0
    """Looks for commits that pass over `_commit_failed` before it is tried again."""
    _found_busy = False
    """This reader's last update found the index busy (another process updating it): it
    runs again once another process's commit is opened (`_open_commits`), as BUSY says;
    else at the next walk of the files."""

    @property
    def indexing(self) -> bool:
        """Whether the background update is under way (the status line says how far)."""
        return self._indexing

    @property
    def index_busy(self) -> bool:
        """Whether this reader's update found another process updating the index (its
        commit is picked up when made: the empty list and a search finding nothing say
        more may come)."""
        return self._found_busy

    @work(exclusive=True, group="refresh", exit_on_error=False)
    async def refresh_from_disk(self) -> None:
        """See another process's commits: reload the list (and the search) if any. Then
        index the article files added, changed or removed since the last update."""
        library = self.library
        if library is None:
            return
        if not await self._open_commits(library, "refresh"):
            return  # a newer look is under way
        if not self.setup.update_on_start or not self.setup.corpus or library.readonly:
            return
        if self._updating():
            return
        # Not on the index thread: keystrokes' searches would queue behind its stats.
        rescan = partial(library.corpus_changed, self.setup.corpus)
        if await asyncio.get_running_loop().run_in_executor(None, rescan):
            self.update_index(quiet=True)

    async def look_for_commits(self) -> None:
        """A look, every second or so, for another process's commit (`yomite index` run
        in another shell): one found is opened at once (`pick_up_commits`), not at the
        next walk of the files (`refresh_from_disk`, every 30 s). The look reads CURRENT
        and lists the live generation's directory, off the UI thread (a home on a slow
        disk); a commit is opened once it is seen, and if opening it fails, tried again
        at the next look (the failure told once), then at every 2nd, 4th, ... look while
        it keeps failing, up to every COMMIT_RETRY_MAX_LOOKS-th. No look while this reader
        updates: its update opens its commit."""
        library = self.library
        if library is None or self._updating():
            return
        live = await asyncio.get_running_loop().run_in_executor(None, library.live_commit)
        if live == self._commit_seen:
            return
        if live is not None and live == self._commit_failed and self._looks_to_skip:
            self._looks_to_skip -= 1
            return
        self._commit_seen = live
        if (
            live is not None
            and live != library.open_commit
            and library is self.library
            and not self._updating()
        ):
            self.pick_up_commits(live)

    @work(exclusive=True, group="commits", exit_on_error=False)
    async def pick_up_commits(self, live: tuple[str, int] | None = None) -> None:
        """Another process's commits opened, and what they change reloaded. `live`, the
        commit the look saw: if opening it fails (a transient error), it is no longer
        taken as seen, so the next look tries again; it was tried only at the next walk
        (30 s on). The failure is told once (the worker's error), not at each look; the
        looks that try it again thin out while it keeps failing (`look_for_commits`)."""
        if self.library is None:
            return
        try:
            await self._open_commits(self.library, "commits")
        except Exception:
            self._commit_seen = None
            told = live is not None and live == self._commit_failed
            self._commit_failures = self._commit_failures + 1 if told else 1
            self._looks_to_skip = min(2 ** (self._commit_failures - 1), COMMIT_RETRY_MAX_LOOKS) - 1
            if told:
                return
            self._commit_failed = live
            raise
        self._commit_failed, self._commit_failures, self._looks_to_skip = None, 0, 0

    async def _open_commits(self, library: Library, group: str) -> bool:
        """Open the commits made since the library's (on the index thread, as `group`)
        and, if any, reload the list, the search and the open article, the user's place
        in each kept. False when a newer job of `group` made this one stale."""
        changed = await self._on_index_thread(group, library.refresh)
        if isinstance(changed, Unanswered):
            return False
        if changed or self._listing_stale():
            if self.status.topic is Topic.INDEX_BUSY:
                self.status.say(
                    "the other yomite's update is in: articles reloaded",
                    still=self._news_still(StatusKind.PASSING),
                )
            # (the open article too: another process's commit may have changed it)
            self._reload_after_commit(reopen=True)
        if changed and self._found_busy and not self._updating():
            # The other process's update is in (its lock freed with its commit): this
            # reader's own runs now, saying what it adds. It ran at no later time, its
            # files taken as seen, and a directory given to the reader was not indexed.
            self._found_busy = False
            self.update_index(quiet=True)
        return True

    def _updating(self) -> bool:
        """Whether an update (or a rebuild) of the index is under way."""
        return any(w.group == "update" and not w.is_finished for w in self.workers)

    @work(thread=True, exclusive=True, group="update", exit_on_error=False)
    def update_index(self, quiet: bool = False) -> None:
        """Bring the index up to date with the corpus. `quiet`: a rescan's update, which
        says nothing when the index is read-only or busy (another process's commit is
        picked up), nor when it changed nothing."""
        library = self.library
        if library is None or not self.setup.corpus:
            return
        if library.readonly:
            if not quiet:
                self.post_message(
                    Notice("index is read-only: showing it as it is", StatusKind.WARNING)
                )
            return
        worker = get_current_worker()
        self._found_busy = False
        updates = self.setup.updates
        updates.read = None
        first = not library.has_index  # a new home's first build (or one never finished)
        try:
            with updates.running():
                report = library.update(
                    self.setup.corpus,
                    progress=self._progress_poster(),
                    cancelled=lambda: worker.is_cancelled,
                )
                if report.cancelled:  # said once the reader has quit (`stopped_at_end`)
                    updates.stopped = "first" if first else "update"
        except IndexBusy:
            self._found_busy = True
            if not quiet:
                self.post_message(Notice(BUSY, StatusKind.WARNING, Topic.INDEX_BUSY))
            return
        except LibraryError as error:
            self.post_message(Notice(str(error), StatusKind.WARNING))
            return
        if not worker.is_cancelled:
            self.post_message(IndexUpdated(report, quiet))

    def _progress_poster(self) -> Callable[[UpdateProgress], None]:
        """An update's progress callback (run on its thread): posted to the status line
        ten times a second at most, and at the end."""
        started = last_shown = time.monotonic()

        def progress(step: UpdateProgress) -> None:
            nonlocal last_shown
            self.setup.updates.writing = step.writing
            self.setup.updates.read = (step.done, step.total)
            now = time.monotonic()
            if now - last_shown >= 0.1 or step.done == step.total:
                last_shown = now
                self.post_message(
                    IndexProgress(step.done, step.total, now - started, writing=step.writing)
                )

        return progress

    @on(Worker.StateChanged)
    def _update_ended(self, event: Worker.StateChanged) -> None:
        """An update that ended without its report (cancelled, busy, failed) is no longer
        under way. (The main screen's own handler of the message runs too.)"""
        if event.worker.group == "update" and event.worker.is_finished:
            self._indexing = False

    def on_index_progress(self, message: IndexProgress) -> None:
        began, self._indexing = not self._indexing, True
        self.status.progress(message.wordings)
        if began:  # (from its first word of progress: the status line counts the files)
            self._empty_list_follows_update()

    def on_index_updated(self, message: IndexUpdated) -> None:
        self._indexing = False
        self.setup.updates.reported = True
        report = message.report
        changed = report.added + report.updated + report.removed + report.renamed
        failed = failures_of(report)
        failures = frozenset(failed)
        home = frozenset(home_failures(report, failed))
        first = self._failures_told is None
        new_failures = failures - (self._failures_told or frozenset())
        if first and failures and not report.refused and self._told_before(home):
            # The files a reader told of before, failing as they did: each start put them
            # in a 20 s notice over the article again. Counted on the status line only.
            # (A file named that is no article is told: what becomes of it is news.)
            new_failures = frozenset()
        self._remember_told(failures, home)
        if message.quiet and not changed and not new_failures and not (first and failures):
            # A file touched, or one still failing as before; or another process's
            # update, which this one found done (it opened that commit).
            if self._listing_stale():
                self._reload_after_commit(reopen=True)
            return
        # The status line holds one line, cut at the screen's width: the files and their
        # reasons go in a notice.
        said = update_wordings(report, self.setup.where, told=bool(new_failures))
        if new_failures:
            notice = failures_notice(failed, self.setup.where, self.setup.corpus, kept=report.kept)
            self._toast(notice, severity="warning", timeout=20)
        # (A reload adds to this line, not over it: `_say_after_update`.)
        kind = StatusKind.WARNING if failed else StatusKind.PASSING
        self.status.say(said, kind, topic=Topic.UPDATE_REPORT, still=self._news_still(kind))
        if changed or self._listing_stale():
            reopen = report.updated or report.removed or report.renamed or not changed
            self._reload_after_commit(reopen=bool(reopen))

    def _told_before(self, failures: frozenset[tuple[str, str]]) -> bool:
        """Whether a reader of this home told of exactly these failures before."""
        return self.setup.state.told(FAILURES_TOLD) == failures_digest(failures)

    def _remember_told(
        self, failures: frozenset[tuple[str, str]], home: frozenset[tuple[str, str]]
    ) -> None:
        """`failures` told (or known: counted on the status line), their `home` failures
        (`home_failures`) in the state for the next reader. Fewer (a file fixed) are
        written too, so one failing again is new."""
        if failures != self._failures_told:
            digest = failures_digest(home)
            if self.setup.state.told(FAILURES_TOLD) != digest:
                self.setup.state.set_told(FAILURES_TOLD, digest)
        self._failures_told = failures

    def _say_after_update(
        self, said: str | tuple[str, ...], kind: StatusKind = StatusKind.PASSING
    ) -> None:
        """`said` about the open article after an update (or its wordings, the fullest
        first), then the update's own line if that is still shown (it went unseen,
        replaced at once). The article's news first: after the counts, a narrow status
        line cut it off."""
        wordings: tuple[str, ...] = (said,) if isinstance(said, str) else said
        if self.status.topic is Topic.UPDATE_REPORT:
            wordings = tuple(
                f"{news} · {update}" for news in wordings for update in self.status.wordings
            )
            if self.status.kind is StatusKind.WARNING:  # files not indexed
                kind = StatusKind.WARNING
        self.status.say(wordings, kind, still=self._news_still(kind))

    def _news_still(self, kind: StatusKind) -> Callable[[], bool]:
        """`still` of the update's news (its counts, the open article reloaded, the index
        rebuilt): it goes once the reader moves on, as a key's message does (a search, an
        article opened: `StatusLine.until_moved_on`), its fade at the latest. "index up
        to date: 0 added, …" stayed its 6 s over the search typed next and the article
        opened (user review). A warning (files not indexed) stays its time, to be read."""
        return self.status.until_moved_on() if kind is StatusKind.PASSING else until_faded

    @property
    def rebuilding(self) -> bool:
        """Whether the index that could not be opened is being rebuilt (the list and a
        search say so, not the error that asked for it)."""
        return self.library is None and self._updating()

    @property
    def rebuild_wanted(self) -> bool:
        """The index cannot be opened and a rebuild would mend it (damaged, or of another
        version), and none is under way: the palette offers one (`REBUILD_COMMAND`)."""
        return self.library is None and self.setup.repairable and not self._updating()

    def rebuild_from_palette(self) -> None:
        """The palette's Rebuild index: the rebuild the dialog offers at start. Declined
        there, it could be had only by quitting (`yomite verify --repair`)."""
        if self.rebuild_wanted:
            self.rebuild_index()

    def _offer_rebuild(self) -> None:
        def answered(rebuild: bool | None) -> None:
            if rebuild:
                self.rebuild_index()
            else:  # the way to it later, but for quitting
                self.status.say(REBUILD_LATER, StatusKind.WARNING)

        # sanitize: the error names the home, whose path can hold an escape sequence
        body = Text(sanitize(self.setup.library_error or "The index cannot be read."))
        body.append(
            "\n\nRebuild it from the article files? Read marks and bookmarks are kept; "
            "the old index is replaced once the new one is complete."
        )
        title = "The index needs rebuilding" if self.setup.outdated else "The index is damaged"
        self.app.push_screen(ConfirmDialog(title, body, yes="Rebuild"), answered)

    @work(thread=True, exclusive=True, group="update", exit_on_error=False)
    def rebuild_index(self) -> None:
        """Rebuild the index from the article files. Stopped when the reader quits (its
        worker cancelled), as `yomite verify --repair` is by Ctrl-C: the new generation
        dropped, the index as it was (`said_at_end` says so). It ran on to the end, the
        shell waiting for it in silence."""
        from index.library import Library

        worker = get_current_worker()
        saying = partial(
            self.status.say, "rebuilding the index…", StatusKind.LASTING, still=until_faded
        )
        self.app.call_from_thread(saying)
        updates = self.setup.updates
        updates.rebuild = "running"
        try:
            with updates.running():
                report = Library.repair(
                    self.setup.where,
                    self.setup.corpus,
                    progress=self._progress_poster(),
                    cancelled=lambda: worker.is_cancelled,
                )
                if report.cancelled:
                    updates.rebuild = "stopped"
                    return
                updates.rebuild = "done"
                library = Library.open(self.setup.where)
        except LibraryError as error:
            if updates.rebuild == "running":  # failed before its commit (said on screen)
                updates.rebuild = None
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, str(error))
            return
        if worker.is_cancelled:  # the reader quit as the commit was written
            library.close()
            return
        home = home_failures(report, report.failed)
        self.app.call_from_thread(self._rebuilt, library, report.failed, home)

    def _rebuilt(
        self,
        library: Library,
        failed: Sequence[tuple[str, str]] = (),
        home: Collection[tuple[str, str]] = (),
    ) -> None:
        self.setup.library = library
        self.setup.updates.reported = True
        count = library.count()
        line = f"index rebuilt: {counted(count, 'article')}"
        if failed:
            # A directory of the home that is not there is left out until it is back.
            line += f"; {len(failed):,} not indexed (see the notice)"
            self._remember_told(frozenset(failed), frozenset(home))
            notice = failures_notice(failed, self.setup.where, self.setup.corpus)
            self._toast(notice, severity="warning", timeout=20)
        kind = StatusKind.WARNING if failed else StatusKind.PASSING
        self.status.say(line, kind, still=self._news_still(kind))
        # A search typed meanwhile (told it waits for the index) is made now.
        self._reload_after_commit(reopen=False)
