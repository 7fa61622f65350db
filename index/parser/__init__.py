"""Turn article files into `Article`s: detect the format, then read its structure.

Four formats (see `ArticleFormat`):

- NEWS: first line an http(s) URL, second an ISO 8601 date (the livedoor corpus);
  then the title; every further line is a paragraph of `intro`.
- CURATION: a file with curation markers (💡, ✅, さらに読む ⇒, 公開日:, 次のページを読む ⇒)
  or a section start. Line 1 is the title, line 2 the lead (unless it is a marker or a
  section start). 💡 lines anywhere are key points. A section starts with three
  consecutive lines: a heading (not a sentence: no closing 。 or ?), a question (closing
  ? or ？) and a teaser (closing 。). ✅ lines are the bullets of a source card, which
  `さらに読む ⇒[outlet]出典/画像元: URL[comment]` closes. A valid `公開日:YYYY/MM/DD`
  line is the article's date (the first) and the date of the card that follows it in its
  section (see `_CurationReader._read_published`); one with nothing to date stays a
  paragraph. Every
  other line is a paragraph of the current section, or of `intro` before the first
  section.
- TEXT: anything else; first non-empty line is the title, the rest `intro` paragraphs
  (a line right under the title that is only a date is the article's date).
- MARKDOWN: a TEXT file named *.md (or .markdown): its first heading is the title,
  later headings start sections; a paragraph's lines are joined, a list is one
  paragraph of lines (an item a line, under `・` or its number, indented a full-width
  space per level it is nested); the markup around words (`#`, `**`, `` ` ``,
  `[text](url)`'s brackets, `>`) is dropped and the words and URLs kept (a URL as
  written, balanced parentheses and all). A code block (fenced or indented) is one
  paragraph of its lines as written, indentation and markup characters kept; a table
  one paragraph of its rows, cells between ` │ ` (in columns when narrow enough), the
  delimiter row dropped; under a list item either stays in the list, indented under
  the item. A YAML front matter (`---` lines around `key: value` ones, at the very
  top) gives the title, the date and the lead (`description:`); its other entries are
  the first paragraph, a line each (see `read_front_matter`); a first heading that
  repeats its title is dropped.

Lines are paragraphs: Japanese article files put one paragraph per line. Leading and
trailing white space (including full-width spaces) and blank lines are layout, not
content. Every other character of the file ends up in some field: only the markers
themselves are dropped (see tests/lossless.py, which checks this).
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from index.dates import parse_iso_datetime, parse_written_date
from index.decoding import decode_bytes, decode_wide
from index.files import MARKDOWN_SUFFIXES
from index.model import Article, ArticleFormat, Section, SourceCard
from index.parser.front_matter import read_front_matter
from index.parser.plain import (
    LIST_ITEM,
    cell_width,
    joined,
    parse_news,
    parse_plain,
    plain_title,
)
from index.sanitize import sanitize
from index.urls import URL, URL_UNLIKELY_END, is_url_line, trim_url, url_host

MAX_ARTICLE_BYTES = 16 * 1024 * 1024
"""Files larger than this are refused: no article is that long, a log or dump is."""


class ArticleError(Exception):
    """Base of the errors about one article file; `str()` is one line naming the file."""


class ParseError(ArticleError):
    """An article file cannot be read as an article (binary, too large, unreadable...)."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(self.path, reason)

    def __str__(self) -> str:
        # File names are untrusted too: a name holding ESC must not reach the terminal.
        return sanitize(f"{self.path}: {self.reason}").replace("\n", "\u240a")


# -- markers -----------------------------------------------------------------------

KEY_POINT_MARK = "💡"
BULLET_MARK = "✅"
_EMOJI_VARIATION = "\ufe0f"
READ_MORE = re.compile(r"さらに読む\s*⇒\s*")
SOURCE = re.compile(r"出典\s*[/／]\s*画像元\s*[:：]?\s*")
PUBLISHED = re.compile(
    r"公開日\s*[:：]\s*(\d{4})\s*[/／.\-年]\s*(\d{1,2})\s*[/／.\-月]\s*(\d{1,2})\s*日?"
)
NEXT_PAGE = re.compile(r"次のページを読む\s*⇒\s*")

HEADING_MAX = 40
QUESTION_MAX = 60
TEASER_MAX = 60
"""Section lines are short (15-25 characters in the seeds); body paragraphs that happen
to form a question-and-answer triple are usually longer, so the limits cut false starts."""
_NOT_A_HEADING_END = ("。", ".", "．", "?", "？")

COMMENT_CONTINUATION_MAX = 30
"""A card's commentary is the text glued to its URL plus at most one following line,
and only a short one: in the seeds the continuation is 11-25 characters while the body
paragraphs that follow a card are 40+."""


# -- public API --------------------------------------------------------------------


def parse_file(path: Path, *, article_id: str | None = None) -> Article:
    """Read, decode and parse one article file; `ParseError` when it is not one."""
    absolute = os.path.normpath(path.absolute())
    return parse_bytes(read_article_bytes(path, absolute), absolute, article_id=article_id)


def parse_bytes(data: bytes, absolute: str, *, article_id: str | None = None) -> Article:
    """Decode and parse the bytes of the article file at `absolute` (as `parse_file`)."""
    # A NUL byte is in no encoding yomite reads but UTF-16's ASCII characters.
    decoded = decode_wide(data) if b"\x00" in data else decode_bytes(data)
    if decoded is None:
        raise ParseError(absolute, "binary file (contains NUL bytes), not an article")
    garbage = _not_text(decoded.text, len(data))
    if garbage:
        raise ParseError(
            absolute,
            f"binary file ({garbage:.0%} of it is not text in any encoding yomite reads), "
            "not an article",
        )
    if not decoded.text.strip():
        # Listed, it would be a blank "(untitled)" article, and could open as the last one.
        raise ParseError(absolute, "empty file (no text), not an article")
    article = parse_text(
        decoded.text, path=absolute, encoding=decoded.encoding, article_id=article_id
    )
    article.decode_errors = decoded.errors
    article.decode_guess = decoded.guess
    if article.format is ArticleFormat.NEWS:
        article.outlet = directory_provider(Path(absolute).parent)
    return article


_NOT_TEXT = re.compile(r"[\ufffd\x01-\x08\x0e-\x1a\x7f-\x84\x86-\x9f]")
"""Undecodable runs and control characters, but for the spacing ones, ESC (escape
sequences in a text are shown as text: no sign of a binary file) and the characters
Python takes for line breaks (\x1c-\x1f, NEL)."""
NOT_TEXT_PER_CHARACTER = 0.1
NOT_TEXT_PER_BYTE = 0.08
"""Above both shares of `_NOT_TEXT` characters a file is binary. Random bytes decode
to 16-45% of their characters (14-35% of their bytes), random bytes over 0x7f to
12-14% (9-10%); a text with a bad byte at the end of each short line (`行12 の本文`)
to 11% (6%), the damaged and hostile test articles to 1% or less, and every ldcc and
seed article to none."""
NOT_TEXT_LEAST = 8
"""Fewer `_NOT_TEXT` characters than this never make a file binary (a short note)."""


def _not_text(text: str, size: int) -> float:
    """The share of `text` (decoded from `size` bytes) that is not text, when over both
    thresholds (else 0)."""
    found = len(_NOT_TEXT.findall(text))
    if (
        found < NOT_TEXT_LEAST
        or found <= len(text) * NOT_TEXT_PER_CHARACTER
        or found <= size * NOT_TEXT_PER_BYTE
    ):
        return 0.0
    return found / len(text)


PROVIDER_FILE = "LICENSE.txt"
"""The livedoor corpus names, in each directory's LICENSE.txt, who provided its
articles ("このディレクトリの記事ファイル内容の提供元：" and the name on the next line)."""
_PROVIDER = re.compile(r"提供元\s*[：:]\s*([^\r\n]+)")
PROVIDER_READ = 8192
"""Bytes of LICENSE.txt read for the provider's name (the corpus's are ~500)."""


@functools.lru_cache(maxsize=64)
def directory_provider(directory: Path) -> str | None:
    """The outlet a directory's LICENSE.txt names for its news articles, if it does.

    Read once per directory in a process (a bulk build parses thousands of its files).
    """
    try:
        with (directory / PROVIDER_FILE).open("rb") as license_file:
            data = license_file.read(PROVIDER_READ)
    except OSError:
        return None
    found = _PROVIDER.search(decode_bytes(data).text)
    if found is None:
        return None
    name = sanitize(found.group(1)).strip()
    return name[:MAX_PROVIDER] or None


MAX_PROVIDER = 100
"""A provider's name longer than this is cut (it is a facet value and a list column)."""


def parse_text(
    text: str, *, path: str, encoding: str = "utf-8", article_id: str | None = None
) -> Article:
    """Parse already-decoded text (sanitized here: this is where text comes in)."""
    unstripped = _unstripped_lines(text)
    lines = [line.strip() for line in unstripped]
    article = Article(
        id=article_id if article_id is not None else Path(path).stem,
        path=path,
        format=detect_format_of_lines(lines),
        encoding=encoding,
        title="",
    )
    if article.format is ArticleFormat.NEWS:
        parse_news(lines, article)
    elif article.format is ArticleFormat.CURATION:
        _CurationReader(lines, article).read()
    elif Path(path).suffix.lower() in MARKDOWN_SUFFIXES:
        article.format = ArticleFormat.MARKDOWN
        _parse_markdown(unstripped, article)
    else:
        parse_plain(lines, article)
    _bound_paragraphs(article)
    return article


PARAGRAPH_MAX = 2000
"""A paragraph longer than this (in characters) is cut into paragraphs at most this
long, after a sentence's end where one is near, those after the first marked as going
on the one before (`continuations`: the reader draws them as one). The reader lays a
paragraph out whole: a text of one 960,000-character line held it for half a minute
and 2 GB."""
_CUT_AFTER = re.compile(r"[。．！？!?][」』）)”’]*|\. ")
_JOINING = re.compile(r"[\u0300-\u036f\u3099\u309a\u200d\ufe00-\ufe0f\U000e0100-\U000e01ef]")
"""Characters that belong to the one before them (combining marks, the zero-width
joiner, variation selectors): never the first of a piece."""


def _bound_paragraphs(article: Article) -> None:
    """Cut the paragraphs longer than PARAGRAPH_MAX, each piece after the first marked
    as going on the one before (`continuations`); a card stays after the paragraph it
    stood after (its `position`)."""
    article.intro, article.intro_continuations = _bounded(article.intro)
    for section in article.sections:
        section.paragraphs, section.continuations = _bounded(section.paragraphs)
        if section.continuations:
            firsts = [n for n in range(len(section.paragraphs)) if n not in section.continuations]
            firsts.append(len(section.paragraphs))
            for card in section.cards:
                card.position = firsts[card.position]


def _bounded(paragraphs: list[str]) -> tuple[list[str], set[int]]:
    """`paragraphs`, those over PARAGRAPH_MAX cut, and which of the result go on the one
    before them (a cut one's pieces after its first). Each piece is sliced once (a slice
    of the rest per cut took 121 s over a 16 MB line), and only the line end or the
    space cut at is dropped between two pieces (a line's indentation, code's or a nested
    item's, is the next piece's)."""
    if all(len(paragraph) <= PARAGRAPH_MAX for paragraph in paragraphs):
        return paragraphs, set()
    bounded: list[str] = []
    continuations: set[int] = set()
    for paragraph in paragraphs:
        start = 0
        while len(paragraph) - start > PARAGRAPH_MAX:
            end, dropped = _cut_at(paragraph, start)
            if start:
                continuations.add(len(bounded))
            bounded.append(paragraph[start:end])
            start = end + dropped
        if start < len(paragraph) or not paragraph:  # each one kept: cards count them
            if start:
                continuations.add(len(bounded))
            bounded.append(paragraph[start:])
    return bounded, continuations


def _cut_at(paragraph: str, start: int) -> tuple[int, int]:
    """Where the piece of `paragraph` from `start` ends, and how many characters after it
    go (the line end or the space cut at): after its last line end, else its last
    sentence end, else at its last space, in the second half of its PARAGRAPH_MAX
    characters; else at PARAGRAPH_MAX (moved back off a joining character)."""
    half, limit = start + PARAGRAPH_MAX // 2, start + PARAGRAPH_MAX
    line_end = paragraph.rfind("\n", half, limit)
    if line_end >= 0:
        return line_end, 1
    ends = [found.end() for found in _CUT_AFTER.finditer(paragraph, half, limit)]
    if ends:
        end = ends[-1]
        return (end - 1, 1) if paragraph[end - 1] == " " else (end, 0)  # ". " ends a sentence
    space = paragraph.rfind(" ", half, limit)
    if space >= 0:
        return space, 1
    commas = [found.end() for found in _CUT_AFTER_COMMA.finditer(paragraph, half, limit)]
    if commas:
        return commas[-1], 0
    # No mark to go by: where one kind of script gives way to another (ああ|東京, not
    # 東|京), if one is near; never before a joining character or a closing mark.
    cut = limit
    for at in range(limit, max(half, limit - SCRIPT_CHANGE_REACH), -1):
        if _script(paragraph[at - 1]) != _script(paragraph[at]):
            cut = at
            break
    while cut > half and (_JOINING.match(paragraph, cut) or paragraph[cut] in _NO_LINE_START):
        cut -= 1
    return cut, 0


SCRIPT_CHANGE_REACH = 40
"""How far back a cut with no mark near looks for a change of script."""
_CUT_AFTER_COMMA = re.compile(r"[、，,][」』）)”’]*")
_NO_LINE_START = frozenset("、。，．,.」』）)”’！？!?ー…ゃゅょっャュョッ")
"""What a piece does not begin with (closing marks, small kana, the long vowel mark)."""


def _script(char: str) -> str:
    """The kind of script `char` is written in, to cut between words of a long run."""
    if "\u3041" <= char <= "\u309f":
        return "hiragana"
    if "\u30a0" <= char <= "\u30ff" or "\uff66" <= char <= "\uff9f":
        return "katakana"
    if char.isascii():
        return "latin" if char.isalnum() else "other"
    if unicodedata.category(char).startswith("L"):  # kanji and other letters
        return "letter"
    return "other"


def detect_format(text: str) -> ArticleFormat:
    """Which format `parse_text` would read `text` as."""
    return detect_format_of_lines(split_lines(text))


def split_lines(text: str) -> list[str]:
    """The file's lines as the parser sees them: sanitized, stripped, blanks kept as ''."""
    return [line.strip() for line in _unstripped_lines(text)]


def _unstripped_lines(text: str) -> list[str]:
    """The file's lines, sanitized, with the white space around them (Markdown's
    indentation nests its lists)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return sanitize(text).split("\n")


def detect_format_of_lines(lines: list[str]) -> ArticleFormat:
    content = [line for line in lines if line]
    if len(content) >= 2 and is_url_line(content[0]) and parse_iso_datetime(content[1]):
        return ArticleFormat.NEWS
    if any(_marker_kind(line) for line in content) or any(
        is_section_start(lines, i) for i in range(len(lines))
    ):
        return ArticleFormat.CURATION
    return ArticleFormat.TEXT


# -- line classification -----------------------------------------------------------


def parse_published(line: str) -> date | None:
    """The date of a `公開日:YYYY/MM/DD` line, None when it is not a valid one."""
    match = PUBLISHED.fullmatch(line)
    if match is None:
        return None
    try:
        return date(*(int(group) for group in match.groups()))
    except ValueError:
        return None


def _marker_kind(line: str) -> str | None:
    if line.startswith(KEY_POINT_MARK):
        return "key_point"
    if line.startswith(BULLET_MARK):
        return "bullet"
    if READ_MORE.match(line):
        return "read_more"
    if NEXT_PAGE.match(line):
        return "next_page"
    if PUBLISHED.fullmatch(line):
        return "published"
    return None


def is_section_start(lines: list[str], i: int) -> bool:
    """Whether lines i, i+1, i+2 are a section's heading, question and teaser."""
    if i + 2 >= len(lines):
        return False
    heading, question, teaser = lines[i], lines[i + 1], lines[i + 2]
    if not (heading and question and teaser):
        return False
    return (
        len(heading) <= HEADING_MAX
        and not heading.endswith(_NOT_A_HEADING_END)
        and len(question) <= QUESTION_MAX
        and question.endswith(("?", "？"))
        and len(teaser) <= TEASER_MAX
        and teaser.endswith("。")
        and not any(_marker_kind(line) for line in (heading, question, teaser))
    )


def _strip_mark(line: str, mark: str) -> str:
    return line[len(mark) :].lstrip(_EMOJI_VARIATION).strip()


# -- MARKDOWN ----------------------------------------------------------------------

_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT_RULE = re.compile(r"=+|-+")
_THEMATIC_BREAK = re.compile(r"(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}")
_QUOTE = re.compile(r"(?:>[ \t]?)+")
_FENCE = re.compile(r"(?P<ticks>`{3,})[^`]*|(?P<tildes>~{3,}).*")
"""A code fence: ``` (an info string without backticks: ```js``` opens no block) or ~~~."""
_CODE_SPAN = re.compile(r"(`+)(.{1,2000}?)\1")
_DESTINATION_CHAR = r"[^\s()\\]|\\\S"
_NESTED_PARENS = rf"\((?:{_DESTINATION_CHAR}){{0,500}}\)"
_PARENS = rf"\((?:{_DESTINATION_CHAR}|{_NESTED_PARENS}){{0,500}}\)"
_LINK = re.compile(
    r"!?\[(?P<text>[^\]\n]{0,500})\]\(\s*"
    r"(?:<(?P<angled>[^<>\n]{0,2000})>"
    rf"|(?P<bare>(?!<)(?:{_DESTINATION_CHAR}|{_PARENS}){{0,2000}}))"
    r"(?:\s+\"(?P<title>[^\"]{0,500})\")?\s*\)"
)
r"""![alt](src "title"), [text](url "title"). A destination may hold parentheses in
balanced pairs, two deep (`https://ja.wikipedia.org/wiki/桜_(植物)`), or escaped
(`\)`), as CommonMark reads it; or be written in `<>`, where it may hold anything but
those. Every alternative starts on a character of its own (a paren, a backslash,
another character), so that a line of stray `[a](((` is read in linear time."""
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]{1,2000})>")
_MARKDOWN_URL_UNLIKELY_END = URL_UNLIKELY_END + "*_~"
"""A bare URL's end: `**https://example.com**` is a URL in bold, as GitHub reads it."""
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_EMPHASIS = (
    # **strong**, ~~struck~~, __strong__ (not inside a word: foo__bar__baz stays)
    (re.compile(r"(\*\*|~~)(?=\S)(.{1,500}?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![A-Za-z0-9_])__(?=\S)(.{1,500}?)(?<=\S)__(?![A-Za-z0-9_])"), r"\1"),
    (
        re.compile(r"(?<![*\\])\*(?=[^\s*])(.{1,500}?)(?<=[^\s*\\])\*(?!\*)"),
        r"\1",
    ),  # *em*, 語の*中*
    (_ESCAPE, r"\1"),  # \* \_ \#: the character
)
"""Inline markup outside code spans and URLs, and what is kept of it, in the order
applied. Each span is bounded, so that a long line of unmatched markers (`*a *a *a …`)
is read in linear time (unbounded, 60 KB of them took 12 s)."""
_KEPT = re.compile("\x00([0-9]+)\x01")
"""Where `_outside_code` set a URL aside: control characters, which a sanitized line
never holds (`sanitize` turns them into pictures)."""
INLINE_MAX = 20_000
"""A Markdown line longer than this is kept as written (no paragraph is that long)."""


def _inline(line: str) -> str:
    """A Markdown line's words without the markup around them; code spans as written."""
    if len(line) > INLINE_MAX or not any(mark in line for mark in "[<`*_~\\"):
        return line
    pieces: list[str] = []
    at = 0
    for code in _CODE_SPAN.finditer(line) if "`" in line else ():
        pieces += [_outside_code(line[at : code.start()]), code.group(2)]
        at = code.end()
    pieces.append(_outside_code(line[at:]))
    line = "".join(pieces)
    return line.replace("  ", " ").strip() if line.endswith(" ") else line


def _outside_code(text: str) -> str:
    """Text outside code spans without its markup: a link's words and URL, URLs (in
    `<>` or bare) as written, set aside while the emphasis around them goes."""
    if not any(mark in text for mark in "[<*_~\\"):
        return text
    urls: list[str] = []
    apart: set[int] = set()
    """The `urls` of links: a space after them where text follows."""

    def kept(url: str) -> str:
        urls.append(url)
        return f"\x00{len(urls) - 1}\x01"

    def link(found: re.Match[str]) -> str:
        destination = found["angled"] if found["angled"] is not None else found["bare"]
        url = kept(_ESCAPE.sub(r"\1", destination)) if destination else ""
        if url and not found["title"]:
            apart.add(len(urls) - 1)
        return " ".join(part for part in (found["text"], url, found["title"]) if part)

    def put_back(found: re.Match[str]) -> str:
        # A link's URL apart from the text after it, once the emphasis around the link
        # is gone (**[気象庁](https://…)**を参照): a terminal that finds URLs in the text
        # took `…index.htmlを参照` for the URL (non-ASCII letters are URL characters).
        number = int(found[1])
        following = found.string[found.end() : found.end() + 1]
        spaced = number in apart and following and not following.isspace()
        return urls[number] + " " if spaced else urls[number]

    def bare(found: re.Match[str]) -> str:
        url = trim_url(found.group(), _MARKDOWN_URL_UNLIKELY_END)
        return kept(url) + found.group()[len(url) :] if url else found.group()

    if "[" in text:
        text = _LINK.sub(link, text)
    if "<" in text:
        text = _AUTOLINK.sub(lambda found: kept(found[1]), text)
    if "://" in text:
        text = URL.sub(bare, text)
    keep: str | Callable[[re.Match[str]], str]
    for pattern, keep in _EMPHASIS:
        if any(mark in text for mark in "*_~\\"):
            text = pattern.sub(keep, text)
    return _KEPT.sub(put_back, text) if urls else text


_MARKDOWN_LIST_ITEM = re.compile(
    r"(?P<marker>[-*+]|[0-9]{1,9}[.)])(?P<gap>[ \t]+)(?=\S)|(?P<dot>[•・])[ \t]*(?=\S)"
)
"""A list item's marker: `-`, `*`, `+` or `1.` `1)` and white space (CommonMark), or a
`・` or `•`, as Japanese lists are written by hand (`・りんご`: space or none)."""
LIST_BULLET = "・"
"""What stands for a bullet list's marker: the reading view's bullet (two cells in
every terminal, where `•` is one or two as the terminal likes)."""
LIST_INDENT = "\u3000"
"""What indents a nested item, per level: a full-width space, as wide as `・`."""


def _indented(line: str) -> tuple[int, str]:
    """The columns of a line's indentation (spaces and tabs, to tab stops of 4) and the
    line stripped."""
    text = line.lstrip(" \t")
    return len(line[: len(line) - len(text)].expandtabs(4)), text.strip()


def _nest(indents: list[int], indent: int, content: int | None = None) -> int:
    """The level of a list's line indented by `indent` within the items open
    (`indents`, the columns where their text starts): an item (whose text starts at
    `content`) under the last item whose text it stands at or past, a following
    paragraph of an item (`content` None) under that item."""
    while indents and indent < indents[-1]:
        indents.pop()
    if content is None:
        return len(indents)
    indents.append(content)
    return len(indents) - 1


def _markdown_items(lines: list[str]) -> list[tuple[str, str]]:
    """(kind, text) of each line that matters: "heading", "text", "item" (a line of a
    list: an item, its bullet and its indentation as `_list_line` writes them, or a
    line of a further paragraph, code block or table of one), "code" and "table" (a
    whole block, its lines as `_code_lines` and `_table_lines` write them), or
    "blank" (what separates paragraphs: a blank line, a thematic break). The blank
    lines inside a list (between its items) are dropped: a list is one paragraph."""
    items: list[tuple[str, str]] = []
    previous_line = ""
    indents: list[int] = []
    """Where the text of the open list's items starts (columns), outermost first."""
    apart = False
    """Whether a blank line (or a block of an item: code, a table) stands after the
    open list's last line."""
    kind = ""
    """The open list's marker (`-`, `1.`...): after a blank line an item of another
    starts another list, as it does in CommonMark."""

    def block(kind: str, block_lines: list[str], indent: int) -> None:
        """A code block or table standing at column `indent`: under the open list's
        item it is indented under (its lines lines of the list), else a paragraph."""
        nonlocal apart
        if indents and indent >= indents[0]:
            nested = LIST_INDENT * _nest(indents, indent)
            items.extend(("item", nested + line if line else "") for line in block_lines)
            apart = True  # what follows is the item's next paragraph, or no longer its
            return
        indents.clear()
        items.append(("blank", ""))
        if block_lines:
            items.append((kind, "\n".join(block_lines)))

    at = 0
    while at < len(lines):
        indent, line = _indented(lines[at])
        at += 1
        column = _container_column(indents, indent)
        if line and indent >= column + CODE_INDENT:
            # Code, unless it goes on a paragraph's line or a list item's (a lazy line)
            if apart if indents else not items or items[-1][0] != "text":
                last = at
                while last < len(lines) and _code_goes_on(lines[last], column + CODE_INDENT):
                    last += 1
                block("code", _code_lines(lines[at - 1 : last], column), column)
                at = last
                continue
        elif line.startswith(("```", "~~~")) and (opened := _FENCE.fullmatch(line)) is not None:
            fence = opened.group("ticks") or opened.group("tildes")
            close = next((n for n in range(at, len(lines)) if _closes(lines[n], fence)), None)
            block("code", _code_lines(lines[at:close], indent), indent)
            at = len(lines) if close is None else close + 1
            continue
        previous_line, line_before = line, previous_line
        if line.startswith("#") and (heading := _ATX_HEADING.fullmatch(line)) is not None:
            indents.clear()
            items.append(("heading", _inline(heading.group("text") or "")))
            continue
        previous = items[-1] if items else ("blank", "")
        if (
            _SETEXT_RULE.fullmatch(line)
            and previous[0] == "text"
            # under a list item, a quote or a table row, --- is a break, not a heading
            and not indents
            and not LIST_ITEM.match(line_before)
            and not line_before.startswith((">", "|"))
        ):
            items[-1] = ("heading", previous[1])  # a heading underlined with === or ---
            continue
        if not line and indents:
            apart = True  # the list may go on after it (a loose list)
            continue
        if not line or _THEMATIC_BREAK.fullmatch(line):
            indents.clear()
            items.append(("blank", ""))
            continue
        if line.startswith(">"):
            indent, line = _indented(_QUOTE.sub("", line, count=1))
        elif "|" in line and (rows := _table_rows(lines, at - 1)):
            block("table", _table_lines(rows), indent)
            at += len(rows)  # the delimiter row, and each row after the header
            continue
        if (marker := _MARKDOWN_LIST_ITEM.match(line)) is not None:
            marker_kind = marker["dot"] or marker["marker"].lstrip("0123456789")
            if not indents or indent < indents[0]:  # an item of the outermost list
                if indents and apart and marker_kind != kind:
                    indents.clear()
                    items.append(("blank", ""))
                kind = marker_kind
            if text := _inline(line[marker.end() :]):
                items.append(("item", _list_line(marker, text, indents, indent)))
            apart = False
            continue
        if indents and apart:
            apart = False
            if indent >= indents[0]:  # a further paragraph of an item
                text = _inline(line)
                items.append(("item", LIST_INDENT * _nest(indents, indent) + text))
                continue
            indents.clear()  # the list has ended
            items.append(("blank", ""))
        text = _inline(line)
        items.append(("text", text) if text else ("blank", ""))
    return [item for item in items if item[0] != "heading" or item[1]]


CODE_INDENT = 4
"""Columns of indentation that make a line code (an indented code block, CommonMark's),
past those of the list item it stands in."""


def _container_column(indents: list[int], indent: int) -> int:
    """The column where the text of the list item holding a line at `indent` starts
    (the last of the open items' `indents` at or before it), 0 outside a list."""
    return next((content for content in reversed(indents) if indent >= content), 0)


def _code_goes_on(line: str, indent: int) -> bool:
    """Whether an indented code block goes on at `line`: a blank one, or one indented
    by `indent` columns or more."""
    columns, text = _indented(line)
    return not text or columns >= indent


def _closes(line: str, fence: str) -> bool:
    """Whether `line` closes a code block opened by `fence` (``` or ~~~, as long or
    longer, alone on its line)."""
    text = line.strip()
    return text.startswith(fence) and not text.strip(fence[0])


def _code_lines(lines: list[str], column: int) -> list[str]:
    """A code block's lines as written, but for their indentation up to `column` (the
    list item's, or the fence's own, where the code stands), tabs (to stops of 4) and
    the white space at their ends; no blank line at its start or end."""
    code: list[str] = []
    for line in lines:
        line = line.expandtabs(4).rstrip()
        code.append(line[min(column, len(line) - len(line.lstrip(" "))) :])
    while code and not code[-1]:
        code.pop()
    return list(itertools.dropwhile(lambda line: not line, code))


_TABLE_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?")
"""A table's delimiter row: `|---|:--:|`, `--- | ---`."""
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
TABLE_COLUMNS = " │ "
"""What stands between two cells of a table row."""
TABLE_ALIGNED_MAX = 72
"""A table's columns are aligned (each cell padded to its column's widest) when its
rows are then this wide or less (cells: a wide character is two). A wider table is
wrapped in most reading panes, where the padding would be gaps in the wrapped rows."""


def _table_rows(lines: list[str], at: int) -> list[list[str]] | None:
    """The rows of the table (GitHub's) whose header is `lines[at]`, the delimiter row
    left out: a header row of cells between `|`, a delimiter row of as many, then the
    lines holding a `|` up to any other. None when no table starts there."""
    if at + 1 >= len(lines) or "|" not in lines[at + 1]:
        return None
    header = _table_cells(lines[at])
    delimiter = lines[at + 1].strip()
    if not _TABLE_DELIMITER.fullmatch(delimiter) or len(_table_cells(delimiter)) != len(header):
        return None
    rows = [header]
    for line in itertools.islice(lines, at + 2, None):
        if "|" not in line or _starts_block(line.strip()):
            break
        rows.append(_table_cells(line))
    return rows


def _starts_block(line: str) -> bool:
    """Whether a (stripped) line is blank or starts a block of its own, which ends a
    table: a fence, a heading, a quote, a thematic break or a list item."""
    return (
        not line
        or line.startswith(">")
        or (line.startswith(("```", "~~~")) and _FENCE.fullmatch(line) is not None)
        or (line.startswith("#") and _ATX_HEADING.fullmatch(line) is not None)
        or _THEMATIC_BREAK.fullmatch(line) is not None
        or _MARKDOWN_LIST_ITEM.match(line) is not None
    )


def _table_cells(row: str) -> list[str]:
    """A table row's cells (between the `|` with no backslash before them, the outer
    ones optional), stripped, a `\\|` in them a `|`. GitHub takes that backslash off
    before it reads a cell's markup, so in a code span too: `x \\| y` in one showed
    `x \\| y` where GitHub shows `x | y`. (A `|` in a code span with no backslash
    before it divides the cells, on GitHub as here.)"""
    row = row.strip()
    row = row.removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SEPARATOR.split(row)]


def _table_lines(rows: list[list[str]]) -> list[str]:
    """A table's rows as lines: their cells' words (the markup dropped) between
    TABLE_COLUMNS, in columns when the table is narrow enough (TABLE_ALIGNED_MAX)."""
    cells = [[_inline(cell) for cell in row] for row in rows]
    columns = max(len(row) for row in cells)
    widths = [
        max(cell_width(row[n]) if n < len(row) else 0 for row in cells) for n in range(columns)
    ]
    aligned = sum(widths) + len(TABLE_COLUMNS) * (columns - 1) <= TABLE_ALIGNED_MAX
    lines = []
    for row in cells:
        if aligned:
            row = [cell + " " * (widths[n] - cell_width(cell)) for n, cell in enumerate(row)]
        lines.append(TABLE_COLUMNS.join(row).rstrip())
    return lines


def _list_line(marker: re.Match[str], text: str, indents: list[int], indent: int) -> str:
    """A list item's line: indented by its level, `・` for a bullet (whatever the file
    writes), `1.` as written for a numbered item, then its text."""
    if marker["dot"] is not None:
        written, content = LIST_BULLET, indent + 2
    else:
        gap = len(marker["gap"].expandtabs(4))
        content = indent + len(marker["marker"]) + (gap if gap <= 4 else 1)
        numbered = marker["marker"][0].isdigit()
        written = f"{marker['marker']} " if numbered else LIST_BULLET
    return LIST_INDENT * _nest(indents, indent, content) + written + text


def _markdown_paragraphs(items: list[tuple[str, str]]) -> list[str]:
    """The paragraphs of a run of items: a paragraph's lines joined (as Markdown joins
    them), a list's lines one paragraph of lines (a line of text straight under one
    goes on its last line), a code block or a table one paragraph of its lines, and
    each line of pipes that is no table's a paragraph of its own."""
    paragraphs: list[str] = []
    joining = listing = False
    for kind, text in items:
        if kind == "item":
            if listing:
                paragraphs[-1] += "\n" + text
            else:
                paragraphs.append(text)
            joining = listing = True
            continue
        if kind != "text":
            if kind in ("code", "table"):
                paragraphs.append(text)
            joining = listing = False
            continue
        if joining and not text.startswith("|"):
            paragraphs[-1] = joined(paragraphs[-1], text)
        else:
            paragraphs.append(text)
            listing = False
        joining = not text.startswith("|")
    return paragraphs


def _parse_markdown(lines: list[str], article: Article) -> None:
    front = read_front_matter(lines)
    if front is not None:
        lines = lines[front.end :]
        article.published, article.lead = front.published, front.lead
    items = _markdown_items(lines)
    rest = items
    first = next((n for n, (kind, _) in enumerate(items) if kind != "blank"), None)
    if front is not None and front.title is not None:
        article.title = front.title
        if first is not None and items[first] == ("heading", front.title):
            rest = items[first + 1 :]  # the title again, over the text: shown once
    elif first is not None:
        kind, text = items[first]
        rest = items[first + 1 :]
        if kind == "heading":
            article.title = text
        else:  # a paragraph's line, a list's, a code block's or a table's first
            article.title = plain_title(text.partition("\n")[0].strip())
            if article.title != text:  # the first line is a paragraph: kept in the text
                rest = items[first:]
    dated = next((n for n, (kind, _) in enumerate(rest) if kind != "blank"), None)
    if article.published is None and dated is not None and rest[dated][0] == "text":
        published = parse_written_date(rest[dated][1])
        if published is not None:  # a date standing alone under the title
            article.published = published
            rest = rest[dated + 1 :]
    starts = [n for n, (kind, _) in enumerate(rest) if kind == "heading"]
    article.intro = _markdown_paragraphs(rest[: starts[0]] if starts else rest)
    if front is not None and front.lines:
        article.intro.insert(0, "\n".join(front.lines))
    for start, end in itertools.pairwise([*starts, len(rest)]):
        article.sections.append(
            Section(heading=rest[start][1], paragraphs=_markdown_paragraphs(rest[start + 1 : end]))
        )


# -- CURATION ----------------------------------------------------------------------


@dataclass
class _CurationReader:
    lines: list[str]
    article: Article
    position: int = 0
    section: Section | None = None
    open_card: SourceCard | None = None
    """A card whose ✅ bullets have been read but whose さらに読む line has not (yet)."""
    pending_date: date | None = None
    """The date of a 公開日 line no card has followed yet (in the current section)."""
    pending_is_article_date: bool = False
    """Whether `pending_date` came from the line that gave the article its date."""
    pending_line: tuple[str, int] = ("", 0)
    """That line, and how many paragraphs of its section (or intro) stood before it."""

    def read(self) -> None:
        self._read_title_and_lead()
        while self.position < len(self.lines):
            self._read_line()
        self._close_open_card()
        self._settle_pending_date()

    def _next_content(self, start: int) -> int | None:
        for i in range(start, len(self.lines)):
            if self.lines[i]:
                return i
        return None

    def _read_title_and_lead(self) -> None:
        title_at = self._next_content(0)
        if title_at is None:
            self.position = len(self.lines)
            return
        self.article.title = self.lines[title_at]
        self.position = title_at + 1
        lead_at = self._next_content(self.position)
        if (
            lead_at is not None
            and not _marker_kind(self.lines[lead_at])
            and not is_section_start(self.lines, lead_at)
        ):
            self.article.lead = self.lines[lead_at]
            self.position = lead_at + 1

    def _read_line(self) -> None:
        lines, i = self.lines, self.position
        line = lines[i]
        self.position += 1
        if not line:
            return
        if is_section_start(lines, i):
            self._close_open_card()
            self._settle_pending_date()
            self.section = Section(heading=line, question=lines[i + 1], teaser=lines[i + 2])
            self.article.sections.append(self.section)
            self.position = i + 3
        elif line.startswith(KEY_POINT_MARK):
            if point := _strip_mark(line, KEY_POINT_MARK):
                self.article.key_points.append(point)
        elif line.startswith(BULLET_MARK):
            if self.open_card is None:
                self.open_card = self._new_card()
            if bullet := _strip_mark(line, BULLET_MARK):
                self.open_card.bullets.append(bullet)
        elif read_more := READ_MORE.match(line):
            self._read_card_source(line[read_more.end() :])
        elif (published := parse_published(line)) is not None:
            self._read_published(published, line)
        elif (next_page := NEXT_PAGE.match(line)) and self.article.next_page is None:
            self._read_next_page(line[next_page.end() :])
        else:
            self._add_paragraph(line)

    def _add_paragraph(self, text: str) -> None:
        if self.section is None:
            self.article.intro.append(text)
        else:
            self.section.paragraphs.append(text)

    def _current_section(self) -> Section:
        # A card before any section still needs a home: an untitled section keeps it a
        # card (with its URL and outlet) rather than flattening it into the intro.
        if self.section is None:
            self.section = Section(heading="")
            self.article.sections.append(self.section)
        return self.section

    def _read_published(self, published: date, line: str) -> None:
        """A `公開日:` line (a valid date; an invalid one stays a paragraph). The first is
        the article's date. Each one dates the card that follows it in its section: the
        next card begun (by its first ✅ bullet, or its さらに読む line when it has none),
        or the card it stands in (between its bullets and its さらに読む line) when that
        one has no date yet. Of two lines with no card between, the later dates the card;
        the earlier is settled like one with no card after it (`_settle_pending_date`)."""
        is_article_date = self.article.published is None
        if is_article_date:
            self.article.published = published
        if self.open_card is not None and self.open_card.published is None:
            self.open_card.published = published
            return
        self._settle_pending_date()
        self.pending_date, self.pending_is_article_date = published, is_article_date
        paragraphs = self.section.paragraphs if self.section is not None else self.article.intro
        self.pending_line = (line, len(paragraphs))

    def _new_card(self) -> SourceCard:
        card = SourceCard(published=self.pending_date)
        self.pending_date, self.pending_is_article_date = None, False
        return card

    def _settle_pending_date(self) -> None:
        """A 公開日 line no card followed in its section (one at the article's end): the
        article's date, if it was the first; else the date of the section's last card
        (standing before it) if that card has none. Otherwise there is nothing left for
        it to date, and it stays a paragraph where it stood (as a date the file gives
        nothing to, it is the curator's text)."""
        published, is_article_date = self.pending_date, self.pending_is_article_date
        self.pending_date, self.pending_is_article_date = None, False
        if published is None or is_article_date:
            return
        cards = self.section.cards if self.section is not None else []
        if cards and cards[-1].published is None:
            cards[-1].published = published
            return
        line, at = self.pending_line
        paragraphs = self.section.paragraphs if self.section is not None else self.article.intro
        paragraphs.insert(at, line)

    def _close_open_card(self) -> None:
        if self.open_card is not None:
            self._append_card(self.open_card)
            self.open_card = None

    def _append_card(self, card: SourceCard) -> None:
        section = self._current_section()
        card.position = len(section.paragraphs)
        section.cards.append(card)

    def _read_card_source(self, rest: str) -> None:
        card = self.open_card or self._new_card()
        self.open_card = None
        self._append_card(card)
        if source := SOURCE.search(rest):
            outlet, after = rest[: source.start()], rest[source.end() :]
        elif url := URL.search(rest):
            outlet, after = rest[: url.start()], rest[url.start() :]
        else:
            outlet, after = rest, ""
        card.outlet = outlet.strip() or None
        after = after.strip()
        if url := URL.match(after):
            card.url = trim_url(url.group())
            card.site = url_host(card.url)
            after = after[len(card.url) :].strip()
        if after:
            card.comment.append(after)
        i = self.position
        if i < len(self.lines) and self._is_comment_continuation(i):
            card.comment.append(self.lines[i])
            self.position = i + 1

    def _is_comment_continuation(self, i: int) -> bool:
        line = self.lines[i]
        return (
            bool(line)
            and len(line) <= COMMENT_CONTINUATION_MAX
            and not _marker_kind(line)
            and not is_section_start(self.lines, i)
        )

    def _read_next_page(self, rest: str) -> None:
        if rest:
            self.article.next_page = rest
            return
        following = self._next_content(self.position)
        if following is not None and not _marker_kind(self.lines[following]):
            self.article.next_page = self.lines[following]
            self.position = following + 1


def read_article_bytes(path: Path, shown: str) -> bytes:
    """The bytes of the article file at `path` (`shown` in messages); `ParseError` when
    it is no regular file, too large or unreadable."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ParseError(shown, "is a directory, not an article file")
        if not stat.S_ISREG(info.st_mode):
            raise ParseError(shown, "not a regular file")
        if info.st_size > MAX_ARTICLE_BYTES:
            raise ParseError(shown, _too_large(info.st_size))
        with path.open("rb") as file:
            data = file.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError:
        raise ParseError(shown, "no such file") from None
    except PermissionError:
        raise ParseError(shown, "unreadable: permission denied") from None
    except OSError as error:
        raise ParseError(shown, f"unreadable: {error.strerror or error}") from None
    except ValueError:  # a NUL in the name
        raise ParseError(shown, "invalid file name") from None
    if len(data) > MAX_ARTICLE_BYTES:  # it grew after stat()
        raise ParseError(shown, _too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    limit_mib = MAX_ARTICLE_BYTES // (1024 * 1024)
    return f"file too large ({size:,} bytes; the limit is {limit_mib} MiB), not an article"
