"""The Japanese analyzer: fugashi + unidic-lite, built the Whoosh way.

`JapaneseTokenizer` does the MeCab work once per text and caches the result, so
the several fields fed from the same text (the content field, the reading field
and the people/places/organisations facets) cost one MeCab pass, not four. The
filters then pick what each field indexes:

    content:   JapaneseTokenizer(fold=True)
    pairs:     JapaneseTokenizer(fold=True) | PairFilter()
    reading pairs: JapaneseTokenizer() | ReadingFilter(voiced=True) | PairFilter(compounds=True)
    reading:   JapaneseTokenizer() | ReadingFilter()
    facets:    JapaneseTokenizer(proper_only=True) | ProperNounFilter("person")

The facets take the proper nouns UniDic tags (人名, 地名, 組織名) and, for people,
katakana words an article names as people by their titles (`index.names`:
トランプ氏, which unidic-lite reads as the playing cards).

The content and pairs fields take katakana folded to hiragana; the folded term
is computed once per morpheme in the cached parse, not once per field per token
(`KanaFoldFilter` did it before; no analyzer uses it now: see there why it stays).

Whoosh pickles the analyzer into the index, so this module's path and class
names are part of the on-disk format; the MeCab tagger is never stored on an
object (`index.mecab`'s taggers are thread-local and lazy). What this module
calls on from beside it holds nothing Whoosh pickles: `index.normalization`
(NFKC with an offset map), `index.names` (the facets' names); `index.terms`
computes the same terms as the analyzers without a token stream.

Terms:
- text is NFKC-normalised before MeCab (half-width ﾌﾟｰﾁﾝ is otherwise an
  unknown word) with offsets mapped back to the original text, zero-width
  characters removed, and lower-cased;
- a content word indexes its lemma (食べた → 食べる, コンピュータ → コンピューター)
  without the loanword gloss or sense subscript (トランプ-trump → トランプ,
  大-大学 → 大); proper nouns index
  their written base form, because UniDic's lemma for them is a reading
  (安倍 and 阿部 are both アベ) or a different name (トヨタ → 豊田), and so does a
  katakana plural, whose lemma is its singular's (ドラゴンズ → ドラゴン: `plural`);
  unknown words index their surface;
- particles, auxiliary verbs, symbols and whitespace are not indexed but keep
  their position, so the phrase 日本代表 does not match 日本を代表;
- one-character words are indexed (都, 党, 株 are words in Japanese).
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import compress, repeat
from operator import add, itemgetter
from typing import Any, Final, NamedTuple, cast

from whoosh.analysis import Filter, Token, Tokenizer

from index.in_context import (
    JOINED_FIRST,
    READ_IN_CONTEXT,
    RULED,
    joined_at,
    read_in_context,
)
from index.kana import (
    HIRAGANA,
    HIRAGANA_TO_KATAKANA,
    KATAKANA_LETTERS,
    KATAKANA_TO_HIRAGANA,
    KATAKANA_WORD,
    fold_kana,
    is_kanji,
)
from index.mecab import chunks, printing_tagger, tagger
from index.names import ORG, PERSON, PLACE, NameEntry, complete_names, document_names, word_tail
from index.normalization import normalize
from index.segmentation import LONGEST_READING

# Parts of speech (UniDic pos1) that carry no searchable meaning on their own.
STOP_POS = frozenset({"助詞", "助動詞", "補助記号", "記号", "空白"})
# Parts of speech that make compound words (携帯 + 電話, 元 + 首相, 東京 + 都).
COMPOUND_POS = frozenset({"名詞", "接頭辞", "接尾辞", "形状詞"})

PART_SEPARATOR = "\x1e"
"""Joins the texts of one field value that are analysed separately (see JapaneseTokenizer)."""

# unidic-lite tags few organisations 組織名; most (国連, 日銀, トヨタ, ソニー) are
# 固有名詞,一般, so those count as organisations too (with product names among them).
_PROPER_KIND = {"人名": PERSON, "地名": PLACE, "組織名": ORG, "一般": ORG}

_HIRAGANA_ONLY = re.compile(f"[{HIRAGANA}\u30fc]+")


def is_reading(text: str) -> bool:
    """True when `text` is all hiragana (plus ー): something a reading search can take."""
    return _HIRAGANA_ONLY.fullmatch(text) is not None


def reading_variant(reading: str, known: Callable[[str], bool]) -> str | None:
    """`reading` (hiragana) with each noun read as UniDic reads its lemma, when that
    differs and is a `known` reading: にほん → にっぽん, にほんだいひょう →
    にっぽんだいひょう; else None.

    MeCab reads 日本 in running text as its lemma is read, ニッポン, wherever the
    context does not say otherwise (日本橋 is ニホンバシ): the index holds にっぽん in
    ~2,900 livedoor articles and にほん in 6, where a reader types にほん. Read as
    kana, にほん is the noun 日本 whose lemma reads ニッポン, so a reading search
    tries both (but a first noun typed voiced, as it reads only after another word, is
    not unvoiced: ばしら is 柱 in 四柱, not a word's start). Only nouns with a kanji
    lemma are re-read: MeCab's reading of other
    kana (ほん|だ: 其れ + だ) says nothing about what was meant, and only to a reading
    the index holds as a word (`known`): the first kana of a word being typed read
    as some rare noun (にほ as 鳰, におー) must not search for another word (におい),
    so a noun is re-read only from REREAD_MIN kana on.
    """
    from index.mecab import tagger

    parts: list[str] = []
    changed = False
    for node in tagger()(reading):
        surface: str = node.surface
        feature = node.feature
        try:
            pos1, lemma, lemma_reading = feature.pos1, feature.lemma, feature.lForm
        except AttributeError:  # an unknown word's short feature record
            pos1, lemma, lemma_reading = None, None, None
        if (
            pos1 == "名詞"
            and len(surface) >= REREAD_MIN
            and lemma
            and lemma_reading
            and any(is_kanji(char) for char in lemma)
            and (reread := lemma_reading.translate(KATAKANA_TO_HIRAGANA)) != surface
            and known(reread)
            # a noun voiced where it follows another (柱: ばしら), not where a reading
            # begins: ばしらすいめい is no 柱推命, げしょうひん no 化粧品
            and (parts or unvoiced(surface) != reread)
        ):
            parts.append(reread)
            changed = True
        else:
            parts.append(surface)
    joined = "".join(parts)
    return joined if changed and joined != reading and is_reading(joined) else None


REREAD_MIN = 3
"""Kana of a noun before `reading_variant` re-reads it (にほん, not にほ: the first kana
typed of a word, read as a rare noun, 鳰)."""


PARTICLE_CONTEXT = ("東京", "大阪")
"""The words a hiragana query word is read between by `reads_as_particle`: nouns, as
a user writes the words around a particle (東京 から 大阪)."""
_PARTICLE_LED = frozenset({"助詞", "助動詞", "動詞"})
"""What may follow a particle in a compound particle (に|つい|て, と|し|て, に|よる)."""


@functools.lru_cache(maxsize=1024)
def reads_as_particle(word: str) -> bool:
    """Whether the hiragana `word`, written between two nouns, is read as particles: one
    (から, など, の) or several (には, とか), or a compound particle that begins with one
    (について: に|つい|て, として, による). MeCab reads such a word alone otherwise
    (から as a conjunction, まで as ま|で, より as an adverb), and the query searched it
    as a word: 東京 から 大阪 found nothing. Content words in kana read as nouns there
    (すし, もの, こと, ため; かさ and ぞう, which alone read as particles). Cached: a
    query is parsed on every keystroke, its words mostly the same."""
    if not is_reading(word):
        return False
    before, after = PARTICLE_CONTEXT
    start, end = len(before), len(before) + len(word)
    kinds: list[str] = []
    at = 0
    for node in tagger()(before + word + after):
        surface: str = node.surface
        node_start, at = at, at + len(surface)
        if at <= start or node_start >= end:
            continue
        if node_start < start or at > end:  # read as one with a noun beside it
            return False
        kinds.append(getattr(node.feature, "pos1", None) or "")
    return bool(kinds) and kinds[0] == "助詞" and all(kind in _PARTICLE_LED for kind in kinds)


@functools.lru_cache(maxsize=1024)
def unknown_word(text: str) -> bool:
    """Whether MeCab reads `text` (a query's word) as one word it does not know
    (マツコデラックス, ゼレンスキー). Cached: a query is parsed on every keystroke."""
    words, _ = _tokens(normalize(text)[0])
    return len(words) == 1 and words[0][WORD_KANA] is None and not words[0][WORD_STOP]


# -- the MeCab pass, cached per text --------------------------------------------------


class Morpheme(NamedTuple):
    pos: int
    """Position among all morphemes of the text, stop words included (the gaps)."""
    term: str
    """Lemma (or base form / surface), NFKC, lower-cased; katakana not yet folded."""
    folded: str
    """`term` with katakana folded to hiragana (what the content fields index)."""
    surface: str
    reading: str
    """UniDic `kana` folded to hiragana ('' when MeCab has none)."""
    start: int
    end: int
    stop: bool
    proper: str
    """PERSON, PLACE, ORG or ''."""
    compound: bool = False
    """A noun, prefix or suffix: a part of a compound word (停戦 + 交渉, 東京 + 都 + 知事)."""
    variants: tuple[str, ...] = ()
    """Other readings a reading search finds the word by (`reread`): MeCab's own where
    `reading` is the one read in context (にっぽん for 日本 read にほん)."""
    voiced: str = ""
    """The reading voiced, for a noun after another (がいしゃ for 会社 in 株式会社), which
    a reading of several words finds it by (the reading pairs), never one alone (外車);
    a suffix's other reading likewise (じん for 人 in 日本人: `voiced_after`)."""
    joined: bool = False
    """The second of two tokens read as one word (杯 of W杯), whose reading the token
    before holds whole: a reading search reads on past it as if it were not there. So
    is a ・ between katakana words (`silent_dot`: ジョニー・デップ read じょにーでっぷ)."""
    name_parts: int = 0
    """The last part of a name MeCab read whole and `_split_at_dots` cut at its ・: how
    many tokens before it the name holds (マツコ・デラックス: 3, マツ|コ|・); 0 for any
    other token. The name, whole, is of the kind `proper` says."""


_cache = threading.local()
_CACHE_SIZE = 64


def morphemes(text: str) -> list[Morpheme]:
    """MeCab morphemes of `text`, offsets into `text` (cached across the fields of a document)."""
    cache: dict[str, list[Morpheme]] | None = getattr(_cache, "parses", None)
    if cache is None:
        cache = _cache.parses = {}
    found = cache.get(text)
    if found is not None:
        return found
    parsed = _parse(text)
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[text] = parsed
    return parsed


def proper_nouns(text: str) -> list[Morpheme]:
    """The proper nouns among `morphemes(text)` (cached alongside)."""
    cache: dict[str, list[Morpheme]] | None = getattr(_cache, "proper", None)
    if cache is None or len(cache) >= _CACHE_SIZE:
        cache = _cache.proper = {}
    found = cache.get(text)
    if found is None:
        found = cache[text] = [m for m in morphemes(text) if m.proper]
    return found


_SENTENCE_END = re.compile(r"(?<=[。！？!?])|\n")


def sentences_within(text: str, budget: list[int]) -> Iterator[tuple[str, tuple[Morpheme, ...]]]:
    """`text`'s sentences (blank ones skipped), each with its morphemes (`analysed`),
    while `budget[0]` characters are left to read: each costs its length, charged as it
    is read. For reading articles on until a word is found: a paragraph of ldcc holds
    several sentences, most of them before the first match."""
    for _, sentence in sentence_spans(text):
        if budget[0] <= 0:
            return
        budget[0] -= len(sentence)
        yield sentence, analysed(sentence)


def sentence_spans(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) of each of `text`'s sentences `sentences_within` reads (blank
    ones skipped), in order: for charging what reading them would cost, unread."""
    at = 0
    for sentence in _SENTENCE_END.split(text):
        if sentence.strip():
            at = text.index(sentence, at)  # after line ends and blank pieces
            yield at, sentence
            at += len(sentence)


@functools.lru_cache(maxsize=1024)
def analysed(sentence: str) -> tuple[Morpheme, ...]:
    """`morphemes(sentence)`, kept longer: the sentences of hits read again for a reading
    (successive keystrokes and backspacing meet the same ones)."""
    return tuple(morphemes(sentence))


def name_context(parsed: Sequence[Morpheme], morpheme: Morpheme) -> tuple[bool, bool]:
    """(attached, tail) of a proper noun among `parsed`: whether it is written right
    after the morpheme before it (no space between: 安倍晋三, not 宇佐美貴史　香川真司),
    and whether it is the tail of a katakana word rather than a name (ライフ|ハック,
    which MeCab reads as a person)."""
    if morpheme.pos == 0:
        return False, False
    before = parsed[morpheme.pos - 1]
    attached = before.end == morpheme.start
    return attached, attached and word_tail(
        before.surface, before.proper, before.stop, morpheme.surface
    )


# MeCab's output for the parse, one string per text instead of a node object per
# token: reading node attributes (each a conversion from C) cost twice the
# tokenizing itself. Each token prints its surface and its whole feature string
# (%H): picking fields in MeCab (%f[7] and the like) cost more than printing them
# all (over ldcc, 8.1 s against 6.9 s), and they are split in Python only the first
# time a record is seen (`_words`).
_FIELD_END, _RECORD_END = "\x1f", "\x1e"
_FORMAT = '-O "" --node-format=%m\x1f%H\x1e --unk-format=%m\x1f%H\x1e --bos-format= --eos-format='
_PICKED = (0, 1, 2, 6, 7, 10, 13, 17)
"""UniDic's pos1, pos2, pos3, lForm (the lemma's reading), lemma, orthBase, iType and
kana: what `_word` reads. An unknown word has fewer features (no lemma, no reading):
its first three are read."""


def _features(raw: str) -> list[str]:
    """The features `_word` reads from MeCab's feature string, "*" (unset) read as ''.

    The string is CSV, but the fields UniDic quotes (holding a comma: its accent
    fields, "C1,M2") all come after those read, so a split at commas finds them.
    """
    fields = raw.split(",")
    picked = [fields[i] for i in _PICKED] if len(fields) > _PICKED[-1] else fields[:3]
    return ["" if field == "*" else field for field in picked]


Word = tuple[str, str, str, str, bool, str, bool, tuple[str, ...], str | None, str, bool, int]
"""What a MeCab token says, whatever its place: surface, term, folded, reading, stop,
proper, compound (as the Morpheme fields of those names), then pos (UniDic's first
three levels), kana (katakana as MeCab gives it, None when it has none), voiced (the
reading voiced as inside a compound: がいしゃ for 会社, or a suffix's other reading:
じん for 人; '' when UniDic says it never is), ruled (a word `reread` looks at) and
name parts (as Morpheme's `name_parts`: only `_split_at_dots` sets it), read at the
WORD_ indexes below. A plain tuple, not a NamedTuple: the parse reads
some of them per token, and an index is cheaper than a NamedTuple's attribute."""

# Where each field of a `Word` is; the last three (stop, proper, compound) are in
# Morpheme's order, which `_parse` copies as one slice.
WORD_SURFACE: Final = 0
WORD_TERM: Final = 1
WORD_FOLDED: Final = 2
WORD_READING: Final = 3
WORD_STOP: Final = 4
WORD_PROPER: Final = 5
WORD_COMPOUND: Final = 6
WORD_POS: Final = 7
WORD_KANA: Final = 8
WORD_VOICED: Final = 9
WORD_RULED: Final = 10
WORD_NAME_PARTS: Final = 11

_words: dict[str, Word] = {}
"""MeCab's output record (surface and features) -> its `Word`. Most tokens of a
text are words seen before (particles, common nouns): a dict lookup replaces
splitting the features and deriving the term (~1/3 of a parse's time)."""
_WORDS_MAX = 50_000
"""About 570 bytes an entry: ~30 MB at most, in the reader and in each build worker.
Emptied when full; the frequent words are back within a few articles."""


_SYMBOL_POS = frozenset({"補助記号", "記号"})


def _is_foreign_word(surface: str) -> bool:
    """A word in a script unidic-lite does not know (한국어, مرحبا, שלום, ไทย, हिन्दी),
    which MeCab tags a symbol: it holds a letter other than a modifier (ー, 々),
    where a real symbol (。, ×, 🎉) holds none."""
    return any(unicodedata.category(char) in _LETTERS for char in surface)


_LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})


_POS: dict[tuple[str, ...], tuple[str, ...]] = {}
"""Each part of speech a `Word` holds, once (UniDic has a few hundred): a text of a
million distinct words (numbers, names) held each one's own, 220 bytes a word."""


def _word(surface: str, features: list[str]) -> Word:
    """The `Word` of a token from its MeCab features (see `_tokens`)."""
    pos = tuple(features[:3])
    pos = _POS.setdefault(pos, pos)
    ruled = surface in RULED or surface in JOINED_FIRST
    if features[0] in STOP_POS:
        lowered = _same(surface.lower(), surface)
        if features[0] in _SYMBOL_POS and _is_foreign_word(surface):
            return (surface, lowered, lowered, "", False, "", False, pos, None, "", ruled, 0)
        folded_stop = _same(lowered.translate(KATAKANA_TO_HIRAGANA), lowered)
        return (surface, lowered, folded_stop, "", True, "", False, pos, None, "", ruled, 0)
    proper = ""
    kana: str | None = None
    voiced = ""
    if len(features) < len(_PICKED):  # unknown word: no lemma, no reading
        term = surface.lower()
        surface_kana = fold_kana(surface)
        reading = surface_kana if is_reading(surface_kana) else ""
        if features[1] == "固有名詞":
            proper = _PROPER_KIND.get(features[2], "")
    else:
        if features[1] == "固有名詞":
            term = features[5].lower()
            proper = _PROPER_KIND.get(features[2], "")
        elif features[0] == "名詞" and plural(surface, features[7], features[3]):
            term = features[5].lower()  # ドラゴンズ, not UniDic's lemma ドラゴン
        else:
            # UniDic's lemma without its subscript: トランプ-trump → トランプ,
            # 大-大学 → 大. The subscript tells senses apart (大 as short for
            # 大学); a reader types 大.
            lemma = features[4] or surface
            dash = lemma.find("-")
            term = (lemma[:dash] if dash > 0 else lemma).lower()
            if features[0] in _CONJUGATING and features[5] != term and any(map(is_kanji, term)):
                term = _written_base(features[5], term)
        kana = features[7] or None
        reading = features[7].translate(KATAKANA_TO_HIRAGANA)  # '' when MeCab has none
        if features[0] == "名詞" and features[6].endswith("濁") and reading:
            # UniDic's iType: the noun may be voiced after another (カ濁: 会社,
            # 株式会社 かぶしきがいしゃ); 半濁 (ヒ半濁: 品, 一品 いっぴん) is not.
            voiced = _voiced(reading) if not features[6].endswith("半濁") else ""
        elif features[0] == "接尾辞" and reading in SUFFIX_READ_OTHERWISE:
            voiced = SUFFIX_READ_OTHERWISE[reading]  # 人: じん too (日本人; `voiced_after`)
    term = _same(term, surface)
    folded = _same(term.translate(KATAKANA_TO_HIRAGANA), term)
    reading = _same(reading, folded)
    compound = features[0] in COMPOUND_POS
    word = (surface, term, folded, reading, False, proper, compound, pos, kana, voiced, ruled, 0)
    if (
        features[0] in _CONJUGATING
        and not proper
        and len(features) == len(_PICKED)
        and features[5] != term
        and is_reading(surface)
        and is_reading(features[5])
        and any(map(is_kanji, term))
    ):
        # a verb in kana whose lemma is written in kanji: indexed so where it helps
        # another (`_as_helpers`), under its kana (行っていく: いく, not 行く)
        helper = HELPER_MARK + _potential_as_verb(features[5], term)
        _HELPERS[word] = (surface, helper, helper, *word[WORD_READING:])
    return word


HELPER_MARK = "〜"
"""Before the kana a helper verb is indexed by (〜いく, 〜みる: `_as_helpers`): a symbol,
which no other term holds, so that no word's own term (the lemma かける of a word the
kana かける is read as alone) or its prefix as typed (いく of いくら) is one."""


_TO_E_ROW = str.maketrans("うくぐすつぬぶむる", "えけげせてねべめれ")
_CONJUGATING = frozenset({"動詞", "形容詞"})
"""The parts of speech whose lemma `_written_base` and `_as_helpers` look past."""

_HELPERS: dict[Word, Word] = {}
"""A verb or adjective written in kana whose lemma is in kanji (いく of 行く, みる of 見る,
とる of 取る) -> the same word indexed under its kana (`_as_helpers`). Bounded by the
kana forms UniDic knows of such words (a few thousand)."""


def _written_base(base: str, lemma: str) -> str:
    """The term of a verb or adjective whose lemma (in kanji) is `lemma`: `base`, its
    written base form (UniDic's orthBase), where that holds a kanji `lemma` does not,
    else `lemma`.

    UniDic gives one lemma to the kanji that read alike (撮る, 採る and 取る are 取る;
    聴く is 聞く, 速い 早い, 登る 上る, 替える 変える, 逢う 会う, 造る 作る): 撮った
    found every article writing 取る (1,546 of 1,922 hits in ldcc with no 撮る). Kana
    and okurigana stay with the lemma (できる and 出来る, 行なう and 行う, わかる and
    分かる), and so does a lemma in kana (こだわる: 拘る). The potential form of a verb
    of another kanji is the verb (撮れる: 撮る, as 取れる is 取る), a classical
    adjective the adjective (哀し: 哀しい)."""
    if not base or not any(is_kanji(char) and char not in lemma for char in base):
        return lemma
    if lemma[-1] == "い" and base.endswith("し"):
        return base[:-1] + "い"
    return _potential_as_verb(base, lemma)


def _potential_as_verb(base: str, lemma: str) -> str:
    """`base`, a verb's written base form, as the verb where it is its potential form
    (撮れる of 取る: 撮る; しまえる of 仕舞う: しまう), else as it is."""
    last = lemma[-1]
    potential = _POTENTIAL.get(last)
    if potential and base.endswith(potential) and not lemma.endswith(potential):
        return base[:-2] + last
    return base


_POTENTIAL = {kana: kana.translate(_TO_E_ROW) + "る" for kana in "うくぐすつぬぶむる"}
"""A verb's last kana -> the ending of its potential form (く: ける, 取る: 取れる)."""


_PLURAL_ENDS = frozenset("ズスツ")
_CONSONANT = {
    kana: row
    for row, kanas in (
        ("k", "カキクケコ"), ("g", "ガギグゲゴ"), ("s", "サシスセソ"), ("z", "ザジズゼゾ"),
        ("t", "タチツテト"), ("d", "ダヂヅデド"), ("n", "ナニヌネノ"), ("h", "ハヒフヘホ"),
        ("b", "バビブベボヴ"), ("p", "パピプペポ"), ("m", "マミムメモ"), ("y", "ヤユヨ"),
        ("r", "ラリルレロ"), ("w", "ワヲ"), ("N", "ン"), ("", "アイウエオ"),
    )
    for kana in kanas
}  # fmt: skip
"""Each full-size katakana's consonant (its row of the kana table)."""
_SMALL_KANA = frozenset("ァィゥェォャュョヮッ")
_O_ROW = frozenset("オコソトノホモヨロヲゴゾドボポ")
_E_ROW = frozenset("エケセテネヘメレゲゼデベペ")


def _last_consonant(kana: str) -> str:
    """The consonant of the last sound of `kana` (katakana) however a loanword spells its
    end: a long vowel (ー, the ウ of ドウ, the イ of デイ) and small kana (ディ, ヴァ) left
    out, so that ウィンドウ and ウインドー, デイ and デー, ラヴァー and ラバー end alike."""
    kana = kana.rstrip("ー")
    while kana and kana[-1] in _SMALL_KANA:
        kana = kana[:-1].rstrip("ー")
    if len(kana) > 1 and (
        (kana[-1] == "ウ" and kana[-2] in _O_ROW) or (kana[-1] == "イ" and kana[-2] in _E_ROW)
    ):
        kana = kana[:-1]
    return _CONSONANT.get(kana[-1], "?") if kana else "?"


def plural(surface: str, kana: str, lemma_kana: str) -> bool:
    """Whether a katakana noun written `surface` and read `kana` is the plural of the
    loanword whose lemma reads `lemma_kana` (UniDic's lForm): its reading is the
    lemma's with an s added (ドラゴン → ドラゴンズ, ガール → ガールズ, タイガー →
    タイガース, ウインドー → ウィンドウズ, マン → メンズ), or with the last t or d made
    one (スイート → スイーツ, フレンド → フレンズ).

    UniDic gives a plural its singular's lemma (ドラゴンズ is ドラゴン-dragon), and the
    index took the lemma: ドラゴンズ found 84 ldcc articles, 23 of them writing it, the
    first ドラゴン・タトゥーの女. A plural is a word of its own. Told from a spelling
    variant by the readings, not by its lemma differing from what is written: a
    variant's reading ends as its lemma's does (コンピュータ, ウィルス of ウイルス,
    フェイス of フェース), where a plural's adds the s its lemma's lacks. (A rare
    variant read so, ミンス of ミンチ, is left out by its last sound: ン is not チ.)"""
    end = kana[-1:]
    if (
        end not in _PLURAL_ENDS
        or len(kana) < 3
        or not lemma_kana
        or lemma_kana[-1] in _PLURAL_ENDS
        or KATAKANA_WORD.fullmatch(surface) is None
    ):
        return False
    if end == "ツ":  # -ts: スイート → スイーツ, ジャイアント → ジャイアンツ
        return lemma_kana.rstrip("ー")[-1:] == "ト"
    lemma_end = _last_consonant(lemma_kana)
    return _last_consonant(kana[:-1]) == lemma_end or (lemma_kana[-1] == "ド" and end == "ズ")


def _same(derived: str, original: str) -> str:
    """`original` where `derived` (its lower case, its kana folded) is no different: a
    `Word` holds one string where its surface, term and folded form are the same."""
    return original if derived == original else derived


_VOICED = str.maketrans(
    "かきくけこさしすせそたちつてとはひふへほ", "がぎぐげござじずぜぞだぢづでどばびぶべぼ"
)
_UNVOICED = str.maketrans(
    "がぎぐげござじずぜぞだぢづでどばびぶべぼ", "かきくけこさしすせそたちつてとはひふへほ"
)


SUFFIX_READ_OTHERWISE = {"にん": "じん"}
"""A suffix's other reading after a noun (`voiced_after`): unidic-lite reads the suffix
人 にん wherever it stands, where after a place or a thing it is じん (日本人, 外国人)."""


def unvoiced(reading: str) -> str:
    """`reading` with its first kana unvoiced (がいしゃ → かいしゃ), '' when it is not voiced."""
    unvoiced_kana = reading[:1].translate(_UNVOICED)
    return unvoiced_kana + reading[1:] if unvoiced_kana != reading[:1] else ""


def _voiced(reading: str) -> str:
    """`reading` with its first kana voiced (かいしゃ → がいしゃ), '' when it has none to voice."""
    voiced = reading[0].translate(_VOICED)
    return voiced + reading[1:] if voiced != reading[0] else ""


def _tokens(normalized: str) -> tuple[list[Word], array[int]]:
    """The word of each MeCab token of `normalized`, and where each starts.

    Lists rather than a stream of tokens: the lookups run in C (`map`), and the
    callers walk them without a generator's resume per token.
    """
    if "\x00" in normalized:
        # MeCab reads C strings: a NUL would end the text there (and cut its output
        # short). A space of the same length keeps the offsets and is skipped.
        normalized = normalized.replace("\x00", " ")
    if _FIELD_END in normalized or _RECORD_END in normalized:
        words, starts = _node_tokens(normalized)
    else:
        words, starts = _printed_tokens(normalized)
    return _as_helpers(words, starts)


def _printed_tokens(normalized: str) -> tuple[list[Word], array[int]]:
    """`_tokens` from MeCab's printed output (`_FORMAT`)."""
    parse = printing_tagger(_FORMAT).parse
    pieces = chunks(normalized)
    if len(pieces) == 1:
        records = parse(normalized).split(_RECORD_END)
        if not records[-1]:  # a text of white space alone (fugashi strips the output's end)
            records.pop()
        known = _words_of(records)
    else:
        # A piece's records at a time: held all at once, a 5-million-character text's
        # (~150 bytes a token) took most of 2.3 GB.
        known = []
        for piece in pieces:
            known += _words_of(list(filter(None, parse(piece).split(_RECORD_END))))
    # MeCab skips white space between tokens: a surface is its next occurrence.
    starts = array("q")
    find = normalized.find
    offset = 0
    for word in known:
        start = find(word[WORD_SURFACE], offset)
        starts.append(start)
        offset = start + len(word[WORD_SURFACE])
    if _DOT in normalized:
        known, starts = _split_at_dots(normalized, known, starts)
    return _marks_in_words(normalized, *_split_katakana(known, starts))


_MARK_IN_WORD = re.compile(
    r"[.,:/](?<=[0-9].)(?=[0-9])|[-\u2010-\u2013\u2212](?<=[0-9A-Za-z].)(?=[0-9A-Za-z])"
)
"""A symbol inside a number or a Latin word, no space either side: the point of 1.5
and 802.11, the comma of 1,000, the colon of 10:30, the slash of 3/11, the hyphen of
2-0, F-09D and Wi-Fi (or a dash that stands for it: 2−0). The symbol comes first, then
what is before it: scanned for the symbols, a text is read twice as fast (0.08 s over
ldcc's 9.3 million characters, where it was 0.17 s with the look behind first)."""
_HYPHEN_LIKE = frozenset("\u2010\u2011\u2012\u2013\u2212")
"""Dashes written for a hyphen (NFKC leaves them): the term of each is -."""


def _marks_in_words(
    normalized: str, words: list[Word], starts: array[int]
) -> tuple[list[Word], array[int]]:
    """`words` with each symbol inside a number or a Latin word (`_MARK_IN_WORD`) a
    word of its own, indexed, where it was a stop word like any symbol.

    Dropped, it left a gap any word filled: the phrase 1.5 found 1万5, 1日5, 1億5
    (57 of its 252 ldcc articles wrote no 1.5), 2-0 every 2.0 (100 of 107), 3/11
    3月11 and 3.11 (69 of 70). Indexed, the phrase holds it: 1.5 is 1|.|5, as written.
    A hyphen between Latin words is one too (Wi-Fi: wi|-|fi), which the query side
    reads as the word written without it (`index.compiler`: WiFi).

    Per text a regular expression's scan in C; Python's work is per symbol found."""
    found = _MARK_IN_WORD.search(normalized)
    if found is None:
        return words, starts
    for match in _MARK_IN_WORD.finditer(normalized, found.start()):
        at = bisect_left(starts, match.start())
        if at < len(words) and starts[at] == match.start():
            word = words[at]
            if word[WORD_STOP] and word[WORD_SURFACE] == match.group():
                words[at] = _mark_word(word)
                if (
                    match.group() == "."
                    and at + 1 < len(words)
                    and starts[at + 1] == match.end()
                    and words[at + 1][WORD_SURFACE].isdigit()
                ):
                    words[at + 1] = _decimals_word(words[at + 1])
    return words, starts


@functools.lru_cache(maxsize=256)
def _decimals_word(word: Word) -> Word:
    """The digits after a decimal point (the 5 of 1.5), as the term `.5`: the number 5
    is not the tail of 1.5, 3.5 or 21.5 (`5` found 252 articles of ldcc that hold it only
    so: 1.5GHz, 3.5インチ; user review), nor 11 the 11 of 802.11; the phrase 1.5 is
    1|.|.5, as written."""
    term = decimals_term(word[WORD_SURFACE])
    return (word[WORD_SURFACE], term, term, *word[3:])


def decimals_term(digits: str) -> str:
    """The term of `digits` written after a decimal point (`_decimals_word`): .5 of 1.5."""
    return "." + digits


@functools.lru_cache(maxsize=64)
def _mark_word(word: Word) -> Word:
    """The stop word `word`, a symbol inside a number or a Latin word, as an indexed
    word: its term the symbol (a dash's, -), no reading, no compound part."""
    surface, pos = word[WORD_SURFACE], word[WORD_POS]
    term = "-" if surface in _HYPHEN_LIKE else surface
    return (surface, term, term, "", False, "", False, pos, None, "", False, 0)


_TE = frozenset({"て", "で", "ちゃ", "じゃ"})
"""The conjunctive particle て as written (読んで, 見ちゃ: ては)."""
_TE_THEN = frozenset({"は", "も"})
"""A particle a helper verb may follow て by (てはいけない, てもいい)."""
PARTICLE_VERBS = frozenset(
    {
        "取る", "因る", "於く", "渡る", "掛ける", "当たる", "連れる", "従う", "伴う", "向ける",
        "対する", "関する", "基づく", "沿う", "応じる", "比べる", "限る", "際する", "至る",
    }
)  # fmt: skip
"""The lemmas of the verbs that make a compound particle between に and て: にとって
(取る), によって, において, にわたって, にかけて, にあたって, につれて, にしたがって...
Not なる and する (になって, にして: the verbs), nor まとめる, あわせる (一気にまとめて,
曲にあわせて: content as often); nor after a noun of `_OBJECTS` (気にかけて)."""


def _as_helpers(words: list[Word], starts: array[int]) -> tuple[list[Word], array[int]]:
    """`words` (and their `starts`) with each verb (or adjective) in kana that helps
    another where it stands indexed under its kana (`_HELPERS`), not its lemma: one
    UniDic may use as a helper (非自立可能) after て (行ってみた: 〜みる; 襲ってくる: 〜くる;
    見ていく: 〜いく), and いけない after ては, ちゃ (must not: 聞いてはいけない) or ば, と,
    なきゃ (must) as 〜いけない (`MUST_NOT`); and one of
    PARTICLE_VERBS between に and て made one word with them, the compound particle
    (日本にとって: 日本|にとって).

    Under the lemma, they were found by the verb: 行きます found いけない and 〜ていく
    (1,843 of its 3,294 ldcc hits held no other form of 行く), 見た 〜てみた, 撮った
    にとって. Not stop words: a query is read the same way, so 行ってみた is still the
    phrase 行く・〜みる, not 行く alone. The verb written in kanji (持って行く, 連れて来る)
    and in kana elsewhere (映画をみる) is the verb.

    A pass over the particles て only (~4 tokens in 100), each looked at in Python."""
    if not _HELPERS:
        return words, starts
    last = len(words) - 1
    helpers = _HELPERS
    particles: list[int] = []
    surfaces = list(map(_word_surface, words))
    for at in compress(range(len(words)), map(_MUST.__eq__, surfaces)):
        # いけない after another particle or ない: must (行かなければいけない), not "go"
        if 0 < at < last and surfaces[at + 1] in _NOT and words[at] in helpers:
            before = words[at - 1]
            if (
                before[WORD_POS][1] == "接続助詞" and before[WORD_SURFACE] not in _TE_PLAIN
            ) or before[WORD_SURFACE] in _NOT_IF:
                words[at] = _must_not_word(words[at])
    for at in compress(range(len(words)), map(_TE.__contains__, surfaces)):
        if words[at][WORD_POS][1] != "接続助詞" and (at or words[at][WORD_POS][0] != "接続詞"):
            continue  # (a query's first て, read as the conjunction: てはいけない)
        verb = words[at - 1][WORD_TERM] if at >= 2 else ""
        if verb in PARTICLE_VERBS and words[at - 1] in helpers:
            before = words[at - 2]
            if (
                before[WORD_SURFACE] == "に"
                and before[WORD_POS][0] == "助詞"
                and (at < 3 or words[at - 3][WORD_SURFACE] not in _OBJECTS.get(verb, ()))
                and starts[at - 2] + 1 == starts[at - 1]  # written together
                and starts[at - 1] + len(words[at - 1][WORD_SURFACE]) == starts[at]
            ):
                particles.append(at - 2)
        after = at + 1
        if after < last and words[after][WORD_SURFACE] in _TE_THEN and words[after][WORD_STOP]:
            after += 1
        if after <= last and words[after][WORD_POS][1] == "非自立可能":
            if not at and words[at][WORD_POS][0] == "接続詞":
                # a query's first て, then the particle it is in a text (てはいけない
                # read で|は|〜いけない found none)
                words[at] = _te_particle(surfaces[at])
            if _must_not(words, surfaces, at, after):
                words[after] = _must_not_word(words[after])
            else:
                words[after] = helpers.get(words[after], words[after])
    if not particles:
        return words, starts
    # each に, verb and て made one word (a few in an article: the lists made again)
    joined: list[Word] = []
    joined_starts = array("q")
    done = 0
    for at in particles:
        joined += words[done:at]
        joined_starts.extend(starts[done : at + 1])
        joined.append(_particle_word(words[at], words[at + 1], words[at + 2]))
        done = at + 3
    joined += words[done:]
    joined_starts.extend(starts[done:])
    return joined, joined_starts


_word_surface = itemgetter(WORD_SURFACE)


def _must_not(words: list[Word], surfaces: list[str], at: int, after: int) -> bool:
    """Whether the word at `after`, after the て at `at`, is いけない of ては, では, ちゃ,
    じゃ (must not: 聞いてはいけない, 食べちゃいけない), not the helper 〜いく (見ていく)."""
    if surfaces[after] != _MUST or after + 1 >= len(words) or surfaces[after + 1] not in _NOT:
        return False
    if after == at + 1:
        return surfaces[at] in _TE_CONTRACTED
    return surfaces[at + 1] == "は" and words[at + 1][WORD_STOP]


@functools.lru_cache(maxsize=8)
def _te_particle(surface: str) -> Word:
    """The particle て (で, ちゃ, じゃ: `surface`) as MeCab reads it after a verb."""
    verb = _TE_VERB[surface]
    for node in tagger()(verb + surface):
        if node.surface == surface:
            return _word(surface, _features(node.feature_raw))
    raise AssertionError(surface)


_TE_VERB = {"て": "見", "で": "読ん", "ちゃ": "見", "じゃ": "飲ん"}
"""A verb's form each of _TE follows, read so (読んで, 飲んじゃ)."""

_TE_PLAIN = frozenset({"て", "で"})
"""て without は: いけない after it is 〜いく (ついていけない, can't keep up)."""

_TE_CONTRACTED = frozenset({"ちゃ", "じゃ"})
"""て and で with は, contracted (見ちゃ: 見ては)."""

MUST_NOT = HELPER_MARK + "いけない"
"""The term of いけない after ては (must not: `_must_not`), or ば, と, なきゃ (must): a
helper of its own, not 〜いく, so that ていく does not find 〜てはいけない (its top ldcc
hits; 79 articles held てはいけ and no て+いく) nor 〜なければいけない."""


@functools.lru_cache(maxsize=64)
def _must_not_word(word: Word) -> Word:
    """`word` (いけ) indexed as the helper いけない of ては (`MUST_NOT`)."""
    return (word[WORD_SURFACE], MUST_NOT, MUST_NOT, *word[WORD_READING:])


_MUST = "いけ"
_NOT = frozenset({"ない", "ませ", "なかっ", "なく", "ず", "ね"})
_NOT_IF = frozenset({"なきゃ", "なくちゃ", "なけりゃ"})
"""What comes before いけない, must, besides a conjunctive particle (ば, と, ちゃ):
行かなきゃいけない."""

_HANDS = frozenset({"手", "両手", "片手", "右手", "左手", "逆手"})
_OBJECTS = {
    "取る": _HANDS | {"例", "手玉", "人質", "盾", "楯"},
    "掛ける": frozenset(
        {"気", "心", "目", "手", "鼻", "股", "秤", "天秤", "篩", "火", "手塩", "命"}
    ),
}
"""A verb of PARTICLE_VERBS -> the nouns before に that make it the verb with them, not
the compound particle: 手にとって, 逆手にとって, 例にとって (取る: 43 ldcc articles write
手にとって), 気にかけて, 天秤にかけて, 火にかけて, 股にかけて (掛ける). Over ldcc the
particle にかけて follows a time or place (冬にかけて, 後半にかけて, 関東にかけて) or a
part of the body as a range (首から肩にかけて: not 肩, 首, 腕), and these nouns the
verb; 手によって stays the particle."""


@functools.lru_cache(maxsize=256)
def _particle_word(ni: Word, verb: Word, te: Word) -> Word:
    """The compound particle に, `verb` (in kana) and `te` make (にとって, によって,
    において) as one word, indexed as itself: a query of it is read so (日本にとって:
    日本|にとって), and typed, its prefix is found where it begins (日本にと)."""
    surface = ni[WORD_SURFACE] + verb[WORD_SURFACE] + te[WORD_SURFACE]
    kana = f"{ni[WORD_KANA] or ''}{verb[WORD_KANA] or ''}{te[WORD_KANA] or ''}"
    reading = kana.translate(KATAKANA_TO_HIRAGANA)
    return (surface, surface, surface, reading, False, "", False, ni[WORD_POS], kana, "", False, 0)


_DOT = "・"
_DOTS = re.compile("(・+)")


def _split_at_dots(
    normalized: str, words: list[Word], starts: array[int]
) -> tuple[list[Word], array[int]]:
    """`words` with each unknown word MeCab made across a ・ cut there, into the words
    each side and the ・ (a stop word) between.

    MeCab groups a run of katakana it does not know with the ・ in it into one token
    (ジョン・ラセター, デンゼル・ワシントン in running text, プラッチャヤー・ピンゲーオ):
    a search for one part found nothing (ラセター: 0 articles of 5). Cut, each part is
    a word, found alone, and the whole is a phrase of them, as a query writes it. The
    words UniDic knows with a ・ (ダ・ヴィンチ, セ・リーグ) stay whole.

    A word MeCab read as a name (マツコ・デラックスさん: a person) stays one, whole: its
    last part holds the name's kind and how many tokens before it the name takes in
    (`WORD_NAME_PARTS`: the facets' names read it); its parts are no names."""
    cut: list[int] = []
    dot = normalized.find(_DOT)
    while dot >= 0:
        at = bisect_right(starts, dot) - 1
        if at >= 0 and (not cut or cut[-1] != at):
            word = words[at]
            if word[WORD_KANA] is None and not word[WORD_STOP] and word[WORD_SURFACE] != _DOT:
                cut.append(at)
        dot = normalized.find(_DOT, dot + 1)
    if not cut:
        return words, starts
    cut_words: list[Word] = []
    cut_starts = array("q")
    done = 0
    for at in cut:
        cut_words += words[done:at]
        cut_starts.extend(starts[done:at])
        start = starts[at]
        first = len(cut_words)
        for piece in _DOTS.split(words[at][WORD_SURFACE]):
            for word in _piece_words(piece):
                cut_words.append(word)
                cut_starts.append(start)
                start += len(word[WORD_SURFACE])
        if kind := words[at][WORD_PROPER]:
            # the name from its first word to its last (a ・ before or after left out)
            named = [i for i in range(first, len(cut_words)) if not cut_words[i][WORD_STOP]]
            if named:
                _name_whole(cut_words, named[0], named[-1], kind)
        done = at + 1
    cut_words += words[done:]
    cut_starts.extend(starts[done:])
    return cut_words, cut_starts


def _name_whole(words: list[Word], first: int, last: int, kind: str) -> None:
    """`words[first:last + 1]`, cut from one word MeCab read as a name of `kind`, kept a
    name whole: its last part holds the kind and how many tokens before it the name
    takes in (`WORD_NAME_PARTS`, read by the facets' names)."""
    word = list(words[last])
    word[WORD_PROPER], word[WORD_NAME_PARTS] = kind, last - first
    words[last] = cast("Word", tuple(word))


@functools.lru_cache(maxsize=4096)
def _piece_words(piece: str) -> tuple[Word, ...]:
    """The words of one piece of a word cut at its ・ (`_split_at_dots`), as MeCab reads
    the piece alone (as a query of it is read), none of them a name: the whole was no
    name to MeCab, and a piece alone can be one it knows as something else (ラパス of
    ノオミ・ラパス a place, モエ of モエ・エ・シャンドン a person)."""
    if not piece:
        return ()
    records = printing_tagger(_FORMAT).parse(piece).split(_RECORD_END)
    words = _words_of(list(filter(None, records)))
    return tuple(_no_name(word) if word[WORD_PROPER] else word for word in words)


_KATAKANA_RUN = re.compile(f"[{KATAKANA_LETTERS}]{{6,}}")
"""An unknown katakana word `_katakana_parts` may cut: two words of 3 kana or more."""
_NO_START = frozenset("ーンァィゥェォヵヶッャュョヮ")
"""Kana no word begins with (ジャーズ|ング: the cut is inside a word)."""


def _split_katakana(words: list[Word], starts: array[int]) -> tuple[list[Word], array[int]]:
    """`words` with each unknown katakana word that is a loanword UniDic knows and one
    more word (`_katakana_parts`) cut into those words, as search engines' "search
    mode" cuts a long katakana compound.

    MeCab makes a katakana run it does not know one word: スマホユーザー, スマホアプリ,
    アンドロイドスマホ, ドコモスマートフォンカフェ, ソフトバンクモバイル (in running text;
    alone, ソフト|バンク|モバイル), where スマホ, ドコモ, ソフトバンク are found only alone
    (スマホ: 641 of the 717 ldcc articles writing it). Cut, each part is a word at its
    place, and the whole a phrase of them, as a query of it is read. A name of a person
    stays whole; another name (ソフトバンクモバイル, an organisation) is a name whole, as
    `_split_at_dots` keeps one."""
    cut = [
        at
        for at, surface in enumerate(map(itemgetter(WORD_SURFACE), words))
        if len(surface) >= 6 and words[at][WORD_KANA] is None and _katakana_parts(surface)
    ]
    if not cut:
        return words, starts
    cut_words: list[Word] = []
    cut_starts = array("q")
    done = 0
    for at in cut:
        word = words[at]
        if word[WORD_PROPER] == PERSON or word[WORD_STOP] or word[WORD_NAME_PARTS]:
            continue
        cut_words += words[done:at]
        cut_starts.extend(starts[done:at])
        start = starts[at]
        first = len(cut_words)
        for part in _katakana_parts(word[WORD_SURFACE]):
            cut_words.append(part)
            cut_starts.append(start)
            start += len(part[WORD_SURFACE])
        if kind := word[WORD_PROPER]:
            _name_whole(cut_words, first, len(cut_words) - 1, kind)
        done = at + 1
    cut_words += words[done:]
    cut_starts.extend(starts[done:])
    return cut_words, cut_starts


@functools.lru_cache(maxsize=4096)
def _katakana_parts(surface: str) -> tuple[Word, ...]:
    """The words of `surface`, an unknown katakana word, where it is a loanword (or a
    kana-written kanji word: ケータイ) UniDic knows, and one more word, each of 3 kana or
    more (スマホ|ユーザー, the loanword the longest there is); () where it is not.

    The one more word is what MeCab reads that kana as alone: one word (unknown, as
    スマホ, or known; an unknown one cut so in turn: ミュージック|プレイヤー|スマホ), or
    known words of 3 kana or more each (ドコモ|スマート|フォン, of
    ドコモスマートフォンカフェ). Not a word beginning with ー, ン or a small kana, which
    none does (アベン|ジャーズ, グルミ|ング: a cut inside a word), nor a cut inside a
    loanword (`_across`: マンサンコ|ミックス of マンサンコミックス), nor a proper noun as
    the loanword: most katakana ones are the parts of foreign names (ファルケ, フィリ)."""
    if not _KATAKANA_RUN.fullmatch(surface):
        return ()
    best: tuple[Word, ...] = ()
    longest = 0
    for at in range(2, len(surface) - 1):
        for loan, rest, loan_first in (
            (surface[:at], surface[at:], True),
            (surface[at:], surface[:at], False),
        ):
            if len(loan) <= longest or len(loan) < 3 or not _loanword(loan):
                continue
            if len(rest) < 3 or rest[0] in _NO_START or loan[0] in _NO_START:
                continue
            if _across(surface, at):
                continue
            rest_words = _piece_words(rest)
            if not rest_words or any(word[WORD_STOP] for word in rest_words):
                continue
            if len(rest_words) > 1 and any(
                word[WORD_KANA] is None or len(word[WORD_SURFACE]) < 3 for word in rest_words
            ):
                continue
            if len(rest_words) == 1 and rest_words[0][WORD_KANA] is None:
                # one more unknown word, itself such a compound (ミュージック|プレイヤー|スマホ)
                rest_words = _katakana_parts(rest) or rest_words
            loan_words = _piece_words(loan)
            best = (*loan_words, *rest_words) if loan_first else (*rest_words, *loan_words)
            longest = len(loan)
    return best


def _across(surface: str, cut: int) -> bool:
    """Whether a word UniDic knows in `surface` (`_one_word`, 3 to 8 kana) holds kana on
    both sides of `cut`: the cut is inside that word (コ|ミックス of コミックス, ジャ|ケット,
    ニュー|ヨーク)."""
    for start in range(max(0, cut - 7), cut):
        for end in range(cut + 1, min(len(surface), start + 8) + 1):
            if end - start >= 3 and _one_word(surface[start:end]):
                return True
    return False


@functools.lru_cache(maxsize=65536)
def _loanword(piece: str) -> bool:
    """Whether MeCab reads `piece` alone as one common noun UniDic knows as a loanword
    (語種 外: ユーザー) or a kanji word written in kana (漢: ケータイ, 携帯)."""
    nodes = tagger()(piece)
    if len(nodes) != 1:
        return False
    fields = nodes[0].feature_raw.split(",")
    return (
        len(fields) > _GOSHU
        and fields[0] in ("名詞", "形状詞")
        and fields[1] != "固有名詞"
        and fields[_GOSHU] in ("外", "漢")
    )


@functools.lru_cache(maxsize=65536)
def _one_word(piece: str) -> bool:
    """Whether MeCab reads `piece` alone as one word UniDic knows (a name too)."""
    nodes = tagger()(piece)
    return len(nodes) == 1 and len(nodes[0].feature_raw.split(",")) > _GOSHU


_GOSHU = 12
"""UniDic's 語種 (word origin) among a known word's features."""


@functools.lru_cache(maxsize=1024)
def loanword(text: str) -> bool:
    """Whether MeCab reads `text` (a query's word) as one loanword UniDic knows (カード,
    ホテル: 語種 外), not a Japanese or Chinese word written in katakana (ケイタイ, 携帯),
    a name (トウキョウ, ホンダ, ソニー) or a word it does not know (センキョ): unlike
    `_loanword`, of any part of speech, and a kanji word's kana is none. Cached: a query
    is parsed on every keystroke."""
    nodes = [node for node in tagger()(normalize(text)[0]) if node.surface]
    if len(nodes) != 1:
        return False
    fields = nodes[0].feature_raw.split(",")
    return len(fields) > _GOSHU and fields[_GOSHU] == "外"


def _no_name(word: Word) -> Word:
    surface, term, folded, reading, stop, _, compound, pos, kana, voiced, ruled, _ = word
    return (surface, term, folded, reading, stop, "", compound, pos, kana, voiced, ruled, 0)


def silent_dot(words: Sequence[Word], at: int) -> bool:
    """Whether `words[at]` is a ・ between two katakana words (ジョニー・デップ), which the
    reading fields pass over as if it were not there: a name is written with it or
    without (ジョニーデップ), and read the same. Elsewhere (東京・大阪, a list) it stays a
    gap, as any symbol."""
    if not 0 < at < len(words) - 1 or words[at][WORD_SURFACE] != _DOT:
        return False
    before, after = words[at - 1], words[at + 1]
    return (
        not before[WORD_STOP]
        and not after[WORD_STOP]
        and KATAKANA_WORD.fullmatch(before[WORD_SURFACE]) is not None
        and KATAKANA_WORD.fullmatch(after[WORD_SURFACE]) is not None
    )


def _words_of(records: list[str]) -> list[Word]:
    """The `Word` of each MeCab output record, from `_words` where it is there."""
    words: list[Word | None] = list(map(_words.get, records))
    missing = 0
    with contextlib.suppress(ValueError):
        while True:
            missing = words.index(None, missing)
            record = records[missing]
            # Made for an earlier record of this text, after the lookup above: a long
            # text's words were each made again at every repetition (1.2 million made
            # for 24,000 distinct words of a 2-million-character text).
            words[missing] = _words.get(record) or _new_word(record)
    return cast("list[Word]", words)


def _new_word(record: str) -> Word:
    """The `Word` of a MeCab output record not seen before (kept in `_words`)."""
    surface, _, features = record.partition(_FIELD_END)
    word = _word(surface, _features(features))
    if len(_words) >= _WORDS_MAX:
        _words.clear()
    _words[record] = word
    return word


def _node_tokens(normalized: str) -> tuple[list[Word], array[int]]:
    """`_tokens` from MeCab's node objects (text holding the output's separators)."""
    words: list[Word] = []
    starts = array("q")
    base = 0
    for chunk in chunks(normalized):
        offset = base
        for node in tagger()(chunk):
            surface: str = node.surface
            offset += len(node.white_space)
            starts.append(offset)
            offset += len(surface)
            words.append(_word(surface, _features(node.feature_raw)))
        base += len(chunk)
    if _DOT in normalized:
        words, starts = _split_at_dots(normalized, words, starts)
    return _marks_in_words(normalized, *_split_katakana(words, starts))


def located_words(text: str) -> tuple[list[Word], array[int], array[int]]:
    """The word of each MeCab token of `text`, and where each starts and ends in `text`
    (a token's position among them is its index).

    The offsets are arrays: as lists of ints (40 bytes a token) they took 47 MB a
    million characters of livedoor articles."""
    normalized, offsets = normalize(text)
    words, starts = _tokens(normalized)
    surfaces = map(itemgetter(WORD_SURFACE), words)
    ends = array("q", map(add, starts, map(len, surfaces)))
    if offsets is None:
        return words, starts, ends
    # Mapped back a segment of the normalised text at a time (`OffsetMap`: one NFKC
    # left alone, or a rewritten group), its tokens found by bisection and mapped in
    # C: a step of Python a token was ~4% of a build's CPU (a third of ldcc's tokens
    # are in texts NFKC shortens: … is ...).
    text_starts = array("q")
    text_ends = array("q")
    for norm_start, norm_len, orig, orig_len in offsets.segments:
        norm_end = norm_start + norm_len
        # the tokens starting in the segment, then those ending in it (not at its start)
        first, last = bisect_left(starts, norm_start), bisect_left(starts, norm_end)
        first_end, last_end = bisect_right(ends, norm_start), bisect_right(ends, norm_end)
        if norm_len == orig_len:  # offsets shift with the text
            text_starts.extend(map(add, starts[first:last], repeat(orig - norm_start)))
            text_ends.extend(map(add, ends[first_end:last_end], repeat(orig - norm_start)))
        else:  # offsets inside a rewritten group snap to its edges
            text_starts.extend(repeat(orig, last - first))
            text_ends.extend(repeat(orig + orig_len, last_end - first_end))
    return words, text_starts, text_ends


_ruled = itemgetter(WORD_RULED)
_may_voice = itemgetter(WORD_VOICED)


class _Located:
    """`located_words`' tokens as `index.in_context` reads them (made when asked for)."""

    __slots__ = ("ends", "starts", "words")

    def __init__(self, words: list[Word], starts: Sequence[int], ends: Sequence[int]) -> None:
        self.words, self.starts, self.ends = words, starts, ends

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, at: int) -> _LocatedWord:
        word = self.words[at]
        return _LocatedWord(
            self.starts[at], self.ends[at], word[WORD_SURFACE], word[WORD_POS], word[WORD_KANA]
        )


class _LocatedWord(NamedTuple):
    start: int
    end: int
    surface: str
    pos: tuple[str, ...]
    kana: str | None


def reread(
    text: str, words: list[Word], starts: Sequence[int], ends: Sequence[int]
) -> dict[int, tuple[str, ...]]:
    """The readings of the tokens of `text` (`located_words`) read otherwise than alone,
    by index: the one the furigana show first (`index.in_context`: 日本 にほん, W杯
    わーるどかっぷ, トランプ前大統領's 前 ぜん), then MeCab's own where it differs. `()`
    for the second token of a joined word (杯 of W杯)."""
    ruled = list(compress(range(len(words)), map(_ruled, words)))  # in C: every token
    if not ruled:
        return {}
    tokens = _Located(words, starts, ends)
    found: dict[int, tuple[str, ...]] = {}
    for at in ruled:
        if words[at][WORD_SURFACE] in JOINED_FIRST and (joined := joined_at(tokens, at)):
            found[at], found[at + 1] = (fold_kana(joined[0]),), ()
    if any(kanji in text for kanji in READ_IN_CONTEXT):
        unjoined = [at for at in ruled if at not in found]
        for at, kana in read_in_context(text, tokens, unjoined).items():
            if at in found:
                continue
            shown, own = fold_kana(kana), words[at][WORD_READING]
            found[at] = (shown, own) if own and own != shown else (shown,)
    return found


def voiced_after(words: list[Word], starts: Sequence[int], ends: Sequence[int], at: int) -> str:
    """The voiced reading of `words[at]` when it is a noun written right after another
    (株式|会社: がいしゃ), else ''. UniDic says only that such a noun may be voiced
    (関係者 is かんけいしゃ): a reading search takes either, the furigana MeCab's.

    Likewise the suffix 人, which unidic-lite reads にん wherever it stands: じん after
    a noun or an adjectival noun (日本人, 外国人, 有名人), but not after a number (三人,
    何人) or a noun of an act (管理人, 料理人: にん), where it is left as MeCab reads it."""
    voiced = words[at][WORD_VOICED]
    if not voiced or at == 0 or ends[at - 1] != starts[at]:
        return ""
    before = words[at - 1][WORD_POS]
    if words[at][WORD_POS][0] == "接尾辞":
        if before[0] in ("名詞", "形状詞") and before[1] != "数詞" and before[2] != "サ変可能":
            return voiced
        return ""
    return voiced if before[0] == "名詞" else ""


def _parse(text: str) -> list[Morpheme]:
    new = tuple.__new__  # a NamedTuple's own __new__ is Python code: too slow per token
    words, starts, ends = located_words(text)
    parsed = [
        new(
            Morpheme,
            (
                pos,
                word[WORD_TERM],
                word[WORD_FOLDED],
                word[WORD_SURFACE],
                word[WORD_READING],
                start,
                end,
                *word[WORD_STOP : WORD_COMPOUND + 1],
                (),
                "",
                False,
                word[WORD_NAME_PARTS],
            ),
        )
        for pos, (word, start, end) in enumerate(zip(words, starts, ends, strict=True))
    ]
    for at in compress(range(len(words)), map(_may_voice, words)):
        if voiced := voiced_after(words, starts, ends, at):
            parsed[at] = parsed[at]._replace(voiced=voiced)
    for at, readings in reread(text, words, starts, ends).items():
        parsed[at] = parsed[at]._replace(
            reading=readings[0] if readings else "", variants=readings[1:], joined=not readings
        )
    if _DOT in text or "･" in text:
        for at in range(1, len(words) - 1):
            if silent_dot(words, at):
                parsed[at] = parsed[at]._replace(joined=True)
    return parsed


@functools.lru_cache(maxsize=1024)
def other_spellings(text: str) -> tuple[tuple[str, ...], ...]:
    """The words of `text` (a query's word) with the spellings a verb or adjective typed
    in kana is indexed by apart from its lemma (`_other_spellings`), one tuple per
    position of `morphemes(text)`; () where it has none."""
    found = morphemes(text)
    if not found or "\n" in text:
        return ()
    normalized, _ = normalize(text)
    nodes = [(node.surface, _features(node.feature_raw)) for node in tagger()(normalized)]
    if [surface for surface, _ in nodes] != [m.surface for m in found]:
        return ()
    others = _other_spellings(found, nodes)
    return others if any(others) else ()


def _other_spellings(
    found: list[Morpheme], nodes: list[tuple[str, list[str]]]
) -> tuple[tuple[str, ...], ...]:
    """Per word of a query (its `found` morphemes, MeCab's `nodes` of it), the terms a
    verb or adjective typed in kana is indexed by besides its lemma (`_written_base`:
    とる is 取る, and 撮る, 採る... are indexed apart), those read as the kana is (in
    its dictionary form, `_base_reading`): 写真をとる finds 写真を撮る (over ldcc 3 → 121
    hits), うまい 上手い and 美味い, but とめる not 辞める (止める's, read やめる). Kana is
    how a word is typed whose kanji one does not know or choose. Typed in kanji, the
    lemma's or another, the word is that spelling only: 見る does not find 観る, 返る
    not 帰る, 撮った 撮る alone. From index/written_bases.py (bench/written_bases.py
    made it from unidic-lite)."""
    from index.written_bases import WRITTEN_BASES  # (a big table: only for a query)

    spelled: list[tuple[str, ...]] = []
    for morpheme, (surface, features) in zip(found, nodes, strict=True):
        word = _word(surface, features)
        base = features[5].translate(KATAKANA_TO_HIRAGANA) if len(features) > 5 else ""
        if (
            word[WORD_POS][0] not in _CONJUGATING
            or morpheme.stop
            or morpheme.folded != word[WORD_FOLDED]  # a helper (`_as_helpers`)
            or not is_reading(fold_kana(surface))  # typed in kanji: as written
            or not is_reading(base)
        ):
            spelled.append(())
            continue
        candidates = WRITTEN_BASES.get(morpheme.folded, ())
        spelled.append(tuple(c for c in candidates if _base_reading(c) == base))
    return tuple(spelled)


@functools.lru_cache(maxsize=4096)
def _base_reading(spelling: str) -> str:
    """The kana (hiragana) MeCab reads `spelling`, a verb's or adjective's dictionary
    form, as alone: 辞める やめる, 撮る とる; '' where it is not one word."""
    nodes = list(tagger()(spelling))
    if len(nodes) != 1:
        return ""
    features = _features(nodes[0].feature_raw)
    if len(features) < len(_PICKED) or nodes[0].surface != spelling:
        return ""
    return features[7].translate(KATAKANA_TO_HIRAGANA)


OTHER_READINGS = 5
"""How many of MeCab's best readings of a query word `other_lemmas` looks at."""


@functools.lru_cache(maxsize=1024)
def other_lemmas(text: str) -> tuple[tuple[str, ...], ...]:
    """The words of `text` (a query's word) with other lemmas MeCab gives them among its
    next-best readings of it, each as the content fields hold it (folded), one tuple
    per position of `morphemes(text)`: the same words (surfaces, kana, part of speech)
    that in a text MeCab may read so. 丸ごと alone is 丸|毎, in ウェブページを丸ごと
    取り込む 丸|ごと: its phrase as read alone missed 14 of the 23 ldcc articles writing
    it, and every title. () where MeCab reads `text` no other way so."""
    found = morphemes(text)
    if not found or "\n" in text:
        return ()
    normalized, _ = normalize(text)
    readings = [
        [_word(node.surface, _features(node.feature_raw)) for node in nodes]
        for nodes in tagger().nbestToNodeList(normalized, OTHER_READINGS)
    ]
    surfaces = [m.surface for m in found]
    best, *rest = readings
    if [word[WORD_SURFACE] for word in best] != surfaces:
        return ()  # (cut at a ・ or read otherwise by `morphemes`)
    others: list[set[str]] = [set() for _ in found]
    for words in rest:
        if [word[WORD_SURFACE] for word in words] != surfaces:
            continue
        for at, (morpheme, first, word) in enumerate(zip(found, best, words, strict=True)):
            if (
                not morpheme.stop
                and not word[WORD_STOP]
                and morpheme.folded == first[WORD_FOLDED]  # not a helper (`_as_helpers`)
                and word[WORD_FOLDED] != morpheme.folded
                and word[WORD_KANA] is not None
                and word[WORD_KANA] == first[WORD_KANA]
                and word[WORD_POS][0] == first[WORD_POS][0]
            ):
                others[at].add(word[WORD_FOLDED])
    if not any(others):
        return ()
    return tuple(tuple(sorted(other)) for other in others)


FOLLOWED_BY = ("。", "、", "を", "が", "の", "に", "は", "で")
"""What a text writes after a noun, which `cuts_in_context` reads a query's words before:
MeCab cuts a word it does not know by what follows it, and a query ends where a text
goes on."""


@functools.lru_cache(maxsize=256)
def cuts_in_context(text: str) -> tuple[tuple[Morpheme, ...], ...]:
    """The other ways MeCab cuts `text` (a query's words) where a text goes on after
    them (`FOLLOWED_BY`), each the morphemes of `text` alone, as `morphemes(text)` has
    them but cut otherwise: スマホ ends ドコモのスマホ as スマ|ホ, and is one word in
    ドコモのスマホに (ldcc: 0 hits where grep finds 18 articles). A cut where what follows
    joins the text's last word (食べま + で: 食べ|まで) is none of `text`'s, nor one that
    cuts `alone`'s words apart: 時間がかか + を is 時間|が|か|か, which searched 時間 alone
    (ldcc: 1,872 hits for a query that finds 0), のが楽し + を is の|が|楽|し (楽 and 為る:
    771 hits became 780). So a cut only joins words of `alone` (スマ|ホ: スマホ), each
    of its words beginning and ending where one of `alone`'s does, and its stop words
    are `alone`'s, where `alone` has them.
    () where MeCab cuts it no other way (most words). Kept: a word typed before another
    is read again at every keystroke after it (0.6 ms a query over bench/queries.txt)."""
    alone = morphemes(text)
    if not alone or "\n" in text or text != text.rstrip():
        return ()
    seen = {tuple(m.surface for m in alone)}
    stops = {(m.start, m.end) for m in alone if m.stop}
    starts = {m.start for m in alone}
    ends = {m.end for m in alone}
    found: list[tuple[Morpheme, ...]] = []
    for after in FOLLOWED_BY:
        cut = tuple(m for m in morphemes(text + after) if m.start < len(text))
        if not cut or cut[-1].end != len(text) or cut[-1].stop:
            continue
        if any(
            m.start not in starts or m.end not in ends or (m.stop and (m.start, m.end) not in stops)
            for m in cut
        ):
            continue
        surfaces = tuple(m.surface for m in cut)
        if surfaces not in seen:
            seen.add(surfaces)
            found.append(cut)
    return tuple(found)


PARTICLES_BEFORE_WORD = 3
"""How many kana before a hiragana word ending a query `spelled_in_katakana` reads as
particles at most (の, が, にも)."""
PARTICLES_AFTER_WORD = 3
"""How many kana after such a word `spelled_in_katakana` reads as particles at most
(が, には, からは)."""
PHRASE_PARTICLES = frozenset(
    ("の", "が", "を", "に", "で", "と", "は", "へ", "も", "や", "から", "まで", "より")
)
"""The particles a reading of several words typed in hiragana may hold between them
(こうしょう|の|ゆくえ: 交渉の行方), as a text writes them (`index.read_on`)."""
PARTICLES = PHRASE_PARTICLES | {"など", "だけ", "な"}
"""The particles `spelled_in_katakana` reads after such a word, one or several (には,
からは): those between words, and など, だけ, な (リアルな): where MeCab reads the kana
ending a query as particles after the katakana word, but not as typed (どら|まで:
ドラマ|で), nor every kana it reads so (ひと|り: り is no particle, 最後のヒト|り)."""
_HIRAGANA_END = re.compile(f"[{HIRAGANA}\u30fc]+$")
_PARTICLES_END = re.compile(f"[{HIRAGANA}]+$")


def _particles(kana: str) -> bool:
    """Whether `kana` is PARTICLES one after another (が, には, からは)."""
    return not kana or any(
        kana.startswith(particle) and _particles(kana[len(particle) :]) for particle in PARTICLES
    )


@functools.lru_cache(maxsize=256)
def spelled_in_katakana(text: str) -> tuple[tuple[int, tuple[tuple[Morpheme, ...], ...]], ...]:
    """The hiragana ending `text` (a query's words, other words before it: 日本のさっかー)
    read as katakana words after particles, each way as (where the katakana begins, the
    text so written as MeCab cuts it alone and where a text goes on, `cuts_in_context`):
    日本の|サッカー. MeCab cuts a katakana word typed in hiragana into other words (さっ|
    かー, す|まほ, のり|ある), so the phrase as typed finds no text writing it; the word
    alone is searched as a reading. A way is kept where MeCab reads the kana before the
    katakana as particles (stop words) and the katakana as words of content: first after
    each of the particles MeCab reads the hiragana as typed to begin with, the first
    first (紗綾|が|せ…: 紗綾が|セクシー, not 紗綾|ガ|セクシー; 韓国|の|ね|っ|と: 韓国の|ネット,
    not 韓国のね|ッ|ト), then after none, one kana, two… (ドコモ|スマホ, 女子の|リアル:
    のり|ある as typed); for each, the katakana ending `text`, then ending before
    PARTICLES (PARTICLES_AFTER_WORD kana at most), the word longest first, a way where
    MeCab reads them as particles after it (stop words): 日本のさっかーが as
    日本の|サッカー|が (all of it in katakana, サッカー|ガ, found nothing; ldcc: 0 hits
    where 日本のサッカーが finds 7). () where `text` ends in no hiragana word after
    others, or in more than a word's (LONGEST_READING) and its particles. Kept per text
    (the Enter after a word typed asks again what its last keystroke asked)."""
    end = _HIRAGANA_END.search(text)
    if end is None or end.start() == 0 or "\n" in text:
        return ()
    run = end.start()
    if not 2 <= len(text) - run <= LONGEST_READING + PARTICLES_BEFORE_WORD + PARTICLES_AFTER_WORD:
        return ()
    particles = [run]
    for morpheme in morphemes(text):
        if morpheme.start == particles[-1] and morpheme.stop and len(text) - morpheme.end >= 2:
            particles.append(morpheme.end)
    starts = dict.fromkeys(
        (*particles[1:], *range(run, min(run + PARTICLES_BEFORE_WORD, len(text) - 2) + 1))
    )

    def begins_word(cut: Sequence[Morpheme], start: int) -> bool:
        """Whether `cut` has a word begin at `start`, after particles alone."""
        return any(m.start == start for m in cut) and all(
            m.stop for m in cut if run <= m.start < start
        )

    def particles_after(cut: Sequence[Morpheme], stop: int) -> bool:
        """Whether `cut` has a word end at `stop`, particles alone after it."""
        return (stop == len(text) or any(m.end == stop for m in cut)) and all(
            m.stop for m in cut if m.start >= stop
        )

    # the word all the hiragana left, then the word before particles (さっかー|が:
    # サッカーガ is no word), the fewest first
    after = _PARTICLES_END.search(text)
    stops = [len(text)]
    if after is not None:
        stops += [
            stop
            for stop in range(len(text) - 1, run, -1)
            if stop >= max(after.start(), len(text) - PARTICLES_AFTER_WORD)
            and _particles(text[stop:])
        ]
    found: list[tuple[int, tuple[tuple[Morpheme, ...], ...]]] = []
    for start in starts:
        for stop in (stop for stop in stops if stop - start >= 2):
            written = text[:start] + text[start:stop].translate(HIRAGANA_TO_KATAKANA) + text[stop:]
            alone = tuple(morphemes(written))
            if not begins_word(alone, start) or not particles_after(alone, stop):
                continue  # (a text going on after it changes how MeCab cuts its end only)
            cuts = [
                cut
                for cut in (alone, *cuts_in_context(written))
                if begins_word(cut, start)
                and particles_after(cut, stop)
                and all(
                    not m.stop and KATAKANA_WORD.fullmatch(m.surface)
                    for m in cut
                    if start <= m.start < stop
                )
            ]
            if cuts:
                found.append((start, tuple(cuts)))
    return tuple(found)


# -- Whoosh components ------------------------------------------------------------------


class JapaneseTokenizer(Tokenizer):  # type: ignore[misc]
    """MeCab morphemes as Whoosh tokens.

    A value made of several texts joined by `PART_SEPARATOR` is analysed text by
    text (offsets stay those of the joined value), so a field fed the same texts
    as other fields of the document reuses their cached MeCab pass. (Whoosh
    takes a list value as already tokenized, hence a separator character; the
    parser removes control characters from article text, so it never occurs.)

    Extra token attributes for the filters: `surface`, `reading`, `proper`, and
    `seq` (the position, set even when the field records none).
    """

    fold = False
    """Class default, so analyzers pickled into an index before `fold` existed still load."""

    def __init__(self, proper_only: bool = False, fold: bool = False) -> None:
        self.proper_only = proper_only
        """Yield a token per name of `document_names` instead, its kind in `proper` (the
        facet fields)."""
        self.fold = fold
        """Token text is the term with katakana folded to hiragana (as KanaFoldFilter)."""

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, JapaneseTokenizer)
            and other.proper_only == self.proper_only
            and other.fold == self.fold
        )

    def __hash__(self) -> int:
        return hash((type(self), self.proper_only, self.fold))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        texts = value.split(PART_SEPARATOR) if PART_SEPARATOR in value else [value]
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if self.proper_only and tokenize:
            yield from _name_tokens(token, texts, start_pos, start_char)
            return
        pos_base, char_base = start_pos, start_char
        fold = self.fold
        for text in texts:
            if not tokenize:
                token.text = token.original = token.surface = text
                token.reading, token.proper, token.stopped, token.boost = "", "", False, 1.0
                token.compound, token.variants, token.joined = False, (), False
                token.voiced, token.closes = "", 0
                if positions:
                    token.pos = pos_base
                if chars:
                    token.startchar, token.endchar = char_base, char_base + len(text)
                yield token
                pos_base += 1
                char_base += len(text) + 1
                continue
            parsed = morphemes(text)
            closes = 0
            for morpheme in parsed:
                if morpheme.stop and removestops:
                    closes += morpheme.joined  # a ・ the reading fields pass over
                    continue
                token.closes, closes = closes, 0
                token.text = morpheme.folded if fold else morpheme.term
                token.surface = morpheme.surface
                token.reading = morpheme.reading
                token.variants = morpheme.variants
                token.voiced = morpheme.voiced
                token.joined = morpheme.joined
                token.proper = morpheme.proper
                token.compound = morpheme.compound
                token.seq = pos_base + morpheme.pos
                token.stopped = morpheme.stop
                token.boost = 1.0
                if keeporiginal:
                    token.original = morpheme.surface
                if positions:
                    token.pos = pos_base + morpheme.pos
                if chars:
                    token.startchar = char_base + morpheme.start
                    token.endchar = char_base + morpheme.end
                yield token
            # A gap between parts, so a phrase never spans two of them.
            pos_base += len(parsed) + 1
            char_base += len(text) + 1


def person_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of each part of a person's name the facets read in it
    (芦田|愛菜: a family and a given name), as MeCab cut it or made whole again
    (`complete_names`: 愛菜, which MeCab cuts 愛|菜)."""
    return [(start, end) for kind, _, _, _, start, end in _name_entries(text) if kind == PERSON]


def _name_entries(text: str) -> list[NameEntry]:
    """The `NameEntry`s of `text`, from its cached parse (the token stream's way)."""
    parsed = morphemes(text)
    entries = []
    for morpheme in proper_nouns(text):
        if morpheme.name_parts:  # a name cut at its ・ (`_split_at_dots`), whole
            first = parsed[morpheme.pos - morpheme.name_parts]
            whole = "".join(m.surface for m in parsed[first.pos : morpheme.pos + 1])
            attached, tail = name_context(parsed, first._replace(surface=whole))
            if not tail:
                name = unicodedata.normalize("NFKC", whole)
                entries.append(
                    (morpheme.proper, name, morpheme.pos, attached, first.start, morpheme.end)
                )
            continue
        attached, tail = name_context(parsed, morpheme)
        if not tail:
            name = unicodedata.normalize("NFKC", morpheme.surface)
            entries.append(
                (morpheme.proper, name, morpheme.pos, attached, morpheme.start, morpheme.end)
            )
    if not entries:
        return entries
    return complete_names(text, entries, [m.start for m in parsed], [m.end for m in parsed])


def _name_tokens(
    token: Token, texts: list[str], start_pos: int, start_char: int
) -> Iterator[Token]:
    """JapaneseTokenizer(proper_only=True): a token per name of `document_names`, its
    kind in `proper` (the facets keep no positions or offsets: those are the first's)."""
    entries = [_name_entries(text) for text in texts]
    for kind, name in document_names(texts, entries):
        token.text = token.surface = token.original = name
        token.proper = kind
        token.reading, token.stopped, token.compound, token.boost = "", False, False, 1.0
        token.variants, token.voiced, token.joined = (), "", False
        token.seq = token.pos = start_pos
        token.startchar = token.endchar = start_char
        yield token


class KanaFoldFilter(Filter):  # type: ignore[misc]
    """Katakana → hiragana, after tokenizing (folding first hurts MeCab's segmentation).

    No analyzer uses it since the parse folds each morpheme once; it stays because the
    analyzers pickled into indexes built before hold it, and Whoosh unpickles an index's
    schema before yomite can tell it is outdated and rebuild it: without the class,
    such an index would not unpickle (test_an_analyzer_pickled_before_fold_existed_
    still_loads)."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        translate = KATAKANA_TO_HIRAGANA
        for token in tokens:
            token.text = token.text.translate(translate)
            yield token


class ReadingFilter(Filter):  # type: ignore[misc]
    """Replaces each word by its reading in hiragana (とうきょう for 東京); drops words without one.

    Only the index side runs it: a reading query is hiragana already, and
    index.compiler splits it into known readings itself (MeCab reads kana-only
    text badly: ていせんこうしょう → て/い/せんこう/しよー).
    """

    voiced = False
    """Class default, so analyzers pickled into an index before `voiced` still load."""

    def __init__(self, voiced: bool = False) -> None:
        self.voiced = voiced
        """A noun voiced after another is read so too (株式会社: かいしゃ, がいしゃ): for
        the reading pairs only, where a reading of several words finds it."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReadingFilter) and other.voiced == self.voiced

    def __hash__(self) -> int:
        return hash((type(self), self.voiced))

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        voiced = self.voiced
        # A joined word's second token is read with the first (W|杯: わーるどかっぷ):
        # the words after move up a place, so that it stands beside them.
        # So does a ・ between katakana words (`silent_dot`), which the tokenizer drops
        # as a stop word and counts in `closes`.
        shift = 0
        for token in tokens:
            shift += getattr(token, "closes", 0)
            if token.joined:
                shift += 1
                continue
            reading = token.reading
            if reading:
                if shift:
                    token.seq -= shift
                    if token.positions:
                        token.pos -= shift
                token.text = reading
                yield token
                for variant in token.variants:  # at the same place
                    token.text = variant
                    yield token
                if voiced and token.voiced and token.voiced not in (reading, *token.variants):
                    token.text = token.voiced
                    yield token


class ProperNounFilter(Filter):  # type: ignore[misc]
    """Keeps the names of one kind (person, place, org) that JapaneseTokenizer(proper_only=True)
    found (`document_names`: 姓 + 名 joined, people named by a title, ・ names by their
    last part)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ProperNounFilter) and other.kind == self.kind

    def __hash__(self) -> int:
        return hash((type(self), self.kind))

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        kind = self.kind
        for token in tokens:
            if token.proper == kind:
                yield token


PAIR_SEPARATOR = "\x1f"
MAX_PAIR_GAP = 1
"""Only direct neighbours: pairs across a particle (日本|を|代表) were 70% of the
distinct pair terms on ldcc and tripled the index; such rarer phrases fall back
to comparing positions."""


def pair_key(first: str, second: str, gap: int = 1) -> str:
    """The `pairs` term for `second` following `first` `gap` positions later.

    One separator per position, so `first + separator` is the prefix of every
    word right after `first` (as-you-type expands exactly those).
    """
    return first + PAIR_SEPARATOR * gap + second


_KANJI_NUMERALS = frozenset("〇零一二三四五六七八九十百千万億兆")


def ends_word_in(last: str, term: str, reading: str = "") -> bool:
    """Whether `term` is a longer word that `last`, the last word of a phrase, ends in
    where a text is cut otherwise: 消費税 is 消費|税, 消費税込み 消費|税込み, so 税 ends
    in 税込み, and 東京都's 都 in 都内 and 都心.

    Only a word that reads on from `reading` (the last word's as the query reads it,
    when it has one): a word that begins with its characters but is read otherwise is
    another word (世界一's 一, いち, is not 一斉, いっせい; 試合後's 後, ご, not 後半,
    こうはん). Not across a boundary Latin script writes either: a number in a longer
    number (第1 in 第10, 第二 in 第二十), a Latin word in a longer one (play in player).
    """
    if len(term) <= len(last) or not term.startswith(last):
        return False
    before, after = last[-1], term[len(last)]
    if (before.isascii() and before.isdigit() and after.isascii() and after.isdigit()) or (
        before.isascii() and before.isalpha() and after.isascii() and after.isalpha()
    ):
        return False
    if before in _KANJI_NUMERALS and after in _KANJI_NUMERALS:
        return False  # a number written in kanji, likewise: 第二 is not 第二十
    # A term with no reading of its own read alone (何の, the lemma of どの: 何|の, the
    # particle unread) is not shown to read on: 一体何 is not 一体どの.
    return not reading or term_reading(term).startswith(reading)


@functools.lru_cache(maxsize=4096)
def term_reading(term: str) -> str:
    """The reading of an index term read alone (税込み: ぜいこみ; a term in kana is its
    own), '' when MeCab has none for a part of it (a particle: 何の). Cached: a query's last word is
    compared with the same few longer words at every search."""
    if is_reading(term):
        return term
    parts = [morpheme.reading for morpheme in _parse(term)]
    return "".join(parts) if all(parts) else ""


class PairFilter(Filter):  # type: ignore[misc]
    """Each word joined with the word before it (and their distance, up to MAX_PAIR_GAP).

    A phrase query becomes an AND of these terms: no positions to compare per
    document, which is what makes phrases cost as little as single words.
    `compounds`: only parts of compound words are paired (a word of another kind
    leaves a gap), as the reading pairs need.
    """

    compounds = False
    """Class default, so analyzers pickled into an index before `compounds` still load."""

    def __init__(self, compounds: bool = False) -> None:
        self.compounds = compounds

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PairFilter) and other.compounds == self.compounds

    def __hash__(self) -> int:
        return hash((type(self), self.compounds))

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        if self.compounds:
            yield from self._readings(tokens)
            return
        previous: str | None = None
        previous_seq = 0
        for token in tokens:
            text, seq = token.text, token.seq
            if previous is not None and seq - previous_seq <= MAX_PAIR_GAP:
                token.text = pair_key(previous, text, seq - previous_seq)
                yield token
            previous, previous_seq = text, seq

    @staticmethod
    def _readings(tokens: Iterator[Token]) -> Iterator[Token]:
        """The pairs of compound parts, a word read several ways (ReadingFilter's tokens
        at one place: 会社 かいしゃ, がいしゃ) paired in each."""
        previous: list[str] = []
        current: list[str] = []
        previous_seq = current_seq = -MAX_PAIR_GAP - 1
        for token in tokens:
            if not token.compound:
                continue
            text, seq = token.text, token.seq
            if seq != current_seq:
                previous, previous_seq = current, current_seq
                current, current_seq = [], seq
            current.append(text)
            gap = seq - previous_seq
            if gap <= MAX_PAIR_GAP:
                for first in previous:
                    token.text = pair_key(first, text, gap)
                    yield token


def content_analyzer() -> Any:
    """Words of the text, for the content fields."""
    return JapaneseTokenizer(fold=True)


def reading_analyzer() -> Any:
    """Hiragana readings of the words, for reading search (とうきょう → 東京)."""
    return JapaneseTokenizer() | ReadingFilter()


def proper_noun_analyzer(kind: str) -> Any:
    """Names of one kind, for the people/places/organisations facets."""
    return JapaneseTokenizer(proper_only=True) | ProperNounFilter(kind)


def pairs_analyzer() -> Any:
    """Adjacent word pairs, for fast phrase matching (see PairFilter)."""
    return JapaneseTokenizer(fold=True) | PairFilter()


def reading_pairs_analyzer() -> Any:
    """The readings of adjacent parts of compound words in pairs: a reading of several
    words (ていせんこうしょう) matches where they stand together, not wherever each occurs.
    (Compounds only: other neighbours, 新しい + 機種, were half the pairs and seldom typed
    as one reading.)"""
    return JapaneseTokenizer() | ReadingFilter(voiced=True) | PairFilter(compounds=True)
