"""One line above the footer: background indexing progress and notices."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from index.sanitize import sanitize


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; color: $text-muted; background: $panel; }
    StatusLine.-warning { color: $warning; }
    """

    def say(self, message: str, *, warning: bool = False) -> None:
        """Show `message`; it may carry file names and errors from the disk, which are
        as untrusted as article text (a file name can hold an escape sequence)."""
        self.set_class(warning, "-warning")
        self.update(Text(sanitize(message)))

    @property
    def message(self) -> str:
        return str(self.render())
