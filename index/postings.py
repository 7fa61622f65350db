"""A term's postings read straight from one segment, a posting block at a time: what
the scorer's term scores (`index.term_scores`), the phrase checks (`index.phrase_checks`,
and the matchers of `index.query_classes`) and a page's snippets (`index.snippets`)
read positions and weights from.

`leaf_postings` gives a term's postings as a bare W3LeafMatcher after one look-up of
its term info (`term_info`, kept per segment), its blocks' headers read in one read
each (`_LeafMatcher`); `Postings` reads a term's positions, or any value, in the
documents asked, in ascending order, passing the blocks before them by their headers.
Both set and read W3LeafMatcher's private attributes, and so are tied to
whoosh-reloaded 2.7.5 (pinned in pyproject.toml); a segment not laid out as W3Codec
writes it is `UNREADABLE` here, and read through Whoosh's own matchers.

A posting block unpickled is kept for a while (`load_block`): the phrases of one
search that hold a word, its scores and the page's marks read its blocks once.
"""

from __future__ import annotations

import bisect
import operator
import struct
from collections.abc import Callable, Sequence
from io import BytesIO
from itertools import accumulate
from pickle import UnpicklingError
from typing import Any

from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher, W3TermsReader
from whoosh.compat import load as load_pickle
from whoosh.compat import loads
from whoosh.matching import NullMatcher
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE, unpack_int
from whoosh.util.numeric import byte_to_length

from index.reader_cache import ReaderCache

# Posting blocks unpickled lately, kept per open reader (as the term cache): each
# phrase holding a term read its blocks again, after its scores had, and the page's
# marks once more. A word MeCab reads two ways is two phrases with the same words
# (付ける|事 and 付く|事, as typed since the other lemmas are): 事's 25 blocks in each
# ldcc segment cost ~1.8 ms a read, read three times. Bounded by the blocks' bytes on
# disk (~1.6 times that in memory); a block is named by its segment and offset.
BLOCK_CACHE_BYTES = 4_000_000
_block_cache: ReaderCache[tuple[int, int], Any] = ReaderCache(lambda: BLOCK_CACHE_BYTES)


def block_arrays(matcher: Any, reader: Any, top: Any) -> tuple[Sequence[int], Sequence[Any]]:
    """The ids and weights of a W3LeafMatcher's current block (`load_block`), decoded
    once."""
    if matcher._data is None:
        load_block(matcher, reader, top)
    if matcher._ids is None:
        matcher._read_ids()
    if matcher._weights is None:
        matcher._read_weights()
    return matcher._ids, matcher._weights


def load_block(matcher: Any, reader: Any, top: Any) -> None:
    """Unpickle the current block of a W3LeafMatcher of segment `reader` (its ids,
    weights and values, as its _read_data does) and decode its ids, or take both from
    what `top`'s searches read lately. The data is shared: Whoosh's matcher only reads it."""
    key = (id(reader), matcher._dataoffset)
    found = None if top is None else _block_cache.get(top, key)
    if found is not None:
        matcher._data, matcher._ids = found
        return
    matcher._read_data()
    ids = matcher._data[0]
    # as its _read_ids does (delta_decode, a generator: ~15% of reading a prefix's terms)
    matcher._ids = ids if matcher._byteids else tuple(accumulate(ids))
    if top is not None:
        size = matcher._nextoffset - matcher._dataoffset
        _block_cache.put(top, key, (matcher._data, matcher._ids), size)


UNREADABLE: Any = NullMatcher()
"""leaf_postings: a segment not laid out as W3Codec writes it (Whoosh's matchers read it)."""


def leaf_postings(reader: Any, fieldname: str, text: str) -> Any:
    """A term's postings in one segment as a bare W3LeafMatcher (no scorer, deleted
    documents included), None when the segment lacks the term, or UNREADABLE.

    One look-up of the term: `reader.postings` looks it up again after the
    `in` check, and a scorer twice more (~0.1 ms a term, and an as-you-type
    prefix reads a hundred terms or more).
    """
    info = term_info(reader, fieldname, text)
    if info is None or info is UNREADABLE:
        return info
    offset, length, _, _ = info
    return _LeafMatcher(reader._terms._postfile, offset, length, reader.schema[fieldname].format)


BLOCK_HEADER = 96
"""Bytes read for a posting block's header: its length and the pickled tuple of its
counts (~30 bytes as W3Codec writes them)."""


class _LeafMatcher(W3LeafMatcher):  # type: ignore[misc]
    """W3LeafMatcher reading each block's header in one read of the segment's bytes
    (`get`) instead of a seek, a read and a pickle load through the file object
    (~9 µs a term of the ~20 a term's first block cost; an as-you-type prefix reads
    hundreds). The same attributes set, as `_goto` sets them.

    It sets W3LeafMatcher's private attributes, so it is tied to whoosh-reloaded
    2.7.5 (pinned in pyproject.toml; tests/test_search.py compares its scores with
    Whoosh's own matcher): read `whoosh/codec/whoosh3.py` again before a new version."""

    def _read_header(self) -> None:
        if self._postfile.get(self._startoffset, 4) != WHOOSH3_HEADER_MAGIC:
            super()._read_header()  # raises Whoosh's own error
            return
        self._baseoffset = self._startoffset + 4

    def _goto(self, position: int) -> None:
        header = BytesIO(self._postfile.get(position, BLOCK_HEADER))
        try:
            (length,) = unpack_int(header.read(_INT_SIZE))
            info = load_pickle(header)  # as Whoosh reads it (a trusted index's bytes)
        except (EOFError, UnpicklingError, struct.error):  # a longer header: Whoosh's way
            super()._goto(position)
            return
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        self._lastblock = length < 0
        self._nextoffset = position + _INT_SIZE + abs(length)
        self._dataoffset = position + header.tell()
        (
            self._blocklength,
            self._maxid,
            self._maxweight,
            self._compression,
            shortest,
            longest,
        ) = info
        self._minlength = byte_to_length(shortest)
        self._maxlength = byte_to_length(longest)


TermInfo = tuple[int, int, int, float]
"""(offset, length) of a term's postings in a segment, how many documents hold it and
how many times it stands there in all (of its W3TermInfo; a plain tuple of numbers,
which Python's garbage collector stops looking into, where a W3TermInfo is two
objects it walks through at every full collection)."""

# Each segment's term infos looked up lately: the scores, the documents and the
# positions of a term are read in turn (`term_ids`, then a phrase's positions, then
# the scores of the documents holding it), and its frequency in every segment for
# its idf. Kept per segment; () for a term the segment lacks.
TERM_INFOS = 20_000
_term_infos: ReaderCache[tuple[str, str], TermInfo | tuple[()]] = ReaderCache(lambda: TERM_INFOS)


def term_info(reader: Any, fieldname: str, text: str) -> Any:
    """The TermInfo of `text` in segment `reader`, None when the segment lacks it, or
    UNREADABLE (a segment not laid out as W3Codec writes it, postings inlined)."""
    found = _term_infos.get(reader, (fieldname, text))
    if found is None:
        terms: Any = getattr(reader, "_terms", None)
        if type(terms) is not W3TermsReader or fieldname not in reader.schema:
            return UNREADABLE
        try:
            info = terms.term_info(fieldname, reader._text_to_bytes(fieldname, text))
        except TermNotFound:
            found = ()
        else:
            if info.is_inlined():
                return UNREADABLE
            found = (*info.extent(), info.doc_frequency(), info.weight())
        _term_infos.put(reader, (fieldname, text), found)
    return found or None


_first = operator.itemgetter(0)


def _positions_decoder(format: Any) -> Callable[[bytes], list[int]]:
    """The decoder of a posting's positions for `format`: for the formats of the
    content fields, Whoosh's own (`Positions.decode_positions`, a loop in Python over
    each position: half of a phrase's check, 7,400 postings for した話 over ldcc) done
    by `accumulate` instead; for any other, Whoosh's."""
    kind = type(format)
    if kind is not formats.Characters and kind is not formats.Positions:
        decoder: Callable[[bytes], list[int]] = format.decoder("positions")
        return decoder

    def decode(value: bytes) -> list[int]:
        if not value.endswith(b"."):
            value += b"."
        codes = loads(value[_INT_SIZE:])  # as Whoosh reads it (a trusted index's bytes)
        return list(accumulate(map(_first, codes) if kind is formats.Characters else codes))

    return decode


class Postings:
    """One term's postings in one segment, read forward for the values of documents
    asked in ascending order (the hits of a page, the candidates of a phrase).

    Blocks ending before a document are passed by their headers alone, and the
    document is found in its block by bisection: Whoosh's skip_to compares ids
    one method call at a time. A segment not laid out as W3Codec writes it is
    read through Whoosh's matcher.

    `top`, the index's reader (the leaf searcher's parent's): the blocks are shared
    with the other reads of its searches (`load_block`), a phrase's common word
    unpickled once for its scores and every phrase holding it.
    """

    __slots__ = ("_matcher", "_whoosh", "fieldname", "reader", "text", "top")

    def __init__(self, reader: Any, fieldname: str, text: str, top: Any = None) -> None:
        self.reader, self.fieldname, self.text, self.top = reader, fieldname, text, top
        matcher = leaf_postings(reader, fieldname, text)
        self._whoosh = matcher is UNREADABLE
        if self._whoosh:
            in_reader = (fieldname, text) in reader
            matcher = reader.postings(fieldname, text) if in_reader else None
        self._matcher: Any = matcher
        """None once no document asked for can be found (or the term is not here)."""

    def __bool__(self) -> bool:
        """Whether the segment has the term."""
        return self._matcher is not None

    def copy(self) -> Postings:
        """Postings of the same term read from the start (for a copied matcher)."""
        return Postings(self.reader, self.fieldname, self.text, self.top)

    def positions_in(self, docs: Sequence[int]) -> dict[int, list[int]]:
        """The term's positions in each of `docs` (ascending) that holds it; read forward
        as `value` reads (documents asked later must come after these). A block's ids
        and values are decoded once for all the documents asked in it."""
        found: dict[int, list[int]] = {}
        matcher = self._matcher
        if matcher is None or not docs:
            return found
        if self._whoosh:
            for docnum in docs:
                if (positions := self.value(docnum, "positions")) is not None:
                    found[docnum] = positions
            return found
        decode = _positions_decoder(matcher.format)
        at, count = 0, len(docs)
        while at < count:
            ids = self._block_ids(matcher, docs[at])
            if ids is None:
                return found
            end = bisect.bisect_right(docs, matcher._maxid, at)
            index = matcher._i
            for docnum in docs[at:end]:  # each <= ids[-1], the block's _maxid
                index = bisect.bisect_left(ids, docnum, index)
                if ids[index] == docnum:
                    if matcher._values is None:
                        matcher._read_values()
                    found[docnum] = decode(matcher._values[index])
            matcher._i = index
            at = end
        return found

    def _block_ids(self, matcher: Any, docnum: int) -> Any:
        """The ids of the block that would hold `docnum`, `matcher` moved on to it (its
        data loaded: `load_block`); None, the postings let go, when `docnum` is past
        the last block."""
        while matcher._maxid < docnum:  # the block's header: no decoding
            if matcher._lastblock:
                self._matcher = None
                return None
            matcher._goto(matcher._nextoffset)
        if matcher._data is None:
            load_block(matcher, self.reader, self.top)
        if matcher._ids is None:
            matcher._read_ids()
        return matcher._ids

    def value(self, docnum: int, astype: str) -> Any:
        """The posting's value for `docnum` decoded as `astype` ("positions",
        "characters"), or None when the term is not in that document."""
        matcher = self._matcher
        if matcher is None:
            return None
        if self._whoosh:
            if matcher.is_active() and matcher.id() < docnum:
                matcher.skip_to(docnum)
            if not matcher.is_active():
                self._matcher = None
                return None
            return matcher.value_as(astype) if matcher.id() == docnum else None
        ids = self._block_ids(matcher, docnum)
        if ids is None:
            return None
        index = bisect.bisect_left(ids, docnum, matcher._i)
        matcher._i = index  # ids[-1] is the block's _maxid >= docnum: index is in the block
        if ids[index] != docnum:
            return None
        if matcher._values is None:
            matcher._read_values()
        return matcher.format.decoder(astype)(matcher._values[index])
