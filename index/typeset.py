"""Japanese line breaking and terminal cell widths: the reading view's and `yomite search`'s.

Rich wraps only at spaces and knows no Japanese line-start rules, so the
reading view wraps paragraphs here and hands Rich finished lines, and `yomite
search` its titles and snippets: one breaker, so the two break a text alike. It
lives in `index/` for the command (which must not import Textual); `tui.typeset`
re-exports it for the reader's widgets.

The breaker works on plain strings and returns `[start, end)` ranges, so the
caller can slice a `rich.text.Text` (or anything else) with its highlight spans
intact (`typeset` and `TypesetText.lines` do that). What a line break drops is defined exactly:
between two consecutive lines there is nothing but ASCII spaces/tabs (dropped
at a soft break) or one `\\n` (a hard break) plus the spaces around it, so
`text[end_k:start_k+1]` is always whitespace and every other character appears
in exactly one line, in order.

Rules, in order of precedence:

1. A hard `\\n` always ends the line.
2. No line is wider than `width` cells; the only exception is a single
   character wider than the whole line (width 1 with a wide character).
3. Kinsoku shori: no line starts with a closing bracket, a closing quote,
   `、。，．・：；？！` (and their ASCII forms), small kana, `ー`, `々`, or an
   iteration mark; no line ends with an opening bracket or quote. The breaker
   pushes the offending character out to the next line together with its
   neighbour (oidashi), never lets it hang past the width. When a run of such
   characters is longer than a whole line there is no legal break; it is then
   cut at the width (the documented exception).
4. Latin words, numbers and URLs (runs of non-space characters that are not
   CJK) are never split unless longer than the line.
5. Among the legal breaks, the fullest line of the first kind found: a space or
   a phrase (bunsetsu) start from `breaks` costing at most `phrase_slack`
   cells of the line; a word start from `word_breaks` (without them, any
   legal break) within the slack; a phrase start, else a word start, within
   twice the slack; any break before a word of its own within a third of the
   line (`weak_breaks` and `attached_breaks` left out: a word start inside a
   predicate's ending, 書いてありまし|た, 離せ|ませ|ん, です|ね, or between two
   katakana words, ロード|ショー; before a particle, an auxiliary, a suffix,
   報じられる|のが, 警戒|感); a weak word start within twice the slack, else the
   fullest weak or attached one within the third, none opening the next line with
   one character and its punctuation (売られています|よね。, not 売られていますよ|ね。;
   例える|ならば、, not 例えるなら|ば、); the fuller weak or attached word start; any
   other legal break.
   How far back a break stands is counted without inline readings (`readings`):
   furigana widen a line, not its choice of break.
   Given `word_breaks`, a line breaks inside a word (ウクライ|ナ) only when it has
   no other legal break (a word longer than the line); a number with its counter
   (1本, 27日: not among `word_breaks`) is a word; a break after `・` or `＝`
   inside a word (ウォロディミル・|ゼレンスキー) counts as a word start.
6. No widow (given `word_breaks`): when the paragraph's last line would hold
   one character and its closing punctuation (う。, ね……。), the line before
   ends instead at its fullest phrase start, else word start, else weak word
   start, else attached word start that leaves more, if one is within a third of
   the width and what follows still fits one line.
7. Hanging (`hanging=True`, as the reading view sets an article): the lines a line of
   the text wraps onto stand under its text, past its indentation (spaces,
   full-width spaces) and its list marker (`・`, `1.`, a task's `☐`): a list item's
   second line under its words, not its bullet, a code line's under its code. Not when that
   leaves less than half the width (a line indented nearly as wide as the pane).
   A table's row (`cell_separator` given: a table set as written) hangs each line
   it wraps onto under the cell that line begins in (a `│` it begins with under its
   `│`), as a table's cell wraps within its column; not when that leaves less than a
   third of the width (the indentation's hang then, none in a table).
   The ranges are the same characters either way: the hang is only drawn
   (`PreparedText.hangs`).

The width-independent work (cell widths, legal breaks) is done once per text
in `PreparedText`; `PreparedText.wrap(width)` is a binary search per line, so
rewrapping on resize is cheap.
"""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Final, Literal

# Rich's own table (private, pinned by rich<16): per-character widths must add up
# to exactly what Rich and Textual measure, VS16 emoji included.
from rich._unicode_data import load as _load_cell_table
from rich.cells import get_character_cell_size
from rich.text import Span, Text

from index.config import ReaderConfig
from index.model import TABLE_COLUMNS, RubySpan
from index.phrases import (
    Annotated,
    Ruby,
    attached_boundaries,
    phrase_boundaries,
    readings,
    weak_boundaries,
    with_furigana,
    word_boundaries,
)

AmbiguousWidth = Literal[1, 2]
AmbiguousSetting = Literal[1, 2, "auto"]

# -- character classes --------------------------------------------------------------

NO_LINE_START: Final = frozenset(
    "）」』】〕〉》］｝〙〗｠｣)]}"  # closing brackets
    "”’"  # closing quotes
    "、。，．・：；？！‼⁇⁈⁉,.:;?!｡､･"  # punctuation
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶｧｨｩｪｫｬｭｮｯ"  # small kana
    + "".join(chr(c) for c in range(0x31F0, 0x3200))  # ㇰ-ㇿ small katakana extension
    + "ーｰ々〻ゝゞヽヾ゛゜"  # prolonged sound, iteration marks
)
"""Characters that may not begin a line (kinsoku shori): closers, punctuation, small
kana, the prolonged sound mark and iteration marks."""

NO_LINE_END: Final = frozenset("（「『【〔〈《［｛〘〖｟｢“‘([{")
"""Characters that may not end a line: opening brackets and quotes."""

_BREAKABLE_SPACES: Final = frozenset(" \t")
"""Spaces dropped at a soft line break. U+3000 is kept where it is Japanese indentation
(a paragraph's start), dropped where a soft break falls before it."""
_IDEOGRAPHIC_SPACE: Final = "\u3000"
_SKIPPED: Final = frozenset(" \t\u3000")
"""What a soft break may drop at the start of the next line (see `_next_start`)."""

TAB_SIZE: Final = 8
"""Cells between two tab stops: a tab reaches the next, counted in cells from its line's
start (a wide character 2)."""

_ZWJ: Final = "\u200d"
_VS16: Final = "\ufe0f"


@lru_cache(maxsize=8192)
def is_word_char(char: str) -> bool:
    """Part of a Latin word, number or URL: no break between two of these."""
    if char.isspace():
        return False
    eaw = unicodedata.east_asian_width(char)
    if eaw in ("Na", "N", "A"):
        return True
    # Full-width Latin letters and digits (２０１２, ＮＨＫ) read as one word too.
    return eaw == "F" and char.isalnum()


# -- widths ---------------------------------------------------------------------------


def resolve_ambiguous_width(
    setting: AmbiguousSetting, environ: Mapping[str, str] | None = None
) -> AmbiguousWidth:
    """Cells for East-Asian ambiguous characters (… “ ” ① ■ → ○): 1 or 2.

    "auto" reads the locale the terminal was started with: a CJK locale
    (ja, zh, ko in LC_ALL, LC_CTYPE or LANG, first one set wins, as in POSIX)
    may mean a terminal that draws them wide (mintty does, under one). Anything
    else: 1. Inside tmux it is 1 whatever the locale: tmux draws the screen, and
    measures them as the C library's wcwidth does, one cell. A ja_JP locale in tmux
    drew ASCII borders and a layout a cell off wherever one of them stood. (GNU
    screen turns its `cjkwidth` on under a ja, zh or ko locale: the locale holds.)
    """
    if setting == 1 or setting == 2:
        return setting
    env = os.environ if environ is None else environ
    if env.get("TMUX"):
        return 1
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name)
        if value:
            return 2 if value.lower()[:2] in ("ja", "zh", "ko") else 1
    return 1


@lru_cache(maxsize=16384)
def char_cells(char: str, ambiguous_width: AmbiguousWidth = 1) -> int:
    """Cells one character occupies (0, 1 or 2), honouring the ambiguous setting."""
    cells = get_character_cell_size(char)
    if cells == 1 and ambiguous_width == 2 and unicodedata.east_asian_width(char) == "A":
        return 2
    return cells


def _cell_widths(text: str, ambiguous_width: AmbiguousWidth) -> list[int]:
    """Per-character cells, summing to what Rich measures for the whole string.

    Like `rich.cells.cell_len`: the character after a zero-width joiner is part
    of the same emoji (0 cells) and VS16 widens a narrow emoji by one cell. A tab
    (0 to Rich) takes the cells to its stop, as `TypesetText.lines` draws it.
    """
    widths = [char_cells(char, ambiguous_width) for char in text]
    if _ZWJ in text or _VS16 in text:
        narrow_to_wide = _load_cell_table("auto").narrow_to_wide
        for index, char in enumerate(text):
            if char == _ZWJ and index + 1 < len(text):
                widths[index + 1] = 0
            elif char == _VS16 and index and text[index - 1] in narrow_to_wide:
                widths[index] = 1 if widths[index - 1] == 1 else 0
    if "\t" in text:
        # To the next stop, counted in cells from the line's start (after a `\n`): 名前
        # is 4 cells, its tab 4. Textual counted characters (a tab after 名前 was 6 cells)
        # or, in a line with a style in it, cells: the word cursor moved the columns.
        column = 0
        for index, char in enumerate(text):
            if char == "\n":
                column = 0
                continue
            if char == "\t":
                widths[index] = TAB_SIZE - column % TAB_SIZE
            column += widths[index]
    return widths


def cell_width(text: str, ambiguous_width: AmbiguousWidth = 1) -> int:
    """Cells `text` occupies on one line of a terminal (a tab to its stop, `TAB_SIZE`)."""
    return sum(_cell_widths(text, ambiguous_width))


# -- breaking ---------------------------------------------------------------------------


def default_phrase_slack(width: int) -> int:
    """How many cells a line may give up to end on a phrase boundary: a few, never ragged."""
    return max(2, min(6, width // 6))


# Kinds of break offset (PreparedText._grade), from worst to best.
_INSIDE: Final = 0
"""Inside a word (when word starts are known): only when no other break is legal."""
_ATTACHED: Final = 1
"""A word start before a particle, an auxiliary, a suffix (報じられる|のが,
トラッフォード|へ): taken when the line has no other break within reach."""
_WEAK: Final = 2
"""A word start inside a predicate's ending (離せ|ませ|ん) or a katakana compound
(ロード|ショー): taken with the attached ones when no word start is within a third of
the line, before a fuller attached one within twice the slack (ます|よね, 例える|ならば);
the widow rule takes it before an attached one."""
_WORD: Final = 3
"""A word start; any legal break when word starts are not known."""
_PHRASE: Final = 4

_WORD_SEPARATORS: Final = frozenset("・＝")
"""A break after these counts as a word start even inside one token (foreign names)."""

_HANGING: Final = re.compile(r"[ \u3000]*(?:・|[☐☑] |[0-9]{1,9}[.)] (?:[☐☑] )?)?")
"""What a line's wrapped lines hang past (rule 7): its indentation, its list marker (a
task's box: `☐ `, `1. ☑ `)."""


class PreparedText:
    """One text with its width-independent line-breaking facts, ready to wrap at any width.

    `breaks` are preferred break offsets (phrase starts from
    `index.phrases.phrase_boundaries`), `word_breaks` second choices (word
    starts from `index.phrases.word_boundaries`), `weak_breaks` and
    `attached_breaks` those taken last (`index.phrases.weak_boundaries`,
    `index.phrases.attached_boundaries`); `keep_together` are `[start, end)` ranges
    that must not be broken inside unless longer than a line (an inline furigana
    reading with its base word); `readings` are the `[start, end)` ranges of inline
    readings, which rule 5's reach does not count (a break is as far back as it is in
    the text without them).
    """

    __slots__ = (
        "_allowed",
        "_cell_starts",
        "_grade",
        "_hangs",
        "_prefix",
        "_reach",
        "_segments",
        "_words_known",
        "text",
    )

    def __init__(
        self,
        text: str,
        *,
        breaks: Iterable[int] | None = None,
        word_breaks: Iterable[int] | None = None,
        weak_breaks: Iterable[int] = (),
        attached_breaks: Iterable[int] = (),
        keep_together: Iterable[tuple[int, int]] = (),
        ambiguous_width: AmbiguousWidth = 1,
        readings: Iterable[tuple[int, int]] = (),
        cell_separator: str | None = None,
    ) -> None:
        self.text = text
        widths = _cell_widths(text, ambiguous_width)
        prefix = [0, *accumulate(widths)]
        self._prefix = prefix
        # The cells before each offset, the readings' left out: how far back a break
        # is (rule 5). With them counted, 獲得(かくとく)'s phrase start was 8 cells
        # further back than 獲得's, out of reach: the line broke す|べき.
        reach = prefix
        spans = list(readings)
        if spans:
            counted = list(widths)
            for start, end in spans:
                counted[start:end] = [0] * (min(end, len(text)) - start)
            reach = [0, *accumulate(counted)]
        self._reach = reach
        self._allowed = _legal_breaks(text, widths)
        for start, end in keep_together:
            for inside in range(max(start + 1, 1), min(end, len(text))):
                self._allowed[inside] = 0
        self._words_known = word_breaks is not None
        self._grade = _break_grades(text, breaks, word_breaks, weak_breaks, attached_breaks)
        self._segments = _segments(text)
        self._hangs = [self._hang(start, end) for start, end in self._segments]
        """Cells each segment's wrapped lines hang by (rule 7)."""
        self._cell_starts = [
            _cell_starts(text, start, end, cell_separator) if cell_separator else []
            for start, end in self._segments
        ]
        """Where each segment's cells begin, when it is a table's row (rule 7): its
        start, each separator's `│` and the cell after it; [] for a text's line."""

    def _hang(self, start: int, end: int) -> int:
        found = _HANGING.match(self.text, start, end)
        lead = found.end() if found is not None else start
        return self.cells(start, lead) if lead < end else 0

    def cells(self, start: int, end: int) -> int:
        """Cells of `text[start:end]`."""
        return self._prefix[end] - self._prefix[start]

    def wrap(
        self, width: int, *, phrase_slack: int | None = None, hanging: bool = False
    ) -> list[tuple[int, int]]:
        """`[start, end)` of each line at `width` cells (see the module doc for the
        rules; `hanging`, rule 7: the cells a line hangs by are `hangs`')."""
        width = max(1, width)
        slack = default_phrase_slack(width) if phrase_slack is None else phrase_slack
        lines: list[tuple[int, int]] = []
        for segment, (start, end) in enumerate(self._segments):
            hang = _hang_at(self._hangs[segment], width) if hanging else 0
            row = segment if hanging and self._cell_starts[segment] else -1
            self._wrap_segment(start, end, width, width - hang, slack, lines, row)
        return lines

    def hangs(self, width: int, lines: Sequence[tuple[int, int]]) -> list[int]:
        """The cells each of `lines` (from `wrap(width, hanging=True)`) hangs by: a
        line's first is not indented, those it wrapped onto by its hang (rule 7)."""
        width = max(1, width)
        starts = [start for start, _ in self._segments]
        result: list[int] = []
        row: _RowColumns | None = None
        for start, _ in lines:
            segment = bisect_right(starts, start) - 1
            if start == starts[segment]:
                result.append(0)
                row = _RowColumns(self, segment, width) if self._cell_starts[segment] else None
            elif row is not None:
                result.append(row.hang_at(start))
                row.place(start, result[-1])
            else:
                result.append(_hang_at(self._hangs[segment], width))
        return result

    def _wrap_segment(
        self,
        start: int,
        end: int,
        width: int,
        rest_width: int,
        slack: int,
        lines: list[tuple[int, int]],
        row: int = -1,
    ) -> None:
        """Lines of the segment `[start, end)`: its first `width` cells wide at most, the
        others `rest_width` (narrower by the hang, when they hang); a table row's (`row`,
        the segment's index, given when it hangs) each narrower by the hang of the cell
        it begins in."""
        text, prefix, allowed, grade = self.text, self._prefix, self._allowed, self._grade
        widows = self._words_known
        full = width
        columns = _RowColumns(self, row, full) if row >= 0 else None

        def width_at(offset: int) -> int:
            """The width of a line the segment wrapped onto, beginning at `offset`."""
            return rest_width if columns is None else full - columns.hang_at(offset)

        first = True
        while first or start < end:
            if not first:
                width = width_at(start)
                if columns is not None:
                    columns.place(start, full - width)
            first = False
            # The farthest `fit` with text[start:fit] within the width (zero-width
            # characters after the last fitting one come along).
            fit = bisect_right(prefix, prefix[start] + width, start, end + 1) - 1
            if fit >= end:
                lines.append((start, _strip_end(text, start, end)))
                return
            if fit <= start:  # one character wider than the whole line
                fit = start + 1
                while fit < end and prefix[fit + 1] == prefix[fit]:
                    fit += 1
                cut = fit
            else:
                cut = _choose_break(text, start, fit, prefix, allowed, grade, slack, self._reach)
                if widows:
                    rest = _next_start(text, cut, end) if text[cut] in _SKIPPED else cut
                    if (
                        # (Only closing punctuation follows a widow's one character.)
                        (rest + 1 >= end or text[rest + 1] in _TRAILING)
                        and prefix[end] - prefix[rest] <= width_at(rest)
                        and _is_widow(text, rest, end)
                    ):
                        # The next line is the last and would hold one character (う。).
                        reach = max(slack, width // 3)
                        cut = _widow_break(
                            text,
                            start,
                            fit,
                            cut,
                            end,
                            width_at(rest),
                            reach,
                            prefix,
                            allowed,
                            grade,
                        )
            line_end = _strip_end(text, start, cut)
            if line_end == start and cut < end and text[cut] in _BREAKABLE_SPACES:
                line_end = cut  # a line of nothing but leading spaces
            lines.append((start, line_end))
            start = _next_start(text, cut, end) if cut < end and text[cut] in _SKIPPED else cut


def _break_grades(
    text: str,
    breaks: Iterable[int] | None,
    word_breaks: Iterable[int] | None,
    weak_breaks: Iterable[int],
    attached_breaks: Iterable[int],
) -> bytearray:
    """What kind of break each offset is (_INSIDE.._PHRASE, see _choose_break): each a
    word start when word starts are not known (`word_breaks` None)."""
    length = len(text)
    if word_breaks is None:
        grade = bytearray([_WORD]) * (length + 1)
    else:
        grade = bytearray(length + 1)
        for offset in word_breaks:
            if 0 < offset < length:
                grade[offset] = _WORD
        for offset in weak_breaks:
            if 0 < offset < length:
                grade[offset] = _WEAK
        for offset in attached_breaks:
            if 0 < offset < length:
                grade[offset] = _ATTACHED
        for separator in _WORD_SEPARATORS:
            at = text.find(separator)
            while 0 <= at < length - 1:
                if at >= 2 and grade[at - 1] == _INSIDE:  # not ダ・|ヴィンチ
                    grade[at + 1] = max(grade[at + 1], _WORD)
                at = text.find(separator, at + 1)
    for offset in breaks or ():
        if 0 < offset < length:
            grade[offset] = _PHRASE
    return grade


def _segments(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of each of the text's lines (between its hard breaks)."""
    segments: list[tuple[int, int]] = []
    start = 0
    while True:
        newline = text.find("\n", start)
        if newline < 0:
            segments.append((start, len(text)))
            return segments
        segments.append((start, newline))
        start = newline + 1


class _RowColumns:
    """Where a table row's cells stand as the row is wrapped (rule 7), line by line: the
    line being set begins at `start`, hung by `hang`; the cells begun on the lines above
    it at `columns`."""

    __slots__ = ("cells", "columns", "hang", "indent", "prepared", "start", "width")

    def __init__(self, prepared: PreparedText, segment: int, width: int) -> None:
        self.prepared = prepared
        self.cells = prepared._cell_starts[segment]
        self.width = width
        self.indent = _hang_at(prepared._hangs[segment], width)
        self.columns: dict[int, int] = {}
        self.start = self.cells[0]
        self.hang = 0

    def hang_at(self, offset: int) -> int:
        """The hang of a line the row wraps onto at `offset`: the column of the cell it goes
        on with (the last begun before it: after a `│`, the `│`'s), as it stands on its
        line; the indentation's when that leaves less than a third of the width."""
        cell = self.cells[bisect_left(self.cells, offset) - 1]
        if cell >= self.start:
            column = self.hang + self.prepared.cells(self.start, cell)
        else:
            column = self.columns[cell]
        if column > self.indent and self.width - column >= max(1, self.width // 3):
            return column
        return self.indent

    def place(self, start: int, hang: int) -> None:
        """A line begins at `start`, hung by `hang`: the line above is set."""
        first = bisect_left(self.cells, self.start)
        for cell in self.cells[first : bisect_left(self.cells, start)]:
            self.columns[cell] = self.hang + self.prepared.cells(self.start, cell)
        self.start, self.hang = start, hang


def _cell_starts(text: str, start: int, end: int, separator: str) -> list[int]:
    """Where the cells of a table's row `text[start:end]` begin (`PreparedText._cell_starts`):
    [] when no `separator` stands between two (not a row)."""
    at = text.find(separator, start, end)
    if at < 0:
        return []
    starts = [start]
    while at >= 0:
        bar = at + len(separator) - len(separator.lstrip())
        starts += [bar, at + len(separator)]
        at = text.find(separator, at + len(separator), end)
    return starts


def _hang_at(hang: int, width: int) -> int:
    """The hang (rule 7) at `width`: none when it leaves less than half the width."""
    return hang if hang and width - hang >= max(1, width // 2) else 0


def _next_start(text: str, cut: int, end: int) -> int:
    """Where the line after a break at `cut` begins: the spaces a soft break drops skipped."""
    start = cut
    while start < end and (
        text[start] in _BREAKABLE_SPACES
        # An ideographic space inside a paragraph separates (スタート！　一周年…);
        # at a soft break it would indent the line as if a paragraph began.
        or (
            text[start] == _IDEOGRAPHIC_SPACE
            and text[start - 1] != "\n"
            and (start + 1 == end or text[start + 1] not in NO_LINE_START)
        )
    ):
        start += 1
    return start


def _is_widow(text: str, start: int, end: int) -> bool:
    """Is `text[start:end]` one character at most, not counting closing punctuation?"""
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end - start <= 1


def _widow_break(
    text: str,
    start: int,
    fit: int,
    cut: int,
    end: int,
    width: int,
    reach: int,
    prefix: list[int],
    allowed: bytearray,
    grade: bytearray,
) -> int:
    """A break before `cut` that leaves the last line more than a widow, else `cut`.

    Within `reach` cells of `fit`, with what follows still fitting one line: the
    fullest phrase start (or space), else word start, else weak word start, else
    attached word start (rule 6); never inside a word.
    """
    full = prefix[fit]
    found = [0] * (_PHRASE + 1)
    for candidate in range(cut - 1, start, -1):
        if full - prefix[candidate] > reach or prefix[end] - prefix[candidate] > width:
            break
        kind = allowed[candidate]
        if not kind:
            continue
        level = _PHRASE if kind == 2 else grade[candidate]
        if found[level] or level == _INSIDE:
            continue
        if not _is_widow(text, _next_start(text, candidate, end), end):
            found[level] = candidate
            if level == _PHRASE:
                break
    return found[_PHRASE] or found[_WORD] or found[_WEAK] or found[_ATTACHED] or cut


def _choose_break(
    text: str,
    start: int,
    fit: int,
    prefix: list[int],
    allowed: bytearray,
    grade: bytearray,
    slack: int,
    reach: list[int] | None = None,
) -> int:
    """The break offset for a line from `start` whose characters fit up to `fit`.

    The fullest of the first kind found (rule 5): a space or phrase start within
    `slack` cells of `fit`; a word start within the slack; a phrase start within
    twice the slack; a word start within twice the slack; any break before a word
    of its own within a third of the line; a weak word start within twice the slack
    (inside a predicate's ending: 売られています|よね, 例える|ならば), else the fullest
    weak or attached one within the third (before a particle or a suffix:
    報じられる|のが, 警戒|感), neither opening the next line with one character and
    its punctuation (ね。, ば、); the fuller weak or attached word start; any break but
    one inside a word; a break inside a word.

    How far back a break is, is counted in `reach` (the cells of the text without its
    inline readings, `PreparedText`), the line's length in it too: a break is as far
    as it is without furigana, so readings do not push a phrase start out of reach.
    """
    if reach is None:
        reach = prefix
    return (
        _legal_break(text, start, fit, allowed, grade, slack, reach)
        or _after_leading_spaces(text, start, fit)
        or _forced_cut(text, start, fit, prefix, slack)
    )


class _BreaksBack:
    """A line's legal breaks, read back from its fit towards its start a stretch at a
    time (`first`), noting the fullest break of each kind passed (`fullest`). A break
    at a space counts as a phrase start."""

    __slots__ = ("_allowed", "_at", "_grade", "_reach", "_start", "fullest")

    def __init__(
        self, start: int, fit: int, allowed: bytearray, grade: bytearray, reach: list[int]
    ) -> None:
        self._start, self._at = start, fit
        self._allowed, self._grade, self._reach = allowed, grade, reach
        self.fullest = [0] * (_PHRASE + 1)
        """The fullest break of each kind (_INSIDE.._WEAK) passed so far, 0 if none."""

    def first(self, kind: int, low: int) -> int:
        """The fullest break of `kind` or better from where the last stretch ended back to
        `low` cells (in `reach`), 0 if none; the breaks of lesser kinds passed noted."""
        allowed, grade, reach, fullest = self._allowed, self._grade, self._reach, self.fullest
        at = self._at
        while at > self._start and reach[at] >= low:
            if allowed[at]:
                level = _PHRASE if allowed[at] == 2 else grade[at]
                if level >= kind:
                    return at
                fullest[level] = fullest[level] or at
            at -= 1
        self._at = at
        return 0


def _legal_break(
    text: str,
    start: int,
    fit: int,
    allowed: bytearray,
    grade: bytearray,
    slack: int,
    reach: list[int],
) -> int:
    """The legal break rule 5 takes for the line from `start` fitting up to `fit` (see
    `_choose_break`), 0 when the line has none."""
    breaks = _BreaksBack(start, fit, allowed, grade, reach)
    fullest = breaks.fullest
    # Within the slack: a phrase start at once, else the fullest word start.
    low = reach[fit] - slack
    found = breaks.first(_PHRASE, low) or fullest[_WORD]
    if found:
        return found
    # Within twice the slack: a phrase start, else the fullest word start.
    found = breaks.first(_PHRASE, low - slack) or fullest[_WORD]
    if found:
        return found
    # Further back: the fullest break before a word of its own while the line keeps two
    # thirds of its width, as far as the widow rule reaches (a line opening with のが,
    # へ or た。 reads as a fragment); past that, the fullest break before a particle
    # or an auxiliary (reaching to half the width left 2.5 times as many ldcc lines
    # under 60% full). A weak word start within twice the slack came before a word's
    # own within the third: 書いてありまし / た。 where 書いてありました。 fitted 14
    # cells short of 52.
    own = breaks.first(_WORD, 0)  # a word start or better, back to the line's start
    third = reach[fit] - max(2 * slack, (reach[fit] - reach[start]) // 3)
    if own and reach[own] >= third:
        return own
    # Past the third: a weak or attached word start (rule 5's last kinds), one opening
    # the next line with one character and its punctuation (ね。) only when there is
    # no other within the third, else the word's own; a break inside a word only when
    # the line has no other. The fuller of the two alone, at 30 cells over 1,200 ldcc
    # paragraphs, opened 56 lines with one kana and its punctuation (11 now) and 143
    # with a particle (72).
    return (
        _leaning_break(text, max(start, own), fit, allowed, grade, reach, low - slack, third)
        or max(fullest[_WEAK], fullest[_ATTACHED])
        or own
        or fullest[_INSIDE]
    )


def _leaning_break(
    text: str,
    start: int,
    fit: int,
    allowed: bytearray,
    grade: bytearray,
    reach: list[int],
    near: int,
    third: int,
) -> int:
    """A line with no word of its own starting within its third breaks before a word
    leaning on the one before it: the fullest weak word start from `near` cells (twice
    the slack), as a particle run stays whole (売られています / よね。, 例える / ならば、,
    not 売られていますよ / ね。, 例えるなら / ば、); else the fullest weak or attached
    word start from `third` cells. Never one that opens the next line with a single
    character and its punctuation (ね。, が、): 0 when there is none but those."""
    attached = 0
    for at in range(fit, start, -1):
        if reach[at] < third:
            break
        if allowed[at] != 1 or grade[at] not in (_WEAK, _ATTACHED) or _opens_fragment(text, at):
            continue
        if grade[at] == _WEAK and reach[at] >= near:
            return at
        attached = attached or at
    return attached


def _opens_fragment(text: str, at: int) -> bool:
    """Does a line from `at` open with one character and its closing punctuation (ね。)?"""
    return at + 1 < len(text) and text[at + 1] in _CLOSING


def _after_leading_spaces(text: str, start: int, fit: int) -> int:
    """A line opening with spaces (after a hard break) may break after them: the spaces
    make a line of their own, and the word that follows starts the next one whole.
    0 when the line does not open with spaces (or is nothing but spaces)."""
    lead = start
    while lead < fit and text[lead] in _BREAKABLE_SPACES:
        lead += 1
    return lead if start < lead < fit else 0


def _forced_cut(text: str, start: int, fit: int, prefix: list[int], slack: int) -> int:
    """No legal break: a Latin word (or URL) longer than the line, or a run of
    kinsoku-bound characters. Cut it after a URL's separator (…/article/ |
    1085460/) if one stands in the line's last third; else where possible not
    before a closer (a URL's "." or ")") nor after an opener; else at the width."""
    full = prefix[fit]
    within = max(slack, (full - prefix[start]) // 3)
    for candidate in range(fit, start + 1, -1):
        if full - prefix[candidate] > within:
            break
        if text[candidate - 1] in _CUT_AFTER and text[candidate] not in NO_LINE_START:
            return candidate
    for candidate in range(fit, start, -1):
        if (
            text[candidate] not in NO_LINE_START
            and text[candidate - 1] not in NO_LINE_END
            and prefix[candidate + 1] != prefix[candidate]  # not before a zero-width mark
        ):
            return candidate
    return fit


_CLOSING: Final = frozenset(
    "…‥" + "".join(c for c in NO_LINE_START if unicodedata.category(c) in ("Pe", "Pf", "Po"))
)
"""Closing brackets, quotes, punctuation and ellipses: not counted in a widow's length
(う。, ね……。)."""
_TRAILING: Final = _CLOSING | _SKIPPED

_CUT_AFTER: Final = frozenset("/-_=&#")
"""Where a URL or a long Latin word longer than the line is cut first: after these."""


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _BREAKABLE_SPACES:
        end -= 1
    return end


def _legal_breaks(text: str, widths: Sequence[int]) -> bytearray:
    """allowed[i]: may a line break before text[i]? 0 no, 1 yes, 2 yes at a space."""
    length = len(text)
    allowed = bytearray(length + 1)
    no_start, no_end, spaces = NO_LINE_START, NO_LINE_END, _BREAKABLE_SPACES
    previous = text[0] if text else ""
    previous_word = is_word_char(previous) if text else False
    for index in range(1, length):
        char = text[index]
        word = is_word_char(char)
        if char in spaces:
            if previous not in spaces and previous not in no_end:
                after = index
                while after < length and text[after] in spaces:
                    after += 1
                if after >= length or text[after] not in no_start:
                    allowed[index] = 2
        elif char == _IDEOGRAPHIC_SPACE and previous not in no_end and previous != "\n":
            # A space between sentences (ますか？　音楽…): a break before it is one at a
            # space, which the next line drops (`_next_start`). Taken as any break, a
            # sentence that fitted went to the next line for its space (user review).
            if index + 1 >= length or text[index + 1] not in no_start:
                allowed[index] = 2
        elif (
            previous not in spaces
            and char not in no_start
            and previous not in no_end
            and widths[index] != 0
            and previous != _ZWJ
            and not (word and previous_word)
        ):
            allowed[index] = 1
        previous, previous_word = char, word
    return allowed


# -- convenience ---------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _prepared(
    text: str,
    breaks: tuple[int, ...] | None,
    keep_together: tuple[tuple[int, int], ...],
    ambiguous_width: AmbiguousWidth,
    word_breaks: tuple[int, ...] | None = None,
    weak_breaks: tuple[int, ...] = (),
    attached_breaks: tuple[int, ...] = (),
    readings: tuple[tuple[int, int], ...] = (),
    cell_separator: str | None = None,
) -> PreparedText:
    return PreparedText(
        text,
        breaks=breaks,
        word_breaks=word_breaks,
        weak_breaks=weak_breaks,
        attached_breaks=attached_breaks,
        keep_together=keep_together,
        ambiguous_width=ambiguous_width,
        readings=readings,
        cell_separator=cell_separator,
    )


def slice_lines(text: Text, lines: Sequence[tuple[int, int]]) -> list[Text]:
    """The lines of a Rich `Text` for ranges from `PreparedText.wrap`, styles and spans
    kept."""
    # One `Text.divide` pass: slicing line by line re-scans every span per line,
    # 60 µs a line with furigana spans. No line contains another line's bound, so
    # each non-empty line is exactly one piece.
    bounds = sorted({0, len(text), *(start for start, _ in lines), *(end for _, end in lines)})
    pieces = text.divide(bounds[1:-1])
    piece_at = {bound: index for index, bound in enumerate(bounds)}
    result: list[Text] = []
    for start, end in lines:
        if start == end:
            result.append(Text("", style=text.style, justify=text.justify, end=text.end))
        else:
            result.append(pieces[piece_at[start]])
    return result


# -- the reading view's entry point ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Typesetting:
    """How the reading view sets text (from `[reader]` in the config)."""

    ambiguous_width: AmbiguousWidth = 1
    phrase_breaking: bool = True
    furigana: bool = False
    reading_style: str = "dim"
    """Style of an inline furigana reading and its parentheses."""
    line_width: int = 0
    """The widest the reading view's blocks get, in cells (0: the pane's width)."""

    @classmethod
    def from_config(
        cls, reader: ReaderConfig, environ: Mapping[str, str] | None = None
    ) -> Typesetting:
        return cls(
            ambiguous_width=resolve_ambiguous_width(reader.ambiguous_width, environ),
            phrase_breaking=reader.phrase_breaking,
            furigana=reader.furigana,
            line_width=reader.line_width,
        )


def furigana_text(
    text: Text,
    reading_style: str = "dim",
    *,
    rubies: Sequence[RubySpan] = (),
    guessed: bool = True,
) -> tuple[Text, Annotated]:
    """`text` with inline readings, 東京(とうきょう), its styles and spans carried over:
    the `rubies` the file gives (an Aozora Bunko text's), and where they read no word,
    when `guessed`, those MeCab reads (`readings`).

    A span ending at a word's end also covers the word's reading, so a
    highlighted word stays highlighted as a whole.
    """
    given = [Ruby(start, end, reading) for start, end, reading in rubies]
    read = readings(text.plain) if guessed else []
    if given:
        covered = {at for ruby in given for at in range(ruby.start, ruby.end)}
        read = sorted(
            [*given, *(r for r in read if covered.isdisjoint(range(r.start, r.end)))],
            key=lambda ruby: ruby.start,
        )
    annotated = with_furigana(text.plain, read)
    result = text.copy()
    result.plain = annotated.text
    result.spans = []
    for span in text.spans:
        start, end = annotated.to_annotated(span.start), annotated.to_annotated(span.end)
        if start < end:
            result.spans.append(Span(start, end, span.style))
    for start, end in annotated.shown:
        result.spans.append(Span(start, end, reading_style))
    return result, annotated


class TypesetText:
    """One block of styled text set for the reading view: readings, phrase breaks, lines.

    Build it once per block (and again when its highlights or the settings
    change); `lines(width)` is then cheap on every resize.
    """

    __slots__ = (
        "_lines",
        "_prepared",
        "annotated",
        "display",
        "hanging",
        "settings",
        "source",
        "verbatim",
    )

    def __init__(
        self,
        text: Text,
        settings: Typesetting = Typesetting(),
        *,
        hanging: bool = False,
        verbatim: bool = False,
        rubies: Sequence[RubySpan] = (),
        keep_together: Sequence[tuple[int, int]] = (),
    ) -> None:
        """`rubies`: the readings the file gives words of `text` (`Block.rubies`), shown
        as furigana are, whether furigana are on or off (as an Aozora viewer shows
        them); where furigana are on, MeCab's read the words they do not.
        `keep_together`: `[start, end)` ranges of `text` not broken inside unless longer
        than a line (the words of a query `yomite search` names)."""
        self.source = text
        self.settings = settings
        self.hanging = hanging
        """Whether a line's wrapped lines hang under its text (rule 7): an article's
        block in the reading view."""
        self.verbatim = verbatim
        """Whether the text is set as written, without furigana whatever the settings:
        a code block (whose code is written as is) or a table (whose columns are
        padded to the cells' widths without readings: `Block.verbatim`)."""
        self.annotated: Annotated | None = None
        display = text
        if (settings.furigana or rubies) and not verbatim:
            display, self.annotated = furigana_text(
                text, settings.reading_style, rubies=rubies, guessed=settings.furigana
            )
        self.display = display
        """The text as drawn (with inline readings when furigana is on)."""
        plain = display.plain
        breaks: tuple[int, ...] | None = None
        word_breaks: tuple[int, ...] | None = None
        weak_breaks: tuple[int, ...] = ()
        attached_breaks: tuple[int, ...] = ()
        if settings.phrase_breaking:
            breaks = self._mapped(phrase_boundaries(text.plain))
            word_breaks = self._mapped(word_boundaries(text.plain))
            weak_breaks = self._mapped(weak_boundaries(text.plain))
            attached_breaks = self._mapped(attached_boundaries(text.plain))
        keep: tuple[tuple[int, int], ...] = ()
        shown: tuple[tuple[int, int], ...] = ()
        if self.annotated is not None:
            keep = self.annotated.keep_together
            shown = self.annotated.shown
        if keep_together:
            keep += tuple(
                (self._mapped([start])[0], self._mapped([end])[0]) for start, end in keep_together
            )
        self._prepared = _prepared(
            plain,
            breaks,
            keep,
            settings.ambiguous_width,
            word_breaks,
            weak_breaks,
            attached_breaks,
            shown,
            # A table's rows wrap each cell under its column (rule 7).
            TABLE_COLUMNS if verbatim else None,
        )
        self._lines: tuple[int, list[tuple[int, int]], list[int]] = (-1, [], [])

    def _mapped(self, offsets: list[int]) -> tuple[int, ...]:
        if self.annotated is None:
            return tuple(offsets)
        return tuple(map(self.annotated.to_annotated, offsets))

    def ranges(self, width: int) -> list[tuple[int, int]]:
        """`[start, end)` of each line in `display`."""
        return self._wrapped(width)[1]

    def _wrapped(self, width: int) -> tuple[int, list[tuple[int, int]], list[int]]:
        """(width, ranges, hangs) of the lines at `width`, kept for the next call."""
        if self._lines[0] != width:
            ranges = self._prepared.wrap(width, hanging=self.hanging)
            hangs = self._prepared.hangs(width, ranges) if self.hanging else []
            self._lines = (width, ranges, hangs)
        return self._lines

    def lines(self, width: int) -> list[Text]:
        """The lines at `width`, those a line wrapped onto hung under its text (rule 7)."""
        _, ranges, hangs = self._wrapped(width)
        lines = slice_lines(self.display, ranges)
        if "\t" in self.display.plain:
            cells = self._prepared.cells
            lines = [
                _tabs_expanded(line, start, cells)
                for line, (start, _) in zip(lines, ranges, strict=True)
            ]
        for index, hang in enumerate(hangs):
            if hang:
                lines[index] = Text(" " * hang) + lines[index]
        return lines

    def display_offset(self, offset: int) -> int:
        """Offset in the source text → offset in `display`."""
        return offset if self.annotated is None else self.annotated.to_annotated(offset)

    def source_offset(self, display: int) -> int:
        """Offset in `display` → the first source offset drawn at or after it (in a
        reading inserted after a word, the word's end: what follows the reading). A line
        starting in a reading, its word on the line above, starts at what it shows of
        the text: the word cursor placed at the top line (`v`) is on a word in sight."""
        return display if self.annotated is None else self.annotated.to_original(display)

    def line_of(self, offset: int, width: int) -> int:
        """The line (0-based) at `width` that shows source offset `offset`."""
        at = self.display_offset(offset)
        starts = [start for start, _ in self.ranges(width)]
        return max(0, bisect_right(starts, at) - 1)


def _tabs_expanded(line: Text, start: int, cells: Callable[[int, int], int]) -> Text:
    """`line` (of a text at offset `start`) with each tab drawn as the spaces the breaker
    measured it (`cells`: to its stop, `_cell_widths`), in the tab's styles; no tab is
    left for Textual to expand its own way."""
    plain = line.plain
    if "\t" not in plain:
        return line
    result = line[:0]
    done = 0
    tab = plain.find("\t")
    while tab >= 0:
        result.append_text(line[done:tab])
        spaces = Text(" " * cells(start + tab, start + tab + 1))
        for span in line[tab : tab + 1].spans:
            spaces.stylize(span.style)
        result.append_text(spaces)
        done = tab + 1
        tab = plain.find("\t", done)
    result.append_text(line[done:])
    return result


def typeset(
    text: Text,
    width: int,
    settings: Typesetting = Typesetting(),
    *,
    keep_together: Sequence[tuple[int, int]] = (),
) -> list[Text]:
    """`text` set at `width` cells: the one call a widget (or `yomite search`) needs;
    `keep_together`: ranges of it not broken inside unless longer than a line."""
    plain = text.plain
    if (
        not settings.furigana
        and "\n" not in plain
        and "\t" not in plain  # (drawn to its stop by `TypesetText.lines`)
        and cell_width(plain, settings.ambiguous_width) <= max(1, width)
    ):
        # One line, whatever the breaks: MeCab's analysis, most of the cost of a short
        # text (yomite search's titles and dates), would find none to take.
        return [text[: _strip_end(plain, 0, len(plain))]]
    return TypesetText(text, settings, keep_together=keep_together).lines(width)
