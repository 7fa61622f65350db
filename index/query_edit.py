"""Editing the query's text from the reader's dialogs: a facet picked, a date range.

The dialogs speak in values (an outlet, `2012-03..2012-06`); the query in its own
language (`outlet:"…"`, `after:2012-03 before:2012-07`). These functions go from one
to the other, and find the filters a query already holds where `index.query` finds
them: both read it with `index.syntax.filters` (no regex of their own, which had
missed ーafter:2012, typed with an IME's minus, and found after: in a quoted phrase).
They write what the lexer reads, so they are beside it in `index/` (they were in `tui/`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import datetime, timedelta

from index.errors import DateError
from index.sanitize import printable
from index.syntax import (
    DATE_FIELDS,
    ESCAPE,
    QUOTES,
    DateUnit,
    Filter,
    Lexeme,
    filter_value,
    filters,
    lex,
    parse_date,
    read_date,
)


def quote_facet(name: str, value: str) -> str:
    """The filter `name:` of `value` alone, quoted so that the query reads `value` back
    as it is (in NFKC, trimmed, as the query reads any): `outlet:"Sports Watch"`; one
    holding quotes within quotes it does not hold (`outlet:『「CNN」日本版』`), else with
    its quotes and backslashes escaped (`ESCAPE`). The quotes were dropped, and the
    outlet 「CNN」日本版 (its picker row: 1 article) was written `outlet:"「CNN」日本版"`,
    read as CNN日本版: 0 hits."""
    wanted = unicodedata.normalize("NFKC", value).strip()
    for opening, closing in _VALUE_QUOTES:
        written = f"{name}:{opening}{value}{closing}"
        read = lex(written).lexemes
        if len(read) == 1 and _reads_as(read[0], name, wanted):
            return written
    escaped = "".join(ESCAPE + char if _needs_escape(char) else char for char in value)
    return f'{name}:"{escaped}"'


def _reads_as(lexeme: Lexeme, name: str, value: str) -> bool:
    """Whether `lexeme` is the filter `name:` of `value` alone, its quotes closed."""
    return (
        lexeme.field == name.lower()
        and not (lexeme.excluded or lexeme.open_quote)
        and filter_value(lexeme) == (value, True)
    )


_VALUE_QUOTES = (('"', '"'), ("『", "』"), ("「", "」"), ("“", "”"))
"""The quotes `quote_facet` writes a value in: the first that reads it back as it is."""


def _needs_escape(char: str) -> bool:
    """Whether a backslash goes before `char` in a value `quote_facet` escapes: a quote
    or a backslash, as the query reads it (＂ and ＼ too)."""
    read = unicodedata.normalize("NFKC", char).translate(QUOTES)
    return read in ('"', ESCAPE)


def without_facet(query: str, name: str) -> str:
    """The query without its `name:` filters, where one of another value can take their
    place: those standing alone, not an alternative of an OR nor negated (-, ー, NOT).
    The field name in any case or width (ｐｅｒｓｏｎ:); in a quoted phrase, words."""
    return _without(
        query, lambda found: found.field == name and not (found.negated or found.alternative)
    )


def without_last_filter(query: str) -> str | None:
    """`query` without the date or facet filter it ends with (its NOT or minus, the
    white space before it, and an OR or AND it leaves joining nothing), or None if it
    ends with none: what Backspace over the reader's hits leaves.
    (`without_facet` drops every filter of a kind.)

    A date range, `after:` and `before:` side by side as the `d` dialog writes it, goes
    whole: `before:` alone left `after:2012-06`, a range never picked (review). A filter
    inside a group (`(東京 OR after:2012)`) stays for Backspace to edit: taken whole, its
    parenthesis would go too. `title:` holds words, edited as words are."""
    from index.query import FACETS  # (not at import: the reader lexes queries at start)

    found = filters(query)
    shown = query.rstrip()
    if not found or found[-1].end != len(shown):
        return None
    last = found[-1]
    if last.field not in (*FACETS, *DATE_FIELDS) or shown[-1] in ")）":
        return None
    start = last.start
    if len(found) > 1 and last.field in DATE_FIELDS and not (last.negated or last.alternative):
        other = found[-2]
        if (
            other.field in DATE_FIELDS
            and other.field != last.field
            and not (other.negated or other.alternative)
            and not query[other.end : last.start].strip()
        ):
            start = other.start
    left = query[:start].rstrip()
    lexemes = lex(left).lexemes
    if lexemes and lexemes[-1].operator in ("OR", "AND"):
        left = left[: lexemes[-1].start].rstrip()
    return left


def _without(query: str, dropped: Callable[[Filter], bool]) -> str:
    """`query` without the filters `dropped` picks (and the NOT before one), its spaces
    made single. One joined by OR goes with the OR that joined it (the one after it,
    else the one before): `会見 OR after:2012 OR 停戦` is `会見 OR 停戦`, and `東京 OR
    after:2012` is `東京`, not `東京 OR`."""
    lexemes = lex(query).lexemes
    found = iter(filters(query))  # one per lexeme with a field, in order
    gone: set[int] = set()
    for index, lexeme in enumerate(lexemes):
        if lexeme.field is None:
            continue
        which = next(found)
        if not dropped(which):
            continue
        first = index - 1 if index and lexemes[index - 1].operator == "NOT" else index
        gone.update(range(first, index + 1))
        if which.alternative:
            before = first - 1
            while before >= 0 and before in gone:  # past an alternative dropped before
                before -= 1
            if index + 1 < len(lexemes) and lexemes[index + 1].operator == "OR":
                gone.add(index + 1)
            elif before >= 0 and lexemes[before].operator == "OR":
                gone.add(before)
    pieces: list[str] = []
    end = 0
    for index in sorted(gone):
        pieces.append(query[end : lexemes[index].start])
        end = lexemes[index].end
    pieces.append(query[end:])
    return " ".join(" ".join(pieces).split())


_DATE_TYPING = str.maketrans({"ー": "-", "−": "-", "‐": "-", "〜": "~"})
"""Dashes and the wave an IME types in a date (after NFKC, which takes full-width
digits and ～ to ASCII): ２０１２ー０３〜０６ is 2012-03..06, read as 2012-03..2012-06."""


def _date_ascii(typed: str) -> str:
    """A range typed in the date dialog, as ASCII: full-width or IME forms, spaces gone,
    ~ as .. (the query language takes ２０１２－０３; the dialog refused it)."""
    text = unicodedata.normalize("NFKC", typed).translate(_DATE_TYPING)
    return "".join(text.split()).replace("~", "..")


def _date_typed(typed: str) -> str:
    """A range typed in the date dialog (`_date_ascii`), its end written whole where it
    is a part of a date after the start's: a month alone after a month is of its year
    (2012-03..06 is 2012-03..2012-06: the dialog said "'06' is not a date"); a number
    alone after a day is a day of its month (2012-03-05..10 is 5 to 10 March: it was
    read as a month, to October); a month and a day after a month or a day are of its
    year (2012-03-05..04-10), or of the next where the range so runs over New Year into
    a month at most two after the start's (`_year_of_end`: 2012-12-25..01-05 is to 5
    January 2013, 2012-11..01 November to January). After a year alone none is
    written whole: 2012..06 is no date. (`_day_for_a_month` says which day alone is
    refused.)"""
    since, dots, until = _date_ascii(typed).partition("..")
    if not dots:
        return since
    try:
        start, unit = read_date(since)
    except DateError:
        return f"{since}{dots}{until}"
    in_kanji = _END_IN_KANJI.fullmatch(until)
    if in_kanji is not None:
        until = _end_in_kanji(start, unit, in_kanji["month"], in_kanji["day"]) or until
    elif unit == "day" and _ALONE.fullmatch(until):
        until = f"{start.year:04d}-{start.month:02d}-{until.zfill(2)}"
    elif unit != "year" and _ALONE.fullmatch(until):
        until = f"{_year_of_end(start, int(until)):04d}-{until.zfill(2)}"
    elif unit != "year" and _MONTH_DAY.fullmatch(until):
        month, day = re.split("[-/]", until)
        year = _year_of_end(start, int(month))
        until = f"{year:04d}-{month.zfill(2)}-{day.zfill(2)}"
    return f"{since}{dots}{until}"


def _end_in_kanji(
    start: datetime, unit: DateUnit, month: str | None, day: str | None
) -> str | None:
    """A range's end typed as Japanese writes it without its year, written whole: a day
    (10日) after a day is of its month; a month (6月), or a month and a day (4月10日),
    after a month or a day is of its year, or of the next over New Year
    (`_year_of_end`). None for a day after a month (2012年3月〜6日) and for anything
    after a year: no date."""
    if unit == "year":
        return None
    if month is not None:
        written = f"{_year_of_end(start, int(month)):04d}-{int(month):02d}"
        return f"{written}-{int(day):02d}" if day else written
    if unit == "day" and day is not None:
        return f"{start.year:04d}-{start.month:02d}-{int(day):02d}"
    return None


NEXT_YEAR_MONTHS = 2
"""How many months after the start's an end typed without its year may be in the next
year (`_year_of_end`): a range over New Year of three months at most."""


def _year_of_end(start: datetime, month: int) -> int:
    """The year of a range's end typed without one (its `month`), after `start`: the
    start's, or the next where its month is before the start's and at most
    `NEXT_YEAR_MONTHS` after it across New Year: 2012-12-25..01-05 and 2012-11-25..01-05
    are ranges over New Year, 2012-12..02 December to February. Any other end before
    the start is refused, "the earlier date goes first": 2012-06..03 and 2012-12..11 are
    likelier the ends swapped than a range of ten or eleven months (2012-12..11 was read
    as December 2012 to November 2013, while 2012-06..03 was refused)."""
    ahead = (month - start.month) % 12
    return start.year + 1 if month < start.month and ahead <= NEXT_YEAR_MONTHS else start.year


_ALONE = re.compile(r"[0-9]{1,2}")
"""A month alone (after a month) or a day alone (after a day): `06`, `6`."""

_MONTH_DAY = re.compile(r"[0-9]{1,2}([-/])[0-9]{1,2}")
"""A month and a day without their year: `04-10`, `4/10`."""

_END_IN_KANJI = re.compile(r"(?=.)(?:(?P<month>[0-9]{1,2})月)?(?:(?P<day>[0-9]{1,2})日)?")
"""A month, a day or both without their year, as Japanese writes them: `6月`, `10日`,
`4月10日` (`index.syntax.DATE_IN_KANJI` without its year)."""


def _day_for_a_month(typed: str) -> str | None:
    """What the date dialog says of a number alone after a day, a day of its month,
    that is before that day and could be a month (2012-03-15..06): refused, not read
    as 2012-03-06 nor as June; None for any other range."""
    since, dots, until = _date_ascii(typed).partition("..")
    if not (dots and _ALONE.fullmatch(until) and 1 <= int(until) <= 12):
        return None
    try:
        start, unit = read_date(since)
    except DateError:
        return None
    if unit != "day" or int(until) >= start.day:
        return None
    day = f"{start.year:04d}-{start.month:02d}-{until.zfill(2)}"
    month = f"{_year_of_end(start, int(until)):04d}-{until.zfill(2)}"
    return (
        f"{until!r} after a day is a day of its month: {day} is before {since}; "
        f"for a month, write it whole ({month})"
    )


def date_clause(typed: str) -> str:
    """`after:A before:B` from `A..B`, both ends included (either side optional): 2012-03
    ..2012-06 is March to June, so before:2012-07. A lone date is that day, month or
    year (2012-03: March 2012; it meant "from then on", which `2012-03..` says)."""
    typed = _date_typed(typed)
    since, dots, until = typed.partition("..")
    if not dots:
        until = since
    since = _shifted(since, 0) or since  # written as the query's dates are: 2012/03 is 2012-03
    parts = [f"after:{since}"] if since else []
    if until:
        parts.append(f"before:{_day_after(until)}")
    return " ".join(parts)


def date_range_error(typed: str) -> str | None:
    """What is wrong with a range typed in the date dialog, or None: each side must be a
    date (2012-13 was taken, and the list then said the query was wrong), read as the
    query reads one (`index.syntax.read_date`): it refused 2012/03, and said of
    2012-02-30 only that it was no date."""
    ambiguous = _day_for_a_month(typed)
    if ambiguous is not None:
        return ambiguous
    typed_end = _date_ascii(typed).partition("..")[2]
    typed = _date_typed(typed)
    for side in typed.split("..", 1):
        if side:
            try:
                read_date(side)
            except DateError as error:
                return str(error)
    since, dots, until = typed.partition("..")
    if since and dots and until:
        first, after_last = parse_date(since), parse_date(_day_after(until))
        if first is not None and after_last is not None and first >= after_last:
            # after:2012-06 before:2012-04 matches nothing, and the list said only that.
            swapped = f"{since} is after {until}: the earlier date goes first ({until}..{since})"
            if typed_end != until and first.month > (parse_date(until) or first).month:
                # 2012-12..11 (a month without its year, before the start's): why
                # 2012-12..02 is read over New Year and this is not
                swapped += "; an end without its year is the next year's up to two months on"
            return swapped
    return None


def date_range_of(query: str) -> str | None:
    """The query's date filters as the date dialog takes them (`date_clause` undone):
    after:2012-03 before:2012-07 is 2012-03..2012-06; '' without any; None when they
    are no range (`unshown_dates`)."""
    if unshown_dates(query) is not None:
        return None
    dates = [f for f in filters(query) if f.field in DATE_FIELDS and f.value]
    if not dates:
        return ""
    # Several of a kind all hold (after:2012 after:2014 is from 2014): the latest after:
    # and the earliest before: are the range. The last written was shown, and Enter
    # wrote it in their place (after:2014 after:2012 widened to 2012..).
    afters = [f.value for f in dates if f.field == "after"]
    befores = [f.value for f in dates if f.field == "before"]
    since: str = max(afters, key=_moment) if afters else ""
    until = _day_before(min(befores, key=_moment)) if befores else ""
    if since and since == until:
        return since  # one day, month or year, as typed (2012-02, not 2012-02..2012-02)
    return f"{since}..{until}"


def unshown_dates(query: str) -> str | None:
    """What the date dialog says of the query's date filters that no range `date_clause`
    writes can stand for (as typed, and why), or None: one left out (`-after:2012` is
    before 2012) or joined by OR (`after:2012 OR before:2010`). The dialog showed them
    as a range (2012.. of -after:2012) and Enter, the range unchanged, wrote it in
    their place: the opposite."""
    odd = [
        found
        for found in filters(query)
        if found.field in DATE_FIELDS and (found.negated or found.alternative)
    ]
    if not odd:
        return None
    typed = ", ".join(printable(" ".join(query[f.start : f.end].split())) for f in odd)
    why = ", ".join(
        how
        for how, any_such in (
            ("left out", any(f.negated for f in odd)),
            ("joined by OR", any(f.alternative for f in odd)),
        )
        if any_such
    )
    if len(odd) == 1:
        return f"The query's date filter {typed} ({why}) is no range this dialog can show."
    return f"The query's date filters {typed} ({why}) are no range this dialog can show."


def without_dates(query: str) -> str:
    """The query without its after: and before: filters (and the NOT of one: none is
    left to negate the range that takes their place)."""
    return _without(query, lambda found: found.field in DATE_FIELDS)


def _moment(value: str) -> datetime:
    """When the date `value` starts; the earliest moment when it is no date (the query
    then says what is wrong with it)."""
    return parse_date(value) or datetime.min


def _day_before(before: str) -> str:
    """The last year, month or day before `before` (exclusive), written as precisely."""
    return _shifted(before, -1) or before


def _day_after(until: str) -> str:
    """The first day after the year, month or day `until` names, written as precisely;
    `until` itself when it is no date (the query then says what is wrong with it)."""
    return _shifted(until, 1) or until


def _shifted(value: str, step: int) -> str | None:
    """The year, month or day `step` after the one `value` names (as `read_date` reads
    it), written as precisely, with `-`; None when it is no date (or the step leaves
    the calendar)."""
    try:
        start, unit = read_date(value)
    except DateError:
        return None
    try:
        if unit == "day":
            day = start + timedelta(days=step)
            return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
        if unit == "month":
            months = start.year * 12 + start.month - 1 + step
            shifted = f"{months // 12:04d}-{months % 12 + 1:02d}"
        else:
            shifted = f"{start.year + step:04d}"
    except OverflowError:
        return None
    return shifted if parse_date(shifted) is not None else None  # (past 9999, before 0001)
