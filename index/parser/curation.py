"""CURATION files (see `index.parser`): a title and lead, key points (💡), sections that
a heading, a question and a teaser start, source cards (✅ bullets closed by a
`さらに読む ⇒` line), 公開日 dates and a next page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from index.dates import parse_written_date
from index.kana import HIRAGANA, KANJI
from index.model import Article, Section, SourceCard
from index.urls import URL, reads_as_sentence, trim_url, url_end, url_host

# -- markers -----------------------------------------------------------------------

KEY_POINT_MARK = "💡"
BULLET_MARK = "✅"
_EMOJI_VARIATION = "\ufe0f\u200b"
"""After a mark (💡️): U+FE0F, or the zero-width space `index.sanitize` shows it as."""
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


_TAGLINE = re.compile(r"\s*[｜|]\s*|\s+[-–—]\s+|\s*[:：]\s*")
"""What parts an outlet's name from its tagline: ｜ or |, a dash between spaces, a colon."""
_HIRAGANA_OR_KANJI = re.compile(f"[{HIRAGANA}{KANJI}]")


def outlet_and_tagline(written: str) -> tuple[str | None, str | None]:
    """(outlet, tagline) of the name a card's source line gives (what stands before
    `出典/画像元`): 朝日新聞+:世界のいまを伝えるウェブメディア is 朝日新聞+ with the tagline
    `:世界のいまを伝えるウェブメディア` (its separator kept, so the two make the line as
    written); so is NAME｜TAGLINE, NAME - TAGLINE. A colon parts them only before words
    in hiragana or kanji (a phrase: Re:Ron, NEWS:ONE are names), a name before it."""
    if not written:
        return None, None
    for match in _TAGLINE.finditer(written):
        name, tagline = written[: match.start()], written[match.end() :]
        colon = ":" in match.group() or "：" in match.group()
        if not name or not tagline or (colon and not _HIRAGANA_OR_KANJI.search(tagline)):
            continue
        return name, written[match.start() :]
    return written, None


def marker_kind(line: str) -> str | None:
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


EMOJI_MARKERS_LEAST = 3
"""💡 lines that make a curation article of a file (its key points). An emoji anyone may
open a line with (a news text's one 💡 注目): one or two made a curation article of a
text, its date line the lead or a paragraph. The seeds hold 3 each, under the lead. The
curation format's own lines (`さらに読む ⇒`, `次のページを読む ⇒`,
`公開日:YYYY/MM/DD`) are no prose: one makes a curation article.

✅ lines make none, however many: a note's checklist, a blog's list opens its lines with
✅ (`✅ 牛乳` `✅ 卵` `✅ パン`), which read as a source card's bullets, the list moved
under the text as 出典 1 with no source. A curation article's cards end in their
`さらに読む ⇒` line, which makes one."""


def has_curation_markers(lines: list[str]) -> bool:
    """Whether `lines` hold one of the curation format's own lines, or at least
    EMOJI_MARKERS_LEAST lines opening with 💡."""
    key_points = 0
    for line in lines:
        kind = marker_kind(line)
        if kind == "key_point":
            key_points += 1
            if key_points >= EMOJI_MARKERS_LEAST:
                return True
        elif kind is not None and kind != "bullet":
            return True
    return False


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
        and not any(marker_kind(line) for line in (heading, question, teaser))
    )


SECTIONS_LEAST = 2
FIRST_SECTION_MAX = 4
SECTION_LINES_MAX = 50
"""What makes a file without markers a curation article by its sections alone (see
`has_curation_layout`). With their markers taken out, the seeds have two sections each,
the first the 2nd and the 3rd line after the title (after the lead, and in one a line
of intro), one per 14 and 19 lines. Of the livedoor articles read as texts (title and
body, blank lines dropped), 75 hold a question and an answer shaped as a section, 62
only one; of the 13 with more, the first is the 6th line after the title or later. Each
livedoor directory's first ~1.7 MB in one text holds 2 to 23 in 6,000-14,000 lines."""


def has_curation_layout(lines: list[str]) -> bool:
    """Whether a file without markers (its stripped lines, blanks kept) is laid out as a
    curation article: SECTIONS_LEAST sections or more, the first within
    FIRST_SECTION_MAX lines of the title, a section per SECTION_LINES_MAX lines on
    average, and a lead under the title, never a date (a curation article's date is a
    `公開日:` line, a marker; a text's date line is its date).

    A question and its answer anywhere made a curation article of any file: one in an
    interview, or a few in a long text, and a text's date line was its lead."""
    content = [i for i, line in enumerate(lines) if line]
    if not any(is_section_start(lines, i) for i in content[1 : FIRST_SECTION_MAX + 1]):
        return False
    if parse_written_date(lines[content[1]]) is not None:
        return False
    sections = sum(1 for i in content if is_section_start(lines, i))
    return sections >= SECTIONS_LEAST and len(content) <= sections * SECTION_LINES_MAX


def _strip_mark(line: str, mark: str) -> str:
    return line[len(mark) :].lstrip(_EMOJI_VARIATION).strip()


# -- the reader --------------------------------------------------------------------


@dataclass
class CurationReader:
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
            and not marker_kind(self.lines[lead_at])
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
        card.outlet, card.tagline = outlet_and_tagline(outlet.strip())
        after = after.strip()
        if url := URL.match(after):
            card.url = after[: _card_url_end(after, url)]
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
            and not marker_kind(line)
            and not is_section_start(self.lines, i)
        )

    def _read_next_page(self, rest: str) -> None:
        if rest:
            self.article.next_page = rest
            return
        following = self._next_content(self.position)
        if following is not None and not marker_kind(self.lines[following]):
            self.article.next_page = self.lines[following]
            self.position = following + 1


def _card_url_end(rest: str, url: re.Match[str]) -> int:
    """Where the URL a card's source line starts `rest` with ends: its ASCII run, the
    comment being glued to it (`…/article/15630313ロシアと…`), but for a path in Japanese
    after a word (`/wiki/`) that ends the line or white space does (`…/wiki/東京都`,
    `…/wiki/ひらがな 記事です。`), read as the body's links are (`url_end`:
    `…/wiki/東京都東京の…ですね。`, `…/news/最高ですね。` keep their comment). Japanese
    after a number, an article's (`…/article/1085460/速報`), or that reads as a sentence
    (`…/article/ロシアとウクライナの今後に注目`, `…/news/驚いた`: `reads_as_sentence`)
    is the comment glued to it, as the seeds write it (a wiki's page title may start
    with hiragana: `…/wiki/ひらがな` is whole, `…/wiki/東京駅を見に行った` a comment)."""
    ascii_url = trim_url(url.group())
    end = url_end(rest, url)
    if (
        end > len(ascii_url)
        and (end == len(rest) or rest[end].isspace())
        and not _AFTER_A_NUMBER.search(ascii_url)
        and not reads_as_sentence(rest[len(ascii_url) : end], url=ascii_url)
    ):
        return end
    return len(ascii_url)


_AFTER_A_NUMBER = re.compile(r"/\d+/$")
