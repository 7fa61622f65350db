"""The reader's typesetting: `index.typeset`, and the choice of border glyphs.

The line breaker lives in `index.typeset`, where `yomite search` uses it too (a
command cannot import `tui`, which brings Textual); the reader's widgets import
`TypesetText` and `Typesetting` from here.
"""

from __future__ import annotations

from typing import Literal

from index.typeset import AmbiguousWidth, TypesetText, Typesetting

__all__ = ["BorderSetting", "TypesetText", "Typesetting", "use_ascii_borders"]

BorderSetting = Literal["auto", "on", "off"]


def use_ascii_borders(setting: BorderSetting, ambiguous_width: AmbiguousWidth) -> bool:
    """Draw borders with ASCII (+-|) instead of box glyphs?

    Box-drawing characters are East-Asian ambiguous: a terminal that draws them
    two cells wide breaks every border. "auto" switches to ASCII exactly when
    ambiguous characters are taken to be wide.
    """
    if setting == "on":
        return True
    if setting == "off":
        return False
    return ambiguous_width == 2
