"""One line above the footer: background indexing progress and notices."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; color: $text-muted; background: $panel; }
    StatusLine.-warning { color: $warning; }
    """

    def say(self, message: str, *, warning: bool = False) -> None:
        self.set_class(warning, "-warning")
        self.update(Text(message))

    @property
    def message(self) -> str:
        return str(self.render())
