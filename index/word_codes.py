"""Which word stands at each position of a content field, as a 16-bit code, so that a
phrase's common words are checked where its rarest word stands instead of read.

A phrase across a particle is checked by position (its words' pairs are not indexed
apart: `index.analysis.MAX_PAIR_GAP`): every word's positions were decoded in every
document holding them all, and a common word stands everywhere (為る of した話, ~18
times in nearly every article of ldcc: ~2.7 ms a segment, the most of the search).
Each document therefore keeps, per content field, the code of the word at each of its
positions (`word_codes`: a column of its own, `codes_column`; 0 where a stop word
stands, or nothing), and the phrase checks (`index.phrase_checks`) read the rarest
word's positions alone, look the others' codes up where they would stand, and read
their positions only in the few documents where every code is in its place: two
words may share a code, so a code in place is a document to check, never a match.

The codes are written with the document (`index.schema.document_fields`), from the
analysis the fields' terms are taken from (`index.terms`), so Whoosh's merges copy
them as any column; one word stands at a position at most.
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from whoosh import columns

from index.reader_cache import ReaderCache

CODES_SUFFIX = "_codes"
NO_WORD = 0
"""The code of a position holding no word (a stop word, the gap between parts)."""


def codes_column(fieldname: str) -> str:
    """The column holding the word codes of content field `fieldname`."""
    return fieldname + CODES_SUFFIX


def word_code(term: str) -> int:
    """The code of `term` (as a content field indexes it): 1 to 65535, the same in every
    process (CRC-32 of its UTF-8, not Python's salted `hash`)."""
    return zlib.crc32(term.encode("utf-8")) % 65535 + 1


def packed_codes(codes: array[int]) -> bytes:
    """An array of 16-bit codes, one a position, as the column keeps them (little-endian,
    trailing positions holding no word left out)."""
    end = len(codes)
    while end and not codes[end - 1]:
        end -= 1
    if end < len(codes):
        codes = codes[:end]
    if sys.byteorder != "little":
        codes = array("H", codes)
        codes.byteswap()
    return codes.tobytes()


class WordCodes:
    """A segment's word codes of one field, every document's, read in place (a view of
    the index's mapped file where it is one, else one copy: ~2.5 MB the body of half of
    ldcc)."""

    __slots__ = ("codes", "lengths", "offsets")

    def __init__(self, column: Any) -> None:
        if isinstance(column, columns.VarBytesColumn.Reader) and column._lengths:
            offsets: Sequence[int] = column._offsets
            lengths: Sequence[int] = column._lengths
            end = offsets[-1] + lengths[-1]
            buffer = getattr(column._dbfile, "_buf", None)
            data: Any
            if isinstance(buffer, memoryview) and buffer.ndim == 1 and buffer.itemsize == 1:
                data = buffer[column._basepos : column._basepos + end]
            else:
                data = column._dbfile.get(column._basepos, end) if end else b""
        else:  # any other layout: each document's codes copied out
            values = [bytes(column[docnum]) for docnum in range(len(column))]
            lengths = [len(value) for value in values]
            offsets = list(accumulate(lengths, initial=0))[:-1]
            data = b"".join(values)
        if sys.byteorder == "little":
            self.codes: Sequence[int] = memoryview(data).cast("B").cast("H")
        else:
            swapped = array("H", bytes(data))
            swapped.byteswap()
            self.codes = swapped
        self.offsets = offsets
        """Where each document's codes begin in `codes`, in bytes (twice the index)."""
        self.lengths = lengths
        """How many bytes of codes each document has (twice their number)."""


# Each segment's word codes of a field, read once (`WordCodes`); _NO_COLUMN where the
# segment keeps none.
_columns: ReaderCache[str, Any] = ReaderCache()
_NO_COLUMN = object()


def word_codes(reader: Any, fieldname: str) -> WordCodes | None:
    """The word codes of `fieldname` in segment `reader`, or None where the index keeps
    none (a field that is not a content field, an index built before them)."""
    found = _columns.get(reader, fieldname)
    if found is None:
        name = codes_column(fieldname)
        found = _NO_COLUMN
        if name in reader.schema and reader.has_column(name):
            found = WordCodes(reader.column_reader(name, translate=False))
        found = _columns.put(reader, fieldname, found)
    return None if found is _NO_COLUMN else found
