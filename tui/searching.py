"""The search: what the bar searches for and how its hits are listed, as a part of the
main screen (a mixin), over the search's state in one object.

`SearchSession` holds what the search keeps between keystrokes and answers (the
order chosen, the query listed, how many hits it has and were asked for, which
query's matches the open article is marked with) and makes the decisions that need
no widget: whether a query refines the one before, how many hits to ask for, whether
the hits listed are to be searched again, which page to ask for next. Plain methods,
tested without an app (tests/test_search_session.py).

`Searching` is the widget side: the bar's Changed and Submitted, the search worker
and the hits shown from its answer, where the focus goes after Enter, and the
commands that start a search (`s`, the filters, Escape's clear). The list's paging
(`MainScreen._next_page`, `_list_bottom`) and the way back from bookmarks or related
articles (`_leave_view`) stay with the main screen, which lists every article too;
they ask the session what to search for.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from rich.text import Text
from textual import on, work
from textual.events import Key, Paste
from textual.widgets import Input
from textual.worker import Worker, get_current_worker

from index.errors import LibraryError, QueryError, QueryIncomplete
from index.hints import few_hit_hints
from index.model import NoHitFinds, SearchResult
from index.query_edit import (
    date_clause,
    date_range_error,
    date_range_of,
    quote_facet,
    unshown_dates,
    without_dates,
    without_facet,
    without_last_filter,
)
from index.syntax import lex
from index.wording import counted, plural
from tui import notices
from tui.held_keys import KeyHolds
from tui.render import hit_count, hits_titles
from tui.screen_parts import Unanswered
from tui.widgets import Entry, StatusKind, Topic
from tui.widgets.editing_input import typed_character
from tui.widgets.search_bar import QueryInput

SortOrder = Literal["relevance", "date"]

HIT_ROWS = 3
"""Rows of one hit in the list: marks and title, date and source, snippet."""
LIVE_MIN = 5
"""Hits fetched per keystroke at least, however short the list."""
LIVE_UNSIZED = 20
"""Hits fetched per keystroke while the list has no size (hidden on a narrow screen)."""
SUBMITTED_LIMIT = 50
"""Hits fetched when the query is submitted (Enter), and more each time the cursor nears
the end: each hit costs a snippet, and the hits listed already are not drawn again
(`index.search`). With 200 at once, Enter took ~60-90 ms to answer over ldcc."""
BOTTOM_HITS = 1000
"""Hits `G` lists at a time (each costs a snippet, and a row to build: over ldcc the
7,367 hits of `after:2000` took `G` 1.6 s, its first 1,000 0.3 s): a longer list's
bottom is this far, the next thousand that far again (`SearchSession.bottom_page`)."""

PageAsk = tuple[str, SortOrder, bool, int]
"""A search asked for more hits: query, sort, live (as typed), limit."""


@dataclass(frozen=True, slots=True)
class MarksQuery:
    """The marks' query: its text and whether it was read as typed. One value, as the
    two go together from the list to the article's marks: the same words mark other
    matches as typed, the last one a prefix, than at Enter (`プラットフ` matches nothing
    at Enter), so the text alone names no marks. `MarksQuery()`: no search."""

    text: str = ""
    """The query, stripped ("" if none)."""
    live: bool = False
    """Read as typed, its last word a prefix (else as submitted)."""


_FACET_TITLES = {
    "outlet": "Filter by outlet",
    "site": "Filter by site",
    "person": "Filter by person",
}


def same_search(before: str, after: str) -> bool:
    """Whether `after` refines `before`: one of its words is one of `before`'s, or begins
    or is begun by one (a word being typed, or shortened by Backspace). Words as the
    parser reads them (`lex`): an operator in any width is none (ＯＲ shared made
    東京 ＯＲ 記事 a refinement of 演算 ＯＲ 値), a minus (-, −, ー) or quote is not
    part of one."""

    def words(query: str) -> list[str]:
        read = (lexeme.body.strip('"') for lexeme in lex(query).lexemes if not lexeme.operator)
        return [word for word in read if word.strip("-")]

    earlier = words(before)
    return any(
        word.startswith(other) or other.startswith(word)
        for word in words(after)
        for other in earlier
    )


def well_formed(query: str) -> bool:
    """Whether `query` reads as the query language has it (its words aside)."""
    from index.query import parse

    try:
        parse(query)
    except QueryError:
        return False
    return True


def live_limit(rows: int) -> int:
    """Hits fetched per keystroke for a list `rows` high (0: not laid out): a screenful
    and one more. Every hit costs a snippet on the index thread and a row to build; more
    are fetched as the cursor nears the end."""
    return max(LIVE_MIN, rows // HIT_ROWS + 1) if rows else LIVE_UNSIZED


@dataclass
class SearchSession:
    """The search's state, from one keystroke or answer to the next, and the decisions
    made on it alone. `rows` below is the list's height (`live_limit`); `typed` the
    query in the bar, stripped."""

    sort: SortOrder = "relevance"
    """The order the hits are asked in (`s`); back to relevance on a new search."""
    sorted_query: str = ""
    """The bar's query last searched: the sort `s` chose lasts while the query keeps
    a word of it (see `sort_follows`)."""
    shown_query: str | None = None
    """The query whose results the list shows (None: not a search)."""
    searched_query: str = ""
    """`shown_query` as it was searched: with a space after it where one was typed after
    the last word (`Searching._searched_text`), which its next pages are searched as."""
    ranked: bool = True
    """The search shown has words to rank by (not filters alone)."""
    live: bool = True
    """The hits shown were searched as typed (else as submitted): the next page is
    fetched as these were."""
    total: int = 0
    """Hits the search shown has in all."""
    listed: int = SUBMITTED_LIMIT
    """Hits listed of the last search shown (as submitted): what coming back lists."""
    page_asked: PageAsk | None = None
    """The next page of hits asked for and not shown yet (asked once, not per scroll)."""
    picked_query: str = ""
    """The query a filter dialog (`f` `F` `p` `d`) searched, as it wrote it in the bar:
    `/` goes on after it rather than over it (`Searching._focus_bar`)."""
    marked: MarksQuery = MarksQuery()
    """The query the open article's marks are of (`n`/`N` go through them), as typed or
    not as its list was."""
    bar_kept_for: str | None = None
    """A query Enter left the focus in the bar for (none of its hits as typed)."""
    bottom_pending: str | None = None
    """A query whose hits `G` asked for: the list goes to its last when they come."""
    cursor_to: tuple[str, str] | None = None
    """(query, article): the query's next hits put the cursor on the article if listed."""

    # -- the order ----------------------------------------------------------------------

    def sort_follows(self, query: str) -> bool:
        """`query` is the one searched now: whether that put the hits back in relevance
        order (they were by date, and it is a new search, not a refinement)."""
        previous, self.sorted_query = self.sorted_query, query
        if self.sort == "relevance" or same_search(previous, query):
            return False
        self.sort = "relevance"
        return True

    def toggle_sort(self) -> SortOrder:
        """`s`: the other order, until a new search (`sort_follows`)."""
        self.sort = "date" if self.sort == "relevance" else "relevance"
        return self.sort

    # -- how many hits to ask for -------------------------------------------------------

    def first_page(self, live: bool, rows: int) -> int:
        """Hits a search asks for when it is not given how many: a screenful as typed,
        `SUBMITTED_LIMIT` as submitted."""
        return live_limit(rows) if live else SUBMITTED_LIMIT

    def starts_from_top(self, live: bool, limit: int | None, from_top: bool) -> bool:
        """Whether the cursor starts at the first hit of a search: asked so (a new order),
        or Enter after typing: the hits as submitted are ranked anew (whole words, every
        field), so the cursor starts at the first rather than following the one it was on."""
        return from_top or (not live and limit is None and self.live)

    def next_page(self, shown: int, rows: int) -> PageAsk | None:
        """The search for the next page of the hits shown, `shown` of them listed; None
        if every hit is listed or that page was asked for already (the cursor and the
        scrolling it causes both ask)."""
        if not self.shown_query or shown >= self.total:
            return None
        page = live_limit(rows) if self.live else SUBMITTED_LIMIT
        asked = (self.searched_query, self.sort, self.live, shown + page)
        if asked == self.page_asked:
            return None
        self.page_asked = asked
        return asked

    def bottom_page(self, shown: int) -> PageAsk | None:
        """`G`: the search for the hits down to the last, or to the next multiple of
        `BOTTOM_HITS` before it (`G` again lists the next), the list to go to it when
        they come; None if the hits listed go as far."""
        if not self.shown_query or shown >= self.total:
            return None
        limit = min(self.total, (shown // BOTTOM_HITS + 1) * BOTTOM_HITS)
        self.bottom_pending = self.shown_query
        return self.searched_query, self.sort, self.live, limit

    def taller_page(self, typed: str, shown: int, rows: int) -> int | None:
        """Hits as typed are a screenful: the list grown to `rows` gets as many more as it
        has room for (None: it has them, or the hits are not of the query typed)."""
        if not self.live or not self.shown_query:
            return None
        limit = live_limit(rows)
        if shown < limit and shown < self.total and self.shown_query == typed:
            return limit
        return None

    def reload_page(self, typed: str, shown: int, rows: int) -> tuple[bool, int]:
        """A commit opened: (live, limit) to search `typed` again as the hits listed were
        (as typed, or as Enter submitted them), as many: searched again as typed, a
        screenful of Enter's 50, the cursor lost the hit it was on further down and went
        to the first."""
        live = self.live or typed != self.shown_query  # typed on meanwhile
        least = live_limit(rows) if live else SUBMITTED_LIMIT
        return live, max(least, shown)

    def back_limit(self) -> int | None:
        """Hits to list coming back to the search (from bookmarks or related articles): as
        many as were listed (paged past the first page, the article `r` was pressed on may
        lie beyond it); as typed, a screenful."""
        return self.listed if not self.live else None

    # -- an answer shown ----------------------------------------------------------------

    def keeps_cursor(self, query: str, from_top: bool) -> bool:
        """Whether the cursor stays on its hit as `query`'s hits are listed: only when the
        same query is listed again (more of its hits, an update's reload, back from
        bookmarks). A new one, each keystroke, starts at its first hit. Kept, the cursor
        followed the hit the keystroke before had first, ranked lower now: the list
        scrolled down to it (iPhon at 100x30: rank 8, a hidden hit's snippet line at the
        top) and Tab, Enter opened it."""
        return query == self.shown_query and not from_top

    def showing(self, result: SearchResult, live: bool, listed: int) -> None:
        """`result` is listed (`listed` of its hits), searched as typed if `live`."""
        self.shown_query = result.query.strip()
        self.searched_query = result.query
        self.ranked = result.ranked
        self.live = live  # the next page is fetched as these were
        self.total = result.total
        self.page_asked = None
        self.listed = max(listed, SUBMITTED_LIMIT)

    def goes_to_bottom(self, query: str) -> bool:
        """Whether `query`'s hits are the ones `G` asked for (once)."""
        if self.bottom_pending != query:
            return False
        self.bottom_pending = None
        return True

    def cursor_article(self, query: str) -> str | None:
        """The article `query`'s hits put the cursor on (back from related articles: the
        one they were about), once."""
        if self.cursor_to is None or self.cursor_to[0] != query:
            return None
        article_id, self.cursor_to = self.cursor_to[1], None
        return article_id

    def page_to_find(self, query: str, article_id: str, listed: Sequence[str], total: int) -> int:
        """Hits to ask for so that `query`'s list holds `article_id`, which it goes to
        (`cursor_article`) and the `listed` hits lack: down to `BOTTOM_HITS`, the
        cursor still to go to it then; 0 if they are all listed, or as many, or it is
        among them. The article `s` was pressed over while reading may lie past the first
        page of the hits in the new order (the 50 newest)."""
        limit = min(total, BOTTOM_HITS)
        if len(listed) >= limit or article_id in listed:
            return 0
        self.cursor_to = (query, article_id)
        return limit

    def count_current(self, query: str, typed: str) -> bool:
        """Whether the bar's count of `query`'s hits still applies: not cleared or
        replaced in the meantime, nor typed on (an error may show)."""
        return self.shown_query == query and typed == query.strip()

    def kept_bar(self, query: str) -> bool:
        """Whether Enter left the focus in the bar for `query` (once: taken back)."""
        kept, self.bar_kept_for = self.bar_kept_for == query, None
        return kept

    # -- the open article's marks ------------------------------------------------------

    def marks_outdated(self, query: MarksQuery) -> bool:
        """Whether the search `query` (the one listed, "" if none) was made since the open
        article was marked: `n` finds its matches first."""
        return bool(query.text) and query != self.marked


_NO_TEXT = frozenset({"Co", "Cn", "Cs"})
"""Categories of a character typed that is no text to search (private use, unassigned,
a lone surrogate): `Searching.search_typed_text` leaves it to the keys."""


@dataclass(frozen=True, slots=True)
class _EmptySearch:
    """A search the list says found nothing: said again as an update begins or ends
    (`_empty_search_follows_update`), its notice kept in place while the next search
    that finds nothing has its hints searched (`_held_notice`)."""

    result: SearchResult
    live: bool
    """Searched as typed (else at Enter)."""
    finds: NoHitFinds
    """What its notice's hints say it finds typed otherwise (`_show_no_hit_hints`)."""
    notice: Text
    """The notice the list shows of it."""


def date_examples(newest: datetime) -> tuple[str, str, str]:
    """(start, end, end's last day) of the date dialog's examples: the three months up
    to `newest`'s (the home's newest article's). The dialog said 2012-03..2012-06 over
    a home of articles of 2025 (user review), where that range finds nothing."""
    months = newest.year * 12 + newest.month - 1 - 3
    start = f"{months // 12:04d}-{months % 12 + 1:02d}"
    last = calendar.monthrange(newest.year, newest.month)[1]
    return start, f"{newest:%Y-%m}", f"{newest:%Y-%m}-{last:02d}"


class Searching(KeyHolds):
    """The search bar and the hits it lists, as the main screen's."""

    def __init__(self) -> None:
        super().__init__()
        self.search = SearchSession()
        self._empty_search: _EmptySearch | None = None
        """The search the list says found nothing, if it does."""

    @property
    def sort(self) -> SortOrder:
        """The order hits are asked in (`SearchSession.sort`)."""
        return self.search.sort

    @property
    def shown_query(self) -> str | None:
        """The query whose results the list shows (None: not a search), for tests and bench."""
        return self.search.shown_query

    # -- what the commands may ask (tui.commands.ReaderContext) -----------------------

    @property
    def is_searching(self) -> bool:
        return bool(self._query_text())

    @property
    def in_search_bar(self) -> bool:
        return self.focused is self.search_bar.input

    @property
    def no_sort(self) -> str:
        """Why `s` does not sort the list now ('' if it does): the one test of the footer's
        greyed `s`, the palette's "not now" and the action itself. The footer offered
        Sort over related articles, bookmarks and filters alone, and `s` then refused."""
        searching = self.is_searching
        if searching and self.mode == "related":
            # From an article opened from the list (or its cards), Esc goes back to the
            # list: it said "back to the hits" there (review).
            back = self.list_back_to
            if self.pane != "list" or self.in_search_bar:
                back = "the related articles"
            return f"related articles are listed most alike first (Esc: back to {back})"
        if searching and self.mode == "bookmarks":
            return f"bookmarks are no search hits (B again: back to {self.list_back_to})"
        if not searching or self.mode != "search":
            return "no search hits to sort (/ to search first)"
        if not self.article_list.entries:
            return "no search hits to sort"  # (0 hits: it said "sorted by date" over none)
        if not self.search.ranked:
            # after:2012-03 alone: every hit scores alike, so they are newest first
            # whatever is asked (it said "sorted by relevance", and nothing moved).
            return "filters alone list the newest first: add a word to rank by relevance"
        return ""

    @property
    def lists_no_hits(self) -> bool:
        return self.mode == "search" and self.is_searching and not self.article_list.entries

    def _marks_outdated(self) -> bool:
        return self.reader.article is not None and self.search.marks_outdated(self._marks_query())

    # -- the bar -------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _bar_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.status.topic is Topic.NOTHING_TO_RECALL:  # no longer so
            self.status.clear()
        query = event.value.strip()
        if self.search.marks_outdated(MarksQuery(query, live=True)):
            # "match 2/22", "8 matches in this article": of the search before, which
            # they stayed to speak of as another was typed (review). `n` finds the
            # marks of the one typed (`_jump_hit`).
            self._drop_hit_message()
        self._sort_follows(query)
        if query:
            self._set_mode("search")
            if self.pane != "list":  # a narrow screen shows the hits as they come
                self._show_pane("list")
            # A search ↑ brought back was submitted once: its hits as they were then
            # (とうきょうと as typed found 301, as submitted 192); typed on, it is a draft.
            recalled = self.search_bar.input.recall.recalling(event.value)
            self.run_search(self._searched_text(), self.sort, live=not recalled)
        else:
            self.workers.cancel_group(self, "search")
            self._set_mode("all")
            self._list_all()
            # Its marks go, and with them the query they were of: kept, the same search
            # typed again took the article's marks for its own, and choosing it there
            # left it unmarked ("the search matches nothing in this article", review).
            self._drop_marks()  # "match 3/8" of a search no longer there goes too

    def _sort_follows(self, query: str) -> None:
        """The hits sorted by date stay so while the query is refined (typed on, a word
        added or dropped, a filter picked: it keeps a word of the one before), and a new
        search starts by relevance, as every search does: the bar cleared, or a query
        that shares no word with the one before (typed over, recalled with ↑, `*`). The
        date order carried over to unrelated searches, the best hits far down the list,
        with only "by date" in the list's title to tell why (user review)."""
        if self.search.sort_follows(query) and query:
            # (cleared: the next search is a new one, nothing to say yet)
            self.status.say(
                "a new search: hits by relevance (s sorts them by date)",
                still=lambda: self.sort == "relevance" and self.mode == "search",
            )

    def on_query_input_nothing_to_recall(self, event: QueryInput.NothingToRecall) -> None:
        event.stop()
        # And once the bar is left: "no later search (Tab or Enter goes to the hits)"
        # stayed its seconds over the hits Tab had gone to (review).
        self.status.say(
            event.why, topic=Topic.NOTHING_TO_RECALL, still=self.status.until_moved_on()
        )

    @on(Input.Submitted, "#search-input")
    def _bar_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        # Enter pressed in the bar, not a filter picked (`_search_for`) from the list or
        # the reader, which keep the focus (the dialog's screen gone, the main screen's
        # focus is where it was before it).
        from_bar = self.focused is self.search_bar.input
        # A query with no hits as typed keeps the bar too (it found some as written:
        # the hits get the focus when they come), as the list has nothing to move to.
        nothing = self.shown_query == query and not self.article_list.entries
        self.search.bar_kept_for = query if nothing else None
        if query and (nothing or not well_formed(query)):
            # The bar keeps the keys typed next, to correct the query (the list says
            # what is wrong): in the list, Backspace did nothing and the `b` or `u` of a
            # word bookmarked or marked the article under its cursor. (The keys typed
            # after Enter wait for its search, `tui.held_keys`: placed now, the focus
            # shows at once where they will go.)
            self.search_bar.input.to_end()
        else:
            self._focus_pane("list")
        self._enter_searching(self._search_submitted(query, from_bar=from_bar) if query else None)

    def _search_submitted(self, query: str, *, from_bar: bool = False) -> Worker[None]:
        """Search `query` as submitted; `from_bar`: Enter was pressed in the bar, which
        gets the focus back if there are no hits (`_focus_after_enter`)."""
        self._set_mode("search")  # a value unchanged (a filter picked again) posts no Changed
        return self.run_search(query, self.sort, live=False, remember=True, from_bar=from_bar)

    def _query_text(self) -> str:
        return self.search_bar.query_text.strip()

    def _searched_text(self) -> str:
        """The bar's query as a search as typed takes it: with a space after it where one
        was typed after the last word, which ends the word (`時間がかか ` is searched as
        MeCab reads it, and a real 0 is said), where the query stripped counted the
        words its kana may begin until Enter."""
        typed = self.search_bar.query_text
        query = typed.strip()
        return query + " " if query and typed[-1:].isspace() else query

    def _query(self) -> str:
        """The search listed, whose matches an article opens marked with ("" if none)."""
        return self._query_text() if self.mode == "search" else ""

    def _marks_query(self) -> MarksQuery:
        """The search listed, as an article it lists is marked: as typed if it was searched
        so (its last word a prefix). Opened from `プラットフ`'s 147 hits, one had no match
        marked (the query at Enter, an unfinished word, matches nothing)."""
        return MarksQuery(self._query(), self.mode == "search" and self.search.live)

    def _list_rows(self) -> int:
        """The list's height, to fetch a screenful of hits (0: not laid out)."""
        return self.article_list.scrollable_content_region.height

    def _live_limit(self) -> int:
        """Hits fetched per keystroke: a screenful and one more (`live_limit`)."""
        return live_limit(self._list_rows())

    # -- the search and its answer -------------------------------------------------------

    @work(exclusive=True, group="search", exit_on_error=False)
    async def run_search(
        self,
        query: str,
        sort: SortOrder,
        live: bool = True,
        limit: int | None = None,
        *,
        remember: bool = False,
        from_top: bool = False,
        from_bar: bool = False,
    ) -> None:
        """Search as typed (`live`: the last word is a prefix, a screenful of hits) or as
        submitted; `limit` hits instead, to list more of the same query. `from_top`: the
        cursor starts at the first hit (a new order) rather than staying on its article.
        `remember`: submitted (kept for ↑, the focus placed once it answers), by Enter in
        the bar if `from_bar`."""
        try:
            await self._search_and_show(
                query, sort, live, limit, remember=remember, from_top=from_top, from_bar=from_bar
            )
        finally:
            # Shown, failed or replaced: the keys typed after Enter act, if it was Enter's.
            self._enter_search_ended(get_current_worker())

    async def _search_and_show(
        self,
        query: str,
        sort: SortOrder,
        live: bool,
        limit: int | None,
        *,
        remember: bool,
        from_top: bool,
        from_bar: bool,
    ) -> None:
        """`run_search`'s work."""
        library = self.library
        if library is None:
            if self.rebuilding and self._query_text() == query and self.mode == "search":
                # Nothing changed in the list: the index error it showed stood under
                # the query, as if the query had met it.
                self.search_bar.show_count("…")
                self.article_list.show_notice(notices.no_hits_while_rebuilding(query))
                self.article_list.set_title("Hits")
                self.search.shown_query = None
            return
        from_top = self.search.starts_from_top(live, limit, from_top)
        if limit is None:
            limit = self.search.first_page(live, self._list_rows())
        try:
            result = await self._on_index_thread(
                "search",
                lambda: library.search(query, live=live, sort=sort, limit=limit),
            )
        except (QueryError, LibraryError) as error:
            if self._query_text() == query.strip() and self.mode == "search":  # still asked
                if self.status.topic is Topic.IGNORED_WORDS:  # of the query before
                    self.status.clear()
                if isinstance(error, QueryIncomplete):  # typing on, not a mistake
                    self.search_bar.show_count("…")
                    self.article_list.show_notice(notices.query_incomplete(str(error)))
                elif isinstance(error, QueryError):
                    self.search_bar.show_error("query error")
                    self.article_list.show_notice(notices.query_error(str(error)))
                    if remember and self.focused is self.article_list:
                        # Enter went to the hits: the query read well, but only the
                        # index could tell it has nothing to search for (のに, particles
                        # no word is read as). Back to the bar, to mend it.
                        self._back_to_bar()
                else:
                    self.search_bar.show_error("index error")
                    from index.locations import typed_command

                    repair = typed_command(self.setup.where, "yomite verify --repair")
                    self.article_list.show_notice(notices.index_error(str(error), repair=repair))
                self.article_list.set_title("Hits")
                self.search.shown_query = None
            return
        if isinstance(result, Unanswered):
            return
        if remember:
            # Kept once it searched: a malformed query is not recalled.
            self.state.add_search(query)
            self.search_bar.set_history(self.state.search_history())
        self._show_search(result, live, from_top=from_top)
        if remember:
            self._focus_after_enter(query, bool(result.hits), from_bar=from_bar)
            # The hits listed, the focus placed: the keys typed after Enter need not
            # wait for the hints of a search that found nothing (~100 ms over ldcc).
            self._enter_search_ended(get_current_worker())
        if not result.total and self._lists_no_hits_of(result.query, live):
            await self._show_no_hit_hints(result, live)

    def _lists_no_hits_of(self, query: str, live: bool) -> bool:
        """Whether the list shows "No article matches" for `query` searched so (`live`),
        still typed."""
        return (
            self.mode == "search"
            and self._query_text() == query.strip()
            and self.search.shown_query == query.strip()
            and self.search.live == live
            and not self.article_list.entries
            and not self.holds_no_articles
        )

    async def _show_no_hit_hints(self, result: SearchResult, live: bool) -> None:
        """The hints of a search that found nothing that need the index searched again
        (its words apart, as read, as typed, its romaji in kana: `NoHitFinds`), added to
        the empty list once they are known. Asked after the list and the count are shown:
        at Enter, 日本人がお's "as typed, … finds 6" took ~100 ms over ldcc, and the
        search's 0 waited for it."""
        library = self.library
        finds: NoHitFinds | Unanswered | None = NoHitFinds(readings=())
        if library is not None:
            # Stopped between its searches once a newer search is asked (a key typed):
            # that one waited behind them all on the index thread (review: ~100 ms cold).
            stale = self._newest("search")
            try:
                finds = await self._on_index_thread(
                    "search",
                    lambda: library.no_hit_finds(result.query, live=live, stale=stale),
                    stale=stale,
                )
            except (QueryError, LibraryError):
                finds = NoHitFinds(readings=())  # the hints the query alone gives
        if finds is None or isinstance(finds, Unanswered):
            return  # a newer search asked: it says its own
        if self._lists_no_hits_of(result.query, live):
            notice = self._no_hits_notice(result, finds)
            self._empty_search = _EmptySearch(result, live, finds, notice)
            self.article_list.show_notice(notice)

    def _held_notice(self) -> Text | None:
        """The notice of a search that found nothing, if the list shows it now: kept in
        place while the next search that finds nothing has its hints searched (shown
        without them first, each keystroke blinked their lines out and back: review)."""
        shown = self._empty_search
        if (
            shown is None
            or self.article_list.entries
            or self.holds_no_articles
            or self.article_list.notice != shown.notice.plain
        ):
            return None
        return shown.notice

    def _empty_search_follows_update(self) -> None:
        """An update began or ended: the list of a search that found nothing says
        whether one is reading the files. Searched as a new home's first build began, it
        said "No articles yet … Put text files there" under `indexing 113/842 files…`
        until the index was written (review)."""
        shown = self._empty_search
        if shown is None or self.mode != "search" or self.article_list.entries:
            return
        if self.search.shown_query == shown.result.query.strip() and self.search.live == shown.live:
            notice = self._search_notice(shown.result, shown.finds)
            self._empty_search = replace(shown, notice=notice)
            self.article_list.show_notice(notice)

    def _focus_after_enter(self, query: str, found: bool, *, from_bar: bool) -> None:
        """Where the focus goes once Enter's search answers: to the hits, or, if there
        are none and Enter was pressed in the bar (`from_bar`), back to it, to mend the
        query. The list had the focus with nothing to move through, and the Backspace or
        the letters typed next went to it. A date or a filter picked from the list with
        no hits leaves the focus there: the `d` pressed next to change the range was
        typed into the query (映画 after:2012-12-25 before:2013-01-06d, review)."""
        kept = self.search.kept_bar(query)
        if self._query_text() != query or self.mode != "search":
            return  # typed on, or left meanwhile: the answer is to another question
        if found and kept and self.focused is self.search_bar.input:
            self._focus_pane("list")
        elif not found and from_bar and self.focused is self.article_list:
            self._back_to_bar()

    def _back_to_bar(self) -> None:
        """The focus to the search bar, its cursor at the query's end."""
        self.set_focus(self.search_bar.input)
        # After the focus, which selects the query (to be typed over)
        self.call_after_refresh(self.search_bar.input.to_end)

    def _show_search(self, result: SearchResult, live: bool, *, from_top: bool = False) -> None:
        query = result.query.strip()  # (searched with a space after it, as typed)
        if self._query_text() != query or self.mode != "search":
            return  # an answer to a query the user has changed, or left for bookmarks
        entries = [Entry(hit.article, hit) for hit in result.hits]
        count = hit_count(result)
        keep = self.search.keeps_cursor(query, from_top)
        # Back from related articles: the cursor on the one they were about, placed as the
        # list is shown. Kept on the related one first, far down the hits, the list
        # scrolled to it, near its end, and listed a page more.
        article_id = self.search.cursor_article(query)
        if article_id is not None:
            listed = [entry.summary.id for entry in entries]
            if limit := self.search.page_to_find(query, article_id, listed, result.total):
                # Listed once they come, so that the list does not show the first
                # page only to scroll away from it.
                self.call_later(self.run_search, result.query, self.sort, live, limit=limit)
                return
        notice = None
        if not entries:
            # What the query says alone; `_show_no_hit_hints` adds what it finds typed
            # otherwise. The notice of a search before that found nothing stays until then.
            notice = self._search_notice(result, NoHitFinds(readings=()))
            if result.total == 0 and notice.plain.startswith(notices.NO_HITS):
                notice = self._held_notice() or notice
        self._show_entries(
            entries, hits_titles(result, len(entries), live), notice, keep=keep, on=article_id
        )
        self._empty_search = (
            None if notice is None else _EmptySearch(result, live, NoHitFinds(readings=()), notice)
        )
        if self.search.goes_to_bottom(query):
            self._landed_at_bottom(query, len(entries), result.total)
        self.search.showing(result, live, len(entries))
        if not entries:
            self._drop_marks()
        self._refresh_footer()  # `s` sorts the hits of words, not of filters alone (`no_sort`)
        # The bar's count is painted a frame after the list: the bar spans the screen, and
        # an update holding both re-renders every pane beside the list as well.
        noun = plural(result.total, "hit")
        self.call_after_refresh(self._show_count, query, f"{count} {noun}")
        if result.ignored:
            # (Not imported at start: the reader's first screen needs no query parser. By
            # now the search, on the index thread, has imported it.)
            from index.query import ignored_notice

            # Said on each answer, as typed too: what is searched is not all that was typed
            self.status.say(
                ignored_notice(result.ignored),
                topic=Topic.IGNORED_WORDS,
                still=lambda: self.mode == "search" and self._query_text() == query,
            )
        elif few := [] if live else few_hit_hints(query, result.total):
            # After Enter: 東京 or 大阪 listed 2 hits with no word of why (東京 OR 大阪
            # 1,233), which `yomite search` says (its hints; none while typing: `or`
            # may be the start of another word)
            self.status.say(
                (few[0].text, *few[0].shorter),
                topic=Topic.FEW_HITS,
                still=lambda: self.mode == "search" and self._query_text() == query,
            )
        elif self.status.topic in (Topic.IGNORED_WORDS, Topic.FEW_HITS):
            self.status.clear()

    def _search_notice(self, result: SearchResult, finds: NoHitFinds) -> Text:
        """What the list says of `result`, which found nothing: in a home with no
        articles, none coming, that there are none (not "No article matches", with words
        to try; while an update reads the files, that one says more may); else that none
        matches, with the hints of `finds`."""
        indexing = self.indexing
        if self.holds_no_articles:
            if not (indexing or self._updating() or self.index_busy):
                return notices.no_articles(self.setup.corpus, self.setup.where)
            indexing = not self.index_busy  # its first articles, being read (not said yet)
        return self._no_hits_notice(result, finds, indexing=indexing)

    def _no_hits_notice(
        self, result: SearchResult, finds: NoHitFinds, *, indexing: bool | None = None
    ) -> Text:
        """The empty list's notice for `result`, with the hints of `finds`; `indexing`:
        whether more may come from an update reading the files (the status line's)."""
        return notices.no_hits(
            result.query,
            self.indexing if indexing is None else indexing,
            busy=self.index_busy,
            ignored=result.ignored,
            finds=finds,
        )

    def _landed_at_bottom(self, query: str, listed: int, total: int) -> None:
        """The hits `G` asked for listed: the cursor on the last, and, if there are more,
        how many and how to list them. Landing there listed the next page besides (the
        last row fetches more), and the cursor was 50 rows short of the end (user
        review: 1,050 of 東京's 1,111 hits listed, the cursor on the 1,000th)."""
        self.article_list.place_last()
        if listed >= total:
            return
        more = min(BOTTOM_HITS, total - listed)
        which = "the next" if more == BOTTOM_HITS else "the last"
        self.status.say(
            (
                f"{listed:,} of {total:,} hits listed, {BOTTOM_HITS:,} at a time: "
                f"G again lists {which} {more:,}",
                f"{listed:,} of {total:,} hits listed: G again lists {which} {more:,}",
            ),
            still=lambda: (
                self.mode == "search"
                and self._query_text() == query
                and len(self.article_list.entries) == listed
            ),
        )

    def _show_count(self, query: str, text: str) -> None:
        if self.search.count_current(query, self._query_text()):
            self.search_bar.show_count(text)

    def _fill_taller_list(self) -> None:
        """Hits as typed are a screenful: a taller list (the terminal grown) gets as
        many more as it has room for; it kept the first few, half the pane empty."""
        if self.mode != "search":
            return
        typed, listed = self._query_text(), len(self.article_list.entries)
        limit = self.search.taller_page(typed, listed, self._list_rows())
        if limit is not None:
            self.run_search(self._searched_text(), self.sort, True, limit=limit)

    def _search_set_aside(self, back: str) -> None:
        """The bar's count, while bookmarks or related articles are listed under the
        search typed: it said "2 hits" over a list of one bookmark."""
        if self.is_searching:
            self.search_bar.show_count(f"search kept ({back}: back)")

    def _drop_marks(self) -> None:
        """The open article's marks dropped: they are of a search no longer listed (one
        with no hits: `n` went on through the article of the search before, "match 1/14",
        though it is no hit). The next search with hits marks it anew (`n`)."""
        self.workers.cancel_group(self, "mark")
        self.search.marked = MarksQuery()
        if self.reader.clear_hits():
            self.cards.show_hits([])
        self._drop_hit_message()

    def _drop_hit_message(self) -> None:
        """Clear the status line if it speaks of an article's hits ("match 2/8")."""
        if self.status.topic is Topic.ARTICLE_HITS:
            self.status.clear()

    # -- actions (named in tui.commands) -----------------------------------------------

    def action_focus_search(self) -> None:
        search = self.search_bar.input
        if self.focused is search:
            # A priority key: `/` typed in the query itself. Queued behind the keys the
            # bar has yet to take (a burst: fast typing, a paste without bracketed
            # paste), not inserted ahead of them: AC/DC came out as ACDC.
            search.post_message(Key("slash", "/"))
        else:
            self._focus_bar()

    def _focus_bar(self) -> None:
        """The bar focused for what is typed next (`/`, or a kana typed outside it): a
        query typed is selected whole, to be typed over; one a filter dialog wrote, and
        ending with its filter (`outlet:"Peachy"`, `恋愛 after:2012-03`), not: the cursor
        goes after it and a space, and what is typed narrows its hits. `f` Peachy then
        `/` 恋愛 searched 恋愛 across every outlet, the filter just picked typed over
        (review). The space is not searched for (no search runs until a key is typed)."""
        search = self.search_bar.input
        typed = search.value
        if (
            typed.strip()
            and typed.rstrip() == self.search.picked_query
            and without_last_filter(typed) is not None
        ):
            if not typed[-1].isspace():
                with search.prevent(Input.Changed):
                    search.value = typed + " "
            search.keep_cursor_on_focus()
        self.set_focus(search)

    def search_typed_text(self, key: Key) -> bool:
        """Text typed outside the search bar that no key is bound to (kana, kanji,
        full-width characters, as an input method commits them) goes to the bar: it did
        nothing, and a user typing 東京 over the list had to press `/` first. Focused
        here, as `/` focuses it, the key and those after it are the bar's, typed over
        the query there as after `/`. ASCII is left to its keys (j, k, s, B…).

        In the article and the Sources pane too: no key there takes such a character,
        and a reader who types a kanji wants to find it (the article stays open).

        Called by the app for each key before it forwards the key to the focused
        widget (`YomiteApp.on_event`), as a priority key is handled: the characters of
        one commit arrive in one read, and the screen's `on_key` sees a key only once
        the widget it was forwarded to has passed it on, after the app has forwarded
        the next ones to the list, where they were lost or came in out of order.

        Backspace over a search's hits goes to the bar too, and deletes the query's last
        character, or its last filter (`_backspace_to_bar`). True when the key has acted
        here, not to be sent on to the bar."""
        if key.key == "backspace":
            return self._backspace_to_bar()
        character = key.character
        if not key.is_printable or character is None or character.isascii():
            return False
        if character == "\ufffd" or unicodedata.category(character) in _NO_TEXT:
            # A byte the terminal sent that is no UTF-8 (tui.terminal_input: Alt+j as
            # 0xFF j) typed "\ufffdj" over the query, and its `j` was lost.
            return False
        search = self.search_bar.input
        if self.focused is search:
            return False
        bound = self.active_bindings
        if any(alias in bound for alias in key.aliases):
            return False
        self._focus_bar()
        return False

    def _backspace_to_bar(self) -> bool:
        """Backspace in the list of a search's hits: to the bar, its cursor after the
        query, where the key, sent on to the bar, deletes the query's last character, and
        what is typed next goes after what is left. It did nothing in the list, typed
        right after Enter (held for the hits: `tui.held_keys`) or later (user review),
        where a kana typed starts a new search. Over every article, bookmarks or related
        articles, there is no query to edit: the key is the list's.

        White space after the query goes first, and the key deletes the character before
        it, what the user sees go: `とうきょう ` Enter ⌫ deleted the space, the bar looked
        unchanged, and the list went from Enter's hits to those as typed (review).

        A date or facet filter ending the query goes whole, with the space before it
        (`without_last_filter`), the key taken here (True): after `d`, `after:2025-02
        before:2025-03` became `before:2025-0`, read as typed as before:2025 (what is
        typed of a date so far), 0 hits with after:2025-02, and Enter said "bad date"
        (review). Half a filter is none that was asked for; the list shows the hits of
        what is left, as Enter finds them."""
        search = self.search_bar.input
        if self.focused is not self.article_list or not self._query():
            return False
        typed = search.value
        left = without_last_filter(typed)
        if left is not None:
            search.value = left  # (its Changed searches what is left)
        elif typed != typed.rstrip():
            # (No search of it: the key's own change searches what is left.)
            with search.prevent(Input.Changed):
                search.value = typed.rstrip()
        search.keep_cursor_on_focus()
        self.set_focus(search)
        return left is not None

    def search_pasted_text(self, paste: Paste) -> None:
        """Text pasted outside the search bar goes there, as text typed does
        (`search_typed_text`): a paste is never a command, so ASCII too. The list and the
        article took no paste, and a word pasted over them did nothing. Called by the app
        before it forwards the paste to the focused widget, the bar once focused here."""
        if paste.text.strip() and self.focused is not self.search_bar.input:
            self.set_focus(self.search_bar.input)

    def types_in_bar(self, event: Key | Paste) -> bool:
        """Whether `event`, about to go to the focused widget, types text into the
        search bar: a character, or a paste. The app counts it as an action
        (`YomiteApp.actions_run`), as the bar's Backspace is: the search it types lists
        other hits, which moves the reader on (`StatusLine.until_moved_on`). The update's
        "index up to date: 1 added, …", come while the bar had the focus, stayed its
        seconds over the hits of the query typed on, where a Backspace cleared it at
        once (review)."""
        if self.focused is not self.search_bar.input:
            return False
        if isinstance(event, Paste):
            return bool(event.text)
        return typed_character(event) is not None

    def action_clear_search(self) -> None:
        """The query cleared, every article listed; from the list or an article, the
        focus goes to the list. In the bar, the bar keeps it (`_clear_in_bar`)."""
        search = self.search_bar.input
        if self.focused is search:
            # A priority key, as `/`: queued behind the keys the bar has yet to take,
            # ahead of those typed after it (東京 ctrl+l 大阪 in one read).
            search.call_later(self._clear_in_bar)
            return
        search.value = ""
        self._focus_pane("list")

    def _clear_in_bar(self) -> None:
        """ctrl+l in the bar: the query cleared, the bar keeping the focus for the next
        one (it went to the list, and the query typed next was lost: review); an empty
        bar is left for the list (kept, the next `/` typed a slash)."""
        search = self.search_bar.input
        if search.value:
            search.value = ""
        else:
            self._focus_pane("list")

    def action_toggle_sort(self) -> None:
        # (The key and the palette say why first: `s` is greyed then, `no_sort`.)
        if why := self.no_sort:
            self.status.say(f"Sort: {why}", still=lambda: self.no_sort == why)
            return
        sort = self.search.toggle_sort()
        # Until a new search puts the hits back in relevance order (`_sort_follows`), or
        # another list replaces them: it stayed over the related articles and the
        # bookmarks, as if they were sorted so (review).
        self.status.say(
            f"search results sorted by {sort}",
            still=lambda: self.sort == sort and self.mode == "search",
        )
        # From the list, from the first hit: kept on the article it was on, the list hid
        # the newest hits above it, as if nothing newer had matched. While reading, on
        # the article read: `]` opened the hit after the first (the cursor's) instead of
        # the one after the article, and Esc showed the list away from it (user review).
        # Not an article that is no hit listed (opened before the search): the hits were
        # all fetched looking for it, the list left in their middle (review).
        reading = self.open_id if self.pane != "list" else None
        if reading is not None and self.article_list.index_of(reading) is None:
            reading = None
        if reading is not None:
            self.search.cursor_to = (self._query_text(), reading)
        self.run_search(
            self._searched_text(), self.sort, self.search.live, from_top=reading is None
        )

    @work(exclusive=True, group="facets", exit_on_error=False)
    async def action_pick_facet(self, name: str) -> None:
        """Counted on the index thread (~9,000 people in the livedoor corpus), as the
        pick will search: the query in the bar as submitted (whole words), without the
        filter of this kind it may hold (the one picked takes its place); every article
        without a query, or from the bookmarks or related articles (the pick starts a
        new search)."""
        library = self.library
        if library is None:
            return
        typed = self._query_text() if self.mode == "search" else ""
        base = without_facet(typed, name)
        try:
            found = await self._on_index_thread(
                "facets",
                lambda: library.facets_within(name, base) if base else (None, library.facets(name)),
            )
        except QueryError as error:
            # A warning, but of this query: it stayed its 20 s once Esc had cleared it.
            self.status.say(
                f"fix the query first ({error}), or clear it (ctrl+l), to pick a filter",
                StatusKind.WARNING,
                still=lambda: self._query_text() == typed,
            )
            return
        if isinstance(found, Unanswered):
            return
        total, values = found
        if not values:
            where = "these hits" if total is not None else "the index"
            # Of these hits, while they are listed: it stayed its 20 s over the related
            # articles and every article listed after them (review).
            of_hits = total is not None
            self.status.say(
                f"no {name} values in {where}",
                StatusKind.WARNING,
                still=lambda: (
                    not of_hits or (self.mode == "search" and self._query_text() == typed)
                ),
            )
            return
        title = _FACET_TITLES.get(name, name)
        if total is not None:
            title += f" · among {counted(total, 'hit')} of {base}"

        def chosen(value: str | None) -> None:
            if value:
                self._search_for(f"{base} {quote_facet(name, value)}")

        from tui.dialogs import FacetPicker  # (see MainScreen.action_help)

        names = name not in ("outlet", "site")
        self.app.push_screen(FacetPicker(title, values, names=names), chosen)

    def action_filter_date(self) -> None:
        """Ask for a date range, shown filled in with the query's own; it replaces the
        query's dates (empty: no date filter). Date filters no range stands for (left out,
        joined by OR) are said so, not shown: a range typed replaces them, and Enter on
        nothing typed leaves the query as it is (it wrote -after:2012 as after:2012)."""
        query = self.search_bar.query_text
        shown = date_range_of(query)
        unshown = unshown_dates(query)

        def chosen(value: str | None) -> None:
            if value is None or (shown is None and not value):  # Escape: as it was
                return
            self._search_for(f"{without_dates(query)} {date_clause(value)}")

        start, end, last_day = date_examples(self.newest_date or datetime.now())
        forms = (
            "A date (YYYY-MM-DD, YYYY-MM or YYYY, - or /; 2012年3月5日), or from..to, both "
            f"included, either side optional: {start} · {start}..{end} · {start}.. · "
            f"..{last_day}"
        )
        if unshown is None:
            help_text = f"{forms} · empty: no date filter"
        else:
            help_text = (
                f"{unshown} {forms}: typed, it replaces the query's date filters; empty: "
                "the query as it is"
            )
        from tui.dialogs import TextPrompt  # (see MainScreen.action_help)

        self.app.push_screen(
            TextPrompt(
                "Filter by date",
                help_text,
                placeholder=f"{start}..{end}",
                value=shown or "",
                check=date_range_error,
            ),
            chosen,
        )

    def _search_for(self, query: str) -> None:
        """Search for `query` as Enter would: the hits get the focus, so the next key is
        a command, not more query (`d` typed into it); an empty query lists every article."""
        search = self.search_bar.input
        search.value = query.strip()
        search.cursor_position = len(search.value)
        self.search.picked_query = search.value
        if search.value:
            # After the Changed the new value posted: a submitted search replaces the live one.
            search.post_message(Input.Submitted(search, search.value))
        else:
            self._focus_pane("list")
