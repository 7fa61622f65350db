"""As-you-type: the kana of an inflection still being typed at a word's end
(`unfinished_ending`), which the search leaves out until it is whole.

Typed kana by kana, an inflected word passes through states MeCab reads as another
word after it: 食べま is 食べ|ま (a filler), 行っていま 行っ|て|いま (今), 美味しか
美味|しか, 売れなか 売れ|なか (中). Searched so, the count fell to 0 or near it
mid-word and came back a keystroke later (over ldcc 食べ 472, 食べま 0, 食べまし 438).
Whether kana is such an ending is asked of MeCab: the text without it ends in a word
that inflects (or in て), and the kana is the start of an ending (`ENDINGS`) which
MeCab reads, typed whole, as that word's inflection. A particle after a noun (日本のさ:
さくら to come), kanji (東京都知) and a text MeCab reads as an inflection already
(食べた, 美味しい, 食べませ) are left as typed.
"""

from __future__ import annotations

import functools
import re

from index.analysis import PHRASE_PARTICLES, is_reading, morphemes
from index.kana import is_kanji
from index.mecab import tagger
from index.normalization import normalize

ENDINGS = (
    "ます",
    "ました",
    "ません",
    "ましょう",
    "ない",
    "なかった",
    "なくて",
    "かった",
    "くない",
    "ければ",
    "たい",
    "たかった",
    "でした",
    "でしょう",
    "ください",
)
"""Inflectional endings (auxiliaries and an adjective's own endings) whose start a reader
types before the rest: a kana ending being typed is the start of one of these."""

AFTER_KANJI_ENDINGS = (
    "った",
    "って",
    "ちゃう",
    "ちゃった",
    "られる",
    "られた",
    "ほしい",
)
"""Endings (the helper verbs and adjective after て too) whose start is one kana most
words typed in hiragana end in as well: one of these begun after a word written in
kanji (歌っ of 歌った, 食べち of 食べちゃう, 与えら of 与えられた, 戻ってほ of 戻ってほしい: 0
articles of ldcc as typed, or 1), not after a word typed in hiragana alone, which it
cut into another (せっち, 設置, was せっ|ちゃう: 2,130 articles live where Enter finds
169; かめら, カメラ, かめ|られる: カメルーン)."""

LONGEST_TAIL = 3
"""How many trailing kana may be an ending begun (なかっ of なかった)."""

_TAIL = re.compile(f"[\u3041-\u3096]{{1,{LONGEST_TAIL}}}\\Z")
"""Trailing hiragana, as many as `LONGEST_TAIL`."""

_INFLECTING = frozenset({"動詞", "形容詞", "助動詞"})
_CONTINUED_FORMS = ("連用形", "未然形", "語幹", "仮定形")
"""The conjugation forms (UniDic's cForm) an ending follows; a classical (文語) word
in any form (悲し, an adjective's stem as MeCab reads it alone)."""


_Token = tuple[int, int, list[str]]
"""(start, end, features) of a MeCab token ('*' kept)."""


def _tokens(text: str) -> list[_Token]:
    """MeCab's tokens of `text` (as normalized: the query's text is already)."""
    tokens: list[_Token] = []
    at = 0
    for node in tagger()(text):
        start = text.find(node.surface, at)
        if start < 0:
            return []
        at = start + len(node.surface)
        tokens.append((start, at, node.feature_raw.split(",")))
    return tokens


def _lemma(features: list[str]) -> str:
    return features[7] if len(features) > 7 else ""


def _inflecting(features: list[str]) -> bool:
    return features[0] in _INFLECTING


def _joining(features: list[str]) -> bool:
    """Whether a token is a particle joining what follows (the て of 食べて, で of 読んで)."""
    return features[0] == "助詞" and len(features) > 1 and features[1] == "接続助詞"


def _goes_on(features: list[str]) -> bool:
    """Whether a token is one an ending follows: a word that inflects in a form that
    goes on (食べ, 売れ, 少なく), or the て/で a helper verb follows (教えて|ください)."""
    if features[0] == "助詞":
        return _joining(features)
    if not _inflecting(features) or len(features) < 6:
        return False
    return features[5].startswith(_CONTINUED_FORMS) or features[4].startswith("文語")


def _helper(features: list[str]) -> bool:
    """Whether a token is a helper of the word before it: an auxiliary (ます, た), or a
    verb or adjective that cannot stand alone (い of ている, ない of 少なくない)."""
    return features[0] == "助動詞" or (
        _inflecting(features) and len(features) > 1 and features[1] == "非自立可能"
    )


def _inflected_at(tokens: list[_Token], at: int) -> _Token | None:
    """The word that inflects which `tokens` read the text up to `at` as ending in, the
    rest of the text being its inflection: the word ends at `at` and helpers follow it
    (食べ|ます; a て, で or ば too: 読ん|で), or it runs past `at` with helpers (or those)
    alone after it (美味しかっ|た, 高けれ|ば). None when MeCab reads it otherwise (食べ|ま,
    美味|しか)."""
    index = next((k for k, (start, end, _) in enumerate(tokens) if start < at <= end), None)
    if index is None:
        return None
    _, end, features = tokens[index]
    rest = [after for _, _, after in tokens[index + 1 :]]
    if end == at:
        if not rest or not _goes_on(features):
            return None
    elif not _inflecting(features):
        return None
    return tokens[index] if all(_helper(after) or _joining(after) for after in rest) else None


@functools.lru_cache(maxsize=256)
def unfinished_ending(text: str) -> int:
    """How many kana at the end of `text` (a word being typed, NFKC) are the start of an
    inflection that MeCab reads as a word of their own (ま of 食べま, なか of 売れなか);
    0 when none (see the module doc), and when MeCab reads the text without them as the
    word they inflect (or ending in a particle or auxiliary: つまら|な) and what follows as
    particles, which the search passes over: 大き|か searched 大きい as 大きかった does
    (845 articles of ldcc), 大き alone every word it begins too (1,570); 寒|か is cut
    (寒, a noun, where 寒かった is 寒い). A word in hiragana keeps two kana at least: さま (様) is
    no さ being inflected."""
    count, lemma = _ending_begun(text)
    if not count or (is_reading(text) and len(text) - count < 2):
        return 0
    if is_reading(text) and text.endswith(_PARTICLE_ENDS):
        # a particle typed after a word in hiragana (とくしゅうまで: で, as of でした, was
        # cut, and とくしゅうま found nothing where the word and まで find 852 over ldcc)
        return 0
    if _within_a_word(text, len(text) - count):
        return 0
    head, whole = morphemes(text[:-count]), morphemes(text)
    if (
        head
        and (head[-1].stop or head[-1].term == lemma.lower())
        and [m.term for m in whole[: len(head)]] == [m.term for m in head]
        and all(m.stop for m in whole[len(head) :])
    ):
        return 0
    return count


_PARTICLE_ENDS = tuple(PHRASE_PARTICLES)
"""The particles whose kana end a word typed in hiragana as particles, no ending begun."""


_STOPS = frozenset({"助詞", "助動詞", "感動詞", "記号", "補助記号"})
"""What MeCab reads as no word of the text's own: particles, auxiliaries, fillers
(ま of 食べま), symbols."""


def _within_a_word(text: str, at: int) -> bool:
    """Whether the kana of `text` from `at` on are part of a word MeCab reads as typed,
    no ending begun: the token they begin in is a content word that starts before them,
    where a word of the text without them starts, after nothing that inflects (確か, 近く,
    いわく one word each; 皆|さま, さま a suffix). Not 美味|しか (a particle), 売れ|なか
    (from its start), 楽しみにして|いま (after て), 食|べち (MeCab reads 食べ as one
    word, the word before the kana; 頼|れな, 言|いま): an ending being typed, MeCab
    reading it as another word. Cut, live 確か searched 確 (1,730 articles of ldcc; 416
    at Enter), 皆さま 皆 (1,390; 128)."""
    typed = _tokens(text)
    index = next((k for k, (start, end, _) in enumerate(typed) if start <= at < end), None)
    if index is None:
        return False
    start, _, features = typed[index]
    if start == at or features[0] in _STOPS:
        return False
    if start not in {0, *(end for _, end, _ in _tokens(text[:at]))}:
        return False
    return index == 0 or not _goes_on(typed[index - 1][2])


def _ending_begun(text: str) -> tuple[int, str]:
    """How many kana at the end of `text` are the start of an inflection (`ENDINGS`)
    of the word before them, which MeCab does not read as one, and that word's lemma;
    (0, '') when none."""
    tail = _TAIL.search(text)
    if tail is None or normalize(text)[0] != text:
        return 0, ""
    typed = _tokens(text)
    for count in range(1, len(tail.group()) + 1):
        at = len(text) - count
        kana, head = text[at:], text[:at]
        if _inflected_at(typed, at) is not None:
            continue  # read as an inflection already: 食べた, 食べませ, 読んで, 美味しい
        own: list[_Token] | None = None
        endings = ENDINGS if is_reading(text) else ENDINGS + AFTER_KANJI_ENDINGS
        for ending in endings:
            if not ending.startswith(kana) or ending == kana:
                continue
            word = _inflected_at(_tokens(head + ending), at)
            if word is None:
                continue
            lemma = _lemma(word[2])
            if word[1] == at:
                return count, lemma
            # the ending within the word (美味し|か: 美味しかっ|た): the same word as the
            # text up to `at` ends in, alone, or a kanji MeCab reads alone as no word
            # that inflects (暑 a symbol: 暑か was 暑|か, 0 articles of ldcc; not the な
            # of なかな, なかなか being a word)
            own = _tokens(head) if own is None else own
            if not own or own[-1][0] != word[0]:
                continue
            start, end, last = own[-1]
            if _lemma(last) == lemma or (
                not _inflecting(last) and any(map(is_kanji, head[start:end]))
            ):
                return count, lemma
    return 0, ""
