"""Where a content field holds stop words (particles, auxiliaries, symbols, white space),
so that a phrase typed with a particle matches only a text with one in its place.

The content fields drop stop words but keep their positions (a gap where each stood),
so 日本代表 is not found in 日本を代表. The other way round, positions alone cannot
tell what fills a gap: 東京の大学 (東京 at p, 大学 at p+2) was found in 東京工業大学
too (20 articles of ldcc, where 2 write 東京の大学). Each document therefore keeps,
per content field, one bit a position set where a stop word stands (`stop_bits`: a
column of its own, `stops_column`), and a phrase's match whose gaps hold anything but
stop words does not count (`across_stops`). Which stop word does not matter (the
query's の need not be the text's の), nor does the text's white space count as more
than MeCab reads it (it reads none).

The bits are written with the document (`index.schema.document_fields`), so Whoosh's
merges copy them as any column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Any

from whoosh import columns

from index.reader_cache import ReaderCache

STOPS_SUFFIX = "_stops"


def stops_column(fieldname: str) -> str:
    """The column holding the stop positions of content field `fieldname`."""
    return fieldname + STOPS_SUFFIX


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def packed(flags: bytes) -> bytes:
    """One flag byte a position (0 or 1) as one bit a position: bit p % 8 of byte p // 8,
    trailing zero bytes left out (a position past the end holds no stop word)."""
    if not flags:
        return b""
    number = int(flags.translate(_DIGITS)[::-1], 2)  # in C: a loop a position was not
    return number.to_bytes((len(flags) + 7) // 8, "little").rstrip(b"\0")


def gaps_between(offsets: Iterable[int]) -> tuple[int, ...]:
    """The offsets between the first and the last of `offsets` that hold none of its
    words (a phrase's places its particles stood in), in order."""
    held = set(offsets)
    if not held:
        return ()
    return tuple(at for at in range(min(held), max(held)) if at not in held)


def holds_stops(bits: bytes, start: int, gaps: Sequence[int]) -> bool:
    """Whether a stop word stands at `start + gap` for every one of `gaps`."""
    count = len(bits)
    for gap in gaps:
        at = start + gap
        byte = at >> 3
        if byte >= count or not (bits[byte] >> (at & 7)) & 1:
            return False
    return True


class StopColumn:
    """A segment's stop bits of one field, every document's read at once (~0.3 MB for
    the body of half of ldcc): a phrase checks a thousand candidates or more (ところがあ,
    した話 as typed), and reading each one's bits from the column took ~3 µs a document."""

    __slots__ = ("data", "lengths", "offsets")

    def __init__(self, column: Any) -> None:
        if isinstance(column, columns.VarBytesColumn.Reader) and column._lengths:
            self.offsets: Sequence[int] = column._offsets
            self.lengths: Sequence[int] = column._lengths
            end = self.offsets[-1] + self.lengths[-1]
            self.data: bytes = column._dbfile.get(column._basepos, end) if end else b""
        else:  # any other layout: each document's bits copied out
            values = [bytes(column[docnum]) for docnum in range(len(column))]
            self.lengths = [len(value) for value in values]
            self.offsets = list(accumulate(self.lengths, initial=0))[:-1]
            self.data = b"".join(values)

    def bits(self, docnum: int) -> bytes:
        """The stop bits of document `docnum` (see `packed`)."""
        at = self.offsets[docnum]
        return self.data[at : at + self.lengths[docnum]]

    def holds(self, docnum: int, start: int, gaps: Sequence[int]) -> bool:
        """`holds_stops` of document `docnum`'s bits, read in place."""
        data, base, count = self.data, self.offsets[docnum], self.lengths[docnum]
        for gap in gaps:
            at = start + gap
            byte = at >> 3
            if byte >= count or not (data[base + byte] >> (at & 7)) & 1:
                return False
        return True


# Each segment's stop bits of a field, read once (`StopColumn`); _NO_COLUMN where the
# segment keeps none.
_columns: ReaderCache[str, Any] = ReaderCache()
_NO_COLUMN = object()


def stop_column(reader: Any, fieldname: str) -> StopColumn | None:
    """The stop bits of `fieldname` in segment `reader`, or None where the index keeps
    none (a field that is not a content field, an index built before them)."""
    column = _columns.get(reader, fieldname)
    if column is None:
        name = stops_column(fieldname)
        found: Any = _NO_COLUMN
        if name in reader.schema and reader.has_column(name):
            found = StopColumn(reader.column_reader(name, translate=False))
        column = _columns.put(reader, fieldname, found)
    return None if column is _NO_COLUMN else column


def stop_bits(reader: Any, fieldname: str, docnum: int) -> bytes | None:
    """The stop bits of `fieldname` in document `docnum` of segment `reader`, or None
    where the index keeps none."""
    column = stop_column(reader, fieldname)
    return None if column is None else column.bits(docnum)


def across_stops(
    reader: Any, fieldname: str, docnum: int, starts: Iterable[int], gaps: Sequence[int]
) -> bool:
    """Whether a phrase beginning at one of `starts` (its words found in place) holds a
    stop word at each of its `gaps` (`gaps_between` its words' offsets) in `fieldname`
    of document `docnum` of segment `reader`. True where the phrase has no gap, or the
    field keeps no stop positions."""
    if not gaps:
        return True
    column = stop_column(reader, fieldname)
    if column is None:
        return True
    return any(column.holds(docnum, start, gaps) for start in starts)
