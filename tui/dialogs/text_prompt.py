"""Ask for one line of text (e.g. a date or range for the date filter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.commands import QUIT_HINT_KEY
from tui.dialogs.frame import DialogFrame
from tui.widgets.editing_input import EditingInput


class TextPrompt(ModalScreen[str | None]):
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical {
        width: 80%; max-width: 80; height: auto; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    TextPrompt #prompt-title { text-style: bold; }
    TextPrompt #prompt-help { color: $text-muted; }
    TextPrompt #prompt-help.-error { color: $warning; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
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
        self._title = title
        self._help = help_text
        self._placeholder = placeholder
        self._value = value
        self._check = check
        """What is wrong with a text (shown in place of the help; the dialog stays), or None."""

    def compose(self) -> ComposeResult:
        with DialogFrame():
            yield Static(Text(self._title), id="prompt-title")
            yield Static(Text(self._help), id="prompt-help")
            yield EditingInput(self._value, placeholder=self._placeholder)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

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
