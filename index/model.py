"""The article model: what the parser produces and everything else consumes.

Field names are part of the public contract: `yomite parse --json` prints them
exactly, and the index and the reader address articles through them.

The *document text* of an article (`Article.document()`) is the one canonical
plain-text rendering of all its fields, in reading order, one block per line (a
block of several lines is a Markdown list, code block or table, or a plain text's block
of short lines: one paragraph, an item, a line of code, a row or a line a line). A
paragraph cut in pieces (over the parser's `PARAGRAPH_MAX`; a Markdown list at a code
block or a table of its items) is a block per piece, each after the first marked
`continues`.
Character ranges reported by search (`Hit.matches`) and the URLs written in the text
(`Document.links`) are offsets into this text, and the reading view maps them back onto
the blocks it draws.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from index.urls import urls_in
from index.wording import counted

Span = tuple[int, int]
"""[start, end) in a text."""
RubySpan = tuple[int, int, str]
"""[start, end) in a text and the reading the file gives it (an Aozora Bunko ruby)."""
TABLE_COLUMNS = " │ "
"""What stands between two cells of a table row in an article's text (a Markdown table,
a CSV or TSV file's rows), where the reader wraps each cell under its column."""


class ArticleFormat(enum.StrEnum):
    CURATION = "curation"
    """A curation article like the seeds: key points, sections, source cards."""
    NEWS = "news"
    """A plain news file (livedoor corpus): URL line, ISO date line, title, body."""
    TEXT = "text"
    """Any other text file: first non-empty line is the title."""
    MARKDOWN = "markdown"
    """A Markdown file (*.md) without curation markers: headings make the title and
    the sections, the markup around words is dropped."""


@dataclass(slots=True)
class SourceCard:
    """A summary of an outside article, closed by `さらに読む ⇒[outlet]出典/画像元: URL`."""

    bullets: list[str] = field(default_factory=list)
    url: str | None = None
    site: str | None = None
    """The URL's host name (`www.cnn.co.jp`)."""
    outlet: str | None = None
    """The name written before `出典/画像元`, if any, without its tagline."""
    tagline: str | None = None
    """What the source line wrote after the outlet's name, separator first, when it is
    a slogan (`:世界のいまを伝えるウェブメディア` of 朝日新聞+, `｜…`, ` - …`): shown with
    the name where the card is shown whole, no part of the outlet the list and the
    `outlet:` facet name."""
    comment: list[str] = field(default_factory=list)
    """Commentary lines that follow the URL (the first is glued onto it in the file)."""
    published: date | None = None
    """The date of the `公開日:` line standing before the card (see the parser). Not
    part of the document text: a date is not a searched word."""
    position: int = 0
    """How many of its section's paragraphs stand before the card, so the reader can show
    it where it stands. Layout, not content: not part of the JSON."""


@dataclass(slots=True)
class Section:
    heading: str
    question: str | None = None
    teaser: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    cards: list[SourceCard] = field(default_factory=list)
    continuations: dict[int, str] = field(default_factory=dict)
    """The paragraphs (indices into `paragraphs`) that go on the one before them: the
    pieces after the first of a paragraph the parser cut (over `PARAGRAPH_MAX`), or of
    a Markdown list holding a code block or a table (the block a piece of its own, to be
    set as written: `verbatim`), drawn with it as one, each with what stood between them
    (the line end or the space a cut dropped, else ''). Layout, not content: not part of
    the JSON, which holds the paragraph whole (`whole_paragraphs`)."""
    link_spans: dict[int, tuple[Span, ...]] = field(default_factory=dict)
    """Where the URLs the parser found delimited stand in a paragraph (index into
    `paragraphs`: [start, end) in its text): a Markdown link's destination, written
    between parentheses or `<>`, Japanese and all (`https://ja.wikipedia.org/wiki/東京都`),
    where a URL found in the text ends at its first Japanese character (see
    `index.urls.urls_in`). Not part of the JSON: the URL is in the paragraph's text."""
    heading_link_spans: tuple[Span, ...] = ()
    """Those of `heading` (a Markdown heading holding a link). Not part of the JSON."""
    struck_spans: dict[int, tuple[Span, ...]] = field(default_factory=dict)
    """Where a paragraph's struck-through words stand (a Markdown `~~古いタスク~~` or
    `<del>`), as `link_spans`: the reader strikes them through. Not part of the JSON."""
    verbatim: set[int] = field(default_factory=set)
    """The paragraphs (indices into `paragraphs`) that are a Markdown code block or
    table, to be set as written: no furigana, which would be read into the code and
    push a table's cells out of their columns. Not part of the JSON."""
    rubies: dict[int, tuple[RubySpan, ...]] = field(default_factory=dict)
    """The readings the file gives words of a paragraph (an Aozora Bunko text's rubies,
    `見当《けんとう》`), as `link_spans`: the reader shows them as furigana, furigana
    on or off. Not part of the JSON: the text holds the words alone."""


@dataclass(slots=True)
class Article:
    id: str
    path: str
    """Absolute path of the source file."""
    format: ArticleFormat
    encoding: str
    """Detected encoding of the file (`utf-8`, `utf-8-sig`, `cp932`, `euc_jp`, `iso2022_jp`...)."""
    title: str
    lead: str | None = None
    published: date | datetime | None = None
    url: str | None = None
    """The article's own URL, when the file gives one."""
    outlet: str | None = None
    """Who published the article itself, when known (a livedoor article's provider,
    named in its directory's LICENSE.txt); the cards name the outlets they cite."""
    key_points: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    """Paragraphs before the first section."""
    intro_continuations: dict[int, str] = field(default_factory=dict)
    """The paragraphs of `intro` that go on the one before them (see
    `Section.continuations`). Not part of the JSON."""
    intro_link_spans: dict[int, tuple[Span, ...]] = field(default_factory=dict)
    """The URLs delimited in `intro`'s paragraphs (see `Section.link_spans`). Not part
    of the JSON."""
    intro_struck_spans: dict[int, tuple[Span, ...]] = field(default_factory=dict)
    """The struck-through words of `intro`'s paragraphs (see `Section.struck_spans`).
    Not part of the JSON."""
    title_link_spans: tuple[Span, ...] = ()
    """Those of `title` (a Markdown heading holding a link). Not part of the JSON."""
    intro_verbatim: set[int] = field(default_factory=set)
    """The paragraphs of `intro` that are a code block or a table (see
    `Section.verbatim`). Not part of the JSON."""
    intro_rubies: dict[int, tuple[RubySpan, ...]] = field(default_factory=dict)
    """The rubies of `intro`'s paragraphs (see `Section.rubies`). Not part of the JSON."""
    sections: list[Section] = field(default_factory=list)
    next_page: str | None = None
    decode_errors: int = 0
    """How many undecodable byte runs became U+FFFD (0 = clean). Not part of the JSON."""
    decode_guess: str = ""
    """Why `encoding` is a guess likely to be wrong ('' when it is known or likely
    right: see `index.decoding.Decoded.guess`). Not part of the JSON."""

    # -- derived views -------------------------------------------------------------

    @property
    def cards(self) -> list[SourceCard]:
        """Every source card, in order."""
        return [card for section in self.sections for card in section.cards]

    def decoding_doubts(self) -> list[str]:
        """What a reader of the text should know about how its bytes were read, each in a
        few words (none for a file read cleanly in an encoding known or likely right)."""
        doubts = []
        if self.decode_errors:
            runs = self.decode_errors
            doubts.append(
                f"{counted(runs, 'undecodable byte run')} read as {self.encoding} became U+FFFD"
            )
        if self.decode_guess:
            doubts.append(f"read as {self.encoding}, a guess: {self.decode_guess}")
        return doubts

    def to_json_dict(self) -> dict[str, Any]:
        """The `yomite parse --json` object: exactly the model's public fields, each
        paragraph whole as the file had it (not in the pieces a long one is cut into)."""
        data = dataclasses.asdict(self)
        del data["decode_errors"], data["decode_guess"], data["intro_continuations"]
        del data["intro_link_spans"], data["title_link_spans"], data["intro_verbatim"]
        del data["intro_struck_spans"], data["intro_rubies"]
        data["intro"] = whole_paragraphs(self.intro, self.intro_continuations)
        for section, model in zip(data["sections"], self.sections, strict=True):
            section["paragraphs"] = whole_paragraphs(model.paragraphs, model.continuations)
            del section["continuations"], section["link_spans"], section["heading_link_spans"]
            del section["verbatim"], section["struck_spans"], section["rubies"]
            for card in section["cards"]:
                del card["position"]
                published = card["published"]
                card["published"] = published.isoformat() if published else None
        data["format"] = self.format.value
        data["published"] = self.published.isoformat() if self.published else None
        return data

    def document(self) -> Document:
        """The canonical plain text of the article, block by block (see module doc)."""
        return Document.of(self)


def whole_paragraphs(paragraphs: list[str], continuations: dict[int, str]) -> list[str]:
    """`paragraphs` as the file had them: the pieces of each one the parser cut (over
    `PARAGRAPH_MAX`) joined back, with what each cut dropped between them."""
    if not continuations:
        return list(paragraphs)
    runs: list[list[str]] = []
    for n, paragraph in enumerate(paragraphs):
        if n in continuations and runs:
            runs[-1] += [continuations[n], paragraph]
        else:
            runs.append([paragraph])
    return ["".join(run) for run in runs]  # joined once: a 16 MB line is 8,000 pieces


class BlockKind(enum.StrEnum):
    TITLE = "title"
    LEAD = "lead"
    KEY_POINT = "key_point"
    INTRO = "intro"
    HEADING = "heading"
    QUESTION = "question"
    TEASER = "teaser"
    PARAGRAPH = "paragraph"
    CARD_BULLET = "card_bullet"
    CARD_SOURCE = "card_source"
    """`outlet  URL` line of a card (what `さらに読む ⇒` carried)."""
    CARD_COMMENT = "card_comment"
    NEXT_PAGE = "next_page"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    start: int
    """Offset of `text` in `Document.text`."""
    section: int | None = None
    """Index into `Article.sections`, when the block belongs to a section."""
    card: int | None = None
    """Index into `Article.cards` (article-wide numbering), for card blocks."""
    continues: bool = False
    """The block goes on the one before it: both are pieces of one paragraph, cut so
    that the reader lays a long one out at once, or a Markdown list's code block or
    table and the items around it (`Section.continuations`). The reader draws them as
    one: a 200-line code block read as four, a blank line between each."""
    link_spans: tuple[Span, ...] = ()
    """Where the URLs the parser found delimited stand in `text` (`Section.link_spans`),
    taken whole by `urls`."""
    verbatim: bool = False
    """A Markdown code block or table (`Section.verbatim`): set as written, no furigana."""
    struck_spans: tuple[Span, ...] = ()
    """Where struck-through words stand in `text` (`Section.struck_spans`)."""
    rubies: tuple[RubySpan, ...] = ()
    """The readings the file gives words of `text` (`Section.rubies`)."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def urls(self) -> list[tuple[int, int, str]]:
        """The http(s) URLs written in the block, as (start, end, URL) in `text`: those
        the parser delimited whole, the others as `index.urls.urls_in` ends them."""
        return urls_in(self.text, self.link_spans)


@dataclass(frozen=True, slots=True)
class Link:
    """An http(s) URL written in the document text: in a paragraph, a Markdown link's
    destination (the parser keeps it after the link's words), a card's source line."""

    url: str
    start: int
    """Offset of the URL in `Document.text`; the text up to `end` is `url`."""
    end: int
    block: int
    """Index into `Document.blocks` of the block it is written in (a URL holds no
    newline: it never spans two)."""


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    blocks: tuple[Block, ...]

    @classmethod
    def of(cls, article: Article) -> Document:
        blocks: list[Block] = []
        offset = 0

        def add(
            kind: BlockKind,
            text: str | None,
            section: int | None = None,
            card: int | None = None,
            continues: bool = False,
            link_spans: tuple[Span, ...] = (),
            verbatim: bool = False,
            struck_spans: tuple[Span, ...] = (),
            rubies: tuple[RubySpan, ...] = (),
        ) -> None:
            nonlocal offset
            if not text:
                return
            blocks.append(
                Block(
                    kind,
                    text,
                    offset,
                    section,
                    card,
                    continues,
                    link_spans,
                    verbatim,
                    struck_spans,
                    rubies,
                )
            )
            offset += len(text) + 1  # the joining newline

        def add_card(card: SourceCard, s: int, number: int) -> None:
            for bullet in card.bullets:
                add(BlockKind.CARD_BULLET, bullet, section=s, card=number)
            written = (card.outlet or "") + (card.tagline or "")
            source = "  ".join(part for part in (written, card.url) if part)
            add(BlockKind.CARD_SOURCE, source, section=s, card=number)
            for line in card.comment:
                add(BlockKind.CARD_COMMENT, line, section=s, card=number)

        add(BlockKind.TITLE, article.title, link_spans=article.title_link_spans)
        add(BlockKind.LEAD, article.lead)
        for point in article.key_points:
            add(BlockKind.KEY_POINT, point)
        for p, paragraph in enumerate(article.intro):
            add(
                BlockKind.INTRO,
                paragraph,
                continues=p in article.intro_continuations,
                link_spans=article.intro_link_spans.get(p, ()),
                verbatim=p in article.intro_verbatim,
                struck_spans=article.intro_struck_spans.get(p, ()),
                rubies=article.intro_rubies.get(p, ()),
            )
        card_number = 0
        for s, section in enumerate(article.sections):
            add(
                BlockKind.HEADING, section.heading, section=s, link_spans=section.heading_link_spans
            )
            add(BlockKind.QUESTION, section.question, section=s)
            add(BlockKind.TEASER, section.teaser, section=s)
            cards = iter(section.cards)
            card = next(cards, None)
            # Cards stand between the paragraphs, where the file had them.
            slots: list[str | None] = [*section.paragraphs, None]
            for p, slot in enumerate(slots):
                while card is not None and (slot is None or card.position <= p):
                    add_card(card, s, card_number)
                    card_number += 1
                    card = next(cards, None)
                add(
                    BlockKind.PARAGRAPH,
                    slot,
                    section=s,
                    continues=p in section.continuations,
                    link_spans=section.link_spans.get(p, ()),
                    verbatim=p in section.verbatim,
                    struck_spans=section.struck_spans.get(p, ()),
                    rubies=section.rubies.get(p, ()),
                )
        add(BlockKind.NEXT_PAGE, article.next_page)
        return cls("\n".join(block.text for block in blocks), tuple(blocks))

    def links(self) -> tuple[Link, ...]:
        """Every URL written in the text, in order (see `Block.urls`)."""
        return tuple(
            Link(url, block.start + start, block.start + end, index)
            for index, block in enumerate(self.blocks)
            for start, end, url in block.urls()
        )


# -- search results (produced by index.search, presented by tui) ----------------------

Snippet = tuple[tuple[str, bool], ...]
"""A snippet as (text, is_match) segments: never markup, so it cannot inject any."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the article list shows for one article, straight from the index."""

    id: str
    path: str
    title: str
    published: datetime | None
    site: str | None
    outlet: str | None
    format: ArticleFormat
    published_iso: str | None = None
    """The date as the article gives it, in ISO 8601: `2012-09-04T11:25:00+09:00`, or
    `2025-02-19` for a date alone (`published` is its wall-clock time, for sorting).
    What `yomite search --json` prints; None for an undated article."""


@dataclass(frozen=True, slots=True)
class Hit:
    article: ArticleSummary
    score: float
    snippet: Snippet = ()
    matches: tuple[tuple[int, int], ...] = ()
    """[start, end) ranges of every match in the article's document text, merged: of
    each phrase marked, up to `index.snippets.MARKS_PER_FIELD` a field, the first."""


@dataclass(frozen=True, slots=True)
class UnfinishedWord:
    """A query that found nothing at Enter, whose last word, read as still being typed
    (`live=True`), finds something (`index.hint_searches.found_as_typed`): 食べま is
    searched as written (食べ|ま, a filler: 0 of ldcc), as typed as 食べ (472)."""

    typed: str
    """The word as typed (食べま)."""
    searched: str
    """What it was searched as when typed, the start of words (食べ: an unfinished
    ending left out; 時間がかか as written, its かか the words they begin)."""
    total: int
    exact_total: bool = True
    """As `SearchResult.exact_total`: False when `total` is an estimate…"""
    total_at_least: bool = False
    """…a lower bound (as typed, a prefix counts its most frequent words)."""
    finished: str = ""
    """The word finished with an ending it begins (食べます), when one is known; ''."""


@dataclass(frozen=True, slots=True)
class LeftOut:
    """What a query that found nothing finds without the words it leaves out, when that
    is something (`index.hint_searches.found_without_exclusions`): `すまほ -スマホ` found
    nothing and said nothing, where すまほ finds 685 articles of ldcc, each holding スマホ
    (the reading is searched as the word it reads: the two are one)."""

    words: tuple[str, ...]
    """The words (or filters) left out, as typed without their `-` or NOT (スマホ)."""
    rest: str
    """The query without them (すまほ)."""
    total: int
    """How many articles `rest` finds, searched as the query was (as typed or at Enter)."""


@dataclass(frozen=True, slots=True)
class StrayLetter:
    """A query that found nothing whose last word ends in a Latin letter typed after
    Japanese, which without it finds something (`index.hint_searches.found_without_stray`):
    名古屋駅j, j pressed to move down the list while the search bar had the keys, finds
    nothing, 名古屋駅 2 articles of ldcc."""

    letter: str
    """The letter (j)."""
    word: str
    """The word it was typed after (名古屋駅)."""
    query: str
    """The query without it (名古屋駅; 東京 大阪 for 東京 大阪k)."""
    total: int
    """How many articles `query` finds, at Enter."""


@dataclass(frozen=True, slots=True)
class FinishedFilter:
    """A `site:` or `outlet:` filter of a query that found nothing, naming no value of
    the index, and the values it may be meant to name, finished
    (`index.hint_searches.finished_filters`): `site:livedo` counted 7,367 articles of
    ldcc as typed, and found 0 at Enter, where `site:livedoor` finds them."""

    field: str
    """site or outlet."""
    typed: str
    """The value as typed (livedo)."""
    filters: tuple[tuple[str, str, int], ...]
    """Each filter that finishes it as the query writes it (`site:livedoor`,
    `outlet:"Sports Watch"`), with the query with it in place (`東京 site:livedoor`) and
    how many articles that finds, the most first: some each."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    exact_total: bool = True
    """False when `total` is an estimate (as-you-type mode may stop counting early)."""
    total_at_least: bool = False
    """The estimate is a lower bound: there are `total` hits or more (a prefix standing
    for its most frequent words only, none of them in what the query excludes)."""
    sort: str = "relevance"
    """The order of `hits`: "date" when asked for, or when no word ranks them (only
    filters: outlet:, after:…), newest first; else "relevance"."""
    ranked: bool = True
    """Whether the query has words to rank by: False for filters alone, whose hits are
    always listed newest first (asking for relevance changes nothing)."""
    ignored: tuple[str, ...] = ()
    """Words of the query not searched (particles: 東京 から 大阪), which the reader and
    `yomite search` name (`index.query.ignored_notice`)."""


@dataclass(frozen=True, slots=True)
class NoHitFinds:
    """What a query that found nothing finds typed otherwise, searched again for the
    hints (`index.hint_searches`, `index.hints`). Asked for apart from its search
    (`Library.no_hit_finds`), once its empty list is shown: these searches cost more
    than the one that found nothing (食べま's word read as typed, ~100 ms cold over
    ldcc), and held the count and the list back until they were done."""

    apart: tuple[str, ...] = ()
    """A query of one run of words typed together (量子暗号): its words, when they are
    found apart (量子, 暗号), as the hints suggest."""
    apart_total: int = 0
    """How many articles `apart` finds, counted where `unfinished` is found too (0
    otherwise): the hints weigh the one against the other (世界でもの)."""
    readings: tuple[str, ...] | None = None
    """Its words typed as read (とうきょう for 東亰), when so it finds something, else ();
    None when a word's reading is not known. The reading hint is given only where they
    are some (`index.hints`)."""
    unfinished: UnfinishedWord | None = None
    """At Enter: its last word, when as typed (read as unfinished) it finds something
    (食べま: 食べ…)."""
    romaji: str = ""
    """A query of romaji (toukyou OR oosaka): itself retyped, its words in the kana they
    read as (とうきょう OR おおさか; スカイツリー for sukaitsurii), when so it finds
    something; else ""."""
    stray: StrayLetter | None = None
    """Its last word ending in a Latin letter typed after Japanese (名古屋駅j), when without
    it the query finds something."""
    left_out: LeftOut | None = None
    """Its words left out (-スマホ, NOT スマホ) took every article the rest finds (すまほ)."""
    finished: tuple[FinishedFilter, ...] = ()
    """Its `site:` and `outlet:` filters that name no value, finished (site:livedo:
    site:livedoor), where so the query finds something."""
