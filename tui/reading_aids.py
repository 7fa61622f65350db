"""Furigana and the word cursor, as actions of the main screen (a mixin).

The main screen mixes `ReadingAids` in; the commands (`R`, `v`, `w`, `W`, `*`)
are declared with the others in `tui.commands`. The cursor lives here rather
than in the reading view because searching for the word drives the search bar.

In the list, on an article other than the one open, `R`, `v`, `w` and `W` open
that article first (as Enter would) and act on it, as the list's other keys act
on the row under the cursor; `*` has no word there to search for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.geometry import Region
from textual.widgets import Input

from index.errors import QueryError
from index.syntax import as_word
from tui.screen_parts import MainScreenParts
from tui.typeset import Typesetting
from tui.widgets import StatusKind
from tui.widgets.paragraph import Paragraph, typesetting_of
from tui.widgets.reading_view import ParagraphRun, TextBlock
from tui.word_cursor import CursorWord, WordCursor, describe

if TYPE_CHECKING:
    from tui.app import YomiteApp


class ReadingAids(MainScreenParts):
    """Actions for furigana and the word cursor over `self.reader`."""

    _word_cursor: WordCursor | None = None

    # -- furigana ----------------------------------------------------------------------

    @property
    def typesetting(self) -> Typesetting:
        """The app's settings the screen's text is set with (`YomiteApp.typesetting`)."""
        return typesetting_of(self)

    @property
    def furigana(self) -> bool:
        return self.typesetting.furigana

    def _open_listed_then(self, then: Callable[[], None]) -> bool:
        """In the list, on an article not open: open it as Enter would, and `then` once it
        is shown. Whether it did (else the key acts on the article open)."""
        listed = self._listed_target()
        if listed is None:
            return False
        self.open_article(listed.id, focus=True, then=then)
        return True

    def _reader_into_view(self) -> None:
        """The reading view shown, where one pane is at a time: from the list (the
        palette offers these commands there) they changed a reader out of sight."""
        if self.reader.article is not None and not self.reader.display:
            self._focus_pane("reader")

    def action_toggle_furigana(self) -> None:
        if not self._open_listed_then(self._toggle_furigana):
            self._toggle_furigana()

    def _toggle_furigana(self) -> None:
        self._reader_into_view()
        app = cast("YomiteApp", self.app)
        # The screen watches it: `retypeset` sets what shows anew.
        app.typesetting = replace(app.typesetting, furigana=not self.furigana)
        self.status.say("Furigana on" if self.furigana else "Furigana off")

    def retypeset(self) -> None:
        """The app's typesetting changed (furigana turned on or off): what shows is set
        anew, the reader kept on the text it was reading (the main screen watches
        `YomiteApp.typesetting`)."""
        if self.current_word is None:
            self.reader.keep_place()  # the readings make lines longer: the same text on top
        for view in self.query(Paragraph):
            view.refresh(layout=True)  # Paragraph re-typesets when its settings change
        for run in self.reader.query(ParagraphRun):
            run.refresh(layout=True)  # as do the paragraphs of a run
        word = self.current_word
        if word is not None:
            self.call_after_refresh(self._scroll_to_word, word)

    # -- the word cursor -----------------------------------------------------------------

    @property
    def current_word(self) -> CursorWord | None:
        cursor = self._word_cursor
        if cursor is None or cursor.document is not self.reader.document:
            return None
        return cursor.current

    @property
    def has_word(self) -> bool:
        """A word under the cursor, for `*`: not in the list on another article than the
        one open (the word is the open article's, and the list's keys act on the row)."""
        return self.current_word is not None and self._listed_target() is None

    def _cursor(self) -> WordCursor | None:
        document = self.reader.document
        if document is None:
            return None
        if self._word_cursor is None or self._word_cursor.document is not document:
            self._word_cursor = WordCursor(document)
        return self._word_cursor

    def _first_visible_offset(self) -> int:
        """Where the text at the top of the view starts: the line there, not its block's
        start (`v` in a long code block scrolled back up to the block's first line)."""
        at_top = self.reader.offset_at_top()
        if at_top is not None:
            return at_top
        top = self.reader.scroll_y
        for view in self.reader.block_views:
            if not self.reader.is_folded(view) and view.virtual_region.bottom > top:
                return view.block.start
        return 0

    def action_move_word(self, delta: int) -> None:
        if not self._open_listed_then(partial(self._move_word, delta)):
            self._move_word(delta)

    def _move_word(self, delta: int) -> None:
        """The word cursor moved by `delta` words; shown at the top of the view if it
        was not (nor in this article)."""
        cursor = self._cursor()
        if cursor is None:
            return
        self._reader_into_view()
        before = self.current_word
        if before is None:
            word = cursor.place(self._first_visible_offset())
        elif not self._word_in_view(before):
            # Scrolled away from it (pages, `g`, `G`): on from where the reader is, as
            # `n` goes on to the match in view; `w` went back to the word left behind.
            if delta >= 0:
                word = cursor.place(self._first_visible_offset())
            else:
                bottom = self.reader.offset_at_bottom()
                word = cursor.place_before(bottom) if bottom is not None else cursor.move(delta)
        else:
            word = cursor.move(delta)
        self._show_word(before, word)

    def _word_in_view(self, word: CursorWord) -> bool:
        """Whether the word's line shows in the reading view (one not laid out counts as
        shown: nothing to go by)."""
        row = self.reader.row_of(word.start)
        return row is None or self.reader.in_view(row)

    def action_toggle_word_cursor(self) -> None:
        if self._open_listed_then(partial(self._move_word, 0)):
            return
        before = self.current_word
        if before is not None:
            self._word_cursor = None
            self._show_word(before, None)
        else:
            self._move_word(0)

    def action_search_word(self) -> None:
        word = self.current_word
        if word is None or not self.has_word:
            return
        # Its dictionary form (any inflection), quoted where it reads as query syntax.
        query = as_word(word.word.query)
        from index.analysis import STOP_POS
        from index.query import parse

        # A particle, a symbol: the index keeps none. Asked first: a particle of two
        # kana or more (しか) parses, as a reading (鹿).
        unindexed = word.word.pos.partition("・")[0] in STOP_POS
        if not unindexed:
            try:
                parse(query)
            except QueryError:
                unindexed = True
        if unindexed:
            self.status.say(
                f"{word.word.surface} ({word.word.pos_english}) is not indexed: "
                "nothing to search for",
                StatusKind.WARNING,
            )
            return
        search = self.search_bar.input
        # As submitted, not as typed: the word is whole, no prefix of longer ones.
        with search.prevent(Input.Changed):
            search.value = query
        # Prevented, the change is not seen by the bar's handler: an unrelated word
        # searched is a new search (by relevance), as typed.
        self._sort_follows(query)
        search.cursor_position = len(query)
        # Past: it stays true once the search is cleared ("Searching for" outlived it).
        self.status.say(f"searched for {word.word.lemma}")
        self._focus_pane("list")  # the hits; Enter opens one, n/N walk the word in it
        self._search_submitted(query)

    def _view_of(self, word: CursorWord) -> TextBlock | None:
        view = self.reader.view_at(word.block.start)
        return view if view is not None and view.block.start == word.block.start else None

    def _show_word(self, before: CursorWord | None, word: CursorWord | None) -> None:
        if before is not None and (word is None or before.block is not word.block):
            old = self._view_of(before)
            if old is not None:
                old.word = None
                old.highlight(self.reader.current_hit)
        if word is None:
            self.status.say("")
            return
        view = self._view_of(word)
        if word.block.card is not None and (before is None or before.block.card != word.block.card):
            self.reader.reach_card(word.block.card)  # unfolded, and the card y and o act on
        if view is not None:
            view.word = (word.start, word.end)
            view.highlight(self.reader.current_hit)
        self.status.say(describe(word.word).plain, StatusKind.LASTING)
        self.call_after_refresh(self._scroll_to_word, word)

    def _scroll_to_word(self, word: CursorWord) -> None:
        view = self._view_of(word)
        if view is None:
            return
        width = view.content_region.width
        prefix = len(view.plain) - len(view.block.text)
        line = view.line_of(word.word.start + prefix, width) if width > 0 else 0
        top = view.virtual_region.y + view.top_padding + line
        self.reader.scroll_to_region(
            Region(0, top, 1, 1), animate=False, immediate=True, force=True
        )
        self.reader.reread_place()  # its paragraph just set: heights may have changed
