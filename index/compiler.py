"""A parsed query (`index.query`) compiled to a Whoosh query against one reader:
`compile_query`, with the matches to highlight.

Words become phrases of their terms (through the `pairs` field where it can), a
word in hiragana its readings too, an unfinished word a prefix standing for the
index's most frequent terms that begin so, a filter the values the index holds. The
query classes of the project's own that it builds are `index.query_classes`'s: they
read postings, and the scorer (`index.scoring`) knows them by type.

What it asks of the index, each kept per reader, has a module of its own: the terms
a prefix begins (`index.lexicon`, read straight from the segments' term tables), the
values a filter finds (`index.filters`), the longer words a finished reading reads on
into (`index.read_on`); a reading is cut into words by `index.segmentation`.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from whoosh import query as wq
from whoosh.query import spans

from index.analysis import (
    HELPER_MARK,
    MAX_PAIR_GAP,
    PARTICLES,
    PHRASE_PARTICLES,
    SUFFIX_READ_OTHERWISE,
    Morpheme,
    cuts_in_context,
    decimals_term,
    ends_word_in,
    is_reading,
    loanword,
    morphemes,
    other_lemmas,
    other_spellings,
    pair_key,
    reading_variant,
    reads_as_particle,
    spelled_in_katakana,
    term_reading,
    unknown_word,
    unvoiced,
)
from index.errors import QueryError
from index.filters import facet_values, names_read_as
from index.kana import (
    HIRAGANA,
    HIRAGANA_TO_KATAKANA,
    KATAKANA_LETTERS,
    KATAKANA_WORD,
    fold_kana,
    is_kanji,
)
from index.lexicon import prefix_terms
from index.normalization import normal_form
from index.query import (
    NAME_FACETS,
    Clause,
    DateRange,
    Facet,
    Group,
    ParsedQuery,
    Words,
    being_typed,
    date_range,
    name_phrases,
    nothing_to_search,
    or_nothing,
    particles_only,
    published_within,
    read_in_the_negative,
    reading_field,
    spelled_in_part,
    symbol_words,
)
from index.query_classes import Boosted, Phrase, PrefixOr, SpanAny, VerifiedPhrase
from index.read_on import LongerWord, longer_words, phrase_spellings
from index.reader_cache import ReaderCache
from index.schema import FIELD_BOOSTS, TEXT_FIELDS
from index.segmentation import LONGEST_READING, segment_reading

# As-you-type: how many index terms one unfinished word may stand for. A
# one-character prefix (東, ス) matches thousands of terms; keeping its most
# frequent ones answers within a frame and barely changes the count.
PREFIX_TERMS_SHORT = 8
PREFIX_TERMS = 200
HIGHLIGHT_PREFIX_TERMS = 16
READING_TAIL = 4
"""An unfinished reading of several words: its last this many kana at most are tried
as the start of the next word (けいたい + でん…)."""
READING_TAIL_VARIANTS = 2
"""…and this many ways of reading it so, longest complete head first."""
# A prefix standing alone is also capped by the postings its terms hold in all.
PREFIX_POSTINGS_SHORT = 2000
PREFIX_POSTINGS = 6000
EXPANDED_VARIANTS = 4
"""A reading being typed: the reading variants of this many of the words it may begin,
the most frequent, are searched too (`expanded_variants`)."""
# How many trailing morphemes of the unfinished word may be re-read as one prefix
# (MeCab splits half-typed words differently: スマートフ → スマート/フ).
PREFIX_MORPHEMES = 3


@dataclass(frozen=True, slots=True)
class Highlight:
    """Terms at relative positions in one field: a match to show (snippets, match ranges).

    Read straight from the page's postings (index.snippets): Whoosh's span
    matchers, asked to skip to a page hit, evaluated the phrase in every
    document on the way there.
    """

    field: str
    slots: tuple[tuple[int, tuple[str, ...]], ...]
    """(offset from the first word's position, terms any of which may stand there)."""
    written: tuple[str, ...] = ()
    """The words ending in symbols its clause's hits hold as written (`symbol_words`:
    グーグル＋, whose ＋ the index does not hold): marked where they are written, symbols
    and all, not where the terms stand alone (index.matching `as_written`)."""


def _long_vowel_in_stops_after(words: Words) -> bool:
    """Whether MeCab read kana holding a long vowel mark (ー) after the words' last content
    word as stop words (東京たわー: 東京|た|わー): a katakana word typed in hiragana, which
    the words as typed hold none of. Searched so, they found every article holding the
    words before it (東京: 1,111 over ldcc, where 東京タワー finds 22)."""
    last = words.content[-1].end if words.content else 0
    return any(m.stop and m.start >= last and "ー" in m.surface for m in words.morphemes)


def _highlight(fieldname: str, pieces: Sequence[tuple[int, Sequence[str]]]) -> Highlight:
    first = pieces[0][0]
    return Highlight(fieldname, tuple((pos - first, tuple(terms)) for pos, terms in pieces))


@dataclass(slots=True)
class Compiled:
    query: wq.Query
    highlights: list[Highlight]
    """The matches to show, per positive word."""
    capped: bool = False
    """A prefix stood for only its most frequent terms: the total is an estimate."""
    published: DateRange | None = None
    """Date bounds every hit must meet, left out of `query`: checked against the
    sortable column (Whoosh's DateRange expands into a tree of numeric terms,
    ~50 ms on its own)."""
    reading_variants: list[tuple[str, bool]] = field(default_factory=list)
    """(reading, unfinished) searched besides the readings typed (にっぽん for にほん),
    whose words are highlighted as theirs are."""
    at_least: bool = False
    """Capped only where the query looks for words (not in what it excludes): the
    capped prefixes match fewer articles than in full, so the total is a lower bound."""
    read_on: tuple[tuple[str, str], ...] = ()
    """The longer words a finished reading's last word was read on into, with the word
    before, as the content fields hold them (消費, 税込み; see `_Compiler.read_on`): the
    reader marks these and no other (index.reanalysis.match_ranges)."""
    kana_begun: str = ""
    """The kana searched as the start of the words they may begin, those typed last of
    them (`_Compiler.kana_begun_variants`: かか of 時間がかか); '' for none."""


_SMALL_VOWELS = frozenset("ぁぃぅぇぉ")
"""Small vowel kana, which only loanwords are spelt with (ふぇいすぶっく, あいふぉん)."""

LOANWORD_SPELLINGS = 4
"""Spellings of a loanword typed in hiragana searched at most (`loanword_lemma`): its
words' lemmas, one of them spelt otherwise (アイフォン: あい|ふぉん, あい|ふぉーん)."""

_KATAKANA_TERM = re.compile(
    f"[{KATAKANA_LETTERS}]{{2,}}|[{KATAKANA_LETTERS}]+(?:・[{KATAKANA_LETTERS}]+)+"
)
"""A katakana word of two letters or more, or katakana words joined by ・ (スティーブ・
ジョブズ): what may be searched as read (one letter is no word MeCab cuts in two;
`index.kana.KATAKANA_WORD` is a word of one letter or more)."""
KATAKANA_READ = 2
"""A katakana word is searched by reading too when MeCab cuts it into this many words."""
KATAKANA_SPELLED = 4
"""A katakana word MeCab reads as one it knows is searched too as the words its kana spell
standing together (ガンダム as ガン|ダム) from this many kana on: a shorter one's kana are
short words' more often by chance."""
KATAKANA_AS_READ = 3
"""A katakana word alone that is no loanword is searched as read too, at Enter, from this
many kana on, as one being typed is (`_Compiler.katakana_being_typed`): two are read as
too many words (ホン: 本, 723 articles of ldcc; マチ: 町, 432)."""


_LATIN_TERM = re.compile("[a-z]+")
HYPHENATED_MIN = 4
"""A Latin word hyphenated is searched as written without the hyphen, and back
(Wi-Fi, WiFi; e-mail, email), from this many letters on: a shorter one's halves are
letters apart more often (A-B, W-H, I-O, AT-X: none the word written whole)."""


CUT_KANJI = 3
"""A word written in this many kanji at most is searched too as the words MeCab cuts it
into after another noun (`cut_after_noun`): テレビ業界 is テレビ|業|界, 業 and 界 suffixes."""


# Up to this many prefix terms are checked by position in a verified phrase.
VERIFIED_PREFIX_TERMS = 32


PARTICLE_WORD = 2
"""A reading with particles (`_Compiler.particle_pieces`) is cut into words of this many
kana or more: a kana alone is some word's reading (ら: 等, す: 巣) as often as not, and
cut so, ordinary kana read as a fake phrase (どう|や|ら, ほしい|で|す)."""


READ_BEFORE_PARTICLES = 3
"""Particles after a word typed in hiragana are read as particles when the word is
this many kana or more (`_Compiler.before_particles`): of 2, common kana read as words
(いるので: いる|の|で, 居る and 要る; ことが: 事, 琴)."""
FINAL_PARTICLES = ("よ", "ね", "な")
ADVERBIAL_PARTICLES = (
    "さえ",
    "しか",
    "だけ",
    "ほど",
    "くらい",
    "ぐらい",
    "など",
    "でも",
    "こそ",
    "ばかり",
    "のみ",
)
ENDING_PARTICLES = frozenset((*FINAL_PARTICLES, *ADVERBIAL_PARTICLES))
"""Particles no reading of several words holds between them (PHRASE_PARTICLES), read as
particles after a word typed in hiragana too (`_Compiler.before_particles`): the final
particles (すまほよ found 0 articles of ldcc at Enter, 685 as typed, as すまほ and スマホよ)
and the adverbial ones (すまほさえ 1, スマホさえ 685). Of ldcc's reading pairs of a word of 3
kana or more then these kana, 22 in 27 articles are read so now (はんたいでも: 反対デモ in 4,
いっきのみ: 一気飲み in 1). Not か: a suffix's kana as often (写真家, 商品化, 画面化, 情報化:
247 pairs in 638 articles; じょうほうか found 情報化's 3, read so 情報's 2,334)."""
CASE_PARTICLES = ("から", "まで", "より", "で", "に", "へ", "と")
"""The case particles another particle may follow after a word typed in hiragana (すまほ|で|は,
すまほ|で|さえ, とうきょう|から|の), both read as particles (`_Compiler.before_particles`):
すまほでは found 0 articles of ldcc where すまほで finds 685, とうきょうでは 2 of 東京's 1,112.
Not の, which after a verb is no case particle (はいる|ので, いる|のでは: read as typed)."""
_HIRAGANA_HEAD = re.compile(f"[{HIRAGANA}ー]+")
"""A word typed in hiragana, its long vowels with it (ぷらんなー is no ぷらんな then ー)."""
_ENDING_PARTICLES = tuple(ENDING_PARTICLES)
PARTICLES_LONGEST_FIRST = sorted(PHRASE_PARTICLES | ENDING_PARTICLES, key=len, reverse=True)
PHRASE_PARTICLES_LONGEST_FIRST = sorted(PHRASE_PARTICLES, key=len, reverse=True)
"""The particles a word being typed may end in (`_Compiler.before_particles`): its last
kana are the start of a longer word as often as one of ENDING_PARTICLES (いんたーね, of
いんたーねっと, counted 21 articles of ldcc as いんたー, where 422 follow; しょうね 2,777
as しょう; むずかしか 1, as むずかし of しか: review)."""
_PARTICLES_BEGUN = frozenset(particle[0] for particle in PHRASE_PARTICLES if len(particle) > 1)
"""The first kana of the particles of two (か of から, ま of まで, よ of より). Not of さえ, だけ,
しか…: a word's kana then such a kana is a compound's as often, and as typed it was the word
alone too (おおさかし: 195 articles of ldcc, all of 大阪, where 大阪市's 28 are meant;
とうきょうし 1,112 for 41)."""
_PARTICLES_BEGUN_AFTER_CASE = sorted(
    {
        particle[:end]
        for particle in PHRASE_PARTICLES | ENDING_PARTICLES
        for end in range(1, len(particle))
    },
    key=len,
    reverse=True,
)
"""The starts of the particles of two kana or more (さ of さえ, くら of くらい), longest
first: as typed after a case particle after a word (すまほでさ), no compound's kana."""
COMPOUND_SHARE = 0.05
"""A kana after a word that may be a particle is taken as a compound's part where the
word stands with it in this share of the documents holding it: と after とうきょう
(東京都, 190 of 東京's 1,112 ldcc articles), し after おおさか (大阪市, 18 of 195);
で after ひとり stands so in 1 of 659, は after ひつよう in 2 of 1,427."""


PHRASE_SPELLINGS = 16
"""A reading with particles (`_Compiler.read_with_particles`) is searched as this many
phrases of its words' spellings at most (交渉の行方, 高尚の行方…)."""


KANA_AS_WRITTEN = 0.5
"""The weight of a hiragana word's matches as written (in kana) when it is also searched
as a reading: below its kanji words' (see `_Compiler.words`)."""


OTHER_SPELLING = 0.3
"""The weight of a verb's or adjective's other spellings searched for it typed in kana
(`_Compiler.spelled_otherwise`: 観る for みる), below its lemma's own: their rarity alone
put them first (みる: 観る before 見る)."""


def _boosted(fieldname: str, query: wq.Query) -> wq.Query:
    boost = FIELD_BOOSTS.get(fieldname, 1.0)
    return query if boost == 1.0 else Boosted(query, boost)


def _any(queries: Sequence[wq.Query]) -> wq.Query:
    """One query matching what any of `queries` matches, each once: a word spelled as
    the articles write it may be the word as typed (ところがあ: 所), and an OR of both
    checked its phrase twice (as typed, 70 -> 116 ms over ldcc)."""
    unique = list(dict.fromkeys(queries))
    return unique[0] if len(unique) == 1 else wq.Or(unique)


AND_PARTS = 32
"""The parts one AND holds at most (`_every`)."""


def _every(parts: Sequence[wq.Query]) -> wq.Query:
    """An AND of `parts`, nested so that none holds more than AND_PARTS, each part once.

    Whoosh pairs an AND's parts into a tree as deep as the AND is wide (its weights
    put each pair first again), as does the scorer (index.scoring): a phrase of 1,000
    words (東京 pasted 500 times) made a chain of matchers too deep for Python
    (RecursionError). Nested, a phrase of n words is about 32·log32(n) deep."""
    if len(parts) <= AND_PARTS:
        return wq.And(list(parts))
    level = list(dict.fromkeys(parts))
    while len(level) > AND_PARTS:
        level = [
            chunk[0] if len(chunk) == 1 else wq.And(chunk)
            for chunk in (level[at : at + AND_PARTS] for at in range(0, len(level), AND_PARTS))
        ]
    return level[0] if len(level) == 1 else wq.And(level)


def _prefix_or(fieldname: str, terms: Sequence[str]) -> wq.Query:
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0])
    return PrefixOr([wq.Term(fieldname, term) for term in terms])


def _phrase(pieces: Sequence[tuple[int, wq.Query]]) -> wq.Query:
    """Queries at relative positions, as one span query: gaps must match exactly, and
    hold stop words (`Phrase`)."""
    current = pieces[0][1]
    last = len(pieces) - 1
    for at, ((previous_pos, _), (pos, piece)) in enumerate(itertools.pairwise(pieces), 1):
        gap = pos - previous_pos
        kind = Phrase if at == last else spans.SpanNear2
        current = kind([current, piece], slop=gap, ordered=True, mindist=gap)
    return current


HELD_TERMS = 100_000
"""The terms `_Compiler.has` keeps whether the index holds, per reader."""
_held_terms: ReaderCache[tuple[str, str], bool] = ReaderCache(lambda: HELD_TERMS)


class _Compiler:
    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.has_pairs = "pairs" in reader.schema.names()
        schema = reader.schema
        self.reading_pairs_positions = "reading_pairs" in schema.names() and schema[
            "reading_pairs"
        ].format.supports("positions")
        self.variant_keys: set[tuple[tuple[str, ...], str]] = set()
        """(complete terms, prefix) of the unfinished word's readings (see words())."""
        self.capped = False
        self.highlights: list[Highlight] = []
        self.reading_variants: list[tuple[str, bool]] = []
        self.read_on_shown: list[Highlight] = []
        """The longer words a reading's last word was read on into, to show (`read_on`),
        and the kana words a reading of one word was spelled as (`spelled_in_kana`)."""
        self.read_on_written: list[tuple[str, str]] = []
        """The clause's longer words (`read_on`), as the content fields hold them."""
        self.read_on_kept: list[tuple[str, str]] = []
        """…those of the positive clauses (`Compiled.read_on`)."""
        self.pair_fields: dict[str, str | None] = {}
        """The field each pair of reading words is held in, asked once (`pair_field`)."""
        self.read_as_begun = False
        """The mode of `compile_query(read_as_begun=True)`: the word being typed stands
        for the words whose reading the kana it ends in begin, after other words
        (`kana_begun_variants`), and for nothing else."""
        self.kana_begun = ""
        """…the shortest kana that did, so read (`Compiled.kana_begun`)."""
        self.particle_begun = False
        """Whether the clause compiled is the words as typed of one whose last kana begin a
        particle, also searched as the word before it (`before_particle_begun`)."""
        self.typed_at_enter = False
        """Whether the clause compiled is words being typed searched as at Enter, finished
        (`particle_typed_after`): what they are searched as is not searched so again, were
        it to search them as typed in turn (no loop between the two)."""
        self.spelling_before = False
        """Whether the clause compiled is one whose word in hiragana before particles is
        also searched as written (`spelled_before_written`): as typed or so written."""

    def has(self, fieldname: str, term: str) -> bool:
        """Whether the index holds `term` in `fieldname` (kept per reader: a reading is
        cut into words by looking its pieces up, thousands a keystroke for a sentence
        typed in hiragana, the same pieces keystroke after keystroke)."""
        key = (fieldname, term)
        held = _held_terms.get(self.reader, key)
        if held is None:
            held = _held_terms.put(self.reader, key, key in self.reader)
        return held

    def read_apart(self, pieces: Sequence[str]) -> bool:
        """Whether kana words standing together (`pieces`) are read together in more
        articles than they are written together: the reading fields pass over a ・
        between katakana words (`index.analysis.silent_dot`), so ジョニー|デップ read
        finds ジョニー・デップ (23 articles of ldcc), written only ジョニーデップ (2)."""
        frequency = self.reader.doc_frequency
        return any(
            frequency("reading_pairs", key) > frequency("pairs", key)
            for key in map(pair_key, pieces, pieces[1:])
        )

    def read_as(self, piece: str) -> bool:
        """Whether a word of the index reads `piece`, or reads it unvoiced (がいしゃ:
        会社, voiced after another noun: the reading pairs say where it is), or is a
        suffix's other reading (じん: 人, read にん alone, じん in 日本人)."""
        if self.has("reading", piece):
            return True
        plain = unvoiced(piece)
        if plain and self.has("reading", plain):
            return True
        return any(
            other == piece and self.has("reading", own)
            for own, other in SUFFIX_READ_OTHERWISE.items()
        )

    def read_first(self, piece: str) -> bool:
        """Whether a word of the index reads `piece` where it begins a reading: as itself,
        not voiced (会社 is がいしゃ after 株式 only: がいしゃか is no 株式会社化, nor
        ばしらすいめい 四柱推命, 柱 voiced after 四)."""
        return self.has("reading", piece)

    def populated(self, fieldnames: Sequence[str]) -> list[str]:
        """The fields any document has text in (a news corpus has no key points or cards)."""
        return [name for name in fieldnames if self.reader.field_length(name) > 0]

    def expand(
        self,
        fieldname: str,
        prefix: str,
        *,
        standalone: bool,
        keep: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """Terms of `fieldname` starting with `prefix`, most frequent first (capped, see above).

        A one-character prefix standing alone (the first keystroke of a word)
        keeps only a handful of terms; after complete words it may keep more,
        since those words already narrow the documents down. `keep`: only the
        terms it keeps are counted, before the caps.
        """
        limit = PREFIX_TERMS_SHORT if standalone and len(prefix) == 1 else PREFIX_TERMS
        scanned, scan_capped = prefix_terms(self.reader, fieldname, prefix)
        if scan_capped:
            self.capped = True
        if keep is not None:
            scanned = tuple(item for item in scanned if keep(item[0]))
        found = sorted(((frequency, text) for text, frequency in scanned), reverse=True)
        if len(found) > limit:
            self.capped = True
            found = found[:limit]
        if standalone:
            # Matching cost grows with the postings read, not the terms: stop at a
            # budget (the most frequent term always counts).
            budget = PREFIX_POSTINGS_SHORT if len(prefix) == 1 else PREFIX_POSTINGS
            kept = 0
            spent = 0
            for frequency, _ in found:
                if kept and spent + frequency > budget:
                    self.capped = True
                    break
                spent += frequency
                kept += 1
            found = found[:kept]
        return [text for _, text in found]

    def split_tail(self, fieldnames: Sequence[str], tail: str) -> list[tuple[list[str], str]]:
        """Ways to read an unfinished tail: known terms first, then a prefix.

        The index may split a word differently from MeCab's reading of its first
        few characters (スマートフォ: スマ/ートフォ, indexed すまーと/ふぉん), so
        the tail is also re-split against the field's own terms, longest first;
        the whole tail as one prefix stays a reading too (greedy splitting
        turns スマー into すま + ー).
        """
        known: list[str] = []
        start = 0
        while start < len(tail):
            for end in range(len(tail) - 1, start, -1):
                if any(self.has(name, tail[start:end]) for name in fieldnames):
                    known.append(tail[start:end])
                    start = end
                    break
            else:
                break
        readings: list[tuple[list[str], str]] = [([], tail)]
        if known:
            readings.append((known, tail[start:]))
        return readings

    def uses_pairs(self, fieldnames: Sequence[str], pieces: Sequence[tuple[int, str]]) -> bool:
        """Whether a phrase can be matched through the `pairs` field (see PairFilter)."""
        return (
            self.has_pairs
            and len(pieces) > 1
            and fieldnames != ("title",)
            and all(0 < b[0] - a[0] <= MAX_PAIR_GAP for a, b in itertools.pairwise(pieces))
        )

    def pair_terms(self, pieces: Sequence[tuple[int, str]]) -> list[wq.Query] | None:
        keys = [pair_key(a[1], b[1], b[0] - a[0]) for a, b in itertools.pairwise(pieces)]
        if not all(self.has("pairs", key) for key in keys):
            return None
        return [wq.Term("pairs", key) for key in keys]

    def phrase(
        self,
        fieldnames: Sequence[str],
        pieces: Sequence[tuple[int, str]],
        *,
        last_reading: str | None = None,
    ) -> tuple[list[wq.Query], list[Highlight]]:
        """(queries, highlights) for complete words at their positions.

        Through the pairs field when it can (an AND of terms, no positions to
        compare); span phrases then only highlight the page's hits, except in
        the title, whose short phrase query adds the title's boost.

        `last_reading` (a word typed, not a name: the reading of its last word as the
        query reads it, '' for none): the last of several words also stands for the
        longer words it begins after the word before it (`word_ends`).
        """
        queries: list[wq.Query] = []
        shown: list[Highlight] = []
        by_pairs = self.uses_pairs(fieldnames, pieces)
        *head, (last_pos, last) = pieces
        ends = [last] if last_reading is None else self.word_ends(pieces, last_reading)
        for fieldname in self.populated(fieldnames):
            here = [term for term in ends if self.has(fieldname, term)]
            if here and all(self.has(fieldname, term) for _, term in head):
                slots = [*((pos, (t,)) for pos, t in head), (last_pos, here)]
                shown.append(_highlight(fieldname, slots))
                if not by_pairs and len(pieces) > AND_PARTS:
                    # A span phrase nests a query per word (RecursionError from ~330
                    # words): the words' AND, checked by position, scores as it does.
                    distinct = [wq.Term(fieldname, t) for t in dict.fromkeys(t for _, t in head)]
                    candidates = _every([*distinct, _prefix_or(fieldname, here)])
                    first = pieces[0][0]
                    placed = tuple((pos - first, tuple(terms)) for pos, terms in slots)
                    verified = VerifiedPhrase(candidates, (fieldname,), placed)
                    queries.append(_boosted(fieldname, verified))
                elif not by_pairs:
                    end = (
                        wq.Term(fieldname, here[0])
                        if len(here) == 1
                        else SpanAny([wq.Term(fieldname, term) for term in here])
                    )
                    words = [(pos, wq.Term(fieldname, t)) for pos, t in head]
                    span = _phrase([*words, (last_pos, end)])
                    queries.append(_boosted(fieldname, span))
        if by_pairs:
            terms = self.pair_terms(head)
            before_pos, before = head[-1]
            keys = [pair_key(before, term, last_pos - before_pos) for term in ends]
            keys = [key for key in keys if self.has("pairs", key)]
            if terms is not None and keys:
                terms.append(_prefix_or("pairs", keys))
                pairs = self.verified(_every(terms), fieldnames, pieces, (), ends=ends)
                queries.append(self.with_title_bonus(pairs, fieldnames, pieces, ends=ends))
        return queries, shown

    def word_ends(self, pieces: Sequence[tuple[int, str]], reading: str) -> list[str]:
        """The last word of `pieces` and the longer words it ends in after the word before
        it, as the index's pairs hold them (消費|税: 税, 税込み, 税別): a text cut where the
        query was not is still found (消費税込み is 消費|税込み), where the longer word
        reads on from `reading` (see `ends_word_in`). The words before stay
        as typed, and one word alone (日本, never 日本酒) or one after a particle (no
        pair holds them) stays itself."""
        last_pos, last = pieces[-1]
        if len(pieces) < 2 or not self.has_pairs:
            return [last]
        before_pos, before = pieces[-2]
        gap = last_pos - before_pos
        if not 0 < gap <= MAX_PAIR_GAP:
            return [last]
        scanned, capped = prefix_terms(self.reader, "pairs", pair_key(before, last, gap))
        if capped:
            self.capped = True
        cut = len(before) + gap
        longer = (term[cut:] for term, _ in scanned)
        return [last, *(term for term in longer if ends_word_in(last, term, reading))]

    def with_title_bonus(
        self,
        pairs: wq.Query,
        fieldnames: Sequence[str],
        pieces: Sequence[tuple[int, str]],
        *,
        ends: Sequence[str] = (),
    ) -> wq.Query:
        """`pairs` (matched in the pairs field, which holds every text field's alike),
        scored higher where the title holds the phrase's words, as a span query in the
        title field would weigh it: AND-MAYBE of terms (comparing title positions per
        document cost as much as the whole match). `ends`: what the last word stands
        for (`word_ends`)."""
        if "title" not in self.populated(fieldnames):
            return pairs
        words = [term for _, term in pieces]
        last = [term for term in ends if self.has("title", term)]
        if ends:
            words.pop()
            if not last:
                return pairs
        if not all(self.has("title", term) for term in words):
            return pairs
        title_terms: list[wq.Query] = [wq.Term("title", term) for term in sorted(set(words))]
        if last:
            title_terms.append(_prefix_or("title", last))
        title = title_terms[0] if len(title_terms) == 1 else _every(title_terms)
        return wq.AndMaybe(pairs, _boosted("title", title))

    def verified(
        self,
        pairs: wq.Query,
        fieldnames: Sequence[str],
        pieces: Sequence[tuple[int, str]],
        following: Sequence[str],
        *,
        ends: Sequence[str] = (),
    ) -> wq.Query:
        """`pairs`, checked by position when the phrase has three words or more; `ends`
        the terms the last word stands for (`word_ends`)."""
        slots: list[tuple[int, tuple[str, ...]]] = [(pos, (term,)) for pos, term in pieces]
        if ends:
            slots[-1] = (slots[-1][0], tuple(ends))
        if following and len(following) <= VERIFIED_PREFIX_TERMS:
            slots.append((pieces[-1][0] + 1, tuple(following)))
        if len(slots) < 3:
            return pairs
        first = slots[0][0]
        fields = tuple(name for name in self.populated(fieldnames))
        return VerifiedPhrase(pairs, fields, tuple((pos - first, terms) for pos, terms in slots))

    def words(self, words: Words, *, highlight: bool) -> wq.Query:
        """A clause of words: any of what it is searched as, in this order: as typed (the
        unfinished word's prefixes), a katakana word as read, a katakana word or a name
        with ・ being typed as read, the words as written (their phrase), a hiragana word
        as read. `highlight`: its matches are shown (not in what a query excludes).
        `read_as_begun`: the word being typed, as the words its last kana begin alone
        (after a word in hiragana spelled as written too: `spelled_before_written`)."""
        before = self.before_particles(words)
        if before is not None:
            self.reading_shown(before.text, unfinished=False, highlight=highlight)
            return self.words(before, highlight=highlight)
        if not self.spelling_before:
            self.spelling_before = True
            try:
                spelled = self.spelled_before_written(words, highlight=highlight)
                if spelled:
                    as_typed = self.words(words, highlight=highlight)
                    found = [as_typed, *spelled]
                    return _any([query for query in found if query is not wq.NullQuery])
            finally:
                self.spelling_before = False
        # As typed, kana that may end in a particle are also the word before it, searched
        # with the kana as typed where their last may begin a longer word: a particle of
        # two begun (えいがま, of えいがまで: 映画, 1,292 over ldcc, where えいがま… alone
        # counted 56), a final one (えいがね: 映画; いんたーね, of インターネット, as いんたー
        # alone counted 21 articles for 422: review). An adverbial one of two kana or more
        # is the word's alone, as at Enter (ついったーでも as typed too: 6,171, as ついった…
        # is read つい: review).
        before_them: list[Words] = []
        typed_too = True
        if not self.particle_begun and words.unfinished:
            ended = self.before_particles(words, endings=True)
            two_begun = self.before_particle_begun(words)
            # both where both are (むずかしか: むずか of しか, むずかし of から)
            before_them = [w for w in (ended, two_begun) if w is not None]
            if not before_them and not self.typed_at_enter and particle_typed_after(words):
                before_them = [replace(words, unfinished=False)]
            reading = words.reading or ""
            last = next((p for p in PARTICLES_LONGEST_FIRST if reading.endswith(p)), "")
            typed_too = two_begun is not None or len(last) < 2
        if before_them:
            before_them = list(dict.fromkeys(before_them))
            for word in before_them:
                self.reading_shown(word.text, unfinished=False, highlight=highlight)
            typed_at_enter, self.typed_at_enter = self.typed_at_enter, True
            try:
                found = [self.words(word, highlight=highlight) for word in before_them]
            finally:
                self.typed_at_enter = typed_at_enter
            if typed_too:
                self.particle_begun = True
                try:
                    found.append(self.words(words, highlight=highlight))
                finally:
                    self.particle_begun = False
            return _any([query for query in found if query is not wq.NullQuery])
        if self.read_as_begun and words.unfinished:
            begun: list[wq.Query] = []
            begun_shown: list[Highlight] = []
            for found, found_shown in self.kana_begun_variants(words):
                begun += found
                begun_shown += found_shown
            self.clause_shown(begun_shown, highlight=highlight)
            return _any(begun) if begun else wq.NullQuery
        as_typed, shown, covered = self.as_typed(words)
        as_written, written_shown = self.as_written(words, covered=covered)
        as_kana = [
            *self.katakana_word_as_read(words, highlight=highlight),
            *self.katakana_word_read_whole(words, highlight=highlight),
            *self.katakana_typed_as_read(words, highlight=highlight),
            *self.dotted_typed_as_read(words, highlight=highlight),
        ]
        as_read = self.hiragana_as_read(words, highlight=highlight)
        if as_read and spelled_in_part(words) and not helps(words):
            as_written, written_shown = [], []
        elif not as_read and self.misread(words):
            # at Enter as typed, not as MeCab misread it (ついった: 言う)
            as_written, written_shown = self.misread_as_typed(words, highlight=highlight), []
        # only added: the kana as written and as read are searched as ever (しながら is
        # no しな|が|ら: 7,346 articles of ldcc found so, 0 by that cut alone)
        as_read += self.read_with_particles(words, highlight=highlight)
        for other in self.loanword_lemma(words):
            queries, other_shown = self.phrase(words.fields, other)
            as_written += queries
            written_shown += other_shown
        if as_read:
            # A word typed in hiragana is mostly a reading (とうきょう: 東京). Its rare
            # spellings in kana weigh more by their rarity alone: とうきょうスカイツリー駅
            # and トウキョウ決戦 came before the 1,110 articles of 東京.
            as_written = [Boosted(query, KANA_AS_WRITTEN) for query in as_written]
        self.clause_shown(shown + written_shown, highlight=highlight)
        alternatives = [*as_typed, *as_kana, *as_written, *as_read]
        if not alternatives:
            alternatives = self.first_kana_as_read(words, highlight=highlight)
        if not alternatives:
            return wq.NullQuery
        return _any(alternatives)

    def misread(self, words: Words) -> bool:
        """Whether MeCab read a finished hiragana word with kana of it left out: a particle
        or an auxiliary before its first word (ついった: つ|言っ|た; れくち: れ|口), which no
        word of Japanese begins with (one a phrase holds between words begins a phrase
        typed without the word before it, read right: として, にして, がない), or a long
        vowel mark read as a symbol after it (みーて: 見る|ー|て), which only a loanword
        spells; kana the index reads no word as (`hiragana_as_read` found none) nor holds
        as a term (`kana_word_known`). Its phrase as written is that misreading's:
        ついった found 言う's 6,112 articles of ldcc at Enter, where as typed it counted
        ツイッター's 423; みーて 見る's 3,503 for ミーティング's 33."""
        found = words.morphemes
        if (
            words.unfinished
            or words.reading is None
            or not words.content
            or helps(words)
            or self.kana_word_known(words)
        ):
            return False
        first = words.content[0].start
        if found[0].stop and found[0].surface not in PHRASE_PARTICLES:
            return True
        return any(m.stop and m.end > first and "ー" in m.surface for m in found)

    def misread_as_typed(self, words: Words, *, highlight: bool) -> list[wq.Query]:
        """A misread word (`misread`) at Enter as it was searched typed: the start of the
        words the index holds that its kana begin (ついった: ツイッター), where those are
        few enough to be searched whole (`expand` kept them all); else []."""
        typed = being_typed(words)
        capped, self.capped = self.capped, False
        shown = (len(self.highlights), len(self.reading_variants), len(self.read_on_kept))
        try:
            query = self.words(typed, highlight=highlight)
            if self.capped or query is wq.NullQuery:
                # none of it searched: none of it shown
                del self.highlights[shown[0] :]
                del self.reading_variants[shown[1] :]
                del self.read_on_kept[shown[2] :]
                return []
        finally:
            self.capped = capped
        return [query]

    def first_kana_as_read(self, words: Words, *, highlight: bool) -> list[wq.Query]:
        """A word's first kana, typed where no word of the index begins with it as
        written, as the start of the readings it begins, the most frequent first (as a
        first keystroke is searched as typed: `expand`); [] for any other word. Over
        articles written in kanji, no word is written こ…, and a reader typing 交渉 saw
        "No article matches" at こ, then 2 hits at こう (user review, over the seeds)."""
        text = words.text
        if not words.unfinished or len(text) != 1 or "body" not in words.fields:
            return []
        kana = fold_kana(text)
        if not is_reading(kana):
            return []
        expanded = self.expand("reading", kana, standalone=True)
        if not expanded:
            return []
        self.reading_shown(kana, unfinished=True, highlight=highlight)
        return [_prefix_or("reading", expanded)]

    def as_typed(self, words: Words) -> tuple[list[wq.Query], list[Highlight], bool]:
        """(queries, highlights) of an unfinished word's readings (`unfinished`), and
        whether they hold every match of the words as written (their phrase)."""
        if not words.unfinished:
            return [], [], False
        queries: list[wq.Query] = []
        shown: list[Highlight] = []
        pieces = [(m.pos, m.folded) for m in words.content]
        # A reading whose prefix is the word's own last term already holds
        # every match of the word as typed: running both doubled a keystroke.
        whole = (tuple(term for _, term in pieces[:-1]), pieces[-1][1]) if pieces else None
        self.variant_keys = set()
        for found, found_shown in self.unfinished(words):
            queries += found
            shown += found_shown
        return queries, shown, whole in self.variant_keys

    def as_written(self, words: Words, *, covered: bool) -> tuple[list[wq.Query], list[Highlight]]:
        """(queries, highlights) of the words' phrase as written, and as written with a
        word's other lemma (`read_otherwise`) or spelled apart (`spelled_apart`).
        `covered`: the phrase's matches are held as typed already (`as_typed`), so
        only its highlights are kept."""
        pieces = [(m.pos, m.folded) for m in words.content]
        # A first keystroke (日) is a prefix only: its most frequent completion
        # (日本) sets the count, not every 日 counter in the corpus, which would
        # cost a frame several times over and drop as soon as 本 is typed.
        if not pieces or (words.unfinished and len(words.text) == 1):
            return [], []
        if self.kana_word_known(words):
            # MeCab splits kana it does not know into words and particles
            # (さっかー: さっ + かー, a particle not indexed): the phrase left
            # would be さっ, found in サッと. The word as typed is a term:
            # as-you-type it is one of the prefixes of `as_typed` already.
            pieces = [(words.morphemes[0].pos, fold_kana(words.text))]
            covered = covered or words.unfinished
        elif read_in_the_negative(words) or voiced_start(words):
            return [], []
        last_reading = words.content[-1].reading if len(pieces) > 1 else ""
        queries, shown = self.phrase(words.fields, pieces, last_reading=last_reading)
        as_written = [] if covered else queries
        for other in [
            *self.read_otherwise(words, pieces),
            *self.spelled_apart(words, pieces),
            *self.hyphenated_otherwise(words, pieces),
        ]:
            queries, other_shown = self.phrase(words.fields, other, last_reading=last_reading)
            as_written += queries
            shown += other_shown
        spelled = self.katakana_spelled(words, pieces)
        if spelled and _long_vowel_in_stops_after(words):
            as_written = []
        for cut in [*self.cut_in_context(words, pieces), *spelled]:
            # ドコモのスマホ as a text writes it (スマホ one word), not only as cut at
            # the query's end (スマ|ホ); ドコモのすまほ as ドコモのスマホ
            reading = cut[-1].reading if len(cut) > 1 else ""
            other = [(m.pos, m.folded) for m in cut]
            queries, other_shown = self.phrase(words.fields, other, last_reading=reading)
            as_written += queries
            shown += other_shown
        for parts, readings in self.cut_after_noun(words, pieces):
            # 業界 as テレビ|業|界 writes it: its parts' pair, read as the word is read
            queries, other_shown = self.phrase(words.fields, parts)
            read = [wq.Term("reading_pairs", key) for key in readings]
            as_written += [_every([query, *read]) for query in queries]
            shown += other_shown
        for other in self.spelled_otherwise(words, pieces):
            # below the word's own spelling: 観る's rarity put it before 見る for みる
            queries, other_shown = self.phrase(words.fields, other, last_reading=last_reading)
            as_written += [Boosted(query, OTHER_SPELLING) for query in queries]
            shown += other_shown
        return as_written, shown

    def katakana_word_as_read(self, words: Words, *, highlight: bool) -> list[wq.Query]:
        """A katakana word searched as its kana read (`katakana_reading`), weighed below
        the word as written; [] for any other."""
        katakana = self.katakana_reading(words)
        if katakana is None:
            return []
        if reading_field(words.fields) == "title_reading":
            # title:ルミコネ as title:るみこね reads it: the title's words, cut as MeCab cut
            # them there (「ルミコネ」 one word), found as read (it found none).
            title = self.title_reading(katakana, unfinished=False)
            as_read = [Boosted(query, KANA_AS_WRITTEN) for query in title]
            self.reading_shown(katakana, unfinished=False, highlight=highlight)
            return as_read
        # Read as its kana, as the hiragana word is: the text's words spell it
        # whichever way MeCab cut them there. Weighed below the word as written.
        as_read = [Boosted(query, KANA_AS_WRITTEN) for query in self.read_katakana(words, katakana)]
        if as_read:
            self.reading_shown(katakana, unfinished=False, highlight=highlight)
        return as_read

    def katakana_word_read_whole(self, words: Words, *, highlight: bool) -> list[wq.Query]:
        """A finished katakana word MeCab reads as one word that is no loanword
        (`loanword`: a name, a kanji word's kana, a word it does not know), of
        KATAKANA_AS_READ kana or more, searched as its kana read, as typed in hiragana
        (`hiragana_as_read`: にほん as にっぽん too), weighed below the word as written:
        typed, its kana were the start of a reading (`katakana_being_typed`), so over ldcc
        トウキョウ found 東京's 1,112 articles as typed, 2 at Enter (written トウキョウ);
        オオサカ 195, then 0. A loanword stays itself: ホテル is no 火照る read alike; so
        does a word whose lemma MeCab writes otherwise (ケイタイ: 携帯, found as written,
        not 形態 read alike). [] for any other word."""
        text = words.text
        if (
            words.unfinished
            or len(words.morphemes) != 1
            or reading_field(words.fields) != "reading"
            or not _KATAKANA_TERM.fullmatch(text)
            or "・" in text
        ):
            return []
        kana = fold_kana(text)
        if (
            len(kana) < KATAKANA_AS_READ
            or not is_reading(kana)
            or words.morphemes[0].folded != kana  # 携帯 of ケイタイ: found as written
            or loanword(text)
        ):
            return []
        variant = reading_variant(kana, lambda piece: self.has("reading", piece))
        read = [piece for piece in (kana, variant) if piece and self.has("reading", piece)]
        for piece in read:
            self.reading_shown(piece, unfinished=False, highlight=highlight)
        return [Boosted(wq.Term("reading", piece), KANA_AS_WRITTEN) for piece in read]

    def read_katakana(self, words: Words, katakana: str) -> Iterator[wq.Query]:
        """`reading` of a katakana word's kana (`katakana` of `words`), as its words
        are cut."""
        known_alone = len(words.content) == 1 and not unknown_word(words.text)
        return self.reading(
            katakana,
            unfinished=False,
            split=True,
            # one word MeCab does not know (マツコデラックス): only as the words its
            # kana spell standing together (マツ|コ|・|デラックス), not as a word read
            # so (チヅル as 千鶴, ガテン as 合点: a name's homophones)
            whole=len(words.content) > 1,
            # the cut the phrase finds as written: its lemmas are its kana (not
            # with a ・ between, which the phrase keeps: スティーブ・ジョブズ finds
            # スティーブジョブズ as read)
            covered=[m.folded for m in words.content]
            if "・" not in words.text
            and all(m.folded == fold_kana(m.surface) for m in words.content)
            else (),
            # as typed, its known words then a word its last kana begin
            # (ソフトバンクモバ: ソフト|バンク|モバイル, its lemma モービル)
            # (not one word MeCab knows, which its prefix is typed as)
            continued=words.unfinished and not known_alone,
            # a word MeCab knows, searched so only where the text writes the
            # words in kana: イチバン is no 一|晩
            kana_written=known_alone,
        )

    def katakana_typed_as_read(self, words: Words, *, highlight: bool) -> list[wq.Query]:
        """A katakana word being typed (`katakana_being_typed`) as the start of a
        reading one kana longer at most, or of a loanword's however long (its long vowel
        mark or small vowel no kanji word's reading holds: `_loanword_reading`):
        プラットフォーム's lemma is プラットホーム, and over ldcc プラットフ and プラットフォ
        found none of its 150 articles, between プラット's 150 and プラットフォー's 147.
        [] for any other word."""
        typed_kana = self.katakana_being_typed(words)
        if typed_kana is None:
            return []
        longest = len(typed_kana) + 1
        expanded = self.expand(
            "reading",
            typed_kana,
            standalone=True,
            keep=lambda term: len(term) <= longest or _loanword_reading(term),
        )
        if not expanded:
            return []
        self.reading_shown(typed_kana, unfinished=True, highlight=highlight)
        return [Boosted(_prefix_or("reading", expanded), KANA_AS_WRITTEN)]

    def dotted_typed_as_read(self, words: Words, *, highlight: bool) -> list[wq.Query]:
        """A name with ・ being typed as read (`dotted_being_typed`); [] for any other."""
        dotted = self.dotted_being_typed(words) if words.unfinished else None
        if dotted is None:
            return []
        reading_typed, queries = dotted
        if queries:
            self.reading_shown(reading_typed, unfinished=True, highlight=highlight)
        return [Boosted(query, KANA_AS_WRITTEN) for query in queries]

    def hiragana_as_read(self, words: Words, *, highlight: bool) -> list[wq.Query]:
        """A word typed in hiragana as the words it reads (`reading`), in the title
        for title:; [] for any other word."""
        reading = words.reading
        if reading is None:
            return []
        if reading_field(words.fields) == "title_reading":
            return list(self.title_reading(reading, unfinished=words.unfinished))
        if "body" not in words.fields:
            return []
        read_on = not words.unfinished
        as_read = list(self.reading(reading, unfinished=words.unfinished, read_on=read_on))
        # にほん as the index reads 日本 (にっぽん).
        variant = reading_variant(reading, lambda piece: self.has("reading", piece))
        if variant is not None:
            as_read += self.reading(variant, unfinished=words.unfinished, read_on=read_on)
            self.reading_shown(variant, unfinished=words.unfinished, highlight=highlight)
        in_title = list(self.title_reading(reading, unfinished=words.unfinished))
        if as_read and in_title:
            # A title read so weighs as a title written so does (香川真司's articles
            # first for かがわしんじ, not one whose title says 香川 alone): the
            # `reading` field holds the title's words with the rest's, unweighted.
            # Only a weight: what matches is what `reading` finds.
            return [wq.AndMaybe(_any(as_read), _any(in_title))]
        return as_read

    def before_particles(self, words: Words, *, endings: bool = False) -> Words | None:
        """A word typed in hiragana with particles after it (すまほで, じかんは, てれびから)
        as the words before them, to search as those are alone, finished; None for any
        other. MeCab cut such kana otherwise (す|ま|ほ|で), and a reading of the whole
        (じ|かん|は) or with particles between words (`read_with_particles`) missed it:
        すまほで found 0 articles of ldcc where すまほ and スマホで find 685.

        Only words of READ_BEFORE_PARTICLES kana or more, which the index reads (alone
        or standing together); not kana MeCab reads as one word (ところで, くだもの), nor
        one the index reads whole; and a particle stays where the word before it and it
        make a compound often enough (`COMPOUND_SHARE`: とうきょうと, 東京都)."""
        reading = words.reading
        if reading is None:
            return None
        content = words.content
        if len(content) == 1 and content[0].surface == words.text:
            return None
        rest = kept = reading
        # typed on, the last kana may begin a longer word: only a phrase's particles end it
        # (`endings`: the others too, the caller searching the kana as typed besides)
        typed_on = words.unfinished and not endings
        particles = PHRASE_PARTICLES_LONGEST_FIRST if typed_on else PARTICLES_LONGEST_FIRST
        while not self.read_as(rest):  # a word of its own: ぷれぜんと is no ぷれぜん|と
            particle = next(
                (
                    particle
                    for particle in particles
                    if rest.endswith(particle)
                    and len(rest) - len(particle) >= READ_BEFORE_PARTICLES
                ),
                None,
            )
            if particle is None:
                break
            before = rest[: -len(particle)]
            pieces = self.segmented(before)
            if (
                pieces is None
                and not before.endswith(_ENDING_PARTICLES)
                and not self.case_particle_after_word(before)
            ):
                # particles after verbs typed in kana stay (はいるので found 2,100 articles
                # of ldcc, 1,318 read はいる|の|で): no word spelled there, no particle
                break
            if (
                pieces is not None
                and self.segmented(rest) == [*pieces, particle]
                and self.compound_share(pieces[-1], particle) >= COMPOUND_SHARE
            ):
                break
            rest = before
            particles = PARTICLES_LONGEST_FIRST  # before the last, any (すまほ|だけ|で)
            if pieces is not None:  # すまほ|だけ|で: すまほだけ spells no words, すまほ does
                kept = rest
        if kept == reading:
            return None
        return Words(kept, words.fields, tuple(morphemes(kept)))

    def case_particle_after_word(self, kana: str) -> bool:
        """Whether `kana` end in a case particle (CASE_PARTICLES) after a word the index
        reads, of READ_BEFORE_PARTICLES kana or more (すまほで of すまほでは): a particle
        after it is one after another, both read as particles (`before_particles`)."""
        return any(
            kana.endswith(particle)
            and len(kana) - len(particle) >= READ_BEFORE_PARTICLES
            and self.segmented(kana[: -len(particle)]) is not None
            for particle in CASE_PARTICLES
        )

    def spelled_before_written(self, words: Words, *, highlight: bool) -> list[wq.Query]:
        """A word typed in hiragana with particles after it, then words written otherwise
        (すまほで写真, にほんの代表), also searched with the word as the articles write it
        (スマホで写真, 日本の代表): MeCab cut its kana otherwise (すま|ほ|で|写真) or kept
        them as kana (にほん), so the phrase as typed found none: 0 articles of ldcc each,
        where スマホで写真 finds 4 and 日本の代表 37. The word as `before_particles` reads it
        (3 kana or more), spelled as the articles holding its reading write it
        (`phrase_spellings`, within the typed budget, at Enter too: a keystroke each,
        learnt once); [] where MeCab read it as words written otherwise already, whole
        (じかんで写真: 時間), or for any other clause. Read so in part, beside kana it read
        as stop words, it was not (いんたーねっとで検索: いん|たー|ね|っと, 忌む; かいしゃの社長:
        か|いしゃ, 医者): 0 articles of ldcc each, where インターネットで検索 finds 17 and
        会社の社長 6. Words after the particle typed in kana too, where MeCab reads them
        as a word written in kanji (`verb_after_particle`: しょっくをうけた, ショックを受けた;
        いんしょうをうけた, read 引証 whole, also as 印象を受けた's 26 articles write it)."""
        text = words.text
        head = _HIRAGANA_HEAD.match(text)
        if (
            head is None
            or reading_field(words.fields) != "reading"
            or any(character.isspace() for character in text)
        ):
            return []
        kana = head.group()
        before = (
            self.verb_after_particle(words)
            if head.end() == len(text)
            else self.before_particles(Words(kana, words.fields, tuple(morphemes(kana))))
        )
        if before is None:
            return []
        word = before.text
        # MeCab's cut of the word: read whole as words in kanji, found so already; with
        # stop words in it (いん|たー|ね|っと: 忌む; か|いしゃ: 医者), kana it did not know
        within = [m for m in words.morphemes if m.end <= len(word)]
        read_whole = "".join(m.surface for m in within)
        if within and all(not m.stop and not is_reading(m.folded) for m in within):
            if head.end() < len(text):
                return []
            # a verb after it, typed in kana: a word read alike as others write it too
            # (いんしょう: 引証, 印象を受けた's 26 articles of ldcc), as MeCab read it already
        else:
            read_whole = ""
        pieces = [word] if self.read_as(word) else self.segmented(word)
        if not pieces:
            return []
        spellings = phrase_spellings(self.reader, (tuple(pieces),), typed=True)
        queries: list[wq.Query] = []
        for written in itertools.islice(itertools.product(*spellings), PHRASE_SPELLINGS):
            spelled = "".join(written)
            if spelled == read_whole:
                continue
            if is_reading(spelled):
                # a katakana word's term is its kana folded (スマホ: すまほ), which MeCab
                # cuts in hiragana as typed (すま|ほ): written in katakana, as the text is
                spelled = spelled.translate(HIRAGANA_TO_KATAKANA)
            other = spelled + text[len(word) :]
            query = self.words(
                replace(words, text=other, morphemes=tuple(morphemes(other))), highlight=highlight
            )
            if query is not wq.NullQuery:
                queries.append(query)
        return queries

    def verb_after_particle(self, words: Words) -> Words | None:
        """The word before the particle of a word typed in hiragana, a particle, then a word
        MeCab reads as one written otherwise, in kanji (しょっくをうけた: しょっく, before を
        and 受け|た), the particle the last such one after a word `before_particles` reads;
        None for any other. MeCab cut the word otherwise typed so (しょ|っ|く: 仕様), and the
        phrase found none of ショックを受けた's 18 articles of ldcc (`spelled_before_written`).
        As typed, where nothing was found (`read_as_begun`), any kana after the particle
        are the start of such a word: しょっくをう counted 0 of the 18 its end finds."""
        text = words.text
        for end in range(len(text) - 1, READ_BEFORE_PARTICLES, -1):
            kana, rest = text[:end], text[end:]
            if not any(kana.endswith(particle) for particle in PHRASE_PARTICLES):
                continue
            found = morphemes(rest)
            begun = self.read_as_begun and words.unfinished
            if not begun and (not found or found[0].stop or is_reading(found[0].folded)):
                continue
            before = self.before_particles(Words(kana, words.fields, tuple(morphemes(kana))))
            if before is not None:
                return before
        return None

    def before_particle_begun(self, words: Words) -> Words | None:
        """As typed, a word in hiragana then the first kana of a particle of two (まで,
        から, より), as the words before it (`before_particles`: えいがま, 映画); None
        for any other. After a case particle after such a word, the start of any particle
        of two kana or more (すまほでさ, of すまほでさえ: すまほで, スマホ): 0 articles of ldcc
        on the way, 685 either side."""
        reading = words.reading
        if not words.unfinished or reading is None or self.read_as(reading):
            return None
        rest = reading[:-1]
        if (
            reading[-1] in _PARTICLES_BEGUN
            and len(rest) >= READ_BEFORE_PARTICLES
            and (self.read_as(rest) or self.segmented(rest) is not None)
        ):
            return Words(rest, words.fields, tuple(morphemes(rest)))
        for begun in _PARTICLES_BEGUN_AFTER_CASE:
            rest = reading[: -len(begun)]
            if reading.endswith(begun) and self.case_particle_after_word(rest):
                return Words(rest, words.fields, tuple(morphemes(rest)))
        return None

    def segmented(self, reading: str) -> list[str] | None:
        """`reading` cut into the words the index reads standing together, as `reading`
        cuts it; None where it cannot be."""
        by_pairs = self.populated(["reading_pairs"]) == ["reading_pairs"]
        return segment_reading(
            reading,
            self.read_as,
            self.stand_together if by_pairs else None,
            known_first=self.read_first,
        )

    def compound_share(self, word: str, after: str) -> float:
        """In how many of the documents holding a word read `word` it stands read so
        with a word read `after` (the reading pairs), as a share."""
        holding = self.reader.doc_frequency("reading", word)
        together = self.reader.doc_frequency("reading_pairs", pair_key(word, after))
        return together / holding if holding else 0.0

    def read_with_particles(self, words: Words, *, highlight: bool) -> list[wq.Query]:
        """A reading of words with particles between them (こうしょうのゆくえ),
        which no reading of words standing together spells, also searched as the articles
        write its words (`phrase_spellings`: 交渉, 行方), as that phrase typed is, the
        particle's gap kept (にほんのだいひょう is no 日本代表). MeCab cut the kana otherwise
        (とうきょう|の|やけ|い), and the reading pairs hold compounds only: 0 hits where the
        kanji phrase found 2. Only where each word is one the index reads, of 2 kana or
        more (`particle_pieces`: しな|が|ら, ほしい|で|す refused), particles stand between
        words (those ending it left out: こうしょうのゆくえが), and every word was found
        written so; else []. As typed, the reading is searched as if finished."""
        reading = words.reading
        if reading is None or reading_field(words.fields) != "reading":
            return []
        pieces = self.particle_pieces(reading)
        if pieces is None:
            return []
        while pieces[-1] in PHRASE_PARTICLES:
            pieces.pop()
        runs: list[list[str]] = [[]]
        for piece in pieces:
            if piece in PHRASE_PARTICLES:
                runs.append([])
            else:
                runs[-1].append(piece)
        if len(runs) == 1 or not all(runs):
            # particles after words only: the kana as ever (いるので is no いる, found as
            # 居る, 要る: 2,100 articles of ldcc, 6,464 so; にほんのや typed no にほん)
            return []
        spellings = phrase_spellings(self.reader, tuple(map(tuple, runs)), typed=words.unfinished)
        if not all(spellings):
            return []
        places = [at for at, piece in enumerate(pieces) if piece not in PHRASE_PARTICLES]
        queries: list[wq.Query] = []
        shown: list[Highlight] = []
        for written in itertools.islice(itertools.product(*spellings), PHRASE_SPELLINGS):
            found, found_shown = self.phrase(
                words.fields,
                list(zip(places, written, strict=True)),
                last_reading=pieces[-1],
            )
            queries += found
            shown += found_shown
        self.clause_shown(shown, highlight=highlight)
        return queries

    def particle_pieces(self, reading: str) -> list[str] | None:
        """`reading` cut into words and the particles between them (こうしょう|の|ゆくえ),
        or after them, when it spells no words standing together and so holds a particle
        not at its start, each word one the index reads, of PARTICLE_WORD kana or more
        (しな|が|ら, どう|や|ら, ほしい|で|す refused: ら, す are words too); else None."""
        if not self.populated(["reading_pairs"]):
            return None
        if segment_reading(reading, self.read_as, self.stand_together, known_first=self.read_first):
            return None

        def joined(first: str, second: str) -> bool:
            if first in PHRASE_PARTICLES or second in PHRASE_PARTICLES:
                return True
            return self.stand_together(first, second)

        def word(piece: str) -> bool:
            return len(piece) >= PARTICLE_WORD and self.read_as(piece)

        pieces = segment_reading(
            reading,
            lambda piece: piece in PHRASE_PARTICLES or word(piece),
            joined,
            known_first=lambda piece: (
                piece not in PHRASE_PARTICLES
                and len(piece) >= PARTICLE_WORD
                and self.read_first(piece)
            ),
        )
        if pieces is None or not any(piece in PHRASE_PARTICLES for piece in pieces):
            return None
        return pieces

    def reading_shown(self, reading: str, *, unfinished: bool, highlight: bool) -> None:
        """Show the words of a reading searched besides those typed (`Compiled.reading_variants`)
        where the clause's matches are shown (`highlight`)."""
        if highlight:
            self.reading_variants.append((reading, unfinished))

    def clause_shown(self, shown: list[Highlight], *, highlight: bool) -> None:
        """Keep the clause's matches to show (`shown`, and its readings' in `read_on_shown`)
        and its longer words (`read_on_written`) where its matches are shown (`highlight`);
        either way they are no next clause's."""
        if highlight:
            self.highlights += shown + self.read_on_shown
            self.read_on_kept += self.read_on_written
        self.read_on_shown = []
        self.read_on_written = []

    def read_otherwise(
        self, words: Words, pieces: Sequence[tuple[int, str]]
    ) -> list[list[tuple[int, str]]]:
        """`pieces` (a finished word's phrase, not a reading's) with a word's other lemma,
        for each MeCab gives it in its next-best readings (`other_lemmas`): 丸ごと alone
        is 丸|毎, and 丸|ごと where an article writes it (title:丸ごと found neither title
        writing it). As typed too, the word searched as if finished: the count does not
        rise at Enter (近付け over ldcc: 48 as typed, 346 at Enter, as 近付く is read too)."""
        if words.reading is not None:
            return []
        return self.with_others(words, pieces, other_lemmas(words.text))

    def cut_in_context(
        self, words: Words, pieces: Sequence[tuple[int, str]]
    ) -> list[list[Morpheme]]:
        """The content words of a finished clause as MeCab cuts them where a text goes on
        after them (`cuts_in_context`), each cut that differs from `pieces` (the clause
        as cut alone), for a phrase searched besides it: a query ends where a text does
        not, and MeCab cuts a word it does not know by what follows (ドコモのスマホ ends
        in スマ|ホ, ドコモのスマホに holds スマホ: 0 hits of ldcc, now 22). Not a word being
        typed (its last word is a prefix already) nor a reading."""
        if words.unfinished or words.reading is not None or len(pieces) != len(words.content):
            return []
        found: list[list[Morpheme]] = []
        for cut in cuts_in_context(words.text):
            content = [m for m in cut if not m.stop]
            if content and [(m.pos, m.folded) for m in content] != list(pieces):
                found.append(content)
        return found

    def cut_after_noun(
        self, words: Words, pieces: Sequence[tuple[int, str]]
    ) -> list[tuple[list[tuple[int, str]], list[str]]]:
        """`pieces` with a word of CUT_KANJI kanji at most, one word as typed alone, cut
        into the words a text after another noun holds it as (テレビ業界: テレビ|業|界, 業
        and 界 suffixes; 医療用品: 医療|用|品), each with the reading pairs that read the
        parts as the word is read (ぎょう|かい), which its phrase must find too: 3人目's
        人|目 (にん|め) is no 人目 (ひとめ), while its pair 人|目 is the same. Such a word
        alone is one noun, searched so, and found 132 of the 279 articles of ldcc writing
        業界 (as typed, the pair 業|界 begun: 274). A pair makes it precise: 京都 is no
        東京都 (東京|都). Not the word being typed (its prefix is searched already) nor
        a reading; a word that no text cuts so (most) costs a lookup or two."""
        if (
            words.reading is not None
            or not self.has_pairs
            or not self.reading_pairs_positions
            or len(pieces) != len(words.content)
        ):
            return []
        found: list[tuple[list[tuple[int, str]], list[str]]] = []
        # The word being typed is the last typed, no particle after it: 業界の as typed
        # cut 業界 no more (132 of ldcc, where 業界 typed and 業界の at Enter find 274)
        being_typed = len(pieces) - 1 if words.unfinished and not words.morphemes[-1].stop else -1
        for index, morpheme in enumerate(words.content):
            word, reading = morpheme.folded, morpheme.reading
            if (
                index == being_typed
                or not 2 <= len(word) <= CUT_KANJI
                or word != morpheme.surface
                or not all(map(is_kanji, word))
                or not reading
            ):
                continue
            at = pieces[index][0]
            for parts in _cuts(word):
                keys = list(map(pair_key, parts, parts[1:]))
                if not all(self.has("pairs", key) for key in keys):
                    continue
                readings = next(
                    (
                        read_keys
                        for read_keys in (
                            list(map(pair_key, read, read[1:]))
                            for read in _cuts(reading, len(parts))
                        )
                        if all(self.has("reading_pairs", key) for key in read_keys)
                    ),
                    None,
                )
                if readings is None:
                    continue
                shift = len(parts) - 1
                found.append(
                    (
                        [
                            *pieces[:index],
                            *((at + offset, part) for offset, part in enumerate(parts)),
                            *((pos + shift, term) for pos, term in pieces[index + 1 :]),
                        ],
                        readings,
                    )
                )
        return found

    def katakana_spelled(
        self, words: Words, pieces: Sequence[tuple[int, str]]
    ) -> list[list[Morpheme]]:
        """The content words of a clause ending in a katakana word typed in hiragana
        after other words, as written in katakana (`spelled_in_katakana`), each cut that
        differs from `pieces`, for a phrase searched besides it: MeCab cut the hiragana
        into other words (日本|の|さっ|かー), so ドコモのすまほ found 22 articles of ldcc as
        typed, its last word read again as a prefix (`unfinished`), and 0 at Enter. Of
        the ways whose katakana words the index holds, the one read as the fewest words:
        the word typed, not its kana read as short words the index holds too (韓国のね|ッ|ト
        for 韓国の|ネット, 日本|ニモ|サッカー for 日本にも|サッカー), none where that way
        is the words as typed: 東京のかおには is 東京の|カオ|には (顔), not 東京の|か|オニ|は
        (which found 東京には鬼). As typed too, the word searched as if finished
        (女子のりある, 女子|のり|ある, whose last words no prefix makes a リアル): the
        count does not rise at Enter. Not a reading (the word alone, all of it in
        hiragana, is searched as read)."""
        if words.reading is not None or len(pieces) != len(words.content):
            return []
        fieldnames = self.populated(words.fields)
        ways: list[tuple[int, int, int, list[list[Morpheme]]]] = []
        last = words.content[-1].end if words.content else 0
        for order, (start, cuts) in enumerate(spelled_in_katakana(words.text)):
            found = [
                content
                for content in ([m for m in cut if not m.stop] for cut in cuts)
                if content
                and all(
                    any(self.has(name, m.folded) for name in fieldnames)
                    for m in content
                    if m.start >= start
                )
            ]
            if found:
                fewest = min(sum(m.start >= start for m in content) for content in found)
                # kana left before the katakana that are no particles (東京|た|ワー for
                # 東京たわー, た a past: 東京|タワー is meant)
                stray = min(
                    sum(
                        m.stop and last <= m.start < start and m.surface not in PARTICLES
                        for m in cut
                    )
                    for cut in cuts
                )
                ways.append((fewest, stray, order, found))
        best = min(ways)[3] if ways else []
        return [content for content in best if [(m.pos, m.folded) for m in content] != list(pieces)]

    def spelled_otherwise(
        self, words: Words, pieces: Sequence[tuple[int, str]]
    ) -> list[list[tuple[int, str]]]:
        """`pieces` (a finished word's phrase) with a verb typed in kana spelled as its
        lemma's other spellings read so (とる: 撮る, `other_spellings`), weighed below
        the word's own (OTHER_SPELLING)."""
        return self.with_others(words, pieces, other_spellings(words.text))

    def with_others(
        self,
        words: Words,
        pieces: Sequence[tuple[int, str]],
        others: tuple[tuple[str, ...], ...],
    ) -> list[list[tuple[int, str]]]:
        """`pieces` with one word replaced by each of its `others` (per position of its
        morphemes) the index holds (most words have none)."""
        if not others or len(pieces) != len(words.content):
            return []
        found: list[list[tuple[int, str]]] = []
        for index, (pos, _) in enumerate(pieces):
            for term in others[pos] if pos < len(others) else ():
                if any(self.has(name, term) for name in self.populated(words.fields)):
                    found.append([*pieces[:index], (pos, term), *pieces[index + 1 :]])
        return found

    def spelled_apart(
        self, words: Words, pieces: Sequence[tuple[int, str]]
    ) -> list[list[tuple[int, str]]]:
        """`pieces` (a phrase of several words) with a katakana word MeCab knows spelled as
        the kana words the index holds it as, standing together, where a text's context
        cut it so (ガンダム|uc as ガン|ダム|uc: 機動戦士ガンダムUC is read so), one for
        each such word of KATAKANA_SPELLED kana or more. (A word alone is searched so
        by `katakana_reading`.)"""
        if words.reading is not None or len(pieces) < 2 or len(pieces) != len(words.content):
            return []
        found: list[list[tuple[int, str]]] = []
        for index, morpheme in enumerate(words.content):
            word = morpheme.folded
            if (
                len(morpheme.surface) < KATAKANA_SPELLED
                or not _KATAKANA_TERM.fullmatch(morpheme.surface)
                or word != fold_kana(morpheme.surface)
            ):
                continue
            spelled = self.kana_words(word)
            if not spelled:
                continue
            at, shift = pieces[index][0], len(spelled) - 1
            found.append(
                [
                    *pieces[:index],
                    *((at + offset, piece) for offset, piece in enumerate(spelled)),
                    *((pos + shift, term) for pos, term in pieces[index + 1 :]),
                ]
            )
        return found

    def hyphenated_otherwise(
        self, words: Words, pieces: Sequence[tuple[int, str]]
    ) -> list[list[tuple[int, str]]]:
        """`pieces` with a Latin word hyphenated as written without the hyphen (Wi-Fi:
        wifi), or one written whole as hyphenated (WiFi: wi|-|fi), where the index holds
        it so: an article writes either (Wi-Fi 360 of ldcc's articles, WiFi 59, both
        33). Of HYPHENATED_MIN letters or more, whole (not part of F-09D, Hi-Fi-Set);
        the halves of one written whole are those the index holds with a hyphen between
        (`pairs`: wi|-, -|fi), as a phrase, whose positions say whether they stand so."""
        if words.reading is not None or len(pieces) != len(words.content):
            return []
        content = words.content
        found: list[list[tuple[int, str]]] = []
        fields = self.populated(words.fields)
        for index, morpheme in enumerate(content):
            at = pieces[index][0]
            if (
                index + 2 < len(content)
                and content[index + 1].folded == "-"
                and _LATIN_TERM.fullmatch(morpheme.folded)
                and _LATIN_TERM.fullmatch(content[index + 2].folded)
                and _whole_latin(words, morpheme.pos, content[index + 2].pos)
            ):
                joined = morpheme.folded + content[index + 2].folded
                if len(joined) >= HYPHENATED_MIN and any(self.has(f, joined) for f in fields):
                    found.append(
                        [
                            *pieces[:index],
                            (at, joined),
                            *((pos - 2, term) for pos, term in pieces[index + 3 :]),
                        ]
                    )
            word = morpheme.folded
            if (
                self.has_pairs
                and len(word) >= HYPHENATED_MIN
                and _LATIN_TERM.fullmatch(word)
                and _whole_latin(words, morpheme.pos, morpheme.pos)
            ):
                for cut in range(1, len(word)):
                    first, second = word[:cut], word[cut:]
                    if self.has("pairs", pair_key(first, "-")) and self.has(
                        "pairs", pair_key("-", second)
                    ):
                        found.append(
                            [
                                *pieces[:index],
                                (at, first),
                                (at + 1, "-"),
                                (at + 2, second),
                                *((pos + 2, term) for pos, term in pieces[index + 1 :]),
                            ]
                        )
        return found

    def loanword_lemma(self, words: Words) -> list[list[tuple[int, str]]]:
        """A word typed in hiragana that spells katakana words MeCab knows, read as typed,
        as those words' lemmas and their other lemmas MeCab gives them (`other_lemmas`),
        each another spelling of the word (こんぴゅーた: コンピュータ, whose lemma
        コンピューター both spellings are indexed as; あいふぉん: アイ|フォン, フォン read
        フォーン too): the katakana typed found both (86 of ldcc; アイフォン 7), its kana only
        the articles reading so (48; 1), at Enter. Several words, each a loanword (アイ|
        フォン) or spelt with a small kana or ー, which MeCab cuts into other words in
        hiragana (あいふぉーん: あー|言う|ぉ|ー|んっ, 4 of アイフォーン's 6: アイホン's lemma
        is フォーン). [] for any other word (the lemma in kanji, はし: 箸, is one of the
        readings searched), and for a lemma spelt otherwise than by its long vowels
        (けいき: ケーキ) unless the kana typed hold a small vowel (ふぇいすぶっく: フェース|
        ブック), which no word of Japanese spells."""
        reading = words.reading
        if reading is None or not words.morphemes or (words.unfinished and len(reading) < 2):
            return []
        found = morphemes(reading.translate(HIRAGANA_TO_KATAKANA))
        if (
            not found
            or any(m.stop or not m.reading for m in found)
            or "".join(m.reading for m in found) != reading
            or not all(_KATAKANA_TERM.fullmatch(m.term) for m in found)
        ):
            return []
        small = any(kana in _SMALL_VOWELS for kana in reading)
        if len(found) > 1 and (
            # a word, not one before a particle spelt as a katakana word (でーた|から)
            found[-1].reading in PARTICLES
            # a loanword's words (アイ|フォン), not kana MeCab reads so (あいて: アイ|テ),
            # nor a word's reading (じんせい: 人生, not ジン|セイ)
            or not (
                small
                or "ー" in reading
                or (not self.has("reading", reading) and all(loanword(m.surface) for m in found))
            )
        ):
            return []
        fields = self.populated(words.fields)

        def spelling(lemma: str, read: str) -> bool:
            # Another spelling of the same word, by its long vowels alone (コンピュータ,
            # コンピューター): not another word read alike (けいき: ケイキ, whose lemma is
            # ケーキ; へや: ヘア; しょう: ショー), which found cakes for 景気.
            return (small or lemma.replace("ー", "") == read.replace("ー", "")) and any(
                self.has(name, lemma) for name in fields
            )

        lemmas: list[tuple[str, ...]] = [(m.folded,) for m in found]
        others = other_lemmas(reading.translate(HIRAGANA_TO_KATAKANA)) if len(found) > 1 else ()
        if others:
            lemmas = [(m.folded, *other) for m, other in zip(found, others, strict=True)]
        spellings = [
            [lemma for lemma in dict.fromkeys(spelt) if spelling(lemma, m.reading)]
            for m, spelt in zip(found, lemmas, strict=True)
        ]
        if not all(spellings):
            return []
        at = words.morphemes[0].pos
        typed = [(m.pos, m.folded) for m in words.content]
        return [
            pieces
            for pieces in (
                [(at + offset, lemma) for offset, lemma in enumerate(cut)]
                for cut in itertools.product(*spellings)
            )
            if len(pieces) == 1 or pieces != typed
        ][:LOANWORD_SPELLINGS]

    def kana_words(self, kana: str) -> list[str] | None:
        """`kana` (a katakana word, folded) cut into the kana words the index holds standing
        together (`pairs`), each of two kana or more (がんだむ: がん|だむ); None where
        it holds none so."""
        spelled = segment_reading(
            kana,
            lambda piece: piece != kana and self.read_as(piece),
            lambda first, second: self.has("pairs", pair_key(first, second)),
            known_first=lambda piece: piece != kana and self.read_first(piece),
        )
        if not spelled or len(spelled) < 2 or min(map(len, spelled)) < 2:
            return None
        return spelled

    def reads_nothing(self, clause: Clause) -> bool:
        """Whether `clause` is words of particles alone (です, ぞう) that no word of the
        index is read as either (ぞう is 象's reading): nothing to search for. Not a word
        the index reads then particles (れべるで: MeCab read れ|べ|る|で, all particles and
        auxiliaries, and Enter said so where as typed 291 articles of ldcc hold レベル:
        `before_particles`)."""
        if not particles_only(clause) or self.before_particles(clause) is not None:
            return False
        reading, field = clause.reading, reading_field(clause.fields)
        if reading is None or field is None:
            return True
        variant = reading_variant(reading, lambda piece: self.has(field, piece))
        return not self.has(field, reading) and variant is None

    def katakana_reading(self, words: Words) -> str | None:
        """A katakana word's kana (ルミコネ: るみこね), to search as a reading besides its
        phrase, when MeCab cut it into several words (ルミ|コネ): the text's own cut
        differs with the context (「ルミコネ」 one word, サラテ サラ|テ or 皿|手) and so
        do the lemmas (テ alone is ティー), where the reading of the words written so
        is the kana written (see KATAKANA_READ). As typed too, as a whole word: the count
        does not fall when Enter is pressed (サラテ as a prefix found 1 article, then 0)."""
        if reading_field(words.fields) is None:
            return None
        count = len(words.content)
        if (
            count == 1
            and "body" in words.fields
            and (unknown_word(words.text) or len(words.text) >= KATAKANA_SPELLED)
        ):
            # One word MeCab does not know (マツコデラックス), which a text may write with
            # a ・ where MeCab reads the parts (マツ|コ|・|デラックス, the reading passing
            # over the ・): 5 of ldcc's 23 articles found, as written only. (Not title:,
            # whose reading is its words anywhere in the title, not standing together.)
            # One it knows likewise, which a text's context may cut (ガンダム: ガン|ダム in
            # 機動戦士ガンダムUC, the article most about it missed), where the text writes
            # those words in kana (`reading`'s `kana_written`).
            count = KATAKANA_READ
        return katakana_as_read(words.text, count)

    def katakana_being_typed(self, words: Words) -> str | None:
        """The kana of a katakana word being typed (リポー: りぽー), of 3 kana or more, to
        match as the start of a reading one kana longer at most, as the kana the text
        writes: its start stood for words written so (its lemma's, レポート of リポート,
        携帯 of ケータイ), so over ldcc リポー found none of the 22 articles writing
        リポート, ツッコ none of ツッコミ's 80, イマイ none of イマイチ's 64. (Longer, a
        reading is a kanji word's as often: ハッピ, はっぴょう, 発表's 1,499 articles; 1 or 2
        kana begin too many. A reading only a loanword has is one however long: see
        `katakana_typed_as_read`.) None for any other word."""
        if not words.unfinished or "・" in words.text:
            return None
        if reading_field(words.fields) != "reading" or not _KATAKANA_TERM.fullmatch(words.text):
            return None
        kana = fold_kana(words.text)
        return kana if len(kana) >= 3 and is_reading(kana) else None

    def dotted_being_typed(self, words: Words) -> tuple[str, list[wq.Query]] | None:
        """(its kana, queries) for a katakana name with ・ whose last part is being typed
        (ジョニー・デ), as read: the parts before read as words, then a word the part typed
        begins, standing together as the reading fields hold them (across the ・:
        `index.analysis.silent_dot`); and the name as one word read so (マツコデラックス).
        As written, a word after a ・ is no neighbour in `pairs`, and the start typed stood
        for the most frequent words it begins anywhere (デ: デザイン, データ…): over ldcc
        ジョニー・デ found 3 articles, ジョニー・デップ 23 at Enter (ハリー・ポッタ 31, then 33).
        None for any other word."""
        head, dot, rest = words.text.rpartition("・")
        if not dot or not head or not rest or reading_field(words.fields) != "reading":
            return None
        if not _KATAKANA_TERM.fullmatch(words.text):
            return None
        before, typed = fold_kana(head.replace("・", "")), fold_kana(rest)
        if not is_reading(before) or not is_reading(typed):
            return None
        queries: list[wq.Query] = []
        # As one word only from a name's length on: あい (ア・イ) began 愛 and 相手, 3,521
        # articles as typed, 1,119 at Enter. Shorter, only a word UniDic knows with its ・
        # (セ・リーグ, read せ・りーぐ where a reading keeps it, else せりーぐ): セ・リ found
        # none of the 18 articles of ldcc.
        if len(before + typed) >= KATAKANA_SPELLED:
            as_one = self.expand("reading", before + typed, standalone=False)
        else:
            dotted = self.expand("reading", fold_kana(words.text), standalone=False)
            undotted = (term.replace("・", "") for term in dotted)
            as_one = dotted + [term for term in undotted if self.has("reading", term)]
        if as_one:
            queries.append(_prefix_or("reading", as_one))
        pieces = segment_reading(
            before,
            self.read_as,
            lambda first, second: self.has("reading_pairs", pair_key(first, second)),
            known_first=self.read_first,
        )
        if pieces:
            following = self.expand("reading_pairs", pair_key(pieces[-1], typed), standalone=False)
            if following:
                terms = [
                    wq.Term("reading_pairs", pair_key(first, second))
                    for first, second in itertools.pairwise(pieces)
                ]
                queries.append(self.read_together(terms, following))
        return before + typed, queries

    def kana_word_known(self, words: Words) -> bool:
        """Whether a hiragana word that MeCab read with a particle or other word left
        out of the index (so its phrase would not spell it) is a term as typed: a
        content term (katakana folded) or a reading."""
        text = words.reading
        if text is None or not any(m.stop for m in words.morphemes) or helps(words):
            return False
        return self.has("reading", text) or any(
            self.has(name, text) for name in self.populated(words.fields)
        )

    def unfinished(self, words: Words) -> Iterator[tuple[list[wq.Query], list[Highlight]]]:
        """(queries, highlights) for each reading of an unfinished word.

        The complete words before the last 1..3 morphemes stay words; the tail
        is re-split (split_tail) and its unfinished end must follow them as a
        prefix: through the pairs field, `last word + separator + prefix` expands
        to exactly the words that do follow it, so the count is that of the
        documents with such a continuation — no jump when the word completes.
        """
        found = words.morphemes
        seen: set[str] = set()
        variants: set[tuple[tuple[str, ...], str]] = set()
        for count in range(1, min(PREFIX_MORPHEMES, len(found)) + 1):
            cut = len(found) - count
            if words.reading is not None and any(m.stop for m in found[:cut]):
                # A reading MeCab cut into particles (じょ|にー|で|っ|ぷ): the words after
                # them, left alone, are no reading of what was typed (でっぷ… anywhere:
                # じょにーでっぷ 26 hits as typed, 23 at Enter); the reading is searched.
                continue
            tail = fold_kana(normal_form(words.text[found[cut].start :]).lower())
            if found[cut].folded == decimals_term(found[cut].surface):
                # the digits after a decimal point, whose term is .1 (802.1: 802.11)
                tail = "." + tail
            if not tail or tail in seen:
                continue
            seen.add(tail)
            head = [(m.pos, m.folded) for m in found[:cut] if not m.stop]
            for known, rest in self.split_tail(words.fields, tail):
                pieces = head + [(found[cut].pos + i, term) for i, term in enumerate(known)]
                key = (tuple(term for _, term in pieces), rest)
                if key in variants:
                    continue
                variants.add(key)
                self.variant_keys.add(key)
                rest_pos = pieces[-1][0] + 1 if known else found[cut].pos
                yield self.prefix_variant(words.fields, pieces, rest, rest_pos)
        yield from self.hyphenated_being_typed(words)

    def kana_begun_variants(self, words: Words) -> Iterator[tuple[list[wq.Query], list[Highlight]]]:
        """(queries, highlights) of the words typed followed by a word whose reading the
        kana typed last begin: the text as MeCab reads it typed on to the end of such a
        reading (`KANA_BEGUN` readings of the index at most, the most frequent), in the
        script typed (`kana_starts`).

        MeCab reads a word's first kana, typed after others, as a word of their own or
        joins them to a particle before them (時間が|かか, an adverb; 東京の|ま, a filler;
        ありがとう|ご, a symbol; 料理|がたく, 難い), so their prefix was no term of the word
        to come, whose lemma is in kanji (掛かる, 町, 御座る, 沢山): the count fell to 0
        and came back a keystroke later (ldcc: 時間がか 1,872, 時間がかか 0, 時間がかかる
        133). Typed on so, 時間がかかる is 時間|が|掛かる."""
        if read_in_the_negative(words) or voiced_start(words):
            return  # kana MeCab misreads, whose words are not searched as written either
        text = words.text
        begun: dict[tuple[tuple[tuple[int, str], ...], int], list[str]] = {}
        several: dict[tuple[tuple[int, str], ...], None] = {}
        for start, katakana in kana_starts(words):
            typed = text[start:]
            readings = self.expand("reading", fold_kana(typed), standalone=False)
            most = KANA_BEGUN_SHORT if len(typed) == 1 else KANA_BEGUN
            if len(readings) > most:
                self.capped = True
                readings = readings[:most]
            for reading in readings:
                written = reading.translate(HIRAGANA_TO_KATAKANA) if katakana else reading
                word = _word_begun(text[:start], written, len(typed))
                if word is None or not _read_as_typed(
                    words.morphemes, start, word[0], katakana=katakana
                ):
                    continue
                pieces = tuple((m.pos, m.folded) for m in word[0] if not m.stop)
                if not pieces:
                    continue
                if len(word[1]) > 1:  # a compound MeCab reads in words (スカイ|ツリー)
                    several[pieces + word[1]] = None
                else:
                    terms = begun.setdefault((pieces, word[1][0][0]), [])
                    if word[1][0][1] not in terms:
                        terms.append(word[1][0][1])
                found = self.kana_begun
                if not found or len(typed) < len(found):
                    self.kana_begun = typed
        for (pieces, pos), terms in begun.items():
            yield self.prefix_variant(words.fields, list(pieces), "", pos, words_begun=terms)
        for phrase in itertools.islice(several, KANA_BEGUN_PHRASES):
            yield self.phrase(words.fields, phrase)

    def hyphenated_being_typed(
        self, words: Words
    ) -> Iterator[tuple[list[wq.Query], list[Highlight]]]:
        """(queries, highlights) of an unfinished Latin word as it may be written with a
        hyphen or without when finished (`hyphenated_otherwise`): Wi- and Wi-F as wi… and
        wif…, WiF as wi|-|f… (after each first part the index holds with a hyphen after
        it). The count then falls as the word grows, where it rose when the word was
        finished (WiF 59, WiFi 392 over ldcc; G-ma 3, G-mail 27)."""
        found = words.morphemes
        if len(found) < 1 or words.reading is not None or not self.has_pairs:
            return
        last = found[-1]
        head = [(m.pos, m.folded) for m in found[:-1] if not m.stop]
        if last.stop:
            # a hyphen typed after a Latin word: the word it may be written without
            before = found[-2] if len(found) > 1 else None
            if (
                last.folded in _HYPHENS
                and before is not None
                and not before.stop
                and before.end == last.start
                and _LATIN_TERM.fullmatch(before.folded)
                and _alone_before(words, before.pos)
            ):
                yield self.prefix_variant(words.fields, head[:-1], before.folded, before.pos)
            return
        if not _LATIN_TERM.fullmatch(last.folded):
            return
        if (
            len(found) >= 3
            and not found[-2].stop
            and found[-2].folded == "-"
            and _LATIN_TERM.fullmatch(found[-3].folded)
            and _alone_before(words, found[-3].pos)
        ):
            joined = found[-3].folded + last.folded
            yield self.prefix_variant(words.fields, head[:-2], joined, found[-3].pos)
        word = last.folded
        if not _alone_before(words, last.pos):
            return
        for cut in range(1, len(word)):
            first = word[:cut]
            if self.has("pairs", pair_key(first, "-")):
                pieces = [*head, (last.pos, first), (last.pos + 1, "-")]
                yield self.prefix_variant(words.fields, pieces, word[cut:], last.pos + 2)

    def prefix_variant(
        self,
        fieldnames: Sequence[str],
        pieces: list[tuple[int, str]],
        rest: str,
        rest_pos: int,
        *,
        words_begun: Sequence[str] | None = None,
    ) -> tuple[list[wq.Query], list[Highlight]]:
        """Complete words at their positions followed, at `rest_pos`, by a word being
        typed: one the prefix `rest` begins or, given `words_begun`, one of those terms
        (whole: the words kana being typed begin, `read_as_begun`). Through the pairs
        field where the words stand together, else checked by position in each field."""
        if not pieces:
            return self.prefix_alone(fieldnames, rest)
        last_pos, last = pieces[-1]
        gap = rest_pos - last_pos
        queries: list[wq.Query] = []
        following: list[str] = []
        if self.uses_pairs(fieldnames, [*pieces, (rest_pos, rest)]):
            terms = self.pair_terms(pieces) if len(pieces) > 1 else []
            keys = None if words_begun is None else [pair_key(last, t, gap) for t in words_begun]
            expanded = self.completions("pairs", pair_key(last, rest, gap), keys)
            if terms is None or not expanded:
                return [], []
            following = list(dict.fromkeys(pair[len(last) + gap :] for pair in expanded))
            pairs = _every([*terms, _prefix_or("pairs", expanded)])
            verified = self.verified(pairs, fieldnames, pieces, following if gap == 1 else ())
            # As the finished phrase's: the order does not change when Enter is pressed.
            queries.append(self.with_title_bonus(verified, fieldnames, pieces))
        shown: list[Highlight] = []
        for fieldname in self.populated(fieldnames):
            if not all(self.has(fieldname, term) for _, term in pieces):
                continue
            if following:
                here = [term for term in following if self.has(fieldname, term)]
            else:  # title: only, a gap across a particle, no pairs field
                here = self.completions(fieldname, rest, words_begun)[:VERIFIED_PREFIX_TERMS]
                if here:
                    queries.append(self.followed_in_place(fieldname, pieces, rest_pos, here))
            if here:
                slots: list[tuple[int, Sequence[str]]] = [(p, (t,)) for p, t in pieces]
                slots.append((rest_pos, here[:HIGHLIGHT_PREFIX_TERMS]))
                shown.append(_highlight(fieldname, slots))
        return queries, shown

    def prefix_alone(
        self, fieldnames: Sequence[str], rest: str
    ) -> tuple[list[wq.Query], list[Highlight]]:
        """A word being typed with no words before it: the terms `rest` begins (`expand`)."""
        queries: list[wq.Query] = []
        shown: list[Highlight] = []
        for fieldname in self.populated(fieldnames):
            expanded = self.expand(fieldname, rest, standalone=True)
            if expanded:
                queries.append(_boosted(fieldname, _prefix_or(fieldname, expanded)))
                shown.append(_highlight(fieldname, [(0, expanded[:HIGHLIGHT_PREFIX_TERMS])]))
        return queries, shown

    def completions(
        self, fieldname: str, start: str, whole: Sequence[str] | None = None
    ) -> list[str]:
        """The terms of `fieldname` a word being typed may be: the most frequent that
        `start` begins (`expand`), or, given `whole` (the words kana typed begin, as the
        field's terms), those of them the field holds."""
        if whole is None:
            return self.expand(fieldname, start, standalone=False)
        return [term for term in whole if self.has(fieldname, term)]

    def followed_in_place(
        self,
        fieldname: str,
        pieces: Sequence[tuple[int, str]],
        rest_pos: int,
        following: Sequence[str],
    ) -> wq.Query:
        """Words at their positions in `fieldname`, then one of `following` at `rest_pos`:
        their AND, checked by position as the pairs' are. The AND alone found 日本を代 in
        911 articles of ldcc (日本 and any 代… anywhere), then 39 at Enter on 日本を代表."""
        words = [wq.Term(fieldname, t) for t in dict.fromkeys(t for _, t in pieces)]
        first = pieces[0][0]
        placed = (
            *((pos - first, (term,)) for pos, term in pieces),
            (rest_pos - first, tuple(following)),
        )
        candidates = _every([*words, _prefix_or(fieldname, following)])
        return _boosted(fieldname, VerifiedPhrase(candidates, (fieldname,), placed))

    def pair_field(self, first: str, second: str) -> str | None:
        """Where the index holds `first` then `second`: kana words (すまーと|ふぉん)
        as themselves in `pairs`, parts of compounds by reading in `reading_pairs`
        (asked once a pair: a reading is segmented several times)."""
        key = pair_key(first, second)
        if key not in self.pair_fields:
            if self.has("reading_pairs", key):
                self.pair_fields[key] = "reading_pairs"
            else:
                held = self.has_pairs and self.has("pairs", key)
                self.pair_fields[key] = "pairs" if held else None
        return self.pair_fields[key]

    def stand_together(self, first: str, second: str) -> bool:
        """Whether the index holds `first` then `second` (in either pairs field)."""
        return self.pair_field(first, second) is not None

    def reading(
        self,
        reading: str,
        *,
        unfinished: bool,
        split: bool = False,
        covered: Sequence[str] = (),
        read_on: bool = False,
        whole: bool = True,
        continued: bool = False,
        kana_written: bool = False,
    ) -> Iterator[wq.Query]:
        """A reading of one word as its term; of several (ていせんこうしょう), as the
        pairs of words standing together (an index holding no reading pairs: an AND
        of the words, wherever each is). `split`: a reading the index holds as one word
        is also searched as several standing together (さらて: サラテ, and 皿|手 where
        MeCab read the same katakana so), unless as the words `covered` already (スマート|
        フォン, found as written: matching every スマートフォン again cost ~20 ms).
        `read_on` (a finished reading typed in hiragana): the last of several words also
        stands for the longer words it begins (`read_on`: しょうひぜい, 消費|税込み).
        `whole`: a reading the index holds as one word is searched so (else only split).
        `continued` (a katakana word being typed, searched as if finished): also as words
        then the start of the next (`reading_continued`), as a reading being typed is.
        `kana_written` (a katakana word MeCab knows, searched split): the words it is split
        into only where the article writes them in kana too, each a term of its text as
        written: the reading pairs also hold a kanji homophone's (イチバン as 一|晩, 15
        articles of ldcc; イマイチ as 今|一 of 今一度, 15)."""
        by_pairs = self.populated(["reading_pairs"]) == ["reading_pairs"]
        pieces = self.segmented(reading)
        if pieces and len(pieces) == 1:
            if whole:
                yield wq.Term("reading", pieces[0])
            if not split and by_pairs and self.has_pairs:
                yield from self.spelled_in_kana(reading)
            if split and by_pairs:
                pieces = self.split_reading(reading)
        # the words `covered` already matched as written, not read apart more often
        already_found = bool(covered) and pieces == list(covered) and not self.read_apart(pieces)
        if pieces and len(pieces) > 1 and not already_found:
            if by_pairs:
                yield from self.several_words(
                    pieces, unfinished=unfinished, read_on=read_on, kana_written=kana_written
                )
            else:
                yield _every([wq.Term("reading", piece) for piece in pieces])
        yield from self.reading_being_typed(
            reading, unfinished=unfinished, continued=continued, by_pairs=by_pairs
        )

    def split_reading(self, reading: str) -> list[str] | None:
        """A reading the index holds as one word, as several words standing together
        (さらて: 皿|手), never as that one word again."""
        return segment_reading(
            reading,
            lambda piece: piece != reading and self.read_as(piece),
            self.stand_together,
            known_first=lambda piece: piece != reading and self.read_first(piece),
        )

    def several_words(
        self, pieces: Sequence[str], *, unfinished: bool, read_on: bool, kana_written: bool
    ) -> Iterator[wq.Query]:
        """A reading of several words (`pieces`) as the pairs of words standing together,
        the last also as the longer words it begins (`last_word_longer`); `kana_written`:
        only where each word is written in kana too (see `reading`)."""
        terms = [
            wq.Term(self.pair_field(first, second), pair_key(first, second))
            for first, second in itertools.pairwise(pieces)
        ]
        longer = self.last_word_longer(pieces, terms[-1], unfinished=unfinished, read_on=read_on)
        together = self.read_together(terms, longer=longer)
        if not kana_written:
            yield together
            return
        fields = self.populated(list(TEXT_FIELDS))
        spelled = [
            [wq.Term(name, piece) for name in fields if self.has(name, piece)]
            for piece in dict.fromkeys(pieces)
        ]
        if all(spelled):
            yield wq.And([together, *map(_any, spelled)])

    def last_word_longer(
        self, pieces: Sequence[str], last_pair: wq.Term, *, unfinished: bool, read_on: bool
    ) -> list[LongerWord]:
        """The longer words the last of several words (`pieces`, standing together as
        `last_pair`) also stands for: those it reads on into (`read_on`), or as typed,
        every word its reading may be the start of."""
        if last_pair.fieldname != "reading_pairs":
            return []
        if read_on:
            return self.read_on(pieces[-2], pieces[-1])
        if unfinished and len(pieces[-1]) > 1:
            # as typed, every longer word its last word may be the start of: the count
            # holds what Enter finds (お|さけ, お|さけずき: お酒好き). Not from one kana
            # (だい|に: だい|にんき, 大人気, 110 hits to 326 at a keystroke).
            exact = last_pair.text
            expanded = self.expand("reading_pairs", exact, standalone=False)
            return [LongerWord(term, (), True) for term in expanded if term != exact]
        return []

    def reading_being_typed(
        self, reading: str, *, unfinished: bool, continued: bool, by_pairs: bool
    ) -> Iterator[wq.Query]:
        """As typed (`unfinished`), the words `reading` may be the start of, or else
        several words, the last being typed; a katakana word searched as if finished
        (`continued`), also as words then the start of the next."""
        if unfinished:
            expanded = self.expand("reading", reading, standalone=True)
            if expanded:
                yield _prefix_or("reading", expanded)
                yield from self.expanded_variants(expanded)
            if by_pairs:
                # several words, the last being typed, even where one word is read so:
                # しんかん (新刊, 17 of ldcc) is 新|幹線's start too (しんかんせ 23)
                yield from self.reading_continued(reading, self.pair_field)
        elif continued and by_pairs:
            # a katakana word's next word may be long begun (キャッシュバック|キャンペー)
            yield from self.reading_continued(reading, self.pair_field, len(reading))

    def expanded_variants(self, expanded: Sequence[str]) -> Iterator[wq.Query]:
        """The reading variants (`reading_variant`: にほん, にっぽん) of the most frequent
        EXPANDED_VARIANTS words a reading being typed may be the start of, as the word
        finished is searched (`hiragana_as_read`): にほ found 2,861 articles of ldcc,
        にほん 2,925."""
        variants = [
            variant
            for term in expanded[:EXPANDED_VARIANTS]
            if (variant := reading_variant(term, lambda piece: self.has("reading", piece)))
            is not None
            and variant not in expanded
        ]
        if variants:
            yield _prefix_or("reading", list(dict.fromkeys(variants)))

    def spelled_in_kana(self, reading: str) -> Iterator[wq.Query]:
        """A `reading` the index holds as one word, as the kana words it spells written
        so, standing together: わーるどかっぷ is W杯's reading (`index.in_context`),
        and ワールド|カップ as MeCab cuts the katakana. (Kana words only, by the `pairs`
        of their written forms: a reading of kanji words cut otherwise is another word,
        こうかい no 高|会.)"""
        spelled = segment_reading(
            reading,
            lambda piece: piece != reading and self.read_as(piece),
            lambda first, second: self.has("pairs", pair_key(first, second)),
            known_first=lambda piece: piece != reading and self.read_first(piece),
        )
        # (of two kana or more each: じ|ん is no word but kana MeCab cut, ぼうじん)
        if spelled and len(spelled) > 1 and min(map(len, spelled)) > 1:
            # marked from the postings, as written (ワールドカップ): reading a page's texts
            # again for the reading stops at its budget, and left 28 of ldcc's 195 hits
            # written so unmarked at limit=400
            slots = tuple(enumerate((piece,) for piece in spelled))
            for fieldname in self.populated(list(TEXT_FIELDS)):
                if all(self.has(fieldname, piece) for piece in spelled):
                    self.read_on_shown.append(Highlight(fieldname, slots))
            yield self.read_together(
                [
                    wq.Term("pairs", pair_key(first, second))
                    for first, second in itertools.pairwise(spelled)
                ]
            )

    def read_together(
        self,
        terms: Sequence[wq.Term],
        following: Sequence[str] = (),
        longer: Sequence[LongerWord] = (),
    ) -> wq.Query:
        """The pairs `terms` of a reading of several words (an AND), checked by their
        positions when there are two or more: the pairs とうきょう|と and と|ちじ are both
        in 東京都の石原都知事, apart. `following`: the pairs one of which stands after
        the last (a reading being typed); `longer`: the longer words the last word also
        stands for (`read_on`)."""
        parts: list[wq.Query] = list(terms)
        if longer:
            parts[-1] = wq.Or([parts[-1], *map(self.longer_word, longer)])
        if following:
            parts.append(_prefix_or("reading_pairs", following))
        query = parts[0] if len(parts) == 1 else _every(parts)
        slots: list[tuple[int, tuple[str, ...]]] = [
            (at, (term.text,)) for at, term in enumerate(terms)
        ]
        if longer:
            at, last = slots[-1]
            slots[-1] = (at, (*last, *(word.pair for word in longer)))
        if following and len(following) <= VERIFIED_PREFIX_TERMS:
            slots.append((len(terms), tuple(following)))
        if (
            len(slots) < 2
            or not self.reading_pairs_positions
            or any(term.fieldname != "reading_pairs" for term in terms)
        ):
            return query
        return VerifiedPhrase(query, ("reading_pairs",), tuple(slots))

    def longer_word(self, word: LongerWord) -> wq.Query:
        """The articles holding `word` as it reads on from the query's last word."""
        term = wq.Term("reading_pairs", word.pair)
        if word.whole:
            return term
        written = [wq.Term("pairs", pair_key(first, second)) for first, second in word.written]
        return wq.And([term, _any(written)])

    def read_on(self, before: str, last: str) -> list[LongerWord]:
        """The longer words that the last word of a finished reading of several words,
        `last` after `before`, stands for, as a kanji word's last word does (`word_ends`):
        しょうひ|ぜい also in 消費|税込み and 消費|税別, とうきょう|と in 東京|都内, as
        `index.read_on` learns them from the articles; kept to mark where they are
        written (`read_on_written`, `read_on_shown`)."""
        found = longer_words(self.reader, before, last)
        for word in found:
            for first, second in word.written:
                self.read_on_written.append((first, second))
                for fieldname in self.populated(list(TEXT_FIELDS)):
                    if self.has(fieldname, first) and self.has(fieldname, second):
                        self.read_on_shown.append(
                            Highlight(fieldname, ((0, (first,)), (1, (second,))))
                        )
        return found

    def title_reading(self, reading: str, *, unfinished: bool) -> Iterator[wq.Query]:
        """title:とうきょう: a reading of the title's words, one word as its term, several
        as an AND of theirs (the title's reading pairs are not indexed); as typed, the
        last word a prefix too. にほん as the index reads 日本 (にっぽん) as well."""
        for typed in dict.fromkeys(
            [reading, reading_variant(reading, lambda piece: self.has("title_reading", piece))]
        ):
            if typed is None:
                continue
            pieces = segment_reading(typed, lambda piece: self.has("title_reading", piece))
            if pieces:
                terms = [wq.Term("title_reading", piece) for piece in pieces]
                yield _boosted("title", terms[0] if len(terms) == 1 else _every(terms))
            if unfinished and typed is reading:
                expanded = self.expand("title_reading", reading, standalone=True)
                if expanded:
                    yield _boosted("title", _prefix_or("title_reading", expanded))

    def reading_continued(
        self,
        reading: str,
        pair_field: Callable[[str, str], str | None],
        tail: int = READING_TAIL,
    ) -> Iterator[wq.Query]:
        """An unfinished reading of several words as complete words and the start of
        the next (けいたいでん: けいたい, then a word read でん…): the count as typed
        then holds every match of the finished reading (けいたいでんわ), and never falls
        as a word is completed. The longest complete heads first; the next word's start
        `tail` kana at most, and never more than a word's (LONGEST_READING): a pasted
        katakana run of 120 kana was segmented at each of its cuts, 118 (~220 ms a
        keystroke, from ~20), its pieces asked of the index again at each."""
        variants = 0
        read_as = functools.cache(self.read_as)
        read_first = functools.cache(self.read_first)
        tail = min(tail, LONGEST_READING)
        for cut in range(len(reading) - 1, max(1, len(reading) - tail - 1), -1):
            head, rest = reading[:cut], reading[cut:]
            pieces = segment_reading(
                head,
                read_as,
                lambda first, second: pair_field(first, second) is not None,
                known_first=read_first,
            )
            if not pieces:
                continue
            following = self.expand("reading_pairs", pair_key(pieces[-1], rest), standalone=False)
            if not following:
                continue
            terms = [
                wq.Term(str(pair_field(first, second)), pair_key(first, second))
                for first, second in itertools.pairwise(pieces)
            ]
            yield self.read_together(terms, following)
            variants += 1
            if variants == READING_TAIL_VARIANTS:
                return

    def clause(self, clause: Clause, *, highlight: bool) -> wq.Query:
        if isinstance(clause, Words):
            clipped = clipped_words(clause)
            if not clipped:
                return self.words(clause, highlight=highlight)
            # パパッと: its lemma パパ's articles hold it only where read so (ぱぱっ), and
            # are marked where written so (not パパ alone)
            shown = len(self.highlights)
            query = self.words(clause, highlight=highlight)
            as_written = clipped_written(clipped)
            self.highlights[shown:] = [
                replace(shown_, written=(*shown_.written, *as_written))
                for shown_ in self.highlights[shown:]
            ]
            if query is wq.NullQuery:
                return query
            return _every([query, *(wq.Term("reading", read) for _, read in clipped)])
        if isinstance(clause, Facet):
            if clause.field in ("site", "outlet"):
                values = facet_values(
                    self.reader,
                    clause.field,
                    clause.value,
                    exact=clause.exact,
                    being_typed=clause.being_typed,
                )
                if len(values) == 1:
                    return wq.Term(clause.field, values[0])
                return wq.Or([wq.Term(clause.field, value) for value in values])
            # A reading (person:ほんだ) finds the names read so, as the pickers do.
            read = names_read_as(self.reader, clause.field, clause.value, exact=clause.exact)
            if highlight and clause.field in NAME_FACETS:
                named = [clause, *(replace(clause, value=name, exact=True) for name in read)]
                for words in itertools.chain.from_iterable(map(name_phrases, named)):
                    # marked where written, for snippets, n / N
                    pieces = [(m.pos, m.folded) for m in words.content]
                    if pieces:  # person:です: no word of it is a name's, nothing to mark
                        self.highlights += self.phrase(words.fields, pieces)[1]
            written: wq.Query = (
                wq.Term(clause.field, clause.value)
                if clause.exact
                else wq.Prefix(clause.field, clause.value)
            )
            if not read:
                return written
            return wq.Or([written, *(wq.Term(clause.field, name) for name in read)])
        return wq.DateRange("published", clause.start, clause.end, startexcl=False, endexcl=True)

    def group(self, group: Group) -> wq.Query:
        shown = len(self.highlights)
        parts = [self.clause(c, highlight=not group.negated) for c in group.alternatives]
        written = symbol_words(group)
        if written:
            self.highlights[shown:] = [
                replace(highlight, written=written) for highlight in self.highlights[shown:]
            ]
        return parts[0] if len(parts) == 1 else wq.Or(parts)


KANA_BEGUN = 64
"""How many readings (the most frequent) kana being typed after other words are tried as
the start of (`_Compiler.kana_begun_variants`)…"""
KANA_BEGUN_SHORT = 32
"""…and one kana: checked where they stand after the words before, the words of 64 cost
東京のま ~21 ms (a search found nothing first), of 32 ~18 ms, 16 ~12 ms; of 401 typing
sequences over ldcc, 6, 10 and 15 keystrokes still found nothing where the word typed
whole found some (148 before)."""
KANA_BEGUN_PHRASES = 8
"""…and how many of them, read as several words, are searched as their phrase."""


_KANA_RUN = re.compile(f"[{HIRAGANA}]+\\Z|[{KATAKANA_LETTERS}]+\\Z")
"""The kana a word being typed ends in, of one script: those that may begin a word."""


def clipped_words(words: Words) -> tuple[tuple[str, str], ...]:
    """(surface, reading) of each word of `words`, typed in katakana, that ends in a small
    ッ its lemma drops (パパッ, ドキッ: lemma パパ, ドキ): the index holds it as that
    lemma, so パパッと found every article of パパ (father), 45 of 47 over ldcc where 2
    write パパッと. Its articles are those holding its reading too (ぱぱっ, the word's
    alone); it is marked where written (`index.matching.as_written`). Not the word being
    typed, which may grow (ポケッ: ポケット, whose articles its reading ぽけっ held none of).
    () for most."""
    if words.reading is not None:
        return ()
    found: list[tuple[str, str]] = []
    for morpheme in words.content:
        if words.unfinished and morpheme is words.morphemes[-1]:
            continue
        surface = unicodedata.normalize("NFKC", morpheme.surface)
        kana = fold_kana(surface)
        if (
            surface.endswith("ッ")
            and len(surface) > 1
            and _KATAKANA_TERM.fullmatch(surface)
            and morpheme.folded == kana[:-1]
            and morpheme.reading == kana
        ):
            found.append((surface, kana))
    return tuple(found)


def clipped_written(clipped: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """How texts write `clipped_words`: as typed, with a hiragana っ (ドキっ, 17 of the 56
    articles of ldcc ドキッ finds), and in hiragana (ぱぱっと, one of パパッと's 3)."""
    return tuple(
        itertools.chain.from_iterable(
            (surface, surface[:-1] + "っ", read) for surface, read in clipped
        )
    )


_LOANWORD_KANA = frozenset("ーぁぃぅぇぉゎゔ")
"""Kana only a loanword's reading holds: the long vowel mark, small vowels and ゔ."""


def _loanword_reading(reading: str) -> bool:
    """Whether `reading` is a loanword's, as no kanji word's is (ぷらっとふぉーむ,
    すくうぇあ; not はっぴょう, にんてい)."""
    return not _LOANWORD_KANA.isdisjoint(reading)


def _cuts(text: str, parts: int = 0) -> Iterator[list[str]]:
    """The ways to cut `text` into two pieces or more (`parts` of them, if given),
    fewest pieces first."""
    counts = range(2, len(text) + 1) if not parts else (parts,)
    for count in counts:
        for ends in itertools.combinations(range(1, len(text)), count - 1):
            bounds = (0, *ends, len(text))
            yield [text[a:b] for a, b in itertools.pairwise(bounds)]


def kana_starts(words: Words) -> Iterator[tuple[int, bool]]:
    """Where, in the kana `words` end in, a word may begin that is being typed (and
    whether in katakana), after other words: where one of the last `PREFIX_MORPHEMES`
    MeCab read begins, but for a particle after a word, typed before others (東京の|ま:
    not at の; ボディと|やわら, read と|や|わら: at や); and after the particle MeCab may
    read joined to the kana after a word (料理|がたく: が|たく, 沢山 to come), within the
    last `READING_TAIL` kana. Whether MeCab reads the words before it so is
    `_read_as_typed`."""
    run = _KANA_RUN.search(words.text)
    if run is None:
        return
    katakana = KATAKANA_WORD.fullmatch(run.group()) is not None
    found = words.morphemes
    last = len(found) - 1
    for at in range(max(0, len(found) - PREFIX_MORPHEMES), len(found)):
        morpheme = found[at]
        if morpheme.start < run.start() or at == 0:
            continue
        if at == last or not morpheme.stop or found[at - 1].stop:
            yield morpheme.start, katakana
        if not found[at - 1].stop:
            within = range(max(morpheme.start + 1, len(words.text) - READING_TAIL), morpheme.end)
            yield from ((start, katakana) for start in within)


def _read_as_typed(
    typed: Sequence[Morpheme], start: int, before: Sequence[Morpheme], *, katakana: bool
) -> bool:
    """Whether `before` (the morphemes MeCab reads the text up to `start` as, a word begun
    there) read the text as `typed` (as MeCab reads it as typed) does, up to the morpheme
    `start` is in, after a word; and in it, if `start` is within it, a particle (が of
    料理|がたく: 料理|が|沢山), or `katakana` words (スカイツリ: スカイ|ツリー, a katakana
    word read otherwise once typed on). Not 時間がか|かんけい (時間|が|か|関係: かか was
    no particle then a word), nor ありがと|うごかす (有り難う|動かす)."""
    within = next((k for k, m in enumerate(typed) if m.start <= start < m.end), len(typed))
    same = [(m.folded, m.stop) for m in typed[:within]]
    if [(m.folded, m.stop) for m in before[: len(same)]] != same:
        return False
    joined = before[len(same) :]
    if not joined:
        return True
    return (katakana or all(m.stop for m in joined)) and within > 0 and not typed[within - 1].stop


@functools.lru_cache(maxsize=4096)
def _word_begun(
    head: str, written: str, typed: int
) -> tuple[tuple[Morpheme, ...], tuple[tuple[int, str], ...]] | None:
    """`head` (what is typed before the kana that begin a word) then `written` (a reading
    of the index, in the script typed) as MeCab reads them: the morphemes of `head`, and
    (position, term) of the word `written` is read as (or the words: スカイ|ツリー), whole,
    which hold the kana typed (its first `typed` characters). None when MeCab reads
    them otherwise: a word of `head` joined to it, the kana typed a word of their own,
    a particle after them (時間が + がっこう is 時間|が|学校: not が's word)."""
    found = morphemes(head + written)
    at = len(head)
    before = tuple(m for m in found if m.end <= at)
    after = [m for m in found if m.start >= at]
    content = [m for m in after if not m.stop]
    if len(before) + len(after) != len(found) or not content or after[0].stop:
        return None
    if content != after[: len(content)] or content[-1].end < at + typed:
        return None
    return before, tuple((m.pos, m.folded) for m in content)


def _whole_latin(words: Words, first: int, last: int) -> bool:
    """Whether `words.morphemes[first:last + 1]` stand alone: no letter, digit or hyphen
    of a longer word written right before or after them (3Dmark, Hi-Fi-Set)."""
    found = words.morphemes
    after = found[last + 1] if last + 1 < len(found) else None
    return _alone_before(words, first) and not (
        after is not None and after.start == found[last].end and _joins(after.folded)
    )


def _alone_before(words: Words, first: int) -> bool:
    """Whether no letter, digit or hyphen is written right before `words.morphemes[first]`."""
    found = words.morphemes
    before = found[first - 1] if first > 0 else None
    return before is None or before.end != found[first].start or not _joins(before.folded)


def _joins(term: str) -> bool:
    """Whether a word written against a Latin one makes a longer word of it."""
    return term in _HYPHENS or (term[:1].isascii() and term[:1].isalnum())


_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2212")
"""A hyphen, and the dashes written for one (as `index.analysis` indexes them)."""


def katakana_as_read(text: str, words: int) -> str | None:
    """The kana of a katakana word (ルミコネ: るみこね) that MeCab cuts into `words` words,
    when it is searched as read too (`_Compiler.katakana_reading`): KATAKANA_READ words
    or more; else None."""
    if words < KATAKANA_READ or not _KATAKANA_TERM.fullmatch(text):
        return None
    # The ・ left out: a name is written with it or without (スティーブジョブズ).
    folded = fold_kana(text.replace("・", ""))
    return folded if is_reading(folded) else None


def voiced_start(words: Words) -> bool:
    """Whether a word typed in hiragana begins with a word voiced as it is only after
    another (ばしりたい: 走り, はしり, voiced in 小走り; ぞらまち: 空, そら, in ソラマチ), which
    MeCab reads as that word: its lemma found every 走る (202 articles of ldcc)."""
    if words.reading is None or not words.content:
        return False
    first = words.content[0]
    plain = unvoiced(first.reading)
    return bool(plain) and term_reading(first.term)[:1] == plain[:1]


_PARTICLE_KANA = PHRASE_PARTICLES | ENDING_PARTICLES | {"か"}
"""Kana that are particles of their own (か, と, は…)."""
_TYPED_AFTER_ONE = frozenset(particle for particle in _PARTICLE_KANA if len(particle) == 1)
"""The particles `particle_typed_after` reads ending a word being typed: those of one kana
(が, を, か). Two are a longer word's kana as often: ほんだけ, of ほんだけいすけ, counted 2,550
articles of ldcc as 本 and だけ, 44 as 本田圭佑 begun."""


def particle_typed_after(words: Words) -> bool:
    """As typed, whether `words` are kana MeCab reads as words then particles ending them
    (ひと|が, こと|は, じかん|が|か): searched besides as at Enter, the words alone, so that
    the particle keeps their articles until the next word narrows them. As typed alone,
    the kana were the start of one longer word (人柄, 事柄): over ldcc ひと counted 4,916,
    ひとが 36 (4,229 at Enter), ひとがお 149; ことが 11 (6,185); じかんがか 1 (1,872)."""
    found = words.morphemes
    if not words.unfinished or words.reading is None or reading_field(words.fields) != "reading":
        return False
    last = len(found)
    while last and found[last - 1].stop and found[last - 1].surface in _TYPED_AFTER_ONE:
        last -= 1
    return 0 < last < len(found) and not found[last - 1].stop


def _all_of(queries: list[wq.Query]) -> wq.Query:
    """AND of `queries`; every article when there are none (dates alone filter them all)."""
    if not queries:
        return wq.Every()
    return queries[0] if len(queries) == 1 else wq.And(queries)


def _particle_being_typed(parsed: ParsedQuery, groups: Sequence[Group]) -> Group | None:
    """As typed, the group of the word being typed where it reads as particles (まで, では,
    の) or as the first kana of one (ま), after other words (`すまほ まで`), else None. At
    Enter such a word is left out (`index.query`); as typed it may still begin a word
    (から, からあげ), and was searched as that start alone: `すまほ まで` counted 0 articles
    of ldcc as typed, 685 at Enter (`すまほ ま` 276 on the way). It is searched as a word
    the articles may hold (ranked first), not one they must."""
    if not parsed.live:
        return None
    found = [
        group
        for group in groups
        if not group.negated
        and len(group.alternatives) == 1
        and isinstance(words := group.alternatives[0], Words)
        and words.unfinished
        and reading_field(words.fields) == "reading"
        and (words.text in _PARTICLES_BEGUN or reads_as_particle(words.text))
    ]
    others = [
        group
        for group in groups
        if not group.negated
        and group not in found
        and any(isinstance(clause, Words) for clause in group.alternatives)
    ]
    return found[0] if len(found) == 1 and others else None


def compile_query(parsed: ParsedQuery, reader: Any, *, read_as_begun: bool = False) -> Compiled:
    """Whoosh query for `parsed` against `reader` (prefixes and readings need its lexicon).
    `read_as_begun`: the word being typed stands for the words whose reading the kana it
    ends in begin, after other words, instead (`_Compiler.kana_begun_variants`; which
    kana, `Compiled.kana_begun`): for a query that found nothing as typed
    (`index.matching.find_matches`)."""
    compiler = _Compiler(reader)
    compiler.read_as_begun = read_as_begun
    looking = [g for g in parsed.groups if not g.negated and date_range(g) is None]
    # A word MeCab reads as particles is searched as a reading (ぞう: 象, かし: 菓子),
    # beside other words too: 東京 ぞう had left ぞう out and listed every 東京.
    kept = [g for g in looking if not all(map(compiler.reads_nothing, g.alternatives))]
    if looking and not kept and published_within(parsed.groups) is None:
        raise QueryError(nothing_to_search(parsed.text))
    for group in kept:
        for clause in group.alternatives:
            if (
                len(group.alternatives) > 1
                and isinstance(clause, Words)
                and compiler.reads_nothing(clause)
            ):
                # です OR 東京 searched 東京 alone: said as the parser says の OR 東京
                raise QueryError(or_nothing(clause.text))
    unread = [
        clause.text
        for group in looking
        if group not in kept
        for clause in group.alternatives
        if isinstance(clause, Words)
    ]
    if kept and unread:
        # 東京 です: said, not searched as 東京 alone (what is left out is the user's call)
        raise QueryError(f"{nothing_to_search(unread[0])}; leave it out to search the rest")
    particle = _particle_being_typed(parsed, kept)
    positive = [compiler.group(group) for group in kept if group is not particle]
    capped_looking, compiler.capped = compiler.capped, False
    if particle is not None:
        # counts none out, marks nothing, estimates nothing: as at Enter
        maybe = compiler.clause(particle.alternatives[0], highlight=False)
        compiler.capped = False
        if maybe is not wq.NullQuery:
            positive = [wq.AndMaybe(_all_of(positive), maybe)]
    compiler.read_as_begun = False  # what is left out is left out as typed
    negative = [compiler.group(g) for g in parsed.groups if g.negated]
    capped_excluding = compiler.capped
    compiler.capped = capped_looking or capped_excluding
    query = _all_of(positive)
    if negative:
        query = wq.AndNot(query, negative[0] if len(negative) == 1 else wq.Or(negative))
    return Compiled(
        query,
        compiler.highlights,
        compiler.capped,
        published_within(parsed.groups),
        compiler.reading_variants,
        at_least=capped_looking and not capped_excluding,
        read_on=tuple(dict.fromkeys(compiler.read_on_kept)),
        kana_begun=compiler.kana_begun,
    )


def helps(words: Words) -> bool:
    """Whether `words` hold a helper verb (ていく: て|〜いく, `index.analysis._as_helpers`),
    which the cursor's `*` searches one by: their phrase is searched besides the hiragana
    as read (the reading ていく is 14 ldcc articles', the helper 〜いく 2,000's)."""
    return any(m.folded.startswith(HELPER_MARK) for m in words.content)


def reading_words(reader: Any, reading: str) -> tuple[str, ...] | None:
    """The words of a reading with particles between them (とうきょうのやけい: とうきょう,
    やけい), as the search reads them (`_Compiler.particle_pieces`), a run of words standing
    together one word (ていせんこうしょうのゆくえ: ていせんこうしょう, ゆくえ), particles
    left out; None where it holds no particle between words."""
    pieces = _Compiler(reader).particle_pieces(reading)
    if pieces is None:
        return None
    runs: list[str] = [""]
    for piece in pieces:
        if piece in PHRASE_PARTICLES:
            runs.append("")
        else:
            runs[-1] += piece
    words = tuple(run for run in runs if run)
    return words if len(words) > 1 else None
