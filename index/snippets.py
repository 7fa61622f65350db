"""Where a page's hits match, and their snippets, from the postings.

Snippets and match ranges come from the postings (the content fields record
character offsets), not from re-tokenizing each hit: each positive word's terms
are read once per index segment, for the page's hits only, and a phrase is marked
only where its terms stand at its relative positions. `layout` (see index.schema)
maps field offsets onto the document text.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from index.compiler import Highlight
from index.matching import Ranges, as_written
from index.model import Snippet
from index.postings import Postings
from index.reader_cache import ReaderCache
from index.schema import layout_of
from index.stops import holds_stops, stop_bits
from index.term_scores import term_documents
from index.urls import urls_in

SNIPPET_CHARS = 100
SNIPPET_LEAD_IN = 24
SNIPPET_URL_SLACK = 40
"""Characters a snippet may run past SNIPPET_CHARS to end a URL its window cut (`_window`):
over ldcc's 988 URLs in text (47 characters the median, 77 the 95th percentile), a
window's end falling anywhere in one is 86% of the time within 40 characters of its end
(94% within 50, 55% within 20)."""
URL_SCAN = 2_000
"""Characters read either side of a snippet's window for the URLs it may cut: ldcc's
longest URL in text is 139 characters, and a text of one line may be megabytes long."""
AFTER_URL = frozenset("）」』】〕〉》］｝〙〗｠｣)]}”’、。，．：；？！,.:;?! \t\u3000")
"""What closes a URL's bracket or clause right after it: a snippet's window moved past
the URL (`_url_edges`) begins after these too, not with them."""
# Fields a snippet is taken from, in order of preference (the title is shown anyway).
SNIPPET_FIELDS = ("lead", "key_points", "body", "cards")


# -- spans from the postings ----------------------------------------------------------


def page_spans(
    searcher: Any, highlights: Sequence[Highlight], stored: Mapping[int, Mapping[str, Any]]
) -> dict[int, dict[str, Ranges]]:
    """{docnum: {field: [(start, end) in the field's text]}} for the given documents
    (their stored fields).

    Each term's postings are read once per segment, skipping straight to the
    page's hits; a highlight's slots must then stand at their offsets. A highlight of
    words ending in symbols marks them as written (`as_written`).
    """
    found: dict[int, dict[str, Ranges]] = defaultdict(lambda: defaultdict(list))
    wanted = sorted(set(stored))
    if not wanted or not highlights:
        return found
    needed = sorted({(h.field, term) for h in highlights for _, terms in h.slots for term in terms})
    # A hit is matched against the highlights whose first slot holds a term it holds
    # (~88 highlights for しょう typed, a word learnt from its reading in each text field,
    # most in none of a hit), and those marked as written, whose words are found anyway.
    beginning: dict[tuple[str, str], list[int]] = defaultdict(list)
    for at, highlight in enumerate(highlights):
        for term in highlight.slots[0][1]:
            beginning[(highlight.field, term)].append(at)
    written = [at for at, highlight in enumerate(highlights) if highlight.written]
    for subsearcher, offset in searcher.leaf_searchers():
        size = subsearcher.doc_count_all()
        local = [d - offset for d in wanted if offset <= d < offset + size]
        if not local:
            continue
        chars = characters(subsearcher, needed, local, kept=True)
        begun: dict[int, set[int]] = defaultdict(set)
        for key, per_doc in chars.items():
            for at in beginning.get(key, ()):
                for docnum in per_doc:
                    begun[docnum].add(at)
        reader = subsearcher.reader()
        for docnum in local:
            ranges_of = found[docnum + offset]
            for highlight in map(highlights.__getitem__, sorted(begun[docnum].union(written))):
                ranges = _highlight_ranges(highlight, chars, docnum, reader)
                if highlight.written:
                    text = str(stored[docnum + offset].get(highlight.field) or "")
                    ranges = as_written(ranges, text, highlight.written)
                    if len(ranges) > MARKS_PER_FIELD:  # with where it is written alone
                        ranges = sorted(ranges)[:MARKS_PER_FIELD]
                if ranges:
                    ranges_of[highlight.field].extend(ranges)
    return found


# {(field, term): {docnum: [(position, startchar, endchar), ...]}}
_Occurrences = tuple[tuple[int, int, int], ...]
_Characters = dict[tuple[str, str], dict[int, _Occurrences]]
# (first position, last position, startchar, endchar): Whoosh's Span
_Span = tuple[int, int, int, int]


def characters(
    searcher: Any, needed: Sequence[tuple[str, str]], local: Sequence[int], *, kept: bool = False
) -> _Characters:
    """Positions and characters of each needed term in the given (ascending) documents
    of one segment. A term the search just scored is read only in the documents
    it is known to be in (each one's posting block is decoded whole). `kept`: those of
    a page's hits, kept for the next pages (`_read_characters`). Each term's
    occurrences in a document are in position order."""
    reader, top = searcher.reader(), searcher.get_parent().reader()
    chars: _Characters = {}
    for fieldname, term in needed:
        known = term_documents(searcher, fieldname, term)
        wanted = local if known is None else [d for d in local if d in known]
        if not wanted:
            continue
        key = (id(reader), fieldname, term)
        read = _read_characters.get(top, key) if kept else None
        if read is None:
            read = _read_characters.put(top, key, {}) if kept else {}
        unread = [d for d in wanted if d not in read]
        if len(read) + len(unread) > CHARACTERS_HITS:
            read.clear()
            unread = list(wanted)
        if unread:
            postings = Postings(reader, fieldname, term, top)
            for docnum in unread:
                found = postings.value(docnum, "characters") if postings else None
                # by position (the analyzer's order already: sorted in ~0.05 s a million),
                # which `_slot_spans` reads only as far as a page's marks need
                read[docnum] = () if found is None else tuple(sorted(found))
        per_doc = {d: read[d] for d in wanted if read[d]}
        if per_doc:
            chars[(fieldname, term)] = per_doc
    return chars


# The characters of the terms a page marks, by hit, kept per reader: as a word is typed
# or backspaced, the pages hold the same hits and their marks the same words (スマ,
# スマー, スマート: すまーと in most of their hits), each one's posting decoded once
# (unpickled, ~15% of page_spans over the bench). Only added to (the postings of an
# open reader do not change), emptied past CHARACTERS_HITS hits; bounded by the terms
# kept (2,000: a typing session's; 20,000 held ~70 MB more after ~5,000 searches of
# readings over ldcc, for no less CPU). A segment is named by its reader's id(), as in
# `index.term_scores`.
CHARACTERS_TERMS = 2_000
CHARACTERS_HITS = 1_000
_read_characters: ReaderCache[tuple[int, str, str], dict[int, _Occurrences]] = ReaderCache(
    lambda: CHARACTERS_TERMS
)


MARKS_PER_FIELD = 10_000
"""Matches of one highlight marked in a field of a hit at most: the first, by position
(`Hit.matches`). The list shows a snippet of ~100 characters from the first match and
marks the title's; a text of one word over and over (東 3 million times, 9 MB) had
each of its ~3 million matches of "東東東東" built and sorted for that, ~60 s. Over
the bench's queries ldcc's most in one field are 571 (ソフトバンク, in a body)."""


def _slot_spans(
    fieldname: str, terms: Sequence[str], chars: _Characters, docnum: int
) -> Iterator[_Span]:
    """Where any of `terms` stands, in position order, read only as far as asked; with
    several terms, touching ones run together (as Whoosh's SpanOr reported them:
    iPhone 4S is one highlight, not two)."""
    per_term = [chars.get((fieldname, term), {}).get(docnum, ()) for term in terms]
    occurrences = heapq.merge(*per_term) if len(per_term) > 1 else iter(per_term[0])
    spans = ((pos, pos, start, end) for pos, start, end in occurrences)
    if len(terms) < 2:
        return spans
    return _run_together(spans)


def _run_together(spans: Iterator[_Span]) -> Iterator[_Span]:
    """`spans` (in order), those that touch made one."""
    here = next(spans, None)
    if here is None:
        return
    for first, last, start, end in spans:
        if first <= here[1] + 1:
            here = (here[0], max(here[1], last), min(here[2], start), max(here[3], end))
        else:
            yield here
            here = (first, last, start, end)
    yield here


class _SpansAt:
    """A slot's spans by their first position, read from `spans` (in position order)
    only as far as the positions asked for."""

    __slots__ = ("_by_first", "_next", "_spans")

    def __init__(self, spans: Iterator[_Span]) -> None:
        self._spans = spans
        self._next = next(spans, None)
        self._by_first: dict[int, list[_Span]] = defaultdict(list)

    def at(self, position: int) -> Sequence[_Span]:
        while self._next is not None and self._next[0] <= position:
            self._by_first[self._next[0]].append(self._next)
            self._next = next(self._spans, None)
        return self._by_first.get(position, ())


def _highlight_ranges(
    highlight: Highlight,
    chars: _Characters,
    docnum: int,
    reader: Any = None,
    *,
    limit: int | None = None,
) -> Ranges:
    """Where the slots of `highlight` follow each other at their offsets, stop words
    between where they stand apart (as the search counts them: `index.stops`; `reader`,
    the segment's, tells where they stand): character ranges, the first `limit` by
    position (`MARKS_PER_FIELD` by default). Matches are followed from their first
    slot on, in position order, and the later slots read only as far as the last match
    kept: every match was built, and all sorted, before."""
    limit = MARKS_PER_FIELD if limit is None else limit
    (previous_offset, terms), rest = highlight.slots[0], highlight.slots[1:]
    firsts = _slot_spans(highlight.field, terms, chars, docnum)
    steps: list[tuple[int, tuple[int, ...], _SpansAt]] = []
    for offset, terms in rest:
        gap, previous_offset = offset - previous_offset, offset
        following = _SpansAt(_slot_spans(highlight.field, terms, chars, docnum))
        steps.append((gap, tuple(range(1, gap)), following))
    bits: bytes | None = None
    if reader is not None and any(between for _, between, _ in steps):
        bits = stop_bits(reader, highlight.field, docnum)
    found: set[_Span] = set()
    for span in firsts:
        current = {span}
        for gap, between, following in steps:
            joined: set[_Span] = set()
            for first, last, start, end in current:
                if between and bits is not None and not holds_stops(bits, last, between):
                    continue
                for _, b_last, b_start, b_end in following.at(last + gap):
                    joined.add((first, b_last, min(start, b_start), max(end, b_end)))
            current = joined
            if not current:
                break
        found |= current
        if len(found) >= limit:
            break
    return [(start, end) for _, _, start, end in sorted(found)[:limit]]


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> Ranges:
    merged: Ranges = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def document_ranges(stored: Mapping[str, Any], by_field: Mapping[str, Ranges]) -> Ranges:
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
    return merge_ranges(ranges)


def snippet(stored: Mapping[str, Any], by_field: Mapping[str, Ranges]) -> Snippet:
    for fieldname in SNIPPET_FIELDS:
        ranges = by_field.get(fieldname)
        text = stored.get(fieldname)
        if ranges and text:
            return _window(str(text), merge_ranges(ranges))
    for fieldname in SNIPPET_FIELDS:
        text = stored.get(fieldname)
        if text:
            return _window(str(text), [])
    return ()


def _window(text: str, ranges: Ranges) -> Snippet:
    """About SNIPPET_CHARS of the line holding the first match, matches marked, no URL
    cut (`_url_edges`)."""
    first = ranges[0][0] if ranges else 0
    line_start = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", first)
    if line_end < 0:
        line_end = len(text)
    start = max(line_start, first - SNIPPET_LEAD_IN)
    start, end = _url_edges(text, ranges, start, line_start, line_end)
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
    return _ellipses_touching(segments)


def _url_edges(
    text: str, ranges: Ranges, start: int, line_start: int, line_end: int
) -> tuple[int, int]:
    """The window from `start`, SNIPPET_CHARS long, its ends moved off the URLs they cut:
    a URL half shown (`…tm_medium=rss にあります`, `…/detail/6792863/?utm_source=fe…`) is
    no link to copy or follow, and `yomite search` prints a URL wider than the line on a
    line of its own, so that the piece stood alone (user review, 40 columns).

    The start goes past a URL it cuts (the lead-in is the match's context, the URL's tail
    none), or back to its beginning where the match is in it, the match staying in the
    window. The end goes on to the URL's end where that adds SNIPPET_URL_SLACK at most,
    else back to its beginning where the first match stays in the window. Over ldcc's
    lines holding a URL, 1,249 of 3,584 windows (a match just before, in and after each
    URL) cut one; 7 do now, each around a match in a URL longer than the window."""
    first, first_end = ranges[0] if ranges else (start, start)
    scan_start = max(line_start, start - URL_SCAN)
    scan_end = min(line_end, start + SNIPPET_CHARS + SNIPPET_URL_SLACK + URL_SCAN)
    urls = [(scan_start + a, scan_start + b) for a, b, _ in urls_in(text[scan_start:scan_end])]
    for a, b in urls:
        if a < start < b:
            if b <= first:
                start = b
                # Nor the bracket or the comma that closed it (`…）の適用対象`)
                while start < first and text[start] in AFTER_URL:
                    start += 1
            elif first_end - a <= SNIPPET_CHARS:
                start = a
    end = min(line_end, start + SNIPPET_CHARS)
    for a, b in urls:
        if a < end < b:
            if b - end <= SNIPPET_URL_SLACK:
                end = b
            elif a >= first_end:
                end = a
    return start, end


def _ellipses_touching(segments: list[tuple[str, bool]]) -> Snippet:
    """`segments` without the spaces between an ellipsis and the text it cuts: a window
    cut at a space began "… の2日間限定で"."""
    if len(segments) > 1 and segments[0][0] == "…" and not segments[1][1]:
        segments[1] = (segments[1][0].lstrip(), False)
    if len(segments) > 1 and segments[-1][0] == "…" and not segments[-2][1]:
        segments[-2] = (segments[-2][0].rstrip(), False)
    return tuple(segment for segment in segments if segment[0])
