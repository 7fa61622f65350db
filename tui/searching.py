"""The search's state, in one object: what the search keeps between keystrokes and
answers (the order chosen, the query listed, how many hits it has and were asked for,
which query's matches the open article is marked with), and the decisions made on it
that need no widget: whether a query refines the one before, how many hits to ask
for, whether the hits listed are to be searched again, which page to ask for next.
Plain methods, tested without an app (tests/test_search_session.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from index.errors import QueryError
from index.model import SearchResult
from index.syntax import lex

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
"""Hits listed by `G` (each costs a snippet): the bottom of a longer list is this far."""

PageAsk = tuple[str, SortOrder, bool, int]
"""A search asked for more hits: query, sort, live (as typed), limit."""


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
    marked_query: str = ""
    """The query the open article's marks are of (`n`/`N` go through them)."""
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
        asked = (self.shown_query, self.sort, self.live, shown + page)
        if asked == self.page_asked:
            return None
        self.page_asked = asked
        return asked

    def bottom_page(self, shown: int) -> PageAsk | None:
        """`G`: the search for the hits down to the last (up to `BOTTOM_HITS`), the list
        to go to it when they come; None if the hits listed go as far."""
        if not self.shown_query or shown >= self.total:
            return None
        limit = min(self.total, max(BOTTOM_HITS, shown))
        if shown >= limit:
            return None
        self.bottom_pending = self.shown_query
        return self.shown_query, self.sort, self.live, limit

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
        self.shown_query = result.query
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

    def count_current(self, query: str, typed: str) -> bool:
        """Whether the bar's count of `query`'s hits still applies: not cleared or
        replaced in the meantime, nor typed on (an error may show)."""
        return self.shown_query == query and typed == query.strip()

    def kept_bar(self, query: str) -> bool:
        """Whether Enter left the focus in the bar for `query` (once: taken back)."""
        kept, self.bar_kept_for = self.bar_kept_for == query, None
        return kept

    # -- the open article's marks ------------------------------------------------------

    def marks_outdated(self, query: str) -> bool:
        """Whether the search `query` (the one listed, "" if none) was made since the open
        article was marked: `n` finds its matches first."""
        return bool(query) and query != self.marked_query
