"""Aozora Bunko texts (青空文庫, see `index.parser`): a TEXT file written in Aozora
Bunko's notation, read as an Aozora viewer shows it.

- Ruby: `漢字《かんじ》` and `｜東京駅《とうきょうえき》` (`｜` marks where the base starts)
  are read as their base, `漢字`, `東京駅`, the reading kept beside the text
  (`Section.rubies`) for the reader to show as furigana: the text shown, indexed and
  searched is the book's own (`"見当がつかぬ"` is found in `見当《けんとう》がつかぬ`),
  and a search in hiragana (けんとう) finds the word through the index's readings. A
  ruby without `｜` reads the run of characters of one kind before it (kanji,
  katakana, hiragana, letters and digits).
- Editor's notes `［＃…］` (indentation, emphasis marks, page breaks) are not text: they
  are dropped. A heading's note (`一［＃「一」は中見出し］`) makes its line a section's
  heading. A character outside JIS X 0208 (`※［＃「てへん＋劣」、第3水準1-84-77］`,
  `※［＃…、U+5C5B、…］`) is the character its note names, when it names a JIS X 0213
  code or a code point; else the `※` standing for it stays.
- The repeat marks written `／＼` and `／″＼` are the characters `〳〵` and `〴〵`.
- The header: the first line is the title; the lines under it (the author, a
  translator) the first paragraph; the block explaining the notation
  (`【テキスト中に現れる記号について】` between two lines of dashes) is not shown.
  The colophon at the end (`底本：…`, who typed and proofread it) stays, a paragraph
  of its lines (those indented under an entry too).
- Lines are paragraphs (Aozora texts are never wrapped by hand); short lines one after
  another (dialogue, verse, the colophon) are one paragraph of lines, as in a plain
  text (`index.parser.plain.LINE_WIDE`).

A text is read so only when it is clearly one (`is_aozora`): the notation block, or
three rubies or notes; a news article with a `《》` of its own reads as a text.
"""

from __future__ import annotations

import re

from index.model import Article, RubySpan, Section
from index.parser.plain import LINE_WIDE, line_width, plain_title

AOZORA_MARKS = 3
"""Rubies and notes from which a text without the notation block is Aozora's: one or
two `《》` are a text's own brackets (ldcc's articles have 22 with some, none a ruby)."""
_EXPLANATION = "【テキスト中に現れる記号について】"
_DASHES = re.compile(r"-{10,}|－{10,}")
EXPLANATION_MAX_LINES = 100
"""Lines of the notation block at most: one that does not close within them is left."""

_KANJI = r"\u3005-\u3007\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUBY_MARK = re.compile(rf"｜[^｜《》\n]+《[^《》\n]+》|[{_KANJI}ヶ]+《[ぁ-ゖァ-ヺー・ゝゞヽヾ]+》")
"""A ruby as Aozora writes it (for `is_aozora`): a base started by `｜`, or kanji with
a reading in kana."""
_NOTE = re.compile(r"［＃[^［］\n]*］")
_JIS_X_0213 = re.compile(r"(?<![\d-])([12])-(\d{1,2})-(\d{1,2})(?![\d-])")
_CODE_POINT = re.compile(r"U\+([0-9A-Fa-f]{4,6})")
_HEADING = re.compile(r"［＃(?:「[^」\n]*」は)?(?:同行|窓)?[大中小]見出し］")
_COLOPHON = ("底本：", "底本:")
"""How the colophon at the end begins: its lines indented under an entry go on it."""


def is_aozora(lines: list[str]) -> bool:
    """Whether a text's `lines` are written in Aozora Bunko's notation: its block
    explaining the notation, or AOZORA_MARKS rubies and notes."""
    marks = 0
    for line in lines:
        if line.startswith(_EXPLANATION):
            return True
        if "《" in line or "［＃" in line:
            marks += len(_RUBY_MARK.findall(line)) + len(_NOTE.findall(line))
            if marks >= AOZORA_MARKS:
                return True
    return False


def parse_aozora(unstripped: list[str], article: Article) -> None:
    """Read an Aozora text's lines (sanitized, white space around them kept) into
    `article`: title, paragraphs and their rubies, sections under its headings (see
    module doc)."""
    lines = _without_explanation(unstripped)
    paragraphs, rubies = article.intro, article.intro_rubies
    block: list[tuple[str, tuple[RubySpan, ...]]] = []
    titled = colophon = False

    def close_block() -> None:
        for paragraph, read in _lines_kept(block):
            if read:
                rubies[len(paragraphs)] = read
            paragraphs.append(paragraph)
        block.clear()

    for written in lines:
        line, read = _read(written)
        text = line.strip()
        if not text:
            close_block()
            continue
        if not titled:
            titled = True
            article.title = plain_title(text)
            if article.title != text:  # a first line too long for a title is text
                block.append((text, _shifted(read, len(line) - len(line.lstrip()))))
            continue
        if _HEADING.search(written):
            close_block()
            article.sections.append(Section(heading=text))
            paragraphs, rubies = article.sections[-1].paragraphs, article.sections[-1].rubies
            continue
        if text.startswith(_COLOPHON):
            colophon = True
            close_block()
        elif line.startswith("\u3000") and not colophon:  # a paragraph's first line
            close_block()
        block.append((text, _shifted(read, len(line) - len(line.lstrip()))))
    close_block()


def bound_rubies(article: Article) -> None:
    """The rubies of `article`'s paragraphs moved into the pieces the parser cut them in
    (`index.parser._bound_paragraphs`: a piece after the first of a paragraph is one of
    its `continuations`, which says what the cut dropped). A ruby across a cut is
    dropped. Only an Aozora text has rubies, and no continuations but the cuts'."""
    if article.intro_rubies:
        article.intro_rubies = _bounded_rubies(
            article.intro, article.intro_continuations, article.intro_rubies
        )
    for section in article.sections:
        if section.rubies:
            section.rubies = _bounded_rubies(
                section.paragraphs, section.continuations, section.rubies
            )


def _bounded_rubies(
    pieces: list[str], continuations: dict[int, str], rubies: dict[int, tuple[RubySpan, ...]]
) -> dict[int, tuple[RubySpan, ...]]:
    if not continuations:
        return rubies
    bounded: dict[int, tuple[RubySpan, ...]] = {}
    paragraph = -1
    start = end = 0
    for n, piece in enumerate(pieces):
        if n in continuations:
            start = end + len(continuations[n])
        else:
            paragraph, start = paragraph + 1, 0
        end = start + len(piece)
        inside = tuple(
            (a - start, b - start, reading)
            for a, b, reading in rubies.get(paragraph, ())
            if start <= a and b <= end
        )
        if inside:
            bounded[n] = inside
    return bounded


def _without_explanation(lines: list[str]) -> list[str]:
    """`lines` without the block explaining the notation: a line of dashes, the
    `【テキスト中に現れる記号について】` line, up to the next line of dashes."""
    for start, line in enumerate(lines):
        if not line.strip().startswith(_EXPLANATION):
            continue
        before = start - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        if before < 0 or not _DASHES.fullmatch(lines[before].strip()):
            before = start
        for end in range(start + 1, min(len(lines), start + EXPLANATION_MAX_LINES)):
            if _DASHES.fullmatch(lines[end].strip()):
                return [*lines[:before], *lines[end + 1 :]]
        return [*lines[:before], *lines[start + 1 :]]
    return lines


def _read(line: str) -> tuple[str, tuple[RubySpan, ...]]:
    """`line` as an Aozora viewer shows it, without its notation (notes dropped, a
    character a note names put for its `※`, the repeat marks), and its rubies: the
    words they read (`｜`'s base, else the run of characters of one kind before `《`:
    kanji, katakana, hiragana, letters and digits) and their readings."""
    if "［＃" not in line and "《" not in line and "／" not in line:
        return line, ()
    pieces: list[str] = []
    rubies: list[RubySpan] = []
    length = done = 0
    for found in _NOTATION.finditer(line):
        literal = line[done : found.start()]
        pieces.append(literal)
        length += len(literal)
        done = found.end()
        kind = found.lastgroup
        if kind == "gaiji":
            piece = _gaiji(found)
        elif kind == "repeat":
            piece = "〴〵" if "″" in found.group() else "〳〵"
        elif kind == "bar_reading":
            piece, _ = _read(found.group("base"))
            reading = _reading(found.group("bar_reading"))
            if piece and reading:
                rubies.append((length, length + len(piece), reading))
        elif kind == "reading":
            piece = ""
            before = next((written for written in reversed(pieces) if written), "")
            base = _base_length(before)
            reading = _reading(found.group("reading"))
            if base and reading:
                rubies.append((length - base, length, reading))
        else:  # a note
            piece = ""
        pieces.append(piece)
        length += len(piece)
    pieces.append(line[done:])
    return "".join(pieces), tuple(rubies)


_NOTATION = re.compile(
    r"(?P<gaiji>※［＃[^［］\n]*］)"
    r"|(?P<note>［＃[^［］\n]*］)"
    r"|｜(?P<base>[^｜《》\n]*)《(?P<bar_reading>[^《》\n]*)》"
    r"|《(?P<reading>[^《》\n]*)》"
    r"|(?P<repeat>／″?＼)"
)
"""What Aozora Bunko's notation writes in a line (see `_read`)."""
_KINDS = (
    re.compile(rf"[{_KANJI}ヶ※]+$"),
    re.compile(r"[ァ-ヺー]+$"),
    re.compile(r"[ぁ-ゖゝゞ]+$"),
    re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+$"),
)
"""The runs of one kind of characters a ruby without `｜` reads (kanji first)."""
BASE_MAX = 20
"""Characters a ruby without `｜` reads at most."""


def _base_length(before: str) -> int:
    """How many characters at the end of `before` a ruby without `｜` reads: the run of
    the one kind of characters it ends with (0: no word a ruby may read)."""
    for kind in _KINDS:
        found = kind.search(before, max(0, len(before) - BASE_MAX))
        if found is not None:
            return len(found.group())
    return 0


def _reading(written: str) -> str:
    """A ruby's reading as shown: without a note in it, white space around it dropped."""
    return _NOTE.sub("", written).strip()


def _shifted(rubies: tuple[RubySpan, ...], by: int) -> tuple[RubySpan, ...]:
    """`rubies` of a line, for the line without its first `by` characters."""
    return tuple((a - by, b - by, reading) for a, b, reading in rubies) if by else rubies


def _gaiji(found: re.Match[str]) -> str:
    """The character a `※［＃…］` note names (a JIS X 0213 plane-row-cell, a code
    point), or the `※` alone when it names none."""
    note = found.group()
    code = _CODE_POINT.search(note)
    if code is not None:
        value = int(code.group(1), 16)
        if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF and chr(value).isprintable():
            return chr(value)
    jis = _JIS_X_0213.search(note)
    if jis is not None:
        plane, row, cell = (int(n) for n in jis.groups())
        if 1 <= row <= 94 and 1 <= cell <= 94:
            encoded = bytes([0xA0 + row, 0xA0 + cell])
            try:
                char = (b"\x8f" + encoded if plane == 2 else encoded).decode("euc_jis_2004")
            except UnicodeDecodeError:
                return "※"
            if char.isprintable():
                return char
    return "※"


def _lines_kept(
    block: list[tuple[str, tuple[RubySpan, ...]]],
) -> list[tuple[str, tuple[RubySpan, ...]]]:
    """A block's paragraphs and their rubies: a line wider than LINE_WIDE cells is one
    of its own, narrower ones one after another one paragraph, a line each."""
    groups: list[list[tuple[str, tuple[RubySpan, ...]]]] = []
    narrow_before = False
    for line, rubies in block:
        narrow = line_width(line) <= LINE_WIDE
        if narrow and narrow_before:
            groups[-1].append((line, rubies))
        else:
            groups.append([(line, rubies)])
        narrow_before = narrow
    kept: list[tuple[str, tuple[RubySpan, ...]]] = []
    for group in groups:
        joined: list[RubySpan] = []
        at = 0
        for line, read in group:
            joined += _shifted(read, -at)
            at += len(line) + 1
        kept.append(("\n".join(line for line, _ in group), tuple(joined)))
    return kept
