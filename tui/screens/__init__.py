"""The reader's screens.

Each is imported when first asked for (as `tui.dialogs`' dialogs): the help screen is
not on the way to the reader's first screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_names

if TYPE_CHECKING:
    from tui.screens.help import HelpScreen
    from tui.screens.main import MainScreen, ReaderSetup

__all__ = ["HelpScreen", "MainScreen", "ReaderSetup"]

_MODULES = {
    "HelpScreen": "tui.screens.help",
    "MainScreen": "tui.screens.main",
    "ReaderSetup": "tui.screens.main",
}


__getattr__ = lazy_names(__name__, _MODULES)
