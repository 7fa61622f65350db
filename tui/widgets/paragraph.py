"""A block of article text, wrapped with Japanese line-breaking rules.

This is the one place the reading view's text is wrapped: `Paragraph` hands
the styled `Text` (hit highlights included) to the typesetter and draws the
lines it returns, so Rich never re-wraps Japanese text on its own. The
typesetter also inserts furigana when they are on (`SETTINGS`).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from tui.typeset import TypesetText, Typesetting

SETTINGS = Typesetting()
"""Set by the app from the config (`[reader] ambiguous_width`, `phrase_breaking`,
`furigana`); the furigana command replaces it and re-typesets the paragraphs."""


class Paragraph(Widget):
    """Text drawn as the typesetter wrapped it; rewrapped when the width changes."""

    DEFAULT_CSS = """
    Paragraph { height: auto; width: 1fr; }
    """

    def __init__(self, text: Text, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._text = text
        self._set: TypesetText | None = None

    def update(self, text: Text) -> None:
        """Draw `text` instead. Only new characters can change the block's height: new
        styles alone (a hit marked, the word cursor) repaint it without laying out the
        whole article again. With it, `n` took 0.09-0.11 s in a 1 MB article (1,936
        blocks) and 0.48 s in 5 MB (9,700); without, 0.04 s and 0.2 s (the scroll)."""
        relayout = text.plain != self._text.plain
        self._text = text
        self._set = None
        self.refresh(layout=relayout)

    @property
    def plain(self) -> str:
        return self._text.plain

    @property
    def typeset(self) -> TypesetText:
        """The text as set with the current `SETTINGS` (rebuilt when they change)."""
        if self._set is None or self._set.settings != SETTINGS:
            self._set = TypesetText(self._text, SETTINGS)
        return self._set

    def lines(self, width: int) -> list[Text]:
        if width <= 0:
            return [self._text]
        return self.typeset.lines(width) or [Text()]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Line ranges only: cutting Text lines is left to render, for what is painted.
        return max(1, len(self.typeset.ranges(width))) if width > 0 else 1

    def render(self) -> Content:
        lines = self.lines(self.content_region.width or self.size.width)
        return Content("\n").join(Content.from_rich_text(line) for line in lines)
