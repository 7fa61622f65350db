"""Matching that treats ｶﾀｶﾅ, カタカナ and ひらがな, and full- and half-width, alike.

Textual's fuzzy matcher only lower-cases, so palette entries and the typed
query are both folded here first (NFKC, then katakana to hiragana, then
lower case), keeping a map back to the original characters for highlighting.
"""

from __future__ import annotations

import unicodedata

from index.kana import KATAKANA_TO_HIRAGANA


def fold(text: str) -> str:
    return folded_with_map(text)[0]


def folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        normal = unicodedata.normalize("NFKC", char).translate(KATAKANA_TO_HIRAGANA).lower()
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
