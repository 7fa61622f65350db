"""Opening a link with a browser on the machine the reader runs on, when it has one."""

from __future__ import annotations

import os
import shlex
import sys
import webbrowser
from collections.abc import Mapping
from pathlib import Path

NO_BROWSER = "no browser to open it here: ctrl/cmd-click the link, or y copies it"


def has_graphical_browser(environ: Mapping[str, str]) -> bool:
    """Whether a graphical browser can be started (a display, or macOS or Windows).

    Only one is tried: without a display, Python's `webbrowser` falls back to a text
    browser (lynx, w3m) and runs it in this very terminal, over the reader. Over SSH,
    the common case, there is none: the user's own terminal opens the OSC 8 link.
    """
    return sys.platform in ("darwin", "win32") or bool(
        environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")
    )


TEXT_BROWSERS = frozenset(
    ("lynx", "w3m", "links", "links2", "elinks", "www-browser", "browsh", "carbonyl", "cha")
)
"""Browsers that run in the terminal: Python's `webbrowser` starts them in the
foreground, in this terminal, with a display too (BROWSER=w3m, or no graphical
browser installed), and they would draw over the reader and take its keys."""


def open_in_browser(url: str, environ: Mapping[str, str] | None = None) -> bool:
    """Open `url` in a graphical browser; whether one was started (it may block)."""
    if not has_graphical_browser(os.environ if environ is None else environ):
        return False
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return False
    if runs_in_terminal(controller):
        return False
    try:
        return bool(controller.open(url))
    except webbrowser.Error:
        return False


def runs_in_terminal(controller: webbrowser.BaseBrowser) -> bool:
    """Whether `webbrowser` would run this browser in the foreground, in this terminal:
    its Elinks (a UnixBrowser not run in the background), or a text browser it runs
    as a command (BROWSER=w3m, BROWSER="lynx -accept_all_cookies", lynx found)."""
    if isinstance(controller, webbrowser.UnixBrowser):
        return not controller.background  # Mozilla, Chrome...: in the background
    if not isinstance(controller, webbrowser.GenericBrowser):
        return False
    if isinstance(controller, webbrowser.BackgroundBrowser):
        return False  # xdg-open and the like
    words = shlex.split(controller.name) if isinstance(controller.name, str) else []
    return bool(words) and Path(words[0]).name in TEXT_BROWSERS
