"""Turn article files into `Article`s: detect the format, then read its structure.

The package reads a file and tells its format; a module of it reads each format
(`plain`: NEWS and TEXT; `curation`; `markdown`, and its `front_matter`).
Four formats (see `ArticleFormat`):

- NEWS: first line an http(s) URL, second an ISO 8601 date (the livedoor corpus);
  then the title; every further line is a paragraph of `intro`.
- CURATION: a file with curation markers (a さらに読む ⇒, 公開日: or 次のページを読む ⇒
  line, or three 💡 lines: `curation.has_curation_markers`), or without them,
  sections laid out as a curation article's: two or more, from the top and all
  through it, under a lead, not a date (`curation.has_curation_layout`: a
  question and its answer in a text leave it a text). Line 1 is the title, line 2 the
  lead (unless it is a marker or a section start). 💡 lines anywhere are key points. A
  section starts with three consecutive lines: a heading (not a sentence: no closing 。
  or ?), a question (closing ? or ？) and a teaser (closing 。). ✅ lines are the bullets
  of a source card, which `さらに読む ⇒[outlet]出典/画像元: URL[comment]` closes. A valid
  `公開日:YYYY/MM/DD` line is the article's date (the first) and the date of the card
  that follows it in its section (see `curation.CurationReader._read_published`); one
  with nothing to date stays a paragraph. Every other line is a paragraph of the
  current section, or of `intro` before the first section.
- TEXT: anything else; first non-empty line is the title, the rest `intro` paragraphs
  (a line right under the title that is only a date is the article's date): a block
  of short lines between blank lines is one paragraph of lines (`plain.LINE_WIDE`),
  indented as the file indents them (code, YAML). A text in Aozora Bunko's notation
  (`aozora.is_aozora`) is read as an Aozora viewer shows it (`aozora`): rubies read as
  their base, their readings kept beside the text (`Section.rubies`), notes dropped,
  headings starting sections.
- MARKDOWN: a TEXT file named *.md (or .markdown): its first heading is the title
  (one under lines of images and HTML alone, a README's badges, too),
  later headings start sections; a paragraph's lines are joined, a list is one
  paragraph of lines (an item a line, under `・` or its number, indented a full-width
  space per level it is nested); the markup around words (`#`, `**`, `` ` ``,
  `[text](url)`'s brackets, `>`) is dropped and the words and URLs kept (a URL as
  written, balanced parentheses and all). A code block (fenced or indented) is one
  paragraph of its lines as written, indentation and markup characters kept; a table
  one paragraph of its rows, cells between ` │ ` (in columns when narrow enough), the
  delimiter row dropped; both marked to be set as written, without furigana
  (`Section.verbatim`); under a list item either stays in the list, indented under
  the item, a piece of the list's paragraph of its own (`Section.continuations`), so
  that it is set as written there too. A YAML front matter (`---` lines around
  `key: value` ones, at the very top) gives the title, the date and the lead
  (`description:`); its other entries are the first paragraph, a line each (see
  `front_matter`; or Hugo's TOML one, between `+++` lines); a first heading that
  repeats its title is dropped. HTML comments
  are dropped, `<br>` is a line break, a footnote's definition a note at the end;
  struck-through words are marked (`Section.struck_spans`).

A mail (`*.eml`, or a file beginning with a mail's header: `mail.looks_like_mail`) is
read from its bytes, its MIME decoded (`mail`): the subject is the title, the sender
the outlet, the `Date:` the date, the body (its text/plain part, else its HTML part's
text) a TEXT's paragraphs, the attachments' names a paragraph after them, then each mail
forwarded in it (`message/rfc822`): a paragraph of its sender, date and subject
(`FORWARDED`), its paragraphs and attachments alike; it is a TEXT.

Subtitles (`*.srt`, `*.vtt` holding a cue's timing) are a TEXT titled by the file's
name, what is said its text, a cue a line (`subtitles`). A table (`*.csv`, `*.tsv`) is
a TEXT titled by the file's name, its rows one paragraph set as written (`tables`).

Lines are paragraphs: Japanese article files put one paragraph per line. Leading and
trailing white space (including full-width spaces) and blank lines are layout, not
content (but a plain text's indentation of the lines it keeps as lines). Every other
character of the file ends up in some field: only the markers themselves are dropped,
and a Markdown file's HTML comments, which no viewer shows (see tests/lossless.py,
which checks this).
"""

from __future__ import annotations

import functools
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from index.dates import parse_iso_datetime
from index.decoding import decode_bytes, decode_wide
from index.errors import ArticleError, NotAnArticle, ParseError, ParseStopped
from index.files import MARKDOWN_SUFFIXES, SUBTITLE_SUFFIXES, TABLE_SUFFIXES
from index.model import Article, ArticleFormat, Span
from index.parser.aozora import bound_rubies, is_aozora, parse_aozora
from index.parser.curation import CurationReader, has_curation_layout, has_curation_markers
from index.parser.mail import Mail, looks_like_mail, read_mail
from index.parser.markdown import parse_markdown
from index.parser.plain import parse_news, parse_plain, read_paragraphs
from index.parser.subtitles import is_subtitles, parse_subtitles
from index.parser.tables import read_table, table_rows
from index.sanitize import sanitize, without_terminal_sequences
from index.urls import is_url_line, trim_url

__all__ = [
    "MAX_ARTICLE_BYTES",
    "PARAGRAPH_MAX",
    "STDIN_NAME",
    "ArticleError",
    "ParseError",
    "ParseStopped",
    "detect_format",
    "parse_bytes",
    "parse_file",
    "parse_stream",
    "parse_text",
    "read_article_bytes",
    "trim_url",
]

MAX_ARTICLE_BYTES = 16 * 1024 * 1024
"""Files larger than this are refused: no article is that long, a log or dump is."""


# -- public API --------------------------------------------------------------------


def parse_file(
    path: Path, *, article_id: str | None = None, stop: Callable[[], bool] | None = None
) -> Article:
    """Read, decode and parse one article file; `ParseError` when it is not one.

    `stop`, asked between the parse's stages: True when the article is no longer
    wanted, and the parse stops there (`ParseStopped`). A 15.7 MB text takes a second
    or more, and as much again of memory as of its text several times over."""
    absolute = os.path.normpath(path.absolute())
    data = read_article_bytes(path, absolute)
    _go_on(stop)
    return parse_bytes(data, absolute, article_id=article_id, stop=stop)


STDIN_NAME = "<stdin>"
"""The name standard input is parsed under (`yomite parse -`): its path and its id."""


def parse_stream(stream: BinaryIO | None, name: str = STDIN_NAME) -> Article:
    """Read, decode and parse an open stream (standard input) as the file `name` (no
    directory names its outlet); `ParseError` when it is not an article, as a file's."""
    if stream is None:  # `yomite parse - <&-`: Python has no sys.stdin
        raise ParseError(name, "unreadable: it is closed")
    return parse_bytes(read_stream_bytes(stream, name), name)


def _go_on(stop: Callable[[], bool] | None) -> None:
    """Stop the parse here (`ParseStopped`) if its caller says so (`parse_file`)."""
    if stop is not None and stop():
        raise ParseStopped


def parse_bytes(
    data: bytes,
    absolute: str,
    *,
    article_id: str | None = None,
    stop: Callable[[], bool] | None = None,
) -> Article:
    """Decode and parse the bytes of the article file at `absolute` (as `parse_file`)."""
    if looks_like_mail(data, Path(absolute).suffix) and (mail := read_mail(data)) is not None:
        return _mail_article(mail, absolute, article_id)
    # A NUL byte is in no encoding yomite reads but UTF-16's ASCII characters.
    decoded = decode_wide(data) if b"\x00" in data else decode_bytes(data)
    if decoded is None:
        raise NotAnArticle(absolute, "binary file (contains NUL bytes), not an article")
    garbage = _not_text(decoded.text, len(data))
    if garbage:
        raise NotAnArticle(
            absolute,
            f"binary file ({garbage:.0%} of it is not text in any encoding yomite reads), "
            "not an article",
        )
    if not decoded.text.strip():
        # Listed, it would be a blank "(untitled)" article, and could open as the last one.
        raise NotAnArticle(absolute, "empty file (no text), not an article")
    _go_on(stop)
    article = parse_text(
        decoded.text, path=absolute, encoding=decoded.encoding, article_id=article_id, stop=stop
    )
    if not _has_text(article):
        # Nothing a reader would see (a comment, a `---`, an empty heading or fence, a
        # colour's escape sequence alone): as blank as a file of white space.
        raise NotAnArticle(absolute, "empty file (no text), not an article")
    article.decode_errors = decoded.errors
    article.decode_guess = decoded.guess
    if article.format is ArticleFormat.NEWS and absolute != STDIN_NAME:
        article.outlet = directory_provider(Path(absolute).parent)
    return article


ATTACHMENTS = "Attachments: "
"""What begins a mail's paragraph naming the files attached to it."""
FORWARDED = "Forwarded message"
"""The first line of the paragraph that brings in a mail forwarded in another, its
`From:`, `Date:` and `Subject:` on the lines after it."""


def _mail_article(mail: Mail, absolute: str, article_id: str | None) -> Article:
    """The article of a mail (`index.parser.mail`): its subject the title (else the
    file's name), its sender the outlet, its body a plain text's paragraphs, then the
    names of its attachments, then the mails forwarded in it (`_mail_paragraphs`)."""
    title = _one_line(mail.subject)
    article = Article(
        id=article_id if article_id is not None else Path(absolute).stem,
        path=absolute,
        format=ArticleFormat.TEXT,
        encoding=mail.decoded.encoding,
        title=title or file_title(absolute),
        published=mail.published,
        outlet=_one_line(mail.sender)[:MAX_PROVIDER] or None,
    )
    mails = _mail_paragraphs(mail, article)
    _bound_paragraphs(article)
    article.decode_errors = sum(each.decoded.errors for each in mails)
    article.decode_guess = next((each.decoded.guess for each in mails if each.decoded.guess), "")
    return article


def _mail_paragraphs(mail: Mail, article: Article) -> list[Mail]:
    """`mail`'s paragraphs after `article`'s: its body's, read as a plain text's, the
    names of its attachments, then each mail forwarded in it, brought in by a paragraph
    of its `From:`, `Date:` and `Subject:` (`FORWARDED`), its own read alike. The mails
    read: this one and those forwarded in it."""
    body = Article(id="", path="", format=ArticleFormat.TEXT, encoding="", title="")
    unstripped = _unstripped_lines(mail.body)
    read_paragraphs([line.strip() for line in unstripped], unstripped, body)
    article.intro_verbatim |= {len(article.intro) + n for n in body.intro_verbatim}
    article.intro += body.intro
    if mail.attachments:
        article.intro.append(ATTACHMENTS + _one_line(", ".join(mail.attachments)))
    mails = [mail]
    for forwarded in mail.forwarded:
        date = forwarded.date_field
        if forwarded.published is not None:
            date = forwarded.published.isoformat(" ", "minutes")
        fields = (("From", forwarded.from_field), ("Date", date), ("Subject", forwarded.subject))
        article.intro.append(
            "\n".join(
                [
                    FORWARDED,
                    *(f"{name}: {text}" for name, value in fields if (text := _one_line(value))),
                ]
            )
        )
        mails += _mail_paragraphs(forwarded, article)
    return mails


def _one_line(text: str) -> str:
    """A header's text as one line, sanitized (`_unstripped_lines`)."""
    return " ".join(" ".join(_unstripped_lines(text)).split())


def file_title(path: str) -> str:
    """The title of a file that writes none (a subtitle's, a table's, a mail's without a
    subject): its name without the suffix, as the article's id is."""
    return _one_line(Path(path).stem)


def _has_text(article: Article) -> bool:
    """Whether the article shows anything: a title, a lead, a URL, a paragraph, a
    section."""
    return bool(
        article.title
        or article.lead
        or article.url
        or article.key_points
        or any(article.intro)
        or article.sections
    )


_NOT_TEXT = re.compile(r"[\ufffd\x01-\x08\x0e-\x1a\x7f-\x84\x86-\x9f]")
"""Undecodable runs and control characters, but for the spacing ones, ESC (escape
sequences in a text are dropped or shown as text: no sign of a binary file) and the characters
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
    text: str,
    *,
    path: str,
    encoding: str = "utf-8",
    article_id: str | None = None,
    stop: Callable[[], bool] | None = None,
) -> Article:
    """Parse already-decoded text (sanitized here: this is where text comes in);
    `stop` as `parse_file`'s."""
    unstripped = _unstripped_lines(text)
    _go_on(stop)
    lines = [line.strip() for line in unstripped]
    suffix = Path(path).suffix.lower()
    subtitles = suffix in SUBTITLE_SUFFIXES and is_subtitles(lines)
    rows = table_rows("\n".join(unstripped), suffix) if suffix in TABLE_SUFFIXES else None
    article = Article(
        id=article_id if article_id is not None else Path(path).stem,
        path=path,
        format=ArticleFormat.TEXT if subtitles or rows else detect_format_of_lines(lines),
        encoding=encoding,
        title="",
    )
    _go_on(stop)
    if subtitles:
        article.title = file_title(path)
        parse_subtitles(lines, article)
    elif rows:
        article.title = file_title(path)
        read_table(rows, article)
    elif article.format is ArticleFormat.NEWS:
        parse_news(lines, article)
    elif article.format is ArticleFormat.CURATION:
        CurationReader(lines, article).read()
    elif suffix in MARKDOWN_SUFFIXES:
        article.format = ArticleFormat.MARKDOWN
        parse_markdown(unstripped, article)
    elif is_aozora(lines):
        parse_aozora(unstripped, article)
    else:
        parse_plain(lines, article, unstripped)
    _go_on(stop)
    _bound_paragraphs(article)
    bound_rubies(article)
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
    (
        article.intro,
        article.intro_continuations,
        article.intro_link_spans,
        article.intro_verbatim,
        article.intro_struck_spans,
    ) = _bounded(
        article.intro,
        article.intro_link_spans,
        article.intro_verbatim,
        article.intro_continuations,
        article.intro_struck_spans,
    )
    for section in article.sections:
        (
            section.paragraphs,
            section.continuations,
            section.link_spans,
            section.verbatim,
            section.struck_spans,
        ) = _bounded(
            section.paragraphs,
            section.link_spans,
            section.verbatim,
            section.continuations,
            section.struck_spans,
        )
        if section.continuations:
            firsts = [n for n in range(len(section.paragraphs)) if n not in section.continuations]
            firsts.append(len(section.paragraphs))
            for card in section.cards:
                card.position = firsts[card.position]


def _bounded(
    paragraphs: list[str],
    link_spans: dict[int, tuple[Span, ...]],
    verbatim: set[int],
    continuations: dict[int, str],
    struck_spans: dict[int, tuple[Span, ...]],
) -> tuple[
    list[str], dict[int, str], dict[int, tuple[Span, ...]], set[int], dict[int, tuple[Span, ...]]
]:
    """`paragraphs`, those over PARAGRAPH_MAX cut, which of the result go on the one
    before them, each with what stood between them (a cut one's pieces after its first,
    with the line end or space the cut dropped; and the first piece of one of the
    `continuations` the parser made, a Markdown list's code, with its own), the
    `link_spans` of each (a
    URL a cut went through is left to be found in its pieces), the `struck_spans` of
    each (one a cut went through is in both pieces), and which are code or a
    table (`verbatim`: each piece of one). Each piece is sliced once (a slice
    of the rest per cut took 121 s over a 16 MB line), and only the line end or the
    space cut at is dropped between two pieces (a line's indentation, code's or a nested
    item's, is the next piece's)."""
    if all(len(paragraph) <= PARAGRAPH_MAX for paragraph in paragraphs):
        return paragraphs, continuations, link_spans, verbatim, struck_spans
    bounded: list[str] = []
    bounded_struck: dict[int, tuple[Span, ...]] = {}
    pieces_continuing: dict[int, str] = {}
    pieces_verbatim: set[int] = set()
    bounded_spans: dict[int, tuple[Span, ...]] = {}

    def piece(n: int, spans: tuple[Span, ...], start: int, end: int) -> None:
        if n in verbatim:
            pieces_verbatim.add(len(bounded))
        inside = tuple((a - start, b - start) for a, b in spans if start <= a and b <= end)
        if inside:
            bounded_spans[len(bounded)] = inside
        crossed = tuple(
            (max(a, start) - start, min(b, end) - start)
            for a, b in struck_spans.get(n, ())
            if a < end and start < b
        )
        if crossed:
            bounded_struck[len(bounded)] = crossed

    for n, paragraph in enumerate(paragraphs):
        spans = link_spans.get(n, ())
        start = end = 0
        while len(paragraph) - start > PARAGRAPH_MAX:
            if start:
                pieces_continuing[len(bounded)] = paragraph[end:start]
            elif n in continuations:
                pieces_continuing[len(bounded)] = continuations[n]
            end, dropped = _cut_at(paragraph, start)
            piece(n, spans, start, end)
            bounded.append(paragraph[start:end])
            start = end + dropped
        if start < len(paragraph) or not paragraph:  # each one kept: cards count them
            if start:
                pieces_continuing[len(bounded)] = paragraph[end:start]
            elif n in continuations:
                pieces_continuing[len(bounded)] = continuations[n]
            piece(n, spans, start, len(paragraph))
            bounded.append(paragraph[start:])
    return bounded, pieces_continuing, bounded_spans, pieces_verbatim, bounded_struck


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
    indentation nests its lists). Terminal control sequences (a log's colours) are
    dropped first, as a terminal shows the text: everything downstream, offsets and
    all, sees the text without them."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return sanitize(without_terminal_sequences(text)).split("\n")


def detect_format_of_lines(lines: list[str]) -> ArticleFormat:
    content = [line for line in lines if line]
    if len(content) >= 2 and is_url_line(content[0]) and parse_iso_datetime(content[1]):
        return ArticleFormat.NEWS
    if has_curation_markers(content) or has_curation_layout(lines):
        return ArticleFormat.CURATION
    return ArticleFormat.TEXT


def read_article_bytes(path: Path, shown: str) -> bytes:
    """The bytes of the article file at `path` (`shown` in messages); `ParseError` when
    it is no regular file, too large or unreadable."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ParseError(shown, "is a directory, not an article file")
        if not stat.S_ISREG(info.st_mode):
            raise NotAnArticle(shown, "not a regular file")
        if info.st_size > MAX_ARTICLE_BYTES:
            raise NotAnArticle(shown, _too_large(info.st_size))
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
        raise NotAnArticle(shown, _too_large(len(data)))
    return data


def read_stream_bytes(stream: BinaryIO, shown: str) -> bytes:
    """The bytes of an open stream (`shown` in messages), as `read_article_bytes` reads a
    file's: `ParseError` when too large or unreadable. A file redirected in is told too
    large by its size; a pipe has none, and is read one byte past the limit (`yes |
    yomite parse -` would never end were it read to its end to be counted)."""
    try:
        info: os.stat_result | None = os.fstat(stream.fileno())
    except (OSError, ValueError):  # no file descriptor (io.UnsupportedOperation is one)
        info = None
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > MAX_ARTICLE_BYTES:
        raise NotAnArticle(shown, _too_large(info.st_size))
    try:
        data = stream.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        raise ParseError(shown, f"unreadable: {error.strerror or error}") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise NotAnArticle(shown, _too_large(MAX_ARTICLE_BYTES, more=True))
    return data


def _too_large(size: int, *, more: bool = False) -> str:
    limit_mib = MAX_ARTICLE_BYTES // (1024 * 1024)
    bytes_read = f"more than {size:,} bytes" if more else f"{size:,} bytes"
    return f"file too large ({bytes_read}; the limit is {limit_mib} MiB), not an article"
