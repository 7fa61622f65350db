"""OSC 52 clipboard writes: raw, wrapped for tmux passthrough, or off (from the config)."""

from __future__ import annotations

import base64
import subprocess

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


TMUX_OPTION: dict[ClipboardMode, str] = {"osc52": "set-clipboard", "tmux": "allow-passthrough"}
"""The tmux option that decides whether a copy in each mode reaches the terminal."""


def tmux_lets_copies_through(mode: ClipboardMode) -> bool | None:
    """Whether the tmux server the reader runs in ($TMUX) passes a copy made in `mode`
    on: `set-clipboard on` for a raw OSC 52, `allow-passthrough on` (or `all`) for a
    wrapped one. None when tmux cannot be asked (not found, too slow, too old)."""
    option = TMUX_OPTION.get(mode)
    if option is None:
        return None
    try:
        asked = subprocess.run(
            ["tmux", "show-options", "-gqv", option],
            capture_output=True,
            text=True,
            timeout=0.5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = asked.stdout.strip()
    if asked.returncode != 0 or not value:
        return None
    return value in ("on", "all")
