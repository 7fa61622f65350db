"""Which documents a query matches: its compiled query, every match scored
(`index.scoring`), then those dated within its date filter and those holding its
words that end in + or # as written (the index cannot: its analyzer drops the
symbols, Google+ is searched as Google).

Those symbol-ended words are also marked where they are written (`as_written`), in a
page's snippets (`index.snippets`) and in the reader's match ranges
(`index.reanalysis`) alike.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from whoosh.util.times import datetime_to_long

from index.compiler import Compiled, compile_query
from index.normalization import normal_form, normalize
from index.query import (
    SYMBOL_SCRIPTS,
    SYMBOL_WORD,
    DateRange,
    Group,
    ParsedQuery,
    Words,
    parse,
    symbol_words,
)
from index.reader_cache import ReaderCache
from index.scoring import score_all

Ranges = list[tuple[int, int]]
"""[start, end) character ranges in a text."""


def matching_docs(searcher: Any, query: str, *, live: bool = False) -> set[int]:
    """The document numbers of every hit of `query` (those `search` counts in its total)."""
    return {docnum for docnum, _ in find_matches(searcher, parse(query, live=live))[1]}


def find_matches(searcher: Any, parsed: ParsedQuery) -> tuple[Compiled, list[tuple[int, float]]]:
    """`parsed` compiled, and (docnum, score) of every document it matches."""

    # Words ending in + or # must be found as written, which the index cannot do (the
    # analyzer drops the symbols: Google+ is searched as Google). A plain clause's hits
    # must hold them; a negated one is left out of the query (-google+ excluded every
    # article naming Google) and its word's holders dropped from the hits.
    required = _symbol_words(parsed)
    excluded, kept_groups = _negated_symbol_words(parsed)
    if excluded:
        parsed = ParsedQuery(parsed.text, kept_groups, parsed.live)

    def matched(compiled: Compiled) -> list[tuple[int, float]]:
        # Every match is scored (which also counts them): with a limit Whoosh skips
        # blocks and len() runs the query again, and its optimize=False path misses
        # documents when span queries sit under a union (日本代表: 183 of 293).
        matches = score_all(searcher, compiled.query)
        if compiled.published is not None:
            matches = _published_within(searcher, matches, compiled.published)
        if (required or excluded) and matches:
            matches = [
                item
                for item in matches
                if all(_holds(searcher, item[0], word) for word in required)
                and not any(_holds(searcher, item[0], word) for word in excluded)
            ]
        return matches

    compiled = compile_query(parsed, searcher.reader())
    matches = matched(compiled)
    if parsed.live and not matches:
        # As typed, kana MeCab read as a word of their own may be the start of another
        # (時間がかか: 掛かる): counted as the words they begin (`Compiled.kana_begun`),
        # not as nothing until the word is whole. Enter, or a space after them, searches
        # them as they are. (What the word was searched as found nothing, within the
        # dates and symbols asked for too: before:2012-03 を取るこ counted 0 where its one
        # hit as typed was dated after: left out.)
        begun = compile_query(parsed, searcher.reader(), read_as_begun=True)
        found = matched(begun) if begun.kana_begun else []
        if found:
            compiled, matches = begun, found
    return compiled, matches


SymbolWord = tuple[str, tuple[str, ...]]
"""A symbol-ended word and the fields to find it in."""


def _symbol_words(parsed: ParsedQuery) -> list[SymbolWord]:
    """The symbol-ended words every hit must hold: those of the plain positive clauses
    (an OR's alternatives are searched as the analyzer reads them)."""
    found: list[SymbolWord] = []
    for group in parsed.groups:
        words = symbol_words(group)
        clause = group.alternatives[0] if words else None
        if isinstance(clause, Words):
            found.extend((word, clause.fields) for word in words)
    return found


def _negated_symbol_words(parsed: ParsedQuery) -> tuple[list[SymbolWord], list[Group]]:
    """The words of the groups that exclude a symbol-ended word alone (-google+, NOT c#),
    and the other groups."""
    excluded: list[SymbolWord] = []
    kept: list[Group] = []
    for group in parsed.groups:
        clause = group.alternatives[0] if len(group.alternatives) == 1 else None
        if group.negated and isinstance(clause, Words):
            text = unicodedata.normalize("NFKC", clause.text).lower().strip()
            if SYMBOL_WORD.fullmatch(text):
                excluded.append((text, clause.fields))
                continue
        kept.append(group)
    return excluded, kept


def _holds(searcher: Any, docnum: int, word: SymbolWord) -> bool:
    """Whether the document holds `word` as written in one of its fields (any case or
    width, as a whole word: c# is not in abc#). Remembered per reader: typing on
    (google+ a, google+ an) asks again about the same documents."""
    answers = _holders.get_or_make(searcher.reader(), word, dict)
    found = answers.get(docnum)
    if found is None:
        pattern = _written(word[0])
        stored = searcher.stored_fields(docnum)
        symbols = _SYMBOLS_READ_AS[word[0][-1]]
        found = answers[docnum] = any(
            pattern.search(_as_searched(text)) is not None
            for text in (str(stored.get(name) or "") for name in word[1])
            if any(symbol in text for symbol in symbols)  # most hold none: no NFKC
        )
    return found


_SYMBOLS_READ_AS = {"+": "+＋﹢⁺₊\ufb29", "#": "#＃﹟", "ッ": "ッｯ", "っ": "っ"}
"""The characters NFKC reads as + and as #; and as ッ or っ, which end a word marked as
written too (`index.compiler.clipped_words`: パパッ, whose lemma パパ the index holds)."""


def _as_searched(text: str) -> str:
    """`text` as a symbol-ended word is matched in: NFKC (Ｇｏｏｇｌｅ＋, ｸﾞｰｸﾞﾙ＋), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


HOLDERS_CACHE = 32
_holders: ReaderCache[SymbolWord, dict[int, bool]] = ReaderCache(lambda: HOLDERS_CACHE)


@functools.lru_cache(maxsize=64)
def _written(word: str) -> re.Pattern[str]:
    """`word` (NFKC, lower case) as a whole word of its script in a text `_as_searched`:
    c# is not in abc#, nor グーグル+ in ハイグーグル+; it is in 米グーグル+. One ending in a
    small tsu (パパッ, ぱぱっ: `index.compiler.clipped_words`) ends there, whatever follows
    (ぱぱっと)."""
    chars = next(chars for chars, letters in SYMBOL_SCRIPTS if re.search(f"[{letters}]", word))
    if word[-1] in "ッっ":
        return re.compile(f"(?<![{chars}]){re.escape(word)}")
    return re.compile(f"(?<![{chars}]){re.escape(word)}(?![{chars}+#])")


@functools.lru_cache(maxsize=64)
def _written_normal(word: str) -> re.Pattern[str]:
    """`_written`, in a text as `normalize` gives it (its offsets map back to the text
    as written): the word in normal form, any case."""
    return re.compile(_written(normal_form(word)).pattern, re.IGNORECASE)


def _written_in(text: str, words: Sequence[str]) -> Ranges:
    """[start, end) of each of the symbol-ended `words` where `text` writes it (as
    `_holds` finds it: any width or case, as a whole word), symbols and all."""
    if not any(symbol in text for word in words for symbol in _SYMBOLS_READ_AS[word[-1]]):
        return []
    normal, offsets = normalize(text)
    found: Ranges = []
    for word in words:
        for match in _written_normal(word).finditer(normal):
            start, end = match.span()
            if offsets is not None:
                start, end = offsets.start(start), offsets.end(end)
            found.append((start, end))
    return found


def as_written(ranges: Ranges, text: str, words: Sequence[str]) -> Ranges:
    """The marks in `text` of a clause whose hits must hold symbol-ended `words`
    (`symbol_words`), from `ranges`, where its terms stand (the index holds グーグル for
    グーグル＋, no ＋): where a word is written, the whole of it, its symbols too (a range
    that meets it widened over it: a phrase running on past it stays whole). A range
    meeting none is no match of the clause (グーグル in グーグルで) and is left out."""
    written = _written_in(text, words)
    if not written:
        return []
    # Those meeting a range begin within the longest one's length before it: looked up
    # by their starts, not all of them for each range (a text of グーグル＋ 20,000 times
    # took 19 s to mark, each range against every occurrence).
    by_start = sorted(written)
    starts = [a for a, _ in by_start]
    longest = max(b - a for a, b in written)
    marks: Ranges = []
    met: set[tuple[int, int]] = set()
    for start, end in ranges:
        near = by_start[
            bisect.bisect_right(starts, start - longest) : bisect.bisect_left(starts, end)
        ]
        meeting = [(a, b) for a, b in near if start < b]
        if meeting:
            met.update(meeting)
            marks.append((min(start, *(a for a, _ in meeting)), max(end, *(b for _, b in meeting))))
    return marks + [occurrence for occurrence in written if occurrence not in met]


# Whoosh's value for "no date" in a sortable DATETIME column (it would sort first).
NO_DATE = 2**64 - 1


def _published_within(
    searcher: Any, matches: list[tuple[int, float]], bounds: DateRange
) -> list[tuple[int, float]]:
    """The hits dated within `bounds` (start included, end excluded); undated ones never are."""
    reader = searcher.reader()
    if not reader.has_column("published"):
        return []
    column = reader.column_reader("published", translate=False)
    low = datetime_to_long(bounds.start) if bounds.start is not None else None
    high = datetime_to_long(bounds.end) if bounds.end is not None else None
    kept = []
    for item in matches:
        value = column[item[0]]
        if value is None or value == NO_DATE:
            continue
        if (low is None or value >= low) and (high is None or value < high):
            kept.append(item)
    return kept
