"""The index's term tables, read: which terms of a field begin with a prefix, and how
many documents hold each (`prefix_terms`, kept per reader), read segment by segment
straight from the table W3Codec writes (`lexicon_prefix`, `lexicon_stats`) where it
can, through Whoosh's own reader where it cannot.

Nothing here decides what a query means: `index.compiler` asks for the terms a word
being typed begins, `index.facets` counts a facet's values from the tables.
"""

from __future__ import annotations

import itertools
import struct
from typing import Any

from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.filedb.filetables import OrderedHashReader

from index.reader_cache import ReaderCache

PREFIX_SCAN = 4000
"""The terms one prefix scan keeps at most, in lexical order (`prefix_terms`)."""

# Prefix scans of one reader, kept while it is open: successive keystrokes
# (ス, スマ, スマー) filter the scan of the word so far instead of reading the
# lexicon again, and backspacing finds its scans ready.
PREFIX_CACHE_SIZE = 256
PrefixScan = tuple[tuple[tuple[str, int], ...], bool]
"""((term, document frequency), ...) in lexical order, and whether the field holds more
terms beginning so than PREFIX_SCAN (then the scan is no complete list)."""
_prefix_scans: ReaderCache[tuple[str, str], PrefixScan] = ReaderCache(lambda: PREFIX_CACHE_SIZE)


def prefix_terms(reader: Any, fieldname: str, prefix: str) -> PrefixScan:
    """((term, document frequency), ...) of the first PREFIX_SCAN terms of
    `fieldname` starting with `prefix`, in lexical order; and whether there were more."""
    cached = _prefix_scans.get(reader, (fieldname, prefix))
    if cached is not None:
        return cached
    for end in range(len(prefix) - 1, 0, -1):
        shorter = _prefix_scans.get(reader, (fieldname, prefix[:end]))
        if shorter is not None and not shorter[1]:  # complete: filtering it is exact
            terms = tuple(item for item in shorter[0] if item[0].startswith(prefix))
            result: PrefixScan = (terms, False)
            break
    else:
        result = _scan_prefix(reader, fieldname, prefix)
    return _prefix_scans.put(reader, (fieldname, prefix), result)


def _scan_prefix(reader: Any, fieldname: str, prefix: str) -> PrefixScan:
    """The lexicon scan, segment by segment: a multi-segment reader looks every
    term up in each segment again (about ten times slower for a 1-character prefix)."""
    frequencies: dict[bytes, int] = {}
    for leaf, _ in reader.leaf_readers():
        # Each segment's first PREFIX_SCAN + 1 terms hold the union's first ones.
        lexicon = lexicon_prefix(leaf, fieldname, prefix, PREFIX_SCAN + 1)
        if lexicon is None:  # not laid out as W3Codec writes it: Whoosh reads it
            lexicon = [
                (term, info.doc_frequency())
                for term, info in itertools.islice(
                    leaf.iter_prefix(fieldname, prefix), PREFIX_SCAN + 1
                )
            ]
        for term, frequency in lexicon:
            frequencies[term] = frequencies.get(term, 0) + frequency
    ordered = sorted(frequencies)
    terms = tuple(
        (term.decode("utf-8") if isinstance(term, bytes) else term, frequencies[term])
        for term in ordered[:PREFIX_SCAN]
    )
    return terms, len(ordered) > PREFIX_SCAN


_ENTRY_LENGTHS = struct.Struct("!ii")
"""An entry of Whoosh's term table: key length, value length, then the key and value."""
_DOC_FREQUENCY = struct.Struct("!I")
_DOC_FREQUENCY_AT = 5
"""Where W3TermInfo keeps the document frequency (after a flag byte and the weight)."""
_DOC_FREQUENCY_FIRST_LAST = struct.Struct("!I6xII")
"""W3TermInfo from the document frequency: it, min/max length bytes and max weight
(skipped), first and last document."""
LEXICON_CHUNK = 1 << 16
"""Bytes of the term table read at a time by lexicon_prefix."""


def lexicon_prefix(
    leaf: Any, fieldname: str, prefix: str, limit: int
) -> list[tuple[bytes, int]] | None:
    """(term, document frequency) of the first `limit` terms of `fieldname` starting
    with `prefix` in one segment, read straight from its term table; None when the
    segment is not laid out as W3Codec writes it.

    Whoosh's iter_prefix goes through four generators, a key decoder and a
    W3TermInfo per term (~2 µs each); a one-character prefix reads thousands of terms
    in each field.
    """
    found = _term_table(leaf, fieldname, prefix, limit, _DOC_FREQUENCY)
    return None if found is None else [(term, stats[0]) for term, stats in found]


def lexicon_stats(leaf: Any, fieldname: str) -> list[tuple[bytes, int, int, int]] | None:
    """(term, document frequency, first and last document) of every term of `fieldname`
    in one segment, from its term table as `lexicon_prefix`; None when it cannot.

    The documents are the segment's own numbers, deleted ones included (the table
    is written once); a term of one or two documents needs no postings read.
    """
    found = _term_table(leaf, fieldname, "", 1 << 62, _DOC_FREQUENCY_FIRST_LAST)
    return None if found is None else [(term, df, first, last) for term, (df, first, last) in found]


def _term_table(
    leaf: Any, fieldname: str, prefix: str, limit: int, stats: struct.Struct
) -> list[tuple[bytes, tuple[int, ...]]] | None:
    """(term, `stats` unpacked from its W3TermInfo at _DOC_FREQUENCY_AT) of the first
    `limit` terms of `fieldname` starting with `prefix` in one segment."""
    terms: Any = getattr(leaf, "_terms", None)
    if type(terms) is not W3TermsReader or fieldname not in leaf.schema:
        return None
    table = terms._tindex
    if type(table) is not OrderedHashReader:
        return None
    key = terms._keycoder(fieldname, leaf._text_to_bytes(fieldname, prefix))
    found: list[tuple[bytes, tuple[int, ...]]] = []
    position = table.closest_key_pos(key)
    if position is None:
        return found
    end = table.endofdata
    header = _ENTRY_LENGTHS.size
    unpack_stats = stats.unpack_from

    def read(at_least: int) -> bytes:
        data: bytes = table.dbfile.get(position, min(max(LEXICON_CHUNK, at_least), end - position))
        return data

    chunk, chunk_at = b"", position
    while position < end and len(found) < limit:
        at = position - chunk_at
        if at + header > len(chunk):
            chunk, chunk_at, at = read(header), position, 0
        key_length, value_length = _ENTRY_LENGTHS.unpack_from(chunk, at)
        size = header + key_length + value_length
        if at + size > len(chunk):  # the entry runs past the chunk
            chunk, chunk_at, at = read(size), position, 0
        entry_key = chunk[at + header : at + header + key_length]
        if not entry_key.startswith(key):
            break
        found.append(
            (entry_key[2:], unpack_stats(chunk, at + header + key_length + _DOC_FREQUENCY_AT))
        )
        position += size
    return found
