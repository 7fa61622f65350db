"""The search bar: the query, the hit count, and the query's error if it has one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.geometry import Offset, Region, Size, Spacing
from textual.message import Message
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widgets import Label
from textual.widgets.input import Selection

from index.sanitize import controls_as_spaces, without_terminal_sequences
from tui.commands import BAR_COMMANDS
from tui.ellipsis import ELLIPSIS, cut_with_ellipsis, ellipsis_end
from tui.widgets.editing_input import EditingInput


class Recall:
    """Earlier searches brought back one at a time, as a shell's history: each step
    older (↑) or newer (↓) from what the bar holds, and past the newest back to what
    was typed before (the draft), kept meanwhile.

    A draft typed in the bar picks the searches it begins (東 ↑: 東京, then 東北, not
    every search); a bar empty, or holding a query selected whole (as `/` leaves the
    last one, to be typed over), goes through them all. Editing a recalled search
    makes it the draft of the next ↑.
    """

    def __init__(self, history: Sequence[str] = ()) -> None:
        self.history: tuple[str, ...] = ()
        """Newest first, each once (as `UserState.search_history` gives them)."""
        self._draft = ""
        self._prefix = ""
        self._matches: list[str] = []
        self._at = -1  # into _matches; -1: the draft
        self._shown: str | None = None  # what the last step put in the bar
        self.reset(history)

    def reset(self, history: Sequence[str]) -> None:
        """New history (a search was kept): a recall under way ends where it is."""
        self.history = tuple(history)
        self._matches, self._at, self._shown = [], -1, None

    def recalling(self, value: str) -> bool:
        """Whether `value` is the search the last step recalled (not edited since)."""
        return self._shown is not None and value == self._shown

    def older(self, value: str, *, prefix: str) -> str | None:
        """The search before the one shown (the newest, from a draft), or None."""
        if not self.recalling(value):
            self._draft, self._prefix, self._at = value, prefix, -1
            typed = value.strip()
            self._matches = [q for q in self.history if q.startswith(prefix) and q != typed]
        if self._at + 1 >= len(self._matches):
            return None
        self._at += 1
        self._shown = self._matches[self._at]
        return self._shown

    def newer(self, value: str) -> str | None:
        """The search after the one shown, past the newest the draft; None when the bar
        holds no recalled search."""
        if not self.recalling(value):
            return None
        self._at -= 1
        if self._at < 0:
            self._shown = None
            return self._draft
        self._shown = self._matches[self._at]
        return self._shown

    def why_no_older(self) -> str:
        if not self.history:
            return "no earlier searches yet (Enter keeps a search)"
        beginning = f" beginning with 「{self._prefix}」" if self._prefix else ""
        if not self._matches:
            return f"no earlier search{beginning}"
        return f"that is the oldest search{beginning}"

    @staticmethod
    def why_no_newer() -> str:
        return "no later search (Tab or Enter goes to the hits)"


class QueryInput(EditingInput):
    """An Input whose text width changing does not re-arrange the screen.

    Input records its text's width as its virtual size on every keystroke, and
    Widget's `virtual_size` asks for a layout pass when it changes: the whole screen
    re-arranged (and the list's scrollbar redrawn) for each character typed. This
    input's own size never depends on its text (`width: 1fr`), so a repaint is enough;
    scrolling within the input reads `virtual_size` directly.
    """

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)

    BINDINGS: ClassVar[list[BindingType]] = [c.binding() for c in BAR_COMMANDS]

    class NothingToRecall(Message):
        """↑ or ↓ found no search to bring back: the status line says why."""

        def __init__(self, why: str) -> None:
            super().__init__()
            self.why = why

    def __init__(self, *, placeholder: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.recall = Recall()
        self.history: Callable[[], Sequence[str]] | None = None
        """Where the earlier searches are read, at each recall's first ↑: another reader
        on the same home (a second SSH session) keeps searches too."""

    @property
    def cursor_screen_offset(self) -> Offset:
        """Where the terminal's own cursor goes, on the cell the bar's cursor is drawn
        in: an input method opens its composition there. Input puts it a cell further
        at the end of the query (its offset counts the cell kept for the cursor, to
        scroll by), so the kana being composed stood a cell right of the query."""
        x, y, _, _ = self.content_region
        scroll_x, _ = self.scroll_offset
        return Offset(x + self._position_to_cell(self.cursor_position) - scroll_x, y)

    def _watch_selection(self, selection: Selection) -> None:
        # Input's, but that it scrolls to the cursor clear of the edges' "…" (below), and
        # places the terminal's cursor after it scrolls, not before: where the query is
        # wider than the bar, the terminal's cursor stood off the drawn one.
        self.app.clear_selection()
        if not self._focusing:
            self._scroll_to_cursor()

    # -- a query wider than the bar ------------------------------------------------------
    #
    # Input scrolls its text under the cursor, and showed nothing where the query went on
    # out of sight: a long query looked whole, its start (at the cursor's end, and once
    # the focus went to the hits) or its end cut off without a trace. An edge past which
    # it goes on is drawn "…", as a row or a pane title cut short ends; the cursor is
    # kept clear of those cells, and without the focus the bar shows the query's start.

    _focusing = False
    """The focus is coming: the cursor is scrolled to once it has (see `_on_focus`)."""

    def _scroll_to_cursor(self) -> None:
        """Scroll the cursor into sight, clear of the "…" an edge may be drawn as (and
        of a wide character's half beside it), then put the terminal's cursor on it."""
        if self.value and not self._initial_value:
            clear = cell_len(ELLIPSIS) + 1
            self.scroll_to_region(
                Region(self._cursor_offset, 0, width=1, height=1),
                spacing=Spacing(0, clear, 0, clear),
                force=True,
                animate=False,
            )
        self.app.cursor_position = self.cursor_screen_offset

    def _on_focus(self, event: events.Focus) -> None:
        """From the query's start, shown without the focus, to the cursor: once the
        focus's own moves are done (Input selects the query), and the click that gave
        it, if one did, has put the cursor where it fell in the start as shown. (Textual
        calls Input's own handler after this one.)"""
        self._focusing = True

        def focused() -> None:
            self._focusing = False
            self.select_on_focus = True  # (`keep_cursor_on_focus`: once)
            self._scroll_to_cursor()

        self.call_later(focused)

    def _on_resize(self, event: events.Resize) -> None:
        """Scrolled to the cursor again at the bar's new width: the hit count takes its
        place beside the bar as the focus comes, after a burst of text (an input
        method's commit over the list) was scrolled to at the width before, and the
        query's end stayed out of sight, the cursor under the "…", until the next key
        (review)."""
        if self.has_focus and not self._focusing:
            self._scroll_to_cursor()

    def _on_blur(self, event: events.Blur) -> None:
        self.scroll_to(x=0, animate=False, force=True)

    def render_line(self, y: int) -> Strip:
        if not y and not self.value:
            return self._placeholder_line()
        strip = super().render_line(y)
        if y or not self.value:
            return strip
        shown = self.scrollable_content_region.width
        start = self.scroll_offset.x
        mark = cell_len(ELLIPSIS)
        if shown <= 2 * mark:
            return strip
        if start > 0:
            strip = Strip.join([_ellipsis(strip.crop(0, mark)), strip.crop(mark)])
        if self._value.cell_len > start + shown:
            end = strip.crop(shown - mark, shown)
            strip = Strip.join([strip.crop(0, shown - mark), _ellipsis(end), strip.crop(shown)])
        return strip

    def _placeholder_line(self) -> Strip:
        """Input's placeholder line, cut to end in "…" where it is wider than the bar:
        Input wrapped it at a blank and drew the first line, which ended
        `(outlet:… after:2012-03` at 40 columns with no sign of the rest (user review)."""
        full = self.placeholder
        room = self.scrollable_content_region.width
        if room <= 0 or cell_len(full) <= room:
            return super().render_line(0)
        cut = cut_with_ellipsis(full, room)
        # Drawn by Input (its styles, the cursor's cell in focus), the cut text in place
        # of the whole for this line only: no watcher runs, nothing is laid out again.
        self.set_reactive(QueryInput.placeholder, cut[: ellipsis_end(cut)])
        try:
            return super().render_line(0)
        finally:
            self.set_reactive(QueryInput.placeholder, full)

    def to_end(self) -> None:
        """The cursor after the query, nothing selected (to correct the query)."""
        self.selection = Selection.cursor(len(self.value))

    def keep_cursor_on_focus(self) -> None:
        """The cursor after the query, and kept there by the focus about to come, which
        selects the query whole (to be typed over, after `/`): a Backspace sent on to the
        bar deletes the query's last character, not all of it (`Searching.search_typed_text`)."""
        self.to_end()
        self.select_on_focus = False

    def action_recall(self, delta: int) -> None:
        """An earlier search (`delta` 1) or a later one (-1) into the bar, searched as
        if typed (the value's Changed): run in `_on_key`, in order with the characters."""
        value = self.value
        if delta > 0:
            if self.history is not None and not self.recall.recalling(value):
                self.recall.reset(self.history())
            # A query selected whole is to be typed over, not a prefix.
            prefix = value if self.selection.is_empty else ""
            recalled = self.recall.older(value, prefix=prefix)
            why = self.recall.why_no_older()
        else:
            recalled = self.recall.newer(value)
            why = self.recall.why_no_newer()
        if recalled is None:
            self.post_message(self.NothingToRecall(why))
            return
        self.value = recalled
        self.cursor_position = len(recalled)  # at the end, as a shell leaves it

    def _on_paste(self, event: events.Paste) -> None:
        """Pasted lines are joined by spaces: Input keeps the first line alone, and
        dropped the rest without a word. What a terminal shows of them: a colour
        sequence goes, another control is a space, as the search reads it
        (`index.sanitize.controls_as_spaces`); in the bar, it was searched as a word."""
        shown = controls_as_spaces(without_terminal_sequences(event.text))
        text = " ".join(line.strip() for line in shown.splitlines() if line.strip())
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again


def _ellipsis(cells: Strip) -> Strip:
    """An ellipsis in the style of the `cells` it stands for."""
    segments = list(cells)
    style = segments[0].style if segments else None
    return Strip([Segment(ELLIPSIS, style)], cell_len(ELLIPSIS))


class CountLabel(Label):
    """The hit count: a Label whose size is laid out from its text alone.

    A layout pass records each widget's virtual size, and Widget's `virtual_size` asks
    for another layout pass when it changes: the count appearing with a query's first
    hits (or going on Escape) re-arranged the screen twice, the second time for nothing.
    """

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)


COUNT_WIDTH = 11
"""Cells the hit count takes at least ("≈7,367 hits", "7,367+ hits"): a count growing or
shrinking by a digit as the user types does not change the label's width, so needs no
layout pass."""
RESERVED = " " * COUNT_WIDTH
"""The count's place, kept while the bar has the focus and no count yet: the first
count then takes it without a layout pass (which repainted the whole screen, in the
first keystroke's paint). `/` and Escape lay the screen out anyway (the footer)."""


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar { height: 1; dock: top; }
    SearchBar > Input { border: none; height: 1; padding: 0 1; width: 1fr; }
    SearchBar > Input:focus { border: none; background: $boost; }
    SearchBar > #search-count { width: auto; max-width: 50%; padding: 0 1; color: $text-muted; }
    SearchBar > #search-count.-error { color: $error; text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown = ""

    def compose(self) -> ComposeResult:
        yield QueryInput(
            placeholder="/ to search  (outlet:… after:2012-03 OR -word)", id="search-input"
        )
        yield CountLabel(id="search-count")

    @property
    def input(self) -> QueryInput:
        return self.query_one("#search-input", QueryInput)

    @property
    def query_text(self) -> str:
        return self.input.value

    def set_history(self, history: list[str]) -> None:
        """The earlier searches, newest first, recalled with ↑ ↓ (from what is typed).

        Not suggested as grey text after what is typed, as a shell's autosuggestion:
        the hits listed are those of the typed text, and a longer search drawn after it
        looked like the query searched (東京 listed 1111 hits under 東京 outlet:… after:…).
        """
        self.input.recall.reset(history)

    def show_count(self, text: str) -> None:
        if text:
            self._show(text.rjust(COUNT_WIDTH), error=False)
        else:
            self._show(RESERVED if self.input.has_focus else "", error=False)

    def on_descendant_focus(self) -> None:
        if not self._shown:
            self._show(RESERVED, error=False)

    def on_descendant_blur(self) -> None:
        if self._shown == RESERVED:
            self._show("", error=False)

    def show_error(self, message: str) -> None:
        self._show(message, error=True)

    def _show(self, text: str, *, error: bool) -> None:
        label = self.query_one("#search-count", Label)
        label.set_class(error, "-error")
        if text == self._shown:
            return
        # The label is as wide as its text: only a change of width needs a layout. A
        # layout pass re-arranges the whole screen, on every keystroke otherwise.
        resized = cell_len(text) != cell_len(self._shown)
        self._shown = text
        label.update(Text(text), layout=resized)

    @property
    def status(self) -> str:
        return str(self.query_one("#search-count", Label).render())
