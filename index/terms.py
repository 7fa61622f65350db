"""The terms the analyzers index, without a token stream (`index.bulk`'s build).

`field_terms` gives what `fieldobj.index(value)` yields through an analyzer of
`index.analysis` and Whoosh's format for a field: every field's terms of a text
come from one pass over its MeCab tokens (`_TextTerms`), cached across the fields
of a document.
"""

from __future__ import annotations

import pickle
import threading
import unicodedata
from array import array
from collections.abc import Iterator
from functools import lru_cache
from operator import itemgetter, sub
from typing import Any, TypeVar

from whoosh import formats
from whoosh.system import pack_uint

from index.analysis import (
    MAX_PAIR_GAP,
    PAIR_SEPARATOR,
    PART_SEPARATOR,
    WORD_NAME_PARTS,
    WORD_PROPER,
    WORD_STOP,
    WORD_SURFACE,
    Word,
    content_analyzer,
    located_words,
    pairs_analyzer,
    proper_noun_analyzer,
    reading_analyzer,
    reading_pairs_analyzer,
    reread,
    silent_dot,
    voiced_after,
)
from index.names import (
    ORG,
    PERSON,
    PLACE,
    NameEntry,
    complete_names,
    document_names,
    word_tail,
)
from index.word_codes import NO_WORD, packed_codes, word_code

_cache = threading.local()
_CACHE_SIZE = 64
"""Texts whose `_TextTerms` a thread keeps (as `index.analysis` keeps its parses)."""

TermsKind = tuple[str, str]
"""What `field_terms` computes for a field: ("content" | "reading" | "pairs" |
"reading_pairs" | "proper", kind)."""


def terms_kind(fieldobj: Any) -> TermsKind | None:
    """Which of `index.analysis`'s analyzers (with Whoosh's matching format) feeds `fieldobj`,
    or None when `field_terms` cannot stand in for `fieldobj.index()`."""
    analyzer = getattr(fieldobj, "analyzer", None)
    fieldformat = type(getattr(fieldobj, "format", None))
    if getattr(fieldobj, "vector", None) or fieldobj.separate_spelling():
        return None
    if fieldformat is formats.Characters and analyzer == content_analyzer():
        return ("content", "")
    if fieldformat is formats.Positions and analyzer == reading_pairs_analyzer():
        return ("reading_pairs", "")
    if fieldformat is not formats.Frequency:
        return None
    if analyzer == reading_analyzer():
        return ("reading", "")
    if analyzer == pairs_analyzer():
        return ("pairs", "")
    if analyzer == reading_pairs_analyzer():
        return ("reading_pairs", "")
    for kind in (PERSON, PLACE, ORG):
        if analyzer == proper_noun_analyzer(kind):
            return ("proper", kind)
    return None


_NO_CODES = (NO_WORD,)

_NOTHING: Word = ("", "", "", "", True, "", False, (), None, "", False, 0)
"""No token (before the first): a stop word, so no name is a tail of it."""


class _TextTerms:
    """Every field's terms of one text, from one pass over its MeCab tokens.

    What the analyzers' token streams index, without the streams: `content`
    (folded term -> its last position and end, then the (position, start, length)
    Characters deltas of its occurrences, flat in one array: a list of tuples took
    ~50 bytes more an occurrence, 30 MB a million characters of livedoor articles),
    the counts of `reading` and `pairs`, the positions of `reading_pairs`, and `names`
    (its `NameEntry`s); every term as UTF-8 bytes.
    Positions and offsets are the text's own.
    """

    __slots__ = (
        "codes",
        "content",
        "joined",
        "length",
        "names",
        "pairs",
        "reading",
        "reading_pairs",
        "stops",
    )

    def __init__(self, text: str) -> None:
        content: dict[str, array[int]] = {}
        readings: dict[str, int] = {}
        pairs: dict[str, int] = {}
        reading_pairs: dict[str, list[int]] = {}
        names: list[NameEntry] = []
        separators = _PAIR_SEPARATORS
        never = -MAX_PAIR_GAP - 1  # a position no first word pairs with
        previous, previous_pos = "", never  # the last content word, for pairs
        # the last compound part's readings (a word read several ways: 会社 かいしゃ, がいしゃ)
        previous_readings: tuple[str, ...] = ()
        previous_reading_pos = never
        before: Word = _NOTHING  # the token
        before_end = -1  # right before, stop words included (none before the first)
        words, starts, ends = located_words(text)
        reread_at = reread(text, words, starts, ends)
        codes = array("H", _NO_CODES) * len(words)  # the word at each position (word_codes)
        code_of: dict[str, int] = {}
        shift = 0  # joined words' second tokens passed (ReadingFilter)
        for pos, word, start, end in zip(range(len(words)), words, starts, ends, strict=True):
            surface, _, folded, reading, stop, proper, compound, _, _, may_voice, _, _ = word
            word_readings: tuple[str, ...] = (reading,) if reading else ()
            if reread_at and pos in reread_at:
                word_readings = reread_at[pos]
                if not word_readings:
                    shift += 1
            if stop:
                if surface == "・" and silent_dot(words, pos):
                    shift += 1  # the reading fields pass over it (ジョニー・デップ)
                before, before_end = word, end
                continue
            found = content.get(folded)
            if found is None:
                content[folded] = array("q", (pos, end, pos, start, end - start))
                code = code_of.get(folded)
                if code is None:
                    code = code_of[folded] = word_code(folded)
                codes[pos] = code
            else:
                codes[pos] = code_of[folded]
                found.extend((pos - found[0], start - found[1], end - start))
                found[0] = pos
                found[1] = end
            if word_readings:
                for reading in word_readings:
                    readings[reading] = readings.get(reading, 0) + 1
                if compound:
                    voiced = voiced_after(words, starts, ends, pos) if may_voice else ""
                    if voiced and voiced not in word_readings:
                        word_readings = (*word_readings, voiced)  # 株式会社: がいしゃ too
                    read_pos = pos - shift
                    gap = read_pos - previous_reading_pos
                    if gap <= MAX_PAIR_GAP:
                        for second in word_readings:
                            for first in previous_readings:
                                key = first + separators[gap] + second
                                found_at = reading_pairs.get(key)
                                if found_at is None:
                                    reading_pairs[key] = [read_pos]
                                else:
                                    found_at.append(read_pos)
                    previous_readings, previous_reading_pos = word_readings, read_pos
            gap = pos - previous_pos
            if gap <= MAX_PAIR_GAP:
                key = previous + separators[gap] + folded
                pairs[key] = pairs.get(key, 0) + 1
            previous, previous_pos = folded, pos
            if proper:  # a call a proper noun only: 2 tokens in 100 of ldcc
                name = _name_at(words, starts, ends, pos, before, before_end)
                if name is not None:
                    names.append(name)
            before, before_end = word, end
        self.length = len(words)
        """Morphemes in the text, stop words included."""
        self.stops = bytes(map(_is_stop, words))
        """1 at each position holding a stop word, else 0 (`index.stops`)."""
        self.codes = codes
        """The code of the word at each position, 0 where a stop word stands
        (`index.word_codes`)."""
        self.joined = shift
        """Joined words' second tokens, which the reading fields' positions pass over."""
        self.names = complete_names(text, names, starts, ends) if names else names
        del words, starts, ends, reread_at  # let go before the terms are re-keyed
        # Each term as the UTF-8 bytes the postings keep (the same object): its str
        # beside them held a second copy of every distinct term till the segment was
        # written, 3 million of them for the pairs of 1.5 million distinct lines.
        self.content: dict[bytes, array[int]] | None = _utf8_keys(content)
        del content  # emptied: its table let go before the next is made
        self.reading = _utf8_keys(readings)
        del readings
        self.pairs = _utf8_keys(pairs)
        del pairs
        self.reading_pairs = _utf8_keys(reading_pairs)
        del reading_pairs

    def take_content(self, text: str) -> dict[bytes, array[int]]:
        """`content`, handed over once and let go here: only a content field reads it,
        and a document gives each of its texts to one (kept, it held 330 MB while the
        other fields of a text of 1.5 million distinct lines were indexed). Asked for
        again (a title two documents share), `text` is analysed anew."""
        content = self.content
        if content is None:
            content = _TextTerms(text).content
            assert content is not None
        self.content = None
        return content


def _name_at(
    words: list[Word], starts: array[int], ends: array[int], pos: int, before: Word, before_end: int
) -> NameEntry | None:
    """The name that proper noun `words[pos]` is, as `name_context` sees it from the
    token before (`before`, ending at `before_end`); one cut at its ・ (`_split_at_dots`)
    taken whole. None when it is the tail of the word written right before it
    (`word_tail`): no name of its own."""
    word = words[pos]
    surface, proper, parts = word[WORD_SURFACE], word[WORD_PROPER], word[WORD_NAME_PARTS]
    start = starts[pos]
    if parts:  # a name cut at its ・, whole
        head = pos - parts
        surface = "".join(w[WORD_SURFACE] for w in words[head : pos + 1])
        start = starts[head]
        before, before_end = (words[head - 1], ends[head - 1]) if head else (_NOTHING, -1)
    attached = before_end == start
    tail = attached and word_tail(
        before[WORD_SURFACE], before[WORD_PROPER], before[WORD_STOP], surface
    )
    if tail:
        return None
    name = unicodedata.normalize("NFKC", surface)
    return (proper, name, pos, attached, start, ends[pos])


_is_stop = itemgetter(WORD_STOP)

_PAIR_SEPARATORS = tuple(PAIR_SEPARATOR * gap for gap in range(MAX_PAIR_GAP + 1))

_V = TypeVar("_V")


def _utf8_keys(terms: dict[str, _V]) -> dict[bytes, _V]:
    """`terms` keyed by UTF-8 bytes, in the same order; `terms` is emptied.

    Encoded in C (`map`): a step of Python a term was ~1% of a build's CPU. Every str
    is held beside its bytes till the end, as it was when they were popped one at a
    time (the list of keys walked held them)."""
    keyed = dict(zip(map(str.encode, terms), terms.values(), strict=True))
    terms.clear()
    return keyed


def _text_terms(text: str) -> _TextTerms:
    """`_TextTerms(text)`, cached across the fields of a document (as `morphemes`)."""
    cache: dict[str, _TextTerms] | None = getattr(_cache, "terms", None)
    if cache is None:
        cache = _cache.terms = {}
    found = cache.get(text)
    if found is None:
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        found = cache[text] = _TextTerms(text)
    return found


def forget_texts() -> None:
    """Let go of this thread's analyses of texts (`_text_terms`, `_document_names`): a
    text of millions of characters held its terms' every occurrence until 64 other
    texts had been analysed."""
    _cache.terms = {}
    _cache.names = None


def field_terms(kind: TermsKind, value: str) -> Iterator[tuple[bytes, int, bytes]]:
    """(term as UTF-8, count, Whoosh's encoded posting value) of each distinct term
    `value` indexes in a field of `kind`: what `fieldobj.index(value)` yields through
    the analyzer and format, computed straight from one pass over the MeCab parse.

    The parts of a value joined by PART_SEPARATOR are a gap of two positions apart
    (as JapaneseTokenizer puts them), so no pair or joined name spans two parts.
    """
    what = kind[0]
    if what in COUNTS_ONLY:
        counts = field_counts(kind, value)
        return ((term, count, frequency(count)) for term, count in counts.items())
    texts = value.split(PART_SEPARATOR) if PART_SEPARATOR in value else [value]
    parts = [_text_terms(text) for text in texts]
    if what == "content":
        contents = [part.take_content(text) for part, text in zip(parts, texts, strict=True)]
        return _content_terms(contents, parts, texts)
    return _positions_terms(parts)  # reading_pairs


def position_codes(value: str) -> bytes:
    """The word codes of a content field fed `value`, a position at a time
    (`index.word_codes`), from the analysis its terms are taken from (`_text_terms`);
    the gap between parts (PART_SEPARATOR) holds none."""
    texts = value.split(PART_SEPARATOR) if PART_SEPARATOR in value else [value]
    if len(texts) == 1:
        return packed_codes(_text_terms(value).codes)
    joined = array("H")
    for number, text in enumerate(texts):
        if number:
            joined.append(NO_WORD)
        joined.extend(_text_terms(text).codes)
    return packed_codes(joined)


def stop_flags(value: str) -> bytes:
    """1 at each position of a content field fed `value` that holds a stop word, else 0
    (`index.stops`), from the analysis its terms are taken from (`_text_terms`); the
    gap between parts (PART_SEPARATOR) holds none."""
    texts = value.split(PART_SEPARATOR) if PART_SEPARATOR in value else [value]
    return b"\0".join(_text_terms(text).stops for text in texts)


COUNTS_ONLY = frozenset({"reading", "pairs", "proper"})
"""The `TermsKind`s whose posting value is the term's count alone (formats.Frequency):
`field_counts` gives their terms."""


def field_counts(kind: TermsKind, value: str) -> dict[bytes, int]:
    """`field_terms` of a kind in COUNTS_ONLY as {term: count} (the encoded value is
    `frequency(count)`): the builder takes a document's terms of these fields from the
    dict, with no tuple a term made and unpacked."""
    what, proper_kind = kind
    texts = value.split(PART_SEPARATOR) if PART_SEPARATOR in value else [value]
    parts = [_text_terms(text) for text in texts]
    if what == "proper":
        names: dict[str, int] = {}
        for name_kind, name in _document_names(value, texts, parts):
            if name_kind == proper_kind:
                names[name] = names.get(name, 0) + 1
        return _utf8_keys(names)
    counted: list[dict[bytes, int]] = [getattr(part, what) for part in parts]  # reading, pairs
    if len(counted) == 1:
        return counted[0]
    # The biggest copied (in C), the others' terms added to it: an article's body's,
    # not its title's, had been walked in Python.
    counted.sort(key=len, reverse=True)
    counts = dict(counted[0])
    for other in counted[1:]:
        for term, count in other.items():
            counts[term] = counts.get(term, 0) + count
    return counts


def _document_names(value: str, texts: list[str], parts: list[_TextTerms]) -> list[tuple[str, str]]:
    """`document_names` of a field value, kept for the next facet field fed the same value."""
    last: tuple[str, list[tuple[str, str]]] | None = getattr(_cache, "names", None)
    if last is not None and last[0] is value:
        return last[1]
    names = document_names(texts, [part.names for part in parts])
    _cache.names = (value, names)
    return names


@lru_cache(maxsize=256)
def frequency(count: int) -> bytes:
    """formats.Frequency's encoded value (one shared bytes object per count)."""
    encoded: bytes = pack_uint(count)
    return encoded


def _positions_terms(parts: list[_TextTerms]) -> Iterator[tuple[bytes, int, bytes]]:
    """formats.Positions.word_values over reading_pairs_analyzer(): per term, the deltas
    of its positions (a later part's rebased past the parts before it)."""
    merged: dict[bytes, list[int]] = {}
    pos_base = 0
    for part in parts:
        for term, positions in part.reading_pairs.items():
            found = merged.get(term)
            if found is None:
                merged[term] = [pos_base + pos for pos in positions]
            else:
                found.extend(pos_base + pos for pos in positions)
        pos_base += part.length + 1 - part.joined
    dumps = pickle.dumps
    for term, positions in merged.items():
        deltas = [positions[0], *map(sub, positions[1:], positions)]
        encoded = pack_uint(len(deltas)) + dumps(deltas, 2)
        yield term, len(deltas), encoded


def _content_terms(
    contents: list[dict[bytes, array[int]]], parts: list[_TextTerms], texts: list[str]
) -> Iterator[tuple[bytes, int, bytes]]:
    """formats.Characters.word_values over content_analyzer(): per term, the (position,
    start, length) deltas of its occurrences, each from the end of the one before
    (`contents`: each part's `take_content`)."""
    if len(parts) == 1:
        return ((term, *_characters(flat)) for term, flat in contents[0].items())
    # Later parts: the first delta of each term is rebased on the term's last
    # occurrence in the parts before (document positions and offsets).
    merged: dict[bytes, array[int]] = {}
    pos_base = char_base = 0
    for content, part, text in zip(contents, parts, texts, strict=True):
        for term, flat in content.items():
            found = merged.get(term)
            if found is None:
                found = merged[term] = flat  # taken: no cache holds it
                found[2] += pos_base
                found[3] += char_base
            else:
                found.extend((pos_base + flat[2] - found[0], char_base + flat[3] - found[1]))
                found.extend(flat[4:])  # the first occurrence's length, then the others
            found[0] = pos_base + flat[0]
            found[1] = char_base + flat[1]
        pos_base += part.length + 1
        char_base += len(text) + 1
    return ((term, *_characters(flat)) for term, flat in merged.items())


_ONE = pack_uint(1)


def _characters(flat: array[int]) -> tuple[int, bytes]:
    """The count and formats.Characters' encoded value of a term's occurrences (a
    `_TextTerms.content` array): the pickled list of (position, start, length) deltas.

    Per distinct term of every text (~70% of them once in it), so with as few steps
    as there can be: a term written once takes its one tuple straight from the array,
    any other one slice made into tuples by zip (not three strided slices: over
    ldcc's every fifth file, 0.49 -> 0.28 s of a build's ~10 s)."""
    if len(flat) == 5:
        return 1, _ONE + pickle.dumps([(flat[2], flat[3], flat[4])], 2)
    occurrences = iter(flat[2:])
    deltas = list(zip(occurrences, occurrences, occurrences, strict=True))  # three at a time
    return len(deltas), pack_uint(len(deltas)) + pickle.dumps(deltas, 2)
