"""The source cards of the open article; the cards of the section being read are marked
(a thin bar, │), and the card `y` and `o` act on (a thick one, █: told apart by their
shape, not their colour, in 16 colours and with NO_COLOR too). A card's date (its 公開日)
ends its heading line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from index.model import Article, Block, SourceCard
from tui.commands import CARDS_COMMANDS
from tui.render import BULLET, card_number_cells, card_text, document_of
from tui.typeset import Typesetting
from tui.widgets.paragraph import Paragraph, bulleted_lines


class CardView(Paragraph):
    """A whole card: its points' wrapped lines under their text, not their bullet, its
    heading's under its outlet, not its number."""

    def __init__(
        self, number: int, card: SourceCard, section: int, blocks: Sequence[Block] = ()
    ) -> None:
        super().__init__(card_text(number, card, current=False), classes="card")
        self.number = number
        self.card = card
        self.section = section
        self.blocks = blocks
        """The card's blocks in the article's document (where its matches are)."""
        self.ranges: list[tuple[int, int]] = []
        self._set_lines: tuple[Text, int, Typesetting, list[Text]] | None = None

    def lines(self, width: int) -> list[Text]:
        if width <= 0:
            return [self._text]
        kept = self._set_lines
        settings = self.typesetting
        if (
            kept is None
            or kept[0] is not self._text  # `update` replaces the text
            or (kept[1], kept[2]) != (width, settings)
        ):
            lines = bulleted_lines(
                self._text, BULLET, width, settings, heading=card_number_cells(self.number)
            )
            kept = self._set_lines = (self._text, width, settings, lines)
        return kept[3]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width)) if width > 0 else 1

    def mark(self, *, current: bool, selected: bool) -> None:
        self.set_class(current, "-current")
        self.set_class(selected, "-selected")
        self.update(
            card_text(
                self.number, self.card, current=current, blocks=self.blocks, ranges=self.ranges
            )
        )


class CardsPane(VerticalScroll, can_focus=True, inherit_bindings=False):
    """The open article's source cards. Its keys are the screen's (tui.commands): the
    scrolling keys VerticalScroll binds shadowed them here (↓ scrolled where j picks
    the next card). Enter, its own (`CARDS_COMMANDS`), runs the screen's action."""

    BINDINGS: ClassVar[list[BindingType]] = [
        replace(c.binding(), action=f"screen.{c.action}") for c in CARDS_COMMANDS
    ]

    DEFAULT_CSS = """
    CardsPane { height: 1fr; border: round $primary 40%; padding: 0 1; }
    CardsPane:focus { border: round $primary; }
    CardsPane .card { margin: 0 0 1 0; padding: 0 0 0 1; border-left: blank; }
    CardsPane .card.-current { border-left: solid $accent; }
    CardsPane .card.-selected { border-left: thick $accent; }
    CardsPane:focus .card.-selected { background: $boost; border-left: thick $primary; }
    CardsPane .placeholder { color: $text-muted; }
    """

    class Picked(Message):
        """A card was picked with the mouse (`j` and `k` are the screen's keys): the
        text beside follows it as it does them."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.section: int | None = None
        self.selected: int | None = None

    def on_mount(self) -> None:
        self.border_title = "Sources"
        self._placeholder()

    def on_show(self) -> None:
        """Shown again (`c`, where the pane takes the reader's place): the selected card
        in sight, from its heading. Hidden, the pane had its cards mounted and scrolled
        to nowhere, and kept the scrolling of the article before (card 1 selected, shown
        from its middle)."""
        self._scroll_to_selected()

    def _placeholder(self) -> None:
        self.mount(Static(Text("No source cards."), classes="placeholder"))

    @property
    def card_views(self) -> list[CardView]:
        return list(self.query(CardView))

    def show(self, article: Article | None) -> None:
        self.article = article
        self.section = None
        self.selected = None
        self.remove_children()
        views: list[CardView] = []
        if article is not None and article.cards:
            blocks = document_of(article).blocks
            number = 0
            for s, section in enumerate(article.sections):
                for card in section.cards:
                    own = [block for block in blocks if block.card == number]
                    number += 1
                    views.append(CardView(number, card, s, own))
        if views:
            self.mount_all(views)
            self.selected = 0
            self.border_title = f"Sources ({len(views)})"
            self.call_after_refresh(self._repaint)
        else:
            self.border_title = "Sources"
            self._placeholder()

    def show_hits(self, ranges: list[tuple[int, int]]) -> None:
        """Mark the search's matches (document offsets) in the cards."""
        for view in self.card_views:
            view.ranges = ranges
        self._repaint()

    @property
    def selected_card(self) -> SourceCard | None:
        views = self.card_views
        if self.selected is None or not views:
            return None
        return views[min(self.selected, len(views) - 1)].card

    def follow_section(self, section: int | None, *, keep: bool = False) -> None:
        """Mark the cards of `section` and select its first card, unless the user is
        choosing a card here: a resize re-flows the article, its section changes, and
        the card the user had picked (that `y` and `o` act on) moved under them; nor
        when told to `keep` the card the reader reached (a hit in it, still in sight)."""
        self.section = section
        if not self.has_focus and not keep:
            self.selected = self._card_for(section)
        self._repaint()
        self._scroll_to_selected()

    def _card_for(self, section: int | None) -> int | None:
        """The card `y` and `o` act on while `section` is read: its first card; in a
        section without any (or above the first section), the next card the text comes
        to, else the last one it passed. (The card of the section read before stayed
        selected: back at the top, `y` copied the second card's link.)"""
        views = self.card_views
        if not views:
            return None
        here = -1 if section is None else section
        return next((i for i, view in enumerate(views) if view.section >= here), len(views) - 1)

    def select(self, index: int) -> None:
        """Select card `index` (article-wide numbering): the one the reader reached."""
        views = self.card_views
        if 0 <= index < len(views):
            self.selected = index
            self._repaint()
            self._scroll_to_selected()

    def on_click(self, event: Click) -> None:
        """A click on a card picks it, as `j` and `k` do (it left the card before picked,
        the one `y` and `o` act on). A link in it is the terminal's (OSC 8) still."""
        node = event.widget
        while node is not None and not isinstance(node, CardView):
            node = node.parent if isinstance(node.parent, Widget) else None
        views = self.card_views
        if isinstance(node, CardView) and node in views:
            self.select(views.index(node))
            self.post_message(self.Picked())

    def move(self, delta: int) -> None:
        views = self.card_views
        if not views:
            return
        start = self.selected if self.selected is not None else 0
        self.selected = max(0, min(len(views) - 1, start + delta))
        self._repaint()
        self._scroll_to_selected()

    def _repaint(self) -> None:
        for index, view in enumerate(self.card_views):
            view.mark(current=view.section == self.section, selected=index == self.selected)

    def _scroll_to_selected(self) -> None:
        views = self.card_views
        if self.selected is not None and views:
            view = views[self.selected]
            # A card taller than the pane is shown from its heading (its number and
            # outlet), not from wherever the least scrolling would leave it.
            top = view.outer_size.height > self.scrollable_content_region.height
            self.scroll_to_widget(view, animate=False, immediate=True, top=top)
