"""Make Rich and Textual measure East-Asian ambiguous characters as the terminal draws them.

Rich counts every ambiguous character (… “ ” ① ■ → ○ ± × and the box-drawing
glyphs) as one cell, and it has no setting for terminals that draw them two cells
wide (a CJK locale's default in many terminals). There, each such character
pushes the rest of its line one cell to the right: borders break and text runs
into the next pane. With `[reader] ambiguous_width = 2` the reader widens them in
Rich's own measurement, which Textual's layout, wrapping, input and compositor
all use, so the whole screen agrees with the terminal and with the reading view's
line breaker (`index.typeset.char_cells`).

Rich exposes no hook, so this swaps its per-character measure (and the fast
"all single-cell" check) in the modules that bound them at import. It is
process-wide, like the terminal it describes, and `narrow_ambiguous` undoes it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from types import ModuleType
from typing import Final

import rich.cells
import rich.segment

_ORIGINAL_SIZE: Final = rich.cells.get_character_cell_size
_ORIGINAL_SINGLE: Final = rich.cells._is_single_cell_widths
_SIZE_NAME: Final = "get_character_cell_size"
_SINGLE_NAME: Final = "_is_single_cell_widths"


@lru_cache(maxsize=4096)
def _wide_ambiguous_size(character: str, unicode_version: str = "auto") -> int:
    cells = _ORIGINAL_SIZE(character, unicode_version)
    if cells == 1 and unicodedata.east_asian_width(character) == "A":
        return 2
    return cells


_NARROW_SINGLE_CELLS: Final = frozenset(
    char for char in rich.cells._SINGLE_CELLS if unicodedata.east_asian_width(char) != "A"
)


def _holders() -> list[ModuleType]:
    """Modules that imported the measure by name (each holds its own reference)."""
    import textual._wrap
    import textual.widgets._input

    return [rich.cells, rich.segment, textual._wrap, textual.widgets._input]


def _install(size: Callable[..., int], single: Callable[[str], bool]) -> None:
    for module in _holders():
        if hasattr(module, _SIZE_NAME):
            setattr(module, _SIZE_NAME, size)
        if hasattr(module, _SINGLE_NAME):
            setattr(module, _SINGLE_NAME, single)
    rich.cells.cached_cell_len.cache_clear()  # widths measured the other way


def widen_ambiguous() -> None:
    """From now on, Rich and Textual measure ambiguous characters as two cells."""
    _install(_wide_ambiguous_size, _NARROW_SINGLE_CELLS.issuperset)


def narrow_ambiguous() -> None:
    """Back to Rich's own measure (one cell)."""
    _install(_ORIGINAL_SIZE, _ORIGINAL_SINGLE)
