"""OSC 52 clipboard writes: raw, wrapped for tmux passthrough, or off (from the config)."""

from __future__ import annotations

import base64

from index.config import ClipboardMode


def osc52(text: str, mode: ClipboardMode) -> str | None:
    """The escape sequence that asks the user's terminal to set its clipboard to `text`."""
    if mode == "off":
        return None
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    sequence = f"\x1b]52;c;{payload}\a"
    if mode == "tmux":
        # tmux passes a DCS-wrapped sequence through to the outer terminal; inner ESCs doubled.
        return "\x1bPtmux;" + sequence.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return sequence
