"""A line cut short ends in "…" right after its text, wherever the reader cuts one.

Textual's `Content.truncate` (pane titles, the status line, every `text-overflow:
ellipsis`) and Rich's `Text.truncate` (which the article list's rows followed) both cut a
line to a cell less than its place and add "…". Where a full-width character stood
across that cut, the cut padded its half with a space: "…" came a cell after the text
(`トランプ氏とプーチ …`), in a column that jumped from row to row, and read as a word
break in text that has none. `cut_with_ellipsis` ends the text at the last character
that fits, puts "…" right after it and the cell left over after the "…". It measures
"…" as the terminal draws it, too: where `ambiguous_width = 2` it is two cells, and
Content's cut came out a cell wider than its place.

Both the list's rows (`tui.widgets.article_list.Rows`) and Textual's Content, through
`install`, cut with it. (Content's method is swapped, as `tui.strips` swaps Strip's:
Textual is pinned in constraints.txt, and `tests/test_article_rows.py` holds the list's
rows to what Content draws.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import rich.cells
from rich.cells import cell_len
from rich.text import Text
from textual.content import Content

ELLIPSIS = "…"
"""What ends a cut line (as Rich's and Textual's own cuts end it)."""


def cut_with_ellipsis(plain: str, width: int) -> str:
    """`plain`, wider than `width` cells, cut to end in "…" and fill `width` cells.

    Spaces the cut leaves at the text's end are dropped: "…" follows the last word, as
    in the titles `tui.links` cuts. Too narrow for "…", the text is cropped."""
    ellipsis = cell_len(ELLIPSIS)
    if width < ellipsis:
        return rich.cells.set_cell_size(plain, width)
    kept, _ = rich.cells.split_text(plain, width - ellipsis)
    if kept != plain[: len(kept)]:  # a wide character across the cut: its half, a space
        kept = kept[:-1]
    kept = kept.rstrip()
    return kept + ELLIPSIS + " " * (width - ellipsis - cell_len(kept))


def ellipsis_end(text: str) -> int:
    """Where the text `cut_with_ellipsis` made ends, its "…" included: the styles of
    the cut text stop there, not on the blank cells after it."""
    return len(text.rstrip(" "))


TITLE_FRAME = 6
"""Cells of a pane's top border around its title: a corner, a line and a blank each side."""


def fit_title(titles: Sequence[str | Text], width: int) -> str | Text:
    """The border title of a pane `width` cells wide: the first of `titles` (the fullest
    first) that fits, else the last cut to end in "…" and no wider than its place.

    Cut here, not by the border: Content's cut (`cut_with_ellipsis`) fills its place,
    the cell a wide character left over a blank, and the border's own blank after it
    made two (`トランプ氏とプーチ…  ─╮`); a title a cell short leaves that cell to the
    border's line (`トランプ氏とプーチ… ──╮`)."""
    room = width - TITLE_FRAME
    for title in titles:
        if cell_len(title if isinstance(title, str) else title.plain) <= room:
            return title
    last = titles[-1]
    plain = last if isinstance(last, str) else last.plain
    cut = cut_with_ellipsis(plain, max(0, room))
    end = ellipsis_end(cut)
    if isinstance(last, str) or not cut.endswith(ELLIPSIS, 0, end):
        return cut[:end]
    kept = end - len(ELLIPSIS)
    return last[:kept] + Text(ELLIPSIS)


_textual_truncate = Content.truncate


def _truncate(
    self: Content, max_width: int, *, ellipsis: Any = False, pad: bool = False
) -> Content:
    if not ellipsis or max_width <= 0 or self.cell_length <= max_width:
        return _textual_truncate(self, max_width, ellipsis=ellipsis, pad=pad)
    text = cut_with_ellipsis(self.plain, max_width)
    spans = Content._trim_spans(text[: ellipsis_end(text)], self._spans)
    return Content(text, spans, max_width, strip_control_codes=False)


def install() -> None:
    """Textual's Content cuts with "…" as `cut_with_ellipsis` does (once; later calls
    change nothing)."""
    if Content.truncate is _textual_truncate:
        Content.truncate = _truncate  # type: ignore[method-assign]
