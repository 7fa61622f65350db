"""yomite's presentation: the Textual reader over what `index` provides."""

from __future__ import annotations

import os
from collections.abc import MutableMapping

FRAME_RATE = 240
"""Screen updates per second at most, where the terminal is local."""


def prefer_fast_frames(environ: MutableMapping[str, str]) -> None:
    """Ask Textual for `FRAME_RATE` updates a second, unless the user chose a rate or the
    reader runs over SSH.

    Textual paints on a fixed 60 Hz tick: a list rebuilt with a keystroke's hits waited
    ~11 ms (p50) for the next tick, often just after the tick that echoed the key; at 120
    it still waited up to a tick (p95 ~10 ms), at 240 p95 ~2-4 ms. Textual only paints
    when something changed, so a faster tick costs nothing while idle, and animations
    keep their own 60 Hz (Textual's animator), so they paint no more often. Over
    SSH each frame is bytes on the link (animations are off there too): the default stays.
    Textual reads the rate once, when it is imported: this runs before any `tui` module
    imports it.
    """
    if "SSH_CONNECTION" not in environ:
        environ.setdefault("TEXTUAL_FPS", str(FRAME_RATE))


prefer_fast_frames(os.environ)
