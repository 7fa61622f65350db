"""App-wide messages posted from worker threads; widget events live in their widgets.

`post_message` is safe from any thread and never blocks, so the background
update reports through these instead of waiting on the UI with `call_from_thread`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from tui.widgets.status_line import StatusKind, Topic, Wording

if TYPE_CHECKING:
    from index.library import UpdateReport


@dataclass
class IndexProgress(Message):
    """The background update has looked at `done` of `total` files."""

    done: int
    total: int
    seconds: float = 0.0
    """Since the update started."""
    writing: bool = False
    """Every file is read: the index is being written."""

    @property
    def label(self) -> str:
        """`indexing 522/7,367 files · 95 files/s · about 1:12 left` (the rate once known);
        `indexing 7,367/7,367 files · writing the index…` once every file is read."""
        label = f"indexing {self.done:,}/{self.total:,} files"
        if self.writing:
            return label + " · writing the index…"
        if self.seconds >= 2 and self.done >= 10:
            rate = self.done / self.seconds
            left = round((self.total - self.done) / rate)
            label += f" · {rate:.0f} files/s · about {left // 60}:{left % 60:02d} left"
        return label + "…"

    @property
    def wordings(self) -> tuple[str, ...]:
        """`label`, then shorter for a narrow status line (chosen again on a resize):
        `indexing 522/7,367 files…`, `indexing 522/7,367…`; `writing the index…`."""
        if self.writing:
            return (self.label, "writing the index…")
        done = f"{self.done:,}/{self.total:,}"
        return (self.label, f"indexing {done} files…", f"indexing {done}…")


@dataclass
class IndexUpdated(Message):
    """The background update committed (or found nothing to do)."""

    report: UpdateReport
    quiet: bool = False
    """A rescan's update: nothing is said unless something changed."""


@dataclass
class Notice(Message):
    """A one-line message for the status line."""

    text: Wording
    """The message, or its wordings, the fullest first (`StatusLine.say`)."""
    kind: StatusKind = StatusKind.PASSING
    topic: Topic | None = None
