"""Rows the reader draws are freed when dropped, not left for the cyclic collector."""

from __future__ import annotations

import gc
from pathlib import Path

from rich.segment import Segment
from textual.strip import Strip

from tests.tui_support import build_home, reader_app
from tui.strip_cycles import _textual_divide, install


def test_a_row_divided_at_its_length_is_freed_when_dropped() -> None:
    install()
    gc.collect()
    gc.disable()
    try:
        strip = Strip([Segment("東京 ", None), Segment("tower", None)])
        assert strip.divide([strip.cell_length]) == [strip]
        assert strip.divide([strip.cell_length, strip.cell_length + 4]) == [strip]
        del strip
        # Textual's own divide kept [strip] in the strip's cache: a cycle of ~10
        # objects that only a full collection would have found.
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_rows_are_still_divided_where_asked() -> None:
    install()
    strip = Strip([Segment("東京 ", None), Segment("tower", None)])
    pieces = strip.divide([2, 5, strip.cell_length])
    assert [piece.text for piece in pieces] == ["東", "京 ", "tower"]
    assert [piece.cell_length for piece in pieces] == [2, 3, 5]
    assert strip.divide([]) == []


def test_the_reader_installs_it(tmp_path: Path) -> None:
    Strip.divide = _textual_divide  # type: ignore[method-assign]
    reader_app(*build_home(tmp_path))
    assert Strip.divide is not _textual_divide
