"""The longer words the last word of a finished reading reads on into, learnt from the
index's articles: しょうひ|ぜい also stands for 消費|税込み and 消費|税別, とうきょう|と for
東京|都内, as a kanji word's last word does (`index.compiler`'s `word_ends`).

A longer reading beginning with the last word's may spell another word (おおさか|し:
大阪|市長, but 大阪|支社, 大阪|周辺; とうきょう|とう, 東京|島), which a kana prefix cannot
tell: an article holding each longer reading is read to see how it is written there,
and the word is one only where its start is a word read as the last word that the index
holds written after the word before (大阪|市 for 大阪市長; 大阪|支 is written nowhere),
within READ_ON_WORDS and READ_ON_BUDGET. `longer_words` keeps what it learnt per reader;
`index.compiler` searches and marks those words.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from typing import Any

from index.analysis import Morpheme, ends_word_in, morphemes, pair_key, sentences_within
from index.doc_order import stable_order
from index.kana import fold_kana
from index.lexicon import prefix_terms
from index.postings import Postings
from index.reader_cache import ReaderCache
from index.schema import TEXT_FIELDS

READ_ON_WORDS = 32
"""A finished reading of several words: how many longer words its last word may read on
into are looked at (the most frequent first)."""
READ_ON_BUDGET = 20_000
"""…and how many characters of their articles are read, at most, to see how they are
written."""
_NO_WORD_STARTS = frozenset("ぁぃぅぇぉっゃゅょゎゕゖんー")
"""Kana no reading of a word begins with: a longer reading going on so (おおさか|しゅうへん
for おおさか|し) does not read on from a word, it spells another."""


@dataclass(frozen=True, slots=True)
class LongerWord:
    """A longer word a reading's last word reads on into (see `longer_words`)."""

    pair: str
    """Its reading pair with the word before (とうきょう|とない)."""
    written: tuple[tuple[str, str], ...]
    """The word before and it as the articles write them (東京, 都内), content terms."""
    whole: bool
    """Every article holding `pair` writes it so (else: only those holding `written`)."""


READ_ON_CACHE = 256
_read_ons: ReaderCache[tuple[str, str], list[LongerWord]] = ReaderCache(lambda: READ_ON_CACHE)


def longer_words(reader: Any, before: str, last: str) -> list[LongerWord]:
    """The longer words that `last`, the last word of a finished reading of several
    words, after `before`, reads on into in the index of `reader` (see above); learnt at
    the first asking, then kept (READ_ON_CACHE pairs a reader). Shared: not to change."""
    return _read_ons.get_or_make(reader, (before, last), lambda: _learn(reader, before, last))


def pair_readings(morpheme: Morpheme) -> tuple[str, ...]:
    """Every reading the reading pairs hold `morpheme` by (its own, MeCab's, voiced)."""
    return (morpheme.reading, *morpheme.variants, *((morpheme.voiced,) if morpheme.voiced else ()))


def _learn(reader: Any, before: str, last: str) -> list[LongerWord]:
    """`longer_words`, learnt from the index: each longer reading's articles read one at
    a time, those writing it soonest first (`_soonest_first`), those holding a spelling
    already judged passed over."""
    exact = pair_key(before, last)
    scanned, _ = prefix_terms(reader, "reading_pairs", exact)
    longer = sorted(
        (
            (frequency, term)
            for term, frequency in scanned
            if len(term) > len(exact) and term[len(exact)] not in _NO_WORD_STARTS
        ),
        reverse=True,
    )[:READ_ON_WORDS]
    budget = [READ_ON_BUDGET]
    words: list[LongerWord] = []
    for _, pair in longer:
        reading = pair[len(before) + 1 :]
        left = _soonest_first(reader, pair, _documents(reader, "reading_pairs", pair))
        written: list[tuple[str, str]] = []
        whole = True
        while left:
            spelled = _written_as(reader, left[0], before, reading, budget)
            if spelled is None:
                whole = False
                if budget[0] <= 0:
                    break
                left = left[1:]
                continue
            first, second = spelled
            if _reads_on(reader, first, second, last):
                written.append((first.folded, second.folded))
            else:
                whole = False
            holding = set(_documents(reader, "pairs", pair_key(first.folded, second.folded)))
            left = [docnum for docnum in left[1:] if docnum not in holding]
        if written:
            words.append(LongerWord(pair, tuple(written), whole))
    return words


def _soonest_first(reader: Any, pair: str, documents: list[int]) -> list[int]:
    """`documents` (holding the reading pair `pair`) by where the index has `pair` first
    stand in each, soonest first (then in `documents`' order): an article is read up to its first
    sentence writing it, and most write 消費税込み in a price line at their end (of the
    8 of ldcc, the first by number 1,237 characters in, another 533). Which article is
    read first decides which spelling is found first only where one writes it two ways:
    over the bench's queries and 849 others, what 121 readings learnt was the same, read in
    74% of the characters (しょうひぜい: 1,566 -> 862, ~3 ms)."""
    if not reader.schema["reading_pairs"].format.supports("positions"):
        return documents  # an index built before they kept positions: as they come
    first: dict[int, int] = {}
    for segment, offset in reader.leaf_readers():
        end = offset + segment.doc_count_all()
        local = [docnum - offset for docnum in documents if offset <= docnum < end]
        if local and ("reading_pairs", pair) in segment:
            postings = Postings(segment, "reading_pairs", pair)
            for docnum, positions in postings.positions_in(local).items():
                first[docnum + offset] = positions[0] if positions else 0
    # (a stable sort: ties keep `documents`' own order, the same however it was built)
    return sorted(documents, key=lambda docnum: first.get(docnum, sys.maxsize))


def _documents(reader: Any, fieldname: str, term: str) -> list[int]:
    """The (undeleted) documents holding `term`, in their own order (`stable_order`:
    however the index was built)."""
    if (fieldname, term) not in reader:
        return []
    ids = reader.postings(fieldname, term).all_ids()
    return stable_order(reader, (docnum for docnum in ids if not reader.is_deleted(docnum)))


def _written_as(
    reader: Any, docnum: int, before: str, reading: str, budget: list[int]
) -> tuple[Morpheme, Morpheme] | None:
    """The two words of a compound in the article's text read `before` then `reading`
    (reading on sentence by sentence, `budget` the characters left to read)."""
    stored = reader.stored_fields(docnum)
    for fieldname in TEXT_FIELDS:
        for _, found in sentences_within(str(stored.get(fieldname) or ""), budget):
            for first, second in itertools.pairwise(found):
                if (
                    second.pos == first.pos + 1
                    and first.compound
                    and second.compound
                    and reading in pair_readings(second)
                    and before in pair_readings(first)
                ):
                    return first, second
    return None


def _reads_on(reader: Any, first: Morpheme, second: Morpheme, last: str) -> bool:
    """Whether `second`, written after `first`, begins with a word read `last` that
    the index holds written after `first` (都内: 都, as in 東京|都), and reads on from
    it as a kanji word's last word does (`ends_word_in`: 二十 is no 二 read on)."""
    for cut in range(1, len(second.surface)):
        head = second.surface[:cut]
        parts = morphemes(first.surface + head)
        if (
            len(parts) == 2
            and parts[0].surface == first.surface
            and parts[1].surface == head
            and last in pair_readings(parts[1])
            and ends_word_in(parts[1].folded, second.folded)
            and ("pairs", pair_key(first.folded, parts[1].folded)) in reader
        ):
            return True
    return False


PHRASE_BUDGET = 20_000
"""A reading with particles: how many characters of the articles holding its words are
read, at most, to see how each word is written (`phrase_spellings`). MeCab reads ~100,000
characters a second so: いか|の|ばあい read 20,000 (162 ms) for its いか alone, most of its
410 articles reading it as 行か (inflected, passed over)."""
PHRASE_TYPED_BUDGET = 2_000
"""…while the reading is typed (a keystroke each): the spellings of most words are found
within it (of 60 phrases of ldcc, ~600 characters read a word at the median)."""
_Runs = tuple[tuple[str, ...], ...]
_spellings: ReaderCache[tuple[_Runs, int], tuple[tuple[str, ...], ...]] = ReaderCache(
    lambda: READ_ON_CACHE
)


def phrase_spellings(
    reader: Any, runs: _Runs, *, typed: bool = False
) -> tuple[tuple[str, ...], ...]:
    """How the articles of `reader` holding every word of a reading with particles write
    each word, `runs` its words between the particles (こうしょう|の|ゆくえ: (こうしょう,),
    (ゆくえ,); a run of several, ていせん|こうしょう, standing together): for each word in
    order, the content terms read so (こうしょう: 交渉, 高尚), from the articles holding
    every word (a word's reading a term, a run's its reading pairs), each read up to the
    first sentence holding the word, those holding a spelling already found passed over,
    within PHRASE_BUDGET for them all, shared out, each word once. () for a word never found so.
    Learnt at the first asking, then kept (READ_ON_CACHE a reader). `typed`: within
    PHRASE_TYPED_BUDGET, unless learnt in full already."""
    if typed:
        kept = _spellings.get(reader, (runs, PHRASE_BUDGET))
        if kept is not None:
            return kept
    budget = PHRASE_TYPED_BUDGET if typed else PHRASE_BUDGET
    return _spellings.get_or_make(
        reader, (runs, budget), lambda: _learn_spellings(reader, runs, budget)
    )


def _document_set(reader: Any, fieldname: str, term: str) -> set[int]:
    """The (undeleted) documents holding `term` (`_documents` as a set, read faster: a
    keystroke asks for a common reading's thousands)."""
    if (fieldname, term) not in reader:
        return set()
    ids = set(reader.postings(fieldname, term).all_ids())
    if reader.has_deletions():
        ids = {docnum for docnum in ids if not reader.is_deleted(docnum)}
    return ids


def _run_documents(reader: Any, run: tuple[str, ...]) -> set[int]:
    """The documents holding the words of `run` (one: its reading; several: each pair of
    them standing together, by reading or, kana words, as written)."""
    if len(run) == 1:
        return _document_set(reader, "reading", run[0])
    found: set[int] | None = None
    for first, second in itertools.pairwise(run):
        key = pair_key(first, second)
        held = _document_set(reader, "reading_pairs", key) | _document_set(reader, "pairs", key)
        found = held if found is None else found & held
    return found or set()


def _learn_spellings(reader: Any, runs: _Runs, budget: int) -> tuple[tuple[str, ...], ...]:
    """`phrase_spellings`, learnt."""
    candidates: set[int] | None = None
    for run in dict.fromkeys(runs):
        held = _run_documents(reader, run)
        candidates = held if candidates is None else candidates & held
        if not candidates:
            return tuple(() for run in runs for _ in run)
    # in an order of their own, not by number: the same articles teach the same
    # spellings however the index was built (two builds of ldcc: しょうがない 75, 62)
    ordered = stable_order(reader, candidates or ())
    # one budget for the reading, each word learnt once (にほんの×50 read 50 budgets),
    # shared out: what a word leaves goes to those after it (いか|の|ばあい: いか, mostly
    # 行か, passed over, read it all, ばあい none)
    unique = list(dict.fromkeys(word for run in runs for word in run))
    learnt: dict[str, tuple[str, ...]] = {}
    left = budget
    for at, word in enumerate(unique):
        share = [left // (len(unique) - at)]
        spent = share[0]
        # those whose title reads the word first: a title is read first and is short,
        # where a body may hold the word 1,500 characters in (とうきょう|の|てんき: the
        # first of its 20 ldcc articles spent the typed budget before 東京, so typed it
        # found none, 1 at Enter)
        titled = _document_set(reader, "title_reading", word)
        order = sorted(ordered, key=lambda docnum: docnum not in titled) if titled else ordered
        learnt[word] = _spellings_of(reader, word, order, share)
        left -= spent - max(share[0], 0)
    return tuple(learnt[word] for run in runs for word in run)


def _spellings_of(
    reader: Any, reading: str, documents: list[int], budget: list[int]
) -> tuple[str, ...]:
    """The content terms read `reading` in `documents` (see `phrase_spellings`)."""
    found: dict[str, None] = {}
    holding: set[int] = set()
    for docnum in documents:
        if budget[0] <= 0:
            break
        if docnum in holding:
            continue
        spelled = _spelled_in(reader, docnum, reading, budget)
        if spelled is None or spelled in found:
            continue
        found[spelled] = None
        for fieldname in TEXT_FIELDS:
            holding |= _document_set(reader, fieldname, spelled)
    return tuple(found)


def _spelled_in(reader: Any, docnum: int, reading: str, budget: list[int]) -> str | None:
    """The first word of content of the article's text read `reading`, as the content
    fields hold it, uninflected (reading on sentence by sentence, `budget` the characters left)."""
    stored = reader.stored_fields(docnum)
    for fieldname in TEXT_FIELDS:
        for _, found in sentences_within(str(stored.get(fieldname) or ""), budget):
            for morpheme in found:
                if (
                    not morpheme.stop
                    and reading in (morpheme.reading, *morpheme.variants)
                    # a word inflected is held by its lemma: いか (行か) is no 行く
                    and (morpheme.compound or fold_kana(morpheme.surface) == morpheme.folded)
                ):
                    return morpheme.folded
    return None
