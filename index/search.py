"""The query side: a query's ranked page of hits, and paging on through it.

The documents a query matches are found and scored by `index.matching`; a page's hits
are drawn here from their stored fields, with their snippets and match ranges from the
postings (`index.snippets`; the words spelling a hiragana reading are learnt by reading
the page's hits again, `index.reanalysis`). The recent pages of each open reader are
kept, for backspacing and for a longer page of the same query. A query that found
nothing is searched again typed otherwise for the hints, when asked (`no_hit_finds`,
`index.hint_searches`): the reader asks once its empty list is shown.

Elsewhere: related articles, `index.related`; the reader's match ranges in an open
article, `index.reanalysis`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from functools import partial
from typing import Any, Literal

from index.errors import QueryError
from index.hint_searches import (
    apart_count,
    finished_filters,
    found_apart,
    found_as_typed,
    found_without_exclusions,
    found_without_stray,
    readings_finding,
    romaji_finding,
)
from index.matching import NO_DATE, find_matches
from index.model import Hit, NoHitFinds, SearchResult
from index.query import parse
from index.reader_cache import ReaderCache
from index.reanalysis import (
    READING_BUDGET,
    READING_BUDGET_LIVE,
    reading_highlights,
    searched_readings,
)
from index.scoring import by_relevance
from index.snippets import SNIPPET_FIELDS, document_ranges, page_spans, snippet
from index.summaries import summary_from_stored

__all__ = ["no_hit_finds", "search"]


def search(
    searcher: Any,
    query: str,
    *,
    live: bool = False,
    limit: int = 50,
    sort: Literal["relevance", "date"] = "relevance",
) -> SearchResult:
    """Ranked hits for `query` (raises QueryError when it is malformed).

    `live=True` is the as-you-type mode: the last word, if nothing follows it,
    is matched as a prefix as well as a whole word.
    """
    reader = searcher.reader()
    key = (query, live, limit, sort)
    result = _recent_results.get(reader, key)
    if result is None:
        result = _search(searcher, query, live=live, limit=limit, sort=sort)
        _recent_results.put(reader, key, result)
    return result


# Backspacing and retyping ask for pages just shown: the last results of each open
# reader are kept (a new commit opens a new reader, so nothing stale is served).
RECENT_RESULTS = 64
_recent_results: ReaderCache[tuple[str, bool, int, str], SearchResult] = ReaderCache(
    lambda: RECENT_RESULTS
)

# A longer page of the same query (the list scrolled near its end, `G`) keeps the hits
# drawn for the shorter one: only the new hits cost their stored fields, match ranges
# and snippet (~0.3 ms each over ldcc), so the reader can list a first screenful fast
# and page on. Kept for a few queries per open reader, up to their longest page.
HIT_QUERIES = 8
_drawn_hits: ReaderCache[tuple[str, bool, str], dict[int, Hit]] = ReaderCache(lambda: HIT_QUERIES)

# The stored fields of the hits drawn lately, kept per open reader: as a word is typed,
# its pages hold much the same hits, and each one's stored fields were unzipped,
# unpickled and read again on every page (~60 µs a hit over ldcc, 20 a page; a page
# whose words are learnt from readings is drawn whole each time). Bounded by their
# texts' characters (~4,000 an ldcc article); shared, never changed.
STORED_CHARS = 2_000_000
_stored: ReaderCache[int, dict[str, Any]] = ReaderCache(lambda: STORED_CHARS)


def _stored_fields(searcher: Any, docnum: int) -> dict[str, Any]:
    """`searcher.stored_fields(docnum)`, kept for the next pages (`_stored`)."""
    reader = searcher.reader()
    stored: dict[str, Any] | None = _stored.get(reader, docnum)
    if stored is None:
        stored = searcher.stored_fields(docnum)
        size = sum(len(value) for value in stored.values() if isinstance(value, str))
        stored = _stored.put(reader, docnum, stored, size)
    return stored


def _search(
    searcher: Any,
    query: str,
    *,
    live: bool,
    limit: int,
    sort: Literal["relevance", "date"],
) -> SearchResult:
    parsed = parse(query, live=live)
    compiled, matches = find_matches(searcher, parsed)
    ranked = any(parsed.positive_words())
    if sort == "relevance" and not ranked:
        sort = "date"  # filters only: every hit scores alike, and the newest come first
    if sort == "date":
        page = _newest_first(searcher, matches, limit)
    else:
        page = heapq.nsmallest(limit, matches, key=by_relevance)
    readings = searched_readings(parsed) + compiled.reading_variants
    # Words learnt from readings are looked for in every hit of the page: a hit's marks
    # depend on the others', so those pages are drawn whole each time.
    drawn: dict[int, Hit] = {}
    if not readings:  # the hits of the query drawn for this reader so far, by docnum
        drawn = _drawn_hits.get_or_make(searcher.reader(), (query, live, sort), dict)
    stored_page = {
        docnum: _stored_fields(searcher, docnum) for docnum, _ in page if docnum not in drawn
    }
    highlights = compiled.highlights
    skipped: list[int] = []
    budget = READING_BUDGET_LIVE if live else READING_BUDGET
    if readings:
        learnt, skipped = reading_highlights(
            stored_page, readings, budget=budget, searcher=searcher, shown=compiled.highlights
        )
        highlights = highlights + learnt
    found = page_spans(searcher, highlights, stored_page)
    # A hit skipped for a learnt word in its text that is no term there (inside a longer word)
    unmarked = {
        d: stored_page[d] for d in skipped if not any(f in found[d] for f in SNIPPET_FIELDS)
    }
    if unmarked:
        more, _ = reading_highlights(
            unmarked,
            readings,
            every=True,
            budget=budget,
            searcher=searcher,
            shown=compiled.highlights,
        )
        for docnum, by_field in page_spans(searcher, more, unmarked).items():
            for fieldname, ranges in by_field.items():
                found[docnum][fieldname].extend(ranges)
    every = len(matches) >= searcher.doc_count()
    hits = []
    for docnum, score in page:
        hit = drawn.get(docnum)
        if hit is None:
            stored = stored_page[docnum]
            by_field = found.get(docnum, {})
            hit = Hit(
                article=summary_from_stored(stored),
                score=score,
                snippet=snippet(stored, by_field),
                matches=tuple(document_ranges(stored, by_field)),
            )
            if not readings:
                drawn[docnum] = hit
        hits.append(hit)
    return SearchResult(
        query,
        len(matches),
        tuple(hits),
        # every article matched: no more can (a home of 2 said こ finds "2 or more")
        exact_total=not compiled.capped or every,
        total_at_least=compiled.at_least and not every,
        sort=sort,
        ranked=ranked,
        ignored=parsed.ignored,
    )


def no_hit_finds(
    searcher: Any, query: str, *, live: bool = False, stale: Callable[[], bool] | None = None
) -> NoHitFinds | None:
    """What `query`, which found nothing (searched as `search` searches it), finds typed
    otherwise, for the hints: its words apart, as read, its last word as typed (at Enter
    only), its romaji in kana, itself without a stray letter (名古屋駅j). Asked apart
    from the search, which they held back: over ldcc, 日本人がお at Enter found nothing
    in ~5 ms, and its last word as typed took ~100 ms more before the list could say so.
    Kept per reader as the results are.

    `stale`: asked between the searches, the caller's word that the answer is no longer
    wanted (typed on: the next keystroke's search waited behind them all); None then,
    and only then."""
    reader = searcher.reader()
    key = (query, live)
    finds = _recent_finds.get(reader, key)
    if finds is not None:
        return finds
    try:
        parsed = parse(query, live=live)
    except QueryError:
        return NoHitFinds()
    searches: list[Callable[[], Any]] = [
        partial(found_apart, searcher, parsed),
        partial(readings_finding, searcher, parsed),
        partial(romaji_finding, searcher, parsed),
        partial(found_without_stray, searcher, query),
        partial(found_without_exclusions, searcher, query, live=live),
        partial(finished_filters, searcher, query),
        # the dearest last (~90 ms cold over ldcc: the query searched again as typed)
        (lambda: None) if live else partial(found_as_typed, searcher, query),
    ]
    found: list[Any] = []
    for step in searches:
        if stale is not None and stale():
            return None
        found.append(step())
    apart, readings, romaji, stray, left_out, finished, unfinished = found
    # Which of the two the hints give first, or only (世界でもの: 世界 もの finds 867 over
    # ldcc, 世界でもの… as typed 1): one search more, where both are found
    apart_total = apart_count(searcher, apart) if apart and unfinished is not None else 0
    finds = NoHitFinds(
        apart=apart,
        apart_total=apart_total,
        readings=readings,
        unfinished=unfinished,
        romaji=romaji,
        stray=stray,
        left_out=left_out,
        finished=finished,
    )
    return _recent_finds.put(reader, key, finds)


_recent_finds: ReaderCache[tuple[str, bool], NoHitFinds] = ReaderCache(lambda: HIT_QUERIES)


def _newest_first(
    searcher: Any, matches: list[tuple[int, float]], limit: int
) -> list[tuple[int, float]]:
    """The first `limit` by date, newest first, undated articles last; relevance breaks ties."""
    reader = searcher.reader()
    if not reader.has_column("published"):
        return heapq.nsmallest(limit, matches, key=by_relevance)
    column = reader.column_reader("published", translate=False)

    def when(item: tuple[int, float]) -> tuple[int, float, int]:
        value = column[item[0]]
        return (-1 if value is None or value == NO_DATE else int(value), item[1], -item[0])

    return heapq.nlargest(limit, matches, key=when)
