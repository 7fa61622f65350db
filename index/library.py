"""The facade the reader and the commands use: one object per open index.

Every method may be called from a worker thread: Whoosh access is serialised by
a lock, and one searcher is kept until `refresh()` sees a newer commit (ours or
another process's). Updates take the index's write lock (a second writer gets
`IndexBusy` after a short wait) and commit once, so a search running meanwhile
sees the old index until the update is done.

What an update, a forget, a rebuild, a repair and a verify do is in
`index.maintenance`, imported when one is first asked for: `Library` keeps their
methods, the write lock, the saving of each commit's article list and the refresh.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from whoosh.filedb.filestore import RamStorage

from index.errors import (
    IndexBusy,
    IndexUnavailable,
    LibraryError,
    QueryError,
    UpdateFailure,
    WriteFailed,
)
from index.facets import FACET_FIELDS, facet_counts, filter_rows
from index.files import disk_state
from index.home import (
    ROOTS_FILE,
    default_corpus,
    file_roots,
    home_corpus,
    record_roots,
    recorded_roots,
)
from index.locations import Locations, typed_command
from index.model import Article, ArticleSummary, Hit, NoHitFinds, SearchResult
from index.store import (
    POINTER,
    REBUILD,
    REBUILD_IT,
    REPAIR,
    OpenedIndex,
    being_written,
    check_home,
    check_secure,
    commit_mark,
    current_generation,
    latest_toc,
    make_private_dir,
    open_generation,
    probe_writable,
    rebuild,
    rebuild_it,
    remove_uncommitted,
    write_lock,
)
from index.summaries import (
    damaged_summaries,
    read_summaries,
    stored_summaries,
    summaries_saved,
    summary_from_stored,
    write_summaries,
)

if TYPE_CHECKING:
    # index.build (the writer's side, ~10 ms to import) is imported by what updates the
    # index, not at open: the reader's first screen only lists what is indexed.
    from index.build import IndexedFile, UpdateProgress, UpdateReport

__all__ = [
    "IndexBusy",
    "IndexUnavailable",
    "Library",
    "LibraryError",
    "UpdateProgress",
    "UpdateReport",
    "VerifyReport",
    "default_corpus",
    "home_corpus",
]


def __getattr__(name: str) -> Any:
    """The update's report and progress, re-exported from index.build on first use (see
    the TYPE_CHECKING import above)."""
    if name in ("UpdateProgress", "UpdateReport"):
        import index.build

        return getattr(index.build, name)
    raise AttributeError(f"module 'index.library' has no attribute {name!r}")


WRITE_LOCK_WAIT = 1.0
"""Seconds a second writer waits before `IndexBusy`: long enough to ride out a
refresh, short enough that nobody wonders whether the program hangs."""


WARM_UP_QUERY = "日本"
"""A word nearly every Japanese article holds, typed as the reader types."""
WARM_UP_LIMIT = 20

MATCH_PART_CHARS = 100_000
"""Characters of a long article's text `Library.match_ranges_in_parts` reads at a time:
~0.5 s of MeCab each, and fewer parts than a thread's cache of parses holds
(`index.analysis`), so that another query over the article reads none again."""


def schema_fingerprint() -> str:
    """Changes whenever the schema does, so an index built with another one is rebuilt."""
    import index.schema as schema_module

    schema = schema_module.make_schema()
    parts = [f"{name}:{type(schema[name]).__name__}" for name in sorted(schema.names())]
    version = getattr(schema_module, "SCHEMA_VERSION", 0)
    return f"{version};" + ",".join(parts)


@dataclass(slots=True)
class VerifyReport:
    """How the index compares with the article files it was built from."""

    roots: list[str] = field(default_factory=list)
    indexed: int = 0
    missing: list[str] = field(default_factory=list)
    """Indexed, but the file is gone."""
    unreached: list[str] = field(default_factory=list)
    """Indexed, the file there, but under none of the home's directories, and no link in
    them leads to it any more: the next update drops it. Said "missing" of a file
    there (review)."""
    changed: list[str] = field(default_factory=list)
    """Indexed, but the file's content differs."""
    new: list[str] = field(default_factory=list)
    """On disk under the indexed roots, but not in the index."""
    duplicates: list[str] = field(default_factory=list)
    """Paths or ids held by more than one document."""
    failed: list[UpdateFailure] = field(default_factory=list)
    """Files that could not be parsed when last indexed (path, reason): not an
    inconsistency. The reason says so when the version indexed before is kept."""
    refused: list[str] = field(default_factory=list)
    """Files (and paths given) whose names are not UTF-8, refused by every update
    without being read (`index.refusals.NOT_UTF8`): not an inconsistency. Among
    `failed`, they were said to have "failed to parse", never read."""
    compared: int = 0
    """Indexed articles under the paths compared (all of them, by default)."""
    scope: int | None = None
    """Indexed articles under the PATHs given, checked or not (None when none were
    given: the home's whole index is compared, `indexed`)."""
    unavailable: list[str] = field(default_factory=list)
    """Paths given to compare with that are missing: nothing under them was checked."""
    away: dict[str, int] = field(default_factory=dict)
    """Directories of the home (compared by default) that are not there, an unmounted
    disk say -> how many indexed articles under them are kept unchecked (none when a
    rebuild left them out)."""
    never_indexed: list[str] = field(default_factory=list)
    """Of `away`, those a build that did not finish recorded (`unindexed_roots`):
    nothing of them was ever indexed, and an update lets them go unless they are back."""
    empty: dict[str, int] = field(default_factory=dict)
    """Directories compared that hold no article file while the index holds articles
    from them (an unmounted disk's mount point) -> how many, kept unchecked; or that a
    rebuild kept in the home so (`absent_roots`) -> 0."""
    unreadable: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Directories that could not be listed -> why, and how many indexed articles under
    them are kept unchecked."""
    damaged: list[str] = field(default_factory=list)
    """Files of the index kept beside it that fail their checksum: the saved article
    list (`index.summaries`), then not shown, until written again (`resave`)."""
    bare: dict[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    """Directories compared that hold no article file and from which nothing is indexed
    -> how many other files they hold (`Discovery.passed_over`), and the names of those
    named as notes (`Discovery.notes`: README.txt): not an inconsistency
    (nothing to compare), but said: "consistent: 0 articles match the files" was all
    there was of a directory of HTML files."""
    left_out: dict[str, int] = field(default_factory=dict)
    """Of `unreadable` and `empty`, those a rebuild that could not list them (or found
    them empty) left articles out of -> how many: their ids are held for them
    (`away_ids`) until it can be read (files are back), when an update brings them in.
    (Not a directory a rebuild kept in the home while not there, `absent_roots`.)"""

    @property
    def consistent(self) -> bool:
        return not (
            self.missing
            or self.unreached
            or self.changed
            or self.new
            or self.duplicates
            or self.unavailable
            or self.away
            or self.empty
            or self.unreadable
            or self.damaged
        )


class Library:
    """An open index in a data home (see module doc). Use `Library.open`."""

    where: Locations
    readonly: bool
    notice: str | None

    def __init__(
        self,
        where: Locations,
        opened: OpenedIndex | None,
        *,
        readonly: bool,
        notice: str | None,
    ) -> None:
        self.where = where
        self.readonly = readonly
        self.notice = notice
        self._lock = threading.RLock()
        self._update_lock = threading.Lock()
        self._opened = opened
        self._searcher: Any = opened.searcher if opened else _empty_index().searcher()
        self._articles: dict[str, list[ArticleSummary]] = {}
        self._disk: dict[tuple[str, ...], dict[str, tuple[int, int]]] = {}
        """The article files as the last update of each set of paths found them."""
        self._closed = False
        self._not_made: str | None = None
        """Why the data home could not be created, said when an update is asked for."""
        self.revision = 0
        """Counts the commits opened since (this process's and others'): a list read at
        another revision is out of date. An update opens the commit it finds, and another
        process's with it: its report may say nothing changed when another did."""

    # -- opening ------------------------------------------------------------------

    @classmethod
    def open(cls, where: Locations, *, create: bool = True, thorough: bool = False) -> Library:
        """Open the index of `where`, creating the data home (`create`) if needed.

        A home with no index yet opens without one (`has_index` False, no articles):
        the first update makes it, and it is live only once that commits. An empty
        index made here went live at once, so a first build stopped before its commit
        (Ctrl-C, q in the reader, a kill) left an index of no articles, searched as
        "0 hits", where the home had none. `notice` says there is none, unless the
        home is writable and `create` asked for: the caller is about to build one.

        Its files are checked against their checksums; `thorough` reads every byte
        (`yomite verify`), else a file unchanged since it was last read is trusted
        (`index.store.STAMPS_FILE`).

        Raises IndexUnavailable when the index is damaged (`repairable`) or others
        could write it (not repairable: fix the permissions).
        """
        home = where.home
        check_home(home, where.index_dir)
        for path in _kept_private(where):
            check_secure(path)
        if not home.exists() and create:
            try:
                make_private_dir(home)
            except OSError as error:
                # Not "read-only" (what an update said of it): there is no home to be
                # read-only, and none can be made (a read-only mount, a parent the user
                # cannot write to).
                library = cls(where, None, readonly=True, notice=None)
                library.notice = library._not_made = (
                    f"data home {home} does not exist and cannot be created: "
                    f"{error.strerror or error}"
                )
                return library
        if not home.exists():
            return cls(where, None, readonly=True, notice=_no_index_notice(where))
        writable = probe_writable(home) and (
            not where.index_dir.exists() or probe_writable(where.index_dir)
        )
        notice = None if writable else f"data home {home} is read-only: opened read-only"
        with _naming_home(where):
            generation = current_generation(where.index_dir)
            if generation is None:
                if writable and create:  # where the update that builds it takes its lock
                    make_private_dir(where.index_dir)
                else:
                    notice = notice or _no_index_notice(where)
                return cls(where, None, readonly=not writable, notice=notice)
            opened = _open_live(where.index_dir, generation, fresh=thorough)
        built_with = opened.meta.get("schema")
        if built_with != schema_fingerprint() and opened.searcher.doc_count_all():
            opened.close()
            raise IndexUnavailable(
                f"the index in {where.index_dir} was built by a different version of yomite",
                repairable=True,
                outdated=True,
                # As they must be typed: the home's own, not the default one's.
                advice=(
                    f"rebuild it with `{typed_command(where, 'yomite index')}` or "
                    f"`{typed_command(where, 'yomite verify --repair')}`"
                ),
            )
        return cls(where, opened, readonly=not writable, notice=notice)

    @staticmethod
    def _after_commit(index_dir: Path) -> None:
        """Save the article list of the commit, if new: the reader's cold start reads it.

        Stored fields hold whole texts, so listing 7,000 articles from them takes a
        third of a second; the saved list takes a few milliseconds.
        """
        generation = current_generation(index_dir)
        if generation is None:
            return
        opened = open_generation(generation, readonly=True)
        try:
            # Saved already when nothing was committed (an update that found every
            # file unchanged): each commit has a list of its own. Written again when it
            # fails its checksum or has none (`index.summaries`): it was kept as it was.
            if not summaries_saved(opened):
                write_summaries(opened, stored_summaries(opened.searcher))
        finally:
            opened.close()
        # A copy outside the generation, so a repair knows what to rebuild even when
        # the damaged generation's manifest is lost; with those of a first build that did
        # not finish, which the writer left there (`unindexed_roots`): this dropped them.
        roots = [str(r) for r in opened.meta.get("roots", [])]
        unfinished = [root for root in file_roots(index_dir) or [] if root not in roots]
        record_roots(index_dir, [*roots, *unfinished])

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._searcher.close()
                self._closed = True

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- reading --------------------------------------------------------------------

    def count(self) -> int:
        with self._lock:
            return int(self._searcher.doc_count())

    def articles(self, *, sort: Literal["date", "title"] = "date") -> list[ArticleSummary]:
        """Every article, newest first (undated last) or by title; cached per commit."""
        with self._lock:
            cached = self._articles.get(sort)
            if cached is not None:
                return list(cached)
            if self._articles:
                summaries = next(iter(self._articles.values()))
            else:
                summaries = read_summaries(self._opened) or stored_summaries(self._searcher)
            ordered = _sorted(summaries, sort)
            self._articles[sort] = ordered
            return list(ordered)

    def summary(self, article_id: str) -> ArticleSummary | None:
        with self._lock:
            stored = self._searcher.document(id=article_id)
        return summary_from_stored(stored) if stored else None

    def load(self, article_id: str, *, stop: Callable[[], bool] | None = None) -> Article:
        """Parse the article's file afresh (ParseError if it is gone or unreadable);
        `stop` as `index.parser.parse_file`'s (ParseStopped)."""
        from index.parser import parse_file

        with self._lock:
            stored = self._searcher.document(id=article_id)
        if not stored:
            raise LibraryError(f"no article with id {article_id!r} in the index")
        article: Article = parse_file(Path(stored["path"]), article_id=article_id, stop=stop)
        return article

    def search(
        self,
        query: str,
        *,
        live: bool = False,
        limit: int = 50,
        sort: Literal["relevance", "date"] = "relevance",
    ) -> SearchResult:
        from index.search import search

        with self._lock:
            result: SearchResult = search(self._searcher, query, live=live, limit=limit, sort=sort)
        return result

    def no_hit_finds(
        self, query: str, *, live: bool = False, stale: Callable[[], bool] | None = None
    ) -> NoHitFinds | None:
        """What `query`, which `search` found nothing for, finds typed otherwise, for the
        hints (`index.search.no_hit_finds`): asked once the empty list is shown. None when
        `stale()` said, between its searches, that it is no longer wanted."""
        from index.search import no_hit_finds

        with self._lock:
            return no_hit_finds(self._searcher, query, live=live, stale=stale)

    def warm_up(self) -> None:
        """Read what a first search reads (field lengths, lexicon and postings blocks,
        stored fields), so that the user's first keystroke does not: over the ldcc
        corpus a cold index's first search took ~40-60 ms, ~10 ms once warm. The
        result is dropped; nothing the user sees changes."""
        with contextlib.suppress(LibraryError, QueryError):
            self.search(WARM_UP_QUERY, live=True, limit=WARM_UP_LIMIT)

    def related(self, article_id: str, *, limit: int = 10) -> list[Hit]:
        from index.related import related

        with self._lock:
            return list(related(self._searcher, article_id, limit=limit))

    def match_ranges(
        self, query: str, article: Article, *, live: bool = False
    ) -> list[tuple[int, int]]:
        """The matches of `query` in `article`'s document text, in the lines the index
        searches (not in a card's URL, say: the list did not count those), with the
        other forms the search looked for as the list marks them (`searched_forms`:
        WiFi for Wi-Fi, a reading's last word read on into the longer words the search
        read it on into, and no other). `live`: `query` as typed, as a list searched as
        typed found the article (`プラットフ`: プラットフォーム marked, where the query
        at Enter, an unfinished word, marks nothing)."""
        from index.reanalysis import match_ranges, searched_forms
        from index.schema import searched_lines

        with self._lock:
            searched = searched_forms(self._searcher, query, live=live)
        lines = [(start, start + len(text)) for _, text, start in searched_lines(article)]
        text = article.document().text
        return list(match_ranges(query, text, within=lines, searched=searched, live=live))

    def match_ranges_in_parts(
        self, query: str, article: Article, *, part: int | None = None, live: bool = False
    ) -> Iterator[tuple[list[tuple[int, int]], int, int]]:
        """`match_ranges` a part of the document text at a time (`text_parts`, about
        `part` characters, by default `MATCH_PART_CHARS`): for each part, its matches,
        and how many characters have been read, of how many. For the reader's long
        articles: MeCab took 10-13 s over the 2.5 million characters of a 6.8 MB one,
        with nothing to say how far it was and no way to stop when another article was
        opened. The parts' matches are those `match_ranges` finds in the whole (but a
        phrase across two lines where a part ends: `text_parts`)."""
        from index.reanalysis import match_ranges, searched_forms, text_parts
        from index.schema import searched_lines

        with self._lock:
            searched = searched_forms(self._searcher, query, live=live)
        lines = [(start, start + len(text)) for _, text, start in searched_lines(article)]
        text = article.document().text
        for start, end in text_parts(text, part or MATCH_PART_CHARS):
            found = match_ranges(
                query, text[start:end], within=lines, searched=searched, offset=start, live=live
            )
            yield found, end, len(text)

    def facets(self, name: str) -> list[tuple[str, int]]:
        """Values of a facet field with their article counts over every article, most
        frequent first."""
        return self._count_facet(name, None)[1]

    def facets_within(
        self, name: str, query: str, *, live: bool = False
    ) -> tuple[int, list[tuple[str, int]]]:
        """A facet field's values counted among `query`'s hits (searched as `search`
        does; QueryError), as `facets` counts them among every article, and how many
        hits they were counted among."""
        return self._count_facet(name, (query, live))

    def _count_facet(
        self, name: str, query: tuple[str, bool] | None
    ) -> tuple[int, list[tuple[str, int]]]:
        from index.matching import matching_docs

        if name not in FACET_FIELDS:
            raise ValueError(f"unknown facet {name!r}; choose from {', '.join(FACET_FIELDS)}")
        with self._lock:
            searcher = self._searcher
            within = None if query is None else matching_docs(searcher, query[0], live=query[1])
            total = searcher.doc_count() if within is None else len(within)
            if name not in searcher.schema.names():
                return total, []
            reader = searcher.reader()
            counts = filter_rows(reader, name, facet_counts(reader, name, within), within)
        values = sorted(((v, n) for v, n in counts.items() if n), key=lambda vn: (-vn[1], vn[0]))
        return total, values

    def indexed_files(self) -> dict[str, IndexedFile]:
        from index.build import indexed_files

        with self._lock:
            return indexed_files(self._searcher)

    @property
    def has_index(self) -> bool:
        """False for a home where no index was ever built, or whose first build never
        committed (`notice` says so)."""
        return self._opened is not None

    @property
    def roots(self) -> list[str]:
        """The files and directories this index was built from (as recorded at commit)."""
        roots = self._opened.meta.get("roots", []) if self._opened else []
        return [str(r) for r in roots]

    # -- seeing new commits ---------------------------------------------------------

    def live_commit(self) -> tuple[str, int] | None:
        """The commit live on disk, (generation, TOC number), None when there is none: a
        cheap look (CURRENT read, the live generation's directory listed; no lock, no
        index file opened), to ask often whether `refresh` has anything to open."""
        return commit_mark(self.where.index_dir)

    @property
    def open_commit(self) -> tuple[str, int] | None:
        """The commit this library has open, as `live_commit` names it."""
        opened = self._opened
        return None if opened is None else (opened.generation_dir.name, opened.toc_generation)

    def refresh(self) -> bool:
        """Reopen if this or another process committed since; True if anything changed."""
        with self._lock:
            if self._closed:
                return False
            with _naming_home(self.where):
                generation = current_generation(self.where.index_dir)
                if generation is None:
                    return False
                opened = self._opened
                if (
                    opened is not None
                    and opened.generation_dir == generation
                    and latest_toc(generation) == opened.toc_generation
                ):
                    return False
                fresh = _open_live(self.where.index_dir, generation)
            old_searcher = self._searcher
            self._opened = fresh
            self._searcher = fresh.searcher
            self._articles = {}
            self.revision += 1
            old_searcher.close()
            return True

    # -- writing --------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Path]:
        """The right to write the index, for `update`, `forget`, `rebuild` and `repair`:
        this library's writers one at a time (`_update_lock`), then the index's write
        lock (another process's writer gets IndexBusy after `WRITE_LOCK_WAIT`); an
        OSError meanwhile is one line saying the index is unchanged (`_write_errors`).
        Yields the index directory. Files a write left in the live generation and did
        not commit are deleted before and after it (`remove_uncommitted`). The caller
        saves what it committed (`_after_commit`) before leaving, then refreshes (not
        `repair`: its library is thrown away)."""
        index_dir = self.where.index_dir
        with (
            _naming_home(self.where),
            self._update_lock,
            _write_errors(index_dir),
            write_lock(index_dir, timeout=WRITE_LOCK_WAIT),
        ):
            # What a failed or killed write left (a full disk of it): room for this one.
            remove_uncommitted(index_dir)
            try:
                yield index_dir
            finally:  # what this one wrote and did not commit (failed, or cancelled)
                remove_uncommitted(index_dir)

    def update(
        self,
        paths: Sequence[Path],
        *,
        progress: Callable[[UpdateProgress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateReport:
        """Bring the index up to date with `paths` (files and directories) in one commit.

        With no paths, `default_corpus`. Files that fail to parse are reported
        in `UpdateReport.failed`; the others are indexed. When `cancelled()` turns
        true the update stops and nothing is written (`UpdateReport.cancelled`).
        Raises IndexBusy if another process is updating. Unless cancelled or busy,
        remembers the files as it found them, for `corpus_changed`.
        """
        self._check_writable()
        started = time.monotonic()
        targets = list(paths) or list(default_corpus(self.where))
        # Read before the update: a file changed while it runs differs next time.
        disk = disk_state(targets)
        try:
            report = self._update_under_lock(targets, progress, cancelled)
        except IndexBusy:
            # Not tried: another process holds the index. Taken as seen, a directory the
            # reader was given was never indexed that session.
            raise
        except LibraryError:
            # Tried on these files: `corpus_changed` says no until they change again, so
            # a reader does not retry a failing update (disk full, say) every rescan.
            self._disk[_disk_key(targets)] = disk
            raise
        if not report.cancelled:
            self._disk[_disk_key(targets)] = disk
        self.refresh()
        report.seconds = time.monotonic() - started
        return report

    def _update_under_lock(
        self,
        targets: Sequence[Path],
        progress: Callable[[UpdateProgress], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> UpdateReport:
        from index import maintenance  # imports index.build: not at open

        with self._writing() as index_dir:
            report = maintenance.update(
                self.where, targets, progress, cancelled, schema=schema_fingerprint()
            )
            if not report.cancelled:
                self._after_commit(index_dir)
        return report

    def forget(self, paths: Sequence[Path]) -> UpdateReport:
        """Drop the directories (or files) `paths` from the home: their articles leave
        the index (`removed`), and no update looks there again. Raises LibraryError
        (ForgetRefused) for a path that is not one of the home's (`roots`), or that
        config.toml's `[library] paths` names (the next update would bring it back). With
        its last directory forgotten, the home holds none (`holds_none`)."""
        from index import maintenance

        self._check_writable()
        started = time.monotonic()
        wanted, configured = maintenance.to_forget(self.where, paths)
        with self._writing() as index_dir:
            report = maintenance.forget(self.where, wanted, configured, schema=schema_fingerprint())
            self._after_commit(index_dir)
        self.refresh()
        report.seconds = time.monotonic() - started
        return report

    def corpus_changed(self, paths: Sequence[Path] = ()) -> bool:
        """Whether article files under `paths` (default: `default_corpus`) were added,
        removed or changed since this library last updated them (True if it never did):
        the reader asks now and then, and updates only when something changed."""
        targets = list(paths) or list(default_corpus(self.where))
        seen = self._disk.get(_disk_key(targets))
        return seen is None or disk_state(targets) != seen

    def rebuild(
        self,
        paths: Sequence[Path] = (),
        *,
        progress: Callable[[UpdateProgress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateReport:
        """Build a fresh index beside the live one and switch to it when complete.

        It covers what the index covered (its recorded roots) and `paths`, as an update
        would: `verify --repair PATH` and `index --rebuild PATH` once dropped every other
        directory of the home. With neither, `default_corpus`. The report counts against
        the old index, as every rebuild's does (`index.maintenance.rebuild`).
        """
        from index import maintenance

        self._check_writable()
        started = time.monotonic()
        targets = list(paths) or list(default_corpus(self.where))
        with self._writing() as index_dir:
            roots = recorded_roots(self.where)
            report = maintenance.rebuild(
                self.where, targets, progress, cancelled, roots=roots, schema=schema_fingerprint()
            )
            if not report.cancelled:
                self._after_commit(index_dir)
        self.refresh()
        report.seconds = time.monotonic() - started
        return report

    def resave(self) -> None:
        """Write the saved article list of the live commit again from the index, if it
        fails its checksum or is not there (`verify --repair`: `VerifyReport.damaged`).
        A rebuild for that took as long as indexing every file again."""
        self._check_writable()
        with self._writing() as index_dir:
            self._after_commit(index_dir)
        self.refresh()

    @staticmethod
    def check_repairable(where: Locations) -> None:
        """Raise LibraryError if `repair` could not rebuild the index here (an unsafe or
        read-only data home), before anything is said or done."""
        check_home(where.home, where.index_dir)
        for path in _kept_private(where):
            check_secure(path)
        make_private_dir(where.index_dir)
        if not probe_writable(where.index_dir):
            raise LibraryError(f"data home {where.home} is read-only: cannot rebuild the index")

    @classmethod
    def repair(
        cls,
        where: Locations,
        paths: Sequence[Path] = (),
        *,
        progress: Callable[[UpdateProgress], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateReport:
        """Rebuild an index that cannot be opened (IndexUnavailable with `repairable`).

        The article files are the source of truth, so nothing is lost but time. Rebuilds
        `paths` plus every directory of the home (`home_corpus`), else `seeds/`. A
        directory of the home that is not there (an unmounted disk) stays in the home:
        its articles cannot be read, so they are left out until it is back, when an
        update brings them in (`UpdateReport.failed` says so). It was dropped from the
        home, and never indexed again. Call `Library.open` afterwards.
        """
        from index import maintenance

        cls.check_repairable(where)
        started = time.monotonic()
        with cls(where, None, readonly=False, notice=None) as library:
            recorded = set(recorded_roots(where))
            targets = list(home_corpus(where, paths)) or list(default_corpus(where))
            with library._writing() as index_dir:
                report = maintenance.rebuild(
                    where,
                    targets,
                    progress,
                    cancelled,
                    roots=[],
                    keep=recorded,
                    schema=schema_fingerprint(),
                )
                if not report.cancelled:
                    library._after_commit(index_dir)
        # The whole repair, as `update` times itself: the build's own time left out the
        # reading of the home's roots and the switch to the new generation.
        report.seconds = time.monotonic() - started
        return report

    def verify(self, paths: Sequence[Path] = ()) -> VerifyReport:
        """Compare the index with the files under `paths` (default: what an update without
        paths covers, `default_corpus`: the configured paths, the roots the index
        records, and those a first build that failed or was stopped recorded, in
        roots.json; not the directory an update killed before its commit was adding:
        its files are not in the index, and were never meant to be yet). It
        compared the recorded roots only: a configured directory never indexed passed
        for consistent, its files not reported new.

        Given `paths`, only the articles under them are compared (missing, changed,
        duplicated: `scope` counts them). A path given that is not there is
        `unavailable`; a directory of the home that is not there (compared by default)
        is `away`. Raises ConfigError for a config file that cannot be used."""
        from index import maintenance

        roots = [Path(p) for p in paths] or list(default_corpus(self.where))
        report = VerifyReport(roots=[str(r) for r in roots])
        with self._lock:
            stored = [
                (str(s.get("path", "")), str(s.get("id", "")))
                for s in self._searcher.all_stored_fields()
            ]
            indexed = self.indexed_files()  # (an RLock: taken again)
            # Read whole, as verify reads every file of the index (an open trusts what
            # it has checked before).
            if (list_file := damaged_summaries(self._opened)) is not None:
                report.damaged.append(str(list_file))
        report.indexed = len(stored)
        meta = self._opened.meta if self._opened else {}
        return maintenance.compare(
            self.where, paths, roots, report, stored=stored, indexed=indexed, meta=meta
        )

    # -- internals --------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self._not_made is not None:
            raise LibraryError(self._not_made)
        if self.readonly:
            raise LibraryError(
                f"data home {self.where.home} is read-only: the index cannot be updated"
            )


def _kept_private(where: Locations) -> tuple[Path, ...]:
    """What others must not be able to write, checked before the index is opened: the
    home, its index, and the files there that say what is opened (`CURRENT`) and
    indexed (`ROOTS_FILE`). Those of a generation: `_open_live`, `open_generation`."""
    index_dir = where.index_dir
    return (where.home, index_dir, index_dir / POINTER, index_dir / ROOTS_FILE)


@contextlib.contextmanager
def _write_errors(index_dir: Path) -> Iterator[None]:
    """Disk full, quota, I/O errors: one clear line; the commit never happened."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteFailed(
            f"could not write the index in {index_dir}: {reason}; the index is unchanged"
        ) from error


def _open_live(index_dir: Path, generation: Path, *, fresh: bool = False) -> OpenedIndex:
    """Open the live generation; if a rebuild switched generations meanwhile (and deleted
    the one we were opening), follow the pointer to the new one."""
    for _attempt in range(5):
        check_secure(generation)
        try:
            return open_generation(generation, readonly=True, fresh=fresh)
        except IndexUnavailable:
            now = current_generation(index_dir)
            if now is None or now == generation:
                raise
            generation = now
    return open_generation(generation, readonly=True, fresh=fresh)


def _make_schema() -> Any:
    from index.schema import make_schema

    return make_schema()


def _empty_index() -> Any:
    return RamStorage().create_index(_make_schema())


def _no_index_notice(where: Locations) -> str:
    """The command to run as it must be typed: with `--home` for a home other than the
    one `yomite index` would use (it said `yomite index`, which built another). While
    another process builds the first index (its write lock held, `being_written`),
    to wait for it: it told the user to run what was running."""
    if being_written(where.index_dir):
        return (
            f"no index in {where.home} yet: another process is building it; "
            "try again when it has finished"
        )
    return f"no index in {where.home} yet: run `{typed_command(where, 'yomite index')}`"


@contextlib.contextmanager
def _naming_home(where: Locations) -> Iterator[None]:
    """A damaged index's advice, raised by `index.store` (which knows only the index's
    directory) as the default home's command, with the command for the home of `where`
    (`typed_command`): "rebuild it with `yomite verify --repair`", copied by a user of
    `--home H`, rebuilt the default home (review)."""
    try:
        yield
    except IndexUnavailable as error:
        repair = typed_command(where, REPAIR)
        advice = {REBUILD_IT: rebuild_it(repair), REBUILD: rebuild(repair)}.get(error.advice)
        if advice is None or advice == error.advice:
            raise
        named = IndexUnavailable(
            error.diagnosis,
            repairable=error.repairable,
            outdated=error.outdated,
            advice=advice,
        )
        raise named.with_traceback(error.__traceback__) from error.__cause__


def _disk_key(paths: Sequence[Path]) -> tuple[str, ...]:
    return tuple(sorted(str(Path(path).expanduser().absolute()) for path in paths))


def _sorted(summaries: Sequence[ArticleSummary], sort: str) -> list[ArticleSummary]:
    if sort == "title":
        return sorted(summaries, key=lambda s: (s.title, s.id))
    dated = [s for s in summaries if s.published is not None]
    undated = [s for s in summaries if s.published is None]
    # Every stored date is naive, the article's own wall-clock time (index/schema.py
    # `_naive`): they compare as they are.
    dated.sort(key=lambda s: (s.published, s.id), reverse=True)
    undated.sort(key=lambda s: (s.title, s.id))
    return dated + undated
