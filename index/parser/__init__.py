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
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from index.dates import parse_iso_datetime
from index.decoding import decode_bytes, decode_wide
from index.files import MARKDOWN_SUFFIXES
from index.model import Article, ArticleFormat, Section, SourceCard
from index.parser.markdown import parse_markdown
from index.parser.plain import parse_news, parse_plain
from index.sanitize import sanitize
from index.urls import URL, is_url_line, trim_url, url_host

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
        parse_markdown(unstripped, article)
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
