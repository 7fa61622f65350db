"""Aozora Bunko texts (青空文庫, see `index.parser`): a TEXT file written in Aozora
Bunko's notation, read as an Aozora viewer shows it.

- Ruby: `漢字《かんじ》` and `｜東京駅《とうきょうえき》` (`｜` marks where the base starts)
  are read as their base alone, `漢字`, `東京駅`: the text shown, indexed and searched
  is the book's own (`"見当がつかぬ"` is found in `見当《けんとう》がつかぬ`); a search
  in hiragana (けんとう) finds the word through the index's readings anyway.
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

from index.model import Article, Section
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
_RUBY = re.compile(r"｜([^｜《》\n]*)《[^《》\n]*》|《[^《》\n]*》")
_GAIJI = re.compile(r"※［＃[^［］\n]*］")
_JIS_X_0213 = re.compile(r"(?<![\d-])([12])-(\d{1,2})-(\d{1,2})(?![\d-])")
_CODE_POINT = re.compile(r"U\+([0-9A-Fa-f]{4,6})")
_HEADING = re.compile(r"［＃(?:「[^」\n]*」は)?(?:同行|窓)?[大中小]見出し］")
_COLOPHON = ("底本：", "底本:")
"""How the colophon at the end begins: its lines indented under an entry go on it."""
_REPEATS = (("／″＼", "〴〵"), ("／＼", "〳〵"))


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
    `article`: title, paragraphs, sections under its headings (see module doc)."""
    lines = _without_explanation(unstripped)
    paragraphs = article.intro
    block: list[str] = []
    titled = colophon = False

    def close_block() -> None:
        paragraphs.extend(_lines_kept(block))
        block.clear()

    for written in lines:
        line = _plain(written)
        text = line.strip()
        if not text:
            close_block()
            continue
        if not titled:
            titled = True
            article.title = plain_title(text)
            if article.title != text:  # a first line too long for a title is text
                block.append(text)
            continue
        if _HEADING.search(written):
            close_block()
            article.sections.append(Section(heading=text))
            paragraphs = article.sections[-1].paragraphs
            continue
        if text.startswith(_COLOPHON):
            colophon = True
            close_block()
        elif line.startswith("\u3000") and not colophon:  # a paragraph's first line
            close_block()
        block.append(text)
    close_block()


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


def _plain(line: str) -> str:
    """`line` as an Aozora viewer shows it, without its notation: rubies read as their
    base, notes dropped, a character a note names put for its `※`."""
    if "［＃" in line:
        line = _GAIJI.sub(_gaiji, line)
        line = _NOTE.sub("", line)
    if "《" in line:
        line = _RUBY.sub(r"\1", line)
    if "／" in line:
        for mark, repeat in _REPEATS:
            line = line.replace(mark, repeat)
    return line


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


def _lines_kept(block: list[str]) -> list[str]:
    """A block's paragraphs: a line wider than LINE_WIDE cells is one of its own,
    narrower ones one after another one paragraph, a line each."""
    groups: list[list[str]] = []
    narrow_before = False
    for line in block:
        narrow = line_width(line) <= LINE_WIDE
        if narrow and narrow_before:
            groups[-1].append(line)
        else:
            groups.append([line])
        narrow_before = narrow
    return ["\n".join(group) for group in groups]
