"""Keys typed while an article opens wait for it.

After Enter (any opening that gives the article the focus) the keys a reader types go
to the article: that is where they would go had it opened at once, as most do, in a
few milliseconds. A long file takes seconds to read and parse (a 15.7 MB text, 1.3 s
to 2.4 s), and the keys typed meanwhile acted on what had the focus then: j j j moved
the list's cursor to another article, `n` opened the one under it again, and the
article, shown at last, took the focus from there (review).

So from the opening until the article is shown, laid out where it opens, every key
waits (the status line counts them), then they are sent again, in order, and act on
it as they would have. Esc does not wait: it stops the opening (the article before
stays), the keys typed dropped, and the list's keys act on the list again. ctrl+q and
ctrl+c quit at once, and `q` typed first. A failed opening drops the keys it held,
saying so. Mouse events and pastes never wait: they act where they are aimed.

The app offers each key here first (`YomiteApp.on_event`), before its priority
bindings (`/`, Tab), which would otherwise act at once and out of order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.events import Key

from index.wording import counted
from tui.screen_parts import MainScreenParts
from tui.widgets import StatusKind
from tui.widgets.status_line import Topic

QUIT_KEYS = ("ctrl+q", "ctrl+c")
"""Keys that act while an article opens: quitting waits for nothing."""
REPLAY_TRIES = 20
"""Refreshes the article shown is waited for to be laid out where it opens (its first
match) before the keys held act on it (then they act all the same)."""


@dataclass
class HeldKeys:
    """The keys typed while an article opens (`OpeningKeys`)."""

    opening: object
    """The opening they wait for: the newest one that takes the focus."""
    name: str
    """Its file's name and size, as the status line says it ("big.txt (16 MB)")."""
    keys: list[tuple[str, str | None]] = field(default_factory=list)
    """Each key's name and character, in the order typed."""


class OpeningKeys(MainScreenParts):
    """The main screen's part that holds the keys typed while an article opens."""

    _held: HeldKeys | None = None
    """The keys waiting for the article being opened, if one is that takes the focus."""

    def _opening_file(self, article_id: str) -> tuple[str, str]:
        """The file of `article_id` as said while it opens: its name, and its size
        (" (16 MB)", or "" if it cannot be looked at)."""
        summary = next(
            (e.summary for e in self.article_list.entries if e.summary.id == article_id), None
        )
        name = Path(summary.path).name if summary is not None else article_id
        try:
            size = f" ({file_size(Path(summary.path).stat().st_size)})" if summary else ""
        except OSError:
            size = ""
        return name, size

    def _hold_keys(self, article_id: str) -> object:
        """An opening that takes the focus begins: the keys typed from now wait for it
        (those typed for one it replaced wait on, for this one). Its token."""
        opening = object()
        keys = self._held.keys if self._held is not None else []
        self._held = HeldKeys(opening, "".join(self._opening_file(article_id)), keys)
        return opening

    def holds_key(self, event: Key) -> bool:
        """Whether `event` (a key the app received) waits for the article opening, or
        stopped it (Esc): the app does no more with it then."""
        held = self._held
        if held is None or self.app.screen is not self or event.key in QUIT_KEYS:
            return False
        if event.key == "q" and not held.keys:
            # Quit, not a letter of a query to come (`/` before it): it waited for the
            # article, 3.5 s of a 10 MB text (review).
            return False
        if event.key == "escape":
            self._stop_opening(held)
            return True
        held.keys.append((event.key, event.character))
        self.status.say(
            f"opening {held.name}… {counted(len(held.keys), 'key')} wait for it · Esc stops",
            StatusKind.LASTING,
            topic=Topic.OPENING,
        )
        return True

    def _stop_opening(self, held: HeldKeys) -> None:
        self._held = None
        self.workers.cancel_group(self, "open")
        self._newest("open")  # what is left of its work is dropped (`load_article`)
        said = f"stopped opening {held.name}"
        if held.keys:
            said += f": {counted(len(held.keys), 'key')} dropped"
        self.status.say(said)

    def _replay_keys(self, opening: object, placed: Callable[[], bool], tries: int = 0) -> None:
        """The article of `opening` shown: once `placed` (laid out where it opens, at its
        first match), the keys held are sent again, in order, ahead of any typed since."""
        held = self._held
        if held is None or held.opening is not opening:
            return
        if not placed() and tries < REPLAY_TRIES:
            self.call_after_refresh(self._replay_keys, opening, placed, tries + 1)
            return
        self._held = None
        for key, character in held.keys:
            self.app.post_message(Key(key, character))

    def _drop_keys(self, opening: object) -> None:
        """`opening` ended without showing its article (it failed, or one that takes no
        focus replaced it): the keys held for it are dropped, and said to be."""
        held = self._held
        if held is None or held.opening is not opening:
            return
        self._held = None
        if held.keys:
            self._toast(
                f"{counted(len(held.keys), 'key')} typed while {held.name} opened dropped",
                severity="warning",
            )


def file_size(size: int) -> str:
    """A file's size as the status line gives it: 10 MB, 340 KB."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:,.0f} MB"
    return f"{max(size / 1000, 1):,.0f} KB"
