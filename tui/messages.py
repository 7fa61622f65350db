"""App-wide messages posted from worker threads; widget events live in their widgets.

`post_message` is safe from any thread and never blocks, so the background
update reports through these instead of waiting on the UI with `call_from_thread`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from index.library import UpdateReport


@dataclass
class IndexProgress(Message):
    """The background update has looked at `done` of `total` files."""

    done: int
    total: int


@dataclass
class IndexUpdated(Message):
    """The background update committed (or found nothing to do)."""

    report: UpdateReport


@dataclass
class Notice(Message):
    """A one-line message for the status line."""

    text: str
    warning: bool = False
