"""Romaji read as the hiragana an IME would type for it (toukyou: とうきょう), for the hint
that says a query of Latin letters is not read as Japanese (`index.hint_searches`).

Hepburn and kunrei-shiki both (shi and si, tsu and tu, fu and hu), as typed on a
keyboard: a vowel doubled as typed (toukyou, not tōkyō), a consonant doubled for
っ (kitte), n, nn or n' for ん (and Hepburn's m before b, m, p: shimbun), - for ー. A
word holding anything else (l, q, x, v, a digit) or a consonant left over (touky) is
no romaji: None.
"""

from __future__ import annotations

import itertools

from index.kana import HIRAGANA_TO_KATAKANA

_VOWELS = "aiueo"

_ROWS: dict[str, str] = {
    "": "あいうえお",
    "k": "かきくけこ",
    "g": "がぎぐげご",
    "s": "さしすせそ",
    "z": "ざじずぜぞ",
    "t": "たちつてと",
    "d": "だぢづでど",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
    "m": "まみむめも",
    "r": "らりるれろ",
}
"""The rows of the kana table with a vowel of each column (a, i, u, e, o)."""

_YOON = {"k": "き", "g": "ぎ", "n": "に", "h": "ひ", "b": "び", "p": "ぴ", "m": "み", "r": "り"}
"""The consonants that take y for a contracted sound (kya: きゃ)."""

_SMALL = {"a": "ゃ", "u": "ゅ", "o": "ょ"}

SYLLABLES: dict[str, str] = {
    **{
        consonant + vowel: kana[at]
        for consonant, kana in _ROWS.items()
        for at, vowel in enumerate(_VOWELS)
    },
    **{
        consonant + "y" + vowel: first + _SMALL[vowel]
        for consonant, first in _YOON.items()
        for vowel in _SMALL
    },
    "ya": "や",
    "yu": "ゆ",
    "yo": "よ",
    "wa": "わ",
    "wo": "を",
    "shi": "し",
    "chi": "ち",
    "tsu": "つ",
    "fu": "ふ",
    "ji": "じ",
    **{"sh" + vowel: "し" + small for vowel, small in _SMALL.items()},
    **{"ch" + vowel: "ち" + small for vowel, small in _SMALL.items()},
    **{"j" + vowel: "じ" + small for vowel, small in _SMALL.items()},
    **{"sy" + vowel: "し" + small for vowel, small in _SMALL.items()},
    **{"ty" + vowel: "ち" + small for vowel, small in _SMALL.items()},
    **{"zy" + vowel: "じ" + small for vowel, small in _SMALL.items()},
    "she": "しぇ",
    "che": "ちぇ",
    "je": "じぇ",
    "fa": "ふぁ",
    "fi": "ふぃ",
    "fe": "ふぇ",
    "fo": "ふぉ",
    "ti": "ち",  # kunrei: ti, tu, si, zi, hu as their Hepburn twins
    "tu": "つ",
    "si": "し",
    "zi": "じ",
    "hu": "ふ",
    "-": "ー",
}
"""Romaji syllables and the hiragana they are typed as."""

_LONGEST = max(len(syllable) for syllable in SYLLABLES)


def romaji_kana(word: str) -> str | None:
    """`word` (Latin letters, any case) read as romaji, in hiragana; None where a letter
    is left that no syllable reads (hello: the l), or there is no vowel to read."""
    text = word.lower()
    if not text or not text.isascii() or not any(char in _VOWELS for char in text):
        return None
    kana: list[str] = []
    at = 0
    while at < len(text):
        char = text[at]
        following = text[at + 1 : at + 2]
        if char == "n" and not _begins_syllable(following):
            # ん: n at the end or before a consonant, n', nn (a second n before a vowel
            # begins its syllable: onna おんな, konnichiha こんにちは)
            after = text[at + 2 : at + 3]
            kana.append("ん")
            at += 2 if following == "'" or (following == "n" and not _begins_syllable(after)) else 1
            continue
        if char == "m" and following in ("b", "m", "p"):
            kana.append("ん")  # Hepburn: shimbun, tempura
            at += 1
            continue
        if char == following and char not in _VOWELS + "-" and char.isalpha():
            kana.append("っ")  # kitte, zasshi
            at += 1
            continue
        if char == "t" and text.startswith("tch", at):
            kana.append("っ")  # matcha
            at += 1
            continue
        for length in range(_LONGEST, 0, -1):
            found = SYLLABLES.get(text[at : at + length])
            if found is not None:
                kana.append(found)
                at += length
                break
        else:
            return None
    return "".join(kana)


def _begins_syllable(char: str) -> bool:
    """Whether `char`, after an n, makes a syllable of it (na, nya): not ん."""
    return char != "" and char in _VOWELS + "y"


_COLUMN = {kana: _VOWELS[at] for row in _ROWS.values() for at, kana in enumerate(row)} | {
    "ゃ": "a",
    "ゅ": "u",
    "ょ": "o",
    "や": "a",
    "ゆ": "u",
    "よ": "o",
    "わ": "a",
}
"""The vowel a kana ends in."""


def long_vowels_marked(kana: str) -> str:
    """`kana` (from `romaji_kana`) in katakana with a vowel repeated written ー, as a
    loanword writes it (すかいつりい: スカイツリー, as sukaitsurii is typed for it)."""
    marked = [kana[0]] if kana else []
    for before, char in itertools.pairwise(kana):
        repeated = char in _ROWS[""] and _COLUMN.get(before) == _VOWELS[_ROWS[""].index(char)]
        marked.append("ー" if repeated else char)
    return "".join(marked).translate(HIRAGANA_TO_KATAKANA)


_SMALL_KANA = frozenset("ゃゅょぁぃぅぇぉ")
_LENGTHENED_AT_MOST = 3
"""Syllables a long vowel is tried after, each way, at most (2³ spellings); past them one
syllable at a time (`lengthened`)."""


def lengthened(kana: str) -> list[str]:
    """`kana` (from `romaji_kana`) in katakana with a vowel lengthened as ー where it was
    typed short, as romaji often is (ramen: ラーメン, kohi: コーヒー): after each way of
    picking its syllables that end in a vowel, at most `_LENGTHENED_AT_MOST` of them
    (past them, after one at a time)."""
    syllables: list[str] = []
    for char in kana:
        if syllables and char in _SMALL_KANA:
            syllables[-1] += char
        else:
            syllables.append(char)
    ends = [
        at
        for at, syllable in enumerate(syllables)
        if syllable[-1] in _COLUMN
        and syllables[at + 1 : at + 2]
        not in (["ー"], [_ROWS[""][_VOWELS.index(_COLUMN[syllable[-1]])]])
    ]
    if len(ends) <= _LENGTHENED_AT_MOST:
        picks = [
            picked
            for size in range(1, len(ends) + 1)
            for picked in itertools.combinations(ends, size)
        ]
    else:
        picks = [(at,) for at in ends]
    return [
        "".join(s + ("ー" if at in picked else "") for at, s in enumerate(syllables)).translate(
            HIRAGANA_TO_KATAKANA
        )
        for picked in picks
    ]
