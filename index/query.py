"""The query language, parsed into a small syntax tree and compiled to Whoosh queries.

The language is `SYNTAX` (the reader's help screen shows it as it stands there).

A hand-written parser rather than Whoosh's QueryParser: Whoosh's parser splits
on spaces and then leaves Japanese segmentation to the field's analyzer, so
position gaps, readings and the as-you-type prefix would each need a plugin
that reaches into its syntax tree, and its errors are silent (a stray quote is
taken literally). The language here is small enough that a scanner plus one
pass reads more plainly and every mistake gets a one-line `QueryError`.
"""

from __future__ import annotations

import bisect
import itertools
import re
import struct
import threading
import unicodedata
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeGuard

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, W3TermsReader
from whoosh.columns import NumericColumn
from whoosh.filedb.filetables import OrderedHashReader
from whoosh.matching import NullMatcher, WrappingMatcher
from whoosh.query import spans
from whoosh.query.wrappers import WrappingQuery
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from index.analysis import (
    MAX_PAIR_GAP,
    ORG,
    PERSON,
    PLACE,
    VARIANTS,
    Morpheme,
    is_reading,
    morphemes,
    normal_form,
    pair_key,
    reading_variant,
)
from index.kana import fold_kana
from index.schema import FIELD_BOOSTS, TEXT_FIELDS
from index.syntax import CLOSING_QUOTES, DATE_FIELDS, QUOTES, parse_date

SYNTAX: tuple[tuple[str, str], ...] = (
    ("東京都知事", "an unsegmented word, as a phrase (not 東京 … 都 … 知事 apart)"),
    ("停戦 ロシア", "both words (a space means AND; AND may be written too)"),
    ("停戦 OR 休戦", "either word"),
    ("-ロシア", "without the word (also NOT ロシア)"),
    ('"日本 代表"', "the words together, in that order"),
    ("とうきょう", "a reading in hiragana: the words read so (東京)"),
    ("食べた", "the word in any form (食べる, 食べます)"),
    ("title:停戦", "the word in titles only"),
    ("site:cnn.co.jp", "articles from that site or citing it in a source card"),
    ("outlet:CNN", 'articles from that outlet or citing it (outlet:"Sports Watch")'),
    ("person:安倍", "articles naming the person (also place:, org:)"),
    ("after:2025-01", "from that date on (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("before:2025-12-31", "before that date (the day itself excluded)"),
)
"""(example, what it finds): the query language, shown by the reader's help."""

FACETS = ("site", "outlet", PERSON, PLACE, ORG)
NAME_FACETS = (PERSON, PLACE, ORG)
"""Facets of names the analyzer found (in their common form: VARIANTS)."""
FIELD_NAMES = (*FACETS, "title", *DATE_FIELDS)

# As-you-type: how many index terms one unfinished word may stand for. A
# one-character prefix (東, ス) matches thousands of terms; keeping its most
# frequent ones answers within a frame and barely changes the count.
PREFIX_TERMS_SHORT = 8
PREFIX_TERMS = 200
PREFIX_SCAN = 4000
HIGHLIGHT_PREFIX_TERMS = 16
READING_TAIL = 4
"""An unfinished reading of several words: its last this many kana at most are tried
as the start of the next word (けいたい + でん…)."""
READING_TAIL_VARIANTS = 2
"""…and this many ways of reading it so, longest complete head first."""
# A prefix standing alone is also capped by the postings its terms hold in all.
PREFIX_POSTINGS_SHORT = 2000
PREFIX_POSTINGS = 6000
# How many trailing morphemes of the unfinished word may be re-read as one prefix
# (MeCab splits half-typed words differently: スマートフ → スマート/フ).
PREFIX_MORPHEMES = 3


class QueryError(ValueError):
    """A query the user must fix; `str()` is a one-line message."""

    def __init__(self, message: str) -> None:
        # A quoted fragment of the query may hold a newline or a tab (pasted text).
        super().__init__(" ".join(message.split()))


class QueryIncomplete(QueryError):
    """As-you-type: nothing to search for yet, only a filter still being typed
    (`after:20`, `title:`); the message says what it waits for. Not a mistake."""


# -- syntax tree ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Words:
    """Text to find as a phrase in `fields`."""

    text: str
    fields: tuple[str, ...]
    morphemes: tuple[Morpheme, ...]
    unfinished: bool = False
    """As-you-type: the user is still typing this word (its end is a prefix)."""

    @property
    def content(self) -> list[Morpheme]:
        return [m for m in self.morphemes if not m.stop]

    @property
    def reading(self) -> str | None:
        """The word as a reading, when it is all hiragana (ていせん)."""
        folded = fold_kana(self.text)
        return folded if self.text == folded and is_reading(folded) and len(folded) > 1 else None


@dataclass(frozen=True, slots=True)
class Facet:
    field: str
    value: str
    exact: bool = False
    """Quoted (person:"本田圭佑", as the pickers write it): that value, not every one it
    begins (person:本田 finds 本田圭佑 and 本田翼)."""
    being_typed: bool = False
    """As-you-type, the last word and unquoted: a site is matched by the start of its
    host name or of a label in it (site:news.livedoor, site:livedoor) until complete."""


@dataclass(frozen=True, slots=True)
class DateRange:
    start: datetime | None
    end: datetime | None


Clause = Words | Facet | DateRange


@dataclass(slots=True)
class Group:
    """Clauses joined by OR; `negated` excludes what they match."""

    alternatives: list[Clause] = field(default_factory=list)
    negated: bool = False


@dataclass(slots=True)
class ParsedQuery:
    text: str
    groups: list[Group]
    live: bool = False
    """Parsed as typed: its last word may still grow (a date: before:2012 -> 2012-06)."""

    def positive_words(self) -> Iterator[Words]:
        for group in self.groups:
            if not group.negated:
                for clause in group.alternatives:
                    if isinstance(clause, Words):
                        yield clause

    def named(self) -> Iterator[Words]:
        """The names looked for (person:本田, not -person:), as words to mark in the
        text: the filter matched the articles naming them, where they are written."""
        for group in self.groups:
            if not group.negated:
                for clause in group.alternatives:
                    if isinstance(clause, Facet) and clause.field in NAME_FACETS:
                        yield from name_phrases(clause)


# -- scanning ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexeme:
    text: str
    quoted: bool
    at_end: bool
    """Nothing (not even a space) follows it: as-you-type treats it as unfinished."""
    open_quote: bool = False
    """As-you-type: its quote is not closed yet (the phrase is still being typed)."""


_FIELD = re.compile(r"([A-Za-z_]+):(.*)", re.DOTALL)


def _scan(text: str, *, live: bool, typed: str = "") -> list[_Lexeme]:
    """`text`'s words (quoted phrases whole); `typed` is the query as typed, before
    NFKC and QUOTES, for the messages (used where its length is `text`'s)."""
    lexemes: list[_Lexeme] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        quoted = open_quote = False
        while i < n and not text[i].isspace():
            if text[i] == '"':
                close = text.find('"', i + 1)
                if close < 0:
                    if not live:
                        raise _unclosed(text, typed, i)
                    close = n
                    open_quote = True
                quoted = True
                i = close + 1
            else:
                i += 1
        lexemes.append(_Lexeme(text[start:i], quoted, at_end=i >= n, open_quote=open_quote))
    return lexemes


def _unclosed(text: str, typed: str, at: int) -> QueryError:
    """The error for the quote opened at `at` in `text`, in the quotes the user typed:
    「東京 has no closing 」 (not "東京, as the scanner reads it)."""
    shown = typed if len(typed) == len(text) else text
    opening = shown[at]
    closing = CLOSING_QUOTES.get(opening, "quote")
    return QueryError(f"unbalanced quote: {shown[at:][:40]} has no closing {closing}")


def _unquote(text: str) -> str:
    return text.replace('"', "")


# -- parsing ----------------------------------------------------------------------------


_DATE_BEING_TYPED = re.compile(r"\d{1,4}(?:[-/](?:\d{1,2}(?:[-/]\d{0,2})?)?)?")
"""The start of a date in one of `_parse_date`'s forms (as-you-type waits for the rest)."""


def _date_being_typed(value: str) -> bool:
    """`value` (not a date) may still become one as the user types on: 2012-0, 2012/3/."""
    if not _DATE_BEING_TYPED.fullmatch(value):
        return False
    parts = re.split(r"[-/]", value)
    if len(parts) > 1 and len(parts[1]) == 2 and not 1 <= int(parts[1]) <= 12:
        return False  # 2012-13: no month to come
    return len(parts) < 3 or len(parts[2]) < 2  # a whole date that is no date: 2012-02-31


def _parse_date(name: str, value: str) -> datetime:
    parsed = parse_date(value)
    if parsed is not None:
        return parsed
    raise QueryError(f"bad date {value!r} for {name}: (use YYYY-MM-DD, YYYY-MM or YYYY)")


def _words(text: str, fields: tuple[str, ...], *, unfinished: bool) -> Words | None:
    found = tuple(morphemes(text))
    words = Words(text, fields, found, unfinished)
    if not any(not m.stop for m in found) and not (unfinished and found):
        # ぞう, かさ: MeCab reads them alone as particles (ぞ|う), but as readings they
        # find 象 and 傘. Whether any word is read so, only the index knows.
        return words if words.reading is not None and _reading_field(fields) else None
    return words


def _read_in_the_negative(words: Words) -> bool:
    """Whether MeCab read a hiragana word as a verb's …せ and the negative ん (ていせん:
    呈せ|ん; きゅうせん: きゅう|せ|ん), which a reading of a word in せん (停戦, 休戦)
    is far more likely to be: the phrase of that verb found every 苦言を呈した."""
    if words.reading is None or len(words.morphemes) < 2:
        return False
    before, last = words.morphemes[-2:]
    return last.stop and last.surface == "ん" and not before.stop and before.surface.endswith("せ")


def _particles_only(clause: Clause) -> TypeGuard[Words]:
    """Whether `clause` is a word MeCab reads as particles alone (ぞう: ぞ|う), typed out."""
    return isinstance(clause, Words) and not clause.content and not clause.unfinished


def _reading_field(fields: Sequence[str]) -> str | None:
    """Where the readings of words searched in `fields` are: `reading` (every text's) for
    words searched everywhere, `title_reading` for title:, none for another field."""
    if "body" in fields:
        return "reading"
    return "title_reading" if tuple(fields) == ("title",) else None


def name_words(facet: Facet) -> Words | None:
    """A name filter's value as a phrase of the text fields (person:本田圭佑: 本田 圭佑),
    to mark where the name is written; None if it holds no word."""
    return _words(facet.value, tuple(TEXT_FIELDS), unfinished=False)


_KATAKANA_NAME = re.compile(r"[\u30a1-\u30fa\u30fc]+")


def name_phrases(facet: Facet) -> list[Words]:
    """`name_words`, and a katakana name as one word besides: where MeCab reads it as
    one (フランスのマクロン大統領) when alone it reads マクロ|ン (the facet names a
    katakana word the analyzer took for a person as it is written)."""
    words = name_words(facet)
    phrases = [] if words is None else [words]
    value = facet.value
    if _KATAKANA_NAME.fullmatch(value) and (
        words is None or [m.term for m in words.content] != [value]
    ):
        whole = Morpheme(0, value, fold_kana(value), value, "", 0, len(value), False, facet.field)
        phrases.append(Words(value, tuple(TEXT_FIELDS), (whole,)))
    return phrases


def _clause(lexeme: _Lexeme, body: str, *, live: bool) -> Clause | None:
    """One word or `field:value` (without its NOT/-); None when it holds nothing to search."""
    # An open quote's last word is still being typed too ("スカイ ツリ: ツリ…)
    unfinished = live and lexeme.at_end and (not lexeme.quoted or lexeme.open_quote)
    match = _FIELD.fullmatch(body) if not body.startswith('"') else None
    if match is not None and match.group(2).startswith("//"):
        match = None  # a pasted URL (https://…) is text to find, not a field
    if match is None:
        return _words(_unquote(body), tuple(TEXT_FIELDS), unfinished=unfinished)
    name, value = match.group(1).lower(), _unquote(match.group(2)).strip()
    if name not in FIELD_NAMES:
        known = ", ".join(f"{known}:" for known in FIELD_NAMES)
        quoted = '"' + body.replace('"', "") + '"'
        raise QueryError(
            f"unknown field {name + ':'!r} (known: {known}); to find the text, quote it: {quoted}"
        )
    if not value:
        if live and lexeme.at_end:
            wanted = "a date (YYYY, YYYY-MM or YYYY-MM-DD)" if name in DATE_FIELDS else "a value"
            raise QueryIncomplete(f"{name}: type {wanted}")
        raise QueryError(f"{name}: needs a value")
    if name == "title":
        return _words(value, ("title",), unfinished=unfinished)
    if name in DATE_FIELDS:
        if live and lexeme.at_end:
            try:
                moment = _parse_date(name, value)
            except QueryError:
                if _date_being_typed(value):
                    raise QueryIncomplete(
                        f"{name}:{value}: type the rest of the date (YYYY, YYYY-MM or YYYY-MM-DD)"
                    ) from None
                raise
        else:
            moment = _parse_date(name, value)
        return DateRange(moment, None) if name == "after" else DateRange(None, moment)
    raw = match.group(2)
    exact = len(raw) > 1 and raw.startswith('"') and raw.endswith('"')
    if name == "site":
        value = value.lower()
    elif name in NAME_FACETS:
        value = value.translate(VARIANTS)  # as the analyzer found the names: 髙橋 is 高橋
    return Facet(name, value, exact, being_typed=unfinished and not exact)


def parse(text: str, *, live: bool = False) -> ParsedQuery:
    """Parse the query language (see module doc); raises QueryError on a malformed query."""
    # NFKC: ＂ is "; a trailing space finishes a word
    normalized = unicodedata.normalize("NFKC", text).translate(QUOTES)
    if not normalized.strip():
        raise QueryError("empty query")
    groups: list[Group] = []
    negate_next = False
    join_next = False
    # As-you-type: a filter or an exclusion still being typed (left out of the query).
    waiting: QueryIncomplete | None = None
    lexemes = _scan(normalized, live=live, typed=text)
    dropped = ""  # the word just read, if it held nothing to search for (a particle)
    excluded = ""  # the word just read, if it is left out (-word, NOT word)
    for index, lexeme in enumerate(lexemes):
        body = lexeme.text
        if live and lexeme.at_end and not lexeme.quoted and body in ("-", "NOT"):
            waiting = QueryIncomplete(f"{body}: type the word to leave out")
            continue
        if body == "OR" and not lexeme.quoted:
            if index and _is_operator(lexemes[index - 1], "AND"):
                raise QueryError("OR cannot follow AND")
            if excluded and not (join_next or negate_next):
                raise QueryError(_or_excluded(excluded))
            if dropped and not (join_next or negate_next):
                # ス OR 映画: there was a word, but one the index does not hold
                raise QueryError(
                    f"nothing to search for in {dropped!r}: OR needs a word on each side"
                )
            if not groups or join_next or negate_next:
                raise QueryError("OR needs a word on each side")
            if index == len(lexemes) - 1 and not live:
                raise QueryError("OR needs a word on each side")
            join_next = True
            continue
        if body == "NOT" and not lexeme.quoted:
            if negate_next:
                raise QueryError("NOT cannot follow NOT")
            negate_next = True
            continue
        if body == "AND" and not lexeme.quoted:
            # What a space means already; searched as a word, it found the articles
            # that have "and" in them (東京 AND 大阪: 1 of 73).
            if join_next or negate_next:
                raise QueryError(f"AND cannot follow {'OR' if join_next else 'NOT'}")
            if index and _is_operator(lexemes[index - 1], "AND"):
                raise QueryError("AND cannot follow AND")
            if dropped and not groups:
                raise QueryError(
                    f"nothing to search for in {dropped!r}: AND needs a word on each side"
                )
            if not groups or (index == len(lexemes) - 1 and not live):
                # As OR says (停戦 AND had searched 停戦, as if AND were not there)
                raise QueryError("AND needs a word on each side")
            continue
        negated = negate_next
        negate_next = False
        if body.startswith("-") and len(body) > 1:
            if negated:
                raise QueryError(f"a word is left out once, by NOT or by -, not both ({body!r})")
            negated, body = True, body[1:]
        try:
            clause = _clause(lexeme, body, live=live)
        except QueryIncomplete as incomplete:
            clause, waiting = None, incomplete
        dropped = body if clause is None else ""
        excluded = body if negated and clause is not None else ""
        if join_next and groups:
            join_next = False
            if excluded:
                # 停戦 OR -ロシア searched 停戦 OR ロシア: a group has one negation
                raise QueryError(_or_excluded(excluded))
            if clause is not None:
                groups[-1].alternatives.append(clause)
            continue
        if clause is not None:
            groups.append(Group([clause], negated))
    if negate_next and not live:
        raise QueryError("NOT needs a word after it")
    if not any(not group.negated for group in groups):
        if waiting is not None:
            raise waiting
        if any(group.negated for group in groups):
            raise QueryError("a query needs something to find, not only words to exclude")
        raise QueryError(_nothing_in(text.strip(), lexemes))
    if not live:
        # As typed, before:2012 may be becoming before:2012-06: no hits until then.
        _check_dates(groups)
    return ParsedQuery(text, groups, live)


def _is_operator(lexeme: _Lexeme, name: str) -> bool:
    return lexeme.text == name and not lexeme.quoted


def _or_excluded(word: str) -> str:
    """Why OR cannot join `word`, left out: 停戦 OR -ロシア would list nearly every
    article (those without ロシア), which is seldom what was meant."""
    return f"OR cannot join a word left out ({word!r}): leave it out on its own, outside the OR"


def _nothing_in(text: str, lexemes: Sequence[_Lexeme]) -> str:
    """Why `text` searches for nothing: the words the index leaves out, by kind (of a
    query of plain words only: in `title:の` or `の -は` the operators would be read as
    words too, "nouns and particles are not indexed").

    As typed, の lists the articles with a word that begins so (ノマド, のり); Enter
    then said only "nothing to search for in 'の'", as if the hits had been a mistake.
    """
    from index.phrases import words

    message = f"nothing to search for in {text!r}"
    if any(
        lexeme.quoted
        or lexeme.text in ("OR", "NOT", "AND")
        or lexeme.text.startswith("-")
        or _FIELD.match(lexeme.text)
        for lexeme in lexemes
    ):
        return message
    plain = " ".join(lexeme.text for lexeme in lexemes)
    kinds = list(dict.fromkeys(f"{word.pos_english}s" for word in words(plain)))
    if not kinds:  # punctuation, symbols
        return message
    kind = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"
    return f"{message}: {kind} are not indexed, too common to tell articles apart"


def _date_range(group: Group) -> DateRange | None:
    """The date range a group of a query stands for, if that is all it is."""
    only = group.alternatives[0] if len(group.alternatives) == 1 else None
    return only if isinstance(only, DateRange) and not group.negated else None


def published_within(groups: Sequence[Group]) -> DateRange | None:
    """The dates a hit must be published within: every after: and before: at once."""
    ranges = [found for group in groups if (found := _date_range(group)) is not None]
    if not ranges:
        return None
    starts = [r.start for r in ranges if r.start is not None]
    ends = [r.end for r in ranges if r.end is not None]
    return DateRange(max(starts) if starts else None, min(ends) if ends else None)


def _check_dates(groups: Sequence[Group]) -> None:
    """Raise QueryError when no date is within every after: and before: of a query.

    after:2012 before:2012 matched nothing, and the list said only "no hits". Found
    as the query is parsed, so Enter on it keeps the search bar, as on any mistake.
    """
    within = published_within(groups)
    if within is None or within.start is None or within.end is None:
        return
    if within.start >= within.end:
        raise QueryError(
            f"no date is both on or after {within.start:%Y-%m-%d} and before "
            f"{within.end:%Y-%m-%d}: after: is the first day, before: the day after the last"
        )


# -- compiling to Whoosh ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Highlight:
    """Terms at relative positions in one field: a match to show (snippets, match ranges).

    Read straight from the page's postings (index.search): Whoosh's span
    matchers, asked to skip to a page hit, evaluated the phrase in every
    document on the way there.
    """

    field: str
    slots: tuple[tuple[int, tuple[str, ...]], ...]
    """(offset from the first word's position, terms any of which may stand there)."""


def _highlight(fieldname: str, pieces: Sequence[tuple[int, Sequence[str]]]) -> Highlight:
    first = pieces[0][0]
    return Highlight(fieldname, tuple((pos - first, tuple(terms)) for pos, terms in pieces))


@dataclass(slots=True)
class Compiled:
    query: wq.Query
    highlights: list[Highlight]
    """The matches to show, per positive word."""
    capped: bool = False
    """A prefix stood for only its most frequent terms: the total is an estimate."""
    published: DateRange | None = None
    """Date bounds every hit must meet, left out of `query`: checked against the
    sortable column (Whoosh's DateRange expands into a tree of numeric terms,
    ~50 ms on its own)."""
    reading_variants: list[tuple[str, bool]] = field(default_factory=list)
    """(reading, unfinished) searched besides the readings typed (にっぽん for にほん),
    whose words are highlighted as theirs are."""
    at_least: bool = False
    """Capped only where the query looks for words (not in what it excludes): the
    capped prefixes match fewer articles than in full, so the total is a lower bound."""


class _PrefixOr(wq.Or):  # type: ignore[misc]
    """The terms a prefix stands for: read into arrays once instead of a tree of
    ~200 union matchers, which Whoosh walks document by document in Python."""

    matcher_type = wq.Or.ARRAY_MATCHER


class _Boosted(WrappingQuery):  # type: ignore[misc]
    """Scales a field's score at query time: BM25 saturates term frequency, so the
    schema's field_boost alone let two body mentions outrank a title."""

    def __init__(self, child: wq.Query, boost: float) -> None:
        super().__init__(child)
        self.boost = boost

    def _rewrap(self, child: wq.Query) -> _Boosted:
        return _Boosted(child, self.boost)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return WrappingMatcher(self.child.matcher(searcher, context), boost=self.boost)


# (offset from the phrase's first word, terms that may stand there)
PhraseSlots = tuple[tuple[int, tuple[str, ...]], ...]
# Up to this many prefix terms are checked by position in a verified phrase.
VERIFIED_PREFIX_TERMS = 32


class _VerifiedPhrase(WrappingQuery):  # type: ignore[misc]
    """Pair terms (the child) checked against positions: for three words or more.

    An AND of pairs finds 東京|都 and 都|知事 even when they stand apart; the
    positions in each candidate document settle it. Only the
    documents the pairs already matched are looked at, one skip per word.
    """

    def __init__(self, child: wq.Query, fieldnames: tuple[str, ...], slots: PhraseSlots) -> None:
        super().__init__(child)
        self.fieldnames = fieldnames
        self.slots = slots

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _VerifiedPhrase) and (self.child, self.fieldnames, self.slots) == (
            other.child,
            other.fieldnames,
            other.slots,
        )

    def __hash__(self) -> int:
        return hash((type(self), self.child, self.fieldnames, self.slots))

    def _rewrap(self, child: wq.Query) -> _VerifiedPhrase:
        return _VerifiedPhrase(child, self.fieldnames, self.slots)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        inner = self.child.matcher(searcher, context)
        per_field = self.leaves(searcher.reader())
        if not per_field or not inner.is_active():
            return NullMatcher()
        return _PhraseCheckMatcher(inner, per_field)

    def leaves(self, reader: Any) -> list[list[tuple[int, list[Postings]]]]:
        """Per field holding every slot: (offset, postings of its terms) for each slot."""
        per_field: list[list[tuple[int, list[Postings]]]] = []
        for fieldname in self.fieldnames:
            slots: list[tuple[int, list[Postings]]] = []
            for offset, terms in self.slots:
                leaves = [
                    postings for term in terms if (postings := Postings(reader, fieldname, term))
                ]
                if not leaves:
                    break
                slots.append((offset, leaves))
            else:
                per_field.append(slots)
        return per_field


class _PhraseCheckMatcher(WrappingMatcher):  # type: ignore[misc]
    def __init__(
        self, child: Any, per_field: list[list[tuple[int, list[Postings]]]], boost: float = 1.0
    ) -> None:
        super().__init__(child, boost)
        self.per_field = per_field
        self._settle()

    def _replacement(self, newchild: Any) -> _PhraseCheckMatcher:
        return _PhraseCheckMatcher(newchild, self.per_field, self.boost)

    def copy(self) -> _PhraseCheckMatcher:
        copied = [
            [(offset, [leaf.copy() for leaf in leaves]) for offset, leaves in slots]
            for slots in self.per_field
        ]
        return _PhraseCheckMatcher(self.child.copy(), copied, self.boost)

    def supports_block_quality(self) -> bool:
        return False

    def next(self) -> None:
        self.child.next()
        self._settle()

    def skip_to(self, docnum: int) -> None:
        self.child.skip_to(docnum)
        self._settle()

    def _settle(self) -> None:
        while self.child.is_active() and not self._holds(self.child.id()):
            self.child.next()

    def _holds(self, docnum: int) -> bool:
        return _phrase_holds(self.per_field, docnum)


def _phrase_holds(per_field: list[list[tuple[int, list[Postings]]]], docnum: int) -> bool:
    """Whether every slot's terms stand at its offset in one field (documents asked in order)."""
    for slots in per_field:
        found: list[tuple[int, set[int]]] = []
        for offset, leaves in slots:
            positions: set[int] = set()
            for leaf in leaves:
                here = leaf.value(docnum, "positions")
                if here is not None:
                    positions.update(here)
            if not positions:
                break
            found.append((offset, positions))
        else:
            (_, first), rest = found[0], found[1:]
            if any(all(start + offset in where for offset, where in rest) for start in first):
                return True
    return False


KANA_AS_WRITTEN = 0.5
"""The weight of a hiragana word's matches as written (in kana) when it is also searched
as a reading: below its kanji words' (see `_Compiler.words`)."""


def _boosted(fieldname: str, query: wq.Query) -> wq.Query:
    boost = FIELD_BOOSTS.get(fieldname, 1.0)
    return query if boost == 1.0 else _Boosted(query, boost)


def _prefix_or(fieldname: str, terms: Sequence[str]) -> wq.Query:
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0])
    return _PrefixOr([wq.Term(fieldname, term) for term in terms])


def _phrase(fieldname: str, pieces: Sequence[tuple[int, wq.Query]]) -> wq.Query:
    """Queries at relative positions, as one span query: gaps must match exactly."""
    current = pieces[0][1]
    for (previous_pos, _), (pos, piece) in itertools.pairwise(pieces):
        gap = pos - previous_pos
        current = spans.SpanNear2([current, piece], slop=gap, ordered=True, mindist=gap)
    return current


# Prefix scans of one reader, kept while it is open: successive keystrokes
# (ス, スマ, スマー) filter the scan of the word so far instead of reading the
# lexicon again, and backspacing finds its scans ready.
PREFIX_CACHE_SIZE = 256
_PrefixScan = tuple[tuple[tuple[str, int], ...], bool]
_prefix_scans: weakref.WeakKeyDictionary[Any, OrderedDict[tuple[str, str], _PrefixScan]] = (
    weakref.WeakKeyDictionary()
)
_prefix_lock = threading.Lock()


_facet_lexicons: weakref.WeakKeyDictionary[Any, dict[str, tuple[str, ...]]] = (
    weakref.WeakKeyDictionary()
)


def _facet_values(
    reader: Any, fieldname: str, value: str, *, exact: bool = True, being_typed: bool = False
) -> list[str]:
    """The values of `fieldname` a filter names: an outlet in any case and width
    (outlet:peachy, Peachy), unquoted every outlet it begins (outlet:sports, Sports
    Watch; as person: finds every name it begins); a site with its subdomains
    (site:livedoor.com, news.livedoor.com), and while `being_typed` every site with a
    label it begins (site:livedoor, site:news.live); `value` itself when none is indexed."""
    known = _lexicon(reader, fieldname)
    if fieldname == "outlet" and not exact:
        wanted = facet_key(value)
        return [term for term in known if facet_key(term).startswith(wanted)] or [value]
    if fieldname == "site" and being_typed:
        host = value.lower().removeprefix("www.").lstrip(".")
        if not host:  # site:www. is no site yet (every host holds a ".")
            return [value]
        return [term for term in known if "." + host in "." + term] or [value]
    return filter_values(fieldname, value, known) or [value]


def _lexicon(reader: Any, fieldname: str) -> tuple[str, ...]:
    """Every value of facet `fieldname` in the index (read once per reader)."""
    with _prefix_lock:
        lexicons = _facet_lexicons.setdefault(reader, {})
        known = lexicons.get(fieldname)
        if known is None:
            known = lexicons[fieldname] = tuple(
                term.decode("utf-8") if isinstance(term, bytes) else str(term)
                for term in reader.lexicon(fieldname)
            )
    return known


_name_readings: weakref.WeakKeyDictionary[Any, dict[str, tuple[tuple[str, str], ...]]] = (
    weakref.WeakKeyDictionary()
)
NAME_READINGS_MAX = 50
"""Names a reading filter (person:ほんだ) finds at most, the first in reading order."""


def _names_read_as(reader: Any, fieldname: str, value: str, *, exact: bool) -> list[str]:
    """The names of facet `fieldname` that read `value`, when it is a reading in hiragana
    (person:ほんだ: 本田圭佑, 本田翼, ホンダ; quoted, only a name read just so), as the
    pickers find them. The index's names are read once per reader (0.16 s for ldcc's
    ~9,000 people, at the first such filter)."""
    if not is_reading(value):
        return []
    with _prefix_lock:
        readings = _name_readings.setdefault(reader, {})
        known = readings.get(fieldname)
    if known is None:
        from index.phrases import reading  # MeCab per name: only for a reading filter

        names = _lexicon(reader, fieldname)
        known = tuple(sorted((fold_kana(reading(name)), name) for name in names))
        with _prefix_lock:
            readings[fieldname] = known
    at = bisect.bisect_left(known, (value, ""))
    found: list[str] = []
    for read, name in itertools.islice(known, at, None):
        if read != value and (exact or not read.startswith(value)):
            break
        found.append(name)
        if len(found) == NAME_READINGS_MAX:
            break
    return found


def filter_values(fieldname: str, value: str, known: Sequence[str]) -> list[str]:
    """Which of the `known` values of facet `fieldname` a filter naming `value` finds
    (see `_facet_values`): what a picker's row for `value` must count."""
    if fieldname == "site":
        host = value.lower().removeprefix("www.")
        return [term for term in known if term == host or term.endswith("." + host)]
    if fieldname == "outlet":
        wanted = facet_key(value)
        return [term for term in known if facet_key(term) == wanted]
    return [term for term in known if term == value]


def facet_key(outlet: str) -> str:
    """An outlet as `outlet:` compares it: any case, any width (Peachy, ｐｅａｃｈｙ)."""
    return unicodedata.normalize("NFKC", outlet).casefold()


def _prefix_terms(reader: Any, fieldname: str, prefix: str) -> _PrefixScan:
    """((term, document frequency), ...) of the first PREFIX_SCAN terms of
    `fieldname` starting with `prefix`, in lexical order; and whether there were more."""
    with _prefix_lock:
        scans = _prefix_scans.get(reader)
        if scans is None:
            scans = _prefix_scans[reader] = OrderedDict()
        cached = scans.get((fieldname, prefix))
        if cached is not None:
            scans.move_to_end((fieldname, prefix))
            return cached
        for end in range(len(prefix) - 1, 0, -1):
            shorter = scans.get((fieldname, prefix[:end]))
            if shorter is not None and not shorter[1]:  # complete: filtering it is exact
                terms = tuple(item for item in shorter[0] if item[0].startswith(prefix))
                result: _PrefixScan = (terms, False)
                break
        else:
            result = _scan_prefix(reader, fieldname, prefix)
        scans[(fieldname, prefix)] = result
        if len(scans) > PREFIX_CACHE_SIZE:
            scans.popitem(last=False)
        return result


def _scan_prefix(reader: Any, fieldname: str, prefix: str) -> _PrefixScan:
    """The lexicon scan, segment by segment: a multi-segment reader looks every
    term up in each segment again (about ten times slower for a 1-character prefix)."""
    frequencies: dict[bytes, int] = {}
    for leaf, _ in reader.leaf_readers():
        # Each segment's first PREFIX_SCAN + 1 terms hold the union's first ones.
        lexicon = lexicon_prefix(leaf, fieldname, prefix, PREFIX_SCAN + 1)
        if lexicon is None:  # not laid out as W3Codec writes it: Whoosh reads it
            lexicon = [
                (term, info.doc_frequency())
                for term, info in itertools.islice(
                    leaf.iter_prefix(fieldname, prefix), PREFIX_SCAN + 1
                )
            ]
        for term, frequency in lexicon:
            frequencies[term] = frequencies.get(term, 0) + frequency
    ordered = sorted(frequencies)
    terms = tuple(
        (term.decode("utf-8") if isinstance(term, bytes) else term, frequencies[term])
        for term in ordered[:PREFIX_SCAN]
    )
    return terms, len(ordered) > PREFIX_SCAN


_ENTRY_LENGTHS = struct.Struct("!ii")
"""An entry of Whoosh's term table: key length, value length, then the key and value."""
_DOC_FREQUENCY = struct.Struct("!I")
_DOC_FREQUENCY_AT = 5
"""Where W3TermInfo keeps the document frequency (after a flag byte and the weight)."""
_DOC_FREQUENCY_FIRST_LAST = struct.Struct("!I6xII")
"""W3TermInfo from the document frequency: it, min/max length bytes and max weight
(skipped), first and last document."""
LEXICON_CHUNK = 1 << 16
"""Bytes of the term table read at a time by lexicon_prefix."""


def lexicon_prefix(
    leaf: Any, fieldname: str, prefix: str, limit: int
) -> list[tuple[bytes, int]] | None:
    """(term, document frequency) of the first `limit` terms of `fieldname` starting
    with `prefix` in one segment, read straight from its term table; None when the
    segment is not laid out as W3Codec writes it.

    Whoosh's iter_prefix goes through four generators, a key decoder and a
    W3TermInfo per term (~2 µs each); a one-character prefix reads thousands of terms
    in each field.
    """
    found = _term_table(leaf, fieldname, prefix, limit, _DOC_FREQUENCY)
    return None if found is None else [(term, stats[0]) for term, stats in found]


def lexicon_stats(leaf: Any, fieldname: str) -> list[tuple[bytes, int, int, int]] | None:
    """(term, document frequency, first and last document) of every term of `fieldname`
    in one segment, from its term table as `lexicon_prefix`; None when it cannot.

    The documents are the segment's own numbers, deleted ones included (the table
    is written once); a term of one or two documents needs no postings read.
    """
    found = _term_table(leaf, fieldname, "", 1 << 62, _DOC_FREQUENCY_FIRST_LAST)
    return None if found is None else [(term, df, first, last) for term, (df, first, last) in found]


def _term_table(
    leaf: Any, fieldname: str, prefix: str, limit: int, stats: struct.Struct
) -> list[tuple[bytes, tuple[int, ...]]] | None:
    """(term, `stats` unpacked from its W3TermInfo at _DOC_FREQUENCY_AT) of the first
    `limit` terms of `fieldname` starting with `prefix` in one segment."""
    terms: Any = getattr(leaf, "_terms", None)
    if type(terms) is not W3TermsReader or fieldname not in leaf.schema:
        return None
    table = terms._tindex
    if type(table) is not OrderedHashReader:
        return None
    key = terms._keycoder(fieldname, leaf._text_to_bytes(fieldname, prefix))
    found: list[tuple[bytes, tuple[int, ...]]] = []
    position = table.closest_key_pos(key)
    if position is None:
        return found
    end = table.endofdata
    header = _ENTRY_LENGTHS.size
    unpack_stats = stats.unpack_from

    def read(at_least: int) -> bytes:
        data: bytes = table.dbfile.get(position, min(max(LEXICON_CHUNK, at_least), end - position))
        return data

    chunk, chunk_at = b"", position
    while position < end and len(found) < limit:
        at = position - chunk_at
        if at + header > len(chunk):
            chunk, chunk_at, at = read(header), position, 0
        key_length, value_length = _ENTRY_LENGTHS.unpack_from(chunk, at)
        size = header + key_length + value_length
        if at + size > len(chunk):  # the entry runs past the chunk
            chunk, chunk_at, at = read(size), position, 0
        entry_key = chunk[at + header : at + header + key_length]
        if not entry_key.startswith(key):
            break
        found.append(
            (entry_key[2:], unpack_stats(chunk, at + header + key_length + _DOC_FREQUENCY_AT))
        )
        position += size
    return found


class _Compiler:
    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.has_pairs = "pairs" in reader.schema.names()
        self.variant_keys: set[tuple[tuple[str, ...], str]] = set()
        """(complete terms, prefix) of the unfinished word's readings (see words())."""
        self.capped = False
        self.highlights: list[Highlight] = []
        self.reading_variants: list[tuple[str, bool]] = []

    def has(self, fieldname: str, term: str) -> bool:
        return (fieldname, term) in self.reader

    def populated(self, fieldnames: Sequence[str]) -> list[str]:
        """The fields any document has text in (a news corpus has no key points or cards)."""
        return [name for name in fieldnames if self.reader.field_length(name) > 0]

    def expand(self, fieldname: str, prefix: str, *, standalone: bool) -> list[str]:
        """Terms of `fieldname` starting with `prefix`, most frequent first (capped, see above).

        A one-character prefix standing alone (the first keystroke of a word)
        keeps only a handful of terms; after complete words it may keep more,
        since those words already narrow the documents down.
        """
        limit = PREFIX_TERMS_SHORT if standalone and len(prefix) == 1 else PREFIX_TERMS
        scanned, scan_capped = _prefix_terms(self.reader, fieldname, prefix)
        if scan_capped:
            self.capped = True
        found = sorted(((frequency, text) for text, frequency in scanned), reverse=True)
        if len(found) > limit:
            self.capped = True
            found = found[:limit]
        if standalone:
            # Matching cost grows with the postings read, not the terms: stop at a
            # budget (the most frequent term always counts).
            budget = PREFIX_POSTINGS_SHORT if len(prefix) == 1 else PREFIX_POSTINGS
            kept = 0
            spent = 0
            for frequency, _ in found:
                if kept and spent + frequency > budget:
                    self.capped = True
                    break
                spent += frequency
                kept += 1
            found = found[:kept]
        return [text for _, text in found]

    def split_tail(self, fieldnames: Sequence[str], tail: str) -> list[tuple[list[str], str]]:
        """Ways to read an unfinished tail: known terms first, then a prefix.

        The index may split a word differently from MeCab's reading of its first
        few characters (スマートフォ: スマ/ートフォ, indexed すまーと/ふぉん), so
        the tail is also re-split against the field's own terms, longest first;
        the whole tail as one prefix stays a reading too (greedy splitting
        turns スマー into すま + ー).
        """
        known: list[str] = []
        start = 0
        while start < len(tail):
            for end in range(len(tail) - 1, start, -1):
                if any(self.has(name, tail[start:end]) for name in fieldnames):
                    known.append(tail[start:end])
                    start = end
                    break
            else:
                break
        readings: list[tuple[list[str], str]] = [([], tail)]
        if known:
            readings.append((known, tail[start:]))
        return readings

    def uses_pairs(self, fieldnames: Sequence[str], pieces: Sequence[tuple[int, str]]) -> bool:
        """Whether a phrase can be matched through the `pairs` field (see PairFilter)."""
        return (
            self.has_pairs
            and len(pieces) > 1
            and fieldnames != ("title",)
            and all(0 < b[0] - a[0] <= MAX_PAIR_GAP for a, b in itertools.pairwise(pieces))
        )

    def pair_terms(self, pieces: Sequence[tuple[int, str]]) -> list[wq.Query] | None:
        keys = [pair_key(a[1], b[1], b[0] - a[0]) for a, b in itertools.pairwise(pieces)]
        if not all(self.has("pairs", key) for key in keys):
            return None
        return [wq.Term("pairs", key) for key in keys]

    def phrase(
        self, fieldnames: Sequence[str], pieces: Sequence[tuple[int, str]]
    ) -> tuple[list[wq.Query], list[Highlight]]:
        """(queries, highlights) for complete words at their positions.

        Through the pairs field when it can (an AND of terms, no positions to
        compare); span phrases then only highlight the page's hits, except in
        the title, whose short phrase query adds the title's boost.
        """
        queries: list[wq.Query] = []
        shown: list[Highlight] = []
        by_pairs = self.uses_pairs(fieldnames, pieces)
        for fieldname in self.populated(fieldnames):
            if all(self.has(fieldname, term) for _, term in pieces):
                shown.append(_highlight(fieldname, [(pos, (t,)) for pos, t in pieces]))
                if not by_pairs:
                    span = _phrase(fieldname, [(pos, wq.Term(fieldname, t)) for pos, t in pieces])
                    queries.append(_boosted(fieldname, span))
        if by_pairs:
            terms = self.pair_terms(pieces)
            if terms is not None:
                pairs = self.verified(wq.And(terms), fieldnames, pieces, ())
                if "title" in shown_fields(shown):
                    # The title's bonus: its words present in a document the pairs
                    # matched (AND-MAYBE of terms: comparing title positions per
                    # document cost as much as the whole match).
                    words = sorted({term for _, term in pieces})
                    title = wq.And([wq.Term("title", term) for term in words])
                    pairs = wq.AndMaybe(pairs, _boosted("title", title))
                queries.append(pairs)
        return queries, shown

    def verified(
        self,
        pairs: wq.Query,
        fieldnames: Sequence[str],
        pieces: Sequence[tuple[int, str]],
        following: Sequence[str],
    ) -> wq.Query:
        """`pairs`, checked by position when the phrase has three words or more."""
        slots: list[tuple[int, tuple[str, ...]]] = [(pos, (term,)) for pos, term in pieces]
        if following and len(following) <= VERIFIED_PREFIX_TERMS:
            slots.append((pieces[-1][0] + 1, tuple(following)))
        if len(slots) < 3:
            return pairs
        first = slots[0][0]
        fields = tuple(name for name in self.populated(fieldnames))
        return _VerifiedPhrase(pairs, fields, tuple((pos - first, terms) for pos, terms in slots))

    def words(self, words: Words, *, highlight: bool) -> wq.Query:
        alternatives: list[wq.Query] = []
        shown: list[Highlight] = []
        pieces = [(m.pos, m.folded) for m in words.content]
        # A first keystroke (日) is a prefix only: its most frequent completion
        # (日本) sets the count, not every 日 counter in the corpus, which would
        # cost a frame several times over and drop as soon as 本 is typed.
        first_keystroke = words.unfinished and len(words.text) == 1
        covered = False
        if words.unfinished:
            # A reading whose prefix is the word's own last term already holds
            # every match of the word as typed: running both doubled a keystroke.
            whole = (tuple(term for _, term in pieces[:-1]), pieces[-1][1]) if pieces else None
            self.variant_keys = set()
            for queries, spans_ in self.unfinished(words):
                alternatives += queries
                shown += spans_
            covered = whole in self.variant_keys
        if pieces and not first_keystroke:
            if self.kana_word_known(words):
                # MeCab splits kana it does not know into words and particles
                # (さっかー: さっ + かー, a particle not indexed): the phrase left
                # would be さっ, found in サッと. The word as typed is a term:
                # as-you-type it is one of the prefixes above already.
                pieces = [(words.morphemes[0].pos, fold_kana(words.text))]
                covered = covered or words.unfinished
            elif _read_in_the_negative(words):
                pieces = []
        as_written: list[wq.Query] = []
        if pieces and not first_keystroke:
            queries, spans_ = self.phrase(words.fields, pieces)
            if not covered:
                as_written = queries
            shown += spans_
        reading = words.reading
        as_read: list[wq.Query] = []
        if reading is not None and _reading_field(words.fields) == "title_reading":
            as_read += self.title_reading(reading, unfinished=words.unfinished)
        elif reading is not None and "body" in words.fields:
            as_read += self.reading(reading, unfinished=words.unfinished)
            # にほん as the index reads 日本 (にっぽん).
            variant = reading_variant(reading, lambda piece: self.has("reading", piece))
            if variant is not None:
                as_read += self.reading(variant, unfinished=words.unfinished)
                if highlight:
                    self.reading_variants.append((variant, words.unfinished))
        if as_read:
            # A word typed in hiragana is mostly a reading (とうきょう: 東京). Its rare
            # spellings in kana weigh more by their rarity alone: とうきょうスカイツリー駅
            # and トウキョウ決戦 came before the 1,110 articles of 東京.
            as_written = [_Boosted(query, KANA_AS_WRITTEN) for query in as_written]
        alternatives += as_written + as_read
        if highlight:
            self.highlights += shown
        if not alternatives:
            return wq.NullQuery
        return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)

    def reads_nothing(self, clause: Clause) -> bool:
        """Whether `clause` is words of particles alone (です, ぞう) that no word of the
        index is read as either (ぞう is 象's reading): nothing to search for."""
        if not _particles_only(clause):
            return False
        reading, field = clause.reading, _reading_field(clause.fields)
        if reading is None or field is None:
            return True
        variant = reading_variant(reading, lambda piece: self.has(field, piece))
        return not self.has(field, reading) and variant is None

    def kana_word_known(self, words: Words) -> bool:
        """Whether a hiragana word that MeCab read with a particle or other word left
        out of the index (so its phrase would not spell it) is a term as typed: a
        content term (katakana folded) or a reading."""
        text = words.reading
        if text is None or not any(m.stop for m in words.morphemes):
            return False
        return self.has("reading", text) or any(
            self.has(name, text) for name in self.populated(words.fields)
        )

    def unfinished(self, words: Words) -> Iterator[tuple[list[wq.Query], list[Highlight]]]:
        """(queries, highlights) for each reading of an unfinished word.

        The complete words before the last 1..3 morphemes stay words; the tail
        is re-split (split_tail) and its unfinished end must follow them as a
        prefix: through the pairs field, `last word + separator + prefix` expands
        to exactly the words that do follow it, so the count is that of the
        documents with such a continuation — no jump when the word completes.
        """
        found = words.morphemes
        seen: set[str] = set()
        variants: set[tuple[tuple[str, ...], str]] = set()
        for count in range(1, min(PREFIX_MORPHEMES, len(found)) + 1):
            cut = len(found) - count
            tail = fold_kana(normal_form(words.text[found[cut].start :]).lower())
            if not tail or tail in seen:
                continue
            seen.add(tail)
            head = [(m.pos, m.folded) for m in found[:cut] if not m.stop]
            for known, rest in self.split_tail(words.fields, tail):
                pieces = head + [(found[cut].pos + i, term) for i, term in enumerate(known)]
                key = (tuple(term for _, term in pieces), rest)
                if key in variants:
                    continue
                variants.add(key)
                self.variant_keys.add(key)
                rest_pos = pieces[-1][0] + 1 if known else found[cut].pos
                yield self.prefix_variant(words.fields, pieces, rest, rest_pos)

    def prefix_variant(
        self,
        fieldnames: Sequence[str],
        pieces: list[tuple[int, str]],
        rest: str,
        rest_pos: int,
    ) -> tuple[list[wq.Query], list[Highlight]]:
        """Complete words at their positions followed by the prefix `rest`."""
        queries: list[wq.Query] = []
        shown: list[Highlight] = []
        populated = self.populated(fieldnames)
        if not pieces:
            for fieldname in populated:
                expanded = self.expand(fieldname, rest, standalone=True)
                if expanded:
                    queries.append(_boosted(fieldname, _prefix_or(fieldname, expanded)))
                    shown.append(_highlight(fieldname, [(0, expanded[:HIGHLIGHT_PREFIX_TERMS])]))
            return queries, shown
        last_pos, last = pieces[-1]
        if self.uses_pairs(fieldnames, [*pieces, (rest_pos, rest)]):
            terms = self.pair_terms(pieces) if len(pieces) > 1 else []
            gap = rest_pos - last_pos
            expanded = self.expand("pairs", pair_key(last, rest, gap), standalone=False)
            if terms is None or not expanded:
                return queries, shown
            following = list(dict.fromkeys(pair[len(last) + gap :] for pair in expanded))
            pairs = wq.And([*terms, _prefix_or("pairs", expanded)])
            queries.append(self.verified(pairs, fieldnames, pieces, following if gap == 1 else ()))
        else:
            following = []
        for fieldname in populated:
            if not all(self.has(fieldname, term) for _, term in pieces):
                continue
            if not following:  # title: only, or an index without pairs
                following_here = self.expand(fieldname, rest, standalone=False)
                if not following_here:
                    continue
                head = _phrase(fieldname, [(p, wq.Term(fieldname, t)) for p, t in pieces])
                queries.append(
                    _boosted(fieldname, wq.And([head, _prefix_or(fieldname, following_here)]))
                )
            else:
                following_here = [t for t in following if self.has(fieldname, t)]
            if following_here:
                slots: list[tuple[int, Sequence[str]]] = [(p, (t,)) for p, t in pieces]
                slots.append((rest_pos, following_here[:HIGHLIGHT_PREFIX_TERMS]))
                shown.append(_highlight(fieldname, slots))
        return queries, shown

    def reading(self, reading: str, *, unfinished: bool) -> Iterator[wq.Query]:
        """A reading of one word as its term; of several (ていせんこうしょう), as the
        pairs of words standing together (an index holding no reading pairs: an AND
        of the words, wherever each is)."""
        by_pairs = self.populated(["reading_pairs"]) == ["reading_pairs"]

        def pair_field(first: str, second: str) -> str | None:
            """Where the index holds `first` then `second`: kana words (すまーと|ふぉん)
            as themselves in `pairs`, parts of compounds by reading in `reading_pairs`."""
            key = pair_key(first, second)
            if self.has("reading_pairs", key):
                return "reading_pairs"
            return "pairs" if self.has_pairs and self.has("pairs", key) else None

        pieces = segment_reading(
            reading,
            lambda piece: self.has("reading", piece),
            (lambda first, second: pair_field(first, second) is not None) if by_pairs else None,
        )
        if pieces and len(pieces) == 1:
            yield wq.Term("reading", pieces[0])
        elif pieces and by_pairs:
            terms = [
                wq.Term(pair_field(first, second), pair_key(first, second))
                for first, second in itertools.pairwise(pieces)
            ]
            yield terms[0] if len(terms) == 1 else wq.And(terms)
        elif pieces:
            yield wq.And([wq.Term("reading", piece) for piece in pieces])
        if unfinished:
            expanded = self.expand("reading", reading, standalone=True)
            if expanded:
                yield _prefix_or("reading", expanded)
            elif by_pairs:  # no one word is read so: several, the last being typed
                yield from self.reading_continued(reading, pair_field)

    def title_reading(self, reading: str, *, unfinished: bool) -> Iterator[wq.Query]:
        """title:とうきょう: a reading of the title's words, one word as its term, several
        as an AND of theirs (the title's reading pairs are not indexed); as typed, the
        last word a prefix too. にほん as the index reads 日本 (にっぽん) as well."""
        for typed in dict.fromkeys(
            [reading, reading_variant(reading, lambda piece: self.has("title_reading", piece))]
        ):
            if typed is None:
                continue
            pieces = segment_reading(typed, lambda piece: self.has("title_reading", piece))
            if pieces:
                terms = [wq.Term("title_reading", piece) for piece in pieces]
                yield _boosted("title", terms[0] if len(terms) == 1 else wq.And(terms))
            if unfinished and typed is reading:
                expanded = self.expand("title_reading", reading, standalone=True)
                if expanded:
                    yield _boosted("title", _prefix_or("title_reading", expanded))

    def reading_continued(
        self, reading: str, pair_field: Callable[[str, str], str | None]
    ) -> Iterator[wq.Query]:
        """An unfinished reading of several words as complete words and the start of
        the next (けいたいでん: けいたい, then a word read でん…): the count as typed
        then holds every match of the finished reading (けいたいでんわ), and never falls
        as a word is completed. The longest complete heads first."""
        variants = 0
        for cut in range(len(reading) - 1, max(1, len(reading) - READING_TAIL - 1), -1):
            head, rest = reading[:cut], reading[cut:]
            pieces = segment_reading(
                head,
                lambda piece: self.has("reading", piece),
                lambda first, second: pair_field(first, second) is not None,
            )
            if not pieces:
                continue
            following = self.expand("reading_pairs", pair_key(pieces[-1], rest), standalone=False)
            if not following:
                continue
            terms: list[wq.Query] = [
                wq.Term(str(pair_field(first, second)), pair_key(first, second))
                for first, second in itertools.pairwise(pieces)
            ]
            terms.append(_prefix_or("reading_pairs", following))
            yield terms[0] if len(terms) == 1 else wq.And(terms)
            variants += 1
            if variants == READING_TAIL_VARIANTS:
                return

    def clause(self, clause: Clause, *, highlight: bool) -> wq.Query:
        if isinstance(clause, Words):
            return self.words(clause, highlight=highlight)
        if isinstance(clause, Facet):
            if clause.field in ("site", "outlet"):
                values = _facet_values(
                    self.reader,
                    clause.field,
                    clause.value,
                    exact=clause.exact,
                    being_typed=clause.being_typed,
                )
                if len(values) == 1:
                    return wq.Term(clause.field, values[0])
                return wq.Or([wq.Term(clause.field, value) for value in values])
            # A reading (person:ほんだ) finds the names read so, as the pickers do.
            read = _names_read_as(self.reader, clause.field, clause.value, exact=clause.exact)
            if highlight and clause.field in NAME_FACETS:
                named = [clause, *(replace(clause, value=name, exact=True) for name in read)]
                for words in itertools.chain.from_iterable(map(name_phrases, named)):
                    # marked where written, for snippets, n / N
                    pieces = [(m.pos, m.folded) for m in words.content]
                    self.highlights += self.phrase(words.fields, pieces)[1]
            written: wq.Query = (
                wq.Term(clause.field, clause.value)
                if clause.exact
                else wq.Prefix(clause.field, clause.value)
            )
            if not read:
                return written
            return wq.Or([written, *(wq.Term(clause.field, name) for name in read)])
        return wq.DateRange("published", clause.start, clause.end, startexcl=False, endexcl=True)

    def group(self, group: Group) -> wq.Query:
        parts = [self.clause(c, highlight=not group.negated) for c in group.alternatives]
        return parts[0] if len(parts) == 1 else wq.Or(parts)


def shown_fields(shown: Sequence[Highlight]) -> set[str]:
    return {highlight.field for highlight in shown}


def _all_of(queries: list[wq.Query]) -> wq.Query:
    """AND of `queries`; every article when there are none (dates alone filter them all)."""
    if not queries:
        return wq.Every()
    return queries[0] if len(queries) == 1 else wq.And(queries)


def compile_query(parsed: ParsedQuery, reader: Any) -> Compiled:
    """Whoosh query for `parsed` against `reader` (prefixes and readings need its lexicon)."""
    compiler = _Compiler(reader)
    looking = [g for g in parsed.groups if not g.negated and _date_range(g) is None]
    # Particles alone are searched as readings (ぞう: 象) only when the query has nothing
    # else to find: in 東京 から 大阪, から is left out as before, not read as 殻.
    kept = [g for g in looking if not all(map(_particles_only, g.alternatives))] or [
        g for g in looking if not all(map(compiler.reads_nothing, g.alternatives))
    ]
    if looking and not kept and published_within(parsed.groups) is None:
        text = unicodedata.normalize("NFKC", parsed.text).translate(QUOTES)
        raise QueryError(_nothing_in(parsed.text.strip(), _scan(text, live=False)))
    positive = [compiler.group(group) for group in kept]
    capped_looking, compiler.capped = compiler.capped, False
    negative = [compiler.group(g) for g in parsed.groups if g.negated]
    capped_excluding = compiler.capped
    compiler.capped = capped_looking or capped_excluding
    query = _all_of(positive)
    if negative:
        query = wq.AndNot(query, negative[0] if len(negative) == 1 else wq.Or(negative))
    return Compiled(
        query,
        compiler.highlights,
        compiler.capped,
        published_within(parsed.groups),
        compiler.reading_variants,
        at_least=capped_looking and not capped_excluding,
    )


def segment_reading(
    reading: str, known: Callable[[str], bool], joined: Callable[[str, str], bool] | None = None
) -> list[str] | None:
    """Split a hiragana string into the fewest known readings (てい|せん is worse than ていせん),
    each piece `joined` to the one before it when given (the index holds the pair).

    Pieces of one character are allowed only when no split without them exists,
    since almost every single kana is some word's reading. Among splits of as
    many pieces, the one whose last piece starts latest wins.
    """
    size = len(reading)
    for shortest in (2, 1):
        # best[end]: for each last piece, the fewest pieces spelling reading[:end] with it
        best: list[dict[str, list[str]]] = [{} for _ in range(size + 1)]
        best[0][""] = []
        for end in range(1, size + 1):
            for start in range(end - shortest, -1, -1):
                if not best[start]:
                    continue
                piece = reading[start:end]
                if not known(piece):
                    continue
                for last, before in best[start].items():
                    if last and joined is not None and not joined(last, piece):
                        continue
                    current = best[end].get(piece)
                    if current is None or len(before) + 1 < len(current):
                        best[end][piece] = [*before, piece]
        if best[size]:
            return min(best[size].values(), key=len)
    return None


# -- scoring every match ------------------------------------------------------------------
#
# A results page needs the count and the best 20, which means scoring every match
# (BM25 ranks only once all are scored). Whoosh's collector walks the matcher tree
# document by document, several method calls per node and match; the shapes this
# module compiles to (terms, unions and intersections of any width, grouped as
# Whoosh's weighted tree groups them, AND-NOT, AND-MAYBE, boosts, prefix unions,
# span phrases and position-verified phrases) are scored here a posting block at
# a time instead, with Whoosh's own BM25F scorer and the same additions in the
# same order, so the scores are the same floats. Any other shape (date ranges,
# say, or an AND whose equal-sized parts would have Whoosh compare matchers) is
# left to Whoosh's matcher for that part.

_field_lengths: weakref.WeakKeyDictionary[Any, dict[str, list[int]]] = weakref.WeakKeyDictionary()


def score_all(searcher: Any, query: wq.Query) -> list[tuple[int, float]]:
    """(docnum, score) of every document `query` matches, in no particular order
    (a page needs only its best few: see index.search)."""
    context = searcher.context()
    found: list[tuple[int, float]] = []
    for subsearcher, offset in searcher.leaf_searchers():
        scores = _scores(query, subsearcher, context)
        found.extend((docnum + offset, score) for docnum, score in scores.items())
    return found


def by_relevance(item: tuple[int, float]) -> tuple[float, int]:
    """Sort key: best score first, then by docnum (Whoosh's order for an unlimited search)."""
    return (-item[1], item[0])


def _scores(query: wq.Query, searcher: Any, context: Any) -> dict[int, float]:
    kind = type(query)
    if kind is wq.Term and query.boost == 1.0 and not query.minquality:
        return _term_scores(query.fieldname, query.text, searcher)
    if isinstance(query, _Boosted):
        boost = query.boost
        return {d: s * boost for d, s in _scores(query.child, searcher, context).items()}
    if isinstance(query, wq.CompoundQuery) and kind in (wq.Or, wq.And, _PrefixOr):
        subs = query.subqueries
        plain = query.boost == 1.0 and (kind is wq.And or not (query.minmatch or query.scale))
        if plain and not subs:
            return {}
        if plain and len(subs) == 1:
            return _scores(subs[0], searcher, context)
        preloaded = kind is _PrefixOr or (
            # Or's AUTO choice for three parts or more (see wq.Or._matcher)
            kind is wq.Or
            and len(subs) > 2
            and not context.needs_current
            and (searcher.doc_count_all() <= 5000 or len(subs) >= wq.Or.TOO_MANY_CLAUSES)
        )
        if plain and preloaded:
            # ArrayUnionMatcher: each part's scores added in order, kept when > 0
            total: dict[int, float] = {}
            for sub in subs:
                for docnum, score in _scores(sub, searcher, context).items():
                    total[docnum] = total.get(docnum, 0.0) + score
            return {d: s for d, s in total.items() if s > 0}
        if plain and kind is wq.And and len(subs) > 2:
            grouped = _intersection_tree(subs, searcher.reader())
            if grouped is not None:
                return _intersect_tree(grouped, subs, searcher, context)
        if plain and len(subs) == 2:
            first = _scores(subs[0], searcher, context)
            if kind is wq.And and not first:
                return {}
            second = _scores(subs[1], searcher, context)
            if kind is wq.And:
                return {d: s + second[d] for d, s in first.items() if d in second}
            union = dict(first)
            for docnum, score in second.items():
                union[docnum] = union[docnum] + score if docnum in union else score
            return union
    elif kind is wq.AndNot and query.boost == 1.0:
        positive = _scores(query.a, searcher, context)
        if not positive:
            return {}
        excluded = _scores(query.b, searcher, context)
        return {d: s for d, s in positive.items() if d not in excluded}
    elif kind is wq.AndMaybe and query.boost == 1.0:
        required = _scores(query.a, searcher, context)
        if not required:
            return {}
        optional = _scores(query.b, searcher, context)
        return {d: s + optional[d] if d in optional else s for d, s in required.items()}
    elif isinstance(query, _VerifiedPhrase):
        candidates = _scores(query.child, searcher, context)
        per_field = query.leaves(searcher.reader()) if candidates else []
        # _PhraseCheckMatcher: the child's score, for the documents whose positions hold
        return {d: s for d, s in sorted(candidates.items()) if _phrase_holds(per_field, d)}
    elif kind is spans.SpanNear2:
        chain = _phrase_chain(query)
        if chain is not None:
            return _phrase_scores(chain[0], chain[1], searcher)
    elif query is wq.NullQuery:
        return {}
    return _matched(query.matcher(searcher, context))


def _matched(matcher: Any) -> dict[int, float]:
    """Every document a Whoosh matcher matches, with its score (Whoosh's own way)."""
    found: dict[int, float] = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


# A binary tree over the parts of an AND: a part's index, or a pair of trees.
_Tree = int | tuple[Any, Any]


def _intersection_tree(subs: Sequence[wq.Query], reader: Any) -> _Tree | None:
    """How Whoosh groups an AND of three parts or more (make_weighted_tree over
    minus each part's estimated size), or None when equal weights would have it
    compare matchers to break the tie."""
    weighted: list[tuple[int, _Tree]] = [
        (-sub.estimate_size(reader), index) for index, sub in enumerate(subs)
    ]
    if len({weight for weight, _ in weighted}) < len(weighted):
        return None
    weighted.sort(key=lambda item: item[0])
    while len(weighted) > 1:
        (first_weight, first), (second_weight, second) = weighted[0], weighted[1]
        del weighted[:2]
        joined = first_weight + second_weight
        if any(weight == joined for weight, _ in weighted):
            return None
        bisect.insort(weighted, (joined, (first, second)), key=lambda item: item[0])
    return weighted[0][1]


def _intersect_tree(
    tree: _Tree, subs: Sequence[wq.Query], searcher: Any, context: Any
) -> dict[int, float]:
    if isinstance(tree, int):
        return _scores(subs[tree], searcher, context)
    first = _intersect_tree(tree[0], subs, searcher, context)
    if not first:
        return {}
    second = _intersect_tree(tree[1], subs, searcher, context)
    return {d: s + second[d] for d, s in first.items() if d in second}


def _phrase_chain(query: Any) -> tuple[str, list[tuple[str, int]]] | None:
    """(field, [(term, gap from the term before)]) of a phrase as _phrase builds it
    (SpanNear2 nested to the left, exact gaps), or None for any other span query."""
    chain: list[tuple[str, int]] = []
    while True:
        if type(query) is not spans.SpanNear2 or len(query.qs) != 2:
            return None
        left, right = query.qs
        if not (query.ordered and query.slop == query.mindist and type(right) is wq.Term):
            return None
        chain.append((right.text, query.slop))
        if type(left) is wq.Term:
            chain.append((left.text, 0))
            break
        query = left
    fieldnames = {q.fieldname for q in query.qs}
    if len(fieldnames) != 1 or any(q.boost != 1.0 for q in query.qs):
        return None
    chain.reverse()
    return fieldnames.pop(), chain


def _phrase_scores(fieldname: str, chain: list[tuple[str, int]], searcher: Any) -> dict[int, float]:
    """A phrase's documents and scores: SpanNear2 scores the terms' intersection
    ((a + b) + c), for the documents where each term stands its gap after the last."""
    scores = _term_scores(fieldname, chain[0][0], searcher)
    for term, _ in chain[1:]:
        if not scores:
            return {}
        following = _term_scores(fieldname, term, searcher)
        scores = {d: s + following[d] for d, s in scores.items() if d in following}
    if not scores:
        return {}
    reader = searcher.reader()
    leaves = [(Postings(reader, fieldname, term), gap) for term, gap in chain]
    found: dict[int, float] = {}
    for docnum in sorted(scores):
        ends: set[int] | None = None
        for leaf, gap in leaves:
            positions = leaf.value(docnum, "positions")
            if positions is None:
                break
            ends = set(positions) if ends is None else {p for p in positions if p - gap in ends}
            if not ends:
                break
        else:
            found[docnum] = scores[docnum]
    return found


# Each term's scores in each segment, kept per open reader: as-you-type asks for
# the same terms keystroke after keystroke (すまーと for スマ, スマー, スマート...),
# and decoding a posting block unpickles its positions and characters too.
# Bounded by the postings held. The dicts are shared: never mutated once cached.
# A segment is named by its reader's id(), not the reader: with one segment the
# leaf reader is the top reader, and a value holding its own weak key would keep
# the entry (and the reader) alive for good. While the top reader lives, so do its
# leaves, so their ids are not reused.
TERM_CACHE_POSTINGS = 150_000
_term_cache: weakref.WeakKeyDictionary[Any, OrderedDict[tuple[int, str, str], dict[int, float]]] = (
    weakref.WeakKeyDictionary()
)
_term_cache_size: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
_term_cache_lock = threading.Lock()


def term_documents(searcher: Any, fieldname: str, text: str) -> dict[int, float] | None:
    """The segment's documents holding `text`, with scores, if a search scored it lately."""
    top = searcher.get_parent().reader()
    with _term_cache_lock:
        cached = _term_cache.get(top)
        return None if cached is None else cached.get((id(searcher.reader()), fieldname, text))


def _term_scores(fieldname: str, text: str, searcher: Any) -> dict[int, float]:
    # Scores depend on the whole index's statistics: keyed by the top reader too.
    top = searcher.get_parent().reader()
    key = (id(searcher.reader()), fieldname, text)
    with _term_cache_lock:
        cached = _term_cache.get(top)
        if cached is None:
            cached = _term_cache[top] = OrderedDict()
            _term_cache_size[top] = 0
        found = cached.get(key)
        if found is not None:
            cached.move_to_end(key)
            return found
    found = _read_term_scores(fieldname, text, searcher)
    with _term_cache_lock:
        if key not in cached:
            cached[key] = found
            size = _term_cache_size[top] + len(found)
            while size > TERM_CACHE_POSTINGS and len(cached) > 1:
                _, dropped = cached.popitem(last=False)
                size -= len(dropped)
            _term_cache_size[top] = size
    return found


def _read_term_scores(fieldname: str, text: str, searcher: Any) -> dict[int, float]:
    matcher = leaf_postings(searcher.reader(), fieldname, text)
    if matcher is None:
        return {}
    weighting = searcher.weighting
    if (
        matcher is UNREADABLE
        or type(weighting) is not BM25F
        or not searcher.schema[fieldname].scorable
    ):
        return _matched(searcher.postings(fieldname, text))  # Whoosh's matcher and scorer
    # BM25FScorer's figures, from the whole index (the leaf searcher's parent)
    parent = searcher.get_parent()
    idf = parent.idf(fieldname, text)
    avgfl = parent.avg_field_length(fieldname) or 1
    b = weighting._field_B.get(fieldname, weighting.B)
    k1 = weighting.K1
    lengths = _lengths(searcher, fieldname)
    found: dict[int, float] = {}
    # A block at a time through the leaf matcher's own arrays (whoosh-reloaded is
    # pinned exactly; these attributes are how its id() and weight() read them).
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        ids, weights, end = matcher._ids, matcher._weights, matcher._blocklength
        for index in range(matcher._i, end):
            tf = weights[index]
            docnum = ids[index]
            length = lengths[docnum]
            if length < 0:
                length = lengths[docnum] = searcher.doc_field_length(docnum, fieldname, 1)
            # whoosh.scoring.bm25, term for term
            found[docnum] = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / avgfl)))
        matcher._i = end - 1
        matcher.next()
    reader = searcher.reader()
    if reader.has_deletions():
        for docnum in reader.deleted_docs_set.intersection(found):
            del found[docnum]
    return found


UNREADABLE: Any = NullMatcher()
"""leaf_postings: a segment not laid out as W3Codec writes it (Whoosh's matchers read it)."""


def leaf_postings(reader: Any, fieldname: str, text: str) -> Any:
    """A term's postings in one segment as a bare W3LeafMatcher (no scorer, deleted
    documents included), None when the segment lacks the term, or UNREADABLE.

    One look-up of the term: `reader.postings` looks it up again after the
    `in` check, and a scorer twice more (~0.1 ms a term, and an as-you-type
    prefix reads a hundred terms or more).
    """
    terms: Any = getattr(reader, "_terms", None)
    if type(terms) is not W3TermsReader or fieldname not in reader.schema:
        return UNREADABLE
    try:
        info = terms.term_info(fieldname, reader._text_to_bytes(fieldname, text))
    except TermNotFound:
        return None
    if info.is_inlined():
        return UNREADABLE
    offset, length = info.extent()
    return W3LeafMatcher(terms._postfile, offset, length, reader.schema[fieldname].format)


def _lengths(searcher: Any, fieldname: str) -> list[int]:
    """Documents' lengths of `fieldname` in one segment as BM25F's scorer reads them:
    the segment's length column read in one go, or, where that cannot be read so,
    each length filled in when first needed (-1 until then)."""
    reader = searcher.reader()
    per_field = _field_lengths.get(reader)
    if per_field is None:
        per_field = _field_lengths[reader] = {}
    lengths = per_field.get(fieldname)
    if lengths is None:
        lengths = _column_lengths(reader, fieldname)
        if lengths is None or len(lengths) != searcher.doc_count_all():
            lengths = [-1] * searcher.doc_count_all()
        per_field[fieldname] = lengths
    return lengths


_BYTE_LENGTHS = [byte_to_length(value) if value else -1 for value in range(256)]


def _column_lengths(reader: Any, fieldname: str) -> list[int] | None:
    """The segment's whole length column in one read (what doc_field_length reads
    a byte at a time: a common term's first search spent ~15 ms there), or None
    when the segment is not laid out as whoosh3 writes it."""
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, W3PerDocReader):
        return None
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if type(column) is not NumericColumn.Reader or column._fixedlen != 1:
        return None
    stored = bytes(column._dbfile.get(column._basepos, column._count)) if column._count else b""
    missing = column._doccount - len(stored)
    return [_BYTE_LENGTHS[value] for value in stored] + [-1] * missing


class Postings:
    """One term's postings in one segment, read forward for the values of documents
    asked in ascending order (the hits of a page, the candidates of a phrase).

    Blocks ending before a document are passed by their headers alone, and the
    document is found in its block by bisection: Whoosh's skip_to compares ids
    one method call at a time. A segment not laid out as W3Codec writes it is
    read through Whoosh's matcher.
    """

    __slots__ = ("_matcher", "_whoosh", "fieldname", "reader", "text")

    def __init__(self, reader: Any, fieldname: str, text: str) -> None:
        self.reader, self.fieldname, self.text = reader, fieldname, text
        matcher = leaf_postings(reader, fieldname, text)
        self._whoosh = matcher is UNREADABLE
        if self._whoosh:
            in_reader = (fieldname, text) in reader
            matcher = reader.postings(fieldname, text) if in_reader else None
        self._matcher: Any = matcher
        """None once no document asked for can be found (or the term is not here)."""

    def __bool__(self) -> bool:
        """Whether the segment has the term."""
        return self._matcher is not None

    def copy(self) -> Postings:
        """Postings of the same term read from the start (for a copied matcher)."""
        return Postings(self.reader, self.fieldname, self.text)

    def value(self, docnum: int, astype: str) -> Any:
        """The posting's value for `docnum` decoded as `astype` ("positions",
        "characters"), or None when the term is not in that document."""
        matcher = self._matcher
        if matcher is None:
            return None
        if self._whoosh:
            if matcher.is_active() and matcher.id() < docnum:
                matcher.skip_to(docnum)
            if not matcher.is_active():
                self._matcher = None
                return None
            return matcher.value_as(astype) if matcher.id() == docnum else None
        while matcher._maxid < docnum:  # the block's header: no decoding
            if matcher._lastblock:
                self._matcher = None
                return None
            matcher._goto(matcher._nextoffset)
        if matcher._ids is None:
            matcher._read_ids()
        ids = matcher._ids
        index = bisect.bisect_left(ids, docnum, matcher._i)
        matcher._i = index  # ids[-1] is the block's _maxid >= docnum: index is in the block
        if ids[index] != docnum:
            return None
        if matcher._values is None:
            matcher._read_values()
        return matcher.format.decoder(astype)(matcher._values[index])
