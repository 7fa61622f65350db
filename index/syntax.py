"""The query language's small print, shared by its parser (`index.query`) and the
reader's dialogs that edit a query (`index.query_edit`): the quotes that open a
phrase, the date filters and the forms of a date, and the lexer (`lex`, `filters`)
by which both read a query's words.

Imports nothing heavy: the reader loads it at start, before Whoosh's query machinery.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

# Re-exported under its old name (tests import it from here).
from index.errors import DateError as DateError
from index.sanitize import controls_as_spaces

QUOTES = str.maketrans(dict.fromkeys("“”„‟「」『』", '"'))
"""Typographic and Japanese quotes, read as the phrase quote: a Japanese IME types
“ ” for the quote key, and 「…」 is how a phrase is quoted in Japanese; as plain
characters they were dropped, and “日本 代表” matched as 日本 AND 代表.
One character for one: positions in a query hold after `str.translate(QUOTES)`."""

CLOSING_QUOTES = {"“": "”", "„": "”", "‟": "”", "「": "」", "『": "』"}
"""The closing quote of each opening one that QUOTES reads as '"'."""

CLOSING_ONLY = frozenset("」』")
"""Quotes that close and never open: one with no quote open before it is text (a
sentence pasted from within a quote, …頑張ってみよう！という気持ちになりました」と由子さん
は…, was refused, "unbalanced quote: 」と由子さん… has no closing quote")."""

DATE_FIELDS = ("after", "before")
"""`after:` (inclusive) and `before:` (exclusive)."""


_DATE = re.compile(
    r"(?P<year>[0-9]{4})(?:(?P<separator>[-/])(?P<month>[0-9]{1,2})"
    r"(?:(?P=separator)(?P<day>[0-9]{1,2}))?)?"
)
"""2012, 2012-03, 2012-03-05, with `/` as well (2012/3/5)."""

DATE_IN_KANJI = re.compile(
    r"(?P<year>[0-9]{4})年(?:(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})日)?)?"
)
"""A date as Japanese writes it: 2012年, 2012年3月, 2012年3月5日 (after NFKC, which the
query and the date dialog read: ２０１２年３月). The articles' dates are read by
`index.dates.parse_written_date`, which takes a whole day only (2012年3月5日, 2012.3.5,
with a weekday or a time) and says nothing of why a date is none: a month or a year
alone is how one narrows a search."""

_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
"""In English whatever the locale, as every message is (`calendar.month_name` follows it)."""

DateUnit = Literal["day", "month", "year"]


def read_date(value: str) -> tuple[datetime, DateUnit]:
    """The first moment of the day, month or year `value` names, and which of them it
    names. The one reading of a date for the query language (`after:`, `before:`) and
    the reader's date dialog. Raises DateError, saying why when the form is right: the
    dialog took 2012-02-30 for a mistyped form ("use YYYY-MM-DD")."""
    match = _DATE.fullmatch(value) or DATE_IN_KANJI.fullmatch(value)
    if match is None:
        raise DateError(value)
    year, month, day = int(match["year"]), match["month"], match["day"]
    if year < 1:
        raise DateError(value, "the years start at 0001")
    if month is None:
        return datetime(year, 1, 1), "year"
    if not 1 <= int(month) <= 12:
        raise DateError(value, f"there is no month {month} (01 to 12)")
    if day is None:
        return datetime(year, int(month), 1), "month"
    days = calendar.monthrange(year, int(month))[1]
    if not 1 <= int(day) <= days:
        raise DateError(value, f"{_MONTHS[int(month) - 1]} {year} has {days} days")
    return datetime(year, int(month), int(day)), "day"


def parse_date(value: str) -> datetime | None:
    """The first moment of the day, month or year `value` names; None for no date."""
    try:
        return read_date(value)[0]
    except DateError:
        return None


# -- lexing -----------------------------------------------------------------------------
#
# The one reading of a query's words: the parser (`index.query`) builds its clauses on
# it, and the reader's dialogs (`index.query_edit`) and notices (`tui.notices`) find the
# filters and words in it, so that what they edit or count is what the search reads.
# No MeCab and no Whoosh here: words are told apart by spaces and quotes alone.

MINUS_LIKE = frozenset("ー\u2212")
"""Read as `-` at a word's start: the minus key gives ー in a Japanese IME's kana mode
(東京 ー大阪 was an AND, 73 hits where 東京 -大阪 finds 1,038), and − (U+2212) in some;
no word starts with either. (NFKC already reads － and ｰ so.)"""

OPERATORS = ("OR", "NOT", "AND")
"""Read as operators unquoted, in any width (ＯＲ is OR); "or" is a word."""

FIELD = re.compile(r"([A-Za-z_]+):(.*)", re.DOTALL)
"""`name:value`, as a word reads after NFKC (ｓｉｔｅ：x is site:x)."""


@dataclass(frozen=True, slots=True)
class Lexeme:
    """A word of a query (a quoted phrase whole, with the words around it that no space
    parts from it), as the parser reads it."""

    text: str
    """NFKC, any quote as `"`, a minus-like start (ー, −) as `-`."""
    start: int
    end: int
    """Where it is in the query as typed (`query[start:end]`), whatever NFKC made of it."""
    quoted: bool
    at_end: bool
    """Nothing (not even a space) follows it: as-you-type treats it as unfinished."""
    open_quote: bool = False
    """Its quote is not closed (as-you-type: the phrase is still being typed)."""
    field: str | None = None
    """A field filter's field name, lower-cased (any name: the parser says which it
    knows); None for a word, a phrase or an operator."""
    value: str = ""
    """A field filter's value as written, its quotes kept (`"Sports Watch"`)."""
    written: str = ""
    """`text` with its quotes as typed (「BlackBerry」, not `"BlackBerry"`)."""

    @property
    def operator(self) -> str | None:
        """OR, NOT or AND, unquoted; None for any other word."""
        return self.text if self.text in OPERATORS and not self.quoted else None

    @property
    def excluded(self) -> bool:
        """Left out by a leading `-` (or ー, −): `-ロシア`, `ーafter:2012`."""
        return len(self.text) > 1 and self.text.startswith("-")

    @property
    def body(self) -> str:
        """The word without the `-` that excludes it."""
        return self.text[1:] if self.excluded else self.text

    @property
    def kind(self) -> Literal["operator", "filter", "phrase", "word"]:
        """What the word is: an operator, a filter (`field:value`), a phrase (quoted), a word."""
        if self.operator is not None:
            return "operator"
        if self.field is not None:
            return "filter"
        return "phrase" if self.quoted else "word"


@dataclass(frozen=True, slots=True)
class Lexed:
    """A query's words, and the normal form they were read in."""

    text: str
    """The query as read: NFKC, any quote as `"`."""
    lexemes: tuple[Lexeme, ...]
    unclosed: int | None = None
    """Where in `text` a quote opens that nothing closes: it runs to the end (a phrase
    being typed, or a sentence pasted cut off within a quote)."""


def lex(query: str) -> Lexed:
    """`query`'s words as the parser reads them, each with its span in `query`.

    Never raises: an unclosed quote runs to the end (`Lexed.unclosed` says where it
    opened), as the parser reads it as you type. A control character is a space
    (`controls_as_spaces`)."""
    written, starts, ends = _read(controls_as_spaces(query))
    text = written.translate(QUOTES)
    lexemes: list[Lexeme] = []
    unclosed: int | None = None
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        quoted = open_quote = False
        while i < n and not text[i].isspace():
            if text[i] == '"' and written[i] not in CLOSING_ONLY:
                close = _closing(text, written, i, escapes=_opens_value(text, start, i))
                if close < 0:  # it runs to the end, or to a filter, an operator, a -word
                    unclosed, open_quote, close = i, True, _open_quote_end(text, i + 1) - 1
                quoted = True
                i = close + 1
            else:
                i += 1
        word, typed = text[start:i], written[start:i]
        if word[0] in MINUS_LIKE and word[1:2] not in MINUS_LIKE:
            word, typed = "-" + word[1:], "-" + typed[1:]
        field, value = _field(word)
        if field is not None and minus_first(value) and not word.startswith("-"):
            # title:-東京 is -title:東京: the - was dropped, and it found title:東京's 93
            at = len(word) - len(value)
            word, typed = f"-{word[:at]}{word[at + 1 :]}", f"-{typed[:at]}{typed[at + 1 :]}"
            value = value[1:]
        lexemes.append(
            Lexeme(
                word,
                starts[start],
                ends[i - 1],
                quoted,
                at_end=i >= n,
                open_quote=open_quote,
                field=field,
                value=value,
                written=typed,
            )
        )
    return Lexed(text, tuple(lexemes), unclosed)


ESCAPE = "\\"
"""In a filter's quoted value (`outlet:"…"`), a backslash before a quote or a backslash
takes it as written (`outlet:"a\\"b"` is a"b): so any value can be written
(`index.query_edit.quote_facet`).
Elsewhere, and before any other character, a backslash is text."""


def _opens_value(text: str, start: int, at: int) -> bool:
    """Whether the quote at `at` opens the value of the filter whose word starts at
    `start` (`outlet:"…`, `-person:「…`): its escapes are read (`ESCAPE`)."""
    word = text[start:at]
    return bool(_VALUE_OPENING.fullmatch(word[1:] if word[:1] in ("-", *MINUS_LIKE) else word))


_VALUE_OPENING = re.compile(r"[A-Za-z_]+:[-ー\u2212]?")  # (outlet:-"…" is -outlet:"…")


def minus_first(value: str) -> bool:
    """Whether a filter's value starts with a minus that leaves the filter out
    (`title:-東京` is `-title:東京`), as a word's does: -, ー or −, a word after it."""
    return len(value) > 1 and value[0] in ("-", *MINUS_LIKE) and value[1] not in ("-", *MINUS_LIKE)


def _closing(text: str, written: str, at: int, *, escapes: bool) -> int:
    """Where the quote opened at `at` closes in the query (`text` as `lex` reads it,
    `written` its quotes as typed), or -1: 「 at its 」 (a quote within: 『夢の扉 特別編
    「20年後の君へ」』), else at the next quote (「東京" as an IME may leave it); with
    `escapes`, not at a quote a backslash takes as written."""
    closing = CLOSING_QUOTES.get(written[at])
    if not escapes:
        close = -1 if closing is None else written.find(closing, at + 1)
        return close if close >= 0 else text.find('"', at + 1)
    first_quote = -1
    k = at + 1
    while k < len(text):
        if written[k] == ESCAPE and k + 1 < len(text) and _escaped(text[k + 1]):
            k += 2
            continue
        if written[k] == closing:
            return k
        if text[k] == '"' and first_quote < 0:
            if closing is None:
                return k
            first_quote = k
        k += 1
    return first_quote


def _escaped(char: str) -> bool:
    """Whether a backslash before `char` (as `lex` reads it) takes it as written."""
    return char in ('"', ESCAPE)


def filter_value(lexeme: Lexeme) -> tuple[str, bool]:
    """(value, quoted) of a filter's lexeme, as the parser takes it. A value quoted
    whole (`outlet:"CNN"`, `outlet:『「CNN」日本版』`) is what is between its quotes, the
    quotes in it kept and its escapes read (`ESCAPE`): the quotes in it were dropped, and
    the picker's row for the outlet 「CNN」日本版 found nothing (it was CNN日本版). Any
    other has its quotes dropped (`outlet:"Sports Watch`, being typed). Either is trimmed."""
    raw = lexeme.value
    written = lexeme.written[len(lexeme.text) - len(raw) :]
    if (
        len(raw) > 1
        and raw[0] == '"'
        and written[0] not in CLOSING_ONLY
        and _closing(raw, written, 0, escapes=True) == len(raw) - 1
    ):
        inner = written[1:-1]
        return _ESCAPED.sub(lambda found: found.group(1), inner).strip(), True
    return raw.replace('"', "").strip(), len(raw) > 1 and raw[0] == raw[-1] == '"'


_ESCAPED = re.compile(r"\\([\\\"“”„‟「」『』])")
"""A backslash and the character it takes as written (`ESCAPE`), in a value as typed."""


FILTER_NAMES = frozenset(("site", "outlet", "person", "place", "org", "title", *DATE_FIELDS))
"""The field filters' names (`index.query.FIELD_NAMES`, which a test keeps equal): a
word `name:value` after an open quote ends it (`_open_quote_end`)."""

_WORD_AFTER_SPACE = re.compile(r"\s+(\S+)")


def _open_quote_end(text: str, at: int) -> int:
    """Where a quote opened before `at` in `text` (as `lex` reads it) that nothing closes
    ends: before the white space before a word that is a field filter (`after:2012`), an
    operator (OR, AND, NOT) or a word left out (`-大阪`, `ー大阪`), else at the end. A
    phrase being typed (`「東京`) or pasted cut off in a quote (`と題し、「常に憧れ目標`)
    runs to the end; `「東京 after:2012-01` swallowed the filter into the phrase (0 hits)."""
    for found in _WORD_AFTER_SPACE.finditer(text, at):
        word = found.group(1)
        field = FIELD.match(word)
        if (
            (word in OPERATORS and not _between_latin_words(text, found))
            or (field is not None and field.group(1).lower() in FILTER_NAMES)
            or (
                len(word) > 1
                and (word[0] == "-" or word[0] in MINUS_LIKE)
                and word[1] != "-"
                and word[1] not in MINUS_LIKE
            )
        ):
            return found.start()
    return len(text)


_NEXT_WORD = re.compile(r"\s+(\S)")


def _between_latin_words(text: str, operator: re.Match[str]) -> bool:
    """Whether the operator found after a space in `text` stands between two words in
    Latin letters, as in a title pasted cut off in a quote (`"Do NOT Disturb`,
    `「DEAD OR ALIVE`, 『SEX AND THE CITY): the title's word, not an operator (a quote
    ended there: "Do NOT Disturb found 12 articles, not its 1)."""
    after = _NEXT_WORD.match(text, operator.end())
    return (
        operator.start() > 0
        and after is not None
        and _latin(text[operator.start() - 1])
        and _latin(after.group(1))
    )


def _latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN ")


def as_word(form: str) -> str:
    """A query that searches `form` as one word: `form` itself when the lexer reads it
    so, else quoted (an operator in any width, AND, ＯＲ; a leading minus, − or ー;
    field:value; a space), the quotes it holds dropped. The word cursor's `*` searched
    AND unquoted, and said "AND (noun) is not indexed"."""
    read = lex(form).lexemes
    if len(read) == 1 and read[0].kind == "word" and not read[0].excluded:
        return form
    return '"' + "".join(c for c in form if not _reads_as_quote(c)) + '"'


def _reads_as_quote(char: str) -> bool:
    """Whether the lexer reads `char` as a quote (`"`, ＂, 「, 」, “, …)."""
    return unicodedata.normalize("NFKC", char).translate(QUOTES) == '"'


def _field(word: str) -> tuple[str | None, str]:
    """(field, value) of a `field:value` word (or `-field:value`), else (None, '')."""
    body = word[1:] if len(word) > 1 and word.startswith("-") else word
    match = FIELD.fullmatch(body) if not body.startswith('"') else None
    if match is None or match.group(2).startswith("//"):
        return None, ""  # a pasted URL (https://…) is text to find, not a field
    return match.group(1).lower(), match.group(2)


def _read(query: str) -> tuple[str, list[int], list[int]]:
    """`query` as the parser reads it (NFKC; `lex` reads any quote as `"`), and for each
    of its characters the span of `query` it comes from (start, end).

    NFKC may compose (ｶﾞ: ガ) or expand (㍿: 株式会社): each run of characters it
    reads together maps to the whole run. The text read is NFKC of the whole query
    always; where it differs from the runs' (never, for text a user types), every
    character maps to the whole query."""
    whole = unicodedata.normalize("NFKC", query)
    if whole == query:
        return whole, list(range(len(query))), list(range(1, len(query) + 1))
    runs: list[tuple[int, int, str]] = []  # (start, end, NFKC) in `query`
    for k, char in enumerate(query):
        alone = unicodedata.normalize("NFKC", char)
        if runs:
            start, _, read = runs[-1]
            last = read[-1:]
            if (alone and unicodedata.combining(alone[0])) or unicodedata.normalize(
                "NFKC", last + char
            ) != last + alone:
                runs[-1] = (start, k + 1, unicodedata.normalize("NFKC", query[start : k + 1]))
                continue
        runs.append((k, k + 1, alone))
    if "".join(read for _, _, read in runs) != whole:
        runs = [(0, len(query), whole)]
    starts = [start for start, _, read in runs for _ in read]
    ends = [end for _, end, read in runs for _ in read]
    return whole, starts, ends


@dataclass(frozen=True, slots=True)
class Filter:
    """A field filter of a query (`site:x`, `-after:2012`, `NOT person:本田`)."""

    field: str
    value: str
    """As the parser takes it: its quotes dropped, the spaces around it trimmed."""
    start: int
    end: int
    """Its span in the query as typed, the NOT before it included."""
    negated: bool
    """Left out (by -, ー, − or NOT): the query excludes what it matches."""
    alternative: bool
    """Joined by OR to the clause before or after it."""


def filters(query: str) -> list[Filter]:
    """The field filters of `query`, read as the parser reads them: not the text of a
    quoted phrase (`"会見 after:2012"`), wherever NFKC or an IME's minus makes one (ー
    after:2012, ｓｉｔｅ：x). Lenient: a query the parser refuses still has them."""
    lexemes = lex(query).lexemes
    found: list[Filter] = []
    for index, lexeme in enumerate(lexemes):
        if lexeme.field is None:
            continue
        first = index - 1 if index and lexemes[index - 1].operator == "NOT" else index
        before = lexemes[first - 1].operator if first else None
        after = lexemes[index + 1].operator if index + 1 < len(lexemes) else None
        found.append(
            Filter(
                lexeme.field,
                filter_value(lexeme)[0],
                lexemes[first].start,
                lexeme.end,
                negated=lexeme.excluded or first < index,
                alternative="OR" in (before, after),
            )
        )
    return found
