"""Keys typed right after a key that moves the focus wait for where it goes.

The app hands each key to the widget focused when it comes to it, and keys typed fast
come in one read, every one of them the app's before any widget has taken the first.
Enter in the search bar searches, and the focus goes to the hits once the screen has
taken the bar's Submitted; Enter in a list (the hits, every article, bookmarks,
related) opens its article, and the focus goes to it once it is read and shown (a few
milliseconds; seconds for a long file: a 15.7 MB text took 1.3 s to 2.4 s). The keys
typed meanwhile acted where the focus still was (review): 名古屋城 Enter j typed the
j into the bar, and Enter j j moved the list's cursor two rows down, the article opened
unscrolled, or, while a long file was read, `n` opened the one under it.

So from such a key every key waits (`HeldKeys`), then the keys are sent again, in
order, and act as they would have typed once the focus was there:

- Enter in the bar: until its search has ended (its hits shown and the focus placed,
  an error said, or the search replaced): `j` moves to the second hit, a kana starts a
  new search (`Searching.search_typed_text`), Backspace goes back to the query and
  deletes its last character (or its last filter), a letter after a query that cannot
  be searched mends it. Over ldcc the keys wait 60-130 ms (名古屋城, 東京, iPhone, 映画 after:2012:
  Enter to the keys sent again).
- Enter in a list, the other keys that open an article and give it the focus (`n`,
  `N`, `R`, `v`, `w`, `W` in the list on an article not open, `[` `]` where the article
  is shown: `MainScreen._opens_with_focus`), and any opening that takes the focus:
  until the article is shown, laid out where it opens (`MainScreen.load_article`); a
  key that opens none after all lets them act once it has acted. While it is
  read the status line counts them; Esc stops the opening (the article before stays),
  the keys typed dropped; `q` typed first quits. A failed opening drops the keys it
  held, saying so. An opening replaced by another that takes the focus hands them on.

Until Enter's search has ended, or an opening has begun, the keys wait `KEYS_WAIT`
seconds at most: a search worker cancelled before it began (a newer search asked in
the same instant) never says it has ended, the index thread may be behind a long job,
and a key may open nothing (Enter on a row gone meanwhile). ctrl+q and ctrl+c quit at
once. Mouse events and pastes never wait: they act where they are aimed. The app offers
each key here first (`YomiteApp.on_event`), before its priority bindings (`/`, Tab),
which would otherwise act at once and out of order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual.events import Key

from index.wording import counted
from tui.screen_parts import MainScreenParts
from tui.waiting import when_ready
from tui.widgets import StatusKind
from tui.widgets.status_line import Topic

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.worker import Worker

QUIT_KEYS = ("ctrl+q", "ctrl+c")
"""Keys that never wait: quitting waits for nothing."""
KEYS_WAIT = 3.0
"""Seconds the keys typed after Enter wait at most for its search to end (60-130 ms
over ldcc) or an opening to begin: past that they act where the focus is."""


@dataclass
class HeldKeys:
    """The keys typed after an Enter, or while an article opens (`KeyHolds`)."""

    key: Key | None = None
    """The key of the screen's that may open an article (`n` in the list), until it has
    acted (`_key_acted`): it may open none."""
    bound: Timer | None = None
    """Sends them on at the latest (`KEYS_WAIT`), until an opening has begun."""
    search: Worker[None] | None = None
    """Enter's search in the bar, once the screen has asked it."""
    from_bar: bool = False
    """Enter was pressed in the bar: the keys wait for its search."""
    opening: object | None = None
    """The opening they wait for, once begun: the newest one that takes the focus."""
    name: str = ""
    """Its file's name and size, as the status line says it ("big.txt (16 MB)")."""
    ended: bool = False
    """What they waited for has ended: they are sent once the screen is refreshed."""
    keys: list[tuple[str, str | None]] = field(default_factory=list)
    """Each key's name and character, in the order typed."""


class KeyHolds(MainScreenParts):
    """The main screen's part that holds the keys typed after Enter or while an article
    opens."""

    _held: HeldKeys | None = None
    """The keys waiting, while a search or an opening is under way."""

    def holds_key(self, event: Key) -> bool:
        """Whether `event` (a key the app received, not forwarded yet) waits, or stopped
        an opening (Esc): the app does no more with it then. An Enter that searches or
        opens goes on, and the keys after it wait."""
        if self.app.screen is not self or event.key in QUIT_KEYS:
            return False
        held = self._held
        if held is None:
            self._hold_after(event)
            return False
        if held.opening is not None:
            if event.key == "q" and not held.keys:
                # Quit, not a letter of a query to come (`/` before it): it waited for
                # the article, 3.5 s of a 10 MB text (review).
                return False
            if event.key == "escape":
                self._stop_opening(held)
                return True
        held.keys.append((event.key, event.character))
        if held.opening is not None:
            self.status.say(
                f"opening {held.name}… {counted(len(held.keys), 'key')} wait for it · Esc stops",
                StatusKind.LASTING,
                topic=Topic.OPENING,
            )
        return True

    def _hold_after(self, event: Key) -> None:
        """The keys after `event` wait if it is an Enter that searches (in the bar) or
        opens an article (in a list, on one of its rows), or another key that opens one
        and gives it the focus (`n`, `R`, `v`, `w`, `W` in the list, `[` `]` where the
        article is shown)."""
        if event.key == "enter":
            from_bar = self.focused is self.search_bar.input
            if not from_bar and (
                self.focused is not self.article_list or self.article_list.current_id is None
            ):
                return  # (a notice listed instead, or nothing: Enter opens none)
            held = HeldKeys(from_bar=from_bar)
        elif self.focused is not self.search_bar.input and self._opens_with_focus(event.key):
            # (typed in the bar, `[` is text: its keys after it waited 3 s: review)
            held = HeldKeys(key=event)
        else:
            return
        self._held = held
        held.bound = self.set_timer(KEYS_WAIT, lambda: self._keys_act(held))

    def _keys_act(self, held: HeldKeys) -> None:
        """What `held` waited for has ended: the keys act, once the screen is refreshed."""
        if self._held is not held or held.ended:
            return
        held.ended = True
        # After the refresh, as the focus's own moves are: the focus sent back to the bar
        # puts the cursor after the query then (`_back_to_bar`), and a letter sent
        # before could type over the query, selected whole as the bar takes the focus.
        # Keys that come meanwhile wait on, behind these.
        self.call_after_refresh(self._send_again, held)

    def _send_again(self, held: HeldKeys) -> None:
        if self._held is not held:
            return
        self._held = None
        if held.bound is not None:
            held.bound.stop()
        for key, character in held.keys:
            event = Key(key, character)
            # Sent by the app, as the terminal's keys are (Pilot's too): a message stops
            # bubbling at its sender, and one made here, by the screen, never got back
            # up to the app, which runs the keys' bindings (a `j` sent on did nothing).
            event.set_sender(self.app)
            self.app.post_message(event)

    # -- Enter in the search bar -------------------------------------------------------

    def _enter_searching(self, search: Worker[None] | None) -> None:
        """The bar's Submitted taken: `search` is Enter's search (None: there is none, the
        bar was empty, and the focus is placed already)."""
        held = self._held
        if held is None or not held.from_bar or held.search is not None:
            return  # (Submitted by a filter picked, not by Enter)
        held.search = search
        if search is None:
            self._keys_act(held)

    def _enter_search_ended(self, search: Worker[None] | None) -> None:
        """`search` (a search worker, as it ends) has ended: if it was Enter's, the keys
        typed after Enter act now, its hits listed and the focus placed."""
        held = self._held
        if held is not None and search is not None and held.search is search:
            self._keys_act(held)

    # -- opening an article ------------------------------------------------------------

    def _focused_on_open(self) -> None:
        """Enter in the list went back to the article open, focused now: the keys typed
        after it act on it."""
        held = self._held
        if held is not None and held.opening is None and not held.from_bar:
            self._keys_act(held)

    def _key_acted(self, event: Key) -> None:
        """The screen's key `event` has acted: if the keys after it wait for it, and it
        opened nothing (`n` in the list judged on a row open since), they act."""
        held = self._held
        if held is not None and held.key is event:
            self._keys_act(held)

    def _hold_keys(self, article_id: str) -> object:
        """An opening that takes the focus begins: the keys typed from now wait for it,
        with those typed after the Enter that opened it or for an opening it replaced.
        Its token."""
        before = self._held
        if before is not None and before.bound is not None:
            before.bound.stop()
        opening = object()
        self._held = HeldKeys(
            opening=opening,
            name="".join(self._opening_file(article_id)),
            keys=before.keys if before is not None else [],
        )
        return opening

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

    def _not_opening(self, opening: object) -> None:
        """`opening` never began (no library to read it from): the keys held for it act
        where the focus is."""
        held = self._held
        if held is not None and held.opening is opening:
            self._keys_act(held)

    def _stop_opening(self, held: HeldKeys) -> None:
        self._held = None
        self.workers.cancel_group(self, "open")
        self._newest("open")  # what is left of its work is dropped (`load_article`)
        said = f"stopped opening {held.name}"
        if held.keys:
            said += f": {counted(len(held.keys), 'key')} dropped"
        self.status.say(said)

    def _replay_keys(self, opening: object, placed: Callable[[], bool]) -> None:
        """The article of `opening` shown: once `placed` (laid out where it opens, at its
        first match), the keys held are sent again, in order, ahead of any typed since."""

        def holding() -> bool:
            held = self._held
            return held is not None and held.opening is opening

        def send() -> None:
            if self._held is not None:
                self._send_again(self._held)

        when_ready(self, placed, send, still=holding)

    def _drop_keys(self, opening: object | None = None) -> None:
        """`opening` ended without showing its article (it failed; None: one that takes
        no focus replaced it): the keys held for it are dropped, and said to be."""
        held = self._held
        if held is None or held.opening is None or opening not in (None, held.opening):
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
