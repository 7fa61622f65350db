"""Textual's `Strip.divide` without the reference cycle it makes of most rows.

Dividing a strip at its own length (the compositor does it for every row that fits its
region, which is most of them) returns `[self]` and keeps that list in the strip's own
cache: the strip then refers to itself, so it and its seven caches outlive their use
until the cyclic collector's next full pass. Typing a search made ~900 tracked objects
of such garbage a keystroke; the full passes that freed them took 7-28 ms, in the middle
of some keystroke's paint, and more the longer they were put off. `divide` here answers
that case without caching it (the answer is the strip itself: nothing to save) and
leaves every other case to Textual's own method. Textual is pinned (constraints.txt);
`tests/test_strip_cycles.py` checks the case and that rows are still divided as before.
(`Strip.crop_extend` makes the same kind of cycle, but only Textual's Log widgets call
it, and the reader has none.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.strip import Strip

_textual_divide = Strip.divide


def _divide(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
    cuts = list(cuts)
    length = self.cell_length
    if [cut for cut in cuts if cut <= length] == [length]:
        return [self]
    return _textual_divide(self, cuts)


def install() -> None:
    """Replace `Strip.divide` (once; later calls change nothing)."""
    if Strip.divide is _textual_divide:
        Strip.divide = _divide  # type: ignore[method-assign]
