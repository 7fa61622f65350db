"""The Whoosh schema and the mapping from an article to an index document.

Each text field is fed once with its own part of the article (no combined
"content" field: that would run MeCab twice over every character). The
reading and facet fields are fed the *same* strings (joined by PART_SEPARATOR), so the
analyzer's per-text cache answers them without another MeCab pass.

Content fields keep positions and characters (`chars=True`): phrases need the
positions, and snippets and match ranges come straight from the postings
instead of re-tokenizing each hit (NOTES: the fastest highlighting measured).
`layout` records where each line of a field sits in the article's document
text (`Article.document().text`), so those character offsets map onto it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from whoosh import columns, fields

from index.analysis import (
    PART_SEPARATOR,
    content_analyzer,
    pairs_analyzer,
    proper_noun_analyzer,
    reading_analyzer,
    reading_pairs_analyzer,
)
from index.doc_order import ORDER_COLUMN, order_key
from index.model import Article, BlockKind
from index.names import ORG, PERSON, PLACE
from index.stops import packed, stops_column
from index.terms import position_codes, stop_flags
from index.urls import url_host  # not index.parser: the reader's start imports this
from index.word_codes import codes_column

SCHEMA_VERSION = 37
"""Raised when what an analyzer indexes (or the document text it is fed) changes while
the fields stay the same, so that indexes built before are rebuilt (part of
`index.library.schema_fingerprint`).
1: names with a space between are no longer joined into one person, and a katakana
word's tail (ライフ|ハック) is no name.
2: a plain text wrapped by hand has its paragraphs' lines joined (its document text
and the offsets of its matches changed).
3: a news article's provider (its directory's LICENSE.txt) is its outlet, and its
URL's host one of its sites.
4: a source card's outlet is in the `cards` field (its document text changed), and
words in scripts unidic-lite tags as symbols (한국어, مرحبا) are indexed, and a plain
text's date line under its title is its date, no longer a paragraph; variant kanji of
names and Latin accents are read in their common form (髙橋 as 高橋, Café as cafe).
5: a plain text whose first line is too long for a title (no title line: a paragraph,
or the whole text on one line) is titled by its first sentence, the line kept whole
as its first paragraph.
6: a `公開日:` line after the first dates the source card it stands before, no longer
a paragraph (the document text changed).
7: a katakana word an article names as a person by a title (トランプ氏, マクロン仏大統領,
ザッケローニ監督) is a person wherever that article writes it, and a name written with ・
(ドナルド・トランプ, ウラジーミル・プーチン) is one person, its last part (the person
facet; a place or organisation UniDic read in such a name gives way).
8: a katakana person MeCab finds at the head of a longer katakana word (トラン of
トランセンド) is no name.
9: a Markdown file (*.md) is read as one: headings, joined paragraphs, markup dropped
(its document text changed).
10: a Markdown file's YAML front matter gives its title, date and lead, a list is one
paragraph of lines under ・, and a URL keeps its parentheses, _ and * (its document
text changed).
11: a paragraph over 2,000 characters is cut into paragraphs (after a sentence where
one ends near), a plain text's lines narrower than 40 cells are never joined as if
wrapped by hand, a Markdown code block is one paragraph of its lines as written, a
table one of its rows (cells between │, the delimiter row dropped), either one under a
list item stays in the list, and a first heading repeating the front matter's title is
dropped (the document text changed).
12: a `\\|` in a Markdown table's cell is a `|` in a code span too (`x \\| y` kept its
backslash there), a Markdown link's URL is followed by a space where text follows it
(the document text changed), and a date alone in ISO form is a date, no longer
midnight (`published_iso`).
13: 齋, 齊 and 𠮷 are read as 斎, 斉 and 吉 (齋藤 is found by 斎藤), and a Hangul filler
is ␦ and a line or paragraph separator ␤ in the document text; UTF-16 without a
byte-order mark and UTF-32 are read (they were refused or misread), a file in
several encodings line by line, and Latin text with no kana as windows-1252.
14: a file without curation markers is a curation article only when its sections are
laid out as one's (a text with a question and its answer, or one dated under its title,
was read as one: no date, its date line the lead).
15: a text with one or two 💡 or ✅ lines is a text, no longer a curation article (its
date, lead and paragraphs changed); a name MeCab cuts into names and lone kanji is one
person, whole (長友|佑|都, 上|倉|賢, 岡本|奈|知子, 茶|沢, 神田|はる|ひ were 長友佑, 倉賢,
知子, 沢 and 神田はる), a katakana given name before a family name UniDic reads as a
place is one person with it (セルジオ越後), and a family and a given name with a space
between are one person (牧田　亜紀子, a byline: 牧田亜紀子; the person facet).
16: the `reading_pairs` field keeps positions (a reading of three words or more is
checked to stand together: the pairs of とうきょうとちじ stood apart in 東京都の…都知事);
the reading fields read words as the furigana do (`index.in_context`: W杯 わーるどかっぷ,
トランプ前大統領's 前 ぜん, 日本 にほん, MeCab's own reading kept beside), and the
reading pairs a noun voiced after another too (株式会社: かぶしき|がいしゃ).
17: the reading pairs read the suffix 人 じん too after a noun that is no number or
act (日本人: にほん|じん, 外国人; 三人 and 管理人 stay にん); the reading fields read a
word of the family addressed as the furigana do (お母さん's 母: かあ, はは kept beside).
18: an unknown word MeCab made across a ・ (ジョン・ラセター) is the words each side, the ・
between (`index.analysis._split_at_dots`).
19: the person facet drops a reading in parentheses after a name (2106bpm（つとむびーぴーえむ）:
no つとむ), a hiragana word ending in っ or an interjection standing alone (あっ, ぐっ),
a Latin letter alone (Aさん), and words of `index.names.NOT_PEOPLE` (ディズニー,
バレンタイン) where no name or title makes them people.
20: the reading fields pass over a ・ between katakana words (ジョニー・デップ read as
ジョニーデップ is: `index.analysis.silent_dot`).
21: a name MeCab read whole across a ・ and `_split_at_dots` cut is a name of the facets
whole, as written (マツコ・デラックスさん: マツコ・デラックス).
22: an unknown katakana word made of a loanword UniDic knows and one more word is cut
into them (スマホ|ユーザー, アンドロイド|スマホ: `index.analysis._split_katakana`).
23: the person facet drops Latin capitals after 人 (ポルトガル人FW: a position) and a
katakana word UniDic knows alone as a common noun where the document writes it only so
(岩手県HPがダウン: `index.names._common_word_alone`), and a card's outlet is its name
without its tagline (朝日新聞+:世界のいまを伝えるウェブメディア: 朝日新聞+).
24: a text's terminal control sequences (a log's colours, OSC titles) are dropped as
it is read, and a plain text's block of short lines is one paragraph of lines (the
document text changed: `␛[32mINFO` is `INFO`).
25: the name rules take a kanji outside the basic block (extension B 𠀋, a compatibility
ideograph NFKC leaves, 﨔) as a kanji, as the furigana did (長友佑𠀋 is one person, no
longer 長友佑: `index.kana.is_kanji`).
26: a Markdown task's box is ☐ or ☑ in place of the bullet (`- [x] 送る`: `☑ 送る`, no
`x` indexed), and a plain text wrapped by hand begins a paragraph at a speaker's line
(`「…` after a sentence's end) and at the narration after one, and a Markdown run of
backticks no run as long closes is shown as written (the document text changed).
27: the emoji variation selector (U+FE0F) and the skin-tone modifiers are a zero-width
space in the document text (`index.sanitize`: Rich and tmux measured them apart).
28: a plain text wrapped by hand begins a paragraph at a quote only where it is a
speaker's line (closed at a line's end or before `と`), and a quote a sentence goes on
(`「最高」` / `「かわいい」などの`, `…んだよ」` / `などと`) stays in its paragraph (the
document text changed).
29: the narration after a speaker's line opening with a conjunction or an adverb that
begins as a particle does (しかも, だけれど, でも, もちろん, やがて, ところが) begins a
paragraph (the document text of plain texts wrapped by hand changed).
30: a katakana plural indexes its written form, not UniDic's lemma, its singular's
(ドラゴンズ, not ドラゴン: `index.analysis.plural`); a verb or adjective of another
kanji than its lemma indexes its own (撮る, not 取る), a kana verb helping another
after て its kana (〜みる), いけない after ては, ちゃ, ば (must not, must) 〜いけない (not
〜いく), and に, a kana verb and て make one word (にとって; not
after 気, 手, 逆手, 例...: 気にかけて is the verb); a
symbol inside a number or a Latin word (the . of 1.5, the , of 1,000, the : of 10:30,
the / of 3/11, the hyphen of 2-0 and Wi-Fi) is indexed as a word of its own; an
Aozora Bunko text is read without its notation (rubies, ［＃…］ notes, the block
explaining them) and in sections under its headings; a plain text's lines kept as
lines keep their indentation (code, YAML), its fenced code is one paragraph as
written, a log's wide records are lines of one paragraph; a Markdown file's TOML
front matter (`+++`) is read as a YAML one, and a linked image (a badge) as its alt
text and its link; and a Markdown file's `_emphasis_` loses its underscores, an HTML
entity is its character, a hard line break (two trailing spaces, a trailing `\\`) is a
line break, a reference link (`[the docs][docs]`) reads as an inline link, its
definition's line hidden, and a front matter's folded or literal block scalar is its
text (the document text changed).
31: a mail (`*.eml`) is read as a mail client shows it (its subject the title, its
sender the outlet, its MIME decoded), subtitles (`*.srt`, `*.vtt`) as what is said, a
table (`*.csv`, `*.tsv`) as its rows, each titled by the file's name where it has no
title: a file indexed before by its name was read as text (the document text changed).
32: a mail forwarding another reads the forwarded mail (its sender, date, subject and
text); a note's ✅ checklist is a text, no source card; a Markdown `[` before an image is
a bracket, no link holding it (the document text changed).
33: each content field keeps where its stop words stand (`<field>_stops`, `index.stops`):
a phrase with a particle matches only a text with a stop word in its place (東京の大学
no longer finds 東京工業大学).
34: the person facet drops a person of one kanji the document names nowhere as one (by a
title, a form of address or an age after it, a name beside it, a longer name: 金 of
（金・祝）, 金・銀・銅, 尚 of 今も尚: `index.names._one_kanji_named`), and a name written
in a work's title (『…ダ・ヴィンチの飛行船』, 雑誌の「ダ・ヴィンチ」: `_in_work_title`).
35: the person facet drops prizes and brands UniDic tags as names (オスカー受賞, エルメス:
`index.names.NOT_PEOPLE`, `PRIZES`) unless cast in a role (オスカー役), makes a given name
of one kanji after kanji MeCab cut into words whole (宮市亮（ボルトン）:
`_after_cut_family_name`), and keeps one after a group's name (ロンブー淳の).
36: each content field keeps the code of the word at each position (`<field>_codes`,
`index.word_codes`): a phrase across a particle reads its rarest word's positions and
looks the others' codes up where they would stand.
37: the person facet lists a name written with ・ by its last part where MeCab read a
person only before it (ダース・モール: モール, not ダース; ジェニファー・アニストン:
アニストン, not ジェニファー and アニ: `index.names._named_before`), and a family name
alone written after a place and ・ or a katakana or Latin word, before a place's word or
more places, is a place (大阪・梅田、兵庫・神戸, ドコモショップ西新店:
`_family_name_as_place`)."""

# Bookkeeping fields, written by the builder (index/build.py), never by document_fields():
#   path      absolute path of the source file (unique key for incremental updates)
#   size      file size in bytes
#   mtime_ns  file modification time, nanoseconds
#   sha256    hex digest of the file's bytes

# Text fields searched by a plain query, with the document blocks each one holds
# (and `cards` the outlet at the head of each card's CARD_SOURCE line: searched_lines).
TEXT_FIELDS: dict[str, frozenset[BlockKind]] = {
    "title": frozenset({BlockKind.TITLE}),
    "lead": frozenset({BlockKind.LEAD}),
    "key_points": frozenset({BlockKind.KEY_POINT}),
    "body": frozenset(
        {
            BlockKind.INTRO,
            BlockKind.HEADING,
            BlockKind.QUESTION,
            BlockKind.TEASER,
            BlockKind.PARAGRAPH,
        }
    ),
    "cards": frozenset({BlockKind.CARD_BULLET, BlockKind.CARD_COMMENT}),
}
FIELD_BOOSTS = {"title": 3.0, "lead": 1.5, "key_points": 1.5, "body": 1.0, "cards": 0.8}


def make_schema() -> fields.Schema:
    text_fields = {
        name: fields.TEXT(
            analyzer=content_analyzer(),
            stored=True,
            chars=True,
            field_boost=FIELD_BOOSTS[name],
            multitoken_query="phrase",
        )
        for name in TEXT_FIELDS
    }
    return fields.Schema(
        # bookkeeping
        path=fields.ID(stored=True, unique=True),
        # Read back from stored fields only (index.build.indexed_files), never searched:
        # as 64-bit NUMERIC each one indexed 16 trie terms per document, ~6% of all
        # postings a build writes.
        size=fields.STORED(),
        mtime_ns=fields.STORED(),
        sha256=fields.ID(stored=True),
        # identity and list display
        id=fields.ID(stored=True, unique=True),
        format=fields.ID(stored=True),
        published=fields.DATETIME(stored=True, sortable=True),
        # As written: the DATETIME above keeps neither the time zone nor whether there
        # was a time at all (a date alone read as midnight).
        published_iso=fields.STORED(),
        site=fields.KEYWORD(stored=True, commas=True, lowercase=True),
        outlet=fields.KEYWORD(stored=True, commas=True),
        # text
        **text_fields,
        # no positions: a reading query of one word is a term (index.compiler segments
        # the kana), of several words an AND of their reading pairs
        reading=fields.TEXT(analyzer=reading_analyzer(), phrase=False),
        # the title's own readings: title:とうきょう (the words of a title are in
        # `reading` too, with the rest's)
        title_reading=fields.TEXT(analyzer=reading_analyzer(), phrase=False),
        # positions: the pairs of a reading of three words or more are checked to stand
        # one after the other (とうきょう|と and と|ちじ, apart in 東京都の…都知事)
        reading_pairs=fields.TEXT(analyzer=reading_pairs_analyzer(), phrase=True),
        # word pairs: phrases as an AND of pairs instead of comparing positions
        pairs=fields.TEXT(analyzer=pairs_analyzer(), phrase=False),
        person=fields.TEXT(analyzer=proper_noun_analyzer(PERSON), phrase=False),
        place=fields.TEXT(analyzer=proper_noun_analyzer(PLACE), phrase=False),
        org=fields.TEXT(analyzer=proper_noun_analyzer(ORG), phrase=False),
        layout=fields.STORED(),
        # Where each content field's stop words stand, a bit a position (index.stops):
        # what fills a phrase's gap is checked to be a particle or a symbol.
        **{stops_column(name): fields.COLUMN(columns.VarBytesColumn()) for name in TEXT_FIELDS},
        # The word at each position of each content field, a 16-bit code a position
        # (index.word_codes): a phrase's common words are looked up where they would
        # stand, not read in every document holding them.
        **{codes_column(name): fields.COLUMN(columns.VarBytesColumn()) for name in TEXT_FIELDS},
        # A key of each article's id (index.doc_order): what reads documents until a
        # budget is spent reads them in the same order however the index was built.
        **{ORDER_COLUMN: fields.COLUMN(columns.NumericColumn("Q"))},
    )


def _naive(published: date | datetime | None) -> datetime | None:
    """The article's own wall-clock time (Whoosh DATETIME has no time zones)."""
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.replace(tzinfo=None)
    return datetime(published.year, published.month, published.day)


def searched_lines(article: Article) -> Iterator[tuple[str, str, int]]:
    """(text field, line, offset in the document text) of each line of `article` a
    plain query searches, in document order: every block of TEXT_FIELDS, and a card's
    outlet at the head of its CARD_SOURCE line (北海道 finds the article citing
    北海道新聞デジタル). A card's URL is not searched (every card's https, www and
    co.jp would match), nor the next page's teaser."""
    field_of = {kind: name for name, kinds in TEXT_FIELDS.items() for kind in kinds}
    for block in article.document().blocks:
        name = field_of.get(block.kind)
        if name is not None:
            yield name, block.text, block.start
        elif block.kind is BlockKind.CARD_SOURCE and block.card is not None:
            card = article.cards[block.card]
            outlet = (card.outlet or "") + (card.tagline or "")  # as written
            if outlet and block.text.startswith(outlet):
                yield "cards", outlet, block.start


def document_fields(article: Article) -> dict[str, Any]:
    """The content fields of `article` (everything but the bookkeeping fields)."""
    lines: dict[str, list[str]] = {name: [] for name in TEXT_FIELDS}
    layout: dict[str, list[tuple[int, int, int]]] = {name: [] for name in TEXT_FIELDS}
    field_length = dict.fromkeys(TEXT_FIELDS, 0)
    for name, text, start in searched_lines(article):
        if lines[name]:
            field_length[name] += 1  # the joining newline
        layout[name].append((field_length[name], start, len(text)))
        lines[name].append(text)
        field_length[name] += len(text)
    texts = {name: "\n".join(parts) for name, parts in lines.items() if parts}
    result: dict[str, Any] = {
        "id": article.id,
        ORDER_COLUMN: order_key(article.id),
        "format": article.format.value,
        **texts,
        "layout": json.dumps({name: layout[name] for name in texts}, separators=(",", ":")),
        # (the analysis these come from is the one the fields' terms are taken from)
        **{stops_column(name): packed(stop_flags(text)) for name, text in texts.items()},
        **{codes_column(name): position_codes(text) for name, text in texts.items()},
    }
    every_text = PART_SEPARATOR.join(texts.values())
    if "title" in texts:
        result["title_reading"] = texts["title"]
    if every_text:
        result["reading"] = every_text
        result["pairs"] = every_text
        result["reading_pairs"] = every_text
        result[PERSON] = every_text
        result[PLACE] = every_text
        result[ORG] = every_text
    if article.published is not None:
        result["published"] = _naive(article.published)
        result["published_iso"] = article.published.isoformat()
    # The article's own outlet and site (a news article's provider and host) with those
    # its cards cite: a filter by either finds the article.
    # In the order they stand (the article's own first, then its cards'): the list
    # shows the first ones, and the first card's outlet is the one read first.
    own_site = url_host(article.url) if article.url else None
    sites = list(dict.fromkeys(s for s in [own_site, *(c.site for c in article.cards)] if s))
    outlets = list(
        dict.fromkeys(
            o.replace(",", " ") for o in [article.outlet, *(c.outlet for c in article.cards)] if o
        )
    )
    if sites:
        result["site"] = ",".join(sites)
    if outlets:
        result["outlet"] = ",".join(outlets)
    return result


def layout_of(stored: Mapping[str, Any]) -> dict[str, list[tuple[int, int, int]]]:
    """`{field: [(field_offset, document_offset, length), ...]}` from a stored document."""
    raw = stored.get("layout")
    if not raw:
        return {}
    decoded: dict[str, list[list[int]]] = json.loads(raw)
    return {name: [(a, b, c) for a, b, c in spans] for name, spans in decoded.items()}
