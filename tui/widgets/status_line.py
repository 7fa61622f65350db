"""One line above the footer: background indexing progress and notices."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Sequence
from enum import Enum
from functools import partial

from rich.cells import cell_len
from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from index.sanitize import sanitize

HOLD_SECONDS = 2.0
"""How long a message stays before background progress may replace it: the update
reports progress ten times a second, and "marked read" or an error was overwritten
before it could be read (or, with the UI busy, before it was ever painted)."""
FADE_SECONDS = 6.0
"""How long a passing message ("marked read", "copied URL") stays: left up, it went on
saying so long after it applied, over other searches and articles."""
Wording = str | Sequence[str]
"""A message, or its wordings, the fullest first: the line shows the first that fits
its width (the last, cut, when none does), and chooses again when it is resized."""

WARNING_FADE_SECONDS = 20.0
"""How long a warning stays ("no site values in the index"): longer, but it goes too;
left up, it read as a current error minutes later, through other searches."""


class StatusKind(Enum):
    """How long a message stays, and how it looks."""

    PASSING = "passing"
    """Goes after `StatusLine.fade` seconds ("marked read", "copied URL")."""
    WARNING = "warning"
    """In the warning colour; goes after `StatusLine.warning_fade` seconds."""
    LASTING = "lasting"
    """Stays while nothing replaces it: what is so while it is shown (the open
    article's "match 2/8", "rebuilding the index…")."""
    HINT = "hint"
    """Lasting, but not held against progress: the update's progress replaces it at
    once (the start's hint of the keys)."""


class Topic(Enum):
    """What a message is about, for the part that said it to know it is still shown:
    by what the line holds, not by what it reads, which another message may read too."""

    INDEX_BUSY = "index busy"
    """Another yomite is updating the index: its commit is awaited."""
    UPDATE_REPORT = "update report"
    """The reader's own update's counts (`update_wordings`)."""
    NOTHING_TO_RECALL = "nothing to recall"
    """↑ or ↓ in the search bar found no search to bring back."""
    ARTICLE_HITS = "article hits"
    """The open article's matches ("match 2/8", "8 matches in this article")."""
    CARDS_LAYOUT = "cards layout"
    """Where `c` put the source cards in a wide layout."""
    OPENING = "opening"
    """An article slow to open is being read ("opening big10.txt (10 MB)…")."""
    IGNORED_WORDS = "ignored words"
    """The words the search shown left out (particles: 東京 から 大阪)."""
    FEW_HITS = "few hits"
    """Why Enter's search found so few (`index.hints.few_hit_hints`: 東京 or 大阪)."""


def until_faded() -> bool:
    """`still` of a message said of no key's action that stays its time, however the
    reader moves on meanwhile: what is under way ("rebuilding the index…"), or a
    warning of an update's, to be read (the update's other news goes once the reader
    moves on: `until_moved_on`)."""
    return True


Moment = Callable[[], tuple[int, Hashable]]
"""How many actions the reader has run, and where it stands (see `StatusLine.moment`)."""


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        height: 1; padding: 0 1; color: $text-muted; background: $panel;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    StatusLine.-warning { color: $warning; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hold = HOLD_SECONDS
        self._held_until = 0.0
        self._pending: tuple[str, ...] | None = None
        self._timer: Timer | None = None
        self.fade = FADE_SECONDS
        self.warning_fade = WARNING_FADE_SECONDS
        self._fade_timer: Timer | None = None
        self._showing: tuple[str, ...] = ("",)
        self._still: Callable[[], bool] | None = None
        self._kind = StatusKind.PASSING
        self._topic: Topic | None = None
        self.moment: Moment | None = None
        """Set by the screen: the number of actions run so far, and where the reader
        stands (the article open, the list shown, the pane focused). A message said
        with neither `still` nor `topic` (what a key just did: "the first in the list",
        the word under the cursor) goes once a later action moves the reader on, at a
        `recheck`; it had stayed its seconds over the next article `]` opened."""

    def say(
        self,
        message: Wording,
        kind: StatusKind = StatusKind.PASSING,
        *,
        topic: Topic | None = None,
        still: Callable[[], bool] | None = None,
    ) -> None:
        """Show `message` now, and (but a `HINT`) for `self.hold` seconds at least
        against progress. It goes as its `kind` says; sooner once `still` (what it says
        is still so) is false at a `recheck`. `topic`: what it is about, while it is
        shown (`self.topic`).

        It may carry file names and errors from the disk, which are as untrusted as
        article text (a file name can hold an escape sequence)."""
        wordings = _wordings(message)
        self._pending = None
        if self._fade_timer is not None:
            self._fade_timer.stop()
            self._fade_timer = None
        if message and kind in (StatusKind.PASSING, StatusKind.WARNING):
            fade = self.warning_fade if kind is StatusKind.WARNING else self.fade
            self._fade_timer = self.set_timer(fade, partial(self._fade_out, wordings))
        if self._timer is not None:  # a new hold: the progress held so far is dropped
            self._timer.stop()
            self._timer = None
        self._held_until = 0.0 if kind is StatusKind.HINT else time.monotonic() + self.hold
        self._show(wordings, kind, topic)
        if still is None and topic is None and message and kind in _OF_AN_ACTION:
            still = self.until_moved_on()
        self._still = still

    def until_moved_on(self) -> Callable[[], bool]:
        """`still` of a message said by an action: true until a later action has moved
        the reader on. The action that said it may move on itself (`*` says "searched
        for 東京", then lists the hits): where it leaves the reader is where it holds.
        (Always true with no `moment` set.)"""
        moment = self.moment
        if moment is None:
            return until_faded
        said_in, said_at = moment()

        def not_moved_on() -> bool:
            nonlocal said_at
            action, where = moment()
            if where == said_at:
                return True
            if action == said_in:
                said_at = where
                return True
            return False

        return not_moved_on

    def clear(self) -> None:
        """Say nothing, the update's progress free to show at once."""
        self.say("", StatusKind.HINT)

    def recheck(self) -> None:
        """The state changed: the message goes if it is no longer so. "Clear search: no
        search to clear" stayed while a search was typed, and read, once Esc had cleared
        one, as if Esc had failed."""
        still = self._still
        if still is not None and not still():
            self.clear()

    def progress(self, message: Wording) -> None:
        """Show background progress, unless a message is being held: then once it
        has been shown its time (the latest progress only)."""
        wait = self._held_until - time.monotonic()
        if wait <= 0:
            # An older progress held until now, its timer late (a busy loop), would be
            # shown over this one when the timer runs.
            self._pending = None
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self._show(_wordings(message))
            return
        self._pending = _wordings(message)
        if self._timer is None:
            self._timer = self.set_timer(wait, self._show_pending)

    def _fade_out(self, wordings: tuple[str, ...]) -> None:
        self._fade_timer = None
        if self._showing == wordings and self._timer is None:  # not replaced by progress
            self._show(("",))

    def _show_pending(self) -> None:
        self._timer = None
        if self._pending is not None:
            message, self._pending = self._pending, None
            self._show(message)

    def _show(
        self,
        wordings: tuple[str, ...],
        kind: StatusKind = StatusKind.PASSING,
        topic: Topic | None = None,
    ) -> None:
        """(Progress, or a message faded, is shown as passing, of no topic: the message
        that was is gone.)"""
        self._showing = wordings
        self._still = None
        self._kind = kind
        self._topic = topic
        self.set_class(kind is StatusKind.WARNING, "-warning")
        self._word(wordings)

    def _word(self, wordings: tuple[str, ...]) -> None:
        """The first of `wordings` that fits the line's width, or the last (cut)."""
        # Before the first layout, the screen's width less the padding.
        width = self.content_size.width or max(0, self.app.size.width - 2)
        shown = [sanitize(wording) for wording in wordings]
        fitting = next((line for line in shown if cell_len(line) <= width), shown[-1])
        self.update(Text(fitting))

    def on_resize(self) -> None:
        """A wording chosen for the width before the resize was cut, or left room unused:
        "7 added" stayed at 160 columns, where "index up to date: 7 added, …" fits."""
        if len(self._showing) > 1:
            self._word(self._showing)

    @property
    def wordings(self) -> tuple[str, ...]:
        """What was said, in every wording it has (the line shows one: `message`)."""
        return self._showing

    @property
    def kind(self) -> StatusKind:
        """The kind of what is shown (progress, or nothing, is `PASSING`)."""
        return self._kind

    @property
    def topic(self) -> Topic | None:
        """What the message shown is about, if its sayer said (`say`)."""
        return self._topic

    @property
    def message(self) -> str:
        return str(self.render())


_OF_AN_ACTION = (StatusKind.PASSING, StatusKind.LASTING)
"""The kinds whose messages go once the reader moves on (see `StatusLine.moment`); a
warning stays its time, to be read."""


def _wordings(message: Wording) -> tuple[str, ...]:
    wordings = (message,) if isinstance(message, str) else tuple(message)
    return wordings or ("",)
