"""Text as the index holds it: NFKC, zero-width characters removed and variant
characters in their common form (`normal_form`), and `normalize`, which does the same
to a text to be analysed and maps offsets in the result back to the original text.

Whatever looks a term up from typed text, and the analyzer before MeCab, go through it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from index.sanitize import EMOJI_WIDTH_MARKS

# Removed before MeCab: they split words invisibly (U+200B inside 東京 makes two tokens).
# And the emoji marks an article's text holds as a zero-width space (`index.sanitize`:
# U+FE0F, the skin tones), so that a query pasted with them (❤️) matches it.
ZERO_WIDTH = (
    frozenset("\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
    | EMOJI_WIDTH_MARKS
)


def _latin_base_letters() -> dict[int, str]:
    """Latin letters with diacritics -> the letter without (é -> e, Ü -> U, ø stays):
    one character for one, so offsets hold."""
    table: dict[int, str] = {}
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFKD", chr(code))[:1]
        if base.isascii() and base.isalpha() and unicodedata.normalize("NFKC", chr(code)) != base:
            table[code] = base
    return table


_NAME_VARIANTS = (
    "髙﨑嵜德濵濱邉邊櫻國澤嶋嶌廣眞冨瀨槇穗惠淸靜龜團齋齊𠮷",
    "高崎崎徳浜浜辺辺桜国沢島島広真富瀬槙穂恵清静亀団斎斉吉",
)
"""Variant kanji of names (異体字) and their common form: 髙橋 is found by 高橋, 小沢
by 小澤, 齋藤 by 斎藤, 𠮷田 by 吉田. Conservative: only forms of the same character,
not 斎/斉 or 竜/龍, which people tell apart."""

VARIANTS: dict[int, str] = {
    ord(variant): common for variant, common in zip(*_NAME_VARIANTS, strict=True)
} | _latin_base_letters()  # Café is found by cafe
"""Applied after NFKC, before MeCab: both the index and queries see the common form."""


@lru_cache(maxsize=1)
def _unstable_chars() -> re.Pattern[str]:
    """Characters NFKC changes, removes, or composes with what precedes them.

    Built once over the BMP (~40 ms); astral characters are checked one by one
    (they are rare in news text).
    """
    ranges: list[str] = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if (
            char in ZERO_WIDTH
            or ord(char) in VARIANTS
            or unicodedata.normalize("NFKC", char) != char
            or (unicodedata.combining(char))
        ):
            ranges.append(re.escape(char))
    return re.compile("[" + "".join(ranges) + "\U00010000-\U0010ffff]")


def normal_form(text: str) -> str:
    """NFKC, then the common form of VARIANTS: text as the index holds it (before MeCab
    and lower-casing). Whatever looks a term up from typed text goes through it."""
    return unicodedata.normalize("NFKC", text).translate(VARIANTS)


def _normalize_char(char: str) -> str:
    return "" if char in ZERO_WIDTH else normal_form(char)


def _joins_previous(normalized: str) -> bool:
    """Whether a character's normal form composes with the character before it (ﾞ, ゙)."""
    return bool(normalized) and unicodedata.combining(normalized[0]) != 0


class OffsetMap:
    """Maps offsets in the normalised text back to the original text.

    Stored as sorted segment starts in the normalised text; within a segment
    that NFKC left alone offsets shift linearly, inside a rewritten group
    (ｶﾞ → ガ, ㍿ → 株式会社) every offset snaps to the group's edges.
    """

    __slots__ = ("_norm_starts", "segments")

    def __init__(self, segments: list[tuple[int, int, int, int]]) -> None:
        self.segments = segments
        """(norm_start, norm_len, orig_start, orig_len), in order."""
        self._norm_starts = [segment[0] for segment in segments]

    def start(self, offset: int) -> int:
        norm_start, norm_len, orig_start, orig_len = self._segment(offset)
        if norm_len == orig_len:
            return orig_start + offset - norm_start
        return orig_start

    def end(self, offset: int) -> int:
        if offset <= 0:
            return 0
        norm_start, norm_len, orig_start, orig_len = self._segment(offset - 1)
        if norm_len == orig_len:
            return orig_start + offset - norm_start
        return orig_start + orig_len

    def _segment(self, offset: int) -> tuple[int, int, int, int]:
        index = bisect.bisect_right(self._norm_starts, offset) - 1
        return self.segments[max(index, 0)]


def normalize(text: str) -> tuple[str, OffsetMap | None]:
    """NFKC `text` without zero-width characters, VARIANTS in their common form; the map
    is None when offsets are unchanged."""
    unstable = _unstable_chars()
    if unstable.search(text) is None:
        return text, None
    # Groups of rewritten characters, each with the combining marks that follow it.
    groups: list[list[int | str]] = []  # [orig_start, orig_end, normalized]
    for match in unstable.finditer(text):
        start = match.start()
        char = text[start]
        normalized = _normalize_char(char)
        if normalized == char and not unicodedata.combining(char) and char not in ZERO_WIDTH:
            continue  # an astral character NFKC keeps
        if _joins_previous(normalized) and start > 0:
            if groups and groups[-1][1] == start:
                group = groups[-1]
                group[1] = start + 1
                group[2] = normal_form(str(group[2]) + normalized)
                continue
            previous = text[start - 1]
            groups.append([start - 1, start + 1, normal_form(previous + normalized)])
            continue
        groups.append([start, start + 1, normalized])
    if not groups:
        return text, None
    pieces: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    orig = norm = 0
    identity = True
    for group in groups:
        orig_start, orig_end, replacement = int(group[0]), int(group[1]), str(group[2])
        if orig_start > orig:
            pieces.append(text[orig:orig_start])
            segments.append((norm, orig_start - orig, orig, orig_start - orig))
            norm += orig_start - orig
        pieces.append(replacement)
        segments.append((norm, len(replacement), orig_start, orig_end - orig_start))
        identity = identity and len(replacement) == orig_end - orig_start
        norm += len(replacement)
        orig = orig_end
    if orig < len(text):
        pieces.append(text[orig:])
        segments.append((norm, len(text) - orig, orig, len(text) - orig))
    # Rewritten but length-preserving (full-width ＡＢＣ, half-width ｶﾀｶﾅ): offsets hold.
    return "".join(pieces), None if identity else OffsetMap(segments)
