"""The main screen: search bar, article list, reading view, source cards.

The screen owns the reader's flow (what is listed, what is open, which pane
has focus) and runs every Whoosh or MeCab call in a worker, so the UI paints
and answers keys while searches, loads and the background update run.

Its parts are mixins, each a module of its own (see `tui.screen_parts`): the search
bar and its hits (`tui.searching`, the search's state in its `SearchSession`), the
furigana and word cursor (`tui.reading_aids`), the links (`tui.links`) and the
background update (`tui.background_index`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Key, Resize
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from index.config import Config
from index.errors import LibraryError, ParseError, ParseStopped
from index.files import is_missing
from index.locations import Locations, typed_command
from index.model import Article, ArticleSummary, Hit
from index.sanitize import printable
from index.state import UserState
from index.wording import counted
from tui import notices
from tui.background_index import BackgroundIndexing, Updates
from tui.commands import (
    COMMANDS,
    Command,
    Needs,
    bindings,
    by_action_name,
    by_key,
    footer_essentials,
)
from tui.links import SourceLinks
from tui.messages import Notice
from tui.reading_aids import ReadingAids
from tui.render import (
    articles_title,
    block_text,
    bullet_chars,
    document_of,
    one_line,
)
from tui.screen_parts import ListMode, MainScreenParts, Pane, Unanswered
from tui.searching import MarksQuery, Searching
from tui.typeset import TypesetText, Typesetting
from tui.waiting import when_ready
from tui.widgets import (
    ArticleList,
    CardsPane,
    Entry,
    ReadingView,
    SearchBar,
    StatusKind,
    StatusLine,
    Topic,
)
from tui.widgets.key_footer import KeyFooter
from tui.widgets.reading_view import RUN_AFTER

if TYPE_CHECKING:
    from index.library import Library

WIDE = 120
"""Columns from which all three panes are shown side by side."""
MEDIUM = 100
"""Columns from which the list stays beside the reader (or the cards)."""
LIST_PAGE = 60
"""The unfiltered list shows the newest this many (three screenfuls), and this many more
when the cursor nears the end: the list measures every entry it holds when it is rebuilt
(at start and each time a search is cleared), so a longer page delays that paint."""
HINT = "/ search · Enter open · Tab next pane · ? keys · ctrl+p commands · q quit"
REFRESH_SECONDS = 30
"""How often to look for commits by another process (a second session, `yomite index`),
and for article files added, changed or removed (a stat of each, ~0.2 s over ldcc)."""
COMMIT_LOOK_SECONDS = 1.0
"""How often to look whether another process committed (`yomite index` in another
shell), to list what it added at once: a read of CURRENT and a directory listing, tens
of microseconds, off the UI thread; the commit itself is opened only once one is seen."""
CARDS_BESIDE = (
    "source cards shown beside the text",
    "source cards in the text: c shows them beside it",
)
"""What `c` says in a wide layout (`Topic.CARDS_LAYOUT`): dropped when the layout
changes (it stayed, wrong, in a narrow one)."""
SMALLEST = Size(30, 8)
"""The smallest screen the reader is drawn on: one pane as wide as the list's least
(30 cells), and three rows of it between the search bar, the status line and the
footer. Below it the screen says so (the keys still work: `q` quits)."""


OPENING_LISTED = frozenset(
    {"next_hit", "previous_hit", "furigana", "word_cursor", "next_word", "previous_word"}
)
"""Commands whose key, in the list on an article not open, opens it as Enter does and
then acts (`_listed_target`)."""


def _matches(count: int) -> str:
    return counted(count, "match", "matches")


@dataclass(frozen=True, slots=True)
class RelatedPlace:
    """The related list `B` was pressed over, for `B` again to come back to."""

    about: str
    """The article the list is related to."""
    cursor: str | None
    """The article under the cursor in it."""
    came_from: Pane
    """The pane `r` was pressed in: Esc from the list goes back to it."""
    reading: tuple[str, int] | None = None
    """Under a list related to a related one: the article open when `r` listed it and
    the place read in it, reopened there if `r` was pressed while reading it and
    another was opened since (as `RelatedOrigin.reading`)."""


@dataclass(frozen=True, slots=True)
class RelatedOrigin:
    """Where the first `r` was pressed (not one over a related list), for Esc from the
    related articles to go back to, however many were opened or listed from them."""

    mode: ListMode
    """The list `r` was pressed over: Esc lists it again (the bookmarks, too)."""
    about: str
    """The article `r` was pressed on: the cursor goes back to it."""
    reading: tuple[str, int] | None
    """The article open then and the place read in it: reopened there if `r` was
    pressed while reading it, and another was opened from the related list since."""
    view_from: Pane
    """The bookmarks' `_view_from`, which `r` over them replaced."""
    related_under: RelatedPlace | None
    """The bookmarks' `_related_under`, which leaving the related list drops."""
    outer: RelatedOrigin | None = None
    """Over bookmarks listed over related articles: the related lists' own origin and
    steps, for `B` again from the bookmarks to go back into (`_related_stack`)."""
    stack: tuple[RelatedPlace, ...] = ()


@dataclass
class ReaderSetup:
    """What the app hands the main screen."""

    where: Locations
    config: Config
    state: UserState
    library: Library | None
    corpus: tuple[Path, ...]
    library_error: str | None = None
    repairable: bool = False
    outdated: bool = False
    """The index was built by another version of yomite (not damaged: rebuilt as is)."""
    new_home: str | None = None
    """What to say of a data home opened for the first time (`index.home.new_home_words`):
    a `--home` mistyped was made, and seeds/ indexed into it, without a word."""
    update_on_start: bool = True
    cursor_blink: bool = True
    open_path: str | None = None
    """A file named on the command line (`yomite FILE`): opened at start, once indexed,
    instead of the article read last."""
    in_tmux: bool = False
    """Run inside tmux (TMUX set), whose own setting decides whether OSC 52 goes through."""
    given: tuple[Path, ...] = ()
    """The paths named on the command line (`yomite PATH...`): they join the home with
    the update's commit (`not_added_at_end`)."""
    updates: Updates = field(default_factory=Updates)
    """The reader's updates of the index, as its end waits for them (`said_at_end`)."""


WARMED = 400
"""Blocks of an article set ahead, off the UI thread (see `warm_typesetting`)."""
WARMED_CHARS = 40_000
"""Characters set ahead at most: more than a screen of the longest rows shows."""
WARMED_RUN_CHARS = 8_000
"""Characters set ahead at most in a long article (over `RUN_AFTER` blocks), whose
paragraphs are set as they come into sight: two screens of 160x48, what it opens on.
Setting `WARMED_CHARS` held a 6.8 MB article's first screen back 0.3 s."""

MARKING = "finding the search's matches in this long article…"
MARK_LATER_CHARS = 100_000
"""An article longer than this (in characters) opened from a search is shown at once
and marked after: finding the matches re-reads the whole text with MeCab, ~2 s for a
text of 600,000 characters (1.7 MB), which the article waited for."""


OPENING_SAID_AFTER = 0.2
"""Seconds an article may take to open before the status line says it is opening (a
long file: 10 MB took ~1 s): most open in a few milliseconds, and a message each time
would only flicker."""


def warm_typesetting(
    article: Article, settings: Typesetting, stale: Callable[[], bool] = lambda: False
) -> bool:
    """Set every block of `article` once with `settings`, off the UI thread.

    The phrase and word boundaries (MeCab, ~50 ms for a long article) and the line
    breaks' analysis are cached by text (index.phrases, tui.typeset), so the reading
    view only slices lines when it lays the article out: opening an article does not
    stall the keys.

    The first `WARMED` blocks only: the caches hold a few thousand texts, so warming
    the 30,000 paragraphs of a 4 MB text spent 17 s (competing with the UI thread for
    the GIL before the article was shown) on analyses pushed out again at once. A long
    article's paragraphs are set as they come into sight (`ParagraphRun`). And no more
    than `WARMED_CHARS` characters: the first 400 blocks of a 15.7 MB text of 200,000
    lines (3,074 blocks of ~2,000 characters) took 5.2 s. In a long article, whose
    paragraphs are set as they come into sight, no more than `WARMED_RUN_CHARS`: the
    article waits for them.

    Stops once `stale` (another article asked for, which waits behind this on the
    index thread): False then, else True.
    """
    chars = 0
    blocks = document_of(article).blocks
    most = WARMED_CHARS if len(blocks) <= RUN_AFTER else WARMED_RUN_CHARS
    for block in blocks[:WARMED]:
        if stale():
            return False
        # As the block's view sets it: the text after its bullet, if it has one.
        text = block_text(block, ())[bullet_chars(block) :]
        TypesetText(text, settings, verbatim=block.verbatim, rubies=block.rubies)
        chars += len(text)
        if chars >= most:
            break
    return True


GONE_FROM_INDEX = "this article is no longer in the index (its file is gone)"
"""Why `b` and `r` leave an article shown as last read alone."""


class MainScreen(Searching, ReadingAids, SourceLinks, BackgroundIndexing, MainScreenParts):
    BINDINGS: ClassVar[list[BindingType]] = bindings()

    DEFAULT_CSS = """
    MainScreen #panes { height: 1fr; }
    MainScreen #list { width: 2fr; min-width: 30; }
    MainScreen #reader { width: 3fr; }
    /* The article before, while another is opening: not to be taken for it. */
    MainScreen #reader.-opening { tint: $background 50%; }
    MainScreen #cards { width: 2fr; min-width: 30; }
    MainScreen.-wide.-no-cards #cards, MainScreen.-wide.-cards-hidden #cards { display: none; }
    MainScreen.-medium #list { width: 2fr; max-width: 50; }
    MainScreen.-medium #reader, MainScreen.-medium #cards { width: 3fr; }
    MainScreen.-medium #cards { display: none; }
    MainScreen.-medium.-pane-cards #cards { display: block; }
    MainScreen.-medium.-pane-cards #reader { display: none; }
    MainScreen.-narrow #list, MainScreen.-narrow #reader, MainScreen.-narrow #cards {
        display: none; width: 1fr; max-width: 100%;
    }
    MainScreen.-narrow.-pane-list #list { display: block; }
    MainScreen.-narrow.-pane-reader #reader { display: block; }
    MainScreen.-narrow.-pane-cards #cards { display: block; }
    MainScreen { layers: panes too-small; }
    MainScreen #too-small {
        layer: too-small; display: none; width: 100%; height: 100%;
        background: $background; content-align: center middle; text-align: center;
    }
    MainScreen.-too-small { overflow: hidden; }
    MainScreen.-too-small #too-small { display: block; }
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Screen's, without its repaint: a focus change repainted the whole screen (every
    pane, the bar and the footer), though the widgets whose focus styles change repaint
    themselves. Enter in the search bar, Tab, opening an article each drew every cell
    of the screen again, and wrote them all to the terminal."""

    def __init__(self, setup: ReaderSetup) -> None:
        super().__init__()
        self.setup = setup
        self.state = setup.state
        self.mode: ListMode = "all"
        self.pane: Pane = "list"
        self.layout_name = ""
        self.open_id: str | None = None
        self.last_hit_label = ""
        self._jumps_pending: list[int] = []
        """`n`/`N` pressed while the search's matches in the open article are found
        (by `_marking`; a cancelled one, which never ran, leaves them to the next)."""
        self._marking: Worker[None] | None = None
        self._related_to: str | None = None
        """The article the related list is about (Esc goes back to it)."""
        self._title_before_opening: str | Text = "Article"
        """The reading pane's title while `_say_opening`'s stands in its place."""
        self._listed_revision: int | None = None
        """`Library.revision` when the list of every article was read."""
        self._bookmarks_from: str | None = None
        """The article under the cursor when `B` listed the bookmarks: back on it after."""
        self._view_from: Pane = "list"
        """The pane `B` or `r` was pressed in: leaving the bookmarks or related articles
        goes back to it (see `_leave_view`)."""
        self._related_under: RelatedPlace | None = None
        """The related list the bookmarks were listed over: `B` again lists it again."""
        self._related_origin: RelatedOrigin | None = None
        """Where the first `r` was pressed: Esc from the related articles goes back there."""
        self._related_stack: list[RelatedPlace] = []
        """The related lists `r` was pressed over (a list related to a related one), the
        last last: Esc goes back to each in turn, then to `_related_origin`."""
        self._card_reached: int | None = None
        """The source card the reader last went into (see on_reading_view_card_reached)."""
        self._all: list[ArticleSummary] | None = None
        self._commands = by_action_name()
        self._by_key = by_key()
        self._footer_commands = [c for c in COMMANDS if c.footer]
        self._open_pending = setup.open_path
        self._footer_state: tuple[object, ...] = ()
        self.search_bar = SearchBar()
        self.article_list = ArticleList(id="list")
        self.reader = ReadingView(id="reader")
        self.cards = CardsPane(id="cards")
        self.status = StatusLine(id="status")
        self.too_small = Static(id="too-small", markup=False)

    # -- composition and layout --------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.search_bar
        with Horizontal(id="panes"):
            yield self.article_list
            yield self.reader
            yield self.cards
        yield self.status
        yield KeyFooter(always=footer_essentials())
        yield self.too_small

    def on_mount(self) -> None:
        self.reader.set_title("Article")
        self.status.moment = self._moment
        self.search_bar.input.history = self.state.search_history
        self.state.fell_back = self._state_not_saved
        self.app.app_suspend_signal.subscribe(self, self._suspending)
        self.search_bar.input.cursor_blink = self.setup.cursor_blink
        self._apply_layout(self.app.size)
        self.watch(self.app, "typesetting", self.retypeset, init=False)
        self.add_class("-no-cards")  # until an article with source cards is open
        self._focus_pane("list")
        said: list[str] = []
        if self.state.notice:
            said.append(self.state.notice)
        if self.library is not None and self.library.notice:
            said.append(self.library.notice)
        if self.setup.library_error:
            said.append(self.setup.library_error)
        if not said:
            self.status.say(HINT, StatusKind.HINT)  # the update's progress may replace it
        if said:
            self.status.say(said[-1], StatusKind.WARNING)
            offered = self.library is None and self.setup.repairable
            for notice in said:
                if offered and notice == self.setup.library_error:
                    continue  # the rebuild dialog says it (a toast covered its No)
                self._toast(notice, severity="warning", timeout=8)
        if self.setup.new_home:
            new_home = self.setup.new_home
            self._toast(new_home[:1].upper() + new_home[1:], severity="information", timeout=10)
        self.load_all_articles(restore=True)
        self.set_interval(REFRESH_SECONDS, self.refresh_from_disk)
        self.set_interval(COMMIT_LOOK_SECONDS, self.look_for_commits)
        if self.library is None and self.setup.repairable:
            self.call_after_refresh(self._offer_rebuild)
        elif self.setup.update_on_start and self.library is not None:
            self.call_after_refresh(self.update_index)

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size)
        self.call_after_refresh(self._fill_taller_list)

    def _apply_layout(self, size: Size) -> None:
        small = size.width < SMALLEST.width or size.height < SMALLEST.height
        self.set_class(small, "-too-small")
        if small:
            self.too_small.update(
                f"The terminal is {size.width}×{size.height}.\n"
                f"yomite needs {SMALLEST.width}×{SMALLEST.height} or more.\nq quits."
            )
        width = size.width
        name = "-wide" if width >= WIDE else "-medium" if width >= MEDIUM else "-narrow"
        if name != self.layout_name:
            for old in ("-wide", "-medium", "-narrow"):
                self.remove_class(old)
            self.add_class(name)
            self.layout_name = name
            if name == "-wide" and self.pane == "cards" and self.has_class("-cards-hidden"):
                self._focus_pane("reader")  # hidden beside the reader: it keeps no focus
            if self.status.topic is Topic.CARDS_LAYOUT:
                self.status.say("")  # about a layout no longer on screen
        self._sync_cards_beside()

    def _sync_cards_beside(self) -> None:
        """Each card is shown once: whole in the cards pane when it is beside the reader
        (the reading view keeps a numbered marker where the card stands), whole in the
        text when the pane is hidden or reached by its own key (narrower layouts)."""
        self.reader.set_cards_beside(
            self.layout_name == "-wide" and not self.has_class("-cards-hidden")
        )

    def _panes_in_order(self) -> list[Pane]:
        panes: list[Pane] = ["list", "reader"]
        if self.has_cards and not (self.layout_name == "-wide" and self.has_class("-cards-hidden")):
            panes.append("cards")
        return panes

    def _show_pane(self, pane: Pane) -> None:
        """The current pane (the one shown when the screen is narrow)."""
        self.pane = pane
        for name in ("list", "reader", "cards"):
            self.set_class(name == pane, f"-pane-{name}")

    def _focus_pane(self, pane: Pane) -> None:
        self._show_pane(pane)
        widget = {"list": self.article_list, "reader": self.reader, "cards": self.cards}[pane]
        self.set_focus(widget)  # at once: keys already queued must reach it
        self._refresh_footer()

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        for pane, widget in (
            ("list", self.article_list),
            ("reader", self.reader),
            ("cards", self.cards),
        ):
            if focused is widget and self.pane != pane:
                self._show_pane(pane)  # type: ignore[arg-type]
        # The focus moved (`/` to the search bar, a click): a message of a key before
        # goes (`StatusLine.moment`); only `_focus_pane` rechecked it.
        self.status.recheck()

    def on_screen_suspend(self) -> None:
        """A dialog, the help or the palette opened over the screen: a message of a key
        before goes (`_moment`), as it does when the focus moves; it stayed under the
        dialog, about what the dialog had taken the user away from."""
        self.status.recheck()

    def _moment(self) -> tuple[int, Hashable]:
        """How many actions have run, and where the reader stands (`StatusLine.moment`):
        a message of an action before goes once another opens an article, lists others,
        moves the list's cursor, moves the focus, or opens a dialog over the screen."""
        where = (
            self.open_id,
            # "Cards: this article has no source cards", of the article open, stayed
            # while `j` moved down the list, where it read as about the one under the
            # cursor (user review); so did what a key said of the row it was pressed on.
            self.article_list.current_id,
            self.mode,
            self.pane,
            self.in_search_bar,
            self._query_text(),
            self.is_active,  # a dialog (the palette, the help) over the screen, or not
        )
        return getattr(self.app, "actions_run", 0), where

    # -- what the commands may ask (tui.commands.ReaderContext) -----------------------

    @property
    def has_article(self) -> bool:
        return self.reader.article is not None

    @property
    def has_selection(self) -> bool:
        return self.article_list.current_id is not None

    @property
    def has_listed(self) -> bool:
        """The list has the focus, its cursor on an article not open: `R`, `v`, `w`,
        `W`, `n` and `N` open that one (`_listed_target`)."""
        return self._listed_target() is not None

    @property
    def has_cards(self) -> bool:
        article = self.reader.article
        return article is not None and bool(article.cards)

    @property
    def has_hits(self) -> bool:
        """Marks to go through, or a search made since the article opened, whose
        matches `n` finds first (`SearchSession.marked`); in the list, off the open article, a
        search listed (the article under the cursor opens with its marks)."""
        if self.filters_alone:
            return False
        if self.has_listed:
            return bool(self._query())
        if self.article_aside or self.lists_no_hits:
            return False
        return bool(self.reader.ranges) or self._marks_outdated()

    @property
    def filters_alone(self) -> bool:
        """A search of filters alone is listed: in the list, `n` opened the article under
        the cursor and said nothing, in it "the search matches nothing in this article"
        (review: `d` 2012-05 over ldcc, 583 hits)."""
        return self.mode == "search" and self.is_searching and not self.search.ranked

    @property
    def article_aside(self) -> str:
        """Why `n`, `N` and `c` leave the open article alone ('' if not): the bookmarks
        or related articles listed over it where one pane is shown at a time. `n` said
        "match 3/14" over the bookmarks, moving through an article not on screen."""
        if self.mode not in ("bookmarks", "related") or self.reader.article is None:
            return ""
        if self.layout_name != "-narrow" or self.pane != "list":
            return ""
        back = "B again" if self.mode == "bookmarks" else "Esc"
        # Back to the article read only if `B` or `r` was pressed there: from the list,
        # back to the list it was pressed in ("back to it" sent the user to the article).
        to = "it" if self._pane_back(self._view_from) != "list" else self.list_back_to
        return f"the article read is hidden ({back}: back to {to})"

    @property
    def related_back_to(self) -> str:
        """Where Esc goes from the related list, as the list's notice names it: the
        article read, where `r` was pressed while reading it (`_pane_back`), else the
        list it was pressed over (`list_back_to`)."""
        if self._view_from != "list" and self.reader.article is not None:
            return "the article read"
        return self.list_back_to

    @property
    def list_back_to(self) -> str:
        """The list leaving the bookmarks or related articles lists again (`_leave_view`),
        as the status line names it."""
        if self.mode == "bookmarks" and self._related_under is not None:
            return "the related articles"
        if self.mode == "related" and self._related_stack:
            return "the related articles"  # (the list `r` was pressed over: `_back_to_related`)
        origin = self._related_origin
        if self.mode == "related" and origin is not None and origin.mode == "bookmarks":
            return "the bookmarks"
        return "the hits" if self.is_searching else "every article"

    @property
    def no_back(self) -> str:
        """Why Esc has nothing to go back from ('' if it has): the one test of the
        footer's greyed `esc Back`, the palette's "not now" and `action_back`, whose
        steps it follows (from the cards, an article, bookmarks or related articles, the
        search bar or a search)."""
        if self.in_search_bar or self.pane != "list" or self.is_searching:
            return ""
        if self.mode in ("bookmarks", "related"):
            return ""
        return "nothing to go back to: every article is listed"

    @property
    def holds_no_articles(self) -> bool:
        return self._all == []

    @property
    def newest_date(self) -> datetime | None:
        return max((s.published for s in self._all or () if s.published), default=None)

    @property
    def no_filter(self) -> str:
        """Why the filters have nothing to filter ('' if they have): the footer's greyed
        `f`, `F`, `p` and `d`, the palette's "not now", and what the key says; the
        command typed for the home (`typed_command`)."""
        if self.holds_no_articles:
            add = printable(typed_command(self.setup.where, "yomite index", "DIR"))
            return f"the home has no articles to filter ({add} adds some)"
        return ""

    @property
    def no_hit_under_cursor(self) -> bool:
        return self.lists_no_hits and self.pane == "list"

    def _refresh_footer(self) -> None:
        """Re-check the footer's commands, only when one of them changed availability.

        Refreshing the bindings rebuilds the footer (remounting and restyling every key
        in it), which costs more than a search: the first keystroke of a query must not
        pay for it when nothing the footer shows has changed. Keys are checked when
        pressed (`check_action`) and the palette asks `available` itself, so only the
        footer's greying depends on this.
        """
        self.status.recheck()  # (what the commands' availability follows changed too)
        state = tuple(command.available(self) for command in self._footer_commands)
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    def run_command(self, command: Command) -> None:
        """A palette command: run, or, if it does not apply now, the status line says
        why (the palette lists such a one when searched for, saying why too)."""
        why = command.unmet(self)
        if why:
            self._say_unmet(command, why)
        else:
            self.call_later(self.run_action, command.action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        commands = self._commands.get(action)
        if not commands:
            return True
        if any(c.available(self) for c in commands):
            return True
        return None  # disabled: left out of the footer (`KeyFooter`)

    def on_key(self, event: Key) -> None:
        """A key of a command that may not apply (greyed in the footer): run here, in
        the order keys came, or the status line says why it does not apply.

        Not left to the key's binding: that runs once the key has bubbled up to the
        app, and the next key reaches the screen before, so `j o` in one read judged
        `o` on the row `j` left. Queued at the app instead, behind the keys before it
        (their bindings or these calls), and judged once, right before it acts."""
        command = self._by_key.get(event.key)
        if command is not None and isinstance(command.available, Needs):
            event.stop()
            self.app.call_later(self._run_key_command, command, event)

    async def _run_key_command(self, command: Command, event: Key) -> None:
        try:
            if self.app.screen is not self:
                return  # a key before it opened a dialog (`o n`): not an answer to it
            why = command.unmet(self)
            if why:
                self._say_unmet(command, why)
            else:
                await self.app.run_action(command.action, self)
        finally:
            self._key_acted(event)  # the keys after it, if they wait for it (`n`)

    def _opens_with_focus(self, key: str) -> bool:
        command = self._by_key.get(key)
        if command is None:
            return False
        if command.id in ("next_article", "previous_article"):  # (`action_step_article`)
            opens = self.pane == "reader" or self.layout_name == "-narrow"
        else:
            opens = command.id in OPENING_LISTED and self._listed_target() is not None
        return opens and not command.unmet(self)

    def _say_unmet(self, command: Command, why: str) -> None:
        # Until it applies (or fails for another reason): "Clear search: no search to
        # clear" stayed while a search was typed. And no longer than the reader stays
        # where the key was pressed: "Cards: this article has no source cards" stayed
        # over the list once it had the focus, and under the date dialog (user review).
        here = self.status.until_moved_on()
        self.status.say(
            f"{command.title}: {why}", still=lambda: here() and command.unmet(self) == why
        )

    # -- listing -----------------------------------------------------------------------

    def _marks(self) -> tuple[set[str], set[str]]:
        return self.state.read_ids(), set(self.state.bookmarks())

    def _show_entries(
        self,
        entries: Sequence[Entry],
        title: str | Sequence[str],
        empty: Text | None = None,
        *,
        keep: bool = True,
        on: str | None = None,
    ) -> None:
        """List `entries` under `title` (or the first of titles, the fullest first, that
        fits the list's width), the cursor on the article `on` if listed, else on the
        same article if `keep` and it is still listed (else on the first); `empty`: what
        the list says if there are none."""
        read, bookmarked = self._marks()
        current = self.article_list.current_id if keep else None
        if on is not None and any(entry.summary.id == on for entry in entries):
            current = on
        self.article_list.show(entries, read=read, bookmarked=bookmarked, keep=current, empty=empty)
        if self.mode not in ("bookmarks", "related"):
            self.article_list.drop_kept_rows()  # (reused by now, if they were kept for it)
        self.article_list.set_title(*([title] if isinstance(title, str) else title))
        self._refresh_footer()

    def _warm_up(self) -> None:
        """Analyse a word on the index thread now, not on the first keystroke: its tagger,
        the dictionary's first pages and the analyzer's tables (~30 ms)."""
        from index.analysis import morphemes

        self._index_thread.submit(morphemes, "読み手")

    @work(exclusive=True, group="list", exit_on_error=False)
    async def load_all_articles(self, restore: bool = False) -> None:
        library = self.library
        summaries: list[ArticleSummary] = []
        if library is not None:
            listed = await self._on_index_thread(
                "list", lambda: (library.revision, library.articles(sort="date"))
            )
            if isinstance(listed, Unanswered):
                return  # a newer listing shows the list (this one showed none, empty)
            self._listed_revision, summaries = listed
            if restore:
                # Once the list is painted: loading the tagger holds the GIL (~20 ms),
                # and on the index thread while the list was set and painted it held
                # back the first screen.
                self.call_after_refresh(self._warm_up)
        self._show_all(summaries, restore)

    def _reload_after_commit(self, *, reopen: bool) -> None:
        """A commit opened: the list, the search and (`reopen`) the open article again."""
        self.load_all_articles()
        if self.mode == "search":
            # Searched as the hits listed were (as typed, or as Enter submitted them), as
            # many: searched again as typed, a screenful of Enter's 50, the cursor lost
            # the hit it was on further down and went to the first.
            query = self._query_text()
            shown = len(self.article_list.entries)
            live, limit = self.search.reload_page(query, shown, self._list_rows())
            self.run_search(self._searched_text() if live else query, self.sort, live, limit)
        if reopen:
            self.reload_open_article()

    def _listing_stale(self) -> bool:
        """Whether the library opened a commit since the list was read: another process's,
        found by an update of this one that then had nothing to do."""
        library = self.library
        return library is not None and library.revision != self._listed_revision

    def _show_all(self, summaries: list[ArticleSummary], restore: bool) -> None:
        self._all = summaries
        if self.mode == "all":
            # Reloaded (an update, another process's commit): as many rows as were
            # listed, and down to the cursor's article, so it stays under the cursor.
            listed = len(self.article_list.entries)
            current = self.article_list.current_id
            where = next((n for n, s in enumerate(summaries) if s.id == current), -1)
            self._list_all(at_least=max(listed, where + 1))
        if self._open_pending is not None:
            self._open_given_file()  # now, or after the update that indexes it
        elif restore:
            self._restore_last_article()
        if restore:  # at start only
            # What is loaded by now (the modules, the widgets, the first summaries) stays
            # for the session: frozen, the cyclic collector's full passes (about one a
            # second while typing, each in some keystroke's paint) no longer walk it:
            # ~96 -> ~56 ms each. Only once: a later load replaces what an earlier one
            # held, and freezing again would pin that garbage for good.
            self.call_after_refresh(gc.freeze)
        if self.library is not None:
            # A new index (at start, or after an update) is read cold by its first search:
            # warm it after the list's paint, on the index thread (a keystroke in the
            # meantime waits for it, ~50 ms over the ldcc corpus).
            self.call_after_refresh(self._index_thread.submit, self.library.warm_up)

    def _list_all(self, at_least: int = 0, on: str | None = None) -> None:
        summaries = self._all or []
        shown = summaries[: max(LIST_PAGE, at_least)]
        empty: Text | None
        if self.rebuilding:
            empty = notices.rebuilding(self.setup.corpus)
        elif self.library is None:
            empty = notices.index_error(
                self.setup.library_error or "The index cannot be read.",
                repairable=self.setup.repairable,
                repair=typed_command(self.setup.where, "yomite verify --repair"),
            )
        else:
            empty = None
            if self._all is not None:
                empty = notices.no_articles(
                    self.setup.corpus,
                    self.setup.where,
                    indexing=self._updating(),
                    busy=self.index_busy,
                )
        entries = [Entry(s) for s in shown]
        self._show_entries(entries, self._all_title(len(shown)), empty, on=on)
        self.search.shown_query = None
        self.search_bar.show_count("")

    def _empty_list_follows_update(self) -> None:
        """An update began or ended: the list of every article, empty, says whether one
        is reading the files. A new home's first build showed "No articles yet … Put
        text files there" under `indexing 385/7367 files…` in the status line. So does
        the list of a search that found nothing (`_empty_search_follows_update`)."""
        if self.mode == "search":
            self._empty_search_follows_update()
            return
        if self.mode != "all" or self._all != []:
            return
        if any(w.group == "list" and not w.is_finished for w in self.workers):
            return  # listing what the update brought (an ended one said "no articles" first)
        self._list_all()

    def _all_title(self, shown: int) -> str:
        return articles_title(shown, len(self._all or []))

    def on_option_list_option_highlighted(self, event: ArticleList.OptionHighlighted) -> None:
        """Near the end of the unfiltered list or of the hits: list the next page. A
        message of a key before goes, once the cursor has moved on (`_moment`)."""
        listing = self.article_list
        if event.option_list is listing:
            self.status.recheck()
        if event.option_list is listing and event.option_index >= len(listing.entries) - 3:
            self._next_page()

    def on_article_list_near_end(self, event: ArticleList.NearEnd) -> None:
        """Scrolled near the end with the mouse: the next page, as for the cursor."""
        event.stop()
        self._next_page()

    def _next_page(self) -> None:
        """List the next page of the unfiltered list or of the hits, once each (the
        cursor and the scrolling it causes both ask)."""
        shown = len(self.article_list.entries)
        if self.mode == "all" and self._all is not None and shown < len(self._all):
            self._list_more_articles(self._all, shown + LIST_PAGE)
        elif self.mode == "search":
            # The hits already listed come back with the same snippets: their rows are reused.
            asked = self.search.next_page(shown, self._list_rows())
            if asked is not None:
                self.run_search(*asked[:3], limit=asked[3])

    def _open_given_file(self) -> None:
        path = self._open_pending
        found = next((s.id for s in self._all or [] if s.path == path), None)
        if found is None:
            return
        self._open_pending = None
        self._cursor_on_opened(found)
        self.open_article(found, focus=True)

    def _restore_last_article(self) -> None:
        last = self.state.last_place()
        if last is None or self.library is None:
            return
        if self._all and not any(summary.id == last.article_id for summary in self._all):
            # Its file removed (or its folder no longer indexed) since: not an error.
            self.status.say("the article you read last is no longer indexed")
            return
        self._cursor_on_opened(last.article_id)
        # Coming back means reading on: the reader gets the focus (and the screen, if narrow).
        # It was read when it was left: read no more if marked unread since (u, then q).
        self.open_article(last.article_id, focus=True, mark_read=False)

    def _cursor_on_opened(self, article_id: str) -> None:
        """The cursor on the article opened at start (given, or read last). Where the
        list is in sight beside it and holds it only past the rows listed, listed down
        to it: the list showed its top, the cursor on the newest article (user review,
        100x30). Where one pane is shown at a time, that waits until the list is shown
        (Esc: `_list_down_to_open`) or `[` `]` need it (`_cursor_to_open`)."""
        listing = self.article_list
        index = listing.index_of(article_id)
        if index is not None:
            listing.highlighted = index
        elif self.layout_name != "-narrow":
            # After the first screen is painted: the rows cost ~0.09 ms each to make,
            # 0.65 s for the oldest of ldcc's 7,367 (the newest 60 are listed first).
            self.call_after_refresh(self._list_down_to_opened, article_id)

    def _list_down_to_opened(self, article_id: str) -> None:
        """`_cursor_on_opened`'s listing, unless the list's cursor was moved meanwhile."""
        if not self.article_list.highlighted:
            self._list_down_to(article_id)

    def _set_mode(self, mode: ListMode) -> None:
        self.mode = mode
        self._refresh_footer()

    # -- searching: the bar and the hits it lists are `tui.searching`'s (`Searching`,
    # over the search's state in `SearchSession`, `self.search`); the list's paging above
    # and `_leave_view` below ask the session what to search for.

    # -- opening articles --------------------------------------------------------------

    def on_article_list_chosen(self, event: ArticleList.Chosen) -> None:
        if (
            event.article_id == self.open_id
            and self.reader.article is not None
            and not self.search.marks_outdated(self._marks_query())
        ):
            # Open already, with this search's marks: back to it where it is read. It
            # was opened again, at its first match, and the place read was lost.
            self._focus_pane("reader")
            self._focused_on_open()  # the keys typed after Enter act on it
            return
        self.open_article(event.article_id, focus=True)

    def open_article(
        self,
        article_id: str,
        *,
        focus: bool,
        then: Callable[[], None] | None = None,
        first_hit: int = 1,
        mark_read: bool = True,
        place: int | None = None,
    ) -> None:
        """Open `article_id` with the marks of the search listed; `then` once it is shown
        where it opens (laid out), `first_hit` the match it opens at (1: the first, -1:
        the last), or at `place` if given (gone back to, where it was read); marked read
        unless `mark_read` is False (coming back at start)."""
        self._save_place()
        # The last article's matches found late mark it no more (`mark_later`), and
        # are not looked for if not yet begun.
        self.workers.cancel_group(self, "mark")
        self._newest("mark")
        # Opened to be read (the focus on it): the keys typed from now wait for it, with
        # those typed after the Enter that opened it (`tui.held_keys`), and are dropped
        # if it is not shown. Here, not once its worker runs: the keys typed with the
        # Enter came before, and reached the list.
        holding: object | None = None
        if focus:
            holding = self._hold_keys(article_id)
        else:
            self._drop_keys()  # (those an opening replaced held)
        self.load_article(
            article_id, self._marks_query(), focus, then, first_hit, mark_read, holding, place
        )

    @work(exclusive=True, group="open", exit_on_error=False)
    async def load_article(
        self,
        article_id: str,
        query: MarksQuery,
        focus: bool,
        then: Callable[[], None] | None = None,
        first_hit: int = 1,
        mark_read: bool = True,
        holding: object | None = None,
        place: int | None = None,
    ) -> None:
        library = self.library
        if library is None:
            if holding is not None:
                self._not_opening(holding)
            return
        settings = self.typesetting  # read here: `load` runs on the index thread
        stale = self._newest("open")

        async def read() -> Article | Unanswered:
            """The file read and parsed on a thread of its own (`_reading_threads`), its
            parse stopped at its next stage once another opening replaces this one (or
            Esc stops it): one not yet begun is not begun (the worker cancelled)."""
            loop = asyncio.get_running_loop()
            try:
                return await loop.run_in_executor(
                    self._reading_threads, partial(library.load, article_id, stop=stale)
                )
            except ParseStopped:
                return Unanswered.STALE
            except (ParseError, LibraryError, OSError) as error:
                self._not_loaded(error)
                return Unanswered.FAILED

        def load(
            article: Article,
        ) -> tuple[Article, list[tuple[int, int]] | None] | Literal[Unanswered.STALE]:
            # Another article asked for meanwhile waits behind this on the index thread:
            # what is left is dropped.
            ranges: list[tuple[int, int]] | None = []
            if query.text and len(document_of(article).text) > MARK_LATER_CHARS:
                ranges = None  # marked once shown (`mark_later`)
            elif query.text and not stale():
                ranges = library.match_ranges(query.text, article, live=query.live)
            if not warm_typesetting(article, settings, stale):
                return Unanswered.STALE
            return article, ranges

        shown = False
        opening = self.set_timer(OPENING_SAID_AFTER, partial(self._say_opening, article_id))
        try:
            article_read = await read()
            loaded: Unanswered | tuple[Article, list[tuple[int, int]] | None]
            if isinstance(article_read, Unanswered):
                loaded = article_read
            else:
                loaded = await self._index_call(
                    "open",
                    partial(load, article_read),
                    errors=(ParseError, LibraryError, OSError),
                    failed=self._not_loaded,
                    stale=stale,
                )
            if not isinstance(loaded, Unanswered):
                opening.stop()
                self._opened()
                self._show_loaded(*loaded, focus, query, then, first_hit, mark_read, place)
                shown = True
        finally:
            opening.stop()
            self._opened()
            if holding is not None and not shown:
                self._drop_keys(holding)
        if holding is not None:
            self._replay_keys(holding, lambda: self.reader.placed)

    def _show_loaded(
        self,
        article: Article,
        ranges: list[tuple[int, int]] | None,
        focus: bool,
        query: MarksQuery,
        then: Callable[[], None] | None,
        first_hit: int,
        mark_read: bool,
        place: int | None = None,
    ) -> None:
        """The article `load_article` read shown, its matches marked (`ranges`), or
        marked once shown (None: a long article's, `mark_later`); at `place` if given."""
        if ranges is not None:
            self._show_article(
                article,
                ranges,
                focus,
                query=query,
                then=then,
                first_hit=first_hit,
                mark_read=mark_read,
                back_at=place,
            )
            return
        self._show_article(
            article, [], focus, query=MarksQuery(), then=then, mark_read=mark_read, back_at=place
        )
        self.status.say(MARKING, StatusKind.LASTING, topic=Topic.ARTICLE_HITS)
        self.mark_later(query, first_hit)

    def _say_opening(self, article_id: str) -> None:
        """An article slow to open (a long file read and parsed) said to be opening, the
        article shown greyed and its title given way: for seconds the old one stayed as
        it was, looking like the one asked for, with nothing said."""
        name, size = self._opening_file(article_id)
        self.status.say(f"opening {name}{size}…", StatusKind.LASTING, topic=Topic.OPENING)
        self._title_before_opening = self.reader.full_title
        self.reader.set_title(Text.assemble("Opening · ", one_line(name), "…"))
        self.reader.add_class("-opening")

    def _opened(self) -> None:
        """What `_say_opening` said taken back: the article shown (which sets its title),
        or not (the one before stays, its title back)."""
        if self.status.topic is Topic.OPENING:
            self.status.clear()
        if self.reader.has_class("-opening"):
            self.reader.remove_class("-opening")
            self.reader.set_title(self._title_before_opening)

    def _not_loaded(self, error: Exception) -> None:
        """Why an article did not open. Listed from the index, read from its file: a file
        that stopped parsing keeps its indexed version (in the list and in search) until
        it is fixed; so does one that cannot be looked at (Path.exists raised
        PermissionError there)."""
        said = str(error)
        if isinstance(error, ParseError) and not is_missing(error.path):
            said += "; listed as last indexed until it is fixed"
        self._failed(said)

    @work(exclusive=True, group="mark", exit_on_error=False)
    async def mark_later(self, query: MarksQuery, first_hit: int = 1) -> None:
        """The matches of `query` marked in the long article just shown without them; the
        first one brought into view if the reader has not moved meanwhile. Opening
        another article cancels this (`open_article`), and so does `n` (`_jump_hit`,
        whose `mark_and_jump` marks them). A group of its own: in `load_article`'s, it
        cancelled the opening that starts it."""
        library, article, shown_at = self.library, self.reader.article, self.reader.place
        if library is None or article is None:
            return
        stale = self._newest("mark")
        ranges = await self._index_call(
            "mark",
            self._finding_matches(library, query, article, stale),
            errors=(LibraryError,),
            stale=stale,
            thread=self._marking_thread,
        )
        if isinstance(ranges, Unanswered) or self.reader.article is not article:
            return
        place = self.reader.place
        self._mark_article(ranges, query)
        if not ranges:
            self.status.say("the search matches nothing in this article")
        elif place == shown_at:
            self._jump_hit(first_hit, first=True)
        else:  # the reader went on reading: the place stays
            self.status.say(
                f"{_matches(len(ranges))} in this article: n / N to jump",
                StatusKind.LASTING,
                topic=Topic.ARTICLE_HITS,
            )

    def _finding_matches(
        self,
        library: Library,
        query: MarksQuery,
        article: Article,
        stale: Callable[[], bool],
    ) -> Callable[[], list[tuple[int, int]] | Literal[Unanswered.STALE]]:
        """The job finding the matches of `query` in the long `article` (on the marking
        thread), a part of its text at a time (`Library.match_ranges_in_parts`): how far
        it is said between parts (`_say_marking`), and the rest dropped once `stale`
        (another article opened). It ran to the end (10-13 s in 6.8 MB) with nothing
        said, and the next article's matches waited behind it."""
        loop = asyncio.get_running_loop()

        def find() -> list[tuple[int, int]] | Literal[Unanswered.STALE]:
            found: list[tuple[int, int]] = []
            parts = library.match_ranges_in_parts(query.text, article, live=query.live)
            for ranges, read, of in parts:
                if stale():
                    return Unanswered.STALE
                found += ranges
                if read < of:
                    with contextlib.suppress(RuntimeError):  # (the reader closed meanwhile)
                        loop.call_soon_threadsafe(self._say_marking, read, of)
            return found

        return find

    def _say_marking(self, read: int, of: int) -> None:
        """How far the finding of the matches is (`MARKING` and a percentage), said in
        place of `MARKING` while the status line says it."""
        if self.status.topic is Topic.ARTICLE_HITS and self.status.message.startswith(MARKING):
            self.status.say(
                f"{MARKING} {read * 100 // of}%", StatusKind.LASTING, topic=Topic.ARTICLE_HITS
            )

    def _mark_article(self, ranges: list[tuple[int, int]], query: MarksQuery) -> None:
        """The open article marked with `ranges`, the matches of `query` in it found since
        it was shown (`mark_later`, `mark_and_jump`), where the reader is: in the text as
        it is laid out, and in its cards."""
        self.search.marked = query
        self.reader.mark_hits(ranges)
        self.cards.show_hits(ranges)
        if not ranges:
            self._drop_hit_message()  # the last search's "match 2/8"
        self._refresh_footer()

    def _show_article(
        self,
        article: Article,
        ranges: list[tuple[int, int]],
        focus: bool,
        *,
        place: int | None = None,
        query: MarksQuery,
        then: Callable[[], None] | None = None,
        first_hit: int = 1,
        mark_read: bool = True,
        back_at: int | None = None,
    ) -> None:
        """Show `article` at `place` (default: its first hit, or its last if `first_hit`
        is -1; else where it was left), `ranges` the matches of `query` in it; `then`
        once it is laid out there. Opened (not reloaded, and `mark_read`), it is read.
        `back_at`: opened again, gone back to, at that place (not at its first hit)."""
        self.open_id = article.id
        self.search.marked = query
        reloaded = place is not None
        if back_at is not None:
            place = min(back_at, len(document_of(article).text))
        elif place is None:
            place = 0 if ranges else self.state.place(article.id)
        self.reader.show(article, ranges, place)
        # Which article is open, when its heading has scrolled away (restored at start,
        # it may not be among those listed). A Text: article text is never markup; the
        # pane cuts it to fit.
        self.reader.set_title(Text.assemble("Article · ", one_line(article.title) or article.id))
        self.cards.show(article)
        self.cards.show_hits(ranges)
        self._card_reached = None
        self.set_class(not article.cards, "-no-cards")
        if mark_read and not reloaded:  # a reload keeps an unread mark set since (u)
            self.state.set_read(article.id)
        self.state.save_place(article.id, place)
        read, bookmarked = self._marks()
        self.article_list.refresh_marks(article.id, read=read, bookmarked=bookmarked)
        if ranges and not reloaded and back_at is None:
            self.call_after_refresh(self._jump_hit, first_hit, first=True)
            self.status.say(
                f"{_matches(len(ranges))} in this article: n / N to jump",
                StatusKind.LASTING,
                topic=Topic.ARTICLE_HITS,
            )
        elif not ranges:
            self._drop_hit_message()  # the last article's "match 2/8"
        if not reloaded and (doubts := article.decoding_doubts()):
            # The text may be mojibake, or hold U+FFFD where bytes were lost: the file, not
            # the reader, is at fault, and only its owner can fix it.
            name = Path(article.path).name
            self._toast(f"{name}: {'; '.join(doubts)}", severity="warning")
        if not reloaded and (focus or (self.layout_name == "-narrow" and self.pane == "reader")):
            self._focus_pane("reader")  # (a reload in the background takes no focus)
        self._refresh_footer()
        if then is not None:
            # After the jump to its first hit, asked for above: the word cursor starts
            # at the top of the view the article opens at.
            # `then` once the article is laid out at the place or the hit it opened
            # at; not if another article was opened meanwhile.
            when_ready(
                self,
                lambda: self.reader.placed,
                then,
                still=lambda: self.reader.article is article,
            )

    @work(exclusive=True, group="reopen", exit_on_error=False)
    async def reload_open_article(self) -> None:
        """After an update: the open article as its file reads now, where the reader is,
        if it changed (the list showed the new title while the reader kept the old text);
        a word in the status line if it is gone or no longer parses."""
        library, article_id, shown = self.library, self.open_id, self.reader.article
        if library is None or article_id is None or shown is None:
            return
        query = self._marks_query()
        settings = self.typesetting  # read here: `load` runs on the index thread

        def load() -> tuple[Article, list[tuple[int, int]]] | None:
            article = library.load(article_id)
            if article == shown:
                return None
            ranges = (
                library.match_ranges(query.text, article, live=query.live) if query.text else []
            )
            warm_typesetting(article, settings)
            return article, ranges

        def unreadable(error: Exception) -> None:
            if self.open_id == article_id:
                self._say_after_update(
                    (
                        "the open article's file is gone or no longer reads: shown as last read",
                        # At 80 columns "· 1 removed" after it was cut to "· 1 re…".
                        "its file is gone or no longer reads: shown as last read",
                    ),
                    StatusKind.WARNING,
                )

        loaded = await self._index_call(
            "reopen", load, errors=(ParseError, LibraryError, OSError), failed=unreadable
        )
        if isinstance(loaded, Unanswered):
            return
        if loaded is None or self.open_id != article_id or self.reader.article is not shown:
            return  # unchanged, or another article opened meanwhile
        place = self.reader.place
        self._show_article(
            *loaded,
            focus=False,
            place=min(place, len(document_of(loaded[0]).text)),
            query=query,
        )
        said = "the open article changed on disk: reloaded"
        if replace(loaded[0], path=shown.path) == shown:  # renamed or moved, as it was
            said = f"the open article's file was renamed: now {Path(loaded[0].path).name}"
        if loaded[1]:  # its hits counted anew ("8 matches" said before may be 6 now)
            said += f" ({_matches(len(loaded[1]))}: n / N to jump)"
        self._say_after_update(said)

    def _save_place(self) -> None:
        if self.open_id is not None and self.reader.article is not None:
            self.state.save_place(self.open_id, self.reader.place)

    def on_reading_view_section_changed(self, event: ReadingView.SectionChanged) -> None:
        # The card the reader reached (`n` to a hit in it) stays the one `o` and `y` act
        # on while it is in sight, whatever section the top of the view is in.
        reached = self._card_reached
        keep = reached is not None and self.reader.card_in_sight(reached)
        if not keep:
            self._card_reached = None
        self.cards.follow_section(event.section, keep=keep)

    def on_cards_pane_picked(self, event: CardsPane.Picked) -> None:
        self._text_follows_card()

    def on_reading_view_hit_left(self, event: ReadingView.HitLeft) -> None:
        self.status.recheck()  # "match 2/8", of a hit out of sight now

    def on_reading_view_card_reached(self, event: ReadingView.CardReached) -> None:
        self._card_reached = event.card
        self.cards.select(event.card)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Workers run with exit_on_error=False: an unexpected failure is said, not lost."""
        if event.worker.group == "update" and event.state is not WorkerState.PENDING:
            self._empty_list_follows_update()
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            self.status.say(f"{event.worker.name} failed: {error}", StatusKind.WARNING)
            self._toast(f"{event.worker.name} failed: {error}", severity="error")

    def _state_not_saved(self, notice: str) -> None:
        """The state file stopped taking writes mid-session (a read-only mount whose
        journal let it open): said after the message of the action that found it out,
        which would say "bookmarked" over it."""

        def say() -> None:
            self.status.say(notice, StatusKind.WARNING)
            self._toast(notice, severity="warning", timeout=8)

        self.call_later(say)

    def on_notice(self, message: Notice) -> None:
        self.status.say(message.text, message.kind, topic=message.topic)

    # -- actions (named in tui.commands) -----------------------------------------------
    #
    # The search's (`/`, `s`, the filters, clearing the bar) are `tui.searching`'s.

    def action_back(self) -> None:
        """One step back: from an article to the list (a search's hits stay listed, to
        read the next one), then from the hits (or the search bar) to every article."""
        if self.no_back:
            return  # (the key and the palette say why: `esc Back` is greyed then)
        in_bar = self.focused is self.search_bar.input
        if not in_bar and self.pane == "cards":
            # The cards are the open article's: back to it. Where one pane is shown at a
            # time, Esc went on to the list, the article read out of sight.
            self._focus_pane("reader")
        elif not in_bar and self.pane != "list":
            self._list_down_to_open()
            self._focus_pane("list")
            self._drop_hit_message()  # "match 3/10": about the article left
        elif not in_bar and self.mode in ("bookmarks", "related"):
            self._leave_view()
        elif in_bar or self.is_searching:
            if self.is_searching:
                self.search_bar.input.value = ""
            self._focus_pane("list")

    def _list_down_to_open(self) -> None:
        """The cursor on the open article when the list of every article holds it only
        past the rows listed (the article read last, reopened at start: the list came
        back at its top, the article nowhere in it)."""
        if self.open_id is not None:
            self._list_down_to(self.open_id)

    def _list_down_to(self, article_id: str) -> None:
        """The cursor on `article_id` when the list of every article holds it only past
        the rows listed, listed down to it."""
        listing = self.article_list
        if self.mode != "all" or listing.index_of(article_id) is not None:
            return
        where = next((n for n, s in enumerate(self._all or []) if s.id == article_id), None)
        if where is not None and self._all is not None:
            # A page past it, as the cursor moved there would have listed: listed only
            # down to it, the cursor on the last row listed the next page, and the view,
            # scrolled as far as the list went then, was left with the date line of an
            # entry whose title was above it at its top (100x30).
            self._list_more_articles(self._all, where + 1 + LIST_PAGE)
            index = listing.index_of(article_id)
            if index is not None:
                listing.highlighted = index

    def _cursor_to_open(self) -> None:
        """The list's cursor on the open article, if listed (or, in the list of every
        article, past the rows listed): `[` `]` pressed while reading go on from the
        article read. They went on from the cursor, left elsewhere by a list that did
        not follow the article: at the top of the hits `s` sorted anew, or of the list
        of every article (its first 60 rows) when the article reopened at start lay
        further down, where `]` opened the second newest article (user review)."""
        article_id, listing = self.open_id, self.article_list
        if article_id is None or listing.current_id == article_id:
            return
        self._list_down_to_open()
        index = listing.index_of(article_id)
        if index is not None and listing.highlighted != index:
            listing.highlighted = index

    def _leave_view(self) -> None:
        """From bookmarks or related articles back to the list `B` or `r` was pressed in:
        the related articles (`B` pressed over them), the hits (as they were listed: as
        typed, or as submitted), or every article."""
        if self.mode == "related" and self._related_stack:
            self._back_to_related()
            return
        leaving = "Related articles" if self.mode == "related" else "Bookmarks"
        gone_to = self.list_back_to
        origin = self._related_origin if self.mode == "related" else None
        if self.mode == "related":
            self._related_origin = None
        source = self._bookmarks_from
        if self.mode == "related":
            source = origin.about if origin is not None else self._related_to
        under = self._related_under if self.mode == "bookmarks" else None
        self._related_under = None
        came_from, self._view_from = self._view_from, "list"
        back_to = self._pane_back(came_from)
        # `r` pressed while reading, another article opened from the related list (or a
        # list related to it): Esc, Esc showed that one, the article `r` was pressed on,
        # which the list's title names, lost (user review). Reopened where it was read.
        reopen = origin.reading if origin is not None and back_to != "list" else None
        if reopen is not None and reopen[0] == self.open_id:
            reopen = None  # (open still: back to it, as before)
        if under is not None:
            # Back to the related list and its cursor (B again went on to the hits, the
            # list and the place in it lost: user review); Esc from there, as before.
            self._view_from = under.came_from
            self.find_related(under.about, cursor=under.cursor, focus=back_to == "list")
        elif origin is not None and origin.mode == "bookmarks":
            # Back to the bookmarks `r` was pressed over (Esc went on to every article),
            # and from them, as before `r`, with `B` again.
            self._view_from, self._related_under = origin.view_from, origin.related_under
            self._related_origin, self._related_stack = origin.outer, list(origin.stack)
            self._set_mode("bookmarks")
            self._list_bookmarks(cursor=source)
        elif self.is_searching:
            self._set_mode("search")
            if source is not None:
                self.search.cursor_to = (self._query_text(), source)
            # As many hits as were listed (paged past the first page, the article `r`
            # was pressed on may lie beyond it); those drawn already are reused.
            listed = self.search.back_limit()
            self.run_search(self._searched_text(), self.sort, self.search.live, limit=listed)
        else:
            self._set_mode("all")
            summaries = self._all or []
            where = next((n for n, s in enumerate(summaries) if s.id == source), -1)
            # Down to it, if it was paged to, the cursor back where `r` or `B` was pressed.
            self._list_all(at_least=where + 1, on=source)
        if reopen is not None:
            # The focus goes to it once shown; the keys typed meanwhile wait for it.
            self.open_article(reopen[0], focus=True, place=reopen[1], mark_read=False)
            return
        if back_to == self.pane:
            if back_to != "list" and self.layout_name == "-narrow":
                # The list gone back to is behind the article: said, or `B` did nothing
                # to be seen, and the next `B` listed the bookmarks again (user review).
                opened = self.open_id
                self.status.say(
                    f"{leaving} closed: back to {gone_to} (Esc: to the list)",
                    still=lambda: self.pane != "list" and self.open_id == opened,
                )
        elif back_to == "list":
            self._focus_pane("list")
            self._drop_hit_message()  # "match 3/10": about the article left
        else:
            self._focus_pane(back_to)
            self._say_hit_again()

    def _back_to_related(self) -> None:
        """From a list related to a related article back to the related list `r` was
        pressed over, its cursor where it was: to the article `r` was pressed on, if
        pressed while reading it (as its title, `to 「…」`, says), the list behind it."""
        back = self._related_stack.pop()
        came_from, self._view_from = self._view_from, back.came_from
        back_to = self._pane_back(came_from)
        self.find_related(back.about, cursor=back.cursor, focus=back_to == "list")
        reopen = back.reading if back_to != "list" else None
        if reopen is not None and reopen[0] != self.open_id:
            # `r` pressed while reading B, C opened from the list related to B: Esc, Esc
            # showed C, B lost (review, ldc5 at 80x24). B again, where it was read.
            self.open_article(reopen[0], focus=True, place=reopen[1], mark_read=False)
            return
        if back_to != "list" and back_to != self.pane:
            self._focus_pane(back_to)
            self._say_hit_again()

    def _pane_back(self, came_from: Pane) -> Pane:
        """The pane leaving bookmarks or related articles goes to: the one `B` or `r`
        was pressed in (`came_from`) where it can be seen. From the view's list, back to
        the article read, at the place read (one pane at a time, the list came back
        instead, the article out of sight). From an article opened from the view's list,
        back to the list where one pane is shown at a time (the list gone back to was
        out of sight); beside it, the article keeps the focus, the list in sight."""
        if self.pane == "list":
            if came_from != "list" and self.reader.article is not None:
                return "cards" if came_from == "cards" and self.has_cards else "reader"
            return "list"
        if came_from == "list" and self.layout_name == "-narrow":
            return "list"
        return self.pane

    def _say_hit_again(self) -> None:
        """ "match 3/14" said again, back at the article from bookmarks or related
        articles (which dropped it), if its match is still in sight: it came back only
        at the next `n`."""
        reader, index = self.reader, self.reader.hit_index
        if index is None or not reader.hit_in_sight:
            return
        self.status.say(
            f"match {index + 1:,}/{len(reader.ranges):,}",
            StatusKind.LASTING,
            topic=Topic.ARTICLE_HITS,
            still=lambda: self.reader.hit_in_sight,
        )

    def action_move(self, delta: int) -> None:
        focused = self.focused
        if focused is self.reader:
            # At once, not after the next refresh: keys arriving in one read (key repeat
            # over SSH) each moved from the same place, and ten j scrolled one line.
            self.reader.scroll_relative(y=delta, animate=False, immediate=True)
            self.reader.place_here()
        elif focused is self.cards:
            self.cards.move(delta)
            self._text_follows_card()
        elif delta > 0:
            self.article_list.action_cursor_down()
        else:
            self.article_list.action_cursor_up()

    def action_edge(self, where: str) -> None:
        focused = self.focused
        if focused is self.reader:
            if where == "top":
                self.reader.scroll_home(animate=False, immediate=True)
            else:
                self.reader.scroll_end(animate=False, immediate=True)
            self.reader.place_here()
        elif focused is self.cards:
            # The first or last card picked (what y and o act on), shown from its heading.
            count = len(self.cards.card_views)
            self.cards.move(-count if where == "top" else count)
            self._text_follows_card()
        elif where == "top":
            self.article_list.action_first()
        else:
            self._list_bottom()

    def _text_follows_card(self) -> None:
        """The card picked in the Sources pane beside the text: its place in the text is
        brought into sight there, the focus left in the pane (the text stayed where it
        was, the card's section out of sight). Where one pane is shown at a time the
        text is not on screen: it keeps the place read, and Enter goes to the card."""
        index = self.cards.selected
        if index is not None and self.reader.cards_beside:
            self.reader.go_to_card(index, unless_in_sight=True)

    def action_go_to_card(self) -> None:
        """Enter on a card in the Sources pane (the palette's Go to card from any pane):
        the text read from the card's place, the card still the one `y` and `o` act on."""
        index = self.cards.selected
        if index is None or not self.has_cards:
            return
        # Reached, as by `n` to a hit in it: the section told once the text has moved
        # leaves it picked, the second card of its section as well as the first.
        self._card_reached = index
        self._focus_pane("reader")
        self.reader.go_to_card(index)

    def _list_bottom(self) -> None:
        """The list's last entry: every article, or the hits up to `BOTTOM_HITS` (the list
        otherwise holds a page at a time, and the last row only fetched the next page)."""
        shown = len(self.article_list.entries)
        if self.mode == "all" and self._all is not None and shown < len(self._all):
            self._list_more_articles(self._all, len(self._all))
        elif self.mode == "search" and (asked := self.search.bottom_page(shown)) is not None:
            self.run_search(*asked[:3], limit=asked[3])
            return
        self.article_list.action_last()

    def _list_more_articles(self, articles: Sequence[ArticleSummary], upto: int) -> None:
        """Extend the list of all `articles` to its first `upto`."""
        listing = self.article_list
        read, bookmarked = self._marks()
        more = [Entry(s) for s in articles[len(listing.entries) : upto]]
        listing.extend(more, read=read, bookmarked=bookmarked)
        listing.set_title(self._all_title(len(listing.entries)))

    def action_page(self, delta: int) -> None:
        focused = self.focused
        if focused is self.reader or focused is self.cards:
            scroller = self.reader if focused is self.reader else self.cards
            page = max(1, scroller.scrollable_content_region.height)
            scroller.scroll_relative(y=delta * page, animate=False, immediate=True)
            if scroller is self.reader:
                self.reader.place_here()
        elif delta > 0:
            self.article_list.action_page_down()  # type: ignore[no-untyped-call]
        else:
            self.article_list.action_page_up()  # type: ignore[no-untyped-call]

    def action_cycle_pane(self, delta: int) -> None:
        panes = self._panes_in_order()
        if self.focused is self.search_bar.input and delta > 0:
            # The search bar comes before the panes: Tab goes to the hits, not past them
            # (on a narrow screen the list is the pane shown while typing).
            self._focus_pane("list")
            return
        current = panes.index(self.pane) if self.pane in panes else 0
        self._focus_pane(panes[(current + delta) % len(panes)])

    def action_step_article(self, delta: int) -> None:
        if self.pane != "list":
            self._cursor_to_open()
        listing = self.article_list
        before = listing.current_id
        article_id = listing.step(delta)
        if article_id is not None and article_id == before == self.open_id:
            self.status.say("the first in the list" if delta < 0 else "the last in the list")
        elif article_id is not None:
            # One pane on screen (narrow): the article opened is shown, not opened unseen
            # behind the list and marked read.
            self.open_article(
                article_id, focus=self.pane == "reader" or self.layout_name == "-narrow"
            )

    def action_jump_hit(self, delta: int) -> None:
        listed = self._listed_target()
        if listed is not None:
            # In the list, on another article than the one open: that article, opened as
            # Enter opens it (with the search's marks), at its first match or its last.
            # It went on in the article open, out of sight where one pane is shown.
            self.open_article(listed.id, focus=True, first_hit=delta)
            return
        self._jump_hit(delta)

    def _jump_hit(self, delta: int, *, first: bool = False) -> None:
        """To the next (`delta` 1) or previous (-1) match in the open article; `first`:
        the article just opened, at its first match or its last (not "from the bottom
        again": nothing was gone round)."""
        if self._marks_outdated():
            # A search made since the article opened: its marks are found first (`n`
            # said "the search matches nothing in this article", of the old ones).
            # Presses while they are found are counted, and made once they are: each
            # began the search for them again (~0.8 s in a 2 MB article), and only the
            # last moved.
            marking = self._marking
            if (
                marking is not None
                and marking.state in (WorkerState.PENDING, WorkerState.RUNNING)
                and not marking.is_cancelled  # cancelled before it ran: PENDING for good
            ):
                self._jumps_pending.append(delta)
                return
            self._jumps_pending = [delta]
            self.workers.cancel_group(self, "mark")  # (it would jump to the first too)
            self._marking = self.mark_and_jump()
            return
        # Just opened by `N`: at its last match (from where it opens, the last in sight)
        where = self.reader.jump_hit(delta, last=first and delta < 0)
        if where is not None:
            number, total, wrapped = where
            self.last_hit_label = f"match {number:,}/{total:,}"
            # Said, as a search in an editor says it: the jump went silently from the
            # last match back to the first.
            if wrapped and not first:
                self.last_hit_label += (
                    " · from the top again" if delta > 0 else " · from the bottom again"
                )
            # Until the reader scrolls it out of sight (`on_reading_view_hit_left`): it
            # said "match 1/4" pages further on.
            self.status.say(
                self.last_hit_label,
                StatusKind.LASTING,
                topic=Topic.ARTICLE_HITS,
                still=lambda: self.reader.hit_in_sight,
            )
            if self.layout_name == "-narrow" and self.pane != "reader":
                self._focus_pane("reader")

    @work(exclusive=True, group="open", exit_on_error=False)
    async def mark_and_jump(self) -> None:
        """The open article marked with the search's matches as it is now, then the
        `n`/`N` presses made meanwhile (`_jumps_pending`)."""
        library, article, query = self.library, self.reader.article, self._marks_query()
        if library is None or article is None:
            return
        long = len(document_of(article).text) > MARK_LATER_CHARS  # as `mark_later` finds them
        stale = self._newest("open")
        ranges = await self._index_call(
            "open",
            self._finding_matches(library, query, article, stale)
            if long and query.text
            else lambda: (
                library.match_ranges(query.text, article, live=query.live) if query.text else []
            ),
            errors=(LibraryError,),
            stale=stale,
            thread=self._marking_thread if long else None,
        )
        if isinstance(ranges, Unanswered) or self.reader.article is not article:
            return
        self._mark_article(ranges, query)
        # Taken before they are made: a query changed meanwhile starts another search
        # from the first of them, with a list of its own.
        jumps, self._jumps_pending = self._jumps_pending, []
        if not ranges:
            self.status.say("the search matches nothing in this article")
        for delta in jumps:
            self._jump_hit(delta)

    def _target_id(self) -> str | None:
        """The article `u` and `b` act on: the list's cursor row while the list has the
        focus (none if it is empty), else the open article."""
        if self.focused is self.article_list or (self.pane == "list" and self.open_id is None):
            # An empty list (no bookmarks yet) leaves the open article, as its notice says.
            return self.article_list.current_id or self.open_id
        return self.open_id or self.article_list.current_id

    def _title_of(self, article_id: str) -> str:
        """What the status line calls an article (`b` in the list acts on the cursor's
        row, which may not be the article open beside it)."""
        listed = self.article_list.entries
        title = next((e.summary.title for e in listed if e.summary.id == article_id), "")
        if not title and self.reader.article is not None and self.reader.article.id == article_id:
            title = self.reader.article.title
        return one_line(title) or article_id

    def action_toggle_read(self) -> None:
        article_id = self._target_id()
        if article_id is None:
            return
        now_read = not self.state.is_read(article_id)
        self.state.set_read(article_id, now_read)
        read, bookmarked = self._marks()
        self.article_list.refresh_marks(article_id, read=read, bookmarked=bookmarked)
        self._say_marked("marked read" if now_read else "marked unread", article_id)

    def action_toggle_bookmark(self) -> None:
        article_id = self._target_id()
        if article_id is None:
            return
        gone = self.library is None or self.library.summary(article_id) is None
        if gone and article_id not in self.state.bookmarks():
            # Kept, it would be listed nowhere: the bookmarks list what the index holds.
            self.status.say(f"not bookmarked: {GONE_FROM_INDEX}", StatusKind.WARNING)
            return
        following = self._bookmark_in_place_of(article_id) if self.mode == "bookmarks" else None
        on = self.state.toggle_bookmark(article_id)
        read, bookmarked = self._marks()
        self.article_list.refresh_marks(article_id, read=read, bookmarked=bookmarked)
        self._say_marked("bookmarked" if on else "bookmark removed", article_id)
        if self.mode == "bookmarks":
            self._list_bookmarks(on=following)

    def _bookmark_in_place_of(self, article_id: str) -> str | None:
        """The bookmark the cursor goes to once `article_id`, under it, is one no more:
        the one below, else the one above (None where the cursor is on another, which
        it stays on). The bookmarks listed again put it on the first: over 23 of them,
        `b` on the third, then `b` again for the one below, removed the first (review)."""
        listing = self.article_list
        index = listing.highlighted
        if index is None or listing.current_id != article_id:
            return None
        entries = listing.entries
        near = index + 1 if index + 1 < len(entries) else index - 1
        return entries[near].summary.id if near >= 0 else None

    def _say_marked(self, said: str, article_id: str) -> None:
        """What a mark did; where marks are not saved (a read-only home, a state file that
        failed), said at each mark, not only at start: "bookmarked" read as kept."""
        kept = "" if self.state.persistent else " (this session only)"
        self.status.say(f"{said}{kept}: {self._title_of(article_id)}")

    def action_show_bookmarks(self) -> None:
        if self.mode == "bookmarks":
            self._leave_view()  # B again: back to the hits, or to every article
            return
        self._related_under = None
        if self.mode == "related" and self._related_to is not None:
            self._related_under = RelatedPlace(
                self._related_to, self.article_list.current_id, self._view_from
            )
        self._bookmarks_from = self.article_list.current_id
        self._view_from = self._coming_from()
        if self.mode not in ("bookmarks", "related"):
            self.article_list.keep_rows()  # B again lists them again
        self._set_mode("bookmarks")
        self._list_bookmarks()
        self._focus_pane("list")
        self._drop_hit_message()  # "match 2/3": no search's, the list's (`n` refuses)

    def _list_bookmarks(self, *, cursor: str | None = None, on: str | None = None) -> None:
        """The bookmarks listed, the cursor on `cursor` if it is one of them; or on `on`,
        where the cursor's row stood in the view (`ArticleList.show`)."""
        entries = []
        if self.library is not None:
            for article_id in self.state.bookmarks():
                summary = self.library.summary(article_id)
                if summary is not None:
                    entries.append(Entry(summary))
        self._show_entries(
            entries, f"Bookmarks ({len(entries):,}) · B again: back", notices.no_bookmarks(), on=on
        )
        index = self.article_list.index_of(cursor) if cursor is not None else None
        if index is not None:
            self.article_list.highlighted = index
        self._search_set_aside("B")

    def action_show_related(self) -> None:
        """Articles like the one `u` and `b` would act on: the list's cursor row while the
        list has the focus, else the open article."""
        article_id = self._target_id()
        library = self.library
        if article_id is not None and library is not None and library.summary(article_id) is None:
            # Its related articles are found by its indexed text: the list said "No
            # related article found" of it, titled by its id (review).
            self.status.say(f"Related: {GONE_FROM_INDEX}", StatusKind.WARNING)
            return
        if article_id is not None:
            reader = self.reader
            reading = None
            if reader.article is not None and self.open_id is not None:
                reading = (self.open_id, reader.place)
            if self.mode == "related" and self._related_to is not None:
                # Related to a related one: Esc comes back to this list, then on.
                self._related_stack.append(
                    RelatedPlace(
                        self._related_to,
                        self.article_list.current_id,
                        self._view_from,
                        reading,
                    )
                )
            else:
                self._related_origin = RelatedOrigin(
                    self.mode,
                    article_id,
                    reading,
                    self._view_from,
                    self._related_under,
                    self._related_origin if self.mode == "bookmarks" else None,
                    tuple(self._related_stack) if self.mode == "bookmarks" else (),
                )
                self._related_stack = []
                if self.mode != "bookmarks":
                    self.article_list.keep_rows()  # Esc lists them again
            self._view_from = self._coming_from()
            self.find_related(article_id)

    def _coming_from(self) -> Pane:
        """The pane the user is in, for `_leave_view` to go back to (the list, from the
        search bar)."""
        return "list" if self.focused is self.search_bar.input else self.pane

    @work(exclusive=True, group="search", exit_on_error=False)
    async def find_related(
        self, article_id: str, *, cursor: str | None = None, focus: bool = True
    ) -> None:
        """List the articles related to `article_id`, the cursor on `cursor` if listed;
        the focus to the list if `focus` (else left where it is: the article read)."""
        library = self.library
        if library is None:
            return
        found = await self._index_call(
            "search",
            lambda: (library.related(article_id), library.summary(article_id)),
            errors=(LibraryError,),
        )
        if not isinstance(found, Unanswered):
            self._show_related(article_id, *found, cursor=cursor, focus=focus)

    def _show_related(
        self,
        article_id: str,
        hits: list[Hit],
        source: ArticleSummary | None,
        *,
        cursor: str | None = None,
        focus: bool = True,
    ) -> None:
        self._set_mode("related")
        self._related_to = article_id
        entries = [Entry(hit.article, hit) for hit in hits]
        self._show_entries(entries, "", notices.no_related(self.related_back_to))
        index = self.article_list.index_of(cursor) if cursor is not None else None
        if index is not None:
            self.article_list.highlighted = index
        # The article's title last, where the border cuts it (at 100 columns "Esc back"
        # after it was cut instead). A Text: the title is article text, never markup.
        about = Text(one_line(source.title) if source is not None and source.title else article_id)
        self.article_list.set_title(
            Text.assemble(f"Related ({len(entries)}) · Esc back · to ", about)
        )
        self._search_set_aside("Esc")
        if not focus:
            return  # back to the article read, which keeps its "match 2/3"
        self._focus_pane("list")
        # "match 2/3" stayed, while `n` said "no search matches to jump to": the list is
        # no search's, and the cursor off the article it counted in (review).
        self._drop_hit_message()

    def action_toggle_cards(self) -> None:
        if self.layout_name == "-wide":
            # Beside the reader: to the pane, then hidden (room for the article), then back.
            if self.has_class("-cards-hidden"):
                self.remove_class("-cards-hidden")
                self._sync_cards_beside()
                self._focus_pane("cards")
                self.status.say(CARDS_BESIDE[0], topic=Topic.CARDS_LAYOUT)
            elif self.pane == "cards":
                self.add_class("-cards-hidden")
                self._sync_cards_beside()
                self._focus_pane("reader")
                self.status.say(CARDS_BESIDE[1], topic=Topic.CARDS_LAYOUT)
            else:
                self._focus_pane("cards")
            return
        if self.pane == "cards":
            self._focus_pane("reader")
        elif self.has_cards:
            self._focus_pane("cards")

    def action_help(self) -> None:
        # Imported when first shown, as the dialogs are: the first screen (run many times
        # a day, often over SSH) waits for every module imported at start.
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_palette(self) -> None:
        self.app.action_command_palette()

    def action_quit(self) -> None:
        self._save_place()
        self.app.exit(0)

    async def action_suspend(self) -> None:
        """Ctrl+Z (from the palette: the key is the App's, `SUSPEND_KEY`)."""
        await self.app.run_action("app.suspend")

    def _suspending(self, _: object) -> None:
        """The place read saved as the reader is suspended, as on `q`: a reader left
        suspended may never come back (`kill -9 %1`, the machine shut down)."""
        self._save_place()

    def on_unmount(self) -> None:
        self._save_place()
