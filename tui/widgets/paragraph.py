"""A block of article text, wrapped with Japanese line-breaking rules.

This is the one place the reading view's text is wrapped: `wrap_lines` hands
the styled `Text` (hit highlights included) to the typesetter and draws the
lines it returns, so Rich never re-wraps Japanese text on its own.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from tui.typeset import AmbiguousWidth, wrap_rich

AMBIGUOUS_WIDTH: AmbiguousWidth = 1
"""Set once by the app from the config (`[reader] ambiguous_width`)."""


def wrap_lines(text: Text, width: int) -> list[Text]:
    if width <= 0:
        return [text]
    return wrap_rich(text, width, ambiguous_width=AMBIGUOUS_WIDTH) or [Text()]


class Paragraph(Widget):
    """Text drawn as the typesetter wrapped it; rewrapped when the width changes."""

    DEFAULT_CSS = """
    Paragraph { height: auto; width: 1fr; }
    """

    def __init__(self, text: Text, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._text = text
        self._lines: tuple[int, list[Text]] = (-1, [])

    def update(self, text: Text) -> None:
        self._text = text
        self._lines = (-1, [])
        self.refresh(layout=True)

    @property
    def plain(self) -> str:
        return self._text.plain

    def lines(self, width: int) -> list[Text]:
        if self._lines[0] != width:
            self._lines = (width, wrap_lines(self._text, width))
        return self._lines[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        lines = self.lines(self.content_region.width or self.size.width)
        return Content("\n").join(Content.from_rich_text(line) for line in lines)
