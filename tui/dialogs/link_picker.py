"""Pick one of several links (`o`, `y`, `Y` with more than one in question): the links
written in the text in sight, the selected source card's, the article's own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.commands import QUIT_HINT_KEY
from tui.dialogs.frame import DialogFrame
from tui.render import link_style


@dataclass(frozen=True, slots=True)
class LinkChoice:
    """A link `o`, `y` or `Y` may act on."""

    url: str
    citation: str
    where: str
    """Where the link is, in a few words ("in the text, after “公式サイト”", "source card
    2 · CNN", "the article's own"): two links to one site told apart."""


NUMBERED = 9
"""Choices a digit picks at once (1-9); the others are picked with the arrows or j/k."""


class LinkPicker(ModalScreen[LinkChoice | None]):
    """The choices, numbered: a digit picks one at once, Enter the highlighted one (the
    nearest the reading position, first), Esc none. URLs and words come from article
    files, so every prompt is a `Text`, never markup."""

    DEFAULT_CSS = """
    LinkPicker { align: center middle; }
    LinkPicker > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    /* Docked: many links scroll in the list between them, the hint stays in sight. */
    LinkPicker #link-title { dock: top; text-style: bold; margin-bottom: 1; }
    LinkPicker OptionList { height: auto; border: none; padding: 0; }
    /* OptionList's own :focus rule draws a tall border around two rows of choice. */
    LinkPicker OptionList:focus { border: none; }
    LinkPicker #link-hint { dock: bottom; color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Cancel"),
        QUIT_HINT_KEY,
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
        *(
            Binding(str(number), f"pick({number - 1})", f"Link {number}", show=False)
            for number in range(1, NUMBERED + 1)
        ),
    ]

    def __init__(self, title: str, choices: Sequence[LinkChoice], highlighted: int = 0) -> None:
        super().__init__()
        self._title = title
        self.choices = list(choices)
        self._highlighted = highlighted

    def compose(self) -> ComposeResult:
        with DialogFrame():
            yield Static(Text(self._title), id="link-title")
            yield OptionList(*(self._option(n, c) for n, c in enumerate(self.choices)))
            last = min(len(self.choices), NUMBERED)
            yield Static(
                Text(f"1-{last} or Enter picks · ↑↓ j k move · Esc cancels"), id="link-hint"
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = min(self._highlighted, len(self.choices) - 1)
        options.focus()

    @staticmethod
    def _option(index: int, choice: LinkChoice) -> Option:
        prompt = Text()
        prompt.append(f"{index + 1} " if index < NUMBERED else "  ", style="bold")
        prompt.append(choice.url, style=link_style(choice.url) or "")
        prompt.append("\n  ")
        prompt.append(choice.where, style="dim")
        return Option(prompt)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index])

    def action_pick(self, index: int) -> None:
        if index < len(self.choices):
            self.dismiss(self.choices[index])

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
