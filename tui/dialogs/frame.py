"""The frame of a dialog: a `Vertical` that repaints the rows around it whole when it
changes size.

Textual (8.2) repaints only the region a dialog left when it shrinks, and crops the
rows under it there (`ChopsUpdate.render_segments` crops each row at the end of the
region repainted): a wide character of the text behind (a kanji of the list) that
straddles the old edge is cut, its half inside drawn as a blank, the half outside never
repainted (a blank since the dialog's edge cut it). The date dialog's hint (four lines
at 80 columns) replaced by a one-line error left `話  に` in the list row it uncovered,
until it closed. The rows it covered and covers are repainted from edge to edge
instead, where no character is cut. Upstream, the same cut of a wide character at an
overlay's edge, where it stands (a toast over a border): Textualize/textual#6357."""

from __future__ import annotations

from textual import events
from textual.containers import Vertical
from textual.geometry import Region


class DialogFrame(Vertical):
    """A dialog's box (styled as the `Vertical` it is)."""

    _covered: Region | None = None
    """The region of the screen the frame covered when last sized."""

    def on_resize(self, event: events.Resize) -> None:
        region = self.region
        covered, self._covered = self._covered, region
        if covered is None or covered == region or not region:
            return
        rows = covered.union(region)
        screen = self.screen
        screen.refresh(Region(0, rows.y, screen.size.width, rows.height))
