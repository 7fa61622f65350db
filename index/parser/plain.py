"""NEWS and TEXT files (see `index.parser`): the livedoor corpus's news articles, and
any other text, whose paragraphs are its blocks of lines between blank lines: a line
as wide as a screen's is a paragraph of its own (most Japanese plain text writes a
paragraph a line), shorter lines one after another stay lines of one paragraph (a
list, a table, verse), and the lines of a text wrapped by hand are joined, but for
records (a table's rows, a log's or a list's lines that begin alike, a sentence a
line)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import NamedTuple

from index.dates import parse_iso_datetime, parse_written_date
from index.model import Article


def parse_news(lines: list[str], article: Article) -> None:
    content = [line for line in lines if line]
    article.url = content[0]
    article.published = parse_iso_datetime(content[1])
    if len(content) > 2:
        article.title = content[2]
        article.intro = content[3:]


TITLE_MAX = 120
"""Characters of a plain text's first line taken whole as its title at most. A longer
line is no title but the text's first paragraph (a text without a title line, or one
line long): its first sentence stands as the title, the line stays whole in the text.
A 200,000-character line was a heading over an empty article."""
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s)")


def plain_title(line: str) -> str:
    """The title of a plain text whose first line is `line` (see TITLE_MAX)."""
    if len(line) <= TITLE_MAX:
        return line
    end = _SENTENCE_END.search(line, 0, TITLE_MAX)
    if end is not None:
        return line[: end.end()].strip()
    return line[: TITLE_MAX - 1].rstrip() + "…"


def parse_plain(lines: list[str], article: Article, unstripped: list[str] | None = None) -> None:
    """`lines` stripped; `unstripped`, the same lines as the file writes them: a line
    indented by a full-width space starts a paragraph (in Japanese), and one kept as a
    line keeps its indentation of spaces and tabs (code, YAML, a traceback)."""
    written = unstripped if unstripped is not None else lines
    content = [line for line in lines if line]
    if not content:
        return
    article.title = plain_title(content[0])
    first = lines.index(content[0]) + 1
    rest, rest_written = lines[first:], written[first:]
    if article.title != content[0]:  # the first line is a paragraph: kept in the text
        rest, rest_written = [content[0], "", *rest], [content[0], "", *rest_written]
        content = [content[0], *content]
    if len(content) > 1 and (published := parse_written_date(content[1])) is not None:
        # A date standing alone under the title (2023年12月25日 10時30分): the text's.
        article.published = published
        dated = rest.index(content[1]) + 1
        rest, rest_written = rest[dated:], rest_written[dated:]
        content = [content[0], *content[2:]]
    read_paragraphs(rest, rest_written, article)


def read_paragraphs(lines: list[str], written: list[str], article: Article) -> None:
    """`lines` (stripped; `written`, as the file writes them) read as a plain text's
    paragraphs, `article`'s `intro` (see `parse_plain`): a mail's body, under its subject."""
    blocks = _blocks(lines, written)
    wrap = _wrap_width([block.lines for block in blocks if not block.code])
    indented_wrap = None
    if wrap is None:
        indented_wrap = _indented_wrap_width(
            [
                (block.lines, block.indent_cells)
                for block in blocks
                if block.indent_cells and not block.code
            ]
        )
    article.intro = []
    for block in blocks:
        if block.code:  # a fenced code block: its lines as written, one paragraph
            article.intro_verbatim.add(len(article.intro))
            article.intro.append("\n".join(map(str.__add__, block.indents, block.lines)))
        elif wrap is not None and not _set_in(block.indents) and _wrapped(block.lines, wrap):
            article.intro += _lines_kept(*_paragraphs(block.lines, wrap, block.indents))
        elif (
            indented_wrap is not None
            and block.indent_cells
            and _wrapped(block.lines, indented_wrap)
        ):
            article.intro += _lines_kept(*_paragraphs(block.lines, indented_wrap, block.indents))
        else:
            article.intro += _lines_kept(block.lines, block.indents)


INDENTED_WRAP_MIN = 16
"""Cells (8 full-width characters) Japanese prose is wrapped at by hand at least, its
paragraphs opening with a full-width space (`_indented_wrap_width`): narrower than
WRAP_MIN, a column's width."""
INDENTED_WRAP_EVEN = 0.8
"""The share of its lines (but each paragraph's last) within a character of the width
that prose indented and wrapped by hand narrower than WRAP_MIN fills (`_indented_wrap_width`):
verse, a list's items end where they end."""


def _indented_wrap_width(blocks: list[tuple[list[str], int]]) -> int | None:
    """The width Japanese prose was wrapped at by hand narrower than WRAP_MIN (a column
    of 15 characters), each paragraph opening with a full-width space (`blocks`: the
    blocks that do, each with the cells of that indentation): the width most of their
    lines but each one's last are cut at, when at least INDENTED_WRAP_EVEN of them are,
    to within a wide character (one pushed out or hung by kinsoku, a digit or two in a
    line). None otherwise: verse or a list under an indentation has lines of every
    width. A wider wrap is `_wrap_width`'s."""
    widths = [
        line_width(line) + (indent if at == 0 else 0)
        for block, indent in blocks
        for at, line in enumerate(block[:-1])
    ]
    if len(widths) < 3:
        return None
    counts: dict[int, int] = {}
    for width in widths:
        counts[width] = counts.get(width, 0) + 1
    wrap = max(counts, key=lambda width: (counts[width], width))
    if not INDENTED_WRAP_MIN <= wrap < WRAP_MIN:
        return None
    even = sum(1 for width in widths if abs(width - wrap) <= 2)
    return wrap if even >= len(widths) * INDENTED_WRAP_EVEN else None


CODE_INDENT = 4
"""Columns (a tab, four spaces) every line of a block is indented by at least, when
the block is code or a quotation set in (Markdown's indented code block): never joined
as a text wrapped by hand (`_set_in`)."""


def _set_in(indents: list[str]) -> bool:
    """Whether a block whose lines are indented by `indents` is set in as a whole: each
    line by CODE_INDENT columns or more (a tab to the next stop). Code in a README
    wrapped by hand was joined into one line (`result = f(a) another = f(b) return …`);
    a paragraph indents its first line only."""
    return all(len(indent.expandtabs(CODE_INDENT)) >= CODE_INDENT for indent in indents)


def _indentation(line: str) -> str:
    """The spaces and tabs `line` is indented by: none when other white space (a
    full-width space) or nothing follows them, nor when one or two spaces stand before
    a Japanese word or an opening bracket (`　` typed as half-width spaces: a paragraph's
    start, as the full-width space is, not a line set in)."""
    text = line.lstrip(" \t")
    indentation = line[: len(line) - len(text)]
    if not text or text[0].isspace():
        return ""
    category = unicodedata.category(text[0])
    if indentation in (" ", "  ") and not text[0].isascii() and category in _PARAGRAPH_START:
        return ""
    return indentation


_PARAGRAPH_START = frozenset({"Lo", "Lu", "Ll", "Lm", "Ps", "Pi"})
"""The categories of a character a half-width indentation begins a Japanese paragraph
before: a letter (kana, kanji), an opening bracket or quote."""


_PARAGRAPH_INDENT = re.compile("[ \t]*(\u3000+)")
"""A Japanese paragraph's indentation: full-width spaces, half-width ones or a tab
before them too (a text pasted from a web page)."""


class _Block(NamedTuple):
    """A run of a plain text's non-blank lines (`_blocks`)."""

    lines: list[str]
    """Stripped."""
    indents: list[str]
    """Each line's indentation (`_indentation`); a code block's as written."""
    code: bool = False
    """A fenced code block: never joined."""
    indent_cells: int = 0
    """The cells of the full-width spaces its first line is indented by (0: none)."""


def _blocks(lines: list[str], written: list[str]) -> list[_Block]:
    """Runs of non-blank lines (`lines` stripped, `written` as the file writes them),
    the blank lines between them dropped; a line indented by a full-width space starts
    one (a Japanese paragraph's first line). A fenced code block (```, ~~~ to the next
    such line) is a block of its own, its fences and blank lines kept, each line's
    indentation as written: it is never joined."""
    blocks = [_Block([], [])]
    fenced = False
    for line, as_written in zip(lines, written, strict=True):
        fence = line.startswith(("```", "~~~"))
        if fence and not fenced:
            blocks.append(_Block([], [], code=True))
        if fenced or fence:
            blocks[-1].lines.append(line)
            blocks[-1].indents.append(
                as_written[: len(as_written) - len(as_written.lstrip())] if line else ""
            )
            if fenced and fence:
                blocks.append(_Block([], []))
            fenced = fenced != fence
        elif line and (indent := _PARAGRAPH_INDENT.match(as_written)) is not None:
            cells = 2 * len(indent.group(1))
            started = _Block([line], [_indentation(as_written)], indent_cells=cells)
            if blocks[-1].lines:
                blocks.append(started)
            else:
                blocks[-1] = started
        elif line:
            blocks[-1].lines.append(line)
            blocks[-1].indents.append(_indentation(as_written))
        elif blocks[-1].lines:
            blocks.append(_Block([], []))
    if fenced:  # never closed: its blank lines at the end are no code
        while not blocks[-1].lines[-1]:
            del blocks[-1].lines[-1], blocks[-1].indents[-1]
    return [block for block in blocks if block.lines]


WRAP_MAX = 120
"""Lines wrapped by hand are at most this wide (in cells: a wide character is two)."""
WRAP_MIN = 40
"""Nor narrower: lines of a few words each are a list (stations, a menu, verse), which
was joined into one paragraph with nothing between its lines."""
WRAP_FULL = 0.6
"""A line at least this share of the wrap width was wrapped (its paragraph goes on)."""
LIST_ITEM = re.compile(r"(?:[-*+•・]|\d+[.)])\s")
_RECORD_HEAD = re.compile(
    r"""[(\[（［【〔<]?  # a bracket around a date or a level: [2024-01-01 10:00], [INFO]
    (?:\d+(?:[-/.:：年月日時分秒T]\d+|[ ]\d+:\d+)*[年月日時分秒]?  # a number, a date, a time
      |[\u2460-\u24ff\u2776-\u2793]  # a circled number: ①
      |[A-Z][a-z]{2}[ ]+\d+  # a date as syslog writes it: Jan  1
      |(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\b  # a level
      |[-*+•・●○◎■□◆◇▲△▼▽▶▷►※→⇒☆★♪#>|]  # a bullet, a mark, a quoted mail's >
      |[^\s:：\d]{1,16}[:：]  # a label: 名前：, From: (開演は18:30から is prose)
    )[)\]）］】〕>.]?""",
    re.VERBOSE,
)
"""How a record begins: a log's date or time, a list's number or bullet, a form's label.
Two lines that begin alike with one are two records (a log, a list), never joined as
a text wrapped by hand: a 200-line log read as five run-on paragraphs."""
_DIGITS = re.compile(r"\d+|[\u2460-\u24ff\u2776-\u2793]")
_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_ENDED = re.compile(r"(?:[。．！？!?]|(?<![A-Z])\.)[」』）)”’\"']*$")


_NUMBER_RECORD = re.compile(r"[(\[（［【〔<]?\d")
_NUMBER_ENDED = re.compile(r"[\s.．、)）:：\]］】〕>]|$")
_DATE_OR_TIME = re.compile(r"\d[-/:：]\d")


def _record_head(line: str) -> str | None:
    """The shape of the record `line` begins with (digits 0, letters a), or None. A
    number begins one only as a record's: a date or a time (2024-01-01, 10:57), or a
    number a mark, a bracket or a space ends (1. , 2) , 3、, 2024年1月1日 ); a year, a
    month or an age beginning a line of prose wrapped by hand (10月に, 20代から) does not:
    two such lines were kept apart, a paragraph split in the middle of a sentence."""
    head = _RECORD_HEAD.match(line)
    if head is None:
        return None
    shape = head.group()
    if (
        _NUMBER_RECORD.match(shape)
        and not _DATE_OR_TIME.search(shape)
        and not _NUMBER_ENDED.match(line, head.end() - (shape[-1] in ")]）］】〕>."))
    ):
        return None
    return _LETTERS.sub("a", _DIGITS.sub("0", shape))


_COUNTED = re.compile(r"\d+([^\d\s.．、,，:：)）\]］】〕>]{2})")
"""A number and the two characters after it beginning a line: 1日目, 2位の, 2010年に."""


def _apart(before: str, line: str) -> bool:
    """Whether two lines are records, never joined: a table's rows (a tab in either),
    lines that begin alike (`_RECORD_HEAD`), or alike with a number and the same two
    characters after it (1日目は / 2日目は, 1位の / 2位の, 2010年に / 2012年に: an
    itinerary, a ranking, a history were run together; prose wrapped by hand, 10月に /
    20代から, 2012年の / 2013年度は, has no two alike)."""
    if "\t" in before or "\t" in line:
        return True
    head = _record_head(line)
    if head is not None:
        return head == _record_head(before)
    counted, counted_before = _COUNTED.match(line), _COUNTED.match(before)
    return (
        counted is not None
        and counted_before is not None
        and counted.group(1) == counted_before.group(1)
    )


_KANA_GOES_ON = re.compile(r"[ぁ-ゖァ-ヺー]")
_MID_WORD = re.compile(r"[ぁ-ゖァ-ヺー\u4e00-\u9fff々〆ヶ]$")


def _sentences(block: list[str]) -> bool:
    """Whether a block's lines are a sentence each: news written a sentence a line. A
    text wrapped by hand ends a sentence at a line's end by chance, one line in twenty
    or fewer, but in a short block that may be one line of two: half its lines ending
    one is evidence enough only from three of them on, and fewer must all end one. A
    line broken mid-word (お送り / できる: a kana going on from a kana or a kanji) was
    wrapped, whatever the other lines end with: a 3-line mail paragraph, one of its two
    inner lines ending in 。, was kept as written, and its text never joined."""
    inner = len(block) - 1
    ended = 0
    for before, line in itertools.pairwise(block):
        if _SENTENCE_ENDED.search(before):
            ended += 1
        elif _MID_WORD.search(before) and _KANA_GOES_ON.match(line):
            return False
    return inner > 0 and (ended == inner or (ended >= 3 and ended * 2 >= inner))


WRAP_FILLED = 0.85
"""A block wrapped by hand at a width fills most of its lines to near it (at least half
of them but its last reach this share of the width); the lines of a list (titles,
links), each ending where its item ends, do not: a reading list of ldcc titles was
joined, 148 of its 200 lines."""


WRAP_OVER = 2
"""A block with a line this many times as wide as the wrap width was not wrapped at it:
a heading over a paragraph written on one line (■… / a line of 750 cells) was joined
to it, once a short mail's width was found."""


def _wrapped(block: list[str], wrap: int) -> bool:
    """Whether a block's lines were wrapped by hand at `wrap` cells (to be joined)."""
    if len(block) < 2 or _sentences(block):
        return False
    widths = [line_width(line) for line in block]
    if max(widths) > wrap * WRAP_OVER:
        return False
    filled = sum(1 for width in widths[:-1] if width >= wrap * WRAP_FILLED)
    return filled * 2 > len(block) - 1


class _CellWidths(dict[str, int]):
    """Each character's cells (a wide one is two), looked up once per character: a
    function called per character made up most of the parse of a long text (3.5 of a
    10 MB text's 4.3 s)."""

    def __missing__(self, char: str) -> int:
        self[char] = width = 2 if _is_wide(char) else 1
        return width


_CELL_WIDTHS = _CellWidths()


def line_width(line: str) -> int:
    return sum(map(_CELL_WIDTHS.__getitem__, line))


def joined(before: str, line: str) -> str:
    """Two lines of one paragraph joined: with a space, but between two wide characters
    (Japanese wrapped by hand has no space at its line ends)."""
    return before + _joint(before, line) + line


def _joint(before: str, line: str) -> str:
    """What goes between two lines of one paragraph (`joined`): nothing between wide
    characters, nor between a wide one and a dash or an ellipsis Japanese writes (of
    ambiguous width: `…本当に。` / `――それが` read `本当に。 ――それが`)."""
    last, first = before[-1], line[0]
    if _is_wide(last):
        return "" if _is_wide(first) or first in _JAPANESE_AMBIGUOUS else " "
    return "" if last in _JAPANESE_AMBIGUOUS and _is_wide(first) else " "


_JAPANESE_AMBIGUOUS = frozenset("―—…‥")
"""―, —, …, ‥: of ambiguous width, wide in Japanese text: joined to it as it is."""


def _wrapped_joint(before: str, line: str) -> str:
    """What goes between two lines of a text wrapped by hand (`_paragraphs`): as `_joint`,
    and no space between a wide character and a digit either: Japanese wrapped before or
    after a number (部門別では、 / 10月に) read `部門別では、 10月に`."""
    last, first = before[-1], line[0]
    if (_is_wide(last) and first in _ASCII_DIGITS) or (last in _ASCII_DIGITS and _is_wide(first)):
        return ""
    return _joint(before, line)


_ASCII_DIGITS = frozenset("0123456789")


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The width a text was wrapped at by hand, or None when it was not: its paragraphs
    are blocks of lines between blank lines (an English text at 70 columns, a README).
    A text whose every line is a paragraph (most Japanese plain text) has lines of every
    length, most of them long, and stays one paragraph per line. The width is measured
    on its lines but records (`_apart`, `_sentences`): a text with a log in it was taken
    to be wrapped at the log's width, and its prose wrapped narrower was never joined."""
    every = [line_width(line) for block in blocks if len(block) > 1 for line in block[:-1]]
    if _width_of(every) is None:
        return None
    return _width_of(
        [
            line_width(before)
            for block in blocks
            if not _sentences(block)
            for before, line in itertools.pairwise(block)
            if not _apart(before, line)
        ]
    )


def _width_of(widths: list[int]) -> int | None:
    """The width lines of these `widths` (all but the last of each block) were wrapped
    at, or None (`_wrap_width`)."""
    inner = sorted(widths)
    if len(inner) < 3:
        return None
    wrap = inner[len(inner) * 9 // 10]  # a code line or a URL may stand out
    if not WRAP_MIN <= wrap <= WRAP_MAX:
        return None
    full = sum(1 for width in inner if width >= wrap * WRAP_FULL)
    return wrap if full >= len(inner) * 0.6 else None


LINE_WIDE = 80
"""A line (or a paragraph joined from a text wrapped by hand) wider than this, in cells,
is a paragraph of its own: a paragraph written on one line, as most Japanese plain
text writes them, which the reader wraps, a blank line before the next (its
indentation, the only mark of where it starts, is stripped). Narrower lines one after
another in a block (a list of stations, a table, a log, verse, code) stay lines of one
paragraph, each on its own line with no blank line between, indented as written: a
blank line in the file is where a paragraph ends, and a list's end stays where the
file has it."""


def _lines_kept(runs: list[str], indents: list[str]) -> list[str]:
    """A block's paragraphs (`runs`: its lines, or the paragraphs a text wrapped by
    hand joined them into, each with the indentation of the line it is, `indents`: ''
    for a joined one): consecutive ones at most LINE_WIDE wide are one paragraph, a line
    each, indented as the file indents them (code, YAML, a traceback, a command); a
    wider one is a paragraph of its own, its indentation stripped, but for a log's
    records: lines stamped alike (`_stamp`) stay lines of one paragraph, however wide."""
    groups: list[list[str]] = []
    narrow_before = False
    stamp_before: str | None = None
    for run, indent in zip(runs, indents, strict=True):
        # Measured only where it counts: a wide character is two cells, at most.
        narrow = len(run) <= LINE_WIDE // 2 or (
            len(run) <= LINE_WIDE and line_width(run) <= LINE_WIDE
        )
        stamp = _stamp(run)
        if narrow:
            run = indent + run
        if (narrow and narrow_before) or (stamp is not None and stamp == stamp_before):
            groups[-1].append(run)
        else:
            groups.append([run])
        narrow_before, stamp_before = narrow, stamp
    return ["\n".join(group) for group in groups]  # joined once: a list may be long


_STAMP = re.compile(
    r"""[(\[（［【〔<]?  # [2024-03-20 10:00:00], [INFO]
    (?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b  # a date: 2024-03-20, 20/03/2024
      |\d{1,2}:\d{2}\b  # a time: 10:00:00
      |[A-Z][a-z]{2}[ ]+\d{1,2}[ ]+\d{1,2}:\d{2}  # syslog's: Mar 20 10:00:00
      |(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|CRITICAL|FATAL)\b  # a level
    )""",
    re.VERBOSE,
)


def _stamp(line: str) -> str | None:
    """The shape of the stamp (a date, a time, a log level) a log's record begins
    with (`_record_head`), or None: a 200-line log of lines over 80 cells read as 200
    paragraphs, a blank line between each two."""
    return _record_head(line) if _STAMP.match(line) else None


def _paragraphs(block: list[str], wrap: int, indents: list[str]) -> tuple[list[str], list[str]]:
    """A block's paragraphs: a line that reaches WRAP_FULL of the `wrap` width goes on in
    the next, unless that one starts a list item, the two are records (`_apart`) or a
    sentence ends before a record's head (…伺いました。 / 監督：最初に…).
    Joined with a space, except between two wide characters (Japanese wrapped by hand
    has no space at its line ends). With each its line's indentation (`indents`), if it is
    one line, else ''."""
    # Each paragraph's pieces, joined once at the end: joined line by line, a paragraph
    # was copied whole at each line, and a 10 MB file wrapped at one width (77,000 lines
    # of one paragraph) took 13 s to parse, opened or indexed.
    runs = [[block[0]]]
    full = wrap * WRAP_FULL
    quoted = _quote_depth(block[0])
    closes = _quotes_closed(block)
    spoken = _spoken(block, closes, 0)
    turns = _interview_turns(block)
    for at, (before, line) in enumerate(itertools.pairwise(block), 1):
        if (
            line_width(before) < full
            or LIST_ITEM.match(line)
            or _apart(before, line)
            or (_SENTENCE_ENDED.search(before) and _record_head(line) is not None)
            or _speech_apart(block, closes, spoken, quoted, at)
            or (at in turns and _turn_after(before, spoken, at))
        ):
            runs.append([line])
            quoted = _quote_depth(line)
            spoken = _spoken(block, closes, at)
            continue
        runs[-1] += [_wrapped_joint(before, line), line]
        quoted += _quote_depth(line)
    kept, at = [], 0
    for run in runs:
        kept.append(indents[at] if len(run) == 1 else "")
        at += (len(run) + 1) // 2
    return ["".join(run) for run in runs], kept


_QUOTES = str.maketrans({"「": "(", "『": "(", "」": ")", "』": ")"})
_SPEECH_OPENS = ("「", "『")
_QUOTE_MARKS = re.compile(r"[「『」』]")
_SPOKEN_AFTER = re.compile(r"[。．！？!?]$")
_GOES_ON = re.compile(
    r"など|なんて|なんか|だけ(?!ど|れど)|とか|とも|って|と(?!にかく|ころが|ころで|りあえず)"
    r"|は(?!っと)|が|を|に|へ|で(?!も)|の|も(?!ちろん|う|し)|から|まで"
    r"|より|や(?!がて|はり|っぱり)|ばかり|くらい|ぐらい|しか(?!し|も)|さえ|[、。，．）)」』]"
)
"""How a line going on a quote closed at the line before begins: a particle (`と言った`,
`って`, `を読んだ`, `などと`, `なんて言われても`), a mark; not a conjunction or an
adverb beginning the narration (`しかし`, `しかも`, `だけど`, `だけれど`, `でも`,
`もちろん`, `もう`, `やがて`, `ところが`, `とにかく`, `はっと`)."""
_SAID = re.compile(r"と(?!か|して)|って")
"""A quote's words followed by who said them (`』と彼女は書いた`, `」って`): a speaker's
line, as the narration it goes on in is; a name or a title goes on as a noun does
(`「iPhone 5」の予約は`, `「最高」などの声`)."""


def _quote_depth(line: str) -> int:
    """The 「」 and 『』 `line` opens (closed ones taken off; negative: it closes more)."""
    if "「" not in line and "『" not in line and "」" not in line and "』" not in line:
        return 0
    marks = line.translate(_QUOTES)
    return marks.count("(") - marks.count(")")


def _quotes_closed(block: list[str]) -> dict[tuple[int, int], tuple[int, int]]:
    """Where each quote of `block` (`「…`, `『…`: its line and offset) closes, or the
    last of the quotes one after another from it (`「…」「…」`): the line and the offset
    of its 」 or 』. In one pass over the block and one over its quotes, each quote
    looked at once (a quote nothing closes is not in it)."""
    closes: dict[tuple[int, int], tuple[int, int]] = {}
    opened: list[tuple[int, int]] = []
    for at, line in enumerate(block):
        if "「" not in line and "『" not in line and "」" not in line and "』" not in line:
            continue
        for mark in _QUOTE_MARKS.finditer(line):
            if mark.group() in _SPEECH_OPENS:
                opened.append((at, mark.start()))
            elif opened:
                closes[opened.pop()] = (at, mark.start())
    # The quote after one (its close's next offset) begins later: seen first from the end.
    for quote in sorted(closes, reverse=True):
        end, offset = closes[quote]
        closes[quote] = closes.get((end, offset + 1), (end, offset))
    return closes


def _speakers_line(
    block: list[str], closes: dict[tuple[int, int], tuple[int, int]], at: int, opens: int = 0
) -> bool:
    """Whether `block[at]` begins a speaker's line: a quote (`「…`, `『…`, or quotes one
    after another, `「…」「…」`) closed at a line's end, the next line none going on it
    (`」` / `などと…`), or closed before who said it (`』と彼女は`). A quote a sentence
    goes on (`「iPhone 5」の予約は`, `「かわいい」などの声`, `…んだよ」` / `などと`) is none.
    A quote after a name (`opens`, `山田「…`) is a speaker's line only closed at a line's
    end, the next line opening with no parenthesis: a word before a quote someone said
    (`一方「…」という幸恵さんは`) is none, nor a name's (`市民団体「…」` / `（以下…）`; a
    parenthesis after a quote alone names its speaker: `「…」` / `（30代）`)."""
    if (at, opens) not in closes:
        return False
    end, offset = closes[at, opens]
    after = block[end][offset + 1 :]
    if after:
        return not opens and _SAID.match(after) is not None
    if opens and end + 1 < len(block) and block[end + 1].startswith(("（", "(")):
        return False
    return (
        end + 1 == len(block)
        or _SAID.match(block[end + 1]) is not None
        or not _GOES_ON.match(block[end + 1])
    )


def _speech_apart(
    block: list[str],
    closes: dict[tuple[int, int], tuple[int, int]],
    spoken: tuple[int, int] | None,
    quoted: int,
    at: int,
) -> bool:
    """Whether `block[at]` begins a paragraph of a text wrapped by hand, as a novel's
    or an interview's speech does, though the line before was wrapped: a speaker's line
    (`_speakers_line`) after a sentence's end (。！？) or after a speaker's line (a run
    whose quotes end, `spoken`, at the line before's end: `_quotes_closed`), and the
    narration after a speaker's line, no particle going on it (`」と言った`, `」などと`).
    A quote within a sentence goes on it (`…「最高」` / `「かわいい」など`). Not within
    a quote still open (`quoted`): `「昨日ね、…言われたの。` / `『君には無理だ』って」` is
    one speaker's line."""
    if quoted > 0:
        return False
    before, line = block[at - 1], block[at]
    after_speech = spoken == (at - 1, len(before) - 1)
    opens = _speech_opens(line)
    if line[opens:].startswith(_SPEECH_OPENS):
        return (after_speech or _SPOKEN_AFTER.search(before) is not None) and _speakers_line(
            block, closes, at, opens
        )
    return after_speech and not _GOES_ON.match(line)


_SPEAKER = r"[\u4e00-\u9fff々〆ヶァ-ヺー・]{1,8}"
"""A speaker's name before the words: kanji or katakana (山田, 司会, ナレーター)."""
_NAMED_SPEECH = re.compile(f"{_SPEAKER}(?=[「『])")


def _spoken(
    block: list[str], closes: dict[tuple[int, int], tuple[int, int]], at: int
) -> tuple[int, int] | None:
    """Where the quote a paragraph's first line `block[at]` opens with closes (`「…`, or
    `山田「…` when it is a speaker's line: `市民団体「…」` / `（以下…` is a name), or None."""
    opens = _speech_opens(block[at])
    if opens and not _speakers_line(block, closes, at, opens):
        return None
    return closes.get((at, opens))


def _speech_opens(line: str) -> int:
    """Where the quote of a speaker's line `line` may be opens: at its start (`「…`), or
    after the speaker's name, as an interview or a play writes it (`山田「…`)."""
    named = _NAMED_SPEECH.match(line)
    return named.end() if named is not None else 0


_QUESTION = re.compile("[―—]{2}")
"""An interviewer's question opening a line: `――` (or `——`, as the livedoor corpus
writes it), a space after it or none."""
_NAMED_TURN = re.compile(rf"({_SPEAKER})\u3000(?=\S)")
"""A speaker's name and a full-width space before the words (`山田　およそ…`)."""


def _interview_turns(block: list[str]) -> set[int]:
    """The lines of `block` that open an interview's turn: an interviewer's question
    (`―― 費用は…`) where the block asks two or has a speaker's turn (a dash alone opens
    a novel's line as well: `――それが、私たちの…`), and a speaker's name and a
    full-width space (`山田　およそ…`) in a block with a question or that name opening
    another line too (a name and a space alone may be a word set apart, `開幕　東京の空には…`)."""
    if not any("―" in line or "—" in line or "\u3000" in line for line in block):
        return set()
    questions = {at for at, line in enumerate(block) if _QUESTION.match(line)}
    names = {
        at: turn.group(1)
        for at, line in enumerate(block)
        if (turn := _NAMED_TURN.match(line)) is not None
    }
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    named = {at for at, name in names.items() if questions or counts[name] > 1}
    if len(questions) < 2 and not named:
        questions = set()  # a dash alone in a block: a novel's (――それが、…), no question
    return questions | named


def _turn_after(before: str, spoken: tuple[int, int] | None, at: int) -> bool:
    """Whether an interview's turn (`_interview_turns`) at `at` begins a paragraph: after
    a sentence's end (`…伺いたいです。` / `山田　…`) or a speaker's line (`…です」`)."""
    return _SENTENCE_ENDED.search(before) is not None or spoken == (at - 1, len(before) - 1)
