"""Pick one value of a facet (outlet, site, person…) to filter the search by."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from index.analysis import is_reading
from index.kana import fold
from index.phrases import reading
from tui.commands import QUIT_HINT_KEY
from tui.dialogs.frame import DialogFrame
from tui.widgets.editing_input import EditingInput

PICKER_ROWS = 200
"""Values listed at most, the most frequent first; typing narrows to the rest. Listing
all ~9,000 people of the livedoor corpus took ~1 s to open the picker (every option
measured) and as long again for each character typed."""


def folded_readings(values: Sequence[str]) -> list[str]:
    """Each value's reading, folded as the picker folds what is typed."""
    return [fold(reading(value)) for value in values]


class FacetPicker(ModalScreen[str | None]):
    """Values come from article files, so every prompt is a `Text`, never markup."""

    DEFAULT_CSS = """
    FacetPicker { align: center middle; }
    FacetPicker > Vertical {
        width: 80%; max-width: 80; height: 80%; border: thick $primary; background: $surface;
    }
    FacetPicker Input { border: none; height: 1; margin: 0 0 1 0; padding: 0 1; }
    /* Input's own :focus rule draws a tall border, which a one-row input has no room
       for: the text typed was hidden behind it. */
    FacetPicker Input:focus { border: none; background: $boost; }
    FacetPicker OptionList { height: 1fr; border: none; }
    FacetPicker #facet-title {
        text-style: bold; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        QUIT_HINT_KEY,
    ]

    def __init__(self, title: str, values: list[tuple[str, int]], *, names: bool = True) -> None:
        """`names`: the values are names, found by their reading too (people, places);
        outlets and sites are matched as written."""
        super().__init__()
        self._title = title
        self._names = names
        self._hint = (
            "type to narrow (kana folded; a reading finds a name: ほんだ)"
            if names
            else "type to narrow (case, kana and width folded)"
        )
        self._values = values
        self._readings: list[str] | None = None
        """Each value's reading, folded (本田圭佑: ほんだけいすけ): search finds 東京 from
        とうきょう, and so does this list. Made in a thread when the picker opens (~0.25 s
        for ldcc's ~9,000 people); until then, kana typed match the names as written."""

    def compose(self) -> ComposeResult:
        with DialogFrame():
            yield Static(Text(self._title), id="facet-title")
            yield EditingInput(
                placeholder=self._hint,
                id="facet-filter",
            )
            yield OptionList(id="facet-options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()
        if self._names:
            self._read_values()

    @work(thread=True, exit_on_error=False)
    def _read_values(self) -> None:
        readings = folded_readings([value for value, _ in self._values])
        self.app.call_from_thread(self._readings_ready, readings)

    def _readings_ready(self, readings: list[str]) -> None:
        self._readings = readings
        typed = self.query_one(Input).value
        if is_reading(fold(typed)):
            self._fill(typed)  # typed while they were being made: matched again

    def _fill(self, typed: str) -> None:
        needle = fold(typed)
        readings = self._readings if is_reading(needle) else None
        options = self.query_one(OptionList)
        # The count on a line of its own, each line cut at its end (#facet-title's CSS):
        # wrapped, a long query ran into the count at 80 columns (`監督 · the 200 most
        # frequent of 2039` read as one).
        title = Text(self._title)
        matching = [
            index
            for index, (value, _) in enumerate(self._values)
            if needle in fold(value) or (readings is not None and needle in readings[index])
        ]
        if len(matching) > PICKER_ROWS:  # said where it stays in sight, above the list
            title.append(f"\nthe {PICKER_ROWS} most frequent of {len(matching):,}", "dim")
        self.query_one("#facet-title", Static).update(title)
        if matching:
            options.set_options(self._option(index) for index in matching[:PICKER_ROWS])
            options.highlighted = 0
        else:  # a blank list looked broken
            options.set_options([Option(Text(f"none matches {typed}", "dim"), disabled=True)])
            options.highlighted = None

    def _option(self, index: int) -> Option:
        value, count = self._values[index]
        return Option(Text.assemble(value, (f"  {count:,}", "dim")), id=str(index))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self._choose(option.id)

    def on_key(self, event: object) -> None:
        from textual.events import Key

        if isinstance(event, Key) and event.key in ("down", "up"):
            options = self.query_one(OptionList)
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id is None:
            self.dismiss(None)
        else:
            self.dismiss(self._values[int(option_id)][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
