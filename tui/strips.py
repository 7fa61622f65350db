"""Textual's `Strip` (one row of a rendered widget), cheaper to make and to free.

Two changes, each to a private part of Textual's Strip (Textual is pinned in
constraints.txt; `tests/test_strips.py` holds both to Textual's own results):

- **No cycle from `divide`.** Dividing a strip at its own length (the compositor does
  it for every row that fits its region, which is most of them) returned `[self]` and
  kept that list in the strip's own cache: the strip then referred to itself, so it and
  its caches outlived their use until the cyclic collector's next full pass. `divide`
  here answers that case without caching it (the answer is the strip itself: nothing to
  save) and leaves every other case to Textual's method. (`Strip.crop_extend` makes the
  same kind of cycle, but only Textual's Log widgets call it, and the reader has none.)
- **Caches made when first used.** Every Strip made seven small caches at birth, though
  a row is mostly cropped, styled or divided once and dropped: a keystroke's repaint made
  ~350 strips, ~2,500 caches, and the collector's young passes (a thousand and more while
  typing 30 queries) walked them all. Each cache is now made by the first method that
  reads it (`__getattr__`, called only while the slot is empty).

Measured over the UI bench's typing (160x48, ldcc): cyclic garbage a keystroke ~880 ->
~500 objects; the UI thread's garbage collection ~470-640 -> ~200-270 ms a session,
its full passes 14 -> 3; a list paint's CPU p50 1.5-3 ms less.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

CACHE_SIZES = {
    "_divide_cache": 4,
    "_crop_cache": 16,
    "_style_cache": 16,
    "_filter_cache": 4,
    "_line_length_cache": 4,
    "_crop_extend_cache": 4,
    "_offsets_cache": 4,
}
"""Strip's caches and their sizes, as Textual's `Strip.__init__` makes them."""
OTHER_SLOTS = ("_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count")

_textual_divide = Strip.divide
_textual_init = Strip.__init__


def _divide(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    cuts = list(cuts)
    length = self.cell_length
    if [cut for cut in cuts if cut <= length] == [length]:
        return [self]
    return _textual_divide(self, cuts)


def _init(self: Strip, segments: Iterable[Segment], cell_length: int | None = None) -> None:
    self._segments = list(segments)
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def _make_cache(self: Strip, name: str) -> Any:
    """A cache slot read before anything filled it: make the cache now."""
    size = CACHE_SIZES.get(name)
    if size is None:
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
    cache: FIFOCache[Any, Any] = FIFOCache(size)
    setattr(self, name, cache)
    return cache


def install() -> None:
    """Put both changes in place (once; later calls change nothing)."""
    if Strip.divide is _textual_divide:
        Strip.divide = _divide  # type: ignore[method-assign]
    if Strip.__init__ is _textual_init:
        Strip.__init__ = _init  # type: ignore[method-assign]
        Strip.__getattr__ = _make_cache  # type: ignore[attr-defined]
