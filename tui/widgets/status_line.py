"""One line above the footer: background indexing progress and notices."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
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

    def say(
        self,
        message: Wording,
        *,
        warning: bool = False,
        hold: bool = True,
        lasting: bool = False,
        still: Callable[[], bool] | None = None,
    ) -> None:
        """Show `message` now, and (`hold`) for `self.hold` seconds at least against
        progress. It goes after `self.fade` seconds unless it is `lasting`
        (what stays true while it is shown: the open article's "match 2/8"); a warning
        after `self.warning_fade` seconds. It goes sooner once `still` (what it says is
        still so) is false at a `recheck`.

        It may carry file names and errors from the disk, which are as untrusted as
        article text (a file name can hold an escape sequence)."""
        wordings = _wordings(message)
        self._pending = None
        if self._fade_timer is not None:
            self._fade_timer.stop()
            self._fade_timer = None
        if message and not lasting:
            fade = self.warning_fade if warning else self.fade
            self._fade_timer = self.set_timer(fade, partial(self._fade_out, wordings))
        if self._timer is not None:  # a new hold: the progress held so far is dropped
            self._timer.stop()
            self._timer = None
        self._held_until = time.monotonic() + self.hold if hold else 0.0
        self._show(wordings, warning=warning)
        self._still = still

    def recheck(self) -> None:
        """The state changed: the message goes if it is no longer so. "Clear search: no
        search to clear" stayed while a search was typed, and read, once Esc had cleared
        one, as if Esc had failed."""
        still = self._still
        if still is not None and not still():
            self.say("", hold=False)

    def progress(self, message: Wording) -> None:
        """Show background progress, unless a message is being held: then once it
        has been shown its time (the latest progress only)."""
        wait = self._held_until - time.monotonic()
        if wait <= 0:
            self._show(_wordings(message), warning=False)
            return
        self._pending = _wordings(message)
        if self._timer is None:
            self._timer = self.set_timer(wait, self._show_pending)

    def _fade_out(self, wordings: tuple[str, ...]) -> None:
        self._fade_timer = None
        if self._showing == wordings and self._timer is None:  # not replaced by progress
            self._show(("",), warning=False)

    def _show_pending(self) -> None:
        self._timer = None
        if self._pending is not None:
            message, self._pending = self._pending, None
            self._show(message, warning=False)

    def _show(self, wordings: tuple[str, ...], *, warning: bool) -> None:
        self._showing = wordings
        self._still = None  # (progress, or a message faded: the one checked is gone)
        self.set_class(warning, "-warning")
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
    def message(self) -> str:
        return str(self.render())


def _wordings(message: Wording) -> tuple[str, ...]:
    wordings = (message,) if isinstance(message, str) else tuple(message)
    return wordings or ("",)
