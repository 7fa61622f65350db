"""What the main screen's parts share: the screen (`tui.screens.main.MainScreen`) is
made of mixins, each a concern of its own (`tui.searching`, `tui.links`,
`tui.reading_aids`, `tui.background_index`), over this class. It declares the widgets
and the state they use, for the type checker (the main screen creates them), and the
main screen's methods they call (abstract); and holds what they all call: the index
thread (created and stopped here), and how to say that something failed. A mixin's own
state is its own, declared and given its first value in its class.
"""

from __future__ import annotations

import asyncio
from abc import abstractmethod
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from typing import TYPE_CHECKING, Literal, TypeVar

from rich.text import Text
from textual import on
from textual.events import Unmount
from textual.notifications import SeverityLevel
from textual.screen import Screen

from index.model import ArticleSummary
from index.sanitize import sanitize
from tui.widgets import (
    ArticleList,
    CardsPane,
    Entry,
    ReadingView,
    SearchBar,
    StatusKind,
    StatusLine,
)

if TYPE_CHECKING:
    from datetime import datetime

    from textual.worker import Worker

    from index.library import Library
    from index.state import UserState
    from tui.screens.main import ReaderSetup
    from tui.word_cursor import CursorWord

T = TypeVar("T")

Pane = Literal["list", "reader", "cards"]
ListMode = Literal["all", "search", "bookmarks", "related"]


class Unanswered(Enum):
    """What a call on the index thread returns instead of its job's result, which may
    be None itself (`MainScreen.reload_open_article`'s "unchanged")."""

    STALE = "stale"
    """Skipped: a newer job of its group came after it."""
    FAILED = "failed"
    """It raised an error its caller expected, and the user was told (`_index_call`)."""


class MainScreenParts(Screen[None]):
    """The main screen as its mixins see it."""

    setup: ReaderSetup
    state: UserState
    mode: ListMode
    pane: Pane
    open_id: str | None
    search_bar: SearchBar
    article_list: ArticleList
    reader: ReadingView
    cards: CardsPane
    status: StatusLine

    def __init__(self) -> None:
        super().__init__()
        self._index_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="yomite-index")
        self._reading_threads = ThreadPoolExecutor(max_workers=4, thread_name_prefix="yomite-read")
        """Where an article's file is read and parsed (`MainScreen.load_article`): no
        MeCab there. A parse replaced (a 15.7 MB text's, 1.3 s to 2.4 s) stops at its
        next stage (`index.parser.parse_file`'s `stop`); until then it goes on beside
        the next, which does not queue behind it."""
        self._marking_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="yomite-mark")
        """Where the matches of a long article are found (`MainScreen.mark_later`): a 15.7
        MB text took ~40 s there, and on the index thread every article opened meanwhile
        waited for them (user review). A thread of its own, with its own tagger."""
        self._latest: dict[str, object] = {}
        """Each group's newest job on the index thread: an older one is stale."""

    @property
    def library(self) -> Library | None:
        """The index open, if any: the setup's, which the app closes on exit. Read through,
        not copied: a rebuild replaces it in one place (`BackgroundIndexing._rebuilt`)."""
        return self.setup.library

    # -- the index thread ---------------------------------------------------------------
    #
    # Searches, loads and related-article lookups run on one long-lived thread rather than
    # in a fresh `@work(thread=True)` thread each: the analyzer's taggers and its caches
    # of parses are per thread (index.mecab, index.analysis), and one thread runs the
    # jobs in the order they came. The workers below are async and exclusive, so a newer
    # request cancels an older one; a queued job that became stale skips its work
    # (`_latest`) and answers `Unanswered.STALE`, and a long one asks between its steps
    # (`_newest`). Two kinds of long work run elsewhere, so that nothing queues behind
    # them: an article's file parsed (`_reading_threads`, stopped between its stages
    # once replaced) and a long article's matches found (`_marking_thread`, stopped
    # between the parts of its text once another article opens).

    def _newest(self, group: str) -> Callable[[], bool]:
        """A job of `group` made the newest: whether a newer one has come since (it is
        stale). A long job asks between its steps, and drops the rest of its work: the
        one that replaced it waits behind it on the thread (a 15.7 MB text's opening held
        up a 1 KB note's for 8.4 s)."""
        self._latest[group] = token = object()
        return lambda: self._latest.get(group) is not token

    async def _on_index_thread(
        self,
        group: str,
        job: Callable[[], T],
        *,
        stale: Callable[[], bool] | None = None,
        thread: ThreadPoolExecutor | None = None,
    ) -> T | Literal[Unanswered.STALE]:
        """`stale`: the job's own `_newest(group)`, which it asks itself; `thread`: the
        one it runs on, if not the index thread."""
        if stale is None:
            stale = self._newest(group)
        is_stale = stale

        def run_if_current() -> T | Literal[Unanswered.STALE]:
            return Unanswered.STALE if is_stale() else job()

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(thread or self._index_thread, run_if_current)

    async def _index_call(
        self,
        group: str,
        job: Callable[[], T],
        *,
        errors: tuple[type[Exception], ...],
        failed: Callable[[Exception], None] | None = None,
        stale: Callable[[], bool] | None = None,
        thread: ThreadPoolExecutor | None = None,
    ) -> T | Unanswered:
        """`job` on the index thread (`_on_index_thread`), an error of `errors` it raises
        told the user by `failed` (by default its message, by `_failed`): the caller has
        the job's answer, or `Unanswered` and nothing left to say."""
        try:
            return await self._on_index_thread(group, job, stale=stale, thread=thread)
        except errors as error:
            if failed is None:
                self._failed(str(error))
            else:
                failed(error)
            return Unanswered.FAILED

    @on(Unmount)
    def _stop_index_thread(self) -> None:
        """Its queued jobs dropped, the one running left to finish on its own. (After
        the main screen's own handler of the message.)"""
        self._index_thread.shutdown(wait=False, cancel_futures=True)
        self._marking_thread.shutdown(wait=False, cancel_futures=True)
        self._reading_threads.shutdown(wait=False, cancel_futures=True)

    def _failed(self, message: str) -> None:
        self.status.say(message, StatusKind.WARNING)
        self._toast(message, severity="error")

    def _toast(
        self, message: str, *, severity: SeverityLevel, timeout: float | None = None
    ) -> None:
        """A notification. Messages carry file names and errors, so never markup or escapes."""
        self.notify(sanitize(message), severity=severity, markup=False, timeout=timeout)

    # -- what a key in the list acts on -------------------------------------------------

    def _listed_target(self) -> ArticleSummary | None:
        """The list's cursor row while the list has the focus, if it is not the article
        open: the list's keys act on it, in every layout, as `b`, `u` and `r` do. `o`,
        `y` and `Y` take its link; `R`, `v`, `w`, `W`, `n` and `N` open it first, as
        Enter would. They took the open article's, while the cursor showed another
        (where one pane is shown at a time, an article out of sight)."""
        listing = self.article_list
        if self.focused is listing and listing.highlighted is not None and listing.entries:
            summary = listing.entries[listing.highlighted].summary
            if summary.id != self.open_id:
                return summary
        return None

    # -- the main screen's, which the parts call ---------------------------------------
    #
    # Abstract, with MainScreen's signatures: the type checker holds MainScreen to them
    # and says if one is missing (Textual's metaclass is no ABCMeta: nothing checks them
    # at run time).

    @abstractmethod
    def _focus_pane(self, pane: Pane) -> None: ...

    @abstractmethod
    def _opens_with_focus(self, key: str) -> bool:
        """Whether `key`, pressed now, opens an article and gives it the focus (not Enter,
        the list's own)."""

    @property
    @abstractmethod
    def holds_no_articles(self) -> bool:
        """The home's articles are listed, and there are none."""

    @property
    @abstractmethod
    def newest_date(self) -> datetime | None:
        """The newest of the home's articles' dates (None: none dated, or not read yet)."""

    @abstractmethod
    def _show_pane(self, pane: Pane) -> None: ...

    @abstractmethod
    def _set_mode(self, mode: ListMode) -> None: ...

    @abstractmethod
    def _refresh_footer(self) -> None: ...

    @abstractmethod
    def _show_entries(
        self,
        entries: Sequence[Entry],
        title: str | Sequence[str],
        empty: Text | None = None,
        *,
        keep: bool = True,
        on: str | None = None,
    ) -> None: ...

    @abstractmethod
    def _list_all(self, at_least: int = 0) -> None: ...

    @abstractmethod
    def _updating(self) -> bool:
        """(`tui.background_index`'s: whether an update or a rebuild is under way, from
        its start: `indexing` from its first word of progress.)"""

    @abstractmethod
    def _empty_list_follows_update(self) -> None:
        """(The main screen's: an update began or ended, and an empty list says whether
        one is reading the files.)"""

    @property
    @abstractmethod
    def list_back_to(self) -> str:
        """(The main screen's: the list leaving bookmarks or related articles goes back
        to, named: "the hits".)"""

    @property
    @abstractmethod
    def indexing(self) -> bool:
        """(`tui.background_index`'s: whether the background update is under way.)"""

    @property
    @abstractmethod
    def rebuilding(self) -> bool:
        """(`tui.background_index`'s: whether the unreadable index is being rebuilt.)"""

    @property
    @abstractmethod
    def index_busy(self) -> bool:
        """(`tui.background_index`'s: whether another process was found updating it.)"""

    @abstractmethod
    def open_article(
        self,
        article_id: str,
        *,
        focus: bool,
        then: Callable[[], None] | None = None,
        first_hit: int = 1,
    ) -> None: ...

    @property
    @abstractmethod
    def has_cards(self) -> bool: ...

    @property
    @abstractmethod
    def current_word(self) -> CursorWord | None:
        """(`tui.reading_aids`'s: the word under the word cursor, in the open article.)"""

    @abstractmethod
    def load_all_articles(self, restore: bool = False) -> Worker[None]:
        """(A worker: Textual's `work` types it `(*Any, **Any)`, so this one is not
        checked against MainScreen's.)"""

    @abstractmethod
    def _reload_after_commit(self, *, reopen: bool) -> None: ...

    @abstractmethod
    def _listing_stale(self) -> bool: ...

    @abstractmethod
    def _search_submitted(self, query: str, *, from_bar: bool = False) -> Worker[None]: ...

    @abstractmethod
    def _sort_follows(self, query: str) -> None: ...
