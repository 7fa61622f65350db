"""Rows the reader draws are cheap to make and freed when dropped (`tui.strips`), and
every Strip method still answers as Textual's own did."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import Monochrome
from textual.strip import Strip

from tests.tui_support import build_home, reader_app
from tui import strips


def _row() -> Strip:
    bold, dim = Style(bold=True), Style(dim=True)
    return Strip([Segment("東京 ", bold), Segment("tower", dim), Segment(" ①x", Style())])


@contextmanager
def textuals_own() -> Iterator[None]:
    """Textual's Strip as shipped, for the length of the block."""
    changed = Strip.divide, Strip.__init__
    Strip.divide = strips._textual_divide  # type: ignore[method-assign]
    Strip.__init__ = strips._textual_init  # type: ignore[method-assign]
    del Strip.__getattr__  # type: ignore[attr-defined]
    try:
        yield
    finally:
        Strip.divide, Strip.__init__ = changed  # type: ignore[method-assign]
        Strip.__getattr__ = strips._make_cache  # type: ignore[attr-defined]


def _plain(answer: Any) -> Any:
    """An answer as plain values: strips as their segments and length."""
    if isinstance(answer, Strip):
        return (list(answer), answer.cell_length)
    if isinstance(answer, (str, int, Segment)):
        return answer
    return [_plain(part) for part in answer]


OPERATIONS: list[Callable[[Strip], Any]] = [
    lambda s: s.divide([s.cell_length]),
    lambda s: s.divide([2, 5, s.cell_length]),
    lambda s: s.divide([]),
    lambda s: s.crop(1, 7),
    lambda s: s.crop(0, s.cell_length),
    lambda s: s.crop_extend(2, 30, Style(bgcolor="red")),
    lambda s: s.adjust_cell_length(20, Style(bold=True)),
    lambda s: s.adjust_cell_length(4),
    lambda s: s.extend_cell_length(25),
    lambda s: s.apply_style(Style(italic=True)),
    lambda s: s.apply_filter(Monochrome(), Color(10, 20, 30)),
    lambda s: s.simplify(),
    lambda s: s.text,
    lambda s: s.cell_length,
    lambda s: s.render(__import__("rich.console").console.Console()),
]


def test_every_method_answers_as_textuals_own() -> None:
    strips.install()
    with textuals_own():
        expected = [_plain(op(_row())) for op in OPERATIONS]
        expected_twice = [_plain(op(_row())) for op in OPERATIONS for _ in range(2)]
    row = _row()
    assert [_plain(op(_row())) for op in OPERATIONS] == expected
    assert [_plain(op(row)) for op in OPERATIONS for _ in range(2)] == expected_twice


def test_a_strip_has_the_slots_this_module_knows() -> None:
    """A Textual with other slots needs `strips._init` looked at again."""
    assert set(Strip.__slots__) == set(strips.CACHE_SIZES) | set(strips.OTHER_SLOTS)


def test_a_row_makes_only_the_caches_it_uses() -> None:
    strips.install()
    row = _row()
    row.crop(1, 4)
    made = {
        name
        for name in strips.CACHE_SIZES
        if _slot_is_set(row, name)  # reading the attribute would make it
    }
    assert made == {"_crop_cache"}


def _slot_is_set(strip: Strip, name: str) -> bool:
    try:
        Strip.__dict__[name].__get__(strip, Strip)
    except AttributeError:
        return False
    return True


def test_a_row_divided_at_its_length_is_freed_when_dropped() -> None:
    strips.install()
    gc.collect()
    gc.disable()
    try:
        row = _row()
        assert row.divide([row.cell_length]) == [row]
        assert row.divide([row.cell_length, row.cell_length + 4]) == [row]
        del row
        # Textual's own divide kept [row] in the row's cache: a cycle of ~10 objects
        # that only a full collection would have found.
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_the_reader_installs_them(tmp_path: Path) -> None:
    with textuals_own():
        reader_app(*build_home(tmp_path))
        assert Strip.divide is strips._divide and Strip.__init__ is strips._init
