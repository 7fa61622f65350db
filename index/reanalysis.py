"""Matches found by analysing a text again, where the postings cannot tell: the
reader's match ranges in an open article (`match_ranges`, which needs no index), and
the words that spell a hiragana reading in a page's hits (`reading_highlights`: the
reading field keeps no positions), which the page then marks through the postings.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from index.analysis import (
    MAX_PAIR_GAP,
    PHRASE_PARTICLES,
    ends_word_in,
    morphemes,
    reading_variant,
    sentence_spans,
    sentences_within,
)
from index.compiler import Highlight, clipped_words, clipped_written, compile_query
from index.errors import QueryError
from index.kana import fold_kana
from index.lexicon import prefix_terms
from index.matching import Ranges, as_written
from index.postings import Postings
from index.query import ParsedQuery, Words, parse, spelled_in_part, symbol_words
from index.schema import TEXT_FIELDS
from index.snippets import SNIPPET_FIELDS, merge_ranges, page_spans
from index.stops import gaps_between
from index.term_scores import term_documents

# -- readings (no positions in the index: the page's hits are read again) ---------------


def searched_readings(parsed: ParsedQuery) -> list[tuple[str, bool]]:
    """(reading, unfinished) of each hiragana word searched by reading (とうきょう)."""
    return [
        (words.reading, words.unfinished)
        for words in parsed.positive_words()
        if words.reading is not None and "body" in words.fields
    ]


# Characters a page's hits may be read again for readings: a hit whose reading
# matched no single word (ていせん as てい + せん anywhere) is read to its end for
# nothing, and twenty such hits cost ~100 ms.
READING_BUDGET = 3000
READING_BUDGET_LIVE = 1000
"""As-you-type, where each keystroke's page is replaced by the next."""


def reading_highlights(
    page: Mapping[int, Mapping[str, Any]],
    readings: Sequence[tuple[str, bool]],
    *,
    every: bool = False,
    budget: int = READING_BUDGET,
    searcher: Any = None,
    shown: Sequence[Highlight] = (),
) -> tuple[list[Highlight], list[int]]:
    """The words spelling each reading (とうきょう → 東京), as content-field highlights.

    The reading field keeps no positions, and reading every hit again whole
    cost several ms per hit. The page's titles are read again, then a hit's
    text sentence by sentence until a reading matches (within `budget`
    characters for the page), only when no word learnt so far appears in it. The words
    learnt are then highlighted through the postings wherever they occur on
    the page (a further word read the same way, further down, is missed).
    `every`: read each hit regardless. Returns the highlights and the hits not read.
    `searcher` (the page's): a hit's text after its title is not read when its reading
    fields say no word of it may begin a reading (`_Spellable`); `shown`, the query's own
    highlights: a title showing a katakana word as typed is not read for its kana
    (`_typed_in_titles`).
    """
    learner = _Learner(readings, budget)
    spellable = None if searcher is None else _Spellable(searcher, learner.readings)
    typed = None if searcher is None else _typed_in_titles(searcher, shown, learner.readings, page)
    # titles first: short, and often holding the word
    in_title = set()
    for docnum, stored in page.items():
        title = str(stored.get("title") or "")
        marks = typed.get(docnum) if typed is not None else None
        if learner.shown(title, marks) if marks else learner.read(title):
            in_title.add(docnum)
    skipped: list[int] = []
    # Then the texts, of the hits whose titles do not show the match first: a hit matched
    # in its title alone (震撼) was read to its end for nothing and spent the budget the
    # next hits needed (as typed, しんかん marked none of the 新刊 further down).
    for docnum, stored in sorted(page.items(), key=lambda item: item[0] in in_title):
        texts = [str(stored.get(fieldname) or "") for fieldname in SNIPPET_FIELDS]
        if not every and any(s in text for s in learner.surfaces for text in texts):
            skipped.append(docnum)
            continue
        if learner.budget[0] <= 0 or (spellable is not None and not spellable.rest(docnum)):
            continue
        for text in texts:  # the snippet's own match (自身 in a title, 自信 below)
            if learner.read(text):
                break
    highlights = [
        Highlight(fieldname, tuple((offset, (term,)) for offset, term in words))
        for words in sorted(learner.learned)
        for fieldname in TEXT_FIELDS
    ]
    return highlights, skipped


def _typed_in_titles(
    searcher: Any,
    shown: Sequence[Highlight],
    readings: Sequence[tuple[str, bool]],
    page: Mapping[int, Mapping[str, Any]],
) -> dict[int, list[tuple[int, int, str]]] | None:
    """Where the page's titles show a katakana word as typed, whose kana is searched as
    a reading too (アップル, あっぷる), by hit: (start, end, reading) of each mark of the
    query's own highlights (`shown`) of the title whose one term is one of the finished
    `readings` (the word MeCab reads as one, folded). None unless each reading is such a
    word's: a title may spell any other reading otherwise.

    Read again for the reading, such a title found that word where the postings mark it
    (20 titles of each of アップル's and ダルビッシュ's pages over ldcc, ~2 ms a page),
    unless its sentence also spelt the reading otherwise, which it would have learnt too:
    over the bench's queries and 549 others (1,831 pages, typed and at Enter), the pages
    learnt the same words either way. Not so a word MeCab cut in several (デ|コメ), read
    as before: a title writing デコメ spelt でこめ as で|米 too."""
    own: list[tuple[Highlight, str]] = []
    for reading, unfinished in readings:
        typed = [
            highlight
            for highlight in shown
            if highlight.field == "title"
            and not highlight.written
            and highlight.slots == ((0, (reading,)),)
        ]
        if unfinished or not typed:
            return None
        own += [(highlight, reading) for highlight in typed]
    marks: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for highlight, reading in own:
        for docnum, by_field in page_spans(searcher, [highlight], page).items():
            marks[docnum] += [(start, end, reading) for start, end in by_field.get("title", ())]
    return marks


# A reading being typed may begin the reading of a word (とうきょ: 東京): its hits' reading
# fields are looked up for the words it begins up to this many, or read for it as they are.
MAY_BEGIN_TERMS = 64

_BEGINS_NO_WORD = frozenset("ぁぃぅぇぉゃゅょゎ")
"""Small kana no word's reading begins with: a reading is cut into words before none of
them (し|ょうひぜい), so its head there is no word it begins with."""


class _Spellable:
    """Whether a hit's text after its title may spell one of the readings: whether it
    holds a word read as a reading's start (`_reading_runs` begins a run at no other).

    The reading fields hold each word's readings (`index.analysis.ReadingFilter`),
    `title_reading` the title's and `reading` every text field's, the title's among
    them: a word of the rest is one `reading` holds more times than `title_reading`.
    A hit's rest is looked up only before it is read (its postings cost ~30 µs a word,
    its text ~6 ms a thousand characters), and not for a word most articles hold (し):
    a hit that only another word of the query matched (携帯 of `携帯 OR スマホ`, searched
    as すまほ too) was read whole for a reading it cannot spell (~25 ms for one of 2,000
    characters). (The titles are read whatever they hold: looked up so, 65 of the 865
    titles of the bench's pages were passed over, for more than reading them cost.)"""

    def __init__(self, searcher: Any, readings: Sequence[tuple[str, bool]]) -> None:
        self.searcher, self.readings = searcher, readings
        self.starts: list[str] = []
        self.segments: list[tuple[Any, int, int]] = []
        self.everywhere: bool | None = None
        """Whether every hit is to be read (a start most articles hold); None until asked."""

    def rest(self, docnum: int) -> bool:
        """Whether the text after the title of hit `docnum` may spell a reading."""
        if self.everywhere is None:
            reader = self.searcher.reader()
            starts = _word_starts(reader, self.readings)
            common = reader.doc_count() * COMMON_START
            self.everywhere = starts is None or any(n > common for n in starts.values())
            self.starts = list(starts or ())
            self.segments = [
                (subsearcher, offset, offset + subsearcher.doc_count_all())
                for subsearcher, offset in self.searcher.leaf_searchers()
            ]
        if self.everywhere:
            return True
        for subsearcher, offset, end in self.segments:
            if offset <= docnum < end:
                return any(_after_title(subsearcher, term, docnum - offset) for term in self.starts)
        return True


COMMON_START = 0.5
"""A reading's start held by more than this share of the articles (し) is taken to be in
every hit's text (`_Spellable.rest`): looking it up would cost more than it saves."""


def _word_starts(reader: Any, readings: Sequence[tuple[str, bool]]) -> dict[str, int] | None:
    """{reading: how many articles hold it} of the index's words a run spelling one of
    `readings` may begin with: the heads of a reading, and the words a reading being
    typed begins (None when more than MAY_BEGIN_TERMS)."""
    starts: dict[str, int] = {}
    for reading, unfinished in readings:
        for end in range(1, len(reading) + 1):
            head = reading[:end]
            if reading[end : end + 1] not in _BEGINS_NO_WORD and head not in starts:
                frequency = reader.doc_frequency("reading", head)
                if frequency:
                    starts[head] = frequency
        if unfinished:
            begun, capped = prefix_terms(reader, "reading", reading)
            if capped or len(begun) > MAY_BEGIN_TERMS:
                return None
            starts.update(begun)
    return starts


def _after_title(searcher: Any, term: str, docnum: int) -> bool:
    """Whether document `docnum` of a segment holds `term` (a reading) after its title."""
    known = term_documents(searcher, "reading", term)
    if known is not None and docnum not in known:
        return False
    reader, top = searcher.reader(), searcher.get_parent().reader()
    every = Postings(reader, "reading", term, top).value(docnum, "frequency")
    if not every:
        return False
    titled = Postings(reader, "title_reading", term, top).value(docnum, "frequency")
    return bool(every > (titled or 0))


class _Learner:
    """Words that spell the readings, learnt from hits' text (terms at their
    relative positions, and as written)."""

    def __init__(self, readings: Sequence[tuple[str, bool]], budget: int) -> None:
        self.readings = list(dict.fromkeys(readings))  # a reading searched twice, read once
        self.learned: set[tuple[tuple[int, str], ...]] = set()
        self.surfaces: set[str] = set()
        self.budget = [budget]

    def read(self, text: str) -> bool:
        """Read `text` up to its first sentence spelling a reading; whether one did.

        Sentence by sentence (`sentences_within`): only the words are kept (no offsets).
        """
        for sentence, found in sentences_within(text, self.budget):
            runs = [
                run
                for reading, unfinished in self.readings
                for run in _reading_runs(reading, found, prefix=unfinished)
            ]
            for first, last in runs:
                words = [m for m in found[first : last + 1] if not m.stop]
                if words:
                    self.learned.add(tuple((m.pos - words[0].pos, m.folded) for m in words))
                    self.surfaces.add(sentence[found[first].start : found[last].end])
            if runs:
                return True
        return False

    def shown(self, text: str, marks: Sequence[tuple[int, int, str]]) -> bool:
        """`read` of a text where `marks` say a word read as one of the readings stands
        ((start, end, reading): `_typed_in_titles`), without reading it: its sentences
        charged up to the first holding a mark, whose words are learnt."""
        for start, sentence in sentence_spans(text):
            if self.budget[0] <= 0:
                return False
            self.budget[0] -= len(sentence)
            end = start + len(sentence)
            found = [
                (first, last, reading) for first, last, reading in marks if start <= first < end
            ]
            for first, last, reading in found:
                self.learned.add(((0, reading),))
                self.surfaces.add(text[first:last])
            if found:
                return True
        return False


# -- match ranges by re-analysis ----------------------------------------------------------


def match_ranges(
    query: str,
    document_text: str,
    *,
    within: Sequence[tuple[int, int]] | None = None,
    searched: Searched | None = None,
    offset: int = 0,
    live: bool = False,
) -> list[tuple[int, int]]:
    """[start, end) of every match of `query` in an article's document text; with
    `within` ([start, end) spans in document order), of those starting in one of them.
    With `offset`, `document_text` is the part of it that starts there (at a line's
    start: `text_parts`), and the ranges and `within` are offsets in the whole: the
    title, its first line, is in the part that starts at 0 alone.

    For the reading view (jump between hits): re-analyses the text, so it needs
    no index. A query as-you-type accepted (an open quote) is read the same way;
    one that is malformed even so matches nothing (search() reports the error).
    `searched`: what the search of `query` looked for besides the words typed, as it
    marks them in the list (`searched_forms`: WiFi for Wi-Fi; the longer words it read
    a finished reading's last word on into, with the word before: 消費, 税込み for
    しょうひぜい), marked here too; the index alone tells which those are.
    `live`: `query` read as typed (its last word unfinished), as the list that listed
    the article read it; `searched` is then that of the same reading.
    """
    parsed = _parsed_leniently(query, live=live)
    if parsed is None:
        return []
    found = morphemes(document_text)
    title_end = document_text.find("\n")
    if title_end < 0:
        title_end = len(document_text)
    if offset:
        title_end = 0  # (title: and a title's highlights match nothing here)
    by_term = _positions_by_term(found)
    ranges: Ranges = []
    for group in parsed.groups:
        if group.negated:
            continue
        written = symbol_words(group)  # marked as written, as search() marks them
        for words in group.alternatives:
            if isinstance(words, Words):
                end = title_end if words.fields == ("title",) else len(document_text)
                # パパッ where written so, not パパ (`clipped_words`)
                clipped = clipped_written(clipped_words(words))
                ranges += _words_ranges(
                    words, (*written, *clipped), document_text, found, by_term, end
                )
    for words in parsed.named():  # person:本田: where the name is written
        ranges.extend(_phrase_ranges(words, found, by_term, typed=False))
    if searched is not None:
        ranges.extend(_read_on_ranges(searched.read_on, found, by_term))
        ranges.extend(_searched_ranges(searched, document_text, found, by_term, title_end))
    merged = merge_ranges(ranges)
    if offset:
        merged = [(start + offset, end + offset) for start, end in merged]
    return merged if within is None else _starting_within(merged, within)


def text_parts(text: str, size: int) -> list[tuple[int, int]]:
    """[start, end) of the parts of `text` `match_ranges` reads one at a time: about
    `size` characters each, cut after a line's end (anywhere in a line longer than
    that). A line is read whole, as the index reads it; a phrase of two lines' words
    on either side of a cut is not found (as a paragraph's last word and the next
    one's first word they make none)."""
    parts: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size) + 1
        if cut <= start:
            cut = start + size
        parts.append((start, cut))
        start = cut
    parts.append((start, len(text)))
    return parts


def _parsed_leniently(query: str, *, live: bool = False) -> ParsedQuery | None:
    """`query` parsed, or as as-you-type accepted it (a quote still open: it still
    highlights); None when it is malformed even so (search() reports the error).
    `live`: as typed, the last word unfinished (a prefix), as the list searched it."""
    if live:
        try:
            return parse(query, live=True)
        except QueryError:
            return None
    try:
        return parse(query)
    except QueryError:
        try:
            return parse(query, live=True)
        except QueryError:
            return None


def _positions_by_term(found: Sequence[Any]) -> dict[str, list[int]]:
    """The indexes in `found` of each term its words are searched by (particles left out)."""
    by_term: dict[str, list[int]] = defaultdict(list)
    for index, morpheme in enumerate(found):
        if not morpheme.stop:
            by_term[fold_kana(morpheme.term)].append(index)
    return by_term


def _words_ranges(
    words: Words,
    written: Sequence[str],
    document_text: str,
    found: Sequence[Any],
    by_term: Mapping[str, list[int]],
    end: int,
) -> Ranges:
    """The ranges of a clause of `words` in `document_text` (analysed as `found`): as
    read (a hiragana word, and its reading variant as search() tried it), and its phrase
    as written, ending by `end` (the title's end for title:), unless search() left the
    phrase out; over words ending in symbols, `written`, where they are written."""
    read: Ranges = []
    if words.reading is not None:
        # にっぽん for にほん, as search tried it: a word read so in this text is
        # one the index knows.
        variant = reading_variant(words.reading, lambda _: True)
        for reading in (words.reading, *([variant] if variant is not None else [])):
            read += _reading_ranges(reading, found)
    phrase: Ranges = []
    if not (read and spelled_in_part(words)):  # as the search leaves it out
        phrase = _phrase_ranges(words, found, by_term)
    if written:
        marks = as_written(read + phrase, document_text, written)
        return [r for r in marks if r[1] <= end]
    return read + [r for r in phrase if r[1] <= end]


def _starting_within(ranges: Ranges, within: Sequence[tuple[int, int]]) -> Ranges:
    """Those of `ranges` starting in one of `within` ([start, end) spans in order)."""
    starts = [start for start, _ in within]
    kept = []
    for match in ranges:
        at = bisect.bisect_right(starts, match[0]) - 1
        if at >= 0 and match[0] < within[at][1]:
            kept.append(match)
    return kept


@dataclass(frozen=True, slots=True)
class Searched:
    """What the search of a query marks in the list besides its words as typed: the
    phrases of the words' other forms it searched (`Compiled.highlights`: WiFi and Wi-Fi
    for either, 近づく for 近付け) and the readings it read them as
    (`Compiled.reading_variants`: わーるどかっぷ for ワールドカップ, W杯)."""

    highlights: tuple[Highlight, ...] = ()
    readings: tuple[tuple[str, bool], ...] = ()
    read_on: tuple[tuple[str, str], ...] = ()


def searched_forms(searcher: Any, query: str, *, live: bool = False) -> Searched:
    """What the search of `query` looks for (`Searched`), for `match_ranges` to mark
    as the list does: a compile of the query (the index tells which forms it holds);
    `live`: as typed, the words its last one begins among them."""
    parsed = _parsed_leniently(query, live=live)
    if parsed is None:
        return Searched()
    try:
        compiled = compile_query(parsed, searcher.reader())
    except QueryError:
        return Searched()
    return Searched(tuple(compiled.highlights), tuple(compiled.reading_variants), compiled.read_on)


def _searched_ranges(
    searched: Searched,
    document_text: str,
    found: Sequence[Any],
    by_term: Mapping[str, list[int]],
    title_end: int,
) -> Ranges:
    """Where the phrases and readings of `searched` stand in `found` (a title's only in
    the title), as the list marks them (index.snippets `page_spans`)."""
    ranges: Ranges = []
    for highlight in searched.highlights:
        end = title_end if highlight.field == "title" else len(document_text)
        marks = [r for r in _slots_ranges(highlight.slots, found, by_term) if r[1] <= end]
        if highlight.written:
            marks = as_written(marks, document_text, highlight.written)
        ranges += marks
    for reading, unfinished in searched.readings:
        ranges += _reading_ranges(reading, found, prefix=unfinished)
    return ranges


def _slots_ranges(
    slots: Sequence[tuple[int, Sequence[str]]],
    found: Sequence[Any],
    by_term: Mapping[str, list[int]],
) -> Ranges:
    """Where each slot of a highlight holds one of its terms at its offset."""
    if not slots:
        return []
    (_, firsts), rest = slots[0], slots[1:]
    last_offset = slots[-1][0]
    gaps = gaps_between(offset for offset, _ in slots)
    ranges: Ranges = []
    for index in sorted(i for term in firsts for i in by_term.get(term, ())):
        last = index + last_offset
        if last >= len(found):
            continue
        if all(
            not found[index + offset].stop and fold_kana(found[index + offset].term) in terms
            for offset, terms in rest
        ) and all(found[index + gap].stop for gap in gaps):
            ranges.append((found[index].start, found[last].end))
    return ranges


def _read_on_ranges(
    read_on: Collection[tuple[str, str]], found: Sequence[Any], by_term: Mapping[str, list[int]]
) -> Ranges:
    """Where the words of each pair of `read_on` stand together (消費|税込み), as the
    search's highlights of them mark them (index.compiler `read_on_shown`)."""
    ranges: Ranges = []
    for first, second in read_on:
        for index in by_term.get(first, ()):
            following = found[index + 1] if index + 1 < len(found) else None
            if (
                following is not None
                and not following.stop
                and following.pos == found[index].pos + 1
                and fold_kana(following.term) == second
            ):
                ranges.append((found[index].start, following.end))
    return ranges


def _phrase_ranges(
    words: Words, found: Sequence[Any], by_term: Mapping[str, list[int]], *, typed: bool = True
) -> Ranges:
    """Where the phrase of `words` stands in `found`; `typed` (not a name a filter
    gives), its last word also where the text reads a longer word it begins."""
    content = words.content
    if not content:
        return []
    first_pos = content[0].pos
    wanted = [(m.pos - first_pos, fold_kana(m.term)) for m in content]
    # As the index finds it (index.compiler word_ends): 消費|税込み for 消費税.
    open_end = typed and len(content) > 1 and 0 < content[-1].pos - content[-2].pos <= MAX_PAIR_GAP
    last_delta, last_term = wanted[-1]
    # a particle's place holds a stop word, as the search counts it (index.stops)
    gaps = gaps_between(delta for delta, _ in wanted)
    ranges: Ranges = []
    for index in by_term.get(wanted[0][1], []):
        last = index + last_delta
        if last >= len(found):
            continue
        if (
            all(
                not found[index + delta].stop and fold_kana(found[index + delta].term) == term
                for delta, term in wanted[1:-1]
            )
            and all(found[index + gap].stop for gap in gaps)
            and (
                len(wanted) == 1
                or _ends_phrase(found[last], last_term, content[-1].reading if open_end else None)
            )
        ):
            ranges.append((found[index].start, found[last].end))
    return ranges


def _ends_phrase(morpheme: Any, last: str, reading: str | None) -> bool:
    """Whether `morpheme` of a text stands for a phrase's `last` word: it, or with a
    `reading` (the last word's, its phrase several words) a longer word it ends in."""
    if morpheme.stop:
        return False
    term = fold_kana(morpheme.term)
    return term == last or (reading is not None and ends_word_in(last, term, reading))


def _reading_ranges(reading: str, found: Sequence[Any], *, prefix: bool = False) -> Ranges:
    """Runs of consecutive words whose readings spell `reading` (ていせん → 停戦)."""
    return [
        (found[first].start, found[last].end)
        for first, last in _reading_runs(reading, found, prefix=prefix)
    ]


def _reading_runs(
    reading: str, found: Sequence[Any], *, prefix: bool = False
) -> list[tuple[int, int]]:
    """(first, last) indexes of the runs of words whose readings spell `reading`, a word
    read several ways spelling it in any (`Morpheme.variants`: 日本 にほん, にっぽん; a
    noun voiced after another, 株式会社 かぶしきがいしゃ), a joined word's second token
    (杯 of W杯) read with the first.

    With `prefix` (a reading still being typed) the run's last word may read on
    past it (とうきょ → 東京).
    """
    runs: list[tuple[int, int]] = []
    for index, morpheme in enumerate(found):
        if morpheme.stop or morpheme.joined or not morpheme.reading:
            continue
        if not any(
            reading.startswith(own) or (prefix and own.startswith(reading))
            for own in (morpheme.reading, *morpheme.variants)
        ):
            continue
        last = _spelled_to(reading, found, index, "", prefix)
        if last is not None:
            while last + 1 < len(found) and found[last + 1].joined and not found[last + 1].stop:
                last += 1
            runs.append((index, last))
    return runs


def _between(morpheme: Any, after_word: bool) -> bool:
    """Whether `morpheme` is a particle a reading may hold between words after a word
    (`index.analysis.PHRASE_PARTICLES`: こうしょうのゆくえ, 交渉の行方)."""
    return after_word and morpheme.stop and morpheme.surface in PHRASE_PARTICLES


def _spelled_to(
    reading: str, found: Sequence[Any], at: int, spelled: str, prefix: bool
) -> int | None:
    """The index of the last word of a run from `found[at]` that spells `reading` after
    `spelled`, or None."""
    morpheme = found[at]
    readings = (morpheme.reading, *morpheme.variants)
    if spelled and morpheme.voiced:  # after another word of the run: 株式|会社 がいしゃ
        readings = (*readings, morpheme.voiced)
    between = morpheme.stop  # a particle between words (交渉|の|行方), as search() reads it
    if between:
        readings = (morpheme.surface,)
    for own in readings:
        so_far = spelled + own
        if not between and (so_far == reading or (prefix and so_far.startswith(reading))):
            return at
        if not reading.startswith(so_far):
            continue
        following = at + 1
        while following < len(found) and found[following].joined:
            following += 1
        if following < len(found) and (
            found[following].reading or _between(found[following], bool(so_far))
        ):
            last = _spelled_to(reading, found, following, so_far, prefix)
            if last is not None:
                return last
    return None
