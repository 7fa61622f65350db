"""The `?` screen: every command and its keys, straight from `tui.commands`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.commands import QUIT_HINT_KEY, in_help_order, key_displays
from tui.render import BOOKMARK_MARK, UNREAD_MARK


@dataclass(frozen=True, slots=True)
class HelpRow:
    command_id: str
    keys: list[str]
    """Each key as the footer spells it."""
    title: str
    description: str


LIST_NOTES = (
    (
        "Enter",
        "open the article under the cursor (in the list), search (in the bar), or go to "
        "the card's place in the text (in Sources)",
    ),
    (
        "かな 漢字",
        "typed outside the bar (kana, kanji, full-width; not ASCII, whose letters are "
        "keys): searched, as typed after /",
    ),
    ("u b r o y Y", "in the list: on the article under the cursor, elsewhere on the one open"),
    (
        "R v w W n N",
        "in the list, on another article than the one open: open it (as Enter), then act",
    ),
    (UNREAD_MARK, "in the list: not read yet"),
    (BOOKMARK_MARK, "in the list: bookmarked"),
    (
        "出典 n",
        "a source card where it stands in the text; with the cards pane beside it, "
        "folded (a click, n/N or the word cursor opens it)",
    ),
)
"""What no command of `tui.commands` says: the list's own keys and marks."""

LIVE_EXAMPLE = ("停", "停戦")
"""(typed, what it finds as typed): in seeds/, as the query syntax's examples."""
LIVE_NOTE = (
    "While you type, the last word also finds the words it begins "
    f"({LIVE_EXAMPLE[0]} finds {LIVE_EXAMPLE[1]}); Enter searches as written and lists more hits."
)


TABLE_WIDTH = 40
"""The fewest cells a table of the help is shown in as columns (a terminal of about 50
columns); below, each of its rows is stacked (`Narrowing`)."""
STACKED_INDENT = 3
"""Where a stacked row's description starts, under its key's line."""


class Narrowing:
    """A table of the help as columns where they have room, else each row stacked: its
    key (and the command's name) on a line, what it does under it, wrapped. At 32
    columns the columns read `Keys  C…  What it does` / `/  S…  Foc…` and the syntax's
    examples `停戦 の 交渉  …`: each column had fewer cells than its words."""

    def __init__(
        self,
        table: Table,
        rows: Sequence[tuple[Text, Text]],
        *,
        title: str = "",
        caption: str = "",
    ) -> None:
        self.table = table
        self.rows = rows
        """Each row stacked: its first line (the key, bold), then what it does."""
        self.title = title
        self.caption = caption

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        needed = Measurement.get(console, options, self.table).minimum
        if options.max_width >= max(TABLE_WIDTH, needed):
            yield self.table
            return
        if self.title:
            yield Text(self.title, style="bold", justify="center")
        for head, body in self.rows:
            yield head
            yield Padding(body, (0, 0, 0, STACKED_INDENT))
        if self.caption:
            yield Text(self.caption)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss_help", "Close"),
        QUIT_HINT_KEY,
        # The reader's own moving keys, here too (the arrows and pages are VerticalScroll's)
        Binding("j", "scroll('down')", show=False),
        Binding("k", "scroll('up')", show=False),
        Binding("space", "scroll('page_down')", show=False),
        Binding("g", "scroll('home')", show=False),
        Binding("G", "scroll('end')", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[HelpRow] = []

    def compose(self) -> ComposeResult:
        self.rows = [
            HelpRow(
                c.id,
                key_displays(self.app, c),
                f"{c.title}  {c.japanese}",
                c.description,
            )
            for c in in_help_order()
        ]
        with VerticalScroll() as scroll:
            scroll.border_title = "yomite — keys and search (Esc to close)"
            yield Static(self._table(), id="help-table")
            yield Static(self._list_notes(), id="help-list")
            yield Static(self._syntax(), id="help-syntax")

    def _table(self) -> Narrowing:
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Keys", no_wrap=True)
        table.add_column("Command", ratio=2)
        table.add_column("What it does", ratio=3)
        stacked = []
        for row in self.rows:
            keys = Text(" ".join(row.keys), style="bold")
            table.add_row(keys, Text(row.title), Text(row.description))
            stacked.append((Text.assemble(keys, "  ", row.title), Text(row.description)))
        return Narrowing(table, stacked)

    def _list_notes(self) -> Narrowing:
        title = "The list and the bar"
        table = Table(
            box=None,
            expand=True,
            show_header=False,
            title=title,
            title_style="bold",
        )
        table.add_column("Key", no_wrap=True)
        table.add_column("What it does", ratio=1)
        rows = [(Text(key, style="bold"), Text(meaning)) for key, meaning in LIST_NOTES]
        for row in rows:
            table.add_row(*row)
        return Narrowing(table, rows, title=title)

    def _syntax(self) -> Narrowing:
        from index.query import SYNTAX  # the parser's own table (imported when shown)

        title = "Searching"
        table = Table(
            box=None,
            expand=True,
            show_header=True,
            header_style="bold",
            title=title,
            title_style="bold",
            caption=LIVE_NOTE,
            caption_justify="left",
        )
        table.add_column("Query", no_wrap=True)
        table.add_column("What it finds", ratio=1)
        rows = [(Text(example, style="bold"), Text(meaning)) for example, meaning in SYNTAX]
        for row in rows:
            table.add_row(*row)
        return Narrowing(table, rows, title=title, caption=LIVE_NOTE)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

    def action_scroll(self, how: str) -> None:
        """`how`: down, up, page_down, home or end. Lines and pages scroll at once, not
        after the next refresh, so keys arriving in one read each count."""
        scroll = self.query_one(VerticalScroll)
        step = {"down": 1, "up": -1, "page_down": max(1, scroll.scrollable_content_region.height)}
        if how in step:
            scroll.scroll_relative(y=step[how], animate=False, immediate=True)
        else:
            getattr(scroll, f"scroll_{how}")(animate=False, immediate=True)
