"""The reading view: one article laid out for reading, search hits highlighted."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from itertools import accumulate, chain
from operator import add

from rich.text import Text
from textual.containers import VerticalScroll
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import AwaitMount, Widget
from textual.widgets import Static

from index.model import Article, Block, BlockKind, Document, Link, SourceCard
from tui.ellipsis import fit_title
from tui.render import (
    block_text,
    bullet_chars,
    card_marker,
    date_label,
    document_of,
    key_points_label,
    link_style,
)
from tui.typeset import TypesetText, Typesetting
from tui.widgets.paragraph import Paragraph, typesetting_of
from tui.word_cursor import mark_word

RUN_AFTER = 200
"""Articles of more blocks than this draw each run of plain paragraphs as one widget
(`ParagraphRun`). A widget per paragraph made a 4 MB text of 30,000 paragraphs take
75 s to open (Textual styling and laying out 30,000 widgets, and again at each focus
change: Esc took 18 s), and 900 MB."""


class BlockView(Paragraph):
    """One block of the document; knows where it stands in the document text."""

    def __init__(self, block: Block) -> None:
        super().__init__(
            block_text(block, ()),
            classes=f"block -{block.kind.value}",
            bullet=bullet_chars(block),
            hanging=True,
            verbatim=block.verbatim,
            rubies=block.rubies,
        )
        self.block = block
        self.word: tuple[int, int] | None = None
        """Document offsets of the word under the word cursor, when it is in this block."""
        self.hits: list[tuple[int, int]] = []
        """The search's hits that fall in this block (set by the reading view once per
        article and search): drawn from these, not from every hit of the article."""

    def highlight(self, current: tuple[int, int] | None) -> None:
        """Draw the block anew: its hits (`current` marked, if it is one), the word."""
        self.update(mark_word(block_text(self.block, self.hits, current), self.block, self.word))

    @property
    def top_padding(self) -> int:
        return self.styles.padding.top

    def on_resize(self, event: Resize) -> None:
        view = self.parent
        if isinstance(view, ReadingView):
            view.block_resized()


class RunBlock:
    """One paragraph of a `ParagraphRun`: what the reading view reads of a block view
    (its block, hits and word, its typesetting, where it stands), with no widget."""

    __slots__ = (
        "_current",
        "_restyled",
        "_set",
        "_text",
        "block",
        "hits",
        "index",
        "run",
        "word",
    )

    top_padding = 0

    def __init__(self, block: Block, run: ParagraphRun, index: int) -> None:
        self.block = block
        self.run = run
        self.index = index
        """Its place in the run."""
        self.word: tuple[int, int] | None = None
        self.hits: list[tuple[int, int]] = []
        self._current: tuple[int, int] | None = None
        self._text: Text | None = None
        """Its text as drawn (hits, links, the word), made when it is first needed: made
        for every paragraph as an article opened and again as its matches were marked,
        it kept the screen from taking keys for seconds in a 6.8 MB article."""
        self._set: TypesetText | None = None
        self._restyled = False
        """`_set` is of the text before `highlight`: the same lines, other styles."""

    def highlight(self, current: tuple[int, int] | None) -> None:
        self._current = current
        self._text = None
        self._restyled = self._set is not None
        self.run.repaint_later()

    @property
    def text(self) -> Text:
        if self._text is None:
            self._text = mark_word(
                block_text(self.block, self.hits, self._current), self.block, self.word
            )
        return self._text

    @property
    def plain(self) -> str:
        # A paragraph (`ReadingView._runs`): drawn as written, no bullet before it.
        return self.block.text if self._text is None else self._text.plain

    @property
    def typeset(self) -> TypesetText:
        settings = self.run.typesetting
        if self._set is None or self._set.settings != settings:
            self._set = self._typeset(settings)
            self.run.typeset_done(self)
        elif self._restyled:  # the same characters: the same lines, new styles
            self._set = self._typeset(settings)
        self._restyled = False
        return self._set

    def _typeset(self, settings: Typesetting) -> TypesetText:
        return TypesetText(
            self.text,
            settings,
            hanging=True,
            verbatim=self.block.verbatim,
            rubies=self.block.rubies,
        )

    def line_ranges(self, width: int) -> list[tuple[int, int]]:
        return self.typeset.ranges(width)

    def line_of(self, offset: int, width: int) -> int:
        return self.typeset.line_of(offset, width)

    def source_offset(self, display: int) -> int:
        return self.typeset.source_offset(display)

    def set_with(self, settings: Typesetting | None) -> bool:
        """Whether it has been set with `settings` (seen, or gone to): its height counted."""
        return self._set is not None and self._set.settings == settings

    def height(self, width: int) -> int:
        """Its lines at `width`, as set (`set_with`)."""
        return max(1, len(self._set.ranges(width))) if self._set is not None else 1

    @property
    def virtual_region(self) -> Region:
        return self.run.region_of(self.index)

    @property
    def content_region(self) -> Region:
        return self.run.content_region

    @property
    def region(self) -> Region:
        return self.run.region


class ParagraphRun(Widget):
    """A run of plain paragraphs drawn as one widget, a blank line between them (none
    between the pieces of one, `Block.continues`); only the lines in sight are typeset
    and drawn (the Line API), so opening a long article runs MeCab over the paragraphs
    on the screen, not over 30,000."""

    DEFAULT_CSS = """
    ParagraphRun { height: auto; width: 1fr; }
    """

    ALLOW_SELECT = False
    """Its lines carry no offsets for Textual's selection: a drag selected nothing and
    ctrl+c copied the widget's name. (The terminal's own selection still works.)"""

    def __init__(self, blocks: Sequence[Block]) -> None:
        super().__init__(classes="block -run")
        self.members = [RunBlock(block, self, index) for index, block in enumerate(blocks)]
        self._gaps = [0] + [0 if block.continues else 1 for block in blocks[1:]]
        """Blank lines above each paragraph: one between two paragraphs, none between the
        pieces of one."""
        self._cells: list[int] = []
        """Each paragraph's width in cells, guessed (`guessed_cells`), made at the first
        layout."""
        self._layout: tuple[int, Typesetting | None] = (-1, None)
        """(width, settings) `_heights` are for."""
        self._heights: list[int] = []
        self._tops: list[int] = []
        self._tops_stale = False
        """A paragraph's height changed since `_tops` were summed."""
        self._counted: set[int] = set()
        """The paragraphs set (`RunBlock.typeset`): their heights are counted, not guessed."""
        self._relayout_pending = False
        self._repaint_pending = False

    @property
    def typesetting(self) -> Typesetting:
        """The app's settings its paragraphs are set with (`typesetting_of`)."""
        return typesetting_of(self)

    def _lay_out(self, width: int) -> None:
        """Each paragraph's height and top at `width`: guessed from its cells, or counted
        if it has been set. A loop over the paragraphs in Python (a method call each, and
        Rich's `cell_len` of each) took 0.35-1.1 s for the 37,438 of a 6.8 MB article at
        its first layout, and ~15 ms at every other, each time a paragraph set came out
        another height: a list comprehension makes the guesses once per width, and the
        tops are summed in C."""
        settings = self.typesetting  # once, not per paragraph: a run may hold 30,000
        if self._layout != (width, settings):
            if not self._cells:
                self._cells = [guessed_cells(member.block.text) for member in self.members]
            heights = [-(-cells // width) for cells in self._cells]  # ceil, at least 1
            for index in list(self._counted):
                member = self.members[index]
                if member.set_with(settings):
                    heights[index] = member.height(width)
                else:  # set with the settings before (furigana turned on or off)
                    self._counted.discard(index)
            self._heights, self._layout, self._tops_stale = heights, (width, settings), True
        if self._tops_stale:
            steps = map(add, self._gaps, chain((0,), self._heights))
            self._tops, self._tops_stale = list(accumulate(steps)), False

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._lay_out(max(1, width))
        return self._tops[-1] + self._heights[-1] if self.members else 0

    def region_of(self, index: int) -> Region:
        """Where paragraph `index` stands in the reading view's content: with the heights
        of the paragraphs set since the last layout (a scroll to a word or a hit just
        set is computed right, not from the guess its layout still holds)."""
        if self._layout[0] > 0:
            self._lay_out(self._layout[0])
        region = self.virtual_region
        if not self._tops:
            return Region(region.x, region.y, region.width, 0)
        return Region(region.x, region.y + self._tops[index], region.width, self._heights[index])

    def repaint_later(self) -> None:
        """Drawn again once, for however many of its paragraphs were marked anew: each
        `refresh` marks every line of the run dirty (Textual's styles cache), 124,879
        lines in a 6.8 MB article, and a refresh per paragraph as the search's 112,583
        matches were marked or cleared (ctrl+l) held the screen for 100 s."""
        if not self._repaint_pending:
            self._repaint_pending = True
            self.call_later(self._repaint)

    def _repaint(self) -> None:
        self._repaint_pending = False
        self.refresh()

    def typeset_done(self, member: RunBlock) -> None:
        """`member` was set: laid out again if its height was guessed wrong, the reader
        kept on the text it is reading."""
        self._counted.add(member.index)
        width, settings = self._layout
        if width <= 0 or not member.set_with(settings):
            return  # counted at the next layout
        height = member.height(width)
        if height == self._heights[member.index]:
            return
        self._heights[member.index] = height
        self._tops_stale = True
        if not self._relayout_pending:
            self._relayout_pending = True
            # Whether the view is at the end is asked now, with the rows it shows: by the
            # time `_relayout` runs, a layout may have taken the new heights (the end
            # further down, the view where it was), and the text at its top was kept.
            view = self.parent
            at_end = isinstance(view, ReadingView) and view.at_end
            self.call_later(self._relayout, at_end)

    def _relayout(self, at_end: bool) -> None:
        self._relayout_pending = False
        view = self.parent
        if isinstance(view, ReadingView):
            view.keep_reading(at_end=at_end)
        self.refresh(layout=True)

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width or self.size.width
        style = self.rich_style
        index = bisect_right(self._tops, y) - 1
        if index < 0 or y - self._tops[index] >= self._heights[index]:
            return Strip.blank(width, style)  # between two paragraphs
        lines = self.members[index].typeset.lines(width)
        line = y - self._tops[index]
        if line >= len(lines):
            return Strip.blank(width, style)  # (guessed taller: laid out again)
        return Strip(list(lines[line].render(self.app.console))).apply_style(style)

    def on_resize(self, event: Resize) -> None:
        view = self.parent
        if isinstance(view, ReadingView):
            view.block_resized()


def guessed_cells(text: str) -> int:
    """About the cells `text` takes, from its UTF-8 length (in C): ASCII one cell, a
    character of three bytes (kana, kanji, full-width forms) two. Others are guessed
    between (Latin, Cyrillic: 1.5) or wide (half-width katakana, … “ ①); a paragraph's
    lines are counted once it is set."""
    chars = len(text)
    return max(1, chars + (len(text.encode("utf-8", "surrogatepass")) - chars) // 2)


TextBlock = BlockView | RunBlock
"""A block of the open article as the reading view finds it: its own widget, or one
paragraph of a run."""


RESTORE_TRIES = 20
"""Refreshes waited for an article's blocks to be laid out before its place is restored."""


class HitAim(Enum):
    """Where the current hit stands with the view: the hit's part of `Pending`."""

    NONE = "none"
    """No hit brought into view by `n` / `N` (none chosen, or the reader read away from
    it and `HitLeft` said so)."""
    TO_SHOW = "to show"
    """The current hit is to be scrolled to once its line is laid out (the article just
    opened at its first hit, a hit in a card that is being unfolded, a pane not shown)."""
    SHOWN = "shown"
    """Scrolled to, and in the view since: `HitLeft` is said when the reader leaves it."""


@dataclass(frozen=True)
class Pending:
    """What the reading view still has to scroll to once its article is laid out (anew).

    The view keeps the reader's place as a document offset (`ReadingView._place`), not a
    row, and the current hit as an index: both can only be turned into rows once the
    blocks are laid out, which happens after a refresh or two, and again at each new
    width. This value says which of them is still waiting. Every change to it is one of
    the methods below (each returns the new value), named for what happened to the
    reader; the view assigns the result and does the scrolling.

    Its three parts, and what each state means to the reader:

    - `place` False and `hit` not TO_SHOW (`placed`): nothing to wait for; the top of
      the view is where the reader is, and their scrolls move the place
      (`watch_scroll_y` records them);
    - `place` True: the place is put back at the top once laid out; until then the
      rows are a layout's, not the reader's, and scrolls are not recorded as the place;
    - `place_again_on_resize` True: armed by `keep_place` (same width, new heights):
      the place is restored once after the next refresh and once more when the Resize
      the new height brings arrives (in a real terminal the refresh can come before the
      blocks' new layout); with `place` False it waits for that Resize only;
    - `hit` TO_SHOW: the hit wins over a place (`_scroll_when_laid_out`), and showing
      it drops any place pending (the hit is where the reader is now); SHOWN until the
      reader reads away from it, then NONE.

    No combination is ruled out. A place and a hit both pending: a new width while the
    hit waits for its card to unfold (the place may be restored first, then the hit is
    scrolled to). Armed with a hit to show: furigana toggled, then `n` before the
    Resize came. (`ParagraphRun`'s relayout flag and the view's restore retries
    (`_restore_scheduled`, `_restore_tries`) are apart from this: they coalesce and
    count calls queued for after a refresh, whatever is pending.)
    """

    place: bool = False
    """`ReadingView._place` is to be scrolled to the top once the view is laid out."""
    place_again_on_resize: bool = False
    """The place is to be restored again at the next Resize (`keep_place`)."""
    hit: HitAim = HitAim.NONE
    """The current hit: none brought into view, to show, or shown and in sight."""

    @property
    def placed(self) -> bool:
        """Nothing left to scroll to: the top of the view is what the reader sees."""
        return not self.place and self.hit is not HitAim.TO_SHOW

    def opened(self, place: int) -> Pending:
        """A new article opens: at the place it was left (`place` > 0: restored once laid
        out) or at its top (nothing to restore); no hit of it is shown yet. An arm for
        the next Resize is kept (it then restores the new article's place, which is
        where the view is)."""
        return replace(self, place=place > 0, hit=HitAim.NONE)

    def restore_place(self) -> Pending:
        """The blocks are (to be) laid out anew, at another width or not yet at all: the
        text the reader was at is on other rows, to be put back at the top."""
        return replace(self, place=True)

    def place_restored(self) -> Pending:
        """The place is at the top again (or there was none to restore: the top)."""
        return replace(self, place=False)

    def keep_place(self) -> Pending:
        """The blocks are laid out anew at the same width (cards folding, furigana): the
        text at the top stays there, after the next refresh and at the next Resize."""
        return replace(self, place=True, place_again_on_resize=True)

    def resized(self) -> Pending:
        """The view was resized: an armed restore is pending now."""
        if not self.place_again_on_resize:
            return self
        return replace(self, place=True, place_again_on_resize=False)

    def reader_scrolled(self) -> Pending:
        """The reader scrolled by a key: where they are is the place now, whatever restore
        was still pending (under load one could be: the place then stayed the article's
        top, and quitting kept that)."""
        return replace(self, place=False, place_again_on_resize=False)

    def hit_chosen(self) -> Pending:
        """`n` / `N` chose a hit: it is where the reader goes, not the place pending."""
        return replace(self, place=False)

    def hit_to_show(self) -> Pending:
        """The chosen hit's line cannot be found yet (not laid out, or its card unfolding):
        it is scrolled to at the next chance."""
        return replace(self, hit=HitAim.TO_SHOW)

    def hit_shown(self) -> Pending:
        """The hit was scrolled to: it is where the reader is now (a place still pending
        is dropped), and `HitLeft` is said when they leave it."""
        return replace(self, place=False, hit=HitAim.SHOWN)

    def hit_left(self) -> Pending:
        """The reader left the hit shown (the search was cleared, the article closed, or
        they read away from it): nothing to say `HitLeft` for any more. A hit still to
        show stays so; with no hit it is never shown (`_scroll_to_hit` finds none)."""
        if self.hit is not HitAim.SHOWN:
            return self
        return replace(self, hit=HitAim.NONE)


class CardMarker(Static):
    """The numbered marker standing where a source card is in the article.

    With the cards pane beside the reader, the card's own lines are folded under
    it (the pane shows the card whole); a click opens or folds them.
    """

    def __init__(self, index: int, card: SourceCard) -> None:
        super().__init__(classes="card-marker")
        self.index = index
        """The card's index in `Article.cards` (its number less one)."""
        self.card = card

    def show_state(self, *, folded: bool, hits: int) -> None:
        self.set_class(folded, "-folded")
        self.update(card_marker(self.index + 1, self.card, folded=folded, hits=hits))

    def on_click(self, event: Click) -> None:
        event.stop()
        view = self.parent
        if isinstance(view, ReadingView):
            view.toggle_card(self.index)


class ReadingView(VerticalScroll, can_focus=True, inherit_bindings=False):
    """The open article. Its keys are the screen's (tui.commands): the scrolling keys
    VerticalScroll binds (↓, End, PgDn…) shadowed them here, End and Home with an
    animation that a key pressed next cut short."""

    _title: str | Text = ""

    DEFAULT_CSS = """
    ReadingView { height: 1fr; border: round $primary 40%; padding: 0 1; }
    ReadingView:focus { border: round $primary; }
    ReadingView .block { margin: 0 0 1 0; }
    ReadingView .block.-goes-on { margin-bottom: 0; }
    ReadingView .-title { color: $text; text-style: bold; margin: 0; }
    ReadingView .meta { color: $text-muted; margin: 0 0 1 0; }
    ReadingView .-lead { color: $text-muted; }
    ReadingView .key-points-label { margin: 0; color: $accent; }
    ReadingView .-key_point { margin: 0; padding: 0 0 0 1; }
    ReadingView .-key_point.-last { margin-bottom: 1; }
    ReadingView .-heading { color: $accent; margin-top: 1; }
    ReadingView .-question { text-style: bold; padding-left: 2; margin: 0; }
    ReadingView .-teaser { padding-left: 2; color: $text-muted; }
    ReadingView .card-marker { margin: 0; color: $text-secondary; }
    ReadingView .card-marker.-folded { margin-bottom: 1; }
    ReadingView.-cards-beside .card-body { display: none; }
    ReadingView.-cards-beside .card-body.-open { display: block; }
    ReadingView .-card_bullet, ReadingView .-card_source, ReadingView .-card_comment {
        margin: 0; padding-left: 2; color: $text-muted;
    }
    ReadingView .-card_end { margin-bottom: 1; }
    ReadingView .placeholder { color: $text-muted; padding: 1 2; }
    """

    @dataclass
    class SectionChanged(Message):
        """The section being read changed (None: before the first section)."""

        section: int | None

    @dataclass
    class CardReached(Message):
        """The reader went into a source card (a hit in it, a click on its marker, the
        word cursor): the card `o`, `y` and `Y` act on."""

        card: int

    class HitLeft(Message):
        """The current hit, brought into the view by `n` or `N`, is out of it now: the
        reader read on (or back), and "match 2/8" no longer says where they are."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.document: Document | None = None
        self._links: tuple[Link, ...] | None = ()
        """`links`, found when first asked for (None: not yet)."""
        self.ranges: list[tuple[int, int]] = []
        self.hit_index: int | None = None
        self._section: int | None = None
        self._place = 0
        """Where the reader is: the document offset of the text at the top of the view.
        Kept in offsets, not rows, so that a new width (a resize, the cards folding, a
        restart in another terminal) shows the same text at the top."""
        self._place_width = 0
        """The width the view was laid out at when `_place` was taken (0: not yet)."""
        self._pending = Pending()
        """Whether `_place` or the current hit is still to be scrolled to (and whether
        the hit shown is still in the view): changed only by `Pending`'s transitions."""
        self._restore_tries = 0
        """Refreshes `_restore_place` has waited for the blocks to be laid out."""
        self.cards_beside = False
        """The cards pane is shown beside the reader: the cards' lines are folded here."""
        self._open_cards: set[int] = set()
        """Cards unfolded while folded ones are the rule (a hit or the word cursor in them)."""
        self._views: list[TextBlock] = []
        self._starts: list[int] = []
        """Each block view's document offset, for bisecting."""
        self._markers: list[CardMarker] = []
        self._restore_scheduled = False
        """A `_restore_place` is queued by `_restore_later` (one for all the blocks laid
        out anew)."""
        self._placed: list[int] = []
        """The hits that start in a block (indices into `ranges`), in order ..."""
        self._placed_views: list[int] = []
        """... and the index in `_views` of the block each starts in (for bisecting)."""
        self._card_hits: dict[int, int] = {}
        """Hits per source card, for the cards' markers."""
        self._card_to_show: tuple[int, bool] | None = None
        """The card `go_to_card` is to bring into the view (and whether to leave the view
        alone if it shows already), once the view is laid out."""
        self._card_tries = 0
        """Refreshes `_scroll_to_card` has waited for the view to be laid out."""
        self._end_kept = False
        """The end of the article is kept in sight as its paragraphs come out taller or
        shorter than guessed (`keep_reading`), until the view leaves it."""

    def compose_placeholder(self) -> Static:
        # Not "Choose an article from the list": beside a list of no article (an empty
        # home, a search with no hits) that contradicted it.
        text = Text("An article opened from the list (Enter) is read here.")
        return Static(text, classes="placeholder")

    def on_mount(self) -> None:
        self.mount(self.compose_placeholder())

    @property
    def links(self) -> tuple[Link, ...]:
        """The URLs written in the open article's text (`Document.links`), drawn as links:
        looked for when asked for (a link followed, `l`), not as the article opens (0.1 s
        over the 37,438 paragraphs of a 6.8 MB article)."""
        if self._links is None:
            self._links = self.document.links() if self.document is not None else ()
        return self._links

    @property
    def block_views(self) -> list[TextBlock]:
        """The open article's blocks, in order (kept from `show`: a query of the DOM
        per scroll event and per block laid out made a 6,000-paragraph article take
        two minutes to open)."""
        return self._views

    def show(self, article: Article, ranges: list[tuple[int, int]], place: int = 0) -> None:
        """Lay out `article`; `ranges` are hit offsets in its document text, `place` the
        document offset to show at the top (where the reader left it)."""
        self.article = article
        self.document = document_of(article)
        self._links = None
        self.ranges = sorted(ranges)
        self.hit_index = None
        self._pending = self._pending.opened(place)
        self._section = None
        self._open_cards = set()
        self._card_to_show = None
        self.remove_children()
        widgets = self._widgets(article, self.document)
        self._views = []
        for widget in widgets:
            if isinstance(widget, BlockView):
                self._views.append(widget)
            elif isinstance(widget, ParagraphRun):
                self._views.extend(widget.members)
        self._starts = [view.block.start for view in self._views]
        self._markers = [widget for widget in widgets if isinstance(widget, CardMarker)]
        self._index_hits()
        for view in self._views:
            if view.hits:
                view.highlight(None)
        mounting = self.mount_all(widgets)
        self._paint_markers()
        self.scroll_to(y=0, animate=False, immediate=True)
        # Restored once the blocks are laid out (and the view is shown, in one-pane mode).
        self._place, self._place_width = max(0, place), 0
        self._restore_tries = 0
        self.call_later(self._laid_out, mounting)

    async def _laid_out(self, mounting: AwaitMount) -> None:
        """After the article's first layout, go where it was asked to (a hit, a position).

        Textual sends a Resize only when the view's region changes (one-pane mode, the
        cards pane coming or going): with the list beside it and no cards (every livedoor
        article), none came, and the saved position was never restored.
        """
        await mounting
        self.call_after_refresh(self._scroll_when_laid_out)

    @property
    def place(self) -> int:
        """Where the reader is in the article (a document offset): the place still to be
        restored, if the article has not been laid out yet (left at once, it is kept)."""
        return self._place

    @property
    def placed(self) -> bool:
        """Laid out, at the place or the hit it was asked to show: what the top of the
        view shows is what the reader sees (the word cursor starts there)."""
        return bool(self._laid_out_width()) and self._pending.placed

    def clear(self) -> None:
        self.article = None
        self.document = None
        self._links = ()
        self.ranges = []
        self.hit_index = None
        self._pending = self._pending.hit_left()
        self._card_to_show = None
        self._views, self._starts, self._markers = [], [], []
        self._index_hits()
        self.remove_children()
        self.mount(self.compose_placeholder())

    def _widgets(self, article: Article, document: Document) -> list[Widget]:
        widgets: list[Widget] = []
        cards = article.cards
        blocks = document.blocks
        run: list[Block] = []
        for position, block in enumerate(blocks):
            following = blocks[position + 1] if position + 1 < len(blocks) else None
            if len(blocks) > RUN_AFTER and self._runs(block):
                run.append(block)
                if following is None or not self._runs(following):
                    widgets.append(ParagraphRun(run))
                    run = []
                continue
            if block.card is not None and (
                position == 0 or blocks[position - 1].card != block.card
            ):
                widgets.append(CardMarker(block.card, cards[block.card]))
            if block.kind is BlockKind.KEY_POINT and (
                position == 0 or blocks[position - 1].kind is not BlockKind.KEY_POINT
            ):
                widgets.append(Static(key_points_label(), classes="key-points-label"))
            view = BlockView(block)
            if block.card is not None:
                view.add_class("card-body")
            if block.kind is BlockKind.KEY_POINT and (
                following is None or following.kind is not BlockKind.KEY_POINT
            ):
                view.add_class("-last")
            if block.card is not None and (following is None or following.card != block.card):
                view.add_class("-card_end")
            if following is not None and following.continues:
                view.add_class("-goes-on")  # a piece of a paragraph: no blank line under it
            widgets.append(view)
            if block.kind is BlockKind.TITLE:
                widgets.append(Static(self._meta(article), classes="meta"))
        measure = typesetting_of(self).line_width
        if measure:
            for widget in widgets:
                widget.styles.max_width = measure
        return widgets

    @staticmethod
    def _runs(block: Block) -> bool:
        """Whether `block` is drawn in a run of paragraphs, in a long article: a plain
        paragraph (the intro's, a section's: drawn alike), in no card."""
        return block.kind in (BlockKind.INTRO, BlockKind.PARAGRAPH) and block.card is None

    @staticmethod
    def _meta(article: Article) -> Text:
        meta = Text(date_label(article.published))
        if article.outlet:
            meta.append("  ")
            meta.append(article.outlet)
        if article.url:
            meta.append("  ")
            meta.append(article.url, style=link_style(article.url) or "")
        return meta

    # -- source cards: folded under their markers while the cards pane is beside ------

    @property
    def card_markers(self) -> list[CardMarker]:
        return self._markers

    def is_folded(self, view: TextBlock) -> bool:
        """Whether `view` is a card line folded under its marker (not drawn)."""
        card = view.block.card
        return self.cards_beside and card is not None and card not in self._open_cards

    def set_cards_beside(self, beside: bool) -> None:
        """Fold the cards' lines (the cards pane shows them beside) or unfold them.

        The reader stays on what it was reading: the block at the top of the view is
        at the top again once the article has been laid out anew.
        """
        if beside == self.cards_beside:
            return
        self.cards_beside = beside
        # A card holding the current hit stays open: the reader was looking at it.
        hit = self.current_hit
        view = self._view_at(hit[0]) if hit is not None else None
        self._open_cards = {view.block.card} if view and view.block.card is not None else set()
        self.set_class(beside, "-cards-beside")
        for view in self._card_views():
            view.set_class(view.block.card in self._open_cards, "-open")
        self._paint_markers()
        if self.card_markers:
            self.keep_place()

    def toggle_card(self, index: int) -> None:
        """Open a folded card in the text, or fold it again (a click on its marker)."""
        if not self.cards_beside:
            return
        if index in self._open_cards:
            self._open_cards.discard(index)
            for view in self._card_views():
                if view.block.card == index:
                    view.remove_class("-open")
            self._paint_markers()
        else:
            self.reach_card(index)

    def reach_card(self, index: int) -> bool:
        """The reader went into card `index`: unfolded if folded (whether it was), and
        said (`CardReached`)."""
        self.post_message(self.CardReached(index))
        return self.open_card(index)

    def open_card(self, index: int) -> bool:
        """Unfold card `index` (a hit or the word cursor went into it); whether it was folded."""
        if not self.cards_beside or index in self._open_cards:
            return False
        self._open_cards.add(index)
        for view in self._card_views():
            if view.block.card == index:
                view.add_class("-open")
        self._paint_markers()
        return True

    def _card_views(self) -> list[BlockView]:
        """The lines of the source cards (never in a run)."""
        if not self._markers:
            return []
        return [v for v in self._views if isinstance(v, BlockView) and v.block.card is not None]

    def _paint_markers(self) -> None:
        markers = self.card_markers
        if not markers or self.document is None:
            return
        for marker in markers:
            folded = self.cards_beside and marker.index not in self._open_cards
            marker.show_state(folded=folded, hits=self._card_hits.get(marker.index, 0))

    def _card_regions(self, index: int) -> list[Region]:
        """Where card `index` is drawn in the text: its marker, and its lines unless folded."""
        regions = [m.virtual_region for m in self.card_markers if m.index == index]
        regions += [
            v.virtual_region
            for v in self.block_views
            if v.block.card == index and not self.is_folded(v)
        ]
        return [r for r in regions if r.height]

    def card_in_sight(self, index: int) -> bool:
        """Whether any line of card `index` (its marker, when folded) is in the view."""
        top, bottom = self.scroll_y, self.scroll_y + self.scrollable_content_region.height
        return any(r.y < bottom and r.bottom > top for r in self._card_regions(index))

    def card_readable(self, index: int) -> bool:
        """Whether card `index` shows enough to be read: from its marker down, whole, or
        filling the view if it is taller. Its marker alone on the last row counted as
        the card in sight, and picking it left the text where it was (review)."""
        regions = self._card_regions(index)
        if not regions:
            return False
        start, end = min(r.y for r in regions), max(r.bottom for r in regions)
        top, bottom = self.scroll_y, self.scroll_y + self.scrollable_content_region.height
        return top <= start < bottom and min(end, bottom) - start >= min(end - start, bottom - top)

    def go_to_card(self, index: int, *, unless_in_sight: bool = False) -> None:
        """Bring card `index`'s place in the text into the view: its section from its
        heading when the marker then stands in the top two thirds, else the marker a
        third of the way down (the section read is the card's either way: the thin bar
        and the thick one mark the same card in the cards pane). `unless_in_sight` (a
        card picked in the pane beside): the text stays put when the card shows already,
        whole (`card_readable`). Either way the card is brought in whole where it fits.
        A view not laid out yet (just shown, one pane at a time) is scrolled once it is."""
        self._card_to_show = (index, unless_in_sight)
        self._card_tries = 0
        self._scroll_to_card()

    def _scroll_to_card(self) -> None:
        if self._card_to_show is None:
            return
        index, unless_in_sight = self._card_to_show
        marker = next((m for m in self._markers if m.index == index), None)
        if marker is None:
            self._card_to_show = None
            return
        height = self.scrollable_content_region.height
        if not height or not self._laid_out_width() or not marker.region.width:
            if self._card_tries < RESTORE_TRIES:
                self._card_tries += 1
                self.call_after_refresh(self._scroll_to_card)
            return
        self._card_to_show = None
        if unless_in_sight and self.card_readable(index):
            return
        row = marker.virtual_region.y
        target = row - height // 3
        section = next((v.block.section for v in self._views if v.block.card == index), None)
        heading = next((v for v in self._views if v.block.section == section), None)
        if section is not None and heading is not None:
            top = self._top_of(heading)
            if top <= row and row - top <= height * 2 // 3:
                target = top  # the section from its heading, the card's lines under it
        regions = self._card_regions(index)
        end = max(r.bottom for r in regions) if regions else row
        # The card whole, from its marker down (its marker at the top if it is taller than
        # the view): from its section's heading, the seed's first card lost its source and
        # comment under the view's last row at 80×24.
        target = min(row, max(target, end - height))
        self.scroll_to(y=max(0, target), animate=False, immediate=True)
        self.place_here()

    def links_in_sight(self) -> list[Link]:
        """The links written in the text that show in the view, top to bottom: a link
        counts when a line of it does (one a paragraph wraps may start above the top),
        not when it is in a card folded under its marker."""
        if not self.links or not self._laid_out_width():
            return []
        top = self.scroll_y
        bottom = top + self.scrollable_content_region.height
        views = self._views
        last = self._first_view_below(bottom) - 1  # the last block starting above the bottom
        if last < 0:
            return []
        first = max(0, self._first_view_below(top) - 1)
        start, end = views[first].block.start, views[last].block.end
        in_sight: list[Link] = []
        for link in self.links[bisect_left(self.links, start, key=lambda k: k.start) :]:
            if link.start > end:
                break
            view = self._view_at(link.start)
            if view is None or self.is_folded(view):
                continue
            width = view.content_region.width
            if not width:
                continue
            prefix = len(view.plain) - len(view.block.text)  # a drawn bullet (・)
            y = view.virtual_region.y
            first_line = y + view.line_of(link.start - view.block.start + prefix, width)
            last_line = y + view.line_of(link.end - 1 - view.block.start + prefix, width)
            if first_line < bottom and last_line >= top:
                in_sight.append(link)
        return in_sight

    def _top_of(self, view: TextBlock) -> int:
        """Where `view` stands in the scrolled content: its marker's line when folded."""
        if self.is_folded(view):
            for marker in self.card_markers:
                if marker.index == view.block.card:
                    return marker.virtual_region.y
        return view.virtual_region.y

    def offset_at_top(self) -> int | None:
        """The document offset of the first character of the line at the top of the
        view; None when the view is not laid out (hidden, in one-pane mode)."""
        if self.document is None or not self.scrollable_content_region.width:
            return None
        top = round(self.scroll_y)
        views = self._views
        # From the last block starting at or above the top (a long article's thousands
        # of blocks above are not walked at each scroll).
        first = bisect_right(range(len(views)), top, key=lambda i: self._top_of(views[i]))
        for view in views[max(0, first - 1) :]:
            if self.is_folded(view):
                continue
            region = view.virtual_region
            if region.bottom <= top:
                continue
            width = view.content_region.width
            if width <= 0:
                return None
            ranges = view.line_ranges(width)
            line = min(max(0, top - region.y - view.top_padding), len(ranges) - 1)
            at = ranges[line][0] if ranges else 0
            prefix = len(view.plain) - len(view.block.text)  # a drawn bullet (・)
            return view.block.start + max(0, view.source_offset(at) - prefix)
        return None

    def offset_at_bottom(self) -> int | None:
        """The document offset just past the line at the bottom of the view (the text
        in view ends there); None when the view is not laid out."""
        if self.document is None or not self.scrollable_content_region.width:
            return None
        bottom = round(self.scroll_y) + self.scrollable_content_region.height
        views = self._views
        below = self._first_view_below(bottom)  # blocks starting at or below the bottom
        for view in reversed(views[:below]):
            if self.is_folded(view):
                continue
            region = view.virtual_region
            width = view.content_region.width
            if width <= 0:
                return None
            ranges = view.line_ranges(width)
            line = min(max(0, bottom - 1 - region.y - view.top_padding), len(ranges) - 1)
            prefix = len(view.plain) - len(view.block.text)  # a drawn bullet (・)
            if not ranges or line < 0:
                return view.block.start
            return view.block.start + max(0, view.source_offset(ranges[line][1]) - prefix)
        return None

    def row_of(self, offset: int) -> int | None:
        """The row of the content document offset `offset` stands on (its card's
        marker's, folded); None when its block is not laid out (nothing to go by)."""
        return self._row(offset, padded=True)

    def _row(self, offset: int, *, padded: bool) -> int | None:
        """`row_of`, the block's top padding counted if `padded` (`_hit_line` counts
        the row from the block's top)."""
        view = self._view_at(offset)
        if view is None:
            return None
        if self.is_folded(view):
            return self._top_of(view)
        width = view.content_region.width
        if not width:
            return None
        prefix = len(view.plain) - len(view.block.text)  # a drawn bullet (・)
        line = view.line_of(offset - view.block.start + prefix, width)
        return view.virtual_region.y + (view.top_padding if padded else 0) + line

    def in_view(self, row: int) -> bool:
        """Whether content row `row` shows in the view."""
        top = round(self.scroll_y)
        return top <= row < top + self.scrollable_content_region.height

    def _laid_out_width(self) -> int:
        """The width the article's blocks are laid out at (0: not laid out). Not the
        view's: the blocks are laid out again after it when a scrollbar comes or goes."""
        return self._views[0].region.width if self._views else 0

    def _restore_place(self) -> None:
        """Scroll so that `_place` is at the top, once the view is laid out."""
        self._restore_scheduled = False
        width = self._laid_out_width()
        if not self._pending.place and width == self._place_width:
            return
        if self.document is None or not self.size.width:
            return  # hidden (one-pane mode): when shown
        if not width:
            self._restore_later()  # shown, its blocks not laid out yet
            return
        place = self._place
        if place <= 0:
            self._place_width, self._restore_tries = width, 0
            self._pending = self._pending.place_restored()
            self._check_section(self.scroll_y)
            return
        views = self._views
        if not views:
            return
        index = max(0, bisect_right(self._starts, place) - 1)
        if place > views[index].block.end and index + 1 < len(views):
            index += 1  # between two blocks: the next one
        view = views[index]
        if self.is_folded(view):
            y = self._top_of(view)
        else:
            view_width = view.content_region.width
            if not view_width:
                self._restore_later()
                return
            prefix = len(view.plain) - len(view.block.text)
            into = min(max(0, place - view.block.start), len(view.block.text)) + prefix
            line = view.line_of(into, view_width)
            y = view.virtual_region.y + view.top_padding + line
        if y > self.max_scroll_y and self.virtual_size.height <= self.size.height:
            self._restore_later()  # laid out, not yet as tall as it will be
            return
        self.scroll_to(y=y, animate=False, immediate=True)
        # Kept exact: the top line starts at or before it, and a round of resizes
        # would otherwise creep back a line at a time.
        self._place, self._place_width = place, width
        self._pending = self._pending.place_restored()
        self._restore_tries = 0

    def keep_place(self) -> None:
        """The blocks are about to be laid out anew at the same width (cards folding,
        furigana): the text at the top stays there, on whatever row it lands."""
        if self._place_width:
            self._pending = self._pending.keep_place()
            self._restore_tries = 0
            self.call_after_refresh(self._restore_place)

    def place_here(self) -> None:
        """The reader scrolled by a key: where they are is the place now, whatever
        restore was still pending (under load one could be: the place then stayed the
        article's top, and quitting kept that)."""
        self._card_to_show = None  # nor is a card still to show gone to after it
        width = self._laid_out_width()
        place = self.offset_at_top() if width else None
        if place is None:
            return
        self._pending = self._pending.reader_scrolled()
        self._place_width = width
        self._place = place

    def reread_place(self) -> None:
        """Take the place read from the text at the top now: after a jump that did not
        scroll (the word already at the top row), the place was still that of the old
        layout, and the relayout that followed put that text back at the top instead."""
        place = self.offset_at_top()
        if place is not None and not self._pending.place:
            self._place = place

    @property
    def at_end(self) -> bool:
        """Whether the view shows the end of the article (scrolled as far as it goes)."""
        return self.max_scroll_y > 0 and self.scroll_y >= self.max_scroll_y

    def keep_reading(self, *, at_end: bool) -> None:
        """A run's paragraphs came out taller or shorter than guessed: at the end of the
        article (`at_end`: when they did) its end stays in sight (`G` stopped short of
        it: the text at the top was kept, and the end pushed down; a match in the last
        line, gone to, was left under the view); elsewhere the text at the top stays."""
        if at_end or self.at_end or self._end_kept:
            # Kept until the view leaves the end: the paragraphs in sight are set one
            # refresh after another, and a relayout that found the end not yet scrolled
            # to kept the text at the top instead (the end went under the view).
            self._end_kept = True
            self.call_after_refresh(self._to_end)
        else:
            self.keep_place()

    def _to_end(self) -> None:
        if self._end_kept:  # (not if the view left the end since)
            self.scroll_end(animate=False, immediate=True)

    def block_resized(self) -> None:
        """A block was laid out at a new width (the view's, or a scrollbar that came):
        the place read is where it was, on other rows now. Textual sends the view no
        Resize when only its blocks were laid out again."""
        if self._restore_scheduled:
            return  # one restore for all the blocks laid out anew
        if self._laid_out_width() != self._place_width:
            self._restore_tries = 0  # a new layout to wait for
            self._restore_later()

    def _restore_later(self) -> None:
        """Try `_restore_place` again after the next refresh: Textual sends no Resize
        when the view keeps its size (the list beside it, an article without cards)."""
        self._pending = self._pending.restore_place()
        if self._restore_tries < RESTORE_TRIES and not self._restore_scheduled:
            self._restore_tries += 1
            self._restore_scheduled = True
            self.call_after_refresh(self._restore_place)

    def set_title(self, title: str | Text) -> None:
        """The pane's title (the open article's), cut to its width as it changes."""
        self._title = title
        self._fit_title()

    @property
    def full_title(self) -> str | Text:
        """The title as given to `set_title`, uncut."""
        return self._title

    def _fit_title(self) -> None:
        title = fit_title((self._title,), self.outer_size.width)
        if title != self.border_title:
            self.border_title = title

    def on_resize(self, event: Resize) -> None:
        self._fit_title()
        self._pending = self._pending.resized()
        self._scroll_when_laid_out()
        if self._card_to_show is not None:
            # A card still to show: its tries can all run while the view is hidden (the
            # palette's Go to card runs as the palette's screen closes; at 80x24 the
            # text then stayed at the top). Shown, it is laid out and resized.
            self._card_tries = 0
            self.call_after_refresh(self._scroll_to_card)

    def watch_virtual_size(self, size: Size) -> None:
        if self._end_kept:
            # The content's height changed after the last relayout's `_to_end` (which a
            # refresh can call before the layout it asked for): to the new end.
            self.call_after_refresh(self._to_end)

    def _scroll_when_laid_out(self) -> None:
        """Go to the pending hit, or back to the place read, once the view is laid out
        (anew: at another width the same text stands on other rows)."""
        if self._pending.hit is HitAim.TO_SHOW:
            self.call_after_refresh(self._show_pending_hit)
            return
        self._restore_place()

    def _show_pending_hit(self) -> None:
        """The hit still to show scrolled to, if it still is: two Resizes (a scrollbar
        come) queued two scrolls, and the second, after the keys typed with Enter had
        scrolled on from the hit (`j j`), took the text back to it."""
        if self._pending.hit is HitAim.TO_SHOW:
            self._scroll_to_hit()

    # -- hits ------------------------------------------------------------------------

    @property
    def current_hit(self) -> tuple[int, int] | None:
        if self.hit_index is None or not self.ranges:
            return None
        return self.ranges[self.hit_index]

    def _index_hits(self) -> None:
        """Share `ranges` out among the blocks, and count them per card: once per article
        and search, not per jump. Each `n` drew every block again from every hit: 1.2-1.5 s
        with 11,611 hits in a 1 MB article of 1,936 blocks, 31-38 s with 58,045 in 5 MB."""
        views, starts = self._views, self._starts
        for view in views:
            view.hits = []
        self._placed, self._placed_views, self._card_hits = [], [], {}
        for number, hit in enumerate(self.ranges):
            position = bisect_right(starts, hit[0]) - 1
            if position >= 0 and hit[0] <= views[position].block.end:  # as `_view_at`
                self._placed.append(number)
                self._placed_views.append(position)
                card = views[position].block.card
                if card is not None:
                    self._card_hits[card] = self._card_hits.get(card, 0) + 1
            for view in self._views_over(hit, position):
                view.hits.append(hit)

    def _views_over(self, hit: tuple[int, int], position: int | None = None) -> list[TextBlock]:
        """The blocks `hit` is drawn in (one, unless it spans a block's end): those whose
        text it overlaps, as `render.highlight` marks them. `position`: the last block
        starting at or before the hit, if known."""
        views = self._views
        if position is None:
            position = bisect_right(self._starts, hit[0]) - 1
        over: list[TextBlock] = []
        # By index, not over a slice: a slice copied the rest of the article per hit.
        for index in range(max(0, position), len(views)):
            view = views[index]
            if view.block.start >= hit[1]:
                break
            if hit[0] < view.block.end:
                over.append(view)
        return over

    def _repaint_hits(self, *hits: tuple[int, int] | None) -> None:
        """Draw anew the blocks holding `hits` (the current hit before and after a jump):
        the others look the same."""
        current = self.current_hit
        done: set[int] = set()
        for hit in hits:
            for view in self._views_over(hit) if hit is not None else ():
                if id(view) not in done:
                    done.add(id(view))
                    view.highlight(current)

    def clear_hits(self) -> bool:
        """Drop the search's hits (the search was cleared); whether there were any."""
        if not self.ranges:
            return False
        self.mark_hits([])
        return True

    def mark_hits(self, ranges: list[tuple[int, int]]) -> None:
        """Mark `ranges` (hit offsets in the document text) instead of the hits marked, in
        the article as it is laid out: a long article's matches, found after it was shown.
        Shown again with them, its 37,438 paragraphs (6.8 MB) were made and laid out anew,
        those in sight set again: the screen held for 0.5-0.9 s as they came."""
        marked = [view for view in self._views if view.hits]
        self.ranges = sorted(ranges)
        self.hit_index = None
        self._pending = self._pending.hit_left()
        self._index_hits()
        for view in marked:
            if not view.hits:  # (those marked anew are drawn below)
                view.highlight(None)
        for view in self._views:
            if view.hits:
                view.highlight(None)
        self._paint_markers()

    def jump_hit(self, delta: int, *, last: bool = False) -> tuple[int, int, bool] | None:
        """Move to the next (`delta`=1) or previous hit, or (`last`) to the article's last;
        returns (number, total, and whether it went round: past the last to the first,
        or the other way)."""
        if not self.ranges or self.document is None:
            return None
        count = len(self.ranges)
        before = self.current_hit
        current = self.hit_index
        if current is not None and not self._hit_in_view():
            # Scrolled away from it (`g`, `G`, pages): `n` went on from the match left
            # behind (17/22 after `g`), not from where the reader is.
            current = None
        wrapped = False
        if last:
            index = count - 1
        elif current is None:  # from where the reader is (scrolled, or `G`)
            found = self._first_hit_below() if delta > 0 else self._last_hit_above()
            wrapped = found is None
            index = found if found is not None else (0 if delta > 0 else count - 1)
        else:
            wrapped = not 0 <= current + delta < count
            index = (current + delta) % count
        self.hit_index = index
        self._pending = self._pending.hit_chosen()
        self._repaint_hits(before, self.current_hit)
        # From match to match, not from none (the article just opened: its first match
        # is brought to a third of the view, below the text that leads to it).
        self._scroll_to_hit(stay_in_sight=before is not None)
        return index + 1, count, wrapped

    def _hit_line(self, index: int) -> int | None:
        """The row of the content hit `index` stands on (its card's marker's, folded);
        None when its block is not laid out (nothing to go by)."""
        return self._row(self.ranges[index][0], padded=False)

    @property
    def hit_in_sight(self) -> bool:
        """Whether there is a current hit, in the view (or still to be scrolled to)."""
        return self.current_hit is not None and (
            self._pending.hit is HitAim.TO_SHOW or self._hit_in_view()
        )

    def _hit_in_view(self) -> bool:
        """Whether the current hit's line shows in the view (a paragraph may be several
        screens tall). A hit not laid out yet counts as shown: nothing to go by."""
        if self.hit_index is None or not self.ranges:
            return True
        line = self._hit_line(self.hit_index)
        top = self.scroll_y
        return line is None or top <= line < top + self.scrollable_content_region.height

    def _first_view_below(self, y: float) -> int:
        """The index of the first block whose top is at or below row `y` (`len(_views)`:
        none). The blocks' tops only grow down the article."""
        views = self._views
        return bisect_left(range(len(views)), True, key=lambda i: self._top_of(views[i]) >= y)

    def _first_hit_below(self) -> int | None:
        """The first hit on a line at or below the top of the view, if any: in the block
        the top falls in (a tall paragraph's hits in sight), else in a block below."""
        top = self.scroll_y
        below = self._first_view_below(top)
        for at in range(bisect_left(self._placed_views, below - 1), len(self._placed)):
            number = self._placed[at]
            if self._placed_views[at] >= below:
                return number
            line = self._hit_line(number)
            if line is None or line >= top:
                return number
        return None

    def _last_hit_above(self) -> int | None:
        """The last hit on a line above the bottom of the view, if any: `N` from the end
        of an article is its last match in sight, as `n` from its top is its first."""
        bottom = self.scroll_y + self.scrollable_content_region.height
        below = self._first_view_below(bottom)
        for at in range(bisect_left(self._placed_views, below) - 1, -1, -1):
            number = self._placed[at]
            if self._placed_views[at] < below - 1:
                return number
            line = self._hit_line(number)
            if line is None or line < bottom:
                return number
        return None

    def view_at(self, offset: int) -> TextBlock | None:
        """The block holding document offset `offset` (its end included), if any."""
        return self._view_at(offset)

    def _view_at(self, offset: int) -> TextBlock | None:
        views = self._views
        position = bisect_right(self._starts, offset) - 1
        if position < 0:
            return None
        view = views[position]
        return view if offset <= view.block.end else None

    def _scroll_to_hit(self, *, stay_in_sight: bool = False) -> None:
        """Scroll the current hit's line to a third of the view; `stay_in_sight` (`n`,
        `N`): not when it is in the view already (the next line, the same paragraph),
        where the text stays put and only the marked match moves."""
        hit = self.current_hit
        if hit is None:
            return
        view = self._view_at(hit[0])
        if view is None:
            return
        if view.block.card is not None and self.reach_card(view.block.card):
            # A hit in a folded card: the card opens where it stands, and the hit is
            # scrolled to once its lines are laid out.
            self._pending = self._pending.hit_to_show()
            self.call_after_refresh(self._show_pending_hit)
            return
        if not view.content_region.width or not self.scrollable_content_region.height:
            # Not laid out yet (the blocks just mounted, or a pane not shown at this
            # width): the hit's line cannot be found, so it is found on the next resize.
            self._pending = self._pending.hit_to_show()
            return
        width = view.content_region.width
        prefix = len(view.plain) - len(view.block.text)  # a drawn bullet (・)
        line = view.line_of(hit[0] - view.block.start + prefix, width)
        row = view.virtual_region.y + line
        if not (stay_in_sight and self.in_view(row + view.top_padding)):
            height = self.scrollable_content_region.height
            # A first match in the top two thirds of the first screen is shown with the
            # title above it, not scrolled up to a third of the view: the title went out
            # of sight for a match on the 9th row of 19 (user review).
            fits = row + view.top_padding < height - height // 3
            target = 0 if fits and not stay_in_sight else row - height // 3
            self.scroll_to(y=max(0, target), animate=False, immediate=True)
        self._pending = self._pending.hit_shown()
        self._place_width = self._laid_out_width()
        place = self.offset_at_top()
        if place is not None:
            self._place = place

    # -- which section is being read -------------------------------------------------

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new < self.max_scroll_y:
            self._end_kept = False  # scrolled away from the end
        # Every row of the view is painted anew, not only those of the widgets that
        # changed. Reading a block's region here (and in `_scroll_to_hit`) lets Textual's
        # compositor rebuild its map at the new offset before the screen reflows; when a
        # layout is due too (the current hit's paragraph drawn again by `n`), the reflow
        # finds no widget moved and repainted that paragraph alone: after a scroll by the
        # reader, `n` showed a line twice and a blank line gone until the next redraw.
        self.refresh()
        width = self._laid_out_width()
        if self._pending.place or not width:
            pass
        elif self._place_width and width != self._place_width:
            # Laid out anew, its blocks not told yet: the rows are not the reader's.
            self._restore_later()
        else:
            # Scrolled by the reader (also before the first restore ran: nothing was
            # to be restored, and the scroll is theirs).
            self._place_width = width
            place = self.offset_at_top()
            if place is not None:
                self._place = place
            # (Kept at the end, as its paragraphs are set, the view follows it: a hit at the
            # end, gone to, may stand a row under the view for a refresh, and stays shown.)
            if self._pending.hit is HitAim.SHOWN and not self._end_kept and not self.hit_in_sight:
                self._pending = self._pending.hit_left()
                self.post_message(self.HitLeft())
        self._check_section(new)

    def _check_section(self, y: float) -> None:
        """Tell the section at `y` if it changed; not before the blocks are laid out (a
        new article's all stand at row 0 until then: its last section was told)."""
        if not self._laid_out_width():
            return
        section = self._section_at(y)
        if section != self._section:
            self._section = section
            self.post_message(self.SectionChanged(section))

    def _section_at(self, y: float) -> int | None:
        """The section at the top of the view; at the end of the article, the last one
        in sight (its sections too short to reach the top were otherwise never read)."""
        probe = y + 1
        if self.max_scroll_y > 0 and y >= self.max_scroll_y:
            probe = y + self.scrollable_content_region.height - 1
        if self.article is None or not self.article.sections:
            return None  # a plain text, a news article: no block is in a section
        # Sections only grow down the article: the last block in one, at or above
        # `probe`, has it (the next page's teaser, after the last section, is in none).
        views = self._views
        index = bisect_right(range(len(views)), probe, key=lambda i: self._top_of(views[i]))
        for view in reversed(views[:index]):
            if not self.is_folded(view) and view.block.section is not None:
                return view.block.section
        return None
