"""Keys typed after Enter in the search bar wait for its search.

Enter in the bar searches the query as submitted, and the focus goes to the hits, or
stays in the bar if there are none to move through (`Searching._bar_submitted`,
`_focus_after_enter`). Keys typed fast come in one read (名古屋城 Enter j), and the app
forwards each to the widget focused when it comes to it: the bar, until the screen
had taken Enter's Submitted and moved the focus. The `j` meant to move down the hits
was typed into the query (名古屋城j, which found nothing, replacing the search
submitted), and 携帯がな Enter い made 携帯がない of it (review). A key that did reach the
list before the answer acted on the hits as typed, which the answer then replaced,
its cursor back at the first.

So from Enter in the bar until its search has ended (its hits shown and the focus
placed, an error said, or the search replaced) every key waits, then they are sent
again, in order, and act as they would have, typed once the hits were there: `j`
moves to the second hit, a kana starts a new search (`Searching.search_typed_text`),
a letter after a query that cannot be searched mends it. Over ldcc the keys wait 60-130
ms (名古屋城, 東京, iPhone, 映画 after:2012: Enter to the keys sent again).

ctrl+q and ctrl+c quit at once. Mouse events and pastes never wait. The keys wait
`ENTER_KEYS_WAIT` seconds at most: a search worker cancelled before it began (a newer
search asked in the same instant) never runs its own end, nor says it has ended, and
the index thread may be behind a long job. The app offers each key here first
(`YomiteApp.on_event`), before its priority bindings (`/`, Tab), as it does to
`tui.opening_keys`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.events import Key

from tui.opening_keys import QUIT_KEYS
from tui.screen_parts import MainScreenParts

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.worker import Worker

ENTER_KEYS_WAIT = 3.0
"""Seconds the keys typed after Enter wait for its search at most (60-130 ms over ldcc):
past that they act where the focus is."""


@dataclass
class KeysAfterEnter:
    """The keys typed after Enter in the search bar (`EnterKeys`)."""

    bound: Timer | None = None
    """Sends them on at the latest (`ENTER_KEYS_WAIT`)."""
    search: Worker[None] | None = None
    """Enter's search, once the screen has asked it."""
    ended: bool = False
    """The search has ended: the keys are sent once the screen is refreshed."""
    keys: list[tuple[str, str | None]] = field(default_factory=list)
    """Each key's name and character, in the order typed."""


class EnterKeys(MainScreenParts):
    """The main screen's part that holds the keys typed after Enter in the search bar."""

    _after_enter: KeysAfterEnter | None = None
    """The keys waiting for Enter's search, while one is under way."""

    def holds_key_after_enter(self, event: Key) -> bool:
        """Whether `event` (a key the app received, not forwarded yet) waits for the
        search of an Enter pressed in the bar before it. Enter in the bar itself goes on
        to the bar, and the keys after it wait."""
        if self.app.screen is not self or event.key in QUIT_KEYS:
            return False
        held = self._after_enter
        if held is not None:
            held.keys.append((event.key, event.character))
            return True
        if event.key == "enter" and self.focused is self.search_bar.input:
            held = self._after_enter = KeysAfterEnter()
            held.bound = self.set_timer(ENTER_KEYS_WAIT, lambda: self._enter_ended(held))
        return False

    def _enter_searching(self, search: Worker[None] | None) -> None:
        """The bar's Submitted taken: `search` is Enter's search (None: there is none, the
        bar was empty, and the focus is placed already)."""
        held = self._after_enter
        if held is None or held.search is not None:
            return  # (Submitted by a filter picked, not by Enter)
        held.search = search
        if search is None:
            self._enter_ended(held)

    def _enter_search_ended(self, search: Worker[None] | None) -> None:
        """`search` (a search worker, as it ends) has ended: if it was Enter's, the keys
        typed after Enter act now, its hits listed and the focus placed."""
        held = self._after_enter
        if held is not None and search is not None and held.search is search:
            self._enter_ended(held)

    def _enter_ended(self, held: KeysAfterEnter) -> None:
        if self._after_enter is not held or held.ended:
            return
        held.ended = True
        # After the refresh, as the focus's own moves are: the focus sent back to the bar
        # puts the cursor after the query then (`_back_to_bar`), and a letter sent
        # before could type over the query, selected whole as the bar takes the focus.
        # Keys that come meanwhile wait on, behind these.
        self.call_after_refresh(self._send_keys_after_enter, held)

    def _send_keys_after_enter(self, held: KeysAfterEnter) -> None:
        if self._after_enter is not held:
            return
        self._after_enter = None
        if held.bound is not None:
            held.bound.stop()
        for key, character in held.keys:
            event = Key(key, character)
            # Sent by the app, as the terminal's keys are (Pilot's too): a message stops
            # bubbling at its sender, and one made here, by the screen, never got back
            # up to the app, which runs the keys' bindings (a `j` sent on did nothing).
            event.set_sender(self.app)
            self.app.post_message(event)
