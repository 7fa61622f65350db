"""Opening a link with a browser on the machine the reader runs on, when it has one."""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Mapping

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


def open_in_browser(url: str, environ: Mapping[str, str] | None = None) -> bool:
    """Open `url` in a graphical browser; whether one was started (it may block)."""
    if not has_graphical_browser(os.environ if environ is None else environ):
        return False
    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False
