"""Katakana folded to hiragana: one table for the index, the furigana and the palette,
and the one folding (`fold`) by which the reader matches what is typed: the pickers, the
palette and `outlet:`.

And the one definition of the scripts' characters the rest of index/ tells apart: what
a kanji is (`is_kanji`, `KANJI`), a katakana word (`KATAKANA_WORD`), hiragana.

A module of its own, importing nothing of the project: the reader's palette folds with
it before the analyzer (and MeCab) is loaded.
"""

from __future__ import annotations

import re
import unicodedata

KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)} | {
    0x30FD: 0x309D,  # ヽ → ゝ
    0x30FE: 0x309E,  # ヾ → ゞ
}
"""ァ-ヶ and the iteration marks: `str.translate`'s table (ー and ヷ-ヺ, which have no
hiragana twin, stay as they are)."""

HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
"""ぁ-ゖ to their katakana twins: `str.translate`'s table (ー stays as it is)."""


KATAKANA = frozenset(
    [chr(c) for c in range(0x30A1, 0x30FB)] + ["ー"] + [chr(c) for c in range(0xFF66, 0xFFA0)]
)
"""Katakana letters and ー, full and half width (not ・, which separates words)."""


def fold_kana(text: str) -> str:
    """Katakana → hiragana (ー and the katakana without a hiragana twin stay as they are)."""
    return text.translate(KATAKANA_TO_HIRAGANA)


def fold(text: str) -> str:
    """`text` as the reader matches what is typed against what is listed: ｶﾀｶﾅ, カタカナ
    and ひらがな alike, full and half width alike, any case (NFKC, then katakana to
    hiragana, then case folded). The pickers and the palette match with it, and
    `outlet:` finds an outlet by it (`index.filters.facet_key`): what the picker listed
    for とぴ, outlet:とぴ found nothing."""
    return folded_with_map(text)[0]


def folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text (`fold`), and for each of its characters the index it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        normal = unicodedata.normalize("NFKC", char).translate(KATAKANA_TO_HIRAGANA).casefold()
        for piece in normal:
            if unicodedata.combining(piece) and out:
                # A half-width voiced mark (ﾞ) joins the kana before it: ｶﾞ → が.
                merged = unicodedata.normalize("NFC", out[-1] + piece)
                if len(merged) == 1:
                    out[-1] = merged
                    continue
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


# -- the scripts' characters, as a regular expression's character class body ---------------

IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
"""The CJK ideographs: the unified ones, their extensions A (U+3400) and B to I (planes 2
and 3: 𠀋, 𡈽), and the compatibility ideographs (U+F900), of which NFKC leaves a dozen as
they are (﨔 U+FA14, 﨑 U+FA11; `index.normalization.VARIANTS` folds 﨑 and 𠮷 before
MeCab, not the others)."""

KANJI = "\u3005" + IDEOGRAPHS
"""Kanji: the ideographs and 々, which repeats the one before (佐々木): what a word or a
name in kanji is written with."""

READ_AS_KANJI = KANJI + "\u3006\u30f5\u30f6"
"""What furigana reads as kanji: `KANJI`, 〆 (〆切: しめきり) and the small ヵ ヶ written
among kanji (三ヶ月: さんかげつ)."""

HIRAGANA = "\u3041-\u309f"
"""Hiragana, with the voicing marks and ゝゞ (not ー, which katakana and hiragana share)."""

KATAKANA_LETTERS = "\u30a1-\u30fa\u30fc"
"""A katakana word's characters, full width: ァ-ヺ and ー (not ・, which separates words,
nor ヽヾ). `KATAKANA` is the set of characters, half width too."""

KATAKANA_WORD = re.compile(f"[{KATAKANA_LETTERS}]+")
"""A katakana word: one letter or more (`fullmatch` it)."""


def is_kanji(char: str) -> bool:
    """Whether `char` (one character) is a kanji: in `KANJI` (compared, not matched: the
    name rules ask it of most characters of a text)."""
    return (
        "\u4e00" <= char <= "\u9fff"
        or "\u3400" <= char <= "\u4dbf"
        or char == "\u3005"
        or "\uf900" <= char <= "\ufaff"
        or "\U00020000" <= char <= "\U000323af"
    )
