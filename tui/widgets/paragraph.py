"""A block of article text, wrapped with Japanese line-breaking rules.

This is the one place the reading view's text is wrapped: `Paragraph` hands
the styled `Text` (hit highlights included) to the typesetter and draws the
lines it returns, so Rich never re-wraps Japanese text on its own. The
typesetter also inserts furigana when they are on: the settings are the app's
(`typesetting_of`), not the process's, so two apps in one process set their text
each its own way.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.message_pump import MessagePump
from textual.widget import Widget

from index.model import RubySpan
from tui.typeset import TypesetText, Typesetting

DEFAULT_TYPESETTING = Typesetting()


def typesetting_of(node: MessagePump) -> Typesetting:
    """How text is set in the app `node` runs in: the reader's `typesetting` (from the
    config's `[reader]`, furigana turned on and off by `R`: `YomiteApp.typesetting`);
    the defaults in an app that has none (a widget tried alone)."""
    settings = getattr(node.app, "typesetting", None)
    return settings if isinstance(settings, Typesetting) else DEFAULT_TYPESETTING


class Paragraph(Widget):
    """Text drawn as the typesetter wrapped it; rewrapped when the width changes."""

    DEFAULT_CSS = """
    Paragraph { height: auto; width: 1fr; }
    """

    def __init__(
        self,
        text: Text,
        *,
        classes: str | None = None,
        bullet: int = 0,
        hanging: bool = False,
        verbatim: bool = False,
        rubies: tuple[RubySpan, ...] = (),
    ) -> None:
        super().__init__(classes=classes)
        self._text = text
        self._set: TypesetText | None = None
        self.verbatim = verbatim
        """Whether the text is set without furigana (code, a table: `TypesetText`)."""
        self.rubies = rubies
        """The readings the file gives words of the text (`TypesetText`), shown whether
        furigana are on or off; offsets in the whole text, its bullet too."""
        self.hanging = hanging
        """Whether a line of the text that wraps goes on under its text, past its
        indentation and its list marker (an article's lists and code: `TypesetText`)."""
        self.bullet = bullet
        """Characters at the start of the text that are its bullet (・): the rest is set
        beside it, its wrapped lines under the rest rather than under the bullet (a
        point's second line read as a new point). Offsets stay the whole text's."""
        self._hang = cell_len(text.plain[:bullet])

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
    def typesetting(self) -> Typesetting:
        """The app's settings this text is set with (`typesetting_of`)."""
        return typesetting_of(self)

    @property
    def typeset(self) -> TypesetText:
        """The text after its bullet as set with the app's `typesetting` (rebuilt when
        they change: equal settings keep it)."""
        settings = self.typesetting
        if self._set is None or self._set.settings != settings:
            body = self._text[self.bullet :] if self.bullet else self._text
            rubies = tuple(
                (start - self.bullet, end - self.bullet, reading)
                for start, end, reading in self.rubies
                if start >= self.bullet
            )
            self._set = TypesetText(
                body, settings, hanging=self.hanging, verbatim=self.verbatim, rubies=rubies
            )
        return self._set

    def _set_width(self, width: int) -> int:
        """The width the text after the bullet is set at in a block `width` cells wide."""
        return max(1, width - self._hang)

    def lines(self, width: int) -> list[Text]:
        if width <= 0:
            return [self._text]
        return hung(self.typeset.lines(self._set_width(width)), self._text[: self.bullet])

    def line_ranges(self, width: int) -> list[tuple[int, int]]:
        """The lines' [start, end) display offsets at `width` in the text after the
        bullet (see TypesetText.ranges; `source_offset` maps them back)."""
        return self.typeset.ranges(self._set_width(width))

    def source_offset(self, display: int) -> int:
        """The offset in the whole text of display offset `display` (`line_ranges`)."""
        return self.bullet + self.typeset.source_offset(display)

    def line_of(self, offset: int, width: int) -> int:
        """The line at `width` that shows offset `offset` of the whole text."""
        return self.typeset.line_of(max(0, offset - self.bullet), self._set_width(width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Line ranges only: cutting Text lines is left to render, for what is painted.
        return max(1, len(self.line_ranges(width))) if width > 0 else 1

    def render(self) -> Content:
        lines = self.lines(self.content_region.width or self.size.width)
        return Content("\n").join(Content.from_rich_text(line) for line in lines)


def hung(lines: list[Text], bullet: Text) -> list[Text]:
    """`lines` (set as wide as there is room beside `bullet`) under `bullet`: the first
    line after it, the others indented as far."""
    lines = lines or [Text()]
    if not bullet:
        return lines
    indent = Text(" " * bullet.cell_len)
    return [bullet + lines[0], *(indent + line for line in lines[1:])]


def bulleted_lines(
    text: Text, bullet: str, width: int, settings: Typesetting, *, heading: int = 0
) -> list[Text]:
    """`text` set at `width` with `settings`, line by line, a line starting with
    `bullet` hung under its text (a card's points in the cards pane), and the first
    line under what follows its first `heading` characters (a card's outlet, past its
    number) while that leaves half the width."""
    lines: list[Text] = []
    for index, part in enumerate(text.split("\n", allow_blank=True)):
        chars = len(bullet) if part.plain.startswith(bullet) else 0
        if index == 0 and not chars and 2 * cell_len(part.plain[:heading]) <= width:
            chars = heading
        room = max(1, width - cell_len(part.plain[:chars]))
        lines.extend(hung(TypesetText(part[chars:], settings).lines(room), part[:chars]))
    return lines
