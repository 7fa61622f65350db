"""A term's documents and scores in one segment, read from its posting blocks
(`index.postings`) and kept per open reader: as-you-type asks for the same terms
keystroke after keystroke, and a phrase's words are read for their documents, their
positions and their scores in turn.

`term_scores` scores a term as Whoosh's BM25F scorer does, term for term, so the
scores are the same floats (its idf from the term infos of the segments, the field's
lengths read a column at a time); asked for some documents (`Within`) of a term not
kept, it reads those alone. A segment or a weighting it cannot read so is scored by
Whoosh's matcher (`matched`). `term_ids` and `term_documents` tell which documents hold a term, for
the phrase checks (`index.phrase_checks`) and a page's snippets (`index.snippets`).
The scores of whole queries are added up by `index.scoring`.
"""

from __future__ import annotations

import bisect
from collections.abc import Container, Sequence
from collections.abc import Set as AbstractSet
from math import log
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader
from whoosh.columns import NumericColumn
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from index.postings import UNREADABLE, block_arrays, leaf_postings, load_block, term_info
from index.reader_cache import ReaderCache

Within = Sequence[int] | None
"""The documents (ascending) whose scores are asked for, or None for every match: a
scorer given some may leave any other out (or not), and scores those as it would
have anyway (each document's score is its own parts' added in the same order)."""


def matched(matcher: Any) -> dict[int, float]:
    """Every document a Whoosh matcher matches, with its score (Whoosh's own way)."""
    found: dict[int, float] = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


# Each term's scores in each segment, kept per open reader: as-you-type asks for
# the same terms keystroke after keystroke (すまーと for スマ, スマー, スマート...),
# and decoding a posting block unpickles its positions and characters too.
# Bounded by the postings held. The dicts are shared: never mutated once cached.
# A segment is named by its reader's id(), not the reader: with one segment the
# leaf reader is the top reader, and a value holding its own weak key would keep
# the entry (and the reader) alive for good. While the top reader lives, so do its
# leaves, so their ids are not reused.
TERM_CACHE_POSTINGS = 150_000


_term_cache: ReaderCache[tuple[int, str, str], dict[int, float]] = ReaderCache(
    lambda: TERM_CACHE_POSTINGS
)


# …and each term's documents alone, where a search needed no more (`term_ids`).
# (A dict of None, not a set: Python's garbage collector stops looking into a dict of
# numbers, where it walks every member of a set at every full collection.)
_id_cache: ReaderCache[tuple[int, str, str], dict[int, None]] = ReaderCache(
    lambda: TERM_CACHE_POSTINGS
)


def term_documents(searcher: Any, fieldname: str, text: str) -> Container[int] | None:
    """The segment's documents holding `text`, if a search read them lately."""
    top, key = searcher.get_parent().reader(), (id(searcher.reader()), fieldname, text)
    found: Container[int] | None = _term_cache.get(top, key)
    return _id_cache.get(top, key) if found is None else found


def term_ids(searcher: Any, fieldname: str, text: str) -> AbstractSet[int]:
    """The segment's documents holding `text` (deleted ones left out): from its scores
    if a search scored it lately, else read from its posting blocks' ids alone."""
    top, key = searcher.get_parent().reader(), (id(searcher.reader()), fieldname, text)
    scored = _term_cache.get(top, key)
    if scored is not None:
        return scored.keys()
    found = _id_cache.get(top, key)
    if found is None:
        found = _read_term_ids(fieldname, text, searcher)
        if found is None:  # not laid out as W3Codec writes it: its scores tell
            return term_scores(fieldname, text, searcher).keys()
        _id_cache.put(top, key, found, len(found))
    return found.keys()


def _read_term_ids(fieldname: str, text: str, searcher: Any) -> dict[int, None] | None:
    reader = searcher.reader()
    matcher = leaf_postings(reader, fieldname, text)
    if matcher is None:
        return {}
    if matcher is UNREADABLE:
        return None
    top = searcher.get_parent().reader()
    found: set[int] = set()
    while True:
        if matcher._data is None:
            load_block(matcher, reader, top)
        if matcher._ids is None:
            matcher._read_ids()
        found.update(matcher._ids)
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    if reader.has_deletions():
        found.difference_update(reader.deleted_docs_set)
    return dict.fromkeys(sorted(found))


def term_scores(
    fieldname: str, text: str, searcher: Any, within: Within = None
) -> dict[int, float]:
    # Scores depend on the whole index's statistics: keyed by the top reader too.
    top = searcher.get_parent().reader()
    key = (id(searcher.reader()), fieldname, text)
    found = _term_cache.get(top, key)
    if found is None:
        if within is not None:  # a few documents' scores: read, not kept
            return _read_term_scores(fieldname, text, searcher, within)
        found = _read_term_scores(fieldname, text, searcher)
        _term_cache.put(top, key, found, len(found))
    return found


def bm25_parameters(weighting: Any, fieldname: str) -> tuple[float, float]:
    """(b, k1) of a BM25F `weighting` for `fieldname`, as its scorer takes them: the
    field's own B (Whoosh keeps those in the private `_field_B`, from `<field>_B=`
    arguments), else the weighting's B. The one place that reads `_field_B`."""
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1


def _read_term_scores(
    fieldname: str, text: str, searcher: Any, within: Within = None
) -> dict[int, float]:
    matcher = leaf_postings(searcher.reader(), fieldname, text)
    if matcher is None:
        return {}
    weighting = searcher.weighting
    if (
        matcher is UNREADABLE
        or type(weighting) is not BM25F
        or not searcher.schema[fieldname].scorable
    ):
        return matched(searcher.postings(fieldname, text))  # Whoosh's matcher and scorer
    if within is not None:
        return _read_scores_within(matcher, fieldname, text, searcher, within)
    # BM25FScorer's figures, from the whole index (the leaf searcher's parent)
    parent = searcher.get_parent()
    idf = _idf(parent, fieldname, text)
    avgfl = parent.avg_field_length(fieldname) or 1
    b, k1 = bm25_parameters(weighting, fieldname)
    lengths = _lengths(searcher, fieldname)
    reader, top = searcher.reader(), parent.reader()
    found: dict[int, float] = {}
    # A block at a time through the leaf matcher's own arrays (whoosh-reloaded is
    # pinned exactly; these attributes are how its id() and weight() read them).
    while matcher.is_active():
        ids, weights = block_arrays(matcher, reader, top)
        end = matcher._blocklength
        for index in range(matcher._i, end):
            tf = weights[index]
            docnum = ids[index]
            length = lengths[docnum]
            if length < 0:
                length = lengths[docnum] = searcher.doc_field_length(docnum, fieldname, 1)
            # whoosh.scoring.bm25, term for term
            found[docnum] = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / avgfl)))
        matcher._i = end - 1
        matcher.next()
    if reader.has_deletions():
        for docnum in reader.deleted_docs_set.intersection(found):
            del found[docnum]
    return found


def _read_scores_within(
    matcher: Any, fieldname: str, text: str, searcher: Any, within: Sequence[int]
) -> dict[int, float]:
    """_read_term_scores of the documents `within` (ascending) alone: the blocks holding
    none of them passed by their headers, the term's frequency in the index (its idf)
    looked up only if one holds it."""
    parent = searcher.get_parent()
    reader, top = searcher.reader(), parent.reader()
    found: dict[int, float] = {}
    figures: tuple[float, float, float, float, list[int]] | None = None
    at, count = 0, len(within)
    while at < count:
        docnum = within[at]
        while matcher._maxid < docnum:  # the block's header: no decoding
            if matcher._lastblock:
                at = count
                break
            matcher._goto(matcher._nextoffset)
        if at == count:
            break
        ids, weights = block_arrays(matcher, reader, top)
        end = bisect.bisect_right(within, matcher._maxid, at)
        index = 0
        for docnum in within[at:end]:  # each <= ids[-1], the block's _maxid
            index = bisect.bisect_left(ids, docnum, index)
            if ids[index] != docnum:
                continue
            if figures is None:
                b, k1 = bm25_parameters(searcher.weighting, fieldname)
                idf = _idf(parent, fieldname, text)
                avgfl = parent.avg_field_length(fieldname) or 1
                figures = (idf, avgfl, b, k1, _lengths(searcher, fieldname))
            idf, avgfl, b, k1, lengths = figures
            tf = weights[index]
            length = lengths[docnum]
            if length < 0:
                length = lengths[docnum] = searcher.doc_field_length(docnum, fieldname, 1)
            # whoosh.scoring.bm25, term for term (as _read_term_scores)
            found[docnum] = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / avgfl)))
        at = end
        if at < count:
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
    if found and reader.has_deletions():
        for docnum in reader.deleted_docs_set.intersection(found):
            del found[docnum]
    return found


def _idf(parent: Any, fieldname: str, text: str) -> float:
    """`parent.idf` (BM25F's: Whoosh's WeightingModel.idf) from the term infos of its
    segments (`term_info`, which the term's postings are read by): Whoosh looks the
    term up in every segment once more for its frequency."""
    frequency = 0
    for leaf, _ in parent.reader().leaf_readers():
        info = term_info(leaf, fieldname, text)
        if info is UNREADABLE:
            idf: float = parent.idf(fieldname, text)
            return idf
        if info is not None:
            frequency += info[2]
    # whoosh.scoring.WeightingModel.idf, term for term
    return log(parent.doc_count_all() / (frequency + 1)) + 1


# Each segment's lengths of a field, as BM25F reads them (`_lengths`): one list per
# field of each open segment, no more to drop.
_field_lengths: ReaderCache[str, list[int]] = ReaderCache()


def _lengths(searcher: Any, fieldname: str) -> list[int]:
    """Documents' lengths of `fieldname` in one segment as BM25F's scorer reads them:
    the segment's length column read in one go, or, where that cannot be read so,
    each length filled in when first needed (-1 until then)."""
    reader = searcher.reader()
    lengths = _field_lengths.get(reader, fieldname)
    if lengths is None:
        lengths = _column_lengths(reader, fieldname)
        if lengths is None or len(lengths) != searcher.doc_count_all():
            lengths = [-1] * searcher.doc_count_all()
        lengths = _field_lengths.put(reader, fieldname, lengths)
    return lengths


_BYTE_LENGTHS = [byte_to_length(value) if value else -1 for value in range(256)]


def _column_lengths(reader: Any, fieldname: str) -> list[int] | None:
    """The segment's whole length column in one read (what doc_field_length reads
    a byte at a time: a common term's first search spent ~15 ms there), or None
    when the segment is not laid out as whoosh3 writes it."""
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, W3PerDocReader):
        return None
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if type(column) is not NumericColumn.Reader or column._fixedlen != 1:
        return None
    stored = bytes(column._dbfile.get(column._basepos, column._count)) if column._count else b""
    missing = column._doccount - len(stored)
    return [_BYTE_LENGTHS[value] for value in stored] + [-1] * missing
