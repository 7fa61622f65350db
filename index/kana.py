"""Katakana folded to hiragana: one table for the index, the furigana and the palette.

A module of its own, importing nothing: the reader's palette folds with it before
the analyzer (and MeCab) is loaded.
"""

from __future__ import annotations

KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)} | {
    0x30FD: 0x309D,  # ヽ → ゝ
    0x30FE: 0x309E,  # ヾ → ゞ
}
"""ァ-ヶ and the iteration marks: `str.translate`'s table (ー and ヷ-ヺ, which have no
hiragana twin, stay as they are)."""


KATAKANA = frozenset(
    [chr(c) for c in range(0x30A1, 0x30FB)] + ["ー"] + [chr(c) for c in range(0xFF66, 0xFFA0)]
)
"""Katakana letters and ー, full and half width (not ・, which separates words)."""


def fold_kana(text: str) -> str:
    """Katakana → hiragana (ー and the katakana without a hiragana twin stay as they are)."""
    return text.translate(KATAKANA_TO_HIRAGANA)
