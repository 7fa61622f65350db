"""The query side: search, related articles, match ranges, summaries from stored fields.

Snippets and match ranges come from the postings (the content fields record
character offsets), not from re-tokenizing each hit: the span query of every
positive word is run once per index segment over the page's hits in document
order. `layout` (see index.schema) maps field offsets onto the document text.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from whoosh import query as wq
from whoosh.util.times import datetime_to_long

from index.analysis import fold_kana, morphemes
from index.model import ArticleFormat, ArticleSummary, Hit, SearchResult, Snippet
from index.query import DateRange, QueryError, Words, compile_query, parse
from index.schema import layout_of

__all__ = [
    "QueryError",
    "match_ranges",
    "related",
    "search",
    "summary_from_stored",
]

SNIPPET_CHARS = 100
SNIPPET_LEAD_IN = 24
# Fields a snippet is taken from, in order of preference (the title is shown anyway).
SNIPPET_FIELDS = ("lead", "key_points", "body", "cards")

Ranges = list[tuple[int, int]]


def summary_from_stored(stored: Mapping[str, Any]) -> ArticleSummary:
    """The article list's view of one indexed article, without re-parsing its file."""
    published = stored.get("published")
    return ArticleSummary(
        id=str(stored["id"]),
        path=str(stored["path"]),
        title=str(stored.get("title") or ""),
        published=published if isinstance(published, datetime) else None,
        site=_listing(stored.get("site")),
        outlet=_listing(stored.get("outlet")),
        format=ArticleFormat(stored.get("format") or ArticleFormat.TEXT.value),
    )


def _listing(value: object) -> str | None:
    """A comma-joined facet value as the reader shows it."""
    if not value:
        return None
    return ", ".join(str(value).split(","))


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
    parsed = parse(query, live=live)
    compiled = compile_query(parsed, searcher.reader())
    # limit=None scores every match in one pass, which also counts them; with a
    # limit Whoosh skips blocks and len() runs the query again, and its
    # optimize=False path misses documents when span queries sit under a union
    # (日本代表: 183 of 293).
    results = searcher.search(compiled.query, limit=None)
    ranked: list[tuple[int, float]] = [(docnum, float(score)) for docnum, score in results.items()]
    if compiled.published is not None:
        ranked = _published_within(searcher, ranked, compiled.published)
    if sort == "date":
        ranked = _newest_first(searcher, ranked)
    page = ranked[:limit]
    found = _spans(searcher, compiled.highlights, [docnum for docnum, _ in page])
    hits = []
    for docnum, score in page:
        stored = searcher.stored_fields(docnum)
        by_field = found.get(docnum, {})
        hits.append(
            Hit(
                article=summary_from_stored(stored),
                score=score,
                snippet=_snippet(stored, by_field),
                matches=tuple(_document_ranges(stored, by_field)),
            )
        )
    return SearchResult(query, len(ranked), tuple(hits), exact_total=not compiled.capped)


# Whoosh's value for "no date" in a sortable DATETIME column (it would sort first).
_NO_DATE = 2**64 - 1


def _published_within(
    searcher: Any, ranked: list[tuple[int, float]], bounds: DateRange
) -> list[tuple[int, float]]:
    """The hits dated within `bounds` (start included, end excluded); undated ones never are."""
    reader = searcher.reader()
    if not reader.has_column("published"):
        return []
    column = reader.column_reader("published", translate=False)
    low = datetime_to_long(bounds.start) if bounds.start is not None else None
    high = datetime_to_long(bounds.end) if bounds.end is not None else None
    kept = []
    for item in ranked:
        value = column[item[0]]
        if value is None or value == _NO_DATE:
            continue
        if (low is None or value >= low) and (high is None or value < high):
            kept.append(item)
    return kept


def _newest_first(searcher: Any, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """By date, newest first, undated articles last; relevance breaks ties."""
    reader = searcher.reader()
    if not reader.has_column("published"):
        return ranked
    column = reader.column_reader("published", translate=False)

    def when(item: tuple[int, float]) -> tuple[int, float]:
        value = column[item[0]]
        return (-1 if value is None or value == _NO_DATE else int(value), item[1])

    return sorted(ranked, key=when, reverse=True)


def related(searcher: Any, article_id: str, *, limit: int = 10) -> list[Hit]:
    """Articles most like `article_id` (by its body's key terms); [] when it is not indexed."""
    docnum = searcher.document_number(id=article_id)
    if docnum is None:
        return []
    stored = searcher.stored_fields(docnum)
    fieldname = "body" if stored.get("body") else "title"
    if not stored.get(fieldname):
        return []
    results = searcher.more_like(docnum, fieldname, text=stored[fieldname], top=limit, numterms=12)
    return [
        Hit(article=summary_from_stored(hit.fields()), score=float(hit.score or 0.0))
        for hit in results
    ]


# -- spans from the postings ----------------------------------------------------------


def _spans(
    searcher: Any, highlights: Sequence[tuple[str, wq.Query]], docnums: Iterable[int]
) -> dict[int, dict[str, Ranges]]:
    """{docnum: {field: [(start, end) in the field's text]}} for the given documents."""
    found: dict[int, dict[str, Ranges]] = defaultdict(lambda: defaultdict(list))
    wanted = sorted(set(docnums))
    if not wanted or not highlights:
        return found
    for subsearcher, offset in searcher.leaf_searchers():
        size = subsearcher.doc_count_all()
        local = [d - offset for d in wanted if offset <= d < offset + size]
        if not local:
            continue
        for fieldname, span_query in highlights:
            matcher = span_query.matcher(subsearcher)
            for docnum in local:
                if not matcher.is_active():
                    break
                if matcher.id() < docnum:
                    matcher.skip_to(docnum)
                    if not matcher.is_active():
                        break
                if matcher.id() == docnum:
                    ranges = found[docnum + offset][fieldname]
                    for span in matcher.spans():
                        if span.startchar is not None and span.endchar is not None:
                            ranges.append((span.startchar, span.endchar))
    return found


def _merge(ranges: Iterable[tuple[int, int]]) -> Ranges:
    merged: Ranges = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _document_ranges(stored: Mapping[str, Any], by_field: Mapping[str, Ranges]) -> Ranges:
    layout = layout_of(stored)
    ranges: Ranges = []
    for fieldname, field_ranges in by_field.items():
        lines = layout.get(fieldname)
        if not lines:
            continue
        starts = [line[0] for line in lines]
        for start, end in field_ranges:
            index = bisect.bisect_right(starts, start) - 1
            if index < 0:
                continue
            field_start, document_start, length = lines[index]
            end = min(end, field_start + length)
            ranges.append(
                (document_start + start - field_start, document_start + end - field_start)
            )
    return _merge(ranges)


def _snippet(stored: Mapping[str, Any], by_field: Mapping[str, Ranges]) -> Snippet:
    for fieldname in SNIPPET_FIELDS:
        ranges = by_field.get(fieldname)
        text = stored.get(fieldname)
        if ranges and text:
            return _window(str(text), _merge(ranges))
    for fieldname in SNIPPET_FIELDS:
        text = stored.get(fieldname)
        if text:
            return _window(str(text), [])
    return ()


def _window(text: str, ranges: Ranges) -> Snippet:
    """About SNIPPET_CHARS of the line holding the first match, matches marked."""
    first = ranges[0][0] if ranges else 0
    line_start = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", first)
    if line_end < 0:
        line_end = len(text)
    start = max(line_start, first - SNIPPET_LEAD_IN)
    end = min(line_end, start + SNIPPET_CHARS)
    segments: list[tuple[str, bool]] = []
    if start > line_start:
        segments.append(("…", False))
    cursor = start
    for match_start, match_end in ranges:
        if match_end <= start or match_start >= end:
            continue
        match_start, match_end = max(match_start, start), min(match_end, end)
        if match_start > cursor:
            segments.append((text[cursor:match_start], False))
        segments.append((text[match_start:match_end], True))
        cursor = match_end
    if cursor < end:
        segments.append((text[cursor:end], False))
    if end < line_end:
        segments.append(("…", False))
    return tuple(segments)


# -- match ranges by re-analysis ----------------------------------------------------------


def match_ranges(query: str, document_text: str) -> list[tuple[int, int]]:
    """[start, end) of every match of `query` in an article's document text.

    For the reading view (jump between hits): re-analyses the text, so it needs
    no index. A query as-you-type accepted (an open quote) is read the same way;
    one that is malformed even so matches nothing (search() reports the error).
    """
    try:
        parsed = parse(query)
    except QueryError:
        try:  # what as-you-type accepted (a quote still open) still highlights
            parsed = parse(query, live=True)
        except QueryError:
            return []
    found = morphemes(document_text)
    title_end = document_text.find("\n")
    if title_end < 0:
        title_end = len(document_text)
    by_term: dict[str, list[int]] = defaultdict(list)
    for index, morpheme in enumerate(found):
        if not morpheme.stop:
            by_term[fold_kana(morpheme.term)].append(index)
    ranges: Ranges = []
    for words in parsed.positive_words():
        limit = title_end if words.fields == ("title",) else len(document_text)
        ranges.extend(r for r in _phrase_ranges(words, found, by_term) if r[1] <= limit)
        if words.reading is not None:
            ranges.extend(_reading_ranges(words.reading, found))
    return _merge(ranges)


def _phrase_ranges(words: Words, found: Sequence[Any], by_term: Mapping[str, list[int]]) -> Ranges:
    content = words.content
    if not content:
        return []
    first_pos = content[0].pos
    wanted = [(m.pos - first_pos, fold_kana(m.term)) for m in content]
    ranges: Ranges = []
    for index in by_term.get(wanted[0][1], []):
        last = index + wanted[-1][0]
        if last >= len(found):
            continue
        if all(
            not found[index + delta].stop and fold_kana(found[index + delta].term) == term
            for delta, term in wanted[1:]
        ):
            ranges.append((found[index].start, found[last].end))
    return ranges


def _reading_ranges(reading: str, found: Sequence[Any]) -> Ranges:
    """Runs of consecutive words whose readings spell `reading` (ていせん → 停戦)."""
    ranges: Ranges = []
    for index, morpheme in enumerate(found):
        if morpheme.stop or not morpheme.reading or not reading.startswith(morpheme.reading):
            continue
        spelled = ""
        for end_index in range(index, len(found)):
            spelled += found[end_index].reading
            if not reading.startswith(spelled) or not found[end_index].reading:
                break
            if spelled == reading:
                ranges.append((morpheme.start, found[end_index].end))
                break
    return ranges
