"""What the searches of an open index read lately, kept per reader: one cache class
for the results, term scores, posting blocks, prefix scans and the like that
`index.search`, `index.matching`, `index.term_scores`, `index.postings`, and for the
compiler `index.lexicon`, `index.filters` and `index.read_on` keep.

Kept per reader, weakly: a new commit opens a new reader, so nothing stale is served,
and what was kept for the old one goes with it. A value must not hold its reader (nor
anything holding it), or the entry would keep the reader alive for good.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


class ReaderCache(Generic[_Key, _Value]):
    """Values kept per reader (weakly: they go with it), each with its size (1 unless
    told: `limit` then counts entries); the least recently used are dropped once the
    sizes pass `limit()` (read at each put, so that a test may change it), the last one
    put always kept. No `limit`: the values are bounded by nature (one per field, say).
    Thread-safe; a value is shared, never replaced once kept (one made meanwhile by
    another thread is dropped for the one kept)."""

    def __init__(self, limit: Callable[[], int] | None = None) -> None:
        self._limit = limit
        self._lock = threading.Lock()
        self._kept: weakref.WeakKeyDictionary[Any, OrderedDict[_Key, tuple[_Value, int]]] = (
            weakref.WeakKeyDictionary()
        )
        self._sizes: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()

    def get(self, reader: Any, key: _Key) -> _Value | None:
        """The value kept for `key`, if any (now the most recently used)."""
        with self._lock:
            kept = self._kept.get(reader)
            found = None if kept is None else kept.get(key)
            if kept is None or found is None:
                return None
            kept.move_to_end(key)
            return found[0]

    def put(self, reader: Any, key: _Key, value: _Value, size: int = 1) -> _Value:
        """Keep `value` for `key` unless one is kept already; the value kept."""
        with self._lock:
            kept = self._kept.get(reader)
            if kept is None:
                kept = self._kept[reader] = OrderedDict()
            found = kept.get(key)
            if found is not None:
                return found[0]
            kept[key] = (value, size)
            total = self._sizes.get(reader, 0) + size
            if self._limit is not None:
                while total > self._limit() and len(kept) > 1:
                    _, (_, dropped) = kept.popitem(last=False)
                    total -= dropped
            self._sizes[reader] = total
            return value

    def get_or_make(self, reader: Any, key: _Key, make: Callable[[], _Value]) -> _Value:
        """The value kept for `key`, else `make()` (called unlocked), kept (size 1)."""
        found = self.get(reader, key)
        return self.put(reader, key, make()) if found is None else found

    def keys(self, reader: Any) -> list[_Key]:
        """The keys kept for `reader`, least recently used first."""
        with self._lock:
            return list(self._kept.get(reader) or ())

    def held(self, reader: Any) -> int:
        """How many values are kept for `reader`."""
        with self._lock:
            return len(self._kept.get(reader) or ())

    def forget(self, reader: Any) -> None:
        """Drop what is kept for `reader`."""
        with self._lock:
            self._kept.pop(reader, None)
            self._sizes.pop(reader, None)
