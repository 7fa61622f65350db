"""The documents of an index in an order of their own, the same however it was built.

A document's number is where its segment put it: a bulk build's workers take the files
in batches as each is free, so two builds of the same files number them otherwise, and
an update adds its files in a segment of their own. What reads documents in order
until a budget is spent (`index.read_on`: how the articles write a reading) learnt from
other articles in each, and found otherwise: `しょうがない` at Enter found 75 articles
of ldcc in one build, 62 in another. Read in the order of a key of each article's id
(`order_key`, kept in the ORDER_COLUMN column), they learn the same from the same
articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import blake2b
from typing import Any

from index.reader_cache import ReaderCache

ORDER_COLUMN = "order"
"""The column of each document's `order_key`."""


def order_key(article_id: str) -> int:
    """A key of `article_id` (unsigned, 64 bits), spread evenly: ids alike (a folder's
    files numbered in sequence) are not read one after the other."""
    return int.from_bytes(blake2b(article_id.encode("utf-8"), digest_size=8).digest(), "big")


# The key of every document of a reader, by number, read once: None where the index
# keeps no order column (built before it), whose documents go by number.
_keys: ReaderCache[str, tuple[Any, ...]] = ReaderCache()


def stable_order(reader: Any, docnums: Iterable[int]) -> list[int]:
    """`docnums` of `reader` in the order of their articles' keys (by number where the
    index keeps none)."""
    kept = _keys.get(reader, ORDER_COLUMN)
    if kept is None:
        keys: Any = None
        if ORDER_COLUMN in reader.schema and reader.has_column(ORDER_COLUMN):
            keys = list(reader.column_reader(ORDER_COLUMN, translate=False))
        kept = _keys.put(reader, ORDER_COLUMN, (keys,))
    keys = kept[0]
    if keys is None:
        return sorted(docnums)
    return sorted(docnums, key=keys.__getitem__)
