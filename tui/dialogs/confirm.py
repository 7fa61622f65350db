"""A yes/no question; the body is plain text (it may show a URL from an article)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.commands import QUIT_HINT_KEY
from tui.dialogs.frame import DialogFrame


class ConfirmDialog(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 90%; max-width: 100; height: auto; border: thick $primary; background: $surface;
        padding: 1 2;
    }
    ConfirmDialog #confirm-title { text-style: bold; margin-bottom: 1; }
    ConfirmDialog #confirm-body { margin-bottom: 1; }
    ConfirmDialog Horizontal { height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        QUIT_HINT_KEY,
    ]

    def __init__(self, title: str, body: Text, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self._title = title
        self._body = body
        self._yes = yes
        self._no = no

    @property
    def title_text(self) -> str:
        return self._title

    @property
    def body_text(self) -> str:
        return self._body.plain

    def compose(self) -> ComposeResult:
        with DialogFrame():
            yield Static(Text(self._title), id="confirm-title")
            yield Static(self._body, id="confirm-body")
            with Horizontal():
                yield Button(Text(f"{self._yes} (y)"), variant="primary", id="yes")
                yield Button(Text(f"{self._no} (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
