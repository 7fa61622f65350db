"""Reading aids from MeCab tokens: phrase (bunsetsu) boundaries, furigana, word info.

Everything here works on one paragraph of article text as stored (no NFKC:
offsets must slice the text the reader draws) and is cached per paragraph,
because the reading view asks again on every resize and cursor move.

- `phrase_boundaries(text)`: where bunsetsu begin, for phrase-aware line breaking
  (`word_boundaries`, `weak_boundaries`, `attached_boundaries`: where words begin
  (a number with its counter one word), the word starts that make a poor break,
  離せ|ませ|ん, and those before a word that leans on the one before, 報じられる|のが:
  the breaker's second and last choices).
- `readings(text)`: furigana for the words written with kanji, okurigana split off.
- `words(text)`: each word with lemma, reading and part of speech, for the word cursor.
- `with_furigana(text, rubies)`: the text with readings inline, `東京(とうきょう)`,
  and the offset map between the two.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from index.analysis import (
    HELPER_MARK,
    MUST_NOT,
    WORD_POS,
    WORD_SURFACE,
    WORD_TERM,
    located_words,
    person_spans,
    plural,
)
from index.in_context import HAS_KANJI, JOINED, READ_IN_CONTEXT, joined_at, read_in_context
from index.kana import KATAKANA, READ_AS_KANJI, fold_kana
from index.mecab import chunks, tagger

# Positions in UniDic's feature CSV (unidic-lite 1.0.8).
_POS1, _POS2, _POS3, _POS4 = 0, 1, 2, 3
_FORM = 5
_LEMMA_KANA = 6
_LEMMA = 7
_ORTH_BASE = 10
_KANA = 17

_ATTACHED_POS = frozenset({"助詞", "助動詞", "接尾辞"})
"""Parts of speech that belong to the phrase of the word before them."""

POS_ENGLISH: dict[str, str] = {
    "名詞": "noun",
    "代名詞": "pronoun",
    "動詞": "verb",
    "形容詞": "adjective",
    "形状詞": "adjectival noun",
    "副詞": "adverb",
    "連体詞": "adnominal",
    "接続詞": "conjunction",
    "感動詞": "interjection",
    "助詞": "particle",
    "助動詞": "auxiliary verb",
    "接頭辞": "prefix",
    "接尾辞": "suffix",
    "補助記号": "punctuation",
    "記号": "symbol",
    "空白": "space",
}
"""Short English glosses of UniDic's first-level parts of speech."""


@dataclass(frozen=True, slots=True)
class Token:
    """One MeCab token with its offsets in the analysed text."""

    start: int
    end: int
    surface: str
    pos: tuple[str, str, str, str]
    lemma: str | None
    """UniDic lemma without its subscript (トランプ-trump → トランプ, 大-大学 → 大); a
    katakana plural's written form (ドラゴンズ, not ドラゴン), as the index takes it."""
    base: str | None
    """Dictionary form as written (食べ → 食べる; UniDic's orthBase)."""
    kana: str | None
    """Reading in katakana as written (UniDic `kana`: トウキョウ, not the pronunciation)."""
    form: str | None = None
    """Conjugated form of an inflecting word (UniDic `cForm`: 連用形-一般, 終止形-一般)."""


@dataclass(frozen=True, slots=True)
class Ruby:
    """A furigana reading (hiragana) over `text[start:end]`."""

    start: int
    end: int
    reading: str


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the word cursor shows about the word at `text[start:end]`."""

    start: int
    end: int
    surface: str
    lemma: str
    """UniDic's lemma without its English gloss or sense tag (トランプ-trump →
    トランプ, 私-代名詞 → 私, 食べ → 食べる); a proper noun's written base form
    (UniDic's lemma for 安倍 is a reading)."""
    query: str
    """What to search for to find this word in every inflection: its dictionary
    form as written (する, not UniDic's 為る), which the index's analyzer turns
    into the same term as the word itself."""
    reading: str | None
    """Reading of the surface in hiragana, when the dictionary knows it."""
    pos: str
    """Part of speech in Japanese: 名詞, or 名詞・固有名詞・地名 with the detail."""
    pos_english: str
    """A short English gloss: noun, proper noun, verb..."""


def _features(raw: str) -> list[str]:
    # Fields after the ones we read can hold quoted commas; those before can too
    # when the token itself is a comma, so only then pay for the CSV parser.
    head = raw.split(",", _KANA + 1)
    if '"' in raw and any(field.startswith('"') for field in head[: _KANA + 1]):
        return next(csv.reader([raw]))
    return head


def _field(features: list[str], index: int) -> str | None:
    if index < len(features):
        value = features[index]
        if value and value != "*":
            return value
    return None


def _strip_gloss(lemma: str) -> str:
    """UniDic's lemma without its subscript, as the index does (index/analysis.py):
    `トランプ-trump` → `トランプ`, `大-大学` → `大`, `私-代名詞` → `私`."""
    dash = lemma.find("-", 1)
    return lemma[:dash] if dash > 0 else lemma


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    """MeCab tokens of `text` with offsets into it (whitespace skipped), read in context
    where MeCab reads a word alone (`_read_in_context`): the furigana and the word cursor
    take their readings from here."""
    result: list[Token] = []
    base = 0
    for chunk in chunks(text):  # MeCab crashes on a whole text of ~1.5M characters
        base = _chunk_tokens(text, chunk, base, result)
    if any(parts[0] in text for parts in JOINED):
        _join_split_words(result)
    if any(kanji in text for kanji in READ_IN_CONTEXT):
        _read_in_context(text, result)
    return tuple(result)


def _join_split_words(result: list[Token]) -> None:
    """The tokens of `JOINED` words made one noun with the whole's reading."""
    at = 0
    while at < len(result) - 1:
        joined = joined_at(result, at)
        if joined is not None:
            first, second = result[at], result[at + 1]
            kana, pos3 = joined
            surface = first.surface + second.surface
            pos = ("名詞", "普通名詞", pos3, "*")
            result[at : at + 2] = [
                Token(first.start, second.end, surface, pos, surface, surface, kana)
            ]
        at += 1


def _read_in_context(text: str, result: list[Token]) -> None:
    """`index.in_context.read_in_context`'s readings, in place."""
    for at, kana in read_in_context(text, result).items():
        result[at] = replace(result[at], kana=kana)


def reading(text: str) -> str:
    """How `text` reads, in katakana as UniDic gives it (a token without a reading, a
    Latin word, kept as written): 本田圭佑 → ホンダケイスケ.

    Not cached, unlike `tokens`: for many short texts read once (a facet's thousands
    of names), which would push the reading view's texts out of that cache.
    """
    parts = []
    for chunk in chunks(text):
        for node in tagger()(chunk):
            features = _features(node.feature_raw)
            parts.append(_field(features, _KANA) or node.surface)
    return "".join(parts)


def _chunk_tokens(text: str, chunk: str, base: int, result: list[Token]) -> int:
    """Appends the tokens of `chunk`, which starts at `base` in `text`; returns its end."""
    offset = base
    for node in tagger()(chunk):
        surface: str = node.surface
        offset += len(node.white_space)
        if not text.startswith(surface, offset):
            found = text.find(surface, offset)
            if found < 0:  # MeCab changed the text: never observed, but lose nothing
                continue
            offset = found
        features = _features(node.feature_raw)
        pos = (
            features[_POS1],
            features[_POS2] if len(features) > _POS2 else "*",
            features[_POS3] if len(features) > _POS3 else "*",
            features[_POS4] if len(features) > _POS4 else "*",
        )
        lemma = _field(features, _LEMMA)
        kana = _field(features, _KANA)
        if pos[0] == "名詞" and kana and plural(surface, kana, _field(features, _LEMMA_KANA) or ""):
            lemma = _field(features, _ORTH_BASE)  # ドラゴンズ: `index.analysis.plural`
        result.append(
            Token(
                start=offset,
                end=offset + len(surface),
                surface=surface,
                pos=pos,
                lemma=_strip_gloss(lemma) if lemma else None,
                base=_field(features, _ORTH_BASE),
                kana=kana,
                form=_field(features, _FORM),
            )
        )
        offset += len(surface)
    return base + len(chunk)


# -- phrases ----------------------------------------------------------------------------


def _opens(token: Token) -> bool:
    return token.pos[0] == "補助記号" and token.pos[1] == "括弧開"


def _continues_phrase(previous: Token, token: Token, adjacent: bool) -> bool:
    """Does `token` belong to the same bunsetsu as `previous`?"""
    if not adjacent:
        return False
    pos1 = token.pos[0]
    if pos1 in _ATTACHED_POS:
        return True
    if pos1 == "補助記号":
        return not _opens(token)
    if previous.pos[0] == "接頭辞" or _opens(previous):
        return True
    if pos1 == "動詞" and token.lemma == "為る" and previous.pos[0] == "名詞":
        return True  # 進展/して: a verbal noun with する is one phrase
    if (
        token.pos[1] == "非自立可能"
        and previous.pos[1] == "接続助詞"
        and previous.surface in "てで"
    ):
        return True  # 見て/いき/ましょう: て + a helper verb (いる, いく, くる, みる, おく)
    if (
        previous.pos[0] == "動詞"
        and (pos1 == "動詞" or (pos1 == "形容詞" and token.pos[1] == "非自立可能"))
        and (previous.form or "").startswith("連用形")
    ):
        # A compound verb (見/慣れる, 笑い/出す, 読み/始める) or a verb with an adjective
        # of ease (読み/やすい). A verb in another form starts a new phrase: the one it
        # qualifies (輝く/美しい海).
        return True
    # Compound nouns: 日本/代表, ウクライナ/和平/交渉, iPhone/15.
    return pos1 == "名詞" and previous.pos[0] in ("名詞", "接頭辞")


_INFLECTING_POS = frozenset({"動詞", "形容詞", "助動詞"})
_RUN_POS = frozenset({"助詞", "助動詞"})
"""What a run of particles after a particle is made of: it stays whole on a line."""


class _Starts(NamedTuple):
    """The word starts of one text by what a line that opened there would start with."""

    phrases: tuple[int, ...]
    weak: tuple[int, ...]
    attached: tuple[int, ...]
    bound: tuple[int, ...]


@lru_cache(maxsize=4096)
def _phrase_starts(text: str) -> _Starts:
    """Phrase starts and the word starts inside phrases by kind (see `weak_boundaries`,
    `attached_boundaries`, `word_boundaries`): one pass over the tokens."""
    starts: list[int] = []
    weak: list[int] = []
    attached: list[int] = []
    bound: list[int] = []
    previous: Token | None = None
    for token in tokens(text):
        pos = token.pos
        if pos[0] == "空白":
            previous = None
            continue
        if previous is None or not _continues_phrase(previous, token, previous.end == token.start):
            starts.append(token.start)
        elif previous.pos[1] == "数詞" and (
            pos[1] == "数詞" or pos[0] == "接尾辞" or _counter(token)
        ):
            bound.append(token.start)  # 1|本, 27|日, 二十|七, 3,000|万|円: one number
        elif (pos[0] == "助動詞" or pos[1] == "終助詞") and previous.pos[0] in _INFLECTING_POS:
            weak.append(token.start)  # 離せ|ませ|ん, 険しい|です|ね
        elif previous.pos[0] == "助詞" and pos[0] in _RUN_POS:
            # まで|に, へ|の, と|の, の|だ: particles (and an auxiliary) after a particle are
            # one word with it to the line breaker, as a number is with its counter (the
            # README: "keeps a run of particles and auxiliaries whole"): the fullest break
            # before a particle was inside the run (イースターまで / にウクライナ,
            # ウクライナへ / の敵意) past its start. Not after an auxiliary: 報じられる /
            # のが is a fair break, not 報じられ / るのが.
            bound.append(token.start)
        elif (
            pos[0] == "名詞"
            and token.surface[0] in KATAKANA
            and previous.surface[-1] in KATAKANA  # ロード|ショー
        ):
            weak.append(token.start)
        elif (
            pos[0] != "名詞"
            or previous.pos[0] == "接頭辞"
            or (
                len(token.surface) == 1
                and pos[1] != "数詞"  # (シャツ|数枚, シャツ|三枚: a number begins)
                and _KANJI_RUN.match(token.surface) is not None
            )
        ):
            # A particle, an auxiliary, a suffix, punctuation, a helper verb (見て|いく),
            # する after its noun (進展|する), a word after its prefix (新|政権), one
            # kanji closing a compound as a suffix does though UniDic calls it a noun
            # (警戒|感, 東京|駅): none stands at a line's start on its own (報じられる|のが).
            attached.append(token.start)
        previous = token
    return _Starts(tuple(starts), tuple(weak), tuple(attached), tuple(bound))


def phrase_boundaries(text: str) -> list[int]:
    """Offsets where a bunsetsu begins (the first phrase's start included), ascending.

    A phrase is a content word with the particles, auxiliaries, suffixes and
    punctuation that follow it; prefixes and opening brackets join the word
    after them, and runs of nouns (compound nouns) stay together.
    """
    return list(_phrase_starts(text).phrases)


def word_boundaries(text: str) -> list[int]:
    """Offsets where a MeCab token begins (whitespace skipped), ascending, but for those
    inside a number (`_Starts.bound`: 1|本, 27|日, 二十|七): a number with its counter
    is one word to the line breaker (ジーパン1 / 本 split it)."""
    inside = _phrase_starts(text).bound
    starts = [token.start for token in tokens(text) if token.pos[0] != "空白"]
    if not inside:
        return starts
    skip = set(inside)
    return [start for start in starts if start not in skip]


def weak_boundaries(text: str) -> list[int]:
    """Word starts inside a phrase that make a poor line break, ascending: inside a
    predicate's ending, an auxiliary verb or a sentence-final particle right after a
    verb, an adjective or another auxiliary (離せ|ませ|ん, 険しい|です|ね,
    見守り|ましょう); between two katakana words of a compound (ロード|ショー).

    A subset of `word_boundaries` and never a phrase start: the line breaker takes
    these with the attached ones, when no word start is within a third of the line,
    since a line ending 離せませ leaves ん。 to open the next one (書いてありまし / た。).
    """
    return list(_phrase_starts(text).weak)


def attached_boundaries(text: str) -> list[int]:
    """Word starts inside a phrase before a word that leans on the one before it,
    ascending: a particle, an auxiliary (not one of `weak_boundaries`), a suffix,
    punctuation, a helper verb after て (見て|いく), する after its noun, a word after
    its prefix, one kanji closing a compound (警戒|感). 報じられる|のが, 日本国内|の,
    トラッフォード|へ.

    A subset of `word_boundaries`, never a phrase start nor a weak one: the line breaker
    takes these last, when the line has no other break within reach, as a line opening
    with のが reads as a fragment.
    """
    return list(_phrase_starts(text).attached)


# -- furigana -----------------------------------------------------------------------------

_KANJI_RUN = re.compile(f"[{READ_AS_KANJI}]+")


def _split_okurigana(surface: str, reading: str) -> list[tuple[int, int, str]] | None:
    """Readings of the kanji runs of `surface`, or None when the kana do not line up.

    食べる/たべる → [(0, 1, "た")]; 取り組み/とりくみ → [(0, 1, "と"), (2, 3, "く")].
    """
    runs = list(_KANJI_RUN.finditer(surface))
    pattern = []
    position = 0
    for run in runs:
        pattern.append(re.escape(fold_kana(surface[position : run.start()])))
        pattern.append("(.+?)")
        position = run.end()
    pattern.append(re.escape(fold_kana(surface[position:])))
    match = re.fullmatch("".join(pattern), reading)
    if match is None:
        return None
    return [(run.start(), run.end(), match.group(i + 1)) for i, run in enumerate(runs)]


def _shown_reading(surface: str, kana: str) -> str:
    """How a word reads to a reader: hiragana, but for a word written with a Latin letter
    (W杯), which stands for a loanword, the katakana it is written out in (ワールドカップ)."""
    if surface.isascii() or not any(map(_is_latin, surface)):
        return fold_kana(kana)
    return kana


def _is_latin(char: str) -> bool:
    return char.isalpha() and unicodedata.normalize("NFKC", char).isascii()


def _counter(token: Token) -> bool:
    """Whether `token`, after a number, is its counter: a word UniDic says may be one,
    or one kanji, whatever MeCab makes of it (10,000話 is わ, not the はなし it gives)."""
    return token.pos[2] == "助数詞可能" or (token.pos[0] == "名詞" and len(token.surface) == 1)


def _unread_names(text: str, words: Sequence[Token]) -> list[tuple[int, int]]:
    """The parts of people's names in `text` that UniDic does not know whole and MeCab
    cut into pieces `words` read one by one: 愛|菜 of 芦田愛菜 (まな, not あい|さい),
    春|馬 of 三浦春馬 (はるま, not はる|うま). No reading of the whole is known."""
    if not any(token.pos[2] == "人名" for token in words):
        return []  # (complete_names starts from one: the cost of a parse saved)
    starts = [token.start for token in words]
    return [
        (start, end)
        for start, end in person_spans(text)
        if bisect_left(starts, end) - bisect_left(starts, start) > 1
    ]


@lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[Ruby, ...]:
    # Each word's readings, and the compound (a run of words written kanji to kanji:
    # 都|知事, 移籍|話) it stands in, by the index of its first word.
    read: list[tuple[int, tuple[str, str], list[Ruby]]] = []
    previous: Token | None = None
    compound = 0
    words = tokens(text)
    unread = _unread_names(text, words)
    for index, token in enumerate(words):
        if not (
            previous is not None
            and previous.end == token.start
            and HAS_KANJI.match(text, token.start)
            and HAS_KANJI.match(text, previous.end - 1)
        ):
            compound = index
        if any(start <= token.start < end for start, end in unread):
            # Read piece by piece, a name is misread (芦田(あしだ)愛(あい)菜 for あしだまな):
            # left without furigana, the family name before it keeping its own.
            previous = token
            continue
        after_numeral = previous is not None and previous.pos[1] == "数詞"
        previous = token
        if after_numeral and _counter(token):
            # A counter: 3日 is みっか, 一日 ついたち; MeCab reads them にち. One kanji
            # after a number is one even where MeCab says otherwise: 10,000話 is わ, not
            # the はなし it gives.
            continue
        if token.kana is None or not HAS_KANJI.search(token.surface):
            continue
        if token.pos[0] == "接尾辞":
            # 氏, 的, 化, counters after digits (3日 is みっか, not にち): the
            # reading is either obvious or depends on the word before.
            continue
        if token.pos[1] == "数詞":
            # Kanji numerals are read by their counter (一日 = ついたち), which
            # MeCab's per-token kana gets wrong; digits need no reading.
            continue
        reading = _shown_reading(token.surface, token.kana)
        parts = _split_okurigana(token.surface, reading)
        if parts is None:
            rubies = [Ruby(token.start, token.end, reading)]
        else:
            rubies = [Ruby(token.start + a, token.start + b, part) for a, b, part in parts]
        read.append((compound, (token.surface, token.kana), rubies))
    # Once per paragraph is enough to read a word; repeats only clutter. But a compound
    # is read whole or not at all: a repeat left unread inside one makes the reading of
    # the next word look like the whole's (都知事(ちじ) after 都(と), 移籍話(ばなし)).
    seen: set[tuple[str, str]] = set()
    result: list[Ruby] = []
    for _, group in itertools.groupby(read, key=lambda word: word[0]):
        members = list(group)
        keys = [key for _, key, _ in members]
        if all(key in seen for key in keys):
            continue
        seen.update(keys)
        for _, _, rubies in members:
            result.extend(rubies)
    return tuple(result)


def readings(text: str) -> list[Ruby]:
    """Furigana for every word of `text` written with kanji, in order.

    From UniDic's `kana` (the reading as written: とうきょう, not とーきょー), read in
    context (`tokens`: 日本 にほん, トランプ前大統領's 前 ぜん), in hiragana (a word
    with a Latin letter in katakana: W杯 ワールドカップ), over the kanji only (食べる:
    た over 食). Skipped: words without
    kanji, numerals, suffixes, words the dictionary does not know, and a word's repeats
    within the same text (same spelling and reading), unless a word of the compound it
    stands in is read: a compound is read whole or not at all (都(と)知事(ちじ) after
    都(と), never 都知事(ちじ)).
    """
    return list(_readings(text))


@dataclass(frozen=True, slots=True)
class Annotated:
    """Text with inline readings and the map between its offsets and the original's."""

    text: str
    inserts: tuple[tuple[int, int], ...]
    """(original offset, inserted length) of every inline reading, ascending."""
    keep_together: tuple[tuple[int, int], ...]
    """`[start, end)` in the annotated text of each base word with its reading."""
    shown: tuple[tuple[int, int], ...] = field(init=False, repr=False, compare=False)
    """`[start, end)` in the annotated text of each inline reading, "(" to ")"."""
    _ats: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _shifts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    """_shifts[i]: total length inserted by the first i readings."""

    def __post_init__(self) -> None:
        shifts = tuple(itertools.accumulate((length for _, length in self.inserts), initial=0))
        shown = tuple(
            (at + shift, at + shift + length)
            for (at, length), shift in zip(self.inserts, shifts, strict=False)
        )
        object.__setattr__(self, "_ats", tuple(at for at, _ in self.inserts))
        object.__setattr__(self, "_shifts", shifts)
        object.__setattr__(self, "shown", shown)

    def to_annotated(self, offset: int) -> int:
        """Original offset → annotated (an offset at a reading's base end lands after it)."""
        return offset + self._shifts[bisect_right(self._ats, offset)]

    def to_original(self, offset: int) -> int:
        """Annotated offset → original: the first original character drawn at or after it
        (inside a reading, "(" to ")", the base word's end: what follows the reading)."""
        index = bisect_right(self.shown, offset, key=itemgetter(0)) - 1
        if index < 0:
            return offset
        if offset < self.shown[index][1]:
            return self._ats[index]
        return offset - self._shifts[index + 1]


READING_OPEN = "("
READING_CLOSE = ")"


def with_furigana(text: str, rubies: Sequence[Ruby]) -> Annotated:
    """`text` with each reading inline after its base: 東京(とうきょう)に行(い)く.

    Half-width parentheses keep the line short; the reader dims the readings.
    """
    pieces: list[str] = []
    inserts: list[tuple[int, int]] = []
    keep: list[tuple[int, int]] = []
    position = 0
    shift = 0
    for ruby in rubies:
        if ruby.start < position:
            continue  # overlapping rubies: keep the first
        inserted = f"{READING_OPEN}{ruby.reading}{READING_CLOSE}"
        pieces.append(text[position : ruby.end])
        pieces.append(inserted)
        keep.append((ruby.start + shift, ruby.end + shift + len(inserted)))
        inserts.append((ruby.end, len(inserted)))
        shift += len(inserted)
        position = ruby.end
    pieces.append(text[position:])
    return Annotated("".join(pieces), tuple(inserts), tuple(keep))


# -- words ---------------------------------------------------------------------------------

_NOT_WORDS = frozenset({"補助記号", "空白"})


def _pos_label(token: Token) -> tuple[str, str]:
    pos1, pos2, pos3 = token.pos[0], token.pos[1], token.pos[2]
    english = POS_ENGLISH.get(pos1, pos1)
    japanese = pos1
    if pos2 == "固有名詞":
        english = "proper noun"
        japanese = f"{pos1}・{pos2}"
        if pos3 in ("人名", "地名"):
            japanese += f"・{pos3}"
            english += " (person)" if pos3 == "人名" else " (place)"
    elif pos2 == "数詞":
        japanese = f"{pos1}・{pos2}"
        english = "numeral"
    return japanese, english


def _display_lemma(token: Token) -> str:
    if token.pos[1] == "固有名詞" or token.lemma is None:
        return token.base or token.surface
    return token.lemma


def titled_people(text: str) -> frozenset[str]:
    """The katakana words `text` (an article's) names as people by a title (トランプ氏,
    トランプ前大統領: トランプ), as the index's person facet finds them
    (`index.names.titled_people`), in their normal form (NFKC)."""
    # The index's own rule, so the cursor and the person filter agree; the reader has
    # loaded the analyzer's module to search by then.
    from index.names import titled_people as named_by_title

    return named_by_title(text)


def _named_person(text: str, token: Token, people: frozenset[str]) -> bool:
    """Whether `token` is a katakana word of its own (not トランプ of トランプタワー) that
    `people` holds: UniDic's common noun トランプ (the cards) is the person there."""
    if not people or token.pos[1] == "固有名詞" or token.surface[0] not in KATAKANA:
        return False
    if (token.start and text[token.start - 1] in KATAKANA) or (
        token.end < len(text) and text[token.end] in KATAKANA
    ):
        return False
    return unicodedata.normalize("NFKC", token.surface) in people


@lru_cache(maxsize=1024)
def _words(text: str, people: frozenset[str]) -> tuple[WordInfo, ...]:
    result: list[WordInfo] = []
    previous: Token | None = None
    found = tokens(text)
    unread = _unread_names(text, found)
    filed = _filed_otherwise(text)
    for token in found:
        # A counter after digits reads by the number (27日 is にじゅうしちにち; MeCab
        # gave 日 the か of 3日, みっか): no reading, as the furigana give none.
        counted = (
            previous is not None
            and previous.pos[1] == "数詞"
            and any(map(str.isdigit, previous.surface))  # 27, 10,000 (not 三: みっ|か)
            and (token.pos[0] == "接尾辞" or _counter(token))
        )
        previous = token
        if token.pos[0] in _NOT_WORDS:
            continue
        japanese, english = _pos_label(token)
        if _named_person(text, token, people):
            japanese, english = "名詞・固有名詞・人名", "proper noun (person)"
        result.append(
            WordInfo(
                start=token.start,
                end=token.end,
                surface=token.surface,
                lemma=filed.get(token.start, (_display_lemma(token), ""))[0],
                query=filed.get(token.start, ("", token.base or token.surface))[1],
                reading=(
                    _shown_reading(token.surface, token.kana)
                    if token.kana
                    and not counted
                    # 愛 of 芦田愛菜 (まな) is no あい: no reading, as the furigana give none
                    and not any(start <= token.start < end for start, end in unread)
                    else None
                ),
                pos=japanese,
                pos_english=english,
            )
        )
    return tuple(result)


def _filed_otherwise(text: str) -> dict[int, tuple[str, str]]:
    """Where a verb of `text` starts -> (the word, what finds it) where the index files
    it as another word than its lemma (`index.analysis._as_helpers`): a helper verb in
    kana after て (いき of 見ていきましょう: 〜いく, found by ていく: 行く and いく
    found other articles), a verb of a compound particle (とっ of 日本にとって:
    にとって)."""
    if not any(te in text for te in ("て", "で", "ちゃ", "じゃ", "いけ")):
        return {}
    filed: dict[int, tuple[str, str]] = {}
    words, starts, ends = located_words(text)
    for word, start, end in zip(words, starts, ends, strict=True):
        term = word[WORD_TERM]
        if term == MUST_NOT:
            filed[start] = (term, "てはいけない")  # (ちゃいけない too: its helper alone)
        elif term.startswith(HELPER_MARK):
            filed[start] = (term, "て" + term[len(HELPER_MARK) :])
        elif word[WORD_POS][0] == "助詞" and end - start > 2 and term == word[WORD_SURFACE]:
            # に|とっ|て made one word: its verb (the cursor's word) starts after に
            filed[start + 1] = (term, term)
    return filed


def words(text: str, people: frozenset[str] = frozenset()) -> list[WordInfo]:
    """Every word of `text` (punctuation and spaces skipped), in order; a katakana word
    `people` holds is a person's name (`titled_people` of the article: トランプ, which
    UniDic knows as the cards)."""
    return list(_words(text, people))
