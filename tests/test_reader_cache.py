"""The one cache of what an open index's searches read lately (index.reader_cache)."""

from __future__ import annotations

import gc

from index.reader_cache import ReaderCache


class Reader:
    """Stands for an open index reader (weakly referenceable)."""


def test_the_least_recently_used_go_first_once_the_entries_pass_the_limit() -> None:
    cache: ReaderCache[str, int] = ReaderCache(lambda: 2)
    reader = Reader()
    cache.put(reader, "a", 1)
    cache.put(reader, "b", 2)
    assert cache.get(reader, "a") == 1  # used again: b is now the oldest
    cache.put(reader, "c", 3)
    assert cache.keys(reader) == ["a", "c"]
    assert cache.get(reader, "b") is None


def test_sizes_count_against_the_limit_and_the_last_value_put_is_kept() -> None:
    cache: ReaderCache[str, str] = ReaderCache(lambda: 10)
    reader = Reader()
    cache.put(reader, "small", "s", 4)
    cache.put(reader, "medium", "m", 5)
    cache.put(reader, "large", "l", 3)  # 12 > 10: the oldest goes
    assert cache.keys(reader) == ["medium", "large"]
    cache.put(reader, "huge", "h", 50)  # alone over the limit, and still kept
    assert cache.keys(reader) == ["huge"]


def test_a_value_kept_is_not_replaced_and_is_what_every_caller_gets() -> None:
    cache: ReaderCache[str, dict[int, bool]] = ReaderCache()
    reader = Reader()
    first = cache.get_or_make(reader, "word", dict)
    first[1] = True
    assert cache.put(reader, "word", {}) is first
    assert cache.get_or_make(reader, "word", dict) is first


def test_what_is_kept_goes_with_its_reader_and_readers_are_kept_apart() -> None:
    cache: ReaderCache[str, int] = ReaderCache(lambda: 8)
    old, new = Reader(), Reader()
    cache.put(old, "query", 1)
    cache.put(new, "query", 2)
    assert (cache.get(old, "query"), cache.get(new, "query")) == (1, 2)
    del old
    gc.collect()
    assert cache.held(new) == 1
    assert len(cache._kept) == 1
