"""The reader's screens.

Each is imported when first asked for (as `tui.dialogs`' dialogs): the help screen is
not on the way to the reader's first screen.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.screens.help import HelpScreen
    from tui.screens.main import MainScreen, ReaderSetup

__all__ = ["HelpScreen", "MainScreen", "ReaderSetup"]

_MODULES = {
    "HelpScreen": "tui.screens.help",
    "MainScreen": "tui.screens.main",
    "ReaderSetup": "tui.screens.main",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module 'tui.screens' has no attribute {name!r}")
    return getattr(import_module(_MODULES[name]), name)
