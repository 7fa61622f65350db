"""Ask for one line of text (e.g. a date or range for the date filter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.css.scalar import Scalar
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.commands import QUIT_HINT_KEY
from tui.dialogs.frame import DialogFrame
from tui.widgets.editing_input import EditingInput

NARROW = 60
"""Columns under which the dialog takes the terminal's width (80% of 40 left 28 for the
help, at 40 columns)."""
SHORT = 16
"""Rows under which the line typed in takes one row, not three."""


class TextPrompt(ModalScreen[str | None]):
    """A title, a help text and a line to type in, in a box no taller than the terminal.

    At 40x12 the date dialog (its help eight lines there) was taller than the screen:
    its title and top border above it, the bottom of its box below. On a narrow or
    short terminal it compacts (`-narrow`: the terminal's width; `-short`: the line
    typed in takes one row, as the facet picker's does), and the help is given the rows
    left over (`_fit_help`), scrolled by PageUp and PageDown when it needs more."""

    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical {
        width: 80%; max-width: 80; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    TextPrompt.-narrow > Vertical { width: 100%; }
    TextPrompt #prompt-title { text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    TextPrompt #prompt-help-box { height: auto; scrollbar-size-vertical: 1; }
    TextPrompt #prompt-help { color: $text-muted; }
    TextPrompt #prompt-help.-error { color: $warning; }
    TextPrompt.-short Input { border: none; height: 1; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("pageup", "scroll_help(-1)", "Help up", show=False),
        Binding("pagedown", "scroll_help(1)", "Help down", show=False),
        QUIT_HINT_KEY,
    ]

    def __init__(
        self,
        title: str,
        help_text: str,
        *,
        placeholder: str = "",
        value: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        # The classes the CSS compacts it by (Textual's breakpoints, read as the screen
        # is sized; declared by Textual on the instance).
        self.HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-roomy")]
        self.VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-tall")]
        self._title = title
        self._help = help_text
        self._placeholder = placeholder
        self._value = value
        self._check = check
        """What is wrong with a text (shown in place of the help; the dialog stays), or None."""

    def compose(self) -> ComposeResult:
        with DialogFrame():
            yield Static(Text(self._title), id="prompt-title")
            # Not focused by Tab: the line typed in keeps the keys (Enter, the text).
            with VerticalScroll(id="prompt-help-box", can_focus=False):
                yield Static(Text(self._help), id="prompt-help")
            yield EditingInput(self._value, placeholder=self._placeholder)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.call_after_refresh(self._fit_help)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_help)

    def _fit_help(self) -> None:
        """Give the help the rows the terminal has beside the title, the line typed in
        and the box's border: the box is then no taller than the terminal (a Vertical
        of `height: auto` lets its children run past its `max-height`)."""
        frame = self.query_one(DialogFrame)
        fixed = frame.styles.gutter.height
        fixed += self.query_one("#prompt-title").outer_size.height
        fixed += self.query_one(Input).outer_size.height
        rows = max(1, self.size.height - fixed)
        box = self.query_one("#prompt-help-box")
        if box.styles.max_height != Scalar.from_number(rows):
            box.styles.max_height = rows

    def action_scroll_help(self, pages: int) -> None:
        box = self.query_one("#prompt-help-box", VerticalScroll)
        box.scroll_to(y=box.scroll_y + pages * max(1, box.size.height - 1), animate=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """The text typed ('' when emptied); Escape gives None."""
        value = event.value.strip()
        problem = self._check(value) if self._check is not None else None
        help_line = self.query_one("#prompt-help", Static)
        if problem is not None:
            help_line.update(Text(problem))  # a Text: the value typed is never markup
            help_line.add_class("-error")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
