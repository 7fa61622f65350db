"""The reader's screens."""

from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen, ReaderSetup

__all__ = ["HelpScreen", "MainScreen", "ReaderSetup"]
